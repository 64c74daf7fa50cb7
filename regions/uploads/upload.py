"""Bring your own data: read a user's regional table and match its rows to regions.

Three steps, each usable alone:
1. :func:`read_table` turns the bytes of an uploaded CSV or XLSX file into a DataFrame of text
   (every cell a ``str``; nothing is parsed yet). The index holds the row numbers a spreadsheet
   would show: the header is row 1 and the first data row is row 2.
2. :func:`parse_number` turns one cell into a float (decimal commas, space, non-breaking-space and
   apostrophe thousands separators, Unicode minus, percent signs), ``None`` for a missing value, or
   raises :class:`NotANumber`.
3. :func:`match_rows` finds the column that names the regions, matches every row with
   :func:`regions.geo.registry.lookup` and parses the numeric columns; the :class:`MatchResult` carries
   the matched rows and a :class:`MatchReport` of everything that went wrong or needs a look.

:func:`neutralise_cell` and :func:`neutralise_frame` make text safe for CSV export (OWASP "CSV
injection": a cell that a spreadsheet would run as a formula gets a leading ``'``).

Text that came from the file is shown in reports only through :func:`safe_text` (control characters
and bidirectional overrides removed, at most 40 characters). Nothing here renders Markdown.

Examples
--------
>>> parse_number("1 234,5")
1234.5
>>> parse_number("\\u22125%")
-5.0
>>> parse_number("н/д") is None
True
>>> neutralise_cell("=1+1")
"'=1+1"
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath
from typing import Any

import pandas as pd

from regions.base import names
from regions.base.i18n import t
from regions.base.vocab import NATIONAL
from regions.geo import lineage, registry
from regions.uploads import sheet
from regions.uploads.sheet import MAX_COLUMNS, MAX_TITLE_ROWS
from regions.uploads.sheet import cell_text as _cell_text
from regions.uploads.sheet import keep as _keep

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "Ambiguous",
    "BadCell",
    "Duplicate",
    "MatchReport",
    "MatchResult",
    "NotANumber",
    "OldUnit",
    "Unmatched",
    "UploadError",
    "decide_decimal_comma",
    "match_rows",
    "neutralise_cell",
    "neutralise_frame",
    "parse_number",
    "read_table",
    "safe_text",
]

MAX_BYTES = 5_000_000
MAX_ROWS = 1000
UNPACK_RATIO = 10  # an XLSX may unpack to 10 times the upload limit (50 MB), no more (zip bombs)
SUGGEST_LIMIT = 50  # unmatched rows that get "did you mean" suggestions (finding them is slow)
NATIONAL_NAME = "Kazakhstan"

CSV_EXTENSIONS = frozenset({".csv", ".tsv", ".txt", ""})
XLSX_EXTENSIONS = frozenset({".xlsx", ".xlsm"})
ZIP_MAGIC = b"PK\x03\x04"
# Magic numbers of formats people upload by mistake, with the name to tell them.
_OTHER_MAGIC = (  # the file's first bytes and the upl_is_* key of what it then is
    (b"\xd0\xcf\x11\xe0", "upl_is_xls"),
    (b"%PDF", "upl_is_pdf"),
    (b"\x89PNG", "upl_is_png"),
    (b"\xff\xd8\xff", "upl_is_jpeg"),
    (b"GIF8", "upl_is_gif"),
    (b"\x1f\x8b", "upl_is_gzip"),
    (b"Rar!", "upl_is_rar"),
    (b"7z\xbc\xaf", "upl_is_7z"),
)


# --------------------------------------------------------------------------------------------------
# Errors and safe text
# --------------------------------------------------------------------------------------------------


class Message(str):
    """A message in English (a plain ``str``, as the command line and the tests read it) that can also be
    worded in Russian or Kazakh.

    ``key`` names its template in ``data/i18n.json`` (an ``upl_*`` entry whose ``en`` is the English
    wording); ``params`` fill it: plain values as given, a :class:`Message` in the same language, and a
    callable with the language (a region's label, a number with its thousands separator).
    """

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, **params: Any) -> Message:
        self = super().__new__(cls, _render(key, "en", params))
        self.key = key
        self.params = params
        return self

    def text(self, lang: str) -> str:
        """The message worded in ``lang`` (``en``, ``ru`` or ``kk``)."""
        return _render(self.key, lang, self.params)


def _render(key: str, lang: str, params: dict[str, Any]) -> str:
    def value(v: Any) -> Any:
        if isinstance(v, Message):
            return v.text(lang)
        return v(lang) if callable(v) else v

    return t(key, lang, **{k: value(v) for k, v in params.items()})


def text_in(message: str, lang: str) -> str:
    """``message`` in ``lang`` if it is a :class:`Message`, else as it is."""
    return message.text(lang) if isinstance(message, Message) else str(message)


def _n(number: int) -> Callable[[str], str]:
    """A whole number with its thousands separator: a comma in English, a narrow space in ru/kk."""
    return lambda lang: f"{number:,}" if lang == "en" else f"{number:,}".replace(",", "\u202f")


class UploadError(ValueError):
    """The file cannot be read as a table; the message names the file (and row or column if relevant).

    ``message`` is a :class:`Message` (``str(exc)`` is its English wording); :meth:`text` words it in
    another language.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        return text_in(self.message, lang)


class NotANumber(ValueError):
    """A cell is neither a number nor a missing-value mark.

    Attributes
    ----------
    text
        The cell's text as given.
    """

    def __init__(self, text: str) -> None:
        super().__init__(f"not a number: {safe_text(text)!r}")
        self.text = text


# Bidirectional embeddings, overrides and isolates, plus the implicit marks (LRM, RLM, ALM).
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_SPACE_LIKE = frozenset("\t\n\r\v\f\u2028\u2029\x85")


def safe_text(value: Any, limit: int = 40) -> str:
    """Return ``value`` as one line of plain text that is safe to show in a report.

    Control characters (Unicode category Cc) and bidirectional controls (U+202A-U+202E,
    U+2066-U+2069, U+200E, U+200F, U+061C) are removed, line breaks and tabs become spaces,
    runs of spaces collapse, and text longer than ``limit`` characters is cut to ``limit - 1``
    characters plus "…". The result is not escaped for any markup: show it as plain text.
    """
    text = "" if value is None else str(value)
    out = []
    for ch in text:
        if ch in _SPACE_LIKE:
            out.append(" ")
        elif ch in _BIDI or unicodedata.category(ch) == "Cc":
            continue
        else:
            out.append(ch)
    clean = " ".join("".join(out).split())
    if len(clean) > limit:
        clean = clean[: limit - 1].rstrip() + "…"
    return clean


def _quote(value: Any) -> str:
    return f"'{safe_text(value)}'"


# --------------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------------


def read_table(
    data: bytes, filename: str, *, max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS
) -> pd.DataFrame:
    """Read an uploaded CSV or XLSX file into a DataFrame of text.

    The format is told by the magic bytes first (``PK\\x03\\x04`` is a ZIP container, i.e. XLSX),
    then by the extension (``.xlsx``/``.xlsm``; ``.csv``, ``.tsv``, ``.txt`` or none for CSV).
    CSV text is decoded as UTF-8 (with or without a byte-order mark), UTF-16 when it starts with a
    UTF-16 byte-order mark, else as Windows-1251. The delimiter (comma, semicolon or tab) is the one
    that splits the header into more than one column and the most rows into as many columns as the
    header (ties go to tab, then semicolon, then comma).

    Leading blank rows are skipped, and so are up to five title lines (a row with one cell above a
    row with more, e.g. "Table 1. GRP by region"); the next row is the header. Blank header cells are
    named ``column N`` (N counted from 1), repeated names get `` (2)``, `` (3)``…. Fully blank data
    rows are dropped. Every cell is a ``str`` with outer whitespace stripped (an empty cell is
    ``""``); XLSX numbers are written without a spurious ``.0`` (``630000000``), other floats with
    ``repr``.

    Parameters
    ----------
    data
        The file's bytes.
    filename
        The file's name as the user gave it; used for the extension and in every message.
    max_bytes, max_rows
        Limits on the file size and on the number of data rows (the header not counted).

    Returns
    -------
    pandas.DataFrame
        Columns as in the header, index ``row``: the spreadsheet row number of each data row.
        ``df.attrs`` holds ``filename``, ``format`` (``"csv"``/``"xlsx"``), ``delimiter`` (CSV),
        ``encoding`` (CSV), ``sheet`` (XLSX), ``header_row`` and ``title_rows``.

    Raises
    ------
    UploadError
        If the file is too large, has too many rows, is empty, has no header, cannot be decoded, is
        neither CSV nor XLSX, or is a corrupted XLSX workbook.
    """
    name = safe_text(PurePath(filename or "upload").name, limit=80) or "upload"
    if len(data) > max_bytes:
        raise UploadError(Message("upl_err_too_large", name=name, size=_n(len(data)), limit=_n(max_bytes)))
    if not data.strip(b" \t\r\n\x00") or data.strip() in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        raise UploadError(Message("upl_err_empty", name=name))
    ext = PurePath(filename or "").suffix.casefold()
    for magic, what in _OTHER_MAGIC:
        if data.startswith(magic):
            raise UploadError(Message("upl_err_other_format", name=name, what=Message(what)))
    if data.startswith(ZIP_MAGIC):
        rows, attrs = _xlsx_rows(data, name, max_rows)
    elif ext in XLSX_EXTENSIONS:
        raise UploadError(Message("upl_err_xlsx_not_zip", name=name))
    elif ext in CSV_EXTENSIONS:
        rows, attrs = _csv_rows(data, name, max_rows)
    else:
        raise UploadError(Message("upl_err_extension", name=name, ext=repr(safe_text(ext))))
    return _frame(rows, name, max_rows, attrs)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise UploadError(Message("upl_err_utf16", name=name)) from exc
    if b"\x00" in data:
        raise UploadError(Message("upl_err_nul", name=name))
    try:
        encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
        return data.decode("utf-8-sig"), encoding
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251"), "cp1251"
    except UnicodeDecodeError as exc:
        raise UploadError(
            Message("upl_err_encoding", name=name, byte=f"{data[exc.start]:02X}", offset=str(exc.start))
        ) from exc


_DELIMITERS = ("\t", ";", ",")


def _sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the header into >1 columns and the most sample rows alike.

    The header is the first row with more than one cell among the first ``MAX_TITLE_ROWS + 1``
    (title lines above it have one cell whatever the delimiter).
    """
    best: tuple[int, int, str] | None = None
    for rank, delim in enumerate(_DELIMITERS):
        try:
            rows = [r for r in csv.reader(lines, delimiter=delim) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        start = next((i for i, r in enumerate(rows[: MAX_TITLE_ROWS + 1]) if len(r) > 1), None)
        if start is None:
            continue
        width = len(rows[start])
        score = sum(1 for r in rows[start:] if len(r) == width)
        key = (score, -rank, delim)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else ","


def _csv_rows(data: bytes, name: str, max_rows: int) -> tuple[list[tuple[int, list[str]]], dict]:
    text, encoding = _decode(data, name)
    controls = sum(1 for ch in text[:10_000] if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n")
    if controls > 8:
        raise UploadError(Message("upl_err_control", name=name))
    lines = text.splitlines(keepends=True)
    delim = _sniff_delimiter([ln for ln in lines[:60] if ln.strip()])
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    record = 0
    try:
        for record, cells in enumerate(reader, start=1):
            if _keep(rows, record, cells, max_rows):
                break
    except csv.Error as exc:
        raise UploadError(Message("upl_err_csv_row", name=name, row=str(record + 1), error=str(exc))) from exc
    return rows, {"format": "csv", "delimiter": delim, "encoding": encoding}


def _xlsx_rows(data: bytes, name: str, max_rows: int) -> tuple[list[tuple[int, list[str]]], dict]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except Exception as exc:  # BadZipFile, NotImplementedError (odd versions), OSError, ValueError …
        raise UploadError(Message("upl_err_zip", name=name, error=safe_text(exc, limit=80))) from exc
    if "xl/workbook.xml" not in names:
        raise UploadError(Message("upl_err_zip_no_book", name=name))
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > UNPACK_RATIO * max(len(data), MAX_BYTES):
        limit = UNPACK_RATIO * max(len(data), MAX_BYTES)
        raise UploadError(Message("upl_err_unpacked", name=name, size=_n(unpacked), limit=_n(limit)))
    # The sheet is read in a worker process with bounded work and a time limit (regions.uploads.sheet):
    # a small file can unpack to a sheet that would otherwise hold the server's GIL for a minute.
    try:
        rows, title = sheet.sheet_rows_isolated(data, max_rows)
    except sheet.SheetError as exc:
        params = {
            k: _n(v) if isinstance(v, int) else repr(safe_text(v)) if k == "sheet" else safe_text(v, limit=80)
            for k, v in exc.params.items()
        }
        raise UploadError(Message(exc.key, name=name, **params)) from exc
    return rows, {"format": "xlsx", "sheet": title}


def _frame(rows: list[tuple[int, list[str]]], name: str, max_rows: int, attrs: dict) -> pd.DataFrame:
    rows = [(n, _trim(cells)) for n, cells in rows]
    if not rows:
        raise UploadError(Message("upl_err_no_cells", name=name))
    # Title lines above the header ("Table 1. GRP by region"): one cell, while the next rows have more.
    # (Rows here are trimmed and non-blank, so a one-cell row has exactly one cell.)
    # The header found that way must be followed by a row of more than one cell too, so that a stray
    # second cell in a one-column file does not make its first rows "titles".
    titles = next((i for i, (_, cells) in enumerate(rows[: MAX_TITLE_ROWS + 1]) if len(cells) > 1), 0)
    if titles and not (len(rows) > titles + 1 and len(rows[titles + 1][1]) > 1):
        titles = 0
    rows = rows[titles:]
    header_row, header = rows[0]
    if len(rows) - 1 > max_rows:
        raise UploadError(
            Message(
                "upl_err_too_many_rows",
                name=name,
                limit=_n(max_rows),
                row=str(rows[max_rows + 1][0]),
                n=_n(max_rows + 1),
            )
        )
    if all(_looks_numeric(c) for c in header if c):
        raise UploadError(Message("upl_err_no_header", name=name, row=str(header_row)))
    width = max(len(cells) for _, cells in rows)
    if width > MAX_COLUMNS:
        raise UploadError(Message("upl_err_too_many_columns", name=name, width=str(width), limit=str(MAX_COLUMNS)))
    columns = _header_names(header + [""] * (width - len(header)))
    records = [cells + [""] * (width - len(cells)) for _, cells in rows[1:]]
    index = pd.Index([n for n, _ in rows[1:]], name="row", dtype="int64")
    df = pd.DataFrame(records, columns=columns, index=index, dtype=object)
    df.attrs.update(attrs, filename=name, header_row=header_row, title_rows=titles)
    return df


def _trim(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _header_names(cells: Sequence[str]) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    for i, cell in enumerate(cells, start=1):
        base = " ".join(cell.split()) or f"column {i}"
        label, n = base, 1
        while label.casefold() in seen:
            n += 1
            label = f"{base} ({n})"
        seen.add(label.casefold())
        names.append(label)
    return names


def _looks_numeric(text: str) -> bool:
    try:
        return parse_number(text) is not None
    except NotANumber:
        return False


# --------------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------------

# Marks that statistical tables use for "no value": blank, dashes, "..", "x" (confidential), "н/д"...
MISSING_MARKS = frozenset(
    {"", "-", "--", "−", "–", "—", ".", "..", "...", "…", "x", "х", "*",
     "н/д", "нд", "н.д.", "н.д", "нет данных", "жоқ", "деректер жоқ", "n/a", "na", "n.a.", "nan",
     "#n/a", "null", "none"}
)  # fmt: skip
_MINUS = "-\u2212\u2012\u2013"  # hyphen-minus, minus sign, figure dash, en dash
_GROUP_CHARS = " \u00a0\u202f\u2009'\u2019\u02bc"  # space, NBSP, narrow NBSP, thin space, apostrophes
_GROUPED = re.compile(rf"\d{{1,3}}(?:[{_GROUP_CHARS}]\d{{3}})+(?:[.,]\d*)?")
_PLAIN = re.compile(r"(?:\d+(?:[.,]\d*)?|[.,]\d+)")
_EXPONENT = re.compile(r"(\d+(?:\.\d*)?|\.\d+)[eE][+-]?\d+")
_SEPARATED = re.compile(r"\d{1,3}(?:([.,])\d{3})+(?:([.,])\d*)?")


def parse_number(text: Any, *, decimal_comma: bool | None = None) -> float | None:
    """Parse one cell as a number.

    Accepted: an optional leading ``+``, ``-`` or Unicode minus (U+2212, also U+2012/U+2013);
    digits grouped in threes by spaces, non-breaking spaces (U+00A0, U+202F, U+2009) or apostrophes
    (``1 234 567,8``, ``1'234'567.8``); thousands commas or dots when both separators appear or one
    repeats (``1,234,567.8``, ``1.234.567,8``, ``1,234,567``); a decimal comma or dot; an exponent
    (``1.5e6``); a percent sign, which is stripped (``12,5%`` gives ``12.5``, not ``0.125``).

    A single comma with exactly three digits after it and no other separator (``1,234``) is
    ambiguous; ``decimal_comma`` decides: ``True`` reads it as a decimal comma (1.234), ``False``
    as a thousands separator (1234). ``None`` (the default, for a lone cell) reads it as a decimal
    comma, the convention of Kazakh and Russian tables. :func:`match_rows` decides per column with
    :func:`decide_decimal_comma`.

    Returns
    -------
    float or None
        ``None`` for a missing value: blank, ``-``, ``—``, ``..``, ``x``, ``н/д``, ``n/a`` … (see
        :data:`MISSING_MARKS`), or NaN.

    Raises
    ------
    NotANumber
        If the text is anything else, infinities included (the report lists such cells).
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise NotANumber(str(text))
    if isinstance(text, int | float):
        if math.isnan(text):
            return None
        if math.isinf(text):
            raise NotANumber(str(text))
        return float(text)
    raw = str(text)
    s = raw.strip()
    if s.casefold() in MISSING_MARKS:
        return None
    if s.endswith("%"):
        s = s[:-1].rstrip()
    elif s.startswith("%"):
        s = s[1:].lstrip()
    negative = False
    if s and (s[0] in _MINUS or s[0] == "+"):
        negative = s[0] != "+"
        s = s[1:].lstrip()
    if not s:
        raise NotANumber(raw)
    value = _unsigned(s, decimal_comma)
    if value is None or math.isinf(value):  # "1e400" overflows: not a number a table can hold
        raise NotANumber(raw)
    return -value if negative else value


def _unsigned(s: str, decimal_comma: bool | None) -> float | None:
    if _GROUPED.fullmatch(s):
        digits = "".join(ch for ch in s if ch not in _GROUP_CHARS)
        return float(digits.replace(",", "."))
    if _EXPONENT.fullmatch(s):
        return float(s)
    if "," in s and "." in s or s.count(",") > 1 or s.count(".") > 1:
        m = _SEPARATED.fullmatch(s)
        if m is None:
            return None
        thousands, decimal = m.group(1), m.group(2)
        if decimal is not None and decimal == thousands:
            return None
        body = s.replace(thousands, "")
        return float(body.replace(",", "."))
    if not _PLAIN.fullmatch(s):
        return None
    if "," in s:
        head, tail = s.split(",")
        if decimal_comma is False and len(tail) == 3 and 1 <= len(head) <= 3:
            return float(head + tail)
        return float(f"{head or '0'}.{tail or '0'}")
    return float(s)


_LONE_COMMA = re.compile(r"[+\-\u2212\u2012\u2013]?\d*,(\d*)%?")


def decide_decimal_comma(values: Iterable[Any], delimiter: str | None = None) -> bool:
    """Decide whether a lone comma in this column is a decimal comma.

    The rule: a comma is a decimal comma if the file's delimiter is ``;`` (tables with decimal commas
    are saved with semicolons), or if any cell of the column has a single comma, no dot, and a number
    of digits after the comma other than three (``12,5``). Otherwise (every lone comma is followed by
    exactly three digits, e.g. ``1,234`` in a comma- or tab-delimited file) it is a thousands
    separator.
    """
    if delimiter == ";":
        return True
    saw_comma = False
    for value in values:
        if not isinstance(value, str):
            continue
        s = "".join(ch for ch in value.strip() if ch not in _GROUP_CHARS)
        m = _LONE_COMMA.fullmatch(s)
        if m is None:
            continue
        saw_comma = True
        if len(m.group(1)) != 3:
            return True
    return not saw_comma  # no lone comma at all: nothing to decide; the default reading applies


# --------------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unmatched:
    """A data row whose id cell names no region (``row`` as a spreadsheet numbers it)."""

    row: int
    text: str
    suggestions: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class Ambiguous:
    """A data row whose id cell names more than one region (bare "Almaty")."""

    row: int
    text: str
    candidates: tuple[str, ...]


@dataclass(frozen=True)
class Duplicate:
    """Several rows matching one region: the first is kept, the others dropped."""

    iso_code: str
    kept_row: int
    dropped_rows: tuple[int, ...]
    texts: tuple[str, ...]


@dataclass(frozen=True)
class BadCell:
    """A cell of a numeric column that is neither a number nor a missing-value mark."""

    row: int
    column: str
    text: str


@dataclass(frozen=True)
class OldUnit:
    """A row recognised as a unit of the 2020 layout or by a pre-2022 code."""

    row: int
    text: str
    iso_code: str
    note: str


@dataclass(frozen=True)
class MatchReport:
    """What :func:`match_rows` found; :meth:`lines` renders it as plain text.

    Row numbers are those a spreadsheet shows (header = row 1). Texts are the raw cell texts; they
    are made safe (:func:`safe_text`) only when rendered.
    """

    filename: str
    id_column: str | None
    layout: str
    layout_reason: str
    data_rows: int
    matched: int
    national_row: int | None
    numeric_columns: tuple[str, ...]
    text_columns: tuple[str, ...]
    decimal_comma: dict[str, bool] = field(default_factory=dict)
    unmatched: tuple[Unmatched, ...] = ()
    ambiguous: tuple[Ambiguous, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    not_numbers: tuple[BadCell, ...] = ()
    missing: dict[str, int] = field(default_factory=dict)
    old_units: tuple[OldUnit, ...] = ()
    renamed_columns: dict[str, str] = field(default_factory=dict)
    id_column_note: str = ""
    # "region", or "district" for a table keyed by district (codes in the lists are then KATO codes).
    level: str = "region"
    parent_column: str | None = None

    def lines(self, lang: str = "en", limit: int = 20) -> list[str]:
        """The report as plain-text lines (no Markdown, file text made safe).

        Parameters
        ----------
        lang
            Wording language (``en``, ``ru`` or ``kk``): the ``upl_*`` entries of ``data/i18n.json``;
            file names, column names and cell texts are quoted as they are.
        limit
            At most this many items per list; the rest are counted in one line.
        """
        out = self._header_lines(lang)
        # One capped list per kind of problem row: (lines, what the rest are called).
        for items, what in self._problem_lines(lang):
            out += _capped(items, limit, _render(what, lang, {}), lang)
        for col, count in self.missing.items():
            key = "upl_line_missing_one" if count == 1 else "upl_line_missing_many"
            out.append(_render(key, lang, {"column": _quote(col), "count": str(count)}))
        return out

    def _header_lines(self, lang: str) -> list[str]:
        """Summary, id column, layout, national row, numeric columns, thousands commas, renamed columns."""

        def say(key: str, **params: Any) -> str:
            return _render(key, lang, params)

        def note(text: str) -> str:
            return f" ({text_in(text, lang)})" if text else ""

        name = safe_text(self.filename, limit=80)
        summary = "upl_line_summary_district" if self.level == "district" else "upl_line_summary"
        out = [say(summary, name=name, rows=str(self.data_rows), matched=str(self.matched))]
        if self.id_column is None:
            out.append(say("upl_line_no_id", note=note(self.id_column_note)))
        elif self.level == "district":
            out.append(say("upl_line_district_id", column=_quote(self.id_column)))
            if self.parent_column is not None:
                out.append(say("upl_line_parent", column=_quote(self.parent_column)))
        else:
            out.append(say("upl_line_id", column=_quote(self.id_column), note=note(self.id_column_note)))
        out.append(say("upl_line_layout", layout=self.layout, reason=text_in(self.layout_reason, lang)))
        if self.national_row is not None:
            out.append(say("upl_line_national", row=str(self.national_row)))
        if self.numeric_columns:
            out.append(say("upl_line_numeric", columns=", ".join(_quote(c) for c in self.numeric_columns)))
        else:
            out.append(say("upl_line_numeric_none"))
        out += [say("upl_line_thousands", column=_quote(col)) for col, dec in self.decimal_comma.items() if not dec]
        out += [say("upl_line_renamed", old=_quote(o), new=_quote(n)) for o, n in self.renamed_columns.items()]
        return out

    def _problem_lines(self, lang: str) -> list[tuple[list[str], str]]:
        """The problem rows' lines, per kind, each with the ``upl_what_*`` key naming the kind."""

        def say(key: str, **params: Any) -> str:
            return _render(key, lang, params)

        def label(code: str) -> str:
            return _label(code, lang)

        def either(codes: Iterable[str]) -> str:
            return say("upl_or").join(label(c) for c in codes)

        def unmatched(u: Unmatched) -> str:
            return say(
                "upl_line_unmatched",
                row=str(u.row),
                text=_quote(u.text) if u.text.strip() else say("upl_blank"),
                reason=f": {text_in(u.reason, lang)}" if u.reason and u.text.strip() else "",
                suggest=say("upl_did_you_mean", names=either(u.suggestions)) if u.suggestions else "",
            )

        def duplicate(d: Duplicate) -> str:
            return say(
                "upl_line_duplicate_two" if len(d.dropped_rows) == 1 else "upl_line_duplicate_many",
                rows=_and(lang, d.kept_row, *d.dropped_rows),
                unit=label(d.iso_code),
                kept=str(d.kept_row),
                dropped=_and(lang, *d.dropped_rows),
            )

        return [
            ([unmatched(u) for u in self.unmatched], "upl_what_unmatched"),
            (
                [say("upl_line_ambiguous_district" if self.level == "district" else "upl_line_ambiguous",
                     row=str(a.row), text=_quote(a.text), names=either(a.candidates))
                 for a in self.ambiguous],
                "upl_what_ambiguous",
            ),
            ([duplicate(d) for d in self.duplicates], "upl_what_duplicates"),
            (
                [say("upl_line_old", row=str(o.row), text=_quote(o.text), unit=label(o.iso_code),
                     note=text_in(o.note, lang)) for o in self.old_units],
                "upl_what_old",
            ),
            (
                [say("upl_line_not_number", row=str(b.row), column=_quote(b.column), text=_quote(b.text))
                 for b in self.not_numbers],
                "upl_what_not_numbers",
            ),
        ]  # fmt: skip


def _and(lang: str, *numbers: int) -> str:
    text = [str(n) for n in numbers]
    return text[0] if len(text) == 1 else ", ".join(text[:-1]) + t("upl_and", lang) + text[-1]


def _capped(items: list[str], limit: int, what: str, lang: str = "en") -> list[str]:
    if len(items) <= limit:
        return items
    return items[:limit] + [_render("upl_more", lang, {"n": str(len(items) - limit), "what": what})]


def _label(code: str, lang: str = "en") -> str:
    """A region as the report names it: code and name in ``lang`` (and "(city)" for a city)."""

    if code == NATIONAL:
        return t("upl_label_national", lang)
    if len(code) == 9 and code.isdigit():  # a district's KATO code
        d = registry.district(code)
        return f"{code} {d.name[lang]} ({registry.short_name(d.parent, lang)})"
    unit = registry.get(code)
    return f"{code} {unit.name[lang]}" + (t("upl_label_city", lang) if unit.type == "city" else "")


@dataclass(frozen=True, eq=False)
class MatchResult:
    """The outcome of :func:`match_rows`.

    Attributes
    ----------
    rows
        One row per matched region (first occurrence of each), in file order: ``iso_code``,
        ``name_en``, then the file's columns (numeric columns as floats, NaN when missing or not a
        number; other columns as text). The index is the spreadsheet row number (``row``).
    national
        The national-total row with the same columns (``iso_code`` ``"KZ"``), or ``None``.
    report
        A :class:`MatchReport`.
    """

    rows: pd.DataFrame
    national: pd.Series | None
    report: MatchReport


# Words of a national-total row ("Kazakhstan", "Республика Казахстан", "Итого", "Барлығы", "KZ" …).
_COUNTRY_WORDS = frozenset(
    {"kazakhstan", "qazaqstan", "казахстан", "қазақстан", "казакстан", "kz", "kaz", "rk", "рк", "қр", "кр"}
)
_TOTAL_WORDS = frozenset(
    {"total", "totals", "итого", "всего", "барлығы", "барлыгы", "жиыны", "national", "республике",
     "республика", "республики", "республикасы", "республикасының", "republic"}
)  # fmt: skip
_NATIONAL_FILLER = frozenset({"of", "the", "for", "in", "all", "grand", "whole", "по", "в", "целом",
                              "бойынша", "бүкіл", "country", "overall"})  # fmt: skip
_NATIONAL_ALONE = frozenset(
    {"total", "totals", "итого", "всего", "барлығы", "барлыгы", "жиыны", "республике"}
)
_WORDS = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d{1,9}(?:\.0*)?")
_FLOAT = re.compile(r"\d(?:\.\d+)?[eE]\+?\d{1,2}")


def _words(text: str) -> list[str]:
    return [w for w in _WORDS.split(unicodedata.normalize("NFKC", text).casefold()) if w]


def _key(text: str) -> str:
    return "".join(_words(text))


def _is_national(text: str) -> bool:
    """Whether ``text`` labels the national total: only country, "republic", "total" and filler words,
    with a country word or a word that means "total" on its own."""
    words = _words(text)
    if not words or not all(w in _COUNTRY_WORDS | _TOTAL_WORDS | _NATIONAL_FILLER for w in words):
        return False
    return any(w in _COUNTRY_WORDS or w in _NATIONAL_ALONE for w in words)


@dataclass(frozen=True)
class _Hit:
    code: str | None  # ISO code, "KZ" for the national row, None if unmatched
    candidates: tuple[str, ...] = ()  # for an ambiguous name
    suggestions: tuple[str, ...] = ()
    reason: str = ""
    old_code: bool = False  # matched by a pre-2020 ISO letter code


@lru_cache(maxsize=1)
def _kato_codes() -> dict[str, str]:
    return {u.kato: u.iso_code for u in registry.load_registry().values()}


def _numeric_code(text: str, short: bool = True) -> str | None:
    """A KATO code written as a number (``630000000``, ``630000000.0``, ``6.3E+08``; ``63`` if ``short``)."""
    s = text.strip()
    if _FLOAT.fullmatch(s):
        value = float(s)
        if not value.is_integer():
            return None
        s = str(int(value))
    elif _DIGITS.fullmatch(s):
        s = s.split(".")[0]
    else:
        return None
    katos = _kato_codes()
    if s in katos:
        return katos[s]
    # Leading zeros lost (Excel); or the two-digit oblast prefix, with the trailing zeros cut.
    if len(s) < 9 and s.zfill(9) in katos:
        return katos[s.zfill(9)]
    if short and 2 <= len(s) < 9 and s[2:].strip("0") == "" and s.ljust(9, "0") in katos:
        return katos[s.ljust(9, "0")]
    return None


def _absent(code: str, layout: str) -> _Hit:
    unit = registry.get(code)
    here = lambda lang: _label(code, lang)  # noqa: E731
    if unit.split_from:
        parent = unit.split_from
        reason = Message("upl_reason_absent_split", unit=here, layout=layout, parent=lambda lang: _label(parent, lang))
    else:
        reason = Message("upl_reason_absent", unit=here, layout=layout)
    return _Hit(None, reason=reason)


def _may_be_known(text: str) -> bool:
    """False only if :func:`regions.geo.registry.lookup` would certainly raise UnknownRegion.

    A failed lookup spends most of its time finding close names for its message; detecting the
    region column asks about every cell of the table, so unknown keys are rejected here first, with
    the registry's own normalisation and index. Should those private parts change, this falls back
    to "maybe" and lookup decides.
    """
    try:
        index = registry._default_registry()
        key, _ = names.parse(text)
        return bool(index.exact.get(key) or index.folded.get(names.fold(key)))
    except AttributeError:  # pragma: no cover - the registry's internals were refactored
        return True


def _suggest(text: str) -> tuple[str, ...]:
    """Codes of up to three regions with a name close to ``text`` (from lookup's own message)."""
    try:
        registry.lookup(text)
    except registry.UnknownRegion as exc:
        return exc.suggestions
    except (registry.AmbiguousRegion, ValueError, TypeError):
        pass
    return ()


@lru_cache(maxsize=8192)
def _match_cell(text: str, layout: str | None, short: bool = True) -> _Hit:
    s = text.strip()
    if not s:
        return _Hit(None, reason=Message("upl_reason_blank"))
    if _is_national(s):
        return _Hit(NATIONAL)
    code = _numeric_code(s, short)
    if code is not None:
        if layout is not None and layout not in registry.get(code).layouts:
            return _absent(code, layout)
        return _Hit(code)
    if _looks_numeric(s):
        return _Hit(None, reason=Message("upl_reason_number"))
    if not _may_be_known(s):
        return _Hit(None)  # suggestions are looked up later, only for rows of the region column
    try:
        code = registry.lookup(s, layout=layout)
    except registry.AmbiguousRegion as exc:
        return _Hit(None, candidates=exc.candidates)
    except registry.UnknownRegion as exc:
        if layout is not None:
            try:
                return _absent(registry.lookup(s), layout)
            except (registry.UnknownRegion, registry.AmbiguousRegion):
                pass
        return _Hit(None, suggestions=exc.suggestions)
    unit = registry.get(code)
    old = unit.iso_old is not None and _key(s) == _key(unit.iso_old)
    return _Hit(code, old_code=old)


def _column_hits(values: Sequence[str], short: bool = True) -> tuple[list[_Hit], int, int]:
    """Hits of a column, how many of its cells name a region, and how many are not blank.

    Regions and ambiguous names count; national totals count once at most, so that a column saying
    "Kazakhstan" on every row (a country column) is not taken for the region column.
    """
    hits = [_match_cell(v, None, short) for v in values]
    non_blank = sum(1 for v in values if v.strip())
    regional = sum(1 for h in hits if (h.code is not None and h.code != NATIONAL) or h.candidates)
    national = any(h.code == NATIONAL for h in hits)
    return hits, regional + national, non_blank


def match_rows(df: pd.DataFrame, id_column: str | None = None, layout: str | None = None) -> MatchResult:
    """Match each row of ``df`` (as :func:`read_table` returns it) to a region.

    The id column is ``id_column`` if given (exact name, else the only case-insensitive match), else
    the first column in which more than half of the non-blank cells name a region (or the national
    total). A cell matches by anything :func:`regions.geo.registry.lookup` accepts (ISO codes old and
    new, KATO codes, names and aliases in three languages, with or without decoration), by a KATO
    code written as a number (``630000000.0``, ``6.3E+08``, with leading zeros lost or cut to the
    two-digit prefix ``63``), or as the national total ("Kazakhstan", "Республика Казахстан",
    "Қазақстан Республикасы", "Total", "Итого", "Барлығы", "KZ" …).

    The layout is ``layout`` if given (units of the other layout are then unmatched, with the
    reason); else ``"2022"`` if any row names a unit created in 2022 (Abai, Jetisu, Ulytau),
    ``"2020"`` if rows name a unit split in 2022 (East Kazakhstan, Almaty Region, Karaganda) but
    none of the units split off it, and ``"2022"`` otherwise (both layouts agree). Rows read as a
    2020-layout unit that lost territory in 2022, or by an old letter ISO code (KZ-VOS), are listed
    in ``report.old_units``.

    Every other column in which more than half of the cells that are neither blank nor a missing
    mark parse as numbers is numeric (:func:`parse_number`, the decimal comma decided per column by
    :func:`decide_decimal_comma`); columns that mostly name regions themselves (a KATO column beside
    a name column) stay text. When two rows match the same region the first is kept and both are
    reported. File columns named ``iso_code`` or ``name_en`` are renamed ``iso_code (file)`` etc.

    Raises
    ------
    ValueError
        If ``id_column`` is not a column of ``df``.
    """
    filename = str(df.attrs.get("filename", "upload"))
    if not all(isinstance(c, str) for c in df.columns) or not df.columns.is_unique:
        df = df.set_axis(_header_names([str(c) for c in df.columns]), axis=1)
    columns = list(df.columns)
    text = {c: [_cell_text(v) for v in df[c].tolist()] for c in columns}
    try:
        row_numbers = [int(r) for r in df.index]
    except (TypeError, ValueError):  # not from read_table: number the rows as a spreadsheet would
        row_numbers = list(range(2, len(df) + 2))

    chosen, column_hits, note = _choose_id_column(columns, text, id_column, filename)
    skip = {chosen, *_id_like_columns(columns, text, chosen)}
    nums = _numeric_columns([c for c in columns if c not in skip], text, row_numbers, df.attrs.get("delimiter"))

    if chosen is None:
        hits = [_Hit(None, reason=Message("upl_reason_no_column")) for _ in row_numbers]
        eff_layout = layout or "2022"
        reason = Message("upl_layout_given" if layout else "upl_layout_default")
    else:
        hits = column_hits.get(chosen) if layout is None else None
        if hits is None:
            hits = [_match_cell(v, layout) for v in text[chosen]]
        eff_layout, reason = _decide_layout(hits, layout)
    cells = text[chosen] if chosen is not None else [""] * len(row_numbers)
    rows = _sort_rows(hits, row_numbers, cells, eff_layout, listed=chosen is not None)

    renamed = {c: f"{c} (file)" for c in columns if c in ("iso_code", "name_en")}
    full = _output_frame(columns, text, nums.parsed, hits, row_numbers, renamed)
    national_pos = rows.national_pos
    report = MatchReport(
        filename=filename,
        id_column=chosen,
        layout=eff_layout,
        layout_reason=reason,
        data_rows=len(row_numbers),
        matched=len(rows.keep),
        national_row=row_numbers[national_pos] if national_pos is not None else None,
        numeric_columns=tuple(nums.parsed),
        text_columns=tuple(c for c in columns if c not in nums.parsed),
        decimal_comma=nums.decimal,
        unmatched=tuple(rows.unmatched),
        ambiguous=tuple(rows.ambiguous),
        duplicates=tuple(rows.duplicates),
        not_numbers=tuple(nums.bad_cells),
        missing=nums.missing,
        old_units=tuple(rows.old_units),
        renamed_columns=renamed,
        id_column_note=note,
    )
    national = full.iloc[national_pos] if national_pos is not None else None
    return MatchResult(rows=full.iloc[rows.keep], national=national, report=report)


def _choose_id_column(
    columns: list[str], text: dict[str, list[str]], id_column: str | None, filename: str
) -> tuple[str | None, dict[str, list[_Hit]], Message | str]:
    """The id column (given, or the first in which more than half of the non-blank cells name a region),
    the matches of every column tried on the way, and a note naming the best column when none qualifies."""
    if id_column is not None:
        return _find_column(columns, id_column, filename), {}, ""
    column_hits: dict[str, list[_Hit]] = {}
    best = (0, 0, "")
    for col in columns:
        hits, good, non_blank = _column_hits(text[col])
        column_hits[col] = hits
        if non_blank and good * 2 > non_blank:
            return col, column_hits, ""
        if good > best[0]:
            best = (good, non_blank, col)
    if best[0]:
        return None, column_hits, Message("upl_note_best", column=_quote(best[2]), good=str(best[0]), total=str(best[1]))
    return None, column_hits, ""


def _id_like_columns(columns: list[str], text: dict[str, list[str]], chosen: str | None) -> set[str]:
    """Other columns that mostly name regions (a KATO column beside the names): they stay text."""
    id_like = set()
    for col in columns:
        if col == chosen:
            continue
        # Short KATO prefixes ("15") do not count here: a column of small integers is data.
        _, good, non_blank = _column_hits(text[col], short=False)
        if non_blank and good * 2 > non_blank:
            id_like.add(col)
    return id_like


@dataclass
class _Numbers:
    """The numeric columns of a table: parsed values (NaN where missing or not a number), and what to report."""

    parsed: dict[str, list[float]] = field(default_factory=dict)
    decimal: dict[str, bool] = field(default_factory=dict)
    bad_cells: list[BadCell] = field(default_factory=list)
    missing: dict[str, int] = field(default_factory=dict)


def _numeric_columns(
    candidates: list[str], text: dict[str, list[str]], row_numbers: list[int], delimiter: str | None
) -> _Numbers:
    """Parse each candidate column; keep those with more numbers than cells that are not numbers."""
    out = _Numbers()
    for col in candidates:
        dec = decide_decimal_comma(text[col], delimiter)
        values: list[float] = []
        bad: list[tuple[int, str]] = []
        n_missing = 0
        for row, cell in zip(row_numbers, text[col], strict=True):
            try:
                v = parse_number(cell, decimal_comma=dec)
            except NotANumber:
                bad.append((row, cell))
                values.append(math.nan)
                continue
            if v is None:
                n_missing += 1
            values.append(math.nan if v is None else v)
        numbers = len(values) - len(bad) - n_missing
        if numbers and numbers > len(bad):
            out.parsed[col] = values
            if any("," in c for c in text[col]):
                out.decimal[col] = dec
            if n_missing:
                out.missing[col] = n_missing
            out.bad_cells += [BadCell(r, col, cell) for r, cell in bad]
    return out


@dataclass
class _Rows:
    """The rows sorted by what matching made of them (positions into the file's rows)."""

    keep: list[int] = field(default_factory=list)
    national_pos: int | None = None
    unmatched: list[Unmatched] = field(default_factory=list)
    ambiguous: list[Ambiguous] = field(default_factory=list)
    old_units: list[OldUnit] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)


def _sort_rows(hits: list[_Hit], row_numbers: list[int], cells: list[str], layout: str, listed: bool) -> _Rows:
    """Kept, national, unmatched (``listed``: only when there is an id column), ambiguous, duplicate and
    old-unit rows; the first row of a region is kept and later ones reported as duplicates."""
    successors = lineage.successors_2020()
    split_parents = {c for c, parts in successors.items() if len(parts) > 1}
    out = _Rows()
    first: dict[str, int] = {}
    dup_rows: dict[str, list[int]] = {}
    for pos, (row, hit) in enumerate(zip(row_numbers, hits, strict=True)):
        cell = cells[pos]
        if hit.code is None:
            if hit.candidates:
                out.ambiguous.append(Ambiguous(row, cell, hit.candidates))
            elif listed:
                suggestions = hit.suggestions
                if not suggestions and not hit.reason and len(out.unmatched) < SUGGEST_LIMIT:
                    suggestions = _suggest(cell)
                out.unmatched.append(Unmatched(row, cell, suggestions, hit.reason))
        elif hit.code in first:
            dup_rows.setdefault(hit.code, []).append(row)
        elif hit.code == NATIONAL:
            first[hit.code] = row
            out.national_pos = pos
        else:
            first[hit.code] = row
            out.keep.append(pos)
            if layout == "2020" and hit.code in split_parents:
                parts = " + ".join(successors[hit.code])
                out.old_units.append(OldUnit(row, cell, hit.code, Message("upl_old_2020", parts=parts)))
            elif hit.old_code:
                out.old_units.append(OldUnit(row, cell, hit.code, Message("upl_old_letter")))
    for code, rows in dup_rows.items():
        kept = first[code]
        texts = tuple(cells[row_numbers.index(r)] for r in (kept, *rows)) if listed else ()
        out.duplicates.append(Duplicate(code, kept, tuple(rows), texts))
    return out


def _output_frame(
    columns: list[str],
    text: dict[str, list[str]],
    parsed: dict[str, list[float]],
    hits: list[_Hit],
    row_numbers: list[int],
    renamed: dict[str, str],
) -> pd.DataFrame:
    """Every file row with ``iso_code`` and ``name_en`` first, numbers as floats, the rest as text."""
    out_cols = {renamed.get(col, col): parsed[col] if col in parsed else text[col] for col in columns}
    full = pd.DataFrame(out_cols, index=pd.Index(row_numbers, name="row"))
    for col in parsed:
        full[renamed.get(col, col)] = full[renamed.get(col, col)].astype("float64")
    codes = [h.code for h in hits]
    full.insert(0, "iso_code", codes)
    full.insert(1, "name_en", [NATIONAL_NAME if c == NATIONAL else registry.name(c) if c else None for c in codes])
    return full


def _find_column(columns: list[str], wanted: str, filename: str) -> str:
    if wanted in columns:
        return wanted
    folded = [c for c in columns if " ".join(c.split()).casefold() == " ".join(wanted.split()).casefold()]
    if len(folded) == 1:
        return folded[0]
    listed = ", ".join(_quote(c) for c in columns[:20])
    raise ValueError(f"--id-column: {filename} has no column {_quote(wanted)}; its columns are {listed}")


def _decide_layout(hits: list[_Hit], layout: str | None) -> tuple[str, str]:
    if layout is not None:
        return layout, Message("upl_layout_given")
    units = registry.load_registry()
    codes = {h.code for h in hits if h.code and h.code != NATIONAL}
    new = sorted(c for c in codes if "2020" not in units[c].layouts)
    if new:
        return "2022", Message("upl_layout_new", codes=", ".join(new))
    parents = sorted(c for c in codes if any(u.split_from == c for u in units.values()))
    if parents:
        return "2020", Message("upl_layout_parents", codes=", ".join(parents))
    return "2022", Message("upl_layout_none")


# --------------------------------------------------------------------------------------------------
# Tables keyed by district (the second level)
# --------------------------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _district_cell(text: str, parent: str | None) -> _Hit:
    """A cell naming a district (KATO code, also as a number, or a name), within ``parent`` if given."""
    s = text.strip()
    if not s:
        return _Hit(None, reason=Message("upl_reason_blank"))
    if _is_national(s):
        return _Hit(NATIONAL)
    if _FLOAT.fullmatch(s) or _DIGITS.fullmatch(s):
        value = float(s)
        s = str(int(value)) if value.is_integer() else s
    try:
        return _Hit(registry.lookup_district(s, region=parent))
    except registry.AmbiguousDistrict as exc:
        return _Hit(None, candidates=exc.candidates)
    except registry.UnknownDistrict as exc:
        return _Hit(None, suggestions=exc.suggestions)
    except (registry.UnknownRegion, registry.AmbiguousRegion):
        return _Hit(None)


def _district_good(values: Sequence[str]) -> tuple[int, int]:
    """How many cells of a column name a district (or several), and how many are not blank."""
    good = sum(1 for v in values if v.strip() and (lambda h: h.code not in (None, NATIONAL) or h.candidates)(
        _district_cell(v, None)))  # fmt: skip
    return good, sum(1 for v in values if v.strip())


def district_columns(df: pd.DataFrame) -> tuple[str, str | None] | None:
    """``(district column, parent region column or None)`` if ``df`` is keyed by district, else ``None``.

    A table is keyed by district when one of its columns has more than half of its non-blank cells naming
    a district (9-digit KATO code, or a name in any language) and more cells naming districts than
    regions; the parent column is then the first other column more than half of whose cells name a region.
    """
    text = {c: [_cell_text(v) for v in df[c].tolist()] for c in df.columns}
    district = None
    for col in df.columns:
        good, non_blank = _district_good(text[col])
        if not non_blank or good * 2 <= non_blank:
            continue
        _, regional, _ = _column_hits(text[col], short=False)
        if good > regional:
            district = col
            break
    if district is None:
        return None
    for col in df.columns:
        if col == district:
            continue
        _, regional, non_blank = _column_hits(text[col], short=False)
        if non_blank and regional * 2 > non_blank:
            return str(district), str(col)
    return str(district), None


def match_district_rows(
    df: pd.DataFrame, id_column: str | None = None, parent_column: str | None = None
) -> MatchResult:
    """Match each row of ``df`` to a district or city of regional significance (the second level).

    The district column is ``id_column`` if given, else detected (:func:`district_columns`); a cell
    matches by anything :func:`regions.geo.registry.lookup_district` accepts (9-digit KATO code, also
    written as a number, or a name in English, Russian or Kazakh). A repeated name (three Abay Districts)
    is resolved by the row's parent region (``parent_column``, detected when not given: a column of region
    names or codes), else reported as ambiguous. Unmatched, ambiguous and duplicate rows are reported as
    for regions; numeric columns are read as by :func:`match_rows`.

    Returns
    -------
    MatchResult
        ``rows`` has ``kato``, ``name_en``, ``parent_iso``, then the file's columns; ``report.level`` is
        ``"district"`` and its codes are KATO codes.

    Raises
    ------
    ValueError
        If a given column is not in ``df``, or no column names districts.
    """
    filename = str(df.attrs.get("filename", "upload"))
    delimiter = df.attrs.get("delimiter")
    if not all(isinstance(c, str) for c in df.columns) or not df.columns.is_unique:
        df = df.set_axis(_header_names([str(c) for c in df.columns]), axis=1)
    columns = list(df.columns)
    if id_column is not None:
        chosen = _find_column(columns, id_column, filename)
        parent_col = _find_column(columns, parent_column, filename) if parent_column is not None else None
    else:
        found = district_columns(df)
        if found is None:
            raise ValueError(f"{filename}: no column names districts (KATO codes or district names)")
        chosen, parent_col = found
        if parent_column is not None:
            parent_col = _find_column(columns, parent_column, filename)
    text = {c: [_cell_text(v) for v in df[c].tolist()] for c in columns}
    try:
        row_numbers = [int(r) for r in df.index]
    except (TypeError, ValueError):
        row_numbers = list(range(2, len(df) + 2))
    nums = _numeric_columns(
        [c for c in columns if c not in (chosen, parent_col)], text, row_numbers, delimiter
    )
    parsed = nums.parsed

    hits = _district_hits(text, chosen, parent_col)
    rows = _sort_district_rows(hits, row_numbers, text[chosen])
    keep, national_pos = rows.keep, rows.national_pos
    renamed = {c: f"{c} (file)" for c in df.columns if c in ("kato", "name_en", "parent_iso")}
    full = _district_frame(list(df.columns), text, parsed, hits, row_numbers, renamed)
    report = MatchReport(
        filename=filename,
        id_column=chosen,
        layout="2022",
        layout_reason=Message("upl_layout_districts"),
        data_rows=len(row_numbers),
        matched=len(keep),
        national_row=row_numbers[national_pos] if national_pos is not None else None,
        numeric_columns=tuple(parsed),
        text_columns=tuple(c for c in df.columns if c not in parsed),
        decimal_comma=nums.decimal,
        unmatched=tuple(rows.unmatched),
        ambiguous=tuple(rows.ambiguous),
        duplicates=tuple(rows.duplicates),
        not_numbers=tuple(nums.bad_cells),
        missing=nums.missing,
        renamed_columns=renamed,
        level="district",
        parent_column=parent_col,
    )
    national = full.iloc[national_pos] if national_pos is not None else None
    return MatchResult(rows=full.iloc[keep], national=national, report=report)


def _district_hits(text: dict[str, list[str]], chosen: str, parent_col: str | None) -> list[_Hit]:
    """Each row's district, looked up within the row's parent region when the table has that column."""
    hits = []
    for pos, cell in enumerate(text[chosen]):
        parent = None
        if parent_col is not None:
            p = _match_cell(text[parent_col][pos], "2022", short=False)
            parent = p.code if p.code not in (None, NATIONAL) else None
        hits.append(_district_cell(cell, parent))
    return hits


def _sort_district_rows(hits: list[_Hit], row_numbers: list[int], cells: list[str]) -> _Rows:
    """Kept, national, unmatched, ambiguous and duplicate rows of a district table (first row kept)."""
    out = _Rows()
    first: dict[str, int] = {}
    dup_rows: dict[str, list[int]] = {}
    for pos, (row, hit) in enumerate(zip(row_numbers, hits, strict=True)):
        if hit.code is None:
            if hit.candidates:
                out.ambiguous.append(Ambiguous(row, cells[pos], hit.candidates))
            else:
                out.unmatched.append(Unmatched(row, cells[pos], hit.suggestions, hit.reason))
        elif hit.code in first:
            dup_rows.setdefault(hit.code, []).append(row)
        else:
            first[hit.code] = row
            if hit.code == NATIONAL:
                out.national_pos = pos
            else:
                out.keep.append(pos)
    for code, rows in dup_rows.items():
        texts = tuple(cells[row_numbers.index(r)] for r in (first[code], *rows))
        out.duplicates.append(Duplicate(code, first[code], tuple(rows), texts))
    return out


def _district_frame(
    columns: list[str],
    text: dict[str, list[str]],
    parsed: dict[str, list[float]],
    hits: list[_Hit],
    row_numbers: list[int],
    renamed: dict[str, str],
) -> pd.DataFrame:
    """Every row: ``kato``, ``name_en``, ``parent_iso``, then the file's columns (numbers parsed)."""
    out_cols = {renamed.get(c, c): (parsed[c] if c in parsed else text[c]) for c in columns}
    full = pd.DataFrame(out_cols, index=pd.Index(row_numbers, name="row"))
    for col in parsed:
        full[renamed.get(col, col)] = full[renamed.get(col, col)].astype("float64")
    codes = [h.code for h in hits]
    districts = [registry.district(c) if c not in (None, NATIONAL) else None for c in codes]
    full.insert(0, "kato", codes)
    full.insert(1, "name_en", [NATIONAL_NAME if c == NATIONAL else d.name["en"] if d else None
                               for c, d in zip(codes, districts, strict=True)])  # fmt: skip
    full.insert(2, "parent_iso", [d.parent if d else None for d in districts])
    return full


def match_table(
    df: pd.DataFrame, id_column: str | None = None, layout: str | None = None, level: str = "auto"
) -> MatchResult:
    """Match a table to regions or, when it is keyed by district (``level="district"``, or ``"auto"`` and
    :func:`district_columns` finds a district column), to districts.

    Raises
    ------
    ValueError
        As :func:`match_rows` and :func:`match_district_rows`, or for an unknown ``level``.
    """
    if level not in ("auto", "region", "district"):
        raise ValueError(f"--level: {level!r} is not one of auto, region, district")
    if level == "district" or (level == "auto" and id_column is None and district_columns(df) is not None):
        return match_district_rows(df, id_column=id_column)
    if level == "auto" and id_column is not None:
        try:
            if (
                _district_good([_cell_text(v) for v in df[_find_column(list(df.columns), id_column, "")]])[0]
                > 0
            ):
                probe = district_columns(df[[_find_column(list(df.columns), id_column, "")]])
                if probe is not None:
                    return match_district_rows(df, id_column=id_column)
        except ValueError:
            pass
    return match_rows(df, id_column=id_column, layout=layout)


# --------------------------------------------------------------------------------------------------
# CSV injection
# --------------------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def neutralise_cell(value: Any) -> Any:
    """Make one cell safe for a CSV that a spreadsheet may open (OWASP "CSV injection").

    Text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (also after leading
    spaces) gets a leading single quote, so spreadsheets show it as text instead of running it as a
    formula. Numbers (``int``, ``float``, including negative ones) and text that is a plain number
    (``"-5"``, ``"+3.5"``) are returned unchanged; so are ``None`` and other types.
    """
    if not isinstance(value, str) or not value:
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    if value.startswith(_FORMULA_START) or value.lstrip(" ").startswith(_FORMULA_START):
        return "'" + value
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every text cell and column name passed through :func:`neutralise_cell`.

    Numeric columns are left as they are (their dtype unchanged).
    """
    out = df.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]):
            out[col] = out[col].map(neutralise_cell)
    out.columns = [neutralise_cell(c) if isinstance(c, str) else c for c in out.columns]
    return out
