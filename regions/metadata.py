"""Metadata that sits beside every data file: ``data/<name>.meta.json`` for ``data/<name>``.

Every figure the project shows must be traceable to a producer, a table or element id, a reference
year, a URL, a licence and the date it was accessed. This module holds the JSON schema those
metadata files follow and the functions that load and validate them, so that the tests, the command
line and the app all read the same thing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from regions.paths import DATA

SOURCE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["producer", "title", "url", "licence", "accessed"],
    "properties": {
        "producer": {"type": "string", "minLength": 2},
        "title": {"type": "string", "minLength": 2},
        "element_id": {"type": ["string", "null"]},
        "reference_year": {"type": ["string", "integer", "null"]},
        "url": {"type": "string", "pattern": "^(https?://|pypi:|npm:|file:)"},
        "licence": {"type": "string", "minLength": 2},
        "accessed": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "via": {"type": "string"},
        "note": {"type": "string"},
    },
    "additionalProperties": False,
}

META_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["title", "description", "licence", "sources"],
    "properties": {
        "title": {"type": "string", "minLength": 3},
        "description": {"type": "string", "minLength": 10},
        "licence": {"type": "string", "minLength": 2},
        "sources": {"type": "array", "minItems": 1, "items": SOURCE_SCHEMA},
        "method": {"type": "string"},
        "steps": {"type": "array", "items": {"type": "string"}},
        "columns": {"type": "object", "additionalProperties": {"type": "string"}},
        "caveats": {"type": "array", "items": {"type": "string"}},
        "generated_by": {"type": "string"},
    },
    "additionalProperties": True,
}


_VALIDATORS: dict[int, jsonschema.protocols.Validator] = {}


def validate_schema(instance: Any, schema: dict[str, Any]) -> None:
    """``jsonschema.validate`` with the validator built once per schema.

    ``jsonschema.validate`` checks the schema itself on every call, which made loading the catalogues
    take half a second each; the schemas here are module constants, so one validator per schema is enough.

    Raises
    ------
    jsonschema.ValidationError
        As ``jsonschema.validate`` does.
    """
    validator = _VALIDATORS.get(id(schema))
    if validator is None:
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        validator = _VALIDATORS[id(schema)] = cls(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(instance))
    if error is not None:
        raise error


def read_catalogue(
    path: Path, schema: dict[str, Any], kind: str, error: type[ValueError] = ValueError
) -> list[dict[str, Any]]:
    """Read a JSON catalogue (a list of objects with unique ``id``) and validate it against ``schema``.

    Shared by the role, target and sector catalogues.

    Parameters
    ----------
    kind
        What one entry is called in messages ("role", "sector", ...).
    error
        Exception class to raise; the message names the file, the entry's id and the field at fault.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(f"{path}: cannot read ({exc.strerror})") from exc
    except json.JSONDecodeError as exc:
        raise error(f"{path}: not valid JSON ({exc})") from exc
    try:
        validate_schema(data, schema)
    except jsonschema.ValidationError as exc:
        parts = list(exc.absolute_path)
        who = ""
        entry = data[parts[0]] if parts and isinstance(parts[0], int) and isinstance(data, list) else None
        if isinstance(entry, dict):
            who = f"{kind} {entry.get('id', '#' + str(parts[0]))!r}: "
            parts = parts[1:]
        field = "/".join(str(p) for p in parts) or "(whole entry)"
        raise error(f"{path}: {who}{field}: {exc.message}") from exc
    seen: set[str] = set()
    for entry in data:
        if entry["id"] in seen:
            raise error(f"{path}: {kind} {entry['id']!r}: id: duplicate id")
        seen.add(entry["id"])
    return data


class MetadataError(ValueError):
    """A data file's metadata is missing or does not follow :data:`META_SCHEMA`."""


def meta_path(data_file: Path) -> Path:
    """Return the metadata path beside ``data_file`` (``x.csv`` -> ``x.csv.meta.json``)."""
    return data_file.with_name(data_file.name + ".meta.json")


def load_meta(data_file: Path | str) -> dict[str, Any]:
    """Load and validate the metadata of ``data_file``.

    Parameters
    ----------
    data_file
        Path of the data file, or a file name relative to ``data/``.

    Raises
    ------
    MetadataError
        If the metadata file is missing, is not JSON, or does not follow the schema; the message
        names the file and the offending field.
    """
    path = Path(data_file)
    if not path.is_absolute():
        path = DATA / path
    mpath = meta_path(path)
    if not mpath.exists():
        raise MetadataError(f"{mpath}: metadata file missing for {path.name}")
    try:
        meta = json.loads(mpath.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise MetadataError(f"{mpath}: not valid JSON ({exc})") from exc
    try:
        validate_schema(meta, META_SCHEMA)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(top level)"
        raise MetadataError(f"{mpath}: {where}: {exc.message}") from exc
    return meta


def all_data_files() -> list[Path]:
    """Every data file under ``data/`` (metadata files themselves excluded)."""
    return sorted(
        p
        for p in DATA.rglob("*")
        if p.is_file() and not p.name.endswith(".meta.json") and p.name != "README.md"
    )


def format_source_line(meta: dict[str, Any]) -> str:
    """One human-readable line naming every source of a data file, for use under maps, charts and tables."""
    parts = []
    for s in meta["sources"]:
        bits = [s["producer"]]
        if s.get("element_id"):
            bits.append(str(s["element_id"]))
        if s.get("reference_year"):
            bits.append(str(s["reference_year"]))
        bits.append(s["licence"])
        parts.append(", ".join(bits) + f" ({s['url']}, accessed {s['accessed']})")
    return "Source: " + "; ".join(parts)
