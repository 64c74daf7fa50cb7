"""Label placement on charts (regions.present.placement), checked without a browser: every label that is
placed is free of every other label, of every marker and of the plot's edge, and the bars' value labels
never cross the national line, at the narrowest plot width and at wider ones.

The boxes are recomputed here from plotly's rule for a text position (the label's near edge
``radius / 0.8 + 1`` px from the marker's centre, centred on the other axis) and from the font's
metrics read with Pillow, not taken from the module's own box function.
"""

from __future__ import annotations

import random

import pytest
from PIL import ImageFont

from regions.present import placement
from regions.present.placement import Frame, bar_value_labels, place_point_labels

FONT = str(placement.FONT_PATH)


def _box(px: float, py: float, text: str, position: str, size: int = 10, radius: float = 6.0):
    w = ImageFont.truetype(FONT, size).getlength(text)
    h = size * 1.3
    gap = radius / 0.8 + 1
    v, hz = position.split()
    side = gap if v == "middle" else gap / 2
    left = {"center": px - w / 2, "right": px + side, "left": px - side - w}[hz]
    top = {"middle": py - h / 2, "top": py - gap - h, "bottom": py + gap}[v]
    return left, top, left + w, top + h


def _apart(a, b) -> bool:
    return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def _px(frame: Frame, x: float, y: float) -> tuple[float, float]:
    (x0, x1), (y0, y1) = frame.x_range, frame.y_range
    return (x - x0) * frame.width / (x1 - x0), (y1 - y) * frame.height / (y1 - y0)


NAMES = [
    "Abai",
    "Akmola",
    "Aktobe",
    "Almaty Region",
    "Atyrau",
    "West Kazakhstan",
    "Jambyl",
    "Jetisu",
    "Karaganda",
    "Kostanay",
    "Kyzylorda",
    "Mangystau",
    "Pavlodar",
    "North Kazakhstan",
    "Turkistan",
    "Ulytau",
    "East Kazakhstan",
    "Astana",
    "Almaty",
    "Shymkent",
    "Kazakhstan",
]


@pytest.mark.parametrize("seed", range(25))
@pytest.mark.parametrize("width", [250.0, 600.0])
def test_placed_labels_overlap_nothing_and_stay_inside(seed, width):
    rnd = random.Random(seed)
    points = [(rnd.uniform(0, 100), rnd.uniform(0, 50)) for _ in NAMES]
    frame = Frame(250.0, 380.0, (-6.0, 106.0), (-3.0, 53.0))
    positions = place_point_labels(points, NAMES, frame)
    assert len(positions) == len(points)
    # Placed at the narrowest width; drawn at ``width``: still free of everything.
    wide = Frame(width, 380.0, frame.x_range, frame.y_range)
    pixels = [_px(wide, x, y) for x, y in points]
    boxes = [_box(*pixels[i], NAMES[i], pos) for i, pos in enumerate(positions) if pos]
    assert boxes, "nothing placed at all"
    for i, a in enumerate(boxes):
        assert a[0] >= 0 and a[1] >= 0 and a[2] <= wide.width and a[3] <= wide.height, a
        for b in boxes[i + 1 :]:
            assert _apart(a, b), (a, b)
    for i, pos in enumerate(positions):
        if pos:
            mine = _box(*pixels[i], NAMES[i], pos)
            for j, (mx, my) in enumerate(pixels):
                if j != i:
                    assert _apart(mine, (mx - 6, my - 6, mx + 6, my + 6)), (NAMES[i], NAMES[j])


def test_a_crowd_leaves_some_names_to_the_hover_and_the_first_in_order_wins():
    frame = Frame(250.0, 380.0, (0.0, 10.0), (0.0, 10.0))
    points = [(5.0 + 0.01 * i, 5.0) for i in range(8)]  # eight markers on one spot
    texts = [f"Region {i}" for i in range(8)]
    positions = place_point_labels(points, texts, frame, order=[7, 6, 5, 4, 3, 2, 1, 0])
    assert positions[7] == "top center"  # placed first, at the first position tried
    assert None in positions  # not every name fits around one spot
    assert positions == place_point_labels(points, texts, frame, order=[7, 6, 5, 4, 3, 2, 1, 0])


