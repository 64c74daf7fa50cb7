"""The first sheet of an uploaded XLSX workbook, read with bounded work in a worker process with a time limit.

An XLSX file is a ZIP archive, and a small one can unpack to a large sheet: 168 KB of repeated rows
unpack to 49 MB. openpyxl's read-only worksheet first looks for the sheet's ``<dimension>`` element, and
when there is none it parses the whole sheet to find out (``ReadOnlyWorksheet._get_size``: tens of
seconds of CPU, holding the GIL of the server that every other session shares). A ``<dimension>`` that
says ``A1:A1`` is trusted as well, and would cut the table short. So this module never builds a
worksheet: it streams the sheet's XML itself (``iterparse``), turns each ``<row>`` into values with
openpyxl's own row parser (shared strings, dates, booleans, errors as openpyxl reads them), ignores
``<dimension>``, and stops

- once enough non-blank rows are kept to tell whether the table is over the row limit (:func:`keep`),
- or once it has met :data:`MAX_ELEMENTS` rows and cells (blank ones included), whatever comes first.

:func:`sheet_rows_isolated` runs that in a separate process (a new interpreter, ``python -m
regions.uploads.sheet``) and kills it after :data:`TIME_LIMIT_S` seconds, so
that whatever an upload holds (a huge shared-strings table, pathological XML) it costs one worker at
most that long and never stalls the server. At most :data:`WORKERS` uploads are read at once.

This module imports only the standard library and openpyxl, so that a worker starts quickly; errors
cross the process boundary (as JSON) as :class:`SheetError` (a message key of ``data/i18n.json`` and its
parameters), which :mod:`regions.uploads.upload` words.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

MAX_COLUMNS = 200
MAX_TITLE_ROWS = 5  # one-cell title lines above the header that read_table skips
# Rows and cells (blank ones included) read from a sheet before giving up. A full table of the row and
# column limits (1,006 rows of 201 cells) is about 203,000; this leaves room for formatting-only cells
# and bounds the work to 1-2 s (measured on a shared 2-core machine: 3-5 µs per element).
MAX_ELEMENTS = 300_000
TIME_LIMIT_S = 6.0  # wall-clock seconds a worker may take to read one workbook
WORKERS = 2  # uploads read at the same time (the others wait, at most TIME_LIMIT_S)
MEMORY_LIMIT = 2 << 30  # bytes of address space a worker may use

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _DATA = _NS + "row", _NS + "c", _NS + "sheetData"

_slots = threading.BoundedSemaphore(WORKERS)
_ROOT = Path(__file__).resolve().parents[2]  # the directory holding the regions package


class SheetError(Exception):
    """A reason to refuse the workbook: ``key`` names an ``upl_*`` message, ``params`` fill it (plain
    strings, or ints that the message shows with thousands separators)."""

    def __init__(self, key: str, **params: str | int) -> None:
        super().__init__(key, params)
        self.key = key
        self.params = params


def cell_text(value: Any) -> str:
    """One cell as text: numbers without a spurious ``.0``, dates in ISO form, None as ``""``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def keep(rows: list[tuple[int, list[str]]], number: int, cells: Sequence[Any], max_rows: int) -> bool:
    """Append a non-blank row; return True once enough rows are kept to tell that there are too many.

    Only non-blank rows are kept, so a sheet that goes down to row 1,048,576 costs no memory; the
    header and up to :data:`MAX_TITLE_ROWS` title lines come on top of ``max_rows``.
    """
    # Fast paths for blank rows (C-level checks): XLSX gap rows are all None, blank CSV lines all "".
    if not cells or (cells.count(None) == len(cells) if isinstance(cells, tuple) else not any(cells)):
        return False
    texts = [cell_text(c) for c in cells[: MAX_COLUMNS + 1]]
    if any(texts):
        rows.append((number, texts))
    return len(rows) > max_rows + 1 + MAX_TITLE_ROWS


