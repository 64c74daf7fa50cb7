"""Annual exports (and imports) by region and HS-section group from BNS monthly customs statistics.

Issue 15. Reads monthly files in the layout of the intermediary makenerzhan-gif/kazakhstan-economic-data
(``data/processed/dims/exports_value_by_region_hs_section.csv`` and siblings, pinned in
:data:`SOURCE_COMMIT`): columns ``date,region,item_code,value`` (extra columns such as ``item_name`` and
``transformation`` are ignored), one row per (month, region, HS section), values in thousand current US
dollars (or tonnes for the ``*_volume_*`` files), as BNS publishes them (elements 446905 exports, 446906
imports).

Writes a tidy CSV in the format of ``data/statistics.csv`` (``iso_code,territory,indicator,year,value``):

* the annual figure of a (unit, year, group) is the **sum of its 12 monthly values** (math.fsum); a year
  with fewer than 12 months of every section of the group for that unit is not written (never a partial
  year presented as a year). The latest incomplete year is written separately (``--ytd``), labelled with
  its months, and is *not* meant for ``data/statistics.csv``.
* groups: ``total`` (the published TOTAL row), ``base_metals`` (XV), ``engineering`` (XVI + XVIII),
  ``chem_plastic`` (VI + VII), ``mineral`` (V).
* regions are mapped to ISO 3166-2 codes through the aliases of ``data/registry.json``; ``national`` is
  ``KZ``. ``YKO`` (South Kazakhstan, up to 2017, which included Shymkent) is left out: the project has no
  code for that territory (the registry lists YKO as an alias of Turkistan, KZ-61, whose borders differ).
* territory: ``2022`` for every unit whose borders never changed and for the national row. The units split
  in 2022 (Almaty Region KZ-19 -> + Jetisu KZ-33, Karaganda KZ-35 -> + Ulytau KZ-62, East Kazakhstan KZ-63
  -> + Abai KZ-10) are ``2020`` in a year where none of their successors appears in the file, ``2022`` in a
  year where every successor has all 12 months, and are left out in a year with some but not all months of
  the successors (a mixed year, reported on stderr).

It also prints, for every month, the national TOTAL against the sum of the regions' TOTAL rows where they
differ by more than 0.01 % (the intermediary records September 2022: national row 1.1 % below the regions'
sum for exports, 3.8 % for imports, in USD).

Usage (from the repository root)::

    python3 docs/research/issue15/tools/build_trade.py \
        --exports-value path/to/exports_value_by_region_hs_section.csv \
        -o docs/research/issue15/trade_annual.csv [--ytd docs/research/issue15/trade_ytd.csv]

The full monthly files (5.7 MB each) were not obtainable on the machine where this was written (no
snapshot of the intermediary; pages of 16,000 characters only): the committed output was built from the
verbatim subset ``docs/research/issue15/source/exports_value_subset.csv`` (see the README there).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
SOURCE_COMMIT = "ccd7b1a528d766fde41c58e6c7ac154bc174919c"
GROUPS: dict[str, tuple[str, ...]] = {
    "total": ("TOTAL",),
    "base_metals": ("XV",),
    "engineering": ("XVI", "XVIII"),
    "chem_plastic": ("VI", "VII"),
    "mineral": ("V",),
}
# Regions of the source that have no unit in the project (and why).
EXCLUDED = {"YKO": "South Kazakhstan (to 2017, incl. Shymkent): no ISO unit for that territory"}
# 2022 splits: parent -> successors that did not exist before (the parent keeps its code).
SPLITS = {"KZ-19": ("KZ-33",), "KZ-35": ("KZ-62",), "KZ-63": ("KZ-10",)}


def region_codes(registry_path: Path) -> dict[str, str]:
    """Source region label -> ISO code, from the registry's aliases (``national`` -> ``KZ``)."""
    out = {"national": "KZ"}
    for unit in json.loads(registry_path.read_text(encoding="utf-8")):
        for alias in unit["aliases"]:
            out.setdefault(alias, unit["iso_code"])
    return out


def read_monthly(path: Path, codes: dict[str, str]) -> dict[tuple[str, int, int, str], float]:
    """(iso_code, year, month, item_code) -> value, from one monthly file."""
    out: dict[tuple[str, int, int, str], float] = {}
    skipped: dict[str, int] = defaultdict(int)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            region = row["region"]
            if region in EXCLUDED:
                skipped[region] += 1
                continue
            if region not in codes:
                raise SystemExit(f"{path}: region {region!r} is not in data/registry.json's aliases")
            year, month = int(row["date"][:4]), int(row["date"][5:7])
            key = (codes[region], year, month, row["item_code"])
            if key in out:
                raise SystemExit(f"{path}: duplicate row for {key}")
            value = float(row["value"])
            if not math.isfinite(value):
                raise SystemExit(f"{path}: value {row['value']!r} for {key} is not a number")
            out[key] = value
    for region, n in skipped.items():
        print(f"{path.name}: {n} rows of {region} left out ({EXCLUDED[region]})", file=sys.stderr)
    return out


def months_of(monthly: dict, code: str, year: int, items: tuple[str, ...]) -> list[int]:
    """The months of ``year`` in which ``code`` has every item of ``items``."""
    return [m for m in range(1, 13) if all((code, year, m, i) in monthly for i in items)]


