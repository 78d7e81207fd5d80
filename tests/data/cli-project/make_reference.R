#!/usr/bin/env Rscript
# Reference numbers for tests/cli/test_project.sh, computed with R alone
# (stats::lm and predict.lm, forecast::rwf, forecast::holt), never with
# libindicators.
#
# Usage (in this folder):  Rscript make_reference.R
# Writes:
#   cases.tsv      case, dataset, indicator, to, options (tab-separated)
#                  what the test runs: indicators -d DATASET project
#                  INDICATOR --to TO OPTIONS --fitted --format csv
#                  (dataset "shipped" = datasets/china-standardization.csv,
#                  "short" = short.csv in this folder)
#   reference.csv  case,year,column,value
#                  column "value": the series R was given (the test checks
#                  that the CLI fitted the same figures, so a revision of
#                  the shipped data shows up as such, not as a wrong fit);
#                  mean, lo<L>, hi<L>: the forecast and its bounds, 17
#                  significant digits; "NA" where no interval exists.
#
# How each model is computed:
#   linear       lm(y ~ year); predict(interval = "prediction", level)
#   exponential  lm(log(y) ~ year); exp() of predict(interval =
#                "prediction") (the median); with --bias-adjust the mean is
#                exp(fit + (se.fit^2 + sigma^2) / 2), the log-normal mean
#   polynomial   lm(y ~ x + I(x^2) [+ I(x^3)]), x = year - last year
#   drift        forecast::rwf(y, drift = TRUE)
#   holt         forecast::holt(y, initial = "simple", alpha, beta): the
#                point forecasts and the 1-step bounds are holt()'s own.
#                From 2 steps on, holt()'s bounds are not those of the
#                model it fits: it hands the classical trend weight beta
#                to forecast:::class1, which expects the state-space weight
#                beta* = alpha * beta (ETS(A,A,N) form), so its bands are
#                too wide (R 4.2.2, forecast 8.20). The reference bounds
#                are class1's with beta* = alpha * beta and holt()'s
#                sigma2 = SSE / n; the script checks that they equal
#                holt()'s at 1 step and that holt()'s own differ later.
#   damped       forecast:::HoltWintersZZ(y, alpha, beta, gamma = FALSE,
#                phi) (the simple-initial fit holt() uses, with damping)
#                and class1 with beta* = alpha * beta and phi.
suppressPackageStartupMessages(library(forecast))

shipped <- list(
  # Year-end figures of the shipped dataset, as its choice rule picks them.
  certification_bodies = data.frame(year = 2018:2025,
    value = c(481, 596, 724, 932, 1128, 1242, 1230, 1214)),
  association_standards_cumulative = data.frame(
    year = c(2017, 2019, 2022, 2023), value = c(1991, 12195, 51078, 74240)),
  valid_certificates = data.frame(year = 2018:2024,
    value = c(1937000, 1970000, 2701200, 3020000, 3366000, 3760000,
              4158000)),
  valid_certificates_growth_pct = data.frame(year = 2021:2024,
    value = c(12, 11.46, 12, 10.61)))
short <- list(
  # short.csv in this folder.
  two_points = data.frame(year = 2020:2021, value = c(100, 130)),
  three_points = data.frame(year = 2021:2023, value = c(10, 13, 17)),
  four_points = data.frame(year = 2018:2021, value = c(50, 56, 61, 69)),
  growth_pct = data.frame(year = 2017:2021,
    value = c(8.5, 9.1, 7.9, 6.4, 6.8)),
  gapped = data.frame(year = c(2015, 2017, 2018, 2020, 2021),
    value = c(210, 260, 275, 330, 352)),
  by_entity = data.frame(year = 2019:2021, value = c(30, 31, 33)))

