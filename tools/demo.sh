#!/bin/sh
# demo.sh: the main job on the shipped dataset, from a fresh clone.
# Installs missing Debian packages when run as root (else says what to
# install), builds, shows the indicators, a headline series, its growth and
# projection, checks the dataset, and draws the chart gallery in plots/.
set -eu
cd "$(dirname "$0")/.."
. tools/deps.sh
need_packages $RUNTIME_PACKAGES

cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
ind=build/tools/indicators
headline=association_standards_cumulative

step() { printf '\n==> %s\n' "$*"; }
step "indicators list"
"$ind" list
step "indicators show $headline"
"$ind" show "$headline"
step "indicators growth $headline"
"$ind" growth "$headline"
step "indicators project $headline --to 2027"
"$ind" project "$headline" --to 2027
step "indicators check"
"$ind" check
step "charts: plots/"
cmake --build --preset gallery
echo "Gallery: plots/README.md"
