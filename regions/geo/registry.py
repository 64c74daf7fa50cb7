"""The region registry: names, codes, centres and aliases of Kazakhstan's first-level units.

The facts live in ``data/registry.json`` (sources in ``data/registry.json.meta.json``); this module
loads and validates that file and offers one lookup, :func:`lookup`, that turns any name, alias,
ISO 3166-2 code (numeric or old letter code) or KATO code into the unit's ISO 3166-2 code.

Two layouts are handled: ``"2022"`` (17 oblasts + 3 cities, in force since 8 June 2022) and
``"2020"`` (14 oblasts + 3 cities, as of 1 September 2020: Abai, Jetisu and Ulytau did not exist yet).
A 2020 unit keeps the ISO code of its 2022 namesake, so one registry serves both layouts.

Examples
--------
>>> lookup("  east   kazakhstan REGION ")
'KZ-63'
>>> lookup("г. Алматы")
'KZ-75'
>>> name("KZ-61", "ru")
'Туркестанская область'
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from regions.base import names, store
from regions.base.schemas import LANGS, LAYOUTS, REGISTRY_SCHEMA

__all__ = [
    "LANGS",
    "LAYOUTS",
    "REGISTRY_FILE",
    "DISTRICTS_FILE",
    "AmbiguousDistrict",
    "AmbiguousRegion",
    "Centre",
    "District",
    "RegistryError",
    "Unit",
    "UnknownDistrict",
    "UnknownRegion",
    "district",
    "districts",
    "get",
    "load_registry",
    "lookup",
    "lookup_district",
    "name",
    "short_name",
    "units",
]

REGISTRY_FILE = "registry.json"  # relative to the data root (regions.base.store)


# --------------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------------


class RegistryError(store.DataError):
    """The registry file is missing, malformed or self-contradictory.

    The message names the file, the unit and the field at fault.
    """


class UnknownRegion(KeyError):
    """No unit matches a code or a name.

    Attributes
    ----------
    text
        The input that did not match.
    suggestions
        ISO codes of up to three units whose names are close to ``text`` (may be empty).
    """

    def __init__(self, message: str, text: str = "", suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.text = text
        self.suggestions = suggestions

    def __str__(self) -> str:
        # KeyError's own __str__ shows repr(message), quotes and escapes included; a sentence reads better.
        return self.message


class AmbiguousRegion(ValueError):
    """A name matches more than one unit (e.g. bare "Almaty": the region KZ-19 and the city KZ-75).

    Attributes
    ----------
    text
        The ambiguous input.
    candidates
        ISO codes of the matching units, in code order.
    """

    def __init__(self, message: str, text: str, candidates: tuple[str, ...]) -> None:
        super().__init__(message)
        self.text = text
        self.candidates = candidates


# --------------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Centre:
    """An administrative centre: names by language and WGS 84 coordinates in decimal degrees."""

    name: dict[str, str]
    lat: float
    lon: float


@dataclass(frozen=True)
class Unit:
    """One first-level unit (oblast or city of republican significance).

    Attributes
    ----------
    iso_code
        ISO 3166-2 code, e.g. ``"KZ-63"``.
    iso_old
        Former ISO 3166-2 letter code (e.g. ``"KZ-VOS"``) or ``None``.
    kato
        Nine-digit KATO code of the national classifier, e.g. ``"630000000"``.
    type
        ``"oblast"`` or ``"city"``.
    layouts
        Layouts the unit belongs to, a subset of :data:`LAYOUTS`.
    name, short
        Official and short names keyed by language (:data:`LANGS`).
    centre
        Administrative centre in the 2022 layout (for a city, the city itself).
    centre_2020
        Centre in the 2020 layout where it differs from ``centre``, else ``None``.
    aliases
        Further names, transliterations, former names and abbreviations accepted by :func:`lookup`.
    notes
        Free-text remarks (history, caveats).
    split_from
        For a unit created in 2022, the ISO code of the 2020 unit its territory belonged to; else ``None``.
        An addition to the agreed fields, kept last and optional so positional use is unaffected.
    """

    iso_code: str
    iso_old: str | None
    kato: str
    type: str
    layouts: tuple[str, ...]
    name: dict[str, str]
    short: dict[str, str]
    centre: Centre
    centre_2020: Centre | None
    aliases: tuple[str, ...]
    notes: str
    split_from: str | None = None

    def centre_for(self, layout: str) -> Centre:
        """Return the administrative centre in ``layout`` (``"2022"`` or ``"2020"``).

        Raises
        ------
        ValueError
            If the unit did not exist in ``layout``.
        """
        if layout not in self.layouts:
            raise ValueError(f"{self.iso_code} ({self.name['en']}) is not part of the {layout} layout")
        if layout == "2020" and self.centre_2020 is not None:
            return self.centre_2020
        return self.centre


_CODE = re.compile(r"^\s*KZ[\s_-]?(\d{2})\s*$", re.IGNORECASE)


# --------------------------------------------------------------------------------------------------
# Loading and validation
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Registry:
    units: dict[str, Unit]
    # key -> {unit type -> ISO code}; the type is what decoration can select between.
    exact: dict[str, dict[str, str]]
    folded: dict[str, dict[str, str]]


def _centre(raw: dict[str, Any]) -> Centre:
    return Centre(name=dict(raw["name"]), lat=float(raw["lat"]), lon=float(raw["lon"]))


def _unit(raw: dict[str, Any]) -> Unit:
    return Unit(
        iso_code=raw["iso_code"],
        iso_old=raw["iso_old"],
        kato=raw["kato"],
        type=raw["type"],
        layouts=tuple(raw["layouts"]),
        name=dict(raw["name"]),
        short=dict(raw["short"]),
        centre=_centre(raw["centre"]),
        centre_2020=_centre(raw["centre_2020"]) if raw["centre_2020"] is not None else None,
        aliases=tuple(raw["aliases"]),
        notes=raw["notes"],
        split_from=raw.get("split_from"),
    )


def _index_terms(unit: Unit) -> list[tuple[str, str]]:
    """Every (field, text) of ``unit`` that :func:`lookup` must recognise."""
    terms = [("iso_code", unit.iso_code), ("kato", unit.kato)]
    if unit.iso_old:
        terms.append(("iso_old", unit.iso_old))
    terms += [(f"name.{lang}", unit.name[lang]) for lang in LANGS]
    terms += [(f"short.{lang}", unit.short[lang]) for lang in LANGS]
    terms += [(f"aliases[{i}]", alias) for i, alias in enumerate(unit.aliases)]
    return terms


def _article(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def _read(path: Path | str) -> _Registry:
    """Read, validate and index the registry at ``path``; raise :class:`RegistryError` on bad input."""
    raw = store.read_json(path, REGISTRY_SCHEMA, entry="unit", error=RegistryError)
    path = store.display(store.path_of(path))

    units: dict[str, Unit] = {}
    seen: dict[tuple[str, str], str] = {}  # (field, value) -> code, for uniqueness of codes
    for item in raw:
        unit = _unit(item)
        for field in ("iso_code", "iso_old", "kato"):
            value = getattr(unit, field)
            if value is None:
                continue
            if (field, value) in seen:
                raise RegistryError(
                    f"{path}: unit {unit.iso_code}: field {field}: duplicate value {value!r} "
                    f"(also used by {seen[field, value]})"
                )
            seen[field, value] = unit.iso_code
        if unit.centre_2020 is not None and "2020" not in unit.layouts:
            raise RegistryError(
                f"{path}: unit {unit.iso_code}: field centre_2020: set, but the unit is not "
                "part of the 2020 layout"
            )
        units[unit.iso_code] = unit

    for unit in units.values():
        # A unit missing from 2020 must say where its territory was, or lookup(layout='2020') cannot explain.
        if "2020" not in unit.layouts:
            parent = units.get(unit.split_from or "")
            if parent is None or "2020" not in parent.layouts:
                raise RegistryError(
                    f"{path}: unit {unit.iso_code}: field split_from: must name a unit of the "
                    f"2020 layout, got {unit.split_from!r}"
                )

    exact: dict[str, dict[str, str]] = {}
    folded: dict[str, dict[str, str]] = {}
    origin: dict[tuple[str, str, str], tuple[str, str]] = {}  # (index, key, type) -> (code, field)
    for unit in sorted(units.values(), key=lambda u: u.iso_code):
        for field, text in _index_terms(unit):
            key, kind = names.parse(text)
            if not key:
                raise RegistryError(
                    f"{path}: unit {unit.iso_code}: field {field}: {text!r} is nothing but decoration"
                )
            if kind is not None and kind != unit.type:
                raise RegistryError(
                    f"{path}: unit {unit.iso_code}: field {field}: {text!r} is decorated as "
                    f"{_article(kind)} but the unit is {_article(unit.type)}"
                )
            for label, index, k in (("exact", exact, key), ("folded", folded, names.fold(key))):
                claimed = index.setdefault(k, {})
                other = claimed.get(unit.type)
                if other is not None and other != unit.iso_code:
                    o_code, o_field = origin[label, k, unit.type]
                    raise RegistryError(
                        f"{path}: unit {unit.iso_code}: field {field}: {text!r} is also claimed "
                        f"by {o_code} ({o_field}), both of type {unit.type}"
                    )
                claimed[unit.type] = unit.iso_code
                origin.setdefault((label, k, unit.type), (unit.iso_code, field))
    return _Registry(units=units, exact=exact, folded=folded)


@store.memo
def _default_registry() -> _Registry:
    return _read(REGISTRY_FILE)


def load_registry(path: Path | str | None = None) -> dict[str, Unit]:
    """Load and validate the registry.

    Parameters
    ----------
    path
        Registry file to read; ``None`` (the default) reads ``registry.json`` of the data root, memoised
        under the policy of :mod:`regions.base.store`. Other paths are read afresh each time.

    Returns
    -------
    dict
        ISO code -> :class:`Unit`, in ISO-code order. A new dict each call, so callers may modify it.

    Raises
    ------
    RegistryError
        If the file is missing, is not JSON, breaks the schema, repeats a code, lacks a language,
        or lets two units of the same type claim the same alias; the message names the file, the
        unit and the field.
    """
    registry = _default_registry() if path is None else _read(Path(path))
    return dict(sorted(registry.units.items()))


# --------------------------------------------------------------------------------------------------
# Queries
# --------------------------------------------------------------------------------------------------


def units(layout: str) -> list[Unit]:
    """Return the units of ``layout`` (``"2022"``: 20 units, ``"2020"``: 17 units) in ISO-code order.

    ``layout`` is trusted (parsed at the edge by :func:`regions.base.vocab.parse_layout`).
    """
    return [u for code, u in sorted(_default_registry().units.items()) if layout in u.layouts]


def get(code: str) -> Unit:
    """Return the unit with ISO 3166-2 code ``code``, ignoring case and separators (``"kz-63"``, ``"KZ63"``).

    Raises
    ------
    UnknownRegion
        If no unit has that code. Use :func:`lookup` for names, old letter codes and KATO codes.
    """
    match = _CODE.match(code) if isinstance(code, str) else None
    registry = _default_registry().units
    if match is not None and f"KZ-{match.group(1)}" in registry:
        return registry[f"KZ-{match.group(1)}"]
    known = ", ".join(sorted(registry))
    raise UnknownRegion(
        f"unknown ISO 3166-2 region code {code!r}; known codes: {known} "
        "(use lookup() for names, old letter codes and KATO codes)",
        text=str(code),
    )


def name(code: str, lang: str = "en") -> str:
    """Return the official name of unit ``code`` in ``lang`` (``"en"``, ``"ru"`` or ``"kk"``).

    Raises
    ------
    UnknownRegion
        If ``code`` is unknown.
    """
    return get(code).name[lang]


def short_name(code: str, lang: str = "en") -> str:
    """Return the short name of unit ``code`` in ``lang`` (e.g. ``"East Kazakhstan"``, ``"Абайская"``).

    Raises
    ------
    UnknownRegion
        If ``code`` is unknown.
    """
    return get(code).short[lang]


def _label(unit: Unit) -> str:
    # "KZ-75 Almaty (city)" beside "KZ-19 Almaty Region": the English name alone would not tell them apart.
    suffix = " (city)" if unit.type == "city" else ""
    return f"{unit.iso_code} {unit.name['en']}{suffix}"


def _suggest(registry: _Registry, key: str) -> tuple[str, ...]:
    """ISO codes of up to three units with a name close to ``key`` (closest first)."""
    pool = list(registry.exact) + [k for k in registry.folded if k not in registry.exact]
    codes: list[str] = []
    for close in difflib.get_close_matches(key, pool, n=15, cutoff=0.6):
        hits = registry.exact.get(close) or registry.folded.get(close) or {}
        for code in sorted(hits.values()):
            if code not in codes:
                codes.append(code)
    return tuple(codes[:3])


def lookup(text: str, layout: str | None = None) -> str:
    """Return the ISO 3166-2 code of the unit that ``text`` names.

    ``text`` may be any official or short name (English, Russian, Kazakh), alias, transliteration,
    former name, abbreviation (ВКО, ЮКО …), ISO code (``"kz-63"``, old ``"KZ-VOS"``) or KATO code.
    Matching ignores case, spacing, hyphens and dashes, quotes, dots, Latin diacritics and
    decoration words (Region/Oblast/Province/city/City of, область/обл./г./город,
    облысы/облыс/қаласы/қ.); Kazakh letters typed as their Russian look-alikes also match. The
    decoration is used only to choose between an oblast and a city of the same name.

    Parameters
    ----------
    text
        The name or code to resolve.
    layout
        ``None`` accepts every unit; ``"2022"`` or ``"2020"`` accepts only units of that layout.

    Returns
    -------
    str
        The ISO 3166-2 code, e.g. ``"KZ-63"``.

    Raises
    ------
    AmbiguousRegion
        If ``text`` names more than one unit and no decoration tells them apart (bare "Almaty").
    UnknownRegion
        If nothing matches (the message offers up to three close names), or if the unit is not
        part of ``layout`` (the message names the 2020 unit its territory belonged to).
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str; got {type(text).__name__}")
    registry = _default_registry()
    key, kind = names.parse(text)
    hits = registry.exact.get(key) or registry.folded.get(names.fold(key)) or {}
    if not hits:
        suggestions = _suggest(registry, key) if key else ()
        hint = ""
        if suggestions:
            hint = "; did you mean " + " or ".join(_label(registry.units[c]) for c in suggestions) + "?"
        raise UnknownRegion(f"unknown region {text!r}{hint}", text=text, suggestions=suggestions)

    if layout is not None:
        present = {t: c for t, c in hits.items() if layout in registry.units[c].layouts}
        if not present:
            unit = registry.units[min(hits.values())]
            parent = registry.units.get(unit.split_from or "")
            where = f"; its territory was part of {_label(parent)}" if parent is not None else ""
            raise UnknownRegion(
                f"{text!r} is {_label(unit)}, which did not exist in the {layout} layout{where}",
                text=text,
                suggestions=(parent.iso_code,) if parent is not None else (),
            )
        hits = present

    if len(hits) == 1:
        return next(iter(hits.values()))
    if kind in hits:
        return hits[kind]
    candidates = tuple(sorted(hits.values()))
    listed = ", ".join(_label(registry.units[c]) for c in candidates)
    raise AmbiguousRegion(
        f"{text!r} is ambiguous: it matches {listed}; add 'Region'/'область'/'облысы' or "
        "'city'/'г.'/'қаласы' to choose",
        text=text,
        candidates=candidates,
    )


