"""The column vocabulary: the one place where an indicator and a year become a column name and back.

Every wide table (the regional table, its exports, the compare and profile frames) names the figure of
``indicator`` in ``year`` ``<indicator>_<year>``; :func:`column` builds that name and :func:`parse_column`
reads it, so no module writes ``f"{indicator}_{year}"`` by hand.
"""

from __future__ import annotations

from regions.stats import statistics

__all__ = ["column", "parse_column"]


def column(indicator: str, year: int) -> str:
    """The wide tables' column of ``indicator`` in ``year``: ``<indicator>_<year>``.

    >>> column("grp", 2024)
    'grp_2024'
    """
    return f"{indicator}_{year}"


def parse_column(name: str) -> tuple[str, int] | None:
    """``(indicator, year)`` of an indicator column, ``None`` for any other column.

    >>> parse_column("share_mining_2025"), parse_column("area_km2")
    (('share_mining', 2025), None)
    """
    head, _, tail = name.rpartition("_")
    if head and len(tail) == 4 and tail.isascii() and tail.isdigit() and head in statistics.load_indicators():
        return head, int(tail)
    return None
