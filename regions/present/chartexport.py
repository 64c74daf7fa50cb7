"""Every plotly chart of the app as a picture to download (SVG and PNG) with its title, subtitle, source
line and date drawn in, as the map's export (:mod:`regions.present.svgexport`) does.

One code path for every chart: :func:`from_figure` reads the project's plotly figures
(:mod:`regions.present.figures`: traces' x/y/text/orientation/name/line.dash, the dashed reference lines
and their annotations) into a small :class:`ChartSpec`; :func:`layout` turns a spec and its
:class:`~regions.present.svgexport.Caption` into drawing operations (boxes, paths, dots, texts), which
:func:`export_svg` writes as SVG text and :func:`export_png` draws with Pillow in the vendored DejaVu Sans
(it covers Russian and Kazakh letters). The picture is the chart's content redrawn, not a screenshot of
plotly: no browser, no plotly.js, no network.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import numpy as np

from regions.present.labels import format_number
from regions.present.svgexport import PAD, SOURCE_FONT, SUB_FONT, TITLE_FONT, Caption, _blend, _hex
from regions.present.svgmap import FONT_FAMILY, FONT_PATH, _num, plain, source_text, text_width, wrap

WIDTH = 800  # px of the picture (the PNG is drawn at twice this)
FONT = 12  # tick, category and value labels
SMALL = 11
INK, MUTED, GRID, AXIS = "#212121", "#616161", "#e6e6e6", "#9e9e9e"
ROW = 22  # a horizontal bar's row


@dataclass(frozen=True)
class Series:
    """One trace: ``kind`` is ``"bar"``, ``"line"`` or ``"scatter"``; ``labels`` one text per point."""

    kind: str
    name: str
    x: tuple
    y: tuple
    labels: tuple[str, ...] = ()
    colour: str = "#0072B2"
    dash: str = "solid"
    horizontal: bool = False
    opacity: tuple[float, ...] = ()
    symbol: str = "circle"


@dataclass(frozen=True)
class RefLine:
    """A reference line: ``axis`` ``"x"`` is vertical at x = ``value``, ``"y"`` horizontal at y = ``value``."""

    axis: str
    value: float
    label: str = ""
    dash: str = "dash"
    colour: str = INK


@dataclass(frozen=True)
class ChartSpec:
    """What a chart shows, independent of plotly."""

    series: tuple[Series, ...]
    refs: tuple[RefLine, ...] = ()
    x_title: str = ""
    y_title: str = ""
    categories: tuple[str, ...] = ()  # bar charts: the categories in order (top down / left to right)
    lang: str = "en"
    decimals: int | None = None  # value labels the figure does not write: the indicator's decimals if known


# Drawing operations, in picture coordinates (px, y down)
@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    fill: str
    opacity: float = 1.0


@dataclass(frozen=True)
class Path:
    points: tuple[tuple[float, float], ...]
    colour: str
    width: float = 1.0
    dash: str = "solid"


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    fill: str
    opacity: float = 1.0
    symbol: str = "circle"


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float = FONT
    colour: str = INK
    anchor: str = "start"  # "start", "middle" or "end"
    bold: bool = False
    halo: bool = False  # a white outline, so that a line crossing the text does not cut it


@dataclass
class Picture:
    """A laid-out picture: its size and its operations in drawing order."""

    width: float
    height: float
    ops: list = field(default_factory=list)
    title: str = ""
    source: str = ""


# --------------------------------------------------------------------------------------------------
# From plotly


def _values(v) -> list:
    """A trace's x or y as a list (plotly JSON stores numpy arrays as ``{"dtype", "bdata"}``)."""
    if v is None:
        return []
    if isinstance(v, dict) and "bdata" in v:
        arr = np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"]))
        if "shape" in v:
            arr = arr.reshape([int(s) for s in str(v["shape"]).split(",")])
        return arr.tolist()
    if isinstance(v, (str, bytes)):
        return [v]
    return list(np.asarray(v, dtype=object).tolist()) if isinstance(v, np.ndarray) else list(v)


def _number(v) -> float | None:
    """A plotted value as a float; a missing one (None, NaN, not a number) as ``None``."""
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


def _one_line(text) -> str:
    return " ".join(plain(str(text or "")).split())


def _colour(tr) -> str:
    """A trace's colour as ``#rrggbb`` (marker, else line; plotly's default blue if it has none)."""
    for c in (getattr(tr.marker, "color", None), getattr(getattr(tr, "line", None), "color", None)):
        if isinstance(c, str):
            from regions.present.svgmap import _rgb_hex

            return _rgb_hex(c)
    return "#1f77b4"


