/**
 * @file indicators/dataset.h
 * @brief A dataset on disk: observations, catalog and audit trail.
 *
 * A dataset `NAME.csv` is three RFC 4180 files side by side (UTF-8, LF or
 * CRLF, header row, any column order, a leading BOM tolerated):
 *
 * - `NAME.csv`, the observations, one row per reading. Columns
 *   `indicator`, `year`, `value` are required; `entity`, `unit`, `status`,
 *   `as_of`, `source`, `note`, `role` are optional; columns the library does
 *   not know are kept byte for byte on every rewrite.
 * - `NAME.indicators.csv`, the catalog: `indicator,title,unit,kind,
 *   description` and optionally `growth_of` (the stock indicator a rate is
 *   the growth of), `years` (its span) and `source_name` (a short name of
 *   its sources, "SAMR; CNCA", that charts write in their footer). Without
 *   it the dataset still loads: indicators are
 *   inferred from the observations and a note says so.
 * - `NAME.history.csv`, the audit trail, only ever appended to: one row per
 *   change with the UTC time, the action (append, revise, remove, define),
 *   the reading's key and its old and new value, source, status, note,
 *   role and unit, and the reason given. A revision or a removal moves the
 *   old reading there whole; nothing is lost.
 * - `NAME.entities.csv`, optional: `entity,title`, the names of entity
 *   codes (CHN is "China"), as imports bring them.
 *
 * ## Series and readings
 * A series is an (indicator, entity) pair; an empty entity is the dataset's
 * own subject. A year of a series may hold several readings: a mid-year
 * platform figure and the year-end figure (different `as_of`), or two
 * sources that disagree (same `as_of`).
 *
 * ## The value used for a year (the choice rule)
 * Among the readings of one series and year:
 * 1. a reading with `role` = `alternate` is kept and shown, never used;
 * 2. a reading with `role` = `primary` is used (two primaries are an error);
 * 3. otherwise the reading whose `as_of` is latest *within the year* is used
 *    (an empty `as_of` counts as the year's end; a month or a bare year
 *    counts as its last day); readings dated after the year (a January
 *    figure quoted for the year before) rank below every reading dated
 *    inside it, and among themselves the earliest wins;
 * 4. if two or more readings tie on that rule (same effective date), the
 *    year is a **conflict**: no value is used for it until the data says
 *    which one by a `role` (ind_dataset_series() fails, naming the readings;
 *    ind_dataset_validate() reports it). The library never picks silently.
 *
 * ## Validation
 * Loading checks every row: the number grammar of number.h (a trailing `%`
 * only for a rate), whole years in -9999..9999, dates `YYYY`, `YYYY-MM` or
 * `YYYY-MM-DD` not before the year they describe, status letters
 * (SDMX OBS_STATUS: A normal, B break, D definition differs, E estimated,
 * F forecast, G experimental, I imputed, P provisional, U low reliability,
 * V unvalidated), roles, valid UTF-8 without control characters, and text
 * that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
 * `@`). ind_dataset_validate() adds the rules across rows: duplicates,
 * conflicts, units against the catalog (a rate's unit is `percent`),
 * indicators missing from the catalog, and years a series would not be
 * expected to hold (warnings): outside the span the catalog declares for
 * the indicator (column `years`, `1543..2021`), or without one outside
 * 1800-2100 or far from the rest of the series (2204 among 2010-2024).
 * A history entry whose reading has vanished from the observations with
 * no removal recorded is an error; one whose figure differs from the
 * file's (an edit by hand) a warning.
 *
 * ## Changes
 * Open with ::IND_OPEN_WRITE to take an advisory lock (`flock` on
 * `NAME.lock`) that is held until ind_dataset_free(); the files are read
 * under the lock, so concurrent writers serialise and none loses an update.
 * Changes are made in memory (ind_dataset_add(), ind_dataset_define()) and
 * written by ind_dataset_commit(): the new version of each file is written
 * in full to a temporary file beside it and `fsync`ed first; only then are
 * they renamed over the files, history first, then catalog, then
 * observations, with an `fsync` of the folder. A full disk or any other
 * failure while writing therefore changes nothing. Rows not changed are
 * copied byte for byte. A rejected change writes nothing. If the process
 * dies between the renames, the history holds a change the data lacks;
 * ind_dataset_validate() reports such an entry and the next commit records
 * it as `void`.
 *
 * ## Files and limits
 * Each file must be a regular file (a FIFO or a device is refused at once,
 * never read or replaced) of at most 1 GiB; a field is at most 64 KiB and
 * a row at most 1 MiB. Changes meet the same limits: a text or a row that
 * could not be read back is refused. A file that is a symbolic link is
 * written through: its target is replaced and the link stays (a dangling
 * link is refused, and so is a lock file that is a link). A file without
 * write permission is not replaced.
 *
 * ## Errors
 * Every fallible function returns an ::ind_error_code and writes the detail
 * to the `ind_error *err` record it takes last (NULL: the code only), as
 * everywhere in the library (error.h). The handle keeps no error of its
 * own, so the functions that only read it take it `const`. The record's
 * `detail`, `subject` and `year` say which case a failure is (an unknown
 * indicator, an existing reading, an undecided conflict...), for a program
 * that advises its user how to fix it.
 */
