/* number_shortest: writes what ind_number_format() gives for about two
 * million doubles, one "BITS TEXT" line each (BITS in hex), for
 * number_shortest.py to check against Python's repr() (David Gay's
 * shortest round trip, an independent implementation). First the
 * fixed-point logarithms of number_shortest.c as "log NAME ARG VALUE"
 * lines, which the script checks with exact integers.
 *
 * The doubles: every power of two (where the spacing is irregular) and
 * its neighbours, the first 200,000 and the last 1,000 subnormals, the
 * integers up to 100,000 and around 2^53, every d x 10^e for d < 1000 and
 * e from -325 to 308 (decimals as data has them), 1,000,000 random bit
 * patterns and 200,000 random figures with two decimals.
 *
 *   number_shortest [RANDOM]    (RANDOM: random bit patterns, 1000000) */
#include "../libindicators/src/number_shortest.c"

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/number.h"

static void emit_bits(uint64_t bits)
{
    char buf[IND_NUMBER_BUFSIZE];
    double v;

    memcpy(&v, &bits, sizeof v);
    if (!isfinite(v))
        return;
    if (ind_number_format(buf, sizeof buf, v, NULL) != IND_OK) {
        fprintf(stderr, "ind_number_format failed on %016" PRIx64 "\n", bits);
        exit(1);
    }
    printf("%016" PRIx64 " %s\n", bits, buf);
}

static void emit(double v)
{
    uint64_t bits;

    memcpy(&bits, &v, sizeof bits);
    emit_bits(bits);
}

/* xorshift64*: a fixed, portable sequence. */
static uint64_t next_bits(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717u;
}

int main(int argc, char **argv)
{
    long random_count = argc > 1 ? atol(argv[1]) : 1000000;
    uint64_t seed = 0x9E3779B97F4A7C15u, e, k;
    char text[64];
    int q, d, x;

    for (q = -1100; q <= 1100; q++) {
        printf("log flog10_pow2 %d %d\n", q, flog10_pow2(q));
        printf("log flog10_three_quarters_pow2 %d %d\n", q,
               flog10_three_quarters_pow2(q));
    }
    for (x = -400; x <= 400; x++)
        printf("log flog2_pow10 %d %d\n", x, flog2_pow10(x));
    /* Powers of two and their neighbours, both signs for the first. */
    for (e = 1; e < 2047; e++) {
        uint64_t c = e << 52;
        emit_bits(c);
        emit_bits(c | ((uint64_t)1 << 63));
        emit_bits(c + 1);
        emit_bits(c - 1);
        emit_bits(c | (((uint64_t)1 << 52) - 1));
    }
    for (k = 1; k <= 200000; k++)
        emit_bits(k);
    for (k = 0; k < 1000; k++)
        emit_bits((((uint64_t)1 << 52) - 1) - k);
    for (k = 0; k <= 100000; k++)
        emit((double)k);
    for (k = 0; k < 2000; k++) {
        emit(9007199254740992.0 - (double)k);
        emit(9007199254740992.0 + 2.0 * (double)k);
    }
    emit(DBL_MAX);
    emit(DBL_MIN);
    emit(DBL_TRUE_MIN);
    for (d = 1; d < 1000; d++) {
        for (x = -325; x <= 308; x++) {
            snprintf(text, sizeof text, "%de%d", d, x);
            emit(strtod(text, NULL));
        }
    }
    for (k = 0; k < (uint64_t)random_count; k++)
        emit_bits(next_bits(&seed));
    for (k = 0; k < 200000; k++)
        emit((double)(next_bits(&seed) % 1000000000u) / 100.0);
    return fflush(stdout) == 0 ? 0 : 1;
}
