"""Plotly charts of the regions (profile, compare, ranking, /delivery) and the map's shared vocabulary.

Pure plotly, no Streamlit. The map itself is server-drawn SVG (:mod:`regions.present.svgmap`); this module
keeps what both share: the map's categories and units (:class:`Category`, :class:`MapUnit`), its colours
and its stepped colour scale. (The plotly choropleth the map once was lives on only as the benchmark's
baseline, ``bench/plotlymap.py``.)
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from regions.geo import registry
from regions.present import placement

# Okabe-Ito: distinguishable with the common forms of colour blindness.
CATEGORY_COLOURS = ["#E69F00", "#0072B2", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000"]
NO_ROLE_COLOUR = "#d9d9d9"
MISSING_COLOUR = "#bdbdbd"
# Viridis is perceptually uniform and readable with colour-vision deficiencies.
NUMERIC_SCALE = "Viridis"
DIMMED_OPACITY = 0.6
# A categorical map under a filter fills the regions outside it with this, whatever their roles, so that
# "outside the filter" never looks like "no role" (NO_ROLE_COLOUR) or a faded role colour.
OUT_OF_FOCUS_COLOUR = "#ffffff"

COUNTRY_LABELS: dict[str, tuple[float, float]] = {
    # (lon, lat) of each label, inside the country near Kazakhstan; the words are data/i18n.json's map_label_<key>.
    "RUS": (61.0, 54.6),
    "CHN": (85.5, 42.3),
    # Kyrgyzstan's and Uzbekistan's names south and west of where they were: there they lay across the
    # names of Shymkent and Turkistan on the map (measured by tests/test_browser_labels.py).
    "KGZ": (75.0, 40.6),
    "UZB": (62.8, 41.3),
    "TKM": (57.8, 39.4),
    "caspian": (50.6, 42.6),
}


@dataclass(frozen=True)
class Category:
    """One entry of a categorical map's legend: the key units refer to, its label and its colour."""

    key: str
    label: str
    colour: str


@dataclass(frozen=True)
class MapUnit:
    """What the map needs of one region."""

    iso_code: str
    name: str
    hover: str  # extra hover lines, HTML with <br>
    category: str | None = None  # categorical maps: the key of a Category
    value: float | None = None  # numeric maps


def stepped_scale(n: int) -> list[tuple[float, str]]:
    """A colour scale of ``n`` flat steps sampled from :data:`NUMERIC_SCALE` (for bins drawn as z = 0..n-1).

    >>> [c for _, c in stepped_scale(2)]
    ['rgb(68, 1, 84)', 'rgb(68, 1, 84)', 'rgb(253, 231, 37)', 'rgb(253, 231, 37)']
    """

    n = max(n, 1)
    colours = sample_colorscale(NUMERIC_SCALE, [i / (n - 1) for i in range(n)] if n > 1 else [0.5])
    out: list[tuple[float, str]] = []
    for i, c in enumerate(colours):
        out += [(i / n, c), ((i + 1) / n, c)]
    return out


NATIONAL_COLOUR = "#212121"  # the nation's line and bar: black, dashed, beside the regions' colours


END_LABEL_SIZE = 11
END_LABEL_CHARS = 14  # a line-end label's line: narrow, so that a phone keeps most of its width for the plot
MAX_END_LABELS = 4  # more lines than this keep a legend


def _year_ticks(years: set[int]) -> int:
    """A year axis's tick step: every year while few, so that their labels never overlap on a phone."""
    span = max(years) - min(years) if years else 0
    return 1 if span <= 4 else 2 if span <= 10 else 5


