/* Unit tests of the sha256 module.
 *
 * References, none of them produced by this code:
 * - the four messages of the NIST examples for SHA-256 (FIPS 180-2
 *   Appendix B, the CSRC "SHA256.pdf" and "SHA2_Additional.pdf" examples):
 *   "abc", the 448-bit and 896-bit messages, and one million 'a'; digests
 *   written out below as published;
 * - tests/data/sha256/vectors.txt: padding boundary lengths (55, 56, 63,
 *   64, ... bytes), binary bytes and a long message, made by
 *   tests/data/sha256/make_vectors.sh with coreutils sha256sum and Python
 *   hashlib, which must agree before a line is written. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "indicators/error.h"
#include "sha256.h"

#define VECTORS IND_TEST_DATA_DIR "/sha256/vectors.txt"

static void expect_buffer(const char *msg, size_t len, const char *want)
{
    char hex[IND_SHA256_HEX_SIZE];

    ind_sha256_buffer_hex(hex, msg, len);
    assert_string_equal(hex, want);
}

static void test_nist_abc(void **state)
{
    (void)state;
    expect_buffer("abc", 3, "ba7816bf8f01cfea414140de5dae2223"
                            "b00361a396177a9cb410ff61f20015ad");
}

static void test_nist_448_bits(void **state)
{
    static const char msg[] =
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

    (void)state;
    expect_buffer(msg, sizeof msg - 1, "248d6a61d20638b8e5c026930c3e6039"
                                       "a33ce45964ff2167f6ecedd419db06c1");
}

static void test_nist_896_bits(void **state)
{
    static const char msg[] =
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
        "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

    (void)state;
    expect_buffer(msg, sizeof msg - 1, "cf5b16a778af8380036ce59e7b049237"
                                       "0b249b11e8f07a51afac45037afee9d1");
}

static void test_nist_million_a(void **state)
{
    static const char want[] = "cdc76e5c9914fb9281a1c7e284d73e67"
                               "f1809a48a497200e046d39ccc7112cd0";
    unsigned char digest[IND_SHA256_DIGEST_SIZE];
    char chunk[1000], hex[IND_SHA256_HEX_SIZE];
    char *all;
    ind_sha256 h;
    int i;

    (void)state;
    /* Once in a single buffer ... */
    all = malloc(1000000);
    assert_non_null(all);
    memset(all, 'a', 1000000);
    expect_buffer(all, 1000000, want);
    free(all);
    /* ... and once streamed in 1000-byte updates. */
    memset(chunk, 'a', sizeof chunk);
    ind_sha256_init(&h);
    for (i = 0; i < 1000; i++)
        ind_sha256_update(&h, chunk, sizeof chunk);
    ind_sha256_final(&h, digest);
    ind_sha256_to_hex(hex, digest);
    assert_string_equal(hex, want);
}

/* Build the message a vectors.txt spec describes; *len gets its size. */
static char *spec_message(const char *spec, size_t *len)
{
    char *msg = NULL;
    size_t i, n;

    if (strncmp(spec, "text:", 5) == 0) {
        *len = strlen(spec + 5);
        msg = malloc(*len + 1);
        assert_non_null(msg);
        memcpy(msg, spec + 5, *len + 1);
    } else if (strncmp(spec, "repeat:", 7) == 0) {
        const char *colon = strchr(spec + 7, ':');
        assert_non_null(colon);
        n = strtoul(spec + 7, NULL, 10);
        msg = malloc(n + 1);
        assert_non_null(msg);
        memset(msg, colon[1], n);
        *len = n;
    } else {
        assert_int_equal(strncmp(spec, "bytes:", 6), 0);
        n = strtoul(spec + 6, NULL, 10);
        msg = malloc(n + 1);
        assert_non_null(msg);
        for (i = 0; i < n; i++)
            msg[i] = (char)(unsigned char)(i % 256);
        *len = n;
    }
    return msg;
}

/* Hash msg in updates of `step` bytes (the last one shorter). */
static void hash_in_steps(char hex[IND_SHA256_HEX_SIZE], const char *msg,
                          size_t len, size_t step)
{
    unsigned char digest[IND_SHA256_DIGEST_SIZE];
    ind_sha256 h;
    size_t at;

    ind_sha256_init(&h);
    for (at = 0; at < len; at += step)
        ind_sha256_update(&h, msg + at, len - at < step ? len - at : step);
    ind_sha256_final(&h, digest);
    ind_sha256_to_hex(hex, digest);
}

static void test_reference_vectors(void **state)
{
    static const size_t steps[] = { 1, 3, 63, 64, 65, 1000 };
    char line[512], hex[IND_SHA256_HEX_SIZE];
    FILE *f = fopen(VECTORS, "r");
    int count = 0;

    (void)state;
    assert_non_null(f);
    while (fgets(line, sizeof line, f) != NULL) {
        char *space = strrchr(line, ' ');
        size_t len, s;
        char *msg;

        assert_non_null(space);
        *space = '\0';
        space[1 + 64] = '\0';
        msg = spec_message(line, &len);
        ind_sha256_buffer_hex(hex, msg, len);
        assert_string_equal(hex, space + 1);
        for (s = 0; s < sizeof steps / sizeof steps[0]; s++) {
            hash_in_steps(hex, msg, len, steps[s]);
            assert_string_equal(hex, space + 1);
        }
        free(msg);
        count++;
    }
    fclose(f);
    assert_int_equal(count, 17);
}

static void test_file_digest(void **state)
{
    char path[] = "/tmp/ind_sha256_XXXXXX", hex[IND_SHA256_HEX_SIZE];
    ind_error err = IND_ERROR_INIT;
    int fd;

    (void)state;
    fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "abc", 3), 3);
    close(fd);
    assert_int_equal(ind_sha256_file_hex(hex, path, &err), IND_OK);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
                             "b00361a396177a9cb410ff61f20015ad");
    unlink(path);
    assert_int_equal(ind_sha256_file_hex(hex, path, &err), IND_ENOTFOUND);
    assert_string_equal(hex, "");
    assert_non_null(strstr(err.message, path));
    assert_int_equal(ind_sha256_file_hex(hex, "/", &err), IND_EIO);
    assert_int_equal(ind_sha256_file_hex(NULL, path, &err), IND_EINVAL);
}

static void test_is_hex(void **state)
{
    (void)state;
    assert_true(ind_sha256_is_hex("ba7816bf8f01cfea414140de5dae2223"
                                  "b00361a396177a9cb410ff61f20015AD"));
    assert_false(ind_sha256_is_hex("ba7816bf8f01cfea414140de5dae2223"
                                   "b00361a396177a9cb410ff61f20015a"));
    assert_false(ind_sha256_is_hex("ba7816bf8f01cfea414140de5dae2223"
                                   "b00361a396177a9cb410ff61f20015adf"));
    assert_false(ind_sha256_is_hex("za7816bf8f01cfea414140de5dae2223"
                                   "b00361a396177a9cb410ff61f20015ad"));
    assert_false(ind_sha256_is_hex(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nist_abc),
        cmocka_unit_test(test_nist_448_bits),
        cmocka_unit_test(test_nist_896_bits),
        cmocka_unit_test(test_nist_million_a),
        cmocka_unit_test(test_reference_vectors),
        cmocka_unit_test(test_file_digest),
        cmocka_unit_test(test_is_hex),
    };

    ind_library_init();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
