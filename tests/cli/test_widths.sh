#!/usr/bin/env bash
# CLI tests of human tables at a terminal's width: at COLUMNS=N every line
# of every command's table output is at most N bytes (so at most N
# characters: a UTF-8 character takes at least one byte, a shortening mark
# "…" three), counted by awk in the C locale; ids, years and figures are
# never cut, whole columns are left out instead and said once on stderr;
# without COLUMNS and not on a terminal the table is whole. An empty
# history says so. Runs on temporary copies of the shipped dataset.
set -eu
. "$(dirname "$0")/store_lib.sh"

cp "$SOURCE_DIR"/datasets/china-standardization.csv \
   "$SOURCE_DIR"/datasets/china-standardization.indicators.csv "$work/"
D="$work/china-standardization.csv"
export INDICATORS_DATASET=$D

# bytes FILE: the longest line of FILE in bytes (awk in the C locale
# counts bytes, as Debian's mawk always does).
bytes() {
    LC_ALL=C awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$1"
}

commands=(
    "list"
    "show association_standards_cumulative"
    "show valid_certificates"
    "growth valid_certificates"
    "growth association_standards_cumulative"
    "growth --all"
    "project valid_certificates --to 2030"
    "project social_groups_registered --to 2030"
    "project --all --to 2030"
    "backtest valid_certificates"
    "backtest certification_bodies"
    "history"
)

for w in 60 80 100 200; do
    for cmd in "${commands[@]}"; do
        # shellcheck disable=SC2086 # the command's words
        COLUMNS=$w "$INDICATORS" $cmd >"$work/table" 2>"$work/err" || true
        checks=$((checks + 1))
        [ -s "$work/table" ] || fail "COLUMNS=$w $cmd printed nothing"
        checks=$((checks + 1))
        [ "$(bytes "$work/table")" -le "$w" ] ||
            fail "COLUMNS=$w $cmd: a line of $(bytes "$work/table") bytes"
        checks=$((checks + 1))
        [ "$(grep -c 'left out to fit' "$work/err")" -le 1 ] ||
            fail "COLUMNS=$w $cmd: columns left out are said once"
    done
done

# ---- ids, years and figures whole ----
"$INDICATORS" list --format csv >"$work/list.csv"
csv_column "$work/list.csv" indicator | sort -u >"$work/ids"
for w in 60 80 100 200; do
    COLUMNS=$w "$INDICATORS" list >"$work/table" 2>"$work/err"
    # every row's first word is an id of the dataset, whole
    awk 'NR > 2 && !/^-/ { print $1 }' "$work/table" | sort -u >"$work/shown"
    check "COLUMNS=$w list: every id shown whole" cmp -s "$work/ids" "$work/shown"
done
COLUMNS=100 "$INDICATORS" list >"$work/table" 2>"$work/err"
has "$work/table" "3,165,625" "COLUMNS=100 list: the latest figure shown whole"
has "$work/err" "left out to fit 100 columns (title" \
    "COLUMNS=100 list: the title is given up first, and it is said"
has "$work/err" "--format csv has all" "the message says where the rest is"
lines "$work/err" 1 "COLUMNS=100 list: one message"
COLUMNS=200 "$INDICATORS" list >"$work/table" 2>"$work/err"
has "$work/table" "…" "COLUMNS=200 list: a title is shortened to fit"

COLUMNS=60 "$INDICATORS" show valid_certificates >"$work/table" 2>"$work/err"
has "$work/table" "used" "COLUMNS=60 show: the used column stays"
has "$work/table" "4,158,000" "COLUMNS=60 show: figures whole"
has "$work/table" "2024  4,158,000" "COLUMNS=60 show: year and value stay"

COLUMNS=100 "$INDICATORS" growth valid_certificates >"$work/table" 2>"$work/err"
lacks "$work/table" "year-e…" "COLUMNS=100 growth: no meaningless cut of a reading"
lacks "$work/table" "2018-…" "COLUMNS=100 growth: no cut date"
lacks "$work/table" "valid…" "COLUMNS=100 growth: no cut rate id"
has "$work/table" "valid_certificates_growth_pct" "COLUMNS=100 growth: the rate id whole"
has "$work/table" "2024  4,158,000" "COLUMNS=100 growth: year and value stay"
has "$work/err" "left out to fit 100 columns (reading" \
    "COLUMNS=100 growth: the reading is given up first, and it is said"
has "$work/err" "--format json has all" \
    "columns left out of a later table: JSON has them (CSV prints the first)"
lines "$work/err" 1 "COLUMNS=100 growth: one message for the document"

COLUMNS=60 "$INDICATORS" project --all --to 2030 >"$work/table" 2>/dev/null
has "$work/table" "china_proposed_international_standards_published_cumulative" \
    "COLUMNS=60 project --all: the longest id whole"

# ---- not a terminal, no COLUMNS: the whole table ----
for cmd in "${commands[@]}"; do
    # shellcheck disable=SC2086 # the command's words
    env -u COLUMNS "$INDICATORS" $cmd >"$work/table" 2>"$work/err" || true
    lacks "$work/err" "left out" "no COLUMNS: $cmd leaves nothing out"
done
env -u COLUMNS "$INDICATORS" list >"$work/table"
head -1 "$work/list.csv" | tr ',' '\n' | grep -v '^entity$' >"$work/names"
while read -r name; do
    has "$work/table" "$name" "no COLUMNS: list has the column $name"
done <"$work/names"
checks=$((checks + 1))
[ "$(bytes "$work/table")" -gt 200 ] ||
    fail "no COLUMNS: list is not cut to a width"

# ---- non-ASCII text: budgeted by its bytes ----
"$INDICATORS" define wide_title_test --kind stock --unit 项 \
    --title "认证机构数量（按年末统计，含分支机构与外资机构，单位：家）" \
    >/dev/null 2>&1
"$INDICATORS" append wide_title_test 2024 12 --source https://example.org/a \
    >/dev/null 2>&1
for w in 60 80 100 120 140 200; do
    COLUMNS=$w "$INDICATORS" list >"$work/table" 2>/dev/null
    checks=$((checks + 1))
    [ "$(bytes "$work/table")" -le "$w" ] ||
        fail "COLUMNS=$w list with a Chinese title: a line of $(bytes "$work/table") bytes"
    COLUMNS=$w "$INDICATORS" show wide_title_test >"$work/table" 2>/dev/null
    checks=$((checks + 1))
    [ "$(bytes "$work/table")" -le "$w" ] ||
        fail "COLUMNS=$w show with a Chinese title: a line of $(bytes "$work/table") bytes"
done

# ---- an empty history says so ----
mkdir "$work/empty"
cp "$SOURCE_DIR"/datasets/china-standardization.csv \
   "$SOURCE_DIR"/datasets/china-standardization.indicators.csv "$work/empty/"
E="$work/empty/china-standardization.csv"
run -d "$E" history
expect_rc 0 "history of a dataset without changes"
has "$work/err" "no changes recorded in $work/empty/china-standardization.history.csv" \
    "an empty history is said on stderr"
run -d "$E" history --format csv
has "$work/err" "no changes recorded" "CSV: said on stderr"
lines "$work/out" 1 "CSV: the header alone"
has "$work/out" "time,action,indicator" "CSV: the header"
run -d "$E" history --format json
check "JSON: []" grep -qx '\[\]' "$work/out"
run -d "$D" history
lacks "$work/err" "no changes recorded" "a history with changes is not called empty"

finish
