/* example: what a program outside this repository does with the installed
 * library, using only its public headers. It copies the shipped dataset,
 * appends a figure to the copy, projects the series and writes a chart of
 * it with its projection:
 *
 *   indicators-example [DATASET [FOLDER]]
 *
 * DATASET defaults to datasets/china-standardization.csv; the copy and the
 * chart (example.gp, and example.png when gnuplot is installed) go to
 * FOLDER (default: the current folder). Build it against an install with
 *   cc example.c $(pkg-config --cflags --libs indicators)
 * or with CMake: find_package(indicators) and indicators::indicators. */
#include <indicators/indicators.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INDICATOR "certification_bodies"

/* Copy the file `from` to `to`; a missing `from` is no error when
 * `optional`. Returns 0 or -1 (with a message). */
static int copy_file(const char *from, const char *to, int optional)
{
    FILE *in = fopen(from, "rb"), *out;
    char buf[8192];
    size_t n;
    int rc = 0;

    if (in == NULL)
        return optional ? 0 : (perror(from), -1);
    out = fopen(to, "wb");
    if (out == NULL) {
        perror(to);
        fclose(in);
        return -1;
    }
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            rc = -1;
    if (ferror(in) || fclose(out) != 0)
        rc = -1;
    fclose(in);
    return rc;
}

/* Copy the dataset's three files (observations, catalog, history) into
 * `folder` as example.csv, example.indicators.csv, example.history.csv. */
static int copy_dataset(const char *path, const char *folder, char *copy,
                        size_t size)
{
    static const char *const suffixes[] = {
        ".csv", ".indicators.csv", ".history.csv"
    };
    size_t stem = strlen(path) > 4 ? strlen(path) - 4 : 0, k;

    for (k = 0; k < 3; k++) {
        char from[1024], to[1024];
        snprintf(from, sizeof from, "%.*s%s", (int)stem, path, suffixes[k]);
        snprintf(to, sizeof to, "%s/example%s", folder, suffixes[k]);
        if (copy_file(from, to, k == 2) != 0)
            return -1;
    }
    snprintf(copy, size, "%s/example.csv", folder);
    return 0;
}

/* Append a figure for 2026 (marked as a forecast, status F: it is not a
 * published figure) and commit it. */
static int append_figure(const char *copy, ind_error *err)
{
    ind_dataset *ds = NULL;
    ind_reading r;
    int rc;

    memset(&r, 0, sizeof r);
    r.indicator = INDICATOR;
    r.year = 2026;
    r.status = 'F';
    r.source = "indicators-example";
    r.note = "an illustration, not a published figure";
    rc = ind_dataset_open(&ds, copy, IND_OPEN_WRITE, err);
    if (rc == IND_OK)
        rc = ind_dataset_add(ds, &r, "1,500", 0, err);
    if (rc == IND_OK)
        rc = ind_dataset_commit(ds, err);
    ind_dataset_free(ds);
    return rc;
}

/* The series of INDICATOR in the dataset at `path`. */
static int load_series(const char *path, ind_series **out, ind_error *err)
{
    ind_dataset *ds = NULL;
    size_t at;
    int rc = ind_dataset_open(&ds, path, IND_OPEN_READ, err);

    if (rc == IND_OK)
        rc = ind_dataset_find_series(ds, INDICATOR, NULL, &at, err);
    if (rc == IND_OK)
        rc = ind_dataset_series(ds, at, out, err);
    ind_dataset_free(ds);
    return rc;
}

/* Write the chart of the series and its projection to `script`. */
static int write_chart(const ind_series *s, const ind_projection *p,
                       const char *script, ind_error *err)
{
    ind_chart_options opts = IND_CHART_OPTIONS_INIT;
    ind_chart_series cs = IND_CHART_SERIES_INIT;
    size_t n = ind_series_length(s), h = ind_projection_horizon(p), i;
    int *years = malloc((n + h + 1) * sizeof *years);
    ind_chart *chart = NULL;
    int rc;

    if (years == NULL)
        return IND_ENOMEM;
    for (i = 0; i < h; i++)
        years[n + i] = ind_projection_first_year(p) + (int)i;
    cs.name = "Certification bodies";
    cs.unit = ind_series_unit(s);
    cs.length = n;
    cs.years = ind_series_years(s);
    cs.values = ind_series_values(s);
    cs.projection.model = ind_projection_method(p);
    cs.projection.length = h;
    cs.projection.years = years + n;
    cs.projection.mean = ind_projection_mean(p);
    cs.projection.lower80 = ind_projection_lower(p, 0);
    cs.projection.upper80 = ind_projection_upper(p, 0);
    cs.projection.lower95 = ind_projection_lower(p, 1);
    cs.projection.upper95 = ind_projection_upper(p, 1);
    rc = ind_chart_new(&chart, &opts, err);
    if (rc == IND_OK)
        rc = ind_chart_add(chart, &cs, err);
    if (rc == IND_OK)
        rc = ind_chart_write(chart, script, err);
    ind_chart_free(chart);
    free(years);
    return rc;
}

int main(int argc, char **argv)
{
    const char *dataset = argc > 1 ? argv[1]
                                   : "datasets/china-standardization.csv";
    const char *folder = argc > 2 ? argv[2] : ".";
    ind_projection_options popts = IND_PROJECTION_OPTIONS_INIT;
    ind_error err = IND_ERROR_INIT;
    ind_projection *p = NULL;
    ind_series *s = NULL;
    char copy[1024], script[1024];
    int rc;

    ind_library_init();
    printf("libindicators %s\n", ind_version());
    if (copy_dataset(dataset, folder, copy, sizeof copy) != 0)
        return 1;
    popts.model = IND_MODEL_LINEAR;
    snprintf(script, sizeof script, "%s/example.gp", folder);
    rc = append_figure(copy, &err);
    if (rc == IND_OK)
        rc = load_series(copy, &s, &err);
    if (rc == IND_OK)
        rc = ind_projection_fit_series(&p, s, 2030, &popts, &err);
    if (rc == IND_OK)
        rc = write_chart(s, p, script, &err);
    if (rc == IND_OK) {
        printf("%s: %zu years to %d, projected to 2030: %.0f\n", INDICATOR,
               ind_series_length(s), ind_series_years(s)[ind_series_length(s)
                                                         - 1],
               ind_projection_mean(p)[ind_projection_horizon(p) - 1]);
        printf("chart: %s\n", script);
        rc = ind_chart_render(script, IND_CHART_PNG, NULL, &err);
        if (rc == IND_EUNAVAILABLE)
            rc = IND_OK; /* no gnuplot: the script is the chart */
    }
    if (rc != IND_OK)
        fprintf(stderr, "indicators-example: %s\n", err.message);
    ind_projection_free(p);
    ind_series_free(s);
    return rc == IND_OK ? 0 : 1;
}
