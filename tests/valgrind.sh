#!/bin/sh
# valgrind.sh PROGRAM ARGS...: run PROGRAM under valgrind's memcheck with
# leak checking: every leak kind counts as an error (definite, indirect,
# possible and still reachable), and so does any invalid read, write,
# free or use of an uninitialised value. vgdb is off (its shared file
# would meet the file-size limits of test_faults.sh).
#
# With IND_VALGRIND_LOGS set, the report goes to a file of its own in that
# folder (PROGRAM.PID.log, ending in its ERROR SUMMARY) and PROGRAM's exit
# status is passed through, so that tests checking exit codes still work;
# the test runner then reads the logs (tests/cli/run_cli_test.sh). A child
# forked to run gnuplot writes a log of its own, naming its parent.
# Without it, errors are reported on stderr and exit with 99.
set -eu
prog=$1
shift
set -- --tool=memcheck --leak-check=full --show-leak-kinds=all \
    --errors-for-leak-kinds=all --num-callers=30 --vgdb=no \
    --read-inline-info=no "$prog" "$@"
# $VALGRIND: valgrind's path, for runs whose PATH is emptied on purpose.
valgrind=${VALGRIND:-valgrind}
if [ -n "${IND_VALGRIND_LOGS:-}" ]; then
    exec "$valgrind" --log-file="$IND_VALGRIND_LOGS/${prog##*/}.%p.log" "$@"
fi
exec "$valgrind" --quiet --error-exitcode=99 "$@"
