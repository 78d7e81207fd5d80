/**
 * @file indicators/number.h
 * @brief Strict, locale-independent parsing and formatting of figures.
 *
 * The accepted grammar, whatever the process locale:
 *
 *     number  = ["-"] mantissa [exponent] ["%"]
 *     mantissa = digits ["." *DIGIT]          ; 12195, 3.5, 760.
 *              / "." 1*DIGIT                  ; .5
 *     digits  = 1*DIGIT                      ; plain: 12195, 0012
 *             / NZDIGIT *2DIGIT 1*("," 3DIGIT) ; grouped: 1,164,000
 *                                        ; not 0,500 (a decimal comma?)
 *     exponent = ("e" / "E") ["+" / "-"] 1*DIGIT   ; only on plain digits
 *
 * Rejected, each with a message that quotes the text and says what is
 * wrong: an empty text, spaces anywhere, a leading "+", misplaced groups
 * ("1164,000", "1,2345", "0,500"), several decimal points ("1.164.000"),
 * a point without a digit on either side ("."),
 * "nan", "inf", hexadecimal, trailing junk, a value beyond the range of a
 * double, and a "%" unless ::IND_NUMBER_ALLOW_PERCENT is given.
 *
 * Formatting never depends on the locale either: ind_number_format() gives
 * the shortest text that reads back as the same double (for CSV and JSON),
 * ind_number_format_human() rounds and groups thousands (for tables).
 */
#ifndef INDICATORS_NUMBER_H
#define INDICATORS_NUMBER_H

#include <stddef.h>
#include "indicators/export.h"
#include "indicators/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Accept one trailing "%" (the value is returned as written: "12%" is 12). */
#define IND_NUMBER_ALLOW_PERCENT 0x1u

/** A buffer of this size holds any text ind_number_format() writes. */
#define IND_NUMBER_BUFSIZE 32

/** A buffer of this size holds any text ind_number_format_human() writes
 *  with up to 6 decimals. */
#define IND_NUMBER_HUMAN_BUFSIZE 64

/**
 * Parse a figure.
 *
 * @param out    receives the value; untouched on failure
 * @param text   the text; need not be NUL-terminated
 * @param len    its length in bytes
 * @param flags  0 or ::IND_NUMBER_ALLOW_PERCENT
 * @param err    receives the reason on failure (may be NULL); the message
 *               has no file position, callers add it
 * @return IND_OK, ::IND_EPARSE for text outside the grammar (or a value
 *         beyond the range of a double), ::IND_EINVAL if out or text is NULL,
 *         ::IND_ENOMEM if the C locale cannot be obtained.
 */
IND_EXTERN int ind_number_parse(double *out, const char *text, size_t len,
                                unsigned flags, ind_error *err);

/**
 * Parse a year: an optional "-" and 1 to 6 plain digits, nothing else.
 *
 * @return IND_OK, ::IND_EPARSE with the reason, or ::IND_EINVAL for NULL.
 *         Range rules (1900 to 2100 for a dataset) are the caller's.
 */
IND_EXTERN int ind_number_parse_year(int *out, const char *text, size_t len,
                                     ind_error *err);

/**
 * Write the shortest decimal text that reads back as exactly `value`
 * ("12195", "11.46", "1e+300", "-0.1"); valid in CSV and as a JSON number.
 * Of the shortest texts, the one nearest the value (Schubfach's algorithm).
 * The layout is C's "%g" at the precision of those digits, at least 15:
 * plain for decimal exponents -4 up to that precision, else "1.5e-07".
 *
 * @return IND_OK; ::IND_EDOMAIN if value is NaN or infinite (nothing is
 *         written but an empty string when size > 0); ::IND_EINVAL if buf is
 *         NULL or size < ::IND_NUMBER_BUFSIZE.
 */
IND_EXTERN int ind_number_format(char *buf, size_t size, double value,
                                 ind_error *err);

/**
 * Write a value for people: thousands grouped with commas, rounded to
 * `decimals` places ("1,164,000", "11.46", "-3.5"). With decimals < 0 the
 * precision is automatic: whole numbers get none, others up to two with
 * trailing zeros dropped, and small magnitudes (under 0.01) three
 * significant digits. NaN and infinities are written as "n/a".
 *
 * @return IND_OK; ::IND_EINVAL if buf is NULL, decimals > 6 or the text
 *         does not fit in size bytes (the buffer then holds "").
 */
IND_EXTERN int ind_number_format_human(char *buf, size_t size, double value,
                                       int decimals, ind_error *err);

#ifdef __cplusplus
}
#endif

#endif /* INDICATORS_NUMBER_H */
