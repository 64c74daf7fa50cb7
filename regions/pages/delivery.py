"""What the ``/delivery`` page shows: per role of the address, its designated units against the rest of the
country and the nation (:mod:`regions.policy.delivery`), and the national targets measured (:mod:`regions.policy.targets`).

Pure Python, no Streamlit: every text is in the page's language (``data/i18n.json``), every number formatted
here, and every missing figure says "no data" and why, never a blank or an invented number. The page
(``app_pages/delivery.py``) only draws what :func:`delivery_page` returns.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from regions.base import vocab
from regions.base.i18n import pick, t
from regions.base.metadata import translated
from regions.geo import registry
from regions.pages.map import category_colour
from regions.policy import border, delivery, roles, targets
from regions.present.figures import CATEGORY_COLOURS, small_multiple_figure
from regions.present.labels import (
    basis_label,
    format_number,
    indicator_label,
    indicator_source_line,
    indicator_unit,
    source_lines,
)
from regions.stats import change, statistics
from regions.uploads.upload import neutralise_frame

ADDRESS_YEAR = 2020
REST_COLOUR = "#7f7f7f"
NATION_COLOUR = "#000000"
# Targets shown in the national-targets view, in order (ids of data/targets.json).
TARGET_IDS: tuple[str, ...] = ("manufacturing_x1_5", "sme_gdp_share_35", "sme_employment_4m")
FORMATS: tuple[str, ...] = ("csv", "xlsx")
TARGET_COLUMNS: tuple[str, ...] = (
    "target",
    "due_year",
    "goal",
    "measure",
    "indicator",
    "base_year",
    "latest_year",
    "value",
    "judged",
    "reached",
    "note",
)
_NO_FIGURE = re.compile(r"^no (\d{4}) \w+ figure for (.+)$")
_CODE = re.compile(r"KZ-\d\d")


# ----------------------------------------------------------------------------------------------------
# The model


@dataclass(frozen=True)
class UnitLink:
    """A designated unit: its code (for the profile link), name and basis in the page's language."""

    iso_code: str
    name: str
    basis: str
    basis_id: str = "direct"  # one of regions.policy.roles.BASES


@dataclass(frozen=True)
class IndicatorCard:
    """One indicator of a role (a row of :mod:`regions.policy.delivery`): its table and its small multiple.

    ``table`` has one row per scope (designated regions, rest of the country, Kazakhstan) and the columns
    where, "base → latest" and change, as text; a missing figure reads "no data" with a footnote mark, and
    ``footnotes`` give the reasons.
    """

    indicator: str
    base_year: int  # the row's base year (for a volume index, the cumulative index's = 100)
    latest_year: int
    real: bool  # a volume index: the change is real
    title: str  # label and unit
    table: pd.DataFrame
    footnotes: tuple[str, ...]
    y_title: str
    series: pd.DataFrame  # year, group, rest, nation: every year of the range, NaN where missing
    missing: str  # "" or "no data for: <scopes>" in the page's language
    source: str


@dataclass(frozen=True)
class RoleSection:
    """One role: its name, quotes, designated units, one card per indicator, and the sources."""

    role_id: str
    name: str
    colour: str  # the role's colour on the map
    quotes: tuple[roles.Quote, ...]
    interpretation: str
    units: tuple[UnitLink, ...]
    rest_count: int
    notes: tuple[str, ...]  # English technical notes: method, and why each missing figure is missing
    source: str  # short source line, in the page's language
    source_lines: str  # the full source lines of every indicator of the table
    cards: tuple[IndicatorCard, ...]

    @property
    def units_by_basis(self) -> list[tuple[str, list[UnitLink]]]:
        """The designated units grouped by their basis (in order of first appearance)."""
        groups: dict[str, list[UnitLink]] = {}
        for u in sorted(self.units, key=lambda u: roles.BASES.index(u.basis_id)):
            groups.setdefault(u.basis, []).append(u)
        return list(groups.items())


@dataclass(frozen=True)
class TargetView:
    """A national target of the address as the page states it."""

    target_id: str
    name: str
    quotes: tuple[roles.Quote, ...]
    due: str  # "Due: 2025"
    headline: str  # the judged measure, or "no sourced figure is held"
    status: str  # reached / not reached / not yet due / "" (no figure)
    also: tuple[str, ...]  # other measures shown beside it (never judged)
    nominal: str  # the nominal ratio, labelled nominal ("" if none)
    why: str  # in the page's language
    source: str  # short source line
    source_lines: str  # every source in full
    progress: pd.DataFrame | None  # year, value: the judged cumulative ratio year by year (None: no data)
    goal: float | None
    # Government figures reported by a news agency, one row per year to the due year, as text ("no data" for a
    # year without one); None when the target has none.
    reported: pd.DataFrame | None = None


