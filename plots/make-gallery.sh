#!/bin/sh
# make-gallery.sh: draw the chart gallery of plots/ from the shipped dataset.
#
# Run from the repository root (the build target `gallery` does):
#   INDICATORS=build/tools/indicators sh plots/make-gallery.sh
# Each chart is written as a gnuplot script (.gp) and drawn as PNG and SVG.
# The dataset path is relative to the root, so every script's header names
# the same file on every machine. SOURCE_DATE_EPOCH, when set, is the time
# written in the headers; by default it is the time of the dataset's last
# commit (else now), so redrawing an unchanged dataset changes no file.
set -eu

INDICATORS=${INDICATORS:-build/tools/indicators}
DATASET=datasets/china-standardization.csv
OUT=plots

if [ ! -f "$DATASET" ]; then
    echo "make-gallery.sh: run from the repository root" \
        "($DATASET not found)" >&2
    exit 66
fi
. plots/epoch.sh

# chart NAME ARGS...: plots/NAME.gp, .png and .svg.
chart() {
    name=$1
    shift
    "$INDICATORS" -d "$DATASET" chart "$@" -o "$OUT/$name.gp" --render png,svg
}

# 1. Association (group) standards, with a projection.
chart association-standards association_standards_cumulative --project 2030

# 2. Certification bodies, with a projection.
chart certification-bodies certification_bodies --project 2030

# 3. Valid certificates and their growth bars.
chart valid-certificates valid_certificates --project 2030
chart valid-certificates-growth valid_certificates --kind growth

# 4. National standards released each year (a flow) and its changes:
#    falls in the second colour, changes across missing years annualised.
chart national-standards-released national_standards_released
chart national-standards-released-growth national_standards_released \
    --kind growth

# 5. Four stocks of standards rebased to 2019 = 100 on one axis.
chart standards-stock-index national_standards_total \
    industry_standards_filed_cumulative local_standards_filed_cumulative \
    association_standards_cumulative --kind index --base 2019 \
    --title "Standards on file, 2019 = 100"

# 6. Certification at four very different scales: small multiples.
chart certification-overview certification_bodies valid_certificates \
    certified_organisations inspection_testing_institutions \
    --title "Certification in China" --size 1200x800

# 7. In Chinese: certified organisations, every fixed word in Chinese.
chart certified-organisations-zh certified_organisations --project 2028 \
    --title "获证组织数量（家）" --lang zh

# 8. The sample report of the whole dataset: plots/report/.
INDICATORS=$INDICATORS sh plots/report/make-report.sh
