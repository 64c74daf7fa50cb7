"""The column vocabulary: the one place where an indicator and a year become a column name and back.

Every wide table (the regional table, its exports, the compare and profile frames) names the figure of
``indicator`` in ``year`` ``<indicator>_<year>``; :func:`column` builds that name and :func:`parse_column`
reads it, so no module writes ``f"{indicator}_{year}"`` by hand. The national row's code, :data:`NATIONAL`, is
re-exported from :mod:`regions.base.vocab`, where it is defined.
"""

from __future__ import annotations

from collections.abc import Container

from regions.base.vocab import NATIONAL

__all__ = ["NATIONAL", "column", "parse_column"]


def column(indicator: str, year: int) -> str:
    """The wide tables' column of ``indicator`` in ``year``: ``<indicator>_<year>``.

    >>> column("grp", 2024)
    'grp_2024'
    """
    return f"{indicator}_{year}"


def parse_column(name: str, indicators: Container[str]) -> tuple[str, int] | None:
    """``(indicator, year)`` of a column of one of ``indicators`` (ids), ``None`` for any other column.

    The caller gives the indicator catalogue (:func:`regions.stats.statistics.load_indicators`), so that
    this module sits below the one that reads it.

    >>> parse_column("share_mining_2025", {"share_mining"}), parse_column("area_km2", {"share_mining"})
    (('share_mining', 2025), None)
    """
    head, _, tail = name.rpartition("_")
    if head and len(tail) == 4 and tail.isascii() and tail.isdigit() and head in indicators:
        return head, int(tail)
    return None