def _series(tr) -> Series | None:
    """One plotly trace as a :class:`Series` (``None`` for a trace type the app does not draw)."""
    xs, ys = _values(tr.x), _values(tr.y)
    text = tr.text
    n = max(len(xs), len(ys))
    labels = [_one_line(s) for s in text] if isinstance(text, (list, tuple)) else [_one_line(text)] * n
    opacity = getattr(tr.marker, "opacity", None)
    alphas = tuple(float(a) for a in opacity) if isinstance(opacity, (list, tuple)) else ()
    common = dict(name=_one_line(tr.name), labels=tuple(labels), colour=_colour(tr), opacity=alphas)
    if tr.type == "bar":
        h = tr.orientation == "h"
        return Series("bar", x=tuple(xs), y=tuple(ys), horizontal=h, **common)
    if tr.type == "scatter":
        mode = tr.mode or "lines+markers"
        if mode == "text" or not any(_number(v) is not None for v in xs):
            # The page's own value labels (the export writes its own) or a legend entry with no point.
            return None
        dash = (getattr(tr.line, "dash", None) or "solid") if "lines" in mode else "solid"
        symbol = str(getattr(tr.marker, "symbol", None) or "circle")
        kind = "line" if "lines" in mode else "scatter"
        return Series(kind, x=tuple(xs), y=tuple(ys), dash=dash, symbol=symbol, **common)
    return None


def _legend_only(fig) -> list:
    """The figure's line traces without a point: legend entries naming something drawn otherwise."""
    return [
        tr
        for tr in fig.data
        if tr.type == "scatter"
        and tr.mode == "lines"
        and not any(_number(v) is not None for v in _values(tr.x))
    ]


def _refs(fig) -> list[RefLine]:
    """The figure's straight reference lines (``add_vline``/``add_hline``) with the annotation at each."""
    notes = list(fig.layout.annotations or ())
    out: list[RefLine] = []
    for sh in fig.layout.shapes or ():
        if sh.type != "line":
            continue
        if sh.x0 == sh.x1 and str(sh.xref or "x") == "x":
            axis, value = "x", sh.x0
        elif sh.y0 == sh.y1 and str(sh.yref or "y") == "y":
            axis, value = "y", sh.y0
        else:
            continue
        label = next((_one_line(a.text) for a in notes if getattr(a, axis) == value and a.text), "")
        dash = (sh.line.dash if sh.line else None) or "solid"
        # A line named in the legend instead (/ranking's national line): the legend entry of its dash.
        label = label or next((_one_line(tr.name) for tr in _legend_only(fig) if tr.line.dash == dash), "")
        colour = sh.line.color if sh.line and isinstance(sh.line.color, str) else INK
        out.append(RefLine(axis, float(value), label, dash, colour if colour.startswith("#") else INK))
    return out


def from_figure(fig, lang: str = "en", decimals: int | None = None) -> ChartSpec:
    """The :class:`ChartSpec` of a plotly figure of :mod:`regions.present.figures`; ``decimals``: those of
    the value labels the figure does not write itself (default: as many as the series' values need)."""
    series = tuple(s for s in (_series(tr) for tr in fig.data) if s is not None)
    lay = fig.layout
    cat_axis = lay.yaxis if any(s.horizontal for s in series) else lay.xaxis
    order = tuple(str(c) for c in (cat_axis.categoryarray or ()))
    return ChartSpec(
        series=series,
        refs=tuple(_refs(fig)),
        x_title=_one_line(lay.xaxis.title.text if lay.xaxis.title else ""),
        y_title=_one_line(lay.yaxis.title.text if lay.yaxis.title else ""),
        categories=order,
        lang=lang,
        decimals=decimals,
    )


