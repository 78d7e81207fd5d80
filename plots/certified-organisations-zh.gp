# Chart written by libindicators 0.1.0 on 2026-11-26T00:39:00Z
#
# Title:   "获证组织数量（家）"
# Dataset: "datasets/china-standardization.csv"
# Dataset SHA-256: 8dfeb288f08bf88db320057a9d13517d20d7ed013180252787bea0edfac4384d
# Command: indicators -d datasets/china-standardization.csv chart certified_organisations --project 2028 --title '获证组织数量（家）' --lang zh -o plots/certified-organisations-zh.gp --render png,svg
# Sources: "http://m.mnw.cn/news/cj/2133099.html"
#          "https://guton.com/jms/NCshow/?id=3376"
#          "https://fyss.xiangzhan.com/p-article_detail/id-2619.html"
#          "https://www.bestao-consulting.com/detail?id=1081"
#          "https://m.woyaoce.cn/news/detail/498835"
#          "https://news.cctv.com/2024/06/07/ARTIfUYmoROMgnAyZnN5bVek240607.shtml"
#          "https://www.gicg-sh.com.cn/newsinfo/8455877.html"
#
# The script stands alone: the figures are in the datablocks below, and it
# reads no file and names no output file, so it draws the same picture from
# any folder. The picture goes to standard output:
#   gnuplot certified-organisations-zh.gp > certified-organisations-zh.png
#   gnuplot -e 'ind_format="svg"' certified-organisations-zh.gp > certified-organisations-zh.svg
#   gnuplot -e 'ind_format="pdf"' certified-organisations-zh.gp > certified-organisations-zh.pdf
#
# Texts from the dataset are untrusted: below they appear only in double
# quotes with backslash, double quote and backtick escaped, drawn noenhanced,
# so none of them can run as a command or as markup. The datablocks hold
# numbers only.

# ---- Output: PNG by default, -e 'ind_format="svg"' or "pdf" ----------------
if (!exists("ind_format")) ind_format = "png"
set encoding utf8
# The texts were measured and wrapped for DejaVu Sans (Debian: fonts-dejavu-core),
# and Droid Sans Fallback for Chinese (fonts-droid-fallback): another font
# may make a line longer than its place. Cairo terminals take one family;
# fontconfig supplies missing glyphs (Chinese, for one) from any installed
# font that has them. SVG viewers take the list as it is. SVG sizes are
# pixels: fontscale turns them into points at 96 per inch, as the other
# terminals draw them.
ind_font_cairo = "DejaVu Sans,10"
ind_font_svg = "DejaVu Sans,Bitstream Vera Sans,Verdana,Droid Sans Fallback,Noto Sans CJK SC,sans-serif,10"
if (ind_format eq "svg") {
    set terminal svg size 960,600 noenhanced font ind_font_svg fontscale 1.3333 background "#ffffff"
} else {
    if (ind_format eq "pdf") {
        # 960 x 600 pixels at 96 per inch; fontscale keeps text the same share of it
        set terminal pdfcairo size 10in,6.25in noenhanced font ind_font_cairo fontscale 0.75 linewidth 0.75 background "#ffffff"
    } else {
        set terminal pngcairo size 960,600 noenhanced font ind_font_cairo background "#ffffff"
    }
}
set termoption noenhanced

# ---- Style: edit colours, widths and sizes here ----------------------------
# Okabe-Ito colours, told apart by readers with the common colour-vision
# deficiencies. One per series:
ind_colour_1 = "#0072B2"  # "Certified organisations"
ind_colour_rise = "#0072B2"      # growth bars: increases
ind_colour_fall = "#D55E00"      # growth bars: decreases
ind_colour_text = "#222222"
ind_colour_muted = "#666666"     # subtitle, footer, notes
ind_colour_axis = "#555555"
ind_colour_grid = "#e4e4e4"
ind_colour_region = "#f1f1f1"    # the projection region
ind_colour_neutral = "#444444"   # key samples shared by all series
ind_line_width = 2.5
ind_point_size = 1.1
ind_font_title = ",15"
ind_font_subtitle = ",10"
ind_font_footer = ",8"
ind_font_panel = ",10"
ind_font_label = ",9"
# Line styles: 1-7 history, 11-17 projection (dashed), 21-27 dots of
# normal points, of series 1-7; 9 the key's projection sample shared by all.
set style line 9 lc rgb ind_colour_neutral lw ind_line_width dt (9,5)
set style line 1 lc rgb ind_colour_1 lw ind_line_width
set style line 11 lc rgb ind_colour_1 lw ind_line_width dt (9,5)
set style line 21 lc rgb ind_colour_1 pt 7 ps ind_point_size
set border 3 back lc rgb ind_colour_axis lw 1
set tics nomirror out scale 0.5 textcolor rgb ind_colour_text
set grid ytics back lt 1 lc rgb ind_colour_grid lw 1
set format x "%.0f"

