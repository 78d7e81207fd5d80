/* dataset_remove: withdraw a reading. It leaves the observations and goes,
 * whole, into the history with the reason, so that a vintage can bring it
 * back and `check` can tell a withdrawal from a row deleted by hand. */
#include "dataset_internal.h"
#include "error_internal.h"

#include <string.h>

int ind_dataset_remove(ind_dataset *ds, const char *indicator,
                       const char *entity, int year, const char *as_of,
                       const char *reason, ind_error *err)
{
    char why[256];
    ind_error tie = IND_ERROR_INIT;
    ind_strid because;
    uint32_t series;
    size_t at;
    int rc, was_conflict;

    if (ds == NULL || indicator == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_remove: NULL "
                             "argument");
    rc = ind_dataset_writable(ds, err);
    if (rc != IND_OK)
        return rc;
    if (reason == NULL || *reason == '\0')
        return ind_error_set(err, IND_EINVAL, "a removal needs a reason: "
                             "it is kept in the history with the figure");
    if (ind_check_text("reason", reason, strlen(reason), why, sizeof why)
            != IND_OK)
        return ind_error_set(err, IND_EPARSE, "%s", why);
    rc = ind_dataset_find_reading(ds, indicator, entity, year, as_of, &at,
                                  err);
    if (rc != IND_OK)
        return rc;
    because = ind_strpool_intern(&ds->pool, reason, strlen(reason));
    if (because == IND_STRID_NONE)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    series = rd_series(ds, at);
    was_conflict = ind_dataset_year_conflict(ds, series, year, NULL);
    if (ind_dataset_set_replaced(ds, at, 1) != 0)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    if (!was_conflict && ind_dataset_year_conflict(ds, series, year, &tie)) {
        /* Without it (a primary) the others tie: refuse, put it back. */
        ind_dataset_set_replaced(ds, at, 0);
        ind_error_set(err, IND_EDATA, "removing it would leave %s %d "
                      "undecided: %s", indicator, year, tie.message);
        ind_error_about(err, IND_DETAIL_CONFLICT, indicator, year);
        return IND_EDATA;
    }
    if (IND_ARRAY_RESERVE(ds->changes, ds->changes_cap, ds->nchanges + 1) != 0) {
        ind_dataset_set_replaced(ds, at, 0);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    memset(&ds->changes[ds->nchanges], 0, sizeof ds->changes[0]);
    ds->changes[ds->nchanges].reading = at;
    ds->changes[ds->nchanges].replaced = at;
    ds->changes[ds->nchanges].removal = 1;
    ds->changes[ds->nchanges].reason = because;
    ds->nchanges++;
    return IND_OK;
}
