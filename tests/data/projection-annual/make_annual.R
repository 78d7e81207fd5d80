# make_annual.R: the second forecast development set, real yearly series
# from the sample data that Debian ships (gretl-data's .gdt files and R
# packages' annual data), written as datasets of this project with the
# last 6 years held out (the shape of ../shared/forecast-bench/).
#
#   apt-get install gretl-data r-cran-aer r-cran-plm \
#     r-cran-lmtest r-cran-strucchange r-cran-xml2
#   Rscript tests/data/projection-annual/make_annual.R [OUTDIR]
#
# Every rule below was fixed before any model was scored on the output.
# A series is kept when:
#   - it is yearly (a gretl time series of frequency 1, an R ts of
#     frequency 1, or one unit of a panel indexed by year);
#   - it is a level: not a dummy or a category (3 or fewer distinct values,
#     or gretl's discrete flag), not a log, growth rate, change or
#     difference (by name or label), not a time trend (constant first
#     difference), not constant;
#   - every value is > 0 (the scores are relative; competitions' yearly
#     series are positive);
#   - it has at least 20 consecutive observed years (14 to fit, 6 to
#     forecast, as the shortest yearly series of the M3 competition); only
#     the last stretch without a missing year is used, and of it only the
#     last 50 years;
#   - it is not a duplicate of a series already kept: the same years with
#     values in a constant ratio (the same figures in other units, or the
#     same data set shipped twice) to 6 significant digits.
# Sources are read in the order listed; the first copy of a duplicate wins.
suppressPackageStartupMessages({
  library(xml2)
})

args <- commandArgs(trailingOnly = TRUE)
outdir <- if (length(args) > 0) args[1] else "tests/data/projection-annual"
H <- 6
MIN_LEN <- 20
MAX_LEN <- 50

kept <- list()       # each: id, collection, source, label, years, values
seen <- list()       # normalised value vectors for duplicate detection
dropped <- integer(0)

drop <- function(why) {
  dropped[why] <<- if (why %in% names(dropped)) dropped[why] + 1L else 1L
  invisible(NULL)
}

is_transform <- function(name, label) {
  words <- "\\blog|logarithm|growth|change|differen|inflation|^lag"
  grepl("^(l_|ln|log|ld_|d_|dl_|g_)", name, ignore.case = TRUE) ||
    grepl(words, name, ignore.case = TRUE) ||
    grepl(words, label, ignore.case = TRUE)
}

add_series <- function(id, collection, source, name, label, years, values,
                       discrete = FALSE) {
  ok <- !is.na(values) & !is.na(years)
  years <- years[ok]; values <- as.numeric(values[ok])
  if (length(values) == 0) return(drop("empty"))
  if (discrete || length(unique(values)) <= 3) return(drop("dummy or category"))
  if (is_transform(name, label)) return(drop("log, rate of change or difference"))
  # the last stretch of consecutive years
  breaks <- which(diff(years) != 1)
  if (length(breaks) > 0) {
    start <- max(breaks) + 1
    years <- years[start:length(years)]; values <- values[start:length(values)]
  }
  if (length(values) > MAX_LEN) {
    keep <- (length(values) - MAX_LEN + 1):length(values)
    years <- years[keep]; values <- values[keep]
  }
  if (length(values) < MIN_LEN) return(drop("shorter than 20 years"))
  if (any(values <= 0)) return(drop("a value <= 0"))
  d <- diff(values)
  if (max(abs(d - d[1])) <= 1e-9 * max(abs(values))) return(drop("time trend or constant"))
  key <- paste(years[1], length(values),
               paste(signif(values / values[length(values)], 6), collapse = ","))
  if (!is.null(seen[[key]])) return(drop("duplicate"))
  seen[[key]] <<- id
  kept[[length(kept) + 1]] <<- list(id = id, collection = collection,
                                    source = source, label = label,
                                    years = years, values = values)
}

clean_id <- function(...) {
  id <- tolower(paste(..., sep = "_"))
  id <- gsub("[^a-z0-9_]+", "_", id)
  gsub("^_|_$", "", gsub("_+", "_", id))
}

# ---- gretl-data: /usr/share/gretl/data/*/*.gdt ----
read_gdt <- function(path) {
  doc <- read_xml(path)   # xml2 reads gzipped files too
  root <- xml_root(doc)
  if (xml_attr(root, "type") != "time-series" ||
      xml_attr(root, "frequency") != "1") return(NULL)
  start <- as.integer(xml_attr(root, "startobs"))
  vars <- xml_find_all(root, "./variables/variable")
  obs <- xml_text(xml_find_all(root, "./observations/obs"))
  m <- do.call(rbind, lapply(strsplit(trimws(obs), "[[:space:]]+"),
                             function(v) suppressWarnings(as.numeric(v))))
  list(name = xml_attr(root, "name"), start = start,
       vars = xml_attr(vars, "name"),
       labels = ifelse(is.na(xml_attr(vars, "label")), "",
                       xml_attr(vars, "label")),
       discrete = !is.na(xml_attr(vars, "discrete")) &
                  xml_attr(vars, "discrete") == "true",
       data = m)
}

