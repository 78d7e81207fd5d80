/* fuzz_load: the dataset loader on observations, catalog and history made
 * from one input.
 *
 * Input: up to three parts separated by FUZZ_PART_SEPARATOR (0x1E): the
 * observations (always written), then the catalog and the history (each
 * written only when the input has that part). Checked:
 * - opening returns one of the documented codes and, but for out of
 *   memory, a handle; validation likewise;
 * - every diagnostic, error message and history field the CLI would print
 *   is one line of valid UTF-8 without control characters (a dataset must
 *   not be able to drive the terminal);
 * - a dataset that loads holds only readings that meet the field rules of
 *   dataset.h (id grammar, years -9999..9999, finite values, texts without
 *   controls or leading formula characters), and each of its series is
 *   either built or refused as a conflict;
 * - a dataset that loads and validates without error has no cell, in any
 *   column, known or not, header included, that a spreadsheet would run as
 *   a formula (a text starting with = + - @ that is not a figure), and no
 *   bidirectional override or isolate control (U+202A-U+202E,
 *   U+2066-U+2069), found by a CSV reader written here. */
#include "fuzz_util.h"
#include "indicators/dataset.h"
#include "indicators/series.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_line(const char *what, const char *s)
{
    FUZZ_CHECK(s != NULL, "%s is NULL", what);
    FUZZ_CHECK(fuzz_printable_utf8(s, strlen(s)), "%s is not one printable "
               "line: %s", what, s);
}

static void check_text_field(const char *what, const char *s)
{
    check_line(what, s);
    FUZZ_CHECK(strchr("=+-@", s[0]) == NULL || s[0] == '\0',
               "%s starts with a formula character: %s", what, s);
}

static void check_id(const char *s)
{
    size_t i, n = strlen(s);

    FUZZ_CHECK(n >= 1 && n <= 64, "id length %zu", n);
    for (i = 0; i < n; i++)
        FUZZ_CHECK((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                   (i > 0 && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
                              s[i] == '.' || s[i] == '-')),
                   "bad id '%s'", s);
}

static int check_change(void *ctx, const ind_change *c)
{
    const char *f[] = { c->time, c->action, c->indicator, c->entity, c->year,
                        c->as_of, c->old_value, c->new_value, c->old_source,
                        c->new_source, c->old_status, c->new_status,
                        c->old_note, c->new_note, c->old_role, c->new_role };
    size_t k;

    (void)ctx;
    for (k = 0; k < sizeof f / sizeof f[0]; k++)
        check_line("history field", f[k]);
    return IND_OK;
}

/* A figure in the loose sense: what a spreadsheet reads as a number. */
static int looks_numeric(const char *s, size_t n)
{
    size_t i = 0, digits = 0;

    if (i < n && s[i] == '-')
        i++;
    for (; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (!strchr(",.eE+-%", s[i]))
            return 0;
    }
    return digits > 0;
}

/* Is there a cell that check must refuse? Fields are unquoted and their
 * doubled quotes undone. */
static int hostile_cell(const char *s, size_t n)
{
    static const char *const bidi[] = {
        "\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac", "\xe2\x80\xad",
        "\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x81\xa7", "\xe2\x81\xa8",
        "\xe2\x81\xa9"
    };
    size_t i, k;

    if (n > 0 && strchr("=+-@\t\r", s[0]) != NULL && !looks_numeric(s, n))
        return 1;
    for (i = 0; i + 3 <= n; i++)
        for (k = 0; k < sizeof bidi / sizeof bidi[0]; k++)
            if (memcmp(s + i, bidi[k], 3) == 0)
                return 1;
    return 0;
}

/* Read a CSV text the RFC 4180 way (a BOM skipped) and say whether any
 * cell is hostile. */
static int has_hostile_cell(const char *s, size_t n)
{
    char *cell = malloc(n + 1);
    size_t i = 0, len;
    int quoted, found = 0;

    if (cell == NULL)
        fuzz_fail("out of memory");
    if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    while (i < n && !found) {
        len = 0;
        quoted = i < n && s[i] == '"';
        if (quoted) {
            for (i++; i < n; i++) {
                if (s[i] == '"' && i + 1 < n && s[i + 1] == '"')
                    cell[len++] = s[i++];
                else if (s[i] == '"')
                    break;
                else
                    cell[len++] = s[i];
            }
            i++;
        }
        /* A row ends at LF, CR LF, or a CR that ends the text. */
        while (i < n && s[i] != ',' && s[i] != '\n' &&
               !(s[i] == '\r' && (i + 1 == n || s[i + 1] == '\n')))
            cell[len++] = s[i++];
        found = hostile_cell(cell, len);
        if (i < n && s[i] == '\r')
            i++;
        i++;
    }
    free(cell);
    return found;
}

