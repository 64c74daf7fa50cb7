"""The interface strings in ``data/i18n.json``: complete in English, Russian and Kazakh, consistent
placeholders and Markdown, and every key the code asks for present."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from regions.i18n import I18N_FILE, LANGS, load_strings, t
from regions.metadata import load_meta

ROOT = Path(__file__).resolve().parent.parent
STRINGS: dict[str, dict[str, str]] = json.loads(I18N_FILE.read_text(encoding="utf-8"))
KEYS = list(STRINGS)

# Entries whose Russian or Kazakh text may legitimately equal the English one (e.g. a brand name).
# None in the file at present; add a key here, with a comment saying why, if one ever is.
SAME_AS_ENGLISH_ALLOWED: dict[str, set[str]] = {}

# Keys the code builds at run time: prefix -> every value the suffix takes (f"basis_{basis}" and so on).
FAMILIES: dict[str, tuple[str, ...]] = {
    "basis_": ("direct", "lineage", "interpretation"),
    "border_": ("RUS", "CHN", "KGZ", "UZB", "TKM"),
    "download_": ("csv", "xlsx", "geojson"),
    "kind_": ("target", "reform"),
    "layout_": ("2022", "2020"),
    "mode_": ("designated", "measured", "either", "both"),
    "stat_basis_": ("reported", "sum_of_successors", "computed"),
    "type_": ("oblast", "city"),
    # One short map-legend label per role of the catalogue.
    "role_short_": tuple(
        r["id"] for r in json.loads((ROOT / "data" / "roles.json").read_text(encoding="utf-8"))
    ),
}

CODE_FILES = sorted(
    [ROOT / "app.py"]
    + list((ROOT / "app_pages").glob("*.py"))
    + list((ROOT / "ui").glob("*.py"))
    + list((ROOT / "regions").glob("*.py"))
)
# t("key", ...) / t('key') -- a complete literal key, followed by a comma or the closing parenthesis.
LITERAL_CALL = re.compile(r"""\bt\(\s*(["'])(\w+)\1\s*[,)]""")
# t(f"prefix_{...}" ...) and t("prefix_" + ...): keys built at run time, covered by FAMILIES.
FSTRING_CALL = re.compile(r"""\bt\(\s*f(["'])(\w+?)\{""")
CONCAT_CALL = re.compile(r"""\bt\(\s*(["'])(\w+)\1\s*\+""")

CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def placeholders(text: str) -> set[str]:
    """The field names of ``text``'s ``{placeholders}``."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def dummy_values(key: str) -> dict[str, str]:
    return {name: "X" for lang in LANGS for name in placeholders(STRINGS[key].get(lang, ""))}


def _code_text() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in CODE_FILES if p.exists()}


def used_literal_keys() -> set[str]:
    return {m.group(2) for text in _code_text().values() for m in LITERAL_CALL.finditer(text)}


def used_prefixes() -> set[str]:
    found = set()
    for text in _code_text().values():
        found |= {m.group(2) for m in FSTRING_CALL.finditer(text)}
        found |= {m.group(2) for m in CONCAT_CALL.finditer(text)}
    return found


def family_keys() -> list[str]:
    return [prefix + suffix for prefix, suffixes in FAMILIES.items() for suffix in suffixes]


# --------------------------------------------------------------------------------------------------
# The file itself


def test_file_has_entries() -> None:
    assert len(STRINGS) >= 100


def test_file_is_pretty_printed() -> None:
    text = I18N_FILE.read_text(encoding="utf-8")
    assert text.rstrip("\n") == json.dumps(STRINGS, ensure_ascii=False, indent=1)


def test_metadata_is_valid() -> None:
    meta = load_meta(I18N_FILE)
    assert meta["licence"] == "MIT"
    assert meta["sources"][0]["url"] == "file:data/i18n.json"


# --------------------------------------------------------------------------------------------------
# Every entry


@pytest.mark.parametrize("key", KEYS)
def test_entry_has_exactly_the_three_languages(key: str) -> None:
    entry = STRINGS[key]
    assert set(entry) == set(LANGS), f"{key}: languages {sorted(entry)}"
    for lang in LANGS:
        assert isinstance(entry[lang], str) and entry[lang].strip(), f"{key}: empty {lang}"


@pytest.mark.parametrize("key", KEYS)
def test_placeholders_identical_across_languages(key: str) -> None:
    entry = STRINGS[key]
    expected = placeholders(entry["en"])
    for lang in LANGS:
        assert placeholders(entry.get(lang, "")) == expected, f"{key}: {lang} placeholders differ from en"


@pytest.mark.parametrize("key", KEYS)
def test_markdown_structure_identical_across_languages(key: str) -> None:
    entry = STRINGS[key]

    def shape(text: str) -> tuple[int, int, int]:
        return text.count("**"), text.count("\n"), sum(line.startswith("- ") for line in text.split("\n"))

    for lang in LANGS:
        assert shape(entry.get(lang, "")) == shape(entry["en"]), f"{key}: {lang} Markdown differs from en"


@pytest.mark.parametrize("key", KEYS)
def test_translations_differ_from_english(key: str) -> None:
    entry = STRINGS[key]
    for lang in ("ru", "kk"):
        if lang in SAME_AS_ENGLISH_ALLOWED.get(key, set()):
            continue
        assert entry.get(lang) != entry["en"], f"{key}: {lang} text is the English text"


@pytest.mark.parametrize("key", KEYS)
def test_kazakh_is_cyrillic(key: str) -> None:
    assert CYRILLIC.search(STRINGS[key].get("kk", "")), f"{key}: kk has no Cyrillic letter"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", KEYS)
def test_formats_without_error(key: str, lang: str) -> None:
    values = dummy_values(key)
    STRINGS[key][lang].format(**values)  # the raw text, even for entries without placeholders
    out = t(key, lang, **values) if values else t(key, lang)
    assert out == (STRINGS[key][lang].format(**values) if values else STRINGS[key][lang])


# --------------------------------------------------------------------------------------------------
# Keys used by the code


def test_code_scan_finds_keys() -> None:
    # Guards against a broken scan passing vacuously.
    assert len(used_literal_keys()) >= 50


@pytest.mark.parametrize("key", sorted(used_literal_keys()))
def test_literal_key_used_in_code_exists(key: str) -> None:
    assert key in load_strings(), f"t({key!r}) is called in the code but missing from data/i18n.json"


def test_every_built_key_prefix_is_known() -> None:
    unknown = used_prefixes() - set(FAMILIES)
    assert not unknown, f"keys built at run time with unlisted prefixes: {sorted(unknown)}"


@pytest.mark.parametrize("key", family_keys())
def test_built_key_exists(key: str) -> None:
    assert key in load_strings(), f"{key} is built by the code but missing from data/i18n.json"
