/* text: rules every text field obeys before it is stored or written out.
 * Internal to the library; the dataset, chart and report modules use it. */
#ifndef IND_TEXT_H
#define IND_TEXT_H

#include <stddef.h>

/* Rules for ind_text_check(); combine with |. */
#define IND_TEXT_UTF8      0x1u /* valid UTF-8, no overlong forms or surrogates */
#define IND_TEXT_NO_CONTROL 0x2u /* no C0, DEL, C1, U+2028, U+2029 */
#define IND_TEXT_NO_FORMULA 0x4u /* does not start with = + - @ (spreadsheets) */
#define IND_TEXT_NO_BIDI   0x8u /* no bidirectional embedding, override or
                                 * isolate (U+202A-U+202E, U+2066-U+2069),
                                 * which reorder what a reader sees */
#define IND_TEXT_ALL (IND_TEXT_UTF8 | IND_TEXT_NO_CONTROL | IND_TEXT_NO_FORMULA | \
                      IND_TEXT_NO_BIDI)

/* True for a first character that makes a spreadsheet run a text as a
 * formula (IND_TEXT_NO_FORMULA): = + - @. */
static inline int ind_text_formula_start(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@';
}

/* Check s[0..len) against 'rules'. Returns 0 when it obeys them; otherwise
 * -1, with *offset set to the byte where the problem starts and a short
 * reason ("invalid UTF-8", "a control character (U+0007)", ...) written to
 * why (always NUL-terminated when whysize > 0). */
int ind_text_check(const char *s, size_t len, unsigned rules, size_t *offset,
                   char *why, size_t whysize);

/* Copy s[0..len) into buf (size >= 4) as a quotation for a message: whole
 * UTF-8 characters while they fit, control characters (see
 * IND_TEXT_NO_CONTROL) and invalid bytes as '?', and "..." when text is
 * left over. Always NUL-terminated; the size of buf caps the quotation. */
void ind_text_excerpt(char *buf, size_t size, const char *s, size_t len);

/* True for a character the text rules refuse (IND_TEXT_NO_CONTROL): C0,
 * DEL, C1, U+2028 and U+2029; any of them can end a line or a string. */
int ind_text_is_control(unsigned long cp);

/* True for the bidirectional embedding, override and isolate controls
 * (U+202A..U+202E, U+2066..U+2069): they can reorder what a reader sees. */
int ind_text_is_bidi_control(unsigned long cp);

/* A copy of untrusted text fit to show: invalid UTF-8 becomes U+FFFD,
 * control characters (ind_text_is_control) spaces, bidirectional controls
 * U+FFFD; with `trim`, ASCII spaces are trimmed at both ends; a text
 * longer than max_chars characters (0: no limit) is cut there and ends
 * with "…". NULL gives "". Returns a new string, or NULL when out of
 * memory. */
char *ind_text_sanitize(const char *in, size_t max_chars, int trim);

/* Copy s[0..len) into buf (size > 0) for a message: whole UTF-8
 * characters while they fit, control characters (but '\n' when
 * `newlines`) and invalid bytes as '?'. Always terminated. */
void ind_text_printable(char *buf, size_t size, const char *s, size_t len,
                        int newlines);

/* Decode one UTF-8 character at s[0..len). Returns its length in bytes and
 * stores the code point, or returns 0 for an invalid or truncated sequence. */
size_t ind_utf8_decode(const char *s, size_t len, unsigned long *cp);

#endif
