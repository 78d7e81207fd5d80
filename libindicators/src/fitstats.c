/* fitstats: information criteria of a fit, shared by polyfit and every
 * projection model (see fitstats.h). */
#include "fitstats.h"

#include <math.h>

void ind_fit_information(ind_fit_stats *s, size_t k)
{
    double n = (double)s->n_lik;

    s->nparams = k;
    s->loglik = NAN;
    s->aicc = NAN;
    if (s->n_lik == 0 || !(s->rss > 0.0))
        return;
    s->loglik = -0.5 * n * (log(2.0 * M_PI * s->rss / n) + 1.0);
    if (n - (double)k - 1.0 > 0.0)
        s->aicc = -2.0 * s->loglik + 2.0 * (double)k
                  + 2.0 * (double)k * ((double)k + 1.0)
                        / (n - (double)k - 1.0);
}
