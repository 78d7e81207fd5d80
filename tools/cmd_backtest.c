/* backtest: being written. */
#include "cli.h"

static int run(const cli *c, int argc, char **argv)
{
    (void)c;
    (void)argc;
    (void)argv;
    cli_error("backtest is not available yet");
    return EX_SOFTWARE;
}

const cli_command cli_cmd_backtest = {
    "backtest", "(being written)", "usage: indicators backtest\n", run
};