@dataclass(frozen=True)
class Answer:
    """A role's answer in one sentence: its designated regions' real GRP change against the rest and the nation.

    ``group``, ``rest`` and ``nation`` are the changes in % (``None`` where missing); ``rest_word`` and
    ``nation_word`` are ``faster``, ``slower``, ``same`` (equal to one decimal) or ``""`` (a figure missing).
    """

    role_id: str
    colour: str
    text: str  # Markdown (the role's short name in bold); every other part is our own text and numbers
    base_year: int
    latest_year: int
    group: float | None
    rest: float | None
    nation: float | None
    rest_word: str
    nation_word: str
    preliminary: tuple[int, ...]
    estimated: bool  # the group's figure is the project's group-level chain


@dataclass(frozen=True)
class BorderView:
    """The address's border claim against the counted population of both sides (:mod:`regions.policy.border`)."""

    header: str
    quote: roles.Quote
    lines: tuple[str, ...]  # the sum, the claim, the cities, what is missing, trade with Russia, the map
    table: pd.DataFrame  # one row per border unit of both sides, as text
    sources: tuple[str, ...]  # the Kazakh side's and the Russian side's source lines


@dataclass(frozen=True)
class DeliveryPage:
    """Everything the ``/delivery`` page shows."""

    layout: str
    lineage_rule: str
    base_year: int
    sections: tuple[RoleSection, ...]
    caveats: tuple[str, ...]
    targets: tuple[TargetView, ...]
    answers: tuple[Answer, ...] = ()
    border: BorderView | None = None


# ----------------------------------------------------------------------------------------------------
# Words and numbers


def _signed(value: float, decimals: int, lang: str) -> str:
    text = format_number(abs(value), decimals, lang)
    if round(value, decimals) == 0:
        return text
    return ("+" if value > 0 else "\u2212") + text


def _decimals(indicator: str, measure: str) -> int:
    if measure in ("real_change", "share"):
        return 1
    return int(statistics.load_indicators()[indicator].get("decimals", 0))


def _is_nominal(indicator: str) -> bool:
    return "KZT" in statistics.load_indicators()[indicator]["unit"]["en"]


def change_text(row: delivery.IndicatorRow, value: float | None, lang: str) -> str:
    """A change as the table shows it: "+34.1 % real", "+48.0 % nominal", "+0.7 pp", "+1.0 %"."""
    if value is None:
        return t("missing", lang)
    if row.measure == "share":
        return f"{_signed(value, 1, lang)} {t('delivery_pp', lang)}"
    text = f"{_signed(value, 1, lang)}\u00a0%"
    if row.measure == "real_change":
        return f"{text} {t('delivery_real', lang)}"
    if _is_nominal(row.indicator):
        return f"{text} {t('delivery_nominal', lang)}"
    return text


def missing_reason(note: str, lang: str) -> str:
    """Why a figure is missing, in ``lang``, from the English note of :mod:`regions.policy.delivery`.

    A note about the 2022 change of borders says so; "no <year> <indicator> figure for <codes>" names the
    year and the units; anything else points to the technical notes.
    """
    m = _NO_FIGURE.match(note.strip())
    if m and "borders" not in note:
        codes = _CODE.findall(m.group(2))
        names = ", ".join(registry.name(c, lang) for c in codes) if codes else m.group(2)
        return t("delivery_missing_year", lang, year=m.group(1), units=names)
    if "borders" in note:
        return t("delivery_missing_borders", lang)
    return t("delivery_missing_other", lang)


def footnote_mark(n: int) -> str:
    """The mark of footnote ``n`` (1-based): a superscript digit, ``[n]`` past nine."""
    return "¹²³⁴⁵⁶⁷⁸⁹"[n - 1] if 1 <= n <= 9 else f"[{n}]"


def cell_text(row: delivery.IndicatorRow, fig: delivery.Figure, lang: str, mark: str = "") -> str:
    """One scope's cell: "base → latest (change)"; where a figure is missing, "no data" and ``mark``, the
    footnote that gives the reason (:func:`missing_reason`)."""
    dec = _decimals(row.indicator, row.measure)
    missing = t("missing", lang) + mark
    base = missing if fig.base is None else format_number(fig.base, dec, lang)
    latest = missing if fig.latest is None else format_number(fig.latest, dec, lang)
    text = f"{base} → {latest}"
    if fig.change is not None:
        return f"{text} ({change_text(row, fig.change, lang)})"
    if fig.base is None or fig.latest is None:
        return text
    return f"{text} ({missing})"


