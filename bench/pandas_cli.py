"""`classify --csv` as a pandas user would script it, for the CLI end-to-end benchmark.

Reads the orders CSV (customer_id, order_date as YYYY-MM-DD, amount), runs the benchmark's pandas
pipeline (pandas_pipeline.py: per-customer metrics, ABC, RFM quintiles, activity) and writes the
per-customer CSV: the whole process is timed from outside, interpreter start and imports included.
Usage: pandas_cli.py orders.csv out.csv
"""
import sys

import numpy as np
import pandas as pd

from pandas_pipeline import pipeline


def main():
    src, out = sys.argv[1], sys.argv[2]
    df = pd.read_csv(src, dtype={"customer_id": str, "amount": np.float64}, parse_dates=["order_date"])
    # days since 1970-01-01 -> Excel serial (1900 system), which the pipeline takes
    days = df["order_date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    df["order_date"] = days + 25569
    pipeline(df).to_csv(out, encoding="utf-8-sig")


if __name__ == "__main__":
    main()
