"""Every schema of the project's data files, once: the JSON schemas and the vocabulary they use.

:mod:`regions.base.store` validates each data file against its schema here on load, so a malformed file is
named with the entry and field at fault before any page or command uses it. Text in the three interface
languages has one schema, :data:`LANG_TEXT` (every language required), and :data:`EN_TEXT` where a
translation may be missing and English is the fallback. CSV files are described by their columns
(:data:`LINEAGE_COLUMNS`, :data:`STATISTICS_COLUMNS`, ...).
"""

from __future__ import annotations

from typing import Any

# The vocabulary of the data files, defined once (the registry, the view and the pages reuse it).
LANGS: tuple[str, ...] = ("en", "ru", "kk")
LAYOUTS: tuple[str, ...] = ("2022", "2020")
TYPES: tuple[str, ...] = ("oblast", "city")
# The second level (data/districts.csv): a district of an oblast, a city of regional significance, or an
# urban district of a city of republican significance (Astana, Almaty, Shymkent).
DISTRICT_TYPES: tuple[str, ...] = ("district", "city", "city_district")
DISTRICT_COLUMNS: tuple[str, ...] = (
    "kato", "parent_iso", "type",
    "name_en", "name_ru", "name_kk", "short_en", "short_ru", "short_kk",
    "centre_en", "centre_ru", "centre_kk", "area_km2", "area_source_km2", "aliases",
)  # fmt: skip
ROLE_RULES: tuple[str, ...] = ("listed", "interpretation", "border")
SECTION_SHARE: dict[str, str] = {"A": "share_agriculture", "B": "share_mining", "C": "share_manufacturing"}
ENTERPRISE_STATUSES: tuple[str, ...] = ("operating", "under_construction", "planned")
# reported: a stored BNS level; volume_index: a stored BNS index, % of the previous year (real change);
# derived_sum: a stored level the project derived by summing reported sub-annual figures (the 12 monthly values of
# a calendar year, written by the build script its method names; always shown with the word "derived");
# computed: derived by regions/stats/statistics.py from stored levels, never stored.
INDICATOR_KINDS: tuple[str, ...] = ("reported", "volume_index", "derived_sum", "computed")
STORED_KINDS: tuple[str, ...] = ("reported", "volume_index", "derived_sum")
# Flags of an indicator's years (data/indicators.json "flags"): preliminary: the figures of the year may be
# revised; break: the series breaks before the year (not strictly comparable with the years before it).
FLAG_KINDS: tuple[str, ...] = ("preliminary", "break")

# A quote is either the address's own words as the article renders them, or (for a few instructions the
# article only reports) the article's paraphrase, which must never be passed off as the address's words.
ADDRESS_SOURCE = (
    "State-of-the-Nation Address, 1 September 2020 (English wording: Arguments and Facts, 3 September 2020)"
)
PARAPHRASE_SOURCE = (
    "Arguments and Facts, 3 September 2020, reporting the State-of-the-Nation Address of 1 September 2020 "
    "(the article's paraphrase, not the address's own words)"
)
QUOTE_SOURCES: tuple[str, ...] = (ADDRESS_SOURCE, PARAPHRASE_SOURCE)

TEXT: dict[str, Any] = {"type": "string", "minLength": 1}
LANG_TEXT: dict[str, Any] = {
    "type": "object",
    "required": list(LANGS),
    "properties": {lang: TEXT for lang in LANGS},
    "additionalProperties": False,
}
EN_TEXT: dict[str, Any] = {
    "type": "object",
    "required": ["en"],
    "properties": {lang: TEXT for lang in LANGS},
    "additionalProperties": False,
}
# Notes of indicators: English required, a translation may be empty while it is missing.
EN_TEXT_OPTIONAL: dict[str, Any] = {
    "type": "object",
    "required": ["en"],
    "properties": {lang: {"type": "string"} for lang in LANGS},
    "additionalProperties": False,
}
NULL_OR_EN_TEXT: dict[str, Any] = {"oneOf": [{"type": "null"}, EN_TEXT]}
ISO_CODE: dict[str, Any] = {"type": "string", "pattern": r"^KZ-\d{2}$"}
ID: dict[str, Any] = {"type": "string", "pattern": r"^[a-z][a-z0-9_]*$"}


