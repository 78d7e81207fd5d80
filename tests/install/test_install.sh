#!/bin/sh
# test_install.sh: install into one prefix, move the whole tree to
# another, and build and run an outside program (tools/example.c) against
# the moved tree four ways: pkg-config and find_package, each with the
# shared and with the static library. Also checks what the install holds
# (libraries, .pc, CMake package, man page, completion), that the shared
# library exports only ind_ names, and that the installed program runs.
#
# Environment: BUILD_DIR (a configured and built tree), SOURCE_DIR.
set -eu
: "${BUILD_DIR:?}" "${SOURCE_DIR:?}"

work=$(mktemp -d "${TMPDIR:-/tmp}/ind-install.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
fails=0 checks=0

check() {
    what=$1
    shift
    checks=$((checks + 1))
    if "$@" >"$work/out" 2>&1; then
        echo "ok: $what"
    else
        fails=$((fails + 1))
        echo "FAIL: $what"
        sed 's/^/    /' "$work/out" | head -20
    fi
}

cmake --install "$BUILD_DIR" --prefix "$work/first" >/dev/null
mv "$work/first" "$work/moved"
P=$work/moved
major=$(sed -n 's/^#define IND_VERSION_MAJOR \([0-9]*\)$/\1/p' \
    "$P/include/indicators/version.h")

for f in "lib/libindicators.so.$major" lib/libindicators.so \
         lib/libindicators.a lib/pkgconfig/indicators.pc \
         lib/cmake/indicators/indicatorsConfig.cmake \
         lib/cmake/indicators/indicatorsConfigVersion.cmake \
         lib/cmake/indicators/FindLibCSV.cmake \
         share/man/man1/indicators.1 \
         share/bash-completion/completions/indicators \
         include/indicators/indicators.h include/indicators/export.h \
         include/indicators/version.h bin/indicators; do
    check "installs $f" test -e "$P/$f"
done
check "libindicators.so is a link to the SONAME" test -L "$P/lib/libindicators.so"
check "the SONAME is libindicators.so.$major" \
    sh -c "readelf -d '$P/lib/libindicators.so' | grep -q 'SONAME.*libindicators.so.$major'"
nm -D --defined-only "$P/lib/libindicators.so" | awk '{ print $3 }' \
    >"$work/exported"
check "the shared library exports some ind_ functions" \
    grep -q '^ind_dataset_open$' "$work/exported"
check "the shared library exports only ind_ names" \
    sh -c "! grep -v '^ind_' '$work/exported'"
check "the .pc file names no build path" \
    sh -c "! grep -q '$work/first\\|$BUILD_DIR' '$P/lib/pkgconfig/indicators.pc'"
check "the installed program runs from the moved tree" \
    "$P/bin/indicators" --version
check "the installed man page renders" \
    sh -c "groff -man -Tutf8 -ww -z '$P/share/man/man1/indicators.1' 2>&1 |
           (! grep .)"

# run NAME PROGRAM: run the example in a folder of its own on the
# shipped dataset; it must print the projection and write the chart.
run_example() {
    name=$1
    program=$2
    mkdir -p "$work/run-$name"
    check "$name: the example runs" \
        "$program" "$SOURCE_DIR/datasets/china-standardization.csv" \
        "$work/run-$name"
    cp "$work/out" "$work/run-$name.out"
    check "$name: it projects the appended series" \
        grep -q 'certification_bodies: projected to 2030: ' \
        "$work/run-$name.out"
    check "$name: it writes the chart with its projection" \
        grep -q 'Projection' "$work/run-$name/example.gp"
    check "$name: the appended figure is in the copy only" \
        sh -c "grep -q '^certification_bodies,2026,' '$work/run-$name/example.csv' &&
               ! grep -q '^certification_bodies,2026,' '$SOURCE_DIR/datasets/china-standardization.csv'"
}

cc=${CC:-cc}
export PKG_CONFIG_PATH="$P/lib/pkgconfig"
check "pkg-config finds the moved prefix" \
    sh -c "pkg-config --cflags indicators | grep -q -- '-I$P/lib/pkgconfig/../../include'"
check "pkg-config, shared: builds" \
    sh -c "$cc -std=c11 -Wall -Wextra -Werror -o '$work/pc-shared' \
        '$SOURCE_DIR/tools/example.c' \$(pkg-config --cflags --libs indicators) \
        -Wl,-rpath,'$P/lib'"
check "pkg-config, shared: uses the moved shared library" \
    sh -c "ldd '$work/pc-shared' | grep -q '$P/lib/libindicators.so.$major'"
run_example pc-shared "$work/pc-shared"
check "pkg-config, static: builds a static program" \
    sh -c "$cc -std=c11 -Wall -Wextra -Werror -static -o '$work/pc-static' \
        '$SOURCE_DIR/tools/example.c' \$(pkg-config --cflags indicators) \
        \$(pkg-config --static --libs indicators)"
check "pkg-config, static: needs no shared library" \
    sh -c "! ldd '$work/pc-static' 2>&1 | grep -q libindicators"
run_example pc-static "$work/pc-static"

for kind in shared static; do
    static=OFF
    [ "$kind" = static ] && static=ON
    check "find_package, $kind: configures" \
        cmake -S "$SOURCE_DIR/tests/install/outside" -B "$work/cm-$kind" \
            -DCMAKE_PREFIX_PATH="$P" -DINDICATORS_STATIC=$static \
            -DEXAMPLE_SOURCE="$SOURCE_DIR/tools/example.c"
    check "find_package, $kind: builds" \
        cmake --build "$work/cm-$kind"
    run_example "cm-$kind" "$work/cm-$kind/example"
done
check "find_package, shared: links the shared library" \
    sh -c "ldd '$work/cm-shared/example' | grep -q '$P/lib/libindicators.so.$major'"
check "find_package, static: links no libindicators.so" \
    sh -c "! ldd '$work/cm-static/example' | grep -q libindicators"

echo "test_install.sh: $checks checks, $fails failed"
[ "$fails" -eq 0 ]
