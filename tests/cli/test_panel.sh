#!/usr/bin/env bash
# A panel read both ways: the 2,000-series panel of tests/bench/make-panel.awk
# (about 116,000 rows, no catalog: indicators inferred) and its twins with
# every field quoted, with CR LF line ends, and with both. The quoted rows
# take libcsv's strict path, the plain ones the fast path: growth --all,
# project --all, list and check must print byte-identical output for all
# four, and growth --all must agree with an awk computation of the latest
# value and year of every series.
set -eu
. "$SOURCE_DIR/tests/cli/store_lib.sh"

awk -v series=2000 -v years=60 -v first=1964 \
    -f "$SOURCE_DIR/tests/bench/make-panel.awk" >"$work/plain.csv"
awk 'BEGIN { FS = OFS = "," }
     { for (i = 1; i <= NF; i++) $i = "\"" $i "\""; print }' \
    "$work/plain.csv" >"$work/quoted.csv"
sed 's/$/\r/' "$work/plain.csv" >"$work/crlf.csv"
sed 's/$/\r/' "$work/quoted.csv" >"$work/quoted-crlf.csv"

for cmd in "growth --all --format csv" "list --format csv" \
           "project --all --to 2030 --model linear --format csv" "check"; do
    run -d "$work/plain.csv" $cmd
    expect_rc 0 "plain panel: $cmd"
    cp "$work/out" "$work/want"
    for twin in quoted crlf quoted-crlf; do
        run -d "$work/$twin.csv" $cmd
        expect_rc 0 "$twin panel: $cmd"
        # check names the file it read; nothing else may differ
        sed "s#$work/$twin\.#$work/plain.#g" "$work/out" >"$work/got"
        check "$twin panel: '$cmd' prints what the plain panel gives" \
            cmp -s "$work/want" "$work/got"
    done
done

# The latest value and year of each series, by awk from the file.
run -d "$work/plain.csv" growth --all --format csv
awk -F, 'NR > 1 { last[$1] = $3; year[$1] = $2 }
         END { for (s in last) printf "%s,%s,%s\n", s, year[s], last[s] + 0 }' \
    "$work/plain.csv" | sort >"$work/awk"
awk -F, 'NR > 1 { gsub(/"/, ""); printf "%s,%s,%s\n", $1, $5, $8 + 0 }' \
    "$work/out" | sort >"$work/ours"
check "growth --all: latest year and value of every series as awk reads them" \
    cmp -s "$work/awk" "$work/ours"
check "growth --all: 2000 rows" test "$(wc -l <"$work/ours")" -eq 2000

finish
