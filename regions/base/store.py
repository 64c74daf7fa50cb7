"""The one reader of the project's data files.

Every data file is read here, through :func:`read_json`, :func:`read_rows` or :func:`read_text`, and its
metadata through :func:`meta`. A file is checked on load (JSON against its schema in
:mod:`regions.base.schemas`, CSV against its header; metadata against :data:`regions.base.schemas.META_SCHEMA`), and
any failure raises :class:`DataError` with one line naming the file, and the row, entry and column or field
at fault. Nothing is read at import time.

Data root
---------
Files are named relative to the data root: ``data/`` beside the package, or the folder in the environment
variable ``KZ_DATA_ROOT``, or the one given to :func:`use_root` (tests run algorithms on a small synthetic
data set this way). An absolute path is read as it is.

Completeness
------------
A data file's metadata records its number of records (``rows``: CSV data rows, items of a JSON array or
object, features of a GeoJSON, lines of a text) and its SHA-256. Every read checks both, so a truncated or
hand-edited file is named instead of silently shown; ``python -m regions.base.store stamp`` records them again
after a deliberate edit (the boundary build records them for the files it writes).

Caching policy
--------------
Parsed files are kept per (path, modification time, size), so an edited file is read again. Results
derived from them are memoised with :func:`memo`, per data root; :func:`clear` forgets both. Data files
change only with a deploy, so nothing expires by time.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import jsonschema

from regions.base.paths import DATA
from regions.base.schemas import META_SCHEMA

DEFAULT_ROOT = DATA
ROOT_VARIABLE = "KZ_DATA_ROOT"
MEMO_SIZE = 256

T = TypeVar("T")
_root_override: Path | None = None
_generation = 0


class DataError(ValueError):
    """A data file is missing, unreadable or malformed.

    The message is one line: ``<file>[, row N][, <entry>][, column|field C]: <what is wrong>``.

    Attributes
    ----------
    file
        The file at fault, as shown to users (relative to the project when it is under it).
    row, column
        Where in the file, when known.
    """

    def __init__(
        self, file: Path | str, problem: str | None = None, *, row: int | None = None, where: str = ""
    ) -> None:
        if problem is None:
            # One argument: an already formatted message (the modules' own checks raise it this way).
            self.file, self.row, self.where, self.problem = "", None, "", str(file)
            super().__init__(str(file))
            return
        self.file = display(file)
        self.row = row
        self.where = where
        self.problem = problem
        parts = [self.file]
        if row is not None:
            parts.append(f"row {row}")
        if where:
            parts.append(where)
        super().__init__(", ".join(parts) + ": " + problem)


# ----------------------------------------------------------------------------------------------------
# Where files are


def data_root() -> Path:
    """The folder data files are read from (see the module docstring)."""
    if _root_override is not None:
        return _root_override
    env = os.environ.get(ROOT_VARIABLE)
    return Path(env).resolve() if env else DEFAULT_ROOT


@contextmanager
def use_root(root: Path | str) -> Iterator[Path]:
    """Read data files from ``root`` inside the ``with`` block (caches are cleared on entry and exit)."""
    global _root_override
    previous = _root_override
    _root_override = Path(root).resolve()
    clear()
    try:
        yield _root_override
    finally:
        _root_override = previous
        clear()


def path_of(name: Path | str) -> Path:
    """The path of data file ``name`` (relative to the data root, or absolute)."""
    path = Path(name)
    return path if path.is_absolute() else data_root() / path


def display(path: Path | str) -> str:
    """``path`` as users should see it: ``data/x.csv`` for the default root, never a server's full path."""
    p = Path(path)
    if not p.is_absolute():
        return str(p)  # already relative: as shown
    for base, shown in ((data_root(), "data"), (DEFAULT_ROOT.parent, "")):
        try:
            rel = p.resolve().relative_to(base)
        except ValueError:
            continue
        return str(Path(shown) / rel) if shown else str(rel)
    return p.name


def meta_path(data_file: Path | str) -> Path:
    """The metadata file beside a data file (``x.csv`` -> ``x.csv.meta.json``)."""
    path = path_of(data_file)
    return path.with_name(path.name + ".meta.json")


# ----------------------------------------------------------------------------------------------------
# Caches


def clear() -> None:
    """Forget every parsed file and memoised result."""
    global _generation
    _generation += 1
    _parsed.cache_clear()
    _VALID.clear()


def memo(fn: Callable[..., T]) -> Callable[..., T]:
    """Memoise ``fn`` (hashable arguments) per data root, under the caching policy of this module."""

    @functools.lru_cache(maxsize=MEMO_SIZE)
    def cached(_root: Path, _generation: int, *args: Any, **kwargs: Any) -> T:
        return fn(*args, **kwargs)

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        return cached(data_root(), _generation, *args, **kwargs)

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DataError(path, "file missing") from None
    except OSError as exc:
        raise DataError(path, f"cannot read ({exc.strerror})") from None
    return st.st_mtime_ns, st.st_size


