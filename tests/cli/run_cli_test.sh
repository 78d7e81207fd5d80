#!/bin/sh
# run_cli_test.sh SCRIPT: run one CLI test script (ctest calls this).
#
# With IND_VALGRIND set (the valgrind presets), the runs of the program go
# through valgrind's memcheck (tests/valgrind.sh): $INDICATORS is replaced
# by a wrapper, each run writes its own report, and the test fails if any
# report counts an error or a leak. With IND_VALGRIND_EVERY=N, only every
# N-th run of a script goes through valgrind (the first included), but for
# the store's and the faults' scripts, whose every run does (CI's
# valgrind-ci preset: N=5). It prints how many runs were checked.
set -eu
script=$1
if [ -z "${IND_VALGRIND:-}" ]; then
    exec bash "$script"
fi
: "${INDICATORS:?}" "${SOURCE_DIR:?}"
every=${IND_VALGRIND_EVERY:-1}
case $(basename "$script") in
test_store*|test_faults*) every=1 ;;
esac
logs=$(mktemp -d "${TMPDIR:-/tmp}/indicators-valgrind.XXXXXX")
[ -n "${IND_VALGRIND_KEEP:-}" ] || trap 'rm -rf "$logs"' EXIT
: >"$logs/commands"
# Absolute paths only: some tests empty PATH to hide gnuplot. Each run
# notes its command line, on one line, under its PID (exec keeps the PID,
# so it names the report valgrind writes).
cat >"$logs/indicators" <<WRAP
#!/bin/sh
n=\$('$(command -v wc)' -l <'$logs/commands')
# One line a run, even when an argument holds a line end.
printf '%s %s\n' "\$\$" "\$(printf '%s' "\$*" | '$(command -v tr)' '\n' ' ')" \
    >>'$logs/commands'
if [ \$((n % $every)) -ne 0 ]; then
    exec '$INDICATORS' "\$@"
fi
VALGRIND='$(command -v valgrind)' IND_VALGRIND_LOGS='$logs' \\
    exec /bin/sh '$SOURCE_DIR/tests/valgrind.sh' '$INDICATORS' "\$@"
WRAP
chmod +x "$logs/indicators"
rc=0
# INDICATORS_PLAIN: the program itself, for the checks a test makes around
# the runs it is about (store_lib.sh's invariant), which need no valgrind.
plain=$INDICATORS
INDICATORS="$logs/indicators" INDICATORS_PLAIN="$plain" bash "$script" ||
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
        pid=${log%.log}
        pid=${pid##*.}
        echo "valgrind: the run '$(grep "^$pid " "$logs/commands" |
              cut -d' ' -f2- | cut -c1-200)' has no clean ERROR SUMMARY:" >&2
        cat "$log" >&2
    fi
done
echo "valgrind: $(basename "$script"): $runs of $(wc -l <"$logs/commands")" \
     "runs of indicators under memcheck, $bad with errors or leaks"
if [ "$bad" -gt 0 ]; then
    exit 1
fi
exit "$rc"
