# Chart written by libindicators 0.1.0 on 2026-11-26T00:39:00Z
#
# Dataset: "datasets/china-standardization.csv"
# Dataset SHA-256: 8dfeb288f08bf88db320057a9d13517d20d7ed013180252787bea0edfac4384d
# Command: indicators -d datasets/china-standardization.csv chart certification_bodies --project 2030 -o plots/certification-bodies.gp --render png,svg
# Sources: "http://m.mnw.cn/news/cj/2133099.html"
#          "https://www.sesec.eu/sesec-holds-the-sesec-china-eu-standardization-roundtable-and-chinese-new-year-reception/"
#          "https://fyss.xiangzhan.com/p-article_detail/id-2619.html"
#          "https://www.bestao-consulting.com/detail?id=1081"
#          "https://m.woyaoce.cn/news/detail/498835"
#          "https://news.cctv.com/2024/06/07/ARTIfUYmoROMgnAyZnN5bVek240607.shtml"
#          "https://www.gicg-sh.com.cn/newsinfo/8455877.html"
#          "https://www.itiger.com/news/1104608541"
#
# The script stands alone: the figures are in the datablocks below, and it
# reads no file and names no output file, so it draws the same picture from
# any folder. The picture goes to standard output:
#   gnuplot certification-bodies.gp > certification-bodies.png
#   gnuplot -e 'ind_format="svg"' certification-bodies.gp > certification-bodies.svg
#   gnuplot -e 'ind_format="pdf"' certification-bodies.gp > certification-bodies.pdf
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
ind_colour_1 = "#0072B2"  # "Certification bodies"
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
# "Certification bodies"
$ind_series_1 << IND_END_OF_DATA
2018 481 0 1
2019 596 0 1
2020 724 0 1
2021 932 0 1
2022 1128 0 1
2023 1242 0 1
2024 1230 0 1
2025 1214 0 1
IND_END_OF_DATA
# Projection of series 1: year, mean, lower 80%, upper 80%, lower 95%, upper 95%
# (NaN: no interval). The first row repeats the last actual figure so the
# dashed line and the bands start from it.
$ind_projection_1 << IND_END_OF_DATA
2025 1214 1214 1214 1214 1214
2026 1264.5830833743273 1104.4859808497017 1447.8865304621152 998.9790796709899 1600.8046687856584
2027 1316.016972263216 1021.198629176397 1695.9488798781792 831.3641644231525 2083.2034208336763
2028 1368.1335278187714 992.7436874703545 1885.470916175161 733.5996350707446 2551.5134692799174
2029 1420.7962167076605 926.4244101669836 2178.981757450613 618.9267969222122 3261.5519306146803
2030 1473.895812263216 863.6037748743153 2515.469395352285 521.6162981653283 4164.687478224662
IND_END_OF_DATA

# ---- Title, subtitle, sources -----------------------------------------
set label 1 "Certification bodies" at screen 0.01667, screen 0.95917 left font ind_font_title tc rgb ind_colour_text noenhanced front
set label 2 "organisations, 2018–2025; projection to 2030 (mean of drift, damped and Theta)" at screen 0.01667, screen 0.91278 left font ind_font_subtitle tc rgb ind_colour_muted noenhanced front
set label 3 "Sources: m.mnw.cn, sesec.eu, fyss.xiangzhan.com, bestao-consulting.com, m.woyaoce.cn, news.cctv.com, gicg-sh.com.cn, itiger.com" at screen 0.01667, screen 0.02711 left font ind_font_footer tc rgb ind_colour_muted noenhanced front
unset key

# ---- Key -------------------------------------------------------------------
set arrow 100 from screen 0.11609, screen 0.06922 to screen 0.14665, screen 0.06922 nohead front ls 1
set label 4 "actual" at screen 0.15359, screen 0.06922 left font ind_font_panel tc rgb ind_colour_text noenhanced front
set arrow 101 from screen 0.21986, screen 0.06922 to screen 0.25042, screen 0.06922 nohead front ls 11
set label 5 "projection (mean of drift, damped and Theta)" at screen 0.25736, screen 0.06922 left font ind_font_panel tc rgb ind_colour_text noenhanced front
set object 100 rect from screen 0.60492, screen 0.06256 to screen 0.63547, screen 0.07589 front fc rgb ind_colour_1 fs transparent solid 0.42 noborder
set label 6 "80% interval" at screen 0.64242, screen 0.06922 left font ind_font_panel tc rgb ind_colour_text noenhanced front
set object 101 rect from screen 0.75552, screen 0.06256 to screen 0.78608, screen 0.07589 front fc rgb ind_colour_1 fs transparent solid 0.18 noborder
set label 7 "95% interval" at screen 0.79302, screen 0.06922 left font ind_font_panel tc rgb ind_colour_text noenhanced front

# ---- Plot 1 -----------------------------------------------------------
set lmargin at screen 0.0979
set rmargin at screen 0.97222
set tmargin at screen 0.86278
set bmargin at screen 0.222
set xrange [2017.5:2030.5]
set xtics 2018, 1
unset mxtics
set xlabel "Year" tc rgb ind_colour_text
set ylabel "organisations" tc rgb ind_colour_text
set yrange [0:5000]
set ytics ("0" 0, "1,000" 1000, "2,000" 2000, "3,000" 3000, "4,000" 4000, "5,000" 5000)
set object 1 rect from first 2025, graph 0 to graph 1, graph 1 behind fc rgb ind_colour_region fs solid 1.0 noborder
set label 8 "projection" at first 2025, graph 1 left offset char 0.6, char -0.9 font ind_font_label tc rgb ind_colour_muted noenhanced front
set label 9 "1,214" at first 2025, first 1028.68 right offset char -0.7, char 0 font ind_font_label tc rgb ind_colour_1 noenhanced front
plot $ind_projection_1 using 1:5:6 with filledcurves fc rgb ind_colour_1 fs transparent solid 0.18 noborder, \
     $ind_projection_1 using 1:3:4 with filledcurves fc rgb ind_colour_1 fs transparent solid 0.30 noborder, \
     $ind_series_1 using 1:2 with lines ls 1, \
     $ind_projection_1 using 1:2 with lines ls 11, \
     $ind_series_1 using 1:($3==0 && $4==1 ? $2 : NaN) with points ls 21, \
     $ind_series_1 using 1:($3>0 ? $2 : NaN) with points pt 7 ps ind_point_size*1.15 lc rgb "#ffffff", \
     $ind_series_1 using 1:((int($3)&4)==4 ? $2 : NaN) with points pt 4 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_1, \
     $ind_series_1 using 1:((int($3)&5)==1 ? $2 : NaN) with points pt 6 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_1, \
     $ind_series_1 using 1:((int($3)&7)==2 ? $2 : NaN) with points pt 8 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_1
