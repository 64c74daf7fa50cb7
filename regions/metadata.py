"""Metadata that sits beside every data file: ``data/<name>.meta.json`` for ``data/<name>``.

Every figure the project shows must be traceable to a producer, a table or element id, a reference year,
a URL, a licence and the date it was accessed. The schema is :data:`regions.schemas.META_SCHEMA`; the
files are read by :func:`regions.store.meta`. This module lists the data files, reads their metadata and
turns it into the source lines shown under maps, charts and tables.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from regions import store
from regions.schemas import META_SCHEMA, SOURCE_SCHEMA

__all__ = [
    "META_SCHEMA",
    "SOURCE_SCHEMA",
    "MetadataError",
    "all_data_files",
    "format_source_line",
    "load_meta",
]


class MetadataError(store.DataError):
    """A data file's metadata is missing or does not follow :data:`META_SCHEMA`."""


def meta_path(data_file: Path | str) -> Path:
    """Return the metadata path beside ``data_file`` (``x.csv`` -> ``x.csv.meta.json``)."""
    return store.meta_path(data_file)


def load_meta(data_file: Path | str) -> dict[str, Any]:
    """Load and validate the metadata of ``data_file`` (a path, or a file name relative to the data root).

    Raises
    ------
    MetadataError
        If the metadata file is missing, is not JSON, or does not follow the schema; the message names
        the file and the offending field.
    """
    try:
        return store.meta(data_file)
    except store.DataError as exc:
        raise store.as_error(exc, MetadataError) from None


def all_data_files() -> list[Path]:
    """Every data file under the data root (metadata files themselves excluded)."""
    root = store.data_root()
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not p.name.endswith(".meta.json") and p.name != "README.md"
    )


def format_source_line(meta: dict[str, Any], lang: str = "en") -> str:
    """One human-readable line naming every source of a data file, for use under maps, charts and tables.

    The frame ("Source:", "accessed") is in ``lang``; producers, titles and licences as the metadata
    records them.
    """
    from regions.i18n import t

    parts = []
    for s in meta["sources"]:
        bits = [s["producer"]]
        if s.get("element_id"):
            bits.append(str(s["element_id"]))
        if s.get("reference_year"):
            bits.append(str(s["reference_year"]))
        bits.append(s["licence"])
        parts.append(", ".join(bits) + f" ({s['url']}, {t('accessed', lang)} {s['accessed']})")
    return t("source_prefix", lang) + " " + "; ".join(parts)
