/* chart: the handle. Options and series are validated and copied here, text
 * cleaned on the way in, so the writer only ever sees safe, checked data. */
#include "chart_internal.h"
#include "array.h"
#include "atomicfile.h"
#include "error_internal.h"
#include "text.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define YEAR_LIMIT 9999

/* ---- Options ------------------------------------------------------------ */

/* The command line as one cleaned, shell-quoted text ("" for none). */
static char *command_text(int argc, const char *const *argv)
{
    char *cmd = calloc(1, 1), *word;
    size_t len = 0;
    int i;

    for (i = 0; cmd != NULL && argv != NULL && i < argc; i++) {
        word = chart_text_clean(argv[i]);
        if (word == NULL || chart_shell_append(&cmd, &len, word) != 0) {
            free(cmd);
            cmd = NULL;
        }
        free(word);
    }
    return cmd;
}

static int check_options(const ind_chart_options *o, ind_error *err)
{
    if (o->version != IND_CHART_OPTIONS_VERSION)
        return ind_error_set(err, IND_EINVAL, "chart options: version %u is "
                             "not %d (initialise with IND_CHART_OPTIONS_INIT)",
                             o->version, IND_CHART_OPTIONS_VERSION);
    if ((unsigned)o->kind > IND_CHART_INDEX)
        return ind_error_set(err, IND_EINVAL, "chart options: unknown kind %d",
                             (int)o->kind);
    if ((unsigned)o->layout > IND_CHART_LAYOUT_PANELS)
        return ind_error_set(err, IND_EINVAL, "chart options: unknown layout "
                             "%d", (int)o->layout);
    if ((o->width != 0 && (o->width < IND_CHART_MIN_WIDTH ||
                           o->width > IND_CHART_MAX_SIDE)) ||
        (o->height != 0 && (o->height < IND_CHART_MIN_HEIGHT ||
                            o->height > IND_CHART_MAX_SIDE)))
        return ind_error_set(err, IND_EINVAL, "chart size %ux%u is outside "
                             "%dx%d to %dx%d pixels", o->width, o->height,
                             IND_CHART_MIN_WIDTH, IND_CHART_MIN_HEIGHT,
                             IND_CHART_MAX_SIDE, IND_CHART_MAX_SIDE);
    if (o->kind == IND_CHART_INDEX &&
        (o->base_year == 0 || abs(o->base_year) > YEAR_LIMIT))
        return ind_error_set(err, IND_EINVAL, "an index chart needs a base "
                             "year (the year whose value is 100)");
    if (o->dataset_sha256 != NULL && !ind_sha256_is_hex(o->dataset_sha256))
        return ind_error_set(err, IND_EINVAL, "dataset SHA-256 must be 64 hex "
                             "digits");
    if (o->argc < 0)
        return ind_error_set(err, IND_EINVAL, "chart options: argc < 0");
    if ((unsigned)o->lang >= IND_LANG_COUNT)
        return ind_error_set(err, IND_EINVAL, "chart options: unknown "
                             "language %d", (int)o->lang);
    return IND_OK;
}

