#!/bin/sh
# readme.sh: the README's library example is a program that compiles
# (-Wall -Wextra -Werror, C11, public headers only) against the built
# library and runs on the shipped dataset, writing its chart.
# Environment: SOURCE_DIR, BUILD_DIR.
set -eu
: "${SOURCE_DIR:?}" "${BUILD_DIR:?}"
work=$(mktemp -d "${TMPDIR:-/tmp}/ind-readme.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# The first ```c block after the "## The library" heading.
awk '/^## The library$/ { on = 1 }
     on && /^```c$/ { code = 1; next }
     code && /^```$/ { exit }
     code { print }' "$SOURCE_DIR/README.md" >"$work/example.c"
if [ ! -s "$work/example.c" ]; then
    echo "readme.sh: no C example under '## The library'" >&2
    exit 1
fi
${CC:-cc} -std=c11 -Wall -Wextra -Werror -o "$work/example" "$work/example.c" \
    -I"$SOURCE_DIR/libindicators/include" \
    -I"$BUILD_DIR/libindicators/include" \
    -L"$BUILD_DIR/libindicators" -lindicators \
    -Wl,-rpath,"$BUILD_DIR/libindicators"
mkdir "$work/run"
cp -R "$SOURCE_DIR/datasets" "$work/run/"
(cd "$work/run" && "$work/example") >"$work/out"
cat "$work/out"
grep -q '^Certification bodies in 2030: about [0-9]* (80% range [0-9]* to [0-9]*)$' \
    "$work/out"
grep -q '^\$ind_projection_1 << ' "$work/run/certification-bodies.gp"
echo "readme.sh: the README's example compiles, runs and writes its chart"
