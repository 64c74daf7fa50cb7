"""The regional table, full or filtered, and its downloads (CSV, XLSX with sources, GeoJSON)."""

import datetime as dt

import streamlit as st

from regions.base.i18n import t
from regions.exports import table as tables
from regions.present.labels import source_lines, table_column_label, table_flag_notes, user_source_line
from regions.stats import statistics
from regions.stats.columns import NATIONAL, parse_column
from ui import cache, common, uploads
from ui import state as view_state

v = view_state.current()
lang, layout, rule = v.lang, v.layout, v.lineage

st.title(t("tables_title", lang))
uploads.panel()
users = list(view_state.user_indicators().values())
full = cache.regional_table(layout, lineage_rule=rule)
matches = cache.matching_units(v.sectors, v.mode, layout, rule)
only_filtered = False
if matches is not None:
    only_filtered = st.toggle(
        t("tables_only_filtered", lang, n=len(matches)), value=True, key="w_only_filtered"
    )
with_national = st.checkbox(t("with_national", lang), value=False, key="w_with_national")
codes = tuple(matches) if only_filtered and matches is not None else None

shown = cache.regional_table(layout, with_national=with_national, lineage_rule=rule)
if codes is not None:
    shown = shown[shown["iso_code"].isin([*codes, NATIONAL])]
if users:
    shown = tables.with_user_columns(shown, layout, users)
today = dt.date.today().isoformat()
n_rows = int((shown["iso_code"] != NATIONAL).sum())
# Which view made the file: written on the XLSX's "view" sheet (the other formats stay plain data).
view = tuple(
    tables.view_rows(
        layout,
        lang,
        date=today,
        lineage_rule=rule,
        sectors=v.sectors if codes is not None else (),
        mode=v.mode,
        rows=t("tables_rows", lang, n=n_rows, total=len(full)),
        with_national=with_national,
    )
)
# Downloads first: on a phone the table and its sources would push them far down the page.
for col, (fmt, mime) in zip(
    st.columns(4),
    (
        ("csv", "text/csv"),
        ("zip", "application/zip"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("geojson", "application/geo+json"),
    ),
    strict=True,
):
    with col:
        st.download_button(
            t(f"download_{fmt}", lang),
            # With the user's own columns the file is built for this session only, never cached.
            data=(
                tables.export(shown, fmt, layout, users, lang, view)
                if users
                else cache.export(
                    layout, fmt, codes, with_national, rule, lang, view if fmt == "xlsx" else ()
                )
            ),
            file_name=tables.download_name(layout, fmt, today, filtered=codes is not None),
            mime=mime,
            on_click="ignore",
            key=f"dl_{fmt}",
            width="stretch",
        )
st.caption(t("download_note", lang))

# On screen: one year of the indicators at a time (seventy year columns are unreadable), headers in the
# page's language with their units. The downloads keep every column under its machine id.
indicators = statistics.load_indicators()
years = sorted({p[1] for c in shown.columns if (p := parse_column(c, indicators)) is not None}, reverse=True)
ALL = "all"
year = st.selectbox(
    t("table_year", lang),
    [*years, ALL],
    format_func=lambda y: t("table_all_years", lang) if y == ALL else str(y),
    key=view_state.widget_key("w_table_year"),
)
keep = [c for c in shown.columns if (p := parse_column(c, indicators)) is None or year == ALL or p[1] == year]
st.caption(t("tables_rows", lang, n=n_rows, total=len(full)))
# Figures written for the language with each indicator's decimals, units in the headers, the name pinned.
common.people_table(
    tables.for_people(shown[keep], layout, lang),
    labels={c: table_column_label(c, lang, with_year=year == ALL) for c in keep},
    pinned=[f"name_{lang}"],
    decimals={c: d for c in keep if (d := tables.column_decimals(c)) is not None},
    user_columns=[u.id for u in users],
    hide_index=True,
    width="stretch",
)
for line in table_flag_notes(keep, lang):  # what the [prelim.] / [series break] marks of the headers mean
    st.caption(line)
# One short line under the table, the full citation folded (ui.common.source).
common.source(
    source_lines(["registry.json", f"geography_{layout}.csv", "roles.json", "statistics.csv"], lang)
)
for ind in users:
    common.source(user_source_line(ind, lang))
