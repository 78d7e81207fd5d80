/* The dataset's in-memory model, shared by the dataset_*.c files.
 *
 * Sized for a World-Bank-sized panel (6 million rows): a reading is a
 * 32-byte record whose texts are a shared tuple of ids in one string pool;
 * rows are not kept as text, because a rewrite copies unchanged rows from
 * the file itself (a row is one line, found by its line number). */
#ifndef IND_DATASET_INTERNAL_H
#define IND_DATASET_INTERNAL_H

#include <stdint.h>
#include <sys/types.h>
#include <time.h>
#include "indicators/dataset.h"
#include "array.h"
#include "strpool.h"
#include "error_internal.h"

/* The columns the library knows, in the order written for a new file. */
enum ind_obs_column {
    COL_INDICATOR, COL_ENTITY, COL_YEAR, COL_VALUE, COL_UNIT, COL_STATUS,
    COL_AS_OF, COL_SOURCE, COL_NOTE, COL_ROLE, COL_KNOWN
};

enum ind_cat_column {
    CAT_INDICATOR, CAT_TITLE, CAT_UNIT, CAT_KIND, CAT_DESCRIPTION,
    CAT_GROWTH_OF, CAT_YEARS, CAT_KNOWN
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

/* What became of a reading since the files were read. */
enum ind_reading_state {
    READING_LOADED = 0,  /* as in the file */
    READING_ADDED,       /* new, to be inserted */
    READING_REPLACED     /* a loaded row superseded by a revision */
};

/* The texts of a reading. Rows of a panel repeat them (same unit, no
 * source), so readings share interned tuples: 32-byte readings. */
typedef struct text_rec {
    ind_strid unit, as_of, source, note;
} text_rec;

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

typedef struct indicator_rec {
    ind_strid id, title, unit, description, growth_of;
    ind_strid years;     /* declared span "FROM..TO", or 0 */
    ind_kind kind;
    int declared;
    uint32_t line;       /* line in the catalog, 0 if inferred or new */
    int added;           /* defined since opening */
} indicator_rec;

typedef struct series_rec {
    ind_strid indicator, entity;
    uint32_t indicator_index;
    size_t first;        /* first entry in ds->order */
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

    reading_rec *readings;
    size_t nreadings, readings_cap;
    indicator_rec *indicators;
    size_t nindicators, indicators_cap;
    ind_index_map indicator_by_id;   /* strid -> indicator index */
    series_rec *series;
    size_t nseries, series_cap;
    ind_index_map series_by_key;     /* (indicator strid, entity strid) -> series */
    size_t *order;                   /* reading indices grouped by series, sorted */
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

/* Make ds->order current (it is rebuilt lazily after a change). Returns
 * IND_OK or IND_ENOMEM (with err). The handle may be const to callers:
 * the order is a cache. */
int ind_dataset_ensure_order(const ind_dataset *ds, ind_error *err);

static inline const char *ds_str(const ind_dataset *ds, ind_strid id)
{
    return ind_strpool_get(&ds->pool, id);
}

/* The texts of a reading. */
static inline ind_strid rd_unit(const ind_dataset *ds, const reading_rec *r)
{
    return ds->texts[r->text].unit;
}

static inline ind_strid rd_as_of(const ind_dataset *ds, const reading_rec *r)
{
    return ds->texts[r->text].as_of;
}

static inline ind_strid rd_source(const ind_dataset *ds, const reading_rec *r)
{
    return ds->texts[r->text].source;
}

static inline ind_strid rd_note(const ind_dataset *ds, const reading_rec *r)
{
    return ds->texts[r->text].note;
}

/* Index of an interned text tuple, added if new; UINT32_MAX when memory
 * runs out (dataset_index.c). */
uint32_t ind_dataset_text_of(ind_dataset *ds, const text_rec *t);

/* Validation of single fields, shared by loading and ind_dataset_add.
 * Each returns IND_OK or IND_EPARSE/IND_EDATA with the reason in 'why'. */
int ind_check_indicator_id(const char *s, size_t len, char *why, size_t n);
int ind_check_text(const char *name, const char *s, size_t len, char *why, size_t n);
int ind_check_year(const char *s, size_t len, int *year, char *why, size_t n);
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

/* Append a reading record; returns its index or (size_t)-1. */
size_t ind_dataset_push_reading(ind_dataset *ds, const reading_rec *r);

/* (Re)build ds->order. Returns IND_OK or IND_ENOMEM. */
int ind_dataset_build_order(ind_dataset *ds);

/* Index of the indicator 'id' in the catalog, or UINT32_MAX. */
uint32_t ind_dataset_indicator_index(const ind_dataset *ds, const char *id);

/* Choose the reading used for 'year' within the sorted readings of one
 * series: idx[0..n) are that year's readings. Returns the position in idx,
 * -1 when none is usable, -2 for a conflict (then *tie receives the
 * position of the second tied reading). */
long ind_choose_reading(const ind_dataset *ds, const size_t *idx, size_t n,
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

/* ---- entity titles (dataset_entities.c) ---- */

/* Read NAME.entities.csv if it exists (problems become diagnostics).
 * Returns IND_OK, IND_EPARSE/IND_EDATA (diagnostics say why), or another
 * code with err. */
int ind_dataset_load_entities(ind_dataset *ds, ind_error *err);

/* Write the titles added since opening, if any (atomically). */
int ind_dataset_write_entities(ind_dataset *ds, ind_error *err);

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
