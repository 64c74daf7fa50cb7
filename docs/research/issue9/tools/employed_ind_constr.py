"""Employed in industry and construction by region, persons: BNS el. 443435, transcribed from
makenerzhan-gif/kazakhstan-economic-data data/processed/dims/employed_industry_construction_by_region.csv
@ 454b3d3aa85bdb463ea0b60b3100906987f83e72 (all rows 2016-2025; the intermediary writes floats, e.g. 76212.0)."""
import sys, collections; sys.path.insert(0, "tools")
from common import ISO, SPLIT, write
Y = list(range(2016, 2026))
D = {
 "AKM": "76212 73911 75623 75963 71521 72777 81168 78858 81073 81210",
 "AKT": "115312 113014 117838 116834 114920 116169 121420 120143 131345 129321",
 "ALA": "156553 134652 147972 152697 158387 162354 155450 149749 155586 163359",
 "ALM": "126922 137737 139950 140051 140466 141420 115097 114618 124354 124722",
 "AST": "105804 101423 101064 102691 104237 113045 121206 126725 133146 131360",
 "ATY": "89450 89477 91787 93605 92958 94385 98506 96757 95118 92207",
 "KRG": "216027 210373 215899 219350 217947 213803 175665 165482 171575 159707",
 "KST": "81196 81872 84976 85859 84968 85260 84642 86842 90248 90684",
 "KZL": "66330 72257 65230 60759 59619 58892 58507 58851 60548 59469",
 "MNG": "109932 97532 101214 99811 103074 105772 103870 103749 105413 108463",
 "PVL": "122798 119440 117320 115928 107639 106932 107915 107603 107116 105884",
 "SHM": "68725 63070 59637 58949 58077 57555 57451 58726 57687 60195",
 "SKO": "31303 31697 33294 33554 35242 34956 37389 37174 37865 37587",
 "VKO": "147768 145547 146673 144046 141076 139576 97955 96325 99443 103026",
 "ZHM": "74486 78168 77280 72837 72943 71787 79434 79143 78575 72559",
 "ZKO": "52796 52150 51168 57690 58263 58012 62857 59762 57858 59062",
 "national": "1766257 1704443 1726869 1730504 1720083 1739381 1780060 1763792 1823276 1804177",
}
PART = {"TRK": (2018, "99944 99880 98966 106686 100343 98365 102851 106359"),
        "ABY": (2022, "37978 44695 45627 44309"), "ULT": (2022, "41390 40588 41547 39867"),
        "ZHT": (2022, "41828 39637 46301 34827")}
YKO = {2016: 193368, 2017: 165193}
rows = []
for code, s in D.items():
    vals = s.split(); assert len(vals) == len(Y), code
    for y, v in zip(Y, vals):
        iso = ISO[code]
        rows.append((iso, "2020" if (iso in SPLIT and y <= 2021) else "2022", y, v + ".0"))
for code, (y0, s) in PART.items():
    for i, v in enumerate(s.split()):
        rows.append((ISO[code], "2022", y0 + i, v + ".0"))
print(write("employed_industry_construction", rows))
tot = collections.defaultdict(int); nat = {}; n = collections.Counter()
for iso, t, y, v in rows:
    if iso == "KZ": nat[y] = int(float(v))
    else: tot[y] += int(float(v)); n[y] += 1
for y in sorted(nat):
    s = tot[y] + YKO.get(y, 0)
    print(y, f"units={n[y]}{'+YKO' if y in YKO else ''} sum={s} national={nat[y]} diff={s-nat[y]}")
