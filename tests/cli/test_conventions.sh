#!/usr/bin/env bash
# CLI tests of the conventions every command keeps: global options anywhere
# on the line; tables that fit $COLUMNS without shortening a figure; CSV
# and JSON rows that name their indicator (outputs concatenate); one name
# per figure; true/false and integer years in machine formats; one-line
# usage errors; the closest ids for a mistyped one; negative figures
# without `--`. Runs on a temporary copy of the shipped dataset.
set -eu
. "$(dirname "$0")/store_lib.sh"

cp "$SOURCE_DIR"/datasets/china-standardization.csv \
   "$SOURCE_DIR"/datasets/china-standardization.indicators.csv "$work/"
D="$work/china-standardization.csv"
export INDICATORS_DATASET=$D

# width FILE: the widest line, in characters (UTF-8), of FILE.
width() {
    python3 -c 'import sys
print(max([len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")] or [0]))' "$1"
}

# ---- global options anywhere ----
run -d "$D" --format csv list
expect_rc 0 "-d FILE --format csv list"
cp "$work/out" "$work/list_before"
run list -d "$D" --format csv
expect_rc 0 "list -d FILE --format csv"
check "options after the command print the same" \
    cmp -s "$work/list_before" "$work/out"
run --format=csv list --dataset="$D"
check "--format=csv before and --dataset= after print the same" \
    cmp -s "$work/list_before" "$work/out"
run list --format csv -d"$D"
check "-dFILE at the end prints the same" cmp -s "$work/list_before" "$work/out"
run --format csv define x --kind stock --title T --unit u
expect_rc 64 "--format for a command that prints no data"
lines "$work/err" 1 "that refusal is one line"

# ---- tables fit $COLUMNS, figures whole ----
for cmd in list "show valid_certificates" "growth --all"; do
    # shellcheck disable=SC2086 # the command's words
    COLUMNS=100 "$INDICATORS" $cmd >"$work/table" 2>/dev/null
    checks=$((checks + 1))
    [ "$(width "$work/table")" -le 100 ] ||
        fail "COLUMNS=100 $cmd: a line of $(width "$work/table") characters"
done
COLUMNS=100 "$INDICATORS" list >"$work/table"
has "$work/table" "3,165,625" "a figure is never shortened to fit"
COLUMNS=200 "$INDICATORS" list >"$work/table"
has "$work/table" "…" "text columns are shortened to fit"
COLUMNS=80 "$INDICATORS" list >"$work/narrow" 2>/dev/null
has "$work/narrow" "3,165,625" "figures stay whole in a narrow table"
env -u COLUMNS "$INDICATORS" list >"$work/wide"
checks=$((checks + 1))
[ "$(width "$work/wide")" -gt 100 ] ||
    fail "without COLUMNS and not on a terminal, a table is not cut to a width"
COLUMNS=100 "$INDICATORS" project certification_bodies --to 2028 \
    >"$work/project" 2>/dev/null
checks=$((checks + 1))
[ "$(width "$work/project")" -le 100 ] ||
    fail "COLUMNS=100 project: long fields are wrapped"

# ---- every CSV and JSON row names its indicator ----
run growth certification_bodies --format csv
head -n1 "$work/out" >"$work/growth_header"
has "$work/growth_header" "indicator,entity,kind,year," "growth CSV names the indicator"
tail -n +2 "$work/out" >"$work/growth_both"
run growth national_standards_released --format csv
check "growth CSV of two indicators concatenates under one header" \
    cmp -s "$work/growth_header" <(head -n1 "$work/out")
tail -n +2 "$work/out" >>"$work/growth_both"
check "each concatenated row names its own indicator" \
    sh -c "grep -q '^\"certification_bodies\",' '$work/growth_both' &&
           grep -q '^\"national_standards_released\",' '$work/growth_both'"
run project certification_bodies --to 2027 --model linear --format csv
has "$work/out" 'indicator,entity,year,mean' "project CSV names the indicator"
has "$work/out" '"certification_bodies","",2027,' "a project row names its indicator"
run backtest certification_bodies --format csv
has "$work/out" 'indicator,entity,model,horizon' "backtest CSV names the indicator"
run check --format csv
has "$work/out" 'indicator,severity,file' "check CSV names the indicator"
for cmd in "growth certification_bodies" \
           "project certification_bodies --to 2027 --model linear" \
           "backtest certification_bodies" "show certification_bodies"; do
    # shellcheck disable=SC2086 # the command's words
    "$INDICATORS" $cmd --format json >"$work/json" 2>/dev/null
    checks=$((checks + 1))
    python3 - "$work/json" <<'EOF' || fail "$cmd: a JSON row lacks its indicator"
import json, sys
d = json.load(open(sys.argv[1]))
tables = [v for v in (d.values() if isinstance(d, dict) else [d])
          if isinstance(v, list)]
rows = [r for t in tables for r in t if isinstance(r, dict)]
assert rows and all(r.get("indicator") and "entity" in r for r in rows), rows[:2]
EOF
done

# ---- one name per figure, true/false, integer years ----
for id in certification_bodies national_standards_released; do
    run growth "$id" --format csv
    lacks "$work/out" "net_additions" "$id: one name for the change per year"
    has "$work/out" "abs_change_per_year" "$id: abs_change_per_year"
done
run show valid_certificates --format csv
check "show's used is true/false" \
    sh -c "grep -q ',true,' '$work/out' && grep -q ',false,' '$work/out' &&
           ! grep -qE ',(yes|no),' '$work/out'"
run show valid_certificates --format json
check "show's used and conflict are JSON booleans" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert all(isinstance(r["used"], bool) and isinstance(r["conflict"], bool)
           for r in d["readings"])' "$work/out"
run append certification_bodies 2030 1500 --source https://example.org/x
expect_rc 0 "append for the history"
run history --format json
check "history years are integers" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert rows and all(isinstance(r["year"], int) for r in rows), rows' "$work/out"
run growth certification_bodies --format json
check "growth years are integers, annualised a boolean" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert all(isinstance(r["year"], int) and isinstance(r["annualised"], bool)
           for r in d["rows"])' "$work/out"

# ---- usage errors: one line, and where to read more ----
for args in "project certification_bodies --bogus" "append x 2020" \
            "growth --to" "show" "chart certification_bodies"; do
    # shellcheck disable=SC2086 # the arguments' words
    run $args
    expect_rc 64 "$args"
    lines "$work/err" 1 "$args: a usage error is one line"
    cmd=${args%% *}
    has "$work/err" "see \`indicators $cmd --help\`" "$args: says where to read"
done
run frobnicate
expect_rc 64 "an unknown command"
lines "$work/err" 1 "an unknown command is one line"
has "$work/err" "see \`indicators --help\`" "an unknown command says where to read"
run
expect_rc 64 "no command"
lines "$work/err" 1 "no command is one line"
run append --help
lacks "$work/out" "%%" "append --help shows no literal %%"

# ---- a mistyped id names the closest ----
# mistyped WHAT ARGS...: the command refuses the id with exit 65, on one
# line naming certification_bodies.
mistyped() {
    local what=$1
    shift
    run "$@"
    expect_rc 65 "$what certification_bodys"
    has "$work/err" "certification_bodies" "$what names the closest id"
    lines "$work/err" 1 "$what: the refusal is one line"
}
mistyped show show certification_bodys
mistyped growth growth certification_bodys
mistyped history history certification_bodys
mistyped project project certification_bodys --to 2030
mistyped backtest backtest certification_bodys
mistyped chart chart certification_bodys -o "$work/x.gp"
run show zzzz_nothing_like_it
expect_rc 65 "an id close to none"
lacks "$work/err" "did you mean" "no suggestion when nothing is close"

# ---- a negative figure is a value, without `--` ----
run append valid_certificates_growth_pct 2030 -3.5 --source https://example.org/n
expect_rc 0 "append of -3.5 without --"
check "the file holds -3.5" grep -q '^valid_certificates_growth_pct,2030,-3.5,' "$D"
run --source https://example.org/n append valid_certificates_growth_pct 2031 -.5
expect_rc 64 "--source before the command is not a global option"
run append valid_certificates_growth_pct 2031 --source https://example.org/n -- -0.5
expect_rc 0 "-- still works"
check "the file holds -0.5" grep -q '^valid_certificates_growth_pct,2031,-0.5,' "$D"

finish