# --------------------------------------------------------------------------------------------------
# Layout


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round tick values covering ``[lo, hi]`` (steps of 1, 2, 2.5 or 5 times a power of ten).

    >>> nice_ticks(0, 23)
    [0.0, 5.0, 10.0, 15.0, 20.0, 25.0]
    """
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / max(n, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    k = 0
    while start + k * step <= hi + step * 1e-9 or len(ticks) < 2:
        ticks.append(round(start + k * step, 10))
        k += 1
    if ticks[-1] < hi:
        ticks.append(round(start + k * step, 10))
    return [float(t) for t in ticks]


def _decimals(step: float) -> int:
    return 0 if step >= 1 else min(3, int(math.ceil(-math.log10(step) - 1e-9)))


def _tick_text(v: float, ticks: Sequence[float], lang: str) -> str:
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    return format_number(v, _decimals(abs(step)), lang)


def places(values: Sequence[float | None]) -> int:
    """The decimals that show every one of ``values`` exactly (at most 2): one count for a whole series.

    >>> places([12370.0, 4625.2, None])
    1
    """
    need = 0
    for v in values:
        if v is not None:
            need = max(need, next((d for d in range(3) if abs(round(v, d) - v) < 1e-9), 2))
    return need


def _value_text(v: float, lang: str, decimals: int | None = None) -> str:
    """A value label when the figure gives none, with ``decimals`` (default: as many as ``v`` needs)."""
    return format_number(v, places([v]) if decimals is None else decimals, lang)


def _fit(text: str, width: float, size: float = FONT) -> str:
    """``text`` cut with an ellipsis to at most ``width`` px."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def _caption_ops(c: Caption, width: float) -> tuple[list, float]:
    """Title and subtitle at the top; the operations and the y below them."""
    ops: list = []
    y = PAD
    for line in wrap(c.title, width - 2 * PAD, TITLE_FONT):
        y += TITLE_FONT + 6
        ops.append(Text(PAD, y - 5, line, TITLE_FONT, INK, bold=True))
    for line in wrap(c.subtitle, width - 2 * PAD, SUB_FONT) if c.subtitle else []:
        y += SUB_FONT + 6
        ops.append(Text(PAD, y - 5, line, SUB_FONT, "#424242"))
    return ops, y + 10


def _footer_ops(c: Caption, width: float, y: float) -> tuple[list, float]:
    ops: list = []
    lines = wrap(source_text(c.source), width - 2 * PAD, SOURCE_FONT) + [f"{c.date_label}: {c.date}"]
    for line in lines:
        y += SOURCE_FONT + 5
        ops.append(Text(PAD, y - 4, line, SOURCE_FONT, MUTED))
    return ops, y + PAD


def _legend_ops(spec: ChartSpec, x0: float, y: float, width: float) -> tuple[list, float]:
    """Swatches with names for bar and scatter charts of several named series (lines carry end labels)."""
    named = [s for s in spec.series if s.name and s.kind != "line"]
    if len(named) < 2:
        return [], y
    ops: list = []
    x, y = x0, y + 6
    for s in named:
        w = 12 + 6 + text_width(s.name, SMALL) + 16
        if x > x0 and x + w > x0 + width:
            x, y = x0, y + 18
        ops.append(Box(x, y, 12, 12, s.colour))
        ops.append(Text(x + 18, y + 10, s.name, SMALL, INK))
        x += w
    return ops, y + 22


def _y_title_ops(spec: ChartSpec, x0: float, y: float, width: float, title: str) -> tuple[list, float]:
    """The value axis's title as a line above the plot (never rotated: it reads as the unit)."""
    if not title:
        return [], y
    return [Text(x0, y + SMALL, _fit(title, width, SMALL), SMALL, MUTED)], y + SMALL + 8


def layout(spec: ChartSpec, c: Caption, width: float = WIDTH) -> Picture:
    """The whole picture: caption, plot (bars, lines or scatter), legend, source line and date."""
    ops, y = _caption_ops(c, width)
    x0, inner = PAD, width - 2 * PAD
    if any(s.kind == "bar" and s.horizontal for s in spec.series):
        plot, y = _hbars(spec, x0, y, inner)
    elif any(s.kind == "bar" for s in spec.series):
        plot, y = _vbars(spec, x0, y, inner)
    else:
        plot, y = _xy(spec, x0, y, inner)
    # Labels with a halo go last: reference lines and other series pass under them, never through them.
    ops += sorted(plot, key=lambda op: isinstance(op, Text) and op.halo)
    legend, y = _legend_ops(spec, x0, y, inner)
    ops += legend
    foot, y = _footer_ops(c, width, y + 4)
    ops += foot
    return Picture(width, math.ceil(y), ops, c.title, source_text(c.source))


def _categories(spec: ChartSpec, horizontal: bool) -> list[str]:
    seen: list[str] = list(spec.categories)
    for s in spec.series:
        for cat in s.y if horizontal else s.x:
            if str(cat) not in seen:
                seen.append(str(cat))
    return seen


