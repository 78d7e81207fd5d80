/**
 * @file indicators/growth.h
 * @brief Placeholder: the growth module is being written.
 */
#ifndef INDICATORS_GROWTH_H
#define INDICATORS_GROWTH_H
#include "indicators/series.h"
#endif