/* Fill the provenance fields: cleaned path, digest, command, time. */
static int set_provenance(ind_chart *c, const ind_chart_options *o,
                          ind_error *err)
{
    size_t i;
    int rc;

    c->dataset_path = chart_text_clean(o->dataset_path);
    c->command = command_text(o->argc, o->argv);
    if (c->dataset_path == NULL || c->command == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    if (o->dataset_sha256 != NULL) {
        for (i = 0; i < 2 * IND_SHA256_DIGEST_SIZE; i++)
            c->sha256[i] = (char)tolower((unsigned char)o->dataset_sha256[i]);
        c->sha256[i] = '\0';
    } else if (o->dataset_path != NULL) {
        rc = ind_sha256_file_hex(c->sha256, o->dataset_path, err);
        if (rc != IND_OK)
            return rc;
    }
    c->created = o->created != 0 ? o->created : time(NULL);
    return IND_OK;
}

int ind_chart_new(ind_chart **out, const ind_chart_options *opts,
                  ind_error *err)
{
    static const ind_chart_options defaults = IND_CHART_OPTIONS_INIT;
    ind_chart *c;
    int rc;

    if (out == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_chart_new: NULL out");
    *out = NULL;
    if (opts == NULL)
        opts = &defaults;
    rc = check_options(opts, err);
    if (rc != IND_OK)
        return rc;
    c = calloc(1, sizeof *c);
    if (c == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    c->kind = opts->kind;
    c->layout = opts->layout;
    c->lang = opts->lang;
    c->base_year = opts->base_year;
    c->width = opts->width ? opts->width : IND_CHART_DEFAULT_WIDTH;
    c->height = opts->height ? opts->height : IND_CHART_DEFAULT_HEIGHT;
    c->title = chart_text_clean(opts->title);
    c->subtitle = chart_text_clean(opts->subtitle);
    c->source_line = chart_text_clean(opts->source_line);
    c->ylabel = chart_text_clean(opts->ylabel);
    c->note = chart_text_clean(opts->note);
    rc = c->title && c->subtitle && c->source_line && c->ylabel && c->note
             ? set_provenance(c, opts, err)
             : ind_error_set(err, IND_ENOMEM, "out of memory");
    if (rc != IND_OK) {
        ind_chart_free(c);
        return rc;
    }
    *out = c;
    return IND_OK;
}

static void series_release(chart_series *s)
{
    size_t k;

    free(s->name);
    free(s->unit);
    free(s->model);
    free(s->years);
    free(s->values);
    free(s->marks);
    free(s->pyears);
    free(s->pmean);
    for (k = 0; k < IND_CHART_MAX_BANDS; k++) {
        free(s->plo[k]);
        free(s->phi[k]);
    }
    memset(s, 0, sizeof *s);
}

void ind_chart_free(ind_chart *chart)
{
    size_t i;

    if (chart == NULL)
        return;
    for (i = 0; i < chart->n_series; i++)
        series_release(&chart->series[i]);
    for (i = 0; i < chart->n_sources; i++)
        free(chart->sources[i]);
    free(chart->sources);
    for (i = 0; i < chart->n_source_names; i++)
        free(chart->source_names[i]);
    free(chart->source_names);
    free(chart->title);
    free(chart->subtitle);
    free(chart->source_line);
    free(chart->ylabel);
    free(chart->note);
    free(chart->dataset_path);
    free(chart->command);
    free(chart);
}

size_t ind_chart_count(const ind_chart *chart)
{
    return chart ? chart->n_series : 0;
}

/* ---- Series validation ----------------------------------------------- */

static int check_points(const ind_chart *c, const ind_chart_series *s,
                        const char *nm, ind_error *err)
{
    size_t i;

    if (s->length == 0 || s->years == NULL || s->values == NULL)
        return ind_error_set(err, IND_EINVAL, "series '%s' has no points",
                             nm);
    for (i = 0; i < s->length; i++) {
        if (abs(s->years[i]) > YEAR_LIMIT ||
            (i > 0 && s->years[i] <= s->years[i - 1]))
            return ind_error_set(err, IND_EINVAL, "series '%s': years "
                                 "must ascend strictly within -%d..%d (%d "
                                 "at point %zu)", nm, YEAR_LIMIT,
                                 YEAR_LIMIT, s->years[i], i + 1);
        if (!isfinite(s->values[i]))
            return ind_error_set(err, IND_EINVAL, "series '%s': the value "
                                 "for %d is not finite", nm, s->years[i]);
        if (s->marks != NULL && (unsigned)s->marks[i] > IND_CHART_MARK_ALL)
            return ind_error_set(err, IND_EINVAL, "series '%s': unknown "
                                 "mark %d for %d", nm, (int)s->marks[i],
                                 s->years[i]);
        if (c->kind == IND_CHART_INDEX && s->years[i] == c->base_year &&
            fabs(s->values[i] - 100.0) > 1e-6)
            return ind_error_set(err, IND_EINVAL, "series '%s': an index "
                                 "must be 100 in its base year %d", nm,
                                 c->base_year);
    }
    return IND_OK;
}

/* Bands: at most IND_CHART_MAX_BANDS, each with both bounds, levels
 * ascending in (0, 100). */
static int check_bands(const char *nm, const ind_chart_projection *p,
                       ind_error *err)
{
    size_t j;

    if (p->nbands > IND_CHART_MAX_BANDS)
        return ind_error_set(err, IND_EINVAL, "series '%s': %zu intervals, "
                             "at most %d are drawn", nm, p->nbands,
                             IND_CHART_MAX_BANDS);
    for (j = 0; j < p->nbands; j++) {
        const ind_chart_band *b = &p->bands[j];
        if (!(b->level > 0.0 && b->level < 100.0) ||
            (j > 0 && !(b->level > p->bands[j - 1].level)))
            return ind_error_set(err, IND_EINVAL, "series '%s': interval "
                                 "levels must ascend within (0, 100) (%g)",
                                 nm, b->level);
        if (b->lower == NULL || b->upper == NULL)
            return ind_error_set(err, IND_EINVAL, "series '%s': the %g%% "
                                 "interval needs both bounds", nm, b->level);
    }
    return IND_OK;
}

/* Outer lower <= inner lower <= mean <= inner upper <= outer upper, all
 * finite, at point i. */
static int band_ordered(const ind_chart_projection *p, size_t i)
{
    double v[2 * IND_CHART_MAX_BANDS + 1];
    size_t n = 0, j, k;

    for (j = p->nbands; j-- > 0;)
        v[n++] = p->bands[j].lower[i];
    v[n++] = p->mean[i];
    for (j = 0; j < p->nbands; j++)
        v[n++] = p->bands[j].upper[i];
    for (k = 0; k < n; k++)
        if (!isfinite(v[k]) || (k > 0 && v[k] < v[k - 1]))
            return 0;
    return 1;
}

static int check_projection(const ind_chart *c, const ind_chart_series *s,
                            const char *nm, ind_error *err)
{
    const ind_chart_projection *p = &s->projection;
    size_t i;
    int rc;

    if (p->length == 0)
        return IND_OK;
    if (c->kind == IND_CHART_GROWTH)
        return ind_error_set(err, IND_EINVAL, "series '%s': a growth "
                             "chart draws no projection", nm);
    if (p->years == NULL || p->mean == NULL)
        return ind_error_set(err, IND_EINVAL, "series '%s': the "
                             "projection has no years or means", nm);
    rc = check_bands(nm, p, err);
    if (rc != IND_OK)
        return rc;
    for (i = 0; i < p->length; i++) {
        int prev = i > 0 ? p->years[i - 1] : s->years[s->length - 1];
        if (p->years[i] <= prev || abs(p->years[i]) > YEAR_LIMIT)
            return ind_error_set(err, IND_EINVAL, "series '%s': projected "
                                 "years must follow the last actual year and "
                                 "ascend (%d)", nm, p->years[i]);
        if (!band_ordered(p, i))
            return ind_error_set(err, IND_EINVAL, "series '%s': projection "
                                 "for %d is not finite or its bounds are not "
                                 "ordered", nm, p->years[i]);
    }
    return IND_OK;
}

/* ---- Copies ------------------------------------------------------------ */

static void *copy_array(const void *src, size_t n, size_t size, int *failed)
{
    void *dst;

    if (src == NULL || n == 0)
        return NULL;
    dst = malloc(n * size);
    if (dst == NULL)
        *failed = 1;
    else
        memcpy(dst, src, n * size);
    return dst;
}

static int copy_series(chart_series *d, const ind_chart_series *s)
{
    const ind_chart_projection *p = &s->projection;
    int failed = 0;
    size_t i;

    d->name = chart_text_clean(s->name);
    d->unit = chart_text_clean(s->unit);
    d->model = chart_text_clean(p->length ? p->model : NULL);
    d->n = s->length;
    d->years = copy_array(s->years, s->length, sizeof(int), &failed);
    d->values = copy_array(s->values, s->length, sizeof(double), &failed);
    d->marks = calloc(s->length, 1);
    if (d->marks != NULL && s->marks != NULL)
        for (i = 0; i < s->length; i++)
            d->marks[i] = (unsigned char)s->marks[i];
    d->pn = p->length;
    d->pyears = copy_array(p->years, p->length, sizeof(int), &failed);
    d->pmean = copy_array(p->mean, p->length, sizeof(double), &failed);
    d->pbands = p->length ? p->nbands : 0;
    for (i = 0; i < d->pbands; i++) {
        d->plevel[i] = p->bands[i].level;
        d->plo[i] = copy_array(p->bands[i].lower, p->length, sizeof(double),
                               &failed);
        d->phi[i] = copy_array(p->bands[i].upper, p->length, sizeof(double),
                               &failed);
    }
    if (failed || !d->name || !d->unit || !d->model || !d->marks)
        return -1;
    return 0;
}

/* Add a clean text (taking it) to a list unless it is empty or there
 * already; returns -1 when out of memory (the text is freed). */
static int add_unique(char ***list, size_t *n, size_t *cap, char *clean)
{
    size_t k;

    for (k = 0; k < *n && strcmp((*list)[k], clean); k++)
        ;
    if (clean[0] == '\0' || k < *n) {
        free(clean);
        return 0;
    }
    if (IND_ARRAY_RESERVE(*list, *cap, *n + 1) != 0) {
        free(clean);
        return -1;
    }
    (*list)[(*n)++] = clean;
    return 0;
}

/* Add the series' sources to the chart's lists (full texts for the
 * header, short names for the footer), skipping ones already in them. On
 * failure the lists may hold some of them: harmless, the caller reports
 * ENOMEM and the chart stays usable. */
static int add_sources(ind_chart *c, const ind_chart_series *s)
{
    char *clean, *site;
    size_t i;
    int own = s->source_name != NULL && s->source_name[0] != '\0';

    if (own) {
        clean = chart_text_clean(s->source_name);
        if (clean == NULL || add_unique(&c->source_names, &c->n_source_names,
                                        &c->source_names_cap, clean) != 0)
            return -1;
    }
    for (i = 0; s->sources != NULL && i < s->n_sources; i++) {
        clean = chart_text_clean(s->sources[i]);
        if (clean == NULL)
            return -1;
        site = own ? NULL : chart_source_site(clean);
        if (!own && site == NULL) {
            free(clean);
            return -1;
        }
        if (add_unique(&c->sources, &c->n_sources, &c->sources_cap,
                       clean) != 0) {
            free(site);
            return -1;
        }
        if (!own && add_unique(&c->source_names, &c->n_source_names,
                               &c->source_names_cap, site) != 0)
            return -1;
    }
    return 0;
}

int ind_chart_add(ind_chart *chart, const ind_chart_series *series,
                  ind_error *err)
{
    chart_series *d;
    char nm[64];
    int rc;

    if (chart == NULL || series == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_chart_add: NULL argument");
    if (series->version != IND_CHART_SERIES_VERSION)
        return ind_error_set(err, IND_EINVAL, "chart series: version %u is "
                             "not %d (initialise with IND_CHART_SERIES_INIT)",
                             series->version, IND_CHART_SERIES_VERSION);
    if (series->name == NULL || series->name[0] == '\0')
        return ind_error_set(err, IND_EINVAL, "a chart series needs a name");
    if (chart->n_series == IND_CHART_MAX_SERIES)
        return ind_error_set(err, IND_EINVAL, "a chart holds at most %d "
                             "series", IND_CHART_MAX_SERIES);
    /* The name as it may appear in messages: printable, cut short. */
    ind_text_printable(nm, sizeof nm, series->name, strlen(series->name), 0);
    rc = check_points(chart, series, nm, err);
    if (rc == IND_OK)
        rc = check_projection(chart, series, nm, err);
    if (rc != IND_OK)
        return rc;
    d = &chart->series[chart->n_series];
    if (copy_series(d, series) != 0 || add_sources(chart, series) != 0) {
        series_release(d);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    chart->n_series++;
    return IND_OK;
}

/* ---- Writing ----------------------------------------------------------- */

int ind_chart_write_stream(const ind_chart *chart, FILE *stream,
                           ind_error *err)
{
    int rc;

    if (chart == NULL || stream == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_chart_write_stream: NULL "
                             "argument");
    rc = chart_script_write(stream, chart, NULL, err);
    if (rc != IND_OK)
        return rc;
    if (fflush(stream) != 0 || ferror(stream))
        return ind_error_set(err, IND_EWRITE, "cannot write the chart "
                             "script");
    return IND_OK;
}

int ind_chart_write(const ind_chart *chart, const char *path, ind_error *err)
{
    ind_atomic_file *f;
    int rc;

    if (chart == NULL || path == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_chart_write: NULL "
                             "argument");
    rc = ind_atomic_open(&f, path, err);
    if (rc != IND_OK)
        return rc;
    rc = chart_script_write(ind_atomic_stream(f), chart, path, err);
    if (rc != IND_OK) {
        ind_atomic_abort(f);
        return rc;
    }
    return ind_atomic_commit(f, err);
}

/* ---- Small helpers for callers ---------------------------------------- */

ind_chart_mark ind_chart_mark_stronger(ind_chart_mark a, ind_chart_mark b)
{
    unsigned m = ((unsigned)a | (unsigned)b) & IND_CHART_MARK_ALL;

    if (m & IND_CHART_MARK_PARTIAL)
        return IND_CHART_MARK_PARTIAL;
    if (m & IND_CHART_MARK_ESTIMATED)
        return IND_CHART_MARK_ESTIMATED;
    if (m & IND_CHART_MARK_DERIVED)
        return IND_CHART_MARK_DERIVED;
    return IND_CHART_MARK_NORMAL;
}

ind_chart_mark ind_chart_mark_of(const ind_point *point)
{
    unsigned m = IND_CHART_MARK_NORMAL;

    if (point == NULL)
        return IND_CHART_MARK_NORMAL;
    if (point->flags & IND_POINT_DERIVED)
        m |= IND_CHART_MARK_DERIVED;
    if (point->status == 'E' || point->status == 'P' || point->status == 'F')
        m |= IND_CHART_MARK_ESTIMATED;
    if (point->flags & IND_POINT_PARTIAL_YEAR)
        m |= IND_CHART_MARK_PARTIAL;
    return (ind_chart_mark)m;
}

static const char *const kind_names[] = { "line", "growth", "index" };
static const char *const format_names[] = { "png", "svg", "pdf" };

/* Index of text in names[0..n), or -1. */
static int name_index(const char *const *names, int n, const char *text)
{
    int i;

    for (i = 0; text != NULL && i < n; i++)
        if (strcmp(text, names[i]) == 0)
            return i;
    return -1;
}

int ind_chart_kind_parse(ind_chart_kind *out, const char *text,
                         ind_error *err)
{
    int i = name_index(kind_names, 3, text);

    if (out == NULL || i < 0)
        return ind_error_set(err, IND_EINVAL, "unknown chart kind '%.40s': "
                             "use line, growth or index",
                             text ? text : "(null)");
    *out = (ind_chart_kind)i;
    return IND_OK;
}

int ind_chart_format_parse(ind_chart_format *out, const char *text,
                           ind_error *err)
{
    int i = name_index(format_names, 3, text);

    if (out == NULL || i < 0)
        return ind_error_set(err, IND_EINVAL, "unknown picture format '%.40s'"
                             ": use png, svg or pdf", text ? text : "(null)");
    *out = (ind_chart_format)i;
    return IND_OK;
}

const char *ind_chart_format_extension(ind_chart_format format)
{
    return (unsigned)format <= IND_CHART_PDF ? format_names[format] : "";
}

/* Digits of a size side: 1 to 5 of them. Returns the end, or NULL. */
static const char *parse_side(const char *p, unsigned *value)
{
    unsigned long v = 0;
    int n = 0;

    while (*p >= '0' && *p <= '9' && n < 6) {
        v = v * 10 + (unsigned long)(*p++ - '0');
        n++;
    }
    if (n == 0 || n > 5)
        return NULL;
    *value = (unsigned)v;
    return p;
}

int ind_chart_size_parse(unsigned *width, unsigned *height, const char *text,
                         ind_error *err)
{
    unsigned w = 0, h = 0;
    const char *p = text ? parse_side(text, &w) : NULL;

    if (p != NULL && (*p == 'x' || *p == 'X'))
        p = parse_side(p + 1, &h);
    else
        p = NULL;
    if (width == NULL || height == NULL || p == NULL || *p != '\0')
        return ind_error_set(err, IND_EINVAL, "size '%.40s' is not WIDTHxHEIGHT "
                             "in pixels (960x600)", text ? text : "(null)");
    if (w < IND_CHART_MIN_WIDTH || h < IND_CHART_MIN_HEIGHT ||
        w > IND_CHART_MAX_SIDE || h > IND_CHART_MAX_SIDE)
        return ind_error_set(err, IND_EINVAL, "size %ux%u is outside %dx%d to "
                             "%dx%d pixels", w, h, IND_CHART_MIN_WIDTH,
                             IND_CHART_MIN_HEIGHT, IND_CHART_MAX_SIDE,
                             IND_CHART_MAX_SIDE);
    *width = w;
    *height = h;
    return IND_OK;
}

int ind_chart_output_path(char **out, const char *script_path,
                          ind_chart_format format, ind_error *err)
{
    const char *ext = ind_chart_format_extension(format);
    size_t len, stem;

    if (out == NULL || script_path == NULL || ext[0] == '\0')
        return ind_error_set(err, IND_EINVAL, "ind_chart_output_path: NULL "
                             "argument or unknown format");
    len = strlen(script_path);
    stem = len;
    if (len > 3 && strcmp(script_path + len - 3, ".gp") == 0 &&
        script_path[len - 4] != '/')
        stem = len - 3;
    *out = malloc(stem + 5);
    if (*out == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    memcpy(*out, script_path, stem);
    (*out)[stem] = '.';
    memcpy(*out + stem + 1, ext, 4);
    return IND_OK;
}