# ----------------------------------------------------------------------------------------------------
# Metadata beside every data file

SOURCE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["producer", "title", "url", "licence", "accessed"],
    "properties": {
        "producer": {"type": "string", "minLength": 2},
        "title": {"type": "string", "minLength": 2},
        "element_id": {"type": ["string", "null"]},
        "reference_year": {"type": ["string", "integer", "null"]},
        "url": {"type": "string", "pattern": "^(https?://|pypi:|npm:|file:)"},
        "licence": {"type": "string", "minLength": 2},
        "accessed": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "via": {"type": "string"},
        "note": {"type": "string"},
    },
    "additionalProperties": False,
}

META_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["title", "description", "licence", "sources"],
    "properties": {
        "title": {"type": "string", "minLength": 3},
        "description": {"type": "string", "minLength": 10},
        "licence": {"type": "string", "minLength": 2},
        "sources": {"type": "array", "minItems": 1, "items": SOURCE_SCHEMA},
        "method": {"type": "string"},
        "steps": {"type": "array", "items": {"type": "string"}},
        "columns": {"type": "object", "additionalProperties": {"type": "string"}},
        "caveats": {"type": "array", "items": {"type": "string"}},
        "generated_by": {"type": "string"},
        # Completeness: the data file's record count and SHA-256, checked on every load (regions.base.store).
        "rows": {"type": "integer", "minimum": 0},
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
    },
    "additionalProperties": True,
}


# ----------------------------------------------------------------------------------------------------
# The region registry (data/registry.json)

CENTRE = {
    "type": "object",
    "required": ["name", "lat", "lon"],
    "properties": {
        "name": LANG_TEXT,
        # Kazakhstan's bounding box, with a margin: catches swapped lat/lon and sign slips.
        "lat": {"type": "number", "minimum": 40.0, "maximum": 56.0},
        "lon": {"type": "number", "minimum": 46.0, "maximum": 88.0},
    },
    "additionalProperties": False,
}
UNIT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["iso_code", "iso_old", "kato", "type", "layouts", "name", "short", "centre", "centre_2020",
                 "aliases", "notes"],
    "properties": {
        "iso_code": {"type": "string", "pattern": r"^KZ-\d{2}$"},
        "iso_old": {"type": ["string", "null"], "pattern": r"^KZ-[A-Z]{3}$"},
        "kato": {"type": "string", "pattern": r"^\d{9}$"},
        "type": {"enum": list(TYPES)},
        "layouts": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(LAYOUTS)}},
        "name": LANG_TEXT,
        "short": LANG_TEXT,
        "centre": CENTRE,
        "centre_2020": {"oneOf": [{"type": "null"}, CENTRE]},
        "split_from": {"type": ["string", "null"], "pattern": r"^KZ-\d{2}$"},
        "aliases": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "notes": {"type": "string"},
    },
    "additionalProperties": False,
}  # fmt: skip
REGISTRY_SCHEMA: dict[str, Any] = {"type": "array", "minItems": 1, "items": UNIT_SCHEMA}


# ----------------------------------------------------------------------------------------------------
# Roles and targets of the address (data/roles.json, data/targets.json)

QUOTE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["text", "source"],
    "properties": {"text": {"type": "string", "minLength": 10}, "source": {"enum": list(QUOTE_SOURCES)}},
    "additionalProperties": False,
}

