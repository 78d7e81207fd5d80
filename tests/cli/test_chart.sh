#!/bin/bash
# CLI tests of `indicators chart`: the interface other checks rely on, the
# script's provenance header, the figures in its datablocks against hand
# computations and R, real renders (PNG size, SVG well-formed, PDF), exit
# codes, gnuplot missing or failing, hostile dataset text, and that a
# refused command changes no file.
#
# Env: INDICATORS (the built program), SOURCE_DIR (the source tree).
set -eu

: "${INDICATORS:?set INDICATORS to the built indicators program}"
: "${SOURCE_DIR:?set SOURCE_DIR to the source tree}"
case $INDICATORS in
/*) ;;
*) INDICATORS=$PWD/$INDICATORS ;;
esac

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T"

DATA=$SOURCE_DIR/datasets
FIXTURES=$SOURCE_DIR/tests/data/cli-chart
cp "$DATA"/china-standardization.csv \
    "$DATA"/china-standardization.indicators.csv .
[ -f "$DATA"/china-standardization.history.csv ] &&
    cp "$DATA"/china-standardization.history.csv .
cp "$FIXTURES"/*.csv .
mkdir pristine
cp ./*.csv pristine/
DS=china-standardization.csv

fails=0
checks=0
fail() {
    echo "FAIL: $*" >&2
    fails=$((fails + 1))
}
ok() {
    checks=$((checks + 1))
}

# run EXPECTED_RC ARGS...: run the program (stdout to out, stderr to err)
# and check its exit code.
run() {
    local want=$1 rc=0
    shift
    "$INDICATORS" "$@" >out 2>err || rc=$?
    if [ "$rc" -ne "$want" ]; then
        fail "indicators $*: exit $rc, expected $want; stderr: $(<err)"
    else
        ok
    fi
}

# has FILE TEXT: FILE contains TEXT (fixed string).
has() {
    if grep -qF -- "$2" "$1"; then ok; else fail "$1 lacks '$2'"; fi
}
lacks() {
    if grep -qF -- "$2" "$1"; then fail "$1 has '$2'"; else ok; fi
}
exists() {
    if [ -s "$1" ]; then ok; else fail "$1 was not written"; fi
}
absent() {
    if [ -e "$1" ]; then fail "$1 exists but should not"; else ok; fi
}

# Every dataset file is byte-identical to its pristine copy.
unchanged() {
    local f
    for f in pristine/*.csv; do
        if cmp -s "$f" "$(basename "$f")"; then ok; else
            fail "$(basename "$f") changed ($1)"
        fi
    done
}

# png_size FILE: "WIDTH HEIGHT" from the IHDR chunk, after checking the
# signature and that IHDR is the first chunk.
png_size() {
    local sig ihdr
    sig=$(od -An -tx1 -N8 "$1" | tr -d ' \n')
    ihdr=$(od -An -c -j12 -N4 "$1" | tr -d ' \n')
    if [ "$sig" != 89504e470d0a1a0a ] || [ "$ihdr" != IHDR ]; then
        echo "not-a-png"
        return
    fi
    od -An -tu1 -j16 -N8 "$1" | awk '{
        printf "%d %d\n", (($1 * 256 + $2) * 256 + $3) * 256 + $4,
                          (($5 * 256 + $6) * 256 + $7) * 256 + $8 }'
}

check_png() {
    local size
    size=$(png_size "$1")
    if [ "$size" = "$2 $3" ]; then ok; else
        fail "$1: PNG size '$size', expected '$2 $3'"
    fi
}

check_svg() {
    if command -v xmllint >/dev/null 2>&1; then
        if xmllint --noout "$1" 2>xmlerr; then ok; else
            fail "$1 is not well-formed XML: $(head -3 xmlerr)"
        fi
    elif python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' \
            "$1" 2>xmlerr; then
        ok
    else
        fail "$1 is not well-formed XML: $(tail -1 xmlerr)"
    fi
    has "$1" "<svg"
    has "$1" "width=\"$2\""
}

check_pdf() {
    if [ "$(head -c 5 "$1")" = "%PDF-" ]; then ok; else
        fail "$1 does not start with %PDF-"
    fi
}

# value FILE BLOCK YEAR COLUMN: a field of a datablock row (column 2 is
# the value of a series block; 2-6 mean, lo80, hi80, lo95, hi95 of a
# projection block).
value() {
    awk -v block="\$$2" -v year="$3" -v col="$4" '
        $1 == block && $2 == "<<" { inside = 1; next }
        /^IND_END_OF_DATA/ { inside = 0 }
        inside && $1 == year { print $col; exit }' "$1"
}

# near FILE BLOCK YEAR COLUMN EXPECTED [RELTOL]: the field is within
# RELTOL (default 1e-9) of EXPECTED, relatively.
near() {
    local got
    got=$(value "$1" "$2" "$3" "$4")
    if [ -z "$got" ]; then
        fail "$1: no \$$2 row for $3"
        return
    fi
    if awk -v g="$got" -v e="$5" -v t="${6:-1e-9}" 'BEGIN {
            d = g - e; if (d < 0) d = -d; s = e < 0 ? -e : e;
            exit !(d <= t * (s > 1 ? s : 1)) }'; then ok; else
        fail "$1: \$$2 $3 column $4 is $got, expected $5"
    fi
}

# mark FILE BLOCK YEAR EXPECTED: the mark column of a series row.
mark() {
    local got
    got=$(value "$1" "$2" "$3" 3)
    if [ "$got" = "$4" ]; then ok; else
        fail "$1: \$$2 $3 mark is '$got', expected '$4'"
    fi
}

HAVE_GNUPLOT=1
command -v gnuplot >/dev/null 2>&1 || HAVE_GNUPLOT=0

# ---- Help and usage errors (64), nothing written ------------------------

run 0 chart --help
has out "usage: indicators [-d DATASET] chart ID..."
has out "--render"

usage_case() {
    run 64 -d "$DS" chart "$@"
    absent bad.gp
    absent bad.png
    unchanged "chart $*"
}
usage_case certification_bodies
usage_case certification_bodies -o bad.txt
usage_case certification_bodies -o bad.png --render svg
usage_case certification_bodies -o bad.gp --script
usage_case certification_bodies -o bad.gp --lang fr
usage_case certification_bodies -o .gp
usage_case certification_bodies -o dir/.gp
usage_case -o bad.gp
usage_case certification_bodies -o bad.gp --kind pie
usage_case certification_bodies -o bad.gp --render gif
usage_case certification_bodies -o bad.gp --render png,
usage_case certification_bodies -o bad.gp --size 10x10
usage_case certification_bodies -o bad.gp --size 960
usage_case certification_bodies -o bad.gp --kind growth --project 2030
usage_case certification_bodies -o bad.gp --model linear
usage_case certification_bodies -o bad.gp --project 2030 --model magic
usage_case certification_bodies -o bad.gp --base 2020
usage_case certification_bodies -o bad.gp --layout diagonal
usage_case certification_bodies -o bad.gp --format xml
usage_case certification_bodies -o bad.gp --frobnicate
usage_case certification_bodies -o bad.gp --project 20x0
usage_case certification_bodies -o
usage_case a b c d e f g h -o bad.gp
has err "at most 7"
run 64 -d "$DS" chart certification_bodies -o bad.txt
has err "must end in .gp"

SOURCE_DATE_EPOCH=yesterday run 64 -d "$DS" chart certification_bodies \
    -o bad.gp
has err "SOURCE_DATE_EPOCH"
absent bad.gp

# ---- Refusals that depend on the data (65, 66), nothing written ---------

run 65 -d "$DS" chart no_such_indicator -o bad.gp
absent bad.gp
run 65 -d "$DS" chart certification_bodies no_such_indicator -o bad.gp
absent bad.gp
run 66 -d missing.csv chart certification_bodies -o bad.gp
absent bad.gp
# An index of a rate has no meaning.
run 65 -d "$DS" chart valid_certificates_growth_pct --kind index -o bad.gp
has err "is a rate"
absent bad.gp
# A base year one series lacks.
run 65 -d "$DS" chart certification_bodies valid_certificates --kind index \
    --base 2025 -o bad.gp
absent bad.gp
# Series that share no year cannot be rebased together.
run 65 -d "$DS" chart iso_iec_secretariats_held national_technical_committees \
    --kind index -o bad.gp
has err "share no year"
absent bad.gp
# A projection to a year the figures already reach.
run 65 -d "$DS" chart certification_bodies --project 2025 -o bad.gp
has err "give a later year"
absent bad.gp
# A model that cannot take the data (holt needs consecutive years).
run 65 -d "$DS" chart association_standards_cumulative --project 2030 \
    --model holt -o bad.gp
has err "2018 is missing"
absent bad.gp
# A year whose readings tie under the choice rule.
run 65 -d conflict.csv chart tied -o bad.gp
has err "tie"
absent bad.gp
unchanged "data refusals"

# A refused command leaves an existing script as it was.
run 0 -d "$DS" chart certification_bodies -o keep.gp
cp keep.gp keep.before
run 65 -d "$DS" chart certification_bodies --project 2020 -o keep.gp
if cmp -s keep.gp keep.before; then ok; else
    fail "refused run changed keep.gp"
fi
# A folder that does not exist: cannot create (73).
run 73 -d "$DS" chart certification_bodies -o no/such/dir/x.gp
absent no

# ---- The script: provenance header, stdout contract ---------------------

SUM=$(sha256sum "$DS" | cut -d' ' -f1)
SOURCE_DATE_EPOCH=1700000000 run 0 -d "$DS" chart certification_bodies \
    -o line.gp
has line.gp "# Dataset SHA-256: $SUM"
has line.gp "# Dataset: \"$DS\""
has line.gp "# Command: indicators -d $DS chart certification_bodies -o line.gp"
has line.gp "2023-11-14T22:13:20Z"
has line.gp "libindicators "
has err "wrote line.gp"
if [ -s out ]; then fail "stdout not empty without --format"; else ok; fi
# Reproducible: the same command and SOURCE_DATE_EPOCH give the same bytes.
cp line.gp line.first
SOURCE_DATE_EPOCH=1700000000 run 0 -d "$DS" chart certification_bodies \
    -o line.gp
if cmp -s line.gp line.first; then ok; else fail "script not reproducible"; fi
unchanged "writing a script"

# --format json: the files written and the series drawn.
run 0 -d "$DS" chart certification_bodies valid_certificates -o two.gp \
    --format json
has out '"file": "two.gp"'
has out '"format": "gnuplot"'
has out '"indicator": "valid_certificates"'
has out '"base_year": null'
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' out 2>/dev/null &&
    ok || fail "--format json is not JSON"
run 0 -d "$DS" chart certification_bodies -o one.gp --format csv
has out 'file,format'
has out '"one.gp","gnuplot"'

# ---- Figures in the datablocks ------------------------------------------

# Line: the values used by the choice rule; the partial-year reading of
# 2019 (as_of 2019-03) is marked 4, year-end ones 0.
run 0 -d "$DS" chart valid_certificates -o vc.gp
near vc.gp ind_series_1 2024 2 4158000
near vc.gp ind_series_1 2019 2 1970000
mark vc.gp ind_series_1 2019 4
mark vc.gp ind_series_1 2024 0

# Growth: (4158000 / 3760000 - 1) * 100; the 2020 bar starts from the
# partial-year 2019 reading and carries its mark.
run 0 -d "$DS" chart valid_certificates --kind growth -o vcg.gp
near vcg.gp ind_series_1 2024 2 10.585106382978715
near vcg.gp ind_series_1 2020 2 37.11675126903553
mark vcg.gp ind_series_1 2020 4
mark vcg.gp ind_series_1 2024 0
if [ -n "$(value vcg.gp ind_series_1 2018 2)" ]; then
    fail "growth chart has a bar for the first year"
else ok; fi

# Growth across a gap: 2020 -> 2022 annualised, ((2266 / 2252)^(1/2) - 1)
# * 100, drawn as derived (2), and the footer says what derived bars are.
run 0 -d "$DS" chart national_standards_released --kind growth -o nsg.gp
near nsg.gp ind_series_1 2022 2 0.31035321789980586
mark nsg.gp ind_series_1 2022 2
near nsg.gp ind_series_1 2016 2 -8.700155359917138
mark nsg.gp ind_series_1 2016 0
has nsg.gp "Hatched bars: the average yearly change across missing years"

# A rate on a growth chart is drawn as stated.
run 0 -d "$DS" chart valid_certificates_growth_pct --kind growth -o rate.gp
near rate.gp ind_series_1 2022 2 11.46

# Index: the default base is the first year all series share (2019 here:
# the lines start together and spread, no labels stacked at 100), and the
# command says so; --base moves it. 69709 / 42881 * 100.
run 0 -d "$DS" chart national_standards_total \
    industry_standards_filed_cumulative local_standards_filed_cumulative \
    association_standards_cumulative --kind index -o idx.gp
has err "index base year 2019"
near idx.gp ind_series_3 2019 2 100
near idx.gp ind_series_3 2023 2 162.5638394626991
has idx.gp "Index, 2019 = 100"
run 0 -d "$DS" chart local_standards_filed_cumulative \
    association_standards_cumulative --kind index --base 2019 -o idx19.gp \
    --format json
near idx19.gp ind_series_1 2023 2 162.5638394626991
near idx19.gp ind_series_2 2023 2 608.7740877408775
has out '"base_year": 2019'
lacks err "index base year"

# Projection: a linear trend on certification bodies 2018-2025, against R:
#   y <- c(481,596,724,932,1128,1242,1230,1214); x <- 2018:2025
#   predict(lm(y ~ x), data.frame(x = 2026:2027), interval = "prediction",
#           level = 0.8)  (and 0.95)
run 0 -d "$DS" chart certification_bodies --project 2027 --model linear \
    -o proj.gp
near proj.gp ind_projection_1 2026 2 1481.8214285714203 1e-9
near proj.gp ind_projection_1 2026 3 1299.2308402883093 1e-9
near proj.gp ind_projection_1 2026 4 1664.4120168545312 1e-9
near proj.gp ind_projection_1 2027 5 1268.9645479513442 1e-9
near proj.gp ind_projection_1 2027 6 1933.9878330009647 1e-9
has proj.gp "linear trend"
has err "projected 2026-2027 with the linear trend"
# The projection of an index chart is rebased like its history:
# 1481.82142857142 / 1214 * 100 with base 2025, / 481 * 100 with the
# default base, the first year (2018).
run 0 -d "$DS" chart certification_bodies --kind index --project 2027 \
    --model linear --base 2025 -o projidx.gp
near projidx.gp ind_projection_1 2026 2 122.06107319369195 1e-9
near projidx.gp ind_series_1 2018 2 39.621087314662276
run 0 -d "$DS" chart certification_bodies --kind index --project 2027 \
    --model linear -o projidx18.gp
near projidx18.gp ind_projection_1 2026 2 308.0709830709830 1e-9
near projidx18.gp ind_series_1 2018 2 100

# ---- Renders ------------------------------------------------------------

if [ "$HAVE_GNUPLOT" = 1 ]; then
    # The interface: OUT.gp and OUT.png / .svg / .pdf, exit 0.
    for kind in line growth index; do
        run 0 -d "$DS" chart certification_bodies valid_certificates \
            -o "r-$kind.gp" --kind "$kind" --render png --render svg,pdf
        exists "r-$kind.gp"
        check_png "r-$kind.png" 960 600
        check_svg "r-$kind.svg" 960
        check_pdf "r-$kind.pdf"
        has err "drew r-$kind.png"
    done
    run 0 -d "$DS" chart association_standards_cumulative --project 2030 \
        -o r-proj.gp --render png,svg --size 1200x750
    check_png r-proj.png 1200 750
    check_svg r-proj.svg 1200
    run 0 -d "$DS" chart certification_bodies --kind index --project 2028 \
        -o r-pidx.gp --render pdf --size 480x320
    check_pdf r-pidx.pdf
    # A Chinese title renders (as text in SVG, in any installed CJK font).
    run 0 -d "$DS" chart certified_organisations -o r-zh.gp \
        --title "获证组织数量" --render png,svg
    check_png r-zh.png 960 600
    has r-zh.svg "获证组织数量"
    # --format json lists the pictures.
    run 0 -d "$DS" chart certification_bodies -o r-json.gp --render svg \
        --format json
    has out '"file": "r-json.svg"'
    unchanged "renders"

    # Hostile dataset text, title, note and output name: everything is
    # drawn, and nothing in them runs (no marker file appears anywhere).
    mkdir hostile
    cp hostile.csv hostile.indicators.csv hostile/
    (
        cd hostile
        run 0 -d hostile.csv chart evil_stock evil_rate \
            -o 'h`touch MARK_PATH`.gp' --render png,svg,pdf \
            --title 'T `touch MARK_T` " . system("touch MARK_T2") . "\' \
            --note 'N $(touch MARK_N) `touch MARK_N2`\'
        check_png 'h`touch MARK_PATH`.png' 960 600
        check_svg 'h`touch MARK_PATH`.svg' 960
        check_pdf 'h`touch MARK_PATH`.pdf'
        for kind in index line; do
            run 0 -d hostile.csv chart evil_stock --kind "$kind" \
                --project 2023 -o "h-$kind.gp" --render png,svg
        done
        run 0 -d hostile.csv chart evil_stock --kind growth -o h-g.gp \
            --render png,svg
        check_svg h-g.svg 960
        run 0 -d hostile.csv chart evil_rate --kind growth -o h-r.gp \
            --render png
        # The texts are in the script only as escaped strings.
        has 'h`touch MARK_PATH`.gp' \
            'Evil \`touch MARK_BT\` \" . system(\"touch MARK_SYS\")'
        # Outside comments, no double quote is left unescaped before code.
        grep -v '^#' 'h`touch MARK_PATH`.gp' >code.txt
        lacks code.txt '" . system("touch'
        lacks code.txt ' `touch'
        # gnuplot itself run on the scripts, as a reader would.
        for f in ./*.gp; do
            gnuplot "$f" >/dev/null 2>&1 || fail "gnuplot $f failed"
        done
    )
    if [ -n "$(find "$T" -name 'MARK_*' -print -quit)" ]; then
        fail "hostile text ran: $(find "$T" -name 'MARK_*')"
    else
        ok
    fi
else
    echo "gnuplot not found: render checks skipped" >&2
fi

# ---- gnuplot missing (69) or failing (70): the script is kept -----------

mkdir emptybin
PATH=$T/emptybin run 69 -d "$DS" chart certification_bodies -o nognu.gp \
    --render png
exists nognu.gp
absent nognu.png
has err "gnuplot"
has err "install"
has err "nognu.gp is written"

mkdir fakebin
printf '#!/bin/sh\necho "line 7: fake gnuplot failure" >&2\nexit 1\n' \
    >fakebin/gnuplot
chmod +x fakebin/gnuplot
PATH=$T/fakebin:$PATH run 70 -d "$DS" chart certification_bodies \
    -o badgnu.gp --render png
exists badgnu.gp
absent badgnu.png
has err "fake gnuplot failure"
unchanged "gnuplot missing or failing"

echo "test_chart: $checks checks passed, $fails failed"
[ "$fails" -eq 0 ]
