/* chart: placeholder until the module lands. */
#include "indicators/chart.h"
typedef int ind_placeholder_chart;
