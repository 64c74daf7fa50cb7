"""Write <indicator>.meta.json for each series of issue9."""
import json
MK = "makenerzhan-gif/kazakhstan-economic-data"
KD = "armanbostybayev-maker/kaz-Data"
C454 = "454b3d3aa85bdb463ea0b60b3100906987f83e72"
DIMS_YAML = {"repo": MK, "path": "config/dims.yaml", "commit": "089fdce2b83c8ca4dd61cde7de52e7847904316f",
             "url": f"https://github.com/{MK}/blob/089fdce2b83c8ca4dd61cde7de52e7847904316f/config/dims.yaml",
             "note": "documents the BNS element id, sheet and unit of each processed file; the pipeline reads the xlsx export of each BNS dynamic table (…/api/iblock/element/<id>/file/ru/)"}
PRODUCER = "Bureau of National Statistics of the Republic of Kazakhstan"
BNS_LICENCE = "BNS official statistics; reuse terms not verified (as stated in the project's data/statistics.csv.meta.json)"
MK_LICENCE = "no licence stated: no LICENSE file is stored for the repository and the project's reference notes record that its README states none; figures reused citing BNS as producer"
KD_LICENCE = "no licence stated: no LICENSE file in the stored file listing of the repository; figures reused citing BNS as producer"
ACCESSED = "2026-12-01"
COLS = {"iso_code": "ISO 3166-2 code (KZ-10 … KZ-79), KZ = Republic of Kazakhstan",
        "territory": "2022 = the unit in its borders since June 2022; 2020 = the larger pre-split unit (only KZ-19, KZ-35, KZ-63)",
        "indicator": "indicator id (= file name)", "year": "reference year", "value": "as published, unit in 'unit'"}
def gh(repo, path, commit): return f"https://github.com/{repo}/blob/{commit}/{path}"

metas = {}
metas["grp_volume_index"] = {
 "title": "GRP physical volume index by region (% of previous year)",
 "title_ru": "Индекс физического объёма валового регионального продукта, в % к предыдущему году",
 "description": "Real growth of gross regional product (production approach) by region, previous year = 100, as published by BNS. Not additive.",
 "unit": "% of previous year (previous year = 100)",
 "producer": PRODUCER,
 "bns_element_id": "5926",
 "bns_table": "Индекс физического объёма валового регионального продукта (dims.yaml id GRP_VOLUME_INDEX_BY_REGION; sheet matching '^2001-2026', label column 1)",
 "bns_url": "https://stat.gov.kz/api/iblock/element/5926/file/ru/ (xlsx export read by the intermediary, per config/dims.yaml); CSV export https://stat.gov.kz/api/iblock/element/5926/csv/file/ru/ and page https://stat.gov.kz/ru/industries/economy/national-accounts/dynamic-tables/ (per kaz-Data data/catalog/stat_gov_kz_sources.json)",
 "reference_years": "2015–2025 (Abai KZ-10 and Jetisu KZ-33 from 2021, Ulytau KZ-62 from 2022)",
 "sources": [
   {"role": "values", "repo": MK, "path": "data/processed/dims/grp_volume_index_by_region.csv", "commit": C454,
    "url": gh(MK, "data/processed/dims/grp_volume_index_by_region.csv", C454),
    "note": "a second stored version at commit 99213b132c1d41f00b5c44fab1dbf0841065b2f7 was read too: identical values for 2015–2025 (it differs only in size, apparently line endings)"},
   {"role": "element id / sheet", **DIMS_YAML},
   {"role": "cross-check", "repo": KD, "path": "data/raw/stat/economy/grp_volume_index_2026-09-30.csv", "commit": "4d78fe70111243dd1d635fe216ee1122d329d1a4",
    "url": gh(KD, "data/raw/stat/economy/grp_volume_index_2026-09-30.csv", "4d78fe70111243dd1d635fe216ee1122d329d1a4"),
    "note": "raw BNS CSV (cube) export of el. 5926 downloaded 2026-09-30, label «индекс физического объема валового внутреннего продукта методом производства(Процент)»; it has no 2021 and no 2025 rows and Shymkent/Turkistan only from 2018"}],
 "licence": {"data": BNS_LICENCE, MK: MK_LICENCE, KD: KD_LICENCE},
 "accessed": ACCESSED,
 "method": "Rows 2015–2025 copied digit for digit from the intermediary (tools/grp_volume_index.py); region short codes mapped to ISO 3166-2 with the SOURCES.md table; national row → KZ. Rows of the former South Kazakhstan region (code YKO, 2015–2017) are not stored: that unit has no ISO code in the project (its successors Turkistan KZ-61 and Shymkent KZ-79 are given separately for 2015–2017 in the same table).",
 "checks": [
   "165 cells (2015–2020, 2022–2024, every unit present in both) compared with the raw BNS cube export in kaz-Data: 0 mismatches (tools/check_grp_vi_kazdata.py).",
   "National row equals BNS el. 4440 GDP volume index (makenerzhan gva_volume_index_by_section.csv, item GDP, @454b3d3) for every year 2015–2025.",
   "Not additive (an index): no regional sum check applies."],
 "caveats": [
   "Territory: KZ-19 Almaty Region, KZ-35 Karaganda and KZ-63 East Kazakhstan 2015–2020 are for the pre-2022 borders (territory 2020: they include Jetisu, Ulytau and Abai). The table is NOT recalculated for the 2022 borders before 2021.",
   "2021: BNS gives Abai (107.0) and Jetisu (101.4) separately for 2021, so KZ-63 (103.1) and KZ-19 (111.2) for 2021 are stored as territory 2022 (new borders). Ulytau has no 2021 value in this table, so it is not clear whether Karaganda's 2021 value (103.1) covers the old or the new borders: that row is deliberately LEFT OUT (value present in the source).",
   "Turkistan (KZ-61) and Shymkent (KZ-79) 2015–2017 come from the intermediary's xlsx (BNS gives them from 2011, i.e. recalculated for the 2018 split); the raw cube export only has them from 2018.",
   "2025 is the latest year and should be treated as preliminary (BNS GRP 2025 is preliminary per the project's notes); the 2026-09-30 cube export in kaz-Data stops at 2024.",
   "Revisions: BNS revises GRP; values are those of the intermediary's copy (2026)."],
 "columns": COLS}

