"""Plotly charts of the regions (profile, compare, ranking, /delivery) and the map's shared vocabulary.

Pure plotly, no Streamlit. The map itself is server-drawn SVG (:mod:`regions.present.svgmap`); this module
keeps what both share: the map's categories and units (:class:`Category`, :class:`MapUnit`), its colours
and its stepped colour scale. (The plotly choropleth the map once was lives on only as the benchmark's
baseline, ``bench/plotlymap.py``.)
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

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
    "KGZ": (75.0, 41.4),
    "UZB": (63.5, 41.3),
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


def series_figure(
    series: dict[str, list[tuple[int, float]]], *, y_title: str, height: int = 320
) -> go.Figure:
    """Line chart of one indicator over the years, one line per named series (missing years are gaps)."""
    fig = go.Figure()
    for i, (label, points) in enumerate(series.items()):
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                name=label,
                line=dict(color=CATEGORY_COLOURS[i % len(CATEGORY_COLOURS)]),
                connectgaps=False,
            )
        )
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=10, b=10),
        yaxis_title=y_title,
        xaxis=dict(dtick=1),
        legend=dict(orientation="h"),
    )
    return fig


def bar_figure(
    labels: list[str], values: list[float | None], *, y_title: str, height: int = 320
) -> go.Figure:
    """Bar chart comparing regions on one indicator; a missing value shows as an empty slot, not zero."""
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=[v if v is not None else None for v in values],
            marker_color=CATEGORY_COLOURS[1],
            text=["" if v is not None else "—" for v in values],
            textposition="outside",
        )
    )
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=10, b=10), yaxis_title=y_title)
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


def _by_category(items: Sequence) -> dict[str, list]:
    groups: dict[str, list] = {}
    for it in items:
        groups.setdefault(it.category, []).append(it)
    # Units with a role first (legend order of their first appearance), "no role" last.
    return dict(sorted(groups.items(), key=lambda kv: kv[0] == ""))


def _ranking_bars(
    items: Sequence, missing: Sequence, number: Callable[[float], str], missing_label: str
) -> list[go.BaseTraceType]:
    """One bar trace per role category (faded outside the filter), and one of empty rows for ``missing``."""
    traces: list[go.BaseTraceType] = []
    for group in _by_category(items).values():
        traces.append(
            go.Bar(
                x=[it.value for it in group],
                y=[it.name for it in group],
                orientation="h",
                name=wrap_label(group[0].category_label),
                marker=dict(
                    color=group[0].colour,
                    opacity=[1.0 if it.in_focus else FADED_OPACITY for it in group],
                    line=dict(color="#616161", width=0.5),
                ),
                text=[number(it.value) for it in group],
                textposition="outside",
                cliponaxis=False,
                customdata=[[html.escape(it.name), html.escape(it.text)] for it in group],
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
            )
        )
    if missing:
        traces.append(
            go.Bar(
                x=[0] * len(missing),
                y=[it.name for it in missing],
                orientation="h",
                name=missing_label,
                marker=dict(color=MISSING_COLOUR),
                text=[missing_label] * len(missing),
                textposition="outside",
                cliponaxis=False,
                hoverinfo="skip",
            )
        )
    return traces


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
    row, labelled ``missing_label`` with no bar; ``national`` is drawn as a dashed vertical line. Units
    outside the sector filter (``in_focus`` false) are faded.
    """
    order = [it.name for it in items] + [it.name for it in missing]
    fig = go.Figure(_ranking_bars(items, missing, number, missing_label))
    if national is not None:
        fig.add_vline(x=national, line=dict(color="#212121", width=1.5, dash="dash"))
        fig.add_annotation(
            x=national,
            y=1.0,
            yref="paper",
            yanchor="bottom",
            text=html.escape(national_text),
            showarrow=False,
            font=dict(size=12, color="#212121"),
        )
    values = [it.value for it in items] + ([national] if national is not None else [])
    lo, hi = (min(0.0, *values), max(0.0, *values)) if values else (0.0, 1.0)
    pad = (hi - lo) * 0.22 or 1.0  # room for the value labels outside the bars
    groups = _by_category(items).values()
    n_legend = sum(1 + g[0].category_label.count(" + ") for g in groups) + (1 if missing else 0)
    plot_h = 26 * len(order) + 20
    legend_h = 22 * n_legend + 50
    fig.update_layout(
        height=plot_h + 30 + legend_h,
        margin=dict(l=10, r=10, t=30, b=legend_h),
        barmode="overlay",
        separators=separators(lang),
        xaxis=dict(
            title=dict(text=x_title),
            zeroline=True,
            zerolinecolor="#9e9e9e",
            tickformat=AXIS_TICKS,
            range=[lo - (pad if lo < 0 else 0), hi + (pad if hi > 0 else 0)],
        ),
        yaxis=dict(categoryorder="array", categoryarray=order, autorange="reversed", automargin=True),
        legend=dict(orientation="h", yanchor="top", y=-45 / plot_h, x=0.0),
        template="none",
    )
    return fig


