/* csvfile: strict streaming CSV reading with positions, over libcsv, with
 * a fast path for the common row (csvfile_fast.c). */
#include "csvfile.h"
#include "array.h"
#include "csvfile_fast.h"
#include "error_internal.h"
#include "regular_file.h"
#include "text.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define READ_CHUNK (1024u * 1024u)
/* How much libcsv's field buffer grows at a time. */
#define CSV_BLOCK (64u * 1024u)

/* State shared with libcsv's callbacks while one logical row is parsed. */
typedef struct reader {
    const char *display;
    ind_csv_row_fn fn;
    void *ctx;
    ind_error *err;
    int rc;                 /* first failure, IND_OK while all is well */
    /* the row being assembled */
    char *bytes;            /* field bytes, each NUL-terminated */
    size_t bytes_len, bytes_cap;
    size_t *starts;         /* offset of each field in bytes */
    size_t *lens;
    char **fields;
    size_t nfields, starts_cap, lens_cap, ptrs_cap;
    size_t rows_done;       /* rows delivered so far */
    unsigned long line;     /* line of the current logical row */
    uint64_t offset;
    uint64_t length;
} reader;

static int never_space(unsigned char c)
{
    (void)c;
    return 0;
}

static int reader_fail(reader *r, int code, unsigned long line,
                       unsigned column, const char *what)
{
    if (r->rc == IND_OK)
        r->rc = ind_error_set_at(r->err, code, r->display, line, column, "%s",
                                 what);
    return r->rc;
}

/* libcsv field callback: keep a copy, check size and encoding. */
static void on_field(void *data, size_t len, void *vr)
{
    reader *r = vr;
    size_t off, column = r->nfields + 1, bad;
    char why[96], msg[160];

    if (r->rc != IND_OK)
        return;
    if (len > IND_CSV_FIELD_MAX) {
        snprintf(msg, sizeof msg, "field of %zu bytes is longer than the "
                 "limit of %u", len, IND_CSV_FIELD_MAX);
        reader_fail(r, IND_EPARSE, r->line, (unsigned)column, msg);
        return;
    }
    if (len > 0 && ind_text_check(data, len, IND_TEXT_UTF8, &bad, why,
                                  sizeof why) != 0) {
        snprintf(msg, sizeof msg, "%s at byte %zu of the field", why, bad + 1);
        reader_fail(r, IND_EPARSE, r->line, (unsigned)column, msg);
        return;
    }
    if (IND_ARRAY_RESERVE(r->bytes, r->bytes_cap, r->bytes_len + len + 1) ||
        IND_ARRAY_RESERVE(r->starts, r->starts_cap, r->nfields + 1) ||
        IND_ARRAY_RESERVE(r->lens, r->lens_cap, r->nfields + 1)) {
        reader_fail(r, IND_ENOMEM, 0, 0, "out of memory");
        return;
    }
    off = r->bytes_len;
    if (len > 0)
        memcpy(r->bytes + off, data, len);
    r->bytes[off + len] = '\0';
    r->bytes_len += len + 1;
    r->starts[r->nfields] = off;
    r->lens[r->nfields] = len;
    r->nfields++;
}

/* Hand the row in r->fields and r->lens to the callback; its code becomes
 * the reader's. */
static int call_row(reader *r, size_t nfields, int plain)
{
    ind_csv_row row;

    row.count = nfields;
    row.field = r->fields;
    row.field_len = r->lens;
    row.line = r->line;
    row.offset = r->offset;
    row.length = r->length;
    row.index = r->rows_done++;
    row.plain = plain;
    r->rc = r->fn(r->ctx, &row, r->err);
    return r->rc;
}

/* libcsv row callback: hand the finished row to the caller. */
static void on_row(int c, void *vr)
{
    reader *r = vr;
    size_t i;

    (void)c;
    if (r->rc != IND_OK)
        return;
    if (IND_ARRAY_RESERVE(r->fields, r->ptrs_cap,
                          r->nfields ? r->nfields : 1) != 0) {
        reader_fail(r, IND_ENOMEM, 0, 0, "out of memory");
        return;
    }
    for (i = 0; i < r->nfields; i++)
        r->fields[i] = r->bytes + r->starts[i];
    call_row(r, r->nfields, 0);
}

/* Field number (1-based) of byte 'at' in a row, counting separators
 * outside quotes. */
