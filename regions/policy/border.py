"""The address's border claim, checked: "Almost 30 million people live in the border regions of Kazakhstan and
Russia, there are several million-plus cities."

Both sides are counted in one year, :data:`CHECK_YEAR` (2021: the year of Russia's latest census):

* Kazakhstan: the units of the 2022 layout with a border with Russia (``data/geography_2022.csv``), their BNS
  average annual population of that year (``data/statistics.csv``, indicator ``population``);
* Russia: the federal subjects on the border (``data/russia_border.json``), their population at the 2021
  census (Rosstat, through the sources its metadata names). A subject without a sourced figure (Tyumen Oblast
  without its autonomous okrugs) is missing, never estimated: the sum then covers fewer subjects and says so.

Cities of one million or more: the Russian ones as recorded with their source; on the Kazakh side there can be
none when every border region has fewer than a million inhabitants, which the project's own population
figures show (a city cannot be larger than its region).

No source publishes Kazakhstan's trade with Russia by region (:data:`TRADE_WITH_RUSSIA`); it is not derived.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from regions.base import store
from regions.base.i18n import pick
from regions.base.metadata import format_source_line
from regions.base.schemas import RUSSIA_BORDER_SCHEMA
from regions.geo import geography, registry
from regions.policy import roles
from regions.stats import statistics

RUSSIA_BORDER_JSON = "russia_border.json"
CHECK_YEAR = 2021
LAYOUT = "2022"
CLAIM = 30_000_000  # "almost 30 million" (the address's words, in the russia_border role's quote)
MILLION = 1_000_000
# The one line the page shows about trade with Russia by region (i18n key), and its English record.
TRADE_WITH_RUSSIA_KEY = "border_trade_with_russia_none"
TRADE_WITH_RUSSIA = (
    "No source publishes Kazakhstan's trade with Russia by region: BNS's regional customs tables (elements "
    "446905, 446906) have no partner country, and trade by partner is national only. The project does not "
    "derive it."
)
CSV_COLUMNS: tuple[str, ...] = (
    "side",
    "code",
    "name",
    "population",
    "year",
    "basis",
    "neighbours",
    "million_plus_cities",
    "note",
    "source",
)


class BorderError(store.DataError):
    """``data/russia_border.json`` is malformed; the message names the file and the entry at fault."""


@dataclass(frozen=True)
class City:
    name: str
    population: int
    year: int
    source: str


@dataclass(frozen=True)
class Place:
    """One border unit of either side: its population in the check year (None: no sourced figure)."""

    code: str
    name: str
    population: float | None
    neighbours: tuple[str, ...]  # the other side's units it borders (Russian subjects: Kazakh ISO codes)
    million_plus_cities: tuple[City, ...]
    note: str


@dataclass(frozen=True)
class Side:
    country: str  # KZ | RU
    places: tuple[Place, ...]
    population: float  # sum of the places with a figure
    counted: int
    missing: tuple[str, ...]  # codes without a figure
    year: int
    basis: str  # what the figures are, in English
    source: str  # full source line


@dataclass(frozen=True)
class BorderCheck:
    year: int
    quote: str
    quote_source: str
    claim: int
    kazakhstan: Side
    russia: Side
    total: float
    complete: bool  # every place of both sides has a figure
    kazakh_million_plus: int
    russian_million_plus: int
    # Every Kazakh border region has fewer than a million inhabitants in all, so none holds such a city.
    kazakh_all_below_million: bool


@store.memo
def load_subjects() -> list[dict[str, Any]]:
    """The Russian federal subjects on the border, validated (``data/russia_border.json``; shared).

    Raises
    ------
    BorderError
        If the file or its metadata is missing or malformed, a code repeats, a Kazakh neighbour is not a unit
        of the 2022 layout, or a source position is not in the metadata's sources.
    """
    raw = store.read_json(RUSSIA_BORDER_JSON, RUSSIA_BORDER_SCHEMA, entry="subject", error=BorderError)
    shown = store.display(store.path_of(RUSSIA_BORDER_JSON))
    n_sources = len(store.meta(RUSSIA_BORDER_JSON)["sources"])
    units = set(statistics.layout_units(LAYOUT))
    seen: set[str] = set()
    for s in raw:
        where = f"subject {s['iso_code']!r}"
        if s["iso_code"] in seen:
            raise BorderError(shown, "code appears twice", where=where)
        seen.add(s["iso_code"])
        for code in s["kazakh_neighbours"]:
            if code not in units:
                raise BorderError(shown, f"{code!r} is not a unit of the 2022 layout", where=where)
        positions = [
            s["population_census_2021_source"],
            s["population_estimate_source"],
            *s["kazakh_neighbours_sources"],
            *(c["source"] for c in s["million_plus_cities"]),
        ]
        for p in positions:
            if p is not None and p >= n_sources:
                raise BorderError(shown, f"source position {p} is not in the metadata's sources", where=where)
        if (s["population_census_2021"] is None) != (s["population_census_2021_source"] is None):
            raise BorderError(shown, "a census figure needs its source, and a source its figure", where=where)
    return raw


def _source_ref(position: int) -> str:
    src = store.meta(RUSSIA_BORDER_JSON)["sources"][position]
    return f"{src['producer']}: {src['url']}"


def border_check(lang: str = "en") -> BorderCheck:
    """Both sides of the border in :data:`CHECK_YEAR`, their sum, and the claim it is set against."""
    quote = next(q for q in roles.get_role("russia_border").quotes if "30 million" in q.text)
    kz = _kazakh_side(lang)
    ru = _russian_side(lang)
    return BorderCheck(
        year=CHECK_YEAR,
        quote=quote.text,
        quote_source=quote.source,
        claim=CLAIM,
        kazakhstan=kz,
        russia=ru,
        total=kz.population + ru.population,
        complete=not kz.missing and not ru.missing,
        kazakh_million_plus=sum(len(p.million_plus_cities) for p in kz.places),
        russian_million_plus=sum(len(p.million_plus_cities) for p in ru.places),
        kazakh_all_below_million=bool(kz.places)
        and all(p.population is not None and p.population < MILLION for p in kz.places),
    )


def _kazakh_side(lang: str) -> Side:
    pop = statistics.indicator_values(LAYOUT)
    pop = pop[(pop["indicator"] == "population") & (pop["year"] == CHECK_YEAR)].set_index("iso_code")["value"]
    by_neighbour: dict[str, list[str]] = {}
    for s in load_subjects():
        for code in s["kazakh_neighbours"]:
            by_neighbour.setdefault(code, []).append(s["iso_code"])
    places = []
    for code in geography.units_bordering("RUS", LAYOUT):
        value = pop.get(code)
        value = None if value is None or math.isnan(value) else float(value)
        note = "" if value is None or value >= MILLION else "fewer than one million inhabitants in all"
        places.append(
            Place(code, registry.name(code, lang), value, tuple(by_neighbour.get(code, ())), (), note)
        )
    counted = [p for p in places if p.population is not None]
    return Side(
        country="KZ",
        places=tuple(places),
        population=math.fsum(p.population for p in counted),
        counted=len(counted),
        missing=tuple(p.code for p in places if p.population is None),
        year=CHECK_YEAR,
        basis=f"BNS average annual population {CHECK_YEAR} of the units with a border with Russia (2022 layout)",
        source=format_source_line({"sources": statistics.load_indicators()["population"]["sources"]}, lang),
    )


def _russian_side(lang: str) -> Side:
    places = []
    for s in load_subjects():
        cities = tuple(
            City(pick(c["name"], lang), c["population"], c["year"], _source_ref(c["source"]))
            for c in s["million_plus_cities"]
        )
        value = s["population_census_2021"]
        note = "" if value is not None else "no sourced 2021 census figure (see the data file's caveats)"
        places.append(
            Place(
                s["iso_code"],
                pick(s["name"], lang),
                None if value is None else float(value),
                tuple(s["kazakh_neighbours"]),
                cities,
                note,
            )
        )
    counted = [p for p in places if p.population is not None]
    return Side(
        country="RU",
        places=tuple(places),
        population=math.fsum(p.population for p in counted),
        counted=len(counted),
        missing=tuple(p.code for p in places if p.population is None),
        year=CHECK_YEAR,
        basis=f"population at the {CHECK_YEAR} Russian census (Rosstat) of the federal subjects on the border",
        source=format_source_line(store.meta(RUSSIA_BORDER_JSON), lang),
    )


def border_json(lang: str = "en") -> dict[str, Any]:
    """The check as printed by ``python -m regions border --format json``."""
    doc = _clean(asdict(border_check(lang)))
    doc["trade_with_russia_by_region"] = TRADE_WITH_RUSSIA
    doc["source_files"] = [
        "data/statistics.csv",
        "data/geography_2022.csv",
        "data/russia_border.json",
        "data/roles.json",
    ]
    return doc


def border_frame(lang: str = "en") -> pd.DataFrame:
    """One row per border unit of both sides, then the two sides' sums and the total (columns :data:`CSV_COLUMNS`)."""
    check = border_check(lang)
    rows = []
    for side in (check.kazakhstan, check.russia):
        for p in side.places:
            rows.append(
                {
                    "side": side.country,
                    "code": p.code,
                    "name": p.name,
                    "population": p.population,
                    "year": side.year,
                    "basis": side.basis,
                    "neighbours": ";".join(p.neighbours),
                    "million_plus_cities": ";".join(
                        f"{c.name} {c.population} ({c.year})" for c in p.million_plus_cities
                    ),
                    "note": p.note,
                    "source": side.source,
                }
            )
        rows.append(
            {
                "side": side.country,
                "code": f"{side.country}_SUM",
                "name": f"sum of {side.counted} of {len(side.places)}",
                "population": side.population,
                "year": side.year,
                "basis": side.basis,
                "neighbours": "",
                "million_plus_cities": "",
                "note": f"missing: {', '.join(side.missing)}" if side.missing else "",
                "source": side.source,
            }
        )
    rows.append(
        {
            "side": "KZ+RU",
            "code": "TOTAL",
            "name": "both sides",
            "population": check.total,
            "year": check.year,
            "basis": "sum of the two sums above",
            "neighbours": "",
            "million_plus_cities": "",
            "note": ("" if check.complete else "incomplete: see the missing figures above; ")
            + f"the address: almost {check.claim:,} ({check.quote_source})",
            "source": "",
        }
    )
    return pd.DataFrame(rows, columns=list(CSV_COLUMNS))


def _clean(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    return obj
