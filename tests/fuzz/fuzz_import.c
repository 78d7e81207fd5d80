/* fuzz_import: the readers of files from elsewhere: the World Bank's WDI
 * CSV (API download and bulk), Our World in Data's grapher CSV with its
 * metadata JSON, SDMX-CSV 1.0 and 2.0, and bulletins (append --from),
 * each applied to a dataset, committed and reloaded.
 *
 * Input: a first byte choosing the reader (its low two bits: 0 WDI, 1
 * OWID, 2 SDMX, 3 bulletin; bit 2: WDI's bulk file names, or a bulletin
 * without a default source), then parts separated by FUZZ_PART_SEPARATOR
 * (0x1E): the source file, the metadata file beside it (WDI, OWID; absent
 * when the input has no such part), the dataset's observations and its
 * catalog (absent: the import creates the dataset). Checked:
 * - a refusal is one printable line, and nothing is written: a commit of
 *   the handle after it leaves every file byte-identical and adds none;
 * - the summary adds up (figures = added + revised + unchanged);
 * - a commit fails only for a cause of its own (a limit of the reader:
 *   EDATA, EPARSE), leaving every file as it was;
 * - a commit that succeeds leaves a dataset that loads, does not look
 *   interrupted, and whose validation finds no error when it found none
 *   before;
 * - the same file read again into the committed dataset changes nothing
 *   (dataset_exchange.h: "importing the same file twice changes
 *   nothing"; a bulletin with IND_ADD_REVISE likewise). */
#include "fuzz_util.h"
#include "indicators/dataset.h"
#include "indicators/dataset_exchange.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { P_SOURCE, P_META, P_OBS, P_CAT, P_NONE, NPARTS };
enum { R_WDI, R_OWID, R_SDMX, R_BULLETIN };

typedef struct reader {
    const char *source, *meta;   /* file names (meta NULL: none) */
} reader;

static const reader readers[4][2] = {
    { { "API_X_DS2_en_csv_v2.csv", "Metadata_Indicator_API_X_DS2_en_csv_v2.csv" },
      { "WDICSV.csv", "WDISeries.csv" } },
    { { "o.csv", "o.metadata.json" }, { "o.csv", "o.metadata.json" } },
    { { "s.csv", NULL }, { "s.csv", NULL } },
    { { "b.csv", NULL }, { "b.csv", NULL } },
};

static const char *const ds_names[3] = {
    "d.csv", "d.indicators.csv", "d.history.csv"
};

typedef struct outcome {
    size_t figures, added, revised, unchanged;
} outcome;

/* Read the source into ds with the chosen reader; IND_OK or its code. */
static int read_into(ind_dataset *ds, int which, int variant,
                     const char *path, outcome *o, ind_error *err)
{
    static const ind_import_format format[3] = {
        IND_IMPORT_WDI, IND_IMPORT_OWID, IND_IMPORT_SDMX
    };
    int rc;

    memset(o, 0, sizeof *o);
    if (which == R_BULLETIN) {
        ind_reading defaults;
        ind_add_summary sum;
        memset(&defaults, 0, sizeof defaults);
        defaults.source = "http://example.org/bulletin";
        rc = ind_dataset_add_csv(ds, path, variant ? NULL : &defaults,
                                 IND_ADD_REVISE, &sum, err);
        if (rc == IND_OK) {
            FUZZ_CHECK(sum.rows == sum.added + sum.revised + sum.unchanged,
                       "bulletin summary: %zu rows, %zu added, %zu revised, "
                       "%zu unchanged", sum.rows, sum.added, sum.revised,
                       sum.unchanged);
            o->figures = sum.added + sum.revised + sum.unchanged;
            o->added = sum.added;
            o->revised = sum.revised;
            o->unchanged = sum.unchanged;
        }
        return rc;
    }
    {
        ind_import_summary sum;
        rc = ind_dataset_import(ds, format[which], path, NULL, &sum, err);
        if (rc == IND_OK) {
            FUZZ_CHECK(sum.figures == sum.added + sum.revised + sum.unchanged,
                       "import summary: %zu figures, %zu added, %zu revised, "
                       "%zu unchanged", sum.figures, sum.added, sum.revised,
                       sum.unchanged);
            o->figures = sum.figures;
            o->added = sum.added;
            o->revised = sum.revised;
            o->unchanged = sum.unchanged;
        }
    }
    return rc;
}

/* FUZZ_VERBOSE set: say what became of each input (seeds are meant to
 * get through). */