# --------------------------------------------------------------------------------------------------
# The second level: districts and cities of regional significance (data/districts.csv)
# --------------------------------------------------------------------------------------------------

DISTRICTS_FILE = "districts.csv"  # relative to the data root; built by python -m regions.build
_KATO = re.compile(r"^\s*(\d{9})\s*$")


class UnknownDistrict(UnknownRegion):
    """No district matches a code or a name (``suggestions`` are KATO codes)."""


class AmbiguousDistrict(AmbiguousRegion):
    """A name matches several districts; ``candidates`` are their KATO codes (add the parent region)."""


@dataclass(frozen=True)
class District:
    """One second-level unit: a district, a city of regional significance or an urban district.

    Attributes
    ----------
    kato
        Nine-digit KATO code, e.g. ``"103800000"`` (Beskaragay District).
    parent
        ISO 3166-2 code of the region it belongs to (2022 layout).
    type
        ``"district"``, ``"city"`` (of regional significance) or ``"city_district"`` (of Astana, Almaty,
        Shymkent); see :data:`regions.base.schemas.DISTRICT_TYPES`.
    name, short
        Full and short names keyed by language.
    centre
        Administrative centre by language, or ``None`` where the source names none.
    area_km2
        Area of the polygon drawn on the map (fitted to the region outline), km².
    aliases
        Further names accepted by :func:`lookup_district`.
    """

    kato: str
    parent: str
    type: str
    name: dict[str, str]
    short: dict[str, str]
    centre: dict[str, str] | None
    area_km2: float
    aliases: tuple[str, ...]

    @property
    def kind(self) -> str:
        """``"city"`` or ``"district"``: what a name's decoration (г./район) can select between."""
        return "city" if self.type == "city" else "district"


