#!/usr/bin/env bash
# CLI test of bulletins (append --from), revisions that carry over what
# they do not restate, removals, vintages (--vintage on every read
# command), the revisions side by side (history ID) and the years real
# data has, on a copy of the shipped dataset. Every write goes through
# write_checked (store_lib.sh): exit 0 leaves a dataset that loads and
# checks clean, any other exit every file byte-identical.
set -eu
. "$SOURCE_DIR/tests/cli/store_lib.sh"

d="$work/data"
mkdir "$d"
cp "$SOURCE_DIR"/datasets/china-standardization.csv \
    "$SOURCE_DIR"/datasets/china-standardization.indicators.csv "$d"/
D="$d/china-standardization.csv"
H="$d/china-standardization.history.csv"
cd "$d"
shipped_rows=$(wc -l <"$D")

# ---- a bulletin ---------------------------------------------------------

# The 2026 bulletin: three figures, one of them a rate with its %.
cat >"$work/b2026.csv" <<'EOF'
indicator,year,value,source,note
certification_bodies,2026,1231,https://example.org/bulletin-2026,count at end-2026
valid_certificates,2026,"4,412,000",https://example.org/bulletin-2026,
valid_certificates_growth_pct,2026,6.1%,https://example.org/bulletin-2026,
EOF
write_checked "bulletin" "$D" append --from "$work/b2026.csv"
expect_rc 0 "a bulletin of three figures"
has "$work/err" "3 rows: 3 added, 0 revised, 0 unchanged" "the bulletin's summary"
lines "$D" $((shipped_rows + 3)) "three rows more"
lines "$H" 4 "one history entry per figure"
check "each entry is an append" \
    test "$(grep -c ',append,' "$H")" = 3
run -d "$D" show certification_bodies --format csv
paste -d' ' <(csv_column "$work/out" year) <(csv_column "$work/out" value) \
    <(csv_column "$work/out" unit) <(csv_column "$work/out" note) >"$work/rows"
has "$work/rows" "2026 1231 organisations count at end-2026" \
    "a new figure takes the catalog's unit"
run -d "$D" show valid_certificates_growth_pct --format csv
paste -d' ' <(csv_column "$work/out" year) <(csv_column "$work/out" value) \
    <(csv_column "$work/out" unit) >"$work/rows"
has "$work/rows" "2026 6.1 percent" "a rate's % in a bulletin"

# A bulletin in a spreadsheet's CSV: BOM, CRLF, quoted fields, defaults.
printf '\xef\xbb\xbf"indicator","year","value","status"\r\n"certification_bodies","2027","1240","P"\r\n' \
    >"$work/excel.csv"
write_checked "spreadsheet bulletin" "$D" append --from "$work/excel.csv" \
    --source "https://example.org/bulletin-2027" --note "provisional"
expect_rc 0 "a BOM, CRLF and quoted bulletin, with --source for all rows"
run -d "$D" show certification_bodies --format csv
paste -d' ' <(csv_column "$work/out" year) <(csv_column "$work/out" status) \
    <(csv_column "$work/out" source) <(csv_column "$work/out" note) >"$work/rows"
has "$work/rows" "2027 P https://example.org/bulletin-2027 provisional" \
    "empty cells take the options"

# ---- bulletins refused: the place, and nothing changes ------------------

# refuse_bulletin WHAT PLACE TEXT CONTENT [OPTIONS]: a bulletin refused
# with exit 65, its place and reason on one line, every file unchanged.
refuse_bulletin() {
    local what=$1 place=$2 text=$3 content=$4
    shift 4
    printf '%b' "$content" >"$work/bad.csv"
    write_checked "refused: $what" "$D" append --from "$work/bad.csv" "$@"
    expect_rc 65 "refused: $what"
    has "$work/err" "bad.csv:$place: " "refused: $what: the place"
    has "$work/err" "$text" "refused: $what: the reason"
    lines "$work/err" 1 "refused: $what: one line"
}
hdr='indicator,year,value,source\n'
refuse_bulletin "a bad figure on the last row" 3:3 "misplaced thousands separators" \
    "${hdr}certification_bodies,2028,1250,s\nvalid_certificates,2028,\"4,41,000\",s\n"
