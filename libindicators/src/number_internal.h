/* number_internal: what number.c shares with number_shortest.c. Internal. */
#ifndef IND_NUMBER_INTERNAL_H
#define IND_NUMBER_INTERNAL_H

#include <stdint.h>

/* The shortest decimal digits that read back as the finite, nonzero
 * double whose magnitude has the IEEE 754 bits 'bits' (sign bit clear):
 * |value| reads back from *digits x 10^*exp10, *digits has at most 17
 * digits and no shorter decimal reads back; among the shortest, the one
 * nearest the value (an even last digit on a tie). *digits may end in
 * zeros. Schubfach (number_shortest.c). */
void ind_number_shortest(uint64_t bits, uint64_t *digits, int *exp10);

/* The common year, four ASCII digits s[0..4): 1 with it in *year, else 0
 * (and *year untouched). Inline: the loader asks it of every row. */
static inline int ind_number_year4(const char *s, int *year)
{
    unsigned d0 = (unsigned)(unsigned char)s[0] - '0',
             d1 = (unsigned)(unsigned char)s[1] - '0',
             d2 = (unsigned)(unsigned char)s[2] - '0',
             d3 = (unsigned)(unsigned char)s[3] - '0';

    if (!((d0 < 10) & (d1 < 10) & (d2 < 10) & (d3 < 10)))
        return 0;
    *year = (int)(d0 * 1000 + d1 * 100 + d2 * 10 + d3);
    return 1;
}

#endif
