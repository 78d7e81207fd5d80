# epoch.sh: sourced by make-gallery.sh and report/make-report.sh, from the
# repository root with $DATASET set. The time written in chart headers and
# the report's date is $SOURCE_DATE_EPOCH; by default the time of the
# dataset's last commit (else now), so redrawing an unchanged dataset
# changes no file.
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH=$(git log -1 --format=%ct -- "$DATASET" 2>/dev/null ||
        true)
    if [ -n "$SOURCE_DATE_EPOCH" ]; then
        export SOURCE_DATE_EPOCH
    else
        unset SOURCE_DATE_EPOCH
    fi
fi
