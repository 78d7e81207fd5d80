# Chart written by libindicators 0.1.0 on 2026-11-26T00:39:00Z
#
# Title:   "Certification in China"
# Dataset: "datasets/china-standardization.csv"
# Dataset SHA-256: 8dfeb288f08bf88db320057a9d13517d20d7ed013180252787bea0edfac4384d
# Command: indicators -d datasets/china-standardization.csv chart certification_bodies valid_certificates certified_organisations inspection_testing_institutions --title 'Certification in China' --size 1200x800 -o plots/certification-overview.gp --render png,svg
# Sources: "http://m.mnw.cn/news/cj/2133099.html"
#          "https://www.sesec.eu/sesec-holds-the-sesec-china-eu-standardization-roundtable-and-chinese-new-year-reception/"
#          "https://fyss.xiangzhan.com/p-article_detail/id-2619.html"
#          "https://www.bestao-consulting.com/detail?id=1081"
#          "https://m.woyaoce.cn/news/detail/498835"
#          "https://news.cctv.com/2024/06/07/ARTIfUYmoROMgnAyZnN5bVek240607.shtml"
#          "https://www.gicg-sh.com.cn/newsinfo/8455877.html"
#          "https://www.itiger.com/news/1104608541"
#          "https://guton.com/jms/NCshow/?id=3376"
#          "http://english.cnca.gov.cn/guide/201512/t20151228_42418.shtml"
#
# The script stands alone: the figures are in the datablocks below, and it
# reads no file and names no output file, so it draws the same picture from
# any folder. The picture goes to standard output:
#   gnuplot certification-overview.gp > certification-overview.png
#   gnuplot -e 'ind_format="svg"' certification-overview.gp > certification-overview.svg
#   gnuplot -e 'ind_format="pdf"' certification-overview.gp > certification-overview.pdf
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
ind_font_cairo = "DejaVu Sans,12"
ind_font_svg = "DejaVu Sans,Bitstream Vera Sans,Verdana,Droid Sans Fallback,Noto Sans CJK SC,sans-serif,12"
if (ind_format eq "svg") {
    set terminal svg size 1200,800 noenhanced font ind_font_svg fontscale 1.3333 background "#ffffff"
} else {
    if (ind_format eq "pdf") {
        # 1200 x 800 pixels at 96 per inch; fontscale keeps text the same share of it
        set terminal pdfcairo size 12.5in,8.33333in noenhanced font ind_font_cairo fontscale 0.75 linewidth 0.75 background "#ffffff"
    } else {
        set terminal pngcairo size 1200,800 noenhanced font ind_font_cairo background "#ffffff"
    }
}
set termoption noenhanced

# ---- Style: edit colours, widths and sizes here ----------------------------
# Okabe-Ito colours, told apart by readers with the common colour-vision
# deficiencies. One per series:
ind_colour_1 = "#0072B2"  # "Certification bodies"
ind_colour_2 = "#D55E00"  # "Valid certification certificates"
ind_colour_3 = "#009E73"  # "Certified organisations"
ind_colour_4 = "#CC79A7"  # "Inspection and testing institutions"
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
ind_font_title = ",18"
ind_font_subtitle = ",12"
ind_font_footer = ",10"
ind_font_panel = ",12"
ind_font_label = ",11"
# Line styles: 1-7 history, 11-17 projection (dashed), 21-27 dots of
# normal points, of series 1-7; 9 the key's projection sample shared by all.
set style line 9 lc rgb ind_colour_neutral lw ind_line_width dt (9,5)
set style line 1 lc rgb ind_colour_1 lw ind_line_width
set style line 11 lc rgb ind_colour_1 lw ind_line_width dt (9,5)
set style line 21 lc rgb ind_colour_1 pt 7 ps ind_point_size
set style line 2 lc rgb ind_colour_2 lw ind_line_width
set style line 12 lc rgb ind_colour_2 lw ind_line_width dt (9,5)
set style line 22 lc rgb ind_colour_2 pt 7 ps ind_point_size
set style line 3 lc rgb ind_colour_3 lw ind_line_width
set style line 13 lc rgb ind_colour_3 lw ind_line_width dt (9,5)
set style line 23 lc rgb ind_colour_3 pt 7 ps ind_point_size
set style line 4 lc rgb ind_colour_4 lw ind_line_width
set style line 14 lc rgb ind_colour_4 lw ind_line_width dt (9,5)
set style line 24 lc rgb ind_colour_4 pt 7 ps ind_point_size
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
# "Valid certification certificates"
$ind_series_2 << IND_END_OF_DATA
2018 1937000 0 1
2019 1970000 4 1
2020 2701200 0 1
2021 3020000 0 1
2022 3366000 0 1
2023 3760000 0 1
2024 4158000 0 1
IND_END_OF_DATA
# "Certified organisations"
$ind_series_3 << IND_END_OF_DATA
2018 625000 0 1
2019 640000 4 1
2020 788400 0 1
2021 867000 0 1
2022 939000 0 1
2023 1020000 0 1
2024 1090000 0 1
IND_END_OF_DATA
# "Inspection and testing institutions"
$ind_series_4 << IND_END_OF_DATA
2015 28129 0 1

