/* number_shortest: the shortest decimal that reads back as a double, by
 * Schubfach: R. Giulietti, "The Schubfach way to render doubles" (2020),
 * written here from the paper's description.
 *
 * A double v = c 2^q rounds back from every real in its rounding interval
 * R = [v - 2^(q-1), v + 2^(q-1)] (a quarter of the spacing below when c is
 * the smallest significand, 2^52: the spacing halves there), closed when
 * c is even (round half to even). With k = floor(log10 2^q) the interval,
 * scaled by 10^-k, is longer than 1 and shorter than 10: it holds at most
 * one multiple of 10 (a decimal with one digit fewer, then the shortest)
 * and always an integer next to v 10^-k. The products by 10^-k are done
 * in 128 bits with a 126-bit g just above 10^-k (number_pow10.h) and
 * rounded to odd, so that comparing them with the even candidates is
 * exact. No loop, no division, no big numbers. */
#include "number_internal.h"

#include <stdint.h>

#include "number_pow10.h"

#define SIGNIFICAND_BITS 52
#define C_MIN ((uint64_t)1 << SIGNIFICAND_BITS)   /* smallest normal c */
#define Q_MIN (-1074)                             /* q of subnormals */
#define MASK_63 (((uint64_t)1 << 63) - 1)

/* floor(x / 2^n) for a signed x, whatever the compiler does with >> on
 * negative numbers. */
static int64_t floor_shift(int64_t x, int n)
{
    return x >= 0 ? x >> n : -((-x - 1) >> n) - 1;
}

/* floor(q log10 2), floor(log10(3/4 2^q)) and floor(e log2 10), in fixed
 * point: exact over the exponents of doubles (checked against exact
 * integers by tests/number_shortest.py). */
static int flog10_pow2(int q)
{
    return (int)floor_shift((int64_t)q * 661971961083LL, 41);
}

static int flog10_three_quarters_pow2(int q)
{
    return (int)floor_shift((int64_t)q * 661971961083LL - 274743187321LL, 41);
}

static int flog2_pow10(int e)
{
    return (int)floor_shift((int64_t)e * 913124641741LL, 38);
}

/* The high 64 bits of the 128-bit product a b. */
static uint64_t mul_high(uint64_t a, uint64_t b)
{
#if defined(__SIZEOF_INT128__)
    __extension__ typedef unsigned __int128 u128;
    return (uint64_t)(((u128)a * b) >> 64);
#else
    uint64_t a0 = a & 0xffffffffu, a1 = a >> 32;
    uint64_t b0 = b & 0xffffffffu, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
    return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
#endif
}

/* floor(g cp / 2^127) with its last bit set when the quotient is not an
 * integer (rounded to odd), for g = g1 2^63 + g0 and cp < 2^63. */
static uint64_t round_to_odd(uint64_t g1, uint64_t g0, uint64_t cp)
{
    uint64_t x1 = mul_high(g0, cp);
    uint64_t y0 = g1 * cp;
    uint64_t y1 = mul_high(g1, cp);
    uint64_t z = (y0 >> 1) + x1;
    uint64_t floor = y1 + (z >> 63);

    return floor | (((z & MASK_63) + MASK_63) >> 63);
}

/* The shortest decimal in the rounding interval of c 2^q, nearest to it. */
static void to_decimal(int q, uint64_t c, uint64_t *digits, int *exp10)
{
    uint64_t odd = c & 1, cb = c << 2, cbr = cb + 2, cbl;
    uint64_t g1, g0, vb, vbl, vbr, s, t;
    int k, h, lower_in, upper_in;

    if (c != C_MIN || q == Q_MIN) {
        cbl = cb - 2;
        k = flog10_pow2(q);
    } else {
        cbl = cb - 1;     /* the spacing below is half the spacing above */
        k = flog10_three_quarters_pow2(q);
    }
    h = q + flog2_pow10(-k) + 2;     /* 1 <= h <= 4 */
    g1 = number_pow10_g[k - NUMBER_POW10_K_MIN][0];
    g0 = number_pow10_g[k - NUMBER_POW10_K_MIN][1];
    /* v, the interval's ends, times 10^-k, in quarters, rounded to odd. */
    vb = round_to_odd(g1, g0, cb << h);
    vbl = round_to_odd(g1, g0, cbl << h);
    vbr = round_to_odd(g1, g0, cbr << h);
    s = vb >> 2;
    {
        /* A multiple of 10 in the interval has one digit fewer (there is
         * at most one). The paper tries it only when s >= 100, because
         * Java wants two digits at least; we want the shortest (5e-323,
         * not 4.9e-323). The candidate 0 is never in: vbl > 0. */
        uint64_t sp10 = s / 10 * 10, tp10 = sp10 + 10;
        lower_in = vbl + odd <= sp10 << 2;
        upper_in = (tp10 << 2) + odd <= vbr;
        if (lower_in != upper_in) {
            *digits = lower_in ? sp10 : tp10;
            *exp10 = k;
            return;
        }
    }
    /* Else the integer below v 10^-k or the one above, whichever is in,
     * the nearer when both are (the even one on a tie). */
    t = s + 1;
    lower_in = vbl + odd <= s << 2;
    upper_in = (t << 2) + odd <= vbr;
    *exp10 = k;
    if (lower_in != upper_in) {
        *digits = lower_in ? s : t;
        return;
    }
    if (vb < (s + t) << 1 || (vb == (s + t) << 1 && (s & 1) == 0))
        *digits = s;
    else
        *digits = t;
}

void ind_number_shortest(uint64_t bits, uint64_t *digits, int *exp10)
{
    uint64_t fraction = bits & (C_MIN - 1);
    int biased = (int)(bits >> SIGNIFICAND_BITS) & 0x7ff;

    if (biased == 0) {
        to_decimal(Q_MIN, fraction, digits, exp10);   /* subnormal */
        return;
    }
    {
        uint64_t c = C_MIN | fraction;
        int minus_q = 1075 - biased;
        /* An integer below 2^53 is its own shortest form: the spacing
         * there is at most 1, so no other integer reads back as it. */
        if (minus_q > 0 && minus_q <= SIGNIFICAND_BITS &&
            (c >> minus_q) << minus_q == c) {
            *digits = c >> minus_q;
            *exp10 = 0;
            return;
        }
        to_decimal(-minus_q, c, digits, exp10);
    }
}
