"""No user's upload holds up the others (issue 19, item 7).

A 168 KB XLSX whose sheet has no ``<dimension>`` element unpacks to 49 MB (under the 50 MB limit); openpyxl's
read-only worksheet used to parse all of it before the 1,000-row cap applied (tens of seconds of CPU in
the server process, every other session waiting). The file is built here with ``zipfile`` from hand-written
XML. The reader must stream the sheet and stop at its caps, in a worker process with a time limit; the
last test uploads such files through a real ``streamlit run`` while another session keeps opening a page.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from regions.uploads import sheet, upload

ROOT = Path(__file__).resolve().parent.parent
I18N = json.loads((ROOT / "data" / "i18n.json").read_text(encoding="utf-8"))

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}">'
        '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{_REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}
UNPACKED = 49_000_000  # bytes of sheet XML: under the 50 MB unpack limit (10 x the 5 MB upload limit)
# A data row (a region's name and three numbers) and a row of eight styled but empty cells.
DATA_ROW = (
    '<row><c t="inlineStr"><is><t>Akmola</t></is></c><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>'
)
BLANK_ROW = "<row>" + '<c s="0"/>' * 8 + "</row>"


def workbook(rows: str, *, dimension: str | None = None) -> bytes:
    """An XLSX whose only sheet holds ``rows`` (sheetData's XML), with a ``<dimension>`` only if given."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN_NS}">'
    if dimension is not None:
        head += f'<dimension ref="{dimension}"/>'
    xml = head + "<sheetData>" + rows + "</sheetData></worksheet>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, text in PARTS.items():
            z.writestr(name, text)
        z.writestr("xl/worksheets/sheet1.xml", xml)
    return buf.getvalue()


def dimensionless(row: str) -> bytes:
    """The issue's file: one row repeated until the sheet's XML is :data:`UNPACKED` bytes, no dimension."""
    return workbook(row * ((UNPACKED - 200) // len(row)))


@pytest.fixture(scope="module")
def big_files(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("big")
    files = {}
    for kind, row in (("rows", DATA_ROW), ("blank", BLANK_ROW)):
        path = out / f"dimensionless {kind}.xlsx"
        path.write_bytes(dimensionless(row))
        files[kind] = path
    return files


def test_the_files_are_what_the_issue_describes(big_files):
    for path in big_files.values():
        data = path.read_bytes()
        assert 150_000 < len(data) < 190_000, len(data)  # about 168 KB
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("xl/worksheets/sheet1.xml")
            unpacked = sum(i.file_size for i in z.infolist())
        assert b"<dimension" not in xml
        assert 48_000_000 < unpacked < 10 * upload.MAX_BYTES  # passes the unpack (zip bomb) check


@pytest.mark.parametrize(
    ("kind", "key"), [("rows", "upl_err_too_many_rows"), ("blank", "upl_err_xlsx_too_big")]
)
def test_dimensionless_upload_ends_in_a_clear_message_within_10_s(big_files, kind, key):
    path = big_files[kind]
    t0 = time.monotonic()
    with pytest.raises(upload.UploadError) as err:
        upload.read_table(path.read_bytes(), path.name)
    seconds = time.monotonic() - t0
    assert seconds < 10, f"{path.name}: {seconds:.1f} s"
    message = err.value.message
    # On a machine too busy to read the sheet within the time limit, the limit's message is the clear one.
    assert message.key in (key, "upl_err_xlsx_slow"), message
    assert message.startswith(f"{path.name}: "), message  # the message names the file
    for lang in ("ru", "kk"):  # and is worded in every language
        worded = upload.text_in(message, lang)
        assert worded.startswith(f"{path.name}: ") and worded != str(message), worded


def test_a_misleading_dimension_does_not_cut_the_table():
    # The sheet says it is one cell (A1:A1) but holds a header and three rows: all of them are read.
    def text(ref: str, value: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'

    rows = f'<row r="1">{text("A1", "region")}{text("B1", "wage")}</row>' + "".join(
        f'<row r="{n}">{text(f"A{n}", name)}<c r="B{n}"><v>{value}</v></c></row>'
        for n, (name, value) in enumerate(
            [("Akmola", "100.5"), ("Atyrau", "300"), ("Almaty city", "250")], start=2
        )
    )
    df = upload.read_table(workbook(rows, dimension="A1:A1"), "t.xlsx")
    assert list(df.columns) == ["region", "wage"]
    assert df.index.tolist() == [2, 3, 4]
    assert df["wage"].tolist() == ["100.5", "300", "250"]


def test_rows_after_a_gap_keep_their_spreadsheet_numbers():
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>region</t></is></c><c r="B1" t="inlineStr"><is><t>x</t></is></c></row>'
        '<row r="40"><c r="A40" t="inlineStr"><is><t>Akmola</t></is></c><c r="C40"><v>7</v></c></row>'
    )
    df = upload.read_table(workbook(rows), "gap.xlsx")
    assert df.index.tolist() == [40]
    assert df.loc[40].tolist() == ["Akmola", "", "7"]


def _workers() -> list[int]:
    """Pids of this process's live children running the sheet worker."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(")") + 2 :].split()[1])
        if ppid == os.getpid() and b"regions.uploads.sheet" in cmdline and " Z " not in stat:
            found.append(int(entry))
    return found


def test_a_slow_workbook_is_stopped_at_the_time_limit(big_files):
    data = big_files["blank"].read_bytes()
    t0 = time.monotonic()
    with pytest.raises(sheet.SheetError) as err:
        sheet.sheet_rows_isolated(data, upload.MAX_ROWS, time_limit=0.3)
    assert time.monotonic() - t0 < 3
    assert err.value.key == "upl_err_xlsx_slow" and err.value.params == {"seconds": "0.3"}
    assert _workers() == []  # the worker was killed, not left running
    message = upload.Message("upl_err_xlsx_slow", name="big.xlsx", **err.value.params)
    assert message.startswith("big.xlsx: ") and "0.3 s" in message


def test_the_worker_reads_dates_numbers_booleans_and_strings():
    """The worker's texts for a workbook written by openpyxl (shared strings, a date style, floats)."""
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["region", "when", "n", "ok", "share"])
    ws.append(["Akmola", dt.datetime(2024, 1, 31), 630000000.0, True, 0.125])
    ws.append(["Atyrau", dt.datetime(2023, 5, 1, 12, 30), -4, False, None])
    buf = io.BytesIO()
    book.save(buf)
    rows, title = sheet.sheet_rows_isolated(buf.getvalue(), upload.MAX_ROWS)
    assert title == "Sheet"
    assert [n for n, _ in rows] == [1, 2, 3]
    assert [cells[:5] for _, cells in rows] == [
        ["region", "when", "n", "ok", "share"],
        ["Akmola", "2024-01-31T00:00:00", "630000000", "TRUE", "0.125"],
        ["Atyrau", "2023-05-01T12:30:00", "-4", "FALSE", ""],
    ]


# --------------------------------------------------------------------------------------------------
# Through a real server: another session's page keeps answering while the file is read


PROBE_QUERY = "region=KZ-35"  # a profile: one of the slower pages (about 150 ms warm)


# Another user, in a process of its own (as another person's browser would be: not sharing this test
# process's interpreter with Playwright): opens /region?region=KZ-35 in a new session every 0.2 s, at most
# 500 times, and prints each page load as JSON [start (time.monotonic, system-wide), seconds, error].
PROBE = """
import asyncio, json, sys, time
from bench.load import Session

async def loop(url):
    for _ in range(500):
        session = Session(url, timeout=15)
        start = time.monotonic()
        try:
            await session.open()
            _, error = await session.run(sys.argv[2], page_name="region")
        except Exception as exc:
            error = "connect: " + type(exc).__name__
        finally:
            await session.close()
        print(json.dumps([start, time.monotonic() - start, error]), flush=True)
        await asyncio.sleep(0.2)

asyncio.run(loop(sys.argv[1]))
"""


def _start_probe(ws_url: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", PROBE, ws_url, PROBE_QUERY], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )


def _stop_probe(proc: subprocess.Popen) -> list[tuple[float, float, str | None]]:
    proc.kill()
    out, _ = proc.communicate(timeout=30)
    return [tuple(json.loads(line)) for line in out.splitlines() if line.startswith("[")]


@pytest.mark.browser
def test_other_sessions_answer_while_a_dimensionless_xlsx_is_uploaded(chromium, big_files):
    from playwright.sync_api import sync_playwright

    from bench.load import Session
    from bench.servers import streamlit_server

    with streamlit_server("app") as server:
        ws_url = server.base.replace("http://", "ws://") + "/_stcore/stream"

        async def warm() -> None:  # the probe's page once, so that its first run does not count
            s = Session(ws_url, timeout=60)
            await s.open()
            try:
                _, error = await s.run(PROBE_QUERY, page_name="region")
                assert error is None, error
            finally:
                await s.close()

        asyncio.run(warm())  # before Playwright's sync API, which runs an event loop in this thread
        with sync_playwright() as pw:
            _upload_while_probing(pw, chromium, server.base, ws_url, big_files)


def _upload_while_probing(pw, chromium: str, base: str, ws_url: str, big_files: dict[str, Path]) -> None:
    from bench.browser import CHROMIUM_ARGS

    main = '[data-testid="stMain"]'
    idle = '[data-testid="stApp"][data-test-script-state="notRunning"]'
    browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(60_000)
        page.goto(base + "/", wait_until="domcontentloaded")
        page.wait_for_selector(idle)
        page.wait_for_selector(f"{main} h1")
        page.locator(f"{main} [data-testid='stExpander'] summary").first.click()
        uploader = page.locator(f"{main} [data-testid='stFileUploader'] input[type='file']")
        for kind, key in (("rows", "upl_err_too_many_rows"), ("blank", "upl_err_xlsx_too_big")):
            path = big_files[kind]
            prober = _start_probe(ws_url)
            try:
                time.sleep(1.5)  # the probe is under way before the upload starts (and gives a baseline)
                t0 = time.monotonic()
                uploader.set_input_files(str(path))
                alert = page.locator(f"{main} [data-testid='stAlert']", has_text=path.name)
                alert.first.wait_for(timeout=10_000)  # fails unless the message came within 10 s
                seconds = time.monotonic() - t0
                t1 = time.monotonic()
                time.sleep(0.3)
            finally:
                times = _stop_probe(prober)
            text = alert.first.inner_text()
            wordings = [
                I18N[k]["en"].split("{name}: ")[1].split("{")[0].strip() for k in (key, "upl_err_xlsx_slow")
            ]
            assert any(w and w in text for w in wordings), text  # the cap's message, or the time limit's
            assert seconds < 10, f"{path.name}: {seconds:.1f} s"
            during = [(s, e) for start, s, e in times if t0 - 0.3 <= start <= t1]
            assert during, "no probe ran while the file was read"
            assert all(e is None for _, e in during), during
            slowest = max(s for s, _ in during)
            before = [s for start, s, e in times if start + (s or 0) < t0 and e is None]
            baseline = f"{max(before):.2f} s" if before else "none measured"
            # Within 1 s, the issue's bound, on a machine doing nothing else; on a shared, busy one the same
            # page already takes longer before the upload starts, so the bound is twice the slowest load
            # measured just before it in the same run. A stalled server (the bug: 6.5-7.9 s against
            # 0.15 s) fails either way.
            limit = max(1.0, 2 * max(before)) if before else 1.0
            assert slowest < limit, (
                f"another session's page took {slowest:.2f} s during the upload (slowest before it: {baseline})"
            )
            print(
                f"{path.name}: message after {seconds:.2f} s; {len(during)} probe page loads, slowest {slowest:.3f} s"
            )
    finally:
        browser.close()
