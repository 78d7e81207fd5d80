/* manpage: indicators(1) and the shell completion words, generated from
 * the command table, so that a command or an option added to the program
 * reaches the man page and the completion without anyone editing them. */
#include "cli.h"

#include <string.h>

/* Write text for roff: backslashes and minus signs escaped, a line that
 * would start with a control character ('.' or '\'') guarded. */
static void put_roff(FILE *out, const char *text)
{
    int line_start = 1;

    for (; *text; text++) {
        if (line_start && (*text == '.' || *text == '\''))
            fputs("\\&", out);
        line_start = *text == '\n';
        if (*text == '\\')
            fputs("\\e", out);
        else if (*text == '-')
            fputs("\\-", out);
        else
            fputc(*text, out);
    }
}

static void put_global_options(FILE *out)
{
    size_t i;

    fputs(".SH OPTIONS\nThese options may stand anywhere on the line, before "
          "or after the command.\n", out);
    for (i = 0; i < cli_nglobal_options; i++) {
        const cli_global_option *o = &cli_global_options[i];
        fputs(".TP\n", out);
        if (o->short_name)
            fprintf(out, "\\fB\\-%c\\fR, ", o->short_name);
        fputs("\\fB\\-\\-", out);
        put_roff(out, o->name);
        fputs("\\fR", out);
        if (o->argument != NULL) {
            fputs(" \\fI", out);
            put_roff(out, o->argument);
            fputs("\\fR", out);
        }
        fputc('\n', out);
        put_roff(out, o->help);
        fputc('\n', out);
    }
}

/* The option names of a command's table, as a list after its text. */
static void put_option_names(FILE *out, const cli_command *cmd)
{
    const struct option *o;
    int first = 1;

    fputs(".PP\nOptions:", out);
    for (o = cmd->options; o->name != NULL; o++) {
        fprintf(out, "%s\\fB\\-\\-", first ? " " : ", ");
        put_roff(out, o->name);
        fputs("\\fR", out);
        first = 0;
    }
    fputs(".\n", out);
}

static void put_command(FILE *out, const cli_command *cmd)
{
    fputs(".SS ", out);
    put_roff(out, cmd->name);
    fputs("\n", out);
    put_roff(out, cmd->summary);
    fputs(".\n.PP\n.nf\n", out);
    put_roff(out, cmd->usage);
    fputs(".fi\n", out);
    put_option_names(out, cmd);
}

int cli_manpage(FILE *out)
{
    size_t i;

    fprintf(out, ".\\\" indicators(1), written by `indicators --manpage` "
            "from the program's\n.\\\" own command table: do not edit.\n"
            ".TH INDICATORS 1 \"\" \"libindicators %s\" \"User Commands\"\n",
            IND_VERSION);
    fputs(".SH NAME\nindicators \\- yearly indicators: a safe store, "
          "growth, projections and charts\n"
          ".SH SYNOPSIS\n.B indicators\n[\\fB\\-d\\fR \\fIDATASET\\fR] "
          "[\\fB\\-\\-format\\fR \\fItable\\fR|\\fIcsv\\fR|\\fIjson\\fR] "
          "\\fICOMMAND\\fR [\\fIARGS\\fR]\n"
          ".SH DESCRIPTION\n"
          "\\fBindicators\\fR keeps yearly figures (association standards, "
          "certification bodies, valid certificates...) in a CSV dataset "
          "that never loses a figure, computes their growth, projects them "
          "with prediction intervals and draws report-quality gnuplot "
          "charts. Data goes to standard output, messages to standard "
          "error. Every command that prints data takes "
          "\\fB\\-\\-format\\fR \\fItable\\fR, \\fIcsv\\fR or "
          "\\fIjson\\fR.\n", out);
    put_global_options(out);
    fputs(".SH COMMANDS\n", out);
    for (i = 0; i < cli_ncommands; i++)
        put_command(out, cli_commands[i]);
    fputs(".SH ENVIRONMENT\n"
          ".TP\n.B INDICATORS_DATASET\nThe dataset when \\fB\\-d\\fR is "
          "not given.\n"
          ".TP\n.B COLUMNS\nThe width tables fit (else the terminal's; no "
          "limit when the output is not a terminal).\n"
          ".TP\n.B SOURCE_DATE_EPOCH\nThe time written in chart headers, "
          "for reproducible scripts.\n"
          ".SH FILES\n"
          ".TP\n.I NAME.csv\nThe observations, one row per reading.\n"
          ".TP\n.I NAME.indicators.csv\nThe catalog of indicators.\n"
          ".TP\n.I NAME.history.csv\nThe audit trail, only appended to.\n"
          ".TP\n.I NAME.lock\nThe advisory lock writers take.\n"
          ".SH EXIT STATUS\n", out);
    for (i = 0; i < cli_nexit_statuses; i++)
        fprintf(out, ".TP\n.B %d\n%s\n", cli_exit_statuses[i].code,
                cli_exit_statuses[i].meaning);
    fputs(".SH SEE ALSO\n.BR gnuplot (1)\n", out);
    return ferror(out) || fflush(out) != 0 ? -1 : 0;
}