refuse_bulletin "an unknown indicator" 2:1 "unknown indicator 'nope'" \
    "${hdr}nope,2028,1,s\n"
refuse_bulletin "an unknown column" 1:5 "column 'comment' is not one the observations hold" \
    "indicator,year,value,source,comment\ncertification_bodies,2028,1,s,x\n"
refuse_bulletin "no value column" 1:4 "the header has no 'value' column" \
    "indicator,year,source\ncertification_bodies,2028,s\n"
refuse_bulletin "a ragged row" 2:4 "row has 3 fields, the header has 4" \
    "${hdr}certification_bodies,2028,1\n"
refuse_bulletin "a year out of range" 2:2 "year 20028 is outside -9999..9999" \
    "${hdr}certification_bodies,20028,1,s\n"
refuse_bulletin "a bad date" 2:5 "as_of '2028-02-30' is not a date" \
    "indicator,year,value,source,as_of\ncertification_bodies,2028,1,s,2028-02-30\n"
refuse_bulletin "a bad status" 2:5 "status 'X' is not an OBS_STATUS letter" \
    "indicator,year,value,source,status\ncertification_bodies,2028,1,s,X\n"
refuse_bulletin "a formula in a note" 2:5 "it starts with '='" \
    "indicator,year,value,source,note\ncertification_bodies,2028,1,s,=cmd()\n"
refuse_bulletin "a unit against the catalog" 2:5 "contradicts the catalog" \
    "indicator,year,value,source,unit\ncertification_bodies,2028,1,s,items\n"
refuse_bulletin "no source" 2:4 "needs its source" \
    "indicator,year,value,source\ncertification_bodies,2028,1,\n"
refuse_bulletin "a figure given twice" 3:2 "restates the figure of line 2" \
    "${hdr}certification_bodies,2028,1,s\ncertification_bodies,2028,2,s\n"
refuse_bulletin "an existing figure without --revise" 2:2 "already has a reading" \
    "${hdr}certification_bodies,2026,1300,s\n"
refuse_bulletin "a tie with a dated reading" 2:2 "conflicting readings" \
    "${hdr}certification_bodies,2024,1300,s\n"
: >"$work/empty.csv"
write_checked "refused: an empty file" "$D" append --from "$work/empty.csv"
expect_rc 65 "refused: an empty file"
has "$work/err" "empty.csv:1:1: the file is empty" "refused: an empty file: the place"
write_checked "refused: a missing file" "$D" append --from "$work/none.csv"
expect_rc 65 "refused: a missing file"
has "$work/err" "none.csv: cannot open" "refused: a missing file: why"
run -d "$D" append --from "$work/b2026.csv" certification_bodies 2026 1
expect_rc 64 "--from with a figure on the line"

# ---- revisions keep what they are not told ------------------------------

# The 2026 bulletin revised: one figure changes, one is restated exactly,
# one is new.
cat >"$work/rev.csv" <<'EOF'
indicator,year,value,source
certification_bodies,2026,1236,https://example.org/bulletin-2026-rev
valid_certificates,2026,"4,412,000",https://example.org/bulletin-2026
national_standards_released,2026,2610,https://example.org/bulletin-2026-rev
EOF
write_checked "revising bulletin" "$D" append --from "$work/rev.csv" --revise
expect_rc 0 "a bulletin with --revise"
has "$work/err" "3 rows: 1 added, 1 revised, 1 unchanged" \
    "added, revised and left alone"
lines "$H" 7 "a revision and an append, nothing for the restated figure"
tail -n2 "$H" | head -n1 >"$work/last"
has "$work/last" ",revise,certification_bodies,,2026,,1231,1236," \
    "the revision keeps the old figure"
has "$work/last" ",count at end-2026,count at end-2026," \
    "the note carries over"
has "$work/last" ",organisations,organisations," "the unit carries over"

# A single revision: status P and its date carry over, without --as-of.
run -d "$D" show certification_bodies --format csv
grep -q '2025,1214,"organisations","","2025-12-31"' "$work/out" ||
    fail "the fixture: certification_bodies 2025 is dated 2025-12-31"