def _bars(spec: ChartSpec, horizontal: bool):
    """Every bar as (category, value or None, label, colour, opacity)."""
    out = []
    for s in spec.series:
        if s.kind != "bar":
            continue
        cats, vals = (s.y, s.x) if horizontal else (s.x, s.y)
        # One count of decimals for the whole series: the indicator's, else as many as its values need.
        decimals = spec.decimals if spec.decimals is not None else places([_number(v) for v in vals])
        for i, (cat, v) in enumerate(zip(cats, vals, strict=False)):
            value = _number(v)
            label = s.labels[i] if i < len(s.labels) and s.labels[i] else ""
            if not label and value is not None:
                label = _value_text(value, spec.lang, decimals)
            alpha = s.opacity[i] if i < len(s.opacity) else 1.0
            out.append((str(cat), value, label, s.colour, alpha))
    return out


def _range(values: Sequence[float], refs: Sequence[float], zero: bool) -> tuple[list[float], float, float]:
    vals = [v for v in [*values, *refs] if v is not None]
    lo, hi = (min(vals), max(vals)) if vals else (0.0, 1.0)
    if zero:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    elif lo == hi:
        lo, hi = lo - 1, hi + 1
    else:
        pad = (hi - lo) * 0.05
        lo, hi = lo - pad, hi + pad
    ticks = nice_ticks(lo, hi)
    return ticks, ticks[0], ticks[-1]


def _ref_ops(spec: ChartSpec, sx, sy, box: tuple[float, float, float, float]) -> list:
    """Dashed reference lines over the plot, each labelled at its top (vertical) or right end."""
    left, top, right, bottom = box
    ops: list = []
    for r in spec.refs:
        if r.axis == "x" and sx is not None:
            x = sx(r.value)
            ops.append(Path(((x, top), (x, bottom)), r.colour, 1.5, r.dash))
            if r.label:
                anchor = "end" if x > (left + right) / 2 else "start"
                ops.append(
                    Text(x + (-4 if anchor == "end" else 4), top - 4, r.label, SMALL, r.colour, anchor)
                )
        elif r.axis == "y" and sy is not None:
            y = sy(r.value)
            ops.append(Path(((left, y), (right, y)), r.colour, 1.5, r.dash))
            if r.label:
                ops.append(Text(right - 2, y - 4, r.label, SMALL, r.colour, "end"))
    return ops


def _hbars(spec: ChartSpec, x0: float, y: float, width: float) -> tuple[list, float]:
    """Horizontal bars, one row per category, value labels past the bar ends, the value axis below."""
    cats = _categories(spec, True)
    bars = _bars(spec, True)
    ops, y = _y_title_ops(spec, x0, y, width, "")
    name_w = min(max((text_width(c, FONT) for c in cats), default=0) + 8, width * 0.38)
    label_w = max((text_width(b[2], FONT) for b in bars), default=0) + 8
    ref_vals = [r.value for r in spec.refs if r.axis == "x"]
    ticks, lo, hi = _range([b[1] for b in bars if b[1] is not None], ref_vals, zero=True)
    left = x0 + name_w
    right = x0 + width - label_w
    top = y + (SMALL + 8 if any(r.label for r in spec.refs) else 4)
    bottom = top + ROW * len(cats)

    def sx(v: float) -> float:
        return left + (v - lo) / (hi - lo) * (right - left)

    for t in ticks:
        ops.append(Path(((sx(t), top), (sx(t), bottom)), GRID, 1))
        ops.append(Text(sx(t), bottom + 14, _tick_text(t, ticks, spec.lang), SMALL, MUTED, "middle"))
    row_of = {c: i for i, c in enumerate(cats)}
    for cat, value, label, colour, alpha in bars:
        cy = top + ROW * row_of[cat]
        ops.append(Text(left - 6, cy + ROW / 2 + 4, _fit(cat, name_w - 8), FONT, INK, "end"))
        end = sx(value) if value is not None else sx(0)
        if value:  # a zero or missing figure draws no bar (its label says which)
            a, b = sorted((sx(0), end))
            ops.append(Box(a, cy + 3, max(b - a, 0.5), ROW - 6, colour, alpha))
        if label:
            neg = value is not None and value < 0
            ops.append(
                Text(
                    end + (-4 if neg else 4),
                    cy + ROW / 2 + 4,
                    label,
                    FONT,
                    INK,
                    "end" if neg else "start",
                    halo=True,
                )
            )
    ops.append(Path(((sx(0), top), (sx(0), bottom)), AXIS, 1))
    ops += _ref_ops(spec, sx, None, (left, top, right, bottom))
    y = bottom + 20
    if spec.x_title:
        ops.append(Text((left + right) / 2, y + 12, _fit(spec.x_title, width, SMALL), SMALL, MUTED, "middle"))
        y += 18
    return ops, y