/* The values of an option that takes one of a fixed list. */
static void complete_values(FILE *out, const cli_command *cmd,
                            const char *option)
{
    size_t i;

    if (strncmp(option, "--", 2) == 0)
        option += 2;
    if (strcmp(option, "format") == 0) {
        fputs("table\ncsv\njson\n", out);
    } else if (strcmp(option, "model") == 0) {
        for (i = 0; i < IND_MODEL_COUNT; i++)
            fprintf(out, "%s\n", ind_model_name((ind_model)i));
    } else if (strcmp(option, "kind") == 0 && cmd == &cli_cmd_define) {
        fprintf(out, "%s\n%s\n%s\n", ind_kind_name(IND_KIND_STOCK),
                ind_kind_name(IND_KIND_FLOW), ind_kind_name(IND_KIND_RATE));
    } else if (strcmp(option, "kind") == 0) {
        fputs("line\ngrowth\nindex\n", out);
    } else if (strcmp(option, "role") == 0) {
        fprintf(out, "%s\n%s\n", ind_role_name(IND_ROLE_PRIMARY),
                ind_role_name(IND_ROLE_ALTERNATE));
    } else if (strcmp(option, "layout") == 0) {
        fputs("auto\nshared\npanels\n", out);
    } else if (strcmp(option, "render") == 0) {
        for (i = IND_CHART_PNG; i <= IND_CHART_PDF; i++)
            fprintf(out, "%s\n", ind_chart_format_extension(
                                      (ind_chart_format)i));
    }
}

void cli_complete(FILE *out, const cli_command *cmd, const char *option)
{
    const struct option *o;
    size_t i;

    if (cmd == NULL) {
        for (i = 0; i < cli_ncommands; i++)
            fprintf(out, "%s\n", cli_commands[i]->name);
        for (i = 0; i < cli_nglobal_options; i++) {
            const cli_global_option *g = &cli_global_options[i];
            fprintf(out, "--%s%s\n", g->name, g->argument ? "=" : "");
            if (g->short_name)
                fprintf(out, "-%c\n", g->short_name);
        }
        return;
    }
    if (option != NULL) {
        complete_values(out, cmd, option);
        return;
    }
    for (o = cmd->options; o->name != NULL; o++)
        fprintf(out, "--%s%s\n", o->name,
                o->has_arg == required_argument ? "=" : "");
    for (i = 0; cmd->short_options != NULL && cmd->short_options[i]; i++)
        if (cmd->short_options[i] != ':')
            fprintf(out, "-%c\n", cmd->short_options[i]);
    fprintf(out, "--dataset=\n-d\n");
    if (cmd->flags & CLI_TAKES_ID)
        fprintf(out, "ids\n");
}