def _end_labels(
    fig: go.Figure, series: dict[str, list[tuple[int, float]]], y_range: tuple[float, float], plot_h: float
) -> float | None:
    """Name each line at its last point, moved apart vertically where ends meet; the width the labels
    need on the right, or ``None`` (nothing drawn) when they cannot all fit beside the plot."""
    ends = {k: pts[-1] for k, pts in series.items() if pts}
    lines = {k: textwrap.wrap(k, END_LABEL_CHARS) or [k] for k in ends}
    heights = [len(lines[k]) * END_LABEL_SIZE * 1.25 for k in ends]
    y0, y1 = y_range
    want = [(y1 - y) / (y1 - y0) * plot_h for _, y in ends.values()]
    centres = placement.dodge(want, heights, 0.0, plot_h, gap=4.0)
    if centres is None:
        return None
    for (key, (x, y)), c, w in zip(ends.items(), centres, want, strict=True):
        fig.add_annotation(
            x=x,
            y=y,
            xanchor="left",
            yanchor="middle",
            xshift=8,
            yshift=w - c,
            text="<br>".join(html.escape(line) for line in lines[key]),
            showarrow=False,
            align="left",
            font=dict(size=END_LABEL_SIZE, family=placement.FONT_FAMILY, color="#212121"),
        )
    return max(placement.text_width(line, END_LABEL_SIZE) for ls in lines.values() for line in ls) + 14


def series_figure(
    series: dict[str, list[tuple[int, float]]],
    *,
    y_title: str,
    height: int = 320,
    national: str | None = None,
) -> go.Figure:
    """Line chart of one indicator over the years, one line per named series (missing years are gaps);
    the series named ``national`` (the nation) as a black dashed line. Up to :data:`MAX_END_LABELS`
    lines are named at their ends instead of in a legend."""
    fig = go.Figure()
    colours = iter(CATEGORY_COLOURS * 2)
    for label, points in series.items():
        is_nation = label == national
        fig.add_trace(
            go.Scatter(
                x=[p[0] for p in points],
                y=[p[1] for p in points],
                mode="lines+markers",
                name=html.escape(label),
                line=dict(color=NATIONAL_COLOUR, dash="dash") if is_nation else dict(color=next(colours)),
                connectgaps=False,
            )
        )
    # A missing year (None) is a gap in its line; the end labels name each line's last figure.
    series = {k: [(x, y) for x, y in pts if y is not None] for k, pts in series.items()}
    values = [p[1] for pts in series.values() for p in pts]
    years = {p[0] for pts in series.values() for p in pts}
    y_range = placement.padded_range(values, 0.08) if values else (0.0, 1.0)
    top, bottom = 32, 34  # plotly's toolbar above the plot (clear of the top label), the years below
    right = None
    if 0 < len(series) <= MAX_END_LABELS and values:
        right = _end_labels(fig, series, y_range, height - top - bottom)
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=right or 10, t=top, b=bottom),
        yaxis=dict(title=dict(text=wrap_title(y_title, 30)), range=list(y_range), automargin=True),
        # A fixed range: plotly widens an automatic one until the end labels fit inside the plot.
        xaxis=dict(
            dtick=_year_ticks(years) if years else 1,
            tick0=min(years) if years else 0,
            range=[min(years) - 0.3, max(years) + 0.3] if years else None,
            automargin=True,
        ),
        showlegend=right is None,
        legend=dict(orientation="h"),
    )
    return fig