#ifndef INDICATORS_DATASET_H
#define INDICATORS_DATASET_H

#include <stddef.h>
#include "indicators/export.h"
#include "indicators/error.h"
#include "indicators/series.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque dataset handle. */
typedef struct ind_dataset ind_dataset;

/** Open for reading only (no lock, commit refused). */
#define IND_OPEN_READ  0x0u
/** Take the dataset's write lock for the handle's lifetime. */
#define IND_OPEN_WRITE 0x1u
/** With ::IND_OPEN_WRITE: a dataset whose observations file does not exist
 *  yet opens empty, and the first commit that has something to write
 *  creates its files (released without a commit, it leaves nothing, not
 *  even its lock file). */
#define IND_OPEN_CREATE 0x2u

/** How a reading takes part in the choice rule. */
typedef enum ind_role {
    IND_ROLE_NONE = 0,   /**< Chosen by the rule (empty `role`). */
    IND_ROLE_PRIMARY,    /**< The value to use for its year (`primary`). */
    IND_ROLE_ALTERNATE   /**< Kept and shown, never used (`alternate`). */
} ind_role;

/**
 * One reading (a row of the observations). Strings are owned by the
 * dataset and valid until its next change (ind_dataset_add(),
 * ind_dataset_define()) or its release; empty strings, never NULL, when
 * read from a dataset. As input they are copied before anything else is
 * done, so a reading copied with ind_dataset_reading() may be changed and
 * given back to ind_dataset_add() (the way to revise a figure).
 */
typedef struct ind_reading {
    const char *indicator; /**< Indicator id. */
    const char *entity;    /**< Entity code, "" for the dataset's subject. */
    int year;              /**< Calendar year, -9999..9999. */
    double value;          /**< The figure. */
    const char *unit;      /**< Unit as written in the row ("" = the catalog's). */
    char status;           /**< OBS_STATUS letter, 0 when empty. */
    const char *as_of;     /**< Date the figure refers to, "" when none. */
    const char *source;    /**< Source (a URL or a citation). */
    const char *note;      /**< Free text. */
    ind_role role;         /**< Explicit choice, if any. */
    unsigned long line;    /**< Line in NAME.csv, 0 for a reading not yet saved. */
} ind_reading;

/** One indicator of the catalog (declared, or inferred when absent). */
typedef struct ind_indicator {
    const char *id;          /**< Indicator id. */
    const char *title;       /**< Human title ("" when inferred). */
    const char *unit;        /**< Unit ("" when unknown). */
    ind_kind kind;           /**< stock, flow, rate or unspecified. */
    const char *description; /**< Description. */
    const char *growth_of;   /**< For a rate: the stock indicator it is the growth of, or "". */
    const char *years;       /**< The span of years its series hold ("1543..2021", "1800.."), or "": years outside it are a warning of ind_dataset_validate(). */
    const char *source_name; /**< A short name of its sources for a chart's footer ("SAMR; CNCA"; column `source_name`), or "": charts name the sources' sites. */
    int declared;            /**< 1 when the catalog declares it, 0 when inferred. */
} ind_indicator;

