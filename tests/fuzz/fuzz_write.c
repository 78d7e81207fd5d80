/* fuzz_write: the write path: fuzzed changes applied to a fuzzed dataset,
 * committed, and the result reloaded.
 *
 * Input: parts separated by FUZZ_PART_SEPARATOR (0x1E): observations,
 * catalog, history (a part that is the single byte 0x00, or missing, is a
 * file that does not exist), then the changes: separated by 0x1D, each a
 * list of fields separated by 0x1F whose first field names the operation:
 *   a  append:  indicator entity year value unit status as_of source note role
 *   r  revise:  the same fields, with IND_ADD_REVISE
 *   c  copy reading N (ind_dataset_reading), give it source S and note T,
 *      add it back with IND_ADD_REVISE (value text V if given, else NULL):
 *      the natural way to revise through the API
 *   d  define:  id title unit kind description growth_of
 *   L  limit the size of any file written during the commit to N bytes
 *      (RLIMIT_FSIZE): a full disk at any point of the write
 *
 * The invariant of dataset.h, checked after every input:
 * - a commit that fails, or changes that are all refused, leave every file
 *   byte-identical and no new file but the lock;
 * - a commit fails only for a cause of its own: a file size limit
 *   (EWRITE), a row or a catalog that would pass the reader's limits
 *   (EDATA), a history the reader refuses (EPARSE); never for want of
 *   memory;
 * - a commit that succeeds leaves a dataset that loads, whose validation
 *   finds no error when it found none before, that holds every reading
 *   added (the last one given for a key), declares every indicator
 *   defined, whose history has no entry the observations lack, and whose
 *   history ends with one entry per change, each with its new value (and
 *   a revision its old one). */
#include "fuzz_util.h"
#include "indicators/dataset.h"
#include "indicators/number.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#define MAX_FIELDS 12
#define MAX_CHANGES 8

enum { P_OBS, P_CAT, P_HIST, P_CHANGES, NPARTS };

static const char *const file_names[3] = {
    "d.csv", "d.indicators.csv", "d.history.csv"
};

/* One field of a change, NUL-terminated in its own allocation. */
typedef struct change {
    char *field[MAX_FIELDS];
    size_t nfields;
} change;

/* A reading the dataset must hold after a successful commit. */
typedef struct expected {
    char *indicator, *entity, *as_of;
    int year;
    double value;
} expected;

typedef struct state {
    change changes[MAX_CHANGES];
    size_t nchanges;
    expected want[MAX_CHANGES];
    size_t nwant;
    char *defined[MAX_CHANGES];
    size_t ndefined;
    long limit;          /* RLIMIT_FSIZE for the commit, or -1 */
} state;

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);

    if (d == NULL)
        fuzz_fail("out of memory");
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static void parse_changes(state *st, const char *s, size_t len)
{
    size_t i = 0, start;

    while (i <= len && st->nchanges < MAX_CHANGES) {
        change *c = &st->changes[st->nchanges++];
        c->nfields = 0;
        for (start = i;; i++) {
            if (i == len || s[i] == 0x1d || s[i] == 0x1f) {
                if (c->nfields < MAX_FIELDS)
                    c->field[c->nfields++] = dup_n(s + start, i - start);
                if (i == len || s[i] == 0x1d)
                    break;
                start = i + 1;
            }
        }
        i++;
    }
}

static const char *field(const change *c, size_t k)
{
    return k < c->nfields ? c->field[k] : "";
}

static void free_state(state *st)
{
    size_t i, k;

    for (i = 0; i < st->nchanges; i++)
        for (k = 0; k < st->changes[i].nfields; k++)
            free(st->changes[i].field[k]);
    for (i = 0; i < st->nwant; i++) {
        free(st->want[i].indicator);
        free(st->want[i].entity);
        free(st->want[i].as_of);
    }
    for (i = 0; i < st->ndefined; i++)
        free(st->defined[i]);
}

