/* growth: year-on-year change, log growth, index, CAGR, targets and the
 * check of a stated rate against its levels, for one series; or one
 * summary row per series (--all). Every figure comes from growth.h; this
 * file chooses what to show, names the columns and maps errors to exit
 * codes. */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/growth.h"

#define NO_YEAR IND_GROWTH_NO_YEAR
/* Rows of --all held before they are written out as CSV. */
#define OVERVIEW_CHUNK 512
/* Undecided series of --all named on stderr before the rest are counted. */
#define OVERVIEW_WARN_MAX 10

static int run(const cli *c, int argc, char **argv);

static const struct option options[] = {
    { "from", required_argument, NULL, 'F' },
    { "to", required_argument, NULL, 'T' },
    { "base", required_argument, NULL, 'b' },
    { "target", required_argument, NULL, 't' },
    { "by", required_argument, NULL, 'y' },
    { "entity", required_argument, NULL, 'e' },
    { "all", no_argument, NULL, 'a' },
    { "derived", no_argument, NULL, 'D' },
    CLI_ENTITIES_OPTION, CLI_VINTAGE_OPTION,
    CLI_COMMON_OPTIONS, { 0, 0, 0, 0 }
};

const cli_command cli_cmd_growth = {
    "growth", "year-on-year change, CAGR, index and targets of a series",
    "usage: indicators [-d DATASET] growth ID [--from Y] [--to Y] [--base Y]\n"
    "           [--target VALUE --by YEAR] [--derived] [--entity E]\n"
    "           [--vintage DATE] [--format table|csv|json]\n"
    "       indicators [-d DATASET] growth ID --entities E1,E2,... [--vintage DATE]\n"
    "       indicators [-d DATASET] growth --all [--vintage DATE] [--format ...]\n"
    "\nOne row per year with a value: indicator, entity, kind, year, value,\n"
    "reading (which reading was used), as_of, status, prev_year, gap_years,\n"
    "annualised, abs_change (since prev_year), abs_change_per_year (for a\n"
    "stock: the net additions a year), yoy_pct, log_growth, index, note.\n"
    "Every row names its indicator, so outputs concatenate. Across k\n"
    "missing years the\n"
    "change is annualised, (v / v_prev)^(1/k) - 1: a gap is never filled in.\n"
    "Then CAGR, change per year, doubling or halving time, a flow's sum, the\n"
    "largest rise and fall.\n"
    "\n  --from Y, --to Y   span of the rows and the CAGR (default: all)\n"
    "  --base Y           index base year, = 100 (default: the span's first)\n"
    "  --target V --by Y  CAGR needed from the latest figure to reach V by Y,\n"
    "                     against the pace over the span\n"
    "  --derived          add the levels implied by a rate declared as the\n"
    "                     growth of this indicator (catalog growth_of)\n"
    "  --entity E         the series of entity E (default: the dataset's own)\n"
    "  --entities E1,E2   compare the indicator across entities: one row each\n"
    "                     (as --all's), in the order given\n"
    "  --all              one row per series: latest figures and CAGR\n"
    CLI_VINTAGE_HELP
    "\nA rate is shown as stated, changes in points; asking it for a CAGR\n"
    "(--from, --to), an index (--base) or a target is refused (exit 65). A\n"
    "rate with a growth_of, and that level, show the levels the rate implies\n"
    "and a check of the rate against the levels. CSV prints the rows (--all\n"
    "streams); JSON adds the summary, extremes, target, implied_levels and\n"
    "rate_check, null where a figure is undefined. Exit 64 also for a --from,\n"
    "--to or --base year without a value, or --by not after the latest year.\n",
    options, NULL, CLI_TAKES_ID | CLI_PRINTS_DATA,
    run
};

/* ------------------------------------------------------------------ */
/* Options                                                             */
/* ------------------------------------------------------------------ */

typedef struct growth_args {
    const char *id;           /* the indicator, NULL with --all */
    const char *entity;       /* --entity, "" by default */
    const char *entities;     /* --entities, or NULL */
    const char *vintage;      /* --vintage, or NULL */
    out_format format;
    ind_growth_options opts;  /* --from, --to, --base */
    int all, derived, help;
    int has_target;
    double target;            /* --target */
    int by;                   /* --by, NO_YEAR when not given */
} growth_args;

static int parse_option(growth_args *a, int opt, char **argv)
{
    const cli_command *cmd = &cli_cmd_growth;

    switch (opt) {
    case 'F': return cli_int(cmd, "from", optarg, &a->opts.from);
    case 'T': return cli_int(cmd, "to", optarg, &a->opts.to);
    case 'b': return cli_int(cmd, "base", optarg, &a->opts.base);
    case 'y': return cli_int(cmd, "by", optarg, &a->by);
    case 't':
        a->has_target = 1;
        return cli_number(cmd, "target", optarg, &a->target);
    case 'e': a->entity = optarg; return EX_OK;
    case CLI_OPT_ENTITIES: a->entities = optarg; return EX_OK;
    case CLI_OPT_VINTAGE: a->vintage = optarg; return EX_OK;
    case 'a': a->all = 1; return EX_OK;
    case 'D': a->derived = 1; return EX_OK;
    case 'f': return cli_format(cmd, optarg, &a->format);
    case 'h': a->help = 1; return EX_OK;
    default: return cli_bad_option(cmd, opt, argv);
    }
}

