# Reference figures for tests/cli/test_growth.sh, computed independently of
# the C code with the textbook formulas (plain ratios and powers). The
# series are typed in by hand: the figure each year uses is read off the
# shipped dataset (and made-up.csv here) by the choice rule, not by the
# program.
#
# Run from this folder:  Rscript reference.R > reference.csv
# Output: case,key,field,value. key is a year for a row, empty for a
# summary field, the measure for an extreme, "target" for the target, the
# indicator (and entity) for a row of --all. value has 17 significant
# digits; NA means the program must print null (JSON) or nothing (CSV).

out <- function(case, key, field, value) {
  v <- if (is.na(value)) "NA" else sprintf("%.17g", value)
  cat(sprintf("%s,%s,%s,%s\n", case, key, field, v))
}

# Percent change from p to v over k years, annualised; NA where the
# documented rules leave it undefined (a base <= 0; a negative end across a
# gap, which no yearly rate compounds to).
pct <- function(p, v, k) {
  if (p <= 0 || (k > 1 && v < 0)) return(NA)
  ((v / p)^(1 / k) - 1) * 100
}
logg <- function(p, v, k) if (p > 0 && v > 0) log(v / p) / k else NA

# Rows of the span [from, to]: each year against the previous point of the
# whole series (which may lie before `from`).
# (One name for the change per year, whatever the kind: the CLI's kind
# column says whether it is a stock's net additions.)
rows <- function(case, y, v, from = min(y), to = max(y), base = from,
                 per_year = "abs_change_per_year", rate = FALSE) {
  b <- v[y == base]
  for (i in which(y >= from & y <= to)) {
    out(case, y[i], "value", v[i])
    out(case, y[i], "index", if (rate || b <= 0) NA else 100 * v[i] / b)
    if (i == 1) {
      for (f in c("prev_year", "gap_years", "abs_change", per_year,
                  "yoy_pct", "log_growth"))
        out(case, y[i], f, NA)
      out(case, y[i], "annualised", 0)
      next
    }
    k <- y[i] - y[i - 1]; p <- v[i - 1]
    out(case, y[i], "prev_year", y[i - 1])
    out(case, y[i], "gap_years", k)
    out(case, y[i], "annualised", as.numeric(k > 1))
    out(case, y[i], "abs_change", v[i] - p)
    out(case, y[i], per_year, (v[i] - p) / k)
    out(case, y[i], "yoy_pct", if (rate) NA else pct(p, v[i], k))
    out(case, y[i], "log_growth", if (rate) NA else logg(p, v[i], k))
  }
}

# The summary of [from, to] and the largest rise and fall among the steps
# whose earlier year is in the span (ties: the earliest).
summary_of <- function(case, y, v, from = min(y), to = max(y),
                       flow = FALSE, rate = FALSE) {
  i0 <- which(y == from); i1 <- which(y == to); k <- to - from
  cagr <- if (rate || k == 0 || v[i0] <= 0 || v[i1] < 0) NA else
    ((v[i1] / v[i0])^(1 / k) - 1) * 100
  out(case, "", "from", from)
  out(case, "", "to", to)
  out(case, "", "from_value", v[i0])
  out(case, "", "to_value", v[i1])
  out(case, "", "span_years", k)
  out(case, "", "points", i1 - i0 + 1)
  out(case, "", "missing_years", k + 1 - (i1 - i0 + 1))
  out(case, "", "change_total", v[i1] - v[i0])
  out(case, "", "abs_change_per_year", if (k == 0) NA else
      (v[i1] - v[i0]) / k)
  out(case, "", "cagr_pct", cagr)
  out(case, "", "doubling_years", if (!is.na(cagr) && cagr > 0)
      log(2) / log(1 + cagr / 100) else NA)
  out(case, "", "halving_years", if (!is.na(cagr) && cagr < 0 && cagr > -100)
      log(2) / -log(1 + cagr / 100) else NA)
  if (flow) out(case, "", "flow_total", sum(v[i0:i1]))
  extremes(case, y, v, i0, i1, rate)
}

extremes <- function(case, y, v, i0, i1, rate) {
  none <- function(m) for (f in c("year", "prev_year", "yoy_pct",
                                   "abs_change_per_year")) out(case, m, f, NA)
  if (i1 == i0) { for (m in c("rise_pct", "fall_pct", "rise_abs",
                               "fall_abs")) none(m); return(invisible()) }
  idx <- (i0 + 1):i1
  k <- y[idx] - y[idx - 1]
  p <- sapply(seq_along(idx), function(j)
    if (rate) NA else pct(v[idx[j] - 1], v[idx[j]], k[j]))
  a <- (v[idx] - v[idx - 1]) / k
  pick <- function(m, x, sign) {
    ok <- !is.na(x) & x * sign > 0
    if (!any(ok)) return(none(m))
    best <- if (sign > 0) max(x[ok]) else min(x[ok])
    j <- which(ok & x == best)[1]
    out(case, m, "year", y[idx[j]])
    out(case, m, "prev_year", y[idx[j] - 1])
    out(case, m, "yoy_pct", p[j])
    out(case, m, "abs_change_per_year", a[j])
  }
  pick("rise_pct", p, 1); pick("fall_pct", p, -1)
  pick("rise_abs", a, 1); pick("fall_abs", a, -1)
}