def _vbars(spec: ChartSpec, x0: float, y: float, width: float) -> tuple[list, float]:
    """Vertical bars, value labels above, category names wrapped under each bar, the unit above the plot."""
    cats = _categories(spec, False)
    bars = _bars(spec, False)
    ops, y = _y_title_ops(spec, x0, y, width, spec.y_title)
    ref_vals = [r.value for r in spec.refs if r.axis == "y"]
    ticks, lo, hi = _range([b[1] for b in bars if b[1] is not None], ref_vals, zero=True)
    tick_w = max(text_width(_tick_text(t, ticks, spec.lang), SMALL) for t in ticks) + 8
    left, right = x0 + tick_w, x0 + width
    top, bottom = y + FONT + 8, y + FONT + 8 + 260
    slot = (right - left) / max(len(cats), 1)

    def sy(v: float) -> float:
        return bottom - (v - lo) / (hi - lo) * (bottom - top)

    for t in ticks:
        ops.append(Path(((left, sy(t)), (right, sy(t))), GRID, 1))
        ops.append(Text(left - 6, sy(t) + 4, _tick_text(t, ticks, spec.lang), SMALL, MUTED, "end"))
    col_of = {c: i for i, c in enumerate(cats)}
    for cat, value, label, colour, alpha in bars:
        cx = left + slot * (col_of[cat] + 0.5)
        end = sy(value) if value is not None else sy(0)
        if value:  # a zero or missing figure draws no bar (its label says which)
            a, b = sorted((sy(0), end))
            ops.append(Box(cx - slot * 0.3, a, slot * 0.6, max(b - a, 0.5), colour, alpha))
        if label:
            y_label = end - 5 if (value or 0) >= 0 else end + FONT + 3
            ops.append(Text(cx, y_label, label, FONT, INK, "middle", halo=True))
    names_h = 0
    for cat in cats:
        lines = wrap(cat, slot - 6, SMALL)[:3]
        cx = left + slot * (col_of[cat] + 0.5)
        for k, line in enumerate(lines):
            ops.append(Text(cx, bottom + 16 + k * 14, _fit(line, slot - 4, SMALL), SMALL, INK, "middle"))
        names_h = max(names_h, 14 * len(lines))
    ops.append(Path(((left, sy(0)), (right, sy(0))), AXIS, 1))
    ops += _ref_ops(spec, None, sy, (left, top, right, bottom))
    return ops, bottom + names_h + 12


def _xy_scales(spec: ChartSpec, x0: float, y: float, width: float):
    """Axis ticks and the plot box of a line or scatter chart (end labels need room on the right)."""
    xs = [v for s in spec.series for v in map(_number, s.x) if v is not None]
    ys = [v for s in spec.series for v in map(_number, s.y) if v is not None]
    xticks, xlo, xhi = _range(xs, [r.value for r in spec.refs if r.axis == "x"], zero=False)
    lines = [s for s in spec.series if s.kind == "line"]
    if lines and all(float(v).is_integer() for v in xs):  # years: every year at the edges, no padding
        xlo, xhi = min(xs + [r.value for r in spec.refs if r.axis == "x"]), max(xs)
        step = 1 if xhi - xlo <= 8 else 2
        xticks = [float(v) for v in range(int(xlo), int(xhi) + 1, step)]
        xlo, xhi = xlo - 0.3, xhi + 0.3
    yticks, ylo, yhi = _range(ys, [r.value for r in spec.refs if r.axis == "y"], zero=False)
    tick_w = max(text_width(_tick_text(t, yticks, spec.lang), SMALL) for t in yticks) + 8
    end_w = max((text_width(_end_label(s, spec.lang, spec.decimals), SMALL) for s in lines), default=0)
    end_w = min(end_w + 10, width * 0.35) if lines else 12
    box = (x0 + tick_w, y + FONT + 8, x0 + width - end_w, y + FONT + 8 + 300)
    return xticks, (xlo, xhi), yticks, (ylo, yhi), box


def _end_label(s: Series, lang: str, decimals: int | None = None) -> str:
    """A line's end label: its name and its last value (with ``decimals``, else those its values need)."""
    ys = [_number(v) for v in s.y]
    last = next((v for v in reversed(ys) if v is not None), None)
    d = places(ys) if decimals is None else decimals
    return f"{s.name}: {_value_text(last, lang, d)}" if last is not None and s.name else s.name


