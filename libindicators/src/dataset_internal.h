/* The dataset's in-memory model, shared by the dataset_*.c files.
 *
 * Sized for a World-Bank-sized panel (6 million rows) in less memory than
 * the file: a reading is 14 bytes (its figure, year and series, three
 * arrays); what only some readings have is kept where it is present (see
 * "the readings" below); texts are ids in one string pool; rows are not
 * kept as text, because a rewrite copies unchanged rows from the file
 * itself (a row is one line, found by its line number). */
#ifndef IND_DATASET_INTERNAL_H
#define IND_DATASET_INTERNAL_H

#include <stdint.h>
#include <sys/types.h>
#include <time.h>
#include "indicators/dataset.h"
#include "array.h"
#include "strpool.h"
#include "error_internal.h"
#include "number_internal.h"

/* The columns the library knows, in the order written for a new file. */
enum ind_obs_column {
    COL_INDICATOR, COL_ENTITY, COL_YEAR, COL_VALUE, COL_UNIT, COL_STATUS,
    COL_AS_OF, COL_SOURCE, COL_NOTE, COL_ROLE, COL_KNOWN
};

enum ind_cat_column {
    CAT_INDICATOR, CAT_TITLE, CAT_UNIT, CAT_KIND, CAT_DESCRIPTION,
    CAT_GROWTH_OF, CAT_YEARS, CAT_SOURCE_NAME, CAT_KNOWN
};

/* The history's columns, in the order written for a new file. */
enum ind_history_column {
    H_TIME, H_ACTION, H_INDICATOR, H_ENTITY, H_YEAR, H_AS_OF, H_OLD_VALUE,
    H_NEW_VALUE, H_OLD_STATUS, H_NEW_STATUS, H_OLD_SOURCE, H_NEW_SOURCE,
    H_OLD_NOTE, H_NEW_NOTE, H_OLD_ROLE, H_NEW_ROLE, H_OLD_UNIT, H_NEW_UNIT,
    H_REASON, H_KNOWN
};

/* The history's columns before units and reasons were kept: a history
 * file lacking the others gains them when an entry needs them. */
#define H_FIRST_KEPT_ON_DEMAND H_OLD_UNIT

/* The names of those columns in the files, once (dataset.c). */
extern const char *const ind_obs_column_names[COL_KNOWN];
extern const char *const ind_cat_column_names[CAT_KNOWN];
extern const char *const ind_history_column_names[H_KNOWN];

#define NO_COLUMN ((size_t)-1)

/* An open flag for the tests, beside IND_OPEN_READ / IND_OPEN_WRITE: read
 * every row of the files through libcsv, none through the CSV fast path
 * (tests/test_csvfile.c loads every dataset both ways). */
#define IND_OPEN_CSV_STRICT_ONLY 0x100u

/* What became of a reading since the files were read. */
enum ind_reading_state {
    READING_LOADED = 0,  /* as in the file */
    READING_ADDED,       /* new, to be inserted */
    READING_REPLACED     /* a loaded row superseded by a revision */
};

/* The texts of a reading. Rows of a panel repeat them (same unit, no
 * source), so readings share interned tuples. */
typedef struct text_rec {
    ind_strid unit, as_of, source, note;
} text_rec;

/* One reading, unpacked: what ind_dataset_push_reading() stores and
 * ind_dataset_get_reading() gives back. Not how readings are kept. */
typedef struct reading_rec {
    double value;
    uint32_t series;
    uint32_t text;       /* index in ds->texts */
    uint32_t line;       /* line in the observations file; 0 for a new one */
    int16_t year;
    char status;
    uint8_t role;        /* ind_role */
    uint8_t state;       /* ind_reading_state */
} reading_rec;

/* A stretch of readings sharing a value (dataset_readings.c): from reading
 * 'first' until the next stretch. */
typedef struct reading_run {
    uint32_t first;
    uint32_t value;
} reading_run;

/* A run-length column: the readings' values as stretches. */
typedef struct reading_runs {
    reading_run *runs;
    size_t count, cap;
} reading_runs;

/* A reading's status letter and role, kept only for those that have one. */
typedef struct reading_mark {
    uint32_t reading;
    char status;
    uint8_t role;
} reading_mark;

