/* chart_scale: axis ranges with round ticks, labelled by us so that the
 * thousands separators do not depend on gnuplot's or the system's locale. */
#include "chart_internal.h"
#include "indicators/number.h"

#include <math.h>
#include <string.h>

/* The smallest of 1, 2, 2.5, 5, 10 times a power of ten that is >= raw. */
static double nice_step(double raw)
{
    double p = pow(10.0, floor(log10(raw)));
    double f = raw / p;

    if (f <= 1.0 + 1e-9)
        return p;
    if (f <= 2.0 + 1e-9)
        return 2.0 * p;
    if (f <= 2.5 + 1e-9)
        return 2.5 * p;
    if (f <= 5.0 + 1e-9)
        return 5.0 * p;
    return 10.0 * p;
}

/* Decimal places that write every multiple of step exactly. */
static int step_decimals(double step)
{
    int d;

    for (d = 0; d < 6; d++) {
        double scaled = step * pow(10.0, d);
        if (fabs(scaled - nearbyint(scaled)) < 1e-6 * scaled)
            return d;
    }
    return 6;
}

void chart_axis_make(chart_axis *axis, double lo, double hi, int ticks,
                     double headroom)
{
    double span, step;

    if (ticks < 2)
        ticks = 2;
    if (hi - lo <= fabs(hi) * 1e-9) {
        /* A flat series: centre it in a small range. */
        double pad = fabs(hi) > 0 ? fabs(hi) * 0.1 : 1.0;
        lo -= pad;
        hi += pad;
    }
    span = hi - lo;
    hi += span * headroom;
    step = nice_step((hi - lo) / ticks);
    axis->lo = floor(lo / step + 1e-9) * step;
    axis->hi = ceil(hi / step - 1e-9) * step;
    axis->step = step;
    axis->decimals = step_decimals(step);
}

/* Number of ticks and the value of the i-th, snapped to the step grid. */
static long tick_count(const chart_axis *axis)
{
    return lround((axis->hi - axis->lo) / axis->step) + 1;
}

static double tick_value(const chart_axis *axis, long i)
{
    double v = (nearbyint(axis->lo / axis->step) + (double)i) * axis->step;

    return fabs(v) < axis->step * 1e-9 ? 0.0 : v;
}

double chart_axis_label_width(const chart_axis *axis)
{
    char buf[IND_NUMBER_HUMAN_BUFSIZE];
    double widest = 0, w;
    long i, n = tick_count(axis);

    for (i = 0; i < n; i++) {
        if (ind_number_format_human(buf, sizeof buf, tick_value(axis, i),
                                    axis->decimals, NULL) != IND_OK)
            continue;
        w = chart_text_width(buf);
        if (w > widest)
            widest = w;
    }
    return widest;
}

void chart_axis_put(FILE *out, const char *name, const chart_axis *axis)
{
    char buf[IND_NUMBER_HUMAN_BUFSIZE];
    long i, n = tick_count(axis);

    fprintf(out, "set %srange [", name);
    chart_put_number(out, axis->lo);
    fputs(":", out);
    chart_put_number(out, axis->hi);
    fprintf(out, "]\nset %stics (", name);
    for (i = 0; i < n; i++) {
        double v = tick_value(axis, i);
        if (ind_number_format_human(buf, sizeof buf, v, axis->decimals, NULL) !=
            IND_OK)
            memcpy(buf, "?", 2);
        if (i > 0)
            fputs(", ", out);
        chart_put_format_string(out, buf);
        fputc(' ', out);
        chart_put_number(out, v);
    }
    fputs(")\n", out);
}

int chart_year_step(double px_per_year, double min_gap_px)
{
    static const int steps[] = { 1, 2, 5, 10, 20, 25, 50, 100, 200, 500 };
    size_t i;

    for (i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (px_per_year * steps[i] >= min_gap_px)
            return steps[i];
    return 1000;
}