ROLE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "name", "description", "sectors", "quotes", "assignment", "interpretation"],
    "properties": {
        "id": ID,
        "name": LANG_TEXT,
        "description": LANG_TEXT,
        "sectors": {"type": "array", "minItems": 1, "uniqueItems": True, "items": ID},
        # A role exists only because the address says it: at least one quote of its own words.
        "quotes": {
            "type": "array",
            "minItems": 1,
            "items": QUOTE_SCHEMA,
            "contains": {"properties": {"source": {"const": ADDRESS_SOURCE}}},
        },
        "assignment": {
            "type": "object",
            "required": ["rule"],
            "properties": {
                "rule": {"enum": list(ROLE_RULES)},
                "units_2020": {"type": "array", "minItems": 1, "uniqueItems": True, "items": ISO_CODE},
                "country": {"type": "string", "pattern": "^[A-Z]{3}$"},
            },
            "additionalProperties": False,
            # Typed units for listed/interpretation roles; a border role's units are derived, never typed.
            "if": {"properties": {"rule": {"const": "border"}}},
            "then": {"required": ["country"], "not": {"required": ["units_2020"]}},
            "else": {"required": ["units_2020"], "not": {"required": ["country"]}},
        },
        "interpretation": {"oneOf": [{"type": "null"}, LANG_TEXT]},
    },
    "additionalProperties": False,
    # The project's reading of an unnamed group of regions must be explained.
    "if": {"properties": {"assignment": {"properties": {"rule": {"const": "interpretation"}}}}},
    "then": {"properties": {"interpretation": LANG_TEXT}},
}
ROLES_SCHEMA: dict[str, Any] = {"type": "array", "minItems": 1, "items": ROLE_SCHEMA}

# A figure for a target as a government official stated it and a news agency reported it (not a BNS table):
# who said it, the article's exact sentence and where it was read (regions.policy.targets.measured_target).
REPORTED_FIGURE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["year", "value", "said_by", "quote", "source"],
    "properties": {
        "year": {"type": "integer", "minimum": 1990, "maximum": 2100},
        "value": {"type": "number", "exclusiveMinimum": 0},
        "said_by": LANG_TEXT,
        # The article's sentence the value is read from, verbatim (the value must appear in it).
        "quote": {"type": "string", "minLength": 10},
        "source": {
            "type": "object",
            "required": ["producer", "title", "url", "reference_year", "licence", "accessed", "note"],
            "properties": {
                "producer": {"type": "string", "minLength": 2},
                "title": {"type": "string", "minLength": 2},
                "url": {"type": "string", "pattern": "^https://"},
                "reference_year": {"type": "integer", "minimum": 1990, "maximum": 2100},
                "published": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                "licence": {"type": "string", "minLength": 2},
                "accessed": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                "note": {"type": "string", "minLength": 2},
            },
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}
REPORTED_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["goal", "unit", "figures"],
    "properties": {
        "goal": {"type": "number", "exclusiveMinimum": 0},  # in unit: 35 (%), 4 (million people)
        "unit": {"enum": ["percent", "million_people"]},
        "figures": {"type": "array", "minItems": 1, "items": REPORTED_FIGURE_SCHEMA},
    },
    "additionalProperties": False,
}

TARGET_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "kind", "name", "quotes", "indicator", "notes"],
    "properties": {
        "id": ID,
        "kind": {"enum": ["target", "reform"]},
        "name": LANG_TEXT,
        "quotes": {"type": "array", "minItems": 1, "items": QUOTE_SCHEMA},
        "indicator": {
            "oneOf": [
                {"type": "null"},
                {
                    "type": "object",
                    "required": ["id", "base_year", "label", "measure"],
                    "properties": {
                        "id": {"type": "string", "minLength": 1},
                        "base_year": {"type": "integer", "minimum": 1990, "maximum": 2100},
                        "label": EN_TEXT,
                        "measure": {"enum": ["nominal", "real"]},
                    },
                    "additionalProperties": False,
                },
            ]
        },
        "notes": EN_TEXT,
        # The year the address set for the target (e.g. 2025 for "in five years" from 2020).
        "due_year": {"type": "integer", "minimum": 2020, "maximum": 2100},
        # How the target is measured in the project (regions.policy.targets.measured_target): the chained annual
        # indices of a volume-index indicator from base_year to the latest year, against goal (a ratio).
        "measured": {
            "type": "object",
            "required": ["indicator", "base_year", "goal", "measure", "label"],
            "properties": {
                "indicator": {"type": "string", "minLength": 1},
                "base_year": {"type": "integer", "minimum": 1990, "maximum": 2100},
                "goal": {"type": "number", "exclusiveMinimum": 0},
                "measure": {"const": "real"},
                "label": EN_TEXT,
                "why_base": EN_TEXT,
                "also": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["indicator", "base_year"],
                        "properties": {
                            "indicator": {"type": "string", "minLength": 1},
                            "base_year": {"type": "integer", "minimum": 1990, "maximum": 2100},
                        },
                        "additionalProperties": False,
                    },
                },
            },
            "additionalProperties": False,
        },
        # Government figures reported by a news agency (REPORTED_SCHEMA), for targets BNS tables do not cover.
        "reported": REPORTED_SCHEMA,
    },
    "additionalProperties": False,
}
TARGETS_SCHEMA: dict[str, Any] = {"type": "array", "minItems": 1, "items": TARGET_SCHEMA}


