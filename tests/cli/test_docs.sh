#!/usr/bin/env bash
# CLI tests of what documents the program: --help, the man page
# indicators(1), --version and the bash completion. The man page and the
# completion words are generated from the program's own command table, so
# these tests hold for any command or option added later: every option of
# every command must be explained in its --help text (and so in the man
# page), and must be offered by the completion.
set -eu
. "$(dirname "$0")/store_lib.sh"
: "${BUILD_DIR:?set BUILD_DIR to the build tree}"

# ---- version ----
version=$(sed -n 's/^#define IND_VERSION "\(.*\)"$/\1/p' \
    "$BUILD_DIR/libindicators/include/indicators/version.h")
run --version
expect_rc 0 "--version"
has "$work/out" "indicators $version (libindicators $version)" \
    "--version prints the program's and the library's version"

# ---- the man page ----
run --manpage
expect_rc 0 "--manpage"
check "the built indicators.1 is what the program writes" \
    cmp -s "$work/out" "$BUILD_DIR/tools/indicators.1"
cp "$work/out" "$work/man"
groff -man -Tutf8 -ww -z "$work/man" >"$work/groff" 2>&1 || true
check "groff reads the man page without a warning" \
    test ! -s "$work/groff"
MANWIDTH=80 man -l "$work/man" >"$work/man.txt" 2>/dev/null || true
has "$work/man.txt" "EXIT STATUS" "the man page lists the exit statuses"
has "$work/man.txt" "INDICATORS_DATASET" "the man page names the environment"

# ---- every command and option is documented and completed ----
run --complete
commands=$(grep -v '^-' "$work/out")
check "there are commands to complete" test -n "$commands"
run --help
cp "$work/out" "$work/help"
for cmd in $commands; do
    has "$work/help" "  $cmd " "indicators --help lists $cmd"
    has "$work/man" ".SS $cmd" "the man page has a section for $cmd"
    run "$cmd" --help
    expect_rc 0 "$cmd --help"
    cp "$work/out" "$work/help-$cmd"
    # The command's section of the man page, as text.
    awk -v cmd="$cmd" '/^\.SS /{ on = ($2 == cmd) } on' "$work/man" |
        sed 's/\\-/-/g' >"$work/man-$cmd"
    run --complete "$cmd"
    for option in $(grep '^--' "$work/out" | sed 's/=$//'); do
        case $option in --dataset|--help) continue ;; esac
        # Each option is explained in the command's own text, not only
        # listed: the usage text must name it.
        has "$work/help-$cmd" "$option" "$cmd --help explains $option"
        has "$work/man-$cmd" "$option" "the man page's $cmd section names $option"
    done
done

# ---- bash completion ----
completion="$SOURCE_DIR/tools/indicators.bash-completion"
dataset="$SOURCE_DIR/datasets/china-standardization.csv"
# complete WORD...: what completing the last word offers, one per line.
complete_words() {
    bash -c '
        source "$1"
        shift
        COMP_WORDS=("$@")
        COMP_CWORD=$(($# - 1))
        _indicators
        printf "%s\n" "${COMPREPLY[@]}"
    ' sh "$completion" "$INDICATORS" "$@"
}
complete_words pro >"$work/c"
has "$work/c" project "a command name completes"
complete_words --for >"$work/c"
has "$work/c" --format= "a global option completes before the command"
complete_words project --mo >"$work/c"
has "$work/c" --model= "a command's option completes"
complete_words project --model "" >"$work/c"
has "$work/c" holt "--model completes the library's models"
has "$work/c" linear "--model offers linear"
complete_words define x --kind "" >"$work/c"
has "$work/c" stock "define --kind offers the indicator kinds"
complete_words list --format "" >"$work/c"
has "$work/c" json "--format offers the formats"
complete_words -d "$dataset" show certification_ >"$work/c"
has "$work/c" certification_bodies "show completes the dataset's ids"
complete_words -d "$dataset" growth valid_cer >"$work/c"
has "$work/c" valid_certificates "growth completes ids"
INDICATORS_DATASET=$dataset complete_words history ass >"$work/c"
has "$work/c" association_standards_cumulative \
    "ids come from \$INDICATORS_DATASET without -d"
complete_words -d "$dataset" list "" >"$work/c"
lacks "$work/c" certification_bodies "list takes no ids"

finish
