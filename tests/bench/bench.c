/* indicators_bench: the performance benchmark. A program you run, never a
 * test: it asserts nothing and is not run by CI.
 *
 * In one run on one panel (make-panel.awk: SERIES x YEARS rows) it times
 * the bare libcsv parse of the file (the floor: libcsv's strict mode with
 * callbacks that only count), `wc -l`, the indicators commands that read
 * the whole panel (growth --all, check, list, project --all with linear
 * and holt) and an equivalent pandas script (pandas_growth.py). Every
 * command runs once per round, R rounds in turn, and each time is divided
 * by the parse time of the same round: on a shared machine a ratio taken
 * within one round is steadier than a time. It prints each time, the
 * ratios with their spread over the rounds, CPU time and peak memory,
 * checks the goals of issue 12, measures time per row on panels of
 * several sizes (nothing quadratic), times single commands on the shipped
 * dataset, and writes all of it, with the machine's description, to
 * docs/PERFORMANCE.md.
 *
 *   indicators_bench --indicators PATH --source DIR [options]
 *   cmake --build --preset release --target benchmark     (the same)
 *
 * Options: --series N (100000), --years N (60), --rounds N (3), --scaling
 * LIST (10000,100000,400000; "" for none), --work DIR (/tmp/indicators-
 * bench), --out FILE (DIR/docs/PERFORMANCE.md; "-" for none), --no-holt,
 * --no-pandas. `--parse FILE` is the floor itself, run as a child.
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_ROUNDS 20
#define MAX_SIZES 8
#define SINGLE_RUNS 100      /* even */
#define PYTHON "/usr/bin/python3"

/* ---- the floor: the bare libcsv parse ---- */

typedef struct counts {
    unsigned long long fields, rows;
} counts;

static int keep_spaces(unsigned char c)
{
    (void)c;
    return 0;
}

static void count_field(void *data, size_t len, void *ctx)
{
    (void)data;
    (void)len;
    ((counts *)ctx)->fields++;
}

static void count_row(int c, void *ctx)
{
    (void)c;
    ((counts *)ctx)->rows++;
}

/* Parse the file as indicators' reader asks libcsv to (strict, spaces
 * kept), in 1 MiB reads, doing nothing with the fields. */
static int bare_parse(const char *path)
{
    static char buf[1u << 20];
    struct csv_parser p;
    counts n = { 0, 0 };
    FILE *f = fopen(path, "rb");
    size_t got;
    int rc = 0;

    if (f == NULL || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        perror(path);
        return 1;
    }
    csv_set_space_func(&p, keep_spaces);
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        if (csv_parse(&p, buf, got, count_field, count_row, &n) != got) {
            rc = 1;
            break;
        }
    if (rc == 0 && csv_fini(&p, count_field, count_row, &n) != 0)
        rc = 1;
    csv_free(&p);
    fclose(f);
    if (rc != 0)
        fprintf(stderr, "%s: %s\n", path, csv_strerror(csv_error(&p)));
    else
        printf("%llu fields, %llu rows\n", n.fields, n.rows);
    return rc;
}

/* ---- running a command ---- */

typedef struct sample {
    double wall, cpu;   /* seconds */
    long rss_kib;       /* peak resident memory */
    int ok;
} sample;

static double now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Run argv with stdout to out_path (NULL: /dev/null) and stderr to
 * err_path; wall time, CPU time and peak memory of the child. */
