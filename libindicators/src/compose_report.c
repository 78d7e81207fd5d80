/* compose_report: a whole dataset made into a report: each indicator's
 * series (the choice rule), growth and projection, its chart drawn by
 * gnuplot, the dataset's check, in the report engine's document, written
 * as Markdown with pictures beside it or as one HTML file. */
#include "compose_report_internal.h"
#include "array.h"
#include "error_internal.h"
#include "indicators/version.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_AHEAD 5   /* years projected past the dataset's latest */

void report_ok(report_ctx *x, int rc)
{
    if (rc != IND_OK && x->rc == IND_OK)
        x->rc = rc;
}

void report_note(report_ctx *x, ind_severity sev, size_t item,
                 const char *text)
{
    ind_report_composition *c = x->res;
    char *copy;

    if (IND_ARRAY_RESERVE(c->notes, c->notes_cap, c->nnotes + 1) != 0 ||
        (copy = strdup(text)) == NULL) {
        report_ok(x, ind_error_set(x->err, IND_ENOMEM, "out of memory"));
        return;
    }
    c->notes[c->nnotes].severity = sev;
    c->notes[c->nnotes].series = item;
    c->notes[c->nnotes].text = copy;
    c->nnotes++;
}

static int add_file(report_ctx *x, const char *path)
{
    ind_report_composition *c = x->res;
    char *copy;

    if (IND_ARRAY_RESERVE(c->files, c->files_cap, c->nfiles + 1) != 0 ||
        (copy = strdup(path)) == NULL)
        return ind_error_set(x->err, IND_ENOMEM, "out of memory");
    c->files[c->nfiles++] = copy;
    return IND_OK;
}

/* ---- The indicators ------------------------------------------------------ */

static void item_release(report_item *it)
{
    free(it->name);
    ind_series_free(it->series);
    ind_growth_free(it->growth);
    ind_projection_free(it->proj);
    free(it->not_projected);
    free(it->image);
    free(it->svg);
    free(it->chart_problem);
}

/* The ids to report: the options', or every catalog indicator that has a
 * series for the entity. */
static int choose_ids(report_ctx *x, const char ***ids, size_t *n)
{
    const ind_compose_report_options *o = x->o;
    const char *entity = o->entity ? o->entity : "";
    size_t i, count = ind_dataset_indicator_count(x->ds), k = 0, s;
    ind_indicator ind;

    if (o->ids != NULL) {
        *ids = malloc((o->n_ids ? o->n_ids : 1) * sizeof **ids);
        if (*ids == NULL)
            return ind_error_set(x->err, IND_ENOMEM, "out of memory");
        for (i = 0; i < o->n_ids; i++)
            (*ids)[i] = o->ids[i];
        *n = o->n_ids;
        return IND_OK;
    }
    *ids = malloc((count ? count : 1) * sizeof **ids);
    if (*ids == NULL)
        return ind_error_set(x->err, IND_ENOMEM, "out of memory");
    for (i = 0; i < count; i++)
        if (ind_dataset_indicator(x->ds, i, &ind, NULL) == IND_OK &&
            ind_dataset_find_series(x->ds, ind.id, entity, &s, NULL) ==
                IND_OK)
            (*ids)[k++] = ind.id;
    *n = k;
    return IND_OK;
}

/* The projection year: the options', else five years past the latest
 * year of the dataset. Also the dataset's span. */
static void dataset_span(report_ctx *x)
{
    size_t i, n = ind_dataset_series_count(x->ds);
    ind_series_info info;

    x->first_year = x->last_year = 0;
    for (i = 0; i < n; i++) {
        if (ind_dataset_series_info(x->ds, i, &info, NULL) != IND_OK)
            continue;
        if (x->first_year == 0 || info.first_year < x->first_year)
            x->first_year = info.first_year;
        if (x->last_year == 0 || info.last_year > x->last_year)
            x->last_year = info.last_year;
    }
    x->project_to = x->o->project_to ? x->o->project_to
                                     : x->last_year + DEFAULT_AHEAD;
}

