"""The preferences benchmark's group-bys in pandas, as a baseline measured in the same run.

Reads the benchmark's CSV (customer, day as days since 1970-01-01, cents, category, channel,
promo; codes as integers) and times only the in-memory work the preferences kernel does:
spend per (customer, category) and (customer, channel), the dominant one with its share and the
count, weekend share over distinct purchase days, peak month, and promotion share of spend.
Prints one JSON line: {"runs_ms": [...], "cpu_ms": [...], "pandas_ms": median, "customers": n}.
"""
import json
import statistics
import sys
import time

try:
    import numpy as np
    import pandas as pd
except ImportError:
    print(json.dumps({"error": "pandas missing: install with: apt-get install -y python3-pandas"}), flush=True)
    sys.exit(0)


def dominant(df, key):
    spend = df.groupby(["customer", key], sort=False)["cents"].sum().reset_index()
    total = spend.groupby("customer")["cents"].transform("sum")
    spend["share"] = spend["cents"] / total
    # most spend first, then the smaller code (the engine breaks ties by name; codes stand in here)
    top = spend.sort_values(["customer", "cents", key], ascending=[True, False, True], kind="mergesort").drop_duplicates("customer")
    count = spend.groupby("customer").size()
    return top.set_index("customer")[[key, "share"]], count


def pipeline(df):
    buys = df[df["cents"] >= 0]
    cat, cat_count = dominant(buys, "category")
    chan, chan_count = dominant(buys, "channel")
    days = buys[["customer", "day"]].drop_duplicates()
    weekday = (days["day"] + 4) % 7
    weekend_share = (weekday.isin([0, 6])).groupby(days["customer"]).mean()
    month = pd.to_datetime(buys["day"], unit="D").dt.month
    by_month = buys.assign(month=month.to_numpy()).groupby(["customer", "month"])["cents"].sum().reset_index()
    peak = by_month.sort_values(["customer", "cents", "month"], ascending=[True, False, True], kind="mergesort").drop_duplicates("customer")
    promo = buys["cents"].where(buys["promo"] == 1, 0).groupby(buys["customer"]).sum() / buys.groupby("customer")["cents"].sum()
    return pd.DataFrame({"cat": cat["category"], "cat_share": cat["share"], "cat_count": cat_count, "chan": chan["channel"],
                         "chan_count": chan_count, "weekend": weekend_share, "peak": peak.set_index("customer")["month"], "promo": promo})


def main():
    df = pd.read_csv(sys.argv[1])
    warmups = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    for _ in range(warmups):
        pipeline(df)
    wall, cpu = [], []
    out = None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        out = pipeline(df)
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    print(json.dumps({"runs_ms": wall, "cpu_ms": cpu, "pandas_ms": statistics.median(wall), "customers": int(len(out))}), flush=True)


main()
