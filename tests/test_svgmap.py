"""The server-drawn SVG map (regions.present.svgmap): one path per unit, colours of the model, escaping, determinism,
the legend's width, and the SVG/PNG exports with their title, source and date."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from regions.geo import registry
from regions.pages import map as map_page
from regions.present import figures, svgexport, svgmap
from regions.present.figures import Category, MapUnit

SVG = "{http://www.w3.org/2000/svg}"
DATE = "2026-12-01"


def _xml(fragment: str) -> ET.Element:
    """Parse the page's HTML fragment (two <svg> in a <div>) as XML: it must be well-formed."""
    return ET.fromstring(fragment)


def _unit_paths(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter(f"{SVG}path") if "data-iso" in e.attrib]


def _view(model, layout="2022", lang="en", highlight=None) -> svgmap.MapView:
    return svgmap.view_of(model, layout, lang, highlight)


@pytest.fixture(scope="module")
def roles_model():
    return map_page.map_model("2022", "en", "roles", None)


@pytest.fixture(scope="module")
def numeric_model():
    return map_page.map_model("2022", "ru", "grp_per_capita_computed", 2019)


@pytest.mark.parametrize("layout", ["2022", "2020"])
@pytest.mark.parametrize("inline", [True, False])
def test_every_unit_has_exactly_one_path(layout, inline):
    model = map_page.map_model(layout, "kk", "roles", None)
    url = None if inline else svgmap.geometry_url(layout)
    if not inline:
        assert url is not None, "static/svgmap_<layout>.json is missing or stale: python -m regions.build.svgmapfiles"
    root = _xml(svgmap.map_html(_view(model, layout, "kk"), url))
    codes = [p.get("data-iso") for p in _unit_paths(root)]
    expected = sorted(u.iso_code for u in registry.units(layout))
    assert sorted(codes) == expected
    for p in _unit_paths(root):
        if inline:
            assert len(p.get("d", "")) > 20, p.get("data-iso")
        else:
            # The page's script fills the path in from the geometry file, keyed by the same code.
            assert "d" not in p.attrib
    geom = json.loads(svgmap.geometry_path(layout).read_text(encoding="utf-8"))
    assert set(expected) <= set(geom) and {"land", "lakes", "borders"} <= set(geom)


@pytest.mark.parametrize("layout", ["2022", "2020"])
def test_geometry_file_is_what_the_code_computes(layout):
    on_disk = svgmap.geometry_path(layout).read_text(encoding="utf-8")
    assert on_disk == svgmap.geometry_json(layout), "stale static file: run python -m regions.build.svgmapfiles"
    assert svgmap.geometry_url(layout).startswith(f"/app/static/svgmap_{layout}.json?v=")


def test_projection_puts_regions_where_they_are():
    """West is left and north is up, whatever the projection's formulas (checked on the boundaries)."""
    root = _xml(svgmap.map_html(_view(map_page.map_model("2022", "en", "roles", None))))
    centre = {}
    for p in _unit_paths(root):
        pts = [pt for ring, _ in svgmap._rings(p.get("d")) for pt in ring]
        centre[p.get("data-iso")] = (
            sum(x for x, _ in pts) / len(pts),
            sum(y for _, y in pts) / len(pts),
        )
        assert all(0 <= x <= svgmap.MAP_WIDTH and 0 <= y <= svgmap.frame().height for x, y in pts)
    assert centre["KZ-47"][0] < centre["KZ-35"][0] < centre["KZ-63"][0]  # Mangystau, Karaganda, East
    assert centre["KZ-59"][1] < centre["KZ-35"][1] < centre["KZ-61"][1]  # North, Karaganda, Turkistan


def test_categorical_colours_follow_the_model(roles_model):
    root = _xml(svgmap.map_html(_view(roles_model)))
    colour_of = {c.key: c.colour for c in roles_model.categories}
    fills = {p.get("data-iso"): p.get("fill") for p in _unit_paths(root)}
    for u in roles_model.units:
        assert fills[u.iso_code] == colour_of[u.category], u.iso_code
    legend = [t.text for t in root.iter(f"{SVG}text")]
    for c in roles_model.categories:
        assert any(c.label.startswith(line) for line in legend if line), c.label