def row_label(row: delivery.IndicatorRow, lang: str) -> str:
    """The indicator's label, unit and years in ``lang``."""
    label = indicator_label(row.indicator, lang)
    if row.measure == "real_change":
        unit = t("delivery_index_unit", lang, base=row.base_year)
    else:
        unit = indicator_unit(row.indicator, lang)
    return f"{label} ({unit}), {row.base_year} → {row.latest_year}"


def _parts(indicator: str) -> list[str]:
    """The indicators whose sources a row rests on: itself and, for a volume index, its weights."""
    weight = statistics.load_indicators()[indicator].get("weight")
    return [indicator, *([weight] if weight else [])]


def _elements(indicators: Sequence[str]) -> list[str]:
    out: list[str] = []
    for ind in indicators:
        for part in _parts(ind):
            for src in statistics.load_indicators()[part]["sources"]:
                el = src.get("element_id")
                if el and el not in out:
                    out.append(str(el))
    return out


def short_source(indicators: Sequence[str], lang: str) -> str:
    """ "Source: BNS, elements ...; the group's figures are the project's aggregation", in ``lang``."""
    return t("delivery_source_short", lang, elements=", ".join(_elements(indicators)))


def full_source_lines(indicators: Sequence[str], lang: str) -> str:
    lines: list[str] = []
    for ind in indicators:
        for part in _parts(ind):
            line = indicator_source_line(part, lang)
            if line not in lines:
                lines.append(line)
    return "\n\n".join(lines)


def scope_names(lang: str) -> dict[str, str]:
    return {
        "group": t("delivery_scope_group", lang),
        "rest": t("delivery_scope_rest", lang),
        "nation": t("kazakhstan", lang),
    }


# ----------------------------------------------------------------------------------------------------
# The answer first

ANSWER_INDICATOR = "grp_volume_index"


def compare_word(group: float | None, other: float | None) -> str:
    """``faster``, ``slower`` or ``same`` (equal when both round to the same tenth of a percent); ``""`` if
    either is missing.

    >>> compare_word(19.74, 24.97), compare_word(23.34, 23.31), compare_word(23.36, 23.38), compare_word(None, 1.0)
    ('slower', 'same', 'same', '')
    >>> compare_word(23.36, 23.34)  # 23.4 against 23.3: a tenth apart
    'faster'
    """
    if group is None or other is None:
        return ""
    g, o = round(group, 1), round(other, 1)
    return "same" if g == o else ("faster" if g > o else "slower")


def _cmp_text(word: str, whom: str, value: float | None, lang: str, estimated: bool = False) -> str:
    # Literal keys (tests/test_i18n.py checks every key the code names).
    keys = {
        ("faster", "rest"): "delivery_cmp_faster_rest",
        ("slower", "rest"): "delivery_cmp_slower_rest",
        ("same", "rest"): "delivery_cmp_same_rest",
        ("faster", "nation"): "delivery_cmp_faster_nation",
        ("slower", "nation"): "delivery_cmp_slower_nation",
        ("same", "nation"): "delivery_cmp_same_nation",
    }
    if not word or value is None:
        return t("delivery_cmp_missing_rest" if whom == "rest" else "delivery_cmp_missing_nation", lang)
    shown = f"{_signed(value, 1, lang)}\u00a0%"
    if estimated:
        shown += f", {t('delivery_answer_estimate', lang)}"
    return t(keys[(word, whom)], lang, value=shown)


def short_role_name(role_id: str, lang: str) -> str:
    """The role's name up to its colon ("Metallurgical regions")."""
    return pick(roles.get_role(role_id).name, lang).split(":")[0].strip()


def prelim_text(years: Sequence[int], lang: str) -> str:
    """ " (on preliminary 2025 figures)" in ``lang``, or "" when no year is preliminary."""
    if not years:
        return ""
    return t("delivery_answer_prelim", lang, years=", ".join(map(str, years)))


