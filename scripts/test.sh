#!/bin/sh
# Build libcrjit with its tests and run the whole suite; exits non-zero on
# any failure.  Installs what the tests need with apt-get when missing.
set -eu
cd "$(dirname "$0")/.."
need=""
command -v cmake >/dev/null 2>&1 || need="$need cmake"
command -v cc >/dev/null 2>&1 || need="$need gcc"
command -v c++ >/dev/null 2>&1 || need="$need g++"
command -v make >/dev/null 2>&1 || need="$need make"
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
[ -f /usr/include/cmocka.h ] || need="$need libcmocka-dev"
command -v groff >/dev/null 2>&1 || need="$need groff"
command -v doxygen >/dev/null 2>&1 || need="$need doxygen"
command -v valgrind >/dev/null 2>&1 || need="$need valgrind"
if [ -n "$need" ]; then
    apt-get update -qq && apt-get install -y -qq $need >/dev/null
fi
jobs="$(nproc 2>/dev/null || echo 2)"
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DBUILD_SHARED_LIBS=ON >/dev/null
cmake --build build-test -j"$jobs"
ctest --test-dir build-test --output-on-failure -j"$jobs"
