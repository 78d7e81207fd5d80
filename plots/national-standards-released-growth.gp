# Chart written by libindicators 0.1.0 on 2026-11-26T00:39:00Z
#
# Dataset: "datasets/china-standardization.csv"
# Dataset SHA-256: 8dfeb288f08bf88db320057a9d13517d20d7ed013180252787bea0edfac4384d
# Command: indicators -d datasets/china-standardization.csv chart national_standards_released --kind growth -o plots/national-standards-released-growth.gp --render png,svg
# Sources: "http://315.hebei.com.cn/system/2014/03/12/013261290.shtml"
#          "http://en.chinagate.cn/2016-01/25/content_37654597.htm"
#          "http://big5.www.gov.cn/gate/big5/www.gov.cn/xinwen/2017-01/17/content_5160462.htm"
#          "http://sdyjmm.com/htmlnews/2018/1/400191.shtm"
#          "http://www.cqn.com.cn/zgzlb/content/2020-09/11/content_8631477.htm"
#          "http://www.sac.gov.cn/sacen/events/202201/t20220106_349892.htm"
#          "http://jieju.1s.cn/zixun/2023/0420/2048.html"
#          "https://www.baogaopai.com/article-22708-1.html"
#
# The script stands alone: the figures are in the datablocks below, and it
# reads no file and names no output file, so it draws the same picture from
# any folder. The picture goes to standard output:
#   gnuplot national-standards-released-growth.gp > national-standards-released-growth.png
#   gnuplot -e 'ind_format="svg"' national-standards-released-growth.gp > national-standards-released-growth.svg
#   gnuplot -e 'ind_format="pdf"' national-standards-released-growth.gp > national-standards-released-growth.pdf
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
ind_colour_1 = "#0072B2"  # "National standards released"
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
# "National standards released"
$ind_series_1 << IND_END_OF_DATA
2015 1.6179275942791 2 1
2016 -8.700155359917142 0 1
2017 116.1656267725468 0 1

2019 -27.17781889869259 2 1
2020 11.429985155863434 0 1

2022 0.3103532178998081 2 1
2023 28.067078552515447 0 1
IND_END_OF_DATA

# ---- Title, subtitle, sources -----------------------------------------
set label 1 "National standards released" at screen 0.01667, screen 0.95917 left font ind_font_title tc rgb ind_colour_text noenhanced front
set label 2 "Change on the year before, %; 2015–2023" at screen 0.01667, screen 0.91278 left font ind_font_subtitle tc rgb ind_colour_muted noenhanced front
set label 3 "Sources: 315.hebei.com.cn, en.chinagate.cn, big5.www.gov.cn, sdyjmm.com, cqn.com.cn, sac.gov.cn, jieju.1s.cn, baogaopai.com" at screen 0.01667, screen 0.05022 left font ind_font_footer tc rgb ind_colour_muted noenhanced front
set label 4 "Hatched bars: the average yearly change across missing years (annualised)." at screen 0.01667, screen 0.02711 left font ind_font_footer tc rgb ind_colour_muted noenhanced front
unset key

# ---- Key -------------------------------------------------------------------
set object 100 rect from screen 0.33145, screen 0.08567 to screen 0.36201, screen 0.099 front fc rgb ind_colour_rise fs solid 0.9 noborder
set label 5 "increase" at screen 0.36895, screen 0.09233 left font ind_font_panel tc rgb ind_colour_text noenhanced front
set object 101 rect from screen 0.45179, screen 0.08567 to screen 0.48234, screen 0.099 front fc rgb ind_colour_fall fs solid 0.9 noborder
set label 6 "decrease" at screen 0.48929, screen 0.09233 left font ind_font_panel tc rgb ind_colour_text noenhanced front
set object 102 rect from screen 0.57696, screen 0.08567 to screen 0.60752, screen 0.099 front fc rgb ind_colour_rise lc rgb ind_colour_rise fs transparent pattern 5 noborder
set label 7 "derived" at screen 0.61446, screen 0.09233 left font ind_font_panel tc rgb ind_colour_text noenhanced front

# ---- Plot 1 -----------------------------------------------------------
set lmargin at screen 0.08425
set rmargin at screen 0.97222
set tmargin at screen 0.86278
set bmargin at screen 0.24511
set xrange [2014.4:2023.6]
set xtics 2015, 1
unset mxtics
set xlabel "Year" tc rgb ind_colour_text
set ylabel "% change on the year before" tc rgb ind_colour_text
set yrange [-50:150]
set ytics ("-50" -50, "0" 0, "50" 50, "100" 100, "150" 150)
set boxwidth 0.7 absolute
set xzeroaxis lt 1 lc rgb ind_colour_axis lw 1
set label 8 "+1.6%" at first 2015, first 1.61793 center offset 0, char 0.7 font ind_font_label tc rgb ind_colour_text noenhanced front
set label 9 "-8.7%" at first 2016, first -8.70016 center offset 0, char -0.7 font ind_font_label tc rgb ind_colour_text noenhanced front
set label 10 "+116.2%" at first 2017, first 116.166 center offset 0, char 0.7 font ind_font_label tc rgb ind_colour_text noenhanced front
set label 11 "-27.2%" at first 2019, first -27.1778 center offset 0, char -0.7 font ind_font_label tc rgb ind_colour_text noenhanced front
set label 12 "+11.4%" at first 2020, first 11.43 center offset 0, char 0.7 font ind_font_label tc rgb ind_colour_text noenhanced front
set label 13 "+0.3%" at first 2022, first 0.310353 center offset 0, char 0.7 font ind_font_label tc rgb ind_colour_text noenhanced front
set label 14 "+28.1%" at first 2023, first 28.0671 center offset 0, char 0.7 font ind_font_label tc rgb ind_colour_text noenhanced front
plot $ind_series_1 using 1:((int($3)&7)==0 && $2>=0 ? $2 : NaN) with boxes fc rgb ind_colour_rise lc rgb ind_colour_rise fs solid 0.9 noborder, \
     $ind_series_1 using 1:((int($3)&7)==0 && $2<0 ? $2 : NaN) with boxes fc rgb ind_colour_fall lc rgb ind_colour_fall fs solid 0.9 noborder, \
     $ind_series_1 using 1:((int($3)&1) && $2>=0 ? $2 : NaN) with boxes fc rgb ind_colour_rise lc rgb ind_colour_rise fs transparent solid 0.35 noborder, \
     $ind_series_1 using 1:((int($3)&1) && $2<0 ? $2 : NaN) with boxes fc rgb ind_colour_fall lc rgb ind_colour_fall fs transparent solid 0.35 noborder, \
     $ind_series_1 using 1:((int($3)&2) && $2>=0 ? $2 : NaN) with boxes fc rgb ind_colour_rise lc rgb ind_colour_rise fs transparent pattern 5 noborder, \
     $ind_series_1 using 1:((int($3)&2) && $2<0 ? $2 : NaN) with boxes fc rgb ind_colour_fall lc rgb ind_colour_fall fs transparent pattern 5 noborder, \
     $ind_series_1 using 1:((int($3)&4) && $2>=0 ? $2 : NaN) with boxes fc rgb ind_colour_rise lc rgb ind_colour_rise lw 1.5 dt (4,3) fs empty border, \
     $ind_series_1 using 1:((int($3)&4) && $2<0 ? $2 : NaN) with boxes fc rgb ind_colour_fall lc rgb ind_colour_fall lw 1.5 dt (4,3) fs empty border
