/* sha256: placeholder. */
#ifndef IND_SHA256_H
#define IND_SHA256_H
#endif
