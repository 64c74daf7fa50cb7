"""The view's vocabulary for what a map or chart shows of an indicator besides its level: change mode and
its measures as the link names them, normalisation by population or area, and the colour scale (linear,
logarithmic, quantile bins).

How a change is computed, and which measures fit an indicator, is decided in one place,
:mod:`regions.stats.change`; this module only maps the link's short names (``how=abs|pct|pp|idx``) to its names
(:data:`CHANGE_HOWS`). A missing input always gives a missing output: nothing here fills a gap.

Examples
--------
>>> change_how("idx"), url_how("points")
('index', 'pp')
>>> normalise(5_000.0, 2_000_000.0, PER_CAPITA_FACTOR)
2.5
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from regions.stats import change

SHOWS = ("level", "change")
# The link's ``how=`` -> regions.stats.change's name of the measure: the one mapping between the two vocabularies.
CHANGE_HOWS: dict[str, str] = {"abs": "absolute", "pct": "percent", "pp": "points", "idx": "index"}
CHANGE_MEASURES = tuple(CHANGE_HOWS)
# "auto" (the default): rounded bins when the values are skewed (one region far above the rest would
# otherwise paint every other region in one colour), else linear; see colour_scale.
SCALES = ("auto", "linear", "log", "quantile")
SKEW_RATIO = 3.0  # skewed: the highest value lies more than 3 times as far above the median as the lowest below
NORMALISATIONS = ("none", "capita", "km2")
# Per capita figures are given per 1,000 inhabitants, so that e.g. million KZT per 1,000 inhabitants reads
# as thousand KZT per person and small counts do not vanish into many zeros after the decimal point.
PER_CAPITA_FACTOR = 1000.0
POPULATION = "population"
DEFAULT_BASE_YEAR = 2019  # the year before the address
ADDRESS_YEAR = 2020
QUANTILE_BINS = 5


def change_how(short: str) -> str:
    """:mod:`regions.stats.change`'s name of the link's change measure ``short`` (:data:`CHANGE_HOWS`).

    >>> change_how("pct"), change_how("pp")
    ('percent', 'points')
    """
    if short not in CHANGE_HOWS:
        raise ValueError(f"how={short!r}; allowed: {', '.join(CHANGE_MEASURES)}")
    return CHANGE_HOWS[short]


def url_how(how: str) -> str:
    """The link's short name of :mod:`regions.stats.change`'s measure ``how`` (the inverse of :func:`change_how`)."""
    for short, name in CHANGE_HOWS.items():
        if name == how:
            return short
    raise ValueError(f"how={how!r}; allowed: {', '.join(CHANGE_HOWS.values())}")


def measures_for(meta: Mapping | None) -> tuple[str, ...]:
    """The change measures that fit an indicator, in the link's names, its default first.

    :func:`regions.stats.change.hows_for` decides; this only renames. An unknown indicator has none.

    >>> measures_for({"kind": "volume_index", "unit": {"en": "% of previous year"}})
    ('idx', 'pct')
    >>> measures_for({"kind": "computed", "unit": {"en": "% of GRP"}}), measures_for({"kind": "reported"})
    (('pp',), ('pct', 'abs'))
    """
    return tuple(url_how(h) for h in change.hows_for(meta))


def normalisations_for(indicator: str, meta: Mapping | None) -> tuple[str, ...]:
    """The normalisations that make sense for an indicator: per capita and per km² only for additive ones.

    A ratio (share, per capita, density) is already normalised, and so is a volume index (% of the
    previous year); population is not divided by itself.

    >>> normalisations_for("grp", {"additive": True})
    ('none', 'capita', 'km2')
    >>> normalisations_for("population", {"additive": True})
    ('none', 'km2')
    >>> normalisations_for("share_mining", {"additive": False})
    ('none',)
    """
    if not meta or not meta.get("additive") or meta.get("kind") == "volume_index":
        return ("none",)
    if indicator == POPULATION:
        return ("none", "km2")
    return NORMALISATIONS


def default_base(years: Sequence[int], end: int) -> int | None:
    """The base year of a change to ``end``: 2019 when the indicator has it before ``end``, else its first.

    >>> default_base([2019, 2020, 2024], 2024), default_base([2021, 2022, 2024], 2024), default_base([2024], 2024)
    (2019, 2021, None)
    """
    before = sorted(y for y in years if y < end)
    if not before:
        return None
    return DEFAULT_BASE_YEAR if DEFAULT_BASE_YEAR in before else before[0]


def _ok(x: float | None) -> bool:
    return x is not None and math.isfinite(x)


def normalise(value: float | None, denominator: float | None, factor: float = 1.0) -> float | None:
    """``value / denominator x factor``; ``None`` when either is missing or the denominator is not positive.

    >>> normalise(10.0, 4.0), normalise(10.0, None), normalise(10.0, 0.0)
    (2.5, None, None)
    """
    if not (_ok(value) and _ok(denominator)) or denominator <= 0:
        return None
    return value / denominator * factor


def log_possible(values: Sequence[float | None]) -> bool:
    """A log scale can show these values: at least one value, and every present value above zero.

    >>> log_possible([1.0, None, 3.0]), log_possible([1.0, -2.0]), log_possible([None])
    (True, False, False)
    """
    present = [v for v in values if _ok(v)]
    return bool(present) and all(v > 0 for v in present)


def quantile_bins(
    values: Sequence[float | None], n: int = QUANTILE_BINS
) -> tuple[list[int | None], list[tuple[float, float]]]:
    """Bins of near-equal size by rank, and each bin's lowest and highest value (the legend's edges).

    Values are ranked (equal values share the lowest rank, so ties fall in one bin); the value of rank r
    of m goes to bin ``floor(r x k / m)`` with ``k = min(n, m)``. Empty bins are dropped and the rest
    renumbered from 0. Missing values get no bin.

    >>> quantile_bins([10.0, 40.0, None, 20.0, 30.0], n=2)
    ([0, 1, None, 0, 1], [(10.0, 20.0), (30.0, 40.0)])
    >>> quantile_bins([5.0, 5.0, 5.0, 9.0], n=2)
    ([0, 0, 0, 1], [(5.0, 5.0), (9.0, 9.0)])
    """
    present = sorted(v for v in values if _ok(v))
    m = len(present)
    if m == 0:
        return [None] * len(values), []
    k = min(n, m)
    first_rank = {}
    for r, v in enumerate(present):
        first_rank.setdefault(v, r)
    raw = [None if not _ok(v) else (first_rank[v] * k) // m for v in values]
    used = sorted({b for b in raw if b is not None})
    renum = {b: i for i, b in enumerate(used)}
    bins = [None if b is None else renum[b] for b in raw]
    edges = []
    for i in range(len(used)):
        inside = [v for v, b in zip(values, bins, strict=True) if b == i]
        edges.append((min(inside), max(inside)))
    return bins, edges


@dataclass(frozen=True)
class ColourScale:
    """How values map to colours: ``z`` per value (``None`` = missing) and the colour bar's ticks.

    ``kind`` is the scale drawn (``linear`` when a log scale was asked for but is impossible);
    ``stepped`` says that ``z`` holds bin numbers (quantiles) to be drawn in discrete colour steps.
    """

    kind: str
    z: list[float | None]
    tickvals: list[float] | None = None
    ticktext: list[str] | None = None
    stepped: bool = False
    n_bins: int = 0


def _log_ticks(lo: float, hi: float) -> list[float]:
    """1-2-5 ticks between ``lo`` and ``hi`` (both > 0), always including the ends."""
    ticks = []
    for e in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1):
        for m in (1, 2, 5):
            v = m * 10.0**e
            if lo <= v <= hi:
                ticks.append(v)
    if len(ticks) < 2:
        ticks = sorted({lo, *ticks, hi})
    return ticks


def colour_scale(values: Sequence[float | None], kind: str, fmt: Callable[[float], str]) -> ColourScale:
    """The colour values of ``values`` on a ``linear``, ``log`` or ``quantile`` scale.

    Parameters
    ----------
    values
        One value per region (``None`` for missing).
    kind
        The scale asked for; ``log`` falls back to ``linear`` unless :func:`log_possible`.
    fmt
        Formats a value for the colour bar's tick labels.

    >>> s = colour_scale([1.0, 10.0, 100.0, None], "log", str)
    >>> s.kind, s.z, s.ticktext[:2]
    ('log', [0.0, 1.0, 2.0, None], ['1.0', '2.0'])
    >>> q = colour_scale([3.0, 1.0, 2.0], "quantile", lambda v: f"{v:g}")
    >>> q.z, q.ticktext, q.stepped
    ([2, 0, 1], ['1 – 1', '2 – 2', '3 – 3'], True)
    >>> colour_scale([-1.0, 2.0], "log", str).kind
    'linear'
    """
    if kind == "auto":
        kind = "binned" if skewed(values) else "linear"
    if kind == "binned":
        return binned_scale(values, fmt)
    if kind == "quantile":
        bins, edges = quantile_bins(values)
        return ColourScale(
            "quantile",
            [b for b in bins],
            tickvals=list(range(len(edges))),
            ticktext=[f"{fmt(lo)} – {fmt(hi)}" for lo, hi in edges],
            stepped=True,
            n_bins=len(edges),
        )
    if kind == "log" and log_possible(values):
        present = [v for v in values if _ok(v)]
        ticks = _log_ticks(min(present), max(present))
        return ColourScale(
            "log",
            [math.log10(v) if _ok(v) else None for v in values],
            tickvals=[math.log10(v) for v in ticks],
            ticktext=[fmt(v) for v in ticks],
        )
    present = [v for v in values if _ok(v)]
    ticks = round_ticks(min(present), max(present)) if present else []
    return ColourScale(
        "linear",
        [v if _ok(v) else None for v in values],
        tickvals=ticks or None,
        ticktext=[fmt(v) for v in ticks] or None,
    )


def skewed(values: Sequence[float | None]) -> bool:
    """Whether the highest value lies more than :data:`SKEW_RATIO` times as far above the median as the
    lowest lies below it (so that a linear scale would paint most regions in one colour).

    >>> skewed([1.0, 2.0, 3.0, 4.0, 30.0]), skewed([1.0, 2.0, 3.0, 4.0, 5.0]), skewed([2.0, 2.0])
    (True, False, False)
    """
    present = sorted(v for v in values if _ok(v))
    if len(present) < 3:
        return False
    n = len(present)
    median = (present[(n - 1) // 2] + present[n // 2]) / 2
    below, above = median - present[0], present[-1] - median
    return above > SKEW_RATIO * below if below > 0 else above > 0


def round_sig(value: float, digits: int = 2) -> float:
    """``value`` rounded to ``digits`` significant digits.

    >>> round_sig(12_920.0), round_sig(2_508.0), round_sig(0.0371), round_sig(0.0)
    (13000.0, 2500.0, 0.037, 0.0)
    """
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def round_ticks(lo: float, hi: float, target: int = 4) -> list[float]:
    """About ``target`` ticks at multiples of a 1-2-5 step, inside ``[lo, hi]``.

    >>> round_ticks(2_508.0, 23_332.0)
    [5000.0, 10000.0, 15000.0, 20000.0]
    >>> round_ticks(5.0, 5.0)
    [5.0]
    """
    if not hi > lo:
        return [lo]
    raw = (hi - lo) / target
    mag = 10.0 ** math.floor(math.log10(raw))
    step = min((m * mag for m in (1, 2, 5, 10)), key=lambda s: abs(math.log(s / raw)))
    first = math.ceil(lo / step - 1e-9)
    ticks = [k * step for k in range(first, math.floor(hi / step + 1e-9) + 1)]
    return [round(v, 12) for v in ticks]


def rounded_breaks(values: Sequence[float | None], k: int = QUANTILE_BINS) -> list[float]:
    """The inner edges of ``k`` bins at the quantiles of ``values``, each rounded to 2 significant digits
    (duplicates and edges outside the values' range dropped)."""
    present = sorted(v for v in values if _ok(v))
    if len(present) < 2:
        return []
    breaks = []
    for i in range(1, k):
        pos = i * (len(present) - 1) / k
        lo, frac = int(math.floor(pos)), pos - math.floor(pos)
        q = present[lo] + frac * (present[min(lo + 1, len(present) - 1)] - present[lo])
        b = round_sig(q)
        if present[0] < b <= present[-1] and (not breaks or b > breaks[-1]):
            breaks.append(b)
    return breaks


def binned_scale(values: Sequence[float | None], fmt: Callable[[float], str]) -> ColourScale:
    """Bins at the quantiles, with round edges (:func:`rounded_breaks`): a value ``v`` is in bin ``i`` when
    ``breaks[i-1] <= v < breaks[i]``; the legend reads "< b1", "b1 – b2", ..., "≥ bk".

    Six values: the quintile edges are the 2nd to 5th values, rounded (3,712 -> 3,700; 5,160 -> 5,200, so
    5,160 falls in the bin below its own edge's rounding):

    >>> s = binned_scale([2_508.0, 3_712.0, 4_420.0, 5_160.0, 12_920.0, 23_332.0], lambda v: f"{v:g}")
    >>> s.kind, s.z
    ('binned', [0, 1, 2, 2, 3, 4])
    >>> s.ticktext
    ['< 3700', '3700 – 4400', '4400 – 5200', '5200 – 13000', '≥ 13000']
    """
    breaks = rounded_breaks(values)
    z = [None if not _ok(v) else sum(v >= b for b in breaks) for v in values]
    if not breaks:
        text = [fmt(v) for v in values if _ok(v)][:1]
    else:
        text = [f"< {fmt(breaks[0])}"]
        text += [f"{fmt(a)} – {fmt(b)}" for a, b in zip(breaks, breaks[1:], strict=False)]
        text += [f"≥ {fmt(breaks[-1])}"]
    return ColourScale(
        "binned", z, tickvals=list(range(len(text))), ticktext=text, stepped=True, n_bins=len(text)
    )
