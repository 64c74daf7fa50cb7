"""Region names as free text: the matching key of a name, without decoration, case or diacritics.

The registry indexes every name and alias by :func:`parse` (and :func:`fold`, a looser second key), and
looks up any text the same way; so does the reader of a user's table (:mod:`regions.uploads.upload`).
"""

from __future__ import annotations

import re
import unicodedata

# Decoration words: removed before matching, remembered only to tell the oblast from the city of the
# same name. Kazakh words appear both with Kazakh letters and with their Russian-keyboard look-alikes.
_OBLAST_WORDS = frozenset(
    {"region", "oblast", "obl", "oblys", "oblysy", "province",
     "область", "обл", "облысы", "облыс"}
)  # fmt: skip
_CITY_WORDS = frozenset(
    {"city", "qala", "qalasy", "kala", "kalasy",
     "город", "гор", "г", "қаласы", "қала", "қ", "каласы", "кала", "к"}
)  # fmt: skip
# Second level (districts): "р-н" splits into "р" and "н"; BNS writes a city administration "г.а.".
_DISTRICT_WORDS = frozenset(
    {"district", "raion", "rayon", "audany", "audan",
     "район", "р", "н", "рн", "ауданы", "аудан", "ауд"}
)  # fmt: skip
_CITY_ADMIN_WORDS = frozenset({"га", "а"})  # "г.а." (городская администрация) beside "г"
_FILLER_WORDS = frozenset({"of", "the"})

# Kazakh-specific Cyrillic letters -> the Russian letters people type instead ("Шыгыс Казакстан").
_KK_TO_RU = str.maketrans({"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х",
                           "і": "и", "ё": "е"})  # fmt: skip
# Latin letters without a decomposition that still carry a "diacritic" (Kazakh Latin ı, Turkish-style).
_LATIN_EXTRA = str.maketrans({"ı": "i", "ø": "o", "đ": "d", "ł": "l"})
# Kazakh Latin letters that stand for a digraph in the common English transliteration ("Şymkent").
_LATIN_DIGRAPHS = str.maketrans({"ş": "sh", "ç": "ch"})
_SPLIT = re.compile(r"[\W_]+")


def strip_latin_diacritics(text: str) -> str:
    """Drop combining marks that sit on Latin letters only, so Cyrillic й, ё and ў keep their marks."""
    out: list[str] = []
    base_is_latin = False
    for ch in unicodedata.normalize("NFD", text.translate(_LATIN_DIGRAPHS)):
        if unicodedata.combining(ch):
            if not base_is_latin:
                out.append(ch)
            continue
        base_is_latin = unicodedata.name(ch, "").startswith("LATIN")
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)).translate(_LATIN_EXTRA)


def parse(text: str) -> tuple[str, str | None]:
    """Turn free text into a matching key and the kind its decoration implies.

    >>> parse("  East   Kazakhstan REGION ")
    ('eastkazakhstan', 'oblast')
    >>> parse("г. Алматы")
    ('алматы', 'city')

    Returns
    -------
    key
        Case-folded words without decoration, joined without separators (so "Nur-Sultan",
        "Nur Sultan" and "NurSultan" agree).
    kind
        ``"oblast"``, ``"city"`` or ``"district"`` (район, ауданы, District, р-н) if the stripped
        decoration says so unambiguously, else ``None``.
    """
    folded = strip_latin_diacritics(unicodedata.normalize("NFKC", text).casefold())
    words = [w for w in _SPLIT.split(folded) if w]
    kinds = set()
    kept = []
    for w in words:
        if w in _OBLAST_WORDS:
            kinds.add("oblast")
        elif w in _CITY_WORDS:
            kinds.add("city")
        elif w in _DISTRICT_WORDS:
            kinds.add("district")
        elif w in _CITY_ADMIN_WORDS and "city" in kinds:
            pass
        elif w not in _FILLER_WORDS:
            kept.append(w)
    kind = kinds.pop() if len(kinds) == 1 else None
    return "".join(kept), kind


def fold(key: str) -> str:
    """Fold Kazakh letters to their Russian look-alikes (the second, looser index).

    >>> fold("шығысқазақстан")
    'шыгысказакстан'
    """
    return key.translate(_KK_TO_RU)
