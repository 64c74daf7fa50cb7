"""Sources and method: every data set's metadata and licence, how figures were computed, caveats.

Short recorded fields (titles, descriptions, producers, licences, indicator methods and notes) are shown in
the page's language (:func:`regions.base.metadata.translated`); the long technical record (steps, caveats, the
data sets' methods, notes on raw files) is folded under a label that says it is shown as recorded, in
English.
"""

import streamlit as st

from regions.base.i18n import pick, t
from regions.base.metadata import all_data_files, load_meta, translated
from regions.policy import sectors
from ui import cache, common
from ui import state as view_state

TRANSLATED_FIELDS = {"producer", "title", "reference_year", "licence"}


def source_headers(lang: str) -> dict[str, str]:
    """The sources table's columns (recorded field -> header in ``lang``), in display order."""
    return {
        "producer": t("src_col_producer", lang),
        "title": t("src_col_title", lang),
        "element_id": t("src_col_element_id", lang),
        "reference_year": t("src_col_reference_year", lang),
        "licence": t("src_col_licence", lang),
        "url": t("src_col_url", lang),
        "accessed": t("src_col_accessed", lang),
    }


def sources_table(sources: list[dict], lang: str) -> list[dict[str, str]]:
    """One row per source, headers and short fields in ``lang``; URLs, ids and dates as recorded."""
    rows = []
    for s in sources:
        row = {}
        for field, header in source_headers(lang).items():
            value = "" if s.get(field) is None else str(s[field])
            if field == "url" and value.startswith("file:"):
                value = t("source_project_file", lang)  # a file of the project, not an address to open
            row[header] = translated(value, lang) if field in TRANSLATED_FIELDS else value
        rows.append(row)
    return rows


def recorded(meta: dict, sources: list[dict], lang: str = "en") -> list[str]:
    """The long technical record as Markdown lines: method, steps, caveats, source notes.

    In Russian and Kazakh, the lines the project has translated (:func:`translated`); the others, written in
    English, are counted in one line that says where to read them, never shown untranslated.
    """
    texts = ([meta["method"]] if meta.get("method") else []) + list(meta.get("steps", []))
    texts += list(meta.get("caveats", []))
    notes = [(s["producer"], "; ".join(s[k] for k in ("via", "note") if s.get(k))) for s in sources]
    lines, kept = [], 0
    for i, text in enumerate(texts):
        shown = translated(text, lang)
        if lang != "en" and shown == text:
            kept += 1
        elif i == 0 and meta.get("method"):
            lines.append(f"**{t('method_label', lang)}:** {shown}")
        else:
            lines.append(f"- {shown}")
    for producer, extra in notes:
        if not extra:
            continue
        shown = translated(extra, lang)
        if lang != "en" and shown == extra:
            kept += 1
        else:
            lines.append(f"- {translated(producer, lang)}: {shown}")
    if kept:
        lines.append(t("recorded_english_only", lang, n=kept))
    return lines


def show_recorded(lines: list[str], lang: str) -> None:
    if lines:
        with st.expander(t("recorded_in_english", lang)):
            st.markdown("\n".join(lines))


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
            f"**{t('kind', lang)}:** {t('stat_basis_' + meta['kind'], lang)} · "
            f"**{t('method', lang)}:** {translated(meta.get('method', ''), lang)}"
        )
        notes = meta.get("notes") or {}
        if notes:
            st.markdown(f"**{t('notes', lang)}:** {notes.get(lang) or translated(notes.get('en'), lang)}")
        st.dataframe(sources_table(meta["sources"], lang), width="stretch", hide_index=True)
        show_recorded(recorded({}, meta["sources"], lang), lang)

st.header(t("datasets_header", lang))
for path in all_data_files():
    meta = load_meta(path)
    with st.expander(translated(meta["title"], lang)):
        st.write(translated(meta["description"], lang))
        st.markdown(f"**{t('licence', lang)}:** {translated(meta['licence'], lang)}")
        st.dataframe(sources_table(meta["sources"], lang), width="stretch", hide_index=True)
        show_recorded(recorded(meta, meta["sources"], lang), lang)
common.source(t("sources_footer", lang))
