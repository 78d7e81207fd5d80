#!/usr/bin/env bash
# Regression tests of the store's defects found by fuzzing and by hand
# (issue 13), each through the program, each write under the store's
# invariant (write_checked: a write that exits 0 leaves a dataset that
# loads and checks clean; any other leaves every file byte-identical).
# The faults of the file system (full disk, read-only folders, FIFOs,
# links, huge files) are in test_faults.sh.
set -eu
. "$SOURCE_DIR/tests/cli/store_lib.sh"

# repeat N CHAR: N copies of CHAR.
repeat() {
    head -c "$1" /dev/zero | tr '\0' "$2"
}

cat_header='indicator,title,unit,kind,description'
hist_header='time,action,indicator,entity,year,as_of,old_value,new_value,old_status,new_status,old_source,new_source,old_note,new_note,old_role,new_role'

# fresh NAME: a new folder $work/NAME, made the current one.
fresh() {
    mkdir "$work/$1"
    cd "$work/$1"
}

# ---- 3: an added column and blank lines ---------------------------------

fresh blank-obs
printf 'indicator,year,value\n\nx,2020,1\n' >d.csv
write_checked "3: append adding a column to a file with a blank line" \
    d.csv append x 2021 2 --source s
expect_rc 0 "3: the append"
printf 'indicator,year,value,source\n\nx,2020,1,\nx,2021,2,s\n' >want
check "3: the blank line is kept as it was, the rows get the column" \
    cmp -s d.csv want

# A last row ended by a bare CR (the reader takes it as the final line end):
# a row written after it gets a real line end (fuzz_import,
# regressions/import/final-bare-cr-then-import).
fresh final-bare-cr
printf 'indicator,year,value,source\nx,2020,1,s\r' >d.csv
write_checked "3: append after a last row ended by a bare CR" \
    d.csv append x 2021 2 --source t
expect_rc 0 "3: the append after a bare CR"
printf 'indicator,year,value,source\nx,2020,1,s\nx,2021,2,t\n' >want
check "3: the bare CR becomes the file's line end, the new row follows" \
    cmp -s d.csv want

fresh blank-catalog
printf 'indicator,year,value\nx,2020,1\n' >d.csv
printf '%s\nx,X,items,stock,\n\n' "$cat_header" >d.indicators.csv
write_checked "3: define on a catalog with a trailing blank line" \
    d.csv define y --kind rate --title Y --unit percent --growth-of x
expect_rc 0 "3: the define"
printf '%s,growth_of\nx,X,items,stock,,\n\ny,Y,percent,rate,,x\n' \
    "$cat_header" >want
check "3: the catalog gains growth_of, its blank line kept" \
    cmp -s d.indicators.csv want

fresh header-newline
printf '"indi\ncator",year,value,"a\nb"\nx,2020,1,c\n' >d.csv
run -d d.csv list
expect_rc 65 "3: a header field with a newline does not load"
has "$work/err" "d.csv:1:1: " "3: the place of the bad header field"
has "$work/err" "control character (U+000A)" "3: the reason"
write_checked "3: append to a header with a newline" d.csv append x 2021 2 \
    --source s
expect_rc 65 "3: the append is refused"

# ---- 4: texts over the loader's limits ------------------------------------

fresh long-text
printf 'indicator,year,value,source\nx,2020,1,a\n' >d.csv
for opt in --source --note --entity; do
    write_checked "4: append $opt of 70,000 bytes" d.csv append x 2021 2 \
        --source s "$opt" "$(repeat 70000 a)"
    expect_rc 65 "4: $opt of 70,000 bytes"
    has "$work/err" "70000 bytes" "4: $opt: the size"
    has "$work/err" "65536" "4: $opt: the limit"
done
write_checked "4: a source of 65,536 bytes fits" d.csv append x 2021 2 \
    --source "$(repeat 65536 b)"
expect_rc 0 "4: a source at the limit"
write_checked "4: define --description of 70,000 bytes" d.csv define y \
    --kind stock --title Y --unit u --description "$(repeat 70000 d)"