cases <- list()
rows <- list()
put <- function(case, year, column, value) {
  rows[[length(rows) + 1]] <<- data.frame(case = case, year = year,
    column = column,
    value = ifelse(is.na(value), "NA", sprintf("%.17g", value)))
}
add_case <- function(case, dataset, indicator, to, options, d) {
  cases[[length(cases) + 1]] <<- data.frame(case = case, dataset = dataset,
    indicator = indicator, to = to, options = options)
  put(case, d$year, "value", d$value)
}

# lm on year - last year (an exact shift), predict.lm intervals.
ols <- function(case, dataset, indicator, to, options, d, degree = 1,
                log_scale = FALSE, bias_adjust = FALSE,
                levels = c(80, 95)) {
  add_case(case, dataset, indicator, to, options, d)
  last <- max(d$year)
  z <- if (log_scale) log(d$value) else d$value
  x <- d$year - last
  fit <- if (degree == 1) lm(z ~ x)
         else if (degree == 2) lm(z ~ x + I(x^2))
         else lm(z ~ x + I(x^2) + I(x^3))
  years <- (last + 1):to
  newx <- data.frame(x = years - last)
  tr <- if (log_scale) exp else identity
  pse <- suppressWarnings(predict(fit, newx, se.fit = TRUE))
  mean <- if (bias_adjust)
    exp(pse$fit + (pse$se.fit^2 + summary(fit)$sigma^2) / 2)
  else tr(pse$fit)
  put(case, years, "mean", mean)
  for (lv in levels) {
    pr <- suppressWarnings(predict(fit, newx, interval = "prediction",
                                   level = lv / 100))
    bad <- fit$df.residual == 0
    put(case, years, paste0("lo", lv), if (bad) NA else tr(pr[, "lwr"]))
    put(case, years, paste0("hi", lv), if (bad) NA else tr(pr[, "upr"]))
  }
}

drift <- function(case, dataset, indicator, to, options, d) {
  add_case(case, dataset, indicator, to, options, d)
  years <- (max(d$year) + 1):to
  fc <- rwf(d$value, h = length(years), drift = TRUE, level = c(80, 95))
  put(case, years, "mean", fc$mean)
  put(case, years, "lo80", fc$lower[, 1])
  put(case, years, "hi80", fc$upper[, 1])
  put(case, years, "lo95", fc$lower[, 2])
  put(case, years, "hi95", fc$upper[, 2])
}

# Bounds of ETS(A,A,N) / ETS(A,Ad,N) from the fitted model's last state.
class1_bounds <- function(case, years, model, alpha, beta, phi) {
  n <- length(model$x)
  h <- length(years)
  damped <- phi < 1
  par <- c(alpha = alpha, beta = alpha * beta)
  if (damped) par <- c(par, phi = phi)
  f <- forecast:::class1(h, model$states[n + 1, ], "A", "N", damped, 1,
                         model$sigma2, par)
  for (lv in c(80, 95)) {
    q <- qnorm(0.5 + lv / 200)
    put(case, years, paste0("lo", lv), f$mu - q * sqrt(f$var))
    put(case, years, paste0("hi", lv), f$mu + q * sqrt(f$var))
  }
  f
}

holt_fixed <- function(case, dataset, indicator, to, options, d, alpha,
                       beta) {
  add_case(case, dataset, indicator, to, options, d)
  years <- (max(d$year) + 1):to
  fc <- holt(ts(d$value), h = length(years), initial = "simple",
             alpha = alpha, beta = beta, level = c(80, 95))
  put(case, years, "mean", fc$mean)
  f <- class1_bounds(case, years, fc$model, alpha, beta, 1)
  stopifnot(isTRUE(all.equal(as.numeric(fc$mean), f$mu, tolerance = 1e-13)))
  q <- qnorm(0.9)
  stopifnot(abs(fc$lower[1, 1] - (f$mu[1] - q * sqrt(f$var[1]))) <
            1e-9 * abs(fc$lower[1, 1]))
  if (length(years) > 1 && beta > 0 && alpha < 1)
    stopifnot(fc$lower[2, 1] < f$mu[2] - q * sqrt(f$var[2]) - 1e-6)
}