/* Combinations that make no sense, refused before the dataset is read. */
static int check_args(const growth_args *a, int npositional)
{
    const cli_command *cmd = &cli_cmd_growth;
    const ind_growth_options *o = &a->opts;

    if (a->all && (npositional > 0 || o->from != NO_YEAR || o->to != NO_YEAR ||
                   o->base != NO_YEAR || a->has_target || a->derived ||
                   *a->entity))
        return cli_usage_error(cmd, "--all takes no indicator and no other "
                               "option than --format");
    if (!a->all && npositional != 1)
        return cli_usage_error(cmd, "give one indicator id (or --all)");
    if (a->entities != NULL && (a->all || *a->entity || a->has_target ||
                                a->derived || o->from != NO_YEAR ||
                                o->to != NO_YEAR || o->base != NO_YEAR))
        return cli_usage_error(cmd, "--entities compares whole series: it "
                               "takes ID and no --entity, --all, --from, "
                               "--to, --base, --target or --derived");
    if (a->has_target != (a->by != NO_YEAR))
        return cli_usage_error(cmd, "--target and --by go together");
    if (a->has_target && !(a->target > 0.0))
        return cli_usage_error(cmd, "--target must be above zero: a "
                               "compound growth rate cannot reach it");
    if (o->from != NO_YEAR && o->to != NO_YEAR && o->from > o->to)
        return cli_usage_error(cmd, "--from %d is after --to %d", o->from,
                               o->to);
    return EX_OK;
}

static int parse_args(int argc, char **argv, growth_args *a)
{
    static const ind_growth_options defaults = IND_GROWTH_OPTIONS_INIT;
    int opt, rc;

    memset(a, 0, sizeof *a);
    a->entity = "";
    a->format = OUT_TABLE;
    a->opts = defaults;
    a->by = NO_YEAR;
    for (opt = cli_getopt(argc, argv, options); opt != -1;
         opt = cli_getopt(argc, argv, options)) {
        rc = parse_option(a, opt, argv);
        if (rc != EX_OK || a->help)
            return rc;
    }
    rc = check_args(a, argc - optind);
    if (rc == EX_OK && !a->all)
        a->id = argv[optind];
    return rc;
}

/* ------------------------------------------------------------------ */
/* Words for undefined figures and for readings                        */
/* ------------------------------------------------------------------ */

/* A short reason for a table cell; the library's full sentence for the
 * reasons that need one. */
static const char *why_short(ind_growth_why why)
{
    switch (why) {
    case IND_GROWTH_PREVIOUS_ZERO: return "no % from zero";
    case IND_GROWTH_PREVIOUS_NEGATIVE: return "no % from below zero";
    case IND_GROWTH_NEGATIVE_VALUE: return "no rate to below zero";
    case IND_GROWTH_NONPOSITIVE: return "no log of a value <= 0";
    case IND_GROWTH_BASE_NONPOSITIVE: return "index base <= 0";
    case IND_GROWTH_RATE: return "a rate: not compounded";
    case IND_GROWTH_SINGLE_YEAR: return "one year only";
    case IND_GROWTH_NO_PREVIOUS: return "no earlier value";
    case IND_GROWTH_OVERFLOW: return "beyond the range of a double";
    case IND_GROWTH_NEVER: return "never at this pace";
    case IND_GROWTH_TOO_FAR: return "over 10,000 years at this pace";
    default: return ind_growth_why_text(why);
    }
}

/* The short reason of each undefined figure, once each, "; " between
 * them. Left out: a first value's (a blank needs no note), an index
 * base's (said once, on stderr) and `skip`. */
static void join_whys(char *buf, size_t size, const ind_growth_why *why,
                      size_t n, ind_growth_why skip)
{
    size_t i, j, used;

    buf[0] = '\0';
    for (i = 0; i < n; i++) {
        if (why[i] == IND_GROWTH_DEFINED || why[i] == skip ||
            why[i] == IND_GROWTH_NO_PREVIOUS ||
            why[i] == IND_GROWTH_BASE_NONPOSITIVE)
            continue;
        for (j = 0; j < i && why[j] != why[i]; j++)
            ;
        if (j < i)
            continue;
        used = strlen(buf);
        snprintf(buf + used, size - used, "%s%s", used ? "; " : "",
                 why_short(why[i]));
    }
}

/* 1 when an as_of date lies in a year after `year` ("2020-01" for 2019). */
static int dated_after(const char *as_of, int year)
{
    int y = 0, k;

    for (k = 0; k < 4 && as_of[k] >= '0' && as_of[k] <= '9'; k++)
        y = y * 10 + (as_of[k] - '0');
    return k == 4 && y > year;
}