def territory(monthly: dict, code: str, year: int) -> str | None:
    """The borders a figure of ``code`` in ``year`` measures (None: a mixed year, not written)."""
    if code in SPLITS:
        succ = SPLITS[code]
        present = [s for s in succ if months_of(monthly, s, year, ("TOTAL",))]
        if not present:
            return "2020"
        if all(len(months_of(monthly, s, year, ("TOTAL",))) == 12 for s in succ):
            return "2022"
        return None
    for parent, succ in SPLITS.items():
        if code in succ and territory(monthly, parent, year) is None:
            return None
    return "2022"


def annual(monthly: dict, prefix: str) -> tuple[list[tuple], list[tuple]]:
    """(complete-year rows, latest year-to-date rows) for every unit, year and group."""
    units = sorted({k[0] for k in monthly})
    years = sorted({k[1] for k in monthly})
    rows, ytd = [], []
    last = years[-1]
    for code in units:
        for year in years:
            terr = territory(monthly, code, year)
            for group, items in GROUPS.items():
                months = months_of(monthly, code, year, items)
                if not months:
                    continue
                value = math.fsum(monthly[(code, year, m, i)] for m in months for i in items)
                ind = f"{prefix}_{group}"
                if len(months) == 12 and terr is not None:
                    rows.append((code, terr, ind, year, value))
                elif len(months) == 12:
                    print(f"{code} {year} {ind}: left out (the 2022 split falls inside the year)", file=sys.stderr)
                elif year == last and months == list(range(1, len(months) + 1)):
                    ytd.append((code, terr or "", ind, year, f"01-{len(months):02d}", value))
                else:
                    print(f"{code} {year} {ind}: {len(months)} of 12 months, left out", file=sys.stderr)
    return rows, ytd


def national_check(monthly: dict, label: str) -> None:
    """Print every month whose national TOTAL differs from the regions' sum by more than 0.01 %."""
    months = sorted({(k[1], k[2]) for k in monthly if k[0] == "KZ" and k[3] == "TOTAL"})
    for year, month in months:
        parts = [v for (c, y, m, i), v in monthly.items() if (y, m, i) == (year, month, "TOTAL") and c != "KZ"]
        nat = monthly[("KZ", year, month, "TOTAL")]
        total = math.fsum(parts)
        if nat and abs(total - nat) / nat > 1e-4:
            print(
                f"{label} {year}-{month:02d}: national {nat:.3f}, sum of {len(parts)} regions {total:.3f} "
                f"({(total - nat) / nat * 100:+.2f} %)",
                file=sys.stderr,
            )


def write(path: Path, header: list[str], rows: list[tuple]) -> None:
    order = {"KZ": "~"}
    rows = sorted(rows, key=lambda r: (r[2], r[3], order.get(r[0], r[0]), r[1]))
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([*r[:-1], f"{r[-1]:.3f}"])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--exports-value", type=Path)
    p.add_argument("--imports-value", type=Path)
    p.add_argument("--exports-tonnes", type=Path)
    p.add_argument("--imports-tonnes", type=Path)
    p.add_argument("--registry", type=Path, default=ROOT / "data" / "registry.json")
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--ytd", type=Path, help="where to write the latest year-to-date sums (optional)")
    p.add_argument(
        "--merge-into",
        type=Path,
        help="also replace this script's indicators in a statistics.csv (e.g. data/statistics.csv) with the rows "
        "written; run `python -m regions.base.store stamp` afterwards",
    )
    args = p.parse_args(argv)
    codes = region_codes(args.registry)
    rows: list[tuple] = []
    ytd: list[tuple] = []
    for path, prefix in (
        (args.exports_value, "exports"),
        (args.imports_value, "imports"),
        (args.exports_tonnes, "exports_tonnes"),
        (args.imports_tonnes, "imports_tonnes"),
    ):
        if path is None:
            continue
        monthly = read_monthly(path, codes)
        national_check(monthly, prefix)
        r, y = annual(monthly, prefix)
        rows += r
        ytd += y
    if not rows and not ytd:
        p.error("give at least one monthly file")
    write(args.output, ["iso_code", "territory", "indicator", "year", "value"], rows)
    if args.ytd is not None:
        write(args.ytd, ["iso_code", "territory", "indicator", "year", "months", "value"], ytd)
    print(f"{args.output}: {len(rows)} rows", file=sys.stderr)
    if args.merge_into is not None:
        merge(args.merge_into, rows)
    return 0


def merge(path: Path, rows: list[tuple]) -> None:
    """Replace the rows of the indicators in ``rows`` in the statistics CSV ``path`` (others kept in order)."""
    ours = {r[2] for r in rows}
    with path.open(encoding="utf-8", newline="") as fh:
        old = list(csv.reader(fh))
    header, body = old[0], [r for r in old[1:] if r and r[2] not in ours]
    order = {"KZ": "~"}
    new = sorted(rows, key=lambda r: (r[2], r[3], order.get(r[0], r[0]), r[1]))
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(body)
        for r in new:
            w.writerow([*r[:-1], f"{r[-1]:.3f}"])
    print(f"{path}: {len(body)} rows kept, {len(new)} written", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