/** Summary of one series. */
typedef struct ind_series_info {
    const char *indicator;   /**< Indicator id. */
    const char *entity;      /**< Entity, "" for the dataset's subject. */
    int first_year;          /**< Earliest year with a reading. */
    int last_year;           /**< Latest year with a reading. */
    size_t years;            /**< Distinct years with a reading. */
    size_t readings;         /**< Readings, all roles included. */
    size_t conflicts;        /**< Years whose choice is unresolved. */
} ind_series_info;

/** Severity of a finding of ind_dataset_validate(). */
typedef enum ind_severity {
    IND_SEVERITY_NOTE = 0,   /**< Information (an inferred catalog). */
    IND_SEVERITY_WARNING,    /**< Suspicious but usable. */
    IND_SEVERITY_ERROR       /**< Breaks a rule; `check` fails. */
} ind_severity;

/** A finding, located in a file when it has a place. */
typedef struct ind_diagnostic {
    ind_severity severity;   /**< How serious. */
    const char *path;        /**< File it is about, or "" for the dataset as a whole. */
    unsigned long line;      /**< 1-based line, 0 when none. */
    unsigned column;         /**< 1-based field number, 0 when none. */
    const char *message;     /**< What is wrong, with the bad text quoted. */
    int detail;              /**< An ::ind_error_detail, IND_DETAIL_NONE for most. */
    const char *subject;     /**< The indicator id it is about, or "". */
} ind_diagnostic;

/** Options of ind_dataset_add(). */
#define IND_ADD_REVISE 0x1u  /**< Replace the reading with the same key (series, year, as_of); what the new reading leaves empty carries over. */

/**
 * Load a dataset. `path` names the observations file; the catalog and the
 * history are found beside it (`NAME.indicators.csv`, `NAME.history.csv`
 * when the path ends in `.csv`, else the path with those suffixes added).
 *
 * On return `*out` holds a handle even when loading failed (except for
 * ::IND_ENOMEM, where it may be NULL), so that its diagnostics can be
 * listed; release it with ind_dataset_free(). `err` receives the first
 * problem.
 *
 * @param flags ::IND_OPEN_READ or ::IND_OPEN_WRITE (take the write lock,
 *        waiting up to 30 seconds for another writer).
 * @return IND_OK; ::IND_ENOTFOUND (no observations file); ::IND_EIO;
 *         ::IND_EPARSE (syntax, encoding, bad figure, bad year or date: the
 *         first problem, as `file:line:column: message`; every row problem
 *         is also a diagnostic); ::IND_EDATA (a header without a required
 *         column or with a duplicate column); ::IND_ELOCK; ::IND_ENOMEM.
 */
IND_EXTERN int ind_dataset_open(ind_dataset **out, const char *path,
                                unsigned flags, ind_error *err);

/** Release the handle, its lock and all its memory. NULL is a no-op. */
IND_EXTERN void ind_dataset_free(ind_dataset *ds);

/** The observations path the dataset was opened with. */
IND_EXTERN const char *ind_dataset_path(const ind_dataset *ds);

/** The catalog path (it may not exist). */
IND_EXTERN const char *ind_dataset_catalog_path(const ind_dataset *ds);

/** The history path (it may not exist). */
IND_EXTERN const char *ind_dataset_history_path(const ind_dataset *ds);

/**
 * Check the rules that span rows (see the file comment) and collect every
 * finding as a diagnostic, after those of loading.
 * A dataset that did not load cleanly is not checked further: its loading
 * diagnostics stand, and the load's code is returned (detail
 * ::IND_DETAIL_NOT_LOADED).
 * @return IND_OK when no finding is an error; ::IND_EDATA otherwise (the
 *         first error in `err`); the load's code; ::IND_ENOMEM.
 */
IND_EXTERN int ind_dataset_validate(ind_dataset *ds, ind_error *err);

/** Number of diagnostics collected so far. */
IND_EXTERN size_t ind_dataset_diagnostic_count(const ind_dataset *ds);

/** The i-th diagnostic, in file order within each check, or NULL. Valid
 *  until the dataset is freed. */
IND_EXTERN const ind_diagnostic *ind_dataset_diagnostic(const ind_dataset *ds,
                                                        size_t i);

/** Number of readings, all series. */
IND_EXTERN size_t ind_dataset_reading_count(const ind_dataset *ds);

