# deps.sh: make sure the Debian packages a task needs are installed.
# Sourced by tools/demo.sh and tools/test.sh:  need_packages PKG...
# As root it installs what is missing (apt-get); otherwise it prints the
# exact command to run and stops.

need_packages() {
    missing=""
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null |
                grep -q "install ok installed"; then
            missing="$missing $pkg"
        fi
    done
    [ -z "$missing" ] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "indicators: these Debian packages are needed:$missing" >&2
        echo "indicators: this system has no apt-get; install their" \
             "equivalents (GSL, libcsv, cmocka, gnuplot, CMake, a C compiler)" >&2
        exit 69
    fi
    if [ "$(id -u)" != 0 ]; then
        echo "indicators: missing Debian packages:$missing" >&2
        echo "indicators: install them with:" >&2
        echo "    sudo apt-get install -y$missing" >&2
        exit 69
    fi
    echo "indicators: installing:$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    # A fresh machine may have empty package lists.
    apt-get update -qq >&2 || true
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >&2 || {
        echo "indicators: apt-get install failed; run as root:" >&2
        echo "    apt-get update && apt-get install -y$missing" >&2
        exit 69
    }
}

# What building the program and rendering charts need.
RUNTIME_PACKAGES="cmake make gcc libc6-dev pkg-config libgsl-dev libcsv-dev \
gnuplot-nox fonts-dejavu-core fonts-droid-fallback"
# What the test suite needs on top.
# chromium: the report's HTML and the charts' SVG text are checked in a
# real browser; cmark-gfm renders the report's Markdown as GitHub does.
TEST_PACKAGES="$RUNTIME_PACKAGES libcmocka-dev python3 libxml2-utils chromium \
cmark-gfm"
