#!/usr/bin/env Rscript
# Reference numbers for tests/test_projection.c, computed independently of
# libindicators with R (stats::lm, predict.lm, nls) and the forecast package
# (rwf, holt, HoltWintersZZ and its internals zzhw and class1).
#
# Usage (in this folder):  Rscript make_reference.R
# Writes:
#   cases.csv      case,year,value       the input series (17 digits)
#   reference.csv  case,spec,quantity,index,value
#
# Every series is forecast H = 5 years past its last year, at the levels 80
# and 95. Specs and how each was computed:
#   linear         lm(y ~ I(year - last)); predict(interval = "prediction")
#   exponential    lm(log(y) ~ I(year - last)); exp() of the prediction and
#                  its interval (median); mean_biasadj = exp(fit + v / 2),
#                  v = se.fit^2 + sigma^2 (the log-normal mean)
#   linear_levels_50_99  as linear, at the levels 50 and 99 instead
#   poly2, poly3   lm(y ~ I(x) + I(x^2) [+ I(x^3)]), x = year - last
#   drift, naive   forecast::rwf(y, drift = TRUE / FALSE)
#   drift_log      rwf(log(y), drift = TRUE) back-transformed with exp();
#                  mean_biasadj = exp(mean + se^2 / 2), se from the 95% bound
#   holt           forecast::holt(y, initial = "simple"): alpha, beta and the
#                  point forecasts. The intervals are NOT holt()'s: they
#                  come from forecast:::class1 (R's ETS(A,A,N) variance)
#                  given beta* = alpha * beta, the state-space trend weight,
#                  with sigma2 = SSE / n from the holt() fit
#   holt_fixed     the same with alpha = 0.6, beta = 0.3 given
#   damped_fixed   forecast:::HoltWintersZZ(y, alpha = 0.6, beta = 0.3,
#                  gamma = FALSE, phi = 0.9) (the simple-initial Holt fit
#                  holt() uses, here with damping) and forecast(); intervals
#                  via class1 with beta* = alpha * beta and phi
#   damped         alpha, beta, phi minimising zzhw's SSE with optim
#                  L-BFGS-B from (0.2, 0.02, 0.9782) within [0,1] x [0,1] x
#                  [0.8, 0.98], as HoltWintersZZ would with a free phi
#                  (holt(damped = TRUE, initial = "simple") itself switches
#                  to ets' optimised initial states); then as damped_fixed
#   logistic       nls(y ~ K / (1 + exp(-r * (year - m)))), started from
#                  SSlogis, polished by Gauss-Newton steps until they are
#                  at rounding level; covariance sigma^2 (J'J)^-1 as
#                  vcov.nls; prediction intervals by the delta method,
#                  qt(., n - 3); years centred at their midrange (the
#                  midpoint is reported in years)
# Quantities: mean, lo80, hi80, lo95, hi95 (index = step 1..H), fitted and
# resid (index = point 1..n), coef_<name>, se_<name>, sigma, r2, df, aicc,
# aicc_level, growth, alpha, beta, phi, sse (Holt's in-sample SSE).
# Note: R's L-BFGS-B search for alpha and beta can stop at a local minimum
# of the SSE (certification_bodies: alpha 0.024, beta 1, SSE 77852, while
# alpha 0.994, beta 1 gives 55765); the test recognises these cases by the
# SSE and checks them differently (see test_projection.c).
suppressPackageStartupMessages(library(forecast))

H <- 5
LEVELS <- c(80, 95)
out <- list()
put <- function(case, spec, quantity, index, value) {
  out[[length(out) + 1]] <<- data.frame(case = case, spec = spec,
    quantity = quantity, index = index, value = sprintf("%.17g", value))
}

