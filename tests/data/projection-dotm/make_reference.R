#!/usr/bin/env Rscript
# Reference fits of the dynamic optimised Theta model (DOTM; Fiorucci,
# Pellegrini, Louzada, Petropoulos and Koehler 2016, IJF 32:1151-1161) for
# tests/test_projection.c, written from the model's equations independently
# of libindicators (there is no DOTM package in Debian 12: forecTheta is
# not packaged). Differences from the library on purpose: A_t and B_t come
# from lm() on each prefix y_1..y_t (not the recursive update), and the
# mean squared error is minimised over (l0, alpha, theta) together by
# optim's L-BFGS-B from several starts (not a profile over alpha).
#
#   mu_t = l_{t-1} + (1 - 1/theta) ((1 - alpha)^(t-1) A_{t-1}
#                                   + (1 - (1 - alpha)^t) / alpha B_{t-1})
#   l_t  = alpha y_t + (1 - alpha) l_{t-1};   errors of t = 2..n
#   forecast h ahead: l_n + (1 - 1/theta) ((1 - alpha)^n A_n
#                     + (h - 1 + (1 - (1 - alpha)^(n+1)) / alpha) B_n)
#   alpha in [0.1, 0.99], theta in [1, 1e10]
#
# Usage (in this folder): Rscript make_reference.R
#   reads ../projection-theta/series.csv (the 181 M1 yearly series and three
#   shipped series); writes reference.csv: series,h,mean,alpha,theta,mse.
# R 4.2.2; deterministic (no random starts).
s <- read.csv("../projection-theta/series.csv", colClasses =
              c("character", "numeric", "numeric"))
out <- list()
for (id in unique(s$series)) {
    y <- s$value[s$series == id]
    n <- length(y)
    if (n < 5) next
    A <- numeric(n); B <- numeric(n)
    A[1] <- y[1]; B[1] <- 0
    for (t in 2:n) {
        cf <- coef(lm(y[1:t] ~ seq_len(t)))
        A[t] <- cf[1]; B[t] <- cf[2]
    }
    run <- function(par) {
        l0 <- par[1]; a <- par[2]; c <- 1 - 1 / par[3]
        l <- a * y[1] + (1 - a) * l0
        e <- numeric(n - 1)
        for (t in 2:n) {
            mu <- l + c * ((1 - a)^(t - 1) * A[t - 1]
                           + (1 - (1 - a)^t) / a * B[t - 1])
            e[t - 1] <- y[t] - mu
            l <- a * y[t] + (1 - a) * l
        }
        list(mse = mean(e^2), level = l)
    }
    f <- function(par) run(par)$mse
    best <- NULL
    for (a0 in c(0.15, 0.3, 0.5, 0.7, 0.9)) {
        for (th0 in c(1.5, 2, 4)) {
            o <- optim(c(y[1] / 2, a0, th0), f, method = "L-BFGS-B",
                       lower = c(-1e10, 0.1, 1), upper = c(1e10, 0.99, 1e10),
                       control = list(maxit = 2000, factr = 1,
                                      parscale = c(max(abs(y)), 1, 1)))
            if (is.null(best) || o$value < best$value) best <- o
        }
    }
    p <- best$par; a <- p[2]; c <- 1 - 1 / p[3]
    l <- run(p)$level
    h <- 1:6
    fc <- l + c * ((1 - a)^n * A[n] + (h - 1 + (1 - (1 - a)^(n + 1)) / a)
                   * B[n])
    out[[id]] <- data.frame(series = id, h = h, mean = fc, alpha = a,
                            theta = p[3], mse = best$value)
}
r <- do.call(rbind, out)
write.csv(format(r, digits = 17), "reference.csv", row.names = FALSE,
          quote = FALSE)
