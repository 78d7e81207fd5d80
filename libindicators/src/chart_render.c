/* chart_render: run gnuplot on a script, without a shell, with a timeout,
 * its picture on standard output going to an atomically replaced file and
 * its standard error kept for the message. */
#include "chart_internal.h"
#include "atomicfile.h"
#include "error_internal.h"
#include "process.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define DEFAULT_TIMEOUT 60
#define STDERR_SHOWN 640  /* bytes of gnuplot's error output quoted */

static const char *const format_terminal_arg[] = {
    "ind_format=\"png\"", "ind_format=\"svg\"", "ind_format=\"pdf\""
};

/* The script as gnuplot's file argument: never starting with "-" (an
 * option) or "<" (gnuplot would run the rest as a command). */
static char *script_argument(const char *path)
{
    size_t len = strlen(path);
    char *arg = malloc(len + 3);

    if (arg == NULL)
        return NULL;
    if (path[0] == '/') {
        memcpy(arg, path, len + 1);
    } else {
        memcpy(arg, "./", 2);
        memcpy(arg + 2, path, len + 1);
    }
    return arg;
}

/* gnuplot is missing: how to install it and, for a script that stays
 * (shown != NULL), how to draw it then. */
static int unavailable(ind_error *err, const char *program, const char *shown,
                       const char *output, int e)
{
    if (shown == NULL)
        return ind_error_set(err, IND_EUNAVAILABLE,
                             "cannot run %s (%s). gnuplot draws the "
                             "pictures; install it (Debian/Ubuntu: apt-get "
                             "install gnuplot-nox; Fedora: dnf install "
                             "gnuplot; macOS: brew install gnuplot)",
                             program, strerror(e));
    return ind_error_set(err, IND_EUNAVAILABLE,
                         "cannot run %s (%s). gnuplot draws the pictures; "
                         "install it (Debian/Ubuntu: apt-get install "
                         "gnuplot-nox; Fedora: dnf install gnuplot; macOS: "
                         "brew install gnuplot), then draw the script with: "
                         "gnuplot %s > %s", program, strerror(e), shown,
                         output);
}

/* Judge a finished run: IND_OK only for exit status 0 and a picture. */
static int judge(const ind_process *ch, const char *program, int out_fd,
                 const char *script, ind_error *err)
{
    char excerpt[STDERR_SHOWN + 8];
    struct stat st;

    ind_process_excerpt(ch, excerpt, sizeof excerpt, STDERR_SHOWN);
    if (ch->timed_out)
        return ind_error_set(err, IND_EEXTERNAL, "%s did not finish %s in "
                             "time and was stopped%s%s", program, script,
                             excerpt[0] ? ": " : "", excerpt);
    if (WIFSIGNALED(ch->status))
        return ind_error_set(err, IND_EEXTERNAL, "%s was killed by signal %d "
                             "while drawing %s%s%s", program,
                             WTERMSIG(ch->status), script,
                             excerpt[0] ? ": " : "", excerpt);
    if (!WIFEXITED(ch->status) || WEXITSTATUS(ch->status) != 0)
        return ind_error_set(err, IND_EEXTERNAL, "%s failed (exit status %d) "
                             "on %s%s%s", program,
                             WIFEXITED(ch->status) ? WEXITSTATUS(ch->status)
                                                   : -1, script,
                             excerpt[0] ? ":\n" : "", excerpt);
    if (fstat(out_fd, &st) != 0 || st.st_size == 0)
        return ind_error_set(err, IND_EEXTERNAL, "%s drew nothing from %s%s%s",
                             program, script, excerpt[0] ? ": " : "",
                             excerpt);
    return IND_OK;
}

static int check_render_args(const char *script, ind_chart_format format,
                             const ind_chart_render_options *o,
                             ind_error *err)
{
    struct stat st;

    if (script == NULL || (unsigned)format > IND_CHART_PDF)
        return ind_error_set(err, IND_EINVAL, "ind_chart_render: NULL script "
                             "or unknown format");
    if (o->version != IND_CHART_RENDER_OPTIONS_VERSION)
        return ind_error_set(err, IND_EINVAL, "render options: version %u is "
                             "not %d", o->version,
                             IND_CHART_RENDER_OPTIONS_VERSION);
    if (stat(script, &st) != 0 || !S_ISREG(st.st_mode))
        return ind_error_set(err, IND_ENOTFOUND, "%s: no such script",
                             script);
    return IND_OK;
}

/* Run gnuplot into the open temporary file f; `shown` names the script
 * in messages (NULL for a temporary one, named "the chart" there). */