static void check_loaded(ind_dataset *ds)
{
    size_t i, n = ind_dataset_reading_count(ds);
    ind_reading r;
    ind_indicator ind;

    for (i = 0; i < n; i++) {
        FUZZ_CHECK(ind_dataset_reading(ds, i, &r, NULL) == IND_OK, "reading %zu", i);
        check_id(r.indicator);
        FUZZ_CHECK(r.year >= -9999 && r.year <= 9999, "year %d", r.year);
        FUZZ_CHECK(isfinite(r.value), "value not finite");
        check_text_field("entity", r.entity);
        check_text_field("unit", r.unit);
        check_text_field("source", r.source);
        check_text_field("note", r.note);
        check_line("as_of", r.as_of);
        FUZZ_CHECK(r.status == 0 || strchr("BDEFGIPUV", r.status) != NULL,
                   "status %d", r.status);
    }
    for (i = 0; i < ind_dataset_indicator_count(ds); i++) {
        FUZZ_CHECK(ind_dataset_indicator(ds, i, &ind, NULL) == IND_OK,
                   "indicator");
        check_id(ind.id);
        check_text_field("title", ind.title);
        check_text_field("description", ind.description);
    }
    for (i = 0; i < ind_dataset_series_count(ds); i++) {
        ind_series *s = NULL;
        ind_series_info info;
        ind_error err = IND_ERROR_INIT;
        int rc = ind_dataset_series(ds, i, &s, &err);
        FUZZ_CHECK(rc == IND_OK || rc == IND_EDATA, "series %zu: %d", i, rc);
        if (rc != IND_OK)
            check_line("conflict message", err.message);
        ind_series_free(s);
        FUZZ_CHECK(ind_dataset_series_info(ds, i, &info, NULL) == IND_OK,
                   "info");
        FUZZ_CHECK(info.first_year <= info.last_year && info.readings >= 1,
                   "series info");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char obs[512], cat[512], hist[512];
    const char *dir = fuzz_workdir();
    fuzz_part part[3];
    ind_dataset *ds = NULL;
    ind_error err = IND_ERROR_INIT;
    size_t i;
    int rc;

    fuzz_split(data, size, part, 3);
    snprintf(obs, sizeof obs, "%s/d.csv", dir);
    snprintf(cat, sizeof cat, "%s/d.indicators.csv", dir);
    snprintf(hist, sizeof hist, "%s/d.history.csv", dir);
    fuzz_clean_dir(dir);
    fuzz_write_file(obs, part[0].data, part[0].len);
    if (part[1].present)
        fuzz_write_file(cat, part[1].data, part[1].len);
    if (part[2].present)
        fuzz_write_file(hist, part[2].data, part[2].len);

    rc = ind_dataset_open(&ds, obs, IND_OPEN_READ, &err);
    FUZZ_CHECK(rc == IND_OK || rc == IND_EPARSE || rc == IND_EDATA ||
               rc == IND_EIO || rc == IND_ENOMEM, "open returned %d", rc);
    if (ds == NULL)
        return 0;
    if (rc != IND_OK)
        check_line("load error", err.message);
    else {
        check_loaded(ds);
        rc = ind_dataset_validate(ds, &err);
        FUZZ_CHECK(rc == IND_OK || rc == IND_EDATA, "validate returned %d", rc);
        if (rc != IND_OK)
            check_line("validation error", err.message);
        else
            FUZZ_CHECK(!has_hostile_cell(part[0].data, part[0].len) &&
                       !(part[1].present &&
                         has_hostile_cell(part[1].data, part[1].len)),
                       "check accepts a cell a spreadsheet would run, or a "
                       "bidirectional control");
        rc = ind_dataset_history(ds, check_change, NULL, &err);
        FUZZ_CHECK(rc == IND_OK || rc == IND_EPARSE || rc == IND_EIO,
                   "history walk returned %d", rc);
        if (rc != IND_OK)
            check_line("history error", err.message);
    }
    for (i = 0; i < ind_dataset_diagnostic_count(ds); i++) {
        const ind_diagnostic *d = ind_dataset_diagnostic(ds, i);
        check_line("diagnostic", d->message);
        check_line("diagnostic path", d->path);
    }
    ind_dataset_free(ds);
    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    ind_library_init();
    return 0;
}
