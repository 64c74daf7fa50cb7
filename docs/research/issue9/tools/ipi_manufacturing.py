"""Industrial production index, section C (manufacturing), national: BNS el. 5792, transcribed from
makenerzhan-gif/kazakhstan-economic-data data/processed/dims/industrial_production_index_by_activity.csv
@ 454b3d3aa85bdb463ea0b60b3100906987f83e72 (item_code C, region national, 2015-2025; values verbatim)."""
import sys; sys.path.insert(0, "tools")
from common import write
vals = "100.2 100.6 105.6 104.5 105.8 104.1 104.7 103.6 104.0 106.9 107.1".split()
rows = [("KZ", "2022", 2015 + i, v) for i, v in enumerate(vals)]
print(write("industrial_production_index_manufacturing", rows))
