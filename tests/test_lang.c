/* Unit tests of lang: language names read and written. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "indicators/lang.h"

static void test_parse(void **state)
{
    static const char *const zh[] = { "zh", "ZH", "zh-CN", "zh_Hans",
                                      "zh-Hans-CN" };
    static const char *const en[] = { "en", "En", "en-GB", "en_US" };
    static const char *const bad[] = { "", "fr", "z", "zhx", "zh-", "-zh",
                                       " zh", "zh ", "chinese", "e" };
    ind_error err = IND_ERROR_INIT;
    ind_lang lang;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof zh / sizeof zh[0]; i++) {
        lang = IND_LANG_EN;
        assert_int_equal(ind_lang_parse(&lang, zh[i], NULL), IND_OK);
        assert_int_equal(lang, IND_LANG_ZH);
    }
    for (i = 0; i < sizeof en / sizeof en[0]; i++) {
        lang = IND_LANG_ZH;
        assert_int_equal(ind_lang_parse(&lang, en[i], NULL), IND_OK);
        assert_int_equal(lang, IND_LANG_EN);
    }
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        lang = IND_LANG_ZH;
        assert_int_equal(ind_lang_parse(&lang, bad[i], &err), IND_EINVAL);
        assert_int_equal(lang, IND_LANG_ZH);
        assert_non_null(strstr(err.message, "use en or zh"));
    }
    assert_int_equal(ind_lang_parse(NULL, "en", NULL), IND_EINVAL);
    assert_int_equal(ind_lang_parse(&lang, NULL, NULL), IND_EINVAL);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(ind_lang_name(IND_LANG_EN), "en");
    assert_string_equal(ind_lang_name(IND_LANG_ZH), "zh");
    assert_string_equal(ind_lang_tag(IND_LANG_ZH), "zh-CN");
    assert_string_equal(ind_lang_tag(IND_LANG_EN), "en");
    assert_string_equal(ind_lang_name((ind_lang)9), "");
    assert_string_equal(ind_lang_tag((ind_lang)-1), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
