#!/bin/sh
# test.sh: build and run every test, twice: a Debug build with warnings as
# errors, and an AddressSanitizer + UndefinedBehaviorSanitizer build.
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
printf '\nindicators: every test passed (dev and asan builds)\n'
