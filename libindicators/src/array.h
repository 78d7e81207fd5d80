/* array: the one way the library grows an array it appends to. Core: used
 * by every module, depends on nothing. */
#ifndef IND_ARRAY_H
#define IND_ARRAY_H

#include <stddef.h>

/* Make room for `need` items of `size` bytes in the array whose pointer is
 * at `items` (a `T **`, the array may be NULL) and whose capacity is *cap:
 * the capacity doubles from 16 until it holds `need`. Nothing is done when
 * it already does. Returns 0, or -1 when memory runs out or the size would
 * overflow (the array and *cap are then unchanged). */
int ind_array_reserve(void *items, size_t *cap, size_t need, size_t size);

/* ind_array_reserve for an array variable and its capacity variable. */
#define IND_ARRAY_RESERVE(array, cap, need) \
    ind_array_reserve(&(array), &(cap), (need), sizeof *(array))

#endif
