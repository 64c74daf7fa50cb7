"""The map to download, as SVG or PNG, with title, subtitle, source line and date drawn in.

Drawn from the same :class:`regions.present.svgmap.MapView` as the page's map, with the same geometry,
colours, labels and legend layout (:func:`regions.present.svgmap.legend_layout`); the PNG is drawn with
Pillow in DejaVu Sans (vendored in ``regions/present/fonts/`` for Cyrillic and Kazakh) and carries its
title, source and date as PNG text chunks.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from regions.base import vocab
from regions.base.i18n import t
from regions.present import figures
from regions.present.svgmap import (
    BORDER_COLOUR,
    FONT_FAMILY,
    FONT_PATH,
    LABEL_COLOUR,
    LAND_COLOUR,
    LEGEND_FONT,
    SWATCH,
    WATER_COLOUR,
    LegendBar,
    LegendText,
    LegendTick,
    MapView,
    Styled,
    _defs,
    _map_body,
    _num,
    _rings,
    _styled,
    city_points,
    frame,
    geometry,
    legend_layout,
    legend_rows,
    map_labels,
    numeric_colour,
    plain,
    source_text,
    wrap,
)


@dataclass(frozen=True)
class Caption:
    """The texts drawn around an exported map."""

    title: str
    subtitle: str
    source: str
    date: str  # ISO date the picture was made, e.g. "2026-12-01"
    date_label: str = "Created"


PAD = 16
TITLE_FONT = 20
SUB_FONT = 14
SOURCE_FONT = 11


def _export_layout(v: MapView, c: Caption) -> dict:
    """Where each block of the exported picture goes (shared by the SVG and the PNG)."""
    f = frame()
    width = f.width + 2 * PAD
    inner = width - 2 * PAD
    title = wrap(c.title, inner, TITLE_FONT)
    sub = wrap(c.subtitle, inner, SUB_FONT) if c.subtitle else []
    y = PAD
    title_y = []
    for _ in title:
        y += TITLE_FONT + 6
        title_y.append(y - 5)
    sub_y = []
    for _ in sub:
        y += SUB_FONT + 6
        sub_y.append(y - 5)
    map_y = y + 8
    s = _styled(v)
    legend, lh = legend_rows(v, s, width=min(inner, 560))
    legend_y = map_y + f.height + 12
    y = legend_y + lh + 8
    source = wrap(source_text(c.source), inner, SOURCE_FONT) + [f"{c.date_label}: {c.date}"]
    source_y = []
    for _ in source:
        y += SOURCE_FONT + 5
        source_y.append(y - 4)
    return dict(
        width=width,
        height=round(y + PAD),
        title=list(zip(title, title_y, strict=True)),
        sub=list(zip(sub, sub_y, strict=True)),
        map_y=map_y,
        legend=legend,
        legend_y=legend_y,
        legend_h=lh,
        source=list(zip(source, source_y, strict=True)),
        styled=s,
    )


def export_svg(v: MapView, c: Caption) -> str:
    """A standalone SVG document of the map with title, subtitle, legend, source line and date."""
    L = _export_layout(v, c)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{L["width"]}" height="{L["height"]}" '
        f'viewBox="0 0 {L["width"]} {L["height"]}">',
        f"<title>{escape(c.title)}</title>",
        f"<desc>{escape(source_text(c.source))}</desc>",
        _defs(),
        f'<rect width="{L["width"]}" height="{L["height"]}" fill="#ffffff"/>',
        f'<g font-family="{FONT_FAMILY}" fill="#212121">',
    ]
    for text, y in L["title"]:
        out.append(
            f'<text x="{PAD}" y="{y}" font-size="{TITLE_FONT}" font-weight="bold">{escape(text)}</text>'
        )
    for text, y in L["sub"]:
        out.append(f'<text x="{PAD}" y="{y}" font-size="{SUB_FONT}" fill="#424242">{escape(text)}</text>')
    out.append("</g>")
    out.append(f'<g transform="translate({PAD} {_num(L["map_y"])})">{_map_body(v, L["styled"])}</g>')
    out.append(f'<g transform="translate({PAD} {_num(L["legend_y"])})">{L["legend"]}</g>')
    out.append(f'<g font-family="{FONT_FAMILY}" font-size="{SOURCE_FONT}" fill="#616161">')
    for text, y in L["source"]:
        out.append(f'<text x="{PAD}" y="{_num(y)}">{escape(text)}</text>')
    out.append("</g></svg>\n")
    return "".join(out)


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _blend(colour: str, alpha: float, under: str = "#ffffff") -> tuple[int, int, int]:
    a, b = _hex(colour), _hex(under)
    return tuple(int(round(alpha * x + (1 - alpha) * y)) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def export_png(v: MapView, c: Caption, scale: float = 2.0) -> bytes:
    """The same picture as :func:`export_svg` as PNG (Pillow), with title, source and date as tEXt chunks.

    Polygons are filled ring by ring (holes drawn over in the colour below them), text in the vendored
    DejaVu Sans, which covers Kazakh and Russian letters.
    """
    from PIL import Image, ImageDraw, ImageFont  # Pillow only when a PNG is exported (import cost)
    from PIL.PngImagePlugin import PngInfo

    L = _export_layout(v, c)
    s: Styled = L["styled"]
    W, H = int(L["width"] * scale), int(L["height"] * scale)
    img = Image.new("RGB", (W, H), "#ffffff")
    draw = ImageDraw.Draw(img)

    def font(size: float):
        return ImageFont.truetype(str(FONT_PATH), max(1, int(round(size * scale))))

    def pts(ring, dx, dy):
        return [((x + dx) * scale, (y + dy) * scale) for x, y in ring]

    def fill_path(d: str, colour, dx: float, dy: float, outline=None, width: float = 0) -> None:
        # Rings in order: a hole is covered by what is drawn after it (a city over its oblast, a lake
        # over the land), so filling every ring is what the SVG shows.
        rings = _rings(d)
        for ring, closed in rings:
            if closed and len(ring) >= 3:
                draw.polygon(pts(ring, dx, dy), fill=colour)
        if outline is not None:
            for ring, closed in rings:
                if len(ring) >= 2:
                    p = pts(ring, dx, dy)
                    draw.line(p + ([p[0]] if closed else []), fill=outline, width=max(1, int(width * scale)))

    f = frame()
    mx, my = PAD, L["map_y"]
    draw.rectangle(
        [mx * scale, my * scale, (mx + f.width) * scale, (my + f.height) * scale], fill=WATER_COLOUR
    )
    geom = geometry(v.layout)
    land, lakes, borders = geom["land"], geom["lakes"], geom["borders"]
    fill_path(land, LAND_COLOUR, mx, my)
    fill_path(lakes, WATER_COLOUR, mx, my)
    fill_path(borders, None, mx, my, outline=BORDER_COLOUR, width=0.6)
    paths = geom
    for u in sorted(v.units, key=lambda u: u.iso_code):
        code = u.iso_code
        colour = s.fills[code]
        rgb = _blend(colour, figures.DIMMED_OPACITY) if code in s.faded else _hex(colour)
        width = 2 if v.highlight is not None and code in v.highlight else 0.6
        fill_path(paths[code], rgb, mx, my, outline="#ffffff", width=width)
        if code in s.hatched:
            _hatch(img, paths[code], mx, my, scale)
    for code, x, y in city_points(v.layout):
        if code not in s.fills:
            continue
        r = 5 * scale
        cx, cy = (x + mx) * scale, (y + my) * scale
        draw.ellipse(
            [cx - r, cy - r, cx + r, cy + r], fill=s.fills[code], outline="#212121", width=int(scale)
        )
    for x, y, text, size in map_labels(v):
        draw.text(((x + mx) * scale, (y + my) * scale), text, fill=LABEL_COLOUR, font=font(size), anchor="ms")
    for text, y in L["title"]:
        draw.text((PAD * scale, y * scale), text, fill="#212121", font=font(TITLE_FONT), anchor="ls")
    for text, y in L["sub"]:
        draw.text((PAD * scale, y * scale), text, fill="#424242", font=font(SUB_FONT), anchor="ls")
    _png_legend(draw, v, s, PAD, L["legend_y"], scale, font, min(f.width, 560))
    for text, y in L["source"]:
        draw.text((PAD * scale, y * scale), text, fill="#616161", font=font(SOURCE_FONT), anchor="ls")
    info = PngInfo()
    # tEXt when the text is Latin-1, else iTXt (UTF-8): Pillow chooses (Russian and Kazakh need iTXt).
    info.add_text("Title", c.title)
    info.add_text("Description", c.subtitle)
    info.add_text("Source", source_text(c.source))
    info.add_text("Creation Time", c.date)
    buf = io.BytesIO()
    img.save(buf, format="PNG", pnginfo=info, optimize=False)
    return buf.getvalue()


def _hatch(img, d: str, dx: float, dy: float, scale: float) -> None:
    """White diagonal stripes over the rings of ``d`` (the SVG's hatch pattern for "no data")."""
    from PIL import Image, ImageDraw  # Pillow only when a PNG is exported (import cost)

    mask = Image.new("L", img.size, 0)
    m = ImageDraw.Draw(mask)
    for ring, closed in _rings(d):
        if closed and len(ring) >= 3:
            m.polygon([((x + dx) * scale, (y + dy) * scale) for x, y in ring], fill=255)
    stripes = Image.new("L", img.size, 0)
    sd = ImageDraw.Draw(stripes)
    step = int(6 * scale)
    w, h = img.size
    for k in range(-h, w, step):
        sd.line([(k, h), (k + h, 0)], fill=255, width=max(1, int(2 * scale)))
    from PIL import ImageChops  # Pillow only when a PNG is exported (import cost)

    img.paste(Image.new("RGB", img.size, "#ffffff"), (0, 0), ImageChops.multiply(mask, stripes))


def _png_legend(draw, v: MapView, s: Styled, x0: float, y0: float, scale: float, font, width: float) -> None:
    """The legend of :func:`legend_layout`, drawn with Pillow (the same positions as the SVG's)."""
    f13 = font(LEGEND_FONT)
    items, _ = legend_layout(v, s, width)
    for it in items:
        if isinstance(it, LegendText):
            draw.text(
                ((x0 + it.x) * scale, (y0 + it.y) * scale), it.text, fill="#212121", font=f13, anchor="ls"
            )
        elif isinstance(it, LegendBar):
            n = max(int(it.w), 1)
            for i in range(n):
                colour = numeric_colour(it.lo + (it.hi - it.lo) * i / max(n - 1, 1), it.lo, it.hi)
                draw.rectangle(
                    [(x0 + it.x + i) * scale, (y0 + it.y) * scale, (x0 + it.x + i + 1) * scale,
                     (y0 + it.y + it.h) * scale],
                    fill=colour,
                )  # fmt: skip
        elif isinstance(it, LegendTick):
            draw.line(
                [(x0 + it.x) * scale, (y0 + it.y) * scale, (x0 + it.x) * scale, (y0 + it.y + it.h) * scale],
                fill="#757575",
                width=max(1, int(scale)),
            )
        else:
            e = it.entry
            colour = _blend(e.colour, figures.DIMMED_OPACITY) if e.faded else _hex(e.colour)
            x, y = x0 + it.x, y0 + it.y
            draw.rectangle([x * scale, y * scale, (x + SWATCH) * scale, (y + SWATCH) * scale], fill=colour,
                           outline="#757575")  # fmt: skip
            if e.hatched:
                for k in range(0, SWATCH, 4):
                    draw.line(
                        [(x + k) * scale, (y + SWATCH) * scale, (x + SWATCH) * scale, (y + k) * scale],
                        fill="#ffffff",
                        width=max(1, int(scale)),
                    )


def caption(model, layout: str, lang: str, date: str, filter_note: str | None = None) -> Caption:
    """The texts of an exported map page: the app's map title; the legend title, the layout and the
    filter (if any) as subtitle; the model's source line; ``date`` (ISO) with its localised label."""

    parts = [plain(model.legend_title).replace("\n", " "), t(f"layout_{layout}", lang)]
    if filter_note:
        parts.append(filter_note)
    return Caption(
        title=t("map_title", lang),
        subtitle=" · ".join(parts),
        source=model.source_line,
        date=date,
        date_label=t("export_created", lang),
    )


def file_name(layout: str, indicator: str, year: int | None, ext: str) -> str:
    """A map download's file name, e.g. ``kz-map_2022-layout_grp_per_capita_2024.svg`` (ids only: safe in a path).

    >>> file_name("2022", "grp_per_capita", 2024, "svg")
    'kz-map_2022-layout_grp_per_capita_2024.svg'
    """
    return vocab.download_name("map", f"{layout}-layout", indicator, year, ext=ext)


