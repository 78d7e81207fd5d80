/* dataset_import: what the readers of the World Bank's, Our World in
 * Data's and SDMX files have in common. Each reader turns its file into an
 * import set: indicators (with their metadata), entities (with their
 * names) and figures, each figure with its place in the file; then one
 * function applies the set to the dataset with the rules of
 * ind_dataset_add(). Internal. */
#ifndef IND_DATASET_IMPORT_H
#define IND_DATASET_IMPORT_H

#include "dataset_internal.h"
#include "indicators/dataset_exchange.h"

typedef struct imp_indicator {
    int used;                /* has figures */
    ind_strid code;          /* as the source names it (the filters) */
    ind_strid id, title, unit, description, years, source;
    ind_kind kind;
    unsigned long line;      /* where the file names it */
    unsigned column;
} imp_indicator;

typedef struct imp_entity {
    ind_strid code, title;
    int used;                /* has figures */
} imp_entity;

typedef struct imp_figure {
    double value;
    uint32_t indicator, entity;
    uint32_t line;
    uint32_t column;
    int16_t year;
    char status;             /* 0: normal */
    ind_strid note;
} imp_figure;

typedef struct imp_set {
    const char *path;
    const ind_import_options *opt;
    ind_import_summary *sum;
    ind_strpool pool;        /* every text of the set */
    imp_indicator *inds;
    size_t ninds, inds_cap;
    ind_index_map ind_by_code;
    imp_entity *ents;
    size_t nents, ents_cap;
    ind_index_map ent_by_code;
    imp_figure *figs;
    size_t nfigs, figs_cap;
} imp_set;

/* Returned by imp_add_indicator() and imp_add_entity() for what the filters
 * leave out, and on out of memory. */
#define IMP_FILTERED (-1L)
#define IMP_NOMEM (-2L)

static inline const char *imp_str(const imp_set *s, ind_strid id)
{
    return ind_strpool_get(&s->pool, id);
}

/* A text of metadata, its runs of white space (line ends included) made
 * one space, trimmed; interned. IND_STRID_NONE when memory runs out. */
ind_strid imp_text(imp_set *s, const char *text);

/* The indicator the source calls `code` (created with id = code when
 * new), or IMP_FILTERED, or IMP_NOMEM. *created tells a new one. */
long imp_add_indicator(imp_set *s, const char *code, unsigned long line,
                   unsigned column, int *created);

/* The entity `code` (titled `title` when it has none yet), or
 * IMP_FILTERED, or IMP_NOMEM. */
long imp_add_entity(imp_set *s, const char *code, const char *title);

/* A figure of the file: `text` empty is a gap; otherwise it must read as a
 * figure (else IND_EPARSE at its place). A year beyond -9999..9999 is
 * counted and left out. Returns IND_OK, IND_EPARSE or IND_ENOMEM. */
int imp_figure_add(imp_set *s, long indicator, long entity, int year,
                   const char *text, char status, const char *note,
                   unsigned long line, unsigned column, ind_error *err);

/* An id the dataset takes made of any text: letters, digits, '_', '.',
 * '-' kept, runs of anything else one '_', starting with a letter (else
 * `lead` is put first), at most 64 bytes. Written into out (65 bytes);
 * returns 0, or -1 when nothing is left or it would pass 64 bytes. */
int imp_make_id(char *out, const char *text, const char *lead, int lower);

/* A text of the file quoted for a message (text.c's excerpt: controls
 * and invalid bytes as '?', whole characters, "..." past about 40
 * bytes): q, which holds IMP_QUOTE_SIZE bytes. */
#define IMP_QUOTE_SIZE 48
const char *imp_quote(char *q, const char *text);

/* The file beside `path` named `name` (dirname(path)/name), malloc'ed. */
char *imp_sibling(const char *path, const char *name);

/* The readers. Each fills the set from s->path; IND_OK or a code, err
 * saying where. */
int imp_read_wdi(imp_set *s, ind_error *err);
int imp_read_owid(imp_set *s, ind_error *err);
int imp_read_sdmx(imp_set *s, ind_error *err);

#endif
