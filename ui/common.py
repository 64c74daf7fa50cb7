"""Shared page furniture: the view state, the sidebar, the URL, notices and source lines.

The view (language, layout, region, sectors, indicator, year) lives in ``st.session_state["view"]``
so that it survives page switches (Streamlit forgets the state of widgets not drawn on a page), and is
written back to the URL's query parameters on every run so that any view can be shared as a link.
"""

from __future__ import annotations

from dataclasses import asdict, replace

import streamlit as st

from regions import lineage, registry, state
from regions.i18n import LANG_NAMES, t
from ui import cache

VIEW = "view"


def view() -> state.ViewState:
    return st.session_state[VIEW]


def set_view(**changes: object) -> None:
    st.session_state[VIEW] = replace(view(), **changes)


def lang() -> str:
    return view().lang


def bootstrap() -> None:
    """On a session's first run, read the view from the URL (invalid values become notices)."""
    if VIEW in st.session_state:
        return
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    layout = params.get("layout", ["2022"])[-1]
    years = cache.indicator_years(layout if layout in state.LAYOUTS else "2022")
    parsed = state.parse(params, cache.sector_catalogue(), years)
    st.session_state[VIEW] = parsed
    st.session_state["notices"] = list(parsed.notices)
    st.session_state["lineage_rule"] = "inherit"


def _widget(key: str, value: object) -> str:
    """Seed a widget's key from the view the first time it is drawn on a page."""
    wkey = f"w_{key}"
    if wkey not in st.session_state:
        st.session_state[wkey] = value
    return wkey


def sidebar() -> None:
    """Language, layout, lineage rule and the sector filter, shared by every page."""
    v = view()
    with st.sidebar:
        st.selectbox(
            t("language", v.lang),
            state.LANGS,
            format_func=LANG_NAMES.get,
            key=_widget("lang", v.lang),
        )
        new_lang = st.session_state["w_lang"]
        st.radio(
            t("layout", new_lang),
            state.LAYOUTS,
            format_func=lambda x: t(f"layout_{x}", new_lang),
            key=_widget("layout", v.layout),
            help=t("layout_help", new_lang),
        )
        new_layout = st.session_state["w_layout"]
        sectors = cache.sector_catalogue()
        st.multiselect(
            t("sector_filter", new_lang),
            list(sectors),
            format_func=lambda s: sectors[s]["name"].get(new_lang) or sectors[s]["name"]["en"],
            key=_widget("sectors", list(v.sectors)),
            placeholder=t("sector_placeholder", new_lang),
        )
        st.radio(
            t("sector_mode", new_lang),
            state.MODES,
            format_func=lambda m: t(f"mode_{m}", new_lang),
            key=_widget("mode", v.mode),
            horizontal=False,
        )
        st.toggle(
            t("lineage_rule", new_lang),
            key=_widget("inherit", True),
            help=t("lineage_rule_help", new_lang),
        )
    region = v.region
    if region and region not in {u.iso_code for u in registry.units(new_layout)}:
        # Abai, Jetisu and Ulytau did not exist in 2020: open the unit they were part of.
        region = lineage.predecessor_2020(region)
    st.session_state["lineage_rule"] = "inherit" if st.session_state["w_inherit"] else "strict"
    set_view(
        lang=new_lang,
        layout=new_layout,
        sectors=tuple(st.session_state["w_sectors"]),
        mode=st.session_state["w_mode"],
        region=region,
    )


def lineage_rule() -> str:
    return st.session_state.get("lineage_rule", "inherit")


def show_notices() -> None:
    """Say which query parameters were ignored (once, on the first page shown)."""
    notices = st.session_state.pop("notices", [])
    for n in notices:
        st.warning(
            t("notice_param", lang(), param=n.param, value=n.value, reason=n.reason),
        )


def sync_url() -> None:
    """Write the current view into the URL's query parameters."""
    wanted = view().to_params()
    current = {k: st.query_params.get(k) for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def source(text: str) -> None:
    """The source line under a map, chart or table."""
    st.caption(text)


def debug_state() -> dict:
    return asdict(view())
