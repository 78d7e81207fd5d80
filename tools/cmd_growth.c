/* growth: being written. */
#include "cli.h"

static int run(const cli *c, int argc, char **argv)
{
    (void)c;
    (void)argc;
    (void)argv;
    cli_error("growth is not available yet");
    return EX_SOFTWARE;
}

const cli_command cli_cmd_growth = {
    "growth", "(being written)", "usage: indicators growth\n", run
};
