"""Shared page furniture: the sidebar, the page links, the notices about a link, the source lines."""

from __future__ import annotations

import json
from collections.abc import Sequence

import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from regions.base.i18n import LANG_NAMES, pick, t
from regions.base.metadata import translated
from regions.base.text import code_span, escape_markdown
from regions.pages import view as state
from ui import cache
from ui import state as view_state


def sidebar() -> None:
    """Language, layout, lineage rule, sector filter and mode, shared by every page, bound to the view."""
    v = view_state.current()
    lang = v.lang
    sectors = cache.sector_catalogue()
    with st.sidebar:
        st.selectbox(
            t("language", lang),
            state.LANGS,
            format_func=LANG_NAMES.get,
            **view_state.bind("lang", "w_lang", localised=False),
        )
        st.radio(
            t("layout", lang),
            state.LAYOUTS,
            format_func=lambda x: t(f"layout_{x}", lang),
            help=t("layout_help", lang),
            **view_state.bind("layout", "w_layout"),
        )
        st.multiselect(
            t("sector_filter", lang),
            list(sectors),
            format_func=lambda s: pick(sectors[s]["name"], lang),
            placeholder=t("sector_placeholder", lang),
            # Streamlit's bulk "Select all" option has an English label no parameter translates: left out
            # (choosing every sector is the same as no filter).
            select_all=False,
            **view_state.bind("sectors", "w_sectors"),
        )
        st.radio(
            t("sector_mode", lang),
            state.MODES,
            format_func=lambda m: t(f"mode_{m}", lang),
            **view_state.bind("mode", "w_mode"),
        )
        st.toggle(
            t("lineage_rule", lang),
            help=t("lineage_rule_help", lang),
            **view_state.bind(
                "lineage",
                "w_lineage",
                value=v.lineage == "inherit",
                to_view=lambda on: {"lineage": "inherit" if on else "strict"},
            ),
        )


def page_links(container, pages: list[st.Page]) -> None:
    """Links to every page carrying the whole view, so a page change is one history entry with its link."""
    params = view_state.link()
    with container:
        for page in pages:
            st.page_link(page, query_params=params)


def unknown_page_name(known: set[str]) -> str | None:
    """The page the browser's path names when it is none of ``known`` (``None`` for a known page or "/").

    Streamlit keeps the requested name in the script run's page manager (not a public API, hence the
    careful lookups): with a page hash the request came from a page link, never an unknown page.
    """

    manager = getattr(get_script_run_ctx(), "pages_manager", None)
    if manager is None or getattr(manager, "intended_page_script_hash", None):
        return None
    name = (getattr(manager, "intended_page_name", None) or "").strip("/")
    if not name or name in known or "/" in name:
        return None
    return name


def not_found_page(name: str):
    """The page drawn for an unknown path: says so (the path as code, never markup) and links to the map."""

    def not_found() -> None:
        lang = view_state.current().lang
        st.title(t("not_found_title", lang))
        st.markdown(t("not_found_text", lang, path=code_span("/" + name, limit=80)))
        st.page_link("app_pages/map.py", label=t("not_found_link", lang), query_params=view_state.link())

    return not_found


def show_notices() -> None:
    """One notice listing every part of the link that was ignored (values quoted short and escaped)."""
    notices = view_state.pop_notices()
    if not notices:
        return
    lang = view_state.current().lang
    lines = [t("notice_params", lang)]
    for n in notices:
        reason = t(n.reason, lang, **dict(n.args))
        lines.append(
            "- "
            + t(
                "notice_line",
                lang,
                param=code_span(n.param),
                value=code_span(n.value),
                reason=escape_markdown(reason),
            )
        )
    st.warning("\n".join(lines))


def quote(text: str, source_name: str, lang: str) -> None:
    """A passage of the address, verbatim in English; in ru/kk, a line says why it is not translated.

    The project has only an English text of the address; the official Russian and Kazakh texts could not
    be sourced verbatim (docs/research/issue8), and a translation of ours would not be the address's words
    (issue 8 asks for the English quote with a line saying so). The source's name is in the page's language.
    """
    st.markdown(f"> {text}\n>\n> — {translated(source_name, lang)}")
    if lang != "en":
        st.caption(t("quote_english_only", lang))


def plotly_json(fig_json: str, *, mode_bar: bool = False) -> go.Figure:
    """Draw a plotly figure kept as JSON by ``ui/cache.py``, full width (``mode_bar``: plotly's tool bar);
    the figure drawn (for :func:`chart_downloads`).

    The JSON was written from a validated figure, so it is rebuilt without plotly's validation
    (``_validate=False``): the same dict, at a third of the cost of ``plotly.io.from_json`` per chart.
    """
    figure = go.Figure(json.loads(fig_json), _validate=False)
    st.plotly_chart(figure, width="stretch", config=None if mode_bar else {"displayModeBar": False})
    return figure