/* The readings, in file order (added ones last).
 * - value, year and series: one entry per reading, 14 bytes;
 * - line numbers: stretches of consecutive lines (a file without blank or
 *   multi-line rows is one stretch); value 0 for readings not in the file;
 * - text tuples: stretches of readings sharing one;
 * - status letters and roles: the few readings with one, by index;
 * - states: readings from 'nloaded' on were added; the replaced ones are a
 *   sorted list.
 * The readings of a series, in order (by year, then effective date), are a
 * view (reading_view): when the rows came grouped by series and in that
 * order, as files written year by year are, the view is a range of
 * readings and there is no order array; otherwise 'order' lists them. */
typedef struct reading_store {
    double *value;
    int16_t *year;
    uint32_t *series;
    size_t cap;
    reading_runs lines, texts;
    reading_mark *marks;
    size_t nmarks, marks_cap;
    uint32_t *replaced;
    size_t nreplaced, replaced_cap;
    size_t nloaded;
    int grouped;               /* every series a range, in order */
} reading_store;

/* The readings of one series in order: reading k (0 <= k < count) is
 * rv_at(v, k). */
typedef struct reading_view {
    const uint32_t *order;     /* NULL: the readings first, first + 1, ... */
    size_t first;              /* the first reading, or entry of order */
    size_t count;
} reading_view;

static inline size_t rv_at(const reading_view *v, size_t k)
{
    return v->order ? v->order[v->first + k] : v->first + k;
}

/* The part [k, k + n) of a view. */
static inline reading_view rv_sub(const reading_view *v, size_t k, size_t n)
{
    reading_view sub = { v->order, v->first + k, n };
    return sub;
}

typedef struct indicator_rec {
    ind_strid id, title, unit, description, growth_of;
    ind_strid years;     /* declared span "FROM..TO", or 0 */
    ind_strid source_name; /* short name of its sources, or 0 */
    ind_kind kind;
    int declared;
    uint32_t line;       /* line in the catalog, 0 if inferred or new */
    int added;           /* defined since opening */
} indicator_rec;

typedef struct series_rec {
    ind_strid indicator, entity;
    uint32_t indicator_index;
    size_t first;        /* first reading, or first entry of ds->order */
    size_t count;        /* readings, replaced ones included */
} series_rec;

/* One change to write: a new reading, possibly replacing a loaded one. */
typedef struct change_rec {
    int define;          /* 1: catalog definition (indicator), 0: reading */
    size_t reading;      /* the new reading, or the indicator index */
    size_t replaced;     /* the superseded reading, or (size_t)-1 */
    int removal;         /* 1: 'replaced' leaves and nothing takes its place
                          * ('reading' is then 'replaced') */
    ind_strid reason;    /* why (a removal, a revision), or 0 */
} change_rec;

/* A title of an entity code, from NAME.entities.csv or added. */
typedef struct entity_rec {
    ind_strid code, title;
    int added;           /* to be written by the next commit */
} entity_rec;

/* A simple open-addressing map from a 64-bit key to a 32-bit index. */
typedef struct ind_index_map {
    uint64_t *keys;
    uint32_t *values;
    size_t cap, count;
} ind_index_map;

struct ind_dataset {
    char *path, *catalog_path, *history_path, *lock_path;
    unsigned flags;
    int load_rc;                   /* what ind_dataset_open returned */
    int committed;                 /* a handle commits once */
    int lock_fd;
    ind_strpool pool;

    /* observations file layout */
    size_t ncolumns;               /* header fields */
    size_t col[COL_KNOWN];         /* field index of each known column */
    ind_strid *column_names;       /* header names in file order */
    unsigned long header_line;     /* line of the header row */
    int crlf, ends_with_newline;
    uint64_t file_size;
    struct timespec file_mtime;
    ino_t file_ino;

    /* catalog file layout */
    int catalog_exists;
    size_t cat_ncolumns;
    size_t cat_col[CAT_KNOWN];
    int cat_crlf, cat_ends_with_newline;
    unsigned long cat_header_line;

    text_rec *texts;                 /* interned text tuples */
    size_t ntexts, texts_cap;
    uint32_t *text_slots;            /* open-addressing table of tuples */
    size_t ntext_slots;

