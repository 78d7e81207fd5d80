#!/bin/sh
# make-report.sh: the sample report of the shipped dataset, in plots/report/:
# report.md with its charts in report-files/ (PNG), and report.html (one
# file, the charts inline). Run from the repository root (the build targets
# `report` and `gallery` do):
#   INDICATORS=build/tools/indicators sh plots/report/make-report.sh
# SCREENSHOT=1 also redraws screenshot.png, the README's picture of the
# HTML, with headless Chromium (python3 and chromium needed).
#
# The report's date is $SOURCE_DATE_EPOCH (plots/epoch.sh), so redrawing an
# unchanged dataset changes no file.
set -eu

INDICATORS=${INDICATORS:-build/tools/indicators}
DATASET=datasets/china-standardization.csv
OUT=plots/report
TITLE="Standardization and certification in China: yearly indicators"

if [ ! -f "$DATASET" ]; then
    echo "make-report.sh: run from the repository root ($DATASET not found)" >&2
    exit 66
fi
. plots/epoch.sh

"$INDICATORS" -d "$DATASET" report -o "$OUT/report.md" --title "$TITLE"
"$INDICATORS" -d "$DATASET" report --html -o "$OUT/report.html" \
    --title "$TITLE"
if [ "${SCREENSHOT:-0}" = 1 ]; then
    python3 tests/cli/chromium.py page "$OUT/report.html" \
        "$OUT/screenshot.png" 1280x1600 >/dev/null
    echo "make-report.sh: drew $OUT/screenshot.png" >&2
fi