def test_filter_whitens_the_units_outside_it(roles_model):
    focus = {"KZ-15", "KZ-23", "KZ-27", "KZ-47"}
    root = _xml(svgmap.map_html(_view(roles_model, highlight=focus)))
    for p in _unit_paths(root):
        code = p.get("data-iso")
        if code in focus:
            assert p.get("fill") != figures.OUT_OF_FOCUS_COLOUR and float(p.get("stroke-width")) > 1.2
        else:
            assert p.get("fill") == figures.OUT_OF_FOCUS_COLOUR, code
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Outside the filter" in texts


def test_numeric_colours_and_missing_values():
    units = [
        MapUnit("KZ-10", "a", "", value=10.0),
        MapUnit("KZ-11", "b", "", value=20.0),
        MapUnit("KZ-15", "c", "", value=None),
        MapUnit("KZ-19", "d", "", value=float("nan")),
    ]
    s = svgmap.style(units, False, [], None, "no data", "outside")
    # plotly's Viridis runs from #440154 to #fde725.
    assert s.fills["KZ-10"] == "#440154" and s.fills["KZ-11"] == "#fde725"
    assert s.hatched == {"KZ-15", "KZ-19"}
    assert [e.label for e in s.entries] == ["no data"] and s.entries[0].hatched
    assert s.scale == (10.0, 20.0)


def test_numeric_map_marks_missing_as_no_data(numeric_model):
    missing = {u.iso_code for u in numeric_model.units if u.value is None}
    assert missing, "expected units without a 2019 figure (split off in 2022)"
    root = _xml(svgmap.map_html(_view(numeric_model, lang="ru")))
    for p in _unit_paths(root):
        hatched = p.get("fill") == f"url(#{svgmap.HATCH_ID})"
        assert hatched == (p.get("data-iso") in missing), p.get("data-iso")
    assert "нет данных" in [t.text for t in root.iter(f"{SVG}text")]


HOSTILE_NAME = '<script>alert("x")</script> & "q" \'s\''
HOSTILE_HOVER = "<b>bold</b><br>&lt;img src=x onerror=alert(1)&gt; &amp; more"


def test_hostile_texts_are_escaped():
    units = [MapUnit("KZ-10", HOSTILE_NAME, HOSTILE_HOVER, category="x")]
    model = map_page.MapModel(
        units, True, [Category("x", "<i>label</i> & co", "#E69F00")], "<b>T</b> & <u>", "src"
    )
    view = svgmap.MapView(
        layout="2022",
        units=tuple(units),
        categorical=True,
        categories=tuple(model.categories),
        legend_title=model.legend_title,
        highlight=None,
        labels=(("RUS", "</text><script>1</script>"),),
        missing_label="no data",
        out_of_focus_label="outside",
        names=(("KZ-10", HOSTILE_NAME),),
        open_label="<b>open</b>",
    )
    html = svgmap.map_html(view)
    # The region's own label and the tap card's button text are escaped too.
    spans = ["".join(t.itertext()) for t in _xml(html).iter(f"{SVG}text") if t.get("data-label") == "KZ-10"]
    assert spans and all(s.replace(" ", "") in HOSTILE_NAME.replace(" ", "") for s in spans)
    assert "<b>open</b>" not in html
    root = _xml(html)  # well-formed: nothing broke out of its element
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    title = next(root.iter(f"{SVG}title")).text
    assert title == HOSTILE_NAME + "\nbold\n<img src=x onerror=alert(1)> & more"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "</text><script>1</script>" in texts and "<i>label</i> & co" in texts
    assert "<script>" not in html and "&lt;script&gt;" in html
    doc = ET.fromstring(
        svgexport.export_svg(view, svgexport.Caption(HOSTILE_NAME, "<s>", "`a` & b", DATE)).encode()
    )
    assert not [e for e in doc.iter() if e.tag.endswith("script")]


def test_same_model_same_bytes(roles_model):
    a = svgmap.map_html(_view(roles_model), svgmap.geometry_url("2022"))
    svgmap.region_paths.cache_clear()
    svgmap.basemap_paths.cache_clear()
    b = svgmap.map_html(_view(roles_model), svgmap.geometry_url("2022"))
    assert a == b
    cap = svgexport.Caption("t", "s", "src", DATE)
    assert svgexport.export_svg(_view(roles_model), cap) == svgexport.export_svg(_view(roles_model), cap)
    assert svgmap.geometry_json("2022") == svgmap.geometry_json("2022")


BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def _width(t: ET.Element) -> float:
    """A legend text's width in the face it is drawn in (bold: the system's DejaVu Sans Bold if present,
    else the regular face widened by 15 %)."""
    if t.get("font-weight") == "bold":
        if BOLD.exists():
            from PIL import ImageFont

            return float(ImageFont.truetype(str(BOLD), svgmap.LEGEND_FONT).getlength(t.text or ""))
        return svgmap.text_width(t.text or "") * 1.15
    return svgmap.text_width(t.text or "")


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_legend_fits_390_px(lang):
    """Every legend line, measured in the font the SVG asks for first, lies within the legend's width."""
    assert svgmap.LEGEND_WIDTH <= 390 - 2 * 16  # the phone's width less Streamlit's side padding
    for ind, year, measure in (
        ("roles", None, map_page.LEVEL),
        ("grp_per_capita_computed", 2019, map_page.LEVEL),
        ("grp", 2024, map_page.Measure(scale="quantile", per="capita")),
        ("grp", 2024, map_page.Measure(scale="log")),
        ("population", 2024, map_page.Measure(scale="log")),
        ("grp_volume_index", 2024, map_page.Measure(show="change", base=2019)),
    ):
        model = map_page.map_model("2022", lang, ind, year, measure=measure)
        root = _xml(svgmap.map_html(_view(model, lang=lang, highlight={"KZ-10"})))
        legend = [s for s in root if s.get("class") == "kzmap-legend"][0]
        width = float(legend.get("viewBox").split()[2])
        assert width == svgmap.LEGEND_WIDTH
        for t in legend.iter(f"{SVG}text"):
            x, w = float(t.get("x")), _width(t)
            anchor = t.get("text-anchor", "start")
            left = x if anchor == "start" else (x - w if anchor == "end" else x - w / 2)
            assert left >= 0 and left + w <= width + 0.5, (lang, ind, t.text, left, w)


def test_export_svg_has_title_source_and_date(numeric_model):
    cap = svgexport.caption(numeric_model, "2022", "ru", DATE, "4 из 20")
    doc = ET.fromstring(svgexport.export_svg(_view(numeric_model, lang="ru"), cap).encode("utf-8"))
    texts = [t.text or "" for t in doc.iter(f"{SVG}text")]
    joined = " ".join(texts)
    assert cap.title.split()[0] in texts[0]
    assert "Регионы Казахстана" in joined
    assert "Бюро национальной статистики" in joined or "Bureau of National Statistics" in joined
    assert f"Дата создания: {DATE}" in texts
    assert "4 из 20" in joined and "2022 (20 регионов)" in joined
    assert len(_unit_paths(doc)) == 20


def test_export_png_has_text_chunks_and_a_drawn_title():
    model = map_page.map_model("2022", "kk", "grp_per_capita_computed", 2019)
    cap = svgexport.caption(model, "2022", "kk", DATE)
    data = svgexport.export_png(_view(model, lang="kk"), cap, scale=1.0)
    img = Image.open(io.BytesIO(data))
    img.load()
    assert img.text["Title"] == cap.title
    assert any(ch in cap.title for ch in "әғқңөұүһі"), cap.title  # Kazakh letters survive (iTXt)
    # The source line in Kazakh: the Bureau's name as data/i18n.json translates it (never the English).
    bns = json.loads((Path(__file__).resolve().parent.parent / "data" / "i18n.json").read_text("utf-8"))
    assert bns["tr_indicators_4"]["kk"] in img.text["Source"], img.text["Source"]
    assert "Bureau of National Statistics" not in img.text["Source"]
    assert img.text["Source"] == svgmap.source_text(model.source_line)
    assert img.text["Creation Time"] == DATE
    # The title band (above the map) has dark pixels: the title was drawn.
    band = img.convert("L").crop((0, 0, img.width, svgexport.PAD + svgexport.TITLE_FONT + 6))
    dark = sum(band.histogram()[:128])
    assert dark > 200, dark
    # Latin-1 text goes into tEXt chunks.
    en = svgexport.caption(map_page.map_model("2022", "en", "roles", None), "2022", "en", DATE)
    raw = svgexport.export_png(_view(map_page.map_model("2022", "en", "roles", None)), en, scale=1.0)
    assert b"tEXtTitle\x00" + en.title.encode("latin-1") in raw


