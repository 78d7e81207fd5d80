#!/usr/bin/env bash
# growth: the figures of one series (rows, summary, target, rate check) and
# one row per series (--all), on copies of the shipped dataset and of the
# made-up one in tests/data/cli-growth/. Numbers are compared with
# tests/data/cli-growth/reference.csv (made by reference.R there, an
# independent computation in R) to 1e-9 relative.
set -eu

: "${INDICATORS:?set INDICATORS to the built program}"
: "${SOURCE_DIR:?set SOURCE_DIR to the source tree}"
REF="$SOURCE_DIR/tests/data/cli-growth/reference.csv"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
mkdir data pristine
cp "$SOURCE_DIR"/datasets/china-standardization.csv \
   "$SOURCE_DIR"/datasets/china-standardization.indicators.csv \
   "$SOURCE_DIR"/tests/data/cli-growth/made-up.csv \
   "$SOURCE_DIR"/tests/data/cli-growth/made-up.indicators.csv data/
cp data/* pristine/
CN=data/china-standardization.csv
MU=data/made-up.csv

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# run DATASET ARGS...: the program's stdout, stderr and exit code in
# out, err and $rc.
run() {
    local ds=$1
    shift
    rc=0
    "$INDICATORS" -d "$ds" growth "$@" >out 2>err || rc=$?
}

expect_rc() {
    if [ "$rc" -ne "$1" ]; then
        fail "$2: exit $rc, expected $1; stderr: $(head -c 400 err)"
    fi
}

expect_err() {
    grep -qF -- "$1" err || fail "$2: stderr lacks '$1': $(head -c 400 err)"
}

expect_out() {
    grep -qF -- "$1" out || fail "$2: stdout lacks '$1'"
}

# flatten FORMAT CASE: the figures of `out` as case,key,field,value lines
# (key: the year of a row, "" for a summary field, the measure of an
# extreme, "target", or indicator[/entity] for --all; true/false as 1/0,
# null and empty as NA). Text columns are left out.
cat > flatten.py <<'EOF'
import csv, json, sys

fmt, case = sys.argv[1], sys.argv[2]
out = []

def put(key, field, v):
    if isinstance(v, str) and fmt == "json":
        return
    if v is None or v == "":
        v = "NA"
    elif v is True or v == "true":
        v = "1"
    elif v is False or v == "false":
        v = "0"
    else:
        try:
            float(v)
        except ValueError:
            return
    v = repr(v) if isinstance(v, float) else v
    out.append("%s,%s,%s,%s" % (case, key, field, v))

def row_key(r):
    if "year" in r:
        return str(r["year"])
    return r["indicator"] + ("/" + r["entity"] if r["entity"] else "")

def rows(table, prefix=""):
    for r in table:
        k = row_key(r)
        for f, v in r.items():
            if f not in ("year", "indicator", "entity"):
                put(k, prefix + f, v)

text = open("out", encoding="utf-8").read()
if fmt == "csv":
    rows(list(csv.DictReader(text.splitlines())))
else:
    doc = json.loads(text)
    if isinstance(doc, list):
        rows(doc)
    else:
        for key, v in doc.items():
            if key == "rows":
                rows(v)
            elif key == "extremes":
                for r in v:
                    for f, x in r.items():
                        if f != "measure":
                            put(r["measure"], f, x)
            elif key == "target":
                for f, x in v[0].items():
                    put("target", f, x)
            elif key == "rate_check":
                rows(v, "check.")
            elif key == "implied_levels":
                rows(v, "implied.")
            elif not isinstance(v, list):
                put("", key, v)
print("\n".join(out))
EOF

# compare CASE REF [rows]: every reference figure of CASE against the
# flattened output, to 1e-9 relative, or 1e-12 absolute for figures that
# should be 0 (R's 1331 / 1210 - 1 is 1e-16 off). With "rows", only the
# rows the output has (CSV prints the rows table alone).
cat > compare.py <<'EOF'
import sys

case = sys.argv[1]
only_rows = len(sys.argv) > 3
got = {}
for line in open("flat"):
    c, k, f, v = line.rstrip("\n").split(",", 3)
    got[(k, f)] = v
bad = checked = 0
worst = 0.0
for line in open(sys.argv[2]):
    c, k, f, v = line.rstrip("\n").split(",", 3)
    if c != case or (only_rows and k not in {g[0] for g in got}):
        continue
    checked += 1
    a = got.get((k, f))
    if a is None:
        print("%s %s %s: missing from the output" % (case, k, f)); bad += 1
    elif v == "NA" or a == "NA":
        if v != a:
            print("%s %s %s: %s, expected %s" % (case, k, f, a, v)); bad += 1
    else:
        x, y = float(a), float(v)
        tol = max(1e-9 * max(abs(x), abs(y)), 1e-12)
        if max(abs(x), abs(y)) > 1e-6:
            worst = max(worst, abs(x - y) / max(abs(x), abs(y)))
        if abs(x - y) > tol:
            print("%s %s %s: %r, expected %r" % (case, k, f, x, y)); bad += 1
if checked == 0:
    print("%s: no reference figures" % case); bad += 1
print("%s: %d figures checked, largest relative difference %.1e"
      % (case, checked, worst), file=sys.stderr)
sys.exit(1 if bad else 0)
EOF

# check_case CASE FORMAT: flatten the last output and compare it.
check_case() {
    local rows=
    [ "$2" = csv ] && rows=rows
    python3 flatten.py "$2" "$1" > flat || { fail "$1: output not $2"; return; }
    python3 compare.py "$1" "$REF" $rows > diff 2>>counts ||
        fail "$1: figures differ from the reference: $(head -c 800 diff)"
}

no_nan() {
    if grep -qiwE 'nan|inf|-nan|-inf|infinity' out; then
        fail "$1: NaN or infinity printed"
    fi
}

# ---- the interface on the shipped dataset -----------------------------

run "$CN" certification_bodies --format csv
expect_rc 0 "cb csv"
head -1 out | tr ',' '\n' > header
for col in year value abs_change yoy_pct index; do
    grep -qx "$col" header || fail "cb csv: no column $col"
done
[ "$(wc -l < out)" -eq 9 ] || fail "cb csv: $(wc -l < out) lines, expected 9"
[ ! -s err ] || fail "cb csv: unexpected stderr: $(cat err)"
check_case cb csv
no_nan "cb csv"

run "$CN" certification_bodies --format json
expect_rc 0 "cb json"
check_case cb json
python3 -c 'import json; d = json.load(open("out"));
assert d["from"] == 2018 and d["to"] == 2025, d
assert isinstance(d["cagr_pct"], float) and len(d["rows"]) == 8
assert d["rows"][0]["yoy_pct"] is None and d["rows"][0]["abs_change"] is None
assert d["rows"][5]["reading"] == "year-end; chosen of 2 by role", d["rows"][5]
assert d["rows"][1]["reading"] == "dated after the year", d["rows"][1]' ||
    fail "cb json: fields"

run "$CN" certification_bodies --from 2019 --to 2023 --base 2020 --format json
expect_rc 0 "cb span"
check_case cb_span json
python3 -c 'import json; d = json.load(open("out"));
r = d["rows"]
assert [x["year"] for x in r] == list(range(2019, 2024)), r
assert r[0]["prev_year"] == 2018 and d["base_year"] == 2020
assert d["from"] == 2019 and d["to"] == 2023' || fail "cb span: fields"

run "$CN" certification_bodies
expect_rc 0 "cb table"
expect_out "CAGR 2018-2025 (%):" "cb table"
expect_out "14.14" "cb table"
expect_out "1,214" "cb table"
expect_out "abs_change" "cb table"
# One name per figure whatever the kind: the kind column says a stock.
run "$CN" certification_bodies --format csv
head -1 out | grep -q '^indicator,entity,kind,year,value,' ||
    fail "cb csv: rows name the indicator, entity and kind"
grep -q '^"certification_bodies","","stock",2025,' out ||
    fail "cb csv: a row names its indicator and kind"
head -1 out | grep -q 'net_additions' && fail "cb csv: one name per figure"

run "$CN" certification_bodies --from 2023 --target 1500 --by 2030 \
    --format json
expect_rc 0 "cb never"
check_case cb_never json
python3 -c 'import json; t = json.load(open("out"))["target"][0];
assert t["reaches"] is False and t["reach_year"] is None, t
assert t["note"] == "never at this pace", t' || fail "cb never: fields"

# Gaps: changes across 2018, 2020-2021 are annualised, never filled in.
run "$CN" association_standards_cumulative --format json
expect_rc 0 "as"
check_case as json
python3 -c 'import json; r = json.load(open("out"))["rows"]
assert [x["year"] for x in r] == [2017, 2019, 2022, 2023], r
assert [x["annualised"] for x in r] == [False, True, True, False]
assert r[0]["reading"] == "partial year; chosen of 2 by role", r[0]
assert r[0]["as_of"] == "2017-12-11"
assert r[3]["reading"] == "year-end; chosen of 3 by role", r[3]' ||
    fail "as: fields"

# A flow: the sum over the span, with the missing year said.
run "$CN" association_standards_added --format json
expect_rc 0 "asa"
check_case asa json
run "$CN" association_standards_added
expect_out "sum 2019-2023 (1 year missing):" "asa table"
expect_out "56,219" "asa table"

# A target, and the stated rate checked against the levels.
run "$CN" valid_certificates --target 5,000,000 --by 2027 --format json
expect_rc 0 "vc"
check_case vc json
python3 -c 'import json; d = json.load(open("out"))
assert d["rows"][1]["reading"] == "partial year; chosen of 2 by role"
assert d["rows"][1]["as_of"] == "2019-03" and d["rows"][1]["value"] == 1970000
rates = [c["rate"] for c in d["rate_check"]]
assert rates == ["valid_certificates_growth_pct"] * 4, rates
assert "implied_levels" not in d' || fail "vc: fields"
run "$CN" valid_certificates --target 5,000,000 --by 2027 --format csv
head -1 out | grep -q '^indicator,entity,kind,year,value,' ||
    fail "vc csv: not the rows table"
[ "$(wc -l < out)" -eq 8 ] || fail "vc csv: the rows only"

# A rate: shown as stated, changes in points, no ratio figures.
run "$CN" valid_certificates_growth_pct --format json
expect_rc 0 "vr"
check_case vr json
expect_err "is a rate" "vr"
python3 -c 'import json; d = json.load(open("out"))
assert d["cagr_pct"] is None and d["base_year"] is None
assert all(r["index"] is None and r["yoy_pct"] is None for r in d["rows"])' ||
    fail "vr: fields"

# ---- refusals: exit code, one message, nothing on stdout --------------

refuse() { # CODE TEXT DATASET ARGS...
    local code=$1 text=$2 ds=$3
    shift 3
    run "$ds" "$@"
    expect_rc "$code" "$*"
    expect_err "$text" "$*"
    [ ! -s out ] || fail "$*: printed data when refusing"
}
refuse 65 "no CAGR for a rate" "$CN" valid_certificates_growth_pct --from 2022
refuse 65 "no CAGR for a rate" "$CN" valid_certificates_growth_pct --to 2023
refuse 65 "no target growth for a rate" "$CN" \
    valid_certificates_growth_pct --target 20 --by 2030
refuse 65 "no index for a rate" "$CN" valid_certificates_growth_pct --base 2022
refuse 65 "unknown indicator 'no_such_thing'" "$CN" no_such_thing
refuse 64 "year 'abc' is not a whole number" "$CN" certification_bodies \
    --from abc
refuse 64 "start year 2016 has no value; the first year with one is 2018" \
    "$CN" certification_bodies --from 2016
refuse 64 "base year 2021 has no value; the nearest years with one are 2019" \
    "$CN" association_standards_cumulative --base 2021
refuse 64 "--from 2020 is after --to 2019" "$CN" certification_bodies \
    --from 2020 --to 2019
refuse 64 "--target and --by go together" "$CN" certification_bodies \
    --target 2000
refuse 64 "--target must be above zero" "$CN" certification_bodies \
    --target 0 --by 2030
refuse 64 "the target year 2025 is not after the latest figure (2025)" \
    "$CN" certification_bodies --target 2000 --by 2025
refuse 64 "--all takes no indicator" "$CN" certification_bodies --all
refuse 64 "give one indicator id" "$CN"
refuse 64 "unknown option '--frmat'" "$CN" certification_bodies --frmat csv
refuse 64 "--format 'xml'" "$CN" certification_bodies --format xml
refuse 64 "--derived adds levels to the level" "$MU" members_growth_pct \
    --derived
refuse 66 "set the dataset with -d FILE" data/absent.csv certification_bodies

# ---- made-up series: gaps, a dip, flat, two points, one point, zero ---

run "$MU" gap_dip --format json
expect_rc 0 "gap_dip"
check_case gap_dip json
python3 -c 'import json; r = json.load(open("out"))["rows"]
assert r[3]["reading"] == "year-end; chosen of 3 by date", r[3]
assert r[3]["value"] == 135 and r[4]["status"] == "P"
assert r[2]["gap_years"] == 2 and r[2]["abs_change"] == 30' ||
    fail "gap_dip: fields"

run "$MU" gap_dip --entity EU --format json
expect_rc 0 "gap_dip EU"
check_case gap_dip_eu json

run "$MU" flat --format json
expect_rc 0 "flat"
check_case flat json
[ ! -s err ] || fail "flat: unexpected stderr: $(cat err)"

run "$MU" two_point --format json
expect_rc 0 "two_point"
check_case two_point json

run "$MU" one_point --format json
expect_rc 0 "one_point"
check_case one_point json
expect_err "no CAGR for one_point from 2021 to 2021: the span holds a single" \
    "one_point"
run "$MU" one_point --format csv
expect_rc 0 "one_point csv"
[ "$(wc -l < out)" -eq 2 ] || fail "one_point csv: one row"

run "$MU" zero_neg --format json
expect_rc 0 "zero_neg"
check_case zero_neg json
no_nan zero_neg
expect_err "no CAGR for zero_neg from 2015 to 2021: the value is negative" \
    "zero_neg"
python3 -c 'import json; r = json.load(open("out"))["rows"]
assert r[1]["yoy_pct"] == -100 and r[1]["log_growth"] is None
assert r[2]["note"] == "no % from zero; no log of a value <= 0", r[2]
assert r[4]["note"] == "no % from below zero; no log of a value <= 0", r[4]
assert r[5]["note"] == "no rate to below zero; no log of a value <= 0", r[5]' ||
    fail "zero_neg: notes"
run "$MU" zero_neg
expect_out "sum 2015-2021 (1 year missing):" "zero_neg table"
no_nan "zero_neg table"

run "$MU" from_zero --format json
expect_rc 0 "from_zero"
check_case from_zero json
expect_err "no index for from_zero: the value of the base year 2018 is not" \
    "from_zero"
run "$MU" from_zero --base 2019 --format json
check_case from_zero_b2019 json

# A rate declared as the growth of a level: implied levels, rate check.
run "$MU" members --format json
expect_rc 0 "members"
check_case members json
python3 -c 'import json; d = json.load(open("out"))
c = {x["year"]: x["agrees"] for x in d["rate_check"]}
assert c == {2019: True, 2020: False}, c
i = d["implied_levels"]
assert len(i) == 1 and i[0]["year"] == 2017 and i[0]["rate_year"] == 2018, i
assert [r["year"] for r in d["rows"]] == [2016, 2018, 2019, 2020]' ||
    fail "members: fields"
run "$MU" members --derived --format json
expect_rc 0 "members derived"
check_case members_derived json
python3 -c 'import json; r = json.load(open("out"))["rows"]
assert r[1]["year"] == 2017, r[1]
assert r[1]["reading"] == "derived from the stated rate", r[1]' ||
    fail "members derived: the derived row is not marked"
run "$MU" gap_dip --derived
expect_rc 0 "gap_dip derived"
expect_err "no rate is declared as the growth of gap_dip" "gap_dip derived"

# ---- --all --------------------------------------------------------------

run "$CN" --all --format json
expect_rc 0 "all json"
check_case all json
nseries=$(( $("$INDICATORS" -d "$CN" list --format csv | wc -l) - 1 ))
python3 -c 'import json, sys; d = json.load(open("out"))
assert len(d) == int(sys.argv[1]), len(d)' "$nseries" ||
    fail "all json: not one row per series"
run "$CN" --all --format csv
expect_rc 0 "all csv"
check_case all csv
[ "$(wc -l < out)" -eq $((nseries + 1)) ] || fail "all csv: row count"
run "$CN" --all
expect_rc 0 "all table"
expect_out "a rate: not compounded" "all table"

run "$MU" --all --format json
expect_rc 0 "all made-up"
check_case all_made_up json
python3 -c 'import json; d = {r["indicator"] + "/" + r["entity"]: r
    for r in json.load(open("out"))}
assert d["one_point/"]["note"] == "one year only"
assert d["two_point/"]["annualised"] is True
assert d["zero_neg/"]["note"] == "no rate to below zero", d["zero_neg/"]' ||
    fail "all made-up: notes"

# CSV streams in chunks: the header once, every series once.
awk 'BEGIN {
    print "indicator,entity,year,value"
    for (s = 0; s < 1300; s++)
        for (y = 2000; y < 2003; y++)
            printf "p%d,,%d,%d\n", s, y, 100 + s + 10 * (y - 2000)
}' > data/panel.csv
run data/panel.csv --all --format csv
expect_rc 0 "panel"
[ "$(grep -c '^indicator,' out)" -eq 1 ] || fail "panel: header not once"
[ "$(wc -l < out)" -eq 1301 ] || fail "panel: $(wc -l < out) lines"
[ "$(cut -d, -f1 out | sort -u | wc -l)" -eq 1301 ] ||
    fail "panel: a series twice"
grep -q '^"p1299","","",2000,2002,3,0,1419,2001,0.7097' out ||
    fail "panel: last series: $(tail -1 out)"

# An undecided conflict: named; --all prints the rest and says so.
cat > data/conflict.csv <<'EOF'
indicator,year,value,as_of,role
a,2019,10,,
a,2020,11,,
a,2020,12,,
b,2019,5,,
b,2020,6,,
c,2020,7,,alternate
EOF
run data/conflict.csv a
expect_rc 65 "conflict"
expect_err "2020" "conflict"
[ ! -s out ] || fail "conflict: printed data"
run data/conflict.csv --all --format csv
expect_rc 65 "conflict all"
expect_err "1 series left blank" "conflict all"
grep -q '^"a","","",2019,2020,,,,,,,,"undecided conflict: see check"$' out ||
    fail "conflict all: row of a: $(grep '^"a"' out)"
grep -q '^"b","","",2019,2020,2,0,6,2019,20,false,20,""$' out ||
    fail "conflict all: row of b: $(grep '^"b"' out)"
# A series whose only reading is an alternate has no values.
run data/conflict.csv c
expect_rc 65 "no values"
expect_err "c has no values" "no values"
grep -q '^"c",.*"no values"$' <("$INDICATORS" -d data/conflict.csv growth \
    --all --format csv 2>/dev/null) || fail "no values: --all row"

run "$CN" --help
expect_rc 0 "help"
expect_out "usage: indicators [-d DATASET] growth ID" "help"

# growth only reads: every file is byte-identical after all of the above.
for f in pristine/*; do
    cmp -s "$f" "data/$(basename "$f")" || fail "$(basename "$f") changed"
done
[ ! -e data/china-standardization.history.csv ] || fail "a history appeared"

cat counts >&2
if [ "$failures" -ne 0 ]; then
    echo "test_growth: $failures failure(s)" >&2
    exit 1
fi
echo "test_growth: all checks passed"