/**
 * Copy reading `i` (in file order, added ones last) into `*out`.
 * @return IND_OK or ::IND_EINVAL when i is out of range.
 */
IND_EXTERN int ind_dataset_reading(const ind_dataset *ds, size_t i,
                                   ind_reading *out, ind_error *err);

/** Number of indicators (declared and inferred). */
IND_EXTERN size_t ind_dataset_indicator_count(const ind_dataset *ds);

/** Copy indicator `i` (catalog order, inferred ones after) into `*out`.
 *  @return IND_OK or ::IND_EINVAL. */
IND_EXTERN int ind_dataset_indicator(const ind_dataset *ds, size_t i,
                                     ind_indicator *out, ind_error *err);

/**
 * Find an indicator by id.
 * @return IND_OK with its index in *out, or ::IND_ENOTFOUND (detail
 *         ::IND_DETAIL_UNKNOWN_INDICATOR, subject the id).
 */
IND_EXTERN int ind_dataset_find_indicator(const ind_dataset *ds, const char *id,
                                          size_t *out, ind_error *err);

/** Number of series. */
IND_EXTERN size_t ind_dataset_series_count(const ind_dataset *ds);

/** Summarise series `i` (ordered by indicator as first seen, then entity).
 *  @return IND_OK or ::IND_EINVAL. */
IND_EXTERN int ind_dataset_series_info(const ind_dataset *ds, size_t i,
                                       ind_series_info *out, ind_error *err);

/**
 * Find a series by indicator and entity (NULL or "" for the subject).
 * @return IND_OK with its index in *out, or ::IND_ENOTFOUND (detail
 *         ::IND_DETAIL_NO_SERIES).
 */
IND_EXTERN int ind_dataset_find_series(const ind_dataset *ds,
                                       const char *indicator,
                                       const char *entity, size_t *out,
                                       ind_error *err);

/**
 * Number of readings of series `i`, superseded ones included: the `k` of
 * ind_dataset_series_reading() runs from 0 below it. 0 when `i` is out of
 * range.
 */
IND_EXTERN size_t ind_dataset_series_reading_count(const ind_dataset *ds,
                                                   size_t i);

/**
 * The index (for ind_dataset_reading()) of reading `k` of series `i`, its
 * readings ordered by year, then by effective date, then file order.
 * @return IND_OK with the index in *out; ::IND_EINVAL when `i` or `k` is
 *         out of range; ::IND_ENOMEM (the order could not be built).
 */
IND_EXTERN int ind_dataset_series_reading(const ind_dataset *ds, size_t i,
                                          size_t k, size_t *out,
                                          ind_error *err);

/**
 * Build the series of series `i` with one value per year by the choice rule;
 * each point records the reading it took and flags (IND_POINT_CHOSEN when the
 * year had several readings, IND_POINT_EXPLICIT when a role decided,
 * IND_POINT_PARTIAL_YEAR when dated before the year's end).
 *
 * @param out receives a new series, to be freed with ind_series_free()
 * @return IND_OK; ::IND_EDATA when a year is an unresolved conflict (the
 *         message names the year and the readings; detail
 *         ::IND_DETAIL_CONFLICT with the indicator and the year);
 *         ::IND_EINVAL; ::IND_ENOMEM.
 */
IND_EXTERN int ind_dataset_series(ind_dataset *ds, size_t i, ind_series **out,
                                  ind_error *err);

/**
 * Index of the reading used for `year` in series `i`.
 * @return IND_OK with the index in *out; ::IND_ENOTFOUND when the year has
 *         no usable reading; ::IND_EDATA for an unresolved conflict
 *         (detail ::IND_DETAIL_CONFLICT).
 */
IND_EXTERN int ind_dataset_chosen_reading(ind_dataset *ds, size_t i, int year,
                                          size_t *out, ind_error *err);

