"""Interface strings in English, Russian and Kazakh, from ``data/i18n.json``.

Names of regions come from the registry, names of roles, sectors and indicators from their own
catalogues; this file holds everything else the interface says.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

from regions.base import store
from regions.base.paths import ROOT
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
    strings = store.read_json(I18N_FILE, I18N_SCHEMA, entry="string")
    check_strings(strings, store.path_of(I18N_FILE))
    return strings


# A literal key as the first argument of a call of t(). Keys built at run time (t(f"flag_{kind}")) are checked
# when asked for, by t() itself.
_LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z][A-Za-z0-9_]*)["']\s*[,)]""")
_CODE_FOLDERS = ("regions", "ui", "app_pages")


def keys_used_by_code(root: Path = ROOT) -> dict[str, str]:
    """Every interface key the project's code names literally as the first argument of ``t()``, with the first file.

    The code is read, not imported: ``regions/``, ``ui/``, ``app_pages/`` and ``app.py`` under ``root``.
    """
    files = [root / "app.py", *(f for d in _CODE_FOLDERS for f in sorted((root / d).rglob("*.py")))]
    used: dict[str, str] = {}
    for f in files:
        if f.is_file():
            for key in _LITERAL_KEY.findall(f.read_text(encoding="utf-8")):
                used.setdefault(key, f.relative_to(root).as_posix())
    return used


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def check_strings(strings: dict[str, dict[str, str]], path: Path | str = I18N_FILE) -> None:
    """Refuse interface strings the code cannot use, naming the file and the key.

    Every key the code names (:func:`keys_used_by_code`) must be there (the schema already asks for all
    three languages of each); every text must be a valid ``str.format`` template; the three languages of
    a key must have the same placeholders, so that a value the code fills in is never missing from one.

    Raises
    ------
    regions.base.store.DataError
        ``data/i18n.json, string '<key>': <what is wrong>``.
    """
    if path == I18N_FILE or store.path_of(I18N_FILE) == Path(path):
        missing = sorted(set(keys_used_by_code()) - set(strings))
        if missing:
            used = keys_used_by_code()
            listed = ", ".join(f"'{k}' (used in {used[k]})" for k in missing[:5])
            raise store.DataError(path, f"missing string(s) the code uses: {listed}")
    for key, entry in strings.items():
        fields = {}
        for lang in LANGS:
            try:
                fields[lang] = _fields(entry[lang])
            except ValueError as exc:
                raise store.DataError(path, f"{lang} is not a valid template ({exc})", where=f"string '{key}'") from None
        if len({frozenset(f) for f in fields.values()}) > 1:
            detail = "; ".join(f"{lang}: {{{', '.join(sorted(f))}}}" for lang, f in fields.items())
            raise store.DataError(path, f"placeholders differ between languages ({detail})", where=f"string '{key}'")


def t(key: str, lang: str = "en", **values: object) -> str:
    """The string ``key`` in ``lang`` (already parsed: :func:`regions.base.vocab.parse_lang`), formatted with ``values``.

    Raises
    ------
    regions.base.store.DataError
        Naming ``data/i18n.json`` and the key, when the key is not there (keys built at run time, such as
        ``flag_<kind>``; literal keys are checked when the file is loaded) or a placeholder the text asks
        for is not given.
    """
    entry = load_strings().get(key)
    if entry is None:
        raise store.DataError(store.path_of(I18N_FILE), "no such string", where=f"string '{key}'")
    text = entry[lang]
    if not values:
        return text
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError) as exc:
        raise store.DataError(
            store.path_of(I18N_FILE), f"{lang} text needs {exc} which the code does not give", where=f"string '{key}'"
        ) from None


def pick(mapping: dict[str, str] | None, lang: str) -> str:
    """The ``lang`` entry of a ``{"en": ..., "ru": ..., "kk": ...}`` mapping, falling back to English."""
    if not mapping:
        return ""
    return mapping.get(lang) or mapping.get("en", "")