static int run(const char *script, const char *shown,
               ind_chart_format format, const ind_chart_render_options *o,
               ind_atomic_file *f, const char *output, ind_error *err)
{
    const char *program = o->gnuplot ? o->gnuplot : "gnuplot";
    unsigned timeout = o->timeout_seconds ? o->timeout_seconds
                                          : DEFAULT_TIMEOUT;
    int out_fd = fileno(ind_atomic_stream(f)), rc;
    char *arg = script_argument(script);
    char *argv[6];
    ind_process *ch = calloc(1, sizeof *ch);

    if (arg == NULL || ch == NULL) {
        free(arg);
        free(ch);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    argv[0] = (char *)program;
    argv[1] = (char *)"-d";
    argv[2] = (char *)"-e";
    argv[3] = (char *)format_terminal_arg[format];
    argv[4] = arg;
    argv[5] = NULL;
    rc = ind_process_start(ch, program, argv, out_fd);
    if (rc == ENOENT || rc == EACCES || rc == ENOEXEC || rc == ENOTDIR) {
        rc = unavailable(err, program, shown, output, rc);
    } else if (rc != 0) {
        rc = ind_error_set(err, IND_ERROR, "cannot start %s: %s", program,
                           strerror(rc));
    } else {
        ind_process_wait(ch, timeout);
        rc = judge(ch, program, out_fd, shown ? shown : "the chart", err);
    }
    free(arg);
    free(ch);
    return rc;
}

/* Draw a script into `output`, replaced atomically on success. */
static int render_into(const char *script, const char *shown,
                       ind_chart_format format,
                       const ind_chart_render_options *opts,
                       const char *output, ind_error *err)
{
    ind_atomic_file *f;
    int rc = ind_atomic_open(&f, output, err);

    if (rc == IND_OK) {
        rc = run(script, shown, format, opts, f, output, err);
        if (rc == IND_OK)
            rc = ind_atomic_commit(f, err);
        else
            ind_atomic_abort(f);
    }
    return rc;
}

int ind_chart_render(const char *script_path, ind_chart_format format,
                     const ind_chart_render_options *opts, ind_error *err)
{
    static const ind_chart_render_options defaults =
        IND_CHART_RENDER_OPTIONS_INIT;
    char *output = NULL;
    int rc;

    if (opts == NULL)
        opts = &defaults;
    rc = check_render_args(script_path, format, opts, err);
    if (rc == IND_OK)
        rc = ind_chart_output_path(&output, script_path, format, err);
    if (rc == IND_OK)
        rc = render_into(script_path, script_path, format, opts, output,
                         err);
    free(output);
    return rc;
}

/* A temporary script beside `picture`: "DIR/.NAME.XXXXXX.gp", created
 * (mode 0600) and open as *fd. Returns the path, or NULL (errno set). */
static char *temp_script(const char *picture, int *fd)
{
    const char *slash = strrchr(picture, '/');
    size_t dir = slash ? (size_t)(slash - picture) + 1 : 0;
    const char *base = picture + dir;
    size_t blen = strlen(base) > 40 ? 40 : strlen(base);
    char *path = malloc(dir + blen + 16);

    if (path == NULL)
        return NULL;
    memcpy(path, picture, dir);
    path[dir] = '.';
    memcpy(path + dir + 1, base, blen);
    memcpy(path + dir + 1 + blen, ".XXXXXX.gp", 11);
    *fd = mkstemps(path, 3);
    if (*fd < 0) {
        free(path);
        return NULL;
    }
    return path;
}

int ind_chart_draw(const ind_chart *chart, const char *picture_path,
                   ind_chart_format format,
                   const ind_chart_render_options *opts, ind_error *err)
{
    static const ind_chart_render_options defaults =
        IND_CHART_RENDER_OPTIONS_INIT;
    char *script;
    FILE *out;
    int fd, rc;

    if (chart == NULL || picture_path == NULL ||
        (unsigned)format > IND_CHART_PDF)
        return ind_error_set(err, IND_EINVAL, "ind_chart_draw: NULL argument "
                             "or unknown format");
    if (opts == NULL)
        opts = &defaults;
    if (opts->version != IND_CHART_RENDER_OPTIONS_VERSION)
        return ind_error_set(err, IND_EINVAL, "render options: version %u is "
                             "not %d", opts->version,
                             IND_CHART_RENDER_OPTIONS_VERSION);
    script = temp_script(picture_path, &fd);
    if (script == NULL)
        return ind_error_set(err, IND_EWRITE, "%s: cannot create a "
                             "temporary script beside it: %s", picture_path,
                             strerror(errno));
    out = fdopen(fd, "w");
    if (out == NULL) {
        close(fd);
        rc = ind_error_set(err, IND_ENOMEM, "out of memory");
    } else {
        rc = chart_script_write(out, chart, NULL, err);
        if (fclose(out) != 0 && rc == IND_OK)
            rc = ind_error_set(err, IND_EWRITE, "%s: cannot write a "
                               "temporary script: %s", script,
                               strerror(errno));
    }
    if (rc == IND_OK)
        rc = render_into(script, NULL, format, opts, picture_path, err);
    unlink(script);
    free(script);
    return rc;
}

int ind_chart_format_of_path(ind_chart_format *out, const char *path,
                             ind_error *err)
{
    static const char *const ends[] = { ".png", ".svg", ".pdf" };
    size_t len = path ? strlen(path) : 0;
    int f;

    for (f = IND_CHART_PNG; out != NULL && len > 4 && f <= IND_CHART_PDF;
         f++)
        if (strcasecmp(path + len - 4, ends[f]) == 0 &&
            path[len - 5] != '/') {
            *out = (ind_chart_format)f;
            return IND_OK;
        }
    return ind_error_set(err, IND_EINVAL, "'%.80s' does not end in .png, .svg "
                         "or .pdf", path ? path : "(null)");
}
