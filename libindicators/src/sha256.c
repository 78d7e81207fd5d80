/* sha256: placeholder until the module lands. */
#include "sha256.h"
typedef int ind_placeholder_sha256;
