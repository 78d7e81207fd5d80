#!/usr/bin/env bash
# Faults of the file system around a dataset: a full disk at many levels
# of free space (a file-size limit for any user; a small tmpfs as root),
# read-only folders and files, missing folders, a FIFO, a device, symbolic
# links for files and for the lock, a 100 MB field, a file over the size
# limit. For each: every write is under the store's invariant
# (write_checked: exit 0 leaves a dataset that loads and checks clean, any
# other exit leaves every file byte-identical), no command hangs, and the
# message names the cause. Cases that need root (tmpfs mounts) say so and
# are skipped for other users. Under valgrind (IND_VALGRIND) the full-disk
# levels are sampled more coarsely.
set -eu
. "$SOURCE_DIR/tests/cli/store_lib.sh"

NAME=china-standardization
shipped="$SOURCE_DIR/datasets/$NAME"
src="http://example.org/report"
root=0
[ "$(id -u)" = 0 ] && root=1
# KiB between the levels of the file-size limit and the tmpfs's free space,
# and the size of the huge field (coarser under valgrind, which runs the
# program some 30 times slower).
fsize_step=1 tmpfs_step=4 field_mb=100
if [ -n "${IND_VALGRIND:-}" ]; then
    fsize_step=8 tmpfs_step=16 field_mb=4
fi
plain=${INDICATORS_PLAIN:-$INDICATORS}

# A dataset with all three files: the shipped observations and catalog and
# a history of two entries.
base="$work/base"
mkdir "$base"
cp "$shipped.csv" "$shipped.indicators.csv" "$base/"
"$plain" -d "$base/$NAME.csv" append valid_certificates 2025 4,400,000 \
    --source "$src" 2>/dev/null
"$plain" -d "$base/$NAME.csv" append valid_certificates 2025 4,410,000 \
    --source "$src/revised" --revise 2>/dev/null