def answer(rd: delivery.RoleDelivery, lang: str) -> Answer | None:
    """The role's one-sentence answer on real GRP since the page's base year (``None`` without that row)."""
    rows = [r for r in rd.rows if r.indicator == ANSWER_INDICATOR]
    if not rows:
        return None
    row = min(rows, key=lambda r: r.base_year)
    g, r, n = row.group.change, row.rest.change, row.nation.change
    rw, nw = compare_word(g, r), compare_word(g, n)
    name = short_role_name(rd.role, lang)
    prelim = prelim_text(row.preliminary, lang)
    if g is None:
        why = missing_reason(row.group.note, lang)
        text = t(
            "delivery_answer_missing", lang, role=name, base=row.base_year, latest=row.latest_year, why=why
        )
    else:
        group = f"{_signed(g, 1, lang)}\u00a0%"
        if row.group.estimate:
            group += f" ({t('delivery_answer_estimate', lang)})"
        text = t(
            "delivery_answer",
            lang,
            role=name,
            group=group,
            base=row.base_year,
            latest=row.latest_year,
            prelim=prelim,
            cmp_rest=_cmp_text(rw, "rest", r, lang, bool(row.rest.estimate)),
            cmp_nation=_cmp_text(nw, "nation", n, lang),
        )
    return Answer(
        role_id=rd.role,
        colour=role_colour(rd.role),
        text=text,
        base_year=row.base_year,
        latest_year=row.latest_year,
        group=g,
        rest=r,
        nation=n,
        rest_word=rw,
        nation_word=nw,
        preliminary=row.preliminary,
        estimated=bool(row.group.estimate),
    )


def base_years(layout: str) -> tuple[int, ...]:
    """The base years the page offers: 2019 (the default) to the year before the answer's latest year."""
    latest = delivery.latest_common_year(ANSWER_INDICATOR, layout)
    return tuple(range(delivery.BASE_YEAR, latest))


# ----------------------------------------------------------------------------------------------------
# Roles


def role_colour(role_id: str) -> str:
    """The role's colour on the map (a unit holding only this role)."""

    return category_colour((role_id,))


def _card_table(row: delivery.IndicatorRow, lang: str) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """One indicator's table (a row per scope, text cells) and its footnotes, one per distinct reason."""
    names = scope_names(lang)
    notes: list[str] = []  # each footnote's text, once
    rows = []
    period = f"{row.base_year} → {row.latest_year}"
    if row.latest_year in row.preliminary:
        period += f" ({t('preliminary_mark', lang)})"
    for s in delivery.SCOPES:
        fig = getattr(row, s)
        note = ""
        if fig.change is None:
            note = f"{t('missing', lang)}: {missing_reason(fig.note, lang)}"
        elif delivery.COMPLEMENT in fig.estimate:
            note = t("delivery_complement_footnote", lang)
        elif fig.estimate:
            note = t("delivery_estimate_footnote", lang)
        mark = ""
        if note:
            if note not in notes:
                notes.append(note)
            mark = footnote_mark(notes.index(note) + 1)
        text = cell_text(row, fig, lang, mark if fig.change is None else "")
        values, _, change = text.partition(" (")
        rows.append(
            {
                t("delivery_col_where", lang): names[s],
                period: values,
                t("delivery_col_change", lang): (change[:-1] + mark) if change else t("missing", lang) + mark,
            }
        )
    return pd.DataFrame(rows), tuple(f"{footnote_mark(i)} {n}" for i, n in enumerate(notes, start=1))


def _notes(rd: delivery.RoleDelivery, lang: str) -> tuple[str, ...]:
    if lang != "en":
        # The computation notes are built in English with the figures (regions.policy.delivery); they are
        # not translated yet, so a Russian or Kazakh page says where to read them instead of showing them.
        return (t("delivery_notes_english_only", lang),)
    out = []
    scopes = scope_names(lang)
    for row in rd.rows:
        label = row_label(row, lang)
        out.append(f"{label}: {row.method}")
        for s in delivery.SCOPES:
            note = getattr(row, s).note
            if note:
                out.append(f"{label}, {scopes[s]}: {note}")
    return tuple(out)


def _card(rd: delivery.RoleDelivery, row: delivery.IndicatorRow, lang: str) -> IndicatorCard:
    real = row.measure == "real_change"
    df = delivery.group_series(rd.role, row.indicator, rd.layout, rd.lineage_rule, row.base_year)
    if not df.empty:
        # Every year of the range, so that a year without figures is a gap, never a line across it.
        years = range(int(df["year"].min()), int(df["year"].max()) + 1)
        df = df.set_index("year").reindex(years).rename_axis("year").reset_index()
    names = scope_names(lang)
    empty = [names[s] for s in delivery.SCOPES if df.empty or df[s].isna().all()]
    unit = t("delivery_index_unit", lang, base=row.base_year) if real else indicator_unit(row.indicator, lang)
    table, footnotes = _card_table(row, lang)
    return IndicatorCard(
        indicator=row.indicator,
        base_year=row.base_year,
        latest_year=row.latest_year,
        real=real,
        title=f"{indicator_label(row.indicator, lang)} ({unit})",
        table=table,
        footnotes=footnotes,
        y_title=unit,
        series=df,
        missing=t("delivery_chart_missing", lang, scopes=", ".join(empty)) if empty else "",
        # The card's own line names the tables; the section's line says the groups are the project's.
        source=t("delivery_card_source", lang, elements=", ".join(_elements([row.indicator]))),
    )


