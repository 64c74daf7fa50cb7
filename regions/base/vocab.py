"""The small closed vocabularies of the view, each with its one parser.

A layout, a language and a lineage rule are parsed once, where they enter the package (the view's link
parser :func:`regions.pages.view.parse` and the command line), with the function here; every function below
takes the parsed value and trusts it, as geopandas' ``clip`` checks its arguments once and its helpers do
not. A value outside the vocabulary that reaches a lower function is a programming error, not a user's.

The national aggregate's code is defined here too, once (``NATIONAL``), and so is the one builder of
download file names (:func:`download_name`).

>>> parse_layout("2020"), parse_lang("KK"), parse_lineage_rule("strict")
('2020', 'kk', 'strict')
>>> parse_layout("2019")
Traceback (most recent call last):
...
ValueError: layout: '2019' is not one of 2022, 2020
"""

from __future__ import annotations

import re
from typing import Final, Literal, cast

from regions.base.schemas import LANGS, LAYOUTS

__all__ = [
    "LANGS",
    "LAYOUTS",
    "LINEAGE_RULES",
    "NATIONAL",
    "download_name",
    "Lang",
    "Layout",
    "LineageRule",
    "parse_lang",
    "parse_layout",
    "parse_lineage_rule",
]

Layout = Literal["2022", "2020"]
Lang = Literal["en", "ru", "kk"]
LineageRule = Literal["inherit", "strict"]

LINEAGE_RULES: tuple[str, ...] = ("inherit", "strict")
# ISO 3166-1 alpha-2 of Kazakhstan: the code of the national row in every table and file.
NATIONAL: Final = "KZ"


def _one_of(param: str, value: object, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{param}: {value!r} is not one of {', '.join(allowed)}")
    return value


def parse_layout(value: object, param: str = "layout") -> Layout:
    """``value`` as a :data:`Layout`; ``ValueError`` naming ``param`` and the allowed values otherwise.

    Only strings are layouts: ``2022`` as a number is a caller's mistake, refused like any other.
    """
    return cast(Layout, _one_of(param, value, LAYOUTS))


def parse_lang(value: object, param: str = "lang") -> Lang:
    """``value`` (any case) as a :data:`Lang`; ``ValueError`` naming ``param`` otherwise."""
    return cast(Lang, _one_of(param, value.lower() if isinstance(value, str) else value, LANGS))


def parse_lineage_rule(value: object, param: str = "lineage_rule") -> LineageRule:
    """``value`` (any case) as a :data:`LineageRule`; ``ValueError`` naming ``param`` otherwise."""
    return cast(LineageRule, _one_of(param, value.lower() if isinstance(value, str) else value, LINEAGE_RULES))


def download_name(subject: str, *parts: object, ext: str) -> str:
    """The file name of every download: ``kz-<subject>_<part>_..._<part>.<ext>``.

    Parts that are ``None`` or empty are left out; every part is reduced to letters, digits, ``_`` and
    ``-`` (a user's column name may reach here through an indicator id), so the name is safe in a path.

    >>> download_name("regions", "2022-layout", None, "2026-11-26", ext="csv")
    'kz-regions_2022-layout_2026-11-26.csv'
    >>> download_name("map", "2022-layout", "user/../../x y", 2024, ext="svg")
    'kz-map_2022-layout_user-x-y_2024.svg'
    """
    safe = [re.sub(r"[^A-Za-z0-9_-]+", "-", str(p)).strip("-") for p in (subject, *parts) if p not in (None, "")]
    return "kz-" + "_".join(s for s in safe if s) + "." + re.sub(r"[^a-z0-9]+", "", ext.lower())
