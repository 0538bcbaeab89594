#!/bin/sh
# Instruction count of the E2E "typical app" restore (200k methods, 7k
# bodies, 30 args, 10 filters) under callgrind: stable across runs, unlike
# time.  Counts only inside bench_e2e_lib (the library: argument list, plan
# with its counting walk, apply) and bench_e2e_oj9 (the OJ9-faithful
# baseline), not the input generation.
#
#   tests/bench/callgrind.sh [path/to/crjit_bench]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bench=${1:-$here/../../build-bench/tests/bench/crjit_bench}
if [ ! -x "$bench" ]; then
    echo "callgrind.sh: $bench not built (cmake --build <dir> --target crjit_bench)" >&2
    exit 2
fi
command -v valgrind >/dev/null 2>&1 || { echo "callgrind.sh: valgrind not found" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
count() {
    valgrind --tool=callgrind --collect-atstart=no --toggle-collect="$1" \
        --callgrind-out-file="$out/$1.out" "$bench" --callgrind \
        >"$out/$1.log" 2>&1
    # "totals:" (or "summary:") carries the collected Ir.
    awk '/^(totals|summary):/ { print $2; exit }' "$out/$1.out"
}
lib=$(count bench_e2e_lib)
oj9=$(count bench_e2e_oj9)
echo "callgrind.e2e.lib_instructions=$lib"
echo "callgrind.e2e.oj9_instructions=$oj9"
awk -v l="$lib" -v o="$oj9" 'BEGIN { if (l > 0) printf "callgrind.e2e.oj9_over_lib=%.2f\n", o / l }'