2018 40000 0 1

2021 49000 0 1

2023 53834 0 1

2025 53000 0 1
IND_END_OF_DATA

# ---- Title, subtitle, sources -----------------------------------------
set label 1 "Certification in China" at screen 0.016, screen 0.96325 left font ind_font_title tc rgb ind_colour_text noenhanced front
set label 2 "2015–2025" at screen 0.016, screen 0.9215 left font ind_font_subtitle tc rgb ind_colour_muted noenhanced front
set label 3 "Sources: m.mnw.cn, sesec.eu, fyss.xiangzhan.com, bestao-consulting.com, m.woyaoce.cn, news.cctv.com, gicg-sh.com.cn, itiger.com, guton.com, english.cnca.gov.cn" at screen 0.016, screen 0.02483 left font ind_font_footer tc rgb ind_colour_muted noenhanced front
unset key

# ---- Key -------------------------------------------------------------------
set label 4 "" at screen 0.42835, screen 0.06317 point pt 4 ps ind_point_size lw 1.5 lc rgb ind_colour_neutral front
set label 5 "partial-year reading" at screen 0.44968, screen 0.06317 left font ind_font_panel tc rgb ind_colour_text noenhanced front
set multiplot

# ---- Panel 1 -----------------------------------------------------------
set lmargin at screen 0.09789
set rmargin at screen 0.47333
set tmargin at screen 0.8545
set bmargin at screen 0.54858
set xrange [2014.5:2025.5]
set xtics 2016, 2
unset mxtics
unset xlabel
unset ylabel
set yrange [0:1500]
set ytics ("0" 0, "500" 500, "1,000" 1000, "1,500" 1500)
set label 6 "Certification bodies (organisations)" at screen 0.09789, screen 0.86725 left font ind_font_panel tc rgb ind_colour_1 noenhanced front
set label 7 "1,214" at first 2025, first 1107.25 right offset char -0.7, char 0 font ind_font_label tc rgb ind_colour_1 noenhanced front
plot $ind_series_1 using 1:2 with lines ls 1, \
     $ind_series_1 using 1:($3==0 && $4==1 ? $2 : NaN) with points ls 21, \
     $ind_series_1 using 1:($3>0 ? $2 : NaN) with points pt 7 ps ind_point_size*1.15 lc rgb "#ffffff", \
     $ind_series_1 using 1:((int($3)&4)==4 ? $2 : NaN) with points pt 4 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_1, \
     $ind_series_1 using 1:((int($3)&5)==1 ? $2 : NaN) with points pt 6 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_1, \
     $ind_series_1 using 1:((int($3)&7)==2 ? $2 : NaN) with points pt 8 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_1
# The next panel sets its own texts; title, footer and key are drawn once.
unset label
unset object
unset arrow

