"""pandas_growth.py: what `indicators growth --all --format csv` does, in
pandas, for the benchmark (tests/bench/bench.c): read the panel, one row per
series with its first and last year, years, missing years, latest value,
the previous year and the year-on-year change (annualised over a gap), and
the CAGR over the whole span, written as CSV to stdout.

    /usr/bin/python3 tests/bench/pandas_growth.py PANEL.csv > out.csv

Written the way a pandas user would: vectorised, no Python loop per row or
per series. It does less than indicators: no validation of any field, no
choice among several readings of a year, no kinds (every series is taken
as a stock). Debian's python3-pandas.
"""
import sys

import numpy as np
import pandas as pd


def summarise(df):
    """One row per indicator, in order of first appearance. Rows are put in
    (series, year) order with integer group codes (sorting the id strings
    takes pandas several times as long)."""
    names = df["indicator"]
    codes = df.groupby("indicator", sort=False).ngroup().to_numpy()
    order = np.lexsort((df["year"].to_numpy(), codes))
    codes = codes[order]
    year = df["year"].to_numpy()[order].astype(np.float64)
    value = df["value"].to_numpy()[order]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    ends = np.r_[starts[1:], len(codes)] - 1
    years = ends - starts + 1
    prev = np.maximum(ends - 1, starts)
    has_prev = years > 1
    out = pd.DataFrame({"indicator": names.to_numpy()[order][starts]})
    out["first_year"] = year[starts].astype(np.int64)
    out["last_year"] = year[ends].astype(np.int64)
    out["years"] = years
    out["missing_years"] = out["last_year"] - out["first_year"] + 1 - years
    out["latest_value"] = value[ends]
    out["prev_year"] = np.where(has_prev, year[prev], np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = year[ends] - year[prev]
        out["yoy_pct"] = np.where(
            has_prev, ((value[ends] / value[prev]) ** (1.0 / gap) - 1) * 100,
            np.nan)
        out["annualised"] = np.where(has_prev, gap > 1, False)
        span = year[ends] - year[starts]
        out["cagr_pct"] = np.where(
            span > 0,
            ((value[ends] / value[starts]) ** (1.0 / span) - 1) * 100, np.nan)
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: pandas_growth.py PANEL.csv")
    df = pd.read_csv(sys.argv[1], dtype={"indicator": str, "unit": str,
                                         "as_of": str, "source": str,
                                         "note": str})
    summarise(df).to_csv(sys.stdout, index=False)


if __name__ == "__main__":
    main()
