"""Shared page furniture: the sidebar, the page links, the notices about a link, the source lines."""

from __future__ import annotations

import json

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


def plotly_json(fig_json: str, *, mode_bar: bool = False) -> None:
    """Draw a plotly figure kept as JSON by ``ui/cache.py``, full width (``mode_bar``: plotly's tool bar).

    The JSON was written from a validated figure, so it is rebuilt without plotly's validation
    (``_validate=False``): the same dict, at a third of the cost of ``plotly.io.from_json`` per chart.
    """
    figure = go.Figure(json.loads(fig_json), _validate=False)
    st.plotly_chart(figure, width="stretch", config=None if mode_bar else {"displayModeBar": False})


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
