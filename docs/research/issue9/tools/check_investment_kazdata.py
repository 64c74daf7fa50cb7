"""Cross-check investment_fixed_capital.csv against the raw BNS cube export of el. 5546 in
armanbostybayev-maker/kaz-Data data/raw/stat/investment/fixed_capital_investment_2026-09-30.csv
@ 4d78fe70111243dd1d635fe216ee1122d329d1a4 (thousand KZT; the spurious trailing ' 000 000' groups dropped)."""
import csv
raw = {("KZ",2016):"7 762 302 972",("KZ",2017):"8 770 572 291",("KZ",2018):"11 179 036 042",
 ("KZ-27",2016):"401 646 132",("KZ-27",2017):"407 589 017",("KZ-27",2018):"450 382 192",
 ("KZ-75",2016):"581 573 746",("KZ-75",2017):"644 406 465",("KZ-75",2018):"732 929 517",
 ("KZ-55",2016):"439 763 547",("KZ-55",2017):"483 794 602",("KZ-55",2018):"411 958 463",
 ("KZ-31",2016):"215 906 073",("KZ-31",2017):"225 862 964",("KZ-31",2018):"264 520 233",
 ("KZ-15",2016):"374 019 678",("KZ-15",2017):"438 048 819",("KZ-15",2018):"516 893 383",
 ("KZ-23",2016):"2 036 852 287",("KZ-23",2017):"2 468 570 392"}
ours = {(r["iso_code"], int(r["year"])): float(r["value"]) for r in csv.DictReader(open("investment_fixed_capital.csv"))}
bad = sum(round(int(v.replace(" ", "")) / 1000) != ours[k] for k, v in raw.items())
print(len(raw), "cells compared, mismatches:", bad)