def sheet_rows(
    data: bytes, max_rows: int, *, max_elements: int = MAX_ELEMENTS
) -> tuple[list[tuple[int, list[str]]], str]:
    """The non-blank rows of the workbook's first worksheet, read in this process with bounded work.

    Parameters
    ----------
    data
        The XLSX file's bytes (already checked to be a ZIP archive holding ``xl/workbook.xml``).
    max_rows
        The data-row limit: reading stops once more rows than that (plus header and titles) are kept.
    max_elements
        Rows and cells (blank ones included) read before giving up with ``upl_err_xlsx_too_big``.

    Returns
    -------
    tuple
        ``[(spreadsheet row number, [cell text, ...]), ...]`` as :func:`keep` keeps them, and the
        sheet's title.

    Raises
    ------
    SheetError
        ``upl_err_xlsx`` (the workbook cannot be opened), ``upl_err_no_sheet``, ``upl_err_xlsx_row`` (a
        row cannot be read) or ``upl_err_xlsx_too_big``.
    """
    reader, sheet, rel = _open_first_sheet(data)
    try:
        rows = _stream_rows(reader, rel.target, sheet.name, max_rows, max_elements)
    finally:
        reader.archive.close()
    return rows, sheet.name


def _open_first_sheet(data: bytes):
    """The parts of openpyxl.load_workbook that do not read the sheets (those would build a
    ReadOnlyWorksheet, which scans a dimensionless sheet to the end): the reader, the first worksheet and
    its relationship."""
    from openpyxl.reader.excel import ExcelReader  # openpyxl only in the worker (slow to import)
    from openpyxl.styles.stylesheet import apply_stylesheet

    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)  # the date formats that tell a date from a number
        names = set(reader.archive.namelist())
        first = next(
            (
                (s, rel)
                for s, rel in reader.parser.find_sheets()
                if rel.target in names and "chartsheet" not in rel.Type
            ),
            None,
        )
    except Exception as exc:  # openpyxl raises many kinds (KeyError, XML errors, zipfile errors)
        raise SheetError("upl_err_xlsx", error=type(exc).__name__) from exc
    if first is None:
        reader.archive.close()
        raise SheetError("upl_err_no_sheet")
    return reader, first[0], first[1]


def _stream_rows(reader, target: str, sheet_name: str, max_rows: int, max_elements: int) -> list[tuple[int, list[str]]]:
    """The kept rows of worksheet ``target``, parsed one ``<row>`` at a time, stopping at the caps."""
    from openpyxl.worksheet._reader import WorkSheetParser  # openpyxl only in the worker
    from openpyxl.xml.functions import iterparse

    wb = reader.wb
    rows: list[tuple[int, list[str]]] = []
    width = MAX_COLUMNS + 1
    elements = 0
    try:
        with reader.archive.open(target) as src:
            parser = WorkSheetParser(
                src, reader.shared_strings, data_only=True, epoch=wb.epoch,
                date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats,
            )  # fmt: skip
            # "end" events only (start events would double the parser's work); a finished row is
            # cleared, so what stays in memory is one empty element per row read, at most MAX_ELEMENTS.
            for _event, element in iterparse(src):
                tag = element.tag
                if tag in (_CELL, _ROW):
                    elements += 1
                    if elements > max_elements:
                        raise SheetError(
                            "upl_err_xlsx_too_big", sheet=sheet_name, limit=max_elements, rows=max_rows
                        )
                if tag == _ROW:
                    number, cells = parser.parse_row(element)
                    element.clear()
                    values = [None] * width
                    for cell in cells:
                        if 1 <= cell["column"] <= width:
                            values[cell["column"] - 1] = cell["value"]
                    if keep(rows, number, tuple(values), max_rows):
                        break
                elif tag == _DATA:
                    break  # nothing after the rows matters here
    except SheetError:
        raise
    except Exception as exc:
        raise SheetError(
            "upl_err_xlsx_row", sheet=sheet_name, row=str(len(rows) + 1), error=type(exc).__name__
        ) from exc
    return rows


