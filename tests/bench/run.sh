#!/bin/sh
# The benchmark, one command: a Release build, then the benchmark program
# (tests/bench/bench.c) on the 100,000-series panel; it prints every time,
# ratio and peak memory and writes docs/PERFORMANCE.md. Run by hand, never
# by ctest: it reports, it asserts nothing.
#
#   sh tests/bench/run.sh [BENCHMARK OPTIONS]    e.g. --rounds 5, --no-holt
#
# Needs python3-pandas for the pandas comparison (apt-get install -y
# python3-pandas, or --no-pandas). When hyperfine and R are installed it
# also compares one projection of one series with R's.
set -eu
cd "$(dirname "$0")/../.."
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target indicators indicators_bench \
    >/dev/null
build/tests/bench/indicators_bench --indicators build/tools/indicators \
    --source "$PWD" "$@"

if command -v hyperfine >/dev/null 2>&1 && command -v Rscript >/dev/null 2>&1
then
    ind=build/tools/indicators
    work=${TMPDIR:-/tmp}/indicators-bench
    ds=datasets/china-standardization.csv
    y='c(2018,2019,2020,2021,2022,2023,2024,2025)'
    v='c(481,596,724,932,1128,1242,1230,1214)'
    mkdir -p "$work"
    hyperfine -N --warmup 2 --export-markdown "$work/single.md" \
        -n "indicators project --model linear" \
        "$ind -d $ds project certification_bodies --to 2030 --model linear --format csv" \
        -n "R lm + predict (interval = prediction)" \
        "Rscript -e 'y<-$y; v<-$v; f<-lm(v~y); print(predict(f, data.frame(y=2026:2030), interval=\"prediction\", level=0.95))'" \
        -n "indicators project --model holt" \
        "$ind -d $ds project certification_bodies --to 2030 --model holt --format csv" \
        -n "R forecast::holt(initial = simple)" \
        "Rscript -e 'suppressMessages(library(forecast)); print(holt(ts($v, start=2018), h=5, initial=\"simple\"))'"
    cat "$work/single.md"
fi
