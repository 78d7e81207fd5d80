#!/usr/bin/env python3
"""Exact NIST certified coefficients for x shifted to years (x + 2000).

The Wampler1-5 data have x = 0..20; with year = x + 2000 they span the years
2000-2020. Their certified coefficients are exact decimals (all 1 for
Wampler1, 3, 4, 5; 10^-k for Wampler2), so the least-squares polynomial in
powers of the year is known exactly:
    p(x) = sum_j b_j x^j = sum_j b_j (year - 2000)^j
         = sum_k [ sum_{j>=k} b_j C(j,k) (-2000)^(j-k) ] year^k.
This script carries that out in exact rational arithmetic (fractions) from
the certified text in ../nist/certified_values.csv and writes
nist_years.csv: dataset,k,coefficient (the year^k coefficient, correctly
rounded to 17 significant digits).

Usage (in this folder):  python3 nist_years.py
"""
import csv
from decimal import Decimal, getcontext
from fractions import Fraction
from math import comb

SHIFT = 2000
DATASETS = ["Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"]


def certified(name):
    with open("../nist/certified_values.csv", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["dataset"] == name]
    return [Fraction(Decimal(r["estimate"])) for r in rows]


def shifted(b):
    deg = len(b) - 1
    return [sum(b[j] * comb(j, k) * Fraction(-SHIFT) ** (j - k)
                for j in range(k, deg + 1)) for k in range(deg + 1)]


def main():
    getcontext().prec = 40
    with open("nist_years.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["dataset", "k", "coefficient"])
        for name in DATASETS:
            for k, c in enumerate(shifted(certified(name))):
                d = Decimal(c.numerator) / Decimal(c.denominator)
                w.writerow([name, k, format(d, ".16e")])


if __name__ == "__main__":
    main()