# ----------------------------------------------------------------------------------------------------
# Indicators (data/indicators.json) and sectors (data/sectors.json)

INDICATOR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "name", "unit", "kind", "additive", "decimals", "method", "sources", "notes"],
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z][A-Za-z0-9_]*$"},
        "name": LANG_TEXT,
        "unit": LANG_TEXT,
        "kind": {"enum": list(INDICATOR_KINDS)},
        "additive": {"type": "boolean"},
        "decimals": {"type": "integer", "minimum": 0, "maximum": 6},
        "method": {"type": "string"},
        "sources": {"type": "array", "minItems": 1, "items": SOURCE_SCHEMA},
        "notes": EN_TEXT_OPTIONAL,
        # volume_index only: the additive nominal indicator whose previous-year values weight the successors'
        # indices in the 2020 layout (null: no regional weights, e.g. a national-only index).
        "weight": {"type": ["string", "null"], "pattern": "^[a-z][A-Za-z0-9_]*$"},
        # Years marked next to their figures (FLAG_KINDS), each resting on the words of the indicator's notes
        # or sources that say so (``basis``, verbatim; checked by regions.stats.statistics with the years).
        "flags": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["kind", "years", "basis"],
                "properties": {
                    "kind": {"enum": list(FLAG_KINDS)},
                    "years": {
                        "type": "array",
                        "minItems": 1,
                        "uniqueItems": True,
                        "items": {"type": "integer", "minimum": 1990, "maximum": 2100},
                    },
                    "basis": {"type": "string", "minLength": 10},
                },
                "additionalProperties": False,
            },
        },
        # Figures present in the source but deliberately not stored, each with the reason shown instead.
        "withheld": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["iso_code", "year", "reason"],
                "properties": {
                    "iso_code": {"type": "string", "pattern": r"^KZ(-\d{2})?$"},
                    "year": {"type": "integer", "minimum": 1990, "maximum": 2100},
                    "reason": {"type": "string", "minLength": 10},
                    # The figure as the source gives it, kept for what it can honestly be used for (a
                    # group-level chain over the unit's pre-2022 territory), never shown as the unit's own.
                    "value": {"type": "number"},
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
    "allOf": [
        # A computed indicator must say how in words, and a ratio can never be summed across units.
        {
            "if": {"properties": {"kind": {"const": "computed"}}},
            "then": {"properties": {"method": {"minLength": 10}, "additive": {"const": False}}},
        },
        # A sum of months says how it was derived, and is a level that adds up across units.
        {
            "if": {"properties": {"kind": {"const": "derived_sum"}}},
            "then": {"properties": {"method": {"minLength": 10}, "additive": {"const": True}}},
        },
        # A volume index (% of the previous year) is stored, never summed, and names its weights.
        {
            "if": {"properties": {"kind": {"const": "volume_index"}}},
            "then": {"required": ["weight"], "properties": {"additive": {"const": False}}},
            "else": {"not": {"required": ["weight"]}},
        },
    ],
}

INDICATORS_SCHEMA: dict[str, Any] = {"type": "array", "minItems": 1, "items": INDICATOR_SCHEMA}

