"""The dashboard's shareable view state and its URL query parameters.

A view is carried by the query parameters ``lang``, ``layout``, ``region``, ``sector``, ``mode``,
``indicator`` and ``year``. :func:`parse` turns any mapping of query parameters into a valid
:class:`ViewState` and a list of :class:`Notice` for every value it had to replace by its default, so a
garbage link shows the default view and says why, never an exception. Pure Python: the Streamlit pages
call it, and the tests call it directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from regions import registry
from regions.registry import LANGS, LAYOUTS

__all__ = ["LANGS", "LAYOUTS", "MODES", "Notice", "ViewState", "parse"]
MODES = ("designated", "measured", "either", "both")
COLOUR_BY_ROLE = "roles"
PARAMS = ("lang", "layout", "region", "sector", "mode", "indicator", "year")


@dataclass(frozen=True)
class Notice:
    """A query parameter that was ignored, and why."""

    param: str
    value: str
    reason: str


@dataclass(frozen=True)
class ViewState:
    """One view of the dashboard."""

    lang: str = "en"
    layout: str = "2022"
    region: str | None = None
    sectors: tuple[str, ...] = ()
    mode: str = "either"
    indicator: str = COLOUR_BY_ROLE
    year: int | None = None
    notices: tuple[Notice, ...] = field(default=(), compare=False)

    def to_params(self) -> dict[str, str]:
        """Query parameters for this view, leaving out the ones at their default."""
        default = ViewState()
        out: dict[str, str] = {}
        if self.lang != default.lang:
            out["lang"] = self.lang
        if self.layout != default.layout:
            out["layout"] = self.layout
        if self.region:
            out["region"] = self.region
        if self.sectors:
            out["sector"] = ",".join(self.sectors)
            if self.mode != default.mode:
                out["mode"] = self.mode
        if self.indicator != default.indicator:
            out["indicator"] = self.indicator
            if self.year is not None:
                out["year"] = str(self.year)
        return out


def _first(value: object) -> str:
    # Streamlit gives the last value of a repeated parameter; other callers may pass lists.
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return str(value).strip()


def parse(
    params: Mapping[str, object],
    sectors: Mapping[str, object],
    indicator_years: Mapping[str, list[int]],
) -> ViewState:
    """Build a valid view from query parameters.

    Parameters
    ----------
    params
        The query parameters (``st.query_params`` or any mapping of str to str or list of str).
    sectors
        Known sector ids (keys are used).
    indicator_years
        Known indicator ids mapped to the years for which they have data; ``year`` defaults to the
        latest of them.

    Returns
    -------
    ViewState
        With ``notices`` naming every parameter whose value was invalid and replaced by its default.
    """
    notices: list[Notice] = []
    state = ViewState()

    def reject(param: str, value: str, reason: str) -> None:
        notices.append(Notice(param, value, reason))

    if "lang" in params:
        lang = _first(params["lang"]).lower()
        if lang in LANGS:
            state = replace(state, lang=lang)
        else:
            reject("lang", lang, f"not one of {', '.join(LANGS)}")
    if "layout" in params:
        layout = _first(params["layout"])
        if layout in LAYOUTS:
            state = replace(state, layout=layout)
        else:
            reject("layout", layout, f"not one of {', '.join(LAYOUTS)}")
    if "region" in params:
        raw = _first(params["region"])
        try:
            code = registry.lookup(raw, layout=state.layout)
            state = replace(state, region=code)
        except (registry.UnknownRegion, registry.AmbiguousRegion) as exc:
            message = exc.args[0] if exc.args else str(exc)
            reject("region", raw, str(message))
    if "sector" in params:
        raw = _first(params["sector"])
        wanted = [s.strip() for s in raw.split(",") if s.strip()]
        good = tuple(dict.fromkeys(s for s in wanted if s in sectors))
        bad = [s for s in wanted if s not in sectors]
        if bad:
            reject("sector", ",".join(bad), "unknown sector id")
        state = replace(state, sectors=good)
    if "mode" in params:
        mode = _first(params["mode"])
        if mode in MODES:
            state = replace(state, mode=mode)
        else:
            reject("mode", mode, f"not one of {', '.join(MODES)}")
    if "indicator" in params:
        ind = _first(params["indicator"])
        if ind == COLOUR_BY_ROLE or ind in indicator_years:
            state = replace(state, indicator=ind)
        else:
            reject("indicator", ind, "unknown indicator id")
    if state.indicator != COLOUR_BY_ROLE:
        years = sorted(indicator_years.get(state.indicator, []))
        year = years[-1] if years else None
        if "year" in params:
            raw = _first(params["year"])
            if raw.isdigit() and int(raw) in years:
                year = int(raw)
            else:
                reject("year", raw, f"no data for {state.indicator} in that year")
        state = replace(state, year=year)
    elif "year" in params:
        reject("year", _first(params["year"]), "a year needs an indicator")
    return replace(state, notices=tuple(notices))