static unsigned field_at(const char *row, size_t at)
{
    unsigned field = 1;
    int quoted = 0;
    size_t i;

    for (i = 0; i < at; i++) {
        if (row[i] == '"')
            quoted = !quoted;
        else if (row[i] == ',' && !quoted)
            field++;
    }
    return field;
}

static unsigned long lines_before(const char *row, size_t at)
{
    unsigned long n = 0;
    size_t i;

    for (i = 0; i < at; i++)
        n += row[i] == '\n';
    return n;
}

/* Offset of a carriage return outside quotes other than the row's own
 * line end (libcsv would split the row there), or len when there is none. */
static size_t stray_cr(const char *s, size_t len)
{
    size_t i, end = len;
    int quoted = 0;

    if (end > 0 && s[end - 1] == '\n')
        end--;
    if (end > 0 && s[end - 1] == '\r')
        end--;
    if (memchr(s, '\r', end) == NULL)
        return len; /* the common case, at memchr's speed */
    for (i = 0; i < end; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (s[i] == '\r' && !quoted)
            return i;
    }
    return len;
}

/* Parse one logical row s[0..len) that starts at 'line'. */
static int parse_row(reader *r, struct csv_parser *p, const char *s,
                     size_t len, int last)
{
    const char *nul = memchr(s, '\0', len);
    size_t used, cr;

    r->nfields = 0;
    r->bytes_len = 0;
    if (nul != NULL)
        return reader_fail(r, IND_EPARSE, r->line + lines_before(s, (size_t)(nul - s)),
                           field_at(s, (size_t)(nul - s)),
                           "a NUL byte; the file is not text");
    cr = stray_cr(s, len);
    if (cr < len)
        return reader_fail(r, IND_EPARSE, r->line + lines_before(s, cr),
                           field_at(s, cr),
                           "a carriage return outside quotes splits the row; "
                           "quote the field or remove the CR");
    used = csv_parse(p, s, len, on_field, on_row, r);
    if (used < len && r->rc == IND_OK)
        return reader_fail(r, IND_EPARSE, r->line + lines_before(s, used),
                           field_at(s, used),
                           "a quote inside an unquoted field, or text after a "
                           "closing quote; quote the whole field and double "
                           "inner quotes (\"\")");
    if (last && r->rc == IND_OK &&
        csv_fini(p, on_field, on_row, r) != 0 && r->rc == IND_OK)
        return reader_fail(r, IND_EPARSE, r->line, field_at(s, len),
                           "unterminated quoted field at the end of the file");
    return r->rc;
}

/* True for a line holding nothing but its line end. */
static int blank_row(const char *s, size_t len)
{
    return (len == 1 && s[0] == '\n') || (len == 2 && s[0] == '\r' && s[1] == '\n')
           || len == 0;
}

static void reader_free(reader *r)
{
    free(r->bytes);
    free(r->starts);
    free(r->lens);
    free(r->fields);
}

/* The bytes read and not yet consumed: buf[start..len) is the rest of the
 * file read so far; the row being found starts at start, and the strict
 * scan for its end has reached scan. */
typedef struct input {
    FILE *f;
    char *buf;
    size_t len, cap, start, scan;
    uint64_t base;               /* file offset of buf[0] */
    int eof;
    int last_byte;               /* the last byte read, -1 before any */
    size_t chunk;                /* bytes a read asks for */
} input;

/* Drop the rows done and read more of the file (skipping a leading BOM).
 * Returns IND_OK, or IND_EIO / IND_ENOMEM with err filled. */
static int refill(input *in, ind_csv_info *info, const char *display,
                  ind_error *err)
{
    size_t got;

    if (in->start > 0) {
        memmove(in->buf, in->buf + in->start, in->len - in->start);
        in->base += in->start;
        in->len -= in->start;
        in->scan -= in->start;
        in->start = 0;
    }
    /* One byte more than read: a fast row's last field is NUL-terminated
     * in place, also at the end of the file. */
    if (ind_array_reserve(&in->buf, &in->cap, in->len + in->chunk + 1, 1))
        return ind_error_set(err, IND_ENOMEM, "%s: cannot read: out of "
                             "memory", display);
    got = fread(in->buf + in->len, 1, in->chunk, in->f);
    in->len += got;
    if (got > 0)
        in->last_byte = (unsigned char)in->buf[in->len - 1];
    if (got < in->chunk) {
        if (ferror(in->f))
            return ind_error_set(err, IND_EIO, "%s: cannot read: %s", display,
                                 strerror(errno));
        in->eof = 1;
    }
    if (in->base == 0 && in->len >= 3 && !info->has_bom &&
        memcmp(in->buf, "\xEF\xBB\xBF", 3) == 0) {
        info->has_bom = 1;
        in->start = 3;
        in->scan = in->scan < 3 ? 3 : in->scan;
    }
    return IND_OK;
}

