#!/bin/sh
# layers.sh: the library's layers, checked on its #include lines.
#   core     error, number, text, series, lang, array, strpool, csvfile,
#            atomicfile, regular_file, sha256, version, json:
#            include only core
#   engines  dataset, growth, projection (with polyfit, fitstats), chart,
#            report:
#            include core and their own files, never another engine
#   compose  may include everything
# Public headers follow the same rule. Prints each breach; exit 1 if any.
set -eu
: "${SOURCE_DIR:?}"
cd "$SOURCE_DIR/libindicators"

# layer NAME: the layer of a file or header name (without folder).
layer() {
    case $1 in
        error*|number*|text*|series*|array*|strpool*|csvfile*|atomicfile*|\
        sha256*|version*|export*|lang*|json*|process*|regular_file*) echo core ;;
        dataset*) echo dataset ;;
        growth*) echo growth ;;
        projection*|polyfit*|fitstats*) echo projection ;;
        chart*) echo chart ;;
        report*) echo report ;;
        compose*) echo compose ;;
        indicators.h) echo compose ;; # the umbrella header
        *) echo unknown ;;
    esac
}

breaches=0
for file in src/*.c src/*.h include/indicators/*.h include/indicators/*.in; do
    [ -e "$file" ] || continue
    from=$(layer "$(basename "$file")")
    if [ "$from" = unknown ]; then
        echo "layers: $file belongs to no layer"
        breaches=$((breaches + 1))
        continue
    fi
    [ "$from" = compose ] && continue
    for inc in $(sed -n 's/^#include "\(.*\)"$/\1/p' "$file"); do
        to=$(layer "$(basename "$inc")")
        if [ "$to" != core ] && [ "$to" != "$from" ]; then
            echo "layers: $file ($from) includes $inc ($to)"
            breaches=$((breaches + 1))
        fi
    done
done
echo "layers: $breaches breaches"
[ "$breaches" -eq 0 ]
