/**
 * @file indicators/chart.h
 * @brief Placeholder: the chart module is being written.
 */
#ifndef INDICATORS_CHART_H
#define INDICATORS_CHART_H
#include "indicators/series.h"
#endif