    reading_store rd;
    size_t nreadings;
    indicator_rec *indicators;
    size_t nindicators, indicators_cap;
    ind_index_map indicator_by_id;   /* strid -> indicator index */
    series_rec *series;
    size_t nseries, series_cap;
    ind_index_map series_by_key;     /* (indicator strid, entity strid) -> series */
    uint32_t *order;                 /* reading indices by series, in order;
                                      * NULL while rd.grouped */
    int order_valid;

    ind_diagnostic *diags;
    size_t ndiags, diags_cap;
    char **diag_texts;               /* owned message (and subject) texts */
    size_t diag_texts_cap;
    size_t nerrors;                  /* diagnostics of severity error */

    change_rec *changes;
    size_t nchanges, changes_cap;

    /* Opened with IND_OPEN_CREATE on a path with no observations yet. */
    int obs_exists;
    /* A bulk change that failed part way: nothing may be committed. */
    int poisoned;
    /* Rebuilt as it stood at the end of vintage_date (read-only). */
    int vintage;
    char vintage_date[11];

    /* Entity titles (NAME.entities.csv, dataset_entities.c). */
    char *entities_path;
    int entities_exists;
    entity_rec *entities;
    size_t nentities, entities_cap;
    ind_index_map entity_by_code;    /* code strid -> entity index */

    /* The readings of a series and year, found without the reading order
     * (dataset_find.c): heads by (series, year), chained by year_next. */
    int year_index_built;
    ind_index_map year_heads;
    uint32_t *year_next;
    size_t year_next_cap;
};

/* ---- index map (dataset_index.c) ---- */
int ind_index_map_init(ind_index_map *m, size_t expected);
void ind_index_map_free(ind_index_map *m);
/* Returns the value for key, or UINT32_MAX. */
uint32_t ind_index_map_get(const ind_index_map *m, uint64_t key);
/* Sets key -> value. Returns 0 or -1 on out of memory. */
int ind_index_map_put(ind_index_map *m, uint64_t key, uint32_t value);

/* ---- the handle's core (dataset.c) ---- */

/* A handle for the dataset at 'path' with nothing loaded: the sibling
 * paths derived, the pool and maps ready. NULL when memory runs out. */
ind_dataset *ind_dataset_alloc(const char *path, unsigned flags);

/* Record a diagnostic (the message is copied). Returns 0 or -1 (ENOMEM). */
int ind_dataset_diag(ind_dataset *ds, ind_severity sev, const char *path,
                     unsigned long line, unsigned column, const char *fmt, ...)
    IND_PRINTF(6, 7);

/* Say what the last diagnostic is about (an ind_error_detail and the
 * indicator id, copied). Returns 0 or -1 (ENOMEM). */
int ind_dataset_diag_about(ind_dataset *ds, int detail, const char *subject);

/* Record a reader error (its message begins "path:line:column: ") as an
 * error diagnostic placed in 'path'. */
void ind_dataset_diag_from_reader(ind_dataset *ds, const char *path,
                                  const ind_error *reader_error);

/* Fill err with the first error diagnostic as "path:line:column: message"
 * and 'code'; returns 'code'. Without an error diagnostic, err says
 * 'code' happened to the dataset. */
int ind_dataset_first_error(const ind_dataset *ds, int code, ind_error *err);

/* Fill err with "PATH did not load cleanly" (detail IND_DETAIL_NOT_LOADED)
 * and return ds->load_rc: what a change or a validation of a dataset
 * that did not load answers. */
int ind_dataset_not_loaded(const ind_dataset *ds, ind_error *err);

/* Make the reading order current (ds->order is rebuilt lazily after a
 * change that breaks the grouping). Returns IND_OK or IND_ENOMEM (with
 * err). The handle may be const to callers: the order is a cache. */
int ind_dataset_ensure_order(const ind_dataset *ds, ind_error *err);

static inline const char *ds_str(const ind_dataset *ds, ind_strid id)
{
    return ind_strpool_get(&ds->pool, id);
}

/* ---- the readings (dataset_readings.c) ---- */

/* The value of reading i in a run-length column. */
uint32_t ind_runs_at(const reading_runs *r, size_t i);

/* The line of reading i from its stretch: the stretch's first line plus
 * the readings since, or 0 in a stretch of new readings. */