@functools.lru_cache(maxsize=64)
def _parsed(path: Path, stamp: tuple[int, int], kind: str) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(path, f"cannot read ({exc.strerror})") from None
    if not raw.strip():
        raise DataError(path, "file is empty")
    parsed = _parse(path, raw, kind)
    if not path.name.endswith(".meta.json"):
        _check_complete(path, raw, parsed, kind)
    return parsed


def _parse(path: Path, raw: bytes, kind: str) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(path, f"not UTF-8 text (byte {exc.start})") from None
    if kind == "text":
        return text
    if kind == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataError(
                path, f"not valid JSON ({exc.msg})", row=exc.lineno, where=f"column {exc.colno}"
            ) from None
    if kind == "csv":
        try:
            return [(i, row) for i, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1)]
        except csv.Error as exc:
            raise DataError(path, f"not valid CSV ({exc})") from None
    raise ValueError(f"kind: {kind!r} is not one of text, json, csv")


# ----------------------------------------------------------------------------------------------------
# Readers


def read_text(name: Path | str) -> str:
    """The text of a data file (UTF-8)."""
    path = path_of(name)
    return _parsed(path, _stamp(path), "text")


def read_json(
    name: Path | str,
    schema: dict[str, Any] | None = None,
    *,
    entry: str = "entry",
    error: type[DataError] | None = None,
) -> Any:
    """A JSON data file, validated against ``schema``.

    Parameters
    ----------
    name
        The file, relative to the data root or absolute.
    schema
        A schema of :mod:`regions.base.schemas`; ``None`` reads without validating.
    entry
        What one item of a top-level array is called in messages (``"role"``, ``"unit"``, ...); the item
        is named by its ``id`` or ``iso_code`` when it has one.
    error
        The subclass of :class:`DataError` to raise (a module's own, e.g. ``RoleError``).

    Returns
    -------
    Any
        The parsed document, shared between callers: do not modify it.

    Raises
    ------
    DataError
        Naming the file, the entry and the field at fault.
    """
    path = path_of(name)
    try:
        stamp = _stamp(path)
        data = _parsed(path, stamp, "json")
        if schema is not None and (path, stamp, id(schema)) not in _VALID:
            validate(data, schema, path, entry=entry)
            _VALID.add((path, stamp, id(schema)))
    except DataError as exc:
        raise as_error(exc, error) from None
    return data


# (path, stamp, schema id) of every document found valid, so a document is validated once, not per read.
_VALID: set[tuple[Path, tuple[int, int], int]] = set()


def as_error(exc: DataError, error: type[DataError] | None) -> DataError:
    """``exc`` as an instance of ``error`` (same message and location)."""
    if error is None or isinstance(exc, error):
        return exc
    new = error(exc.args[0])
    new.file, new.row, new.where, new.problem = exc.file, exc.row, exc.where, exc.problem
    return new