def test_plain_and_source_text():
    assert svgmap.plain("a<br>b <b>c</b> &amp; &lt;d&gt;") == "a\nb c & <d>"
    assert (
        svgmap.source_text("Source: `file.csv`\n\nSource: x\n\nSource: x") == "Source: file.csv · Source: x"
    )


def test_file_stem_is_safe():
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", svgexport.file_name("2022", "user/../../x y", None, "png"))


# --------------------------------------------------------------------------------------------------
# Colour scales of the model (MapModel.colour): quantile bins, log scale, missing values with a reason


def _legend(root: ET.Element) -> ET.Element:
    return [s for s in root if s.get("class") == "kzmap-legend"][0]


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_quantile_map_colours_units_by_bin_and_lists_the_bins(lang):
    model = map_page.map_model("2022", lang, "grp", 2024, measure=map_page.Measure(scale="quantile"))
    root = _xml(svgmap.map_html(_view(model, lang=lang)))
    fills = {p.get("data-iso"): p.get("fill") for p in _unit_paths(root)}
    legend = _legend(root)
    swatches = [r.get("fill") for r in legend.iter(f"{SVG}rect")]
    texts = [t.text for t in legend.iter(f"{SVG}text")]
    # No colour bar: five squares, Viridis' ends first and last, each labelled with its bin's edges.
    assert not list(legend.iter(f"{SVG}linearGradient"))
    assert len(swatches) == 5 == len(set(swatches))
    assert swatches[0] == "#440154" and swatches[-1] == "#fde725"
    assert texts[-5:] == model.colour.ticktext and all(" – " in t for t in texts[-5:])
    # Bins by rank, computed here: of 20 values, the value of rank r goes to bin floor(r * 5 / 20).
    values = {u.iso_code: u.value for u in model.units}
    assert all(v is not None for v in values.values())
    ranked = sorted(values, key=values.get)
    for r, code in enumerate(ranked):
        assert fills[code] == swatches[r * 5 // len(ranked)], code


def test_log_map_colours_by_the_logarithm_and_labels_its_ticks():
    import math

    model = map_page.map_model("2022", "en", "population", 2024, measure=map_page.Measure(scale="log"))
    assert model.colour.kind == "log"
    root = _xml(svgmap.map_html(_view(model)))
    fills = {p.get("data-iso"): p.get("fill") for p in _unit_paths(root)}
    values = {u.iso_code: u.value for u in model.units}
    lo, hi = math.log10(min(values.values())), math.log10(max(values.values()))
    for code, v in values.items():
        assert fills[code] == svgmap.numeric_colour(math.log10(v), lo, hi), code
    # On a log scale the middle colour is the geometric mean's, not the arithmetic mean's.
    mid = math.sqrt(min(values.values()) * max(values.values()))
    assert svgmap.numeric_colour(math.log10(mid), lo, hi) == svgmap.numeric_colour(0.5, 0, 1)
    legend = _legend(root)
    labels = [t.text for t in legend.iter(f"{SVG}text")][2:]  # after the title's two lines
    assert labels and set(labels) <= {"500,000", "1,000,000", "2,000,000"}
    # Each tick mark sits at its value's place on the bar.
    bar = next(r for r in legend.iter(f"{SVG}rect") if r.get("fill") == "url(#kzmap-scale)")
    x0, w = float(bar.get("x")), float(bar.get("width"))
    marks = [float(line.get("x1")) for line in legend.iter(f"{SVG}line")]
    assert len(marks) == len(labels)
    for label, x in zip(labels, marks, strict=True):
        expected = x0 + w * (math.log10(float(label.replace(",", ""))) - lo) / (hi - lo)
        assert x == pytest.approx(expected, abs=0.06), label


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_missing_units_are_hatched_and_say_why(lang):
    i18n = json.loads((Path(__file__).resolve().parent.parent / "data" / "i18n.json").read_text("utf-8"))
    measure = map_page.Measure(show="change", base=2019)
    model = map_page.map_model("2022", lang, "grp_volume_index", 2024, measure=measure)
    root = _xml(svgmap.map_html(_view(model, lang=lang)))
    paths = {p.get("data-iso"): p for p in _unit_paths(root)}
    # Karaganda's 2020 index is for its borders before 2022: not chained, drawn as no data, with why.
    assert paths["KZ-35"].get("fill") == f"url(#{svgmap.HATCH_ID})"
    tip = paths["KZ-35"].find(f"{SVG}title").text
    assert i18n["why_borders"][lang].format(year=2020) in tip
    assert paths["KZ-55"].get("fill").startswith("#")
    legend = [t.text for t in _legend(root).iter(f"{SVG}text")]
    assert i18n["missing"][lang] in legend
    # The legend title's <br> is a line break: the unit is a line of its own.
    assert "(" + i18n["unit_index"][lang].format(base=2019) + ")" in legend


def test_exports_draw_the_quantile_bins():
    model = map_page.map_model("2022", "en", "grp", 2024, measure=map_page.Measure(scale="quantile"))
    view = _view(model)
    cap = svgexport.caption(model, "2022", "en", DATE)
    doc = ET.fromstring(svgexport.export_svg(view, cap).encode("utf-8"))
    fills = [r.get("fill") for r in doc.iter(f"{SVG}rect")]
    colours = svgmap.bin_colours(5)
    assert all(c in fills for c in colours)
    texts = [t.text for t in doc.iter(f"{SVG}text")]
    assert all(label in texts for label in model.colour.ticktext)
    # The PNG: each bin's square, where the shared legend layout puts it, is filled with its colour.
    img = Image.open(io.BytesIO(svgexport.export_png(view, cap, scale=1.0))).convert("RGB")
    layout = svgexport._export_layout(view, cap)
    items, _ = svgmap.legend_layout(view, layout["styled"], min(svgmap.frame().width, 560))
    squares = [it for it in items if isinstance(it, svgmap.LegendSwatch)]
    assert [sq.entry.colour for sq in squares] == colours
    for sq in squares:
        x = int(svgexport.PAD + sq.x + svgmap.SWATCH / 2)
        y = int(layout["legend_y"] + sq.y + svgmap.SWATCH / 2)
        r, g, b = img.getpixel((x, y))
        assert f"#{r:02x}{g:02x}{b:02x}" == sq.entry.colour


def test_a_city_in_focus_is_well_formed(numeric_model):
    """A city under a filter: its marker has one stroke-width, thicker than an unfocused city's."""
    root = _xml(svgmap.map_html(_view(numeric_model, lang="ru", highlight={"KZ-71"})))
    rings = {c.get("data-city"): float(c.get("stroke-width")) for c in root.iter(f"{SVG}circle")}
    assert rings["KZ-71"] > rings["KZ-75"]


@pytest.mark.parametrize("layout", ["2022", "2020"])
@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_caspian_label_lies_clear_of_every_region(layout, lang):
    """The Caspian's name, each line's box measured in its font, meets no region's bounding box."""
    model = map_page.map_model(layout, lang, "roles", None)
    root = _xml(svgmap.map_html(_view(model, layout, lang)))
    boxes = []
    for p in _unit_paths(root):
        pts = [pt for ring, _ in svgmap._rings(p.get("d")) for pt in ring]
        boxes.append((p.get("data-iso"), min(x for x, _ in pts), min(y for _, y in pts),
                      max(x for x, _ in pts), max(y for _, y in pts)))  # fmt: skip
    name = json.loads((Path(__file__).resolve().parent.parent / "data" / "i18n.json").read_text("utf-8"))[
        "map_label_caspian"
    ][lang]
    lines = [t for t in root.iter(f"{SVG}text") if (t.text or "") and t.text in name]
    assert " ".join(t.text for t in lines) == name  # every word drawn, nothing else of the name
    for t in lines:
        size = float(t.get("font-size", 13))
        w = svgmap.text_width(t.text, int(size))
        x, y = float(t.get("x")), float(t.get("y"))
        left, top, right, bottom = x - w / 2, y - 0.8 * size, x + w / 2, y + 0.25 * size
        assert left >= 0 and right <= svgmap.MAP_WIDTH and bottom <= svgmap.frame().height, t.text
        for code, x0, y0, x1, y1 in boxes:
            assert right < x0 or left > x1 or bottom < y0 or top > y1, (t.text, code)
