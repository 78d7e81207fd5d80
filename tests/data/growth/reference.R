# Reference figures for tests/test_growth.c, computed independently of the
# C code with the textbook formulas (plain ratios and powers, no expm1).
# Run from this folder:  Rscript reference.R > reference.csv
# Output: case,year,field,value  (value with 17 significant digits, NA when
# the figure is undefined).

out <- function(case, year, field, value) {
  v <- if (is.na(value)) "NA" else sprintf("%.17g", value)
  cat(sprintf("%s,%s,%s,%s\n", case, year, field, v))
}

# Per-year table of a level series: change over the gap, the annualised
# percent change (v_t / v_{t-k})^(1/k) - 1, the log growth per year, and an
# index (base = 100).
table_rows <- function(case, years, values, base_year) {
  base <- values[years == base_year]
  for (i in seq_along(years)) {
    y <- years[i]
    out(case, y, "index", 100 * values[i] / base)
    if (i == 1) next
    k <- years[i] - years[i - 1]
    out(case, y, "gap_years", k)
    out(case, y, "abs_change", values[i] - values[i - 1])
    out(case, y, "abs_change_per_year", (values[i] - values[i - 1]) / k)
    out(case, y, "yoy_pct", ((values[i] / values[i - 1])^(1 / k) - 1) * 100)
    out(case, y, "log_growth", log(values[i] / values[i - 1]) / k)
  }
}

summary_rows <- function(case, years, values, from, to) {
  i0 <- which(years == from); i1 <- which(years == to)
  k <- to - from
  cagr <- ((values[i1] / values[i0])^(1 / k) - 1) * 100
  out(case, "", "cagr_pct", cagr)
  out(case, "", "abs_change_per_year", (values[i1] - values[i0]) / k)
  out(case, "", "change_total", values[i1] - values[i0])
  out(case, "", "doubling_years",
      if (cagr > 0) log(2) / log(1 + cagr / 100) else NA)
  out(case, "", "halving_years",
      if (cagr < 0) log(0.5) / log(1 + cagr / 100) else NA)
  # per-year changes of the steps inside the span
  idx <- (i0 + 1):i1
  gaps <- years[idx] - years[idx - 1]
  pct <- ((values[idx] / values[idx - 1])^(1 / gaps) - 1) * 100
  absy <- (values[idx] - values[idx - 1]) / gaps
  pick <- function(x, f, sign) {
    ok <- x * sign > 0
    if (!any(ok)) return(NA)
    years[idx][which(x == f(x[ok]))[1]]
  }
  out(case, "", "rise_pct_year", pick(pct, max, 1))
  out(case, "", "fall_pct_year", pick(pct, min, -1))
  out(case, "", "rise_abs_year", pick(absy, max, 1))
  out(case, "", "fall_abs_year", pick(absy, min, -1))
  out(case, "", "rise_pct", if (any(pct > 0)) max(pct) else NA)
  out(case, "", "fall_pct", if (any(pct < 0)) min(pct) else NA)
}

# --- certification_bodies (stock, no gap) ----------------------------
cb_y <- 2018:2025
cb_v <- c(481, 596, 724, 932, 1128, 1242, 1230, 1214)
table_rows("cb", cb_y, cb_v, 2018)
summary_rows("cb", cb_y, cb_v, 2018, 2025)
table_rows("cb_base2020", cb_y, cb_v, 2020)
summary_rows("cb_2019_2023", cb_y, cb_v, 2019, 2023)
summary_rows("cb_2021_2025", cb_y, cb_v, 2021, 2025)

# --- association_standards_cumulative (stock, gaps 2018, 2020, 2021) --
as_y <- c(2017, 2019, 2022, 2023)
as_v <- c(1991, 12195, 51078, 74240)
table_rows("as", as_y, as_v, 2017)
summary_rows("as", as_y, as_v, 2017, 2023)

# --- valid_certificates (stock; 2019 = the March reading) --------------
vc_y <- 2018:2024
vc_v <- c(1937000, 1970000, 2701200, 3020000, 3366000, 3760000, 4158000)
table_rows("vc", vc_y, vc_v, 2018)
summary_rows("vc", vc_y, vc_v, 2018, 2024)