/* Readings the dataset holds for `year` in series `idx`, all roles. */
static size_t readings_in_year(ind_dataset *ds, size_t idx, int year)
{
    size_t n = ind_dataset_series_reading_count(ds, idx), k, at, count = 0;
    ind_reading rd;

    for (k = 0; k < n; k++)
        if (ind_dataset_series_reading(ds, idx, k, &at, NULL) == IND_OK &&
            ind_dataset_reading(ds, at, &rd, NULL) == IND_OK &&
            rd.year == year)
            count++;
    return count;
}

/* Which reading a point took (its date is in the as_of column):
 * "year-end", "partial year", "dated after the year", "derived", and
 * "; chosen of N by role|date" when the year had N readings. */
static void reading_text(char *buf, size_t size, const ind_point *p,
                         size_t nreadings)
{
    const char *when = "year-end";

    if (p->flags & IND_POINT_DERIVED) {
        snprintf(buf, size, "derived from the stated rate");
        return;
    }
    if (p->flags & IND_POINT_PARTIAL_YEAR)
        when = "partial year";
    else if (dated_after(p->as_of, p->year))
        when = "dated after the year";
    if ((p->flags & IND_POINT_CHOSEN) && nreadings > 1)
        snprintf(buf, size, "%s; chosen of %zu by %s", when, nreadings,
                 (p->flags & IND_POINT_EXPLICIT) ? "role" : "date");
    else
        snprintf(buf, size, "%s", when);
}

/* ------------------------------------------------------------------ */
/* A rate declared as the growth of a level                            */
/* ------------------------------------------------------------------ */

/* Say once why a linked series could not be used (on stderr). */
static void warn_links(const ind_links *l)
{
    char text[IND_ERROR_MESSAGE_SIZE + 600];
    size_t i;

    for (i = 0; i < ind_links_nproblems(l); i++)
        cli_warn("%s", cli_error_text(text, sizeof text,
                                      ind_links_problem(l, i)));
}

/* The figure of `year` in s, NaN when it has none. */
static double value_in(const ind_series *s, int year)
{
    long at = ind_series_find(s, year);

    return at < 0 ? NAN : ind_series_point(s, (size_t)at)->value;
}

static int add_implied_levels(out_doc *doc, const ind_links *l)
{
    static const char *const columns[] = {
        "indicator", "entity", "rate", "year", "level", "rate_year",
        "rate_pct", "level_in_rate_year"
    };
    out_table *t = out_table_new(columns, 8);
    size_t i, k;

    if (t == NULL)
        return -1;
    out_table_keys(t, 2);
    for (i = 0; i < ind_links_count(l); i++) {
        const ind_series *implied = ind_links_implied(l, i);
        const ind_series *rate = ind_links_rate(l, i);
        for (k = 0; k < ind_series_length(implied); k++) {
            const ind_point *p = ind_series_point(implied, k);
            if (!(p->flags & IND_POINT_DERIVED))
                continue;
            out_text(t, ind_series_indicator(ind_links_level(l, i)));
            out_text(t, ind_series_entity(rate));
            out_text(t, ind_series_indicator(rate));
            out_int(t, p->year);
            out_num(t, p->value, -1);
            out_int(t, p->year + 1);
            out_num(t, value_in(rate, p->year + 1), -1);
            out_num(t, value_in(ind_links_level(l, i), p->year + 1), -1);
        }
    }
    if (out_table_rows(t) == 0) {
        out_table_free(t);
        return 0;
    }
    return out_doc_table(doc, "implied_levels", "Levels implied for the year "
                         "before by the stated rate (derived, not read from "
                         "a source)", t);
}

static void add_agreement(out_table *t, const ind_series *rate,
                          const ind_series *level,
                          const ind_growth_agreement *a)
{
    out_text(t, ind_series_indicator(level));
    out_text(t, ind_series_entity(rate));
    out_text(t, ind_series_indicator(rate));
    out_int(t, a->year);
    out_num(t, a->stated_pct, -1);
    out_num(t, a->actual_pct, 2);
    out_num(t, a->diff_pp, 2);
    out_num(t, a->level, -1);
    out_num(t, a->prev_level, -1);
    out_num(t, a->implied_prev_level, -1);
    out_num(t, a->stated_low_pct, 3);
    out_num(t, a->stated_high_pct, 3);
    out_num(t, a->actual_low_pct, 3);
    out_num(t, a->actual_high_pct, 3);
    out_bool(t, a->agrees);
}

