"""The dashboard's view: everything a page depends on, parsed from a link and written back to it.

A view is carried by the query parameters

========== ====================================================================== ===========
parameter  meaning                                                                default
========== ====================================================================== ===========
lang       interface language: ``en``, ``ru`` or ``kk``                           ``en``
layout     ``2022`` (17 oblasts + 3 cities) or ``2020`` (as at the address)       ``2022``
lineage    ``inherit`` (split-off regions take their predecessor's roles) or      ``inherit``
           ``strict``
region     the region whose profile is open (ISO 3166-2 code, or any name the      none
           registry knows)
regions    the compare selection: 2 to 6 ISO codes (or names), comma-separated    none
sector     sector filter, comma-separated sector ids                              none
mode       how a sector matches: ``designated``, ``measured``, ``either``,        ``either``
           ``both``
indicator  what the map is coloured by: ``roles``, an indicator id, or the id of  ``roles``
           the user's uploaded column (``user:<file>/<column>``, only in the session
           that uploaded it)
year       the indicator's year (ASCII digits; default the latest); in change mode  latest
           the end year
show       the map shows the indicator's ``level`` or its ``change`` since a base    ``level``
           year (only with an indicator of the statistics)
from       the base year of a change (a year of the indicator before ``year``)      2019, else
                                                                                  the first
how        the change (:func:`regions.stats.change.hows_for` decides which fit):         ``idx`` for
           ``pct`` (%), ``abs`` (in the indicator's unit), ``pp`` (percentage     volume
           points; the only measure of a share) or ``idx`` (a volume index's      indices,
           chained real change, base year = 100; ``pct`` is then real growth)     ``pp`` for
                                                                                  shares, else
                                                                                  ``pct``
scale      colour scale: ``auto`` (five bins with round edges when the values     ``auto``
           are skewed, else linear), ``linear``, ``log`` (every value above
           zero) or ``quantile`` (five bins by rank)
per        normalisation of an additive indicator: ``none``, ``capita`` (per       ``none``
           1,000 inhabitants) or ``km2`` (per km² of area)
x, y       the ranking page's scatter: indicator ids on the horizontal and         page default
           vertical axes
role       the role whose indicators ``/delivery`` draws (a role id of            the first
           ``data/roles.json``; the page draws one role at a time)                role
========== ====================================================================== ===========

:func:`parse` turns any mapping of query parameters into a valid :class:`ViewState` plus a
:class:`Notice` for every value it had to drop, so a garbage link shows the default view and says why,
never an exception. :meth:`ViewState.to_params` writes the view back, leaving defaults out. Pure Python:
``ui/state.py`` is the only code that moves a view between this module and Streamlit.

Examples
--------
>>> v = parse({"lang": "ru", "regions": "KZ-35,KZ-55"}, sectors={}, indicator_years={})
>>> v.lang, v.regions
('ru', ('KZ-35', 'KZ-55'))
>>> v.to_params()
{'lang': 'ru', 'regions': 'KZ-35,KZ-55'}
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from regions.base import vocab
from regions.base.text import excerpt
from regions.base.vocab import LINEAGE_RULES, Lang, Layout, LineageRule
from regions.geo import lineage, registry
from regions.geo.registry import LANGS, LAYOUTS
from regions.policy import roles
from regions.stats import statistics, transforms

__all__ = ["LANGS", "LAYOUTS", "LINEAGE_RULES", "MODES", "Notice", "ViewState", "parse", "refit"]
MODES = ("designated", "measured", "either", "both")
COLOUR_BY_ROLE = "roles"
PARAMS = ("lang", "layout", "lineage", "region", "regions", "sector", "mode", "indicator", "year",
          "show", "from", "how", "scale", "per", "x", "y", "role")  # fmt: skip
MIN_COMPARE, MAX_COMPARE = 2, 6
_YEAR = re.compile(r"[0-9]{4}")  # ASCII digits only: str.isdigit() accepts "²" and "١٩"


@dataclass(frozen=True)
class Notice:
    """A query parameter that was ignored, and why.

    Attributes
    ----------
    param
        The parameter's name (an excerpt, if the name itself was not one of :data:`PARAMS`).
    value
        A short plain excerpt of the ignored value (:func:`regions.base.text.excerpt`), never the raw value.
    reason
        Key of the reason in ``data/i18n.json`` (``reason_<...>``).
    args
        Values for the reason's placeholders, as (name, value) pairs.
    """

    param: str
    value: str
    reason: str
    args: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ViewState:
    """One view of the dashboard (see the module docstring for each field)."""

    lang: Lang = "en"
    layout: Layout = "2022"
    lineage: LineageRule = "inherit"
    region: str | None = None
    regions: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    mode: str = "either"
    indicator: str = COLOUR_BY_ROLE
    year: int | None = None
    show: str = "level"
    base: int | None = None  # the ``from`` parameter: base year of a change (set only in change mode)
    how: str | None = None  # None: the indicator's default measure (regions.stats.change.hows_for)
    scale: str = "auto"
    per: str = "none"
    x: str | None = None
    y: str | None = None
    role: str | None = None  # /delivery's role (None: the first of the catalogue)
    notices: tuple[Notice, ...] = field(default=(), compare=False)

    def to_params(self) -> dict[str, str]:
        """Query parameters for this view, leaving out the ones at their default."""
        default = ViewState()
        out: dict[str, str] = {}
        for name in ("lang", "layout", "lineage"):
            if getattr(self, name) != getattr(default, name):
                out[name] = getattr(self, name)
        if self.region:
            out["region"] = self.region
        if self.regions:
            out["regions"] = ",".join(self.regions)
        if self.sectors:
            out["sector"] = ",".join(self.sectors)
            if self.mode != default.mode:
                out["mode"] = self.mode
        if self.indicator != default.indicator:
            out["indicator"] = self.indicator
            if self.year is not None:
                out["year"] = str(self.year)
            if self.show == "change" and self.base is not None:
                out["show"] = self.show
                out["from"] = str(self.base)
                if self.how is not None:
                    out["how"] = self.how
            if self.scale != default.scale:
                out["scale"] = self.scale
            if self.per != default.per:
                out["per"] = self.per
        for name in ("x", "y", "role"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        return out

    def with_layout(self, layout: str) -> ViewState:
        """The same view in another layout: a region created in 2022 becomes the 2020 unit it was part of."""
        if layout == self.layout:
            return self
        region = to_layout(self.region, layout) if self.region else None
        regions = tuple(dict.fromkeys(to_layout(c, layout) for c in self.regions))
        return replace(self, layout=layout, region=region, regions=regions)


def to_layout(code: str, layout: str) -> str:
    """``code`` if it is a unit of ``layout``, else the 2020 unit it was part of (Abai -> East Kazakhstan)."""
    if layout in registry.get(code).layouts:
        return code

    return lineage.predecessor_2020(code)


def _values(raw: object) -> list[str]:
    if isinstance(raw, (list, tuple)):
        return [str(v) for v in raw]
    return [str(raw)]


def parse(
    params: Mapping[str, object],
    sectors: Mapping[str, object],
    indicator_years: Mapping[str, Sequence[int]] | Callable[[str], Mapping[str, Sequence[int]]],
    indicator_meta: Mapping[str, Mapping] | None = None,
) -> ViewState:
    """Build a valid view from query parameters.

    Parameters
    ----------
    params
        The query parameters: a mapping of str to str, or to a list of str for repeated keys (the last one
        counts, and a notice says the others were dropped).
    sectors
        Known sector ids (keys are used).
    indicator_years
        Indicator id -> years with data, or a function of the layout giving that mapping; ``year``
        defaults to the latest year of the indicator.
    indicator_meta
        Indicator id -> its entry of ``data/indicators.json`` (unit, additive), which decides the change
        measures and normalisations allowed; by default the project's catalogue.

    Returns
    -------
    ViewState
        With ``notices`` naming every parameter whose value was dropped.
    """
    notices: list[Notice] = []

    def reject(param: str, value: str, reason: str, **args: str) -> None:
        notices.append(Notice(param, excerpt(value), reason, tuple(args.items())))

    def choose(name: str, allowed: Sequence[str], value: str) -> str | None:
        if value in allowed:
            return value
        reject(name, value, "reason_not_one_of", allowed=", ".join(allowed))
        return None

    values = _known_values(params, reject)
    state = _parse_vocabulary(ViewState(), values, reject)
    state = _parse_places(state, values, sectors, choose, reject)
    years_of = indicator_years(state.layout) if callable(indicator_years) else indicator_years
    state = _parse_indicator(state, values, years_of, reject)
    state = _parse_time(state, values, years_of, _meta(indicator_meta), choose, reject)
    if "role" in values and (role := choose("role", role_ids(), values["role"])):
        state = replace(state, role=role)
    return replace(state, notices=tuple(notices))


def role_ids() -> tuple[str, ...]:
    """The roles' ids in catalogue order (``data/roles.json``): the values of the ``role`` parameter."""
    return tuple(r.id for r in roles.load_roles())