/* Hand a row found by the fast path to the callback: its fields are
 * NUL-terminated in place (its separators overwritten: the bytes of a row
 * are not read again once it is delivered). */
static int deliver_fast(reader *r, const ind_csv_fast *fast, char *row,
                        size_t nfields)
{
    size_t k, from = 0;
    char **fields;
    size_t *lens;
    const size_t *ends = fast->ends;

    if ((nfields > r->ptrs_cap &&
         IND_ARRAY_RESERVE(r->fields, r->ptrs_cap, nfields) != 0) ||
        (nfields > r->lens_cap &&
         IND_ARRAY_RESERVE(r->lens, r->lens_cap, nfields) != 0))
        return reader_fail(r, IND_ENOMEM, 0, 0, "out of memory");
    /* In locals: the byte stores below could alias the arrays' pointers,
     * which the compiler would then load again for every field. */
    fields = r->fields;
    lens = r->lens;
    for (k = 0; k < nfields; k++) {
        size_t end = ends[k];
        fields[k] = row + from;
        lens[k] = end - from;
        row[end] = '\0';
        from = end + 1;
    }
    return call_row(r, nfields, 1);
}

/* The fast path's try at the row starting at in->start: 1 when it read
 * the row (or skipped a blank line) or must read more first, 0 when the
 * strict path must read it. *rc holds a failure. */
static int try_fast(reader *r, input *in, ind_csv_fast *fast,
                    ind_csv_info *info, unsigned long *line, int *rc)
{
    size_t row_len, nfields, content, avail = in->len - in->start;
    int k;

    *rc = IND_OK;
    if (in->buf == NULL) {
        /* Nothing read yet (no buffer to point into): read first. */
        *rc = refill(in, info, r->display, r->err);
        return 1;
    }
    k = ind_csv_fast_scan(fast, in->buf + in->start, avail, in->eof,
                          &row_len, &nfields, &content);
    if (k == IND_CSV_FAST_NOMEM) {
        *rc = reader_fail(r, IND_ENOMEM, 0, 0, "out of memory");
        return 1;
    }
    if (k == IND_CSV_FAST_MORE) {
        *rc = refill(in, info, r->display, r->err);
        return 1;
    }
    if (k == IND_CSV_FAST_STRICT || in->start + content >= in->cap)
        return 0;
    if (k == IND_CSV_FAST_ROW) {
        if (info->rows == 0)
            info->crlf = row_len - content == 2;
        r->line = *line;
        r->offset = in->base + in->start;
        r->length = row_len;
        *rc = deliver_fast(r, fast, in->buf + in->start, nfields);
        info->rows = r->rows_done;
    }
    (*line)++;
    in->start += row_len;
    in->scan = in->start;
    return 1;
}

/* A quoted field has run past the row limit: read on, without keeping
 * the bytes, to tell a field longer than the limit (it closes) from a
 * missing closing quote (it never does). 'field' holds the bytes read so
 * far from the open quote on. Returns IND_EPARSE (or IND_EIO) with err
 * filled. */
