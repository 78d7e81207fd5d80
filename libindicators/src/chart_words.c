/* chart_words: the fixed words a chart draws, in each language. Texts from
 * the caller (names, units, sources, the model) are drawn as given. */
#include "chart_internal.h"

#include <string.h>

/* One row per word, one column per ind_lang. A "%s" is where
 * chart_word_fill() puts a year, a count or a text. */
static const char *const words[CHART_WORD_COUNT][IND_LANG_COUNT] = {
    [W_YEAR] = { "Year", "年份" },
    [W_ACTUAL] = { "actual", "实际值" },
    [W_PROJECTION] = { "projection", "预测" },
    [W_PROJECTION_MODEL] = { "projection (%s)", "预测（%s）" },
    [W_INTERVAL] = { "%s% interval", "%s% 预测区间" },
    [W_MARK_ESTIMATED] = { "estimated or provisional", "估计值或初步数" },
    [W_MARK_DERIVED] = { "derived", "推算值" },
    [W_MARK_PARTIAL] = { "partial-year reading", "年内读数（非年末）" },
    [W_INCREASE] = { "increase", "增加" },
    [W_DECREASE] = { "decrease", "减少" },
    [W_SOURCE] = { "Source: ", "来源：" },
    [W_SOURCES] = { "Sources: ", "来源：" },
    [W_LIST_SEP] = { ", ", "、" },
    [W_LIST_SEP_LONG] = { "; ", "；" },
    [W_AND] = { " and ", "和" },
    [W_MORE] = { " and %s more", " 等 %s 个" },
    [W_GROWTH_SUB] = { "Change on the year before, %", "同比变化（%）" },
    [W_INDEX_SUB] = { "Index, %s = 100", "指数（%s = 100）" },
    [W_UNIT_SEP] = { ", ", "，" },
    [W_PART_SEP] = { "; ", "；" },
    [W_PROJECTED_TO] = { "projection to %s", "预测至 %s 年" },
    [W_MODEL_OPEN] = { " (", "（" },
    [W_MODEL_CLOSE] = { ")", "）" },
    [W_GROWTH_AXIS] = { "% change on the year before", "同比变化（%）" },
    [W_INDEX_AXIS] = { "index, %s = 100", "指数（%s = 100）" },
    [W_VALUE] = { "value", "数值" },
};

const char *chart_word(ind_lang lang, chart_word_id id)
{
    if ((unsigned)lang >= IND_LANG_COUNT)
        lang = IND_LANG_EN;
    return words[id][lang];
}

const char *chart_word_fill(char *buf, size_t size, ind_lang lang,
                            chart_word_id id, const char *arg)
{
    const char *w = chart_word(lang, id), *at = strstr(w, "%s");

    if (at == NULL)
        snprintf(buf, size, "%s", w);
    else
        snprintf(buf, size, "%.*s%s%s", (int)(at - w), w, arg, at + 2);
    return buf;
}
