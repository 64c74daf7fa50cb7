"""GRP volume index (BNS el. 5926) transcribed from makenerzhan-gif/kazakhstan-economic-data
data/processed/dims/grp_volume_index_by_region.csv @ 454b3d3aa85bdb463ea0b60b3100906987f83e72
(rows 2015-2025; values copied verbatim as strings)."""
import sys; sys.path.insert(0, "tools")
from common import ISO, SPLIT, write
Y = list(range(2015, 2026))
D = {
 "AKM": "101.9 102.9 102.4 103.8 102.9 102.7 103.3 107.7 99.5 109.0 105.9",
 "AKT": "96.9 101.0 105.0 105.3 104.9 99.9 103.1 100.1 98.9 105.6 103.5",
 "ALA": "104.2 102.6 102.8 103.0 104.5 95.3 106.0 105.0 108.9 107.6 104.9",
 "ALM": "104.2 101.8 104.0 103.1 105.1 98.5 111.2 105.5 103.3 104.8 109.1",
 "AST": "106.4 102.4 104.0 100.2 107.8 101.0 105.4 105.5 105.0 105.4 110.2",
 "ATY": "102.8 103.7 116.0 113.3 107.4 93.5 105.8 101.6 107.3 93.6 108.8",
 "KRG": "102.7 102.4 103.7 103.0 105.8 100.1 103.1 100.3 102.4 108.8 103.7",
 "KST": "96.4 98.0 104.6 105.9 104.6 103.0 104.3 104.5 102.6 108.3 109.0",
 "KZL": "95.9 95.2 100.4 99.9 101.5 89.2 102.2 102.4 104.7 108.1 102.3",
 "MNG": "100.1 99.9 99.6 101.1 101.2 94.5 101.2 101.1 103.0 101.7 104.6",
 "PVL": "100.3 99.4 104.0 106.2 105.3 96.9 103.9 101.3 101.5 105.0 107.1",
 "SHM": "99.9 102.8 104.8 114.1 103.8 100.9 105.4 106.8 105.1 104.4 109.9",
 "SKO": "101.0 100.8 103.1 103.2 102.1 99.8 101.0 105.6 99.7 113.7 111.6",
 "TRK": "103.4 101.4 102.2 107.7 107.8 104.9 104.3 100.3 102.2 110.4 113.0",
 "VKO": "100.0 102.2 102.0 104.9 105.4 100.6 103.1 103.5 103.8 105.9 102.7",
 "ZHM": "100.2 102.6 103.7 103.7 103.8 101.1 106.6 103.4 102.1 104.1 107.1",
 "ZKO": "99.4 102.6 103.1 99.3 98.5 99.3 98.1 100.7 106.9 104.2 102.0",
 "national": "101.2 101.1 104.1 104.1 104.5 97.5 104.3 103.2 105.1 105.0 106.5",
}
PART = {  # regions with a shorter series: {code: {year: value}}
 "ABY": dict(zip(range(2021, 2026), "107.0 102.0 105.5 105.7 101.9".split())),
 "ZHT": dict(zip(range(2021, 2026), "101.4 102.0 113.1 114.8 105.5".split())),
 "ULT": dict(zip(range(2022, 2026), "102.5 99.6 110.7 102.9".split())),
}
rows = []
for code, s in D.items():
    vals = s.split(); assert len(vals) == len(Y), code
    for y, v in zip(Y, vals):
        iso = ISO[code]
        if iso in SPLIT and y <= 2020:
            terr = "2020"
        elif iso == "KZ-35" and y == 2021:
            continue  # territory unresolved (Ulytau has no 2021 index) - see meta caveats
        else:
            terr = "2022"
        rows.append((iso, terr, y, v))
for code, m in PART.items():
    for y, v in m.items():
        rows.append((ISO[code], "2022", y, v))
print(write("grp_volume_index", rows))
