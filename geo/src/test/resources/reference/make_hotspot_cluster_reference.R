# Reference outputs for org.ember.geo.hotspot (spdep::localG) and org.ember.geo.cluster (dbscan::dbscan).
# Real data: South Wales Police street-level crime, 2025-01..03, "Violence and sexual offences"
# (data.police.uk, OGL v3.0), Cardiff LSOA 2011 boundaries (W06000015.json).
#
# Run from geo/src/test/resources/reference:
#   Rscript make_hotspot_cluster_reference.R /work/shared/data
# Produced with R 4.x, spdep 1.2.7, dbscan 1.1.11, sf (GEOS 3.11.1, PROJ 9.1.0).
suppressPackageStartupMessages({ library(sf); library(spdep); library(dbscan) })
args <- commandArgs(trailingOnly = TRUE)
data_dir <- if (length(args) >= 1) args[1] else "../../../../../shared/data"
out <- "."
fmt <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))
write_fixture <- function(df, name) {
  df[] <- lapply(df, function(col) if (is.numeric(col)) fmt(col) else col)
  write.csv(df, file.path(out, name), row.names = FALSE, quote = FALSE)
}

months <- sprintf("2025-%02d", 1:3)
crimes <- do.call(rbind, lapply(months, function(m) {
  f <- file.path(data_dir, "police", "south-wales", paste0(m, "-south-wales-street.csv.gz"))
  d <- read.csv(gzfile(f), stringsAsFactors = FALSE, check.names = FALSE)
  d[d[["Crime type"]] == "Violence and sexual offences" & !is.na(d$Longitude), ]
}))
pts <- st_transform(st_as_sf(crimes, coords = c("Longitude", "Latitude"), crs = 4326), 27700)
xy <- st_coordinates(pts)

# ---- 1. Gi / Gi* on 1 km cells over central Cardiff (15 x 12 km window, zero cells included) ----
x0 <- 310000; y0 <- 170000; nx <- 15; ny <- 12; cell <- 1000
inside <- xy[, 1] >= x0 & xy[, 1] < x0 + nx * cell & xy[, 2] >= y0 & xy[, 2] < y0 + ny * cell
ci <- floor((xy[inside, 1] - x0) / cell); cj <- floor((xy[inside, 2] - y0) / cell)
counts <- table(factor(ci * ny + cj, levels = 0:(nx * ny - 1)))
grid <- expand.grid(j = 0:(ny - 1), i = 0:(nx - 1))
cells <- data.frame(id = sprintf("c%02d_%02d", grid$i, grid$j),
                    x = x0 + (grid$i + 0.5) * cell, y = y0 + (grid$j + 0.5) * cell,
                    value = as.numeric(counts[as.character(grid$i * ny + grid$j)]))
write_fixture(cells, "cardiff_violence_cells.csv")

band <- 2500  # no lattice distance equals 2500 m, so no pair sits on the band edge
coords <- as.matrix(cells[, c("x", "y")])
nb <- dnearneigh(coords, 0, band)
nb_self <- include.self(nb)
z_star_b <- as.numeric(localG(cells$value, nb2listw(nb_self, style = "B")))
z_star_w <- as.numeric(localG(cells$value, nb2listw(nb_self, style = "W")))
z_gi_b <- as.numeric(localG(cells$value, nb2listw(nb, style = "B")))
z_gi_w <- as.numeric(localG(cells$value, nb2listw(nb, style = "W")))
p_star_b <- 2 * pnorm(abs(z_star_b), lower.tail = FALSE)
write_fixture(data.frame(id = cells$id, z_star_binary = z_star_b, z_star_row = z_star_w,
                         z_gi_binary = z_gi_b, z_gi_row = z_gi_w,
                         p_star_binary = p_star_b, p_bh_star_binary = p.adjust(p_star_b, "BH")),
              "cardiff_violence_cells_localG_2500m.csv")

# ---- 2. Gi* with queen contiguity between Cardiff LSOAs (given neighbour lists) ----
lsoa <- st_read(file.path(data_dir, "boundaries", "wales_lsoa11_by_lad", "W06000015.json"), quiet = TRUE)
lsoa <- lsoa[order(lsoa$LSOA11CD), ]
lsoa_counts <- table(factor(crimes[["LSOA code"]], levels = lsoa$LSOA11CD))
lsoa_values <- as.numeric(lsoa_counts[lsoa$LSOA11CD])
sf_use_s2(FALSE)
queen <- poly2nb(st_make_valid(lsoa), queen = TRUE)
queen_self <- include.self(queen)
write_fixture(data.frame(id = lsoa$LSOA11CD, value = lsoa_values,
                         neighbours = sapply(queen, function(v) paste(lsoa$LSOA11CD[v[v > 0]], collapse = ";"))),
              "cardiff_violence_lsoa_queen.csv")
write_fixture(data.frame(id = lsoa$LSOA11CD,
                         z_star_binary = as.numeric(localG(lsoa_values, nb2listw(queen_self, style = "B", zero.policy = TRUE), zero.policy = TRUE)),
                         z_star_row = as.numeric(localG(lsoa_values, nb2listw(queen_self, style = "W", zero.policy = TRUE), zero.policy = TRUE))),
              "cardiff_violence_lsoa_queen_localG.csv")

# ---- 3. DBSCAN on violence locations in central Cardiff (snapped police.uk points, many duplicates) ----
central <- xy[, 1] >= 314000 & xy[, 1] < 322000 & xy[, 2] >= 173000 & xy[, 2] < 180000
dpts <- data.frame(id = sprintf("v%04d", seq_len(sum(central))), x = xy[central, 1], y = xy[central, 2])
write_fixture(dpts, "cardiff_violence_points.csv")
runs <- list(c(eps = 150, minPts = 5), c(eps = 75, minPts = 4), c(eps = 300, minPts = 25))
labels <- data.frame(id = dpts$id)
for (r in runs) {
  res <- dbscan(as.matrix(dpts[, c("x", "y")]), eps = r[["eps"]], minPts = r[["minPts"]])
  core <- is.corepoint(as.matrix(dpts[, c("x", "y")]), eps = r[["eps"]], minPts = r[["minPts"]])
  labels[[sprintf("cluster_eps%g_min%g", r[["eps"]], r[["minPts"]])]] <- res$cluster
  labels[[sprintf("core_eps%g_min%g", r[["eps"]], r[["minPts"]])]] <- as.integer(core)
}
write.csv(labels, file.path(out, "cardiff_violence_points_dbscan.csv"), row.names = FALSE, quote = FALSE)
cat("cells:", nrow(cells), " total count:", sum(cells$value), " lsoa:", nrow(lsoa),
    " points:", nrow(dpts), "\n")
for (nm in grep("^cluster", names(labels), value = TRUE)) cat(nm, "clusters:", max(labels[[nm]]),
  "noise:", sum(labels[[nm]] == 0), "\n")