# ---- Panel 2 -----------------------------------------------------------
set lmargin at screen 0.58189
set rmargin at screen 0.97333
set tmargin at screen 0.8545
set bmargin at screen 0.54858
set xrange [2014.5:2025.5]
set xtics 2016, 2
unset mxtics
unset xlabel
unset ylabel
set yrange [0:5000000]
set ytics ("0" 0, "1,000,000" 1000000, "2,000,000" 2000000, "3,000,000" 3000000, "4,000,000" 4000000, "5,000,000" 5000000)
set label 8 "Valid certification certificates (certificates)" at screen 0.58189, screen 0.86725 left font ind_font_panel tc rgb ind_colour_2 noenhanced front
set label 9 "4,158,000" at first 2024, first 4513830 right offset char -0.7, char 0 font ind_font_label tc rgb ind_colour_2 noenhanced front
plot $ind_series_2 using 1:2 with lines ls 2, \
     $ind_series_2 using 1:($3==0 && $4==1 ? $2 : NaN) with points ls 22, \
     $ind_series_2 using 1:($3>0 ? $2 : NaN) with points pt 7 ps ind_point_size*1.15 lc rgb "#ffffff", \
     $ind_series_2 using 1:((int($3)&4)==4 ? $2 : NaN) with points pt 4 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_2, \
     $ind_series_2 using 1:((int($3)&5)==1 ? $2 : NaN) with points pt 6 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_2, \
     $ind_series_2 using 1:((int($3)&7)==2 ? $2 : NaN) with points pt 8 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_2
# The next panel sets its own texts; title, footer and key are drawn once.
unset label
unset object
unset arrow

# ---- Panel 3 -----------------------------------------------------------
set lmargin at screen 0.09789
set rmargin at screen 0.47333
set tmargin at screen 0.47058
set bmargin at screen 0.16467
set xrange [2014.5:2025.5]
set xtics 2016, 2
unset mxtics
set xlabel "Year" tc rgb ind_colour_text
unset ylabel
set yrange [600000:1200000]
set ytics ("600,000" 600000, "800,000" 800000, "1,000,000" 1000000, "1,200,000" 1200000)
set label 10 "Certified organisations (organisations)" at screen 0.09789, screen 0.48333 left font ind_font_panel tc rgb ind_colour_3 noenhanced front
set label 11 "1,090,000" at first 2024, first 1132700 right offset char -0.7, char 0 font ind_font_label tc rgb ind_colour_3 noenhanced front
plot $ind_series_3 using 1:2 with lines ls 3, \
     $ind_series_3 using 1:($3==0 && $4==1 ? $2 : NaN) with points ls 23, \
     $ind_series_3 using 1:($3>0 ? $2 : NaN) with points pt 7 ps ind_point_size*1.15 lc rgb "#ffffff", \
     $ind_series_3 using 1:((int($3)&4)==4 ? $2 : NaN) with points pt 4 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_3, \
     $ind_series_3 using 1:((int($3)&5)==1 ? $2 : NaN) with points pt 6 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_3, \
     $ind_series_3 using 1:((int($3)&7)==2 ? $2 : NaN) with points pt 8 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_3
# The next panel sets its own texts; title, footer and key are drawn once.
unset label
unset object
unset arrow

# ---- Panel 4 -----------------------------------------------------------
set lmargin at screen 0.58189
set rmargin at screen 0.97333
set tmargin at screen 0.47058
set bmargin at screen 0.16467
set xrange [2014.5:2025.5]
set xtics 2016, 2
unset mxtics
set xlabel "Year" tc rgb ind_colour_text
unset ylabel
set yrange [20000:60000]
set ytics ("20,000" 20000, "30,000" 30000, "40,000" 40000, "50,000" 50000, "60,000" 60000)
set label 12 "Inspection and testing institutions (organisations)" at screen 0.58189, screen 0.48333 left font ind_font_panel tc rgb ind_colour_4 noenhanced front
set label 13 "53,000" at first 2025, first 50153.4 right offset char -0.7, char 0 font ind_font_label tc rgb ind_colour_4 noenhanced front
plot $ind_series_4 using 1:2 with lines ls 4, \
     $ind_series_4 using 1:($3==0 && $4==1 ? $2 : NaN) with points ls 24, \
     $ind_series_4 using 1:($3>0 ? $2 : NaN) with points pt 7 ps ind_point_size*1.15 lc rgb "#ffffff", \
     $ind_series_4 using 1:((int($3)&4)==4 ? $2 : NaN) with points pt 4 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_4, \
     $ind_series_4 using 1:((int($3)&5)==1 ? $2 : NaN) with points pt 6 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_4, \
     $ind_series_4 using 1:((int($3)&7)==2 ? $2 : NaN) with points pt 8 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_4
unset multiplot
