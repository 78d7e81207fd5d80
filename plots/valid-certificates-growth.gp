# Chart written by libindicators 0.1.0 on 2026-11-26T00:39:00Z
#
# Dataset: "datasets/china-standardization.csv"
# Dataset SHA-256: 8dfeb288f08bf88db320057a9d13517d20d7ed013180252787bea0edfac4384d
# Command: indicators -d datasets/china-standardization.csv chart valid_certificates --kind growth -o plots/valid-certificates-growth.gp --render png,svg
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
#   gnuplot valid-certificates-growth.gp > valid-certificates-growth.png
#   gnuplot -e 'ind_format="svg"' valid-certificates-growth.gp > valid-certificates-growth.svg
#   gnuplot -e 'ind_format="pdf"' valid-certificates-growth.gp > valid-certificates-growth.pdf
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
ind_colour_1 = "#0072B2"  # "Valid certification certificates"
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
# "Valid certification certificates"
$ind_series_1 << IND_END_OF_DATA
2019 1.7036654620547238 4 1
2020 37.11675126903553 4 1
2021 11.802162002073151 0 1
2022 11.456953642384105 0 1
2023 11.705288175876412 0 1
2024 10.585106382978724 0 1
IND_END_OF_DATA

# ---- Title, subtitle, sources -----------------------------------------
set label 1 "Valid certification certificates" at screen 0.01667, screen 0.95917 left font ind_font_title tc rgb ind_colour_text noenhanced front
set label 2 "Change on the year before, %; 2019–2024" at screen 0.01667, screen 0.91278 left font ind_font_subtitle tc rgb ind_colour_muted noenhanced front
set label 3 "Sources: m.mnw.cn, guton.com, fyss.xiangzhan.com, bestao-consulting.com, m.woyaoce.cn, news.cctv.com, gicg-sh.com.cn" at screen 0.01667, screen 0.05022 left font ind_font_footer tc rgb ind_colour_muted noenhanced front
set label 4 "Outlined bars: a change to or from a reading dated before the end of its year." at screen 0.01667, screen 0.02711 left font ind_font_footer tc rgb ind_colour_muted noenhanced front
unset key

# ---- Key -------------------------------------------------------------------
set object 100 rect from screen 0.41009, screen 0.08567 to screen 0.44064, screen 0.099 front fc rgb ind_colour_rise lc rgb ind_colour_rise lw 1.5 dt (4,3) fs empty border
set label 5 "partial-year reading" at screen 0.44759, screen 0.09233 left font ind_font_panel tc rgb ind_colour_text noenhanced front

# ---- Plot 1 -----------------------------------------------------------
set lmargin at screen 0.07515
set rmargin at screen 0.97222
set tmargin at screen 0.86278
set bmargin at screen 0.24511
set xrange [2018.4:2024.6]
set xtics 2019, 1
unset mxtics
set xlabel "Year" tc rgb ind_colour_text
set ylabel "% change on the year before" tc rgb ind_colour_text
set yrange [0:50]
set ytics ("0" 0, "10" 10, "20" 20, "30" 30, "40" 40, "50" 50)
set boxwidth 0.7 absolute
set xzeroaxis lt 1 lc rgb ind_colour_axis lw 1
set label 6 "+1.7%" at first 2019, first 1.70367 center offset 0, char 0.7 font ind_font_label tc rgb ind_colour_text noenhanced front
set label 7 "+37.1%" at first 2020, first 37.1168 center offset 0, char 0.7 font ind_font_label tc rgb ind_colour_text noenhanced front
set label 8 "+11.8%" at first 2021, first 11.8022 center offset 0, char 0.7 font ind_font_label tc rgb ind_colour_text noenhanced front
set label 9 "+11.5%" at first 2022, first 11.457 center offset 0, char 0.7 font ind_font_label tc rgb ind_colour_text noenhanced front
set label 10 "+11.7%" at first 2023, first 11.7053 center offset 0, char 0.7 font ind_font_label tc rgb ind_colour_text noenhanced front
set label 11 "+10.6%" at first 2024, first 10.5851 center offset 0, char 0.7 font ind_font_label tc rgb ind_colour_text noenhanced front
plot $ind_series_1 using 1:((int($3)&7)==0 && $2>=0 ? $2 : NaN) with boxes fc rgb ind_colour_rise lc rgb ind_colour_rise fs solid 0.9 noborder, \
     $ind_series_1 using 1:((int($3)&7)==0 && $2<0 ? $2 : NaN) with boxes fc rgb ind_colour_fall lc rgb ind_colour_fall fs solid 0.9 noborder, \
     $ind_series_1 using 1:((int($3)&1) && $2>=0 ? $2 : NaN) with boxes fc rgb ind_colour_rise lc rgb ind_colour_rise fs transparent solid 0.35 noborder, \
     $ind_series_1 using 1:((int($3)&1) && $2<0 ? $2 : NaN) with boxes fc rgb ind_colour_fall lc rgb ind_colour_fall fs transparent solid 0.35 noborder, \
     $ind_series_1 using 1:((int($3)&2) && $2>=0 ? $2 : NaN) with boxes fc rgb ind_colour_rise lc rgb ind_colour_rise fs transparent pattern 5 noborder, \
     $ind_series_1 using 1:((int($3)&2) && $2<0 ? $2 : NaN) with boxes fc rgb ind_colour_fall lc rgb ind_colour_fall fs transparent pattern 5 noborder, \
     $ind_series_1 using 1:((int($3)&4) && $2>=0 ? $2 : NaN) with boxes fc rgb ind_colour_rise lc rgb ind_colour_rise lw 1.5 dt (4,3) fs empty border, \
     $ind_series_1 using 1:((int($3)&4) && $2<0 ? $2 : NaN) with boxes fc rgb ind_colour_fall lc rgb ind_colour_fall lw 1.5 dt (4,3) fs empty border
