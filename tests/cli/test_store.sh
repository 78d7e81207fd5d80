#!/usr/bin/env bash
# The store through the program: list, show, append (and its refusals),
# check, on temporary copies of the shipped dataset and of small datasets
# written here. Expected figures come from the dataset files themselves,
# read by an awk CSV reader of the test's own (store_lib.sh), or are
# written out by hand.
set -eu
. "$SOURCE_DIR/tests/cli/store_lib.sh"

shipped="$SOURCE_DIR/datasets/china-standardization"
d="$work/ds"
mkdir "$d"
cp "$shipped.csv" "$shipped.indicators.csv" "$d/"
cd "$d"
D=china-standardization.csv
H=china-standardization.history.csv

# ---- list ------------------------------------------------------------------

# indicator first last years readings, per indicator, from the file.
csv_column "$D" indicator >"$work/ind"
csv_column "$D" year >"$work/year"
paste -d' ' "$work/ind" "$work/year" | sort -k1,1 -k2,2n | awk '
    $1 != id { if (id != "") print id, first, last, years, n
               id = $1; first = $2; years = 0; n = 0; prev = "" }
    { last = $2; n++; if ($2 != prev) years++; prev = $2 }
    END { print id, first, last, years, n }' >"$work/want_list"

run -d "$D" list --format csv
expect_rc 0 "list"
head -n1 "$work/out" >"$work/header"
for column in indicator first_year last_year readings years; do
    check "list has a $column column" grep -qE "(^|,)$column(,|\$)" "$work/header"
done
cp "$work/out" "$work/list.csv"
paste -d' ' <(csv_column "$work/list.csv" indicator) \
    <(csv_column "$work/list.csv" first_year) \
    <(csv_column "$work/list.csv" last_year) \
    <(csv_column "$work/list.csv" years) \
    <(csv_column "$work/list.csv" readings) | sort >"$work/got_list"
check "list agrees with the file ($(wc -l <"$work/want_list") series)" \
    cmp -s "$work/want_list" "$work/got_list"
lines "$work/got_list" "$(csv_column "$shipped.indicators.csv" indicator | wc -l)" \
    "one row per series"

run -d "$D" list
expect_rc 0 "list as a table"
has "$work/out" "4,158,000" "the table groups thousands"
run -d "$D" list --format json
expect_rc 0 "list as JSON"
has "$work/out" '"indicator": "valid_certificates"' "JSON names the series"
run -d "$D" list --format xml
expect_rc 64 "list --format xml"
run -d "$work/none.csv" list
expect_rc 66 "list of a missing dataset"

# ---- show ------------------------------------------------------------------

run -d "$D" show valid_certificates --format csv
expect_rc 0 "show"
cp "$work/out" "$work/show.csv"
head -n1 "$work/show.csv" >"$work/header"
for column in indicator year value as_of source used; do
    check "show has a $column column" grep -qE "(^|,)$column(,|\$)" "$work/header"
done
# Every reading of the file, values in round-trip form.
paste -d' ' "$work/ind" "$work/year" <(csv_column "$D" value) \
    <(csv_column "$D" as_of) | awk '$1 == "valid_certificates"' | sort \
    >"$work/want_show"
paste -d' ' <(csv_column "$work/show.csv" indicator) \
    <(csv_column "$work/show.csv" year) <(csv_column "$work/show.csv" value) \
    <(csv_column "$work/show.csv" as_of) | sort >"$work/got_show"
check "show lists every reading" cmp -s "$work/want_show" "$work/got_show"
# The reading used for 2019 is the primary one (1,970,000 as of 2019-03).
paste -d' ' <(csv_column "$work/show.csv" year) \
    <(csv_column "$work/show.csv" value) <(csv_column "$work/show.csv" used) \
    >"$work/used"
has "$work/used" "2019 1970000 true" "2019 uses the primary reading"
has "$work/used" "2019 1164000 false" "2019's alternate is kept, not used"
lines "$work/used" 10 "valid_certificates has 10 readings"

