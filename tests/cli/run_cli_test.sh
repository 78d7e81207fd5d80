#!/bin/sh
# run_cli_test.sh SCRIPT: run one CLI test script (ctest calls this).
#
# With IND_VALGRIND set (the `valgrind` test preset), every run of the
# program goes through valgrind's memcheck (tests/valgrind.sh): $INDICATORS
# is replaced by a wrapper, each run writes its own report, and the test
# fails if any report is not empty. It prints how many runs were checked.
set -eu
script=$1
if [ -z "${IND_VALGRIND:-}" ]; then
    exec bash "$script"
fi
: "${INDICATORS:?}" "${SOURCE_DIR:?}"
logs=$(mktemp -d "${TMPDIR:-/tmp}/indicators-valgrind.XXXXXX")
trap 'rm -rf "$logs"' EXIT
cat >"$logs/indicators" <<WRAP
#!/bin/sh
IND_VALGRIND_LOGS='$logs' exec sh '$SOURCE_DIR/tests/valgrind.sh' '$INDICATORS' "\$@"
WRAP
chmod +x "$logs/indicators"
rc=0
INDICATORS="$logs/indicators" bash "$script" || rc=$?
runs=0 bad=0
for log in "$logs"/*.log; do
    [ -e "$log" ] || continue
    runs=$((runs + 1))
    if [ -s "$log" ]; then
        bad=$((bad + 1))
        cat "$log" >&2
    fi
done
echo "valgrind: $(basename "$script"): $runs runs of indicators, $bad with errors or leaks"
if [ "$bad" -gt 0 ]; then
    exit 1
fi
exit "$rc"