static int long_quoted_field(FILE *f, const char *field, size_t have,
                             const char *display, unsigned long line,
                             unsigned column, ind_error *err)
{
    char chunk[64 * 1024];
    uint64_t content = 0;
    int pending_quote = 0;       /* a quote seen: a close, or half of "" */
    size_t i = 1;                /* past the open quote */

    for (;;) {
        for (; i < have; i++) {
            if (pending_quote) {
                pending_quote = 0;
                if (field[i] != '"')
                    return ind_error_set_at(err, IND_EPARSE, display, line,
                                            column, "quoted field of %llu "
                                            "bytes is longer than the limit "
                                            "of %u bytes",
                                            (unsigned long long)content,
                                            IND_CSV_FIELD_MAX);
                content++;       /* "" is one quote */
            } else if (field[i] == '"') {
                pending_quote = 1;
            } else {
                content++;
            }
        }
        have = fread(chunk, 1, sizeof chunk, f);
        field = chunk;
        i = 0;
        if (have == 0)
            break;
    }
    if (ferror(f))
        return ind_error_set(err, IND_EIO, "%s: cannot read: %s", display,
                             strerror(errno));
    if (pending_quote)           /* closed by the file's last byte */
        return ind_error_set_at(err, IND_EPARSE, display, line, column,
                                "quoted field of %llu bytes is longer than "
                                "the limit of %u bytes",
                                (unsigned long long)content, IND_CSV_FIELD_MAX);
    return ind_error_set_at(err, IND_EPARSE, display, line, column,
                            "unterminated quoted field: the closing quote "
                            "is missing (the file ends %llu bytes after it "
                            "opens)", (unsigned long long)content);
}

int ind_csv_read_stream(FILE *f, const char *display, unsigned options,
                        ind_csv_row_fn fn, void *ctx, ind_csv_info *info,
                        ind_error *err)
{
    struct csv_parser p;
    reader r;
    ind_csv_info local;
    ind_csv_fast fast = { NULL, 0 };
    struct stat st;
    input in;
    unsigned long line = 1, quote_line = 0;
    uint64_t quote_at = 0;       /* file offset of the open quote */
    int quoted = 0, rc = IND_OK;

    if (info == NULL)
        info = &local;
    memset(info, 0, sizeof *info);
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    csv_set_space_func(&p, never_space);
    /* libcsv grows a field's buffer 128 bytes at a time, copying it each
     * time a realloc moves it: quadratic for a long field. */
    csv_set_blk_size(&p, CSV_BLOCK);
    memset(&r, 0, sizeof r);
    memset(&in, 0, sizeof in);
    in.f = f;
    in.last_byte = -1;
    /* A small regular file is read whole by its first read: no buffer of
     * a whole chunk for a catalog of a few lines. */
    in.chunk = READ_CHUNK;
    if (fileno(f) >= 0 && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
        (uint64_t)st.st_size < READ_CHUNK)
        in.chunk = (size_t)st.st_size + 1;
    r.display = display;
    r.fn = fn;
    r.ctx = ctx;
    r.err = err;
    for (;;) {
        char *buf;
        if (!(options & IND_CSV_STRICT_ONLY) && in.scan == in.start &&
            !(in.eof && in.start == in.len)) {
            if (try_fast(&r, &in, &fast, info, &line, &rc)) {
                if (rc != IND_OK || (in.eof && in.start == in.len))
                    break;
                continue;
            }
        }
        /* The strict path: find the end of the logical row that starts at
         * buf[start], quotes and all, and give it to libcsv. */
        buf = in.buf;
        while (in.scan < in.len && !(buf[in.scan] == '\n' && !quoted)) {
            if (buf[in.scan] == '"') {
                quoted = !quoted;
                if (quoted) {
                    quote_line = line + lines_before(buf + in.start,
                                                     in.scan - in.start);
                    quote_at = in.base + in.scan;
                }
            }
            in.scan++;
        }
        if (in.scan - in.start > IND_CSV_ROW_MAX) {
            unsigned column = field_at(buf + in.start, in.scan - in.start);
            if (quoted)
                rc = long_quoted_field(f, buf + (quote_at - in.base),
                                       in.len - (size_t)(quote_at - in.base),
                                       display, quote_line, column, err);
            else
                rc = ind_error_set_at(err, IND_EPARSE, display, line, column,
                                      "row is longer than the limit of %u "
                                      "bytes (1 MiB)", IND_CSV_ROW_MAX);
            break;
        }
        if (in.scan == in.len && !in.eof) {
            rc = refill(&in, info, display, err);
            if (rc != IND_OK)
                break;
            continue;
        }
        if (in.scan == in.len && quoted) {
            rc = ind_error_set_at(err, IND_EPARSE, display, quote_line,
                                  field_at(buf + in.start, in.scan - in.start),
                                  "unterminated quoted field: the closing "
                                  "quote is missing");
            break;
        }
        {
            size_t row_len = in.scan < in.len ? in.scan - in.start + 1
                                              : in.scan - in.start;
            int last = in.scan >= in.len;
            if (!blank_row(buf + in.start, row_len)) {
                if (info->rows == 0)
                    info->crlf = row_len >= 2 &&
                                 buf[in.start + row_len - 1] == '\n' &&
                                 buf[in.start + row_len - 2] == '\r';
                r.line = line;
                r.offset = in.base + in.start;
                r.length = row_len;
                rc = parse_row(&r, &p, buf + in.start, row_len, last);
                info->rows = r.rows_done;
                if (rc != IND_OK)
                    break;
            }
            line += lines_before(buf + in.start, row_len);
            in.start += row_len;
            in.scan = in.start;
            if (last)
                break;
        }
    }
    info->size = in.base + in.len;
    info->ends_with_newline = in.last_byte == -1 || in.last_byte == '\n';
    if (ferror(f) && rc == IND_OK)
        rc = ind_error_set(err, IND_EIO, "%s: read error", display);
    csv_free(&p);
    reader_free(&r);
    ind_csv_fast_free(&fast);
    free(in.buf);
    return rc;
}