write_checked "revise a dated figure" "$D" append certification_bodies 2027 \
    1245 --source https://example.org/final --revise
expect_rc 0 "revise 2027 (status P) without restating it"
run -d "$D" show certification_bodies --format csv
paste -d' ' <(csv_column "$work/out" year) <(csv_column "$work/out" value) \
    <(csv_column "$work/out" status) <(csv_column "$work/out" note) >"$work/rows"
has "$work/rows" "2027 1245 P provisional" "status and note carry over"
write_checked "revise 2025 without its date" "$D" append certification_bodies \
    2025 1215 --source https://example.org/r2025 --revise
expect_rc 0 "a dated reading revised without --as-of"
run -d "$D" show certification_bodies --format csv
paste -d' ' <(csv_column "$work/out" year) <(csv_column "$work/out" value) \
    <(csv_column "$work/out" as_of) >"$work/rows"
has "$work/rows" "2025 1215 2025-12-31" "the date carries over"
lacks "$work/rows" "2025 1214" "no second reading for 2025"
write_checked "restate normal" "$D" append certification_bodies 2027 1245 \
    --source https://example.org/final --revise --status A
expect_rc 0 "--status A restates normal"
run -d "$D" show certification_bodies --format csv
paste -d' ' <(csv_column "$work/out" year) <(csv_column "$work/out" status) \
    >"$work/rows"
has "$work/rows" "2027 " "the status is normal again"
lacks "$work/rows" "2027 P" "no P left"
# A year of several readings needs its date.
write_checked "refused: ambiguous revision" "$D" append \
    association_standards_cumulative 2019 12200 --source s --revise
expect_rc 65 "a revision of a year with two readings"
has "$work/err" "has 2 readings" "the refusal says how many"
has "$work/err" "--as-of" "and how to name one"

# ---- removal -------------------------------------------------------------

write_checked "remove" "$D" remove national_standards_released 2026 \
    --reason "withdrawn: the count included drafts"
expect_rc 0 "remove a figure"
has "$work/err" "removed national_standards_released 2026 = 2,610" "remove reports"
tail -n1 "$H" >"$work/last"
has "$work/last" ",remove,national_standards_released,,2026,,2610,," \
    "the history keeps the removed figure"
has "$work/last" "https://example.org/bulletin-2026-rev" "with its source"
has "$work/last" ",standards,,withdrawn: the count included drafts" \
    "its unit and the reason"
run -d "$D" show national_standards_released --format csv
lacks "$work/out" "2610" "the figure left the observations"
run -d "$D" remove certification_bodies 2026
expect_rc 64 "remove without --reason"
write_checked "refused: remove a missing figure" "$D" remove \
    certification_bodies 1999 --reason x
expect_rc 65 "remove a figure that is not there"
has "$work/err" "no reading for 1999" "the refusal says so"
write_checked "refused: remove one of two" "$D" remove \
    association_standards_cumulative 2019 --reason x
expect_rc 65 "remove in a year of two readings without --as-of"
write_checked "remove by date" "$D" remove association_standards_cumulative \
    2019 --as-of 2019-09-11 --reason "mid-year figure, not needed"
expect_rc 0 "remove by --as-of"
# Two undated readings told apart only by their roles: a removal cannot
# name one.
write_checked "refused: readings sharing their date" "$D" remove \
    enterprise_standards_self_declared_added 2019 --as-of '' --reason x
expect_rc 65 "a removal among readings that share their date"
has "$work/err" "has 2 readings as of the year's end" "the refusal says why"
# A primary whose removal would leave two readings tied: refused.
printf '%s\n' 'indicator,year,value,source,as_of,role' \
    'industry_standard_categories,2030,70,s,2030-06,primary' \
    'industry_standard_categories,2030,71,s,,' \
    'industry_standard_categories,2030,72,s,2030-12-31,' >"$work/tie.csv"
write_checked "three readings, one primary" "$D" append --from "$work/tie.csv"
expect_rc 0 "a primary decides between two readings that tie"
write_checked "refused: a removal leaving a tie" "$D" remove \
    industry_standard_categories 2030 --as-of 2030-06 --reason x
