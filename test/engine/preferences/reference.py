"""Independent reference for the preferences test on the generated retail set: the same per-customer
facts computed with pandas group-bys from the raw lines (customer, day, cents, category, channel,
promo). Reads CSV on stdin, prints JSON {customer: {...}}."""
import json
import sys

import pandas as pd

df = pd.read_csv(sys.stdin, dtype={"customer": str, "category": str, "channel": str})
buys = df[df["cents"] >= 0]
out = {}


def dominant(key):
    s = buys.groupby(["customer", key])["cents"].sum().reset_index()
    s["total"] = s.groupby("customer")["cents"].transform("sum")
    top = s.sort_values(["customer", "cents", key], ascending=[True, False, True]).drop_duplicates("customer").set_index("customer")
    return top, s.groupby("customer").size()


cat, cat_n = dominant("category")
chan, _ = dominant("channel")
days = buys[["customer", "day"]].drop_duplicates()
weekend = ((days["day"] + 4) % 7).isin([0, 6]).groupby(days["customer"]).mean()
promo = buys["cents"].where(buys["promo"] == "是", 0).groupby(buys["customer"]).sum() / buys.groupby("customer")["cents"].sum()
for c in cat.index:
    out[c] = {
        "dominant_category": cat.at[c, "category"],
        "dominant_category_share": float(cat.at[c, "cents"] / cat.at[c, "total"]),
        "category_count": int(cat_n[c]),
        "dominant_channel": chan.at[c, "channel"],
        "weekend_share": float(weekend[c]),
        "discount_share": float(promo[c]),
    }
print(json.dumps(out, ensure_ascii=False))
