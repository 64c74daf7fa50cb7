"""Helpers for issue9 research: code mapping and tidy CSV writing."""
import csv, os
ISO = {"ABY":"KZ-10","AKM":"KZ-11","AKT":"KZ-15","ALM":"KZ-19","ATY":"KZ-23","ZKO":"KZ-27",
       "ZHM":"KZ-31","ZHT":"KZ-33","KRG":"KZ-35","KST":"KZ-39","KZL":"KZ-43","MNG":"KZ-47",
       "PVL":"KZ-55","SKO":"KZ-59","TRK":"KZ-61","ULT":"KZ-62","VKO":"KZ-63","AST":"KZ-71",
       "ALA":"KZ-75","SHM":"KZ-79","national":"KZ"}
SPLIT = {"KZ-19","KZ-35","KZ-63"}
OUT = "/work/research/issue9"
def write(indicator, rows):
    """rows: list of (iso, territory, year, value_str). value_str written verbatim."""
    order = list(ISO.values())
    rows = sorted(rows, key=lambda r: (r[2], order.index(r[0]), r[1]))
    with open(os.path.join(OUT, indicator + ".csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["iso_code","territory","indicator","year","value"])
        for iso, terr, year, val in rows:
            w.writerow([iso, terr, indicator, year, val])
    return len(rows)
