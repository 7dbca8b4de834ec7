# Reference numbers for org.ember.geo.aberration, generated with R surveillance.
# Usage (from this directory, geo/src/test/resources/reference/aberration):  Rscript make_aberration.R /work/shared/data
# Writes the inputs (weekly/daily counts) and R's outputs as CSV next to this script.
suppressMessages(library(surveillance))
args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) > 0) args[1] else "../../../../../../../shared/data"
cat("surveillance", as.character(packageVersion("surveillance")), "\n")

x <- read.csv(gzfile(file.path(data_dir, "event_streams/chicago_aggravated_assaults_2010-2019.csv.gz")))
day <- as.Date(substr(x$date, 1, 10))

# Weekly counts, weeks starting Monday, complete weeks only (2010-01-04 .. week of 2019-12-23).
week_start <- day - (as.integer(format(day, "%u")) - 1)
weeks <- seq(as.Date("2010-01-04"), as.Date("2019-12-23"), by = "week")
weekly <- as.integer(table(factor(as.character(week_start), levels = as.character(weeks))))
write.csv(data.frame(date = weeks, count = weekly), "chicago_weekly.csv", row.names = FALSE, quote = FALSE)

# Daily counts for 2018-2019.
days <- seq(as.Date("2018-01-01"), as.Date("2019-12-31"), by = "day")
daily <- as.integer(table(factor(as.character(day), levels = as.character(days))))
write.csv(data.frame(date = days, count = daily), "chicago_daily_2018_2019.csv", row.names = FALSE, quote = FALSE)

na0 <- function(v) ifelse(is.na(v), "NA", format(v, digits = 17))

farrington_out <- function(s, control, file, dates) {
  r <- farringtonFlexible(s, control = control)
  out <- data.frame(
    index = control$range,
    date = dates,
    observed = as.integer(observed(r)),
    expected = na0(as.numeric(r@control$expected)),
    upper_bound = na0(as.numeric(upperbound(r))),
    alarm = as.logical(alarms(r)),
    phi = na0(as.numeric(r@control$phiVector)),
    trend = ifelse(is.na(r@control$trend), 0, as.numeric(r@control$trend)))
  write.csv(out, file, row.names = FALSE, quote = FALSE)
}

chicago <- sts(observed = weekly, epoch = weeks, frequency = 52)
n <- length(weekly)
range_c <- (52 * 5 + 3 + 1):n
farrington_out(chicago, list(range = range_c, b = 5, w = 3, reweight = TRUE, weightsThreshold = 2.58,
                             noPeriods = 1, trend = TRUE, alpha = 0.05, thresholdMethod = "delta"),
               "farrington1996_chicago.csv", weeks[range_c])
farrington_out(chicago, list(range = range_c, b = 5, w = 3, reweight = TRUE, weightsThreshold = 1,
                             noPeriods = 10, pastWeeksNotIncluded = 26, trend = TRUE, alpha = 0.05,
                             thresholdMethod = "muan"),
               "noufaily_muan_chicago.csv", weeks[range_c])
farrington_out(chicago, list(range = range_c, b = 5, w = 3, reweight = TRUE, weightsThreshold = 1,
                             noPeriods = 10, pastWeeksNotIncluded = 26, trend = TRUE, alpha = 0.05,
                             thresholdMethod = "nbPlugin"),
               "noufaily_nbplugin_chicago.csv", weeks[range_c])

# R's own sample data: Salmonella Agona, UK, weekly 1990-1995 (epochs without dates).
data(salmonella.agona)
agona <- disProg2sts(salmonella.agona)
write.csv(data.frame(index = seq_along(observed(agona)), count = as.integer(observed(agona))),
          "salmonella_agona.csv", row.names = FALSE, quote = FALSE)
range_a <- (52 * 3 + 3 + 1):length(observed(agona))
farrington_out(agona, list(range = range_a, b = 3, w = 3, reweight = TRUE, weightsThreshold = 2.58,
                           noPeriods = 1, trend = TRUE, alpha = 0.05, thresholdMethod = "delta"),
               "farrington1996_agona.csv", range_a)
farrington_out(agona, list(range = range_a, b = 3, w = 3, reweight = TRUE, weightsThreshold = 1,
                           noPeriods = 10, pastWeeksNotIncluded = 26, trend = TRUE, alpha = 0.05,
                           thresholdMethod = "muan"),
               "noufaily_muan_agona.csv", range_a)

# EARS C1/C2/C3 on daily counts.
daily_sts <- sts(observed = daily, epoch = days, frequency = 365)
for (m in c("C1", "C2", "C3")) {
  for (baseline in c(7, 28)) {
    r <- earsC(daily_sts, control = list(method = m, baseline = baseline))
    out <- data.frame(date = as.Date(epoch(r), origin = "1970-01-01"), observed = as.integer(observed(r)),
                      upper_bound = na0(as.numeric(upperbound(r))), alarm = as.logical(alarms(r)))
    write.csv(out, sprintf("ears_%s_b%d.csv", tolower(m), baseline), row.names = FALSE, quote = FALSE)
  }
}

# Standardised CUSUM (algo.cusum, trans = "standard"): m = mean of the first 28 days.
dp <- create.disProg(week = seq_along(daily), observed = daily, state = rep(0, length(daily)))
r <- algo.cusum(dp, control = list(range = 29:length(daily), k = 1.04, h = 2.26, trans = "standard"))
write.csv(data.frame(date = days[29:length(daily)], observed = daily[29:length(daily)],
                     cusum = format(as.numeric(r$cusum), digits = 17),
                     upper_bound = as.numeric(r$upperbound), alarm = as.logical(r$alarm)),
          "cusum_standard.csv", row.names = FALSE, quote = FALSE)