/**
 * Add a reading in memory (written by ind_dataset_commit()). Its texts are
 * copied first: they may be those of a reading of the same dataset (see
 * ::ind_reading). The reading is checked like a loaded row (figure, year
 * range, date, status, text rules, texts of at most 64 KiB), its indicator must be in the catalog and its unit (if given) must match
 * the catalog's; a new reading given no unit takes the catalog's (when the
 * file has a unit column). A reading with the same series, year and
 * `as_of` is refused unless ::IND_ADD_REVISE is given, in which case it
 * replaces that reading and the history records the old one whole.
 * A revision keeps what it does not restate: an empty unit, note, source
 * or `as_of`, a status 0 and a role ::IND_ROLE_NONE carry over from the
 * reading it replaces (status 'A' restates "normal"); given no `as_of`,
 * it revises the year's only reading whatever its date (a year with
 * several is refused, ::IND_DETAIL_AMBIGUOUS_READING: say which).
 * With ::IND_ADD_REVISE and no such reading, the reading is added. A
 * reading that would tie under the choice rule with another of its year
 * (an undecided conflict the year did not have) is refused with
 * ::IND_EDATA: give it another `as_of` or a `role`.
 *
 * @param value_text the figure as typed (parsed with the number grammar;
 *        a `%` is accepted for a rate); if NULL, r->value is used, and
 *        refused (::IND_EDATA) unless its written form reads back: NaN,
 *        infinities and subnormal values are not stored
 * @return IND_OK; ::IND_ENOTFOUND (unknown indicator, detail
 *         ::IND_DETAIL_UNKNOWN_INDICATOR); ::IND_EEXISTS (the key exists and
 *         no revise: ::IND_DETAIL_READING_EXISTS); ::IND_EPARSE /
 *         ::IND_EDATA (a rule broken, named in the message; a new tie is
 *         ::IND_DETAIL_CONFLICT, a second primary
 *         ::IND_DETAIL_SECOND_PRIMARY); ::IND_EINVAL (opened without
 *         ::IND_OPEN_WRITE, or committed already); the load's code when the
 *         dataset did not load cleanly (::IND_DETAIL_NOT_LOADED);
 *         ::IND_ENOMEM.
 */
IND_EXTERN int ind_dataset_add(ind_dataset *ds, const ind_reading *r,
                               const char *value_text, unsigned flags,
                               ind_error *err);

/**
 * Find the live reading of a key: indicator, entity (NULL or "" for the
 * subject), year and `as_of` (NULL: the year's only reading, whatever its
 * date). Costs the readings of that year, not the dataset's.
 * @return IND_OK with its index in *out; ::IND_ENOTFOUND (no such
 *         reading, detail ::IND_DETAIL_NO_READING); ::IND_EDATA (as_of NULL
 *         and the year has several, ::IND_DETAIL_AMBIGUOUS_READING);
 *         ::IND_ENOMEM.
 */
IND_EXTERN int ind_dataset_find_reading(ind_dataset *ds, const char *indicator,
                                        const char *entity, int year,
                                        const char *as_of, size_t *out,
                                        ind_error *err);

/**
 * Withdraw a reading (written by ind_dataset_commit()): it leaves the
 * observations and goes, whole, into the history as a `remove` entry with
 * the reason. The reading is found as by ind_dataset_find_reading(). A
 * removal that would leave its year undecided (readings that tie once a
 * primary is gone) is refused: decide with a role first.
 * @param reason why the figure is withdrawn: required, checked like a note
 * @return IND_OK; ::IND_ENOTFOUND (no such reading: ::IND_DETAIL_NO_READING,
 *         or no such indicator); ::IND_EDATA (ambiguous or a new conflict);
 *         ::IND_EINVAL (no reason, not writable); ::IND_EPARSE (the reason
 *         breaks the text rules); ::IND_ENOMEM.
 */
IND_EXTERN int ind_dataset_remove(ind_dataset *ds, const char *indicator,
                                  const char *entity, int year,
                                  const char *as_of, const char *reason,
                                  ind_error *err);

/** What ind_dataset_add_csv() did. */
typedef struct ind_add_summary {
    size_t rows;        /**< Data rows read. */
    size_t added;       /**< New readings. */
    size_t revised;     /**< Readings replaced (with ::IND_ADD_REVISE). */
    size_t unchanged;   /**< Rows that restated their reading exactly (with ::IND_ADD_REVISE): nothing to do. */
} ind_add_summary;