# Target: 6,000,000 by 2030 from the latest figure (2024).
target_rows <- function(case, years, values, target, by, from) {
  n <- length(years); latest <- values[n]; ly <- years[n]
  req <- ((target / latest)^(1 / (by - ly)) - 1) * 100
  i0 <- which(years == from)
  pace <- ((latest / values[i0])^(1 / (ly - from)) - 1) * 100
  at_by <- latest * (1 + pace / 100)^(by - ly)
  yrs <- log(target / latest) / log(1 + pace / 100)
  reach <- if (sign(yrs) > 0) ly + ceiling(yrs) else NA
  out(case, "", "required_cagr_pct", req)
  out(case, "", "pace_cagr_pct", pace)
  out(case, "", "value_at_by", at_by)
  out(case, "", "reach_year", reach)
}
target_rows("vc_target", vc_y, vc_v, 6e6, 2030, 2018)
target_rows("vc_target_from2020", vc_y, vc_v, 6e6, 2030, 2020)
target_rows("vc_target_far", vc_y, vc_v, 2e7, 2030, 2018)
target_rows("cb_target_down", cb_y, cb_v, 1000, 2030, 2023)

# Stated growth of valid certificates against the levels. Half a unit of
# the last digit is read from the printed text here (independently of the
# C code, which works on the double).
half_unit_text <- function(txt) {
  if (grepl("\\.", txt)) {
    d <- nchar(sub(".*\\.", "", txt)); return(0.5 * 10^(-d))
  }
  z <- nchar(txt) - nchar(sub("0+$", "", txt)); 0.5 * 10^z
}
rate_y <- c(2021, 2022, 2023, 2024)
rate_t <- c("12", "11.46", "12", "10.61")
lvl_t <- c("1937000", "1970000", "2701200", "3020000", "3366000", "3760000",
           "4158000")
for (i in seq_along(rate_y)) {
  y <- rate_y[i]; r <- as.numeric(rate_t[i])
  j <- which(vc_y == y)
  lv <- vc_v[j]; pv <- vc_v[j - 1]
  hl <- half_unit_text(lvl_t[j]); hp <- half_unit_text(lvl_t[j - 1])
  hr <- half_unit_text(rate_t[i])
  actual <- (lv / pv - 1) * 100
  lo <- ((lv - hl) / (pv + hp) - 1) * 100
  hi <- ((lv + hl) / (pv - hp) - 1) * 100
  out("vc_rate", y, "actual_pct", actual)
  out("vc_rate", y, "diff_pp", r - actual)
  out("vc_rate", y, "implied_prev_level", lv / (1 + r / 100))
  out("vc_rate", y, "actual_low_pct", lo)
  out("vc_rate", y, "actual_high_pct", hi)
  out("vc_rate", y, "agrees", as.numeric(r + hr >= lo && r - hr <= hi))
}

# The seed article's 1,164,000 for 2019 against 1,937,000 for 2018.
out("vc_break", 2019, "change_pct", (1164000 / 1937000 - 1) * 100)

# --- synthetic series --------------------------------------------------
# A dip: 100, 110, 90, 99, 120 in 2000-2004.
dip_y <- 2000:2004; dip_v <- c(100, 110, 90, 99, 120)
table_rows("dip", dip_y, dip_v, 2000)
summary_rows("dip", dip_y, dip_v, 2000, 2004)
# A two-point series: 200 in 2010, 250 in 2015.
two_y <- c(2010, 2015); two_v <- c(200, 250)
table_rows("two", two_y, two_v, 2010)
summary_rows("two", two_y, two_v, 2010, 2015)
# A gap with a tiny growth rate: 1e9 in 1990, 1e9 + 1 in 2000. The naive
# (v/p)^(1/k) - 1 loses about 10 digits here, so the reference is the
# binomial series (1 + x)^(1/10) - 1 = sum choose(1/10, j) x^j, x = 1e-9,
# summed from the smallest term up.
x <- 1e-9
terms <- sapply(1:8, function(j) choose(1 / 10, j) * x^j)
out("tiny", 2000, "yoy_pct", sum(rev(terms)) * 100)
out("tiny", 2000, "log_growth", sum(rev(sapply(1:8, function(j)
  (-1)^(j + 1) * x^j / j))) / 10)
# A falling series for the halving time: 800 in 2000 to 100 in 2009.
fall_y <- c(2000, 2009); fall_v <- c(800, 100)
summary_rows("fall", fall_y, fall_v, 2000, 2009)

# Outlier rule: growth 10%, 12%, 9%, 11%, 10% a year, then 60%.
# Median and MAD (R's mad() already multiplies by 1.4826) of the log growth.
g <- log(c(1.10, 1.12, 1.09, 1.11, 1.10))
out("outlier", "", "median_log", median(g))
out("outlier", "", "spread_log", mad(g))
out("outlier", "", "typical_pct", (exp(median(g)) - 1) * 100)
out("outlier", "", "deviation", abs(log(1.6) - median(g)))
