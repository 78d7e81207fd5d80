/* sha256: FIPS 180-4 section 6.2, one 64-byte block at a time. */
#include "sha256.h"
#include "error_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* FIPS 180-4 4.2.2: the first 32 bits of the fractional parts of the cube
 * roots of the first 64 primes. */
static const uint32_t K[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu,
    0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u, 0xd807aa98u, 0x12835b01u,
    0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u,
    0xc19bf174u, 0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu,
    0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau, 0x983e5152u,
    0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u,
    0x06ca6351u, 0x14292967u, 0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu,
    0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u,
    0xd6990624u, 0xf40e3585u, 0x106aa070u, 0x19a4c116u, 0x1e376c08u,
    0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu,
    0x682e6ff3u, 0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u,
    0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u
};

/* FIPS 180-4 5.3.3: the initial hash value. */
static const uint32_t H0[8] = {
    0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
    0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u
};

static uint32_t rotr(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32u - n));
}

static uint32_t load_be32(const unsigned char *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
           ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static void store_be32(unsigned char *p, uint32_t x)
{
    p[0] = (unsigned char)(x >> 24);
    p[1] = (unsigned char)(x >> 16);
    p[2] = (unsigned char)(x >> 8);
    p[3] = (unsigned char)x;
}

/* Fill the 64-word message schedule of one block (FIPS 180-4 6.2.2 step 1). */
static void schedule(uint32_t w[64], const unsigned char block[64])
{
    unsigned t;

    for (t = 0; t < 16; t++)
        w[t] = load_be32(block + 4 * t);
    for (t = 16; t < 64; t++) {
        uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^
                      (w[t - 15] >> 3);
        uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^
                      (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
}

/* Mix one 64-byte block into the state (FIPS 180-4 6.2.2 steps 2 to 4). */
static void compress(uint32_t state[8], const unsigned char block[64])
{
    uint32_t w[64], v[8], t1, t2;
    unsigned t, i;

    schedule(w, block);
    for (i = 0; i < 8; i++)
        v[i] = state[i];
    for (t = 0; t < 64; t++) {
        t1 = v[7] + (rotr(v[4], 6) ^ rotr(v[4], 11) ^ rotr(v[4], 25)) +
             ((v[4] & v[5]) ^ (~v[4] & v[6])) + K[t] + w[t];
        t2 = (rotr(v[0], 2) ^ rotr(v[0], 13) ^ rotr(v[0], 22)) +
             ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
        v[7] = v[6];
        v[6] = v[5];
        v[5] = v[4];
        v[4] = v[3] + t1;
        v[3] = v[2];
        v[2] = v[1];
        v[1] = v[0];
        v[0] = t1 + t2;
    }
    for (i = 0; i < 8; i++)
        state[i] += v[i];
}

void ind_sha256_init(ind_sha256 *h)
{
    memcpy(h->state, H0, sizeof H0);
    h->total = 0;
    h->used = 0;
}

void ind_sha256_update(ind_sha256 *h, const void *data, size_t len)
{
    const unsigned char *p = data;
    size_t take;

    h->total += len;
    while (len > 0) {
        take = 64 - h->used < len ? 64 - h->used : len;
        memcpy(h->block + h->used, p, take);
        h->used += take;
        p += take;
        len -= take;
        if (h->used == 64) {
            compress(h->state, h->block);
            h->used = 0;
        }
    }
}

void ind_sha256_final(ind_sha256 *h, unsigned char out[IND_SHA256_DIGEST_SIZE])
{
    uint64_t bits = h->total * 8u;
    unsigned i;

    /* FIPS 180-4 5.1.1: a 1 bit, zeros, then the length in 64 bits, so that
     * the padded message is a whole number of blocks. */
    h->block[h->used++] = 0x80;
    if (h->used > 56) {
        memset(h->block + h->used, 0, 64 - h->used);
        compress(h->state, h->block);
        h->used = 0;
    }
    memset(h->block + h->used, 0, 56 - h->used);
    store_be32(h->block + 56, (uint32_t)(bits >> 32));
    store_be32(h->block + 60, (uint32_t)bits);
    compress(h->state, h->block);
    for (i = 0; i < 8; i++)
        store_be32(out + 4 * i, h->state[i]);
}

void ind_sha256_to_hex(char out[IND_SHA256_HEX_SIZE],
                       const unsigned char digest[IND_SHA256_DIGEST_SIZE])
{
    static const char digits[] = "0123456789abcdef";
    unsigned i;

    for (i = 0; i < IND_SHA256_DIGEST_SIZE; i++) {
        out[2 * i] = digits[digest[i] >> 4];
        out[2 * i + 1] = digits[digest[i] & 0xF];
    }
    out[2 * IND_SHA256_DIGEST_SIZE] = '\0';
}

void ind_sha256_buffer_hex(char out[IND_SHA256_HEX_SIZE], const void *data,
                           size_t len)
{
    unsigned char digest[IND_SHA256_DIGEST_SIZE];
    ind_sha256 h;

    ind_sha256_init(&h);
    ind_sha256_update(&h, data, len);
    ind_sha256_final(&h, digest);
    ind_sha256_to_hex(out, digest);
}

int ind_sha256_file_hex(char out[IND_SHA256_HEX_SIZE], const char *path,
                        ind_error *err)
{
    unsigned char buf[16384], digest[IND_SHA256_DIGEST_SIZE];
    ind_sha256 h;
    size_t n;
    FILE *f;
    int e;

    if (out == NULL || path == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_sha256_file_hex: NULL "
                             "argument");
    out[0] = '\0';
    f = fopen(path, "rb");
    if (f == NULL) {
        e = errno;
        return ind_error_set(err, e == ENOENT ? IND_ENOTFOUND : IND_EIO,
                             "%s: cannot open: %s", path, strerror(e));
    }
    ind_sha256_init(&h);
    for (;;) {
        n = fread(buf, 1, sizeof buf, f);
        if (n == 0)
            break;
        ind_sha256_update(&h, buf, n);
    }
    e = ferror(f) ? errno : 0;
    if (fclose(f) != 0 && e == 0)
        e = errno ? errno : EIO;
    if (e != 0)
        return ind_error_set(err, IND_EIO, "%s: cannot read: %s", path,
                             strerror(e));
    ind_sha256_final(&h, digest);
    ind_sha256_to_hex(out, digest);
    return IND_OK;
}

int ind_sha256_is_hex(const char *text)
{
    size_t i;

    if (text == NULL)
        return 0;
    for (i = 0; i < 2 * IND_SHA256_DIGEST_SIZE; i++) {
        char c = text[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
              (c >= 'A' && c <= 'F')))
            return 0;
    }
    return text[i] == '\0';
}