run -d "$D" show nope
expect_rc 65 "show of an unknown indicator"
has "$work/err" "unknown indicator 'nope'" "show names the unknown indicator"
has "$work/err" "indicators define nope" "show says how to add it"
run -d "$D" show $'bad\e[31mid'
expect_rc 65 "show of an id with ESC"
lacks "$work/err" $'\e' "no control character reaches the terminal"
run -d "$D" show
expect_rc 64 "show without an id"

# ---- append: refusals change nothing ----------------------------------------

snapshot "$d"
# refuse WHAT WANT ARGS...: append with ARGS exits 65 with one line on
# stderr containing WANT, and changes no file.
refuse() {
    local what=$1 want=$2
    shift 2
    write_checked "refused: $what" "$D" append "$@"
    expect_rc 65 "refused: $what"
    lines "$work/err" 1 "refused: $what: one line"
    has "$work/err" "$want" "refused: $what: the reason"
    lacks "$work/err" $'\e' "refused: $what: no ESC on stderr"
    unchanged "$d" "refused: $what"
}
src="http://example.org/report"
refuse "unknown indicator" \
    "unknown indicator 'standards_total' in china-standardization.csv; list them with \`indicators list\`, or add it with \`indicators define standards_total --title T --unit U --kind stock|flow|rate\`" \
    standards_total 2024 5 --source "$src"
refuse "a year that has a reading" \
    "china-standardization.csv:111: valid_certificates 2024 as of 2024-12-31 already has a reading (4,158,000 from https://www.gicg-sh.com.cn/newsinfo/8455877.html); to replace it, repeat with --revise" \
    valid_certificates 2024 4200000 --as-of 2024-12-31 --source "$src"
refuse "a reading that ties with another (empty as_of = year end)" \
    "valid_certificates 2024 has conflicting readings (line 111: 4,158,000 as of 2024-12-31; new: 4,200,000) and no decision; set role 'primary'" \
    valid_certificates 2024 4200000 --source "$src"
refuse "same year and as_of" "already has a reading" \
    valid_certificates 2019 1 --as-of 2019-03 --source "$src"
refuse "1164,000" "value '1164,000' has misplaced thousands separators" \
    valid_certificates 2025 1164,000 --source "$src"
refuse "12 195" "value '12 195' contains a space" \
    valid_certificates 2025 "12 195" --source "$src"
refuse "1.164.000" "more than one decimal point" \
    valid_certificates 2025 1.164.000 --source "$src"
refuse "nan" "value 'nan' is not a finite number" \
    valid_certificates 2025 nan --source "$src"
refuse "0x10" "hexadecimal is not accepted" \
    valid_certificates 2025 0x10 --source "$src"
refuse "0,500" "cannot start with 0" \
    valid_certificates 2025 0,500 --source "$src"
refuse "an empty figure" "empty value" \
    valid_certificates 2025 "" --source "$src"
refuse "% on a stock" "a percent sign is accepted only for a rate" \
    valid_certificates 2025 12% --source "$src"
refuse "a unit against the catalog" \
    "unit 'items' contradicts the catalog: valid_certificates is counted in 'certificates'" \
    valid_certificates 2025 1 --unit items --source "$src"
refuse "a rate's unit" "contradicts the catalog" \
    valid_certificates_growth_pct 2025 5 --unit certificates --source "$src"
refuse "year 20019" "year 20019 is outside -9999..9999" \
    valid_certificates 20019 1 --source "$src"
refuse "year -10000" "year -10000 is outside -9999..9999" \
    valid_certificates --source "$src" -- -10000 1
refuse "year 20x9" "year '20x9' is not a whole number" \
    valid_certificates 20x9 1 --source "$src"
refuse "source =" "source '=HYPERLINK(\"x\")' is refused: it starts with '='" \
    valid_certificates 2025 1 --source '=HYPERLINK("x")'
refuse "source +" "starts with '+'" valid_certificates 2025 1 --source "+1"
refuse "source -" "starts with '-'" valid_certificates 2025 1 --source "-1"
refuse "source @" "starts with '@'" valid_certificates 2025 1 --source "@SUM"
refuse "note =" "note '=1+1' is refused" \
    valid_certificates 2025 1 --source "$src" --note "=1+1"
refuse "a TAB" "control character (U+0009)" \
    valid_certificates 2025 1 --source $'a\tb'