metas["gva_volume_index_manufacturing"] = {
 "title": "Manufacturing (ОКЭД section C) gross value added, volume index by region (% of previous year)",
 "title_ru": "ИФО валовой добавленной стоимости по виду деятельности «Обрабатывающая промышленность» (раздел C), по регионам, в % к предыдущему году",
 "description": "Real growth of gross value added of manufacturing (section C) by region, previous year = 100, as published by BNS. Not additive.",
 "unit": "% of previous year (previous year = 100)",
 "producer": PRODUCER,
 "bns_element_id": "450904",
 "bns_table": "ИФО ВДС по видам экономической деятельности, по регионам (dims.yaml id GVA_VOLUME_INDEX_BY_REGION_SECTION; sheets «ИФО ВДС_2010-2017», «ИФО ВДС_2018-2025»; item C «Обрабатывающая промышленность»)",
 "bns_url": "https://stat.gov.kz/api/iblock/element/450904/file/ru/ (xlsx export read by the intermediary, per config/dims.yaml); not recorded in kaz-Data",
 "reference_years": "2015–2025 (Abai, Jetisu, Ulytau from 2021; Turkistan and Shymkent from 2018)",
 "sources": [
   {"role": "values", "repo": MK, "path": "data/processed/dims/gva_volume_index_by_region_section.csv", "commit": C454,
    "url": gh(MK, "data/processed/dims/gva_volume_index_by_region_section.csv", C454)},
   {"role": "element id / sheets", **DIMS_YAML},
   {"role": "cross-check (national)", "repo": MK, "path": "data/processed/dims/gva_volume_index_by_section.csv", "commit": C454,
    "url": gh(MK, "data/processed/dims/gva_volume_index_by_section.csv", C454), "note": "BNS el. 4440, national GVA volume index by section"}],
 "licence": {"data": BNS_LICENCE, MK: MK_LICENCE},
 "accessed": ACCESSED,
 "method": "Item C rows 2015–2025 copied digit for digit (tools/gva_volume_index_c.py). Former South Kazakhstan (YKO, 2015–2017: 101.6, 105.7, 107.2) not stored (no ISO unit); Turkistan/Shymkent are not given before 2018 in this table.",
 "checks": [
   "National row (KZ) equals BNS el. 4440 national GVA volume index of section C for every year 2015–2025 (100.2, 101.8, 106.1, 104.5, 105.8, 104.0, 104.7, 103.6, 104.0, 106.8, 107.0).",
   "Not additive (an index): no regional sum check applies."],
 "caveats": [
   "Territory: KZ-19, KZ-35, KZ-63 2015–2020 are pre-2022 borders (territory 2020). From 2021 the table gives Abai, Jetisu and Ulytau separately, so the 2021 values of the three parent regions are stored as territory 2022. The year regex in dims.yaml notes a footnote on the period «2021 1)» in the 2018–2025 sheet; its text was not available.",
   "No values for Turkistan and Shymkent before 2018 (the table gives the former South Kazakhstan region instead), so KZ-61/KZ-79 start in 2018.",
   "This is the national-accounts GVA index of manufacturing, not the industrial production index; the two differ slightly (e.g. national 2016: 101.8 GVA vs 100.6 IPI).",
   "2025 is the latest year; treat as preliminary."],
 "columns": COLS}

