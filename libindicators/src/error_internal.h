/* Internal helpers that fill an ind_error; not part of the public API. */
#ifndef IND_ERROR_INTERNAL_H
#define IND_ERROR_INTERNAL_H

#include "indicators/error.h"

#if defined(__GNUC__)
#define IND_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define IND_PRINTF(fmt, args)
#endif

/* Fill 'err' (if not NULL) with 'code' and a formatted message; returns
 * 'code' so callers can write `return ind_error_set(err, IND_EINVAL, ...)`. */
int ind_error_set(ind_error *err, int code, const char *fmt, ...)
    IND_PRINTF(3, 4);

/* Same, with a place: the message becomes "path:line:column: text".
 * line or column 0 leaves that part out. */
int ind_error_set_at(ind_error *err, int code, const char *path,
                     unsigned long line, unsigned column,
                     const char *fmt, ...) IND_PRINTF(6, 7);

/* Set the structured fields of a record just filled by ind_error_set*()
 * (NULL is a no-op): what the failure is about (an ind_error_detail), the
 * indicator id (NULL for none) and the year (0 for none). */
void ind_error_about(ind_error *err, int detail, const char *subject,
                    int year);

/* Copy one record into another (NULL destination is a no-op);
 * returns the copied code. */
int ind_error_copy(ind_error *dst, const ind_error *src);

/* Map a GSL status to IND_OK or IND_ENUMERIC with GSL's own text and
 * 'what' (the operation) in the message. */
int ind_error_from_gsl(ind_error *err, int gsl_status, const char *what);

#endif
