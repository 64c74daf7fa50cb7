"""The address: the passages the roles rest on, the national targets and reforms, latest measured values."""

import streamlit as st

from regions.base.i18n import pick, t
from regions.base.metadata import translated
from regions.geo import registry
from regions.pages.delivery import TARGET_IDS, reported_source_lines, reported_table, target_view
from regions.policy import roles, targets
from regions.present.labels import format_indicator, format_number, source_lines
from ui import common
from ui import state as view_state

v = view_state.current()
lang, layout = v.lang, v.layout

st.title(t("address_title", lang))
st.write(t("address_intro", lang))

st.header(t("roles_header", lang))
for role in roles.load_roles():
    with st.container(border=True):
        st.subheader(pick(role.name, lang))
        for q in role.quotes:
            common.quote(q.text, q.source, lang)
        units = roles.units_2020(role)
        st.markdown(f"**{t('assigned_2020', lang)}:** " + ", ".join(registry.name(c, lang) for c in units))
        if role.interpretation:
            st.markdown(f"**{t('interpretation', lang)}:** {pick(role.interpretation, lang)}")
common.source(source_lines(["roles.json", "sources/address-2020-excerpt.txt"], lang))

st.header(t("targets_header", lang))
for target in targets.load_targets():
    with st.container(border=True):
        st.subheader(pick(target["name"], lang))
        st.caption(t(f"kind_{target['kind']}", lang))
        for q in target["quotes"]:
            common.quote(q["text"], q["source"], lang)
        notes = target.get("notes") or {}
        if notes:
            shown_note = notes.get(lang) or translated(notes.get("en"), lang)
            st.markdown(f"_{shown_note}_")
        reported = reported_table(target["id"], lang)
        if reported is not None:
            # National figures stated by the government and reported by a news agency (not BNS tables).
            st.table(reported, hide_index=True)
            common.source(reported_source_lines(target["id"], lang))
        progress = targets.target_progress(target["id"], layout)
        if progress is None:
            st.write(t("no_measured_value", lang))
            continue
        ind = target["indicator"]["id"]
        if target["id"] in TARGET_IDS:
            # The real change leads (the target is about volume); the nominal ratio follows, labelled.
            view = target_view(target["id"], layout, lang)
            st.markdown(f"**{view.headline}**")
            if view.status:
                st.info(view.status)
        st.warning(t("nominal_warning", lang))
        national = progress[progress["iso_code"] == "KZ"]
        if not national.empty:
            row = national.iloc[0]
            ratio = row["ratio"]
            st.metric(
                t("latest_vs_base", lang, base=int(row["base_year"]), latest=int(row["latest_year"]))
                + f" ({t('delivery_nominal', lang)})",
                f"× {format_number(ratio, 2, lang)}" if ratio == ratio else t("missing", lang),
                help=t("nominal_warning", lang),
            )
            st.caption(
                f"{format_indicator(ind, row['base_value'], lang)} → {format_indicator(ind, row['latest_value'], lang)}"
            )
        # People's table: names, formatted figures with units, "no data" for missing (never None or NaN).
        shown = {
            t("region", lang): [
                t("kazakhstan", lang) if c == "KZ" else registry.name(c, lang) for c in progress["iso_code"]
            ],
            t("prog_base_year", lang): [str(int(y)) for y in progress["base_year"]],
            t("prog_base_value", lang): [format_indicator(ind, v, lang) for v in progress["base_value"]],
            t("prog_latest_year", lang): [str(int(y)) for y in progress["latest_year"]],
            t("prog_latest_value", lang): [format_indicator(ind, v, lang) for v in progress["latest_value"]],
            t("prog_ratio", lang): [
                f"× {format_number(r, 2, lang)}" if r == r else t("missing", lang) for r in progress["ratio"]
            ],
        }
        st.dataframe(shown, hide_index=True, width="stretch")
        common.source(source_lines(["targets.json", "statistics.csv"], lang))