@dataclass(frozen=True)
class _Districts:
    units: dict[str, District]
    exact: dict[str, tuple[str, ...]]  # key -> KATO codes
    folded: dict[str, tuple[str, ...]]


def _read_districts(name: Path | str) -> _Districts:
    from regions.base.schemas import DISTRICT_COLUMNS, DISTRICT_TYPES

    rows = store.read_rows(name, DISTRICT_COLUMNS, error=RegistryError)
    path = store.display(store.path_of(name))
    regions_ = _default_registry().units
    units: dict[str, District] = {}
    for number, row in rows:

        def bad(column: str, problem: str) -> RegistryError:
            return RegistryError(f"{path}: row {number}, column {column}: {problem}")  # noqa: B023

        if not _KATO.match(row["kato"]):
            raise bad("kato", f"{row['kato']!r} is not a 9-digit KATO code")
        if row["kato"] in units:
            raise bad("kato", f"{row['kato']} repeats an earlier row")
        parent = regions_.get(row["parent_iso"])
        if parent is None or "2022" not in parent.layouts:
            raise bad("parent_iso", f"{row['parent_iso']!r} is not a region of the 2022 layout")
        if row["kato"][:2] != parent.kato[:2]:
            raise bad("kato", f"{row['kato']} does not lie in {parent.iso_code} (KATO {parent.kato})")
        if row["type"] not in DISTRICT_TYPES:
            raise bad("type", f"{row['type']!r} is not one of {', '.join(DISTRICT_TYPES)}")
        for field in ("name", "short"):
            for lang in LANGS:
                if not row[f"{field}_{lang}"]:
                    raise bad(f"{field}_{lang}", "empty")
        try:
            area = float(row["area_km2"])
        except ValueError:
            raise bad("area_km2", f"{row['area_km2']!r} is not a number") from None
        centre = {lang: row[f"centre_{lang}"] for lang in LANGS}
        units[row["kato"]] = District(
            kato=row["kato"],
            parent=parent.iso_code,
            type=row["type"],
            name={lang: row[f"name_{lang}"] for lang in LANGS},
            short={lang: row[f"short_{lang}"] for lang in LANGS},
            centre=centre if all(centre.values()) else None,
            area_km2=area,
            aliases=tuple(a for a in row["aliases"].split(";") if a),
        )
    exact: dict[str, list[str]] = {}
    folded: dict[str, list[str]] = {}
    for d in units.values():
        for text in (*d.name.values(), *d.short.values(), *d.aliases):
            key, _ = names.parse(text)
            if not key:
                raise RegistryError(f"{path}: district {d.kato}: {text!r} is nothing but decoration")
            for index, k in ((exact, key), (folded, names.fold(key))):
                codes = index.setdefault(k, [])
                if d.kato not in codes:
                    codes.append(d.kato)
    return _Districts(
        units=units,
        exact={k: tuple(v) for k, v in exact.items()},
        folded={k: tuple(v) for k, v in folded.items()},
    )


