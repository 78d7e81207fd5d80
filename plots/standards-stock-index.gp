# Chart written by libindicators 0.1.0 on 2026-11-26T00:39:00Z
#
# Title:   "Standards on file, 2019 = 100"
# Dataset: "datasets/china-standardization.csv"
# Dataset SHA-256: 8dfeb288f08bf88db320057a9d13517d20d7ed013180252787bea0edfac4384d
# Command: indicators -d datasets/china-standardization.csv chart national_standards_total industry_standards_filed_cumulative local_standards_filed_cumulative association_standards_cumulative --kind index --base 2019 --title 'Standards on file, 2019 = 100' -o plots/standards-stock-index.gp --render png,svg
# Sources: "http://ynkmjykj.com/keyandongtai/49806.html"
#          "http://www.cqn.com.cn/zgzlb/content/2020-09/11/content_8631477.htm"
#          "https://www.nameidi.com/n/wg2rn2k9.html"
#          "http://xiaofei.7812.cn/news/2023/0419/10165.html"
#          "https://www.baogaopai.com/article-22708-1.html"
#          "http://www.cqn.com.cn/zgzlb/content/2017-12/13/content_5202308.htm"
#          "https://www.sesec.eu/sesec-holds-the-sesec-china-eu-standardization-roundtable-and-chinese-new-year-reception/"
#
# The script stands alone: the figures are in the datablocks below, and it
# reads no file and names no output file, so it draws the same picture from
# any folder. The picture goes to standard output:
#   gnuplot standards-stock-index.gp > standards-stock-index.png
#   gnuplot -e 'ind_format="svg"' standards-stock-index.gp > standards-stock-index.svg
#   gnuplot -e 'ind_format="pdf"' standards-stock-index.gp > standards-stock-index.pdf
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
ind_colour_1 = "#0072B2"  # "National standards in the stock"
ind_colour_2 = "#D55E00"  # "Industry (sector) standards on file"
ind_colour_3 = "#009E73"  # "Local standards on file"
ind_colour_4 = "#CC79A7"  # "Association (group) standards on the national platform"
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
# "National standards in the stock"
$ind_series_1 << IND_END_OF_DATA
2012 74.97066263332204 4 1

2019 100 0 1
2020 103.9116488903956 0 1

2022 112.20434453803426 0 1
2023 116.04297598247581 0 1
IND_END_OF_DATA
# "Industry (sector) standards on file"
$ind_series_2 << IND_END_OF_DATA
2019 100 0 1
2020 110.033637382951 0 1

2022 118.8384496499894 0 1
2023 122.47037789023909 0 1
IND_END_OF_DATA
# "Local standards on file"
$ind_series_3 << IND_END_OF_DATA
2019 100 0 1
2020 115.04862293323383 0 1

2022 144.51388726942002 0 1
2023 162.5638394626991 0 1
IND_END_OF_DATA
# "Association (group) standards on the national platform"
$ind_series_4 << IND_END_OF_DATA
2017 16.326363263632636 4 1

2019 100 0 1

2022 418.84378843788437 0 1
2023 608.7740877408775 0 1
IND_END_OF_DATA

# ---- Title, subtitle, sources -----------------------------------------
set label 1 "Standards on file, 2019 = 100" at screen 0.01667, screen 0.95917 left font ind_font_title tc rgb ind_colour_text noenhanced front
set label 2 "Index, 2019 = 100; 2012–2023" at screen 0.01667, screen 0.91278 left font ind_font_subtitle tc rgb ind_colour_muted noenhanced front
set label 3 "Sources: ynkmjykj.com, cqn.com.cn, nameidi.com, xiaofei.7812.cn, baogaopai.com, sesec.eu" at screen 0.01667, screen 0.02711 left font ind_font_footer tc rgb ind_colour_muted noenhanced front
unset key

# ---- Key -------------------------------------------------------------------
set arrow 100 from screen 0.10728, screen 0.09922 to screen 0.13784, screen 0.09922 nohead front ls 1
set label 4 "National standards in the stock" at screen 0.14478, screen 0.09922 left font ind_font_panel tc rgb ind_colour_text noenhanced front
set arrow 101 from screen 0.39044, screen 0.09922 to screen 0.421, screen 0.09922 nohead front ls 2
set label 5 "Industry (sector) standards on file" at screen 0.42794, screen 0.09922 left font ind_font_panel tc rgb ind_colour_text noenhanced front
set arrow 102 from screen 0.69349, screen 0.09922 to screen 0.72404, screen 0.09922 nohead front ls 3
set label 6 "Local standards on file" at screen 0.73099, screen 0.09922 left font ind_font_panel tc rgb ind_colour_text noenhanced front
set arrow 103 from screen 0.18361, screen 0.06922 to screen 0.21417, screen 0.06922 nohead front ls 4
set label 7 "Association (group) standards on the national platform" at screen 0.22111, screen 0.06922 left font ind_font_panel tc rgb ind_colour_text noenhanced front
set label 8 "" at screen 0.65184, screen 0.06922 point pt 4 ps ind_point_size lw 1.5 lc rgb ind_colour_neutral front
set label 9 "partial-year reading" at screen 0.67406, screen 0.06922 left font ind_font_panel tc rgb ind_colour_text noenhanced front

