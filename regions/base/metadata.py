"""Metadata that sits beside every data file: ``data/<name>.meta.json`` for ``data/<name>``.

Every figure the project shows must be traceable to a producer, a table or element id, a reference year,
a URL, a licence and the date it was accessed. The schema is :data:`regions.base.schemas.META_SCHEMA`; the
files are read by :func:`regions.base.store.meta`. This module lists the data files, reads their metadata and
turns it into the source lines shown under maps, charts and tables.

Translations of recorded text
-----------------------------
The metadata, the indicator catalogue and the address's quotes stay the English record. What the pages show
of it in Russian and Kazakh (producers, titles, licences, descriptions, indicator methods and notes, the
quotes' sources, target notes) comes from one place: the ``tr_*`` entries of ``data/i18n.json``,
each an ``{"en", "ru", "kk"}`` whose ``en`` is the recorded text exactly. :func:`translated` looks a text up
there; ``tests/recorded_texts.py`` lists every recorded text the pages show, and a test
(``tests/test_recorded_i18n.py``) checks that each has an entry and that no entry has lost its text.

The quotes themselves are never translated by the project: no official Russian or Kazakh text of the
address could be sourced verbatim (docs/research/issue8), and issue 8 asks that the English quote then be
shown as it is, with a line saying so, rather than a translation of ours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from regions.base import store
from regions.base.i18n import load_strings, t
from regions.base.schemas import META_SCHEMA, SOURCE_SCHEMA

__all__ = [
    "META_SCHEMA",
    "SOURCE_SCHEMA",
    "MetadataError",
    "all_data_files",
    "format_source_line",
    "load_meta",
    "needs_translation",
    "source_texts",
    "translated",
]

TRANSLATION_PREFIX = "tr_"  # data/i18n.json keys of translations of recorded text
# Tokens that are codes, not words: anything with a digit, an underscore or a dot inside (ids, years,
# SPDX ids such as LGPL-2.1-only, file and domain names), URLs, and all-capitals abbreviations.
_URL = re.compile(r"(?:https?://|pypi:|npm:|file:)\S+")
_CODE = re.compile(r"\S*[\d_.]\S*|\b[A-Z]{2,}\b")
_WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*")


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


def needs_translation(text: str) -> bool:
    """Whether ``text`` has words to translate (not only codes, numbers, URLs and abbreviations).

    >>> needs_translation("MIT"), needs_translation("2019, 2023–2025"), needs_translation("LGPL-2.1-only")
    (False, False, False)
    >>> needs_translation("news article; only facts are reused")
    True
    """
    return bool(_WORD.search(_CODE.sub(" ", _URL.sub(" ", text))))


def _translations() -> dict[str, dict[str, str]]:
    return {e["en"]: e for k, e in load_strings().items() if k.startswith(TRANSLATION_PREFIX)}


def translated(text: str | None, lang: str) -> str:
    """``text`` (recorded in English) in ``lang``: its ``tr_*`` entry of ``data/i18n.json``.

    English, and a text without words (:func:`needs_translation`), are returned as recorded; so is a
    text without an entry (a test keeps the entries complete, so this shows only in a broken checkout).
    """
    if not text or lang == "en":
        return text or ""
    entry = _translations().get(text)
    return entry.get(lang, text) if entry else text


def source_texts(sources: Iterable[dict[str, Any]]) -> Iterable[str]:
    for s in sources:
        for field in ("producer", "title", "licence", "reference_year"):
            if s.get(field) is not None:
                yield str(s[field])


def format_source_line(meta: dict[str, Any], lang: str = "en") -> str:
    """One human-readable line naming every source of a data file, for use under maps, charts and tables.

    The frame ("Source:", "accessed") is in ``lang``, and so are producers, reference years and licences
    (:func:`translated`); element ids, URLs and dates as recorded.
    """

    parts = []
    for s in meta["sources"]:
        bits = [translated(s["producer"], lang)]
        if s.get("element_id"):
            bits.append(str(s["element_id"]))
        if s.get("reference_year"):
            bits.append(translated(str(s["reference_year"]), lang))
        bits.append(translated(s["licence"], lang))
        # A file of the project or of its reference notes is not an address a reader can open: say so
        # instead of showing its path (the path stays in the .meta.json and on /sources' tables).
        url = t("source_project_file", lang) if str(s["url"]).startswith("file:") else s["url"]
        parts.append(", ".join(bits) + f" ({url}, {t('accessed', lang)} {s['accessed']})")
    return t("source_prefix", lang) + " " + "; ".join(parts)