def bar_figure(
    labels: list[str],
    values: list[float | None],
    *,
    y_title: str,
    texts: list[str] | None = None,
    national: float | None = None,
    national_name: str = "",
    national_text: str = "",
    lang: str = "en",
) -> go.Figure:
    """Horizontal bars comparing regions on one indicator, in the given order from the top (names beside
    the bars never collide, whatever their length); a missing value is an empty row, never zero.
    ``y_title`` is the value axis's title (the unit); ``texts`` the values as written beside the bars
    (placed clear of the national line; a missing value's text, e.g. "no data", at zero).

    ``national`` (a figure comparable with the regions', e.g. per capita or a share) adds the nation as
    a last, black bar named ``national_name`` (its value ``national_text``), and a dashed line at its
    value across the others.
    """
    names = [html.escape(x) for x in labels] + ([html.escape(national_name)] if national is not None else [])
    bars: list[go.BaseTraceType] = [
        go.Bar(
            x=values,
            y=names[: len(labels)],
            orientation="h",
            marker_color=CATEGORY_COLOURS[1],
            # Without texts of the page's own, a missing value's dash beside its empty row; with them, the
            # texts stay in the trace for the downloads and the page draws them clear of the national line.
            text=texts if texts is not None else ["" if v is not None else "—" for v in values],
            textposition="none" if texts is not None else "outside",
            hoverinfo="x+y",
            showlegend=False,
        )
    ]
    if national is not None:
        bars.append(
            go.Bar(
                x=[national],
                y=names[-1:],
                orientation="h",
                marker_color=NATIONAL_COLOUR,
                text=[national_text],
                textposition="none",
                showlegend=False,
            )
        )
    x_range = None
    if texts is not None:
        rows = [(n, v or 0.0, txt) for n, v, txt in zip(names, values, texts, strict=False)]
        rows += [(names[-1], national, national_text)] if national is not None else []
        names_px = max(placement.text_width(x, RANKING_TEXT_SIZE) for x in [*labels, national_name])
        value_labels, x_range = _ranking_values(rows, national, names_px)
        bars.append(value_labels)
    fig = go.Figure(bars)
    if national is not None:
        fig.add_vline(x=national, line=dict(color=NATIONAL_COLOUR, width=1.5, dash="dash"))
    fig.update_layout(
        height=44 * len(names) + 90,
        margin=dict(l=10, r=10, t=30, b=10),
        separators=separators(lang),
        xaxis=dict(
            title=dict(text=wrap_title(y_title, 38)),
            automargin=True,
            tickformat=AXIS_TICKS,
            range=list(x_range) if x_range else None,
        ),
        yaxis=dict(
            categoryorder="array",
            categoryarray=names,
            autorange="reversed",
            automargin=True,
            tickfont=dict(size=RANKING_TEXT_SIZE, family=placement.FONT_FAMILY),
        ),
        template="none",
    )
    return fig


FADED_OPACITY = 0.3  # charts: units outside the sector filter
# Axis numbers as the page writes them (regions.present.labels.format_number): 12,370.5 in English, 12 370,5 in
# Russian and Kazakh; never SI suffixes such as "5k".
AXIS_TICKS = ",~f"


def separators(lang: str) -> str:
    """plotly's ``layout.separators`` (decimal mark, then thousands separator) for ``lang``.

    >>> separators("en"), separators("kk")
    ('.,', ',\u202f')
    """
    return ",\u202f" if lang in ("ru", "kk") else ".,"


SYMBOLS = ["diamond", "square", "triangle-up", "star", "hexagon", "cross", "x", "pentagon"]


def wrap_label(label: str) -> str:
    """A legend label of several roles on several lines (one role per line), so a phone shows it whole.

    >>> wrap_label("Metallurgy + Border cooperation")
    'Metallurgy +<br>Border cooperation'
    """
    return html.escape(label).replace(" + ", " +<br>")


def wrap_title(title: str, width: int) -> str:
    """An axis title on lines of at most ``width`` characters (plotly never wraps one: a long title ran
    off a phone's screen), HTML-escaped; a ``<br>`` already in it stays a line break.

    >>> wrap_title("GRP per capita (computed), 2025 <prelim.><br>(thousand KZT)", 20)
    'GRP per capita<br>(computed), 2025<br>&lt;prelim.&gt;<br>(thousand KZT)'
    """
    lines = [
        line
        for part in title.split("<br>")
        for line in textwrap.wrap(part, width, break_on_hyphens=False) or [""]
    ]
    return "<br>".join(html.escape(line) for line in lines)


def _by_category(items: Sequence) -> dict[str, list]:
    groups: dict[str, list] = {}
    for it in items:
        groups.setdefault(it.category, []).append(it)
    # Units with a role first (legend order of their first appearance), "no role" last.
    return dict(sorted(groups.items(), key=lambda kv: kv[0] == ""))


# The ranking's text: its value labels and region names, in the font the placement measures.
RANKING_TEXT_SIZE = 12
PHONE_CHART_W = 358  # a 390 px phone less the page's padding: the narrowest a chart is drawn


def short_labels(codes: Sequence[str], lang: str) -> list[str]:
    """The units' names on a chart: short names ("Abai"), the full name where two short names are the
    same (Almaty, the region and the city).

    >>> short_labels(["KZ-10", "KZ-19", "KZ-75"], "en")
    ['Abai', 'Almaty Region', 'Almaty']
    """
    short = [registry.short_name(c, lang) for c in codes]
    return [s if short.count(s) == 1 else registry.name(c, lang) for s, c in zip(short, codes, strict=True)]


