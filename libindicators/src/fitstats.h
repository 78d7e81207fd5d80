/* fitstats: what every fit reports beyond its coefficients. Internal to
 * the projection engine, below projection_internal.h: polyfit (the
 * least-squares core, which knows nothing of projections) and the
 * projection models both use it; it needs only the public ind_fit_stats
 * type. */
#ifndef IND_FITSTATS_H
#define IND_FITSTATS_H

#include <stddef.h>
#include "indicators/projection.h"

/* Fill s->nparams, s->loglik and s->aicc from s->rss and s->n_lik for a
 * Gaussian model with k parameters (sigma included): the log-likelihood
 * at the maximum and AICc, NaN where undefined (a perfect fit, too few
 * points). */
void ind_fit_information(ind_fit_stats *s, size_t k);

#endif