def role_section(rd: delivery.RoleDelivery, lang: str) -> RoleSection:
    """The page's section of one role (see :class:`RoleSection`)."""
    role = roles.get_role(rd.role)
    indicators = list(dict.fromkeys(r.indicator for r in rd.rows))
    return RoleSection(
        role_id=rd.role,
        name=pick(role.name, lang),
        colour=role_colour(rd.role),
        quotes=tuple(role.quotes),
        interpretation=pick(role.interpretation, lang) if role.interpretation else "",
        units=tuple(
            UnitLink(
                u["iso_code"], registry.name(u["iso_code"], lang), basis_label(u["basis"], lang), u["basis"]
            )
            for u in rd.units
        ),
        rest_count=len(rd.rest_units),
        notes=_notes(rd, lang),
        source=short_source(indicators, lang),
        source_lines=full_source_lines(indicators, lang),
        cards=tuple(_card(rd, row, lang) for row in rd.rows),
    )


# ----------------------------------------------------------------------------------------------------
# National targets


def _ratio(value: float, lang: str) -> str:
    return f"×\u00a0{format_number(value, 2, lang)}"


def _measured_text(m: targets.Measured, lang: str) -> str:
    label = indicator_label(m.indicator, lang)
    if m.value is None:
        return t("delivery_target_measure_missing", lang, label=label, base=m.base_year, latest=m.latest_year)
    return t(
        "delivery_target_measure",
        lang,
        label=label,
        base=m.base_year,
        latest=m.latest_year,
        ratio=_ratio(m.value, lang),
    )


def _progress(m: targets.Measured) -> pd.DataFrame:
    """The judged measure's cumulative ratio for each year from its base to its latest year."""

    rows = [(m.base_year, 1.0)]
    for year in range(m.base_year + 1, m.latest_year + 1):
        c = change.change_detail("2022", m.indicator, statistics.NATIONAL, m.base_year, year, "index")
        rows.append((year, math.nan if c.value is None else c.value / 100.0))
    return pd.DataFrame.from_records(rows, columns=["year", "value"])


# The plain-language reason for each target, in the page's language (literal keys: tests/test_i18n.py).
_WHY = {
    "manufacturing_x1_5": lambda lang: t("delivery_target_why_manufacturing", lang),
    "sme_gdp_share_35": lambda lang: t("delivery_target_why_sme_gdp", lang),
    "sme_employment_4m": lambda lang: t("delivery_target_why_sme_employment", lang),
}


def _why(target_id: str, lang: str) -> str:
    return _WHY[target_id](lang) if target_id in _WHY else ""


# What a reported figure measures, in the page's language (literal keys: tests/test_i18n.py).
_REPORTED_LABEL = {
    "sme_gdp_share_35": lambda lang: t("delivery_target_reported_sme_gdp", lang),
    "sme_employment_4m": lambda lang: t("delivery_target_reported_sme_employment", lang),
}


def _reported_value(value: float, unit: str, lang: str) -> str:
    """``36.5 %`` or ``4.1 million``, in ``lang``."""
    number = format_number(value, 1, lang)
    if unit == "percent":
        return f"{number}\u00a0%"
    return t("delivery_target_million", lang, value=number)


def _reported_goal(goal: float, unit: str, lang: str) -> str:
    number = format_number(goal, 0 if goal == int(goal) else 1, lang)
    return f"{number}\u00a0%" if unit == "percent" else t("delivery_target_million", lang, value=number)


def _reported_source(r: targets.Reported, lang: str) -> str:
    """Who said it, which agency reported it, where and when (one line)."""

    src = r.source
    return t(
        "delivery_target_reported_source",
        lang,
        said_by=pick(dict(r.said_by), lang),
        producer=translated(str(src["producer"]), lang),
        title=translated(str(src["title"]), lang),
        published=src.get("published", ""),
        url=src["url"],
        accessed=src["accessed"],
    )


def reported_table(target_id: str, lang: str) -> pd.DataFrame | None:
    """The target's reported figures, one row per year from the first to the due year, as text.

    Columns: year, figure, stated by (in ``lang``). A year without a reported figure reads "no data"
    (never an estimate). ``None`` when the target has no reported figure.
    """
    tm = targets.measured_target(target_id)
    if not tm.reported:
        return None
    by_year = {r.year: r for r in tm.reported}
    last = max(tm.reported[-1].year, tm.due_year or tm.reported[-1].year)
    rows = []
    for year in range(tm.reported[0].year, last + 1):
        r = by_year.get(year)
        rows.append(
            (
                str(year),
                t("missing", lang) if r is None else _reported_value(r.value, r.unit, lang),
                "—"
                if r is None
                else t("delivery_target_reported_by", lang, said_by=pick(dict(r.said_by), lang)),
            )
        )
    cols = [
        t("delivery_target_col_year", lang),
        t("delivery_target_col_figure", lang),
        t("delivery_target_col_by", lang),
    ]
    return pd.DataFrame.from_records(rows, columns=cols)


