# Helpers shared by the store's CLI tests (test_store.sh, test_malformed.sh,
# test_concurrency.sh, test_kill.sh). Source it after `set -eu`.
#
# Every test works in its own temporary folder ($work), removed on exit,
# on copies of dataset files; it counts failures instead of stopping at
# the first one, and finish() prints the tally and sets the exit status.

: "${INDICATORS:?set INDICATORS to the built indicators program}"
: "${SOURCE_DIR:?set SOURCE_DIR to the source tree}"

work=$(mktemp -d "${TMPDIR:-/tmp}/indicators-store.XXXXXX")
trap 'rm -rf "$work"' EXIT
checks=0
failures=0

# fail WHAT: record a failed check.
fail() {
    failures=$((failures + 1))
    printf 'FAIL: %s\n' "$*" >&2
}

# pass: record a check that held.
pass() {
    checks=$((checks + 1))
}

# check WHAT COMMAND...: run a test command; fail with WHAT when it fails.
check() {
    local what=$1
    shift
    checks=$((checks + 1))
    if ! "$@"; then
        fail "$what"
    fi
}

# run ARGS...: run the program with ARGS; stdout in $work/out, stderr in
# $work/err, the exit code in $rc. Never stops the test.
run() {
    rc=0
    "$INDICATORS" "$@" >"$work/out" 2>"$work/err" || rc=$?
}

# expect_rc WANT WHAT: the last run exited with WANT.
expect_rc() {
    checks=$((checks + 1))
    if [ "$rc" != "$1" ]; then
        fail "$2: exit $rc, want $1; stderr: $(head -c 600 "$work/err")"
    fi
}

# has FILE TEXT WHAT: FILE contains the fixed TEXT.
has() {
    checks=$((checks + 1))
    if ! grep -qF -- "$2" "$1"; then
        fail "$3: no '$2' in $(basename "$1"): $(head -c 600 "$1")"
    fi
}

# lacks FILE TEXT WHAT: FILE does not contain the fixed TEXT.
lacks() {
    checks=$((checks + 1))
    if grep -qF -- "$2" "$1"; then
        fail "$3: unexpected '$2' in $(basename "$1")"
    fi
}

# lines FILE N WHAT: FILE has exactly N lines.
lines() {
    local n
    n=$(wc -l <"$1")
    checks=$((checks + 1))
    if [ "$n" != "$2" ]; then
        fail "$3: $(basename "$1") has $n lines, want $2: $(head -c 600 "$1")"
    fi
}

# snapshot DIR [SNAP]: keep a copy of every file of DIR in SNAP (default
# DIR.snap); symbolic links are copied as links.
snapshot() {
    local snap=${2:-$1.snap}
    rm -rf "$snap"
    mkdir "$snap"
    cp -pPR "$1"/. "$snap/"
}

