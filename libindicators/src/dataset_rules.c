/* dataset_rules: what a single field must look like, and the rule that
 * picks the reading used for a year. Shared by loading and adding, so a
 * figure typed at the command line meets exactly the rules of a file. */
#include "dataset_internal.h"
#include "csvfile.h"
#include "text.h"
#include "indicators/number.h"

#include <stdio.h>
#include <string.h>

/* Years a reading may have: four digits either side of year 0, as long-run
 * series have them. Those outside 1800-2100 (without a catalog span) are
 * a warning of ind_dataset_validate(), not an error. */
#define YEAR_MIN -9999
#define YEAR_MAX 9999
/* ind_check_year (dataset_internal.h) takes any four digits as in range. */
_Static_assert(YEAR_MIN <= 0 && YEAR_MAX >= 9999, "four digits in range");
#define ID_MAX 64

/* SDMX OBS_STATUS letters we accept (see dataset.h). */
static const char status_letters[] = "ABDEFGIPUV";

/* Quotations of bad text in messages (see ind_text_excerpt). */
#define QUOTE_SIZE 44

int ind_check_indicator_id(const char *s, size_t len, char *why, size_t n)
{
    char q[ID_MAX + 8];
    size_t i;

    if (len == 0) {
        snprintf(why, n, "empty indicator id");
        return IND_EPARSE;
    }
    if (len > ID_MAX) {
        ind_text_excerpt(q, 24, s, len);
        snprintf(why, n, "indicator id '%s' is longer than %d characters",
                 q, ID_MAX);
        return IND_EPARSE;
    }
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) {
        ind_text_excerpt(q, sizeof q, s, len);
        snprintf(why, n, "indicator id '%s' must start with a letter", q);
        return IND_EPARSE;
    }
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')) {
            ind_text_excerpt(q, sizeof q, s, len);
            snprintf(why, n, "indicator id '%s' may hold only letters, "
                     "digits, '_', '.' and '-'", q);
            return IND_EPARSE;
        }
    }
    return IND_OK;
}

int ind_check_text(const char *name, const char *s, size_t len, char *why,
                   size_t n)
{
    char reason[96], q[QUOTE_SIZE];
    size_t at;

    /* Every file is read with this limit: a longer text could be written
     * but never read back. */
    if (len > IND_CSV_FIELD_MAX) {
        snprintf(why, n, "%s of %zu bytes is longer than the limit of %u "
                 "bytes", name, len, IND_CSV_FIELD_MAX);
        return IND_EPARSE;
    }
    if (ind_text_check(s, len, IND_TEXT_ALL, &at, reason, sizeof reason) != 0) {
        ind_text_excerpt(q, sizeof q, s, len);
        snprintf(why, n, "%s '%s' is refused: %s", name, q, reason);
        return IND_EPARSE;
    }
    return IND_OK;
}

int ind_check_row_lines(const ind_csv_row *row, size_t *field, char *why,
                        size_t n)
{
    char reason[96], q[QUOTE_SIZE];
    size_t i, at;

    for (i = 0; i < row->count; i++) {
        if (ind_text_check(row->field[i], row->field_len[i],
                           IND_TEXT_NO_CONTROL, &at, reason,
                           sizeof reason) != 0) {
            ind_text_excerpt(q, sizeof q, row->field[i], row->field_len[i]);
            snprintf(why, n, "field '%s' holds %s at byte %zu", q, reason,
                     at + 1);
            *field = i;
            return IND_EPARSE;
        }
    }
    return IND_OK;
}

int ind_check_cell(const char *s, size_t len, char *why, size_t n)
{
    char reason[96], q[QUOTE_SIZE];
    size_t at;
    unsigned rules = IND_TEXT_NO_CONTROL | IND_TEXT_NO_BIDI;

    /* A figure ("-5", "-1.5%") is no formula; any other text starting
     * with = + - @ is. */
    if (len > 0 && ind_text_formula_start(s[0]) &&
        ind_number_parse(&(double){ 0 }, s, len, IND_NUMBER_ALLOW_PERCENT,
                         NULL) != IND_OK)
        rules |= IND_TEXT_NO_FORMULA;
    if (ind_text_check(s, len, rules, &at, reason, sizeof reason) != 0) {
        ind_text_excerpt(q, sizeof q, s, len);
        if (at == 0 && (rules & IND_TEXT_NO_FORMULA))
            snprintf(why, n, "field '%s' is refused: %s", q, reason);
        else
            snprintf(why, n, "field '%s' holds %s at byte %zu", q, reason,
                     at + 1);
        return IND_EPARSE;
    }
    return IND_OK;
}

int ind_check_year_text(const char *s, size_t len, int *year, char *why,
                        size_t n)
{
    ind_error err;

    if (ind_number_parse_year(year, s, len, &err) != IND_OK) {
        snprintf(why, n, "%s", err.message);
        return IND_EPARSE;
    }
    if (*year < YEAR_MIN || *year > YEAR_MAX) {
        snprintf(why, n, "year %d is outside %d..%d", *year, YEAR_MIN,
                 YEAR_MAX);
        return IND_EDATA;
    }
    return IND_OK;
}