/* Remember a reading that was added: it replaces one with the same key. */
static void expect(state *st, const ind_reading *r, double value)
{
    expected *e = NULL;
    size_t i;

    for (i = 0; i < st->nwant && e == NULL; i++)
        if (strcmp(st->want[i].indicator, r->indicator) == 0 &&
            strcmp(st->want[i].entity, r->entity ? r->entity : "") == 0 &&
            strcmp(st->want[i].as_of, r->as_of ? r->as_of : "") == 0 &&
            st->want[i].year == r->year)
            e = &st->want[i];
    if (e == NULL) {
        e = &st->want[st->nwant++];
        e->indicator = dup_n(r->indicator, strlen(r->indicator));
        e->entity = dup_n(r->entity ? r->entity : "",
                          strlen(r->entity ? r->entity : ""));
        e->as_of = dup_n(r->as_of ? r->as_of : "",
                         strlen(r->as_of ? r->as_of : ""));
        e->year = r->year;
    }
    e->value = value;
}

static ind_role role_of(const char *s)
{
    return strcmp(s, "primary") == 0 ? IND_ROLE_PRIMARY
           : strcmp(s, "alternate") == 0 ? IND_ROLE_ALTERNATE : IND_ROLE_NONE;
}

/* Apply one change; returns 1 when the dataset took it. */
static int apply(ind_dataset *ds, state *st, const change *c)
{
    const char *op = field(c, 0);
    ind_reading r, key;
    double value = 0;
    int rc;

    if (op[0] == 'a' || op[0] == 'r') {
        const char *value_text = field(c, 4);
        memset(&r, 0, sizeof r);
        r.indicator = field(c, 1);
        r.entity = field(c, 2);
        r.year = atoi(field(c, 3));
        r.unit = field(c, 5);
        r.status = field(c, 6)[0];
        r.as_of = field(c, 7);
        r.source = field(c, 8);
        r.note = field(c, 9);
        r.role = role_of(field(c, 10));
        rc = ind_dataset_add(ds, &r, value_text,
                             op[0] == 'r' ? IND_ADD_REVISE : 0, NULL);
        if (rc != IND_OK)
            return 0;
        FUZZ_CHECK(ind_number_parse(&value, value_text, strlen(value_text),
                                    IND_NUMBER_ALLOW_PERCENT, NULL) == IND_OK,
                   "added a value that does not parse: '%s'", value_text);
        expect(st, &r, value);
        return 1;
    }
    if (op[0] == 'c') {
        size_t n = ind_dataset_reading_count(ds);
        const char *value_text = c->nfields > 4 ? field(c, 4) : NULL;
        if (n == 0)
            return 0;
        rc = ind_dataset_reading(ds, (size_t)strtoul(field(c, 1), NULL, 10) % n,
                                 &r, NULL);
        FUZZ_CHECK(rc == IND_OK, "reading copy failed");
        r.source = field(c, 2);
        r.note = field(c, 3);
        value = r.value;
        if (value_text != NULL &&
            ind_number_parse(&value, value_text, strlen(value_text),
                             IND_NUMBER_ALLOW_PERCENT, NULL) != IND_OK)
            value_text = "x"; /* refused below, as it must be */
        /* The key, copied: the reading's own texts belong to the dataset
         * and are valid only until the change. */
        key = r;
        key.indicator = dup_n(r.indicator, strlen(r.indicator));
        key.entity = dup_n(r.entity, strlen(r.entity));
        key.as_of = dup_n(r.as_of, strlen(r.as_of));
        rc = ind_dataset_add(ds, &r, value_text, IND_ADD_REVISE, NULL);
        if (rc == IND_OK)
            expect(st, &key, value);
        free((char *)key.indicator);
        free((char *)key.entity);
        free((char *)key.as_of);
        return rc == IND_OK;
    }
    if (op[0] == 'd') {
        ind_indicator ind;
        memset(&ind, 0, sizeof ind);
        ind.id = field(c, 1);
        ind.title = field(c, 2);
        ind.unit = field(c, 3);
        ind.kind = field(c, 4)[0] == 's' ? IND_KIND_STOCK
                   : field(c, 4)[0] == 'f' ? IND_KIND_FLOW
                   : field(c, 4)[0] == 'r' ? IND_KIND_RATE
                                           : IND_KIND_UNSPECIFIED;
        ind.description = field(c, 5);
        ind.growth_of = field(c, 6);
        if (ind_dataset_define(ds, &ind, NULL) != IND_OK)
            return 0;
        st->defined[st->ndefined++] = dup_n(ind.id, strlen(ind.id));
        return 1;
    }
    if (op[0] == 'L')
        st->limit = strtol(field(c, 1), NULL, 10);
    return 0;
}