static int add_rate_check(out_doc *doc, const ind_links *l)
{
    static const char *const columns[] = {
        "indicator", "entity", "rate", "year", "stated_pct", "actual_pct",
        "diff_pp", "level", "prev_level", "implied_prev_level",
        "stated_low_pct", "stated_high_pct", "actual_low_pct",
        "actual_high_pct", "agrees"
    };
    /* The rounding bounds go first, the verdict and the rates last. */
    static const char *const give_up[] = {
        "stated_low_pct", "stated_high_pct", "actual_low_pct",
        "actual_high_pct", "implied_prev_level", "prev_level", "level",
        "diff_pp", "agrees", "actual_pct"
    };
    out_table *t = out_table_new(columns, 15);
    ind_growth_agreement *ag;
    size_t i, k, n, count;

    out_table_keys(t, 2);
    out_table_give_up(t, give_up, sizeof give_up / sizeof give_up[0]);
    for (i = 0; t != NULL && i < ind_links_count(l); i++) {
        n = ind_series_length(ind_links_rate(l, i));
        ag = calloc(n ? n : 1, sizeof *ag);
        if (ag == NULL) {
            out_table_free(t);
            return -1;
        }
        /* the links pair a rate with a level: the check cannot refuse */
        if (ind_growth_rate_check(ag, n, &count, ind_links_rate(l, i),
                                  ind_links_level(l, i),
                                  IND_GROWTH_TOLERANCE_AUTO, NULL) != IND_OK)
            count = 0;
        for (k = 0; k < count; k++)
            add_agreement(t, ind_links_rate(l, i), ind_links_level(l, i),
                          &ag[k]);
        free(ag);
    }
    if (t == NULL)
        return -1;
    if (out_table_rows(t) == 0) {
        out_table_free(t);
        return 0;
    }
    return out_doc_table(doc, "rate_check", "Stated rate against the levels "
                         "(agrees: within the rounding of the figures)", t);
}

/* ------------------------------------------------------------------ */
/* One series: rows, summary, target                                   */
/* ------------------------------------------------------------------ */

static int describe(ind_dataset *ds, const ind_series *s, out_doc *doc)
{
    ind_indicator ind;
    size_t at;

    if (ind_dataset_find_indicator(ds, ind_series_indicator(s), &at, NULL) !=
            IND_OK ||
        ind_dataset_indicator(ds, at, &ind, NULL) != IND_OK)
        return -1;
    out_doc_text(doc, "indicator", NULL, ind.id);
    out_doc_text(doc, "entity", NULL, ind_series_entity(s));
    out_doc_text(doc, "title", NULL, ind.title);
    out_doc_text(doc, "kind", NULL, ind_kind_name(ind.kind));
    return out_doc_text(doc, "unit", NULL, ind.unit);
}

static int add_row(out_table *t, const ind_series *s, const ind_growth_row *r,
                   const char *reading, const char *as_of, ind_kind kind)
{
    ind_growth_why why[4];
    char status[2], note[200];

    why[0] = r->change_why;
    why[1] = r->yoy_why;
    why[2] = r->log_why;
    why[3] = r->index_why;
    /* a rate's reason is said once, on stderr */
    join_whys(note, sizeof note, why, 4, kind == IND_KIND_RATE
              ? IND_GROWTH_RATE : IND_GROWTH_DEFINED);
    status[0] = r->status;
    status[1] = '\0';
    out_text(t, ind_series_indicator(s));
    out_text(t, ind_series_entity(s));
    out_text(t, ind_kind_name(kind));
    out_int(t, r->year);
    out_num(t, r->value, -1);
    out_text(t, reading);
    out_text(t, as_of);
    out_text(t, status);
    if (r->prev_year == NO_YEAR)
        out_null(t);
    else
        out_int(t, r->prev_year);
    if (r->gap_years > 0)
        out_int(t, r->gap_years);
    else
        out_null(t);
    out_bool(t, r->annualised);
    out_num(t, r->abs_change, -1);
    out_num(t, r->abs_change_per_year, -1);
    out_num(t, r->yoy_pct, 2);
    out_num(t, r->log_growth, 4);
    out_num(t, r->index, 2);
    return out_text(t, note);
}

static int add_rows(out_doc *doc, ind_dataset *ds, size_t idx,
                    const ind_series *s, const ind_growth *g)
{
    static const char *const columns[] = {
        "indicator", "entity", "kind", "year", "value", "reading", "as_of",
        "status", "prev_year", "gap_years", "annualised", "abs_change",
        "abs_change_per_year", "yoy_pct", "log_growth", "index", "note"
    };
    /* A narrow terminal gives up what a date or a figure beside says
     * already first; the year and the figure stay. */
    static const char *const give_up[] = {
        "reading", "as_of", "status", "log_growth", "index", "abs_change",
        "annualised", "gap_years", "prev_year", "note",
        "abs_change_per_year", "yoy_pct"
    };
    static const char *const keep[] = { "year", "value" };
    ind_kind kind = ind_growth_kind(g);
    out_table *t;
    size_t i;
    char reading[160];

    t = out_table_new(columns, sizeof columns / sizeof columns[0]);
    if (t == NULL)
        return -1;
    out_table_keys(t, 3);
    out_table_give_up(t, give_up, sizeof give_up / sizeof give_up[0]);
    out_table_keep(t, keep, sizeof keep / sizeof keep[0]);
    for (i = 0; i < ind_growth_length(g); i++) {
        const ind_growth_row *r = ind_growth_row_at(g, i);
        const ind_point *p = ind_series_point(s, r->point);
        reading_text(reading, sizeof reading, p,
                     p->reading == IND_NO_READING ? 0
                     : readings_in_year(ds, idx, r->year));
        if (add_row(t, s, r, reading, p->as_of, kind) != 0)
            break;
    }
    return out_doc_table(doc, NULL, NULL, t);
}