def reported_source_lines(target_id: str, lang: str) -> str:
    """One source line per reported figure, latest first ("" when the target has none)."""
    tm = targets.measured_target(target_id)
    return "\n\n".join(f"{r.year}: {_reported_source(r, lang)}" for r in reversed(tm.reported))


def _reported_view(tm: targets.TargetMeasure, lang: str) -> tuple[str, str, tuple[str, ...], str, str]:
    """Headline, status, the earlier figures, the short and the full source line of a reported target."""
    r = tm.latest_reported
    if r is None or tm.goal is None:
        raise ValueError(f"target {tm.target_id!r} has no reported figure or no goal")
    label = _REPORTED_LABEL[tm.target_id](lang) if tm.target_id in _REPORTED_LABEL else ""
    value = _reported_value(r.value, r.unit, lang)
    headline = t("delivery_target_reported", lang, label=label, year=r.year, value=value)
    goal = _reported_goal(tm.goal, r.unit, lang)
    if tm.reached is None:
        # Before the due year: said to be above or below the goal, judged neither reached nor missed.
        if r.value >= tm.goal:
            status = t("delivery_target_reported_above", lang, goal=goal, latest=r.year, due=tm.due_year)
        else:
            status = t("delivery_target_reported_below", lang, goal=goal, latest=r.year, due=tm.due_year)
    elif tm.reached:
        status = t("delivery_target_reached", lang, goal=goal, latest=r.year)
    else:
        status = t("delivery_target_not_reached", lang, goal=goal, latest=r.year)
    also = tuple(
        t(
            "delivery_target_reported_also",
            lang,
            year=e.year,
            value=_reported_value(e.value, e.unit, lang),
            said_by=pick(dict(e.said_by), lang),
        )
        for e in reversed(tm.reported[:-1])
    )
    return headline, status, also, _reported_source(r, lang), reported_source_lines(tm.target_id, lang)


def target_view(target_id: str, layout: str, lang: str) -> TargetView:
    """One national target: the judged real measure against its goal, the others beside it, its sources."""
    entry = {x["id"]: x for x in targets.load_targets()}[target_id]
    tm = targets.measured_target(target_id)
    due = t("delivery_target_due", lang, due=tm.due_year) if tm.due_year else ""
    nominal = ""
    progress = targets.target_progress(target_id, layout)
    if progress is not None:
        kz = progress[progress["iso_code"] == statistics.NATIONAL].iloc[0]
        ratio = float(kz["ratio"])
        nominal = t(
            "delivery_target_nominal",
            lang,
            label=indicator_label(entry["indicator"]["id"], lang),
            ratio=_ratio(ratio, lang) if math.isfinite(ratio) else t("missing", lang),
            base=int(kz["base_year"]),
            latest=int(kz["latest_year"]),
        )
    also = tuple(_measured_text(a, lang) for a in tm.also)
    if tm.main is None and tm.reported:
        headline, status, also, source, full = _reported_view(tm, lang)
        series = None
    elif tm.main is None:
        headline, status, series = t("delivery_target_no_figure", lang), "", None
        source = full = source_lines(["targets.json"], lang)
    else:
        headline = _measured_text(tm.main, lang)
        goal = _ratio(tm.goal, lang) if tm.goal is not None else ""
        if tm.reached is None:
            status = t("delivery_target_not_due", lang, goal=goal, due=tm.due_year)
        elif tm.reached:
            status = t("delivery_target_reached", lang, goal=goal, latest=tm.main.latest_year)
        else:
            status = t("delivery_target_not_reached", lang, goal=goal, latest=tm.main.latest_year)
        # A verdict resting on a preliminary year says so ("... on preliminary 2025 figures").
        prelim = delivery.preliminary_years(tm.main.indicator, tm.main.latest_year, tm.main.latest_year)
        if prelim and tm.reached is not None:
            status = status.rstrip(".") + prelim_text(prelim, lang) + "."
        inds = [tm.main.indicator, *(a.indicator for a in tm.also)]
        if progress is not None:
            inds.append(entry["indicator"]["id"])
        inds = list(dict.fromkeys(inds))
        source = t("delivery_target_source", lang, elements=", ".join(_elements(inds)))
        full = full_source_lines(inds, lang)
        series = _progress(tm.main)
    return TargetView(
        target_id=target_id,
        name=pick(entry["name"], lang),
        quotes=tuple(roles.Quote(q["text"], q["source"]) for q in entry["quotes"]),
        due=due,
        headline=headline,
        status=status,
        also=also,
        nominal=nominal,
        why=_why(target_id, lang),
        source=source,
        source_lines=full,
        progress=series,
        goal=tm.goal,
        reported=reported_table(target_id, lang),
    )


