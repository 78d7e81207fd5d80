/**
 * @file indicators/lang.h
 * @brief The language of the fixed words on charts and in reports.
 *
 * A chart's or report's own words ("Year", "projection", "Sources",
 * "Summary"...) are written in one language; the dataset's texts (titles,
 * units, notes) are shown as they are. English and Simplified Chinese.
 */
#ifndef INDICATORS_LANG_H
#define INDICATORS_LANG_H

#include "indicators/export.h"
#include "indicators/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A language for fixed words. */
typedef enum ind_lang {
    IND_LANG_EN = 0, /**< English (the default). */
    IND_LANG_ZH      /**< Simplified Chinese. */
} ind_lang;

/** Number of ::ind_lang values (for tables indexed by language). */
#define IND_LANG_COUNT 2

/**
 * Parse "en" or "zh" (also "zh-CN", "zh-Hans", "en-GB", "en-US": the
 * region or script is ignored; case does not matter).
 * @return IND_OK, or ::IND_EINVAL for NULL or another language.
 */
IND_EXTERN int ind_lang_parse(ind_lang *out, const char *text, ind_error *err);

/** The short name ind_lang_parse() reads: "en", "zh"; "" if unknown. */
IND_EXTERN const char *ind_lang_name(ind_lang lang);

/** The BCP 47 tag for documents (an HTML `lang`): "en", "zh-CN"; "" if
 *  unknown. */
IND_EXTERN const char *ind_lang_tag(ind_lang lang);

#ifdef __cplusplus
}
#endif

#endif /* INDICATORS_LANG_H */