# What reaching `target` by `by` takes from the latest figure, the pace
# over [from, to], and the first whole year that pace reaches the target.
target_of <- function(case, y, v, target, by, from = min(y), to = max(y)) {
  n <- length(y); latest <- v[n]; ly <- y[n]
  pace <- ((v[y == to] / v[y == from])^(1 / (to - from)) - 1) * 100
  years <- log(target / latest) / log(1 + pace / 100)
  reach <- if (is.finite(years) && years > 0) ly + ceiling(years) else NA
  out(case, "target", "latest_year", ly)
  out(case, "target", "latest_value", latest)
  out(case, "target", "required_cagr_pct",
      ((target / latest)^(1 / (by - ly)) - 1) * 100)
  out(case, "target", "pace_cagr_pct", pace)
  out(case, "target", "value_at_by", latest * (1 + pace / 100)^(by - ly))
  out(case, "target", "reach_year", reach)
  out(case, "target", "reaches", as.numeric(!is.na(reach) && reach <= by))
}

# A stated rate against the levels. Half a unit of the last digit is read
# from the figures as printed: a level's last non-zero digit (3760000 ->
# 5000), a rate's last decimal (12 -> 0.5, 11.46 -> 0.005, and 10 -> 0.5:
# the zero of a percentage is a digit).
half_level <- function(txt) {
  z <- nchar(txt) - nchar(sub("0+$", "", txt)); 0.5 * 10^z
}
half_rate <- function(txt) {
  if (!grepl("\\.", txt)) return(0.5)
  0.5 * 10^(-nchar(sub(".*\\.", "", txt)))
}
check_of <- function(case, rate_y, rate_t, y, lvl_t) {
  lv_all <- as.numeric(lvl_t)
  for (i in seq_along(rate_y)) {
    j <- which(y == rate_y[i])
    if (length(j) == 0 || !any(y == rate_y[i] - 1)) next
    jp <- which(y == rate_y[i] - 1)
    r <- as.numeric(rate_t[i]); lv <- lv_all[j]; pv <- lv_all[jp]
    hl <- half_level(lvl_t[j]); hp <- half_level(lvl_t[jp])
    hr <- half_rate(rate_t[i])
    actual <- (lv / pv - 1) * 100
    lo <- ((lv - hl) / (pv + hp) - 1) * 100
    hi <- ((lv + hl) / (pv - hp) - 1) * 100
    key <- rate_y[i]
    out(case, key, "check.actual_pct", actual)
    out(case, key, "check.diff_pp", r - actual)
    out(case, key, "check.implied_prev_level", lv / (1 + r / 100))
    out(case, key, "check.stated_low_pct", r - hr)
    out(case, key, "check.stated_high_pct", r + hr)
    out(case, key, "check.actual_low_pct", lo)
    out(case, key, "check.actual_high_pct", hi)
    out(case, key, "check.agrees", as.numeric(r + hr >= lo && r - hr <= hi))
  }
}

# One row of --all: years covered, latest change, CAGR over the span.
overview_of <- function(case, key, y, v, rate = FALSE) {
  n <- length(y)
  out(case, key, "years", n)
  out(case, key, "first_year", y[1])
  out(case, key, "last_year", y[n])
  out(case, key, "missing_years", y[n] - y[1] + 1 - n)
  out(case, key, "latest_value", v[n])
  out(case, key, "prev_year", if (n > 1) y[n - 1] else NA)
  out(case, key, "yoy_pct", if (rate || n == 1) NA else
      pct(v[n - 1], v[n], y[n] - y[n - 1]))
  out(case, key, "cagr_pct", if (rate || n == 1 || v[1] <= 0 || v[n] < 0)
      NA else ((v[n] / v[1])^(1 / (y[n] - y[1])) - 1) * 100)
}

# ---- the shipped dataset ---------------------------------------------
# certification_bodies: 2019 is the reading dated 2020-01; 2023 the
# year-end primary (1242), not the alternate of September (1261).
cb_y <- 2018:2025
cb_v <- c(481, 596, 724, 932, 1128, 1242, 1230, 1214)
rows("cb", cb_y, cb_v)
summary_of("cb", cb_y, cb_v)
rows("cb_span", cb_y, cb_v, 2019, 2023, 2020)
summary_of("cb_span", cb_y, cb_v, 2019, 2023)
# The pace of 2023-2025 falls: a higher target is never reached.
target_of("cb_never", cb_y, cb_v, 1500, 2030, 2023, 2025)

