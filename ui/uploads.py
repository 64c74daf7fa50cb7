"""The upload panel of the map and tables pages: a user's own table, read, matched and reported.

Everything the file says reaches the page as plain text (``st.text`` or a code span), never as Markdown.
"""

from __future__ import annotations

import streamlit as st

from regions.base.i18n import t
from regions.base.text import code_span
from regions.uploads import upload, userdata
from ui import state as view_state

DONE = "_uploads_done"  # file ids already read, so a rerun does not read the same upload again


def panel() -> None:
    """The expander with the file picker; a new file becomes indicators of the session and is shown."""
    lang = view_state.current().lang
    with st.expander(t("upload_title", lang), expanded=bool(view_state.user_indicators())):
        st.caption(t("upload_help", lang))
        file = st.file_uploader(t("upload_file", lang), type=["csv", "tsv", "txt", "xlsx"], key="w_upload")
        if file is None:
            return
        done = st.session_state.setdefault(DONE, {})
        if file.file_id not in done:
            done[file.file_id] = _read(file.getvalue(), file.name)
        _report(done[file.file_id], lang)


def _read(data: bytes, name: str) -> dict:
    """Read one upload; on success keep its indicators and show the first on the map."""
    try:
        indicators, result = userdata.from_upload(data, name)
    except upload.UploadError as exc:
        return {"error": exc.message, "file": upload.safe_text(name, limit=80)}
    view_state.add_user_indicators(indicators)
    if indicators:
        view_state.update(indicator=indicators[0].id, year=None)
    return {
        "result": result,
        "columns": [i.column for i in indicators],
        "file": upload.safe_text(name, limit=80),
    }


def _report(outcome: dict, lang: str) -> None:
    if "error" in outcome:
        message = upload.text_in(outcome["error"], lang)
        st.error(t("upload_error", lang, message=code_span(message, limit=300)))
        return
    report = outcome["result"].report
    if not outcome["columns"]:
        st.warning(t("upload_none", lang, file=code_span(outcome["file"], limit=80)))
    else:
        st.success(
            t(
                "upload_summary",
                lang,
                file=code_span(outcome["file"], limit=80),
                rows=str(report.data_rows),
                matched=str(report.matched),
                columns=", ".join(code_span(c, limit=60) for c in outcome["columns"]),
            )
        )
    if report.unmatched:
        st.warning(t("upload_unmatched", lang, rows=", ".join(str(u.row) for u in report.unmatched[:30])))
    if report.duplicates:
        st.warning(t("upload_duplicates", lang, regions=", ".join(d.iso_code for d in report.duplicates)))
    if report.ambiguous:
        st.warning(t("upload_ambiguous", lang, rows=", ".join(str(a.row) for a in report.ambiguous)))
    if report.not_numbers:
        cells = ", ".join(code_span(f"{c.column} {c.row}", limit=50) for c in report.not_numbers[:20])
        st.warning(t("upload_not_numbers", lang, cells=cells))
    if outcome["result"].national is not None:
        st.info(t("upload_national", lang))
    with st.expander(t("upload_details", lang)):
        st.text("\n".join(report.lines(lang, limit=50)))