/**
 * Add a bulletin: every row of the CSV file at `path` as by
 * ind_dataset_add(), all or nothing. The file has the observations'
 * columns, `indicator`, `year` and `value` required, `entity`, `unit`,
 * `status`, `as_of`, `source`, `note`, `role` as they like, in any order
 * (a BOM, CRLF, quoting as RFC 4180); any other column is refused. An
 * empty cell takes the field of `defaults` (NULL: none); a reading needs
 * a source. Every row is checked before anything changes; a row restating
 * another row's key is refused; with ::IND_ADD_REVISE a row whose key
 * has a reading revises it (a row that changes nothing is left out), the
 * others are added. Each figure becomes one history entry.
 *
 * @return IND_OK (out, which may be NULL, says what was done); the first
 *         problem, as `path:line:column: message` with the code
 *         ind_dataset_add() gives it (::IND_EPARSE, ::IND_EDATA,
 *         ::IND_EEXISTS, ::IND_ENOTFOUND...). After a failure part way the
 *         handle refuses to commit: release it, and nothing is written.
 */
IND_EXTERN int ind_dataset_add_csv(ind_dataset *ds, const char *path,
                                   const ind_reading *defaults,
                                   unsigned flags, ind_add_summary *out,
                                   ind_error *err);

/**
 * Turn the handle into the dataset as it stood at the end of `date`
 * (`YYYY-MM-DD`, a UTC day), rebuilt from the history: every change
 * recorded after that day is undone (an append taken back, a revision's
 * old reading restored, a removed reading put back); a reading with no
 * history entry counts as present from the start, and entries that never
 * reached the observations (an interrupted write) are passed over. Every
 * query then answers for that vintage; the handle can no longer change or
 * commit (::IND_DETAIL_VINTAGE). A date before the first entry gives the
 * dataset as it was before any recorded change.
 * @return IND_OK; ::IND_EPARSE (not a date); ::IND_EPARSE / ::IND_EIO
 *         (an unreadable history); ::IND_EINVAL (a vintage already, or a
 *         handle with uncommitted changes); ::IND_ENOMEM.
 */
IND_EXTERN int ind_dataset_vintage(ind_dataset *ds, const char *date,
                                   ind_error *err);

/** Number of entity codes with a title. */
IND_EXTERN size_t ind_dataset_entity_count(const ind_dataset *ds);

/** Entity `i` (file order, added ones last): its code and title, owned by
 *  the dataset. @return IND_OK or ::IND_EINVAL. */
IND_EXTERN int ind_dataset_entity(const ind_dataset *ds, size_t i,
                                  const char **code, const char **title,
                                  ind_error *err);

/** The title of an entity code ("China" for CHN), "" when it has none.
 *  Never NULL. */
IND_EXTERN const char *ind_dataset_entity_title(const ind_dataset *ds,
                                                const char *entity);

/**
 * Title an entity code (written to NAME.entities.csv by the next commit).
 * A code keeps the title it has: the same title again is IND_OK, another
 * one ::IND_EEXISTS.
 * @return IND_OK; ::IND_EEXISTS; ::IND_EPARSE (text rules); ::IND_EINVAL
 *         (empty code or title, not writable); ::IND_ENOMEM.
 */
IND_EXTERN int ind_dataset_set_entity_title(ind_dataset *ds,
                                            const char *entity,
                                            const char *title,
                                            ind_error *err);

/**
 * Declare a new indicator in the catalog (written by ind_dataset_commit()).
 * The id is 1..64 characters of `a-z`, `0-9`, `_`, `.` and `-`, starting
 * with a letter; kind must be given; a rate's unit must be `percent`;
 * `growth_of`, if not empty, must name a stock indicator.
 * @return IND_OK; ::IND_EEXISTS; ::IND_EPARSE / ::IND_EDATA; ::IND_EINVAL.
 */
IND_EXTERN int ind_dataset_define(ind_dataset *ds,
                                  const ind_indicator *indicator,
                                  ind_error *err);

/**
 * Write every change made since opening: every new version first, then
 * history, catalog and observations replaced in that order (see
 * "Changes"). Without changes it writes nothing. A handle commits once:
 * reopen the dataset to make further changes.
 * @return IND_OK; ::IND_EINVAL (not opened for writing); ::IND_EWRITE (a
 *         file cannot be written or replaced: the message names the cause,
 *         "No space left on device", a read-only file, ...; nothing was
 *         changed unless the message says the history was);
 *         ::IND_EDATA (a new row would pass the 1 MiB row limit);
 *         ::IND_EIO (the file changed on disk under the lock, or cannot be
 *         read).
 */
