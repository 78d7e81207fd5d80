/* project: being written. */
#include "cli.h"

static int run(const cli *c, int argc, char **argv)
{
    (void)c;
    (void)argc;
    (void)argv;
    cli_error("project is not available yet");
    return EX_SOFTWARE;
}

const cli_command cli_cmd_project = {
    "project", "(being written)", "usage: indicators project\n", run
};