def test_an_empty_text_and_a_point_at_the_edge():
    frame = Frame(250.0, 380.0, (0.0, 10.0), (0.0, 10.0))
    positions = place_point_labels([(0.0, 5.0), (5.0, 5.0)], ["Kostanay", ""], frame)
    # At the left edge the name cannot be centred over the marker nor put left of it: it goes right.
    assert positions == ["middle right", None]


def _bar_px(x: float, x_range: tuple[float, float], width: float) -> float:
    return (x - x_range[0]) * width / (x_range[1] - x_range[0])


@pytest.mark.parametrize("seed", range(40))
def test_bar_value_labels_clear_the_national_line_and_the_edges(seed):
    rnd = random.Random(seed)
    n = rnd.randint(3, 20)
    negative = seed % 4 == 0
    values = [rnd.uniform(-50 if negative else 0, 100) for _ in range(n)]
    line = rnd.choice(values) + rnd.uniform(-3, 3)  # near a bar's end: the hard case
    widths = [rnd.uniform(20, 50) for _ in range(n)]
    # Wide enough for a label on either side of zero (narrower has no solution: no chart is drawn so).
    narrow = rnd.uniform(150, 300)
    starts, x_range = bar_value_labels(values, widths, narrow, line=line)
    for width in (narrow, narrow * 1.7, narrow * 4):
        line_px = _bar_px(line, x_range, width)
        for v, s, w in zip(values, starts, widths, strict=True):
            s_px, v_px = _bar_px(s, x_range, width), _bar_px(v, x_range, width)
            lo, hi = (s_px, s_px + w) if v >= 0 else (s_px - w, s_px)
            assert lo >= 0 and hi <= width, (v, s, w, width)
            assert not lo < line_px < hi, ("crossed", v, line, width)
            # Outside its own bar: beyond the bar's end, on the bar's side of zero.
            assert (lo >= v_px) if v >= 0 else (hi <= v_px), (v, s)


def test_bar_value_labels_without_a_line_sit_beside_the_bars():
    starts, (lo, hi) = bar_value_labels([10.0, 5.0], [40.0, 40.0], 200.0)
    assert lo == pytest.approx(0.0, abs=0.2)
    assert starts[0] > 10.0 and starts[1] > 5.0
    assert starts[0] - 10.0 == pytest.approx(starts[1] - 5.0)  # the same gap for both


@pytest.mark.parametrize("seed", range(30))
def test_dodged_labels_are_apart_inside_and_in_their_lines_order(seed):
    rnd = random.Random(seed)
    n = rnd.randint(1, 5)
    want = [rnd.choice([rnd.uniform(0, 250), 120.0]) for _ in range(n)]  # some drawn to one spot
    heights = [rnd.choice([14.0, 28.0]) for _ in range(n)]
    got = placement.dodge(want, heights, 0.0, 250.0)
    assert got is not None
    spans = sorted((c - h / 2, c + h / 2, w) for c, h, w in zip(got, heights, want, strict=True))
    for (_, b1, w1), (t2, _, w2) in zip(spans, spans[1:], strict=False):
        assert b1 + 2.0 <= t2 + 1e-6  # apart
        assert w1 <= w2 + 1e-9  # a higher end keeps the higher label
    assert spans[0][0] >= -1e-6 and spans[-1][1] <= 250.0 + 1e-6
    # A label far from every other (further than all the labels together are tall) does not move.
    for i, (c, h, w) in enumerate(zip(got, heights, want, strict=True)):
        others = [(want[j], heights[j]) for j in range(n) if j != i]
        clear = all(abs(w - w2) >= sum(heights) + 2 * n for w2, _ in others)
        if clear and h / 2 <= w <= 250 - h / 2:
            assert c == pytest.approx(w)


def test_dodge_gives_up_when_the_labels_cannot_fit():
    assert placement.dodge([10.0, 20.0], [60.0, 60.0], 0.0, 100.0) is None