metas["industrial_production_index_manufacturing"] = {
 "title": "Industrial production index, manufacturing (ОКЭД section C), Kazakhstan (% of previous year)",
 "title_ru": "Индекс промышленного производства, обрабатывающая промышленность, в % к предыдущему году",
 "description": "National industrial production (physical volume) index of manufacturing, previous year = 100. The series used to track the target of raising manufacturing output 1.5 times in five years. National only: no regional breakdown of manufacturing IPI was found in an intermediary.",
 "unit": "% of previous year (previous year = 100)",
 "producer": PRODUCER,
 "bns_element_id": "5792",
 "bns_table": "Индексы промышленного производства по видам деятельности (dims.yaml id INDUSTRIAL_PRODUCTION_INDEX_BY_ACTIVITY; sheet «лист»; item C)",
 "bns_url": "https://stat.gov.kz/api/iblock/element/5792/file/ru/ (xlsx export read by the intermediary, per config/dims.yaml); page https://stat.gov.kz/ru/industries/business-statistics/stat-industrial-production/dynamic-tables/",
 "reference_years": "2015–2025",
 "sources": [
   {"role": "values", "repo": MK, "path": "data/processed/dims/industrial_production_index_by_activity.csv", "commit": C454,
    "url": gh(MK, "data/processed/dims/industrial_production_index_by_activity.csv", C454)},
   {"role": "element id / sheet", **DIMS_YAML}],
 "licence": {"data": BNS_LICENCE, MK: MK_LICENCE},
 "accessed": ACCESSED,
 "method": "Item C, region national, 2015–2025 copied digit for digit (tools/ipi_manufacturing.py).",
 "checks": ["Close to, but not identical with, the GVA volume index of section C (el. 450904/4440): same in 2015, 2018, 2019, 2021–2023; differs in 2016 (100.6 vs 101.8), 2017 (105.6 vs 106.1), 2020 (104.1 vs 104.0), 2024 (106.9 vs 106.8), 2025 (107.1 vs 107.0)."],
 "caveats": [
   "The intermediary stores some 2023 values of this table with many decimals (e.g. item 06: 106.69538567321938, item D: 105.35082075994168) — a sign that its 2023 column was not the rounded published figure for some items; item C 2023 is 104.0 (rounded) and is stored as given.",
   "2025 is the latest year; treat as preliminary.",
   "Any cumulative five-year growth (e.g. 2021–2025) is a derived chain product of these indices, not a BNS-published figure; it is not stored here."],
 "columns": COLS}

