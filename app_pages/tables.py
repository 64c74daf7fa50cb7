"""The regional table, full or filtered, and its downloads (CSV, XLSX with sources, GeoJSON)."""

import datetime as dt

import streamlit as st

from regions import table as tables
from regions.i18n import t
from regions.labels import source_lines, user_source_line
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
    shown = shown[shown["iso_code"].isin([*codes, "KZ"])]
if users:
    shown = tables.with_user_columns(shown, layout, users)
st.caption(t("tables_rows", lang, n=int((shown["iso_code"] != "KZ").sum()), total=len(full)))
st.dataframe(shown, hide_index=True, width="stretch")
common.source(source_lines(["registry.json", f"geography_{layout}.csv", "roles.json", "statistics.csv"]))
for ind in users:
    common.source(user_source_line(ind, lang))

today = dt.date.today().isoformat()
c1, c2, c3 = st.columns(3)
for col, fmt, mime in (
    (c1, "csv", "text/csv"),
    (c2, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (c3, "geojson", "application/geo+json"),
):
    with col:
        st.download_button(
            t(f"download_{fmt}", lang),
            # With the user's own columns the file is built for this session only, never cached.
            data=(
                tables.export(shown, fmt, layout, users)
                if users
                else cache.export(layout, fmt, codes, with_national, rule)
            ),
            file_name=tables.download_name(layout, fmt, today, filtered=codes is not None),
            mime=mime,
            on_click="ignore",
            key=f"dl_{fmt}",
            width="stretch",
        )
st.caption(t("download_note", lang))
