"""pandas peer for CsvComparisonBenchmarks: read the same seeded CSV and tally by month (Europe/Copenhagen) x segment x score.

Run (after the C# comparison benchmark has written the files to the temp folder):
    /usr/bin/python3 benchmarks/peers/pandas_csv_groupby.py "${TMPDIR:-/tmp}"/npskit-comparison-1000000.csv "${TMPDIR:-/tmp}"/npskit-comparison-10000000.csv
pandas comes from Debian (apt-get install python3-pandas); PyPI is not reachable from the build machines.
Prints the best of 3 wall-clock times per file, and the row count as a check against NpsKit and DuckDB.
"""
import sys
import time

import pandas as pd


def run(path):
    frame = pd.read_csv(path, dtype={"Score": "uint8", "Segment": "category"})
    ts = pd.to_datetime(frame["SubmittedAt"], utc=True).dt.tz_convert("Europe/Copenhagen")
    month = ts.dt.year * 100 + ts.dt.month  # numeric month key: much faster than strftime
    counts = frame.groupby([month, frame["Segment"], frame["Score"]], observed=True).size()
    return int(counts.sum())


for path in sys.argv[1:]:
    best = None
    for _ in range(3):
        start = time.perf_counter()
        rows = run(path)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"pandas {pd.__version__}: {path}: {rows} rows, best of 3: {best:.2f} s")
