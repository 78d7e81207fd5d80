#!/bin/sh
# run_cli_test.sh SCRIPT: run one CLI test script (ctest calls this).
#
# With IND_VALGRIND set (the `valgrind` test preset), every run of the
# program goes through valgrind's memcheck (tests/valgrind.sh): $INDICATORS
# is replaced by a wrapper, each run writes its own report, and the test
# fails if any report counts an error or a leak. It prints how many runs
# were checked.
set -eu
script=$1
if [ -z "${IND_VALGRIND:-}" ]; then
    exec bash "$script"
fi
: "${INDICATORS:?}" "${SOURCE_DIR:?}"
logs=$(mktemp -d "${TMPDIR:-/tmp}/indicators-valgrind.XXXXXX")
trap 'rm -rf "$logs"' EXIT
# Absolute paths only: some tests empty PATH to hide gnuplot.
cat >"$logs/indicators" <<WRAP
#!/bin/sh
VALGRIND='$(command -v valgrind)' IND_VALGRIND_LOGS='$logs' \
    exec /bin/sh '$SOURCE_DIR/tests/valgrind.sh' '$INDICATORS' "\$@"
WRAP
chmod +x "$logs/indicators"
rc=0
# INDICATORS_PLAIN: the program itself, for the checks a test makes around
# the runs it is about (store_lib.sh's invariant), which need no valgrind.
INDICATORS="$logs/indicators" INDICATORS_PLAIN="$INDICATORS" bash "$script" ||
    rc=$?
runs=0 bad=0
for log in "$logs"/*.log; do
    [ -e "$log" ] || continue
    # A child the program forked to run gnuplot: what it reports is its
    # parent's memory at the fork (exec or _exit ends it), not a leak.
    parent=$(sed -n 's/^==[0-9]*== Parent PID: \([0-9]*\)$/\1/p' "$log" |
             head -n1)
    if [ -n "$parent" ] && [ -e "$logs/indicators.$parent.log" ]; then
        continue
    fi
    runs=$((runs + 1))
    if ! grep -q 'ERROR SUMMARY: 0 errors' "$log"; then
        bad=$((bad + 1))
        cat "$log" >&2
    fi
done
echo "valgrind: $(basename "$script"): $runs runs of indicators, $bad with errors or leaks"
if [ "$bad" -gt 0 ]; then
    exit 1
fi
exit "$rc"
