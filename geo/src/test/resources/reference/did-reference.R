# Reference numbers for DidReferenceTest (run outside the build; CI does not need R):
#   cd geo/src/test/resources/reference && Rscript did-reference.R
# R 4.x with Debian r-cran-sandwich. Writes did-panel.csv (the input) and did-reference.csv.
library(sandwich)
set.seed(20261206)
G <- 14; T <- 10; first_post <- 7      # periods 1..6 pre, 7..10 post (1-based)
treated_units <- 1:4
d <- expand.grid(period = 1:T, unit = 1:G)
d$treated <- as.integer(d$unit %in% treated_units)
lambda <- 3 + d$unit * 0.4 + 0.3 * sin(d$period)
lambda <- lambda * ifelse(d$treated == 1 & d$period >= first_post, 0.7, 1)
d$y <- rpois(nrow(d), lambda)
write.csv(d[, c("unit", "period", "treated", "y")], "did-panel.csv", row.names = FALSE, quote = FALSE)

d$D <- d$treated * (d$period >= first_post)
fit <- lm(y ~ D + factor(unit) + factor(period), data = d)
V <- vcovCL(fit, cluster = ~unit, type = "HC1")
out <- data.frame(term = "did", estimate = coef(fit)["D"], se = sqrt(V["D", "D"]))

# Event study: one dummy per period for the treated units, the last pre-period (6) as reference.
ref <- first_post - 1
terms <- c()
for (s in setdiff(1:T, ref)) {
  nm <- paste0("es", s)
  d[[nm]] <- d$treated * (d$period == s)
  terms <- c(terms, nm)
}
fes <- lm(as.formula(paste("y ~", paste(terms, collapse = " + "), "+ factor(unit) + factor(period)")), data = d)
Ves <- vcovCL(fes, cluster = ~unit, type = "HC1")
out <- rbind(out, data.frame(term = terms, estimate = coef(fes)[terms], se = sqrt(diag(Ves)[terms])))
pre <- paste0("es", 1:(ref - 1))
b <- coef(fes)[pre]
W <- as.numeric(t(b) %*% solve(Ves[pre, pre]) %*% b)
out <- rbind(out, data.frame(term = "pretrend_wald", estimate = W, se = pchisq(W, length(pre), lower.tail = FALSE)))
write.csv(format(out, digits = 15), "did-reference.csv", row.names = FALSE, quote = FALSE)
