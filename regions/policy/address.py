"""The address's text as the project has it: the excerpt, its paragraphs, and the check that a quote is verbatim.

``data/sources/address-2020-excerpt.txt`` holds verbatim paragraphs of an English news article (Arguments
and Facts, 3 September 2020), the project's only text of the address; its first line names the article.
Every quote in the role and target catalogues must be an exact substring of the paragraphs (not of the
header line the project wrote itself).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from regions.base import store

EXCERPT_FILE = "sources/address-2020-excerpt.txt"  # relative to the data root (regions.base.store)


def load_excerpt() -> str:
    """The full text of the excerpt (header line, then the paragraphs)."""
    return store.read_text(EXCERPT_FILE)


def excerpt_paragraphs(text: str | None = None) -> list[str]:
    """The article's paragraphs in the excerpt, without the header line naming the article."""
    text = load_excerpt() if text is None else text
    _header, _, body = text.partition("\n\n")
    # The file ends with a newline that is not part of the last paragraph.
    return [p for p in body.rstrip("\n").split("\n\n") if p.strip()]


@store.memo
def excerpt_body() -> str:
    """The paragraphs joined, the text every quote must be found in."""
    return "\n\n".join(excerpt_paragraphs())


def check_quotes(quotes: list[dict], file: str, who: str, error: type[store.DataError]) -> None:
    """Raise ``error`` naming ``file``, ``who`` and the quote unless every quote is verbatim in the excerpt."""
    body = excerpt_body()
    for i, quote in enumerate(quotes):
        if quote["text"] not in body:
            raise error(
                file,
                f"text not found verbatim in {EXCERPT_FILE}: {quote['text'][:60]!r}...",
                where=f"{who}, field quotes/{i}",
            )


def read_catalogue(
    path: Path | str, schema: dict[str, Any], kind: str, error: type[store.DataError]
) -> list[dict[str, Any]]:
    """A JSON catalogue (a list of objects with unique ``id``), validated against ``schema``.

    Shared by the role, target and sector catalogues; ``kind`` names one entry in messages.
    """
    data = store.read_json(path, schema, entry=kind, error=error)
    seen: set[str] = set()
    for entry in data:
        if entry["id"] in seen:
            raise error(store.path_of(path), "duplicate id", where=f"{kind} {entry['id']!r}, field id")
        seen.add(entry["id"])
    return data
