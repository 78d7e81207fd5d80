#!/usr/bin/env Rscript
# Reference forecasts of the Theta method for tests/test_projection.c,
# computed with R's forecast::thetaf (R 4.2.2, forecast 8.20), independently
# of libindicators.
#
# Usage (in this folder):  Rscript make_reference.R [M1_DIR]
#   M1_DIR holds m1-yearly.csv (default /work/shared/forecast-bench), the
#   181 yearly series of the M1 competition (training years).
# Writes:
#   series.csv     series,year,value      the inputs, 17 significant digits:
#                  the 181 M1 yearly series, and three consecutive-year
#                  series of the shipped dataset (year-end figures)
#   reference.csv  series,h,mean,lo80,hi80,lo95,hi95,alpha
#                  thetaf(y, h = 6): point forecasts, R's own 80% and 95%
#                  bounds, and the SES weight ses() estimated
#                  (ets(y, "ANN", opt.crit = "mse"))
suppressMessages(library(forecast))
args <- commandArgs(TRUE)
dir <- if (length(args) > 0) args[1] else "/work/shared/forecast-bench"
m1 <- read.csv(file.path(dir, "m1-yearly.csv"), stringsAsFactors = FALSE)
shipped <- read.csv("../../../datasets/china-standardization.csv",
                    stringsAsFactors = FALSE)
# The year-end figure of each year (the rows the dataset uses: primary or
# the only reading) of three series without gaps.
pick <- function(id) {
  d <- shipped[shipped$indicator == id & shipped$role != "alternate", ]
  d <- d[order(d$year), ]
  data.frame(series = id, year = d$year, value = d$value)
}
ship <- do.call(rbind, lapply(c("certification_bodies", "valid_certificates",
                                "certified_organisations"), pick))
all <- rbind(data.frame(series = m1$indicator, year = m1$year,
                        value = m1$value), ship)
fmt <- function(v) trimws(formatC(v, digits = 17, format = "g"))
H <- 6
out <- NULL
for (id in unique(all$series)) {
  d <- all[all$series == id, ]
  stopifnot(all(diff(d$year) == 1))
  f <- thetaf(d$value, h = H)
  out <- rbind(out, data.frame(series = id, h = 1:H, mean = fmt(f$mean),
                               lo80 = fmt(f$lower[, 1]),
                               hi80 = fmt(f$upper[, 1]),
                               lo95 = fmt(f$lower[, 2]),
                               hi95 = fmt(f$upper[, 2]),
                               alpha = fmt(f$model$alpha)))
}
all$value <- fmt(all$value)
write.csv(all, "series.csv", row.names = FALSE, quote = FALSE)
write.csv(out, "reference.csv", row.names = FALSE, quote = FALSE)
