#!/usr/bin/env bash
# A writer killed with SIGKILL at random moments, ROUNDS times (default
# 120): the dataset must always be exactly the old or the new version.
#
# Each round, tests/store_writer.c forks a child that applies numbered,
# deterministic steps (appends and revisions) to a copy of the shipped
# dataset, logging each step once committed, and kills it after a random
# delay (microseconds to 30 ms). The test then replays, on a copy of the
# state verified at the end of the previous round, the steps the log says
# were committed ("old") and the step that was in flight ("new"), and
# requires:
# - the observations equal old or new, byte for byte;
# - the history (its time column aside) equals old's or new's, and is
#   new's whenever the observations are (history is written first: the
#   history may be ahead of the observations, never behind);
# - the catalog never changes; check passes (an interrupted write is a
#   warning); list loads the dataset.
# Temporary files a killed writer leaves are counted, and must be gone
# after the next write. The tally of outcomes is printed.
set -eu
. "$SOURCE_DIR/tests/cli/store_lib.sh"

ROUNDS=${ROUNDS:-120}
writer="$BUILD_DIR/tests/store_writer"
if [ ! -x "$writer" ]; then
    echo "test_kill.sh: $writer is not built" >&2
    exit 1
fi
NAME=china-standardization
files="$NAME.csv $NAME.indicators.csv $NAME.history.csv"
live="$work/live"
ref="$work/ref"
mkdir "$live" "$ref"
cp "$SOURCE_DIR/datasets/$NAME.csv" "$SOURCE_DIR/datasets/$NAME.indicators.csv" \
    "$live/"
cp "$live"/* "$ref/"

# copy_state FROM TO: the dataset's files (those that exist) into a fresh TO.
copy_state() {
    local f
    rm -rf "$2"
    mkdir "$2"
    for f in $files; do
        if [ -e "$1/$f" ]; then
            cp "$1/$f" "$2/"
        fi
    done
}

# same_history A B: two history files equal but for their time column.
same_history() {
    if [ ! -e "$1" ] || [ ! -e "$2" ]; then
        [ ! -e "$1" ] && [ ! -e "$2" ]
        return
    fi
    cmp -s <(cut -d, -f2- "$1") <(cut -d, -f2- "$2")
}

# replay DIR FIRST LAST: apply steps FIRST..LAST to the dataset in DIR.
replay() {
    if [ "$3" -ge "$2" ] && ! "$writer" steps "$1/$NAME.csv" "$2" "$3"; then
        fail "replay of steps $2..$3 failed"
    fi
}

next=0            # the first step the next writer attempts
before=0 interrupted=0 after=0 stale=0 committed=0
start=$(date +%s)
for ((round = 1; round <= ROUNDS; round++)); do
    # Microseconds to tens of milliseconds; a third of rounds under 1 ms.
    if [ $((RANDOM % 3)) -eq 0 ]; then
        delay=$((RANDOM % 1000))
    else
        delay=$(((RANDOM * 32768 + RANDOM) % 30000))
    fi
    # Empty the log first: a writer killed before it opens the log must not
    # leave the previous round's step numbers to be read as its own.
    : >"$work/log"
    rc=0
    "$writer" kill "$delay" "$live/$NAME.csv" "$next" "$work/log" || rc=$?
    checks=$((checks + 1))
    if [ "$rc" -ne 0 ]; then
        fail "round $round: the writer did not die by SIGKILL (exit $rc)"
        break
    fi
    last=$(tail -n1 "$work/log")
    last=${last:-$((next - 1))}
    committed=$((committed + last - next + 1))

    copy_state "$ref" "$work/old"
    replay "$work/old" "$next" "$last"
    copy_state "$work/old" "$work/new"
    replay "$work/new" $((last + 1)) $((last + 1))

    obs="$live/$NAME.csv"
    hist="$live/$NAME.history.csv"
    checks=$((checks + 1))
    if cmp -s "$obs" "$work/new/$NAME.csv"; then
        after=$((after + 1))
        next=$((last + 2))
        same_history "$hist" "$work/new/$NAME.history.csv" ||
            fail "round $round: new observations but not the new history"
    elif cmp -s "$obs" "$work/old/$NAME.csv"; then
        next=$((last + 1))
        if same_history "$hist" "$work/old/$NAME.history.csv"; then
            before=$((before + 1))
        elif same_history "$hist" "$work/new/$NAME.history.csv"; then
            interrupted=$((interrupted + 1))
        else
            fail "round $round: the history is neither the old nor the new one"
        fi
    else
        fail "round $round (delay ${delay}us, steps $next..$last): the observations are neither the old nor the new version"
        diff "$obs" "$work/old/$NAME.csv" | head -5 >&2 || true
        break
    fi
    checks=$((checks + 1))
    cmp -s "$live/$NAME.indicators.csv" "$ref/$NAME.indicators.csv" ||
        fail "round $round: the catalog changed"
    run -d "$obs" check
    expect_rc 0 "round $round: check"
    if ls -A "$live" | grep -q '\.tmp\.'; then
        stale=$((stale + 1))
    fi
    copy_state "$live" "$ref"
done
elapsed=$(($(date +%s) - start))

# One more write sweeps whatever the last writer left.
rc=0
"$writer" steps "$live/$NAME.csv" "$next" "$next" || rc=$?
checks=$((checks + 1))
[ "$rc" -eq 0 ] || fail "the write after the last kill failed"
ls -A "$live" >"$work/files"
lacks "$work/files" ".tmp." "temporaries are swept by the next write"
run -d "$live/$NAME.csv" check
expect_rc 0 "check at the end"
run -d "$live/$NAME.csv" list
expect_rc 0 "list at the end"

printf 'test_kill.sh: %d rounds in %ds, %d steps committed; killed before the history changed: %d, between history and observations: %d, after the observations: %d; rounds leaving a temporary file: %d\n' \
    $((round - 1)) "$elapsed" "$committed" "$before" "$interrupted" \
    "$after" "$stale"
checks=$((checks + 1))
[ $((round - 1)) -ge 100 ] || fail "only $((round - 1)) rounds"
finish