static void say(const char *what, const char *message)
{
    if (getenv("FUZZ_VERBOSE") != NULL)
        fprintf(stderr, "fuzz_import: %s%s%s\n", what, *message ? ": " : "",
                message);
}

static void check_message(const char *what, const ind_error *err)
{
    say(what, err->message);
    FUZZ_CHECK(err->message[0] != '\0', "%s: no message", what);
    FUZZ_CHECK(fuzz_printable_utf8(err->message, strlen(err->message)),
               "%s: the message is not one printable line: %s", what,
               err->message);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = fuzz_workdir();
    const reader *rd;
    char src[512], meta[512], path[3][512];
    const char *paths[3] = { path[0], path[1], path[2] };
    fuzz_part part[NPARTS];
    int which, variant, exists[3], pending;
    ind_dataset *ds = NULL;
    ind_error err = IND_ERROR_INIT;
    outcome first, again;
    size_t i, files_before;
    long errors_before;
    int rc;

    if (size == 0)
        return 0;
    which = data[0] & 3;
    variant = (data[0] >> 2) & 1;
    rd = &readers[which][variant];
    fuzz_split(data + 1, size - 1, part, P_NONE);
    part[P_NONE].present = 0; /* the history: never given */
    part[P_NONE].data = "";
    part[P_NONE].len = 0;
    fuzz_clean_dir(dir);
    snprintf(src, sizeof src, "%s/%s", dir, rd->source);
    fuzz_write_file(src, part[P_SOURCE].data, part[P_SOURCE].len);
    if (rd->meta != NULL && part[P_META].present) {
        snprintf(meta, sizeof meta, "%s/%s", dir, rd->meta);
        fuzz_write_file(meta, part[P_META].data, part[P_META].len);
    }
    for (i = 0; i < 3; i++) {
        snprintf(path[i], sizeof path[i], "%s/%s", dir, ds_names[i]);
        exists[i] = i < 2 && part[P_OBS + i].present;
        if (exists[i])
            fuzz_write_file(path[i], part[P_OBS + i].data,
                            part[P_OBS + i].len);
    }
    files_before = fuzz_count_files(dir);
    errors_before = exists[0] ? fuzz_count_errors(path[0], &pending) : 0;

    rc = ind_dataset_open(&ds, path[0], IND_OPEN_WRITE | IND_OPEN_CREATE,
                          &err);
    if (rc != IND_OK) {
        check_message("open", &err);
        ind_dataset_free(ds);
        return 0;
    }
    rc = read_into(ds, which, variant, src, &first, &err);
    if (rc != IND_OK) {
        check_message("the import", &err);
        /* Whatever the handle holds, nothing of it may be written. */
        ind_dataset_commit(ds, NULL);
        ind_dataset_free(ds);
        fuzz_check_untouched(dir, paths, &part[P_OBS], exists, 3,
                             files_before, "a refused import");
        return 0;
    }
    err = (ind_error)IND_ERROR_INIT;
    rc = ind_dataset_commit(ds, &err);
    ind_dataset_free(ds);
    if (rc != IND_OK) {
        check_message("the commit", &err);
        FUZZ_CHECK(rc == IND_EDATA || rc == IND_EPARSE,
                   "the commit failed (%d) for no cause of its own: %s", rc,
                   err.message);
        fuzz_check_untouched(dir, paths, &part[P_OBS], exists, 3,
                             files_before, "a failed commit of an import");
        return 0;
    }
    if (!exists[0] && first.added == 0) {
        /* A bulletin of no rows into a new dataset: nothing to write. */
        FUZZ_CHECK(fuzz_count_files(dir) == files_before,
                   "a commit of nothing left a file behind");
        return 0;
    }
    fuzz_check_committed(path[0], errors_before, "a committed import");

    /* The same file again: nothing to do. */
    ds = NULL;
    err = (ind_error)IND_ERROR_INIT;
    rc = ind_dataset_open(&ds, path[0], IND_OPEN_WRITE, &err);
    FUZZ_CHECK(rc == IND_OK, "reopen after the import: %s", err.message);
    rc = read_into(ds, which, variant, src, &again, &err);
    FUZZ_CHECK(rc == IND_OK, "the same file, imported again, is refused: %s",
               err.message);
    FUZZ_CHECK(again.added == 0 && again.revised == 0 &&
               again.unchanged == first.figures,
               "the same file imported again adds %zu and revises %zu "
               "(%zu unchanged of %zu)", again.added, again.revised,
               again.unchanged, first.figures);
    ind_dataset_free(ds);
    say("imported, committed, imported again: nothing to do", "");
    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    ind_library_init();
    return 0;
}