/* Labels of the change fields, in the words of the kind. */
static void change_labels(ind_kind kind, const ind_growth_summary *s,
                          char *total, char *per_year, size_t size)
{
    if (kind == IND_KIND_STOCK) {
        snprintf(total, size, "net additions %d-%d", s->from, s->to);
        snprintf(per_year, size, "net additions per year");
    } else if (kind == IND_KIND_RATE) {
        snprintf(total, size, "change %d-%d (points)", s->from, s->to);
        snprintf(per_year, size, "change per year (points)");
    } else {
        snprintf(total, size, "change %d-%d", s->from, s->to);
        snprintf(per_year, size, "average change per year");
    }
}

static int add_summary(out_doc *d, const ind_growth_summary *s, ind_kind kind)
{
    char total[96], per_year[96], label[96];

    out_doc_int(d, "from", NULL, s->from);
    out_doc_int(d, "to", NULL, s->to);
    snprintf(label, sizeof label, "start value (%d)", s->from);
    out_doc_num(d, "from_value", label, s->from_value, -1);
    snprintf(label, sizeof label, "end value (%d)", s->to);
    out_doc_num(d, "to_value", label, s->to_value, -1);
    out_doc_int(d, "span_years", "span (years)", s->span_years);
    out_doc_int(d, "points", "years with a value", (long long)s->points);
    out_doc_int(d, "missing_years", "missing years (not filled in)",
                s->missing_years);
    if (kind == IND_KIND_RATE) /* a rate has no index */
        out_doc_null(d, "base_year", "index base year (= 100)");
    else
        out_doc_int(d, "base_year", "index base year (= 100)", s->base_year);
    change_labels(kind, s, total, per_year, sizeof total);
    out_doc_num(d, "change_total", total, s->change_total, -1);
    out_doc_num(d, "abs_change_per_year", per_year, s->abs_change_per_year,
                -1);
    snprintf(label, sizeof label, "CAGR %d-%d (%%)", s->from, s->to);
    out_doc_num(d, "cagr_pct", label, s->cagr_pct, 2);
    if (s->cagr_why != IND_GROWTH_DEFINED)
        out_doc_text(d, "cagr_note", "no CAGR", why_short(s->cagr_why));
    out_doc_num(d, "doubling_years", "doubling time at that CAGR (years)",
                s->doubling_years, 2);
    out_doc_num(d, "halving_years", "halving time at that CAGR (years)",
                s->halving_years, 2);
    if (kind != IND_KIND_FLOW)
        return 0;
    if (s->missing_years > 0)
        snprintf(label, sizeof label, "sum %d-%d (%d year%s missing)",
                 s->from, s->to, s->missing_years,
                 s->missing_years == 1 ? "" : "s");
    else
        snprintf(label, sizeof label, "sum %d-%d", s->from, s->to);
    return out_doc_num(d, "flow_total", label, s->flow_total, -1);
}

static void add_extreme(out_table *t, const ind_series *s, const char *measure,
                        const ind_growth_extreme *e)
{
    out_text(t, ind_series_indicator(s));
    out_text(t, ind_series_entity(s));
    out_text(t, measure);
    if (e->year == NO_YEAR) {
        out_null(t);
        out_null(t);
    } else {
        out_int(t, e->year);
        out_int(t, e->prev_year);
    }
    out_num(t, e->yoy_pct, 2);
    out_num(t, e->year == NO_YEAR ? NAN : e->abs_change_per_year, -1);
    out_text(t, e->why == IND_GROWTH_DEFINED ? "" : why_short(e->why));
}

static int add_extremes(out_doc *doc, const ind_series *series,
                        const ind_growth_summary *s)
{
    static const char *const columns[] = {
        "indicator", "entity", "measure", "year", "prev_year", "yoy_pct",
        "abs_change_per_year", "note"
    };
    out_table *t = out_table_new(columns, 8);

    if (t == NULL)
        return -1;
    out_table_keys(t, 2);
    add_extreme(t, series, "rise_pct", &s->rise_pct);
    add_extreme(t, series, "fall_pct", &s->fall_pct);
    add_extreme(t, series, "rise_abs", &s->rise_abs);
    add_extreme(t, series, "fall_abs", &s->fall_abs);
    return out_doc_table(doc, "extremes", "Largest rise and fall, by percent "
                         "and by change per year (annualised across a gap)",
                         t);
}

