"""The map names its regions: every unit at the desktop size, what fits at the phone size, never two
names over each other. Boxes are measured here with Pillow's own metrics of the font the SVG asks for."""

from __future__ import annotations

import pytest
import shapely
from PIL import ImageFont

from regions.geo import registry
from regions.present import svgmap


def _names(layout: str, lang: str) -> tuple[tuple[str, str], ...]:
    return tuple((u.iso_code, registry.short_name(u.iso_code, lang)) for u in registry.units(layout))


def _box(label: svgmap.RegionLabel) -> shapely.Polygon:
    font = ImageFont.truetype(str(svgmap.FONT_PATH), label.size)
    width = max(font.getlength(line) for line in label.lines)
    left = label.x - width / 2 if label.anchor == "middle" else label.x
    top = label.y - label.size * 0.8
    return shapely.box(left, top, left + width, top + label.size * 1.15 * len(label.lines))


@pytest.mark.parametrize("layout", ["2022", "2020"])
@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_every_unit_is_named_at_the_desktop_size_and_no_names_overlap(layout, lang):
    labels = svgmap.place_labels(layout, _names(layout, lang), svgmap.DESKTOP_LABEL, False)
    assert sorted(lab.code for lab in labels) == sorted(u.iso_code for u in registry.units(layout))
    shapes = dict(svgmap.unit_shapes(layout))
    cities = {c: (x, y) for c, x, y in svgmap.city_points(layout)}
    boxes = [_box(lab) for lab in labels]
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            assert not a.intersects(boxes[j]), (labels[i], labels[j])
    for lab, box in zip(labels, boxes, strict=True):
        assert "".join(lab.lines).replace(" ", "").replace("-", "") == dict(_names(layout, lang))[lab.code].replace(" ", "").replace("-", "")
        if lab.code in cities:
            x, y = cities[lab.code]
            assert box.distance(shapely.Point(x, y)) < svgmap.CITY_R + 10  # beside its marker
            for cx, cy in cities.values():
                assert box.distance(shapely.Point(cx, cy)) >= svgmap.CITY_R  # never over a marker
        else:
            mid = shapely.Point(lab.x, lab.y - lab.size * 0.35 + lab.size * 1.15 * (len(lab.lines) - 1) / 2)
            assert shapes[lab.code].contains(mid), lab


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_phone_names_lie_mostly_inside_their_region(lang):
    labels = svgmap.place_labels("2022", _names("2022", lang), svgmap.PHONE_LABEL, True)
    shapes = dict(svgmap.unit_shapes("2022"))
    cities = {c for c, _, _ in svgmap.city_points("2022")}
    assert cities <= {lab.code for lab in labels}
    for lab in labels:
        if lab.code not in cities:
            box = _box(lab)
            assert box.intersection(shapes[lab.code]).area >= 0.7 * box.area, lab