/* Fit one item's projection, or say why there is none. */
static void project_item(report_ctx *x, report_item *it, size_t i)
{
    char why[IND_ERROR_MESSAGE_SIZE + 64], year[16];
    size_t n = ind_series_length(it->series);
    ind_error perr = IND_ERROR_INIT;
    int last = ind_series_point(it->series, n - 1)->year;

    if (last >= x->project_to) {
        snprintf(year, sizeof year, "%d", last);
        report_fill(why, sizeof why, report_word_of(x->lang, CW_ALREADY),
                    year, NULL, NULL, NULL, NULL);
    } else if (ind_projection_fit_series(&it->proj, it->series, x->project_to,
                                         &x->o->projection, &perr) == IND_OK) {
        return;
    } else {
        report_fill(why, sizeof why, report_word_of(x->lang,
                                                    CW_NOT_PROJECTED),
                    perr.message, NULL, NULL, NULL, NULL);
    }
    it->not_projected = strdup(why);
    if (it->not_projected == NULL)
        report_ok(x, ind_error_set(x->err, IND_ENOMEM, "out of memory"));
    {
        /* One line, as the program's other messages: lower case after the
         * colon, the library's reason as it is. */
        char note[IND_ERROR_MESSAGE_SIZE + 160];
        if (last >= x->project_to)
            snprintf(note, sizeof note, "%s: not projected: the figures "
                     "already reach %d", it->ind.id, last);
        else
            snprintf(note, sizeof note, "%s: not projected: %s", it->ind.id,
                     perr.message);
        report_note(x, IND_SEVERITY_NOTE, i, note);
    }
}

static int load_item(report_ctx *x, report_item *it, const char *id,
                     size_t i)
{
    const char *entity = x->o->entity ? x->o->entity : "";
    size_t at;
    int rc;

    rc = ind_dataset_find_indicator(x->ds, id, &at, x->err);
    if (rc == IND_OK)
        rc = ind_dataset_indicator(x->ds, at, &it->ind, x->err);
    if (rc == IND_OK)
        rc = ind_dataset_find_series(x->ds, id, entity, &it->series_index,
                                     x->err);
    if (rc != IND_OK)
        return rc;
    rc = ind_compose_series(&it->series, &it->name, x->ds, id, entity,
                            &it->series_err);
    if (rc == IND_ENOMEM)
        return ind_error_set(x->err, IND_ENOMEM, "out of memory");
    if (rc != IND_OK) {
        /* An undecided conflict: the section says so; nothing else. */
        char note[IND_ERROR_MESSAGE_SIZE + 80];
        it->series = NULL;
        it->name = strdup(it->ind.title[0] ? it->ind.title : id);
        snprintf(note, sizeof note, "%s: not reported: %s", id,
                 it->series_err.message);
        report_note(x, IND_SEVERITY_WARNING, i, note);
        return it->name ? IND_OK
                        : ind_error_set(x->err, IND_ENOMEM, "out of memory");
    }
    rc = ind_growth_compute(&it->growth, it->series, NULL, x->err);
    if (rc == IND_OK)
        project_item(x, it, i);
    return rc == IND_ENOMEM ? rc : IND_OK;
}

static int load_items(report_ctx *x)
{
    const char **ids = NULL;
    size_t n = 0, i;
    int rc = choose_ids(x, &ids, &n);

    if (rc != IND_OK)
        return rc;
    if (n == 0) {
        free(ids);
        return ind_error_set(x->err, IND_EDOMAIN, "nothing to report: the "
                             "dataset has no series%s%s",
                             x->o->entity && x->o->entity[0] ? " for "
                                                             : "",
                             x->o->entity ? x->o->entity : "");
    }
    x->items = calloc(n, sizeof *x->items);
    if (x->items == NULL) {
        free(ids);
        return ind_error_set(x->err, IND_ENOMEM, "out of memory");
    }
    for (i = 0; rc == IND_OK && i < n; i++) {
        rc = load_item(x, &x->items[i], ids[i], i);
        x->n = i + 1;
    }
    free(ids);
    return rc;
}

/* ---- Charts ------------------------------------------------------------- */

