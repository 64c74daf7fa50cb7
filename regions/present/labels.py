"""The words and numbers the pages show for the project's ids: labels, units, formatted values and source
lines, in English, Russian and Kazakh."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from regions.base.i18n import load_strings, pick, t
from regions.base.metadata import format_source_line, load_meta, translated
from regions.base.text import code_span
from regions.policy import roles, sectors
from regions.stats import statistics
from regions.stats.columns import parse_column
from regions.uploads import userdata
from regions.uploads.userdata import UserIndicator


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


def format_indicator(indicator_id: str, value: float | None, lang: str, year: int | None = None) -> str:
    """A figure with its unit, or "no data" (never a dash followed by a unit).

    With ``year``, a flagged year's mark follows the figure in brackets (:func:`flag_mark`), e.g.
    "1,234.5 million KZT (prelim.)"; a missing figure carries no mark.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("missing", lang)
    meta = statistics.load_indicators()[indicator_id]
    text = f"{format_number(value, int(meta.get('decimals', 0)), lang)} {pick(meta['unit'], lang)}".strip()
    mark = flag_mark(indicator_id, year, lang) if year is not None else ""
    return f"{text} ({mark})" if mark else text


def _flagged(indicator_id: str, year: int, base: int | None) -> dict[str, list[int]]:
    """Flag kind -> the flagged years that bear on the figure of ``year`` (or the change ``base``-``year``)."""
    first, last = (year, year) if base is None else (min(base, year), max(base, year))
    found: dict[str, list[int]] = {}
    for y, kinds in sorted(statistics.indicator_flags(indicator_id).items()):
        for kind in kinds:
            # A break before the first year of a change does not cut it; one before a single year marks it.
            inside = first <= y <= last if kind == "preliminary" or base is None else first < y <= last
            if inside:
                found.setdefault(kind, []).append(y)
    return found


def flag_kinds(indicator_id: str, year: int, base: int | None = None) -> tuple[str, ...]:
    """The flags (:data:`regions.base.schemas.FLAG_KINDS`) of ``indicator_id``'s figure in ``year``.

    With ``base``, of a change from ``base`` to ``year``: preliminary if either end or a year between is,
    a break if the series breaks after ``base`` up to ``year``. An id without flags (a user's) has none.
    """
    return tuple(_flagged(indicator_id, year, base))


def flag_mark(indicator_id: str, year: int, lang: str, *, base: int | None = None) -> str:
    """The short mark written next to a flagged figure ("prelim.", "series break"), "" when unflagged.

    >>> flag_mark("grp", 2025, "ru"), flag_mark("grp", 2024, "en"), flag_mark("population", 2022, "en")
    ('предв.', '', 'series break')
    """
    return ", ".join(t(f"flag_{kind}", lang) for kind in flag_kinds(indicator_id, year, base))


def flag_notes(indicator_id: str, year: int, lang: str, *, base: int | None = None) -> list[str]:
    """One line per flag of the figure (as :func:`flag_kinds`), e.g. "2025: preliminary figures, may be
    revised", for legends, source lines and the exports' data dictionary."""
    return [
        t(f"flag_note_{kind}", lang, years=", ".join(map(str, ys)))
        for kind, ys in _flagged(indicator_id, year, base).items()
    ]


def flag_line(indicator_id: str, years: Iterable[int], lang: str) -> str:
    """The flags among a chart's ``years`` of one indicator as one line ("" when none), for the source line
    under a series or bar chart, e.g. "Average annual population — 2022: series break, ...".
    """
    ys = sorted(set(years))
    if not ys:
        return ""
    notes = flag_notes(indicator_id, ys[-1], lang, base=ys[0] if len(ys) > 1 else None)
    return "; ".join(f"{indicator_label(indicator_id, lang)} — {n}" for n in notes)


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
    elif meta.get("kind") == "derived_sum":
        # Not a figure BNS published for the year: the project summed BNS's monthly figures, and says so.
        line += f" — {t('derived', lang)}: {translated(meta.get('method', ''), lang)}"
    return line


BRIEF_MAX = 160  # characters: a source text this short, on one line, is shown as it is
BRIEF_PRODUCERS = 3  # producers named in a brief line; the rest are in the full citation
BRIEF_IDS = 4  # element ids named per producer in a brief line


def _short_producer(producer: str) -> str:
    """ "Bureau of National Statistics ... (BNS)" -> "BNS"; "Kazinform (state news agency)" -> "Kazinform"."""
    head, _, tail = producer.partition(" (")
    abbr = tail.rstrip(")")
    if tail and 1 < len(abbr) <= 6 and abbr.upper() == abbr:
        return abbr
    return head.split(", ")[0].split(" / ")[0][:60]  # "Akorda / President of ..." -> "Akorda"