int ind_csv_read(const char *path, const char *display, ind_csv_row_fn fn,
                 void *ctx, ind_csv_info *info, ind_error *err)
{
    return ind_csv_read_with(path, display, 0, fn, ctx, info, err);
}

int ind_csv_read_with(const char *path, const char *display, unsigned options,
                      ind_csv_row_fn fn, void *ctx, ind_csv_info *info,
                      ind_error *err)
{
    FILE *f;
    int rc;

    if (display == NULL)
        display = path;
    /* A regular file (a FIFO would block, a device never end) within the
     * size limit. */
    f = ind_open_input(path, display, IND_CSV_FILE_MAX, err);
    if (f == NULL) {
        if (info != NULL)
            memset(info, 0, sizeof *info);
        return err != NULL ? err->code : IND_EIO;
    }
    rc = ind_csv_read_stream(f, display, options, fn, ctx, info, err);
    fclose(f);
    return rc;
}

/* True when a field must be quoted to survive a CSV round trip. */
static int needs_quotes(const char *s, size_t len)
{
    size_t i;

    if (len > 0 && (s[0] == ' ' || s[len - 1] == ' ' || s[0] == '\t' ||
                    s[len - 1] == '\t'))
        return 1;
    for (i = 0; i < len; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
            return 1;
    return 0;
}

int ind_csv_write_field(FILE *out, const char *text, size_t len)
{
    if (!needs_quotes(text, len))
        return fwrite(text, 1, len, out) == len ? 0 : -1;
    return csv_fwrite(out, text, len) == 0 ? 0 : -1;
}

/* Collects fields for ind_csv_split. */
typedef struct split_ctx {
    ind_csv_fields *out;
    size_t cap;
    int failed;
} split_ctx;

static void on_split_field(void *data, size_t len, void *vctx)
{
    split_ctx *c = vctx;
    char *copy;

    if (c->failed)
        return;
    copy = malloc(len + 1);
    if (copy == NULL ||
        IND_ARRAY_RESERVE(c->out->field, c->cap, c->out->count + 1) != 0) {
        free(copy);
        c->failed = 1;
        return;
    }
    if (len > 0)
        memcpy(copy, data, len);
    copy[len] = '\0';
    c->out->field[c->out->count++] = copy;
}

static void on_split_row(int ch, void *vctx)
{
    (void)ch;
    (void)vctx;
}

int ind_csv_split(const char *s, size_t len, ind_csv_fields *out)
{
    struct csv_parser p;
    split_ctx c = { out, 0, 0 };
    int rc = IND_OK;

    out->count = 0;
    out->field = NULL;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return IND_ENOMEM;
    csv_set_space_func(&p, never_space);
    if (csv_parse(&p, s, len, on_split_field, on_split_row, &c) < len ||
        csv_fini(&p, on_split_field, on_split_row, &c) != 0)
        rc = IND_EPARSE;
    if (c.failed)
        rc = IND_ENOMEM;
    csv_free(&p);
    if (rc != IND_OK)
        ind_csv_fields_free(out);
    return rc;
}

void ind_csv_fields_free(ind_csv_fields *f)
{
    size_t i;

    for (i = 0; i < f->count; i++)
        free(f->field[i]);
    free(f->field);
    f->field = NULL;
    f->count = 0;
}