/* The history's last entries, as the walk gives them. */
typedef struct tail_walk {
    size_t entries;
    size_t appends, revises, defines;
    int bad;                 /* an entry of this commit lacks a figure */
    char why[160];
} tail_walk;

static int on_entry(void *ctx, const ind_change *c)
{
    tail_walk *t = ctx;

    t->entries++;
    if (strcmp(c->action, "append") == 0 || strcmp(c->action, "revise") == 0) {
        int revise = c->action[0] == 'r';
        t->appends += !revise;
        t->revises += revise;
        if (c->new_value[0] == '\0' || (revise && c->old_value[0] == '\0')) {
            t->bad = 1;
            snprintf(t->why, sizeof t->why, "line %lu: %s without its %s "
                     "value", c->line, c->action,
                     c->new_value[0] == '\0' ? "new" : "old");
        }
    } else if (strcmp(c->action, "define") == 0) {
        t->defines++;
    }
    return IND_OK;
}

/* The history after a commit: every change of the commit is an entry with
 * its figures (counted over the whole file against the file before). */
static void check_history(const char *path, const tail_walk *before,
                          size_t changes)
{
    ind_dataset *ds = NULL;
    tail_walk after;
    int rc = ind_dataset_open(&ds, path, IND_OPEN_READ, NULL);

    memset(&after, 0, sizeof after);
    FUZZ_CHECK(rc == IND_OK, "reopen for the history");
    rc = ind_dataset_history(ds, on_entry, &after, NULL);
    ind_dataset_free(ds);
    FUZZ_CHECK(rc == IND_OK, "the history is unreadable after a commit");
    FUZZ_CHECK(!after.bad || before->bad, "history: %s", after.why);
    FUZZ_CHECK(after.appends + after.revises + after.defines ==
               before->appends + before->revises + before->defines + changes,
               "the history gained %zu entries for %zu changes",
               after.appends + after.revises + after.defines -
               (before->appends + before->revises + before->defines), changes);
}