# unchanged DIR WHAT [SNAP]: every file of the snapshot is byte-identical
# in DIR (a link still the same link), and DIR holds no new file other
# than a lock file.
unchanged() {
    local f name snap=${3:-$1.snap}
    checks=$((checks + 1))
    for f in "$snap"/* "$snap"/.[!.]*; do
        [ -e "$f" ] || [ -L "$f" ] || continue
        name=$(basename "$f")
        if [ -L "$f" ]; then
            if [ "$(readlink "$f")" != "$(readlink "$1/$name" 2>/dev/null)" ]; then
                fail "$2: the link $name changed"
                return
            fi
        elif [ -p "$f" ] || [ -c "$f" ]; then
            # A FIFO or a device: still one (never read: it would block).
            if [ -L "$1/$name" ] || { [ -p "$f" ] && [ ! -p "$1/$name" ]; } ||
               { [ -c "$f" ] && [ ! -c "$1/$name" ]; }; then
                fail "$2: $name is no longer a FIFO or a device"
                return
            fi
        elif [ -L "$1/$name" ] || ! cmp -s "$f" "$1/$name"; then
            fail "$2: $name changed"
            return
        fi
    done
    for f in "$1"/* "$1"/.[!.]*; do
        [ -e "$f" ] || [ -L "$f" ] || continue
        name=$(basename "$f")
        case $name in *.lock) continue ;; esac
        if [ ! -e "$snap/$name" ] && [ ! -L "$snap/$name" ]; then
            fail "$2: new file $name"
            return
        fi
    done
}

# check_errors DATASET: how many errors `check` reports for DATASET (a
# dataset that does not load has at least one: the reason it does not),
# read from the severity column of its CSV (by name: the columns have
# moved before, and a count of nothing counted nothing). Under valgrind
# (run_cli_test.sh) the invariant's own checks run the program directly
# ($INDICATORS_PLAIN): they are not what is tested.
check_errors() {
    local report=$work/check-errors.csv
    "${INDICATORS_PLAIN:-$INDICATORS}" -d "$1" check --format csv \
        >"$report" 2>/dev/null || true
    if ! csv_column "$report" severity >"$report.severity"; then
        # No report to read (a dataset check cannot even start on): one
        # error, so that an exit 0 before it is caught.
        echo 1
        return
    fi
    grep -c '^error$' "$report.severity" || true
}

# write_checked WHAT DATASET ARGS...: run `indicators -d DATASET ARGS`, a
# command that writes, like run() (stdout, stderr and $rc as run leaves
# them), and check the store's invariant (README, Data safety):
# - exit 0: the dataset reloads and `check` reports no error (when it had
#   errors before the write: no more than before, and it still loads);
# - any other exit: every file of DATASET's folder is byte-identical and
#   no file was added but the lock.
# The write runs $WRITER when set (a wrapper that limits it), else the
# program.
write_checked() {
    local what=$1 ds=$2 dir before after saved_rc
    shift 2
    dir=$(dirname "$ds")
    before=$(check_errors "$ds")
    snapshot "$dir" "$work/invariant.snap"
    rc=0
    "${WRITER:-$INDICATORS}" -d "$ds" "$@" >"$work/out" 2>"$work/err" || rc=$?
    saved_rc=$rc
    cp "$work/out" "$work/write.out"
    cp "$work/err" "$work/write.err"
    if [ "$rc" = 0 ]; then
        after=$(check_errors "$ds")
        checks=$((checks + 1))
        if [ "$after" -gt 0 ] && [ "$before" -eq 0 ]; then
            fail "$what: exit 0, then check reports $after errors: $(
                "${INDICATORS_PLAIN:-$INDICATORS}" -d "$ds" check 2>&1 |
                grep -m3 'error')"
        elif [ "$after" -gt "$before" ]; then
            fail "$what: exit 0, and check reports $after errors, not $before"
        elif [ "$before" -gt 0 ] &&
             ! "${INDICATORS_PLAIN:-$INDICATORS}" -d "$ds" list \
                >/dev/null 2>&1; then
            fail "$what: exit 0, then the dataset no longer loads"
        fi
    else
        unchanged "$dir" "$what (exit $rc)" "$work/invariant.snap"
    fi
    rm -rf "$work/invariant.snap"
    cp "$work/write.out" "$work/out"
    cp "$work/write.err" "$work/err"
    rc=$saved_rc
}

# csv_column FILE NAME: the values of the column named NAME in the
# header of an RFC 4180 file whose rows are single lines, one a line,
# unquoted. An awk reader of its own, independent of the program's.
csv_column() {
    awk -v want="$2" '
    function split_csv(line, f,    n, i, c, q, cur) {
        n = 0; cur = ""; q = 0
        for (i = 1; i <= length(line); i++) {
            c = substr(line, i, 1)
            if (q && c == "\"" && substr(line, i + 1, 1) == "\"") {
                cur = cur c; i++
            } else if (c == "\"") {
                q = !q
            } else if (c == "," && !q) {
                f[++n] = cur; cur = ""
            } else {
                cur = cur c
            }
        }
        f[++n] = cur
        return n
    }
    { sub(/\r$/, ""); if (NR == 1) sub(/^\357\273\277/, "") }
    NR == 1 {
        n = split_csv($0, h)
        for (i = 1; i <= n; i++)
            if (h[i] == want)
                col = i
        if (!col)
            exit 1
        next
    }
    { split_csv($0, f); print f[col] }' "$1"
}

# finish: print the tally; the exit status says whether every check held.
finish() {
    printf '%s: %d checks, %d failed\n' "$(basename "$0")" "$checks" \
        "$failures"
    [ "$failures" -eq 0 ]
}
