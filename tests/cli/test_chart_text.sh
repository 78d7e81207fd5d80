#!/bin/bash
# CLI tests of chart text: every text of every chart stays inside the
# picture, measured in a real browser (headless Chromium lays the SVG out
# in the fonts the tests install: DejaVu Sans, Droid Sans Fallback), and
# cairo's PNG keeps its right margin blank; titles wrap at whole words and
# end with "…" after one; the footer names the sources' sites, not their
# URLs, which stay in the script's header.
#
# Charts: one of every indicator of the shipped dataset (its real source
# lists), growth and index charts, panels, and long hostile texts at the
# smallest, default and a large size.
#
# Env: INDICATORS (the built program), SOURCE_DIR (the source tree);
# python3 and chromium (tools/test.sh installs both).
set -eu

. "$(dirname "$0")/store_lib.sh"
case $INDICATORS in
/*) ;;
*) INDICATORS=$PWD/$INDICATORS ;;
esac
CHECK="python3 $SOURCE_DIR/tests/cli/chromium.py"

cd "$work"
DATA=$SOURCE_DIR/datasets
cp "$DATA"/china-standardization.csv "$DATA"/china-standardization.indicators.csv .
cp "$SOURCE_DIR"/tests/data/cli-chart/hostile*.csv .
DS=china-standardization.csv
export SOURCE_DATE_EPOCH=1700000000

# draw NAME ARGS...: NAME.gp and .svg (and .png for the names PNG lists,
# whose margins are checked: reading a PNG in Python takes half a second),
# or a failure.
PNG=" long-480x320 long-1600x1000 long-zh hostile "
draw() {
    local name=$1 formats=svg
    shift
    case $PNG in *" $name "*) formats=svg,png ;; esac
    if "$INDICATORS" -d "$DS" chart "$@" -o "$name.gp" --render "$formats" \
            2>err; then
        pass
    else
        fail "chart $* -o $name.gp: $(cat err)"
    fi
}

# 1. Every indicator of the shipped dataset, as a line chart.
"$INDICATORS" -d "$DS" list --format csv | tail -n +2 | cut -d, -f1 |
    tr -d '"' >ids
[ "$(wc -l <ids)" -ge 40 ] && pass || fail "list gave $(wc -l <ids) ids"
while read -r id; do
    draw "line-$id" "$id"
done <ids

# 2. Growth, index, panels, projections, sizes.
draw growth valid_certificates --kind growth
draw growth-flow national_standards_released --kind growth
draw index national_standards_total industry_standards_filed_cumulative \
    local_standards_filed_cumulative association_standards_cumulative \
    --kind index --base 2019
draw panels certification_bodies valid_certificates certified_organisations \
    inspection_testing_institutions --size 1200x800
draw seven association_standards_cumulative social_groups_registered \
    national_standards_total industry_standards_filed_cumulative \
    local_standards_filed_cumulative certification_bodies \
    certified_organisations
draw projected certification_bodies --project 2030
draw small certification_bodies --project 2030 --size 480x320
draw small-panels certification_bodies valid_certificates --size 480x320 \
    --layout panels

# 3. Long texts: a 60-word title, a long note, long words; Chinese.
words="Association standards registered social groups certification bodies"
title=""
for i in 1 2 3 4 5 6 7 8 9 10; do
    title="$title $words $i national standards"
done
title=${title# }
note="Note: figures are year-end unless marked; $(printf 'x%.0s' $(seq 1 150)) https://example.org/a/very/long/path/that/goes/on/and/on/for/ever/index.html"
for size in 480x320 960x600 1600x1000; do
    draw "long-$size" certification_bodies valid_certificates \
        --title "$title" --note "$note" --size "$size" --layout shared
done
draw long-zh certified_organisations --project 2028 --title \
    "全国团体标准信息平台上的团体标准累计数量与获证组织数量的变化（单位：家），数据来源为国家市场监督管理总局与中国认证认可协会发布的统计公报"
DS=hostile.csv draw hostile evil_stock --title "$title"

# Every text inside the picture, 8 px clear of the left and right edges
# (the layout keeps 1.2 font sizes: 16 px at 960 wide). The browser's
# measure is of the pictures, not of the program: once, in the plain
# build (IND_SANITIZED=1 is the ASan+UBSan one).
if [ "${IND_SANITIZED:-0}" != 1 ]; then
    if $CHECK text-fit --margin 8 ./*.svg >fit.txt 2>&1; then pass; else
        fail "texts past the edge:"
        grep -v "widest text" fit.txt >&2
    fi
    grep "^checked" fit.txt
    # PNGs drawn by cairo: the right 8 columns blank.
    for f in $PNG; do
        if $CHECK png-margin "$f.png" 8 >>margin.txt 2>&1; then pass; else
            fail "$(tail -1 margin.txt)"
        fi
    done
fi

# 4. Titles wrap at whole words: the title lines of the SVG, joined, are
# the start of the title, and the last ends with "…" after a whole word.
python3 - "$title" long-960x600.svg long-480x320.svg >words.txt 2>&1 <<'EOF' || fail "title cut mid-word: $(cat words.txt)"
import re, sys, html
title, paths = sys.argv[1], sys.argv[2:]
words = title.split(" ")
for path in paths:
    svg = open(path, encoding="utf-8").read()
    # the title's lines are the texts in the largest font
    items = re.findall(r'font-size="([\d.]+)"[^>]*>\s*<text>([^<]*)</text>',
                       svg)
    size = max(float(s) for s, _ in items)
    lines = [html.unescape(t) for s, t in items if float(s) == size]
    assert lines, path
    assert lines[-1].endswith("\u2026"), (path, lines)
    got = " ".join(lines)[:-1].split(" ")
    assert got == words[:len(got)], (path, got, words[:len(got)])
    print(path, len(lines), "title lines,", len(got), "whole words")
EOF
cat words.txt

# 5. The footer names sites; the header keeps the URLs.
if grep -q '# Sources: "https://news.cctv.com/2024/06/07/ARTIfUYmoROMgnAyZnN5bVek240607.shtml"' \
        line-certification_bodies.gp ||
   grep -q '^#          "https://news.cctv.com/2024/06/07/ARTIfUYmoROMgnAyZnN5bVek240607.shtml"' \
        line-certification_bodies.gp; then pass; else
    fail "the script's header lacks the full CCTV URL"
fi
if grep -q '"Sources: m.mnw.cn, sesec.eu' line-certification_bodies.gp; then
    pass
else
    fail "the footer does not name the sites: $(grep -o '"Sources[^"]*"' line-certification_bodies.gp)"
fi
if grep -q '"Sources:[^"]*https\?:' ./*.gp; then
    fail "a footer quotes a URL"
else
    pass
fi

# The catalog's source_name, when it has one, is the footer's line; the
# header still lists every URL.
mkdir named
python3 - "$DS" named <<'PY'
import csv, shutil, sys
src, out = sys.argv[1], sys.argv[2]
stem = src[:-4]
shutil.copy(src, out + "/d.csv")
rows = list(csv.reader(open(stem + ".indicators.csv", encoding="utf-8")))
rows[0].append("source_name")
for r in rows[1:]:
    r.append("CNCA, CCAA" if r[0] == "certification_bodies" else "")
with open(out + "/d.indicators.csv", "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
PY
run -d named/d.csv chart certification_bodies valid_certificates \
    -o named/two.gp
expect_rc 0 "chart with a catalog source_name"
has named/two.gp '"Sources: CNCA, CCAA; m.mnw.cn; guton.com;' "the footer takes source_name"
has named/two.gp '# Sources: "http://m.mnw.cn/news/cj/2133099.html"' \
    "the header keeps the URLs"

# 6. Options a report needs. A picture straight away (no script left
# unless asked for), in any of the three formats.
for f in png svg pdf; do
    run -d "$DS" chart certification_bodies --project 2030 -o "direct.$f"
    expect_rc 0 "chart -o direct.$f"
    check "direct.$f written" test -s "direct.$f"
done
check "no script beside direct.png" test ! -e direct.gp
check "no temporary script left" sh -c '! ls .direct* .*.gp 2>/dev/null | grep -q .'
check "direct.png is a PNG" sh -c 'head -c 4 direct.png | grep -q PNG'
check "direct.pdf is a PDF" sh -c 'head -c 5 direct.pdf | grep -q "%PDF-"'
run -d "$DS" chart certification_bodies -o kept.svg --script
expect_rc 0 "chart -o kept.svg --script"
check "the script kept beside" test -s kept.gp
has kept.gp 'ind_format' "kept.gp is a chart script"
# Chinese fixed words, the caller's texts.
run -d "$DS" chart certified_organisations --project 2028 --lang zh \
    --title "获证组织数量" --subtitle "单位：家" \
    --source-line "来源：中国认证认可协会" --y-label "家" -o zh.svg
expect_rc 0 "chart --lang zh"
for word in 年份 实际值 预测 "80% 预测区间" "95% 预测区间" 单位：家 \
        来源：中国认证认可协会 获证组织数量; do
    has zh.svg ">$word" "zh.svg shows $word"
done
for word in ">Year<" ">actual<" ">projection<" "interval" ">Source"; do
    lacks zh.svg "$word" "zh.svg has no English '$word'"
done
# An id given twice is drawn once.
run -d "$DS" chart certification_bodies certification_bodies -o twice.gp
expect_rc 0 "chart X X"
has "$work/err" "given twice: drawn once" "chart X X warns"
check "one series in twice.gp" test "$(grep -c '^\$ind_series_[0-9]* <<' twice.gp)" = 1
# A bar both annualised (2017 -> 2019) and from a mid-December reading
# carries both marks (2 + 4), drawn hatched and outlined, and the key
# shows both samples as drawn: the hatch and the dashed outline.
run -d "$DS" chart association_standards_cumulative --kind growth -o both.gp
expect_rc 0 "growth chart of association standards"
check "the 2019 bar has both marks" \
    awk '$1 == "2019" && $3 == 6 { found = 1 } END { exit !found }' both.gp
has both.gp 'fs transparent pattern 5 noborder' "a hatched layer"
has both.gp 'lw 1.5 dt (4,3) fs empty border' "an outlined layer"
has both.gp '"derived"' "key: derived"
has both.gp '"partial-year reading"' "key: partial-year reading"

finish
