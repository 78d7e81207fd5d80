/* version: the library's version at run time. */
#include "indicators/version.h"

const char *ind_version(void)
{
    return IND_VERSION;
}
