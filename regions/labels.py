"""The words and numbers the pages show for the project's ids: labels, units, formatted values and source
lines, in English, Russian and Kazakh."""

from __future__ import annotations

import math

from regions import roles, sectors, statistics
from regions.i18n import pick, t
from regions.metadata import format_source_line, load_meta, translated
from regions.text import code_span
from regions.userdata import UserIndicator


def format_number(value: float | None, decimals: int = 0, lang: str = "en") -> str:
    """Thousands separated by a thin space (ru/kk) or a comma (en); missing shows as an em dash."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = f"{value:,.{decimals}f}"
    if lang in ("ru", "kk"):
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def indicator_label(indicator_id: str, lang: str) -> str:
    meta = statistics.load_indicators()[indicator_id]
    return pick(meta["name"], lang)


def indicator_unit(indicator_id: str, lang: str) -> str:
    meta = statistics.load_indicators()[indicator_id]
    return pick(meta["unit"], lang)


def format_indicator(indicator_id: str, value: float | None, lang: str) -> str:
    """A figure with its unit, or "no data" (never a dash followed by a unit)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("missing", lang)
    meta = statistics.load_indicators()[indicator_id]
    return f"{format_number(value, int(meta.get('decimals', 0)), lang)} {pick(meta['unit'], lang)}".strip()


def role_names(lang: str) -> dict[str, str]:
    return {r.id: pick(r.name, lang) for r in roles.load_roles()}


def role_short_names(lang: str) -> dict[str, str]:
    """Short role labels for the map legend (the full names are too long to sit beside a map)."""
    return {r.id: t(f"role_short_{r.id}", lang) for r in roles.load_roles()}


def basis_label(basis: str, lang: str) -> str:
    return t(f"basis_{basis}", lang)


def sector_names(lang: str) -> dict[str, str]:
    return {sid: pick(s["name"], lang) for sid, s in sectors.load_sectors().items()}


def source_lines(data_files: list[str], lang: str = "en") -> str:
    """Source lines for the given data files, one per file."""
    return "\n\n".join(format_source_line(load_meta(name), lang) for name in data_files)


def indicator_source_line(indicator_id: str, lang: str = "en") -> str:
    """The sources of one indicator (for computed ones, the sources of its inputs and the method), in ``lang``."""
    meta = statistics.load_indicators()[indicator_id]
    line = format_source_line({"sources": meta["sources"]}, lang)
    if meta.get("kind") in ("computed", "volume_index"):
        # A volume index is combined for the 2020 layout by the project: the method says how.
        line += f" — {t('computed', lang)}: {translated(meta.get('method', ''), lang)}"
    return line


def format_user(value: float | None, lang: str) -> str:
    """A user's figure: as many decimals as it needs, up to two; "no data" when missing."""
    if value is None:
        return t("missing", lang)
    decimals = 0 if float(value).is_integer() else 2
    return format_number(value, decimals, lang)


def user_source_line(user: UserIndicator, lang: str) -> str:
    """The source line of a user's indicator: the user's own file, never a published source."""
    return t(
        "user_source",
        lang,
        file=code_span(user.file_name, limit=80),
        column=code_span(user.column, limit=60),
        matched=str(len(user.values)),
        layout=t(f"layout_{user.layout}", lang),
    )


def table_column_label(name: str, lang: str, *, with_year: bool = True) -> str:
    """A regional-table column as people read it: label and unit (and year), in ``lang``.

    Indicator columns (``grp_2024``) become "Gross regional product (current prices), 2024 (million
    KZT)"; a user's column its own name, marked; every other column its ``tcol_<name>`` string.
    """
    from regions import table, userdata

    parsed = table.parse_column(name)
    if parsed is not None:
        ind, year = parsed
        when = f", {year}" if with_year else ""
        return f"{indicator_label(ind, lang)}{when} ({indicator_unit(ind, lang)})"
    if userdata.is_user_id(name):
        return f"{name.split('/', 1)[-1]} ({t('user_data', lang)})"
    return t(f"tcol_{name}", lang)