def scatter_figure(
    items: Sequence,
    *,
    x_title: str,
    y_title: str,
    national: tuple[float, float] | None = None,
    national_name: str = "",
    height: int = 520,
    lang: str = "en",
) -> go.Figure:
    """Two indicators against each other: one marker per unit, labelled with its name, coloured and shaped
    by its role category (no role: a grey circle); the nation as a black cross; faded outside the filter.
    """
    traces: list[go.BaseTraceType] = []
    for i, (cat, group) in enumerate(_by_category(items).items()):
        traces.append(
            go.Scatter(
                x=[it.x for it in group],
                y=[it.y for it in group],
                mode="markers+text",
                name=wrap_label(group[0].category_label),
                text=[html.escape(it.name) for it in group],
                textposition="top center",
                textfont=dict(size=10, color="#424242"),
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
        traces.append(
            go.Scatter(
                x=[national[0]],
                y=[national[1]],
                mode="markers+text",
                name=national_name,
                text=[html.escape(national_name)],
                textposition="bottom center",
                marker=dict(color="#000000", symbol="x-thin", size=14, line=dict(width=2.5, color="#000000")),
                hovertemplate=f"<b>{html.escape(national_name)}</b><extra></extra>",
            )
        )
    fig = go.Figure(traces)
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=10, b=10),
        separators=separators(lang),
        xaxis=dict(title=dict(text=x_title, font=dict(size=11)), automargin=True, tickformat=AXIS_TICKS),
        yaxis=dict(title=dict(text=y_title, font=dict(size=11)), automargin=True, tickformat=AXIS_TICKS),
        legend=dict(orientation="h", yanchor="top", y=-0.2, x=0.0),
        template="none",
    )
    return fig


# ----------------------------------------------------------------------------------------------------
# The /delivery page: small multiples of a role's group, the rest and the nation; a target's progress


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
    (the address year), ``goal`` a labelled horizontal one (a target). The legend sits under the plot, so
    that the chart keeps its width on a phone.
    """
    fig = go.Figure()
    for name, values, colour, dash in lines:
        ys = [None if v is None or (isinstance(v, float) and np.isnan(v)) else float(v) for v in values]
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
    if marker_year is not None and years and marker_year <= max(years):
        # A series that starts after the marked year still shows it, at the left edge.
        first = min(min(years), marker_year)
        fig.update_xaxes(range=[first - 0.4, max(years) + 0.4])
        fig.add_vline(
            x=marker_year,
            line=dict(color="#555555", width=1, dash="dot"),
            annotation_text=marker_label,
            annotation_position="top right" if marker_year < min(years) else "top left",
            annotation_font_size=11,
        )
    if goal is not None:
        fig.add_hline(
            y=goal,
            line=dict(color=CATEGORY_COLOURS[4], width=1.5, dash="dash"),
            annotation_text=goal_label,
            annotation_position="bottom right",
            annotation_font_size=11,
        )
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=10, t=24, b=10),
        yaxis_title=dict(text=y_title, font=dict(size=11)),
        # Every year while they fit; every other year beyond seven, so that labels never overlap.
        xaxis=dict(dtick=1 if len(years) <= 7 else 2, tickangle=0, tickfont=dict(size=10)),
        yaxis=dict(tickfont=dict(size=10)),
        legend=dict(orientation="h", yanchor="top", y=-0.15, x=0, font=dict(size=11)),
        hovermode="x unified",
        dragmode=False,
        template="none",
        # Decimal and thousands separators as the page's tables write them (format_number).
        separators=", " if lang in ("ru", "kk") else ".,",
    )
    fig.update_yaxes(exponentformat="none", separatethousands=True)
    return fig
