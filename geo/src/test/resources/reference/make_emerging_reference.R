# Reference outputs for org.ember.geo.emerging (space-time Gi* via spdep::localG) and
# org.ember.geo.math.StandardNormal (pnorm).
# Real data: South Wales Police street-level crime 2025-01..12, "Violence and sexual offences"
# (data.police.uk, OGL v3.0), counted per 1 km cell of central Cardiff per month.
#
# Run from geo/src/test/resources/reference:
#   Rscript make_emerging_reference.R /work/shared/data
suppressPackageStartupMessages({ library(sf); library(spdep) })
args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) >= 1) args[1] else "../../../../../shared/data"
fmt <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))

months <- sprintf("2025-%02d", 1:12)
crimes <- do.call(rbind, lapply(seq_along(months), function(k) {
  f <- file.path(data_dir, "police", "south-wales", paste0(months[k], "-south-wales-street.csv.gz"))
  d <- read.csv(gzfile(f), stringsAsFactors = FALSE, check.names = FALSE)
  d <- d[d[["Crime type"]] == "Violence and sexual offences" & !is.na(d$Longitude), ]
  d$step <- k - 1
  d
}))
xy <- st_coordinates(st_transform(st_as_sf(crimes, coords = c("Longitude", "Latitude"), crs = 4326), 27700))

x0 <- 314000; y0 <- 173000; nx <- 8; ny <- 7; cell <- 1000; steps <- length(months)
inside <- xy[, 1] >= x0 & xy[, 1] < x0 + nx * cell & xy[, 2] >= y0 & xy[, 2] < y0 + ny * cell
loc_index <- floor((xy[inside, 1] - x0) / cell) * ny + floor((xy[inside, 2] - y0) / cell)
L <- nx * ny
counts <- table(factor(loc_index, levels = 0:(L - 1)), factor(crimes$step[inside], levels = 0:(steps - 1)))
grid <- expand.grid(j = 0:(ny - 1), i = 0:(nx - 1))
loc <- data.frame(location = sprintf("c%d_%d", grid$i, grid$j),
                  x = x0 + (grid$i + 0.5) * cell, y = y0 + (grid$j + 0.5) * cell)

# Long format cube: one row per (location, step); bin index = l * steps + s (0-based).
cube <- data.frame(location = rep(loc$location, each = steps), step = rep(0:(steps - 1), times = L),
                   x = rep(loc$x, each = steps), y = rep(loc$y, each = steps),
                   value = as.vector(t(unclass(counts))))
distance <- 1500  # queen-like: 1000 and 1414 m are in, 2000 m is out
spatial <- dnearneigh(as.matrix(loc[, c("x", "y")]), 0, distance)
bin <- function(l, s) l * steps + s + 1  # 1-based for R
nb <- vector("list", L * steps)
for (l in 0:(L - 1)) for (s in 0:(steps - 1)) {
  near <- spatial[[l + 1]] - 1
  near <- near[near >= 0]
  members <- c(bin(near, s))
  if (s > 0) members <- c(members, bin(c(l, near), s - 1))
  nb[[bin(l, s)]] <- sort(as.integer(members))
}
nb <- lapply(nb, function(v) if (length(v) == 0) 0L else v)
class(nb) <- "nb"
attr(nb, "region.id") <- as.character(seq_len(L * steps))
nb_self <- include.self(nb)
z <- as.numeric(localG(cube$value, nb2listw(nb_self, style = "B")))
cube$z_star <- z
out <- cube
out$x <- fmt(out$x); out$y <- fmt(out$y); out$value <- fmt(out$value); out$z_star <- fmt(out$z_star)
write.csv(out, "cardiff_violence_cube_monthly.csv", row.names = FALSE, quote = FALSE)
cat("locations:", L, " steps:", steps, " total:", sum(cube$value), " |z|>1.96:", sum(abs(z) > 1.96), "\n")

# Standard normal tails.
zs <- c(seq(-9, 9, by = 0.25), 1.959963984540054, 2.5758293035489, 1.6448536269514722, 37.5, -38.4)
write.csv(data.frame(z = fmt(zs), upper = fmt(pnorm(zs, lower.tail = FALSE)),
                     two_sided = fmt(2 * pnorm(abs(zs), lower.tail = FALSE))),
          "pnorm_tails.csv", row.names = FALSE, quote = FALSE)