def chart_names(items: Sequence, lang: str) -> list[str]:
    """The names of ``items`` on a chart: :func:`short_labels` of their ISO codes; their own ``name``
    where an item has no code."""
    codes = [getattr(it, "iso_code", None) for it in items]
    return short_labels(codes, lang) if all(codes) else [it.name for it in items]


def _ranking_bars(
    items: Sequence,
    missing: Sequence,
    names: dict[int, str],
    missing_label: str,
    number: Callable[[float], str],
) -> list[go.BaseTraceType]:
    """One bar trace per role category (faded outside the filter), and one of empty rows for ``missing``.
    Their texts (kept for the downloads, :mod:`regions.present.chartexport`) are not drawn: the value
    labels on the page are a trace of their own (:func:`_ranking_values`)."""
    traces: list[go.BaseTraceType] = []
    for group in _by_category(items).values():
        traces.append(
            go.Bar(
                x=[it.value for it in group],
                y=[names[id(it)] for it in group],
                orientation="h",
                name=wrap_label(group[0].category_label),
                text=[number(it.value) for it in group],
                textposition="none",
                marker=dict(
                    color=group[0].colour,
                    opacity=[1.0 if it.in_focus else FADED_OPACITY for it in group],
                    line=dict(color="#616161", width=0.5),
                ),
                customdata=[[html.escape(it.name), html.escape(it.text)] for it in group],
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
            )
        )
    if missing:
        traces.append(
            go.Bar(
                x=[0] * len(missing),
                y=[names[id(it)] for it in missing],
                orientation="h",
                name=missing_label,
                text=[missing_label] * len(missing),
                textposition="none",
                marker=dict(color=MISSING_COLOUR),
                hoverinfo="skip",
            )
        )
    return traces


def _ranking_values(
    rows: list[tuple[str, float, str]], national: float | None, names_px: float
) -> tuple[go.Scatter, tuple[float, float]]:
    """The value labels (``(row name, value, text)``) as one text trace placed by
    :func:`regions.present.placement.bar_value_labels` clear of the national line, and the x range."""
    widths = [placement.text_width(text, RANKING_TEXT_SIZE) for _, _, text in rows]
    # The narrowest plot area: a phone's chart less the names beside the bars and the margins.
    plot_w = max(PHONE_CHART_W - names_px - 30, 120.0)
    starts, x_range = placement.bar_value_labels([v for _, v, _ in rows], widths, plot_w, line=national)
    trace = go.Scatter(
        x=starts,
        y=[name for name, _, _ in rows],
        mode="text",
        text=[html.escape(text) for _, _, text in rows],
        textposition=["middle right" if v >= 0 else "middle left" for _, v, _ in rows],
        textfont=dict(size=RANKING_TEXT_SIZE, color="#212121", family=placement.FONT_FAMILY),
        cliponaxis=False,
        hoverinfo="skip",
        showlegend=False,
    )
    return trace, x_range


