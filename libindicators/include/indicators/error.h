/**
 * @file indicators/error.h
 * @brief Error codes and the error record every fallible call fills in.
 *
 * Every fallible function of the library returns an `int`: `IND_OK` (0) on
 * success or one of the negative codes of ::ind_error_code. The detail of
 * a failure is written to an ::ind_error record: either one the caller
 * passes in (functions that work on plain arrays), or the one kept on a
 * handle (`ind_dataset_errmsg()`). Data errors carry the place of the bad
 * text, formatted as `file:line:column: message`.
 *
 * The library keeps no mutable global state; the only process-wide setting
 * it touches is GSL's error handler, switched off once by ind_library_init().
 */
#ifndef INDICATORS_ERROR_H
#define INDICATORS_ERROR_H

#include <stddef.h>

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

/** Size of the message buffer of ::ind_error, terminator included. */
#define IND_ERROR_MESSAGE_SIZE 1024

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
    char message[IND_ERROR_MESSAGE_SIZE];  /**< "path:line:column: what" or "what". */
} ind_error;

/** An empty record, for `ind_error err = IND_ERROR_INIT;`. */
#define IND_ERROR_INIT { IND_OK, 0, 0, { 0 } }

/**
 * Prepare the library for use: switches off GSL's default error handler
 * (which aborts the process) so that every GSL failure reaches the library as a
 * status it maps to ::IND_ENUMERIC. Call it once from `main` before any
 * other call, tests included. It is idempotent.
 */
void ind_library_init(void);

/**
 * A short, static description of an error code ("malformed text", ...).
 * Never NULL; unknown codes give "unknown error".
 */
const char *ind_strerror(int code);

/** Reset a record to success with an empty message. NULL is a no-op. */
void ind_error_clear(ind_error *err);

#ifdef __cplusplus
}
#endif

#endif /* INDICATORS_ERROR_H */
