/* error: codes, their descriptions, and filling ind_error records. */
#include "error_internal.h"

#include <gsl/gsl_errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void ind_library_init(void)
{
    /* GSL's default handler aborts the process; we check every status. */
    gsl_set_error_handler_off();
}

const char *ind_strerror(int code)
{
    switch (code) {
    case IND_OK: return "success";
    case IND_ERROR: return "failure";
    case IND_ENOMEM: return "out of memory";
    case IND_EINVAL: return "invalid argument";
    case IND_ENOTFOUND: return "not found";
    case IND_EPARSE: return "malformed text";
    case IND_EDATA: return "data breaks a rule";
    case IND_EEXISTS: return "already exists";
    case IND_EDOMAIN: return "undefined for this data";
    case IND_ENUMERIC: return "numerical failure";
    case IND_EIO: return "cannot read";
    case IND_EWRITE: return "cannot write";
    case IND_ELOCK: return "cannot lock";
    case IND_EEXTERNAL: return "external program failed";
    case IND_EUNAVAILABLE: return "external program not installed";
    default: return "unknown error";
    }
}

void ind_error_clear(ind_error *err)
{
    if (err == NULL)
        return;
    err->code = IND_OK;
    err->line = 0;
    err->column = 0;
    err->detail = IND_DETAIL_NONE;
    err->year = 0;
    err->subject[0] = '\0';
    err->message[0] = '\0';
}

static void error_vset(ind_error *err, int code, const char *path,
                       unsigned long line, unsigned column,
                       const char *fmt, va_list ap)
{
    size_t used = 0;
    int n;

    err->code = code;
    err->line = line;
    err->column = column;
    err->detail = IND_DETAIL_NONE;
    err->year = 0;
    err->subject[0] = '\0';
    if (path != NULL) {
        if (line > 0 && column > 0)
            n = snprintf(err->message, sizeof err->message, "%s:%lu:%u: ",
                         path, line, column);
        else if (line > 0)
            n = snprintf(err->message, sizeof err->message, "%s:%lu: ",
                         path, line);
        else
            n = snprintf(err->message, sizeof err->message, "%s: ", path);
        if (n > 0)
            used = (size_t)n < sizeof err->message ? (size_t)n
                                                   : sizeof err->message - 1;
    }
    vsnprintf(err->message + used, sizeof err->message - used, fmt, ap);
}

int ind_error_set(ind_error *err, int code, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return code;
    va_start(ap, fmt);
    error_vset(err, code, NULL, 0, 0, fmt, ap);
    va_end(ap);
    return code;
}

int ind_error_set_at(ind_error *err, int code, const char *path,
                     unsigned long line, unsigned column, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return code;
    va_start(ap, fmt);
    error_vset(err, code, path, line, column, fmt, ap);
    va_end(ap);
    return code;
}

void ind_error_about(ind_error *err, int detail, const char *subject, int year)
{
    size_t n;

    if (err == NULL)
        return;
    err->detail = detail;
    err->year = year;
    n = subject ? strlen(subject) : 0;
    if (n >= sizeof err->subject)
        n = sizeof err->subject - 1;
    if (n > 0)
        memcpy(err->subject, subject, n);
    err->subject[n] = '\0';
}

int ind_error_copy(ind_error *dst, const ind_error *src)
{
    if (dst != NULL && dst != src)
        memcpy(dst, src, sizeof *dst);
    return src->code;
}

int ind_error_from_gsl(ind_error *err, int gsl_status, const char *what)
{
    if (gsl_status == GSL_SUCCESS)
        return IND_OK;
    return ind_error_set(err, IND_ENUMERIC, "%s failed in GSL: %s", what,
                         gsl_strerror(gsl_status));
}
