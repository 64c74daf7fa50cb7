"""Tests of regions.policy.roles and its data files (roles.json, targets.json, the address excerpt)."""

from __future__ import annotations

import contextlib
import io
import json
import math
import shutil
from pathlib import Path

import pytest

from regions.base import schemas
from regions.base.metadata import load_meta
from regions.base.paths import DATA, ROOT
from regions.geo import geography, lineage
from regions.policy import address, roles, targets
from regions.stats import statistics as st

# The reference article sits beside the repository (../shared) in CI and on the build machine; the project
# must not need it, so the one test that compares against it skips when it is absent.
_REFERENCE_CANDIDATES = (
    ROOT.parent / "shared" / "reference" / "address-2020" / "000_ee0734d35d8f2ecc.txt",
    Path("/work/shared/reference/address-2020/000_ee0734d35d8f2ecc.txt"),
)
REFERENCE_ARTICLE = next((p for p in _REFERENCE_CANDIDATES if p.exists()), None)

EXCERPT = address.load_excerpt()
PARAGRAPHS = address.excerpt_paragraphs()
ROLES = {r.id: r for r in roles.load_roles()}
TARGETS = {t["id"]: t for t in targets.load_targets()}
ALL_QUOTES = [(f"role:{r.id}", q.text, q.source) for r in ROLES.values() for q in r.quotes] + [
    (f"target:{t['id']}", q["text"], q["source"]) for t in TARGETS.values() for q in t["quotes"]
]
COMMENTATORS = ("Krutakov", "Pankin", "Fetisov", "Kosherbayev")
METALLURGICAL = ("KZ-35", "KZ-55", "KZ-63")
WESTERN = ("KZ-15", "KZ-23", "KZ-27", "KZ-47")


def by_code(layout: str, role_id: str, lineage_rule: str = "inherit") -> dict[str, roles.Assignment]:
    return {a.iso_code: a for a in roles.assignments(layout, lineage_rule) if a.role_id == role_id}


# ---------------------------------------------------------------------------------------------------- excerpt


@pytest.mark.parametrize(
    ("owner", "text", "source"), ALL_QUOTES, ids=[f"{o}:{i}" for i, (o, _, _) in enumerate(ALL_QUOTES)]
)
def test_quote_is_verbatim_in_excerpt(owner: str, text: str, source: str) -> None:
    body = "\n\n".join(PARAGRAPHS)
    assert text in body, f"{owner}: quote not verbatim in the excerpt's paragraphs"
    assert source in schemas.QUOTE_SOURCES
    assert not any(name in text for name in COMMENTATORS), f"{owner}: a commentator is not the address"


@pytest.mark.parametrize("index", range(len(PARAGRAPHS)))
def test_excerpt_paragraph_is_verbatim_in_reference_article(index: int) -> None:
    if REFERENCE_ARTICLE is None:
        pytest.skip("reference article (../shared/reference/address-2020) not present beside the repository")
    article = REFERENCE_ARTICLE.read_text(encoding="utf-8")
    assert PARAGRAPHS[index] in article.split("\n"), "paragraph must be a whole, unaltered paragraph"


@pytest.mark.parametrize("index", range(len(PARAGRAPHS)))
def test_excerpt_has_no_commentators(index: int) -> None:
    assert not any(name in PARAGRAPHS[index] for name in COMMENTATORS)


def test_excerpt_header_names_the_article() -> None:
    header = EXCERPT.split("\n", 1)[0]
    meta = load_meta(address.EXCERPT_FILE)
    article = meta["sources"][0]
    assert article["producer"] == "Argumenty i Fakty (Arguments and Facts)"
    assert article["title"] in header and "2020-09-03" in header
    assert article["reference_year"] == "2020"
    # A second English text of the address is named, with a warning that its wording may differ.
    assert "may differ" in meta["sources"][1]["note"]
    assert EXCERPT.endswith("\n") and len(PARAGRAPHS) >= 5


