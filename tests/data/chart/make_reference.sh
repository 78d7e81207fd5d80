#!/bin/sh
# Reference values for tests/test_chart.c, made without libindicators:
#   sh make_reference.sh > reference.txt
# - sha256: coreutils sha256sum of fixture.csv (an excerpt of the shipped
#   dataset), which a chart's header must quote;
# - yoy: year-on-year change of certification_bodies (year-end figures,
#   2018..2025: 481 596 724 932 1128 1242 1230 1214) with awk, written as
#   the bar labels are: a sign, one decimal, a percent sign;
# - index: the same series rebased to 2019 = 100, one decimal.
set -eu
printf 'sha256 fixture.csv %s\n' "$(sha256sum fixture.csv | cut -d' ' -f1)"
echo "2018 481 2019 596 2020 724 2021 932 2022 1128 2023 1242 2024 1230 2025 1214" |
awk '{
  for (i = 1; i <= NF; i += 2) { y[++n] = $i; v[n] = $(i + 1) }
  for (i = 2; i <= n; i++) {
    g = (v[i] / v[i - 1] - 1) * 100
    printf "yoy %d %.17g %s%.1f%%\n", y[i], g, (g > 0 ? "+" : ""), g
  }
  for (i = 1; i <= n; i++)
    printf "index %d %.17g %.1f\n", y[i], v[i] / v[2] * 100, v[i] / v[2] * 100
}'
