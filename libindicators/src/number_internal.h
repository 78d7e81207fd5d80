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

#endif
