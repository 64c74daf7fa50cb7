"""``python -m regions match``, run as a user would: from another directory, reading its output back."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "regions", "match", *args], cwd=cwd, env=env, capture_output=True, timeout=300
    )


def rows_of(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """An empty working directory away from the repository (files are given by absolute path)."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    return cwd


def test_semicolon_cp1251_file_matches_and_reports(tmp_path, work):
    src = tmp_path / "вrp.csv"
    src.write_bytes(
        (
            "Регион;ВРП, млрд тенге\n"
            "Республика Казахстан;100 000,5\n"
            "Восточно-Казахстанская область;1 234,5\n"
            "ВКО;999\n"
            "Almaty;7\n"
            "г. Алматы;12,25\n"
            "Атлантида;1\n"
        ).encode("cp1251")
    )
    res = cli(str(src), cwd=work)
    err = res.stderr.decode()
    assert res.returncode == 0, err
    assert "Traceback" not in err
    out = rows_of(res.stdout)
    assert not res.stdout.startswith("\ufeff".encode())  # no byte-order mark on a pipe
    assert [r["iso_code"] for r in out] == ["KZ-63", "KZ-75", "KZ"]  # the national row last
    assert list(out[0]) == ["iso_code", "name_en", "Регион", "ВРП, млрд тенге"]
    assert out[0]["name_en"] == "East Kazakhstan Region"
    assert float(out[0]["ВРП, млрд тенге"]) == 1234.5
    assert float(out[1]["ВРП, млрд тенге"]) == 12.25
    assert float(out[2]["ВРП, млрд тенге"]) == 100000.5
    # The report: 6 data rows, 2 regions, the national row, a duplicate, an ambiguous and an unknown name.
    assert "6 data rows; 2 matched a region" in err
    assert "row 2: national total" in err
    assert "rows 3 and 4 both match KZ-63" in err
    assert "row 5: ambiguous: 'Almaty'" in err
    assert "row 7: unmatched: 'Атлантида'" in err


def test_xlsx_with_kato_numbers_to_json_file(tmp_path, work):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["KATO", "Population"])
    sheet.append([100000000, 603000])
    sheet.append([620000000.0, 221000])
    sheet.append([630000000, "н/д"])
    src = tmp_path / "pop.xlsx"
    book.save(src)
    out = tmp_path / "out.json"
    res = cli(str(src), "--format", "json", "-o", str(out), cwd=work)
    assert res.returncode == 0, res.stderr.decode()
    assert res.stdout == b""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data == [
        {"iso_code": "KZ-10", "name_en": "Abai Region", "KATO": "100000000", "Population": 603000.0},
        {"iso_code": "KZ-62", "name_en": "Ulytau Region", "KATO": "620000000", "Population": 221000.0},
        {"iso_code": "KZ-63", "name_en": "East Kazakhstan Region", "KATO": "630000000", "Population": None},
    ]


def test_csv_output_file_has_a_byte_order_mark(tmp_path, work):
    src = tmp_path / "a.csv"
    src.write_text("Region\tGRP\nАбай облысы\t1\xa0234\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    res = cli(str(src), "-o", str(out), cwd=work)
    assert res.returncode == 0, res.stderr.decode()
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode())
    assert rows_of(raw) == [
        {"iso_code": "KZ-10", "name_en": "Abai Region", "Region": "Абай облысы", "GRP": "1234.0"}
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), ["KZ-63", "KZ-35"]),  # detected: 2020 (the parents of the 2022 splits, none of the new units)
        (("--layout", "2020"), ["KZ-63", "KZ-35"]),
        (("--layout", "2022"), ["KZ-63", "KZ-35"]),
    ],
)
def test_old_file_and_layout_option(tmp_path, work, args, expected):
    src = tmp_path / "old.csv"
    src.write_text("Oblast,GRP\nKZ-VOS,1\nКарагандинская обл.,2\n", encoding="utf-8")
    res = cli(str(src), *args, cwd=work)
    err = res.stderr.decode()
    assert res.returncode == 0, err
    assert [r["iso_code"] for r in rows_of(res.stdout)] == expected
    assert ("layout: 2020" in err) is (args != ("--layout", "2022"))