def test_every_role_has_a_quote_of_the_address_itself() -> None:
    for role in ROLES.values():
        assert any(q.source == schemas.ADDRESS_SOURCE for q in role.quotes), role.id


@pytest.mark.parametrize(
    "name", ["roles.json", "targets.json", "sectors.json", "sources/address-2020-excerpt.txt"]
)
def test_metadata_follows_schema(name: str) -> None:
    meta = load_meta(name)
    assert meta["sources"]


def test_roles_meta_documents_the_lineage_rule() -> None:
    method = load_meta("roles.json")["method"]
    for word in (
        "direct",
        "interpretation",
        "lineage",
        "inherit",
        "strict",
        "unchanged",
        "retained",
        "units_bordering",
    ):
        assert word in method


# ---------------------------------------------------------------------------------------------- catalogue


def test_required_roles_and_rules() -> None:
    assert ROLES["metallurgy_hightech"].rule == "listed"
    assert ROLES["metallurgy_hightech"].units_2020_listed == METALLURGICAL
    assert ROLES["petrochemicals_west"].rule == "interpretation"
    assert ROLES["petrochemicals_west"].units_2020_listed == WESTERN
    border = ROLES["russia_border"]
    assert (border.rule, border.country, border.units_2020_listed) == ("border", "RUS", ())


def test_petrochemicals_interpretation_explains_the_choice() -> None:
    text = ROLES["petrochemicals_west"].interpretation
    assert text is not None and set(text) == {"en", "ru", "kk"}
    assert "without listing them" in text["en"] and "Western economic region" in text["en"]
    for name in ("Aktobe", "Atyrau", "West Kazakhstan", "Mangystau"):
        assert name in text["en"]


@pytest.mark.parametrize("role_id", ["metallurgy_hightech", "petrochemicals_west", "russia_border"])
def test_role_texts_in_three_languages(role_id: str) -> None:
    role = ROLES[role_id]
    for field in (role.name, role.description):
        assert set(field) == {"en", "ru", "kk"}
        assert all(field[lang].strip() for lang in field)
        # Russian and Kazakh texts are written in Cyrillic, not left in English.
        assert any("\u0400" <= ch <= "\u04ff" for ch in field["ru"] + field["kk"])


# ---------------------------------------------------------------------------------------------- assignments


@pytest.mark.parametrize("code", METALLURGICAL)
def test_metallurgy_2020_direct(code: str) -> None:
    assert by_code("2020", "metallurgy_hightech")[code].basis == "direct"


def test_metallurgy_2020_exactly_the_three() -> None:
    assert sorted(by_code("2020", "metallurgy_hightech")) == list(METALLURGICAL)


@pytest.mark.parametrize(
    ("code", "basis"),
    [
        ("KZ-35", "direct"),
        ("KZ-55", "direct"),
        ("KZ-63", "direct"),
        ("KZ-10", "lineage"),
        ("KZ-62", "lineage"),
    ],
)
def test_metallurgy_2022_inherit(code: str, basis: str) -> None:
    assert by_code("2022", "metallurgy_hightech")[code].basis == basis


def test_metallurgy_2022_inherit_exact_set_and_jetisu_not() -> None:
    held = by_code("2022", "metallurgy_hightech")
    assert sorted(held) == ["KZ-10", "KZ-35", "KZ-55", "KZ-62", "KZ-63"]
    assert "KZ-33" not in held  # Jetisu came from Almaty Region, which had no metallurgical role


def test_strict_rule_drops_split_off_units() -> None:
    held = by_code("2022", "metallurgy_hightech", "strict")
    assert sorted(held) == list(METALLURGICAL)
    assert all(a.basis == "direct" for a in held.values())


@pytest.mark.parametrize(
    ("code", "pred"), [("KZ-10", "East Kazakhstan Region"), ("KZ-62", "Karaganda Region")]
)
def test_lineage_note(code: str, pred: str) -> None:
    note = by_code("2022", "metallurgy_hightech")[code].note
    assert set(note) == {"en", "ru", "kk"}
    assert f"designated as part of {pred} in 2020; a separate region since 2022" in note["en"]
    assert "с 2022 года" in note["ru"] and "2022 жылдан" in note["kk"]


