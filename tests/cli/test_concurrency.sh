#!/usr/bin/env bash
# Twenty writers at once: twenty `append` processes, each a different year,
# released together from a barrier (a FIFO holding one line per process),
# while twenty readers run `show` on the same files. Every writer must
# land (the lock serialises them and each re-reads the files under it),
# the history must hold twenty entries, check must pass, and no reader
# may ever see a torn file. Two rounds, on two series.
set -eu
. "$SOURCE_DIR/tests/cli/store_lib.sh"

WRITERS=20
d="$work/ds"
mkdir "$d"
cp "$SOURCE_DIR/datasets/china-standardization.csv" \
    "$SOURCE_DIR/datasets/china-standardization.indicators.csv" "$d/"
cd "$d"
D=china-standardization.csv
H=china-standardization.history.csv
mkfifo "$work/go"
exec 4<>"$work/go"       # held open read-write: readers never block on open

# round INDICATOR FIRST_YEAR KNOWN: WRITERS appends of FIRST_YEAR.. and as
# many readers; KNOWN is how many readings the series had before.
round() {
    local id=$1 first=$2 known=$3 i year pids=() readers=() rc_all=0 pid
    for ((i = 0; i < WRITERS; i++)); do
        year=$((first + i))
        (
            read -r _ <&4
            exec "$INDICATORS" -d "$D" append "$id" "$year" "$((100 + i))" \
                --source "http://example.org/w$i" \
                >"$work/w$i.out" 2>"$work/w$i.err"
        ) &
        pids+=($!)
        (
            read -r _ <&4
            exec "$INDICATORS" -d "$D" show "$id" --format csv \
                >"$work/r$i.out" 2>"$work/r$i.err"
        ) &
        readers+=($!)
    done
    for ((i = 0; i < 2 * WRITERS; i++)); do
        printf '\n'
    done >&4
    for i in "${!pids[@]}"; do
        rc_all=0
        wait "${pids[$i]}" || rc_all=$?
        checks=$((checks + 1))
        [ "$rc_all" -eq 0 ] || fail "$id writer $i: exit $rc_all: $(cat "$work/w$i.err")"
    done
    for i in "${!readers[@]}"; do
        rc_all=0
        wait "${readers[$i]}" || rc_all=$?
        checks=$((checks + 1))
        [ "$rc_all" -eq 0 ] || fail "$id reader $i: exit $rc_all: $(cat "$work/r$i.err")"
        # A reader sees some consistent version: a header and between the
        # old and the new number of readings.
        n=$(($(wc -l <"$work/r$i.out") - 1))
        checks=$((checks + 1))
        if [ "$n" -lt "$known" ] || [ "$n" -gt $((known + WRITERS)) ]; then
            fail "$id reader $i saw $n readings"
        fi
    done

    run -d "$D" show "$id" --format csv
    expect_rc 0 "show $id after the writers"
    cp "$work/out" "$work/show.csv"
    paste -d' ' <(csv_column "$work/show.csv" year) \
        <(csv_column "$work/show.csv" value) \
        <(csv_column "$work/show.csv" source) >"$work/rows"
    lines "$work/rows" $((known + WRITERS)) "every $id writer landed"
    for ((i = 0; i < WRITERS; i++)); do
        has "$work/rows" "$((first + i)) $((100 + i)) http://example.org/w$i" \
            "$id $((first + i)) is stored"
    done
}

round iso_iec_secretariats_held 1990 1
lines "$H" $((1 + WRITERS)) "the history has a header and $WRITERS entries"
round ccc_catalogue_products 2030 2
lines "$H" $((1 + 2 * WRITERS)) "the history has $((2 * WRITERS)) entries"
csv_column "$H" action | sort | uniq -c >"$work/actions"
has "$work/actions" "$((2 * WRITERS)) append" "every entry is an append"
csv_column "$H" year | sort | uniq -d >"$work/dup"
lines "$work/dup" 0 "each year has one history entry"

run -d "$D" check
expect_rc 0 "check after the concurrent writers"
has "$work/err" "is valid" "check says valid"
ls -A "$d" >"$work/files"
lacks "$work/files" ".tmp." "no temporary file is left"

exec 4>&-
finish
