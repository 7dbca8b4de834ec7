# Farrington/Noufaily reference on a 6-year weekly series whose reference years contain outbreaks.
# Background: negative binomial (mean 20 with a yearly cycle, size 15), seed 15; outbreaks of +25..+40
# cases over 3 weeks planted in years 2, 3 and 4 around the calendar weeks assessed in year 6, and one
# in year 6. Run (surveillance 1.20.3 from Debian r-cran-surveillance), from this folder:
#   Rscript make_farrington_outbreaks.R
suppressMessages(library(surveillance))
set.seed(15)
n <- 6 * 52
weeks <- seq(as.Date("2019-12-30"), by = "7 days", length.out = n)
mu <- 20 * exp(0.3 * sin(2 * pi * (1:n) / 52))
y <- rnbinom(n, mu = mu, size = 15)
plant <- function(y, at, extra) { y[at + 0:2] <- y[at + 0:2] + extra; y }
y <- plant(y, 52 * 1 + 10, c(12, 20, 8))
y <- plant(y, 52 * 2 + 12, c(15, 25, 10))
y <- plant(y, 52 * 3 + 8, c(10, 18, 12))
y <- plant(y, 52 * 5 + 11, c(14, 22, 9))
write.csv(data.frame(date = weeks, count = y), "outbreaks_weekly.csv", row.names = FALSE, quote = FALSE)
na0 <- function(v) ifelse(is.na(v), "NA", format(v, digits = 17))
out <- function(s, control, file) {
  r <- farringtonFlexible(s, control = control)
  write.csv(data.frame(index = control$range, observed = as.integer(observed(r)),
                       expected = na0(as.numeric(r@control$expected)),
                       upper_bound = na0(as.numeric(upperbound(r))), alarm = as.logical(alarms(r)),
                       phi = na0(as.numeric(r@control$phiVector))),
            file, row.names = FALSE, quote = FALSE)
}
range <- (52 * 5 + 3 + 1):n
farrington <- list(range = range, b = 5, w = 3, reweight = TRUE, weightsThreshold = 2.58, noPeriods = 1,
                   trend = TRUE, alpha = 0.05, thresholdMethod = "delta")
noufaily <- list(range = range, b = 5, w = 3, reweight = TRUE, weightsThreshold = 1, noPeriods = 10,
                 pastWeeksNotIncluded = 26, trend = TRUE, alpha = 0.05, thresholdMethod = "muan")
by_date <- sts(observed = y, epoch = weeks, frequency = 52)
by_index <- sts(observed = y, frequency = 52, start = c(2020, 1))
out(by_date, farrington, "outbreaks_farrington_by_date.csv")
out(by_index, farrington, "outbreaks_farrington_by_index.csv")
out(by_date, noufaily, "outbreaks_noufaily_by_date.csv")
out(by_index, noufaily, "outbreaks_noufaily_by_index.csv")