def ranking_figure(
    items: Sequence,
    missing: Sequence,
    *,
    x_title: str,
    number: Callable[[float], str],
    national: float | None = None,
    national_text: str = "",
    missing_label: str = "no data",
    lang: str = "en",
) -> go.Figure:
    """Horizontal bars, highest at the top, one bar per unit in its role category's colour.

    ``items`` and ``missing`` are :class:`regions.pages.ranking.Item`; a unit without a figure keeps its
    row, labelled ``missing_label`` with no bar; ``national`` is drawn as a dashed vertical line, named
    (with ``national_text``) in the legend. Units outside the sector filter (``in_focus`` false) are
    faded. Units are named by their short names (the full name on hover); every value label lies clear
    of the national line and inside the plot, at every width down to a phone's.
    """
    everyone = [*items, *missing]
    names = {id(it): n for it, n in zip(everyone, chart_names(everyone, lang), strict=True)}
    order = [names[id(it)] for it in everyone]
    names_px = max((placement.text_width(n, RANKING_TEXT_SIZE) for n in order), default=0.0)
    rows = [(names[id(it)], it.value, number(it.value)) for it in items]
    rows += [(names[id(it)], 0.0, missing_label) for it in missing]
    values, x_range = _ranking_values(rows, national, names_px)
    fig = go.Figure([*_ranking_bars(items, missing, names, missing_label, number), values])
    if national is not None:
        fig.add_vline(x=national, line=dict(color="#212121", width=1.5, dash="dash"))
        # The line's name in the legend, with the line's own dash: nothing written across the bars.
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                name=html.escape(national_text),
                line=dict(color="#212121", width=1.5, dash="dash"),
                hoverinfo="skip",
            )
        )
    groups = _by_category(items).values()
    n_legend = sum(1 + g[0].category_label.count(" + ") for g in groups) + (1 if missing else 0)
    n_legend += 1 if national is not None else 0
    plot_h = 26 * len(order) + 20
    legend_h = 22 * n_legend + 50
    fig.update_layout(
        height=plot_h + 30 + legend_h,
        # The top margin holds plotly's toolbar, clear of the bars' labels.
        margin=dict(l=10, r=10, t=30, b=legend_h),
        barmode="overlay",
        separators=separators(lang),
        xaxis=dict(
            title=dict(text=x_title),
            zeroline=True,
            zerolinecolor="#9e9e9e",
            tickformat=AXIS_TICKS,
            range=list(x_range),
            automargin=True,
        ),
        yaxis=dict(
            categoryorder="array",
            categoryarray=order,
            autorange="reversed",
            automargin=True,
            tickfont=dict(size=RANKING_TEXT_SIZE, family=placement.FONT_FAMILY),
        ),
        legend=dict(orientation="h", yanchor="top", y=-45 / plot_h, x=0.0),
        template="none",
    )
    return fig


# The scatter's plot area: its height as drawn, and the narrowest width it gets (a 390 px phone, after the
# page's padding and the y axis); its labels are placed for that width (regions.present.placement).
SCATTER_PLOT_H = 380
SCATTER_MIN_PLOT_W = 250
SCATTER_TEXT_SIZE = 10
SCATTER_TOP = 32  # px above the plot: plotly's toolbar
SCATTER_TITLE_CHARS = 38  # an axis title's line: what a phone's plot area holds at 11 px


def _scatter_positions(
    items: Sequence, labels: list[str], national: tuple[float, float] | None, national_name: str
) -> tuple[list[str | None], tuple[float, float], tuple[float, float]]:
    """Each item's text position (``None``: no label, hover only), the national label's, and the axes'
    ranges. The nation is placed first, then the units in focus with a role, then the rest."""
    points = [(it.x, it.y) for it in items] + ([national] if national is not None else [])
    texts = labels + ([national_name] if national is not None else [])
    x_range = placement.padded_range([p[0] for p in points])
    y_range = placement.padded_range([p[1] for p in points])
    n = len(items)
    order = ([n] if national is not None else []) + sorted(
        range(n), key=lambda i: (not items[i].in_focus, items[i].category == "", i)
    )
    frame = placement.Frame(SCATTER_MIN_PLOT_W, SCATTER_PLOT_H, x_range, y_range)
    positions = placement.place_point_labels(points, texts, frame, order=order, size=SCATTER_TEXT_SIZE)
    return positions, x_range, y_range


def _national_cross(national: tuple[float, float], name: str, position: str | None) -> go.Scatter:
    """The nation on the scatter: a black cross, named at ``position`` (``None``: on hover only)."""
    return go.Scatter(
        x=[national[0]],
        y=[national[1]],
        mode="markers+text",
        name=name,
        text=[html.escape(name) if position else ""],
        textposition=position or "bottom center",
        textfont=dict(size=SCATTER_TEXT_SIZE, color="#000000", family=placement.FONT_FAMILY),
        marker=dict(color="#000000", symbol="x-thin", size=14, line=dict(width=2.5, color="#000000")),
        hovertemplate=f"<b>{html.escape(name)}</b><extra></extra>",
    )