# --- the series --------------------------------------------------------------
set.seed(20240601)
cases <- list(
  # Shipped data, year-end readings (datasets/china-standardization.csv).
  certification_bodies = data.frame(year = 2018:2025,
    value = c(481, 596, 724, 932, 1128, 1242, 1230, 1214)),
  certified_organisations = data.frame(year = 2018:2024,
    value = c(625000, 640000, 788400, 867000, 939000, 1020000, 1090000)),
  valid_certificates_gap = data.frame(year = c(2018, 2020:2024),
    value = c(1937000, 2701200, 3020000, 3366000, 3760000, 4158000)),
  national_standards_released = data.frame(
    year = c(2013, 2015, 2016, 2017, 2019, 2020, 2022, 2023),
    value = c(1870, 1931, 1763, 3811, 2021, 2252, 2266, 2902)),
  growth_rate = data.frame(year = 2021:2024,
    value = c(12, 11.46, 12, 10.61)),
  # Synthetic: a noisy exponential, a noisy trend with curvature, a random
  # walk with drift (60 years), a short series.
  synthetic_growth = data.frame(year = 2008:2019,
    value = round(1000 * exp(0.12 * (0:11) + rnorm(12, 0, 0.05)), 3)),
  synthetic_curve = data.frame(year = 2005:2016,
    value = round(50 + 3 * (0:11) - 0.4 * (0:11)^2 + rnorm(12, 0, 2), 4)),
  synthetic_walk = data.frame(year = 1961:2020,
    value = round(100 + cumsum(rnorm(60, 1.5, 4)), 4)),
  three_points = data.frame(year = 2021:2023, value = c(10, 13, 17))
)

write.csv(do.call(rbind, lapply(names(cases), function(k)
  data.frame(case = k, year = cases[[k]]$year,
             value = sprintf("%.17g", cases[[k]]$value)))),
  "cases.csv", row.names = FALSE, quote = FALSE)

consecutive <- function(d) all(diff(d$year) == 1)

# --- OLS ---------------------------------------------------------------------
aicc_lm <- function(fit) {
  k <- attr(logLik(fit), "df"); n <- nobs(fit)
  if (n - k - 1 <= 0) NA else AIC(fit) + 2 * k * (k + 1) / (n - k - 1)
}

ols <- function(case, spec, d, degree, log_scale, levels = LEVELS) {
  last <- max(d$year)
  z <- if (log_scale) log(d$value) else d$value
  x <- d$year - last
  terms <- if (degree == 1) "x" else c("x", sprintf("I(x^%d)", 2:degree))
  fit <- lm(as.formula(paste("z ~", paste(terms, collapse = " + "))),
            data = data.frame(x = x, z = z))
  s <- summary(fit)
  newx <- data.frame(x = (last + 1:H) - last)
  tr <- if (log_scale) exp else identity
  for (lv in levels) {
    pr <- predict(fit, newx, interval = "prediction", level = lv / 100)
    put(case, spec, paste0("lo", lv), 1:H, tr(pr[, "lwr"]))
    put(case, spec, paste0("hi", lv), 1:H, tr(pr[, "upr"]))
  }
  pse <- predict(fit, newx, se.fit = TRUE)
  put(case, spec, "mean", 1:H, tr(pse$fit))
  if (log_scale) {
    put(case, spec, "mean_biasadj", 1:H,
        exp(pse$fit + (pse$se.fit^2 + s$sigma^2) / 2))
    put(case, spec, "growth", 0, exp(coef(fit)[2]) - 1)
  }
  put(case, spec, "fitted", seq_along(z), tr(fitted(fit)))
  put(case, spec, "resid", seq_along(z), residuals(fit))
  cf <- s$coefficients
  for (j in seq_len(nrow(cf))) {
    put(case, spec, paste0("coef_b", j - 1), 0, cf[j, 1])
    put(case, spec, paste0("se_b", j - 1), 0, cf[j, 2])
  }
  put(case, spec, "sigma", 0, s$sigma)
  put(case, spec, "r2", 0, s$r.squared)
  put(case, spec, "df", 0, fit$df.residual)
  a <- aicc_lm(fit)
  if (!is.na(a)) {
    put(case, spec, "aicc", 0, a)
    put(case, spec, "aicc_level", 0, a + if (log_scale) 2 * sum(z) else 0)
  }
}

