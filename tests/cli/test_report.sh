#!/bin/bash
# CLI tests of `indicators report`: the interface other checks rely on
# (-o DIR/report.md with its pictures under DIR, --html -o DIR/report.html
# in one file), the report's figures against `growth` and `project`, every
# source listed and linked, the Markdown as GitHub renders it (cmark-gfm),
# the HTML in a real browser (headless Chromium: a screenshot, no console
# message, no request), the PDF, gnuplot or Chromium missing, hostile
# dataset texts inert in both formats, Chinese, reproducible output, and
# that a refused command writes nothing.
#
# Env: INDICATORS (the built program), SOURCE_DIR (the source tree);
# python3, cmark-gfm and chromium (tools/test.sh installs them).
# IND_SANITIZED=1 (the ASan+UBSan build): the program's own steps run, the
# browser's (Chromium pages, PDF) once, in the plain build.
set -eu

. "$(dirname "$0")/store_lib.sh"
case $INDICATORS in
/*) ;;
*) INDICATORS=$PWD/$INDICATORS ;;
esac
CHROME="python3 $SOURCE_DIR/tests/cli/chromium.py"
for tool in cmark-gfm python3 gnuplot; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "test_report.sh: $tool is needed (tools/test.sh installs it)" >&2
        exit 1
    fi
done
CHECK="python3 $SOURCE_DIR/tests/cli/report_check.py"

cd "$work"
DATA=$SOURCE_DIR/datasets
mkdir data
cp "$DATA"/china-standardization.csv \
    "$DATA"/china-standardization.indicators.csv data/
[ -f "$DATA"/china-standardization.history.csv ] &&
    cp "$DATA"/china-standardization.history.csv data/
cp "$SOURCE_DIR"/tests/data/cli-report/hostile*.csv data/
DS=data/china-standardization.csv
HOSTILE=data/hostile.csv
export SOURCE_DATE_EPOCH=1700000000
snapshot data

# render MD: GitHub's own renderer, with GitHub's extensions.
render() {
    cmark-gfm -e table -e autolink -e strikethrough -e tagfilter "$1" \
        >"$1.rendered.html"
}

# ---- Usage: exit 64, nothing written -------------------------------------

usage_case() {
    run -d "$DS" report "$@"
    expect_rc 64 "report $*"
    check "report $* writes nothing" sh -c '! ls bad* >/dev/null 2>&1'
}
usage_case
usage_case -o bad.txt
usage_case -o bad.md --html
usage_case -o bad.md --pdf
usage_case -o bad.md --lang fr
usage_case -o bad.md --years 1
usage_case -o bad.md --project 20x0
usage_case -o bad.md --model magic
usage_case -o bad.md --frobnicate
run report --help
expect_rc 0 "report --help"
has "$work/out" "usage: indicators [-d DATASET] report" "help"
run -d "$DS" report no_such_indicator -o bad.md
expect_rc 65 "report of an unknown id"
has "$work/err" "no_such_indicator" "the unknown id is named"
check "an unknown id writes nothing" test ! -e bad.md
run -d missing.csv report -o bad.md
expect_rc 66 "report of a missing dataset"

# ---- Markdown of the shipped dataset --------------------------------------

mkdir md
start=$(date +%s.%N)
run -d "$DS" report -o md/report.md --project 2030
end=$(date +%s.%N)
expect_rc 0 "report -o md/report.md"
has "$work/err" "wrote md/report.md (40 indicators, 37 charts" "stderr"
check "md/report.md written" test -s md/report.md
pictures=$(ls md/report-files/*.png | wc -l)
check "37 pictures beside it" test "$pictures" = 37
for f in md/report-files/*.png; do
    if [ "$(head -c 4 "$f" | tail -c 3)" != PNG ]; then
        fail "$f is not a PNG"
    fi
done
pass
# The figures equal growth's and project's; every source is listed.
if $CHECK figures md/report.md "$INDICATORS" "$DS" 2030 >figures.txt; then
    pass
else
    fail "figures: $(grep FAIL figures.txt | head -5)"
fi
tail -1 figures.txt
if $CHECK sources md/report.md "$INDICATORS" "$DS" >sources.txt; then
    pass
else
    fail "sources: $(grep FAIL sources.txt | head -5)"
fi
tail -1 sources.txt
# Every part the issue asks for.
for part in "# Yearly indicators: china-standardization" "**Date:** 2023-11-14" \
        "**Dataset:** \`data/china-standardization.csv\`" "**SHA-256:** \`$(sha256sum "$DS" | cut -c1-64)\`" \
        "**Rows:** 165 readings" "**Span:** 2010–2025" \
        "**Program:** indicators " "## Summary" "## Indicators" \
        "## Data quality" "## Methods" "## Sources" "| Indicator | Latest |" \
        "80% range" "> **Caveats:**" "not used: 1,164,000 (2020-01)" \
        "No figure for 2018, 2020–2021" "the figure is a reading of 2019-03" \
        "Only 4 figures" "would break the series" "annualised" \
        "Why this model: auto chose" "calibrated on the series' own past"; do
    has md/report.md "$part" "the report has '$part'"
done
# GitHub's renderer: no raw HTML but the anchors, links to http(s) or to
# anchors that exist, every picture a relative path that exists.
render md/report.md
if $CHECK markdown md/report.md.rendered.html md/report.md >md.txt; then
    pass
else
    fail "markdown: $(grep FAIL md.txt | head -5)"
fi
tail -1 md.txt
check "36 tables rendered (summary and each indicator with figures)" \
    test "$(grep -c '<table>' md/report.md.rendered.html)" -ge 38

BROWSER=1
[ "${IND_SANITIZED:-0}" = 1 ] && BROWSER=0
three="certification_bodies valid_certificates association_standards_cumulative"

# ---- HTML: one file, in Chromium ------------------------------------------

mkdir html
hstart=$(date +%s.%N)
run -d "$DS" report --html -o html/report.html --project 2030
hend=$(date +%s.%N)
expect_rc 0 "report --html"
check "one file only" test "$(ls html | wc -l)" = 1
if $CHECK html html/report.html >html.txt; then pass; else
    fail "html: $(grep FAIL html.txt | head -5)"
fi
tail -1 html.txt
check "37 inline pictures" test "$(grep -c '<svg role="img"' html/report.html)" = 37
# The page in Chromium: at desktop and phone sizes, no console message and
# no request; what a reader sees; the PDF it prints.
browser_checks() {
    if $CHROME page html/report.html shot-desktop.png 1280x2400 >page.txt; then
        pass
    else
        fail "Chromium: $(grep PROBLEM page.txt | head -5)"
    fi
    grep "^screenshot" page.txt
    # What a reader sees: every indicator's title, the sources.
    "$INDICATORS" -d "$DS" list --format csv | tail -n +2 |
        python3 -c 'import csv, sys; [print(r[2]) for r in csv.reader(sys.stdin)]' \
        >titles.txt
    missing=0
    while read -r title; do
        grep -qF -- "$title" page.txt || { missing=$((missing + 1)); echo "$title"; }
    done <titles.txt >missing-titles.txt
    check "every indicator's title on the page ($(wc -l <titles.txt) titles)" \
        test "$missing" = 0
    has page.txt "https://news.cctv.com/2024/06/07/ARTIfUYmoROMgnAyZnN5bVek240607.shtml" \
        "a source's address on the page"
    if $CHROME page html/report.html shot-phone.png 390x844 >phone.txt; then
        pass
    else
        fail "Chromium (phone): $(grep PROBLEM phone.txt | head -5)"
    fi
    check "screenshots written" test -s shot-desktop.png -a -s shot-phone.png
    if [ -n "${REPORT_SHOTS:-}" ]; then
        cp shot-desktop.png shot-phone.png "$REPORT_SHOTS"/
    fi

    # The PDF Chromium prints (A4, the print styles).
    run -d "$DS" report $three --html --pdf -o html/printed.html
    expect_rc 0 "report --pdf"
    check "PDF written" sh -c 'head -c 5 html/printed.pdf | grep -q "%PDF-"'
}
if [ "$BROWSER" = 1 ]; then browser_checks; fi

# Chromium missing: the HTML is written, exit 69, how to install it.
mkdir nochrome
ln -s "$(command -v gnuplot)" nochrome/gnuplot
PATH=$work/nochrome run -d "$DS" report certification_bodies --html --pdf \
    -o html/nochrome.html
expect_rc 69 "report --pdf without Chromium"
has "$work/err" "apt-get install chromium" "says how to install Chromium"
check "the HTML is still written" test -s html/nochrome.html
check "no PDF" test ! -e html/nochrome.pdf
# gnuplot missing: the report is written without charts, exit 69.
mkdir nothing
PATH=$work/nothing run -d "$DS" report certification_bodies -o nogp/report.md
expect_rc 73 "report into a missing folder"
mkdir nogp
PATH=$work/nothing run -d "$DS" report certification_bodies valid_certificates \
    -o nogp/report.md
expect_rc 69 "report without gnuplot"
has "$work/err" "apt-get install gnuplot-nox" "says how to install gnuplot"
has nogp/report.md "The chart could not be drawn" "the report says why"
check "no pictures' folder left" test ! -e nogp/report-files

# ---- Hostile texts, in both formats ------------------------------------------

mkdir hostile
run -d "$HOSTILE" report -o hostile/report.md
expect_rc 0 "report of hostile texts (Markdown)"
run -d "$HOSTILE" report --html -o hostile/report.html
expect_rc 0 "report of hostile texts (HTML)"
render hostile/report.md
if $CHECK markdown hostile/report.md.rendered.html hostile/report.md >hm.txt
then pass; else fail "hostile markdown: $(grep FAIL hm.txt | head -5)"; fi
if $CHECK html hostile/report.html >hh.txt; then pass; else
    fail "hostile html: $(grep FAIL hh.txt | head -5)"
fi
for f in hostile/report.md.rendered.html hostile/report.html; do
    lacks "$f" "<script" "no script in $f"
    lacks "$f" "<img src=x" "no injected image in $f"
    lacks "$f" "<iframe" "no frame in $f"
    lacks "$f" 'href="javascript' "no javascript: link in $f"
    lacks "$f" 'href="data:' "no data: link in $f"
    lacks "$f" 'href="vbscript' "no vbscript: link in $f"
done
has hostile/report.html "&lt;img src=x onerror=alert(1)&gt;" "the title shown as text"
has hostile/report.html '<a href="https://ok.example/path_%281%29?a=1&amp;b=2#frag"' \
    "an https source linked, encoded"
has hostile/report.md "javascript:alert(1)" "a javascript: source shown as text"
if [ "$BROWSER" = 1 ]; then
    if $CHROME page hostile/report.html shot-hostile.png 1280x2000 >hp.txt
    then pass; else
        fail "Chromium (hostile): $(grep PROBLEM hp.txt | head -5)"
    fi
    has hp.txt "<img src=x onerror=alert(1)>" "the page shows the title's text"
fi

# ---- Chinese --------------------------------------------------------------------

run -d "$DS" report --lang zh --html -o zh.html certification_bodies \
    valid_certificates
expect_rc 0 "report --lang zh"
for word in '<html lang="zh-CN">' "概览" "各项指标" "数据质量" "方法" "来源" \
        "最新值" "同比" "注意" "年份"; do
    has zh.html "$word" "zh report has $word"
done
for word in ">Summary<" ">Methods<" ">Sources<" "What to know" ">Year<"; do
    lacks zh.html "$word" "zh report has no '$word'"
done
if [ "$BROWSER" = 1 ]; then
    if $CHROME page zh.html shot-zh.png 1280x1600 >zh.txt; then pass; else
        fail "Chromium (zh): $(grep PROBLEM zh.txt | head -5)"
    fi
fi

# ---- A vintage: the dataset as it stood on a day --------------------------------

mkdir vintage
cp "$DS" data/china-standardization.indicators.csv vintage/
run -d vintage/china-standardization.csv append certification_bodies 2026 \
    1,300 --source https://example.org/bodies-2026
expect_rc 0 "append a 2026 figure"
run -d vintage/china-standardization.csv report certification_bodies \
    -o vintage/now.md
has vintage/now.md "| 1,300[" "today's report has the new figure"
yesterday=$(date -u -d yesterday +%Y-%m-%d)
run -d vintage/china-standardization.csv report certification_bodies \
    --vintage "$yesterday" -o vintage/then.md
expect_rc 0 "report --vintage"
has vintage/then.md "**As it stood on:** $yesterday" "the vintage is named"
has vintage/then.md "| 1,214[" "yesterday's latest figure"
lacks vintage/then.md "1,300" "not today's"

# ---- Reproducible, and the dataset untouched ----------------------------------

mkdir md2 md3
run -d "$DS" report $three -o md2/report.md
run -d "$DS" report $three -o md3/report.md
check "the same report twice, byte for byte" cmp -s md2/report.md md3/report.md
check "the same pictures twice" diff -r md2/report-files md3/report-files
check "the same pictures as in the whole report" \
    cmp -s md2/report-files/valid_certificates.png \
    md/report-files/valid_certificates.png
unchanged data "the dataset after every report"

# ---- What was measured ----------------------------------------------------------

awk -v a="$start" -v b="$end" -v c="$hstart" -v d="$hend" \
    'BEGIN { printf "report timing: Markdown %.2f s, HTML %.2f s\n", b - a, d - c }'
printf 'report sizes: report.md %s bytes, pictures %s bytes, report.html %s bytes\n' \
    "$(wc -c <md/report.md)" "$(cat md/report-files/*.png | wc -c)" \
    "$(wc -c <html/report.html)"

finish