# ---- Data ------------------------------------------------------------------
# Columns: year, value, marks (0 normal, or the sum of 1 estimated or
# provisional, 2 derived, 4 partial-year reading), dot (1: draw a dot on a
# normal point). A blank line is a gap: the years between have no figure.
# "Certified organisations"
$ind_series_1 << IND_END_OF_DATA
2018 625000 0 1
2019 640000 4 1
2020 788400 0 1
2021 867000 0 1
2022 939000 0 1
2023 1020000 0 1
2024 1090000 0 1
IND_END_OF_DATA
# Projection of series 1: year, mean, lower 80%, upper 80%, lower 95%, upper 95%
# (NaN: no interval). The first row repeats the last actual figure so the
# dashed line and the bands start from it.
$ind_projection_1 << IND_END_OF_DATA
2024 1090000 1090000 1090000 1090000 1090000
2025 1153290.172193345 1119503.2076994942 1188096.838070682 1092834.2812078437 1217090.499583981
2026 1216106.6256634162 1154180.6089808557 1281355.199935603 1098665.2515177247 1346101.8476186884
2027 1278457.892921229 1182060.2335223588 1382716.8342362414 1097809.6149937604 1488832.454780311
2028 1340353.2776910278 1207323.1234966423 1488041.4978004668 1093973.367291718 1642221.796920597
IND_END_OF_DATA

# ---- Title, subtitle, sources -----------------------------------------
set label 1 "获证组织数量（家）" at screen 0.01667, screen 0.95917 left font ind_font_title tc rgb ind_colour_text noenhanced front
set label 2 "organisations，2018–2024；预测至 2028 年（漂移、阻尼与 Theta 的平均）" at screen 0.01667, screen 0.91278 left font ind_font_subtitle tc rgb ind_colour_muted noenhanced front
set label 3 "来源：m.mnw.cn、guton.com、fyss.xiangzhan.com、bestao-consulting.com、m.woyaoce.cn、news.cctv.com、gicg-sh.com.cn" at screen 0.01667, screen 0.02711 left font ind_font_footer tc rgb ind_colour_muted noenhanced front
unset key

# ---- Key -------------------------------------------------------------------
set arrow 100 from screen 0.06438, screen 0.06922 to screen 0.09494, screen 0.06922 nohead front ls 1
set label 4 "实际值" at screen 0.10188, screen 0.06922 left font ind_font_panel tc rgb ind_colour_text noenhanced front
set arrow 101 from screen 0.16702, screen 0.06922 to screen 0.19758, screen 0.06922 nohead front ls 11
set label 5 "预测（漂移、阻尼与 Theta 的平均）" at screen 0.20452, screen 0.06922 left font ind_font_panel tc rgb ind_colour_text noenhanced front
set object 100 rect from screen 0.46279, screen 0.06256 to screen 0.49335, screen 0.07589 front fc rgb ind_colour_1 fs transparent solid 0.42 noborder
set label 6 "80% 预测区间" at screen 0.50029, screen 0.06922 left font ind_font_panel tc rgb ind_colour_text noenhanced front
set object 101 rect from screen 0.61608, screen 0.06256 to screen 0.64664, screen 0.07589 front fc rgb ind_colour_1 fs transparent solid 0.18 noborder
set label 7 "95% 预测区间" at screen 0.65358, screen 0.06922 left font ind_font_panel tc rgb ind_colour_text noenhanced front
set label 8 "" at screen 0.78465, screen 0.06922 point pt 4 ps ind_point_size lw 1.5 lc rgb ind_colour_1 front
set label 9 "年内读数（非年末）" at screen 0.80687, screen 0.06922 left font ind_font_panel tc rgb ind_colour_text noenhanced front

# ---- Plot 1 -----------------------------------------------------------
set lmargin at screen 0.12975
set rmargin at screen 0.97222
set tmargin at screen 0.86278
set bmargin at screen 0.222
set xrange [2017.5:2028.5]
set xtics 2018, 1
unset mxtics
set xlabel "年份" tc rgb ind_colour_text
set ylabel "organisations" tc rgb ind_colour_text
set yrange [0:2000000]
set ytics ("0" 0, "500,000" 500000, "1,000,000" 1000000, "1,500,000" 1500000, "2,000,000" 2000000)
set object 1 rect from first 2024, graph 0 to graph 1, graph 1 behind fc rgb ind_colour_region fs solid 1.0 noborder
set label 10 "预测" at first 2024, graph 1 left offset char 0.6, char -0.9 font ind_font_label tc rgb ind_colour_muted noenhanced front
set label 11 "1,090,000" at first 2024, first 1164130 right offset char -0.7, char 0 font ind_font_label tc rgb ind_colour_1 noenhanced front
plot $ind_projection_1 using 1:5:6 with filledcurves fc rgb ind_colour_1 fs transparent solid 0.18 noborder, \
     $ind_projection_1 using 1:3:4 with filledcurves fc rgb ind_colour_1 fs transparent solid 0.30 noborder, \
     $ind_series_1 using 1:2 with lines ls 1, \
     $ind_projection_1 using 1:2 with lines ls 11, \
     $ind_series_1 using 1:($3==0 && $4==1 ? $2 : NaN) with points ls 21, \
     $ind_series_1 using 1:($3>0 ? $2 : NaN) with points pt 7 ps ind_point_size*1.15 lc rgb "#ffffff", \
     $ind_series_1 using 1:((int($3)&4)==4 ? $2 : NaN) with points pt 4 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_1, \
     $ind_series_1 using 1:((int($3)&5)==1 ? $2 : NaN) with points pt 6 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_1, \
     $ind_series_1 using 1:((int($3)&7)==2 ? $2 : NaN) with points pt 8 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_1