# --- random walks ------------------------------------------------------------
walk <- function(case, spec, d, drift, log_scale) {
  z <- if (log_scale) log(d$value) else d$value
  fc <- rwf(z, h = H, drift = drift, level = LEVELS)
  tr <- if (log_scale) exp else identity
  put(case, spec, "mean", 1:H, tr(fc$mean))
  for (i in seq_along(LEVELS)) {
    put(case, spec, paste0("lo", LEVELS[i]), 1:H, tr(fc$lower[, i]))
    put(case, spec, paste0("hi", LEVELS[i]), 1:H, tr(fc$upper[, i]))
  }
  if (log_scale) {
    se <- (fc$upper[, 2] - fc$mean) / qnorm(0.975)
    put(case, spec, "mean_biasadj", 1:H, exp(fc$mean + se^2 / 2))
  }
  if (drift) {
    put(case, spec, "coef_drift", 0, fc$model$par$drift)
    put(case, spec, "se_drift", 0, fc$model$par$drift.se)
  }
  put(case, spec, "sigma", 0, sqrt(fc$model$sigma2))
  put(case, spec, "fitted", seq_along(z), tr(fc$fitted))
  put(case, spec, "resid", seq_along(z), fc$residuals)
}

# --- Holt ---------------------------------------------------------------------
# Intervals with the state-space trend weight alpha * beta.
holt_intervals <- function(case, spec, model, alpha, beta, phi) {
  n <- length(model$x)
  alpha <- unname(alpha); beta <- unname(beta); phi <- unname(phi)
  damped <- phi < 1
  par <- c(alpha = alpha, beta = alpha * beta)
  if (damped) par <- c(par, phi = phi)
  f <- forecast:::class1(H, model$states[n + 1, ], "A", "N", damped, 1,
                         model$sigma2, par)
  put(case, spec, "mean", 1:H, f$mu)
  for (lv in LEVELS) {
    z <- qnorm(0.5 + lv / 200)
    put(case, spec, paste0("lo", lv), 1:H, f$mu - z * sqrt(f$var))
    put(case, spec, paste0("hi", lv), 1:H, f$mu + z * sqrt(f$var))
  }
  put(case, spec, "alpha", 0, alpha)
  put(case, spec, "beta", 0, beta)
  if (damped) put(case, spec, "phi", 0, phi)
  put(case, spec, "sigma", 0, sqrt(model$sigma2))
  put(case, spec, "sse", 0, model$SSE)
  put(case, spec, "fitted", seq_len(n), model$fitted)
  put(case, spec, "resid", seq_len(n), model$residuals)
}

holt_cases <- function(case, d) {
  y <- ts(d$value)
  fc <- holt(y, h = H, initial = "simple")
  holt_intervals(case, "holt", fc$model, fc$model$par["alpha"],
                 fc$model$par["beta"], 1)
  # holt()'s own point forecasts, to show they are the ones matched.
  put(case, "holt", "r_holt_mean", 1:H, fc$mean)
  fx <- holt(y, h = H, initial = "simple", alpha = 0.6, beta = 0.3)
  holt_intervals(case, "holt_fixed", fx$model, 0.6, 0.3, 1)
  dm <- forecast:::HoltWintersZZ(y, alpha = 0.6, beta = 0.3, gamma = FALSE,
                                 phi = 0.9)
  holt_intervals(case, "damped_fixed", dm, 0.6, 0.3, 0.9)
  put(case, "damped_fixed", "r_forecast_mean", 1:H, forecast(dm, h = H)$mean)
  sse <- function(p) forecast:::zzhw(as.numeric(y), lenx = length(y),
    alpha = p[1], beta = p[2], gamma = 0, seasonal = "additive", m = 1,
    dotrend = TRUE, doseasonal = FALSE, l.start = y[1], exponential = FALSE,
    phi = p[3], b.start = y[2] - y[1], s.start = 0)$SSE
  o <- optim(c(0.2, 0.02, 0.8 + 0.99 * 0.18), sse, method = "L-BFGS-B",
             lower = c(0, 0, 0.8), upper = c(1, 1, 0.98))
  de <- forecast:::HoltWintersZZ(y, alpha = o$par[1], beta = o$par[2],
                                 gamma = FALSE, phi = o$par[3])
  holt_intervals(case, "damped", de, o$par[1], o$par[2], o$par[3])
}