def _known_values(params: Mapping[str, object], reject: Callable[..., None]) -> dict[str, str]:
    """One stripped value per known parameter (the last of repeated ones); the others are rejected."""
    values: dict[str, str] = {}
    for key, raw in params.items():
        name = str(key)
        if name not in PARAMS:
            reject(excerpt(name), _values(raw)[-1] if _values(raw) else "", "reason_unknown_param")
            continue
        got = _values(raw)
        if len(got) > 1:
            reject(name, ", ".join(got[:-1]), "reason_repeated")
        values[name] = got[-1].strip() if got else ""
    return values


def _parse_vocabulary(state: ViewState, values: Mapping[str, str], reject: Callable[..., None]) -> ViewState:
    """``lang``, ``layout``, ``lineage``: each by its vocabulary's own parser (:mod:`regions.base.vocab`)."""
    for name, field_name, parser, allowed in (
        ("lang", "lang", vocab.parse_lang, LANGS),
        ("layout", "layout", vocab.parse_layout, LAYOUTS),
        ("lineage", "lineage", vocab.parse_lineage_rule, LINEAGE_RULES),
    ):
        if name not in values:
            continue
        try:
            state = replace(state, **{field_name: parser(values[name], name)})
        except ValueError:
            reject(name, values[name], "reason_not_one_of", allowed=", ".join(allowed))
    return state


