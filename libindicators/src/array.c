/* array: growing an array that is appended to (see array.h). */
#include "array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_CAPACITY 16

int ind_array_reserve(void *items, size_t *cap, size_t need, size_t size)
{
    size_t n = *cap ? *cap : FIRST_CAPACITY;
    void *old, *grown;

    if (need <= *cap)
        return 0;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return -1;
        n *= 2;
    }
    if (size != 0 && n > SIZE_MAX / size)
        return -1;
    /* The pointer is read and written through memcpy: `items` points to
     * a `T *` of any object type. */
    memcpy(&old, items, sizeof old);
    grown = realloc(old, n * size);
    if (grown == NULL)
        return -1;
    memcpy(items, &grown, sizeof grown);
    *cap = n;
    return 0;
}
