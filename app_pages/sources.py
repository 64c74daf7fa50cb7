"""Sources and method: every data set's metadata and licence, how figures were computed, caveats."""

import streamlit as st

from regions import sectors
from regions.i18n import pick, t
from regions.metadata import all_data_files, load_meta
from regions.paths import DATA
from ui import cache, common
from ui import state as view_state

lang = view_state.current().lang
st.title(t("sources_title", lang))
st.write(t("sources_intro", lang))

st.header(t("method_header", lang))
st.markdown(t("method_text", lang))
st.markdown(f"**{t('sector_rule', lang)}:** {sectors.sector_rule_text(lang)}")

st.header(t("indicators_header", lang))
for ind_id, meta in cache.indicators().items():
    with st.expander(f"{pick(meta['name'], lang)} ({pick(meta['unit'], lang)}) — `{ind_id}`"):
        st.markdown(
            f"**{t('kind', lang)}:** {meta['kind']} · **{t('method', lang)}:** {meta.get('method', '')}"
        )
        notes = meta.get("notes") or {}
        if notes:
            st.markdown(f"**{t('notes', lang)}:** {pick(notes, lang)}")
        st.dataframe(meta["sources"], width="stretch")

st.header(t("datasets_header", lang))
for path in all_data_files():
    rel = path.relative_to(DATA).as_posix()
    meta = load_meta(path)
    with st.expander(f"{meta['title']} — `data/{rel}`"):
        st.write(meta["description"])
        st.markdown(f"**{t('licence', lang)}:** {meta['licence']}")
        if meta.get("method"):
            st.markdown(f"**{t('method', lang)}:** {meta['method']}")
        for step in meta.get("steps", []):
            st.markdown(f"- {step}")
        for caveat in meta.get("caveats", []):
            st.markdown(f"- {caveat}")
        st.dataframe(meta["sources"], width="stretch")
common.source(t("sources_footer", lang))
