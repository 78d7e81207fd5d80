/* compose_report_words: the report's own words and sentences, in English
 * and Chinese. "{1}", "{2}"... are filled by report_fill() with figures,
 * years and the dataset's own texts (which stay as they are). */
#include "compose_report_internal.h"

#include <string.h>

static const char *const words[CW_COUNT][IND_LANG_COUNT] = {
    [CW_TITLE] = { "Yearly indicators: {1}", "年度指标：{1}" },
    [CW_DATE] = { "Date", "日期" },
    [CW_DATASET] = { "Dataset", "数据集" },
    [CW_DIGEST] = { "SHA-256", "SHA-256" },
    [CW_ROWS] = { "Rows", "行数" },
    [CW_ROWS_TEXT] = { "{1} readings of {2} indicators",
                       "{2} 项指标的 {1} 条读数" },
    [CW_SPAN] = { "Span", "年份范围" },
    [CW_PROGRAM] = { "Program", "程序" },
    [CW_VINTAGE] = { "As it stood on", "数据版本" },
    [CW_PROJECTIONS] = { "Projections", "预测" },
    [CW_PROJECTIONS_TEXT] = { "to {1}, model {2}", "至 {1} 年，模型：{2}" },
    [CW_INTRO] = {
        "This report covers {1} indicators. Each figure is the value the "
        "dataset uses for its year (one reading a year, by the rule under "
        "Methods), followed by the number of its source in brackets; the "
        "sources are listed at the end. Growth figures and projections are "
        "computed from the figures shown, by the methods described there.",
        "本报告涵盖 {1} 项指标。每个数字是数据集在该年采用的数值（每年一条读数，"
        "规则见“方法”），其后方括号内为来源编号，来源列于文末。增长率与预测"
        "均由所列数字按“方法”所述计算。" },
    [CW_MARKS] = {
        "YoY is the change on the year before, CAGR the compound annual "
        "growth rate over the indicator's span. Marks: {1} a reading dated "
        "before the end of its year; {2} estimated, provisional or forecast "
        "by its source; {3} a change per year across missing years "
        "(annualised).",
        "同比为与上一年相比的变化，年均复合增长率按该指标的年份范围计算。"
        "标记：{1} 年内（非年末）读数；{2} 来源标注的估计值、初步数或预测值；"
        "{3} 跨越缺失年份的年均变化（年化）。" },
    [CW_H_SUMMARY] = { "Summary", "概览" },
    [CW_H_INDICATORS] = { "Indicators", "各项指标" },
    [CW_H_QUALITY] = { "Data quality", "数据质量" },
    [CW_H_METHODS] = { "Methods", "方法" },
    [CW_H_SOURCES] = { "Sources", "来源" },
    [CW_COL_INDICATOR] = { "Indicator", "指标" },
    [CW_COL_LATEST] = { "Latest", "最新值" },
    [CW_COL_YEAR] = { "Year", "年份" },
    [CW_COL_YOY] = { "YoY", "同比" },
    [CW_COL_CAGR] = { "CAGR (span)", "年均复合增长率（期间）" },
    [CW_COL_PROJECTION] = { "Projection {1}", "{1} 年预测" },
    [CW_COL_RANGE] = { "80% range", "80% 区间" },
    [CW_COL_MODEL] = { "Model", "模型" },
    [CW_COL_VALUE] = { "Value", "数值" },
    [CW_COL_CHANGE] = { "Change", "变化" },
    [CW_COL_CHANGE_PCT] = { "Change %", "变化率" },
    [CW_COL_SOURCE] = { "Source", "来源" },
    [CW_SUMMARY_CAPTION] = { "The latest figure of each indicator",
                             "各项指标的最新数字" },
    [CW_TABLE_CAPTION] = { "{1}: the figures by year", "{1}：各年数字" },
    [CW_TABLE_CUT] = { "The first year and the latest {1} of {2} years "
                       "with a figure are shown.",
                       "表中列出首年及最近 {1} 年（共 {2} 年有数据）。" },
    [CW_UNIT] = { "Unit: {1}.", "单位：{1}。" },
    [CW_KIND_STOCK] = { "A stock: a level at a date.",
                        "存量：某一时点的水平。" },
    [CW_KIND_FLOW] = { "A flow: a count during the year.",
                       "流量：年内的计数。" },
    [CW_KIND_RATE] = { "A rate: a percent change, shown as stated and "
                       "never compounded.",
                       "比率：百分比变化，按原值显示，不作复合计算。" },
    [CW_ID] = { "Id:", "编号：" },
    [CW_ALT] = { "Line chart of {1}, {2}, {3} figures{4}.",
                 "{1}的折线图，{2}，{3} 个数据点{4}。" },
    [CW_ALT_PROJECTED] = { ", projected to {1} with 80% and 95% intervals",
                           "，预测至 {1} 年，含 80% 与 95% 区间" },
    [CW_CAPTION] = { "{1}, {2}.", "{1}，{2}。" },
    [CW_CAPTION_PROJECTED] = { "{1}, {2}; projection to {3} ({4}), 80% and "
                               "95% intervals shaded.",
                               "{1}，{2}；预测至 {3} 年（{4}），阴影为 80% 与 "
                               "95% 区间。" },
    [CW_NO_CHART] = { "No chart: one figure only.",
                      "无图表：仅有一个数据点。" },
    [CW_NO_GNUPLOT] = { "The chart could not be drawn: {1}",
                        "无法绘制图表：{1}" },
    [CW_PROJECTION] = { "Projection: about {1} in {2} (80% range {3} to "
                        "{4}), by the {5}.",
                        "预测：{2} 年约为 {1}（80% 区间 {3} 至 {4}），模型为"
                        "{5}。" },
    [CW_PROJECTION_NO_RANGE] = { "No projection with a stated range: {4} "
                                 "figures leave no degree of freedom to "
                                 "measure the uncertainty. Extended to {2}, "
                                 "the straight line through them (the {3}) "
                                 "gives {1}: an extension of the line, not a "
                                 "forecast.",
                                 "无带区间的预测：{4} 个数据点没有剩余自由度来衡量"
                                 "不确定性。将过这些点的直线（{3}）延伸至 {2} 年，"
                                 "得 {1}：这只是直线的延伸，并非预测。" },
    [CW_NOT_PROJECTED] = { "Not projected: {1}.", "未预测：{1}。" },
    [CW_ALREADY] = { "Not projected: the figures already reach {1}.",
                     "未预测：数据已到 {1} 年。" },
    [CW_CHOICE] = { "Why this model: {1}", "模型选择：{1}" },
    [CW_METHOD] = { "Method: {1}", "方法：{1}" },
    [CW_CALIBRATED] = { "The intervals are calibrated on the series' own "
                        "past forecast errors.",
                        "区间依据本序列过去的预测误差校准。" },
    [CW_H_CAVEATS] = { "What to know", "注意事项" },
    [CW_DECIDED] = { "{1}: {2} readings; the one used is {3}, {4}",
                     "{1} 年：{2} 条读数；采用 {3}，{4}" },
    [CW_BY_ROLE] = { "marked primary in the data", "数据中标为主读数" },
    [CW_BY_DATE] = { "the latest dated within the year",
                     "年内日期最晚的读数" },
    [CW_ALSO] = { "not used: {1}", "未采用：{1}" },
    [CW_YEAR_END] = { "year-end", "年末" },
    [CW_PARTIAL] = { "{1}: the figure is a reading of {2}, before the end "
                     "of the year.",
                     "{1} 年：数字为 {2} 的读数，并非年末数。" },
    [CW_STATUS] = { "{1}: {2}, by its source.", "{1} 年：来源标注为{2}。" },
    [CW_MISSING] = { "No figure for {1} ({2}): a change across missing "
                     "years is annualised, never filled in.",
                     "缺少 {1} 年的数据（{2}）：跨越缺失年份的变化按年化计算，"
                     "不作填补。" },
    [CW_FEW] = { "Only {1} figures: the projection rests on few points.",
                 "仅有 {1} 个数据点：预测依据很少。" },
    [CW_ONE] = { "One figure only: no change, no chart and no projection.",
                 "仅有一个数据点：无变化、无图表、无预测。" },
    [CW_UNDECIDED] = { "Not reported: {1}", "未列出：{1}" },
    [CW_NO_CAVEAT] = { "Nothing to mind: year-end figures, no gap, no "
                       "second reading.",
                       "无需特别注意：均为年末数，无缺年，无多条读数。" },
    [CW_QUALITY_COUNTS] = { "What the dataset's check (the command "
                            "check) finds: errors {1}, warnings {2}, notes "
                            "{3}.",
                            "数据集检查（check 命令）的结果：错误 {1} 个，警告 "
                            "{2} 个，提示 {3} 条。" },
    [CW_QUALITY_NONE] = { "The dataset's check (the command check) finds "
                          "nothing to report.",
                          "数据集检查（check 命令）未发现问题。" },
    [CW_ERROR] = { "Error", "错误" },
    [CW_WARNING] = { "Warning", "警告" },
    [CW_NOTE] = { "Note", "提示" },
    [CW_AT_LINE] = { "line {1} of {2}", "{2} 第 {1} 行" },
    [CW_IN_FILE] = { "{1}", "{1}" },
    [CW_M_CHOICE] = {
        "Figures. A year can hold several readings (a mid-year platform "
        "count and the year-end figure, or two sources that disagree). The "
        "value used is the reading marked primary, else the one dated "
        "latest within the year (no date counts as the year's end); "
        "readings marked alternate are kept and shown but never used, and "
        "a tie is reported, never broken silently. Each indicator's notes "
        "say where a year had a choice.",
        "数字：同一年可能有多条读数（如年中的平台统计与年末数，或两个来源不一致）。"
        "采用标为主读数（primary）的一条，否则采用年内日期最晚的一条（无日期视为年末）；"
        "标为备选（alternate）的读数保留并列出，但不采用；无法区分时报告为冲突，"
        "从不默默选择。各项指标的注意事项说明哪些年份有过选择。" },
    [CW_M_GROWTH] = {
        "Growth. The change on the year before is (v_t / v_{t-1} - 1) x "
        "100. Across k missing years it is annualised, ((v_t / v_{t-k})^(1/k) "
        "- 1) x 100, and marked {1}: a missing year is never filled in and "
        "never counted as zero. The compound annual growth rate (CAGR) over "
        "the span from the first year a to the latest year b is ((v_b / "
        "v_a)^(1/(b - a)) - 1) x 100. A rate (a percent change) is shown as "
        "stated: its changes are in percentage points and it is never "
        "compounded.",
        "增长：同比变化为 (v_t / v_{t-1} - 1) × 100。跨越 k 个缺失年份时按年化计算，"
        "即 ((v_t / v_{t-k})^(1/k) - 1) × 100，并标记 {1}：缺失年份从不填补，"
        "也不视为零。首年 a 至最新年 b 的年均复合增长率（CAGR）为 "
        "((v_b / v_a)^(1/(b - a)) - 1) × 100。比率（百分比变化）按原值显示，"
        "其变化以百分点计，不作复合计算。" },
    [CW_M_PROJECTION] = {
        "Projections. With the model auto (the default) the model is chosen "
        "by how the models have forecast this series: the combination (the "
        "equal-weight mean of the random walk with drift, the damped trend "
        "and the Theta method) and its three components are run over the "
        "series' own history from a rolling origin and compared on their "
        "past forecasts (the mean absolute relative error); the combination "
        "is kept unless a single model beat it by 10% on at least 10 common "
        "past forecasts. A series with a gap gets a linear trend (the "
        "recursive models need consecutive years), a 2-point one a random "
        "walk with drift. Each indicator's section names the model and says "
        "why it was chosen.",
        "预测：模型为 auto（默认）时，依据各模型对本序列的以往预测效果选择：将组合模型"
        "（带漂移随机游走、阻尼趋势与 Theta 方法的等权平均）及其三个组成模型在序列自身"
        "历史上做滚动起点回测，比较其过去的预测（平均绝对相对误差）；除非某一单一模型在至少 "
        "10 次共同的过去预测上优于组合模型 10%，否则采用组合模型。有缺年的序列采用线性趋势"
        "（递推模型需要连续年份），仅有两个数据点的序列采用带漂移随机游走。各项指标一节"
        "注明所用模型及选择理由。" },
    [CW_M_NAMED] = { "Projections. Every indicator is projected with the "
                     "model named for the report: {1}.",
                     "预测：各项指标均采用为本报告指定的模型：{1}。" },
    [CW_M_INTERVALS] = {
        "Intervals. For auto and the combination the prediction intervals "
        "are calibrated on the series' own past forecast errors: at h years "
        "ahead the interval is the forecast times exp(±q s_h) for a positive "
        "series, s_h the root mean square of the logarithmic errors of the "
        "rolling-origin forecasts h years ahead and q the Student t quantile "
        "with as many degrees of freedom as errors; beyond the longest "
        "horizon with enough errors s_h grows in proportion to h, and with "
        "too few errors the model's own interval is widened and the section "
        "says so. A model named with --model keeps its own formula (as R "
        "computes it); on real yearly series those cover far less than they "
        "claim. The 80% range is the narrower interval shown.",
        "区间：对 auto 与组合模型，预测区间依据本序列过去的预测误差校准：向前 h 年的区间为"
        "预测值乘以 exp(±q s_h)（正值序列），其中 s_h 为滚动起点回测中向前 h 年预测的对数"
        "误差的均方根，q 为自由度等于误差个数的 t 分位数；超出有足够误差的最长期限后，"
        "s_h 按 h 成比例增大；误差太少时放宽模型自身的区间，并在该节注明。用 --model "
        "指定的模型沿用其自身公式（与 R 一致）；在实际年度序列上，这类区间的实际覆盖率"
        "远低于名义水平。80% 区间为图中较窄的区间。" },
    [CW_M_SOURCES] = {
        "Sources. Every figure carries the number of its source; a change "
        "or a projection is computed from the figures of its indicator's "
        "table, whose rows are numbered in turn. The report was made by the "
        "command and from the dataset named at its top; the same command "
        "on a dataset with the same SHA-256 gives the same figures.",
        "来源：每个数字都附有来源编号；变化与预测由该指标表中的数字计算，表中各行"
        "亦标注来源。本报告由文首所列命令与数据集生成；对 SHA-256 相同的数据集执行"
        "同一命令，得到相同的数字。" },
    [CW_S_E] = { "estimated", "估计值" },
    [CW_S_P] = { "provisional", "初步数" },
    [CW_S_F] = { "a forecast", "预测值" },
    [CW_S_B] = { "a break in the series", "序列断点" },
    [CW_S_D] = { "of a different definition", "口径不同" },
    [CW_S_G] = { "experimental", "试验性数据" },
    [CW_S_I] = { "imputed", "插补值" },
    [CW_S_U] = { "of low reliability", "可靠性低" },
    [CW_S_V] = { "unvalidated", "未经验证" },
    [CW_LIST_SEP] = { ", ", "、" },
    [CW_YEARS_RANGE] = { "{1}–{2}", "{1}–{2} 年" },
    [CW_PER_YEAR] = { "a year", "每年" },
    [CW_LIST_AND] = { " and ", "和" },
    [CW_BEFORE_END] = { "{1}, before the end of the year",
                        "{1}，并非年末" },
    [CW_MISSING_SHARE] = { "{1} of the {2} years from {3} to {4}",
                           "{3}–{4} 年共 {2} 年中缺 {1} 年" },
    [CW_MISSING_FITTED] = { "No figure for {1} ({2}): a change across "
                            "missing years is annualised and the trend is "
                            "fitted to the {3} years present; nothing is "
                            "filled in.",
                            "缺少 {1} 年的数据（{2}）：跨越缺失年份的变化按年化"
                            "计算，趋势按现有的 {3} 年拟合，不作填补。" },
    [CW_FEW_DF] = { "Only {1} figures, leaving {2} of freedom: the "
                    "projection rests on few points and its intervals lean "
                    "heavily on the model's assumptions.",
                    "仅有 {1} 个数据点，剩余自由度 {2}：预测依据很少，区间在很大"
                    "程度上取决于模型假设。" },
    [CW_DF_ONE] = { "1 residual degree", "1" },
    [CW_DF_MANY] = { "{1} residual degrees", "{1}" },
    [CW_FEW_NO_RANGE] = { "Only {1} figures: no degree of freedom is left "
                          "to measure the uncertainty, so no range can be "
                          "given.",
                          "仅有 {1} 个数据点：没有剩余自由度来衡量不确定性，无法给出"
                          "区间。" },
    [CW_FEW_NO_DF] = { "Only {1} figures: no degree of freedom is left, so "
                       "the intervals understate the uncertainty.",
                       "仅有 {1} 个数据点：没有剩余自由度，区间低估了不确定性。" },
    [CW_FIT_PARTIAL_ONE] = { "The projection fits the part-year figure of "
                             "{1} as a year-end level.",
                             "预测把 {1} 年的年内数字当作年末水平拟合。" },
    [CW_FIT_PARTIAL_MANY] = { "The projection fits the part-year figures "
                              "of {1} as year-end levels{2}.",
                              "预测把 {1} 年的年内数字当作年末水平拟合{2}。" },
    [CW_FIT_STARTS] = { ", and starts from the one of {1}",
                        "，并以 {1} 年的数字为起点" },
    [CW_FIT_LAST_PARTIAL] = { "The forecast starts from the part-year "
                              "figure of {1}, fitted as a year-end level.",
                              "预测以 {1} 年的年内数字为起点，并将其当作年末水平。" },
    [CW_FIT_LAST_STATUS] = { "Every forecast starts from the figure of {1} "
                             "and moves if it is revised.",
                             "各年预测均以 {1} 年的数字为起点，该数字修订时预测随之"
                             "变化。" },
    [CW_NO_RANGE_SHORT] = { "— ({1} figures: no range)",
                            "—（{1} 个数据点：无区间）" },
    [CW_ALT_LINE] = { ", with the straight line through them extended to {1} "
                      "(no interval)",
                      "，并将过这些点的直线延伸至 {1} 年（无区间）" },
    [CW_CAPTION_LINE] = { "{1}, {2}; the straight line through the figures "
                          "extended to {3} ({4}), no interval.",
                          "{1}，{2}；过各数据点的直线延伸至 {3} 年（{4}），无区间。" },
    [CW_PP] = { "{1} pp", "{1} 个百分点" },
    [CW_NONE] = { "—", "—" },
};

const char *report_word_of(ind_lang lang, compose_word w)
{
    if ((unsigned)lang >= IND_LANG_COUNT)
        lang = IND_LANG_EN;
    return words[w][lang];
}

const char *report_fill(char *buf, size_t size, const char *tpl,
                        const char *a1, const char *a2, const char *a3,
                        const char *a4, const char *a5)
{
    const char *args[5] = { a1, a2, a3, a4, a5 };
    size_t n = 0;
    const char *p;

    if (size == 0)
        return buf;
    for (p = tpl; *p != '\0' && n + 1 < size; p++) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '5' && p[2] == '}') {
            const char *a = args[p[1] - '1'] ? args[p[1] - '1'] : "";
            size_t len = strlen(a);
            if (len > size - 1 - n)
                len = size - 1 - n;
            memcpy(buf + n, a, len);
            n += len;
            p += 2;
        } else {
            buf[n++] = *p;
        }
    }
    buf[n] = '\0';
    return buf;
}