metas["employed"] = {
 "title": "Employed population by region (thousand persons)",
 "title_ru": "Занятое население, по регионам, тыс. человек",
 "description": "Employed population aged 15+ (labour force survey), annual, by region, as published by BNS. Additive.",
 "unit": "thousand persons",
 "producer": PRODUCER,
 "bns_element_id": "102798",
 "bns_table": "Занятое население, по регионам (dims.yaml id EMPLOYED_BY_REGION; sheet «Показатель»)",
 "bns_url": "https://stat.gov.kz/api/iblock/element/102798/file/ru/ (xlsx export read by the intermediary); CSV https://stat.gov.kz/api/iblock/element/102798/csv/file/ru/ and page https://stat.gov.kz/ru/industries/labor-and-income/stat-empt-unempl/dynamic-tables/ (per kaz-Data catalog)",
 "reference_years": "2016–2025 (2015 is absent from the source; Abai, Jetisu, Ulytau from 2022)",
 "sources": [
   {"role": "values", "repo": MK, "path": "data/processed/dims/employed_by_region.csv", "commit": C454,
    "url": gh(MK, "data/processed/dims/employed_by_region.csv", C454)},
   {"role": "element id / sheet", **DIMS_YAML}],
 "licence": {"data": BNS_LICENCE, MK: MK_LICENCE},
 "accessed": ACCESSED,
 "method": "Rows 2016–2025 copied digit for digit (tools/employed.py). The intermediary has no 2015 row for any unit (gap in the BNS sheet or its parser) — left missing.",
 "checks": ["Sum of units = national row exactly (difference 0.000) for every year 2016–2025: 17 units in 2016–2021, 20 units in 2022–2025 (tools/check_sums.py employed). This also confirms that 2016–2021 are in the pre-2022 layout."],
 "caveats": [
   "Territory: KZ-19, KZ-35, KZ-63 2016–2021 are the pre-2022 units (territory 2020; e.g. Almaty Region 972.99 in 2021 vs 697.679 in 2022). NOT recalculated for the 2022 borders; Abai, Jetisu and Ulytau start in 2022.",
   "Turkistan and Shymkent are given separately from 2010 in this table (recalculated for the 2018 split).",
   "By-section employment by region was not found: the intermediary has only national employment by ОКЭД section (el. 5831) and three broad groups by region (agriculture el. 443430, industry and construction el. 443435, services el. 443438, in persons) — not transcribed here.",
   "Labour-force-survey estimates are revised when population estimates are re-based (2021 census)."],
 "columns": COLS}

metas["investment_fixed_capital"] = {
 "title": "Investment in fixed capital by region (million KZT, current prices)",
 "title_ru": "Инвестиции в основной капитал, по регионам, млн тенге",
 "description": "Fixed capital investment by region, current prices, as published by BNS. Additive.",
 "unit": "million KZT (current prices)",
 "producer": PRODUCER,
 "bns_element_id": "5546",
 "bns_table": "Инвестиции в основной капитал, по регионам (dims.yaml id INVESTMENT_BY_REGION; sheet «Лист1»)",
 "bns_url": "https://stat.gov.kz/api/iblock/element/5546/file/ru/ (xlsx export read by the intermediary); CSV https://stat.gov.kz/api/iblock/element/5546/csv/file/ru/ and page https://stat.gov.kz/ru/industries/business-statistics/stat-invest/dynamic-tables/ (per kaz-Data catalog)",
 "reference_years": "2015–2025 (Turkistan and Shymkent from 2018; Abai, Jetisu, Ulytau from 2022)",
 "sources": [
   {"role": "values", "repo": MK, "path": "data/processed/dims/investment_by_region.csv", "commit": C454,
    "url": gh(MK, "data/processed/dims/investment_by_region.csv", C454)},
   {"role": "element id / sheet", **DIMS_YAML}],
 "licence": {"data": BNS_LICENCE, MK: MK_LICENCE},
 "accessed": ACCESSED,
 "method": "Rows 2015–2025 copied digit for digit (tools/investment.py); the intermediary writes whole millions as floats (e.g. 199021.0), kept as written. Former South Kazakhstan (YKO) 2015–2017 (417562, 380570, 485402) used only in the sum check, not stored (no ISO unit).",
 "checks": ["Sum of units = national row exactly for 2015–2023 and 2025 (2015–2017 including YKO); 2024: regions sum to 19461332 vs national 19461333 (−1 million KZT, rounding in the published table; all 2024 cells re-read against the source)."],
 "caveats": [
   "Territory: KZ-19, KZ-35, KZ-63 2015–2021 are the pre-2022 units (territory 2020); not recalculated for the 2022 borders (e.g. East Kazakhstan 834080 in 2021 vs 555271 in 2022).",
   "No Turkistan/Shymkent values before 2018 in this table (South Kazakhstan region instead).",
   "Investment by section (el. 5547) is national only in the intermediary; not transcribed (by region × section not found).",
   "2025 is the latest year; BNS first publishes operational data, treat as preliminary. kaz-Data's CSV cube export of 5546 covers only 2016–2018 (its catalog), so no second-source comparison was made."],
 "columns": COLS}

for k, m in metas.items():
    m = {"indicator": k, **m}
    json.dump(m, open(f"/work/research/issue9/{k}.meta.json", "w"), ensure_ascii=False, indent=2)
    print("wrote", k)