# association_standards_cumulative: gaps 2018, 2020, 2021; 2017 is the
# primary of 11 Dec 2017, 2023 the year-end primary.
as_y <- c(2017, 2019, 2022, 2023)
as_v <- c(1991, 12195, 51078, 74240)
rows("as", as_y, as_v)
summary_of("as", as_y, as_v)

# association_standards_added: a flow, 2021 missing.
asa_y <- c(2019, 2020, 2022, 2023)
asa_v <- c(6227, 9155, 17675, 23162)
rows("asa", asa_y, asa_v)
summary_of("asa", asa_y, asa_v, flow = TRUE)

# valid_certificates: 2019 = the March primary (1,970,000); 2022, 2023 the
# year-end primaries. Target 5,000,000 by 2027.
vc_y <- 2018:2024
vc_t <- c("1937000", "1970000", "2701200", "3020000", "3366000", "3760000",
          "4158000")
vc_v <- as.numeric(vc_t)
rows("vc", vc_y, vc_v)
summary_of("vc", vc_y, vc_v)
target_of("vc", vc_y, vc_v, 5e6, 2027)
check_of("vc", 2021:2024, c("12", "11.46", "12", "10.61"), vc_y, vc_t)

# valid_certificates_growth_pct: a rate, shown as stated.
vr_y <- 2021:2024; vr_v <- c(12, 11.46, 12, 10.61)
rows("vr", vr_y, vr_v, rate = TRUE)
summary_of("vr", vr_y, vr_v, rate = TRUE)
check_of("vr", vr_y, c("12", "11.46", "12", "10.61"), vc_y, vc_t)

overview_of("all", "certification_bodies", cb_y, cb_v)
overview_of("all", "association_standards_cumulative", as_y, as_v)
overview_of("all", "valid_certificates", vc_y, vc_v)
overview_of("all", "valid_certificates_growth_pct", vr_y, vr_v, TRUE)

# ---- made-up.csv -----------------------------------------------------
# gap_dip: 2012 missing; 2014 = the reading dated 2014-12-31 of three.
gd_y <- c(2010, 2011, 2013, 2014, 2015); gd_v <- c(100, 120, 150, 135, 160)
eu_y <- c(2010, 2012); eu_v <- c(50, 60)
fl_y <- 2015:2018; fl_v <- rep(50, 4)
tp_y <- c(2020, 2023); tp_v <- c(80, 125)
op_y <- 2021; op_v <- 42
zn_y <- c(2015, 2016, 2017, 2018, 2019, 2021); zn_v <- c(10, 0, 5, -3, 4, -2)
fz_y <- 2018:2020; fz_v <- c(0, 5, 10)
mb_t <- c("1000", "1210", "1331", "1437"); mb_y <- c(2016, 2018, 2019, 2020)
mb_v <- as.numeric(mb_t)
mr_y <- 2017:2020; mr_t <- c("12", "10", "10", "10"); mr_v <- as.numeric(mr_t)

rows("gap_dip", gd_y, gd_v)
summary_of("gap_dip", gd_y, gd_v)
rows("gap_dip_eu", eu_y, eu_v)
summary_of("gap_dip_eu", eu_y, eu_v)
rows("flat", fl_y, fl_v)
summary_of("flat", fl_y, fl_v, flow = TRUE)
rows("two_point", tp_y, tp_v)
summary_of("two_point", tp_y, tp_v)
rows("one_point", op_y, op_v)
summary_of("one_point", op_y, op_v)
rows("zero_neg", zn_y, zn_v)
summary_of("zero_neg", zn_y, zn_v, flow = TRUE)
rows("from_zero", fz_y, fz_v)
summary_of("from_zero", fz_y, fz_v)
rows("from_zero_b2019", fz_y, fz_v, base = 2019)
rows("members", mb_y, mb_v)
summary_of("members", mb_y, mb_v)
check_of("members", mr_y, mr_t, mb_y, mb_t)
# The 2018 rate of 10% and the 2018 level imply the missing 2017 level.
md_y <- c(2016, 2017, 2018, 2019, 2020)
md_v <- c(1000, 1210 / (1 + 10 / 100), mb_v[2:4])
out("members", 2017, "implied.level", 1210 / (1 + 10 / 100))
rows("members_derived", md_y, md_v)
summary_of("members_derived", md_y, md_v)

overview_of("all_made_up", "gap_dip", gd_y, gd_v)
overview_of("all_made_up", "gap_dip/EU", eu_y, eu_v)
overview_of("all_made_up", "flat", fl_y, fl_v)
overview_of("all_made_up", "two_point", tp_y, tp_v)
overview_of("all_made_up", "one_point", op_y, op_v)
overview_of("all_made_up", "zero_neg", zn_y, zn_v)
overview_of("all_made_up", "from_zero", fz_y, fz_v)
overview_of("all_made_up", "members", mb_y, mb_v)
overview_of("all_made_up", "members_growth_pct", mr_y, mr_v, TRUE)
