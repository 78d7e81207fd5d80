#!/bin/sh
# replay.sh PROGRAM DIR...: run a harness's replay program over every input
# of the folders (those that exist); under IND_VALGRIND through valgrind
# (tests/valgrind.sh).
set -eu
prog=$1
shift
for dir in "$@"; do
    [ -d "$dir" ] && set -- "$@" "$dir"
    shift
done
if [ -n "${IND_VALGRIND:-}" ]; then
    exec sh "$(dirname "$0")/../valgrind.sh" "$prog" "$@"
fi
exec "$prog" "$@"