def brief_source(text: str, lang: str) -> str:
    """One short line from a full source text (:func:`source_lines`, :func:`indicator_source_line`):
    the producers, short, with their element ids, and "project's calculation" where the text has a method.

    A text with no source line of that form gives its first line, cut at :data:`BRIEF_MAX` characters.

    >>> brief_source("Source: Bureau of National Statistics of the Republic of Kazakhstan (BNS), 5923, "
    ...     "2019–2025, BNS official statistics (https://x, accessed 2026-11-26); GitHub someone/repo "
    ...     "(intermediary), reuse (https://y, accessed 2026-11-26)", "en")
    'Source: BNS (5923)'
    """
    prefix = t("source_prefix", lang)
    marker = f" — {t('computed', lang)}: "
    producers: dict[str, list[str]] = {}
    computed = False
    for para in text.split("\n\n"):
        if not para.startswith(prefix):
            continue
        body, sep, _ = para[len(prefix) :].partition(marker)
        computed = computed or bool(sep)
        # Each source ends "(url, accessed <date>)" (regions.base.metadata.format_source_line).
        ends = re.compile(rf", {re.escape(t('accessed', lang))} [^)]*\)(?:; )?")
        for part in ends.split(body):
            bits = part.strip().split(", ")
            if not bits[0] or bits[0].startswith("GitHub"):
                continue  # an intermediary: named in the full citation only
            name = _short_producer(bits[0])
            ids = producers.setdefault(name, [])
            # The element id follows the producer; a bare year there is the reference year instead.
            el = bits[1] if len(bits) > 1 else ""
            if el.isdigit() and not 1990 <= int(el) <= 2100 and el not in ids:
                ids.append(el)
    if not producers:
        first = text.strip().split("\n")[0]
        return first if len(first) <= BRIEF_MAX else first[: BRIEF_MAX - 1].rstrip() + "…"
    items = list(producers.items())

    def ids_text(ids: list[str]) -> str:
        return ", ".join(ids[:BRIEF_IDS]) + (", …" if len(ids) > BRIEF_IDS else "")

    named = "; ".join(f"{n} ({ids_text(ids)})" if ids else n for n, ids in items[:BRIEF_PRODUCERS])
    if len(items) > BRIEF_PRODUCERS:
        named += "; …"
    return f"{prefix} {named}" + (f"; {t('source_project_calculation', lang)}" if computed else "")


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


def table_column_label(name: str, lang: str, *, with_year: bool = True, with_flag: bool = True) -> str:
    """A regional-table column as people read it: label and unit (and year), in ``lang``.

    Indicator columns (``grp_2024``) become "Gross regional product (current prices), 2024 (million
    KZT)", a flagged year's column followed by its mark ("... (million KZT) [prelim.]") unless
    ``with_flag`` is false; a user's column its own name, marked; every other column its ``tcol_<name>``
    string, or its own name when there is none.
    """

    parsed = parse_column(name, statistics.load_indicators())
    if parsed is not None:
        ind, year = parsed
        when = f", {year}" if with_year else ""
        mark = flag_mark(ind, year, lang) if with_flag else ""
        flag = f" [{mark}]" if mark else ""
        return f"{indicator_label(ind, lang)}{when} ({indicator_unit(ind, lang)}){flag}"
    if userdata.is_user_id(name):
        return f"{name.split('/', 1)[-1]} ({t('user_data', lang)})"
    key = f"tcol_{name}"
    # A column the interface has no label for (a caller's own frame) is shown by its name, as it is.
    return t(key, lang) if key in load_strings() else name


def table_flag_notes(columns: list[str], lang: str) -> list[str]:
    """What the flag marks of a table's headers mean: one line per flag and year, with the indicators so
    marked among ``columns`` (in column order), e.g. "[prelim.] 2025: preliminary figures, may be revised:
    Gross regional product (current prices); ...". Columns that are not an indicator's are skipped."""
    marked: dict[str, list[str]] = {}
    for name in columns:
        parsed = parse_column(name, statistics.load_indicators())
        if parsed is None:
            continue
        ind, year = parsed
        for kind, years in _flagged(ind, year, None).items():
            note = t(f"flag_note_{kind}", lang, years=", ".join(map(str, years)))
            line = f"[{t(f'flag_{kind}', lang)}] {note}"
            labels = marked.setdefault(line, [])
            if indicator_label(ind, lang) not in labels:
                labels.append(indicator_label(ind, lang))
    return [f"{line}: {'; '.join(labels)}" for line, labels in marked.items()]
