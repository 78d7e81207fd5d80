#!/bin/sh
# Benchmarks: run by hand, never by ctest; they report, they assert nothing.
#
#   sh tests/bench/run.sh [SERIES [YEARS]]     (default 100000 x 60)
#
# 1. The panel: SERIES x YEARS rows written by make-panel.awk (about 5.8
#    million rows, 219 MB for the default), then wall time and peak memory
#    of list, check, growth --all and project --all --model linear.
# 2. One series, one command: `indicators project` against R's lm +
#    predict and forecast::holt on the same figures (hyperfine), when R and
#    hyperfine are installed.
set -eu
cd "$(dirname "$0")/../.."
series=${1:-100000}
years=${2:-60}
ind=${INDICATORS:-build/tools/indicators}
work=${TMPDIR:-/tmp}/indicators-bench
mkdir -p "$work"

if [ ! -x "$ind" ]; then
    cmake --preset release >/dev/null && cmake --build --preset release >/dev/null
fi

panel="$work/panel-$series-$years.csv"
if [ ! -f "$panel" ]; then
    awk -v series="$series" -v years="$years" -v first=1964 \
        -f tests/bench/make-panel.awk > "$panel"
fi
echo "panel: $panel ($(wc -l < "$panel") lines, $(du -h "$panel" | cut -f1))"

measure() {
    label=$1
    shift
    /usr/bin/time -f "%e s  %M KiB" -o "$work/time" "$@" >/dev/null 2>"$work/err" ||
        { echo "$label: failed: $(tail -1 "$work/err")"; return 0; }
    printf '%-40s %s\n' "$label" "$(cat "$work/time")"
}

measure "list" "$ind" -d "$panel" list --format csv
measure "check" "$ind" -d "$panel" check
measure "growth --all" "$ind" -d "$panel" growth --all --format csv
measure "project --all --model linear" \
    "$ind" -d "$panel" project --all --to 2030 --model linear --format csv

if command -v hyperfine >/dev/null 2>&1 && command -v Rscript >/dev/null 2>&1; then
    ds=datasets/china-standardization.csv
    y='c(2018,2019,2020,2021,2022,2023,2024,2025)'
    v='c(481,596,724,932,1128,1242,1230,1214)'
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
