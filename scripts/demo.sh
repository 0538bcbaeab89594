#!/bin/sh
# Build libcrjit and the crjit tool, then explain the built-in example
# restore.  Installs the build tools with apt-get when they are missing.
set -eu
cd "$(dirname "$0")/.."
need=""
command -v cmake >/dev/null 2>&1 || need="$need cmake"
command -v cc >/dev/null 2>&1 || need="$need gcc"
command -v make >/dev/null 2>&1 || need="$need make"
if [ -n "$need" ]; then
    apt-get update -qq && apt-get install -y -qq $need >/dev/null
fi
cmake -S . -B build-demo -DCMAKE_BUILD_TYPE=Release -DCRJIT_BUILD_TESTS=OFF >/dev/null
cmake --build build-demo -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
exec ./build-demo/examples/crjit explain --example