def test_id_column_option(tmp_path, work):
    src = tmp_path / "two.csv"
    src.write_text("Note,Name,GRP\nAbai,Jetisu,5\n", encoding="utf-8")
    res = cli(str(src), "--id-column", "Name", cwd=work)
    assert res.returncode == 0, res.stderr.decode()
    assert [r["iso_code"] for r in rows_of(res.stdout)] == ["KZ-33"]


def test_csv_injection_is_neutralised_and_numbers_stay_numbers(tmp_path, work):
    src = tmp_path / "evil.csv"
    src.write_text(
        "Region,Value,Comment\n"
        'Abai,-5,"=HYPERLINK(""http://evil.example"",""click"")"\n'
        "Jetisu,7,+1+1\n"
        "Ulytau,-2.5,@SUM(A1:A9)\n"
        "Akmola,3,-1+2\n",
        encoding="utf-8",
    )
    res = cli(str(src), cwd=work)
    assert res.returncode == 0, res.stderr.decode()
    out = rows_of(res.stdout)
    assert [r["Comment"] for r in out] == [
        '\'=HYPERLINK("http://evil.example","click")',
        "'+1+1",
        "'@SUM(A1:A9)",
        "'-1+2",
    ]
    assert [r["Value"] for r in out] == ["-5.0", "7.0", "-2.5", "3.0"]  # numbers, no quote prefix
    # A header that would run as a formula is neutralised as well.
    src.write_text("Region,=cmd|' /C calc'!A0\nAbai,1\n", encoding="utf-8")
    res = cli(str(src), cwd=work)
    assert list(rows_of(res.stdout)[0]) == ["iso_code", "name_en", "Region", "'=cmd|' /C calc'!A0"]


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("empty.csv", b"", "empty"),
        ("picture.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a CSV or XLSX"),
        ("broken.xlsx", b"PK\x03\x04\x14\x00garbage", "corrupted XLSX"),
        ("notes.pdf", b"Region,GRP\nAbai,1\n", "not a CSV or XLSX"),
        ("headless.csv", b"1;2\n3;4\n", "no header"),
        ("long.csv", b"Region,GRP\n" + b"Abai,1\n" * 1001, "too many rows"),
        ("missing.csv", None, "cannot read"),
    ],
)
def test_unreadable_file_exits_1_with_one_line(tmp_path, work, name, content, needle):
    src = tmp_path / name
    if content is not None:
        src.write_bytes(content)
    res = cli(str(src), cwd=work)
    err = res.stderr.decode()
    assert res.returncode == 1
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert name in err and needle in err
    assert res.stdout == b""


def test_oversize_file_exits_1(tmp_path, work):
    src = tmp_path / "huge.csv"
    src.write_bytes(b"Region,GRP\n" + b"Abai,1\n" * 720_000)  # 5,040,011 bytes
    res = cli(str(src), cwd=work)
    err = res.stderr.decode()
    assert res.returncode == 1
    assert "huge.csv: file too large (5,040,011 bytes; the limit is 5,000,000 bytes)" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "args", "needle"),
    [
        ("Fruit,Price\napple,1\npear,2\n", (), "no column of region names"),
        ("Region,GRP\nAtlantis,1\nAlmaty,2\nKazakhstan,3\n", ("--id-column", "Region"), "0 matched"),
        ("Region,GRP\nAbai,1\n", ("--id-column", "Oblast"), "no column 'Oblast'"),
    ],
)
def test_nothing_matched_exits_2(tmp_path, work, content, args, needle):
    src = tmp_path / "none.csv"
    src.write_text(content, encoding="utf-8")
    res = cli(str(src), *args, cwd=work)
    err = res.stderr.decode()
    assert res.returncode == 2
    assert needle in err
    assert "Traceback" not in err


def test_unwritable_output_exits_1(tmp_path, work):
    src = tmp_path / "a.csv"
    src.write_text("Region,GRP\nAbai,1\n", encoding="utf-8")
    res = cli(str(src), "-o", str(tmp_path / "no-such-dir" / "out.csv"), cwd=work)
    assert res.returncode == 1
    assert "--output" in res.stderr.decode() and "Traceback" not in res.stderr.decode()