static void check_landed(const char *path, const state *st)
{
    ind_dataset *ds = NULL;
    size_t i, k, at, n;
    ind_reading r;
    ind_error err = IND_ERROR_INIT;
    int rc = ind_dataset_open(&ds, path, IND_OPEN_READ, &err);

    FUZZ_CHECK(rc == IND_OK, "the dataset no longer loads after a commit: %s",
               err.message);
    for (i = 0; i < st->nwant; i++) {
        const expected *e = &st->want[i];
        int found = 0;
        rc = ind_dataset_find_series(ds, e->indicator, e->entity, &at, NULL);
        FUZZ_CHECK(rc == IND_OK, "series %s/%s missing after a commit",
                   e->indicator, e->entity);
        n = ind_dataset_series_reading_count(ds, at);
        for (k = 0; k < n && !found; k++) {
            size_t idx;
            ind_dataset_series_reading(ds, at, k, &idx, NULL);
            ind_dataset_reading(ds, idx, &r, NULL);
            found = r.year == e->year && strcmp(r.as_of, e->as_of) == 0 &&
                    r.value == e->value;
        }
        FUZZ_CHECK(found, "%s %d as of '%s' = %.17g did not land",
                   e->indicator, e->year, e->as_of, e->value);
    }
    for (i = 0; i < st->ndefined; i++) {
        ind_indicator ind;
        rc = ind_dataset_find_indicator(ds, st->defined[i], &at, NULL);
        FUZZ_CHECK(rc == IND_OK &&
                   ind_dataset_indicator(ds, at, &ind, NULL) == IND_OK &&
                   ind.declared, "indicator %s not declared after a commit",
                   st->defined[i]);
    }
    ind_dataset_free(ds);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = fuzz_workdir();
    char path[3][512];
    const char *paths[3] = { path[0], path[1], path[2] };
    fuzz_part part[NPARTS];
    int exists[3], pending;
    ind_dataset *ds = NULL;
    ind_error err = IND_ERROR_INIT;
    state st;
    struct rlimit old_limit, limit;
    tail_walk history_before;
    size_t i, taken = 0, files_before;
    long errors_before;
    int rc;

    memset(&st, 0, sizeof st);
    st.limit = -1;
    fuzz_split(data, size, part, NPARTS);
    fuzz_clean_dir(dir);
    for (i = 0; i < 3; i++) {
        snprintf(path[i], sizeof path[i], "%s/%s", dir, file_names[i]);
        exists[i] = i == P_OBS ||
                    (part[i].present && !(part[i].len == 1 && part[i].data[0] == 0));
        if (exists[i])
            fuzz_write_file(path[i], part[i].data, part[i].len);
    }
    if (part[P_CHANGES].present)
        parse_changes(&st, part[P_CHANGES].data, part[P_CHANGES].len);
    files_before = fuzz_count_files(dir);
    errors_before = fuzz_count_errors(path[P_OBS], &pending);
    memset(&history_before, 0, sizeof history_before);
    if (errors_before >= 0) {
        ind_dataset *h = NULL;
        if (ind_dataset_open(&h, path[P_OBS], IND_OPEN_READ, NULL) == IND_OK)
            ind_dataset_history(h, on_entry, &history_before, NULL);
        ind_dataset_free(h);
    }

    rc = ind_dataset_open(&ds, path[P_OBS], IND_OPEN_WRITE, NULL);
    if (ds != NULL && rc == IND_OK)
        for (i = 0; i < st.nchanges; i++)
            taken += (size_t)apply(ds, &st, &st.changes[i]);
    rc = IND_EINVAL;
    if (taken > 0) {
        if (st.limit >= 0) {
            /* Here, not only at start: libFuzzer catches SIGXFSZ itself. */
            signal(SIGXFSZ, SIG_IGN);
            getrlimit(RLIMIT_FSIZE, &old_limit);
            limit = old_limit;
            limit.rlim_cur = (rlim_t)st.limit;
            setrlimit(RLIMIT_FSIZE, &limit);
        }
        rc = ind_dataset_commit(ds, &err);
        if (st.limit >= 0)
            setrlimit(RLIMIT_FSIZE, &old_limit);
        if (rc != IND_OK) {
            FUZZ_CHECK(err.message[0] != '\0' &&
                       fuzz_printable_utf8(err.message, strlen(err.message)),
                       "the refusal's message is not one line: %s",
                       err.message);
            FUZZ_CHECK(rc == IND_EDATA || rc == IND_EPARSE ||
                       (st.limit >= 0 && rc == IND_EWRITE),
                       "the commit failed (%d) for no cause of its own: %s",
                       rc, err.message);
        }
    }
    ind_dataset_free(ds);

    if (rc != IND_OK) {
        fuzz_check_untouched(dir, paths, part, exists, 3, files_before,
                             "a write that committed nothing");
    } else {
        fuzz_check_committed(path[P_OBS], errors_before, "a commit");
        check_landed(path[P_OBS], &st);
        check_history(path[P_OBS], &history_before, taken);
        FUZZ_CHECK(fuzz_count_files(dir) <= 3, "temporary files left behind");
    }
    free_state(&st);
    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    ind_library_init();
    /* A write past RLIMIT_FSIZE fails with EFBIG instead of killing us. */
    signal(SIGXFSZ, SIG_IGN);
    return 0;
}