static int add_target(out_doc *doc, const ind_series *s,
                      const ind_growth_target_result *r)
{
    static const char *const columns[] = {
        "indicator", "entity", "latest_year", "latest_value", "target", "by",
        "required_cagr_pct", "pace_from", "pace_to", "pace_cagr_pct",
        "value_at_by", "reaches", "reach_year", "note"
    };
    out_table *t = out_table_new(columns, 14);

    if (t == NULL)
        return -1;
    out_table_keys(t, 2);
    out_text(t, ind_series_indicator(s));
    out_text(t, ind_series_entity(s));
    out_int(t, r->latest_year);
    out_num(t, r->latest_value, -1);
    out_num(t, r->target, -1);
    out_int(t, r->by);
    out_num(t, r->required_cagr_pct, 2);
    out_int(t, r->pace_from);
    out_int(t, r->pace_to);
    out_num(t, r->pace_cagr_pct, 2);
    out_num(t, r->value_at_by, -1);
    if (r->reaches < 0)
        out_null(t);
    else
        out_bool(t, r->reaches);
    if (r->reach_year == NO_YEAR)
        out_null(t);
    else
        out_int(t, r->reach_year);
    out_text(t, r->reach_why == IND_GROWTH_DEFINED ? ""
                : why_short(r->reach_why));
    return out_doc_table(doc, "target", "Target: growth needed from the "
                         "latest figure, beside the pace over the span", t);
}

/* Everything one series prints, gathered before any of it is shown. */
typedef struct growth_view {
    ind_dataset *ds;
    size_t idx;               /* the series in the dataset */
    const ind_series *s;      /* the series the figures are computed on */
    ind_growth *g;
    ind_links *l;
    int has_target;
    ind_growth_target_result target;
} growth_view;

static out_doc *build_doc(const growth_view *v)
{
    const ind_growth_summary *sum = ind_growth_get_summary(v->g);
    ind_kind kind = ind_growth_kind(v->g);
    out_doc *doc = out_doc_new();
    int bad;

    if (doc == NULL)
        return NULL;
    bad = describe(v->ds, v->s, doc) != 0 ||
          add_rows(doc, v->ds, v->idx, v->s, v->g) != 0 ||
          add_summary(doc, sum, kind) != 0 ||
          add_extremes(doc, v->s, sum) != 0 ||
          (v->has_target && add_target(doc, v->s, &v->target) != 0) ||
          add_implied_levels(doc, v->l) != 0 ||
          add_rate_check(doc, v->l) != 0;
    if (bad) {
        out_doc_free(doc);
        return NULL;
    }
    return doc;
}

/* Why figures the reader may look for are blank: once, on stderr. */
static void explain(const growth_view *v, const growth_args *a)
{
    const ind_growth_summary *sum = ind_growth_get_summary(v->g);
    const char *id = ind_series_indicator(v->s);

    if (ind_growth_kind(v->g) == IND_KIND_RATE)
        cli_error("note: %s: %s; its changes are in percentage points", id,
                  ind_growth_why_text(IND_GROWTH_RATE));
    else if (sum->cagr_why != IND_GROWTH_DEFINED)
        cli_error("note: no CAGR for %s from %d to %d: %s", id, sum->from,
                  sum->to, ind_growth_why_text(sum->cagr_why));
    if (sum->base_year != NO_YEAR && ind_growth_length(v->g) > 0 &&
        ind_growth_row_at(v->g, 0)->index_why == IND_GROWTH_BASE_NONPOSITIVE)
        cli_error("note: no index for %s: the value of the base year %d is "
                  "not above zero (choose another with --base)", id,
                  sum->base_year);
    if (a->derived && ind_links_count(v->l) == 0)
        cli_error("note: no rate is declared as the growth of %s (catalog "
                  "column growth_of): nothing derived", id);
}

/* A rate is shown as stated. Asking it for a CAGR between two years, an
 * index base or a target is refused, saying why (exit 65). */
static int refuse_rate(const ind_series *s, const growth_args *a)
{
    ind_error err = IND_ERROR_INIT;
    double pct;

    if (ind_series_kind(s) != IND_KIND_RATE)
        return EX_OK;
    if (a->derived)
        return cli_usage_error(&cli_cmd_growth, "--derived adds levels to "
                               "the level a rate is the growth of, not to "
                               "the rate");
    if (a->opts.from != NO_YEAR || a->opts.to != NO_YEAR) {
        ind_growth_cagr(&pct, s, a->opts.from, a->opts.to, &err);
        cli_error("%s (leave out --from and --to to see its values as "
                  "stated)", err.message);
        return EX_DATAERR;
    }
    if (a->opts.base != NO_YEAR || a->has_target) {
        cli_error("%s: no %s for a rate: %s", ind_series_indicator(s),
                  a->has_target ? "target growth" : "index",
                  ind_growth_why_text(IND_GROWTH_RATE));
        return EX_DATAERR;
    }
    return EX_OK;
}

/* Compute the table and the target. A year the options name without a
 * value, or --by not after the latest figure, is a usage error (64). */