def _parse_places(
    state: ViewState,
    values: Mapping[str, str],
    sectors: Mapping[str, object],
    choose: Callable[[str, Sequence[str], str], str | None],
    reject: Callable[..., None],
) -> ViewState:
    """``region``, ``regions`` (at most :data:`MAX_COMPARE`), ``sector`` and ``mode``."""
    if "region" in values:
        state = replace(state, region=_region(values["region"], state.layout, "region", reject))
    if "regions" in values:
        codes: list[str] = []
        for part in (p.strip() for p in values["regions"].split(",")):
            if part and (code := _region(part, state.layout, "regions", reject)) and code not in codes:
                codes.append(code)
        if len(codes) > MAX_COMPARE:
            reject("regions", ",".join(codes[MAX_COMPARE:]), "reason_too_many", max=str(MAX_COMPARE))
            codes = codes[:MAX_COMPARE]
        state = replace(state, regions=tuple(codes))
    if "sector" in values:
        wanted = [s.strip() for s in values["sector"].split(",") if s.strip()]
        bad = [s for s in wanted if s not in sectors]
        if bad:
            reject("sector", ",".join(bad), "reason_unknown_sector")
        state = replace(state, sectors=tuple(dict.fromkeys(s for s in wanted if s in sectors)))
    if "mode" in values and (mode := choose("mode", MODES, values["mode"])):
        state = replace(state, mode=mode)
    return state


def _parse_indicator(
    state: ViewState,
    values: Mapping[str, str],
    years_of: Mapping[str, Sequence[int]],
    reject: Callable[..., None],
) -> ViewState:
    """``indicator`` and ``year`` (default: the indicator's latest year)."""
    if "indicator" in values:
        ind = values["indicator"]
        if ind == COLOUR_BY_ROLE or ind in years_of:
            state = replace(state, indicator=ind)
        elif ind.startswith("user:"):
            reject("indicator", ind, "reason_user_data_missing")
        else:
            reject("indicator", ind, "reason_unknown_indicator")
    if state.indicator != COLOUR_BY_ROLE:
        years = sorted(years_of.get(state.indicator, []))
        year = years[-1] if years else None
        if "year" in values:
            raw = values["year"]
            if _YEAR.fullmatch(raw) and int(raw) in years:
                year = int(raw)
            else:
                reject("year", raw, "reason_year", indicator=state.indicator)
        state = replace(state, year=year)
    elif "year" in values:
        reject("year", values["year"], "reason_year_needs_indicator")
    return state


def _meta(indicator_meta: Mapping[str, Mapping] | None) -> Mapping[str, Mapping]:
    if indicator_meta is not None:
        return indicator_meta

    return statistics.load_indicators()


