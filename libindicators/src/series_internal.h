/* series_internal: what the library's own modules may do to a series
 * beyond series.h. Internal. */
#ifndef IND_SERIES_INTERNAL_H
#define IND_SERIES_INTERNAL_H

#include <stddef.h>
#include "indicators/series.h"

/* Room for n points in all (the dataset knows how many a series will
 * get): no regrowth while they are added. Returns IND_OK or IND_ENOMEM. */
int ind_series_reserve(ind_series *s, size_t n);

/* ind_series_add without its checks, for a caller that knows them true:
 * the value finite, the year after the last point's, room reserved by
 * ind_series_reserve. Returns IND_OK or IND_ENOMEM. */
int ind_series_append(ind_series *s, const ind_point *point);

#endif