def targets_frame(layout: str) -> pd.DataFrame:
    """The targets view as rows (one per measure), columns :data:`TARGET_COLUMNS`, for the downloads."""
    rows = []
    for tid in TARGET_IDS:
        tm = targets.measured_target(tid)
        base = {"target": tid, "due_year": tm.due_year, "goal": tm.goal}
        if tm.main is None and tm.reported:
            for r in tm.reported:
                judged = r is tm.latest_reported
                rows.append(
                    {
                        **base,
                        "measure": "reported",
                        "latest_year": r.year,
                        "value": r.value,
                        "judged": judged,
                        "reached": tm.reached if judged else None,
                        "note": f"{r.unit}; stated by {r.said_by['en']}, reported by {r.source['producer']}"
                        f" ({r.source['url']}); a government statement, not a BNS table",
                    }
                )
            continue
        if tm.main is None:
            rows.append({**base, "measure": "none", "judged": False, "note": tm.notes})
            continue
        for m, judged in [(tm.main, True), *((a, False) for a in tm.also)]:
            rows.append(
                {
                    **base,
                    "measure": "real",
                    "indicator": m.indicator,
                    "base_year": m.base_year,
                    "latest_year": m.latest_year,
                    "value": m.value,
                    "judged": judged,
                    "reached": tm.reached if judged else None,
                    "note": m.note,
                }
            )
        progress = targets.target_progress(tid, layout)
        if progress is not None:
            kz = progress[progress["iso_code"] == statistics.NATIONAL].iloc[0]
            rows.append(
                {
                    **base,
                    "measure": "nominal",
                    "indicator": kz["indicator"],
                    "base_year": int(kz["base_year"]),
                    "latest_year": int(kz["latest_year"]),
                    "value": None if math.isnan(kz["ratio"]) else float(kz["ratio"]),
                    "judged": False,
                    "note": "current prices: includes price growth, not a measure of the target",
                }
            )
    return pd.DataFrame(rows, columns=list(TARGET_COLUMNS))


# ----------------------------------------------------------------------------------------------------
# The page and its downloads


def border_view(lang: str) -> BorderView:
    """The border check in ``lang``: the counted sums beside the address's words, with both sides' sources."""
    check = border.border_check(lang)
    kz, ru = check.kazakhstan, check.russia
    quote = next(q for q in roles.get_role("russia_border").quotes if q.text == check.quote)
    lines = [
        t(
            "border_sum",
            lang,
            year=check.year,
            kz=format_number(kz.population, 0, lang),
            kz_n=kz.counted,
            ru=format_number(ru.population, 0, lang),
            ru_n=ru.counted,
            ru_all=len(ru.places),
            total=format_number(check.total, 0, lang),
        ),
        t(
            "border_claim",
            lang,
            total=format_number(check.total / 1e6, 1, lang),
            claim=format_number(check.claim / 1e6, 0, lang),
        ),
    ]
    if kz.missing or ru.missing:
        names = [p.name for p in (*kz.places, *ru.places) if p.population is None]
        lines.append(t("border_missing", lang, names=", ".join(names)))
    lines.append(
        t(
            "border_cities" if check.kazakh_all_below_million else "border_cities_ru_only",
            lang,
            ru_n=check.russian_million_plus,
            ru_cities=", ".join(
                f"{c.name} {format_number(c.population, 0, lang)}" for p in ru.places for c in p.million_plus_cities
            ),
        )
    )
    lines += [t(border.TRADE_WITH_RUSSIA_KEY, lang), t("border_no_shapes", lang)]
    rows = []
    for side, key in ((kz, "border_side_kz"), (ru, "border_side_ru")):
        for p in side.places:
            rows.append(
                {
                    # The side in the same cell: a fifth column would not fit a phone's width.
                    t("border_col_unit", lang): f"{p.name} ({t(key, lang)})",
                    t("border_col_population", lang): format_number(p.population, 0, lang)
                    if p.population is not None
                    else t("missing", lang),
                    t("border_col_neighbours", lang): ", ".join(_place_name(c, lang) for c in p.neighbours),
                }
            )
    return BorderView(
        header=t("border_header", lang),
        quote=quote,
        lines=tuple(lines),
        table=pd.DataFrame(rows),
        sources=(kz.source, ru.source),
    )


