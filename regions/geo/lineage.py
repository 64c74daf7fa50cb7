"""Lineage of the regions across the 2022 reform, read from ``data/lineage.csv``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from regions.base import store
from regions.base.schemas import LINEAGE_COLUMNS
from regions.geo import registry

LINEAGE_FILE = "lineage.csv"  # relative to the data root (regions.base.store)
RELATIONS = ("unchanged", "retained", "split_off")
# Whether a region split off in 2022 takes the roles its 2020 predecessor was given ("inherit") or not.


class LineageError(store.DataError):
    """``data/lineage.csv`` is malformed; the message names the file and the row."""


@dataclass(frozen=True)
class Link:
    """One (2020 unit, 2022 unit) pair."""

    code_2020: str
    code_2022: str
    relation: str
    reform: str
    decree_date: str
    in_force: str


def load_lineage(path: Path | str | None = None) -> tuple[Link, ...]:
    """Read and check the lineage table (``lineage.csv`` of the data root unless ``path`` is given).

    Raises
    ------
    LineageError
        If the file is missing or malformed, a row has an unknown relation, a 2022 unit appears twice, or
        a split has no dates; the message names the file and the row.
    """
    return _load(LINEAGE_FILE) if path is None else _read(path)


@store.memo
def _load(name: str) -> tuple[Link, ...]:
    return _read(name)


def _read(path: Path | str) -> tuple[Link, ...]:
    shown = store.display(store.path_of(path))
    links = []
    seen: dict[str, int] = {}

    known = registry.load_registry()
    for rownum, row in store.read_rows(path, LINEAGE_COLUMNS, error=LineageError):
        link = Link(**row)
        for column, layout in (("code_2020", "2020"), ("code_2022", "2022")):
            code = getattr(link, column)
            if code not in known or layout not in known[code].layouts:
                raise LineageError(
                    shown,
                    f"{code!r} is not a unit of the {layout} layout",
                    row=rownum,
                    where=f"column {column}",
                )
        if link.relation not in RELATIONS:
            raise LineageError(shown, f"relation {link.relation!r} not one of {RELATIONS}", row=rownum)
        if link.code_2022 in seen:
            raise LineageError(
                shown, f"{link.code_2022} already listed in row {seen[link.code_2022]}", row=rownum
            )
        if link.relation != "unchanged" and not (link.decree_date and link.in_force):
            raise LineageError(shown, f"a {link.relation} row needs decree_date and in_force", row=rownum)
        seen[link.code_2022] = rownum
        links.append(link)
    return tuple(links)


@store.memo
def successors_2020() -> dict[str, tuple[str, ...]]:
    """Map each 2020 unit to the 2022 units it consists of, in ISO-code order (shared: do not modify)."""
    out: dict[str, list[str]] = {}
    for link in load_lineage():
        out.setdefault(link.code_2020, []).append(link.code_2022)
    return {k: tuple(sorted(v)) for k, v in sorted(out.items())}


def predecessor_2020(code_2022: str) -> str:
    """The 2020 unit a 2022 unit was part of.

    Raises
    ------
    KeyError
        If ``code_2022`` is not a 2022 unit.
    """
    for link in load_lineage():
        if link.code_2022 == code_2022:
            return link.code_2020
    raise KeyError(f"{code_2022!r} is not a unit of the 2022 layout (see {LINEAGE_FILE})")


def link_for(code_2022: str) -> Link:
    """The lineage row of a 2022 unit."""
    for link in load_lineage():
        if link.code_2022 == code_2022:
            return link
    raise KeyError(f"{code_2022!r} is not a unit of the 2022 layout (see {LINEAGE_FILE})")