def read_rows(
    name: Path | str, columns: Sequence[str], *, error: type[DataError] | None = None
) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV data file whose header is exactly ``columns``.

    Returns
    -------
    list of (int, dict)
        (row number as a text editor counts lines, the header being row 1; column -> stripped text).
        Blank lines are skipped.

    Raises
    ------
    DataError
        If the file is missing, not UTF-8, not CSV, has another header or a row with another number of
        fields; the message names the file and the row.
    """
    try:
        return _rows(path_of(name), columns)
    except DataError as exc:
        raise as_error(exc, error) from None


def _rows(path: Path, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    rows = _parsed(path, _stamp(path), "csv")
    if not rows:
        raise DataError(path, "file is empty")
    header = [h.strip() for h in rows[0][1]]
    if tuple(header) != tuple(columns):
        missing = [c for c in columns if c not in header]
        extra = [c for c in header if c not in columns]
        detail = (f"missing column(s) {', '.join(missing)}" if missing else "") + (
            ("; " if missing and extra else "")
            + (f"unexpected column(s) {', '.join(extra)}" if extra else "")
        )
        raise DataError(
            path, f"header must be {','.join(columns)} ({detail or 'columns out of order'})", row=1
        )
    out = []
    for number, fields in rows[1:]:
        if not fields or not any(f.strip() for f in fields):
            continue
        if len(fields) != len(columns):
            raise DataError(path, f"expected {len(columns)} fields, got {len(fields)}", row=number)
        out.append((number, {c: f.strip() for c, f in zip(columns, fields, strict=True)}))
    return out


_VALIDATORS: dict[int, Any] = {}


def validate(instance: Any, schema: dict[str, Any], file: Path | str, *, entry: str = "entry") -> None:
    """Check ``instance`` against ``schema``; :class:`DataError` names the entry and field at fault.

    The validator is built once per schema (``jsonschema.validate`` would re-check the schema itself on
    every call, which made loading the catalogues take half a second each).
    """
    validator = _VALIDATORS.get(id(schema))
    if validator is None:
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        validator = _VALIDATORS[id(schema)] = cls(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(instance))
    if error is None:
        return
    parts = list(error.absolute_path)
    who = ""
    if parts and isinstance(parts[0], int) and isinstance(instance, list):
        item = instance[parts[0]]
        name = item.get("id") or item.get("iso_code") if isinstance(item, dict) else None
        who = f"{entry} {name!r}" if isinstance(name, str) else f"{entry} #{parts[0] + 1}"
        parts = parts[1:]
    elif parts and isinstance(instance, dict) and entry != "entry":
        who = f"{entry} {parts[0]!r}"
        parts = parts[1:]
    field = "/".join(str(p) for p in parts) or "(whole entry)"
    raise DataError(file, error.message, where=", ".join(x for x in (who, f"field {field}") if x))


def count_records(parsed: Any, kind: str) -> int:
    """The number of records of a parsed data file, as ``rows`` in its metadata counts them."""
    if kind == "csv":
        return max(0, sum(1 for _, fields in parsed if any(f.strip() for f in fields)) - 1)
    if kind == "json":
        if isinstance(parsed, dict) and isinstance(parsed.get("features"), list):
            return len(parsed["features"])
        return len(parsed) if isinstance(parsed, (list, dict)) else 1
    return len(parsed.splitlines())


def kind_of(path: Path) -> str:
    """How a data file is parsed: ``csv``, ``json`` (JSON and GeoJSON) or ``text``."""
    suffix = path.suffix.lower()
    return "csv" if suffix == ".csv" else "json" if suffix in (".json", ".geojson") else "text"


def stamp_of(raw: bytes, kind: str) -> dict[str, Any]:
    """``{"rows": ..., "sha256": ...}`` of a data file's bytes, as its metadata records them."""

    parsed = _parse(Path("<bytes>"), raw, kind)
    return {"rows": count_records(parsed, kind), "sha256": hashlib.sha256(raw).hexdigest()}


def _check_complete(path: Path, raw: bytes, parsed: Any, kind: str) -> None:
    mpath = path.with_name(path.name + ".meta.json")
    if not mpath.exists():
        if path.resolve().is_relative_to(data_root()):
            raise DataError(path, f"metadata file missing ({mpath.name}): every data file needs its sources")
        return  # a file outside the data root (a test's or a user's own) carries no metadata
    info = read_json(mpath, META_SCHEMA)
    if "rows" in info and count_records(parsed, kind) != info["rows"]:
        raise DataError(
            path,
            f"has {count_records(parsed, kind)} records, its metadata says {info['rows']}: truncated or edited "
            "without its metadata (python -m regions.base.store stamp records a deliberate edit)",
        )
    if "sha256" in info and hashlib.sha256(raw).hexdigest() != info["sha256"]:
        raise DataError(
            path,
            "content does not match the SHA-256 in its metadata: edited without its metadata "
            "(python -m regions.base.store stamp records a deliberate edit)",
        )


def stamp(root: Path | None = None) -> list[Path]:
    """Record ``rows`` and ``sha256`` in the metadata of every data file under ``root``; return those changed."""
    base = Path(root) if root is not None else data_root()
    changed = []
    for path in sorted(base.rglob("*")):
        mpath = path.with_name(path.name + ".meta.json")
        if not path.is_file() or path.name.endswith(".meta.json") or not mpath.exists():
            continue
        info = json.loads(mpath.read_text(encoding="utf-8"))
        new = {**info, **stamp_of(path.read_bytes(), kind_of(path))}
        if new != info:
            mpath.write_text(json.dumps(new, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            changed.append(mpath)
    clear()
    return changed


def main(argv: list[str] | None = None) -> int:
    """``python -m regions.base.store stamp``: record rows and SHA-256 of every data file in its metadata."""

    args = sys.argv[1:] if argv is None else argv
    if args != ["stamp"]:
        print("usage: python -m regions.base.store stamp", file=sys.stderr)
        return 2
    for mpath in stamp():
        print(f"stamped {display(mpath)}")
    return 0



def meta(data_file: Path | str) -> dict[str, Any]:
    """The validated metadata of a data file (``<file>.meta.json``).

    Raises
    ------
    DataError
        If the metadata file is missing, not JSON or does not follow :data:`regions.base.schemas.META_SCHEMA`.
    """
    mpath = meta_path(data_file)
    if not mpath.exists():
        raise DataError(mpath, f"metadata file missing for {path_of(data_file).name}")
    return read_json(mpath, META_SCHEMA)


if __name__ == "__main__":
    raise SystemExit(main())
