"""Lineage of the regions across the 2022 reform, read from ``data/lineage.csv``."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from regions.paths import DATA

LINEAGE_FILE = DATA / "lineage.csv"
RELATIONS = ("unchanged", "retained", "split_off")
# Whether a region split off in 2022 takes the roles its 2020 predecessor was given ("inherit") or not.
LINEAGE_RULES: tuple[str, ...] = ("inherit", "strict")


def check_lineage_rule(lineage_rule: str) -> str:
    """Return ``lineage_rule`` if it is one of :data:`LINEAGE_RULES`; ``ValueError`` naming it otherwise."""
    if lineage_rule not in LINEAGE_RULES:
        raise ValueError(f"lineage_rule: {lineage_rule!r} is not one of {', '.join(LINEAGE_RULES)}")
    return lineage_rule


class LineageError(ValueError):
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


@lru_cache(maxsize=4)
def load_lineage(path: Path = LINEAGE_FILE) -> tuple[Link, ...]:
    """Read and check the lineage table.

    Raises
    ------
    LineageError
        If a row has an unknown relation, a 2022 unit appears twice, or a split has no dates.
    """
    links = []
    seen: dict[str, int] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for rownum, row in enumerate(csv.DictReader(fh), start=2):
            link = Link(**{k: (row.get(k) or "").strip() for k in Link.__dataclass_fields__})
            if link.relation not in RELATIONS:
                raise LineageError(
                    f"{path.name}, row {rownum}: relation {link.relation!r} not one of {RELATIONS}"
                )
            if link.code_2022 in seen:
                raise LineageError(
                    f"{path.name}, row {rownum}: {link.code_2022} already listed in row {seen[link.code_2022]}"
                )
            if link.relation != "unchanged" and not (link.decree_date and link.in_force):
                raise LineageError(
                    f"{path.name}, row {rownum}: a {link.relation} row needs decree_date and in_force"
                )
            seen[link.code_2022] = rownum
            links.append(link)
    return tuple(links)


def successors_2020() -> dict[str, tuple[str, ...]]:
    """Map each 2020 unit to the 2022 units it consists of, in ISO-code order."""
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
    raise KeyError(f"{code_2022!r} is not a unit of the 2022 layout (see {LINEAGE_FILE.name})")


def link_for(code_2022: str) -> Link:
    """The lineage row of a 2022 unit."""
    for link in load_lineage():
        if link.code_2022 == code_2022:
            return link
    raise KeyError(f"{code_2022!r} is not a unit of the 2022 layout (see {LINEAGE_FILE.name})")
