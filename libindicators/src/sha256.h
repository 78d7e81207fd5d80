/* sha256: the SHA-256 digest of FIPS 180-4, for the provenance line of a
 * chart script (which dataset file, byte for byte, the figures came from).
 * Written by hand so that one hash does not pull in a crypto library.
 * Internal to the library. Not meant for secrets: no constant-time care,
 * no wiping of intermediate state. */
#ifndef IND_SHA256_H
#define IND_SHA256_H

#include <stddef.h>
#include <stdint.h>
#include "indicators/error.h"

/* Bytes in a digest, and chars in its hex text with the terminator. */
#define IND_SHA256_DIGEST_SIZE 32
#define IND_SHA256_HEX_SIZE 65

/* A running hash. Callers own it (usually on the stack); it holds no
 * pointers, so copying it forks the computation. */
typedef struct ind_sha256 {
    uint32_t state[8];
    uint64_t total;           /* bytes hashed so far */
    unsigned char block[64];  /* a partial block waiting for more bytes */
    size_t used;              /* bytes in block */
} ind_sha256;

/* Start a new hash. */
void ind_sha256_init(ind_sha256 *h);

/* Feed len bytes; any split of a message into updates gives the same
 * digest. data may be NULL when len is 0. */
void ind_sha256_update(ind_sha256 *h, const void *data, size_t len);

/* Finish: write the 32-byte digest. The state is spent afterwards; call
 * ind_sha256_init() before reusing it. */
void ind_sha256_final(ind_sha256 *h, unsigned char out[IND_SHA256_DIGEST_SIZE]);

/* Write a digest as 64 lowercase hex digits and a terminator. */
void ind_sha256_to_hex(char out[IND_SHA256_HEX_SIZE],
                       const unsigned char digest[IND_SHA256_DIGEST_SIZE]);

/* The hex digest of a buffer, in one call. */
void ind_sha256_buffer_hex(char out[IND_SHA256_HEX_SIZE], const void *data,
                           size_t len);

/* The hex digest of a file's bytes, read in binary.
 * Returns IND_OK, IND_EINVAL for NULL arguments, IND_ENOTFOUND when the
 * file does not exist, IND_EIO when it cannot be opened or read; on failure
 * out holds "". */
int ind_sha256_file_hex(char out[IND_SHA256_HEX_SIZE], const char *path,
                        ind_error *err);

/* True when text is exactly 64 hex digits (either case). */
int ind_sha256_is_hex(const char *text);

#endif
