"""The regional roles of the State-of-the-Nation Address of 1 September 2020, and which units hold them.

The role catalogue (``data/roles.json``) quotes the address only through the excerpt
(:mod:`regions.policy.address`); :func:`load_roles` checks that every quote is verbatim there.

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
  :func:`regions.geo.geography.units_bordering`), never typed. Basis ``rule``, with a note giving the length.

Layout ``"2022"`` (through ``data/lineage.csv``), for ``listed`` and ``interpretation`` roles: a unit whose code
existed in 2020 (relation ``unchanged`` or ``retained``) gets the role with the same basis if its 2020 unit had
it. A unit split off in 2022 (Abai, Jetisu, Ulytau) whose 2020 predecessor had the role gets it with basis
``lineage`` and a note in en/ru/kk under ``lineage_rule="inherit"`` (the default), and does not get it under
``lineage_rule="strict"``: whether a designation made for the old region extends to a region carved out of
it later is debatable, so it is a switch. A ``border`` role is never inherited: the criterion is applied to
the 2022 borders directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from regions.base import store
from regions.base.i18n import t
from regions.base.schemas import ROLES_SCHEMA
from regions.base.vocab import LINEAGE_RULES as LINEAGE_RULES
from regions.geo import geography, lineage, registry
from regions.geo.registry import LANGS
from regions.policy import address

ROLES_FILE = "roles.json"  # relative to the data root (regions.base.store)

# How a unit came to hold a role: the address names it (direct), the address states a criterion the project
# applied to its boundaries (rule), the unit inherits it from its 2020 predecessor (lineage), or the project
# reads an unnamed group of regions (interpretation).
BASES: tuple[str, ...] = ("direct", "rule", "lineage", "interpretation")


class RoleError(store.DataError):
    """``data/roles.json`` is malformed; the message names the file, the role id and the field."""


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
# Loading


def _known_sectors() -> set[str]:
    # Read directly rather than through regions.policy.sectors, which itself builds on this module.
    return {s["id"] for s in store.read_json("sectors.json")}


def _units_2020_known() -> set[str]:
    return set(lineage.successors_2020())


def _read(path: Path | str) -> tuple[Role, ...]:
    data = address.read_catalogue(path, ROLES_SCHEMA, "role", RoleError)
    shown = store.display(store.path_of(path))
    sectors = _known_sectors()
    units = _units_2020_known()
    roles = []
    for raw in data:
        who = f"role {raw['id']!r}"
        address.check_quotes(raw["quotes"], shown, who, RoleError)
        unknown = [s for s in raw["sectors"] if s not in sectors]
        if unknown:
            raise RoleError(
                shown,
                f"unknown sector id(s) {', '.join(unknown)} (see sectors.json)",
                where=f"{who}, field sectors",
            )
        assignment = raw["assignment"]
        listed = assignment.get("units_2020", [])
        bad = [c for c in listed if c not in units]
        if bad:
            raise RoleError(
                shown,
                f"not units of the 2020 layout: {', '.join(bad)}",
                where=f"{who}, field assignment/units_2020",
            )
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


@store.memo
def _load() -> tuple[Role, ...]:
    return _read(ROLES_FILE)


def load_roles(path: Path | str | None = None) -> tuple[Role, ...]:
    """Load and validate the role catalogue.

    Parameters
    ----------
    path
        File to read; defaults to ``roles.json`` of the data root (memoised).

    Returns
    -------
    tuple of Role
        In file order.

    Raises
    ------
    RoleError
        If the file is not valid JSON, does not follow :data:`regions.base.schemas.ROLES_SCHEMA`, repeats an id,
        quotes text that is not verbatim in the excerpt, names an unknown sector or a code that is not a
        2020 unit. The message names the file, the role id and the field.
    """
    return _load() if path is None else _read(path)


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
        return list(geography.units_bordering(role.country, "2020"))
    return list(role.units_2020_listed)


def _note(key: str, **values: object) -> dict[str, str]:
    """An assignment's note in every language, from the ``data/i18n.json`` template ``key``."""

    return {lang: t(key, lang, **values) for lang in LANGS}


def _lineage_note(code_2022: str, code_2020: str) -> dict[str, str]:
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
    out: list[Assignment] = []
    for role in load_roles():
        if role.rule == "border":
            # The address states a criterion ("border regions"), not a list: the project applies it to the
            # computed borders of the layout shown, so the lineage rule does not enter.

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


def by_unit(layout: str, lineage_rule: str = "inherit") -> dict[str, list[Assignment]]:
    """Every unit of ``layout`` -> the roles it holds (an empty list for none)."""

    out: dict[str, list[Assignment]] = {u.iso_code: [] for u in registry.units(layout)}
    for a in assignments(layout, lineage_rule=lineage_rule):
        out[a.iso_code].append(a)
    return out
