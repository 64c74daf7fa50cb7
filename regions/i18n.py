"""Interface strings in English, Russian and Kazakh, from ``data/i18n.json``.

Names of regions come from the registry, names of roles, sectors and indicators from their own
catalogues; this file holds everything else the interface says.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from regions.paths import DATA
from regions.registry import LANGS

__all__ = ["LANGS", "LANG_NAMES", "load_strings", "pick", "t"]
LANG_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
I18N_FILE = DATA / "i18n.json"


@lru_cache(maxsize=2)
def load_strings(path: Path = I18N_FILE) -> dict[str, dict[str, str]]:
    """All interface strings, ``{key: {lang: text}}``."""
    return json.loads(path.read_text(encoding="utf-8"))


def t(key: str, lang: str = "en", **values: object) -> str:
    """The string ``key`` in ``lang``, formatted with ``values``.

    Falls back to English when a translation is missing (a test keeps all three complete), and to the
    key itself when the key is unknown, so a missing string never breaks a page.
    """
    entry = load_strings().get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def pick(mapping: dict[str, str] | None, lang: str) -> str:
    """The ``lang`` entry of a ``{"en": ..., "ru": ..., "kk": ...}`` mapping, falling back to English."""
    if not mapping:
        return ""
    return mapping.get(lang) or mapping.get("en", "")
