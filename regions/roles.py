"""Regional roles and national targets of the State-of-the-Nation Address of 1 September 2020.

The role catalogue (``data/roles.json``) and the targets and reforms (``data/targets.json``) quote the
address only through ``data/sources/address-2020-excerpt.txt``: verbatim paragraphs of an English news
article (Arguments and Facts, 3 September 2020), the project's only text of the address. Every quote must
be an exact substring of that excerpt, which :func:`load_roles` and :func:`load_targets` check.

Assignment rule and basis
-------------------------
Each role says how its units are found (``assignment.rule``), and each assignment records its basis:

* ``listed``: the address names the regions; the 2020 units are typed in ``roles.json``. Basis ``direct``.
* ``interpretation``: the address describes the regions without naming them ("the western regions"); the
  2020 units are the project's reading, explained in the role's ``interpretation`` text. Basis
  ``interpretation``.
* ``border``: the address states a criterion ("the border regions of Kazakhstan and Russia") and names no
  region; the project applies it to the computed borders of the layout shown (the units with a land border
  with ``assignment.country`` longer than 0 km in ``data/geography_<layout>.csv``, see
  :func:`regions.geography.units_bordering`), never typed. Basis ``rule``, with a note giving the length.

Layout ``"2022"`` (through ``data/lineage.csv``), for ``listed`` and ``interpretation`` roles: a unit whose code
existed in 2020 (relation ``unchanged`` or ``retained``) gets the role with the same basis if its 2020 unit had
it. A unit split off in 2022 (Abai, Jetisu, Ulytau) whose 2020 predecessor had the role gets it with basis
``lineage`` and a note in en/ru/kk under ``lineage_rule="inherit"`` (the default), and does not get it under
``lineage_rule="strict"``: whether a designation made for the old region extends to a region carved out of
it later is debatable, so it is a switch. A ``border`` role is never inherited: the criterion is applied to
the 2022 borders directly.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from regions.lineage import LINEAGE_RULES as LINEAGE_RULES
from regions.lineage import check_lineage_rule
from regions.metadata import read_catalogue
from regions.paths import DATA, SOURCES
from regions.registry import LANGS, check_layout

ROLES_FILE = DATA / "roles.json"
TARGETS_FILE = DATA / "targets.json"
SECTORS_FILE = DATA / "sectors.json"
EXCERPT_FILE = SOURCES / "address-2020-excerpt.txt"

RULES: tuple[str, ...] = ("listed", "interpretation", "border")
# How a unit came to hold a role: the address names it (direct), the address states a criterion the project
# applied to its boundaries (rule), the unit inherits it from its 2020 predecessor (lineage), or the project
# reads an unnamed group of regions (interpretation).
BASES: tuple[str, ...] = ("direct", "rule", "lineage", "interpretation")

# A quote is either the address's own words as the article renders them, or (for a few instructions the
# article only reports) the article's paraphrase, which must never be passed off as the address's words.
ADDRESS_SOURCE = (
    "State-of-the-Nation Address, 1 September 2020 (English wording: Arguments and Facts, 3 September 2020)"
)
PARAPHRASE_SOURCE = (
    "Arguments and Facts, 3 September 2020, reporting the State-of-the-Nation Address of 1 September 2020 "
    "(the article's paraphrase, not the address's own words)"
)
QUOTE_SOURCES: tuple[str, ...] = (ADDRESS_SOURCE, PARAPHRASE_SOURCE)
PROGRESS_COLUMNS: tuple[str, ...] = (
    "iso_code",
    "indicator",
    "base_year",
    "base_value",
    "latest_year",
    "latest_value",
    "ratio",
    "measure",
)

_TEXT = {"type": "string", "minLength": 1}
_LANG_TEXT: dict[str, Any] = {
    "type": "object",
    "required": list(LANGS),
    "properties": {lang: _TEXT for lang in LANGS},
    "additionalProperties": False,
}
_CODE = {"type": "string", "pattern": r"^KZ-\d{2}$"}
_ID = {"type": "string", "pattern": r"^[a-z][a-z0-9_]*$"}

QUOTE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["text", "source"],
    "properties": {"text": {"type": "string", "minLength": 10}, "source": {"enum": list(QUOTE_SOURCES)}},
    "additionalProperties": False,
}

ROLE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "name", "description", "sectors", "quotes", "assignment", "interpretation"],
    "properties": {
        "id": _ID,
        "name": _LANG_TEXT,
        "description": _LANG_TEXT,
        "sectors": {"type": "array", "minItems": 1, "uniqueItems": True, "items": _ID},
        # A role exists only because the address says it: at least one quote of its own words.
        "quotes": {
            "type": "array",
            "minItems": 1,
            "items": QUOTE_SCHEMA,
            "contains": {"properties": {"source": {"const": ADDRESS_SOURCE}}},
        },
        "assignment": {
            "type": "object",
            "required": ["rule"],
            "properties": {
                "rule": {"enum": list(RULES)},
                "units_2020": {"type": "array", "minItems": 1, "uniqueItems": True, "items": _CODE},
                "country": {"type": "string", "pattern": "^[A-Z]{3}$"},
            },
            "additionalProperties": False,
            # Typed units for listed/interpretation roles; a border role's units are derived, never typed.
            "if": {"properties": {"rule": {"const": "border"}}},
            "then": {"required": ["country"], "not": {"required": ["units_2020"]}},
            "else": {"required": ["units_2020"], "not": {"required": ["country"]}},
        },
        "interpretation": {"oneOf": [{"type": "null"}, _LANG_TEXT]},
    },
    "additionalProperties": False,
    # The project's reading of an unnamed group of regions must be explained.
    "if": {"properties": {"assignment": {"properties": {"rule": {"const": "interpretation"}}}}},
    "then": {"properties": {"interpretation": _LANG_TEXT}},
}
ROLES_SCHEMA: dict[str, Any] = {"type": "array", "minItems": 1, "items": ROLE_SCHEMA}

TARGET_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "kind", "name", "quotes", "indicator", "notes"],
    "properties": {
        "id": _ID,
        "kind": {"enum": ["target", "reform"]},
        "name": _LANG_TEXT,
        "quotes": {"type": "array", "minItems": 1, "items": QUOTE_SCHEMA},
        "indicator": {
            "oneOf": [
                {"type": "null"},
                {
                    "type": "object",
                    "required": ["id", "base_year", "label", "measure"],
                    "properties": {
                        "id": {"type": "string", "minLength": 1},
                        "base_year": {"type": "integer", "minimum": 1990, "maximum": 2100},
                        "label": {
                            "type": "object",
                            "required": ["en"],
                            "properties": {lang: _TEXT for lang in LANGS},
                            "additionalProperties": False,
                        },
                        "measure": {"enum": ["nominal", "real"]},
                    },
                    "additionalProperties": False,
                },
            ]
        },
        "notes": {
            "type": "object",
            "required": ["en"],
            "properties": {lang: _TEXT for lang in LANGS},
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}
TARGETS_SCHEMA: dict[str, Any] = {"type": "array", "minItems": 1, "items": TARGET_SCHEMA}


class RoleError(ValueError):
    """A role or target file is malformed; the message names the file, the role or target id and the field."""


@dataclass(frozen=True)
class Quote:
    """A passage quoted verbatim from the excerpt, and to whom its words belong."""

    text: str
    source: str


@dataclass(frozen=True)
class Role:
    """One regional role of the address.

    Attributes
    ----------
    id
        Stable identifier, e.g. ``"metallurgy_hightech"``.
    name, description
        Texts keyed by language (``en``, ``ru``, ``kk``).
    sectors
        Ids of the sectors (``data/sectors.json``) the role designates.
    quotes
        Verbatim passages of the excerpt that state the role.
    rule
        ``listed``, ``interpretation`` or ``border`` (see the module docstring).
    units_2020_listed
        The typed 2020 units of a ``listed`` or ``interpretation`` role; empty for ``border``.
    country
        ISO 3166-1 alpha-3 code of the neighbour of a ``border`` role, else ``None``.
    interpretation
        The project's reading of the address, by language, or ``None``.
    """

    id: str
    name: dict
    description: dict
    sectors: tuple[str, ...]
    quotes: tuple[Quote, ...]
    rule: str
    units_2020_listed: tuple[str, ...]
    country: str | None
    interpretation: dict | None

    def __hash__(self) -> int:
        # The dict fields are unhashable; a role is identified by its id.
        return hash(self.id)


@dataclass(frozen=True)
class Assignment:
    """A role held by a unit of a layout, with the basis of the assignment.

    ``basis`` is one of :data:`BASES`: ``direct`` (the address names the unit), ``rule`` (the address's
    criterion applied by the project to its boundaries), ``lineage`` (inherited from the 2020 predecessor of
    a unit created in 2022) or ``interpretation`` (the project's reading of an unnamed group). ``note``
    explains every basis but ``direct`` in en/ru/kk; it is empty for ``direct`` ones.
    """

    role_id: str
    iso_code: str
    basis: str
    note: dict[str, str]

    def __hash__(self) -> int:
        return hash((self.role_id, self.iso_code, self.basis))


# ----------------------------------------------------------------------------------------------------
# The excerpt


def load_excerpt() -> str:
    """The full text of ``data/sources/address-2020-excerpt.txt`` (header line, then the paragraphs)."""
    return EXCERPT_FILE.read_text(encoding="utf-8")


def excerpt_paragraphs(text: str | None = None) -> list[str]:
    """The article's paragraphs in the excerpt, without the header line naming the article."""
    text = load_excerpt() if text is None else text
    _header, _, body = text.partition("\n\n")
    # The file ends with a newline that is not part of the last paragraph.
    return [p for p in body.rstrip("\n").split("\n\n") if p.strip()]


def _check_quotes(quotes: list[dict], where: str, body: str) -> None:
    # Only the paragraphs count: a quote must not match the header line the project wrote itself.
    for i, quote in enumerate(quotes):
        if quote["text"] not in body:
            raise RoleError(
                f"{where}: quotes/{i}: text not found verbatim in {EXCERPT_FILE.name}: "
                f"{quote['text'][:60]!r}..."
            )


def _excerpt_body() -> str:
    return "\n\n".join(excerpt_paragraphs())


# ----------------------------------------------------------------------------------------------------
# Loading


def _read_json(path: Path, schema: dict[str, Any], kind: str) -> list[dict]:
    return read_catalogue(path, schema, kind, RoleError)


def _known_sectors() -> set[str]:
    # Read directly rather than through regions.sectors, which itself builds on this module.
    return {s["id"] for s in json.loads(SECTORS_FILE.read_text(encoding="utf-8"))}


def _units_2020_known() -> set[str]:
    from regions import lineage

    return set(lineage.successors_2020())


@lru_cache(maxsize=8)
def _load_roles_cached(path: str, mtime_ns: int) -> tuple[Role, ...]:
    file = Path(path)
    data = _read_json(file, ROLES_SCHEMA, "role")
    body = _excerpt_body()
    sectors = _known_sectors()
    units = _units_2020_known()
    roles = []
    for raw in data:
        where = f"{file}: role {raw['id']!r}"
        _check_quotes(raw["quotes"], where, body)
        unknown = [s for s in raw["sectors"] if s not in sectors]
        if unknown:
            raise RoleError(
                f"{where}: sectors: unknown sector id(s) {', '.join(unknown)} (see {SECTORS_FILE.name})"
            )
        assignment = raw["assignment"]
        listed = assignment.get("units_2020", [])
        bad = [c for c in listed if c not in units]
        if bad:
            raise RoleError(f"{where}: assignment/units_2020: not units of the 2020 layout: {', '.join(bad)}")
        roles.append(
            Role(
                id=raw["id"],
                name=dict(raw["name"]),
                description=dict(raw["description"]),
                sectors=tuple(raw["sectors"]),
                quotes=tuple(Quote(q["text"], q["source"]) for q in raw["quotes"]),
                rule=assignment["rule"],
                units_2020_listed=tuple(sorted(listed)),
                country=assignment.get("country"),
                interpretation=dict(raw["interpretation"]) if raw["interpretation"] else None,
            )
        )
    return tuple(roles)


def load_roles(path: Path | str | None = None) -> tuple[Role, ...]:
    """Load and validate the role catalogue.

    Parameters
    ----------
    path
        File to read; defaults to ``data/roles.json``.

    Returns
    -------
    tuple of Role
        In file order.

    Raises
    ------
    RoleError
        If the file is not valid JSON, does not follow :data:`ROLES_SCHEMA`, repeats an id, quotes text that
        is not verbatim in the excerpt, names an unknown sector or a code that is not a 2020 unit. The message
        names the file, the role id and the field.
    """
    file = Path(path) if path is not None else ROLES_FILE
    try:
        mtime = file.stat().st_mtime_ns
    except OSError as exc:
        raise RoleError(f"{file}: cannot read ({exc.strerror})") from exc
    return _load_roles_cached(str(file.resolve()), mtime)


def get_role(role_id: str) -> Role:
    """The role with id ``role_id``; ``ValueError`` naming the known ids otherwise."""
    for role in load_roles():
        if role.id == role_id:
            return role
    known = ", ".join(r.id for r in load_roles())
    raise ValueError(f"role_id: {role_id!r} is not a known role; known: {known}")


# ----------------------------------------------------------------------------------------------------
# Assignment


def units_2020(role: Role) -> list[str]:
    """The 2020 units of ``role``: the typed list, or for a ``border`` role the computed border units."""
    if role.rule == "border":
        from regions import geography

        return list(geography.units_bordering(role.country, "2020"))
    return list(role.units_2020_listed)


def _note(key: str, **values: object) -> dict[str, str]:
    """An assignment's note in every language, from the ``data/i18n.json`` template ``key``."""
    from regions.i18n import t

    return {lang: t(key, lang, **values) for lang in LANGS}


def _lineage_note(code_2022: str, code_2020: str) -> dict[str, str]:
    from regions import registry
    from regions.i18n import t

    return {
        lang: t(
            "note_lineage", lang, name=registry.name(code_2022, lang), parent=registry.name(code_2020, lang)
        )
        for lang in LANGS
    }


def assignments(layout: str, lineage_rule: str = "inherit") -> list[Assignment]:
    """Every (role, unit) assignment of ``layout``.

    Parameters
    ----------
    layout
        ``"2020"`` (17 units) or ``"2022"`` (20 units).
    lineage_rule
        ``"inherit"`` (default): a unit split off in 2022 inherits its predecessor's roles with basis
        ``lineage``. ``"strict"``: it does not. Irrelevant for the 2020 layout.

    Returns
    -------
    list of Assignment
        Sorted by ``(iso_code, role_id)``.

    Raises
    ------
    ValueError
        For an unknown ``layout`` or ``lineage_rule``, naming the parameter.
    """
    layout = check_layout(layout)
    check_lineage_rule(lineage_rule)
    out: list[Assignment] = []
    for role in load_roles():
        if role.rule == "border":
            # The address states a criterion ("border regions"), not a list: the project applies it to the
            # computed borders of the layout shown, so the lineage rule does not enter.
            from regions import geography

            lengths = geography.load_geography(layout)[f"border_km_{role.country}"]
            for code in geography.units_bordering(role.country, layout):
                km = f"{lengths[code]:,.0f}"
                out.append(
                    Assignment(
                        role.id, code, "rule", _note(f"note_rule_{role.country}", km=km, layout=layout)
                    )
                )
            continue
        basis = "interpretation" if role.rule == "interpretation" else "direct"
        note = _note("note_interpretation") if basis == "interpretation" else {}
        held_2020 = set(role.units_2020_listed)
        if layout == "2020":
            out.extend(Assignment(role.id, code, basis, dict(note)) for code in held_2020)
            continue
        from regions import lineage

        for link in lineage.load_lineage():
            if link.code_2020 not in held_2020:
                continue
            if link.relation in ("unchanged", "retained"):
                out.append(Assignment(role.id, link.code_2022, basis, dict(note)))
            elif lineage_rule == "inherit":
                note_2022 = _lineage_note(link.code_2022, link.code_2020)
                out.append(Assignment(role.id, link.code_2022, "lineage", note_2022))
    return sorted(out, key=lambda a: (a.iso_code, a.role_id))


def roles_of(iso_code: str, layout: str, lineage_rule: str = "inherit") -> list[Assignment]:
    """The assignments of one unit of ``layout`` (empty if it holds no role)."""
    return [a for a in assignments(layout, lineage_rule) if a.iso_code == iso_code]


def roles_json(layout_2022_rule: str = "inherit") -> list[dict]:
    """The role catalogue as printed by ``python -m regions roles``.

    Parameters
    ----------
    layout_2022_rule
        The ``lineage_rule`` used for ``units_2022``.

    Returns
    -------
    list of dict
        One dict per role, in file order: ``id``, ``name`` (en/ru/kk), ``sectors``, ``quotes`` (``text``,
        ``source``), ``assigned_2020`` (ISO codes) and ``units_2022`` (``iso_code``, ``basis``), codes sorted.
    """
    by_role: dict[str, list[dict[str, str]]] = {}
    for a in assignments("2022", layout_2022_rule):
        by_role.setdefault(a.role_id, []).append({"iso_code": a.iso_code, "basis": a.basis})
    return [
        {
            "id": role.id,
            "name": {lang: role.name[lang] for lang in LANGS},
            "sectors": list(role.sectors),
            "quotes": [{"text": q.text, "source": q.source} for q in role.quotes],
            "assigned_2020": sorted(units_2020(role)),
            "units_2022": by_role.get(role.id, []),
        }
        for role in load_roles()
    ]


# ----------------------------------------------------------------------------------------------------
# Targets and reforms


@lru_cache(maxsize=8)
def _load_targets_cached(path: str, mtime_ns: int) -> tuple[dict, ...]:
    file = Path(path)
    data = _read_json(file, TARGETS_SCHEMA, "target")
    body = _excerpt_body()
    from regions import statistics

    indicators = statistics.load_indicators()
    for raw in data:
        where = f"{file}: target {raw['id']!r}"
        _check_quotes(raw["quotes"], where, body)
        ind = raw["indicator"]
        if ind is not None and ind["id"] not in indicators:
            raise RoleError(
                f"{where}: indicator/id: {ind['id']!r} is not in {statistics.INDICATORS_JSON.name}"
            )
    return tuple(data)


def load_targets(path: Path | str | None = None) -> list[dict]:
    """Load and validate the national targets and reforms (``data/targets.json``).

    Raises
    ------
    RoleError
        If the file does not follow :data:`TARGETS_SCHEMA`, repeats an id, quotes text not verbatim in the
        excerpt or names an indicator the project does not have; the message names the file, the target
        id and the field.
    """
    file = Path(path) if path is not None else TARGETS_FILE
    try:
        mtime = file.stat().st_mtime_ns
    except OSError as exc:
        raise RoleError(f"{file}: cannot read ({exc.strerror})") from exc
    # Deep copy through JSON so callers cannot alter the cached entries.
    return json.loads(json.dumps(list(_load_targets_cached(str(file.resolve()), mtime))))


def target_progress(target_id: str, layout: str) -> pd.DataFrame | None:
    """Base-year and latest values of a target's regional indicator, per unit and nationally.

    Parameters
    ----------
    target_id
        Id of a target in ``data/targets.json``.
    layout
        ``"2020"`` or ``"2022"``.

    Returns
    -------
    pandas.DataFrame or None
        ``None`` when the target has no indicator in the project. Otherwise one row per unit of the layout
        (ISO-code order) and a last row ``KZ``, with columns ``iso_code, indicator, base_year, base_value,
        latest_year, latest_value, ratio, measure``. ``ratio`` is latest/base (NaN when either is missing);
        ``measure`` repeats the indicator's measure (``"nominal"``: current prices, so the ratio includes
        price growth and does not show progress in real terms).

    Raises
    ------
    ValueError
        For an unknown ``target_id`` or ``layout``.
    """
    layout = check_layout(layout)
    targets = {t["id"]: t for t in load_targets()}
    if target_id not in targets:
        raise ValueError(f"target_id: {target_id!r} is not a known target; known: {', '.join(targets)}")
    ind = targets[target_id]["indicator"]
    if ind is None:
        return None
    from regions import statistics

    values = statistics.indicator_values(layout)
    values = values[values["indicator"] == ind["id"]]
    latest = statistics.latest_year(ind["id"], layout)
    base: Mapping[str, float] = values[values["year"] == ind["base_year"]].set_index("iso_code")["value"]
    last: Mapping[str, float] = values[values["year"] == latest].set_index("iso_code")["value"]
    rows = []
    for code in (*statistics.layout_units(layout), statistics.NATIONAL):
        b = float(base.get(code, math.nan))
        v = float(last.get(code, math.nan))
        ratio = v / b if math.isfinite(b) and math.isfinite(v) and b != 0 else math.nan
        rows.append((code, ind["id"], ind["base_year"], b, latest, v, ratio, ind["measure"]))
    return pd.DataFrame.from_records(rows, columns=list(PROGRESS_COLUMNS))
