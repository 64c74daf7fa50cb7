"""The only code that moves the view between ``regions.pages.view.ViewState``, ``st.session_state`` and the URL.

Each run:

1. :func:`load` reads the URL. If it is not the link this session last wrote (a first visit, a pasted link,
   Back or Forward), the view is parsed from it; otherwise the session's view stands, since widget callbacks
   have already applied the user's last change to it.
2. Widgets are drawn with :func:`bind`: a stable key (never built from the current value), seeded from the
   view before the widget is drawn, and an ``on_change`` callback that writes the new value into the view.
   So the view is the one source of truth and a widget can never lag one interaction behind it.
3. :func:`sync_url` writes the view back into the URL, leaving defaults out; :func:`link` gives the query
   parameters for page links, so that changing page carries the whole view in one history entry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import streamlit as st

from regions.pages import view as state
from regions.pages.view import ViewState
from regions.uploads.userdata import MAX_UPLOADS, UserIndicator
from ui import cache

VIEW = "_view"
WRITTEN = "_view_written"
NOTICES = "_view_notices"
USER = "_user_indicators"
PLAYING = "_playing"


def _url_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def _flat(params: dict[str, list[str]]) -> dict[str, str]:
    return {k: v[-1] if v else "" for k, v in params.items()}


def load() -> ViewState:
    """Establish this run's view (see the module docstring) and return it."""
    params = _url_params()
    if (
        VIEW in st.session_state
        and _flat(params) == st.session_state.get(WRITTEN)
        and not any(len(v) > 1 for v in params.values())
    ):
        return st.session_state[VIEW]
    view = state.parse(params, cache.sector_catalogue(), _years_of, cache.indicators())
    st.session_state[VIEW] = view
    st.session_state[NOTICES] = view.notices
    return view


def _years_of(layout: str) -> dict[str, list[int]]:
    """Indicator id -> years, for the statistics and this session's uploads (a user's column has no years)."""
    return {**cache.indicator_years(layout), **{uid: [] for uid in user_indicators()}}


def user_indicators() -> dict[str, UserIndicator]:
    """The indicators this session uploaded, by id (kept in the session only, never in the link)."""
    return st.session_state.setdefault(USER, {})


DISTRICT_USER = "_user_district_indicators"


def user_district_indicators() -> dict[str, UserIndicator]:
    """The district-keyed indicators this session uploaded, by id (session only; drawn in the upload panel)."""
    return st.session_state.setdefault(DISTRICT_USER, {})


def add_user_district_indicators(new: list[UserIndicator]) -> None:
    """Keep ``new`` for the session, past :data:`regions.uploads.userdata.MAX_UPLOADS` files the oldest go."""
    _keep_latest(user_district_indicators(), new)


def _keep_latest(kept: dict[str, UserIndicator], new: list[UserIndicator]) -> None:
    """Add ``new`` to ``kept`` (a re-upload replaces its column); past MAX_UPLOADS files the oldest go."""
    for ind in new:
        kept.pop(ind.id, None)
        kept[ind.id] = ind
    files = list(dict.fromkeys(i.file_name for i in kept.values()))
    for old in files[:-MAX_UPLOADS]:
        for uid in [k for k, i in kept.items() if i.file_name == old]:
            del kept[uid]


def add_user_indicators(new: list[UserIndicator]) -> None:
    """Keep ``new`` for the session; past :data:`regions.uploads.userdata.MAX_UPLOADS` files the oldest go."""
    _keep_latest(user_indicators(), new)


def current() -> ViewState:
    """The view of this run."""
    return st.session_state[VIEW]


def update(**changes: Any) -> ViewState:
    """Change parts of the view; a layout change maps the region and compare selection to the new layout."""
    view = current()
    if "layout" in changes:
        view = view.with_layout(changes.pop("layout"))
    view = replace(view, **changes)
    # The year, base year, change measure and normalisation stay valid for the (new) indicator and layout.
    view = state.refit(view, _years_of(view.layout), cache.indicators())
    st.session_state[VIEW] = view
    return view