# ---- Plot 1 -----------------------------------------------------------
set lmargin at screen 0.08425
set rmargin at screen 0.97222
set tmargin at screen 0.86278
set bmargin at screen 0.252
set xrange [2011.5:2023.7867415874573]
set xtics 2012, 1
unset mxtics
set xlabel "Year" tc rgb ind_colour_text
set ylabel "index, 2019 = 100" tc rgb ind_colour_text
set yrange [0:800]
set ytics ("0" 0, "200" 200, "400" 400, "600" 600, "800" 800)
set arrow 1 from graph 0, first 100 to graph 1, first 100 nohead back lc rgb ind_colour_axis lw 1 dt (4,4)
set label 10 "2019 = 100" at graph 0, first 100 left offset char 0.6, char 0.7 font ind_font_label tc rgb ind_colour_muted noenhanced front
set label 11 "116.0" at first 2023, first 116.043 left offset char 0.9, char 0 font ind_font_label tc rgb ind_colour_1 noenhanced front
set label 12 "122.5" at first 2023, first 148.788 left offset char 0.9, char 0 font ind_font_label tc rgb ind_colour_2 noenhanced front
set label 13 "162.6" at first 2023, first 181.533 left offset char 0.9, char 0 font ind_font_label tc rgb ind_colour_3 noenhanced front
set label 14 "608.8" at first 2023, first 608.774 left offset char 0.9, char 0 font ind_font_label tc rgb ind_colour_4 noenhanced front
plot $ind_series_1 using 1:2 with lines ls 1, \
     $ind_series_2 using 1:2 with lines ls 2, \
     $ind_series_3 using 1:2 with lines ls 3, \
     $ind_series_4 using 1:2 with lines ls 4, \
     $ind_series_1 using 1:($3==0 && $4==1 ? $2 : NaN) with points ls 21, \
     $ind_series_1 using 1:($3>0 ? $2 : NaN) with points pt 7 ps ind_point_size*1.15 lc rgb "#ffffff", \
     $ind_series_1 using 1:((int($3)&4)==4 ? $2 : NaN) with points pt 4 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_1, \
     $ind_series_1 using 1:((int($3)&5)==1 ? $2 : NaN) with points pt 6 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_1, \
     $ind_series_1 using 1:((int($3)&7)==2 ? $2 : NaN) with points pt 8 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_1, \
     $ind_series_2 using 1:($3==0 && $4==1 ? $2 : NaN) with points ls 22, \
     $ind_series_2 using 1:($3>0 ? $2 : NaN) with points pt 7 ps ind_point_size*1.15 lc rgb "#ffffff", \
     $ind_series_2 using 1:((int($3)&4)==4 ? $2 : NaN) with points pt 4 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_2, \
     $ind_series_2 using 1:((int($3)&5)==1 ? $2 : NaN) with points pt 6 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_2, \
     $ind_series_2 using 1:((int($3)&7)==2 ? $2 : NaN) with points pt 8 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_2, \
     $ind_series_3 using 1:($3==0 && $4==1 ? $2 : NaN) with points ls 23, \
     $ind_series_3 using 1:($3>0 ? $2 : NaN) with points pt 7 ps ind_point_size*1.15 lc rgb "#ffffff", \
     $ind_series_3 using 1:((int($3)&4)==4 ? $2 : NaN) with points pt 4 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_3, \
     $ind_series_3 using 1:((int($3)&5)==1 ? $2 : NaN) with points pt 6 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_3, \
     $ind_series_3 using 1:((int($3)&7)==2 ? $2 : NaN) with points pt 8 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_3, \
     $ind_series_4 using 1:($3==0 && $4==1 ? $2 : NaN) with points ls 24, \
     $ind_series_4 using 1:($3>0 ? $2 : NaN) with points pt 7 ps ind_point_size*1.15 lc rgb "#ffffff", \
     $ind_series_4 using 1:((int($3)&4)==4 ? $2 : NaN) with points pt 4 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_4, \
     $ind_series_4 using 1:((int($3)&5)==1 ? $2 : NaN) with points pt 6 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_4, \
     $ind_series_4 using 1:((int($3)&7)==2 ? $2 : NaN) with points pt 8 lw 1.5 ps ind_point_size*1.15 lc rgb ind_colour_4
