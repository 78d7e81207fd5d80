#!/bin/sh
# valgrind.sh PROGRAM ARGS...: run PROGRAM under valgrind's memcheck with
# leak checking: every leak kind counts as an error (definite, indirect,
# possible and still reachable), and so does any invalid read, write,
# free or use of an uninitialised value.
#
# With IND_VALGRIND_LOGS set, the report goes to a file of its own in that
# folder (PROGRAM.PID.log, empty when clean) and PROGRAM's exit status is
# passed through, so that tests checking exit codes still work; the test
# runner then fails on any non-empty log (tests/cli/run_cli_test.sh).
# Without it, the report goes to stderr and errors exit with 99.
set -eu
prog=$1
shift
set -- --tool=memcheck --quiet --leak-check=full --show-leak-kinds=all \
    --errors-for-leak-kinds=all --num-callers=30 --track-origins=yes \
    "$prog" "$@"
if [ -n "${IND_VALGRIND_LOGS:-}" ]; then
    exec valgrind --log-file="$IND_VALGRIND_LOGS/$(basename "$prog").%p.log" "$@"
fi
exec valgrind --error-exitcode=99 "$@"
