# Independent brute-force check of the prospective space-time permutation scan on SaTScan's
# NYCfever sample (the rsatscan vignette run: study period 2001/11/1-2001/11/24, prospective start
# 2001/11/24, max 7 days, circles up to 3 km and 50 % of cases, lat/lon on SaTScan's 6367 km sphere,
# chord distances, at least 2 cases). It enumerates every circle and alive window and writes the best
# cylinder of each centre with O, E and LLR. No Monte Carlo (that part is checked for shape only).
# Usage (from geo/src/test/resources/reference/scan): Rscript make_nycfever_scan.R /work/shared/data
args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) > 0) args[1] else "../../../../../../../shared/data"
cas <- read.table(file.path(data_dir, "satscan-samples/NYCfever.cas"), col.names = c("loc", "n", "date"),
                  colClasses = c("character", "numeric", "character"))
geo <- read.table(file.path(data_dir, "satscan-samples/NYCfever.geo"), col.names = c("loc", "lat", "lon"),
                  colClasses = c("character", "numeric", "numeric"))
cas$day <- as.integer(as.Date(cas$date, "%Y/%m/%d") - as.Date("2001-11-01"))
T <- 24; C <- sum(cas$n)
R <- 6367
rad <- pi / 180
xyz <- cbind(R * cos(geo$lon * rad) * cos(geo$lat * rad), R * sin(geo$lon * rad) * cos(geo$lat * rad),
             R * sin(geo$lat * rad))
D <- as.matrix(dist(xyz))
L <- nrow(geo)
counts <- matrix(0, L, T)
for (i in seq_len(nrow(cas))) {
  z <- match(cas$loc[i], geo$loc)
  counts[z, cas$day[i] + 1] <- counts[z, cas$day[i] + 1] + cas$n[i]
}
Cz <- rowSums(counts); Cd <- colSums(counts)
llr <- function(c, e) ifelse(c > e, c * log(c / e) + ifelse(C > c, (C - c) * log((C - c) / (C - e)), 0), 0)
best <- NULL
for (centre in seq_len(L)) {
  o <- order(D[centre, ], seq_len(L))
  d <- D[centre, o]
  top <- NULL
  for (k in seq_len(L)) {
    if (d[k] > 3) break
    if (k < L && d[k + 1] == d[k]) next
    zone <- o[1:k]
    if (sum(Cz[zone]) > 0.5 * C) break
    for (len in 1:7) {
      days <- (T - len + 1):T
      obs <- sum(counts[zone, days])
      if (obs < 2) next
      e <- sum(Cz[zone]) * sum(Cd[days]) / C
      v <- llr(obs, e)
      if (v > 0 && (is.null(top) || v > top$llr)) {
        top <- list(centre = geo$loc[centre], k = k, radius = d[k], start = T - len + 1, observed = obs,
                    expected = e, llr = v, locations = paste(geo$loc[zone], collapse = ";"))
      }
    }
  }
  if (!is.null(top)) best <- rbind(best, as.data.frame(top))
}
best <- best[order(-best$llr, best$centre), ]
best$expected <- format(best$expected, digits = 17)
best$llr <- format(best$llr, digits = 17)
best$radius <- format(best$radius, digits = 17)
write.csv(head(best, 10), "nycfever_best_per_centre.csv", row.names = FALSE, quote = FALSE)
print(head(best, 5))