expect_rc 65 "a removal that leaves two readings tied"
has "$work/err" "removing it would leave industry_standard_categories 2030 undecided" \
    "the refusal says why"
write_checked "remove the tie" "$D" remove industry_standard_categories 2030 \
    --as-of 2030-12-31 --reason "a duplicate of the undated figure"
expect_rc 0 "removing one of the tied readings"

# check notices a row deleted by hand.
cp "$D" "$work/before-delete.csv"
grep -v '^certification_bodies,2026,' "$work/before-delete.csv" >"$D"
run -d "$D" check
expect_rc 65 "check after a row deleted by hand"
has "$work/out" "history.csv:" "check names the history entry"
has "$work/out" "certification_bodies 2026 (1,236) is in the history but not in the observations" \
    "check notices the vanished reading"
cp "$work/before-delete.csv" "$D"
sed 's/^certification_bodies,2026,1236,/certification_bodies,2026,1237,/' \
    "$work/before-delete.csv" >"$D"
run -d "$D" check
expect_rc 0 "a figure edited by hand is a warning"
has "$work/out" "holds 1,237 where the history's last entry about it" \
    "check notices the edit"
cp "$work/before-delete.csv" "$D"

# ---- vintages -------------------------------------------------------------

# Date the entries as a year of bulletins would: the first bulletin on
# 2026-01-20, the spreadsheet's on 2026-02-10, the revising one on
# 2026-03-05, the single revisions on 2026-04-01, the removals on
# 2026-05-15.
awk -F, 'BEGIN { OFS = "," }
NR == 1 { print; next }
{
    n = NR - 1
    if (n <= 3) $1 = "2026-01-20T09:00:00Z"
    else if (n == 4) $1 = "2026-02-10T09:00:00Z"
    else if (n <= 6) $1 = "2026-03-05T09:00:00Z"
    else if (n <= 9) $1 = "2026-04-01T09:00:00Z"
    else $1 = "2026-05-15T09:00:00Z"
    print
}' "$H" >"$work/h" && cat "$work/h" >"$H"

# Before any entry: the shipped figures, exactly.
mkdir "$work/shipped"
cp "$SOURCE_DIR"/datasets/china-standardization.csv \
    "$SOURCE_DIR"/datasets/china-standardization.indicators.csv "$work/shipped"/
for id in certification_bodies association_standards_cumulative \
          national_standards_released valid_certificates; do
    run -d "$work/shipped/china-standardization.csv" show "$id" --format csv
    cut -d, -f1-10 "$work/out" >"$work/want"
    run -d "$D" show "$id" --vintage 2025-12-31 --format csv
    expect_rc 0 "show $id --vintage 2025-12-31"
    cut -d, -f1-10 "$work/out" >"$work/got"
    check "$id at the end of 2025 is the shipped series" \
        cmp -s "$work/want" "$work/got"
done
run -d "$D" show certification_bodies --vintage 2026-01-20 --format csv
paste -d' ' <(csv_column "$work/out" year) <(csv_column "$work/out" value) \
    >"$work/rows"
has "$work/rows" "2026 1231" "the first bulletin's figure on its day"
lacks "$work/rows" "2027" "not yet the 2027 figure"
run -d "$D" show certification_bodies --vintage 2026-03-04 --format csv
csv_column "$work/out" value >"$work/rows"
has "$work/rows" "1231" "still the first figure the day before its revision"
run -d "$D" show certification_bodies --vintage 2026-03-05 --format csv
csv_column "$work/out" value >"$work/rows"
has "$work/rows" "1236" "the revised figure from its day"
run -d "$D" show national_standards_released --vintage 2026-05-14 --format csv
csv_column "$work/out" value >"$work/rows"
has "$work/rows" "2610" "a removed figure is there before its removal"
run -d "$D" show national_standards_released --vintage 2026-05-15 --format csv
csv_column "$work/out" value >"$work/rows"
lacks "$work/rows" "2610" "and gone on the day of its removal"
run -d "$D" show association_standards_cumulative --vintage 2026-05-14 --format csv
csv_column "$work/out" value >"$work/rows"
has "$work/rows" "9790" "the removed mid-year figure, before"
run -d "$D" show certification_bodies --vintage 2026-13-01
expect_rc 65 "a vintage that is not a day"
has "$work/err" "not a day YYYY-MM-DD" "the refusal says so"
for cmd in "list" "growth certification_bodies" \
           "project certification_bodies --to 2030 --model linear"; do
    # shellcheck disable=SC2086
    run -d "$D" $cmd --vintage 2025-12-31 --format csv
    expect_rc 0 "$cmd --vintage"