uint32_t ind_line_at(const reading_runs *r, size_t i);

static inline double rd_value(const ind_dataset *ds, size_t i)
{
    return ds->rd.value[i];
}

static inline int rd_year(const ind_dataset *ds, size_t i)
{
    return ds->rd.year[i];
}

static inline uint32_t rd_series(const ind_dataset *ds, size_t i)
{
    return ds->rd.series[i];
}

/* The line of reading i in the observations file, 0 for a new one. */
static inline uint32_t rd_line(const ind_dataset *ds, size_t i)
{
    const reading_runs *l = &ds->rd.lines;

    if (l->count == 1)         /* the common file: one stretch */
        return l->runs[0].value ? l->runs[0].value + (uint32_t)i : 0;
    return ind_line_at(l, i);
}

/* The index in ds->texts of reading i's text tuple. */
static inline uint32_t rd_text(const ind_dataset *ds, size_t i)
{
    return ds->rd.texts.count == 1 ? ds->rd.texts.runs[0].value
                                   : ind_runs_at(&ds->rd.texts, i);
}

/* The status letter (0 when none) and role of reading i. */
char rd_status(const ind_dataset *ds, size_t i);
ind_role rd_role(const ind_dataset *ds, size_t i);

/* The ind_reading_state of reading i. */
int rd_state(const ind_dataset *ds, size_t i);

static inline int rd_replaced(const ind_dataset *ds, size_t i)
{
    return ds->rd.nreplaced > 0 && rd_state(ds, i) == READING_REPLACED;
}

/* The texts of reading i. */
static inline ind_strid rd_unit(const ind_dataset *ds, size_t i)
{
    return ds->texts[rd_text(ds, i)].unit;
}

static inline ind_strid rd_as_of(const ind_dataset *ds, size_t i)
{
    return ds->texts[rd_text(ds, i)].as_of;
}

static inline ind_strid rd_source(const ind_dataset *ds, size_t i)
{
    return ds->texts[rd_text(ds, i)].source;
}

static inline ind_strid rd_note(const ind_dataset *ds, size_t i)
{
    return ds->texts[rd_text(ds, i)].note;
}

/* Reading i unpacked. */
void ind_dataset_get_reading(const ind_dataset *ds, size_t i,
                             reading_rec *out);

/* Mark reading i READING_REPLACED, or take the mark away (state
 * READING_LOADED or READING_ADDED: back to what it was). Returns 0 or -1
 * (out of memory). */
int ind_dataset_set_replaced(ind_dataset *ds, size_t i, int replaced);

/* Reading i becomes r (its series and year must stay): the vintage's
 * replay puts old figures back in place. Returns 0 or -1 (out of
 * memory). */
int ind_dataset_set_reading(ind_dataset *ds, size_t i, const reading_rec *r);

/* Drop the replaced readings, the others keeping their order (a vintage
 * shows only what the file held at its date; no change record may hold a
 * reading index). Returns 0 or -1 (out of memory: the readings may then
 * be incomplete, and the handle must not be used). */
int ind_dataset_keep_live_readings(ind_dataset *ds);

/* Append a reading (state READING_LOADED while loading, then
 * READING_ADDED); returns its index or (size_t)-1 (out of memory). */
size_t ind_dataset_push_reading(ind_dataset *ds, const reading_rec *r);

/* Take back the last reading pushed (a change refused after all). */
void ind_dataset_pop_reading(ind_dataset *ds);

/* Room for n readings in all, before loading (untouched pages cost no
 * memory). Returns 0 or -1. */
int ind_dataset_reserve_readings(ind_dataset *ds, size_t n);

void ind_dataset_free_readings(ind_dataset *ds);

/* The readings of series i in order. Returns IND_OK, or IND_ENOMEM (with
 * err) when the order must be built and memory runs out. The handle may
 * be const to callers: the order is a cache. */
int ind_dataset_series_view(const ind_dataset *ds, size_t i,
                            reading_view *out, ind_error *err);

/* Index of an interned text tuple, added if new; UINT32_MAX when memory
 * runs out (dataset_index.c). */
uint32_t ind_dataset_text_of(ind_dataset *ds, const text_rec *t);

/* Validation of single fields, shared by loading and ind_dataset_add.
 * Each returns IND_OK or IND_EPARSE/IND_EDATA with the reason in 'why'. */