static int compute(growth_view *v, const growth_args *a)
{
    ind_error err = IND_ERROR_INIT;
    int rc = ind_growth_compute(&v->g, v->s, &a->opts, &err);

    if (rc == IND_OK && a->has_target) {
        v->has_target = 1;
        rc = ind_growth_target(&v->target, v->s, a->target, a->by, &a->opts,
                               &err);
    }
    if (rc == IND_OK)
        return EX_OK;
    cli_error("growth: %s", err.message);
    return rc == IND_ENOTFOUND || rc == IND_EINVAL ? EX_USAGE
                                                   : cli_exit_code(rc);
}

/* Load the series and its links; the caller frees *series and *derived
 * (the copy with derived levels, made for --derived). */
static int load(growth_view *v, const growth_args *a, ind_series **series,
                ind_series **derived)
{
    ind_error err = IND_ERROR_INIT;
    int rc = cli_series(v->ds, a->id, a->entity, &v->idx);

    if (rc != EX_OK)
        return rc;
    rc = ind_dataset_series(v->ds, v->idx, series, &err);
    if (rc != IND_OK)
        return cli_fail_error(&err);
    v->s = *series;
    rc = refuse_rate(v->s, a);
    if (rc != EX_OK)
        return rc;
    if (ind_links_find(&v->l, v->ds, v->s, &err) != IND_OK)
        return cli_fail_error(&err);
    warn_links(v->l);
    if (a->derived && ind_links_count(v->l) > 0) {
        if (ind_links_with_derived(derived, v->s, v->l, &err) != IND_OK)
            return cli_fail_error(&err);
        v->s = *derived;
    }
    return EX_OK;
}

static int run_one(const cli *c, const growth_args *a)
{
    growth_view v;
    ind_series *series = NULL, *derived = NULL;
    out_doc *doc = NULL;
    int rc;

    memset(&v, 0, sizeof v);
    rc = cli_open_read(c, a->vintage, &v.ds);
    if (rc == EX_OK)
        rc = load(&v, a, &series, &derived);
    if (rc == EX_OK)
        rc = compute(&v, a);
    if (rc == EX_OK) {
        doc = build_doc(&v);
        rc = doc != NULL ? cli_print(doc, a->format)
                         : cli_fail(IND_ENOMEM, "out of memory");
    }
    if (rc == EX_OK)
        explain(&v, a);
    out_doc_free(doc);
    ind_growth_free(v.g);
    ind_links_free(v.l);
    ind_series_free(derived);
    ind_series_free(series);
    ind_dataset_free(v.ds);
    return rc;
}

/* ------------------------------------------------------------------ */
/* --all: one row per series                                           */
/* ------------------------------------------------------------------ */

static const char *const overview_columns[] = {
    "indicator", "entity", "kind", "first_year", "last_year", "years",
    "missing_years", "latest_value", "prev_year", "yoy_pct", "annualised",
    "cagr_pct", "note"
};
/* A narrow terminal keeps the id whole and the latest figure and its
 * growth longest. */
static const char *const overview_give_up[] = {
    "kind", "first_year", "years", "missing_years", "annualised",
    "prev_year", "note", "last_year", "cagr_pct", "yoy_pct", "latest_value"
};
#define OVERVIEW_NCOLUMNS \
    (sizeof overview_columns / sizeof overview_columns[0])

static void overview_year(out_sink *k, int year)
{
    if (year == NO_YEAR)
        out_sink_null(k);
    else
        out_sink_int(k, year);
}

static int overview_cells(out_sink *k, const ind_growth_overview_row *r)
{
    ind_growth_why why[2];
    char note[160];

    why[0] = r->yoy_why;
    why[1] = r->cagr_why;
    if (r->points == 0)
        snprintf(note, sizeof note, "no values");
    else
        join_whys(note, sizeof note, why, 2, IND_GROWTH_DEFINED);
    out_sink_text(k, r->indicator);
    out_sink_text(k, r->entity);
    out_sink_text(k, ind_kind_name(r->kind));
    overview_year(k, r->first_year);
    overview_year(k, r->last_year);
    out_sink_int(k, (long long)r->points);
    out_sink_int(k, r->missing_years);
    out_sink_num(k, r->latest_value, -1);
    overview_year(k, r->prev_year);
    out_sink_num(k, r->yoy_pct, 2);
    if (r->prev_year == NO_YEAR)
        out_sink_null(k);
    else
        out_sink_bool(k, r->last_year - r->prev_year > 1);
    out_sink_num(k, r->cagr_pct, 2);
    out_sink_text(k, note);
    return out_sink_end(k);
}

/* The row of a series whose series cannot be built (an undecided
 * conflict): what the dataset knows, figures blank. */
static int overview_undecided(out_sink *k, ind_dataset *ds, size_t i)
{
    ind_series_info info;
    ind_indicator ind;
    size_t at, n;

    ind_dataset_series_info(ds, i, &info, NULL);
    ind.kind = IND_KIND_UNSPECIFIED;
    if (ind_dataset_find_indicator(ds, info.indicator, &at, NULL) == IND_OK)
        ind_dataset_indicator(ds, at, &ind, NULL);
    out_sink_text(k, info.indicator);
    out_sink_text(k, info.entity);
    out_sink_text(k, ind_kind_name(ind.kind));
    out_sink_int(k, info.first_year);
    out_sink_int(k, info.last_year);
    for (n = 0; n < 7; n++)
        out_sink_null(k);
    out_sink_text(k, "undecided conflict: see check");
    return out_sink_end(k);
}