def _xy(spec: ChartSpec, x0: float, y: float, width: float) -> tuple[list, float]:
    """Lines (with end labels instead of a legend) and scatter points (labelled), grid and ticks."""
    ops, y = _y_title_ops(spec, x0, y, width, spec.y_title)
    xticks, (xlo, xhi), yticks, (ylo, yhi), (left, top, right, bottom) = _xy_scales(spec, x0, y, width)

    def sx(v: float) -> float:
        return left + (v - xlo) / (xhi - xlo) * (right - left)

    def sy(v: float) -> float:
        return bottom - (v - ylo) / (yhi - ylo) * (bottom - top)

    for t in yticks:
        ops.append(Path(((left, sy(t)), (right, sy(t))), GRID, 1))
        ops.append(Text(left - 6, sy(t) + 4, _tick_text(t, yticks, spec.lang), SMALL, MUTED, "end"))
    is_years = xticks and all(t.is_integer() and 1900 < t < 2100 for t in xticks)
    for t in xticks:
        text = str(int(t)) if is_years else _tick_text(t, xticks, spec.lang)
        ops.append(Text(sx(t), bottom + 16, text, SMALL, MUTED, "middle"))
    ops.append(Path(((left, bottom), (right, bottom)), AXIS, 1))
    ops += _ref_ops(spec, sx, sy, (left, top, right, bottom))
    ends: list[tuple[float, str, str]] = []
    labelled: list[tuple[float, float, str]] = []
    for s in spec.series:
        pts = [(_number(a), _number(b)) for a, b in zip(s.x, s.y, strict=False)]
        ops += _series_ops(s, pts, sx, sy)
        if s.kind == "scatter":
            labelled += [(sx(a), sy(b), lab) for (a, b), lab in zip(pts, s.labels, strict=False)
                         if a is not None and b is not None and lab]  # fmt: skip
        done = [(a, b) for a, b in pts if a is not None and b is not None]
        if s.kind == "line" and done:
            ends.append((sy(done[-1][1]), _end_label(s, spec.lang, spec.decimals), s.colour))
    ops += _end_label_ops(ends, right + 6, x0 + width - right - 6)
    ops += place_labels(labelled, (left, top, right, bottom))
    y = bottom + 24
    if spec.x_title:
        ops.append(Text((left + right) / 2, y + 10, _fit(spec.x_title, width, SMALL), SMALL, MUTED, "middle"))
        y += 18
    return ops, y


def _series_ops(s: Series, pts, sx, sy) -> list:
    """A line (broken at missing values) with its markers, or labelled scatter points."""
    ops: list = []
    if s.kind == "line":
        run: list[tuple[float, float]] = []
        for a, b in [*pts, (None, None)]:
            if a is None or b is None:
                if len(run) > 1:
                    ops.append(Path(tuple(run), s.colour, 2, s.dash))
                run = []
            else:
                run.append((sx(a), sy(b)))
    for i, (a, b) in enumerate(pts):
        if a is None or b is None:
            continue
        alpha = s.opacity[i] if i < len(s.opacity) else 1.0
        r = 2.5 if s.kind == "line" else 5
        ops.append(Dot(sx(a), sy(b), r, s.colour, alpha, "x" if s.symbol.startswith("x") else "circle"))
    return ops


# Where a point's label may go, in order of preference: (dx, dy of the baseline, anchor).
_SPOTS = ((0, -8, "middle"), (0, 16, "middle"), (8, 4, "start"), (-8, 4, "end"),
          (6, -7, "start"), (-6, -7, "end"), (6, 15, "start"), (-6, 15, "end"),
          (0, -20, "middle"), (0, 28, "middle"), (0, -32, "middle"), (0, 40, "middle"),
          (0, -44, "middle"), (0, 52, "middle"), (0, -56, "middle"), (0, 64, "middle"))  # fmt: skip