damped_fixed <- function(case, dataset, indicator, to, options, d, alpha,
                         beta, phi) {
  add_case(case, dataset, indicator, to, options, d)
  years <- (max(d$year) + 1):to
  m <- forecast:::HoltWintersZZ(ts(d$value), alpha = alpha, beta = beta,
                                gamma = FALSE, phi = phi)
  put(case, years, "mean", forecast(m, h = length(years))$mean)
  invisible(class1_bounds(case, years, m, alpha, beta, phi))
}

cb <- shipped$certification_bodies
ols("cb_linear", "shipped", "certification_bodies", 2030,
    "--model linear", cb)
ols("cb_levels", "shipped", "certification_bodies", 2028,
    "--model linear --level 50,90", cb, levels = c(50, 90))
ols("cb_exponential", "shipped", "certification_bodies", 2030,
    "--model exponential", cb, log_scale = TRUE)
ols("cb_exponential_mean", "shipped", "certification_bodies", 2030,
    "--model exponential --bias-adjust", cb, log_scale = TRUE,
    bias_adjust = TRUE)
ols("cb_quadratic", "shipped", "certification_bodies", 2030,
    "--model quadratic", cb, degree = 2)
ols("cb_cubic", "shipped", "certification_bodies", 2030,
    "--model polynomial --degree 3", cb, degree = 3)
drift("cb_drift", "shipped", "certification_bodies", 2030,
      "--model drift", cb)
holt_fixed("cb_holt", "shipped", "certification_bodies", 2030,
           "--model holt --alpha 0.6 --beta 0.3", cb, 0.6, 0.3)
damped_fixed("cb_damped", "shipped", "certification_bodies", 2030,
             "--model damped --alpha 0.6 --beta 0.3 --phi 0.9", cb,
             0.6, 0.3, 0.9)
ols("asc_linear", "shipped", "association_standards_cumulative", 2025,
    "--model linear", shipped$association_standards_cumulative)
ols("asc_exponential", "shipped", "association_standards_cumulative", 2025,
    "--model exponential", shipped$association_standards_cumulative,
    log_scale = TRUE)
ols("vc_linear", "shipped", "valid_certificates", 2027, "--model linear",
    shipped$valid_certificates)
ols("vcg_linear", "shipped", "valid_certificates_growth_pct", 2027,
    "--model linear", shipped$valid_certificates_growth_pct)

ols("two_linear", "short", "two_points", 2023, "--model linear",
    short$two_points)
ols("two_exponential", "short", "two_points", 2023, "--model exponential",
    short$two_points, log_scale = TRUE)
ols("three_linear", "short", "three_points", 2025, "--model linear",
    short$three_points)
ols("three_exponential", "short", "three_points", 2025,
    "--model exponential", short$three_points, log_scale = TRUE)
ols("three_quadratic", "short", "three_points", 2025, "--model quadratic",
    short$three_points, degree = 2)
drift("three_drift", "short", "three_points", 2025, "--model drift",
      short$three_points)
ols("four_linear", "short", "four_points", 2024, "--model linear",
    short$four_points)
holt_fixed("four_holt", "short", "four_points", 2024,
           "--model holt --alpha 0.5 --beta 0.2", short$four_points,
           0.5, 0.2)
ols("growth_linear", "short", "growth_pct", 2023, "--model linear",
    short$growth_pct)
ols("gapped_linear", "short", "gapped", 2023, "--model linear",
    short$gapped)
ols("gapped_exponential", "short", "gapped", 2023, "--model exponential",
    short$gapped, log_scale = TRUE)
ols("entity_linear", "short", "by_entity", 2023,
    "--entity EU --model linear", short$by_entity)

write.table(do.call(rbind, cases), "cases.tsv", sep = "\t",
            row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, rows), "reference.csv", row.names = FALSE,
          quote = FALSE)
cat(R.version.string, "; forecast", format(packageVersion("forecast")), "\n")
