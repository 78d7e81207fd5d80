#!/bin/sh
# run.sh FUZZER NAME SOURCE_DIR SECONDS OUT_DIR: one bounded fuzzing run.
#
# Replays regressions/NAME/ first (every input there once broke an
# invariant), then fuzzes for SECONDS starting from corpus/NAME/, with
# dict/NAME.dict when there is one. New inputs go to OUT_DIR/NAME/corpus
# (the tree is never written); a finding is saved in OUT_DIR/NAME/artifacts
# and the run fails, printing the report and how to replay it. The last
# lines give libFuzzer's figures: runs, coverage (cov) and features (ft).
set -eu
fuzzer=$1 name=$2 src=$3 seconds=${FUZZ_SECONDS:-$4} out=$5/$2
rm -rf "$out"
mkdir -p "$out/corpus" "$out/artifacts"

regressions="$src/regressions/$name"
if [ -n "$(ls -A "$regressions" 2>/dev/null)" ]; then
    if ! "$fuzzer" "$regressions"/* >"$out/regressions.log" 2>&1; then
        tail -n 40 "$out/regressions.log" >&2
        echo "fuzz $name: a regression input fails again (above)" >&2
        exit 1
    fi
fi

set -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$out/artifacts/"
if [ -f "$src/dict/$name.dict" ]; then
    set -- "$@" -dict="$src/dict/$name.dict"
fi
rc=0
"$fuzzer" "$@" "$out/corpus" "$src/corpus/$name" >"$out/log" 2>&1 || rc=$?
runs=$(grep -m1 '^stat::number_of_executed_units' "$out/log" | awk '{print $2}')
last=$(grep -E '^#[0-9]+.*(cov|ft):' "$out/log" | tail -n1)
echo "fuzz $name: ${seconds}s, ${runs:-?} runs; $last"
if [ "$rc" -ne 0 ]; then
    grep -v '^#[0-9]' "$out/log" | tail -n 60 >&2
    echo "fuzz $name: FINDING (exit $rc); the input is in $out/artifacts/:" >&2
    ls "$out/artifacts" >&2
    echo "replay it with: $fuzzer $out/artifacts/<file>; once fixed, add it" \
         "to tests/fuzz/regressions/$name/" >&2
    exit 1
fi