FAR = 18  # a label further than this from its point gets a thin leader line to it
LABEL_FONT = 10


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def place_labels(points: list[tuple[float, float, str]], box: tuple[float, float, float, float]) -> list:
    """Labels of scatter points placed where they overlap no other label and no point, inside ``box``
    (left, top, right, bottom): each takes the first free spot around its point (else the least covered).
    """
    taken = [(x - 6, y - 6, x + 6, y + 6) for x, y, _ in points]  # the markers themselves
    ops: list = []
    for x, y, label in sorted(points, key=lambda p: (p[1], p[0])):
        w = text_width(label, LABEL_FONT)
        best, best_cost, best_dy = None, None, 0
        for dx, dy, anchor in _SPOTS:
            x0 = x + dx - (w / 2 if anchor == "middle" else w if anchor == "end" else 0)
            x0 = min(max(x0, box[0]), box[2] - w)  # never cut by the plot's edges
            rect = (x0, y + dy - LABEL_FONT, x0 + w, y + dy + 3)
            outside = 1e6 if rect[1] < box[1] - 14 or rect[3] > box[3] else 0.0
            far = 1.0 if abs(dy) > FAR else 0.0  # a near spot wins over a far one when both are free
            cost = outside + far + sum(_overlap(rect, t) for t in taken)  # its own marker included
            if best_cost is None or cost < best_cost:
                best, best_cost, best_dy = rect, cost, dy
            if cost == 0:
                break
        taken.append(best)
        if abs(best_dy) > FAR:  # a leader from the point to the label's edge nearest to it
            edge = best[3] if best_dy < 0 else best[1]
            ops.append(Path(((x, y + (-6 if best_dy < 0 else 6)), (x, edge)), "#9e9e9e", 0.8))
        ops.append(Text(best[0], best[3] - 3, label, LABEL_FONT, "#424242", "start", halo=True))
    return ops


def _end_label_ops(ends: list[tuple[float, str, str]], x: float, room: float) -> list:
    """Line-end labels at their last points, pushed apart so that none overlaps another, each cut to the
    ``room`` (px) right of the plot."""
    ops: list = []
    last = -1e9
    for y, text, colour in sorted(ends):
        y = max(y, last + 14)
        last = y
        ops.append(Text(x, y + 4, _fit(text, room, SMALL), SMALL, colour))
    return ops


# --------------------------------------------------------------------------------------------------
# SVG and PNG


_ANCHOR_SVG = {"start": "start", "middle": "middle", "end": "end"}
_DASH_SVG = {"dash": "6 4", "dot": "2 3", "dashdot": "6 3 2 3", "longdash": "10 4"}


def _svg_op(op) -> str:
    if isinstance(op, Box):
        alpha = f' fill-opacity="{op.opacity:g}"' if op.opacity < 1 else ""
        return (
            f'<rect x="{_num(op.x)}" y="{_num(op.y)}" width="{_num(op.w)}" height="{_num(op.h)}" '
            f'fill="{op.fill}"{alpha}/>'
        )
    if isinstance(op, Path):
        d = " ".join(f"{_num(x)},{_num(y)}" for x, y in op.points)
        dash = f' stroke-dasharray="{_DASH_SVG[op.dash]}"' if op.dash in _DASH_SVG else ""
        return f'<polyline points="{d}" fill="none" stroke="{op.colour}" stroke-width="{op.width:g}"{dash}/>'
    if isinstance(op, Dot):
        if op.symbol == "x":
            r = op.r
            return (
                f'<path d="M{_num(op.x - r)},{_num(op.y - r)}L{_num(op.x + r)},{_num(op.y + r)}'
                f'M{_num(op.x - r)},{_num(op.y + r)}L{_num(op.x + r)},{_num(op.y - r)}" '
                f'stroke="{op.fill}" stroke-width="2.5"/>'
            )
        alpha = f' fill-opacity="{op.opacity:g}"' if op.opacity < 1 else ""
        return (
            f'<circle cx="{_num(op.x)}" cy="{_num(op.y)}" r="{op.r:g}" fill="{op.fill}"{alpha} '
            f'stroke="#424242" stroke-width="0.8"/>'
        )
    weight = ' font-weight="bold"' if op.bold else ""
    halo = (
        ' stroke="#ffffff" stroke-width="3" paint-order="stroke" stroke-linejoin="round"' if op.halo else ""
    )
    return (
        f'<text x="{_num(op.x)}" y="{_num(op.y)}" font-size="{op.size:g}" fill="{op.colour}" '
        f'text-anchor="{_ANCHOR_SVG[op.anchor]}"{weight}{halo}>{escape(op.text)}</text>'
    )


def export_svg(spec: ChartSpec, c: Caption) -> str:
    """A standalone SVG document of the chart with its title, subtitle, source line and date."""
    pic = layout(spec, c)
    w, h = _num(pic.width), _num(pic.height)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">',
        f"<title>{escape(c.title)}</title>",
        f"<desc>{escape(pic.source)}</desc>",
        f'<rect width="{w}" height="{h}" fill="#ffffff"/>',
        f'<g font-family="{FONT_FAMILY}">',
        *(_svg_op(op) for op in pic.ops),
        "</g></svg>\n",
    ]
    return "".join(out)


