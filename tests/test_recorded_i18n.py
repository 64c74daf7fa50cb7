"""Translations of recorded text (metadata, indicator methods and notes, the quotes' sources): complete and
not stale.

The English record (``data/*.meta.json``, ``data/indicators.json``, ``data/roles.json``, ``data/targets.json``)
is the one source; its Russian and Kazakh renderings are the ``tr_*`` entries of ``data/i18n.json``, each
keyed by the exact English text (:mod:`regions.base.metadata`).
"""

from __future__ import annotations

import json
from pathlib import Path

from recorded_texts import texts_to_translate

from regions.base import metadata
from regions.present.labels import indicator_source_line, source_lines

ROOT = Path(__file__).resolve().parent.parent
STRINGS = json.loads((ROOT / "data" / "i18n.json").read_text(encoding="utf-8"))
ENTRIES = {k: v for k, v in STRINGS.items() if k.startswith(metadata.TRANSLATION_PREFIX)}


def test_every_shown_recorded_text_has_ru_and_kk() -> None:
    shown = texts_to_translate()
    assert len(shown) > 100  # the scan reaches every file (guards against a vacuous pass)
    by_en = {e["en"]: e for e in ENTRIES.values()}
    missing = [f"{where}: {text!r}" for text, where in shown.items() if text not in by_en]
    assert not missing, (
        f"{len(missing)} recorded texts without a tr_* entry in data/i18n.json:\n" + "\n".join(missing)
    )


def test_no_translation_has_lost_its_text() -> None:
    # An entry whose English is no longer recorded anywhere is stale: the record changed, the translation
    # did not.
    shown = texts_to_translate()
    stale = [k for k, e in ENTRIES.items() if e["en"] not in shown]
    assert not stale, f"tr_* entries whose English text is recorded nowhere: {stale}"


def test_one_entry_per_text() -> None:
    texts = [e["en"] for e in ENTRIES.values()]
    assert len(texts) == len(set(texts))


def test_translated_looks_up_and_falls_back() -> None:
    key, entry = next(iter(ENTRIES.items()))
    assert metadata.translated(entry["en"], "ru") == entry["ru"]
    assert metadata.translated(entry["en"], "kk") == entry["kk"]
    assert metadata.translated(entry["en"], "en") == entry["en"]
    assert metadata.translated("not recorded anywhere", "ru") == "not recorded anywhere"
    assert metadata.translated(None, "ru") == ""


def test_source_lines_carry_the_translated_producer_and_licence() -> None:
    meta = metadata.load_meta("statistics.csv")
    line = source_lines(["statistics.csv"], "ru")
    by_en = {e["en"]: e for e in ENTRIES.values()}
    for s in meta["sources"]:
        assert by_en[s["producer"]]["ru"] in line
        assert by_en[s["licence"]]["ru"] in line
        assert s["url"] in line  # URLs stay as recorded
    assert "Bureau of National Statistics" not in line


def test_computed_method_is_translated() -> None:
    from regions.stats import statistics

    ind_id, ind = next((k, v) for k, v in statistics.load_indicators().items() if v["kind"] == "computed")
    by_en = {e["en"]: e for e in ENTRIES.values()}
    assert by_en[ind["method"]]["kk"] in indicator_source_line(ind_id, "kk")
    assert ind["method"] in indicator_source_line(ind_id, "en")


def test_every_enterprise_sector_has_a_label() -> None:
    # The region page names each enterprise's sector (the project's classification) in the page's language.
    import csv

    with (ROOT / "data" / "enterprises.csv").open(encoding="utf-8") as f:
        used = {row["sector"] for row in csv.DictReader(f)}
    page = (ROOT / "app_pages" / "region.py").read_text(encoding="utf-8")
    assert used
    for sector in used:
        assert f"ent_sector_{sector}" in STRINGS, sector
        assert f'"{sector}": t("ent_sector_{sector}", lang)' in page, sector


def test_region_page_enterprise_table_in_russian() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = "ru"
    at.query_params["region"] = "KZ-35"
    at.run()
    at.switch_page("app_pages/region.py")
    at.run()
    assert not at.exception
    spec = [json.loads(df.proto.columns) if df.proto.columns else {} for df in at.dataframe]
    labels = {c.get("label") for s in spec for c in s.values()}
    assert STRINGS["ent_col_statement"]["ru"] in labels, labels
    frames = [df.value for df in at.dataframe if "sector" in df.value.columns]
    assert frames and set(frames[0]["sector"]) <= {
        v["ru"] for k, v in STRINGS.items() if k.startswith("ent_sector_")
    }


def test_the_address_is_never_translated_by_the_project() -> None:
    # Issue 8: without an official Russian or Kazakh text, the English quote is shown with a line saying so,
    # never a translation of ours. No quote may have a translation entry, so translated() returns it as is.
    from regions.policy import roles, targets

    quotes = {q.text for r in roles.load_roles() for q in r.quotes}
    quotes |= {q["text"] for t in targets.load_targets() for q in t["quotes"]}
    assert len(quotes) > 10
    translated_quotes = [e["en"][:60] for e in ENTRIES.values() if e["en"] in quotes]
    assert not translated_quotes, translated_quotes
    assert all(metadata.translated(q, "ru") == q for q in quotes)
