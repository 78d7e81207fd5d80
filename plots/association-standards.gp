# Chart written by libindicators 0.1.0 on 2026-11-26T00:39:00Z
#
# Dataset: "datasets/china-standardization.csv"
# Dataset SHA-256: 8dfeb288f08bf88db320057a9d13517d20d7ed013180252787bea0edfac4384d
# Command: indicators -d datasets/china-standardization.csv chart association_standards_cumulative --project 2030 -o plots/association-standards.gp --render png,svg
# Sources: "http://www.cqn.com.cn/zgzlb/content/2017-12/13/content_5202308.htm"
#          "https://www.sesec.eu/sesec-holds-the-sesec-china-eu-standardization-roundtable-and-chinese-new-year-reception/"
#          "http://xiaofei.7812.cn/news/2023/0419/10165.html"
#          "https://www.baogaopai.com/article-22708-1.html"
#
# The script stands alone: the figures are in the datablocks below, and it
# reads no file and names no output file, so it draws the same picture from
# any folder. The picture goes to standard output:
#   gnuplot association-standards.gp > association-standards.png
#   gnuplot -e 'ind_format="svg"' association-standards.gp > association-standards.svg
#   gnuplot -e 'ind_format="pdf"' association-standards.gp > association-standards.pdf
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
ind_colour_1 = "#0072B2"  # "Association (group) standards on the national platform"
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
# "Association (group) standards on the national platform"
$ind_series_1 << IND_END_OF_DATA
2017 1991 4 1

2019 12195 0 1

2022 51078 0 1
2023 74240 0 1
IND_END_OF_DATA
# Projection of series 1: year, mean, lower 80%, upper 80%, lower 95%, upper 95%
# (NaN: no interval). The first row repeats the last actual figure so the
# dashed line and the bands start from it.
$ind_projection_1 << IND_END_OF_DATA
2023 74240 74240 74240 74240 74240
2024 79683.47252747252 45121.920861373816 114245.02419357124 820.0187091984408 158546.92634574661
2025 91632.13186813185 53771.84892832681 129492.41480793689 5241.546630060562 178022.71710620314
2026 103580.7912087912 62005.40185559835 145156.18056198405 8712.978851615393 198448.603565967
2027 115529.45054945053 69924.22299458706 161134.678104314 11466.247835298826 219592.6532636022
2028 127478.10989010987 77604.54609458806 177351.6736856317 13675.305746945669 241280.9140332741
2029 139426.76923076922 85102.55956440688 193750.97889713157 15468.364769439562 263385.1736920989
2030 151375.42857142855 92459.56524958953 210291.29189326757 16939.668535713892 285811.18860714324
IND_END_OF_DATA

# ---- Title, subtitle, sources -----------------------------------------
set label 1 "Association (group) standards on the national platform" at screen 0.01667, screen 0.95917 left font ind_font_title tc rgb ind_colour_text noenhanced front
set label 2 "standards, 2017–2023; projection to 2030 (linear trend)" at screen 0.01667, screen 0.91278 left font ind_font_subtitle tc rgb ind_colour_muted noenhanced front
set label 3 "Sources: cqn.com.cn, sesec.eu, xiaofei.7812.cn, baogaopai.com" at screen 0.01667, screen 0.02711 left font ind_font_footer tc rgb ind_colour_muted noenhanced front
unset key

# ---- Key -------------------------------------------------------------------
set arrow 100 from screen 0.09227, screen 0.06922 to screen 0.12283, screen 0.06922 nohead front ls 1
set label 4 "actual" at screen 0.12977, screen 0.06922 left font ind_font_panel tc rgb ind_colour_text noenhanced front
set arrow 101 from screen 0.19604, screen 0.06922 to screen 0.2266, screen 0.06922 nohead front ls 11
set label 5 "projection (linear trend)" at screen 0.23354, screen 0.06922 left font ind_font_panel tc rgb ind_colour_text noenhanced front
set object 100 rect from screen 0.42669, screen 0.06256 to screen 0.45724, screen 0.07589 front fc rgb ind_colour_1 fs transparent solid 0.42 noborder
set label 6 "80% interval" at screen 0.46419, screen 0.06922 left font ind_font_panel tc rgb ind_colour_text noenhanced front
set object 101 rect from screen 0.57729, screen 0.06256 to screen 0.60785, screen 0.07589 front fc rgb ind_colour_1 fs transparent solid 0.18 noborder
set label 7 "95% interval" at screen 0.61479, screen 0.06922 left font ind_font_panel tc rgb ind_colour_text noenhanced front
set label 8 "" at screen 0.74318, screen 0.06922 point pt 4 ps ind_point_size lw 1.5 lc rgb ind_colour_1 front
set label 9 "partial-year reading" at screen 0.7654, screen 0.06922 left font ind_font_panel tc rgb ind_colour_text noenhanced front

# ---- Plot 1 -----------------------------------------------------------
set lmargin at screen 0.1161
set rmargin at screen 0.97222
set tmargin at screen 0.86278
set bmargin at screen 0.222
set xrange [2016.5:2030.5]
set xtics 2017, 1
unset mxtics
set xlabel "Year" tc rgb ind_colour_text
set ylabel "standards" tc rgb ind_colour_text
set yrange [0:400000]
set ytics ("0" 0, "100,000" 100000, "200,000" 200000, "300,000" 300000, "400,000" 400000)
set object 1 rect from first 2023, graph 0 to graph 1, graph 1 behind fc rgb ind_colour_region fs solid 1.0 noborder
set label 10 "projection" at first 2023, graph 1 left offset char 0.6, char -0.9 font ind_font_label tc rgb ind_colour_muted noenhanced front
set label 11 "74,240" at first 2023, first 89065.7 right offset char -0.7, char 0 font ind_font_label tc rgb ind_colour_1 noenhanced front
plot $ind_projection_1 using 1:5:6 with filledcurves fc rgb ind_colour_1 fs transparent solid 0.18 noborder, \
     $ind_projection_1 using 1:3:4 with filledcurves fc rgb ind_colour_1 fs transparent solid 0.30 noborder, \
     $ind_series_1 using 1:2 with lines ls 1, \
     $ind_projection_1 using 1:2 with lines ls 11, \
     $ind_series_1 using 1:($3==0 && $4==1 ? $2 : NaN) with points ls 21, \
     $ind_series_1 using 1:($3>0 ? $2 : NaN) with points pt 7 ps ind_point_size*1.15 lc rgb "#ffffff", \
     $ind_series_1 using 1:((int($3)&4)==4 ? $2 : NaN) with points pt 4 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_1, \
     $ind_series_1 using 1:((int($3)&5)==1 ? $2 : NaN) with points pt 6 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_1, \
     $ind_series_1 using 1:((int($3)&7)==2 ? $2 : NaN) with points pt 8 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_1