expect_rc 65 "4: a description over the limit"
# A revision keeps a row's unknown columns: with them the row would pass
# the loader's 1 MiB limit.
fresh long-row
{
    printf 'indicator,year,value,source'
    for k in $(seq 1 16); do printf ",extra%d" "$k"; done
    printf '\nx,2020,1,a'
    for k in $(seq 1 16); do printf ",%s" "$(repeat 65000 e)"; done
    printf '\n'
} >d.csv
run -d d.csv list
expect_rc 0 "4: a row of 1,040,000 bytes loads"
write_checked "4: a revision that would make the row pass 1 MiB" d.csv \
    append x 2020 2 --source "$(repeat 65000 s)" --revise
expect_rc 65 "4: the revision is refused"
has "$work/err" "1 MiB" "4: the row limit is named"

# ---- 5: an empty history file ---------------------------------------------

fresh empty-history
printf 'indicator,year,value\nx,2020,1\n' >d.csv
: >d.history.csv
run -d d.csv check
expect_rc 0 "5: check of a dataset with an empty history"
write_checked "5: append with an empty history" d.csv append x 2021 2 \
    --source s
expect_rc 0 "5: an empty history does not block writes"
lines d.history.csv 2 "5: the history gains its header and one entry"
has d.history.csv "$hist_header" "5: the header"

# ---- 6: a long entity -----------------------------------------------------

fresh long-entity
printf 'indicator,entity,year,value\nx,%s,2020,1\n' "$(repeat 90 E)" >d.csv
write_checked "6: append to a series with a 90-byte entity" d.csv append x \
    2021 2 --entity "$(repeat 90 E)" --source s
expect_rc 0 "6: the append"
run -d d.csv check
lacks "$work/out" "interrupted" "6: no false interrupted-write warning"
write_checked "6: the next append" d.csv append x 2022 3 \
    --entity "$(repeat 90 E)" --source s
lacks d.history.csv ",void," "6: no false void entry"

# ---- 7: a history header without the value columns ------------------------

fresh short-history
printf 'indicator,year,value,source\nx,2020,1,old-source\n' >d.csv
printf 'time,action,indicator,year\n' >d.history.csv
write_checked "7: revise with a history lacking the value columns" d.csv \
    append x 2020 2 --source new-source --revise
expect_rc 0 "7: the revise"
run -d d.csv history --format csv
has "$work/out" "old-source" "7: the old source is kept in the history"
paste -d' ' <(csv_column "$work/out" old_value) \
    <(csv_column "$work/out" new_value) >rows
has rows "1 2" "7: the old and the new figure are kept"

# ---- 10: formulas in any column -------------------------------------------

fresh formula
printf 'indicator,year,value,link\nx,2020,1,"=HYPERLINK(""http://evil"")"\n' \
    >d.csv
run -d d.csv check
expect_rc 65 "10: check of a formula in an unknown column"
has "$work/out" "d.csv:2:4: error: " "10: the place"
has "$work/out" "starts with '='" "10: the reason"
printf 'indicator,year,value,@cmd\nx,2020,1,a\n' >d.csv
run -d d.csv check
expect_rc 65 "10: check of a formula in a header cell"
has "$work/out" "d.csv:1:4: error: " "10: the header cell's place"
printf 'indicator,year,value,delta,share\nx,2020,1,-5,-1.5%%\n' >d.csv
run -d d.csv check
expect_rc 0 "10: a negative figure in an unknown column is not a formula"
printf 'indicator,year,value\nx,2020,1\n' >c.csv
printf '%s,comment\nx,X,u,stock,,+cmd\n' "$cat_header" >c.indicators.csv
run -d c.csv check
expect_rc 65 "10: check of a formula in the catalog's unknown column"

# ---- 11: bidirectional controls -------------------------------------------

fresh bidi
printf 'indicator,year,value,source\nx,2020,1,a\n' >d.csv
write_checked "11: append with a U+202E override" d.csv append x 2021 2 \
    --source $'abc\u202etxt.exe'
expect_rc 65 "11: a bidi override in a source is refused"
has "$work/err" "U+202E" "11: the refusal names the character"
printf 'indicator,year,value,note\nx,2020,1,a\xe2\x81\xa6b\n' >d.csv
run -d d.csv check
expect_rc 65 "11: check of a U+2066 isolate in a file"
has "$work/out" "d.csv:2:4: error: " "11: the place of the isolate"

finish
