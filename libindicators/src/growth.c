/* growth: placeholder until the module lands. */
#include "indicators/growth.h"
typedef int ind_placeholder_growth;