IND_EXTERN int ind_dataset_commit(ind_dataset *ds, ind_error *err);

/** One entry of the audit trail, as written (texts, "" when empty). */
typedef struct ind_change {
    const char *time;        /**< UTC, ISO 8601 ("2026-11-25T22:30:00Z"). */
    const char *action;      /**< append, revise, remove, define, or void (a note that entries did not land). */
    const char *indicator;   /**< Indicator id. */
    const char *entity;      /**< Entity. */
    const char *year;        /**< Year of the reading. */
    const char *as_of;       /**< as_of of the reading. */
    const char *old_value;   /**< The figure replaced (revise), in round-trip form. */
    const char *new_value;   /**< The figure written. */
    const char *old_source;  /**< Source of the replaced figure. */
    const char *new_source;  /**< Source of the figure written. */
    const char *old_status;  /**< Status letters, old and new. */
    const char *new_status;
    const char *old_note;    /**< Notes, old and new (for define: the definition). */
    const char *new_note;
    const char *old_role;    /**< Roles, old and new. */
    const char *new_role;
    const char *old_unit;    /**< Units, old and new ("" in histories written before they were kept). */
    const char *new_unit;
    const char *reason;      /**< Why (a removal, a revision), or "". */
    int voided;              /**< 1: the entry never reached the observations (an interrupted write; a later `void` entry says so, or it is the last write). */
    unsigned long line;      /**< Line in NAME.history.csv. */
} ind_change;

/**
 * The name of column i of the audit trail, in the order a new history
 * file is written ("time", "action", "indicator", "entity", "year",
 * "as_of", "old_value", "new_value", ...), or NULL past the last.
 */
IND_EXTERN const char *ind_history_column_name(size_t i);

/** The text of an entry in column i (see ind_history_column_name()), or
 *  NULL past the last column. */
IND_EXTERN const char *ind_change_field(const ind_change *change, size_t i);

/** Called for each history entry in file order; return IND_OK to go on,
 *  anything else stops the walk and is returned. */
typedef int (*ind_change_fn)(void *ctx, const ind_change *change);

/**
 * Walk the audit trail NAME.history.csv. A dataset without a history file
 * has an empty trail.
 * @return IND_OK; the callback's code; ::IND_EPARSE (malformed history,
 *         the message says where); ::IND_EIO; ::IND_ENOMEM.
 */
IND_EXTERN int ind_dataset_history(const ind_dataset *ds, ind_change_fn fn,
                                   void *ctx, ind_error *err);

/** One state of a figure in ind_dataset_revisions(). */
typedef struct ind_revision {
    const char *entity;      /**< The figure's key: entity, year, as_of. */
    int year;
    const char *as_of;
    const char *time;        /**< When it took this state (UTC, as in the history), or "" for its state before the history's first entry about it. */
    int present;             /**< 0: the figure did not exist (not appended yet, or removed). */
    double value;            /**< The figure (when present). */
    char status;             /**< Its status letter, 0 when normal. */
    const char *source;      /**< Its source. */
} ind_revision;

/** Called for each state, figure by figure (by entity, year, as_of), each
 *  figure's states in time order; return IND_OK to go on. */
typedef int (*ind_revision_fn)(void *ctx, const ind_revision *revision);

/**
 * The revisions of every figure of an indicator, rebuilt from the history
 * as ind_dataset_vintage() does: for each figure its state before the
 * history's first entry about it, then its state after each entry (voided
 * entries left out). A figure no entry touches has its one state, "" in
 * time. The strings are valid during the call.
 * @return IND_OK; ::IND_ENOTFOUND (no such indicator); the callback's code;
 *         ::IND_EPARSE / ::IND_EIO (the history); ::IND_ENOMEM.
 */
IND_EXTERN int ind_dataset_revisions(ind_dataset *ds, const char *indicator,
                                     ind_revision_fn fn, void *ctx,
                                     ind_error *err);

/** Name of a role ("primary", "alternate", ""). Never NULL. */
IND_EXTERN const char *ind_role_name(ind_role role);

#ifdef __cplusplus
}
#endif

#endif /* INDICATORS_DATASET_H */
