/* chart: being written. */
#include "cli.h"

static int run(const cli *c, int argc, char **argv)
{
    (void)c;
    (void)argc;
    (void)argv;
    cli_error("chart is not available yet");
    return EX_SOFTWARE;
}

const cli_command cli_cmd_chart = {
    "chart", "(being written)", "usage: indicators chart\n", run
};
