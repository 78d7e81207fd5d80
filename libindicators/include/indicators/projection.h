/**
 * @file indicators/projection.h
 * @brief Placeholder: the projection module is being written.
 */
#ifndef INDICATORS_PROJECTION_H
#define INDICATORS_PROJECTION_H
#include "indicators/series.h"
#endif
