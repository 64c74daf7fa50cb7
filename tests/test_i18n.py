"""The interface strings in ``data/i18n.json``: complete in English, Russian and Kazakh, consistent
placeholders and Markdown, and every key the code asks for present."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

from regions.base import i18n, store
from regions.base.i18n import I18N_FILE, LANGS, load_strings
from regions.base.metadata import load_meta
from regions.base.schemas import FLAG_KINDS
from regions.exports import table

ROOT = Path(__file__).resolve().parent.parent
STRINGS: dict[str, dict[str, str]] = json.loads(store.path_of(I18N_FILE).read_text(encoding="utf-8"))
KEYS = list(STRINGS)

# Entries whose Russian or Kazakh text may legitimately equal the English one, and why.
SAME_AS_ENGLISH_ALLOWED: dict[str, set[str]] = {
    "notice_line": {"ru", "kk"},  # placeholders and punctuation only: "{param} = {value}: {reason}"
}

# Keys the code builds at run time: prefix -> every value the suffix takes (f"basis_{basis}" and so on).
FAMILIES: dict[str, tuple[str, ...]] = {
    "basis_": ("direct", "rule", "lineage", "interpretation"),
    "note_rule_": ("RUS",),
    "map_label_": ("RUS", "CHN", "KGZ", "UZB", "TKM", "caspian"),
    # Every non-indicator column of the regional table, as its header on /tables.
    "tcol_": tuple(table.IDENTITY_COLUMNS + table.GEOGRAPHY_COLUMNS + table.ROLE_COLUMNS),
    "reason_": (),  # notice reasons: Notice.reason holds the whole key, checked in tests/test_state.py
    "status_": ("operating", "under_construction", "planned"),
    "border_": ("RUS", "CHN", "KGZ", "UZB", "TKM"),
    "download_": ("csv", "zip", "xlsx", "geojson"),
    "kind_": ("target", "reform"),
    "layout_": ("2022", "2020"),
    "mode_": ("designated", "measured", "either", "both"),
    "stat_basis_": ("reported", "sum_of_successors", "weighted_mean_of_successors", "computed"),
    "type_": ("oblast", "city"),
    "district_type_": ("district", "city", "city_district"),
    # Flags of an indicator's years: the short mark next to a figure, and the line saying what it means.
    "flag_": tuple(FLAG_KINDS),
    "flag_note_": tuple(FLAG_KINDS),
    # One short map-legend label per role of the catalogue.
    "role_short_": tuple(
        r["id"] for r in json.loads((ROOT / "data" / "roles.json").read_text(encoding="utf-8"))
    ),
}

CODE_FILES = sorted(
    [ROOT / "app.py"]
    + list((ROOT / "app_pages").glob("*.py"))
    + list((ROOT / "ui").glob("*.py"))
    + list((ROOT / "regions").rglob("*.py"))
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
    text = store.path_of(I18N_FILE).read_text(encoding="utf-8")
    assert text.rstrip("\n") == json.dumps(STRINGS, ensure_ascii=False, indent=1)


def test_metadata_is_valid() -> None:
    meta = load_meta(I18N_FILE)
    assert meta["licence"] == "MIT"
    assert meta["sources"][0]["url"] == "file:data/i18n.json"


# --------------------------------------------------------------------------------------------------
# Every entry: each check runs over the whole file and reports every entry at fault at once.


def _faults(check) -> list[str]:
    return [f"{key}: {problem}" for key in KEYS for problem in check(key, STRINGS[key])]


def test_every_entry_has_exactly_the_three_languages() -> None:
    def check(key, entry):
        if set(entry) != set(LANGS):
            yield f"languages {sorted(entry)}"
        yield from (f"empty {lang}" for lang in LANGS if not str(entry.get(lang, "")).strip())

    assert not (faults := _faults(check)), "\n".join(faults)


def test_placeholders_and_markdown_identical_across_languages() -> None:
    def shape(text: str) -> tuple[int, int, int]:
        return text.count("**"), text.count("\n"), sum(line.startswith("- ") for line in text.split("\n"))

    def check(key, entry):
        for lang in ("ru", "kk"):
            if placeholders(entry.get(lang, "")) != placeholders(entry["en"]):
                yield f"{lang} placeholders differ from en"
            if shape(entry.get(lang, "")) != shape(entry["en"]):
                yield f"{lang} Markdown differs from en"
            try:
                entry.get(lang, "").format(**dummy_values(key))
            except (KeyError, IndexError, ValueError) as exc:
                yield f"{lang} does not format: {exc}"

    assert not (faults := _faults(check)), "\n".join(faults)


def test_translations_are_translated() -> None:
    # Russian and Kazakh differ from English and are written in Cyrillic (a placeholder-only line such as
    # "{param} = «{value}»: {reason}" has no words to translate, so it needs only to differ).
    def check(key, entry):
        for lang in ("ru", "kk"):
            if lang not in SAME_AS_ENGLISH_ALLOWED.get(key, set()) and entry.get(lang) == entry["en"]:
                yield f"{lang} text is the English text"
            words = re.sub(r"\{\w+\}", "", entry.get(lang, ""))
            if re.search(r"[A-Za-z\u0400-\u04FF]", words) and not CYRILLIC.search(words):
                yield f"{lang} has words but no Cyrillic letter"

    assert not (faults := _faults(check)), "\n".join(faults)


# --------------------------------------------------------------------------------------------------
# Keys used by the code


def test_code_scan_finds_keys() -> None:
    # Guards against a broken scan passing vacuously.
    assert len(used_literal_keys()) >= 50


def test_every_literal_key_used_in_code_exists() -> None:
    missing = sorted(k for k in used_literal_keys() if k not in load_strings())
    assert not missing, f"t(...) is called with keys missing from data/i18n.json: {missing}"


def test_every_built_key_prefix_is_known() -> None:
    unknown = used_prefixes() - set(FAMILIES)
    assert not unknown, f"keys built at run time with unlisted prefixes: {sorted(unknown)}"


def test_every_built_key_exists() -> None:
    missing = sorted(k for k in family_keys() if k not in load_strings())
    assert not missing, f"keys built by the code but missing from data/i18n.json: {missing}"


def test_every_kind_of_indicator_has_its_basis_wording():
    # /sources words each indicator's kind with t("stat_basis_<kind>"): a key built at run time, which
    # loading cannot see in the code. A kind without its wording once showed the raw key on the page.
    from regions.stats import statistics

    strings = i18n.load_strings()
    kinds = {ind["kind"] for ind in statistics.load_indicators().values()}
    assert kinds and not {f"stat_basis_{k}" for k in kinds} - set(strings)


def test_a_string_asked_for_but_missing_names_the_file_and_the_key():
    import pytest

    from regions.base.store import DataError

    with pytest.raises(DataError, match=r"i18n\.json, string 'no_such_key': no such string"):
        i18n.t("no_such_key", "en")


def test_a_placeholder_the_code_does_not_give_names_the_key():
    import pytest

    from regions.base.store import DataError

    with pytest.raises(DataError, match=r"string 'filter_matches': en text needs"):
        i18n.t("filter_matches", "en", n=1)
