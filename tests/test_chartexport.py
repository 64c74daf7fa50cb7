"""The charts' downloads (:mod:`regions.present.chartexport`): every chart of the app as SVG and PNG with its
title, subtitle, source line and date drawn in; and the buttons on every chart page (AppTest).

The figures are built here from numbers written in the test (not read from the data), so every label the
picture must carry is known independently of the code under test.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace as NS

import plotly.io as pio
import pytest
from PIL import Image, ImageFont

from regions.present import chartexport, figures
from regions.present.svgexport import Caption

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
CAPTION = Caption("GRP per capita, 2024", "thousand KZT · 2024", "Source: BNS (5923)", "2026-12-07")
KAZAKH = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"
RUSSIAN = "ЖЁЩЪЫЭЮЯжёщъыэюя"


def _item(name, value, category="", label="No role", colour="#d9d9d9"):
    return NS(
        name=name, value=value, category=category, category_label=label, colour=colour, in_focus=True, text=""
    )


def _ranking():
    items = [
        _item("Atyrau Region", 23332.0, "oil", "Petrochemicals", "#56B4E9"),
        _item("Almaty", 15601.1),
        _item("Ulytau Region", -13.5, "met", "Metallurgy", "#E69F00"),
    ]
    return figures.ranking_figure(
        items,
        [NS(name="Abai Region")],
        x_title="thousand KZT",
        number=lambda v: f"{v:,.1f}",
        national=7827.2,
        national_text="Kazakhstan: 7,827.2",
        missing_label="no data",
    )


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg.encode("utf-8"))
    return [el.text or "" for el in root.iter(f"{SVG}text")]


def test_svg_of_a_ranking_parses_and_holds_title_source_date_and_every_label():
    svg = chartexport.export_svg(chartexport.from_figure(_ranking()), CAPTION)
    texts = _texts(svg)
    joined = "\n".join(texts)
    for expected in (
        "GRP per capita, 2024",
        "thousand KZT · 2024",
        "Source: BNS (5923)",
        "2026-12-07",
        # every region, every value label as the page writes it, the missing row, the national line's label
        "Atyrau Region",
        "Almaty",
        "Ulytau Region",
        "Abai Region",
        "23,332.0",
        "15,601.1",
        "-13.5",
        "no data",
        "Kazakhstan: 7,827.2",
        "Petrochemicals",
        "Metallurgy",
    ):
        assert expected in joined, expected
    # Three bars drawn (the missing region has none) besides the white background.
    rects = [r for r in ET.fromstring(svg.encode()).iter(f"{SVG}rect") if r.get("fill") != "#ffffff"]
    bar_colours = sorted(r.get("fill") for r in rects if float(r.get("height")) > 12)
    assert bar_colours == sorted(["#56b4e9", "#d9d9d9", "#e69f00"])
    # The national line is dashed.
    assert any(p.get("stroke-dasharray") for p in ET.fromstring(svg.encode()).iter(f"{SVG}polyline"))


def test_bars_keep_the_figures_order_highest_at_the_top():
    svg = chartexport.export_svg(chartexport.from_figure(_ranking()), CAPTION)
    root = ET.fromstring(svg.encode())
    names = ["Atyrau Region", "Almaty", "Ulytau Region", "Abai Region"]
    ys = {el.text: float(el.get("y")) for el in root.iter(f"{SVG}text") if el.text in names}
    assert sorted(names, key=ys.get) == names


def test_a_line_chart_breaks_at_a_missing_year_and_labels_each_line_end():
    fig = figures.series_figure(
        {"Karaganda": [(2019, 100.0), (2020, 104.0), (2021, None), (2022, 109.0), (2023, 112.5)],
         "Kazakhstan": [(2019, 100.0), (2020, 97.5), (2021, 101.0), (2022, 104.2), (2023, 109.4)]},
        y_title="2019 = 100",
    )  # fmt: skip
    svg = chartexport.export_svg(chartexport.from_figure(fig), CAPTION)
    root = ET.fromstring(svg.encode())
    lines = [p for p in root.iter(f"{SVG}polyline") if p.get("stroke-width") == "2"]
    assert len(lines) == 3  # Karaganda in two runs (2019–2020, 2022–2023), Kazakhstan in one
    joined = "\n".join(_texts(svg))
    assert "Karaganda: 112.5" in joined and "Kazakhstan: 109.4" in joined and "2019 = 100" in joined
    for year in range(2019, 2024):
        assert str(year) in _texts(svg)


def test_a_small_multiple_read_back_from_plotly_json_keeps_its_reference_lines():
    # /delivery stores its figures as plotly JSON (numpy arrays as base64): the export reads them back.
    fig = figures.small_multiple_figure(
        [2019, 2020, 2021, 2022],
        [("Group", [100.0, 101.5, None, 108.25], "#E69F00", "solid"),
         ("Kazakhstan", [100.0, 99.0, 103.0, 106.0], "#000000", "dash")],
        y_title="2019 = 100",
        marker_year=2020,
        marker_label="Address",
        goal=112.0,
        goal_label="Target",
    )  # fmt: skip
    spec = chartexport.from_figure(pio.from_json(fig.to_json()))
    assert [s.name for s in spec.series] == ["Group", "Kazakhstan"]
    assert spec.series[0].x == (2019, 2020, 2021, 2022)
    assert spec.series[0].y[2] is None or spec.series[0].y[2] != spec.series[0].y[2]  # None or NaN: missing
    assert spec.series[1].dash == "dash"
    assert {(r.axis, r.value, r.label) for r in spec.refs} == {
        ("x", 2020.0, "Address"),
        ("y", 112.0, "Target"),
    }
    joined = "\n".join(_texts(chartexport.export_svg(spec, CAPTION)))
    assert "Address" in joined and "Target" in joined and "Group: 108.25" in joined


def test_a_scatter_labels_every_point():
    items = [
        NS(x=1200.0, y=31.5, name="Pavlodar Region", category="met", category_label="Metallurgy",
           colour="#E69F00", in_focus=True, text=""),
        NS(x=800.0, y=12.0, name="Turkistan Region", category="", category_label="No role",
           colour="#d9d9d9", in_focus=True, text=""),
    ]  # fmt: skip
    fig = figures.scatter_figure(items, x_title="GRP", y_title="Manufacturing", national=(1000.0, 20.0),
                                 national_name="Kazakhstan")  # fmt: skip
    joined = "\n".join(_texts(chartexport.export_svg(chartexport.from_figure(fig), CAPTION)))
    for name in ("Pavlodar Region", "Turkistan Region", "Kazakhstan", "GRP", "Manufacturing"):
        assert name in joined, name


def test_vertical_bars_show_a_missing_value_as_missing_not_zero():
    fig = figures.bar_figure(
        ["Astana", "Almaty", "Shymkent"], [12370.0, None, 4625.2], y_title="thousand KZT"
    )
    svg = chartexport.export_svg(chartexport.from_figure(fig, "ru"), CAPTION)
    joined = "\n".join(_texts(svg))
    assert "—" in joined
    # Russian number format: thin no-break space between thousands, comma before decimals.
    assert "12\u202f370,0" in joined and "4\u202f625,2" in joined  # one decimal for the series
    bars = [r for r in ET.fromstring(svg.encode()).iter(f"{SVG}rect") if r.get("fill") == "#0072b2"]
    assert len(bars) == 2


def test_png_opens_at_twice_the_svgs_size_with_title_and_source_chunks():
    spec = chartexport.from_figure(_ranking())
    svg = ET.fromstring(chartexport.export_svg(spec, CAPTION).encode())
    png = Image.open(io.BytesIO(chartexport.export_png(spec, CAPTION)))
    assert png.format == "PNG"
    assert png.size == (2 * round(float(svg.get("width"))), 2 * round(float(svg.get("height"))))
    assert png.size[0] == 2 * chartexport.WIDTH
    assert png.text["Title"] == "GRP per capita, 2024" and png.text["Source"] == "Source: BNS (5923)"


def _title_ink(title: str) -> int:
    """Dark pixels in the title band of a PNG whose title is ``title``."""
    cap = Caption(title, "", "Source: BNS (5923)", "2026-12-07")
    png = Image.open(io.BytesIO(chartexport.export_png(chartexport.from_figure(_ranking()), cap))).convert(
        "L"
    )
    band = png.crop((0, 0, png.width, 2 * 44))  # PAD 16 + one title line of 26 px, at scale 2
    return band.point(lambda p: 255 if p < 128 else 0).histogram()[255]


@pytest.mark.parametrize("title", [KAZAKH, RUSSIAN, "Қазақстан өңірлері: жан басына шаққандағы ЖӨӨ"])
def test_a_cyrillic_or_kazakh_title_is_drawn(title):
    assert _title_ink("") == 0
    assert _title_ink(title) > 200 * len(title) // 10


def test_the_vendored_font_has_a_glyph_for_every_kazakh_and_russian_letter():
    # A letter the font lacks is drawn as its "missing glyph" box: each letter must differ from it.
    font = ImageFont.truetype(str(ROOT / "regions" / "present" / "fonts" / "DejaVuSans.ttf"), 40)
    missing = bytes(font.getmask("\ue000"))  # a private-use code point: no glyph in any font
    for letter in KAZAKH + RUSSIAN:
        assert bytes(font.getmask(letter)) != missing, letter


def test_nice_ticks_are_round_and_cover_the_range():
    assert chartexport.nice_ticks(0, 23332) == [0, 5000, 10000, 15000, 20000, 25000]
    ticks = chartexport.nice_ticks(-13.5, 7.2)
    assert ticks[0] <= -13.5 and ticks[-1] >= 7.2 and all(t % 5 == 0 for t in ticks)


# --------------------------------------------------------------------------------------------------
# The buttons on every chart page (AppTest)

I18N = json.loads((ROOT / "data" / "i18n.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("app_pages/ranking.py", {}),
        ("app_pages/compare.py", {"regions": "KZ-75,KZ-71,KZ-23"}),
        ("app_pages/region.py", {"region": "KZ-35"}),
        ("app_pages/delivery.py", {}),
    ],
)
@pytest.mark.parametrize("lang", ["en", "kk"])
def test_every_chart_has_png_and_svg_buttons(page, params, lang):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params["lang"] = lang
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    charts = len(at.get("plotly_chart"))
    labels = [b.proto.label for b in at.get("download_button")]
    assert charts > 0
    assert labels.count(I18N["chart_download_png"][lang]) == charts
    assert labels.count(I18N["chart_download_svg"][lang]) == charts


def test_value_labels_take_the_indicators_decimals_when_given():
    fig = figures.bar_figure(["Karaganda", "Atyrau"], [9153.23, 23332.03], y_title="thousand KZT")
    joined = "\n".join(
        _texts(chartexport.export_svg(chartexport.from_figure(fig, "en", decimals=1), CAPTION))
    )
    assert "9,153.2" in joined and "23,332.0" in joined and "9,153.23" not in joined


def test_scatter_labels_of_a_dense_cluster_do_not_overlap_each_other_or_the_points():
    # Eight points a few pixels apart, with long Cyrillic names; measured with Pillow here.
    font = ImageFont.truetype(str(ROOT / "regions" / "present" / "fonts" / "DejaVuSans.ttf"), 10)
    points = [(300 + 9 * i, 200 + 7 * (i % 3), f"Восточно-Казахстанская область {i}") for i in range(8)]
    ops = [
        op for op in chartexport.place_labels(points, (40, 40, 760, 400)) if isinstance(op, chartexport.Text)
    ]
    assert len(ops) == len(points)
    boxes = []
    for op in ops:
        left, top, right, bottom = font.getbbox(op.text, anchor="ls")
        boxes.append((op.x + left, op.y + top, op.x + right, op.y + bottom))
    for i, a in enumerate(boxes):
        assert a[0] >= 40 and a[2] <= 760 + 1, a  # inside the plot
        for b in boxes[i + 1 :]:
            assert min(a[2], b[2]) <= max(a[0], b[0]) + 0.5 or min(a[3], b[3]) <= max(a[1], b[1]) + 0.5, (
                a,
                b,
            )
        for x, y, _ in points:
            assert not (a[0] < x < a[2] and a[1] < y < a[3]), "a label covers a point"
