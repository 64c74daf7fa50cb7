"""Interface strings in English, Russian and Kazakh, from ``data/i18n.json``.

Names of regions come from the registry, names of roles, sectors and indicators from their own
catalogues; this file holds everything else the interface says.
"""

from __future__ import annotations

from pathlib import Path

from regions.base import store
from regions.base.schemas import I18N_SCHEMA, LANGS

__all__ = ["LANGS", "LANG_NAMES", "load_strings", "pick", "t"]
# Each language's name in itself: shown in the language picker, the same in every interface language.
LANG_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
I18N_FILE = "i18n.json"  # relative to the data root (regions.base.store)


def load_strings(path: Path | str = I18N_FILE) -> dict[str, dict[str, str]]:
    """All interface strings, ``{key: {lang: text}}``, validated (shared: do not modify)."""
    return _strings() if path == I18N_FILE else store.read_json(path, I18N_SCHEMA, entry="string")


@store.memo
def _strings() -> dict[str, dict[str, str]]:
    return store.read_json(I18N_FILE, I18N_SCHEMA, entry="string")


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