/* "DIR/STEM-files" and "STEM-files" for a document path. */
static int files_folder(const char *path, char **dir, char **rel)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    size_t lead = (size_t)(base - path);

    *rel = malloc(stem + 8);
    *dir = malloc(lead + stem + 8);
    if (*rel == NULL || *dir == NULL)
        return -1;
    memcpy(*rel, base, stem);
    memcpy(*rel + stem, "-files", 7);
    memcpy(*dir, path, lead);
    memcpy(*dir + lead, *rel, stem + 7);
    return 0;
}

/* A temporary folder beside the document, for pictures read back. */
static char *temp_folder(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t lead = slash ? (size_t)(slash - path) + 1 : 0;
    char *dir = malloc(lead + 32);

    if (dir == NULL)
        return NULL;
    memcpy(dir, path, lead);
    memcpy(dir + lead, ".report-XXXXXX", 15);
    if (mkdtemp(dir) == NULL) {
        free(dir);
        return NULL;
    }
    return dir;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL, *grown;
    size_t n = 0, cap = 0, got;

    if (f == NULL)
        return NULL;
    do {
        if (IND_ARRAY_RESERVE(buf, cap, n + 65536) != 0) {
            free(buf);
            fclose(f);
            return NULL;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    grown = realloc(buf, n + 1);
    if (grown == NULL) {
        free(buf);
        return NULL;
    }
    grown[n] = '\0';
    *len = n;
    return grown;
}

/* The chart of one item: its line and projection. Returns IND_OK, or a
 * drawing failure the caller reports (gnuplot missing: every chart). */
static int compose_item_chart(report_ctx *x, report_item *it,
                              ind_chart_composition **comp, ind_error *err)
{
    ind_compose_chart_options co = IND_COMPOSE_CHART_OPTIONS_INIT;
    ind_compose_input in;

    in.series = it->series;
    in.name = it->name;
    in.source_name = it->ind.source_name;
    co.chart.kind = IND_CHART_LINE;
    co.chart.lang = x->lang;
    co.chart.created = x->o->created;
    co.chart.dataset_path = x->label;
    co.chart.dataset_sha256 = x->sha[0] ? x->sha : NULL;
    co.project_to = it->proj != NULL ? x->project_to : 0;
    co.projection = x->o->projection;
    return ind_compose_chart(comp, &in, 1, &co, err);
}

static void draw_item(report_ctx *x, report_item *it, size_t i,
                      const char *dir, const char *rel, int *missing)
{
    char path[4096], relpath[4096], msg[IND_ERROR_MESSAGE_SIZE + 64];
    ind_chart_composition *comp = NULL;
    ind_error err = IND_ERROR_INIT;
    ind_chart_format f = x->format == IND_REPORT_HTML ? IND_CHART_SVG
                                                      : IND_CHART_PNG;
    int rc;

    if (it->series == NULL || ind_series_length(it->series) < 2)
        return;
    snprintf(path, sizeof path, "%s/%s.%s", dir, it->ind.id,
             ind_chart_format_extension(f));
    snprintf(relpath, sizeof relpath, "%s/%s.%s", rel, it->ind.id,
             ind_chart_format_extension(f));
    rc = *missing ? IND_EUNAVAILABLE : compose_item_chart(x, it, &comp,
                                                          &err);
    if (rc == IND_OK)
        rc = ind_chart_draw(ind_chart_composition_chart(comp), path, f,
                            &x->o->render, &err);
    ind_chart_composition_free(comp);
    if (rc == IND_EUNAVAILABLE && !*missing) {
        *missing = 1;
        x->gnuplot = err;
    }
    if (rc == IND_ENOMEM) {
        report_ok(x, ind_error_set(x->err, IND_ENOMEM, "out of memory"));
        return;
    }
    if (rc != IND_OK) {
        report_fill(msg, sizeof msg, report_word_of(x->lang, CW_NO_GNUPLOT),
                    *missing ? x->gnuplot.message : err.message, NULL, NULL,
                    NULL, NULL);
        it->chart_problem = strdup(msg);
        snprintf(msg, sizeof msg, "%s: no chart: %s", it->ind.id,
                 *missing ? "gnuplot is not installed" : err.message);
        report_note(x, IND_SEVERITY_WARNING, i, msg);
        return;
    }
    if (x->format == IND_REPORT_HTML) {
        it->svg = slurp(path, &it->svg_len);
        unlink(path);
        if (it->svg == NULL)
            report_ok(x, ind_error_set(x->err, IND_EIO, "%s: cannot read "
                                       "the chart back", path));
    } else {
        it->image = strdup(relpath);
        report_ok(x, it->image ? add_file(x, path)
                               : ind_error_set(x->err, IND_ENOMEM,
                                               "out of memory"));
    }
}

/* Draw every chart: PNG pictures in STEM-files for Markdown, SVG read
 * back (and removed) for HTML. gnuplot missing: *missing is set and the
 * document says so in place of each chart. */
static int draw_charts(report_ctx *x, const char *path, int *missing)
{
    char *dir = NULL, *rel = NULL;
    size_t i;

    *missing = 0;
    if (x->format == IND_REPORT_HTML) {
        dir = temp_folder(path);
        rel = strdup("");
        if (dir == NULL || rel == NULL) {
            free(dir);
            free(rel);
            return ind_error_set(x->err, IND_EWRITE, "%s: cannot make a "
                                 "temporary folder beside it: %s", path,
                                 strerror(errno));
        }
    } else {
        if (files_folder(path, &dir, &rel) != 0) {
            free(dir);
            free(rel);
            return ind_error_set(x->err, IND_ENOMEM, "out of memory");
        }
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            int e = errno;
            free(dir);
            free(rel);
            return ind_error_set(x->err, IND_EWRITE, "cannot make the "
                                 "folder for the report's pictures: %s",
                                 strerror(e));
        }
    }
    for (i = 0; i < x->n && x->rc == IND_OK; i++)
        draw_item(x, &x->items[i], i, dir, rel, missing);
    /* the temporary folder, or a pictures' folder left empty */
    rmdir(dir);
    free(dir);
    free(rel);
    return x->rc;
}

/* ---- The whole ----------------------------------------------------------- */

static int check_options(const ind_compose_report_options *o,
                         ind_report_format format, ind_error *err)
{
    if (o->version != IND_COMPOSE_REPORT_OPTIONS_VERSION)
        return ind_error_set(err, IND_EINVAL, "report options: version %u "
                             "is not %d", o->version,
                             IND_COMPOSE_REPORT_OPTIONS_VERSION);
    if ((unsigned)format > IND_REPORT_HTML)
        return ind_error_set(err, IND_EINVAL, "report: unknown format %d",
                             (int)format);
    if ((unsigned)o->lang >= IND_LANG_COUNT)
        return ind_error_set(err, IND_EINVAL, "report: unknown language %d",
                             (int)o->lang);
    if (o->ids != NULL && o->n_ids == 0)
        return ind_error_set(err, IND_EINVAL, "report: an empty list of "
                             "indicators");
    return IND_OK;
}

/* "Yearly indicators: NAME" from the dataset's file name. */
static char *default_title(const report_ctx *x)
{
    const char *path = ind_dataset_path(x->ds), *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t len = strlen(base), size;
    char *name, *title;

    if (len > 4 && strcmp(base + len - 4, ".csv") == 0)
        len -= 4;
    name = strndup(base, len);
    if (name == NULL)
        return NULL;
    size = len + 256;
    title = malloc(size);
    if (title != NULL)
        report_fill(title, size, report_word_of(x->lang, CW_TITLE), name,
                    NULL, NULL, NULL, NULL);
    free(name);
    return title;
}

static int build(report_ctx *x, const char *path)
{
    ind_report_options ro = IND_REPORT_OPTIONS_INIT;
    char *title = NULL;
    int rc, missing = 0;

    rc = ind_sha256_file_hex(x->sha, ind_dataset_path(x->ds), x->err);
    if (rc == IND_OK)
        rc = load_items(x);
    if (rc == IND_OK)
        rc = ind_compose_check(&x->findings, x->ds, x->err);
    if (rc == IND_OK)
        rc = draw_charts(x, path, &missing);
    if (rc != IND_OK)
        return rc;
    title = x->o->title && x->o->title[0] ? strdup(x->o->title)
                                          : default_title(x);
    if (title == NULL)
        return ind_error_set(x->err, IND_ENOMEM, "out of memory");
    ro.title = title;
    ro.lang = x->lang;
    x->title = title;
    rc = ind_report_new(&x->r, &ro, x->err);
    if (rc == IND_OK) {
        report_opening(x);
        report_summary(x);
        report_sections(x);
        report_quality(x);
        report_methods(x);
        rc = x->rc;
    }
    if (rc == IND_OK)
        rc = ind_report_write(x->r, x->format, path, x->err);
    if (rc == IND_OK) {
        size_t i;
        x->res->indicators = x->n;
        for (i = 0; i < x->n; i++)
            x->res->charts += x->items[i].image || x->items[i].svg;
        x->res->sources = ind_report_source_count(x->r);
        rc = add_file(x, path);
        if (rc == IND_OK && x->res->nfiles > 1) {
            /* the document first */
            char *doc = x->res->files[x->res->nfiles - 1];
            memmove(x->res->files + 1, x->res->files,
                    (x->res->nfiles - 1) * sizeof *x->res->files);
            x->res->files[0] = doc;
        }
    }
    free(title);
    if (rc == IND_OK && missing)
        rc = ind_error_set(x->err, IND_EUNAVAILABLE, "the report is written "
                           "without its charts: %s", x->gnuplot.message);
    return rc;
}

int ind_compose_report(ind_report_composition **out, ind_dataset *ds,
                       const char *path, ind_report_format format,
                       const ind_compose_report_options *opts,
                       ind_error *err)
{
    static const ind_compose_report_options defaults =
        IND_COMPOSE_REPORT_OPTIONS_INIT;
    report_ctx x;
    size_t i;
    int rc;

    if (out == NULL || ds == NULL || path == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_compose_report: NULL "
                             "argument");
    *out = NULL;
    if (opts == NULL)
        opts = &defaults;
    rc = check_options(opts, format, err);
    if (rc != IND_OK)
        return rc;
    memset(&x, 0, sizeof x);
    x.ds = ds;
    x.o = opts;
    x.format = format;
    x.lang = opts->lang;
    x.err = err;
    x.label = opts->dataset_label ? opts->dataset_label
                                  : ind_dataset_path(ds);
    x.res = calloc(1, sizeof *x.res);
    if (x.res == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    dataset_span(&x);
    rc = build(&x, path);
    for (i = 0; i < x.n; i++)
        item_release(&x.items[i]);
    free(x.items);
    ind_findings_free(x.findings);
    ind_report_free(x.r);
    if (rc != IND_OK && rc != IND_EUNAVAILABLE) {
        ind_report_composition_free(x.res);
        return rc;
    }
    *out = x.res;
    return rc;
}

void ind_report_composition_free(ind_report_composition *c)
{
    size_t i;

    if (c == NULL)
        return;
    for (i = 0; i < c->nfiles; i++)
        free(c->files[i]);
    free(c->files);
    for (i = 0; i < c->nnotes; i++)
        free((char *)c->notes[i].text);
    free(c->notes);
    free(c);
}

size_t ind_report_composition_nfiles(const ind_report_composition *c)
{
    return c ? c->nfiles : 0;
}

const char *ind_report_composition_file(const ind_report_composition *c,
                                        size_t i)
{
    return c && i < c->nfiles ? c->files[i] : NULL;
}

size_t ind_report_composition_nindicators(const ind_report_composition *c)
{
    return c ? c->indicators : 0;
}

size_t ind_report_composition_ncharts(const ind_report_composition *c)
{
    return c ? c->charts : 0;
}

size_t ind_report_composition_nsources(const ind_report_composition *c)
{
    return c ? c->sources : 0;
}

size_t ind_report_composition_nnotes(const ind_report_composition *c)
{
    return c ? c->nnotes : 0;
}

const ind_compose_note *
ind_report_composition_note(const ind_report_composition *c, size_t i)
{
    return c && i < c->nnotes ? &c->notes[i] : NULL;
}
