#!/bin/sh
# test.sh: build and run every test, twice: a Debug build with warnings as
# errors, and an AddressSanitizer + UndefinedBehaviorSanitizer build; then
# the CLI tests under valgrind and a bounded run of every fuzzer.
# Installs missing Debian packages when run as root (else says what to
# install). Exit status: 0 when every test passes.
set -eu
cd "$(dirname "$0")/.."
. tools/deps.sh
need_packages $TEST_PACKAGES

for preset in dev asan; do
    printf '\n==> %s build and tests\n' "$preset"
    cmake --workflow --preset "$preset"
done

# Hardening (issue 13): the CLI tests and the fuzz replays under valgrind's
# memcheck (the dev build again: nothing to rebuild; every run of the store
# and fault tests, every fifth of the others: the preset valgrind runs them
# all), then each libFuzzer harness for FUZZ_SECONDS (default 15) under
# ASan and UBSan, one at a time.
need_packages valgrind clang libclang-rt-14-dev
printf '\n==> valgrind memcheck over the CLI tests\n'
cmake --workflow --preset valgrind-ci
printf '\n==> fuzzing, %s s a harness\n' "${FUZZ_SECONDS:=15}"
export FUZZ_SECONDS
cmake --workflow --preset fuzz
printf '\nindicators: every test passed (dev, asan, valgrind, fuzz)\n'
