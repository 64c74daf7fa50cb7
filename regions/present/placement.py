"""Where a chart's point labels go so that none overlaps another, a marker or the plot's edge.

Pure Python (Pillow for the font's metrics, no plotly): :func:`place_point_labels` tries, point by point
in order of importance, plotly's eight text positions around the marker and keeps the first whose box is
free; a point whose label fits nowhere gets none (its name stays on hover and tap). The boxes are
computed in pixels from the axis ranges and the smallest plot area the chart is drawn in (a phone's):
a wider plot only moves the points further apart, so labels that are free there are free at every width.
The widths are DejaVu Sans's (the font the charts ask for first, and wider than its fallbacks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_PATH = Path(__file__).resolve().parent / "fonts" / "DejaVuSans.ttf"
FONT_FAMILY = "'DejaVu Sans', 'Segoe UI', Arial, sans-serif"
# plotly's text positions, in the order they are tried: above and below first (they read best), then beside.
POSITIONS = (
    "top center",
    "bottom center",
    "middle right",
    "middle left",
    "top right",
    "top left",
    "bottom right",
    "bottom left",
)
LINE_HEIGHT = 1.3  # a label's box: its font size times this (the browser's glyph cell, with room)
PAD_PX = 2.0  # free space kept around every label


Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels, y downwards


@dataclass(frozen=True)
class Frame:
    """A plot area: its size in pixels and the axis ranges it shows (linear axes)."""

    width: float
    height: float
    x_range: tuple[float, float]
    y_range: tuple[float, float]

    def to_px(self, x: float, y: float) -> tuple[float, float]:
        """Pixel position of the data point ``(x, y)`` (origin top left, y downwards).

        >>> Frame(200, 100, (0, 10), (0, 1)).to_px(5, 1)
        (100.0, 0.0)
        """
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        return (x - x0) / (x1 - x0) * self.width, (y1 - y) / (y1 - y0) * self.height


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_PATH), size)


@lru_cache(maxsize=1024)
def text_width(text: str, size: int) -> float:
    """Width in pixels of ``text`` at ``size`` px in DejaVu Sans."""
    return float(_font(size).getlength(text))


def label_box(px: float, py: float, w: float, h: float, position: str, gap: float) -> Box:
    """The box of a ``w`` x ``h`` label at plotly ``position`` around a marker at ``(px, py)``, ``gap`` px
    from its centre.

    >>> label_box(100, 50, 40, 10, "top center", 8)
    (80.0, 32.0, 120.0, 42.0)
    >>> label_box(100, 50, 40, 10, "middle right", 8)
    (108.0, 45.0, 148.0, 55.0)
    """
    vertical, horizontal = position.split()
    if horizontal == "center":
        left = px - w / 2
    elif horizontal == "right":
        left = px + (gap if vertical == "middle" else gap * 0.5)
    else:
        left = px - w - (gap if vertical == "middle" else gap * 0.5)
    if vertical == "middle":
        top = py - h / 2
    elif vertical == "top":
        top = py - gap - h
    else:
        top = py + gap
    return (float(left), float(top), float(left + w), float(top + h))


def _hits(a: Box, b: Box, pad: float) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > -pad and min(a[3], b[3]) - max(a[1], b[1]) > -pad


def place_point_labels(
    points: Sequence[tuple[float, float]],
    texts: Sequence[str],
    frame: Frame,
    *,
    order: Sequence[int] | None = None,
    size: int = 10,
    marker_radius: float = 6.0,
) -> list[str | None]:
    """A plotly text position for each point's label, or ``None`` where it fits nowhere.

    ``points`` are data coordinates in ``frame``; ``order`` the indices by importance (first placed first;
    default: as given). A label may not overlap a placed label or any marker (each marker a square of
    ``marker_radius``), and must lie inside the plot area, each with :data:`PAD_PX` to spare. Empty texts
    get ``None``. Deterministic: the same input gives the same positions.

    >>> f = Frame(200, 100, (0, 10), (0, 10))
    >>> place_point_labels([(5, 5), (5.1, 5)], ["Aaaa", "Bbbb"], f)
    ['top center', 'bottom center']
    """
    pixels = [frame.to_px(x, y) for x, y in points]
    markers = [
        (px - marker_radius, py - marker_radius, px + marker_radius, py + marker_radius) for px, py in pixels
    ]
    inside = (PAD_PX, PAD_PX, frame.width - PAD_PX, frame.height - PAD_PX)
    gap = marker_radius / 0.8 + 1  # plotly's offset of a text from its marker's centre
    h = size * LINE_HEIGHT
    placed: list[Box] = []
    out: list[str | None] = [None] * len(points)
    for i in order if order is not None else range(len(points)):
        if not texts[i]:
            continue
        w = text_width(texts[i], size)
        for position in POSITIONS:
            box = label_box(*pixels[i], w, h, position, gap)
            if box[0] < inside[0] or box[1] < inside[1] or box[2] > inside[2] or box[3] > inside[3]:
                continue
            if any(_hits(box, other, PAD_PX) for other in placed):
                continue
            if any(_hits(box, m, PAD_PX) for j, m in enumerate(markers) if j != i):
                continue
            placed.append(box)
            out[i] = position
            break
    return out


def padded_range(values: Sequence[float], share: float = 0.06) -> tuple[float, float]:
    """An axis range around ``values`` with ``share`` of their span free on each side (1 either side of a
    single value), so that the chart's frame is known before plotly draws it.

    >>> padded_range([0.0, 50.0, 100.0])
    (-6.0, 106.0)
    """
    lo, hi = min(values), max(values)
    pad = (hi - lo) * share or max(abs(hi) * share, 1.0)
    return lo - pad, hi + pad


def bar_value_labels(
    values: Sequence[float],
    widths_px: Sequence[float],
    plot_width: float,
    *,
    line: float | None = None,
    gap_px: float = 4.0,
) -> tuple[list[float], tuple[float, float]]:
    """Where each horizontal bar's value label starts (on the value axis) and the axis range that holds
    them all, so that no label crosses the vertical ``line`` (the national figure) or the plot's edge.

    A label goes outside its bar (right of a positive bar, left of a negative one), ``gap_px`` from its
    end; where ``line`` would cross it, it starts ``gap_px`` beyond the line instead. Widths are in pixels
    and ``plot_width`` is the narrowest plot area the chart gets: on a wider one every label is shorter
    in axis units, so it still ends inside the range and clear of the line.

    >>> starts, (lo, hi) = bar_value_labels([100.0, 48.0], [30.0, 30.0], 200.0, line=50.0)
    >>> [round(s, 1) for s in starts], round(lo, 1), round(hi, 1)
    ([102.4, 52.4], 0.0, 121.2)
    """
    lo = min(0.0, *values, *([line] if line is not None else []))
    hi = max(0.0, *values, *([line] if line is not None else []))
    span = (hi - lo) or 1.0
    starts: list[float] = []
    for _ in range(80):  # the range grows with the labels, the labels with the range: the rounds converge
        k = span / plot_width  # axis units per pixel
        starts, left, right = [], lo, hi
        for v, w in zip(values, widths_px, strict=True):
            d = 1.0 if v >= 0 else -1.0
            s = v + d * gap_px * k
            reach = (min(v, s + d * w * k), max(v, s + d * w * k))
            if line is not None and reach[0] - k <= line <= reach[1] + k:
                s = line + d * gap_px * k
            end = s + d * w * k
            starts.append(s)
            left, right = min(left, end - k), max(right, end + k)
        if right - left <= span * (1 + 1e-9):
            break
        span = right - left
    return starts, (left, right)


def dodge(centres: Sequence[float], heights: Sequence[float], top: float, bottom: float, gap: float = 2.0):
    """Vertical centres for labels wanted at ``centres`` (pixels, y downwards) moved apart as little as a
    sweep down and a sweep up need, so that none overlaps another (``gap`` px apart) and all lie within
    ``[top, bottom]``; ``None`` if they cannot all fit there.

    >>> dodge([50.0, 52.0, 200.0], [10.0, 10.0, 10.0], 0.0, 300.0)
    [45.0, 57.0, 200.0]
    """
    if sum(heights) + gap * (len(heights) - 1) > bottom - top:
        return None
    order = sorted(range(len(centres)), key=lambda i: (centres[i], i))
    tops = {i: centres[i] - heights[i] / 2 for i in order}
    # Down: each label below the one above it. Then up: back inside the bottom edge, pushing the rest up.
    edge = top
    for i in order:
        tops[i] = max(tops[i], edge)
        edge = tops[i] + heights[i] + gap
    edge = bottom
    for i in reversed(order):
        tops[i] = min(tops[i], edge - heights[i])
        edge = tops[i] - gap
    # Were they pushed apart symmetrically? A pair drawn to one point splits either side of it.
    centred = _centre_pairs(order, centres, heights, tops, top, bottom, gap)
    return [centred[i] + heights[i] / 2 for i in range(len(centres))]


def _centre_pairs(order, centres, heights, tops, top, bottom, gap) -> dict[int, float]:
    """Shift each run of touching labels so that its middle sits at the mean of their wanted centres,
    within the bounds and without reaching the runs beside it."""
    runs: list[list[int]] = []
    for i in order:
        if runs and tops[i] - (tops[runs[-1][-1]] + heights[runs[-1][-1]]) <= gap + 1e-9:
            runs[-1].append(i)
        else:
            runs.append([i])
    out = dict(tops)
    for k, run in enumerate(runs):
        first, last = run[0], run[-1]
        span_mid = (out[first] + out[last] + heights[last]) / 2
        want = sum(centres[i] for i in run) / len(run)
        lo = top if k == 0 else out[runs[k - 1][-1]] + heights[runs[k - 1][-1]] + gap
        hi = bottom if k == len(runs) - 1 else tops[runs[k + 1][0]] - gap
        shift = min(max(want - span_mid, lo - out[first]), hi - (out[last] + heights[last]))
        for i in run:
            out[i] += shift
    return out