def scatter_figure(
    items: Sequence,
    *,
    x_title: str,
    y_title: str,
    national: tuple[float, float] | None = None,
    national_name: str = "",
    lang: str = "en",
) -> go.Figure:
    """Two indicators against each other: one marker per unit, coloured and shaped by its role category
    (no role: a grey circle); the nation as a black cross; faded outside the filter. Names are written
    beside the markers where they fit without overlapping (the nation first, then the designated
    regions); every name is on hover and tap.
    """
    labels = chart_names(items, lang)
    positions, x_range, y_range = _scatter_positions(items, labels, national, national_name)
    where = {id(it): (lab, pos) for it, lab, pos in zip(items, labels, positions, strict=False)}
    traces: list[go.BaseTraceType] = []
    for i, (cat, group) in enumerate(_by_category(items).items()):
        traces.append(
            go.Scatter(
                x=[it.x for it in group],
                y=[it.y for it in group],
                mode="markers+text",
                name=wrap_label(group[0].category_label),
                # Every name in the trace (the downloads place their own), drawn only where placed.
                text=[html.escape(where[id(it)][0]) for it in group],
                texttemplate=["%{text}" if where[id(it)][1] else "" for it in group],
                textposition=[where[id(it)][1] or "top center" for it in group],
                textfont=dict(size=SCATTER_TEXT_SIZE, color="#424242", family=placement.FONT_FAMILY),
                marker=dict(
                    color=group[0].colour,
                    symbol="circle" if cat == "" else SYMBOLS[i % len(SYMBOLS)],
                    size=12,
                    opacity=[1.0 if it.in_focus else FADED_OPACITY for it in group],
                    line=dict(color="#424242", width=0.8),
                ),
                customdata=[
                    [html.escape(it.name), html.escape(it.text, quote=False).replace("&lt;br&gt;", "<br>")]
                    for it in group
                ],
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
            )
        )
    if national is not None:
        traces.append(_national_cross(national, national_name, positions[len(items)]))
    fig = go.Figure(traces)
    groups = _by_category(items).values()
    n_legend = sum(1 + g[0].category_label.count(" + ") for g in groups) + (1 if national is not None else 0)
    x_text = wrap_title(x_title, SCATTER_TITLE_CHARS)
    axis_h = 34 + 15 * (x_text.count("<br>") + 1)  # the x axis's numbers and its title's lines
    legend_h = 22 * n_legend + 10  # every entry on its own line on a phone
    fig.update_layout(
        height=SCATTER_PLOT_H + SCATTER_TOP + axis_h + legend_h,
        # The top margin holds plotly's toolbar, clear of the labels of the highest points.
        margin=dict(l=10, r=10, t=SCATTER_TOP, b=axis_h + legend_h),
        separators=separators(lang),
        xaxis=dict(
            title=dict(text=x_text, font=dict(size=11)), automargin=True, tickformat=AXIS_TICKS, range=x_range
        ),
        yaxis=dict(
            title=dict(text=wrap_title(y_title, 55), font=dict(size=11)),
            automargin=True,
            tickformat=AXIS_TICKS,
            range=y_range,
        ),
        legend=dict(orientation="h", yanchor="top", y=-axis_h / SCATTER_PLOT_H, x=0.0),
        template="none",
    )
    return fig


# ----------------------------------------------------------------------------------------------------
# The /delivery page: small multiples of a role's group, the rest and the nation; a target's progress


CARD_MIN_W = 290  # px: a /delivery card, three in a row at 1440 px (a phone's card is wider, 358)
YEAR_TICK_PX = 30  # a year's tick label at 10 px (26 px in DejaVu Sans) and the space beside it


def _address_marker(fig: go.Figure, years: Sequence[int], marker_year: int, marker_label: str) -> float:
    """A dotted vertical line at ``marker_year``, labelled above the plot; the x range's left end."""
    # A series that starts after the marked year still shows it, at the left edge.
    first = min(min(years), marker_year)
    fig.add_vline(x=marker_year, line=dict(color="#555555", width=1, dash="dot"))
    # Its label above the plot area, beside the line's top: inside the plot it covered points and, at
    # the left edge, the y axis's numbers.
    right_half = marker_year - first > (max(years) - first) / 2
    fig.add_annotation(
        x=marker_year,
        y=1,
        yref="paper",
        yanchor="bottom",
        xanchor="right" if right_half else "left",
        xshift=-2 if right_half else 2,
        text=html.escape(marker_label),
        showarrow=False,
        font=dict(size=11, color="#555555"),
    )
    return first - 0.4