static sample run(char *const *argv, const char *out_path,
                  const char *err_path)
{
    sample s = { 0, 0, 0, 0 };
    struct rusage ru;
    double t0 = now();
    int status = 0;
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if (pid < 0)
        return s;
    if (pid == 0) {
        int out = open(out_path ? out_path : "/dev/null",
                       O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (out < 0 || err < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
            _exit(126);
        execvp(argv[0], argv);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) != pid)
        return s;
    s.wall = now() - t0;
    s.cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
            (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    s.rss_kib = ru.ru_maxrss;
    /* check exits 65 on a panel with findings; that is a result too. */
    s.ok = WIFEXITED(status) &&
           (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 65);
    return s;
}

/* Output of a shell command line (first line, newline dropped). */
static void capture(const char *cmd, char *buf, size_t n)
{
    FILE *p = popen(cmd, "r");

    buf[0] = '\0';
    if (p == NULL)
        return;
    if (fgets(buf, (int)n, p) == NULL)
        buf[0] = '\0';
    buf[strcspn(buf, "\n")] = '\0';
    pclose(p);
}

static int files_equal(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int ca, cb, same = fa != NULL && fb != NULL;

    while (same) {
        ca = getc(fa);
        cb = getc(fb);
        if (ca != cb)
            same = 0;
        if (ca == EOF || cb == EOF)
            break;
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

static long long file_size(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

/* ---- options ---- */

typedef struct options {
    const char *indicators, *source, *work, *out, *self;
    long series, years;
    int rounds, holt, pandas;
    long sizes[MAX_SIZES];
    int nsizes;
} options;

static int parse_sizes(options *o, const char *list)
{
    const char *p = list;
    char *end;

    o->nsizes = 0;
    while (*p) {
        long v = strtol(p, &end, 10);
        if (end == p || v <= 0 || o->nsizes == MAX_SIZES)
            return -1;
        o->sizes[o->nsizes++] = v;
        p = *end == ',' ? end + 1 : end;
        if (*end != ',' && *end != '\0')
            return -1;
    }
    return 0;
}

static int parse_options(options *o, int argc, char **argv)
{
    int i;

    memset(o, 0, sizeof *o);
    o->self = argv[0];
    o->work = "/tmp/indicators-bench";
    o->series = 100000;
    o->years = 60;
    o->rounds = 3;
    o->holt = 1;
    o->pandas = 1;
    parse_sizes(o, "10000,100000,400000");
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--no-holt") == 0) {
            o->holt = 0;
            continue;
        }
        if (strcmp(a, "--no-pandas") == 0) {
            o->pandas = 0;
            continue;
        }
        if (v == NULL)
            return -1;
        i++;
        if (strcmp(a, "--indicators") == 0)
            o->indicators = v;
        else if (strcmp(a, "--source") == 0)
            o->source = v;
        else if (strcmp(a, "--work") == 0)
            o->work = v;
        else if (strcmp(a, "--out") == 0)
            o->out = v;
        else if (strcmp(a, "--series") == 0)
            o->series = atol(v);
        else if (strcmp(a, "--years") == 0)
            o->years = atol(v);
        else if (strcmp(a, "--rounds") == 0)
            o->rounds = atoi(v);
        else if (strcmp(a, "--scaling") == 0) {
            if (parse_sizes(o, v) != 0)
                return -1;
        } else
            return -1;
    }
    if (o->indicators == NULL || o->source == NULL || o->series <= 0 ||
        o->years <= 0 || o->rounds < 1 || o->rounds > MAX_ROUNDS)
        return -1;
    return 0;
}

/* ---- the report, printed and kept for docs/PERFORMANCE.md ---- */

typedef struct text {
    char *p;
    size_t len, cap;
} text;

static text report;   /* docs/PERFORMANCE.md */
static text digest;   /* its summary, also the README's performance table */
static int to_summary;

static void text_add(text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 8192;
        char *q;

        while (cap < t->len + n + 1)
            cap *= 2;
        q = realloc(t->p, cap);
        if (q == NULL)
            return;
        t->p = q;
        t->cap = cap;
    }
    memcpy(t->p + t->len, s, n + 1);
    t->len += n;
}

/* Print to stdout and append to the report (and to the summary while
 * to_summary is set). */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    char line[2048];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fputs(line, stdout);
    fflush(stdout);
    text_add(&report, line, strlen(line));
    if (to_summary)
        text_add(&digest, line, strlen(line));
}

/* PANEL-S-Y.csv in the work folder, written once by make-panel.awk (and
 * its every-field-quoted twin when 'quoted'). */
static int make_panel(const options *o, long series, char *path, size_t n,
                      int quoted)
{
    char cmd[8192];

    snprintf(path, n, "%s/panel-%ld-%ld%s.csv", o->work, series, o->years,
             quoted ? "-quoted" : "");
    if (file_size(path) > 0)
        return 0;
    if (quoted) {
        char plain[1024];
        make_panel(o, series, plain, sizeof plain, 0);
        snprintf(cmd, sizeof cmd, "awk 'BEGIN { FS = OFS = \",\" } "
                 "{ for (i = 1; i <= NF; i++) $i = \"\\\"\" $i \"\\\"\"; "
                 "print }' '%s' > '%s.tmp' && mv '%s.tmp' '%s'",
                 plain, path, path, path);
    } else {
        snprintf(cmd, sizeof cmd, "awk -v series=%ld -v years=%ld -v "
                 "first=1964 -f '%s/tests/bench/make-panel.awk' > '%s.tmp' "
                 "&& mv '%s.tmp' '%s'", series, o->years, o->source, path,
                 path, path);
    }
    printf("writing %s\n", path);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- the commands ---- */

enum { C_PARSE, C_WC, C_GROWTH, C_CHECK, C_LIST, C_LINEAR, C_HOLT, C_PANDAS,
       C_COUNT };

typedef struct command {
    const char *tag, *label;     /* short name for progress, full name */
    char *argv[16];
    int enabled;
    sample s[MAX_ROUNDS];
} command;

static void set_argv(command *c, const char *tag, const char *label, ...)
{
    va_list ap;
    char *a;
    int n = 0;

    c->tag = tag;
    c->label = label;
    c->enabled = 1;
    va_start(ap, label);
    while ((a = va_arg(ap, char *)) != NULL && n < 15)
        c->argv[n++] = a;
    va_end(ap);
    c->argv[n] = NULL;
}

static void setup_commands(command *c, const options *o, char *panel,
                           char *pandas_script)
{
    char *ind = (char *)o->indicators, *self = (char *)o->self;

    memset(c, 0, C_COUNT * sizeof *c);
    set_argv(&c[C_PARSE], "parse", "bare libcsv parse (the floor)", self,
             "--parse", panel, (char *)NULL);
    set_argv(&c[C_WC], "wc", "wc -l", "wc", "-l", panel, (char *)NULL);
    set_argv(&c[C_GROWTH], "growth", "growth --all --format csv", ind, "-d",
             panel, "growth", "--all", "--format", "csv", (char *)NULL);
    set_argv(&c[C_CHECK], "check", "check", ind, "-d", panel, "check",
             (char *)NULL);
    set_argv(&c[C_LIST], "list", "list --format csv", ind, "-d", panel,
             "list", "--format", "csv", (char *)NULL);
    set_argv(&c[C_LINEAR], "linear", "project --all --model linear", ind,
             "-d", panel, "project", "--all", "--to", "2030", "--model",
             "linear", "--format", "csv", (char *)NULL);
    set_argv(&c[C_HOLT], "holt", "project --all --model holt", ind, "-d",
             panel, "project", "--all", "--to", "2030", "--model", "holt",
             "--format", "csv", (char *)NULL);
    c[C_HOLT].enabled = o->holt;
    set_argv(&c[C_PANDAS], "pandas", "pandas: read_csv + growth, CSV out",
             PYTHON, pandas_script, panel, (char *)NULL);
    c[C_PANDAS].enabled = o->pandas;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* Median, minimum and maximum of v[0..n). */
static void stats(const double *v, int n, double *med, double *lo, double *hi)
{
    double sorted[MAX_ROUNDS];
    int i;

    for (i = 0; i < n; i++)
        sorted[i] = v[i];
    qsort(sorted, (size_t)n, sizeof *sorted, compare_double);
    *lo = sorted[0];
    *hi = sorted[n - 1];
    *med = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

typedef struct summary {
    double best, median, worst, ratio, ratio_lo, ratio_hi, cpu;
    double cpu_ratio;      /* median of CPU time over the parse's CPU time */
    long rss_kib;
    int ok;
} summary;

static summary summarise(const command *c, const command *parse, int rounds)
{
    double wall[MAX_ROUNDS], ratio[MAX_ROUNDS], cpu[MAX_ROUNDS], lo, hi,
           cpu_lo = INFINITY;
    summary s;
    int r;

    memset(&s, 0, sizeof s);
    s.ok = 1;
    for (r = 0; r < rounds; r++) {
        wall[r] = c->s[r].wall;
        ratio[r] = c->s[r].wall / parse->s[r].wall;
        cpu[r] = c->s[r].cpu / parse->s[r].cpu;
        s.ok &= c->s[r].ok;
        if (c->s[r].rss_kib > s.rss_kib)
            s.rss_kib = c->s[r].rss_kib;
        if (c->s[r].cpu < cpu_lo)
            cpu_lo = c->s[r].cpu;
    }
    stats(wall, rounds, &s.median, &s.best, &s.worst);
    stats(ratio, rounds, &s.ratio, &lo, &hi);
    s.ratio_lo = lo;
    s.ratio_hi = hi;
    s.cpu = cpu_lo;
    stats(cpu, rounds, &s.cpu_ratio, &lo, &hi);
    return s;
}

/* Median over the rounds of a[r] - b[r] (seconds), or of b[r] / a[r]. */
static double paired(const command *a, const command *b, int rounds,
                     int quotient, double *lo, double *hi)
{
    double v[MAX_ROUNDS], med;
    int r;

    for (r = 0; r < rounds; r++)
        v[r] = quotient ? b->s[r].wall / a->s[r].wall
                        : a->s[r].wall - b->s[r].wall;
    stats(v, rounds, &med, lo, hi);
    return med;
}

/* Median over the rounds of a's CPU time minus b's. */
static double cpu_difference(const command *a, const command *b, int rounds)
{
    double v[MAX_ROUNDS], med, lo, hi;
    int r;

    for (r = 0; r < rounds; r++)
        v[r] = a->s[r].cpu - b->s[r].cpu;
    stats(v, rounds, &med, &lo, &hi);
    return med;
}

/* ---- the sections ---- */

static void describe_machine(const options *o, double load_start)
{
    char cpu[256] = "", mem[64] = "", os[256] = "", pandas[64] = "";
    char cmd[512], when[64];
    struct utsname u;
    time_t t = time(NULL);

    capture("grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'", cpu,
            sizeof cpu);
    capture("awk '/MemTotal/ { printf \"%.1f GiB\", $2 / 1048576 }' "
            "/proc/meminfo", mem, sizeof mem);
    capture(". /etc/os-release 2>/dev/null && echo \"$PRETTY_NAME\"", os,
            sizeof os);
    if (o->pandas) {
        snprintf(cmd, sizeof cmd, "%s -c 'import pandas, numpy; "
                 "print(pandas.__version__, numpy.__version__)' 2>/dev/null",
                 PYTHON);
        capture(cmd, pandas, sizeof pandas);
    }
    uname(&u);
    strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", gmtime(&t));
    say("## The machine\n\n");
    say("| | |\n|---|---|\n");
    say("| date | %s |\n", when);
    say("| CPU | %s, %ld logical cores online |\n", cpu,
        sysconf(_SC_NPROCESSORS_ONLN));
    say("| memory | %s |\n", mem);
    say("| system | %s, Linux %s %s |\n", os, u.release, u.machine);
    say("| compiler | %s, build type %s |\n", IND_BENCH_COMPILER,
        IND_BENCH_BUILD_TYPE);
    say("| libcsv | %d.%d.%d |\n", CSV_MAJOR, CSV_MINOR, CSV_RELEASE);
    if (o->pandas)
        say("| pandas, numpy | %s |\n", *pandas ? pandas : "not found");
    say("| load average at the start | %.2f (other work on the machine) |\n\n",
        load_start);
}

static double load_average(void)
{
    double l = 0;
    FILE *f = fopen("/proc/loadavg", "r");

    if (f != NULL) {
        if (fscanf(f, "%lf", &l) != 1)
            l = 0;
        fclose(f);
    }
    return l;
}

static void print_main(command *c, const options *o, const char *panel,
                       long long size)
{
    char err[1024];
    summary base, s;
    int r, k;

    snprintf(err, sizeof err, "%s/stderr.txt", o->work);
    for (r = 0; r < o->rounds; r++) {
        printf("round %d of %d:", r + 1, o->rounds);
        for (k = 0; k < C_COUNT; k++) {
            if (!c[k].enabled)
                continue;
            c[k].s[r] = run(c[k].argv, NULL, err);
            printf(" %s %.2fs", c[k].tag, c[k].s[r].wall);
        }
        printf("\n");
    }
    base = summarise(&c[C_PARSE], &c[C_PARSE], o->rounds);
    say("## The panel\n\n`%s`: %ld series x %ld years, %lld bytes (%.0f MB).\n"
        "Rounds: %d; in each, every command once, in this order. *ratio* is "
        "the time over the bare libcsv parse's in the same round: the "
        "median over the rounds, then the lowest and highest.\n\n",
        panel, o->series, o->years, size, size / 1e6, o->rounds);
    say("| command | best wall | median wall | ratio to the parse [spread] "
        "| CPU (best) | CPU ratio | peak memory | memory / file |\n");
    say("|---|---|---|---|---|---|---|---|\n");
    for (k = 0; k < C_COUNT; k++) {
        if (!c[k].enabled)
            continue;
        s = summarise(&c[k], &c[C_PARSE], o->rounds);
        say("| %s%s | %.3f s | %.3f s | %.2fx [%.2f-%.2f] | %.3f s | %.2fx "
            "| %.1f MB | %.2f |\n", c[k].label, s.ok ? "" : " (FAILED)",
            s.best, s.median, s.ratio, s.ratio_lo, s.ratio_hi, s.cpu,
            s.cpu_ratio, s.rss_kib * 1024.0 / 1e6,
            s.rss_kib * 1024.0 / (double)size);
    }
    (void)base;
    say("\n*CPU ratio*: user and system time over the parse's, median over "
        "the rounds; less disturbed than the wall time when other work "
        "shares the machine.\n\n");
}

static void say_goal(const char *what, const char *measured, int met)
{
    say("| %s | %s | %s |\n", what, measured, met ? "met" : "**not met**");
}

typedef struct scaling {
    long first, last;         /* smallest and largest panel (series) */
    double growth, check;     /* CPU time per row, largest over smallest */
    double lo_ratio, hi_ratio;    /* growth / parse over the sizes (wall) */
    int done;
} scaling;

/* The summary: the main figures and the goals; the same text is the
 * README's performance table. */
static void print_summary(const command *c, const options *o, long long size,
                          double single_ms, const scaling *sc,
                          double load_start)
{
    char m[256];
    double med, lo, hi;
    summary s;
    int k;

    to_summary = 1;
    say("## Summary\n\n");
    say("The %ld-series panel (%.0f MB), %d rounds, load average %.1f at the "
        "start; medians over the rounds (spread in brackets):\n\n",
        o->series, size / 1e6, o->rounds, load_start);
    say("| on the panel | wall | over the parse | CPU over the parse's "
        "| peak memory |\n|---|---|---|---|---|\n");
    for (k = 0; k < C_COUNT; k++) {
        if (!c[k].enabled || k == C_WC)
            continue;
        s = summarise(&c[k], &c[C_PARSE], o->rounds);
        say("| %s%s | %.2f s | %.2fx [%.2f-%.2f] | %.2fx | %.0f MB "
            "(%.2f of the file) |\n", c[k].label, s.ok ? "" : " (FAILED)",
            s.median, s.ratio, s.ratio_lo, s.ratio_hi, s.cpu_ratio,
            s.rss_kib * 1024.0 / 1e6, s.rss_kib * 1024.0 / (double)size);
    }
    say("\n| goal (issue 12) | measured | |\n|---|---|---|\n");
    s = summarise(&c[C_GROWTH], &c[C_PARSE], o->rounds);
    snprintf(m, sizeof m, "%.2fx [%.2f-%.2f] (CPU %.2fx)", s.ratio,
             s.ratio_lo, s.ratio_hi, s.cpu_ratio);
    say_goal("`growth --all` no slower than the bare libcsv parse (1.0x)", m,
             s.ratio <= 1.0);
    if (c[C_PANDAS].enabled) {
        med = paired(&c[C_GROWTH], &c[C_PANDAS], o->rounds, 1, &lo, &hi);
        snprintf(m, sizeof m, "%.1fx faster [%.1f-%.1f]", med, lo, hi);
        say_goal("`growth --all` at least 10x faster than pandas", m,
                 med >= 10);
    }
    s = summarise(&c[C_CHECK], &c[C_PARSE], o->rounds);
    snprintf(m, sizeof m, "%.2fx [%.2f-%.2f] (CPU %.2fx)", s.ratio,
             s.ratio_lo, s.ratio_hi, s.cpu_ratio);
    say_goal("`check` within 1.5x of the parse", m, s.ratio <= 1.5);
    med = paired(&c[C_LINEAR], &c[C_GROWTH], o->rounds, 0, &lo, &hi);
    snprintf(m, sizeof m, "%+.3f s [%+.3f to %+.3f] (CPU %+.3f s)", med, lo,
             hi, cpu_difference(&c[C_LINEAR], &c[C_GROWTH], o->rounds));
    say_goal("`project --all --model linear` at most 0.3 s more than "
             "`growth --all`", m, med <= 0.3);
    if (c[C_HOLT].enabled) {
        s = summarise(&c[C_HOLT], &c[C_PARSE], o->rounds);
        snprintf(m, sizeof m, "%.2f s [%.2f-%.2f] (CPU %.2f s)", s.median,
                 s.best, s.worst, s.cpu);
        say_goal("`project --all --model holt` under 10 s", m, s.median < 10);
    }
    {
        summary g = summarise(&c[C_GROWTH], &c[C_PARSE], o->rounds);
        summary p = summarise(&c[C_LINEAR], &c[C_PARSE], o->rounds);
        summary h = summarise(&c[C_HOLT], &c[C_PARSE], o->rounds);
        double worst = g.rss_kib > p.rss_kib ? g.rss_kib : p.rss_kib;

        if (c[C_HOLT].enabled && h.rss_kib > worst)
            worst = h.rss_kib;
        if (c[C_HOLT].enabled)
            snprintf(m, sizeof m, "growth %.2f, project linear %.2f, holt "
                     "%.2f of the file", g.rss_kib * 1024.0 / (double)size,
                     p.rss_kib * 1024.0 / (double)size,
                     h.rss_kib * 1024.0 / (double)size);
        else
            snprintf(m, sizeof m, "growth %.2f, project %.2f of the file",
                     g.rss_kib * 1024.0 / (double)size,
                     p.rss_kib * 1024.0 / (double)size);
        say_goal("peak memory of `growth --all` and `project --all` at most "
                 "half the file", m, worst * 1024.0 <= size / 2.0);
    }
    snprintf(m, sizeof m, "%.2f ms (the slowest command's mean)", single_ms);
    say_goal("a single command on the shipped dataset under 5 ms", m,
             single_ms < 5);
    if (sc->done) {
        snprintf(m, sizeof m, "CPU per row at %ld over %ld series: growth "
                 "%.2fx, check %.2fx; growth / parse %.2f-%.2f", sc->last,
                 sc->first, sc->growth, sc->check, sc->lo_ratio,
                 sc->hi_ratio);
        say_goal("nothing quadratic: time per row flat as the series grow "
                 "(within 1.3x)", m, sc->growth <= 1.3 && sc->check <= 1.3);
    }
    say("\n");
    to_summary = 0;
}

/* The rows the bare parse counted (its output "F fields, R rows"), the
 * header included; 0 if unknown. */
static double rows_counted(const char *path)
{
    unsigned long long fields = 0, rows = 0;
    FILE *f = fopen(path, "r");

    if (f != NULL) {
        if (fscanf(f, "%llu fields, %llu rows", &fields, &rows) != 2)
            rows = 0;
        fclose(f);
    }
    return (double)rows;
}

/* Time per row of the parse, growth --all and check over panel sizes. */
static scaling print_scaling(const options *o)
{
    char panel[1024], err[1024], counts_path[1024];
    char *ind = (char *)o->indicators;
    double first_g = 0, first_c = 0;
    scaling sc;
    int i, r;

    memset(&sc, 0, sizeof sc);
    sc.lo_ratio = INFINITY;
    if (o->nsizes == 0)
        return sc;
    snprintf(err, sizeof err, "%s/stderr.txt", o->work);
    snprintf(counts_path, sizeof counts_path, "%s/counts.txt", o->work);
    say("## Time per row as the panel grows\n\nPanels of %ld years; best of "
        "%d rounds (wall, and CPU: user + system). If nothing is quadratic, "
        "the time per row stays flat.\n\n", o->years, o->rounds);
    say("| series | rows | parse ns/row | growth --all ns/row | check ns/row "
        "| growth CPU ns/row | check CPU ns/row | growth / parse "
        "| growth peak memory / file |\n"
        "|---|---|---|---|---|---|---|---|---|\n");
    for (i = 0; i < o->nsizes; i++) {
        char *parse[] = { (char *)o->self, "--parse", panel, NULL };
        char *growth[] = { ind, "-d", panel, "growth", "--all", "--format",
                           "csv", NULL };
        char *check[] = { ind, "-d", panel, "check", NULL };
        double bp = INFINITY, bg = INFINITY, bc = INFINITY, rows, ratio;
        double cg = INFINITY, cc = INFINITY;
        long rss = 0;

        if (make_panel(o, o->sizes[i], panel, sizeof panel, 0) != 0)
            return sc;
        for (r = 0; r < o->rounds; r++) {
            sample p = run(parse, counts_path, err),
                   g = run(growth, NULL, err), k = run(check, NULL, err);
            bp = p.wall < bp ? p.wall : bp;
            bg = g.wall < bg ? g.wall : bg;
            bc = k.wall < bc ? k.wall : bc;
            cg = g.cpu < cg ? g.cpu : cg;
            cc = k.cpu < cc ? k.cpu : cc;
            rss = g.rss_kib > rss ? g.rss_kib : rss;
        }
        rows = rows_counted(counts_path) - 1;   /* the header is no reading */
        ratio = bg / bp;
        sc.lo_ratio = ratio < sc.lo_ratio ? ratio : sc.lo_ratio;
        sc.hi_ratio = ratio > sc.hi_ratio ? ratio : sc.hi_ratio;
        if (i == 0) {
            sc.first = o->sizes[i];
            first_g = cg / rows;
            first_c = cc / rows;
        }
        sc.last = o->sizes[i];
        sc.growth = cg / rows / first_g;
        sc.check = cc / rows / first_c;
        say("| %ld | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.2f | %.2f |\n",
            o->sizes[i], rows, bp / rows * 1e9, bg / rows * 1e9,
            bc / rows * 1e9, cg / rows * 1e9, cc / rows * 1e9, ratio,
            rss * 1024.0 / (double)file_size(panel));
    }
    sc.done = o->nsizes > 1;
    say("\nRows as the bare parse counted them (make-panel.awk leaves out "
        "about 3%% of the years). growth / parse ranges over %.2f-%.2f; CPU "
        "time per row at %ld series over that at %ld: growth %.2fx, check "
        "%.2fx.\n\n", sc.lo_ratio, sc.hi_ratio, sc.last, sc.first,
        sc.growth, sc.check);
    return sc;
}

/* The single commands, SINGLE_RUNS rounds after 3 warm-up rounds, each
 * round running every command once in turn (so a burst of other work on
 * the machine falls on all of them alike); returns the largest mean. */
static double print_single(const options *o)
{
    char ds[1024], err[1024], *ind = (char *)o->indicators;
    char *linear[] = { ind, "-d", ds, "project", "certification_bodies",
                       "--to", "2030", "--model", "linear", NULL };
    char *holt[] = { ind, "-d", ds, "project", "certification_bodies",
                     "--to", "2030", "--model", "holt", NULL };
    char *growth[] = { ind, "-d", ds, "growth",
                       "association_standards_cumulative", NULL };
    char *check[] = { ind, "-d", ds, "check", NULL };
    char *list[] = { ind, "-d", ds, "list", NULL };
    struct { const char *label; char **argv; double t[SINGLE_RUNS]; } cmds[] = {
        { "list", list, { 0 } },
        { "growth association_standards_cumulative", growth, { 0 } },
        { "project certification_bodies --to 2030 --model linear", linear,
          { 0 } },
        { "project certification_bodies --to 2030 --model holt", holt,
          { 0 } },
        { "check", check, { 0 } },
    };
    size_t ncmds = sizeof cmds / sizeof cmds[0], i;
    double worst = 0;
    int r;

    snprintf(ds, sizeof ds, "%s/datasets/china-standardization.csv",
             o->source);
    /* Both outputs to /dev/null, as hyperfine does: truncating and
     * writing a file on disk for every run costs as much as the command. */
    snprintf(err, sizeof err, "/dev/null");
    for (r = -3; r < SINGLE_RUNS; r++)
        for (i = 0; i < ncmds; i++) {
            double wall = run(cmds[i].argv, NULL, err).wall * 1e3;

            if (r >= 0)
                cmds[i].t[r] = wall;
        }
    say("## One command on the shipped dataset\n\n"
        "`datasets/china-standardization.csv`; %d rounds after 3 warm-up "
        "rounds, each running every command once in turn; wall time, process "
        "start included. The minimum is what the command costs; the mean "
        "adds whatever else the machine was doing.\n\n"
        "| command | mean | median | min |\n|---|---|---|---|\n",
        SINGLE_RUNS);
    for (i = 0; i < ncmds; i++) {
        double *t = cmds[i].t, total = 0, mean;

        for (r = 0; r < SINGLE_RUNS; r++)
            total += t[r];
        qsort(t, SINGLE_RUNS, sizeof *t, compare_double);
        mean = total / SINGLE_RUNS;
        worst = mean > worst ? mean : worst;
        say("| `indicators %s` | %.2f ms | %.2f ms | %.2f ms |\n",
            cmds[i].label, mean,
            (t[SINGLE_RUNS / 2 - 1] + t[SINGLE_RUNS / 2]) / 2, t[0]);
    }
    say("\n");
    return worst;
}

/* growth --all on the every-field-quoted panel (libcsv's strict path for
 * every row) must print what the plain panel gives. */
static void print_quoted(const options *o, const char *panel)
{
    char quoted[1024], a[1024], b[1024], err[1024];
    char *ind = (char *)o->indicators;
    sample sp, sq;

    if (make_panel(o, o->series, quoted, sizeof quoted, 1) != 0)
        return;
    snprintf(a, sizeof a, "%s/growth-plain.csv", o->work);
    snprintf(b, sizeof b, "%s/growth-quoted.csv", o->work);
    snprintf(err, sizeof err, "%s/stderr.txt", o->work);
    {
        char *plain_argv[] = { ind, "-d", (char *)panel, "growth", "--all",
                               "--format", "csv", NULL };
        char *quoted_argv[] = { ind, "-d", quoted, "growth", "--all",
                                "--format", "csv", NULL };
        sp = run(plain_argv, a, err);
        sq = run(quoted_argv, b, err);
    }
    say("## Every field quoted\n\nThe same panel with every field in quotes "
        "(%lld bytes) takes the strict libcsv path for every row: `growth "
        "--all` %.2f s against %.2f s, and its output is %s.\n\n",
        file_size(quoted), sq.wall, sp.wall,
        sp.ok && sq.ok && files_equal(a, b) ? "byte-identical"
                                            : "**different**");
    remove(a);
    remove(b);
}

/* Replace what lies between the README's two markers by the summary;
 * the file is left as it was when they are missing. */
#define README_BEGIN "<!-- performance: written by tests/bench/bench.c " \
                     "from its last run; do not edit by hand -->\n"
#define README_END "<!-- /performance -->\n"

static int write_file(const char *path, const char *data, size_t n)
{
    char tmp[1100];
    FILE *f;

    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    f = fopen(tmp, "w");
    if (f == NULL || fwrite(data, 1, n, f) != n || fflush(f) != 0 ||
        fsync(fileno(f)) != 0 || fclose(f) != 0 || rename(tmp, path) != 0) {
        fprintf(stderr, "indicators_bench: cannot write %s\n", path);
        return -1;
    }
    printf("written: %s\n", path);
    return 0;
}

static int update_readme(const options *o)
{
    char path[1024];
    text t = { NULL, 0, 0 };
    char *old, *begin, *end;
    long n;
    FILE *f;
    int rc;

    snprintf(path, sizeof path, "%s/README.md", o->source);
    f = fopen(path, "r");
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0 || (old = malloc((size_t)n + 1)) == NULL) {
        if (f != NULL)
            fclose(f);
        return -1;
    }
    if (fread(old, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(old);
        return -1;
    }
    fclose(f);
    old[n] = '\0';
    begin = strstr(old, README_BEGIN);
    end = begin ? strstr(begin, README_END) : NULL;
    if (begin == NULL || end == NULL) {
        fprintf(stderr, "indicators_bench: %s has no performance markers; "
                "left as it is\n", path);
        free(old);
        return 0;
    }
    begin += strlen(README_BEGIN);
    text_add(&t, old, (size_t)(begin - old));
    /* The summary without its heading: the README has its own. */
    text_add(&t, strchr(digest.p, '\n') + 2,
             strlen(strchr(digest.p, '\n') + 2));
    text_add(&t, end, strlen(end));
    rc = write_file(path, t.p, t.len);
    free(old);
    free(t.p);
    return rc;
}

int main(int argc, char **argv)
{
    command c[C_COUNT];
    options o;
    char panel[1024], script[1024];
    double load_start = load_average(), single_ms;
    scaling sc;
    long long size;

    if (argc == 3 && strcmp(argv[1], "--parse") == 0)
        return bare_parse(argv[2]);
    if (parse_options(&o, argc, argv) != 0) {
        fprintf(stderr, "usage: %s --indicators PATH --source DIR [--series N]"
                " [--years N] [--rounds N] [--scaling N,N,...] [--work DIR]"
                " [--out FILE|-] [--no-holt] [--no-pandas]\n", argv[0]);
        return 64;
    }
    if (o.pandas && access(PYTHON, X_OK) != 0) {
        fprintf(stderr, "indicators_bench: %s is missing: apt-get install -y "
                "python3-pandas (or give --no-pandas)\n", PYTHON);
        return 69;
    }
    mkdir(o.work, 0755);
    if (make_panel(&o, o.series, panel, sizeof panel, 0) != 0) {
        fprintf(stderr, "indicators_bench: cannot write the panel\n");
        return 73;
    }
    size = file_size(panel);
    snprintf(script, sizeof script, "%s/tests/bench/pandas_growth.py",
             o.source);
    setup_commands(c, &o, panel, script);
    say("# Performance\n\nWritten by the benchmark program "
        "(`tests/bench/bench.c`; run it with `sh tests/bench/run.sh`). It "
        "asserts nothing; the numbers are what this machine gave in one "
        "run.\n\n");
    describe_machine(&o, load_start);
    print_main(c, &o, panel, size);
    single_ms = print_single(&o);
    print_quoted(&o, panel);
    sc = print_scaling(&o);
    print_summary(c, &o, size, single_ms, &sc, load_start);
    say("Load average at the end: %.2f.\n", load_average());
    if (o.out == NULL || strcmp(o.out, "-") != 0) {
        char path[1024];

        snprintf(path, sizeof path, "%s", o.out ? o.out : "");
        if (o.out == NULL)
            snprintf(path, sizeof path, "%s/docs/PERFORMANCE.md", o.source);
        if (write_file(path, report.p, report.len) != 0)
            return 74;
        /* The README's table comes from the run that wrote the document. */
        if (o.out == NULL && update_readme(&o) != 0)
            return 74;
    }
    free(report.p);
    free(digest.p);
    return 0;
}