def _place_name(code: str, lang: str) -> str:
    """A Kazakh unit's name from the registry, a Russian subject's from the border file."""
    if code.startswith("KZ"):
        return registry.name(code, lang)
    names = {s["iso_code"]: pick(s["name"], lang) for s in border.load_subjects()}
    return names.get(code, code)


def delivery_page(
    layout: str, lang: str, lineage_rule: str = "inherit", base_year: int = delivery.BASE_YEAR
) -> DeliveryPage:
    """Everything ``/delivery`` shows, in ``lang``, for ``layout`` under ``lineage_rule``."""
    rds = delivery.delivery(layout, lineage_rule, base_year)
    return DeliveryPage(
        layout=layout,
        lineage_rule=lineage_rule,
        base_year=base_year,
        sections=tuple(role_section(rd, lang) for rd in rds),
        caveats=tuple(delivery.caveats(lang)),
        targets=tuple(target_view(tid, layout, lang) for tid in TARGET_IDS),
        answers=tuple(a for a in (answer(rd, lang) for rd in rds) if a is not None),
        border=border_view(lang),
    )


def download(layout: str, lineage_rule: str, fmt: str, base_year: int = delivery.BASE_YEAR) -> bytes:
    """The page's tables as a file: ``csv`` (:func:`regions.policy.delivery.delivery_frame`, one row per role,
    indicator and scope) or ``xlsx`` (sheets ``delivery``, ``targets`` and ``caveats``).

    Text cells a spreadsheet would run as a formula are neutralised; missing figures are empty cells, the
    ``note`` column says why.
    """
    frame = delivery.delivery_frame(layout, lineage_rule, base_year)
    if fmt == "csv":
        return neutralise_frame(frame).to_csv(index=False, lineterminator="\n").encode("utf-8-sig")
    if fmt != "xlsx":
        raise ValueError(f"format: {fmt!r} is not one of {', '.join(FORMATS)}")
    caveats = pd.DataFrame(
        {
            "key": list(delivery.CAVEAT_KEYS),
            **{f"text_{lang}": delivery.caveats(lang) for lang in registry.LANGS},
        }
    )
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        neutralise_frame(frame).to_excel(writer, sheet_name="delivery", index=False)
        neutralise_frame(targets_frame(layout)).to_excel(writer, sheet_name="targets", index=False)
        neutralise_frame(caveats).to_excel(writer, sheet_name="caveats", index=False)
        for sheet in writer.book.worksheets:
            sheet.freeze_panes = "A2"
    return buf.getvalue()


def download_name(
    layout: str, lineage_rule: str, fmt: str, when: str, base_year: int = delivery.BASE_YEAR
) -> str:
    """E.g. ``kz-delivery_2022-layout_inherit_base2019_2026-12-01.csv`` (:func:`vocab.download_name`)."""
    return vocab.download_name(
        "delivery", f"{layout}-layout", lineage_rule, f"base{base_year}", when, ext=fmt
    )


def targets_download_name(layout: str, when: str) -> str:
    """The national targets' CSV, e.g. ``kz-targets_2022-layout_2026-12-01.csv``."""
    return vocab.download_name("targets", f"{layout}-layout", when, ext="csv")


# ----------------------------------------------------------------------------------------------------
# Figures


def chart_figure(chart: IndicatorCard, colour: str, lang: str):
    """A small multiple: the designated regions in the role's map colour, the rest grey, the nation black."""

    names = scope_names(lang)
    df = chart.series
    styles = {"group": (colour, "solid"), "rest": (REST_COLOUR, "solid"), "nation": (NATION_COLOUR, "dash")}
    return small_multiple_figure(
        [int(y) for y in df["year"]],
        [(names[s], list(df[s]), *styles[s]) for s in delivery.SCOPES],
        y_title=chart.y_title,
        marker_year=ADDRESS_YEAR,
        marker_label=t("delivery_address_year", lang),
        lang=lang,
    )


def target_figure(view: TargetView, lang: str):
    """The judged measure's ratio to its base year, year by year, against the goal (``None`` without data)."""

    if view.progress is None:
        return None
    df = view.progress
    base = int(df["year"].min())
    return small_multiple_figure(
        [int(y) for y in df["year"]],
        [(t("kazakhstan", lang), list(df["value"]), CATEGORY_COLOURS[1], "solid")],
        y_title=t("delivery_target_ratio", lang, base=base),
        goal=view.goal,
        goal_label=t("delivery_target_goal", lang, goal=_ratio(view.goal, lang)) if view.goal else "",
        lang=lang,
    )
