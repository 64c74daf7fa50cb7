"""The upload panel of the map and tables pages: a user's own table, read, matched and reported.

Everything the file says reaches the page as plain text (``st.text`` or a code span), never as Markdown.
"""

from __future__ import annotations

import streamlit as st

from regions.base.i18n import t
from regions.base.text import code_span
from regions.uploads import upload, userdata
from ui import districtview
from ui import state as view_state

DONE = "_uploads_done"  # file ids already read, so a rerun does not read the same upload again


UPLOAD_TYPES = ("csv", "tsv", "txt", "xlsx")


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal (our own strings, escaped all the same)."""
    return '"' + "".join(c if c.isalnum() or c in " .,·-()" else f"\\{ord(c):x} " for c in text) + '"'


def uploader_css(lang: str, max_mb: int) -> str:
    """Style that writes Streamlit's own uploader texts ("Upload", "5MB per file") in ``lang``.

    Streamlit 1.67 has no parameter for them, so the page hides its English words and draws ours in their
    place with CSS ``content`` (style only: no element, nothing a user typed).
    """
    drop = '[data-testid="stFileUploaderDropzone"]'
    limit = t("upload_limit", lang, mb=max_mb, types=", ".join(x.upper() for x in UPLOAD_TYPES))
    return (
        "<style>"
        f"{drop} button [data-testid='stMarkdownContainer'] p {{display: none;}}"
        f"{drop} button [data-testid='stMarkdownContainer']::after "
        f"{{content: {_css_string(t('upload_button', lang))};}}"
        f"{drop} [data-testid='stFileUploaderDropzoneInstructions'] span {{font-size: 0;}}"
        f"{drop} [data-testid='stFileUploaderDropzoneInstructions'] span::after "
        f"{{content: {_css_string(limit)}; font-size: 14px;}}"
        "</style>"
    )


def panel() -> None:
    """The expander with the file picker; a new file becomes indicators of the session and is shown."""
    lang = view_state.current().lang
    with st.expander(t("upload_title", lang), expanded=bool(view_state.user_indicators())):
        st.caption(t("upload_help", lang))
        st.html(uploader_css(lang, int(st.get_option("server.maxUploadSize"))))
        file = st.file_uploader(t("upload_file", lang), type=list(UPLOAD_TYPES), key="w_upload")
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
    if result.report.level == "district":
        # Drawn in this panel (the district map); the regions' map and tables take them only summed up.
        view_state.add_user_district_indicators(indicators)
        return {
            "result": result,
            "columns": [i.column for i in indicators],
            "ids": [i.id for i in indicators],
            "file": upload.safe_text(name, limit=80),
        }
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
    elif report.level == "district":
        st.success(
            t(
                "upload_district_summary",
                lang,
                file=code_span(outcome["file"], limit=80),
                rows=str(report.data_rows),
                matched=str(report.matched),
                columns=", ".join(code_span(c, limit=60) for c in outcome["columns"]),
            )
        )
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
    if report.level == "district" and outcome["columns"]:
        _district_view(outcome, lang)


def _district_view(outcome: dict, lang: str) -> None:
    """The user's district table: its map (the country or one region), downloads, and the sum to regions."""
    import datetime as dt

    from regions.exports import table
    from regions.geo import registry
    from regions.pages.districts import regions_of, user_district_map, user_district_table
    from regions.pages.profile import district_attribution

    stored = view_state.user_district_indicators()
    inds = [stored[i] for i in outcome["ids"] if i in stored]
    if not inds:
        return
    st.subheader(t("district_map_header", lang))
    pick = st.selectbox(
        t("district_column", lang),
        range(len(inds)),
        format_func=lambda i: inds[i].column,
        key="w_district_column",
    )
    ind = inds[pick]
    scope = st.selectbox(
        t("district_scope", lang),
        ["", *regions_of(ind)],
        format_func=lambda c: registry.name(c, lang) if c else t("district_scope_country", lang),
        key=view_state.widget_key("w_district_scope"),
    )
    svg, legend = user_district_map(ind, scope or None, lang)
    districtview.show(svg, legend, key="district_upload_map")
    st.caption(district_attribution(lang))
    frame = user_district_table(inds)
    today = dt.date.today().isoformat()
    c1, c2 = st.columns(2)
    c1.download_button(
        t("district_download_csv", lang),
        data=table.district_export(frame, "csv"),
        file_name=f"kz-districts_{today}.csv",
        mime="text/csv",
        key="w_district_csv",
    )
    c2.download_button(
        t("district_download_xlsx", lang),
        data=lambda: table.district_export(frame, "xlsx", inds),
        file_name=f"kz-districts_{today}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="w_district_xlsx",
    )
    if st.checkbox(t("district_sum_up", lang), key="w_district_sum", help=t("district_sum_rule", lang)):
        st.caption(t("district_sum_rule", lang))
        summed = [userdata.sum_to_regions(i) for i in inds]
        view_state.add_user_indicators(summed)
        st.info(
            t(
                "district_sum_done",
                lang,
                n=str(len(summed[pick].values)),
                column=code_span(summed[pick].column, limit=60),
            )
        )
