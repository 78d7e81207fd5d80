/**
 * @file indicators/error.h
 * @brief Error codes and the error record every fallible call fills in.
 *
 * Every fallible function of the library returns an `int`: `IND_OK` (0) on
 * success or one of the negative codes of ::ind_error_code, and takes as
 * its last parameter an `ind_error *err` record that the caller owns
 * (usually on the stack) and that receives the detail of a failure. NULL
 * is allowed there: the caller then gets only the code. On success the
 * record is left as it was. Data errors carry the place of the bad text,
 * formatted as `file:line:column: message`.
 *
 * A message says what is wrong in the library's words; it never names a
 * command or an option of a program. A program that wants to tell its
 * user how to fix a failure keys that advice on the code and on the
 * record's structured fields (`detail`, `subject`, `year`), never on the
 * message text.
 *
 * The library keeps no mutable global state; the only process-wide setting
 * it touches is GSL's error handler, switched off once by ind_library_init().
 */
#ifndef INDICATORS_ERROR_H
#define INDICATORS_ERROR_H

#include <stddef.h>
#include "indicators/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Return codes of every fallible function. */
typedef enum ind_error_code {
    IND_OK = 0,            /**< Success. */
    IND_ERROR = -1,        /**< A failure not covered by a more precise code. */
    IND_ENOMEM = -2,       /**< Memory could not be allocated. */
    IND_EINVAL = -3,       /**< An argument or option is invalid (a caller mistake). */
    IND_ENOTFOUND = -4,    /**< A file, indicator, series or year does not exist. */
    IND_EPARSE = -5,       /**< Malformed text: CSV syntax, number grammar, date, encoding. */
    IND_EDATA = -6,        /**< Well-formed data breaking a rule: unit, range, kind, conflict. */
    IND_EEXISTS = -7,      /**< The thing to add is already there (a reading, an indicator). */
    IND_EDOMAIN = -8,      /**< A figure is undefined for this data: too few points, a log of a non-positive value, CAGR of a rate. */
    IND_ENUMERIC = -9,     /**< GSL reported a failure or produced a non-finite result. */
    IND_EIO = -10,         /**< A file could not be read. */
    IND_EWRITE = -11,      /**< A file could not be created, written or replaced. */
    IND_ELOCK = -12,       /**< The advisory lock could not be taken. */
    IND_EEXTERNAL = -13,   /**< An external program (gnuplot) ran and failed. */
    IND_EUNAVAILABLE = -14 /**< An external program needed for the task is not installed. */
} ind_error_code;

/**
 * What a failure (or a finding of ind_dataset_validate()) is about, beyond
 * its code: the cases a program may want to explain with a fix of its own.
 */
typedef enum ind_error_detail {
    IND_DETAIL_NONE = 0,           /**< Nothing more specific than the code. */
    IND_DETAIL_UNKNOWN_INDICATOR,  /**< No indicator `subject` in the catalog. */
    IND_DETAIL_NO_SERIES,          /**< The indicator `subject` has no readings (of that entity). */
    IND_DETAIL_READING_EXISTS,     /**< A reading of `subject`, `year` has the same key; a revision replaces it. */
    IND_DETAIL_CONFLICT,           /**< Readings of `subject`, `year` tie under the choice rule and no role decides. */
    IND_DETAIL_SECOND_PRIMARY,     /**< `subject`, `year` would have two primary readings. */
    IND_DETAIL_READ_ONLY,          /**< The dataset was opened without the write lock. */
    IND_DETAIL_COMMITTED,          /**< The handle has committed already; reopen to change more. */
    IND_DETAIL_NOT_LOADED,         /**< The dataset did not load cleanly; its diagnostics say why. */
    IND_DETAIL_NO_CATALOG,         /**< There is no catalog: indicators were inferred. */
    IND_DETAIL_UNDECLARED,         /**< Observations of `subject`, which the catalog lacks. */
    IND_DETAIL_HISTORY_PENDING,    /**< The last history entry did not reach the observations. */
    IND_DETAIL_NOTHING_TO_PROJECT, /**< Every series already has figures for the year to project to (`year`). */
    IND_DETAIL_AMBIGUOUS_READING,  /**< `subject`, `year` has several readings: the change must say which (its as_of). */
    IND_DETAIL_NO_READING,         /**< `subject`, `year` has no reading of that key to change. */
    IND_DETAIL_VINTAGE             /**< The handle shows an earlier vintage: it cannot change. */
} ind_error_detail;

/** Size of the message buffer of ::ind_error, terminator included. */
#define IND_ERROR_MESSAGE_SIZE 1024

/** Size of the `subject` buffer of ::ind_error (an indicator id fits). */
#define IND_ERROR_SUBJECT_SIZE 72

/**
 * A failure's code and human-readable detail.
 *
 * Callers own the record (usually on the stack); functions that take an
 * `ind_error *` accept NULL when the caller wants only the code. `line` and
 * `column` are 1-based and 0 when the error has no place in a file; for a
 * CSV file `column` counts fields, not bytes.
 */
typedef struct ind_error {
    int code;                              /**< An ::ind_error_code. */
    unsigned long line;                    /**< Line of the offending text, or 0. */
    unsigned column;                       /**< Field of the offending text, or 0. */
    int detail;                            /**< An ::ind_error_detail. */
    int year;                              /**< The year the failure is about, or 0. */
    char subject[IND_ERROR_SUBJECT_SIZE];  /**< The indicator id it is about (printable, as quoted in the message), or "". */
    char message[IND_ERROR_MESSAGE_SIZE];  /**< "path:line:column: what" or "what". */
} ind_error;

/** An empty record, for `ind_error err = IND_ERROR_INIT;`. */
#define IND_ERROR_INIT { IND_OK, 0, 0, IND_DETAIL_NONE, 0, { 0 }, { 0 } }

/**
 * Prepare the library for use: switches off GSL's default error handler
 * (which aborts the process) so that every GSL failure reaches the library as a
 * status it maps to ::IND_ENUMERIC. Call it once from `main` before any
 * other call, tests included. It is idempotent.
 */
IND_EXTERN void ind_library_init(void);

/**
 * A short, static description of an error code ("malformed text", ...).
 * Never NULL; unknown codes give "unknown error".
 */
IND_EXTERN const char *ind_strerror(int code);

/** Reset a record to success with an empty message. NULL is a no-op. */
IND_EXTERN void ind_error_clear(ind_error *err);

#ifdef __cplusplus
}
#endif

#endif /* INDICATORS_ERROR_H */