int ind_check_indicator_id(const char *s, size_t len, char *why, size_t n);
int ind_check_text(const char *name, const char *s, size_t len, char *why, size_t n);
/* Every field of a row is one line without control characters (the
 * reader has checked UTF-8): a row is one line. IND_OK, or IND_EPARSE with
 * the first bad field in *field and the reason in 'why'. */
struct ind_csv_row;
int ind_check_row_lines(const struct ind_csv_row *row, size_t *field,
                        char *why, size_t n);
/* Any other cell, a header's names included: one line (no control
 * character), no bidirectional control, and no spreadsheet formula (a text
 * starting with = + - @ that is not a figure). */
int ind_check_cell(const char *s, size_t len, char *why, size_t n);
int ind_check_year_text(const char *s, size_t len, int *year, char *why,
                        size_t n);
/* The year rule (ind_check_year_text); a year of four digits, always in
 * range, is taken without a call: the loader asks it of every row. */
static inline int ind_check_year(const char *s, size_t len, int *year,
                                 char *why, size_t n)
{
    if (len == 4 && ind_number_year4(s, year))
        return IND_OK;
    return ind_check_year_text(s, len, year, why, n);
}
int ind_check_as_of(const char *s, size_t len, int year, char *why, size_t n);
int ind_check_status(const char *s, size_t len, char *status, char *why, size_t n);
int ind_check_role(const char *s, size_t len, ind_role *role, char *why, size_t n);

/* The effective date of an as_of text for 'year' as YYYYMMDD (see the
 * choice rule in dataset.h); an empty text is the year's last day. */
long ind_as_of_end(const char *as_of, int year);

/* Find or create the series of (indicator, entity); returns its index or
 * UINT32_MAX on out of memory. Invalidates ds->order. */
uint32_t ind_dataset_series_of(ind_dataset *ds, ind_strid indicator,
                               ind_strid entity, uint32_t indicator_index);

/* Find or create the indicator record for an id (created records are
 * inferred, not declared). Returns its index or UINT32_MAX. */
uint32_t ind_dataset_indicator_of(ind_dataset *ds, ind_strid id);

/* (Re)build the reading order: nothing to do while the readings are
 * grouped. Returns IND_OK or IND_ENOMEM. */
int ind_dataset_build_order(ind_dataset *ds);

/* Index of the indicator 'id' in the catalog, or UINT32_MAX. */
uint32_t ind_dataset_indicator_index(const ind_dataset *ds, const char *id);

/* Choose the reading used for a year within the sorted readings of one
 * series: v holds that year's readings. Returns the position in v, -1 when
 * none is usable, -2 for a conflict (then *tie receives the position of
 * the second tied reading). */
long ind_choose_reading(const ind_dataset *ds, const reading_view *v,
                        size_t *tie);

/* Returns 1 when the last history entry records a change the observations
 * lack (an interrupted write), with the line of the first entry of that
 * write in *line (dataset_history.c). */
int ind_dataset_history_pending(ind_dataset *ds, unsigned long *line);

/* The same, with the lines of the interrupted write's entries, first to
 * last. */
int ind_dataset_history_pending_range(ind_dataset *ds, unsigned long *first,
                                      unsigned long *last);

/* Changes need a dataset opened for writing that loaded cleanly, has not
 * committed, is no vintage and no failed bulk change (dataset_change.c).
 * Returns IND_OK or the code, with err. */
int ind_dataset_writable(const ind_dataset *ds, ind_error *err);

/* ind_dataset_define(), which with kind_optional also takes an indicator
 * of unspecified kind (an import that cannot know it). */
int ind_dataset_define_as(ind_dataset *ds, const ind_indicator *in,
                          int kind_optional, ind_error *err);

/* ---- spans (dataset_span.c) ---- */

/* Parse a catalog span "FROM..TO" (either side may be empty, years
 * -9999..9999). Returns IND_OK with the bounds (INT_MIN / INT_MAX for an
 * open side) or IND_EPARSE with the reason in why. */
int ind_check_span(const char *s, size_t len, int *from, int *to, char *why,
                   size_t n);

/* Warn of years a series would not be expected to hold: outside the
 * catalog's span, or without one outside 1800-2100 or far from the rest
 * of the series. Needs the reading order. */
