/* projection: placeholder until the module lands. */
#include "indicators/projection.h"
typedef int ind_placeholder_projection;
