"""Check that the 20 regions (or the 17 pre-2022 units) sum to the national row, per year."""
import csv, sys
from decimal import Decimal
ind = sys.argv[1]; tol = Decimal(sys.argv[2]) if len(sys.argv) > 2 else Decimal(0)
rows = list(csv.DictReader(open(f"/work/research/issue9/{ind}.csv")))
years = sorted({r["year"] for r in rows})
for y in years:
    nat = [Decimal(r["value"]) for r in rows if r["year"] == y and r["iso_code"] == "KZ"]
    reg = [Decimal(r["value"]) for r in rows if r["year"] == y and r["iso_code"] != "KZ"]
    if not nat: print(y, "no national row"); continue
    s = sum(reg); d = s - nat[0]
    print(y, f"units={len(reg)} sum={s} national={nat[0]} diff={d}", "OK" if abs(d) <= tol else "MISMATCH")