/* Add series i; count and name (the first few) series left undecided. */
static int overview_row(out_sink *k, ind_dataset *ds, size_t i,
                        size_t *undecided)
{
    ind_growth_overview_row r;
    ind_series *s = NULL;
    ind_error err = IND_ERROR_INIT;
    char text[IND_ERROR_MESSAGE_SIZE + 600];
    int rc = ind_dataset_series(ds, i, &s, &err);

    if (rc == IND_ENOMEM)
        return -1;
    if (rc != IND_OK) {
        if (++*undecided <= OVERVIEW_WARN_MAX)
            cli_warn("%s", cli_error_text(text, sizeof text, &err));
        return overview_undecided(k, ds, i);
    }
    ind_growth_overview(&r, s, NULL); /* an empty series fills a blank row */
    rc = overview_cells(k, &r);
    ind_series_free(s);
    return rc;
}

/* The series of --entities, in their order (NULL: every series). */
typedef struct overview_pick {
    const char *id;
    cli_list entities;
} overview_pick;

/* Every row (or those picked): into the table, or as CSV to stdout. */
static int overview_fill(out_table *t, ind_dataset *ds, out_format format,
                         size_t *undecided, const overview_pick *pick)
{
    size_t i, n = pick ? pick->entities.n : ind_dataset_series_count(ds);
    out_sink *k = calloc(1, sizeof *k);
    int rc = EX_OK;

    if (k == NULL)
        return EX_OSERR;
    k->t = format == OUT_CSV ? NULL : t;
    k->f = stdout;
    if (format == OUT_CSV) {
        /* The header, as out_table_flush_csv writes it. */
        for (i = 0; i < OVERVIEW_NCOLUMNS; i++) {
            out_sink_name(k, overview_columns[i]);
        }
        out_sink_end(k);
    }
    for (i = 0; i < n && rc == EX_OK; i++) {
        size_t at = i;
        if (pick != NULL) {
            rc = cli_series(ds, pick->id, pick->entities.items[i], &at);
            if (rc != EX_OK)
                break;
        }
        if (overview_row(k, ds, at, undecided) != 0)
            rc = k->t != NULL || !ferror(stdout) ? EX_OSERR : EX_IOERR;
    }
    if (rc == EX_OK && format == OUT_CSV &&
        (out_sink_flush(k) != 0 ||
         fflush(stdout) != 0 || ferror(stdout)))
        rc = EX_IOERR;
    free(k);
    return rc;
}

static int run_all(const cli *c, const growth_args *a,
                   const overview_pick *pick)
{
    ind_dataset *ds = NULL;
    out_doc *doc = NULL;
    out_table *t = NULL;
    out_format format = a->format;
    size_t undecided = 0;
    int rc = cli_open_read(c, a->vintage, &ds);

    if (rc == EX_OK) {
        t = out_table_new(overview_columns, OVERVIEW_NCOLUMNS);
        out_table_give_up(t, overview_give_up, sizeof overview_give_up /
                                               sizeof overview_give_up[0]);
        doc = out_doc_new();
        rc = t != NULL && doc != NULL
             ? overview_fill(t, ds, format, &undecided, pick) : EX_OSERR;
    }
    if (rc == EX_OK && format != OUT_CSV) {
        rc = out_doc_table(doc, NULL, NULL, t) == 0 ? cli_print(doc, format)
                                                    : EX_OSERR;
        t = NULL;
    }
    if (rc == EX_OSERR)
        cli_error("out of memory");
    else if (rc == EX_IOERR)
        cli_error("cannot write the output");
    if (rc == EX_OK && undecided > 0) {
        cli_error("growth --all: %zu series left blank: a year with several "
                  "readings and no decision (run `%s -d %s check`)",
                  undecided, CLI_PROGRAM, c->dataset);
        rc = EX_DATAERR;
    }
    out_table_free(t);
    out_doc_free(doc);
    ind_dataset_free(ds);
    return rc;
}

static int run(const cli *c, int argc, char **argv)
{
    growth_args a;
    int rc = parse_args(argc, argv, &a);

    if (rc != EX_OK)
        return rc;
    if (a.help)
        return cli_help(&cli_cmd_growth);
    if (a.entities != NULL) {
        overview_pick pick;
        pick.id = a.id;
        if (cli_list_parse(&cli_cmd_growth, "entities", a.entities,
                           &pick.entities) != 0)
            return EX_USAGE;
        rc = run_all(c, &a, &pick);
        cli_list_free(&pick.entities);
        return rc;
    }
    return a.all ? run_all(c, &a, NULL) : run_one(c, &a);
}
