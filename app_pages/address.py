"""The address: the passages the roles rest on, the national targets and reforms, latest measured values."""

import streamlit as st

from regions import registry, roles, targets
from regions.i18n import pick, t
from regions.labels import format_indicator, source_lines
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
        if target.get("notes"):
            st.markdown(f"_{pick(target['notes'], lang)}_")
        progress = targets.target_progress(target["id"], layout)
        if progress is None:
            st.write(t("no_measured_value", lang))
            continue
        ind = target["indicator"]["id"]
        shown = progress.copy()
        shown.insert(
            0,
            t("region", lang),
            [t("kazakhstan", lang) if c == "KZ" else registry.name(c, lang) for c in shown["iso_code"]],
        )
        national = shown[shown["iso_code"] == "KZ"]
        if not national.empty:
            row = national.iloc[0]
            st.metric(
                t("latest_vs_base", lang, base=int(row["base_year"]), latest=int(row["latest_year"])),
                f"× {row['ratio']:.2f}" if row["ratio"] == row["ratio"] else "—",
                help=t("nominal_warning", lang),
            )
            st.caption(
                f"{format_indicator(ind, row['base_value'], lang)} → {format_indicator(ind, row['latest_value'], lang)}"
            )
        st.dataframe(shown, hide_index=True, width="stretch")
        st.warning(t("nominal_warning", lang))
        common.source(source_lines(["targets.json", "statistics.csv"], lang))
