"""Cross-check grp_volume_index.csv against the second intermediary: armanbostybayev-maker/kaz-Data
data/raw/stat/economy/grp_volume_index_2026-09-30.csv @ 4d78fe70111243dd1d635fe216ee1122d329d1a4
(raw BNS cube export of el. 5926; it has no 2021 and no 2025 rows). Values transcribed separately."""
import csv, sys; sys.path.insert(0, "tools"); from common import ISO
ORD = [2014, 2016, 2018, 2020, 2015, 2017, 2019, 2022, 2023, 2024]
K = {
 "KZL": "98.7 95.2 99.9 89.2 95.9 100.4 101.5 102.4 104.7 108.1",
 "SKO": "105.8 100.8 103.2 99.8 101.0 103.1 102.1 105.6 99.7 113.7",
 "KST": "102.2 98.0 105.9 103.0 96.4 104.6 104.6 104.5 102.6 108.3",
 "ZKO": "105.1 102.6 99.3 99.3 99.4 103.1 98.5 100.7 106.9 104.2",
 "PVL": "100.9 99.4 106.2 96.9 100.3 104.0 105.3 101.3 101.5 105.0",
 "AKM": "104.7 102.9 103.8 102.7 101.9 102.4 102.9 107.7 99.5 109.0",
 "AKT": "104.5 101.0 105.3 99.9 96.9 105.0 104.9 100.1 98.9 105.6",
 "ALM": "105.2 101.8 103.1 98.5 104.2 104.0 105.1 105.5 103.3 104.8",
 "KRG": "103.2 102.4 103.0 100.1 102.7 103.7 105.8 100.3 102.4 108.8",
 "VKO": "102.8 102.2 104.9 100.6 100.0 102.0 105.4 103.5 103.8 105.9",
 "ZHM": "100.4 102.6 103.7 101.1 100.2 103.7 103.8 103.4 102.1 104.1",
 "MNG": "104.0 99.9 101.1 94.5 100.1 99.6 101.2 101.1 103.0 101.7",
 "ATY": "102.5 103.7 113.3 93.5 102.8 116.0 107.4 101.6 107.3 93.6",
 "AST": "109.4 102.4 100.2 101.0 106.4 104.0 107.8 105.5 105.0 105.4",
 "ALA": "107.0 102.6 103.0 95.3 104.2 102.8 104.5 105.0 108.9 107.6",
 "national": "104.2 101.1 104.1 97.5 101.2 104.1 104.5 103.2 105.1 105.0",
}
P = {"SHM": {2018: "114.1", 2020: "100.9", 2019: "103.8", 2022: "106.8", 2023: "105.1", 2024: "104.4"},
     "TRK": {2018: "107.7", 2020: "104.9", 2019: "107.8", 2022: "100.3", 2023: "102.2", 2024: "110.4"},
     "ULT": {2022: "102.5", 2023: "99.6", 2024: "110.7"},
     "ZHT": {2022: "102.0", 2023: "113.1", 2024: "114.8"},
     "ABY": {2022: "102.0", 2023: "105.5", 2024: "105.7"}}
ref = {}
for c, s in K.items():
    for y, v in zip(ORD, s.split()): ref[(ISO[c], y)] = v
for c, m in P.items():
    for y, v in m.items(): ref[(ISO[c], y)] = v
ours = {(r["iso_code"], int(r["year"])): r["value"] for r in csv.DictReader(open("grp_volume_index.csv"))}
n = bad = 0
for k, v in ref.items():
    if k[1] < 2015: continue
    n += 1
    if ours.get(k) != v: bad += 1; print("MISMATCH", k, ours.get(k), v)
only = sorted(k for k in ours if k not in ref)
print(f"compared {n} cells, mismatches {bad}; in ours but not in kaz-Data cube: {len(only)}:", sorted(set(y for _, y in only)))
