/**
 * @file indicators/indicators.h
 * @brief Umbrella header: everything libindicators offers.
 */
#ifndef INDICATORS_INDICATORS_H
#define INDICATORS_INDICATORS_H

#include "indicators/export.h"
#include "indicators/version.h"
#include "indicators/error.h"
#include "indicators/lang.h"
#include "indicators/number.h"
#include "indicators/series.h"
#include "indicators/dataset.h"
#include "indicators/dataset_exchange.h"
#include "indicators/growth.h"
#include "indicators/projection.h"
#include "indicators/chart.h"
#include "indicators/report.h"
#include "indicators/compose.h"

#endif /* INDICATORS_INDICATORS_H */