def test_ulytau_note_wording() -> None:
    note = by_code("2022", "metallurgy_hightech")["KZ-62"].note
    assert (
        note["en"]
        == "Ulytau Region: designated as part of Karaganda Region in 2020; a separate region since 2022"
    )
    assert "«Карагандинская область»" in note["ru"] and "«Қарағанды облысы» өңірінің" in note["kk"]


@pytest.mark.parametrize("layout", ["2020", "2022"])
def test_petrochemicals_west_interpretation(layout: str) -> None:
    held = by_code(layout, "petrochemicals_west")
    assert sorted(held) == list(WESTERN)
    assert {a.basis for a in held.values()} == {"interpretation"}
    assert all(set(a.note) == {"en", "ru", "kk"} for a in held.values())


def test_russia_border_2020_is_derived_from_geography() -> None:
    held = by_code("2020", "russia_border")
    assert sorted(held) == geography.units_bordering("RUS", "2020")
    assert roles.units_2020(ROLES["russia_border"]) == geography.units_bordering("RUS", "2020")
    # The address names no border region: the project applied its criterion, so the basis is "rule".
    assert {a.basis for a in held.values()} == {"rule"}
    # Each says how: the criterion, the computed border, in three languages.
    assert all(
        set(a.note) == {"en", "ru", "kk"} and "land border with Russia" in a.note["en"] for a in held.values()
    )


@pytest.mark.parametrize(("code", "borders"), [
    ("KZ-27", True), ("KZ-59", True), ("KZ-63", True),  # West Kazakhstan, North Kazakhstan, East Kazakhstan
    ("KZ-35", False), ("KZ-19", False),  # Karaganda, Almaty Region: no border with Russia
])  # fmt: skip
def test_russia_border_geography_facts(code: str, borders: bool) -> None:
    assert (code in by_code("2020", "russia_border")) is borders


@pytest.mark.parametrize("rule", ["inherit", "strict"])
def test_russia_border_2022_applies_the_criterion_to_2022_borders(rule: str) -> None:
    held = by_code("2022", "russia_border", rule)
    assert sorted(held) == geography.units_bordering("RUS", "2022")
    assert "KZ-10" in held and held["KZ-10"].basis == "rule"  # Abai borders Russia itself


def test_no_unit_holds_the_border_role_as_named() -> None:
    for layout in ("2020", "2022"):
        for rule in ("inherit", "strict"):
            assert all(
                a.basis != "direct" for a in roles.assignments(layout, rule) if a.role_id == "russia_border"
            )


def test_2022_codes_existing_in_2020_keep_basis() -> None:
    before = {(a.role_id, a.iso_code): a.basis for a in roles.assignments("2020")}
    for a in roles.assignments("2022", "strict"):
        if a.basis == "rule":
            continue  # applied to the 2022 borders directly
        assert lineage.link_for(a.iso_code).relation in ("unchanged", "retained")
        assert before[(a.role_id, a.iso_code)] == a.basis


@pytest.mark.parametrize("layout", ["2020", "2022"])
def test_assignments_sorted_and_valid(layout: str) -> None:
    result = roles.assignments(layout)
    assert result == sorted(result, key=lambda a: (a.iso_code, a.role_id))
    assert {a.basis for a in result} <= set(roles.BASES)
    assert {a.iso_code for a in result} <= set(st.layout_units(layout))


# ---------------------------------------------------------------------------------------------- roles_json / CLI