# ---- added: employment in industry and construction by region
m = {
 "indicator": "employed_industry_construction",
 "title": "Employed population in industry and construction by region (persons)",
 "title_ru": "Занятое население в промышленности и строительстве, по регионам, человек",
 "description": "Employed persons (labour force survey) in industry (ОКЭД sections B–E) and construction (F) by region, as published by BNS. The closest by-region breakdown of employment by activity found in an intermediary; manufacturing (C) alone by region was not found. Additive.",
 "unit": "persons",
 "producer": PRODUCER,
 "bns_element_id": "443435",
 "bns_table": "Занятое население в промышленности и строительстве, по регионам (dims.yaml id EMPLOYED_INDUSTRY_CONSTRUCTION_BY_REGION; sheet «Показатель», first sub-column of each year; district rows skipped, strict: false)",
 "bns_url": "https://stat.gov.kz/api/iblock/element/443435/file/ru/ (xlsx export read by the intermediary, per config/dims.yaml)",
 "reference_years": "2016–2025 (Turkistan from 2018; Abai, Jetisu, Ulytau from 2022)",
 "sources": [
   {"role": "values", "repo": MK, "path": "data/processed/dims/employed_industry_construction_by_region.csv", "commit": C454,
    "url": gh(MK, "data/processed/dims/employed_industry_construction_by_region.csv", C454)},
   {"role": "element id / sheet", **DIMS_YAML}],
 "licence": {"data": BNS_LICENCE, MK: MK_LICENCE},
 "accessed": ACCESSED,
 "method": "All rows 2016–2025 copied digit for digit (tools/employed_ind_constr.py); floats as written by the intermediary. Former South Kazakhstan (YKO) 2016–2017 (193368, 165193) not stored (no ISO unit).",
 "checks": [
   "Sum of units vs national row (tools/employed_ind_constr.py): exact in 2018, 2019, 2021, 2023, 2024, 2025.",
   "2016 and 2017: the units incl. YKO exceed the national row by exactly the Shymkent value (68725; 63070), i.e. YKO in those years INCLUDES Shymkent city; without Shymkent the sum is exact.",
   "2020: units sum to 1720303 vs national 1720083 (+220); 2022: 1780071 vs 1780060 (+11). Every cell of those years was re-read against the intermediary: the discrepancy is in the source (BNS table or the intermediary's sub-column parsing), not in the transcription."],
 "caveats": [
   "Territory: KZ-19, KZ-35, KZ-63 2016–2021 are pre-2022 units (territory 2020); not recalculated for the 2022 borders.",
   "Shymkent (KZ-79) 2016–2017 is also contained in the former South Kazakhstan figure; Turkistan (KZ-61) has no value before 2018.",
   "Broad group, not section C: do not read as manufacturing employment.",
   "Unit is persons (the total-employment file employed.csv is in thousand persons)."],
 "columns": COLS}
json.dump(m, open("/work/research/issue9/employed_industry_construction.meta.json", "w"), ensure_ascii=False, indent=2)
print("wrote employed_industry_construction")

# ---- added: second-source check for investment (see tools/check_investment_kazdata.py)
p = "/work/research/issue9/investment_fixed_capital.meta.json"
m = json.load(open(p))
m["sources"].append({"role": "cross-check", "repo": KD,
  "path": "data/raw/stat/investment/fixed_capital_investment_2026-09-30.csv", "commit": "4d78fe70111243dd1d635fe216ee1122d329d1a4",
  "url": gh(KD, "data/raw/stat/investment/fixed_capital_investment_2026-09-30.csv", "4d78fe70111243dd1d635fe216ee1122d329d1a4"),
  "note": "raw BNS CSV (cube) export of el. 5546, «Инвестиции в основной капитал(Тысяч тенге казахских)», 2016–2018 only, regions and districts; values carry spurious extra ' 000 000' groups (e.g. '7 762 302 972 000 000' = 7 762 302 972 thousand KZT)"})
m["checks"].append("20 cells (KZ, West Kazakhstan, Almaty city, Pavlodar, Zhambyl, Aktobe 2016–2018; Atyrau 2016–2017) compared with the raw BNS cube export in kaz-Data (thousand KZT): rounded to million KZT they equal the stored values, 0 mismatches (tools/check_investment_kazdata.py). The raw export shows the published million-KZT table is rounded from thousands, which explains the −1 in the 2024 sum check.")
m["caveats"] = [c if not c.startswith("2025 is the latest year; BNS first") else "2025 is the latest year; BNS first publishes operational data, treat as preliminary." for c in m["caveats"]]
json.dump(m, open(p, "w"), ensure_ascii=False, indent=2)
