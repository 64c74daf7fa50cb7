"""Every recorded English text the pages show: what ``tests/test_recorded_i18n.py`` checks for ru/kk entries.

It reads the data through the package's own loaders (metadata, indicators, roles, targets), so it sits beside
the test rather than in ``regions/base/metadata.py``, which the loaders themselves import.
"""

from __future__ import annotations

from collections.abc import Iterable

from regions.base.metadata import all_data_files, load_meta, needs_translation, source_texts
from regions.policy import roles, targets
from regions.stats import statistics


def texts_to_translate() -> dict[str, str]:
    """Every recorded English text the pages show, with where it comes from (for a test's message).

    Metadata of every data file (title, description, licence; each source's producer, title, licence and
    reference year), the indicator catalogue (sources, method, and notes recorded only in English), the
    address's quotes and their sources (roles and targets) and the targets' notes. Texts without words
    (:func:`needs_translation`) are left out.
    """
    found: dict[str, str] = {}

    def add(texts: Iterable[str | None], where: str) -> None:
        for text in texts:
            if text and needs_translation(text):
                found.setdefault(text, where)

    for path in all_data_files():
        meta = load_meta(path)
        where = f"{path.name}.meta.json"
        add((meta["title"], meta["description"], meta["licence"]), where)
        add(source_texts(meta["sources"]), where)
    for ind_id, ind in statistics.load_indicators().items():
        where = f"indicators.json {ind_id}"
        add(source_texts(ind["sources"]), where)
        add([ind.get("method")], where)
        notes = ind.get("notes") or {}
        if not (notes.get("ru") and notes.get("kk")):
            add([notes.get("en")], where)
    for role in roles.load_roles():
        add((q.source for q in role.quotes), f"roles.json {role.id}")
    for target in targets.load_targets():
        where = f"targets.json {target['id']}"
        add((q["source"] for q in target["quotes"]), where)
        notes = target.get("notes") or {}
        if not (notes.get("ru") and notes.get("kk")):
            add([notes.get("en")], where)
    return found