# --- logistic -----------------------------------------------------------------
logistic <- function(case, d) {
  n <- nrow(d)
  centre <- (min(d$year) + max(d$year)) / 2
  d$year <- d$year - centre      # centred years, as the library does
  s0 <- nls(value ~ SSlogis(year, Asym, xmid, scal), data = d)
  st <- list(K = coef(s0)[["Asym"]], r = 1 / coef(s0)[["scal"]],
             m = coef(s0)[["xmid"]])
  fit <- nls(value ~ K / (1 + exp(-r * (year - m))), data = d, start = st,
             control = nls.control(tol = 1e-7, scaleOffset = 1))
  # nls stops at a relative-offset tolerance; polish with Gauss-Newton
  # steps on the analytic Jacobian until the step is at rounding level.
  grad <- function(b, x) {
    e <- exp(-b[2] * (x - b[3]))
    cbind(1 / (1 + e), b[1] * (x - b[3]) * e / (1 + e)^2,
          -b[1] * b[2] * e / (1 + e)^2)
  }
  b <- unname(coef(fit))
  for (it in 1:20) {
    res <- d$value - b[1] / (1 + exp(-b[2] * (d$year - b[3])))
    step <- qr.solve(grad(b, d$year), res)
    b <- b + step
    if (max(abs(step / b)) < 1e-15) break
  }
  J <- grad(b, d$year)
  res <- d$value - b[1] / (1 + exp(-b[2] * (d$year - b[3])))
  sigma <- sqrt(sum(res^2) / (n - 3))
  V <- sigma^2 * solve(crossprod(J))
  cf <- c(K = b[1], r = b[2], m = b[3]); dimnames(V) <- list(names(cf), names(cf))
  yr <- max(d$year) + 1:H       # still centred
  e <- exp(-cf[["r"]] * (yr - cf[["m"]]))
  mu <- cf[["K"]] / (1 + e)
  g <- cbind(1 / (1 + e), cf[["K"]] * (yr - cf[["m"]]) * e / (1 + e)^2,
             -cf[["K"]] * cf[["r"]] * e / (1 + e)^2)
  se <- sqrt(sigma^2 + rowSums((g %*% V) * g))
  put(case, "logistic", "mean", 1:H, mu)
  for (lv in LEVELS) {
    q <- qt(0.5 + lv / 200, n - 3)
    put(case, "logistic", paste0("lo", lv), 1:H, mu - q * se)
    put(case, "logistic", paste0("hi", lv), 1:H, mu + q * se)
  }
  nm <- c(K = "asymptote", r = "rate", m = "midpoint")
  for (p in names(nm)) {
    put(case, "logistic", paste0("coef_", nm[[p]]), 0,
        cf[[p]] + if (p == "m") centre else 0)
    put(case, "logistic", paste0("se_", nm[[p]]), 0, sqrt(V[p, p]))
  }
  put(case, "logistic", "sigma", 0, sigma)
}

# --- run ---------------------------------------------------------------------
for (k in names(cases)) {
  d <- cases[[k]]
  positive <- all(d$value > 0)
  ols(k, "linear", d, 1, FALSE)
  if (nrow(d) >= 3) ols(k, "poly2", d, 2, FALSE)
  if (nrow(d) >= 4) ols(k, "poly3", d, 3, FALSE)
  if (positive && k != "growth_rate") ols(k, "exponential", d, 1, TRUE)
  if (consecutive(d)) {
    walk(k, "drift", d, TRUE, FALSE)
    walk(k, "naive", d, FALSE, FALSE)
    if (positive && k != "growth_rate") walk(k, "drift_log", d, TRUE, TRUE)
    if (nrow(d) >= 5) holt_cases(k, d)
  }
}
logistic("certification_bodies", cases$certification_bodies)
# Levels other than 80 and 95.
ols("synthetic_curve", "linear_levels_50_99", cases$synthetic_curve, 1, FALSE,
    levels = c(50, 99))

write.csv(do.call(rbind, out), "reference.csv", row.names = FALSE,
          quote = FALSE)
cat(R.version.string, "; forecast", format(packageVersion("forecast")), "\n")