@pytest.mark.parametrize("rule", ["inherit", "strict"])
def test_roles_json_shape(rule: str) -> None:
    out = roles.roles_json(rule)
    assert [r["id"] for r in out] == list(ROLES)
    for entry in out:
        assert list(entry) == ["id", "name", "sectors", "quotes", "assigned_2020", "units_2022"]
        assert set(entry["name"]) == {"en", "ru", "kk"}
        assert all(set(q) == {"text", "source"} for q in entry["quotes"])
        assert entry["assigned_2020"] == sorted(entry["assigned_2020"])
        assert all(set(u) == {"iso_code", "basis"} for u in entry["units_2022"])
        assert all(u["basis"] in roles.BASES for u in entry["units_2022"])
    json.dumps(out)  # serialisable as is
    met = next(r for r in out if r["id"] == "metallurgy_hightech")
    codes = {u["iso_code"]: u["basis"] for u in met["units_2022"]}
    assert met["assigned_2020"] == list(METALLURGICAL)
    if rule == "inherit":
        assert codes == {
            "KZ-10": "lineage",
            "KZ-35": "direct",
            "KZ-55": "direct",
            "KZ-62": "lineage",
            "KZ-63": "direct",
        }
    else:
        assert codes == dict.fromkeys(METALLURGICAL, "direct")


@pytest.mark.parametrize("rule", ["inherit", "strict"])
def test_cli_prints_roles_json(rule: str) -> None:
    from regions import cli

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        status = cli.main(["roles", "--lineage-rule", rule])
    assert status == 0
    assert json.loads(buf.getvalue()) == roles.roles_json(rule)


# ---------------------------------------------------------------------------------------------- bad files