def playing() -> bool:
    """The map's play control is stepping through the years (kept in the session, never in the link)."""
    return bool(st.session_state.get(PLAYING))


def start_playing(years: list[int]) -> None:
    """Play ``years`` in turn, one per rerun (:func:`next_play_year`); an empty list stops."""
    st.session_state[PLAYING] = list(years)


def next_play_year() -> int | None:
    """The next year to show while playing, or ``None`` (and playing stops) when none is left.

    The queue is finite and shrinks by one each call, so playing always ends by itself.
    """
    queue = st.session_state.get(PLAYING) or []
    if not queue:
        st.session_state[PLAYING] = []
        return None
    year = queue.pop(0)
    st.session_state[PLAYING] = queue
    return year


def pop_notices() -> tuple[state.Notice, ...]:
    """The notices of the link just parsed, once."""
    return st.session_state.pop(NOTICES, ())


def link() -> dict[str, str]:
    """Query parameters of the current view, for page links and page switches."""
    return current().to_params()


def sync_url() -> None:
    """Write the view into the URL's query parameters (only when they differ, so history is not padded)."""
    wanted = link()
    st.session_state[WRITTEN] = wanted
    if _flat(_url_params()) != wanted:
        st.query_params.from_dict(wanted)


def rerun() -> None:
    """Run the script again with the current view: the URL first, since ``st.rerun`` reuses the query
    string of the moment it is called (else the next run would parse the old link back)."""
    sync_url()
    st.rerun()


def switch_page(page: str) -> None:
    """Open ``page`` with the current view in its link (one call, so the URL carries the view at once)."""
    wanted = link()
    st.session_state[WRITTEN] = wanted
    st.switch_page(page, query_params=wanted)


def widget_key(name: str) -> str:
    """The key of a widget whose option labels are in the interface language: ``name`` plus the language.

    Streamlit identifies a chosen option by its label; after a language switch the old label matches no
    option, and the next interaction would hand the callback a label instead of an id. A widget per
    language (seeded from the view like any other) avoids that.
    """
    return f"{name}.{current().lang}"


def bind(
    field: str,
    key: str,
    *,
    value: Any = None,
    to_view: Callable[[Any], dict] | None = None,
    localised: bool = True,
) -> dict:
    """Keyword arguments that tie a widget to a view field: ``st.selectbox(..., **bind("lang", "w_lang"))``.

    The widget's state is seeded from the view before it is drawn, and its ``on_change`` callback writes the
    user's choice into the view before the script reruns.

    Parameters
    ----------
    field
        The view field the widget shows (``"lang"``, ``"sectors"``, ...).
    key
        The widget's name: a constant, so that the widget keeps its identity whatever its value.
    localised
        The widget's option labels depend on the language (:func:`widget_key`); ``False`` for the
        language picker itself.
    value
        What the widget shows, if it is not the view field as it is.
    to_view
        Turns the widget's value into view changes; by default ``{field: value}`` (lists become tuples).
    """
    key = widget_key(key) if localised else key
    shown = getattr(current(), field) if value is None else value
    shown = list(shown) if isinstance(shown, tuple) else shown
    # Set only when it differs: re-setting a widget's own value makes the frontend redraw it mid-edit.
    if key not in st.session_state or st.session_state[key] != shown:
        st.session_state[key] = shown

    def apply() -> None:
        # Callbacks run before the script, outside the app's error page (ui/errors.py): a value that
        # cannot be applied is logged and ignored, never shown as a traceback.
        try:
            new = st.session_state[key]
            update(**(to_view(new) if to_view else {field: tuple(new) if isinstance(new, list) else new}))
        except Exception:
            logging.getLogger("kz_regions").exception("widget %s: value not applied", key)

    return {"key": key, "on_change": apply}