done
run -d "$D" growth certification_bodies --vintage 2025-12-31 --format csv
csv_column "$work/out" year | tail -n1 >"$work/rows"
has "$work/rows" "2025" "growth at the end of 2025 ends in 2025"
run -d "$D" chart certification_bodies -o "$work/v.gp" --vintage 2026-01-20
expect_rc 0 "chart --vintage"
has "$work/v.gp" "2026 1231" "the chart draws the vintage's figure"

# ---- revisions side by side ---------------------------------------------

run -d "$D" history certification_bodies --format csv
expect_rc 0 "history ID"
head -n1 "$work/out" >"$work/header"
has "$work/header" 'indicator,entity,year,as_of,initial,2026-01-20T09:00:00Z,2026-02-10T09:00:00Z,2026-03-05T09:00:00Z,2026-04-01T09:00:00Z' \
    "a column per change"
has "$work/out" '"certification_bodies","",2026,"",,1231,1231,1236,1236' \
    "2026: added, then revised"
has "$work/out" '"certification_bodies","",2025,"2025-12-31",1214,1214,1214,1214,1215' \
    "2025: revised in April"
has "$work/out" '"certification_bodies","",2024,"2024-12-31",1230,1230,1230,1230,1230' \
    "an untouched figure is present from the start"
run -d "$D" history certification_bodies --log --format csv
has "$work/out" '"revise","certification_bodies"' "history ID --log lists entries"

# ---- years as real data has them ------------------------------------------

write_checked "a year before 0" "$D" append --source s -- \
    certification_bodies -500 1
expect_rc 0 "year -500 loads"
run -d "$D" check
expect_rc 0 "check: a warning, not an error"
has "$work/out" "year -500 of certification_bodies is outside 1800-2100" \
    "check warns of a year outside 1800-2100"
write_checked "remove -500" "$D" remove --reason typo -- certification_bodies -500
expect_rc 0 "remove year -500"
printf 'indicator,year,value,source\ncertification_bodies,2204,1250,s\n' \
    >"$work/typo.csv"
write_checked "a year far after" "$D" append --from "$work/typo.csv"
run -d "$D" check
has "$work/out" "year 2204 of certification_bodies is outside 1800-2100" \
    "2204: outside 1800-2100"
write_checked "remove 2204" "$D" remove certification_bodies 2204 --reason typo
write_checked "a year far before" "$D" append certification_bodies 1920 1 \
    --source s
run -d "$D" check
has "$work/out" "year 1920 of certification_bodies is 98 years before the rest" \
    "a year far from the rest"

# Figures written as NIST and spreadsheets write them: 760. and .5.
printf 'indicator,year,value,source\nindustry_standard_categories,2031,760.,s\ncertified_products_growth_pct,2031,.5,s\n' \
    >"$work/points.csv"
write_checked "760. and .5" "$D" append --from "$work/points.csv"
expect_rc 0 "a bulletin with 760. and .5"
run -d "$D" show industry_standard_categories --format csv
has "$work/out" '"industry_standard_categories","",2031,760,' "760. is 760"
run -d "$D" show certified_products_growth_pct --format csv
has "$work/out" '"certified_products_growth_pct","",2031,0.5,' ".5 is 0.5"
write_checked "remove 760." "$D" remove industry_standard_categories 2031 \
    --reason "a test figure"
write_checked "remove .5" "$D" remove certified_products_growth_pct 2031 \
    --reason "a test figure"

finish
