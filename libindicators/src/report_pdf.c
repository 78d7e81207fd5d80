/* report_pdf: an HTML report printed to PDF by headless Chromium, as a
 * browser's "print" would, following the page's print styles (A4). */
#include "report_internal.h"
#include "atomicfile.h"
#include "error_internal.h"
#include "process.h"

#include <errno.h>
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_TIMEOUT 120
#define STDERR_SHOWN 800

/* The programs tried, in order, when none is named. */
static const char *const programs[] = { "chromium", "chromium-browser",
                                        "google-chrome" };

/* Remove a folder and everything in it (Chromium's profile), without
 * following links; `depth` bounds the recursion. */
static void remove_tree_at(const char *dir, int depth)
{
    char path[PATH_MAX];
    struct dirent *e;
    struct stat st;
    DIR *d = depth > 0 ? opendir(dir) : NULL;

    while (d != NULL && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >=
            (int)sizeof path)
            continue;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree_at(path, depth - 1);
        else
            unlink(path);
    }
    if (d != NULL)
        closedir(d);
    rmdir(dir);
}

static void remove_tree(const char *dir)
{
    remove_tree_at(dir, 32);
}

/* "file://" and the absolute path, percent-encoded. NULL when out of
 * memory. */
static char *file_url(const char *absolute)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);

    if (out == NULL)
        return NULL;
    fputs("file://", out);
    report_put_address(out, absolute, 0);
    if (fclose(out) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Copy the PDF Chromium wrote into place atomically; IND_EEXTERNAL when
 * it is missing or not a PDF. */
static int install_pdf(const char *made, const char *target, ind_error *err)
{
    char buf[65536];
    ind_atomic_file *f;
    FILE *in = fopen(made, "rb");
    size_t n, total = 0;
    int rc;

    if (in == NULL)
        return ind_error_set(err, IND_EEXTERNAL, "Chromium wrote no PDF");
    n = fread(buf, 1, 5, in);
    if (n != 5 || memcmp(buf, "%PDF-", 5) != 0) {
        fclose(in);
        return ind_error_set(err, IND_EEXTERNAL, "Chromium's output is not "
                             "a PDF");
    }
    rc = ind_atomic_open(&f, target, err);
    if (rc != IND_OK) {
        fclose(in);
        return rc;
    }
    do {
        if (fwrite(buf, 1, n, ind_atomic_stream(f)) != n) {
            rc = ind_error_set(err, IND_EWRITE, "%s: cannot write", target);
            break;
        }
        total += n;
    } while ((n = fread(buf, 1, sizeof buf, in)) > 0);
    fclose(in);
    if (rc != IND_OK) {
        ind_atomic_abort(f);
        return rc;
    }
    return ind_atomic_commit(f, err);
}

/* Run one Chromium program; `rc` of ind_process_start() in *start_rc
 * (ENOENT when it is not installed). */
static int run_chromium(const char *program, const char *url,
                        const char *profile, const char *pdf,
                        unsigned timeout, int *start_rc, ind_error *err)
{
    char profile_arg[PATH_MAX + 32], pdf_arg[PATH_MAX + 32];
    char excerpt[STDERR_SHOWN + 8];
    char *argv[20];
    ind_process *p = calloc(1, sizeof *p);
    int n = 0, rc = IND_OK;

    if (p == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    snprintf(profile_arg, sizeof profile_arg, "--user-data-dir=%s", profile);
    snprintf(pdf_arg, sizeof pdf_arg, "--print-to-pdf=%s", pdf);
    argv[n++] = (char *)program;
    argv[n++] = (char *)"--headless";
    /* Chromium's sandbox refuses to run as root. */
    if (geteuid() == 0)
        argv[n++] = (char *)"--no-sandbox";
    argv[n++] = (char *)"--disable-gpu";
    argv[n++] = (char *)"--disable-background-networking";
    argv[n++] = (char *)"--disable-component-update";
    argv[n++] = (char *)"--disable-sync";
    argv[n++] = (char *)"--disable-extensions";
    argv[n++] = (char *)"--no-first-run";
    argv[n++] = (char *)"--no-default-browser-check";
    argv[n++] = profile_arg;
    argv[n++] = (char *)"--no-pdf-header-footer";
    argv[n++] = pdf_arg;
    argv[n++] = (char *)url;
    argv[n] = NULL;
    *start_rc = ind_process_start(p, program, argv, -1);
    if (*start_rc == 0) {
        ind_process_wait(p, timeout);
        if (!ind_process_succeeded(p)) {
            ind_process_excerpt(p, excerpt, sizeof excerpt, STDERR_SHOWN);
            rc = ind_error_set(err, IND_EEXTERNAL, "%s %s%s%s", program,
                               p->timed_out ? "did not finish in time"
                                            : "failed to print the page",
                               excerpt[0] ? ":\n" : "", excerpt);
        }
    }
    free(p);
    return rc;
}

int ind_report_print_pdf(const char *html_path, const char *pdf_path,
                         const ind_report_pdf_options *opts, ind_error *err)
{
    static const ind_report_pdf_options defaults =
        IND_REPORT_PDF_OPTIONS_INIT;
    char absolute[PATH_MAX], profile[PATH_MAX], pdf[PATH_MAX + 16], *url;
    const char *tmp = getenv("TMPDIR");
    size_t i, n;
    int rc = IND_OK, start_rc = ENOENT;
    struct stat st;

    if (html_path == NULL || pdf_path == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_report_print_pdf: NULL "
                             "argument");
    if (opts == NULL)
        opts = &defaults;
    if (opts->version != IND_REPORT_PDF_OPTIONS_VERSION)
        return ind_error_set(err, IND_EINVAL, "PDF options: version %u is "
                             "not %d", opts->version,
                             IND_REPORT_PDF_OPTIONS_VERSION);
    if (stat(html_path, &st) != 0 || !S_ISREG(st.st_mode) ||
        realpath(html_path, absolute) == NULL)
        return ind_error_set(err, IND_ENOTFOUND, "%s: no such page",
                             html_path);
    snprintf(profile, sizeof profile, "%s/ind-chromium-XXXXXX",
             tmp && tmp[0] == '/' ? tmp : "/tmp");
    if (mkdtemp(profile) == NULL)
        return ind_error_set(err, IND_EWRITE, "cannot make a folder for "
                             "Chromium's profile: %s", strerror(errno));
    url = file_url(absolute);
    if (url == NULL) {
        remove_tree(profile);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    snprintf(pdf, sizeof pdf, "%s/page.pdf", profile);
    n = opts->chromium ? 1 : sizeof programs / sizeof programs[0];
    for (i = 0; i < n; i++) {
        rc = run_chromium(opts->chromium ? opts->chromium : programs[i], url,
                          profile, pdf, opts->timeout_seconds
                          ? opts->timeout_seconds : DEFAULT_TIMEOUT,
                          &start_rc, err);
        if (start_rc != ENOENT && start_rc != EACCES && start_rc != ENOEXEC)
            break;
    }
    if (start_rc == ENOENT || start_rc == EACCES || start_rc == ENOEXEC)
        rc = ind_error_set(err, IND_EUNAVAILABLE, "cannot run %s (%s). "
                           "Headless Chromium prints the report to PDF; "
                           "install it (Debian: apt-get install chromium; "
                           "Ubuntu: snap install chromium; Fedora: dnf "
                           "install chromium; macOS: brew install --cask "
                           "chromium), or open %s in a browser and print "
                           "it", opts->chromium ? opts->chromium
                                                : "chromium",
                           strerror(start_rc), html_path);
    else if (start_rc != 0)
        rc = ind_error_set(err, IND_ERROR, "cannot start Chromium: %s",
                           strerror(start_rc));
    if (rc == IND_OK)
        rc = install_pdf(pdf, pdf_path, err);
    remove_tree(profile);
    free(url);
    return rc;
}
