#!/usr/bin/env bash
# Malformed datasets: every case of tests/data/store/bad/MANIFEST, copied to
# a temporary folder, must make `check` exit with the listed code and name
# the first error as file:line:column with the listed message; a dataset
# that does not load must also stop `list` (one line on stderr naming the
# place) and `append` (exit 65, every file byte-identical).
set -eu
. "$SOURCE_DIR/tests/cli/store_lib.sh"

bad="$SOURCE_DIR/tests/data/store/bad"
header='indicator,year,value,as_of,source,note'
first_row='lvl,2018,100,,http://example.org/a,'

# repeat N CHAR: N copies of CHAR.
repeat() {
    head -c "$1" /dev/zero | tr '\0' "$2"
}

# generate CASE DIR: write a case too large to commit.
generate() {
    local f="$2/$1.csv"
    {
        printf '%s\n%s\nlvl,2019,100,,src,' "$header" "$first_row"
        case $1 in
        gen-field-over-64k) repeat 100000 a ;;
        gen-10mb-field) repeat 10000000 a ;;
        gen-10mb-quoted-field) printf '"'; repeat 10000000 a; printf '"' ;;
        *) echo "unknown generated case $1" >&2; exit 2 ;;
        esac
        printf '\n'
    } >"$f"
}

# prepare CASE DIR: the case's files in a fresh folder.
prepare() {
    local f
    mkdir "$2"
    case $1 in
    gen-*) generate "$1" "$2" ;;
    *)
        for f in "$bad/$1".csv "$bad/$1".indicators.csv "$bad/$1".history.csv; do
            if [ -e "$f" ]; then
                cp "$f" "$2/"
            fi
        done
        ;;
    esac
}

# first_error FILE: the first line of check's table output that is an error.
first_error() {
    grep -m1 -F ': error: ' "$1" || true
}

ncases=0
while IFS=$'\t' read -r name stage code place message; do
    case $name in ''|'#'*) continue ;; esac
    ncases=$((ncases + 1))
    dir="$work/$name"
    prepare "$name" "$dir"
    snapshot "$dir"
    cd "$dir"

    run -d "$name.csv" check
    expect_rc "$code" "$name: check"
    line=$(first_error "$work/out")
    checks=$((checks + 1))
    case $line in
    "$place: error: "*"$message"*) ;;
    *) fail "$name: check's first error is '$line', want '$place: error: ...$message...'" ;;
    esac
    lines "$work/err" 1 "$name: check's verdict on stderr"
    has "$work/err" "first: $place: " "$name: check's verdict"

    run -d "$name.csv" list
    if [ "$stage" = load ]; then
        expect_rc "$code" "$name: list"
        line=$(head -n1 "$work/err")
        checks=$((checks + 1))
        case $line in
        "indicators: $place: "*"$message"*) ;;
        *) fail "$name: list says '$line', want the place and the message" ;;
        esac
        has "$work/err" "indicators -d $name.csv check" "$name: list's hint"
    else
        expect_rc 0 "$name: list of a dataset that loads"
    fi

    if [ "$stage" != rules ]; then
        write_checked "$name: append" "$name.csv" append lvl 2020 120 \
            --source "http://example.org/b"
        expect_rc 65 "$name: append to a malformed dataset"
        has "$work/err" "$place: " "$name: append names the place"
        unchanged "$dir" "$name: refused append"
    fi
    cd "$work"
    rm -rf "$dir" "$dir.snap"
done <"$bad/MANIFEST"

checks=$((checks + 1))
if [ "$ncases" -lt 25 ]; then
    fail "only $ncases malformed cases in the manifest"
fi
echo "test_malformed.sh: $ncases malformed datasets"
finish