refuse "a newline" "source 'a?b' is refused: a control character (U+000A)" \
    valid_certificates 2025 1 --source $'a\nb'
refuse "ESC" "note '?[2J' is refused: a control character (U+001B)" \
    valid_certificates 2025 1 --source "$src" --note $'\e[2J'
refuse "a C1 control" "control character (U+0085)" \
    valid_certificates 2025 1 --source $'a\xc2\x85b'
refuse "invalid UTF-8" "invalid UTF-8" \
    valid_certificates 2025 1 --source $'caf\xe9'
refuse "a bad as_of" "as_of '2025-02-30' is not a date" \
    valid_certificates 2025 1 --as-of 2025-02-30 --source "$src"
refuse "as_of before the year" "before the year 2025" \
    valid_certificates 2025 1 --as-of 2024-12 --source "$src"
refuse "a bad status" "status 'Z' is not an OBS_STATUS letter" \
    valid_certificates 2025 1 --status Z --source "$src"
refuse "a second primary" "already has a primary reading" \
    valid_certificates 2019 1 --as-of 2019-06 --role primary --source "$src"

# Usage mistakes: exit 64, nothing written.
write_checked "no --source" "$D" append valid_certificates 2025 1
expect_rc 64 "append without --source"
has "$work/err" "--source is required" "append says --source is required"
write_checked "no value" "$D" append valid_certificates 2025 --source "$src"
expect_rc 64 "append without a value"
write_checked "--role main" "$D" append valid_certificates 2025 1 \
    --source "$src" --role main
expect_rc 64 "append --role main"
unchanged "$d" "usage mistakes"

# ---- append, revise, history ------------------------------------------------

write_checked "append 2025" "$D" append valid_certificates 2025 4,400,000 \
    --source "$src" \
    --note "year-end" --status P
expect_rc 0 "append a new year"
has "$work/err" "appended valid_certificates 2025 = 4,400,000" "append reports"
run -d "$D" show valid_certificates --format csv
cp "$work/out" "$work/show.csv"
paste -d' ' <(csv_column "$work/show.csv" year) \
    <(csv_column "$work/show.csv" value) \
    <(csv_column "$work/show.csv" status) \
    <(csv_column "$work/show.csv" source) >"$work/rows"
has "$work/rows" "2025 4400000 P $src" "the new reading is stored"
lines "$work/rows" 11 "one more reading"
check "the history exists" test -f "$H"
lines "$H" 2 "the history: a header and one entry"
has "$H" ",append,valid_certificates,,2025,,,4400000,,P,,$src,,year-end,," \
    "the history records the append"

write_checked "append a rate" "$D" append valid_certificates_growth_pct 2025 \
    5.83% --source "$src"
expect_rc 0 "a rate takes a %"
run -d "$D" show valid_certificates_growth_pct --format csv
cp "$work/out" "$work/rate.csv"
paste -d' ' <(csv_column "$work/rate.csv" year) \
    <(csv_column "$work/rate.csv" value) >"$work/rows"
has "$work/rows" "2025 5.83" "the rate is stored without its %"

write_checked "revise 2025" "$D" append valid_certificates 2025 4,410,000 \
    --source "http://example.org/revised" --revise
expect_rc 0 "revise"
has "$work/err" "revised valid_certificates 2025 from 4,400,000 to 4,410,000" \
    "revise reports the old and new figure"
has "$work/err" "kept in $H" "revise says where the old figure is"
run -d "$D" show valid_certificates --format csv
cp "$work/out" "$work/show.csv"
paste -d' ' <(csv_column "$work/show.csv" year) \
    <(csv_column "$work/show.csv" value) \
    <(csv_column "$work/show.csv" note) >"$work/rows"
has "$work/rows" "2025 4410000 " "the figure is replaced"
lacks "$work/rows" "4400000" "the old figure is gone from the observations"
lines "$work/rows" 11 "a revision adds no reading"
# time,action,indicator,entity,year,as_of,old_value,new_value,old_status,
# new_status,old_source,new_source,...
tail -n1 "$H" >"$work/last"
has "$work/last" ",revise,valid_certificates,,2025,,4400000,4410000,P,P,$src,http://example.org/revised,year-end,year-end," \
    "the history keeps the old figure, status and source; status and note carry over"