SECTOR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "name", "designated", "gva_section", "section_is_proxy", "proxy_note"],
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
        "name": LANG_TEXT,
        "designated": {"type": "boolean"},
        "gva_section": {"enum": [*SECTION_SHARE, None]},
        "section_is_proxy": {"type": "boolean"},
        "proxy_note": NULL_OR_EN_TEXT,
        "note": NULL_OR_EN_TEXT,
        # A computed share that measures the sector better than its section (issue 15: base metals' share of a
        # region's exports for metallurgy); the sector's "measured" test uses it instead of the section.
        "measure": {"type": ["string", "null"], "pattern": "^share_[a-z0-9_]+$"},
    },
    "additionalProperties": False,
    # A proxy must name its section and say why it is only a proxy.
    "if": {"properties": {"section_is_proxy": {"const": True}}},
    "then": {"properties": {"gva_section": {"enum": list(SECTION_SHARE)}, "proxy_note": {"type": "object"}}},
    "else": {"properties": {"proxy_note": {"type": "null"}}},
}
SECTORS_SCHEMA: dict[str, Any] = {"type": "array", "minItems": 1, "items": SECTOR_SCHEMA}


# ----------------------------------------------------------------------------------------------------
# Interface strings (data/i18n.json): key -> text in every language

I18N_SCHEMA: dict[str, Any] = {
    "type": "object",
    "minProperties": 1,
    "propertyNames": {"pattern": r"^[a-z][A-Za-z0-9_]*$"},
    "additionalProperties": LANG_TEXT,
}


# ----------------------------------------------------------------------------------------------------
# CSV files: their columns, in order

LINEAGE_COLUMNS: tuple[str, ...] = ("code_2020", "code_2022", "relation", "reform", "decree_date", "in_force")
STATISTICS_COLUMNS: tuple[str, ...] = ("iso_code", "territory", "indicator", "year", "value")
ENTERPRISE_COLUMNS: tuple[str, ...] = (
    "iso_code",
    "enterprise",
    "sector",
    "statement",
    "source_title",
    "source_url",
    "source_date",
    "status",
    "status_as_of",
)

# ----------------------------------------------------------------------------------------------------
# The Russian federal subjects on the Kazakhstan–Russia border (data/russia_border.json, issue 15)

_SOURCE_INDEX: dict[str, Any] = {"type": "integer", "minimum": 0}
RUSSIA_SUBJECT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": [
        "iso_code",
        "name",
        "population_census_2021",
        "population_census_2021_source",
        "population_estimate",
        "population_estimate_label",
        "population_estimate_source",
        "kazakh_neighbours",
        "kazakh_neighbours_sources",
        "million_plus_cities",
    ],
    "properties": {
        "iso_code": {"type": "string", "pattern": "^RU-[A-Z]{2,3}$"},
        "name": LANG_TEXT,
        # null: not sourced, shown as missing (never estimated by the project)
        "population_census_2021": {"type": ["integer", "null"], "minimum": 1},
        "population_census_2021_source": {"oneOf": [_SOURCE_INDEX, {"type": "null"}]},
        "population_estimate": {"type": ["integer", "null"], "minimum": 1},
        "population_estimate_label": {"type": ["string", "null"]},
        "population_estimate_source": {"oneOf": [_SOURCE_INDEX, {"type": "null"}]},
        "kazakh_neighbours": {
            "type": "array",
            "uniqueItems": True,
            "items": {"type": "string", "pattern": r"^KZ-\d{2}$"},
        },
        "kazakh_neighbours_sources": {"type": "array", "items": _SOURCE_INDEX},
        "million_plus_cities": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "population", "year", "source"],
                "properties": {
                    "name": LANG_TEXT,
                    "population": {"type": "integer", "minimum": 1000000},
                    "year": {"type": "integer", "minimum": 1990, "maximum": 2100},
                    "source": _SOURCE_INDEX,
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}
RUSSIA_BORDER_SCHEMA: dict[str, Any] = {"type": "array", "minItems": 1, "items": RUSSIA_SUBJECT_SCHEMA}