gretl_dir <- "/usr/share/gretl/data"
for (coll in c("greene", "misc", "ramanathan")) {
  for (path in sort(Sys.glob(file.path(gretl_dir, coll, "*.gdt")))) {
    g <- tryCatch(read_gdt(path), error = function(e) NULL)
    if (is.null(g)) next
    years <- g$start + seq_len(nrow(g$data)) - 1
    for (j in seq_along(g$vars))
      add_series(clean_id("g", g$name, g$vars[j]), "gretl",
                 paste0("gretl-data ", coll, "/", basename(path)),
                 g$vars[j], g$labels[j], years, g$data[, j], g$discrete[j])
  }
}

# ---- R packages: annual time series ----
r_ts <- function(pkg, item) {
  e <- new.env()
  data(list = item, package = pkg, envir = e)
  x <- get(item, envir = e)
  if (is.data.frame(x)) {   # a data frame of ts columns (strucchange)
    yrs <- x$year
    for (v in names(x)) {
      if (v == "year" || !is.numeric(x[[v]])) next
      add_series(clean_id("r", item, v), "R series",
                 paste0("R ", pkg, "::", item), v, "", yrs, x[[v]])
    }
    return(invisible())
  }
  x <- as.ts(x)
  yrs <- as.integer(round(time(x)))
  m <- as.matrix(x)
  nm <- if (is.null(colnames(m))) item else colnames(m)
  for (j in seq_len(ncol(m)))
    add_series(clean_id("r", item, if (ncol(m) == 1) "" else nm[j]),
               "R series", paste0("R ", pkg, "::", item), nm[j], "", yrs,
               m[, j])
}

for (s in list(c("AER", "BenderlyZwick"), c("AER", "ChinaIncome"),
               c("AER", "KleinI"), c("AER", "Longley"),
               c("AER", "ManufactCosts"), c("AER", "MotorCycles2"),
               c("AER", "TechChange"), c("AER", "TradeCredit"),
               c("AER", "USConsump1993"), c("AER", "USGasB"),
               c("AER", "USGasG"), c("datasets", "LakeHuron"),
               c("datasets", "Nile"), c("datasets", "airmiles"),
               c("datasets", "lynx"), c("datasets", "nhtemp"),
               c("lmtest", "ChickEgg"), c("lmtest", "moneydemand"),
               c("lmtest", "unemployment"), c("lmtest", "USDistLag"),
               c("lmtest", "wages"), c("strucchange", "Grossarl")))
  r_ts(s[1], s[2])

# ---- R packages: panels indexed by year (one series per unit) ----
r_panel <- function(pkg, item, unit, year, vars, year_offset = 0) {
  e <- new.env()
  data(list = item, package = pkg, envir = e)
  x <- get(item, envir = e)
  yrs <- as.integer(as.character(x[[year]])) + year_offset
  for (u in sort(unique(as.character(x[[unit]])))) {
    rows <- which(as.character(x[[unit]]) == u)
    rows <- rows[order(yrs[rows])]
    for (v in vars)
      add_series(clean_id("r", item, u, v), paste("R panel", item),
                 paste0("R ", pkg, "::", item, " (", unit, " ", u, ")"), v,
                 "", yrs[rows], x[[v]][rows])
  }
}

r_panel("AER", "Grunfeld", "firm", "year", c("invest", "value", "capital"))
r_panel("AER", "NaturalGas", "state", "year",
        c("consumption", "price", "eprice", "oprice", "lprice", "heating",
          "income"))
r_panel("plm", "Cigar", "state", "year",
        c("price", "pop", "pop16", "cpi", "ndi", "sales", "pimin"), 1900)
r_panel("AER", "Guns", "state", "year",
        c("violent", "murder", "robbery", "prisoners", "afam", "cauc",
          "male", "population", "income", "density"))
r_panel("plm", "SumHes", "country", "year", c("pop", "gdp", "sr"))

# ---- write ----
fmt <- function(v) trimws(formatC(v, digits = 12, format = "g"))
train <- file(file.path(outdir, "annual.csv"), "w")
test <- file(file.path(outdir, "annual-test.csv"), "w")
cat("indicator,year,value\n", file = train)
cat("indicator,year,value\n", file = test)
cat_rows <- data.frame()
for (s in kept) {
  n <- length(s$values)
  fit <- seq_len(n - H)
  writeLines(paste(s$id, s$years[fit], fmt(s$values[fit]), sep = ","), train)
  writeLines(paste(s$id, s$years[-fit], fmt(s$values[-fit]), sep = ","), test)
  cat_rows <- rbind(cat_rows, data.frame(
    indicator = s$id, collection = s$collection, source = s$source,
    first = s$years[1], last = s$years[n], training = n - H,
    description = gsub("[\r\n\"]+", " ", s$label)))
}
close(train); close(test)
write.csv(cat_rows, file.path(outdir, "annual.sources.csv"), row.names = FALSE)
cat(sprintf("kept %d series (%d training rows)\n", length(kept),
            sum(cat_rows$training)))
print(table(cat_rows$collection))
print(dropped)