check "the revision has a UTC time" \
    grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z,revise,' "$work/last"
run -d "$D" history --format csv
expect_rc 0 "history"
has "$work/out" "4400000" "history shows the old figure"

# ---- check ------------------------------------------------------------------

run -d "$D" check
expect_rc 0 "check of the shipped dataset with our changes"
has "$work/err" "is valid" "check says valid"
run -d "$D" check --format csv
expect_rc 0 "check --format csv"
has "$work/out" 'severity,file,line,column,message' "check's CSV header"

# A change that never reached the observations (the history written, the
# writer killed before the observations): put the old file back.
cp "$D" "$work/before.csv"
write_checked "append 2026" "$D" append valid_certificates 2026 4,500,000 \
    --source "$src"
expect_rc 0 "append 2026"
cp "$work/before.csv" "$D"
run -d "$D" check
expect_rc 0 "check with an interrupted write (a warning)"
has "$work/out" "$H:$(wc -l <"$H"): warning: the last entry records a change that the observations do not hold" \
    "check warns of the interrupted write at its line"
write_checked "repeat 2026" "$D" append valid_certificates 2026 4,500,000 \
    --source "$src"
expect_rc 0 "repeat the change"
has "$H" ",void," "the next write notes the entry that did not land"
run -d "$D" check
expect_rc 0 "check after the repeat"
lacks "$work/out" "interrupted" "no warning once repeated"

# An error made by hand: a duplicate row.
tail -n1 "$D" >>"$D"
n=$(wc -l <"$D")
run -d "$D" check
expect_rc 65 "check of a duplicate row"
has "$work/out" "$D:$n:3: error: duplicate of line $((n - 1))" \
    "check names the duplicate as file:line:column"
has "$work/err" "first: $D:$n:3: " "check's verdict names it"
run -d "$D" list
expect_rc 0 "list still works on a dataset that breaks a rule"

# ---- small datasets: columns, CRLF, BOM, no catalog, temporaries -------------

s="$work/small"
mkdir "$s"
cd "$s"
printf '\357\273\277indicator,year,value,comment\r\nlvl,2018,100,"a, b"\r\nlvl,2020,120,c' >x.csv
run -d x.csv check
expect_rc 0 "check of a dataset without a catalog"
has "$work/out" "x.indicators.csv: note: no catalog file: 1 indicators inferred" \
    "check says what it inferred"
: >.x.csv.tmp.AbC123
: >.x.history.csv.tmp.dEf456
: >.x.csv.tmp.keep_me_7
write_checked "append to x" x.csv append lvl 2019 110 --source s \
    --status E
expect_rc 0 "append with a status to a file without the column"
printf '\357\273\277indicator,year,value,comment,status,source\r\nlvl,2018,100,"a, b",,\r\nlvl,2019,110,,E,s\r\nlvl,2020,120,c,,\r\n' >"$work/want"
check "the status and source columns are added to every row; BOM, CRLF and the unknown column kept" \
    cmp -s x.csv "$work/want"
check "stale temporaries are swept" test ! -e .x.csv.tmp.AbC123
check "stale history temporaries are swept" test ! -e .x.history.csv.tmp.dEf456
check "other files stay" test -e .x.csv.tmp.keep_me_7
run -d x.csv check
expect_rc 0 "check after the append"

# A refused append on a dataset with all three files: cmp all three.
cp "$SOURCE_DIR/datasets/china-standardization.indicators.csv" "$work/cat"
printf 'indicator,year,value,source\nvalid_certificates,2018,1937000,a\n' >y.csv
cp "$work/cat" y.indicators.csv
write_checked "append to y" y.csv append valid_certificates 2019 1970000 \
    --source b
expect_rc 0 "append to y"
snapshot "$s"
write_checked "append to y" y.csv append valid_certificates 2019 1 \
    --source c
expect_rc 65 "append of an existing year to y"
for f in y.csv y.indicators.csv y.history.csv; do
    checks=$((checks + 1))
    cmp -s "$f" "$s.snap/$f" || fail "$f changed by a refused append"
done

finish
