/* example: what a program outside this repository does with the installed
 * library, with its public headers only: copy the shipped dataset, append
 * a figure to the copy, project the series and write its chart with the
 * projection.
 *
 *   indicators-example [DATASET [FOLDER]]
 *
 * DATASET defaults to datasets/china-standardization.csv; the copy
 * (example.csv and its catalog) and the chart (example.gp, and
 * example.png when gnuplot is installed) go to FOLDER, default ".".
 * Build it against an install with
 *   cc example.c $(pkg-config --cflags --libs indicators)
 * or with CMake: find_package(indicators), target indicators::indicators. */
#include <indicators/indicators.h>

#include <stdio.h>
#include <string.h>

/* Copy file `from` to `to`. Returns 0 or -1. */
static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[8192];
    size_t n;
    int rc = in && out ? 0 : -1;

    while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
        rc = fwrite(buf, 1, n, out) == n ? 0 : -1;
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        rc = -1;
    return rc;
}

int main(int argc, char **argv)
{
    const char *dataset = argc > 1 ? argv[1]
                                   : "datasets/china-standardization.csv";
    const char *folder = argc > 2 ? argv[2] : ".";
    ind_compose_chart_options opts = IND_COMPOSE_CHART_OPTIONS_INIT;
    ind_error err = IND_ERROR_INIT;
    ind_chart_composition *chart = NULL;
    ind_compose_input input = { NULL, NULL, NULL };
    ind_dataset *ds = NULL;
    ind_series *series = NULL;
    ind_reading r;
    char copy[1024], catalog[1024], script[1024], shipped[1024];
    int rc;

    ind_library_init();
    /* The copy: the observations and the catalog (NAME.indicators.csv). */
    snprintf(copy, sizeof copy, "%s/example.csv", folder);
    snprintf(catalog, sizeof catalog, "%s/example.indicators.csv", folder);
    snprintf(shipped, sizeof shipped, "%.*s.indicators.csv",
             (int)(strlen(dataset) - 4), dataset);
    snprintf(script, sizeof script, "%s/example.gp", folder);
    if (copy_file(dataset, copy) != 0 || copy_file(shipped, catalog) != 0) {
        fprintf(stderr, "indicators-example: cannot copy %s\n", dataset);
        return 1;
    }

    /* Append a figure (status F: an illustration, not a published one). */
    memset(&r, 0, sizeof r);
    r.indicator = "certification_bodies";
    r.year = 2026;
    r.status = 'F';
    r.source = "indicators-example";
    rc = ind_dataset_open(&ds, copy, IND_OPEN_WRITE, &err);
    if (rc == IND_OK)
        rc = ind_dataset_add(ds, &r, "1,500", 0, &err);
    if (rc == IND_OK)
        rc = ind_dataset_commit(ds, &err);

    /* Its series, projected to 2030 by a linear trend, as a chart. */
    if (rc == IND_OK)
        rc = ind_compose_series(&series, NULL, ds, r.indicator, NULL, &err);
    input.series = series;
    input.name = "Certification bodies";
    opts.project_to = 2030;
    opts.projection.model = IND_MODEL_LINEAR;
    if (rc == IND_OK)
        rc = ind_compose_chart(&chart, &input, 1, &opts, &err);
    if (rc == IND_OK)
        rc = ind_chart_write(ind_chart_composition_chart(chart), script,
                             &err);
    if (rc == IND_OK) {
        const ind_projection *p = ind_chart_composition_projection(chart, 0);
        printf("libindicators %s\n%s: projected to 2030: %.0f (%g%% range "
               "%.0f to %.0f)\nchart: %s\n", ind_version(), r.indicator,
               ind_projection_mean(p)[ind_projection_horizon(p) - 1],
               ind_projection_level(p, 0),
               ind_projection_lower(p, 0)[ind_projection_horizon(p) - 1],
               ind_projection_upper(p, 0)[ind_projection_horizon(p) - 1],
               script);
        rc = ind_chart_render(script, IND_CHART_PNG, NULL, &err);
        if (rc == IND_EUNAVAILABLE)
            rc = IND_OK; /* no gnuplot: the script is the chart */
    }
    if (rc != IND_OK)
        fprintf(stderr, "indicators-example: %s\n", err.message);
    ind_chart_composition_free(chart);
    ind_series_free(series);
    ind_dataset_free(ds);
    return rc == IND_OK ? 0 : 1;
}