# reset DIR: DIR holds a fresh copy of the base dataset.
reset() {
    rm -rf "${1:?}"/* "$1"/.[!.]* 2>/dev/null || true
    mkdir -p "$1"
    cp "$base"/*.csv "$1/"
}

# The three kinds of write: a new reading, a revision (the history grows,
# the observations keep their size), a definition (the catalog too).
writes=(
    "append valid_certificates 2026 4,500,000 --source $src"
    "append valid_certificates 2025 4,420,000 --source $src/again --revise"
    "define new_indicator --kind stock --title New --unit items"
)

# under_limit WHAT DIR CAUSE: run each write on a fresh copy in DIR (the
# caller has limited the room) and count the outcomes: written (checked
# clean) or refused (files unchanged, the message names CAUSE).
written=0 refused=0
under_limit() {
    local what=$1 dir=$2 cause=$3 w
    for w in "${writes[@]}"; do
        # shellcheck disable=SC2086
        write_checked "$what: $w" "$dir/$NAME.csv" $w
        if [ "$rc" = 0 ]; then
            written=$((written + 1))
        else
            refused=$((refused + 1))
            expect_rc 73 "$what: ${w%% *} refused"
            has "$work/err" "$cause" "$what: ${w%% *}: the message names the cause"
            lines "$work/err" 1 "$what: ${w%% *}: one line"
        fi
    done
}

# ---- a full disk: a file-size limit at every KiB (any user) ---------------

# SIGXFSZ ignored: a write past the limit fails with EFBIG instead.
limited="$work/limited"
# The limit binds the program alone: its messages go through a pipe to
# cat, which is not limited, so they reach the test's file whatever the
# limit. Under valgrind these runs go without it (its own report would
# meet the limit); the full tmpfs below runs under valgrind.
cat >"$limited" <<EOF
#!/usr/bin/env bash
trap '' XFSZ
exec 3>&1
{ ulimit -f "\$LIMIT_KB"; exec "$plain" "\$@" 2>&1 1>&3 3>&-; } | cat >&2
exit "\${PIPESTATUS[0]}"
EOF
chmod +x "$limited"
d="$work/fsize"
levels=0
for ((kb = 0; kb <= 40; kb += fsize_step)); do
    levels=$((levels + 1))
    reset "$d"
    WRITER=$limited LIMIT_KB=$kb under_limit "file size limit ${kb} KiB" "$d" \
        "File too large"
done
checks=$((checks + 1))
if [ "$written" -eq 0 ] || [ "$refused" -eq 0 ]; then
    fail "file size limits: $written written, $refused refused; want both"
fi
echo "test_faults.sh: file size limits: $levels levels x ${#writes[@]} writes:" \
     "$refused refused (files unchanged, cause named), $written written"

# ---- a full disk: a small tmpfs at every 4 KiB of free space (root) --------

mnt="$work/mnt"
mkdir "$mnt"
if [ "$root" = 1 ] && mount -t tmpfs -o size=512k tmpfs "$mnt" 2>/dev/null; then
    written=0 refused=0 levels=0
    d="$mnt/ds"
    for ((kb = 0; kb <= 120; kb += tmpfs_step)); do
        levels=$((levels + 1))
        rm -f "$mnt/fill"
        reset "$d"
        # Fill the disk, then give back exactly kb KiB.
        cat /dev/zero >"$mnt/fill" 2>/dev/null || true
        truncate -s "-${kb}K" "$mnt/fill"
        under_limit "tmpfs with ${kb} KiB free" "$d" "No space left on device"
        check "tmpfs ${kb} KiB: no temporary file left" \
            test -z "$(ls -A "$d" | grep '\.tmp\.' || true)"
    done
    rm -f "$mnt/fill"
    checks=$((checks + 1))
    if [ "$written" -eq 0 ] || [ "$refused" -eq 0 ]; then
        fail "tmpfs: $written written, $refused refused; want both"
    fi
    echo "test_faults.sh: full tmpfs: $levels levels of free space (0-120 KiB)" \
         "x ${#writes[@]} writes: $refused refused (files unchanged," \
         "'No space left on device'), $written written"

    # ---- read-only file system (root: a tmpfs remounted read-only) -------
    reset "$d"
    mount -o remount,ro "$mnt"
    for w in "${writes[@]}"; do
        # shellcheck disable=SC2086
        write_checked "read-only file system: $w" "$d/$NAME.csv" $w
        expect_rc 73 "read-only file system: ${w%% *}"
        has "$work/err" "Read-only file system" \
            "read-only file system: ${w%% *}: the cause"
    done
    run -d "$d/$NAME.csv" list
    expect_rc 0 "read-only file system: list still reads"
    run -d "$d/$NAME.csv" check
    expect_rc 0 "read-only file system: check still reads"
    umount "$mnt"
else
    echo "test_faults.sh: SKIPPED the full tmpfs and read-only file system" \
         "cases: they mount a tmpfs, which needs root"
fi

# ---- read-only folders and files (any user) --------------------------------

d="$work/ro"
if [ "$root" = 0 ]; then
    reset "$d"
    chmod a-w "$d"
    for w in "${writes[@]}"; do
        # shellcheck disable=SC2086
        write_checked "read-only folder: $w" "$d/$NAME.csv" $w
        expect_rc 73 "read-only folder: ${w%% *}"
        has "$work/err" "Permission denied" "read-only folder: the cause"
    done
    chmod u+w "$d"
else
    echo "test_faults.sh: a read-only folder (chmod) binds no root: the" \
         "read-only file system case stands for it"
fi
# A file without write permission is not replaced, even by root.
for f in "$NAME.csv" "$NAME.history.csv" "$NAME.indicators.csv"; do
    reset "$d"
    chmod a-w "$d/$f"
    w=${writes[0]}
    [ "$f" = "$NAME.indicators.csv" ] && w=${writes[2]}
    # shellcheck disable=SC2086
    write_checked "read-only $f" "$d/$NAME.csv" $w
    expect_rc 73 "read-only $f"
    has "$work/err" "$f is read-only" "read-only $f: the cause"
    chmod u+w "$d/$f"
done

# ---- missing folders -------------------------------------------------------

m="$work/missing"
mkdir "$m"
cd "$m"
for cmd in "list" "show valid_certificates" "check" "history" \
           "append valid_certificates 2026 1 --source $src" \
           "define x --kind stock --title X --unit u" \
           "growth valid_certificates" "project valid_certificates --to 2030" \
           "chart valid_certificates -o c.gp"; do
    # shellcheck disable=SC2086
    run -d nowhere/sub/$NAME.csv $cmd
    expect_rc 66 "missing folder: ${cmd%% *}"
    has "$work/err" "No such file or directory" "missing folder: ${cmd%% *}: the cause"
    check "missing folder: ${cmd%% *} creates nothing" \
        test -z "$(ls -A "$m")"
done
reset "$work/present"
run -d "$work/present/$NAME.csv" chart valid_certificates -o nowhere/c.gp
expect_rc 73 "chart into a missing folder"
has "$work/err" "No such file or directory" "chart into a missing folder: the cause"
check "chart into a missing folder creates nothing" test -z "$(ls -A "$m")"

# ---- a FIFO or a device in place of a file ----------------------------------

d="$work/special"
# special_case WHAT FILE: FILE (one of the dataset's) is not a regular file:
# the commands that read it (list does not read the history) refuse it
# quickly, naming it.
special_case() {
    local what=$1 file=$2 cmd cmds=("list" "check" "${writes[0]}")
    case $file in *.history.csv) cmds=("check" "${writes[0]}") ;; esac
    for cmd in "${cmds[@]}"; do
        # shellcheck disable=SC2086
        rc=0
        timeout 20 "$INDICATORS" -d "$d/$NAME.csv" $cmd >"$work/out" \
            2>"$work/err" || rc=$?
        checks=$((checks + 1))
        if [ "$rc" = 124 ]; then
            fail "$what: ${cmd%% *} hangs"
            continue
        fi
        has "$work/err" "$(basename "$file"): not a regular file" \
            "$what: ${cmd%% *}: the cause"
        checks=$((checks + 1))
        [ "$rc" != 0 ] || fail "$what: ${cmd%% *} succeeds"
    done
}
for f in "$NAME.csv" "$NAME.indicators.csv" "$NAME.history.csv"; do
    reset "$d"
    rm "$d/$f"
    mkfifo "$d/$f"
    special_case "a FIFO as $f" "$d/$f"
    check "a FIFO as $f stays a FIFO" test -p "$d/$f"
    rm "$d/$f"
    if [ "$root" = 1 ]; then
        mknod "$d/$f" c 1 5    # /dev/zero
    else
        ln -s /dev/zero "$d/$f"
    fi
    special_case "a device as $f" "$d/$f"
    check "a device as $f is not replaced" test -c "$d/$f"
done
reset "$d"
mkfifo "$d/$NAME.lock"
# shellcheck disable=SC2086
write_checked "a FIFO as the lock" "$d/$NAME.csv" ${writes[0]}
expect_rc 73 "a FIFO as the lock"
has "$work/err" "$NAME.lock: not a regular file" "a FIFO as the lock: the cause"

# ---- symbolic links ---------------------------------------------------------

d="$work/links"
real="$work/real"
for f in "$NAME.csv" "$NAME.indicators.csv" "$NAME.history.csv"; do
    reset "$d"
    reset "$real"
    rm "$d/$f"
    ln -s "../real/$f" "$d/$f"
    w=${writes[1]}
    [ "$f" = "$NAME.indicators.csv" ] && w=${writes[2]}
    cp "$real/$f" "$work/before"
    # shellcheck disable=SC2086
    write_checked "a linked $f" "$d/$NAME.csv" $w
    expect_rc 0 "a write through a linked $f"
    check "the link $f stays a link to the same target" \
        test "$(readlink "$d/$f")" = "../real/$f"
    check "the link's target $f is the file written" \
        sh -c "! cmp -s '$real/$f' '$work/before'"
    check "no temporary file beside the target" \
        test -z "$(ls -A "$real" | grep '\.tmp\.' || true)"
done
# Dangling links: nothing is created at their targets.
for f in "$NAME.csv" "$NAME.history.csv" "$NAME.lock"; do
    reset "$d"
    rm -f "$d/$f"
    ln -s "$work/target-$f" "$d/$f"
    # shellcheck disable=SC2086
    write_checked "a dangling link as $f" "$d/$NAME.csv" ${writes[0]}
    checks=$((checks + 1))
    [ "$rc" != 0 ] || fail "a dangling link as $f: the write succeeds"
    check "a dangling link as $f: its target is not created" \
        test ! -e "$work/target-$f"
    has "$work/err" "$f" "a dangling link as $f: named"
done
# A lock that is a link to an existing file: refused, the file untouched.
reset "$d"
echo keep >"$work/victim"
ln -s "$work/victim" "$d/$NAME.lock"
# shellcheck disable=SC2086
write_checked "the lock a link to a file" "$d/$NAME.csv" ${writes[0]}
expect_rc 73 "the lock a link to a file"
has "$work/err" "$NAME.lock: a symbolic link" "the lock a link: the cause"
check "the lock's target is untouched" test "$(cat "$work/victim")" = keep
# A loop.
reset "$d"
rm "$d/$NAME.csv"
ln -s "$NAME.csv" "$d/$NAME.csv"
run -d "$d/$NAME.csv" list
checks=$((checks + 1))
[ "$rc" != 0 ] || fail "a link loop loads"
has "$work/err" "Too many levels of symbolic links" "a link loop: the cause"

# ---- a 100 MB field, a file over the size limit ------------------------------

# run_measured ARGS...: run the program like run(), and set $rss_mb to its
# peak resident memory in MB ("?" without Debian's python3 or under
# valgrind).
run_measured() {
    local line
    rss_mb="?"
    if [ ! -x /usr/bin/python3 ] || [ -n "${IND_VALGRIND:-}" ]; then
        run "$@"
        return
    fi
    line=$(/usr/bin/python3 -c '
import resource, subprocess, sys
with open(sys.argv[1], "wb") as o, open(sys.argv[2], "wb") as e:
    rc = subprocess.call(sys.argv[3:], stdout=o, stderr=e)
print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
' "$work/out" "$work/err" "$INDICATORS" "$@")
    rc=${line% *}
    rss_mb=${line#* }
}

# below_mb MB WHAT: the last run_measured stayed under MB megabytes.
below_mb() {
    checks=$((checks + 1))
    if [ "$rss_mb" != "?" ] && [ "$rss_mb" -ge "$1" ]; then
        fail "$2: $rss_mb MB of memory, want under $1"
    fi
}

d="$work/huge"
mkdir -p "$d"
cd "$d"
{
    printf 'indicator,year,value,note\nx,2020,1,"'
    head -c "${field_mb}000000" /dev/zero | tr '\0' a
    printf '"\n'
} >f.csv
run_measured -d f.csv check
expect_rc 65 "a closed $field_mb MB quoted field"
below_mb 100 "a $field_mb MB field"
echo "test_faults.sh: a closed $field_mb MB field: refused with $rss_mb MB" \
     "of memory"
has "$work/out" "f.csv:2:4: error: " "a 100 MB field: the place"
has "$work/err" "field of ${field_mb}000000 bytes" "a 100 MB field: its size"
has "$work/err" "limit of 65536 bytes" "a 100 MB field: the limit"
lacks "$work/err" "not closed" "a closed field is not called unclosed"
head -c -2 f.csv >g.csv
run -d g.csv check
expect_rc 65 "an unclosed 100 MB quoted field"
has "$work/err" "g.csv:2:4: unterminated quoted field" \
    "an unclosed field: place and cause"
rm -f f.csv g.csv
# A file over the limit is refused before it is read (a sparse file: no
# disk used).
printf 'indicator,year,value\nx,2020,1\n' >big.csv
truncate -s 1100M big.csv
run_measured -d big.csv list
expect_rc 65 "a file over the size limit"
below_mb 100 "a file over the size limit"
echo "test_faults.sh: a file of 1100 MiB: refused with $rss_mb MB of memory"
has "$work/err" "big.csv: 1153433600 bytes, larger than the limit of 1073741824 bytes (1 GiB)" \
    "a file over the limit: its size and the limit"
rm -f big.csv

finish