def _add_lines(
    fig: go.Figure, years: Sequence[int], lines: Sequence[tuple[str, Sequence[float | None], str, str]]
) -> dict[str, list[tuple[int, float]]]:
    """Draw each ``(name, values, colour, dash)`` line (a missing value is a gap); their points by name."""
    series: dict[str, list[tuple[int, float]]] = {}
    for name, values, colour, dash in lines:
        ys = [None if v is None or (isinstance(v, float) and np.isnan(v)) else float(v) for v in values]
        series[name] = [(x, y) for x, y in zip(years, ys, strict=True) if y is not None]
        fig.add_trace(
            go.Scatter(
                x=list(years),
                y=ys,
                mode="lines+markers",
                name=name,
                line=dict(color=colour, dash=dash, width=2),
                marker=dict(size=5),
                connectgaps=False,
            )
        )
    return series


def small_multiple_figure(
    years: Sequence[int],
    lines: Sequence[tuple[str, Sequence[float | None], str, str]],
    *,
    y_title: str,
    marker_year: int | None = None,
    marker_label: str = "",
    goal: float | None = None,
    goal_label: str = "",
    lang: str = "en",
    height: int = 260,
) -> go.Figure:
    """A compact line chart: one line per ``(name, values, colour, dash)`` over ``years``.

    A missing value (``None``/NaN) is a gap, never a zero; ``marker_year`` draws a labelled vertical line
    (the address year), ``goal`` a labelled horizontal one (a target). Where every line reaches the last
    year, each is named at its end (moved apart where ends meet); otherwise a legend sits under the plot,
    so that the chart keeps its width on a phone.
    """
    fig = go.Figure()
    series = _add_lines(fig, years, lines)
    left = min(years) - 0.4 if years else None
    if marker_year is not None and years and marker_year <= max(years):
        left = _address_marker(fig, years, marker_year, marker_label)
    if goal is not None:
        fig.add_hline(
            y=goal,
            line=dict(color=CATEGORY_COLOURS[4], width=1.5, dash="dash"),
            annotation_text=goal_label,
            annotation_position="bottom right",
            annotation_font_size=11,
        )
    drawn = {k: v for k, v in series.items() if v}
    values = [y for pts in drawn.values() for _, y in pts] + ([goal] if goal is not None else [])
    right, y_range = None, None
    if drawn and len(drawn) <= MAX_END_LABELS and all(pts[-1][0] == max(years) for pts in drawn.values()):
        y_range = placement.padded_range(values, 0.08)
        right = _end_labels(fig, drawn, y_range, height - 24 - 30)
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=right or 10, t=24, b=30 if right else 10),
        # Wrapped: the plot is short, and a long unit ran past its top and bottom.
        yaxis_title=dict(text=wrap_title(y_title, 24), font=dict(size=11)),
        # As many years as fit the narrowest plot (a card of three in a row, less the y axis and the end
        # labels), so that labels never overlap: every year, every other or every third.
        xaxis=dict(
            dtick=math.ceil(len(years) / max(1, (CARD_MIN_W - 75 - (right or 10)) // YEAR_TICK_PX))
            if years
            else 1,
            tick0=min(years) if years else 0,
            tickangle=0,
            tickfont=dict(size=10),
            range=[left, max(years) + 0.4] if years else None,
        ),
        yaxis=dict(tickfont=dict(size=10), range=list(y_range) if right else None),
        showlegend=right is None,
        legend=dict(orientation="h", yanchor="top", y=-0.15, x=0, font=dict(size=11)),
        hovermode="x unified",
        dragmode=False,
        template="none",
        # Decimal and thousands separators as the page's tables write them (format_number).
        separators=", " if lang in ("ru", "kk") else ".,",
    )
    fig.update_yaxes(exponentformat="none", separatethousands=True)
    return fig