def _write_roles(tmp_path: Path, mutate) -> Path:
    data = json.loads((DATA / "roles.json").read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "roles.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _set_quote(data: list) -> None:
    data[1]["quotes"][0]["text"] = "The western regions of Kazakhstan shall host the new capital."


def _drop_country(data: list) -> None:
    del data[2]["assignment"]["country"]


def _type_border_units(data: list) -> None:
    data[2]["assignment"]["units_2020"] = ["KZ-27"]


def _new_unit_in_2020(data: list) -> None:
    data[0]["assignment"]["units_2020"] = ["KZ-35", "KZ-62"]


def _unknown_sector(data: list) -> None:
    data[0]["sectors"] = ["metallurgy", "space_industry"]


def _no_interpretation(data: list) -> None:
    data[1]["interpretation"] = None


def _paraphrase_only(data: list) -> None:
    for q in data[0]["quotes"]:
        q["source"] = schemas.PARAPHRASE_SOURCE


def _duplicate(data: list) -> None:
    data.append(data[0])


@pytest.mark.parametrize(("mutate", "role_id", "field"), [
    (_set_quote, "petrochemicals_west", "not found verbatim"),
    (_drop_country, "russia_border", "assignment"),
    (_type_border_units, "russia_border", "assignment"),
    (_new_unit_in_2020, "metallurgy_hightech", "KZ-62"),
    (_unknown_sector, "metallurgy_hightech", "space_industry"),
    (_no_interpretation, "petrochemicals_west", "interpretation"),
    (_paraphrase_only, "metallurgy_hightech", "quotes"),
    (_duplicate, "metallurgy_hightech", "duplicate"),
])  # fmt: skip
def test_bad_roles_file(tmp_path: Path, mutate, role_id: str, field: str) -> None:
    path = _write_roles(tmp_path, mutate)
    with pytest.raises(roles.RoleError) as info:
        roles.load_roles(path)
    message = str(info.value)
    assert str(path.name) in message and repr(role_id) in message and field in message
    assert isinstance(info.value, ValueError)


def test_roles_file_not_json(tmp_path: Path) -> None:
    path = tmp_path / "roles.json"
    path.write_text("[{", encoding="utf-8")
    with pytest.raises(roles.RoleError, match="roles.json"):
        roles.load_roles(path)


def test_bad_targets_file(tmp_path: Path) -> None:
    data = json.loads((DATA / "targets.json").read_text(encoding="utf-8"))
    data[0]["quotes"][0]["text"] = "Manufacturing must double by 2022."
    path = tmp_path / "targets.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(targets.TargetError, match="manufacturing_x1_5"):
        targets.load_targets(path)


def test_default_files_load_from_copy(tmp_path: Path) -> None:
    copy = tmp_path / "roles.json"
    shutil.copy(DATA / "roles.json", copy)
    assert roles.load_roles(copy) == roles.load_roles()


# ---------------------------------------------------------------------------------------------- targets


REQUIRED_TARGETS = {
    "manufacturing_x1_5": "target", "sme_gdp_share_35": "target", "sme_employment_4m": "target",
    "export_acceleration": "target", "raw_materials_access": "target", "state_apparatus_cut": "reform",
    "social_code": "reform", "social_payments_digital": "reform", "online_petitions": "reform",
    "local_self_government": "reform", "strategic_planning_agency": "reform",
}  # fmt: skip


@pytest.mark.parametrize(("target_id", "kind"), sorted(REQUIRED_TARGETS.items()))
def test_target_present(target_id: str, kind: str) -> None:
    target = TARGETS[target_id]
    assert target["kind"] == kind
    assert set(target["name"]) == {"en", "ru", "kk"}


def test_manufacturing_target_is_flagged_nominal() -> None:
    target = TARGETS["manufacturing_x1_5"]
    assert target["indicator"] == {
        **target["indicator"],
        "id": "gva_C",
        "base_year": 2019,
        "measure": "nominal",
    }
    assert "1.5 times in five years" in target["quotes"][0]["text"]
    notes = target["notes"]["en"]
    assert "real terms" in notes and "nominal" in notes and "NOT a measure of progress" in notes


@pytest.mark.parametrize("target_id", ["sme_gdp_share_35", "sme_employment_4m"])
def test_sme_targets_have_no_data(target_id: str) -> None:
    assert TARGETS[target_id]["indicator"] is None
    assert "no" in TARGETS[target_id]["notes"]["en"].lower()
    for layout in ("2020", "2022"):
        assert targets.target_progress(target_id, layout) is None


@pytest.mark.parametrize("layout", ["2020", "2022"])
def test_target_progress_manufacturing(layout: str) -> None:
    df = targets.target_progress("manufacturing_x1_5", layout)
    assert list(df.columns) == list(targets.PROGRESS_COLUMNS)
    assert list(df["iso_code"]) == [*st.layout_units(layout), "KZ"]
    assert set(df["measure"]) == {"nominal"}
    assert set(df["latest_year"]) == {st.latest_year("gva_C", layout)}
    kz = df.set_index("iso_code").loc["KZ"]
    # National manufacturing GVA, million KZT (BNS element 5927): 2019 7,972,864.1; 2025 (prelim.) 20,627,624.0.
    assert kz["base_value"] == pytest.approx(7972864.1)
    assert kz["latest_value"] == pytest.approx(20627624.0)
    assert kz["ratio"] == pytest.approx(20627624.0 / 7972864.1)


def test_target_progress_split_units_have_no_2022_base() -> None:
    df = targets.target_progress("manufacturing_x1_5", "2022").set_index("iso_code")
    for code in ("KZ-10", "KZ-33", "KZ-62", "KZ-35", "KZ-63", "KZ-19"):
        assert math.isnan(df.loc[code, "ratio"])
    assert not math.isnan(df.loc["KZ-55", "ratio"])


def test_target_progress_bad_input() -> None:
    with pytest.raises(ValueError, match="target_id"):
        targets.target_progress("gdp_x2", "2022")


# Words that turn the address's "can become" into an obligation, per language.
MUST = {"en": (" must ", " are to ", " shall "), "ru": ("должны", "обязаны"), "kk": ("тиіс", "міндетті")}


def test_translations_keep_the_modality_of_the_address() -> None:
    # Where the address says the regions "can become", no description may say they must.
    for role in roles.load_roles():
        if not any("can become" in q.text for q in role.quotes):
            continue
        for lang, words in MUST.items():
            text = f" {role.description[lang]} "
            assert not any(w in text for w in words), (role.id, lang, role.description[lang])
