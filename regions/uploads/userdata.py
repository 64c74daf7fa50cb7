"""A user's own indicators, from an uploaded table, as the pages show them beside the project's figures.

An upload (:mod:`regions.uploads.upload` reads and matches it) gives one :class:`UserIndicator` per numeric column.
Each keeps the values of the matched regions, in the layout the file was recognised as, and the national
figure if the file had a total row. Its id, ``user:<file>/<column>`` (letters of any script, digits,
``_`` and ``-`` only), is all a link ever carries of it; the values stay in the user's session.

A value is given for a unit of the layout shown only when the file has a figure for exactly that unit:
a 2020-layout file says nothing about Abai, Jetisu or Ulytau, and a 2022-layout file's figures are never
summed into a 2020 unit (the project cannot know whether a user's column adds up).

Examples
--------
>>> make_id("Wages 2024.csv", "avg wage, KZT")
'user:Wages_2024/avg_wage_KZT'
>>> is_user_id("user:Wages_2024/avg_wage_KZT"), is_user_id("grp")
(True, False)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from regions.base.vocab import NATIONAL
from regions.geo import registry
from regions.stats import statistics
from regions.uploads import upload

PREFIX = "user:"
_ID_PART = re.compile(r"[^\w-]+")  # letters of any script, digits, "_" and "-"
MAX_UPLOADS = 5  # tables kept per session; the oldest goes first


@dataclass(frozen=True)
class UserIndicator:
    """One numeric column of an uploaded table.

    Attributes
    ----------
    id
        ``user:<file>/<column>``, safe in a link.
    file_name, column
        Where it came from (shown as plain text, never as markup).
    layout
        The layout the file's rows were recognised as (``"2022"`` or ``"2020"``).
    values
        ISO code -> value, for the matched units with a figure.
    national
        The file's national-total figure, or ``None``.
    report
        The upload's match report (for the summary shown beside the upload).
    """

    id: str
    file_name: str
    column: str
    layout: str
    values: dict[str, float] = field(hash=False)
    national: float | None
    report: upload.MatchReport = field(hash=False, compare=False, repr=False)
    # "region", or "district": then ``values`` are keyed by KATO code and the layout is 2022.
    level: str = "region"

    def value(self, code: str, layout: str) -> float | None:
        """The figure of ``code`` in ``layout`` (``KZ`` for the national one), or ``None``."""
        if code == NATIONAL:
            return self.national
        if layout != self.layout and layout not in registry.get(code).layouts:
            return None
        if layout != self.layout and _changed_in_2022(code):
            return None  # the unit's territory differs between the layouts: not the same figure
        return self.values.get(code)


def _changed_in_2022(code: str) -> bool:
    split = statistics.split_2020()
    return code in split or any(code in parts for parts in split.values())


def make_id(file_name: str, column: str) -> str:
    """The id of column ``column`` of file ``file_name`` (only letters, digits, ``_`` and ``-``).

    >>> make_id("Зарплата.xlsx", "2024, тыс. тенге")
    'user:Зарплата/2024_тыс_тенге'
    """
    # Not PurePath(file_name).stem: a "/" inside an uploaded name is not a folder.
    stem = _ID_PART.sub("_", re.sub(r"\.[0-9A-Za-z]{1,5}$", "", file_name)).strip("_")[:40] or "upload"
    col = _ID_PART.sub("_", str(column)).strip("_")[:40] or "column"
    return f"{PREFIX}{stem}/{col}"


def is_user_id(indicator: str) -> bool:
    """Whether ``indicator`` names a user's indicator rather than one of the project's."""
    return indicator.startswith(PREFIX)


def from_upload(data: bytes, file_name: str) -> tuple[list[UserIndicator], upload.MatchResult]:
    """Read and match an uploaded table; one indicator per numeric column with at least one figure.

    Raises
    ------
    upload.UploadError
        If the file cannot be read as a table (the message names the file and says why).
    """
    result = upload.match_table(upload.read_table(data, file_name))
    report = result.report
    key = "kato" if report.level == "district" else "iso_code"
    out = []
    for column in report.numeric_columns:
        values = {
            str(code): float(v)
            for code, v in zip(result.rows[key], result.rows[column], strict=True)
            if v is not None and not (isinstance(v, float) and math.isnan(v))
        }
        national = None
        if result.national is not None:
            raw = result.national.get(column)
            if raw is not None and not (isinstance(raw, float) and math.isnan(raw)):
                national = float(raw)
        if values or national is not None:
            out.append(
                UserIndicator(
                    id=make_id(file_name, column),
                    file_name=upload.safe_text(file_name, limit=80),
                    column=upload.safe_text(column, limit=60),
                    layout=report.layout,
                    values=values,
                    national=national,
                    report=report,
                    level=report.level,
                )
            )
    return out, result


SUM_MARK = "Σ"  # marks a column summed up from districts (language-neutral; the rule is said beside it)


def sum_to_regions(ind: UserIndicator) -> UserIndicator:
    """A district indicator summed up to regions (2022 layout).

    Rule: a region's figure is the sum of its districts' (and cities') figures, only where every district
    and city of the region has a figure; otherwise the region has none (a partial sum would understate it).
    The file's national figure, if any, is kept as it is.

    Raises
    ------
    ValueError
        If ``ind`` is not a district indicator.
    """
    if ind.level != "district":
        raise ValueError(f"{ind.id} is not keyed by district")
    by_region: dict[str, list[str]] = {}
    for d in registry.districts():
        by_region.setdefault(d.parent, []).append(d.kato)
    values = {
        region: float(sum(ind.values[k] for k in katos))
        for region, katos in by_region.items()
        if all(k in ind.values for k in katos)
    }
    return UserIndicator(
        id=f"{ind.id}_sum",
        file_name=ind.file_name,
        column=f"{ind.column} {SUM_MARK}",
        layout="2022",
        values=values,
        national=ind.national,
        report=ind.report,
    )