def source(text: str, *, key: str | None = None) -> None:
    """The source under a map, chart or table: one short line; the full citation folded below it.

    A text already short (one line of at most ``BRIEF_MAX`` characters) is shown as it is. With a ``key``
    (unique on the page), the citation is sent only once its expander is opened (a rerun): for a source
    under a view that changes often, such as the map's (issue 19: a collapsed citation went with every
    interaction).
    """
    from regions.present.labels import BRIEF_MAX, brief_source

    lang = view_state.current().lang
    if "\n" not in text.strip() and len(text) <= BRIEF_MAX:
        st.caption(text)
        return
    st.caption(brief_source(text, lang))
    if key is None:
        with st.expander(t("source_full", lang)):
            st.caption(text)
        return
    with st.expander(t("source_full", lang), key=key, on_change="rerun") as full:
        if full.open:
            st.caption(text)


def _plain_line(text: object) -> str:
    """A heading or axis text as one line of plain words (no <br>, entities or backticks)."""
    from regions.present.svgmap import plain

    return " ".join(plain(str(text)).replace("`", "").split())


def chart_downloads(
    fig,
    *,
    title: str,
    subtitle: Sequence[str | None] = (),
    source: str,
    name: Sequence[object],
    key: str,
    decimals: int | None = None,
) -> None:
    """PNG and SVG downloads of a plotly chart with its title, subtitle, one-line source and date drawn in.

    One code path for every chart (:mod:`regions.present.chartexport` reads the figure). ``subtitle``:
    its parts (unit, year, ...), the layout added; ``source``: the chart's source text (shortened to one
    line as under the chart); ``name``: the parts of the file name after ``chart``; ``decimals``: the
    indicator's, for value labels the figure does not write. The files are made
    only when a button is clicked (deferred ``data``), so a rerun draws no picture.
    """
    import datetime as dt

    from regions.base import vocab
    from regions.present import chartexport
    from regions.present.labels import BRIEF_MAX, brief_source
    from regions.present.svgexport import Caption

    v = view_state.current()
    lang = v.lang
    brief = source if "\n" not in source.strip() and len(source) <= BRIEF_MAX else brief_source(source, lang)
    # Texts of plotly figures and headings may hold <br>, entities or code spans: drawn as plain words.
    parts = [_plain_line(p) for p in subtitle if p] + [t(f"layout_{v.layout}", lang)]
    today = dt.date.today().isoformat()
    cap = Caption(_plain_line(title), " · ".join(parts), brief, today, t("export_created", lang))

    def spec():
        return chartexport.from_figure(fig, lang, decimals)

    with st.container(horizontal=True, gap="small", key=f"chart_dl_{key}"):
        for fmt, label, mime, make in (
            ("png", t("chart_download_png", lang), "image/png", lambda: chartexport.export_png(spec(), cap)),
            (
                "svg",
                t("chart_download_svg", lang),
                "image/svg+xml",
                lambda: chartexport.export_svg(spec(), cap).encode("utf-8"),
            ),
        ):
            st.download_button(
                label,
                data=make,
                file_name=vocab.download_name("chart", *name, f"{v.layout}-layout", ext=fmt),
                mime=mime,
                on_click="ignore",
                type="tertiary",
                icon=":material/download:",
                help=t("chart_download_help", lang),
                key=f"dl_chart_{key}_{fmt}_{lang}",
            )


def people_table(
    frame,
    *,
    labels: dict[str, str],
    pinned: Sequence[str] = (),
    decimals: dict[str, int] | None = None,
    user_columns: Sequence[str] = (),
    **kwargs,
) -> None:
    """A table of figures as people read them: numbers written for the page's language with each column's
    decimals, headers from ``labels`` (with their units), the ``pinned`` columns kept in view on scroll.

    The figures stay numbers under a display format (a pandas Styler), so a click on a header sorts by
    value, not by text.
    """
    from regions.present.labels import format_number, format_user

    lang = view_state.current().lang
    fmt = {c: (lambda x, d=d: format_number(x, d, lang)) for c, d in (decimals or {}).items() if c in frame}
    fmt.update({c: (lambda x: format_user(x, lang)) for c in user_columns if c in frame})
    shown = frame.style.format(fmt, na_rep="—") if fmt else frame
    config = {c: st.column_config.Column(labels.get(c, c), pinned=c in pinned) for c in frame.columns}
    st.dataframe(shown, column_config=config, **kwargs)