def _parse_time(
    state: ViewState,
    values: Mapping[str, str],
    years_of: Mapping[str, Sequence[int]],
    metas: Mapping[str, Mapping],
    choose: Callable[[str, Sequence[str], str], str | None],
    reject: Callable[..., None],
) -> ViewState:
    """The time and colour parameters: ``show``, ``from``, ``how``, ``scale``, ``per``, ``x``, ``y``."""
    numeric = state.indicator != COLOUR_BY_ROLE
    meta = metas.get(state.indicator) if numeric else None
    years = sorted(years_of.get(state.indicator, []))
    show = choose("show", transforms.SHOWS, values["show"].lower()) if "show" in values else None
    if show == "change":
        if meta is None:
            reject("show", values["show"], "reason_needs_indicator")
        elif state.year is None or transforms.default_base(years, state.year) is None:
            reject("show", values["show"], "reason_change_needs_two_years", indicator=state.indicator)
        else:
            state = replace(state, show="change")
    if state.show == "change" and state.year is not None:
        base = transforms.default_base(years, state.year)
        if "from" in values:
            raw = values["from"]
            if _YEAR.fullmatch(raw) and int(raw) in years and int(raw) < state.year:
                base = int(raw)
            else:
                reject("from", raw, "reason_base_year", indicator=state.indicator, year=str(state.year))
        state = replace(state, base=base)
        if "how" in values and (how := choose("how", transforms.measures_for(meta), values["how"].lower())):
            state = replace(state, how=how)
    else:
        for name in ("from", "how"):
            if name in values:
                reject(name, values[name], "reason_needs_change")
    for name, allowed in (("scale", transforms.SCALES), ("per", transforms.NORMALISATIONS)):
        if name not in values:
            continue
        raw = values[name]
        if not numeric:
            reject(name, raw, "reason_needs_indicator")
        elif (value := choose(name, allowed, raw.lower())) is None:
            pass
        elif name == "per" and value not in transforms.normalisations_for(state.indicator, meta):
            reject(name, raw, "reason_per_not_additive", indicator=state.indicator)
        else:
            state = replace(state, **{name: value})
    for name in ("x", "y"):
        if name in values:
            raw = values[name]
            # A scatter axis: a published indicator, or a column this session uploaded (in ``years_of``).
            if raw in years_of and (raw in metas or raw.startswith("user:")):
                state = replace(state, **{name: raw})
            elif raw.startswith("user:"):
                reject(name, raw, "reason_user_data_missing")
            else:
                reject(name, raw, "reason_unknown_indicator")
    return state


def refit(
    view: ViewState,
    years_of: Mapping[str, Sequence[int]],
    indicator_meta: Mapping[str, Mapping] | None = None,
) -> ViewState:
    """``view`` made consistent after a change: every time and colour field valid for its indicator.

    A year the indicator lacks becomes its latest; a base year not before the year becomes the default
    base (:func:`regions.stats.transforms.default_base`); a change measure or normalisation the indicator does
    not allow is reset; on a roles map (or a user's column) the change mode is off. A view that
    :func:`parse` returned is left as it is.

    >>> v = refit(ViewState(indicator="grp", year=2024, show="change", base=2030, per="km2"),
    ...           {"grp": [2019, 2024]})
    >>> v.base, v.per, refit(replace(v, indicator="roles"), {"grp": [2019, 2024]}).show
    (2019, 'km2', 'level')
    """
    metas = _meta(indicator_meta)
    ind = view.indicator
    if ind == COLOUR_BY_ROLE:
        view = replace(view, year=None, show="level", base=None, how=None, scale="auto", per="none")
    else:
        years = sorted(years_of.get(ind, []))
        meta = metas.get(ind)
        year = view.year if view.year in years else (years[-1] if years else None)
        show, base = view.show, view.base
        if show == "change":
            fallback = transforms.default_base(years, year) if year is not None else None
            if meta is None or fallback is None:
                show, base = "level", None
            elif base not in years or base >= year:
                base = fallback
        else:
            base = None
        how = view.how if show == "change" and view.how in transforms.measures_for(meta) else None
        per = view.per if view.per in transforms.normalisations_for(ind, meta) else "none"
        view = replace(view, year=year, show=show, base=base, how=how, per=per)
    for name in ("x", "y"):
        if getattr(view, name) is not None and getattr(view, name) not in years_of:
            view = replace(view, **{name: None})
    return view


def _region(raw: str, layout: str, param: str, reject: Callable[..., None]) -> str | None:
    """The ISO code of ``raw`` in ``layout``, or ``None`` after a notice."""
    try:
        code = registry.lookup(raw)
    except registry.AmbiguousRegion as exc:
        reject(param, raw, "reason_region_ambiguous", candidates=", ".join(exc.candidates))
        return None
    except registry.UnknownRegion:
        reject(param, raw, "reason_region_unknown")
        return None
    if layout not in registry.get(code).layouts:
        reject(param, raw, "reason_region_layout", layout=layout)
        return None
    return code
