"""The regional table: one row per unit of a layout, the same table the app offers for download.

Columns come from the registry (codes, names, type, centre), the computed geography (area, borders,
coast, neighbours), the role catalogue (roles and their basis, designated and measured sectors) and the
regional statistics (one column per ``<indicator>_<year>``).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from typing import Any

import pandas as pd

from regions.base import vocab
from regions.base.i18n import LANGS, t
from regions.base.metadata import load_meta
from regions.base.vocab import NATIONAL
from regions.geo import geography, registry
from regions.policy import roles, sectors
from regions.present.labels import flag_notes, indicator_source_line, table_column_label
from regions.stats import statistics
from regions.stats.columns import parse_column
from regions.uploads.upload import neutralise_frame
from regions.uploads.userdata import UserIndicator

IDENTITY_COLUMNS = ["iso_code", "kato", "name_en", "name_ru", "name_kk", "type", "centre"]
GEOGRAPHY_COLUMNS = [
    "area_km2",
    *[f"border_km_{c}" for c in geography.NEIGHBOUR_COUNTRIES],
    "coast_km_caspian",
    "neighbours",
]
ROLE_COLUMNS = ["roles", "role_basis", "sectors_designated", "sectors_measured"]
FORMATS = ("csv", "xlsx", "geojson", "zip")  # zip: the CSV with its data dictionary beside it

# Data files whose metadata describe the table's columns; listed in the XLSX "sources" sheet.
TABLE_DATA_FILES = [
    "registry.json",
    "lineage.csv",
    "boundaries_{layout}.geojson",
    "geography_{layout}.csv",
    "roles.json",
    "sectors.json",
    "statistics.csv",
    "indicators.json",
]


def identity_frame(layout: str) -> pd.DataFrame:
    """Codes, names, type and centre of every unit of ``layout``."""
    rows = []
    for unit in registry.units(layout):
        rows.append(
            {
                "iso_code": unit.iso_code,
                "kato": unit.kato,
                "name_en": unit.name["en"],
                "name_ru": unit.name["ru"],
                "name_kk": unit.name["kk"],
                "type": unit.type,
                "centre": unit.centre_for(layout).name["en"],
            }
        )
    return pd.DataFrame(rows).set_index("iso_code", drop=False)


def for_people(frame: pd.DataFrame, layout: str, lang: str) -> pd.DataFrame:
    """The identity columns of a regional table written in ``lang`` for the page: the unit's type in words
    (``type_oblast``, ``type_city``) and its administrative centre's name in ``lang``.

    The downloads keep the machine values (``oblast``, the English name); only what a person reads changes.
    """
    out = frame.copy()
    if "type" in out:
        out["type"] = [t(f"type_{v}", lang) if v in ("oblast", "city") else v for v in out["type"]]
    if "centre" in out and "iso_code" in out:
        units = {u.iso_code: u for u in registry.units(layout)}
        out["centre"] = [
            units[c].centre_for(layout).name[lang] if c in units else centre
            for c, centre in zip(out["iso_code"], out["centre"], strict=True)
        ]
    return out


def regional_table(layout: str, with_national: bool = False, lineage_rule: str = "inherit") -> pd.DataFrame:
    """Build the regional table of ``layout``.

    Parameters
    ----------
    layout
        ``"2022"`` (20 units) or ``"2020"`` (17 units, as at the address).
    with_national
        Append a row ``iso_code == "KZ"`` with national totals (geography summed where additive).
    lineage_rule
        ``"inherit"`` or ``"strict"``: whether regions split off in 2022 carry their predecessor's roles
        (see :func:`regions.policy.roles.assignments`); decides the role and designated-sector columns.

    Returns
    -------
    pandas.DataFrame
        One row per unit in ISO-code order, columns as in :data:`IDENTITY_COLUMNS`,
        :data:`GEOGRAPHY_COLUMNS`, :data:`ROLE_COLUMNS`, then ``<indicator>_<year>``.
    """
    table = identity_frame(layout)
    geo = geography.load_geography(layout)[GEOGRAPHY_COLUMNS]
    table = table.join(geo)
    table = table.join(_role_columns(layout, lineage_rule))
    stats = _statistics_columns(layout)
    if stats is not None:
        stats = _round_indicators(stats)
        table = table.join(stats.drop(index=NATIONAL, errors="ignore"))
    table = table.reset_index(drop=True)
    if with_national:
        table = pd.concat([table, _national_row(table, stats)], ignore_index=True)
    return table


def _role_columns(layout: str, lineage_rule: str) -> pd.DataFrame:
    assignments = roles.assignments(layout, lineage_rule)
    rows = {}
    for unit in registry.units(layout):
        mine = [a for a in assignments if a.iso_code == unit.iso_code]
        rows[unit.iso_code] = {
            "roles": ";".join(a.role_id for a in mine),
            "role_basis": ";".join(f"{a.role_id}:{a.basis}" for a in mine),
            "sectors_designated": ";".join(
                sectors.designated_sectors(unit.iso_code, layout, lineage_rule=lineage_rule)
            ),
            "sectors_measured": ";".join(sectors.measured_sectors(unit.iso_code, layout)),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def _statistics_columns(layout: str) -> pd.DataFrame | None:
    return statistics.wide_table(layout, areas=geography.areas(layout))


def _round_indicators(stats: pd.DataFrame) -> pd.DataFrame:
    """Round every indicator column to the precision of its source, so exports carry no float noise.

    A reported figure keeps its indicator's ``decimals`` (the precision BNS publishes; sums of successors
    would otherwise show ``1409753.2000000002``); a computed ratio, and a volume index (whose published
    figures have ``decimals`` places, and whose 2020-layout weighted means are the project's), keep one
    decimal more than they are shown with.
    """
    indicators = statistics.load_indicators()
    out = stats.copy()
    for col in out.columns:
        parsed = parse_column(col, statistics.load_indicators())
        if parsed is not None:
            ind = parsed[0]
            decimals = int(indicators[ind].get("decimals", 1))
            # Computed ratios and the 2020 layout's weighted means of volume indices keep one decimal more.
            extra = 1 if indicators[ind]["kind"] in ("computed", "volume_index") else 0
            out[col] = out[col].round(decimals + extra)
    return out


def _national_row(table: pd.DataFrame, stats: pd.DataFrame | None) -> pd.DataFrame:
    row: dict[str, Any] = {c: "" for c in table.columns}
    row.update(
        {
            "iso_code": NATIONAL,
            **{f"name_{lang}": t("kazakhstan", lang) for lang in LANGS},
            "type": "country",
            "centre": registry.get("KZ-71").name["en"],  # the capital, a city of the registry
            "kato": "",
            "neighbours": "",
        }
    )
    for col in GEOGRAPHY_COLUMNS:
        if col != "neighbours":
            row[col] = round(float(table[col].sum()), 1)
    if stats is not None and NATIONAL in stats.index:
        for col, value in stats.loc[NATIONAL].items():
            row[col] = value
    return pd.DataFrame([row], columns=table.columns)


# --------------------------------------------------------------------------------------------------
# Export


def sources_frame(layout: str) -> pd.DataFrame:
    """One row per source of every data file behind the table (for the XLSX ``sources`` sheet)."""
    return _sources_of([pattern.format(layout=layout) for pattern in TABLE_DATA_FILES])


def _sources_of(names: Sequence[str]) -> pd.DataFrame:
    rows = []
    for name in names:
        meta = load_meta(name)
        for s in meta["sources"]:
            rows.append(
                {
                    "data_file": f"data/{name}",
                    "data_title": meta["title"],
                    "data_licence": meta["licence"],
                    "producer": s["producer"],
                    "source_title": s["title"],
                    "element_id": s.get("element_id") or "",
                    "reference_year": s.get("reference_year") or "",
                    "url": s["url"],
                    "source_licence": s["licence"],
                    "accessed": s["accessed"],
                    "via": s.get("via", ""),
                    "method": meta.get("method", ""),
                }
            )
    return pd.DataFrame(rows)


def with_user_columns(table: pd.DataFrame, layout: str, users: Sequence[UserIndicator]) -> pd.DataFrame:
    """``table`` with one column per user indicator, named by its id (``user:<file>/<column>``).

    A unit gets the user's figure only where the file has one for exactly that unit
    (:meth:`regions.uploads.userdata.UserIndicator.value`); the national row gets the file's total.
    """
    out = table.copy()
    for ind in users:
        out[ind.id] = [ind.value(code, layout) for code in out["iso_code"]]
        out[ind.id] = out[ind.id].astype(float)
    return out


def user_sources_frame(users: Sequence[UserIndicator]) -> pd.DataFrame:
    """Rows for the XLSX ``sources`` sheet that say which columns are the user's own upload."""
    return pd.DataFrame(
        [
            {
                "data_file": f"(your upload) {ind.file_name}",
                "data_title": f"column {ind.column} as {ind.id}",
                "data_licence": "",
                "producer": "you (uploaded in this session; not checked by the project)",
                "source_title": ind.file_name,
                "url": "",
                "accessed": "",
                "method": f"rows matched to regions by name or code: {ind.report.matched} of {ind.report.data_rows}",
            }
            for ind in users
        ]
    )


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so that Excel opens Cyrillic text correctly.

    Text cells that a spreadsheet would run as a formula are neutralised (:func:`upload.neutralise_frame`);
    numbers stay numbers.
    """
    return neutralise_frame(table).to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def dictionary(table: pd.DataFrame, users: Sequence[UserIndicator] = ()) -> pd.DataFrame:
    """The data dictionary of ``table``: per column its id, label in three languages, unit, source, note
    and flags.

    Indicator columns (``<indicator>_<year>``) are described by their indicator; ``flags`` says when the
    column's year is preliminary or follows a series break (``flags`` of ``data/indicators.json``), empty
    otherwise. The user's columns are described as the user's.
    """

    indicators = statistics.load_indicators()
    by_id = {u.id: u for u in users}
    rows = []
    for col in table.columns:
        parsed = parse_column(col, statistics.load_indicators())
        labels = {f"label_{lang}": table_column_label(col, lang, with_flag=False) for lang in LANGS}
        flags = ""
        if parsed is not None:
            meta = indicators[parsed[0]]
            unit, source, note = (
                meta["unit"]["en"],
                indicator_source_line(parsed[0]),
                meta["notes"].get("en", ""),
            )
            # The column's year flagged (preliminary, after a series break): said here, never in a value.
            flags = "; ".join(flag_notes(parsed[0], parsed[1], "en"))
        elif col in by_id:
            unit, source, note = "", f"your upload {by_id[col].file_name}", "not a published source"
        else:
            unit, source, note = "", "see the sources sheet (registry, lineage, geography, roles)", ""
        rows.append({"id": col, **labels, "unit": unit, "source": source, "note": note, "flags": flags})
    return pd.DataFrame(rows)


def view_rows(
    layout: str,
    lang: str,
    *,
    date: str,
    lineage_rule: str = "inherit",
    sectors: Sequence[str] = (),
    mode: str = "either",
    rows: str = "",
    with_national: bool = False,
) -> list[tuple[str, str]]:
    """Which view produced a download, as (label, value) rows in ``lang``: layout, sector filter, rows,
    roles of split regions, years and indicators, language, date (ISO)."""
    from regions.base.i18n import LANG_NAMES
    from regions.present.labels import sector_names

    names = sector_names(lang)
    modes = {m: t(f"mode_{m}", lang) for m in ("designated", "measured", "either", "both")}
    flt = (
        f"{', '.join(names.get(s, s) for s in sectors)} ({modes.get(mode, mode)})"
        if sectors
        else t("xlsx_view_no_filter", lang)
    )
    shown = "; ".join(p for p in (rows, t("xlsx_view_with_national", lang) if with_national else "") if p)
    lineage = t("xlsx_view_inherit", lang) if lineage_rule == "inherit" else t("xlsx_view_strict", lang)
    out = [
        (t("xlsx_view_layout", lang), t(f"layout_{layout}", lang)),
        (t("xlsx_view_filter", lang), flt),
        (t("xlsx_view_rows", lang), shown),
        (t("xlsx_view_lineage", lang), lineage),
        (t("xlsx_view_years", lang), t("xlsx_view_all_years", lang)),
        (t("xlsx_view_language", lang), LANG_NAMES[lang]),
        (t("xlsx_view_date", lang), date),
    ]
    return [(k, v) for k, v in out if v]


def _people_order(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The code, then the name in the page's language, then every other column in its order."""
    first = [c for c in ("iso_code", f"name_{lang}") if c in frame.columns]
    return frame[first + [c for c in frame.columns if c not in first]]


def _dress(sheet, frozen: str) -> None:
    """Bold header, columns fitted to their longest text (capped), an autofilter over the table, and the
    header row and first columns frozen at ``frozen`` (e.g. ``"C2"``)."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    for i, column in enumerate(sheet.iter_cols(values_only=True), start=1):
        longest = max((len(str(v)) for v in column[:400] if v is not None), default=0)
        # Numbers keep room for their thousands separators and decimals.
        sheet.column_dimensions[get_column_letter(i)].width = min(max(longest, 6) + 3, 50)
    if sheet.max_row >= 1 and sheet.max_column >= 1:
        sheet.auto_filter.ref = sheet.dimensions
    sheet.freeze_panes = frozen


def column_decimals(name: str) -> int | None:
    """The decimals a column's figures are shown with, on screen and in the XLSX: its indicator's
    ``decimals`` (the source's precision), one for the geography columns, ``None`` for any other column.

    >>> column_decimals("area_km2"), column_decimals("name_en")
    (1, None)
    """
    indicators = statistics.load_indicators()
    parsed = parse_column(str(name), indicators)
    if parsed:
        return int(indicators[parsed[0]].get("decimals", 0))
    return 1 if name in GEOGRAPHY_COLUMNS and name != "neighbours" else None


def _number_formats(sheet, columns: Sequence[str]) -> None:
    """Each indicator column formatted with its indicator's decimals; geography with one decimal."""
    for i, name in enumerate(columns, start=1):
        decimals = column_decimals(str(name))
        if decimals is None:
            continue
        fmt = "#,##0" + ("." + "0" * decimals if decimals else "")
        for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
            if isinstance(cell.value, (int, float)):
                cell.number_format = fmt


def _view_sheet(book, name: str, view: Sequence[tuple[str, str]], lang: str) -> None:
    """The sheet saying which view produced the file: one sentence, then one row per setting."""
    from openpyxl.styles import Font

    sheet = book.create_sheet(name)
    sentence = t("xlsx_view_line", lang, view="; ".join(f"{k}: {v}" for k, v in view))
    sheet.append([sentence])
    sheet["A1"].font = Font(bold=True)
    for k, v in view:
        sheet.append([k, v])
    sheet.column_dimensions["A"].width = max(len(k) for k, _ in view) + 3
    sheet.column_dimensions["B"].width = min(max(len(v) for _, v in view) + 3, 90)
    book.properties.title = sentence  # shown by spreadsheet programs' file properties


def to_xlsx_bytes(
    table: pd.DataFrame,
    layout: str,
    users: Sequence[UserIndicator] = (),
    lang: str = "en",
    view: Sequence[tuple[str, str]] = (),
) -> bytes:
    """XLSX for people: the table on sheet ``regions`` (bold header, fitted widths, autofilter, header row
    and code/name columns frozen, each indicator's decimals, empty cells where a figure is missing), its
    data dictionary on ``dictionary``, every source and licence on ``sources``, and on ``view`` which view
    produced it (:func:`view_rows`).

    ``users``: the user indicators among the table's columns, listed as the user's own upload. ``lang``:
    the sheets' names and the name column shown second (the page's language from the app). ``view``:
    (label, value) rows; without them, the layout, language and date.
    """
    import datetime as dt

    names = {
        "regions": t("sheet_regions", lang),
        "dictionary": t("sheet_dictionary", lang),
        "sources": t("sheet_sources", lang),
    }
    view = list(view) or view_rows(layout, lang, date=dt.date.today().isoformat())
    # "" is text; a missing figure or name is an empty cell.
    data = _people_order(neutralise_frame(table).replace({"": None}), lang)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        # openpyxl would store text beginning with "=" as a formula: neutralised, like the CSV.
        data.to_excel(writer, sheet_name=names["regions"], index=False)
        neutralise_frame(dictionary(table, users)).to_excel(
            writer, sheet_name=names["dictionary"], index=False
        )
        sources = pd.concat([sources_frame(layout), user_sources_frame(users)], ignore_index=True)
        neutralise_frame(sources.fillna("")).to_excel(writer, sheet_name=names["sources"], index=False)
        book = writer.book
        _number_formats(book[names["regions"]], list(data.columns))
        for sheet in book.worksheets:
            named = (
                sheet.title == names["regions"]
                and "iso_code" in data.columns
                and f"name_{lang}" in data.columns
            )
            _dress(sheet, "C2" if named else "B2")
        _view_sheet(book, t("sheet_view", lang), view, lang)
    return buf.getvalue()


def to_zip_bytes(table: pd.DataFrame, layout: str, users: Sequence[UserIndicator] = ()) -> bytes:
    """The CSV with its data dictionary and sources beside it, in one ZIP (as OWID's downloads do)."""

    buf = io.BytesIO()
    sources = pd.concat([sources_frame(layout), user_sources_frame(users)], ignore_index=True).fillna("")
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("regions.csv", to_csv_bytes(table))
        z.writestr("dictionary.csv", to_csv_bytes(dictionary(table, users)))
        z.writestr("sources.csv", to_csv_bytes(sources))
    return buf.getvalue()


def to_geojson_bytes(table: pd.DataFrame, layout: str) -> bytes:
    """GeoJSON FeatureCollection: the layout's boundaries with the table's columns as properties.

    Rows without a boundary (the national row) are left out.
    """
    shapes = {f["id"]: f["geometry"] for f in geography.load_boundaries_json(layout)["features"]}
    features = []
    for record in table.to_dict(orient="records"):
        code = record["iso_code"]
        if code not in shapes:
            continue
        props = {k: (None if _is_missing(v) else _plain(v)) for k, v in record.items()}
        features.append({"type": "Feature", "id": code, "properties": props, "geometry": shapes[code]})
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _is_missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    return value


def export(
    table: pd.DataFrame,
    fmt: str,
    layout: str,
    users: Sequence[UserIndicator] = (),
    lang: str = "en",
    view: Sequence[tuple[str, str]] = (),
) -> bytes:
    """Serialise ``table`` in ``fmt`` (one of :data:`FORMATS`); ``users``, ``lang`` and ``view`` as in
    :func:`to_xlsx_bytes`."""
    if fmt == "csv":
        return to_csv_bytes(table)
    if fmt == "xlsx":
        return to_xlsx_bytes(table, layout, users, lang, view)
    if fmt == "geojson":
        return to_geojson_bytes(table, layout)
    if fmt == "zip":
        return to_zip_bytes(table, layout, users)
    raise ValueError(f"format: {fmt!r} is not one of {', '.join(FORMATS)}")


# --------------------------------------------------------------------------------------------------
# The second level: districts and cities of regional significance

DISTRICT_COLUMNS = ["kato", "parent_iso", "type", "name_en", "name_ru", "name_kk", "centre", "area_km2"]
DISTRICT_FORMATS = ("csv", "xlsx", "zip")
# Data files behind the district table; listed in its XLSX "sources" sheet.
DISTRICT_DATA_FILES = ["districts.csv", "districts.geojson", "registry.json"]


def district_table(region: str | None = None) -> pd.DataFrame:
    """One row per district (of ``region``, any name or code the registry accepts; else of every region).

    Columns as in :data:`DISTRICT_COLUMNS`, in KATO order; ``centre`` is empty where the source names none.
    Population by district is not a column: no citable source was found (``data/districts.csv.meta.json``).
    """
    rows = [
        {
            "kato": d.kato,
            "parent_iso": d.parent,
            "type": d.type,
            "name_en": d.name["en"],
            "name_ru": d.name["ru"],
            "name_kk": d.name["kk"],
            "centre": d.centre["en"] if d.centre else "",
            "area_km2": d.area_km2,
        }
        for d in registry.districts(region)
    ]
    return pd.DataFrame(rows, columns=DISTRICT_COLUMNS)


def district_sources_frame() -> pd.DataFrame:
    """The sources of the district table's data files, as :func:`sources_frame` lists a layout's."""
    return _sources_of(DISTRICT_DATA_FILES)


def with_user_district_columns(table: pd.DataFrame, users: Sequence[Any]) -> pd.DataFrame:
    """``table`` with one column per user district indicator (its figure where the file has the district)."""
    out = table.copy()
    for ind in users:
        out[ind.id] = [ind.values.get(k) for k in out["kato"]]
        out[ind.id] = out[ind.id].astype(float)
    return out


def district_export(table: pd.DataFrame, fmt: str, users: Sequence[Any] = ()) -> bytes:
    """The district table as CSV, or XLSX/ZIP with its ``dictionary`` and ``sources`` like the regional one."""
    if fmt == "csv":
        return to_csv_bytes(table)
    if fmt not in DISTRICT_FORMATS:
        raise ValueError(f"format: {fmt!r} is not one of {', '.join(DISTRICT_FORMATS)}")
    sources = pd.concat([district_sources_frame(), user_sources_frame(users)], ignore_index=True).fillna("")
    dictionary_ = dictionary(table, users)
    if fmt == "zip":
        import zipfile

        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
            z.writestr("districts.csv", to_csv_bytes(table))
            z.writestr("dictionary.csv", to_csv_bytes(dictionary_))
            z.writestr("sources.csv", to_csv_bytes(sources))
        return buf.getvalue()
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        neutralise_frame(table).replace({"": None}).to_excel(writer, sheet_name="districts", index=False)
        neutralise_frame(dictionary_).to_excel(writer, sheet_name="dictionary", index=False)
        neutralise_frame(sources).to_excel(writer, sheet_name="sources", index=False)
        for sheet in writer.book.worksheets:
            sheet.freeze_panes = "A2"
            for i, name in enumerate(next(sheet.iter_rows(min_row=1, max_row=1, values_only=True)), start=1):
                letter = sheet.cell(row=1, column=i).column_letter
                sheet.column_dimensions[letter].width = min(max(len(str(name or "")), 10) + 2, 45)
    return buf.getvalue()


def download_name(layout: str, fmt: str, when: str, filtered: bool = False) -> str:
    """The regional table's file name, e.g. ``kz-regions_2022-layout_2026-11-26.csv`` (:func:`vocab.download_name`)."""
    return vocab.download_name("regions", f"{layout}-layout", "filtered" if filtered else None, when, ext=fmt)