static int digits(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int number_of(const char *s, size_t n)
{
    int v = 0;
    size_t i;

    for (i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static int days_in_month(int y, int m)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    return m == 2 && leap ? 29 : days[m - 1];
}

/* Parse YYYY, YYYY-MM or YYYY-MM-DD. Returns 0 and the parts (month/day 0
 * when absent), or -1. */
static int parse_date(const char *s, size_t len, int *y, int *m, int *d)
{
    *m = 0;
    *d = 0;
    if (len != 4 && len != 7 && len != 10)
        return -1;
    if (!digits(s, 4))
        return -1;
    *y = number_of(s, 4);
    if (len >= 7) {
        if (s[4] != '-' || !digits(s + 5, 2))
            return -1;
        *m = number_of(s + 5, 2);
        if (*m < 1 || *m > 12)
            return -1;
    }
    if (len == 10) {
        if (s[7] != '-' || !digits(s + 8, 2))
            return -1;
        *d = number_of(s + 8, 2);
        if (*d < 1 || *d > days_in_month(*y, *m))
            return -1;
    }
    return 0;
}

int ind_check_as_of(const char *s, size_t len, int year, char *why, size_t n)
{
    char q[QUOTE_SIZE];
    int y, m, d;

    if (len == 0)
        return IND_OK;
    if (parse_date(s, len, &y, &m, &d) != 0) {
        ind_text_excerpt(q, sizeof q, s, len);
        snprintf(why, n, "as_of '%s' is not a date YYYY, YYYY-MM or "
                 "YYYY-MM-DD", q);
        return IND_EPARSE;
    }
    if (y < year) {
        snprintf(why, n, "as_of '%.*s' is before the year %d it describes",
                 (int)len, s, year);
        return IND_EDATA;
    }
    return IND_OK;
}

long ind_as_of_end(const char *as_of, int year)
{
    int y, m, d;

    if (as_of == NULL || *as_of == '\0' ||
        parse_date(as_of, strlen(as_of), &y, &m, &d) != 0)
        return (long)year * 10000 + 1231;
    if (m == 0) {
        m = 12;
        d = 31;
    } else if (d == 0) {
        d = days_in_month(y, m);
    }
    return (long)y * 10000 + m * 100 + d;
}

int ind_check_status(const char *s, size_t len, char *status, char *why,
                     size_t n)
{
    if (len == 0) {
        *status = 0;
        return IND_OK;
    }
    char q[QUOTE_SIZE];

    if (len != 1 || strchr(status_letters, s[0]) == NULL) {
        ind_text_excerpt(q, sizeof q, s, len);
        snprintf(why, n, "status '%s' is not an OBS_STATUS letter (A normal, "
                 "B break, D definition differs, E estimated, F forecast, "
                 "G experimental, I imputed, P provisional, U low reliability, "
                 "V unvalidated)", q);
        return IND_EPARSE;
    }
    *status = s[0] == 'A' ? 0 : s[0];
    return IND_OK;
}

const char *ind_role_name(ind_role role)
{
    switch (role) {
    case IND_ROLE_PRIMARY: return "primary";
    case IND_ROLE_ALTERNATE: return "alternate";
    default: return "";
    }
}

int ind_check_role(const char *s, size_t len, ind_role *role, char *why,
                   size_t n)
{
    char q[QUOTE_SIZE];

    if (len == 0) {
        *role = IND_ROLE_NONE;
    } else if (len == 7 && memcmp(s, "primary", 7) == 0) {
        *role = IND_ROLE_PRIMARY;
    } else if (len == 9 && memcmp(s, "alternate", 9) == 0) {
        *role = IND_ROLE_ALTERNATE;
    } else {
        ind_text_excerpt(q, sizeof q, s, len);
        snprintf(why, n, "role '%s' is not 'primary', 'alternate' or empty", q);
        return IND_EPARSE;
    }
    return IND_OK;
}

/* Rank of reading i under rule 3: readings dated inside their year rank
 * by date, latest first; those dated after it come below, earliest first. */
static long rank_of(const ind_dataset *ds, size_t i)
{
    long end = ind_as_of_end(ds_str(ds, rd_as_of(ds, i)), rd_year(ds, i));
    long year_end = (long)rd_year(ds, i) * 10000 + 1231;

    return end <= year_end ? end : -end;
}

long ind_choose_reading(const ind_dataset *ds, const reading_view *v,
                        size_t *tie)
{
    long best = -1, best_rank = 0;
    size_t i, primaries = 0;
    int tied = 0;

    if (v->count == 1 && ds->rd.nmarks == 0 && ds->rd.nreplaced == 0)
        return 0;   /* one reading, no role, nothing replaced: the panel */
    for (i = 0; i < v->count; i++) {
        size_t r = rv_at(v, i);
        if (!rd_replaced(ds, r) && rd_role(ds, r) == IND_ROLE_PRIMARY) {
            if (primaries++ > 0) {
                *tie = i;
                return -2;
            }
            best = (long)i;
        }
    }
    if (primaries == 1)
        return best;
    for (i = 0; i < v->count; i++) {
        size_t r = rv_at(v, i);
        long rank;
        if (rd_replaced(ds, r) || rd_role(ds, r) == IND_ROLE_ALTERNATE)
            continue;
        rank = rank_of(ds, r);
        if (best < 0 || rank > best_rank) {
            best = (long)i;
            best_rank = rank;
            tied = 0;
        } else if (rank == best_rank) {
            tied = 1;
            *tie = i;
        }
    }
    return tied ? -2 : best;
}