void ind_dataset_check_spans(ind_dataset *ds);

/* Compare the history with the observations: a figure the trail last left
 * present that the file lacks is an error (deleted by hand), one whose
 * figure differs or that the trail removed a warning (dataset_replay.c). */
void ind_dataset_check_history_against_file(ind_dataset *ds);

/* A row of the history as its reader takes it: every field one line of
 * text (no control character). IND_OK, or IND_EPARSE with err filled
 * ("path:line:column: ..."); dataset_history.c. */
int ind_history_row_check(const char *path, const struct ind_csv_row *row,
                          ind_error *err);

/* ---- entity titles (dataset_entities.c) ---- */

/* Read NAME.entities.csv if it exists (problems become diagnostics).
 * Returns IND_OK, IND_EPARSE/IND_EDATA (diagnostics say why), or another
 * code with err. */
int ind_dataset_load_entities(ind_dataset *ds, ind_error *err);

/* The new version of NAME.entities.csv with the titles added since
 * opening, written and synced beside it but not renamed (*out; NULL when
 * none was added): ind_dataset_commit() renames it with the other files
 * (atomicfile.h). */
struct ind_atomic_file;
int ind_dataset_prepare_entities(ind_dataset *ds, struct ind_atomic_file **out,
                                 ind_error *err);

/* Release the entity tables. */
void ind_dataset_free_entities(ind_dataset *ds);

/* ---- readings by key (dataset_find.c) ---- */

/* Is word one of list[0..n)? (The filters of imports and exports.) */
int ind_listed(const char *const *list, size_t n, const char *word);

/* Link a reading just pushed into the (series, year) index, if built
 * (when memory runs out the index is dropped, to be rebuilt on use). */
void ind_dataset_index_reading(ind_dataset *ds, size_t reading);

/* Unlink the last reading (taken back by a refused change). */
void ind_dataset_unindex_last(ind_dataset *ds);

/* The live readings of (series, year) into out[0..cap): returns how many
 * there are (may exceed cap: then only cap are stored), or -1 when memory
 * runs out. Costs the readings of that year, not the dataset's. */
long ind_dataset_year_readings(ind_dataset *ds, uint32_t series, int year,
                               size_t *out, size_t cap);

/* The live readings of (series, year): *n of them in the returned array,
 * which is buf (room for cap) when they fit, else allocated (free it when
 * it is not buf). NULL when memory runs out. */
size_t *ind_dataset_year_list(ind_dataset *ds, uint32_t series, int year,
                              size_t *buf, size_t cap, size_t *n);

/* The year's only live reading (an as_of left out carries over): its
 * index, -1 when the year has none, -2 when it has several (err names
 * them, detail IND_DETAIL_AMBIGUOUS_READING about id). */
long ind_dataset_only_reading(ind_dataset *ds, uint32_t series, int year,
                              const char *id, ind_error *err);

/* The live reading of (series, year) with this as_of: its index, -1 when
 * there is none, -2 when several share the key (hand-made data) and
 * `role` does not pick one of them (err says so, detail
 * IND_DETAIL_AMBIGUOUS_READING about id). */
long ind_dataset_key_reading(ind_dataset *ds, uint32_t series, int year,
                             ind_strid as_of, ind_role role, const char *id,
                             ind_error *err);

/* The live reading of (series, year) with this as_of, or -1. */
long ind_dataset_find_key(ind_dataset *ds, uint32_t series, int year,
                          ind_strid as_of);

/* Does the year of the series tie under the choice rule? Without the
 * reading order; err (may be NULL) then names the readings. */
int ind_dataset_year_conflict(ind_dataset *ds, uint32_t series, int year,
                              ind_error *err);

/* ---- history (dataset_history.c, dataset_replay.c) ---- */

/* An entry of the trail that never reached the observations: voided by a
 * later "void" entry, or part of the interrupted last write. Fills
 * marks[i] (one per line of the history file, lines 0..nlines) with 1 for
 * such entries. *out receives a calloc'ed array the caller frees (NULL
 * with *nlines 0 when there is no history). */
int ind_dataset_history_voided(ind_dataset *ds, unsigned char **out,
                               unsigned long *nlines, ind_error *err);

#endif