@store.memo
def _default_districts() -> _Districts:
    return _read_districts(DISTRICTS_FILE)


def districts(region: str | None = None) -> list[District]:
    """The districts of ``region`` (any name or code :func:`lookup` accepts), or of all regions, by KATO code.

    Raises
    ------
    UnknownRegion, AmbiguousRegion
        If ``region`` names no region, or several.
    RegistryError
        If ``data/districts.csv`` is missing or malformed (the message names file, row and column).
    """
    units = _default_districts().units
    if region is None:
        return list(units.values())
    code = lookup(region, layout="2022")
    return [d for d in units.values() if d.parent == code]


def district(kato: str) -> District:
    """The district with 9-digit KATO code ``kato``.

    Raises
    ------
    UnknownDistrict
        If no district has that code.
    """
    units = _default_districts().units
    match = _KATO.match(kato) if isinstance(kato, str) else None
    if match is not None and match.group(1) in units:
        return units[match.group(1)]
    raise UnknownDistrict(f"unknown district KATO code {kato!r}", text=str(kato))


def _district_label(d: District, lang: str = "en") -> str:
    region = _default_registry().units[d.parent]
    return f"{d.kato} {d.name[lang]} ({region.short[lang]})"


def lookup_district(text: str, region: str | None = None) -> str:
    """Return the KATO code of the district that ``text`` names.

    ``text`` may be a 9-digit KATO code or any full or short name or alias in English, Russian or Kazakh,
    matched with the registry's normalisation (:func:`regions.base.names.parse`: case, spacing, hyphens,
    Latin diacritics and decoration words ignored, Kazakh letters typed as Russian ones accepted). The
    decoration (район/ауданы/District/р-н against г./қаласы/City) chooses between a district and a city of
    the same name; ``region`` chooses between districts of the same name in different regions
    (there are three Abay Districts).

    Parameters
    ----------
    text
        The name or code to resolve.
    region
        ``None``, or the parent region as anything :func:`lookup` accepts (``"KZ-10"``, ``"Абай облысы"``).

    Raises
    ------
    UnknownDistrict
        If nothing matches (the message offers up to three close names), or the match is not in ``region``.
    AmbiguousDistrict
        If several districts match and neither decoration nor ``region`` tells them apart; the message
        lists them with their regions.
    UnknownRegion, AmbiguousRegion
        If ``region`` itself names no region, or several.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str; got {type(text).__name__}")
    index = _default_districts()
    parent = lookup(region, layout="2022") if region is not None else None
    match = _KATO.match(text)
    if match is not None:
        d = index.units.get(match.group(1))
        if d is None:
            raise UnknownDistrict(f"unknown district KATO code {text.strip()!r}", text=text)
        if parent is not None and d.parent != parent:
            raise UnknownDistrict(f"{_district_label(d)} is not in {_label(_default_registry().units[parent])}",
                                  text=text)  # fmt: skip
        return d.kato
    key, kind = names.parse(text)
    hits = list(index.exact.get(key) or index.folded.get(names.fold(key)) or ())
    if not hits:
        suggestions = _suggest_district(index, key, parent) if key else ()
        hint = ""
        if suggestions:
            hint = "; did you mean " + " or ".join(_district_label(index.units[k]) for k in suggestions) + "?"
        raise UnknownDistrict(f"unknown district {text!r}{hint}", text=text, suggestions=suggestions)
    if parent is not None:
        inside = [k for k in hits if index.units[k].parent == parent]
        if not inside:
            listed = ", ".join(_district_label(index.units[k]) for k in hits)
            raise UnknownDistrict(
                f"{text!r} is not a district of {_label(_default_registry().units[parent])} (it matches {listed})",
                text=text,
                suggestions=tuple(hits),
            )
        hits = inside
    if len(hits) > 1 and kind in ("city", "district"):
        same_kind = [k for k in hits if index.units[k].kind == kind]
        hits = same_kind or hits
    if len(hits) == 1:
        return hits[0]
    listed = ", ".join(_district_label(index.units[k]) for k in sorted(hits))
    raise AmbiguousDistrict(
        f"{text!r} is ambiguous: it matches {listed}; give the region (or 'район'/'г.') to choose",
        text=text,
        candidates=tuple(sorted(hits)),
    )


def _suggest_district(index: _Districts, key: str, parent: str | None) -> tuple[str, ...]:
    """KATO codes of up to three districts (of ``parent`` if given) with a name close to ``key``."""
    pool = list(index.exact) + [k for k in index.folded if k not in index.exact]
    codes: list[str] = []
    for close in difflib.get_close_matches(key, pool, n=15, cutoff=0.6):
        for kato in index.exact.get(close) or index.folded.get(close) or ():
            if kato not in codes and (parent is None or index.units[kato].parent == parent):
                codes.append(kato)
    return tuple(codes[:3])