def _dashed(points, dash: str, scale: float) -> list[list[tuple[float, float]]]:
    """A polyline as the segments of its dashes (Pillow draws no dashes)."""
    if dash not in _DASH_SVG:
        return [list(points)]
    pattern = [float(p) * scale for p in _DASH_SVG[dash].split()]
    out: list[list[tuple[float, float]]] = []
    k, left, on = 0, pattern[0], True
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        length = math.hypot(x2 - x1, y2 - y1)
        pos = 0.0
        while pos < length:
            step = min(left, length - pos)
            a, b = pos / length, (pos + step) / length
            if on:
                out.append(
                    [(x1 + (x2 - x1) * a, y1 + (y2 - y1) * a), (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b)]
                )
            pos += step
            left -= step
            if left <= 1e-9:
                k = (k + 1) % len(pattern)
                left, on = pattern[k], not on
    return out


def _png_op(draw, op, scale: float, font) -> None:
    s = scale
    if isinstance(op, Box):
        fill = _blend(op.fill, op.opacity) if op.opacity < 1 else _hex(op.fill)
        draw.rectangle([op.x * s, op.y * s, (op.x + op.w) * s, (op.y + op.h) * s], fill=fill)
    elif isinstance(op, Path):
        pts = [(x * s, y * s) for x, y in op.points]
        for seg in _dashed(pts, op.dash, s):
            draw.line(seg, fill=_hex(op.colour), width=max(1, int(round(op.width * s))))
    elif isinstance(op, Dot):
        r, cx, cy = op.r * s, op.x * s, op.y * s
        if op.symbol == "x":
            for a, b in (((cx - r, cy - r), (cx + r, cy + r)), ((cx - r, cy + r), (cx + r, cy - r))):
                draw.line([a, b], fill=_hex(op.fill), width=max(1, int(2.5 * s)))
        else:
            fill = _blend(op.fill, op.opacity) if op.opacity < 1 else _hex(op.fill)
            draw.ellipse(
                [cx - r, cy - r, cx + r, cy + r], fill=fill, outline="#424242", width=max(1, int(s * 0.8))
            )
    else:
        anchor = {"start": "ls", "middle": "ms", "end": "rs"}[op.anchor]
        f = font(op.size)
        xy = (op.x * s, op.y * s)
        halo = dict(stroke_width=max(1, int(round(1.5 * s))), stroke_fill="#ffffff") if op.halo else {}
        draw.text(xy, op.text, fill=op.colour, font=f, anchor=anchor, **halo)
        if op.bold:  # DejaVu Sans Bold is not vendored: a second pass a hair to the right thickens it
            draw.text((xy[0] + max(1, s * 0.5), xy[1]), op.text, fill=op.colour, font=f, anchor=anchor)


def export_png(spec: ChartSpec, c: Caption, scale: float = 2.0) -> bytes:
    """The same picture as :func:`export_svg` as PNG (Pillow), with title, source and date as text chunks."""
    from PIL import Image, ImageDraw, ImageFont  # Pillow only when a PNG is exported (import cost)
    from PIL.PngImagePlugin import PngInfo

    pic = layout(spec, c)
    img = Image.new("RGB", (int(math.ceil(pic.width * scale)), int(math.ceil(pic.height * scale))), "#ffffff")
    draw = ImageDraw.Draw(img)
    fonts: dict[float, object] = {}

    def font(size: float):
        if size not in fonts:
            fonts[size] = ImageFont.truetype(str(FONT_PATH), max(1, int(round(size * scale))))
        return fonts[size]

    for op in pic.ops:
        _png_op(draw, op, scale, font)
    info = PngInfo()
    info.add_text("Title", c.title)
    info.add_text("Description", c.subtitle)
    info.add_text("Source", pic.source)
    info.add_text("Creation Time", c.date)
    buf = io.BytesIO()
    img.save(buf, format="PNG", pnginfo=info)
    return buf.getvalue()


def picture_size(spec: ChartSpec, c: Caption, scale: float = 2.0) -> tuple[int, int]:
    """The PNG's size in pixels for ``spec`` and ``c`` (what :func:`export_png` draws)."""
    pic = layout(spec, c)
    return int(math.ceil(pic.width * scale)), int(math.ceil(pic.height * scale))
