"""Text that came from outside (a link, an uploaded file) made safe to show.

Streamlit renders the body of ``st.warning``, ``st.markdown`` and most labels as Markdown, so a value typed
into a link could otherwise become a live link, an image fetched from another host or a heading. These
functions turn such a value into a short, plain excerpt and escape every character Markdown could act on.

Examples
--------
>>> excerpt("[Log in](https://evil.example/phish)")
'[Log in](https://evil.example/phish)'
>>> escape_markdown("[Log in](https://evil.example)")
'\\\\[Log in\\\\]\\\\(https\\\\:\\\\/\\\\/evil\\\\.example\\\\)'
>>> excerpt("a" * 100, limit=10)
'aaaaaaaaa…'
>>> excerpt("abc\\u202edef\\x07")
'abcdef'
>>> code_span("![px](http://img.example/p.png)")
'`![px](http://img.example/p.png)`'
"""

from __future__ import annotations

import re
import string
import unicodedata

EXCERPT_LIMIT = 40
# Bidirectional overrides and isolates can make a value read backwards (U+202A-U+202E, U+2066-U+2069).
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
_MARKDOWN_SPECIAL = frozenset(string.punctuation)


def excerpt(value: object, limit: int = EXCERPT_LIMIT) -> str:
    """A one-line excerpt of ``value``: no control or bidi characters, at most ``limit`` characters.

    Parameters
    ----------
    value
        Anything; it is converted with ``str``.
    limit
        Longest excerpt, the ellipsis included.
    """
    text = "".join(
        " " if ch in "\t\r\n" else ch
        for ch in str(value)
        if ch not in _BIDI and (ch in "\t\r\n" or unicodedata.category(ch)[0] != "C")
    ).strip()
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def escape_markdown(text: str) -> str:
    """Backslash-escape every ASCII punctuation character, so Markdown shows ``text`` literally.

    CommonMark lets any ASCII punctuation be escaped; escaping all of it covers links, images, emphasis,
    headings, HTML, code spans and Streamlit's own ``:colour[...]`` and ``:icon:`` directives.
    """
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in text)


def code_span(value: object, limit: int = EXCERPT_LIMIT) -> str:
    """An outside value as a Markdown code span: shown letter for letter, never a link, image or heading.

    Escaping alone is not enough: GitHub-flavoured Markdown turns any ``https://...`` or ``www.`` text into
    a link. A code span is never parsed further; its fence is one backtick longer than any run of
    backticks in the value (CommonMark's rule), so the value cannot close it.

    >>> code_span("[Log in](https://evil.example)")
    '`[Log in](https://evil.example)`'
    >>> code_span("a`b")
    '``a`b``'
    """
    text = excerpt(value, limit) or " "
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