def _limit_resources() -> None:
    """In the worker: a second bound besides the parent's clock, on memory (a shared-strings table is held
    whole) and on CPU time; and a lower priority, so that the server's page runs go first on a busy
    machine."""
    # Lowest priority. The worker stays in the server's session: with the kernel's autogroup scheduling a
    # new session would get a CPU share of its own, and the niceness would not make it yield to the server.
    with contextlib.suppress(OSError):
        os.nice(19)
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        cpu = math.ceil(2 * TIME_LIMIT_S)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    except (ImportError, ValueError, OSError):
        pass  # a platform without these limits still has the parent's clock


def main() -> int:
    """The worker (``python -m regions.uploads.sheet MAX_ROWS``): the workbook's bytes on standard input,
    one JSON answer on standard output: ``{"rows": [[number, [text, ...]], ...], "sheet": title}`` or
    ``{"error": key, "params": {...}}``."""
    _limit_resources()
    try:
        max_rows = int(sys.argv[1])
        rows, title = sheet_rows(sys.stdin.buffer.read(), max_rows)
        answer: dict = {"rows": rows, "sheet": title}
    except SheetError as exc:
        answer = {"error": exc.key, "params": exc.params}
    except MemoryError:
        answer = {"error": "upl_err_xlsx_memory", "params": {}}
    except Exception as exc:  # never a traceback: the parent words it
        answer = {"error": "upl_err_xlsx", "params": {"error": type(exc).__name__}}
    sys.stdout.write(json.dumps(answer, ensure_ascii=True))
    return 0


def sheet_rows_isolated(
    data: bytes, max_rows: int, *, time_limit: float = TIME_LIMIT_S
) -> tuple[list[tuple[int, list[str]]], str]:
    """:func:`sheet_rows` in a worker process (``python -m regions.uploads.sheet``), killed after
    ``time_limit`` seconds.

    A new interpreter rather than ``multiprocessing``: forking the threaded Streamlit server is unsafe, and
    ``spawn``/``forkserver`` re-import the parent's ``__main__`` (Streamlit itself) in every worker. The
    worker imports the standard library and openpyxl only (about 0.3 s).

    Raises
    ------
    SheetError
        As :func:`sheet_rows`; ``upl_err_xlsx_slow`` when the worker took longer than ``time_limit`` s
        (waiting for a free slot included), ``upl_err_xlsx_memory`` when it ran out of memory or died.
    """
    seconds = f"{time_limit:g}"
    t0 = time.monotonic()
    if not _slots.acquire(timeout=time_limit):
        raise SheetError("upl_err_xlsx_slow", seconds=seconds)
    try:
        path = [str(_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
        try:
            proc = subprocess.Popen(
                [sys.executable, "-m", "regions.uploads.sheet", str(int(max_rows))],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                cwd=_ROOT, env=env,
            )  # fmt: skip
        except OSError as exc:  # no process could be started (limits of the host): say so, no traceback
            raise SheetError("upl_err_xlsx", error=type(exc).__name__) from exc
        try:
            out, _ = proc.communicate(data, timeout=max(0.1, time_limit - (time.monotonic() - t0)))
        except subprocess.TimeoutExpired:
            raise SheetError("upl_err_xlsx_slow", seconds=seconds) from None
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait(5)
    finally:
        _slots.release()
    try:
        answer = json.loads(out)
    except ValueError:  # killed by its limits (or crashed) before it could answer
        raise SheetError("upl_err_xlsx_memory") from None
    if "error" in answer:
        raise SheetError(answer["error"], **answer["params"])
    return [(int(n), [str(c) for c in cells]) for n, cells in answer["rows"]], str(answer["sheet"])


if __name__ == "__main__":
    sys.exit(main())
