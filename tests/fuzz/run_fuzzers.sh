#!/usr/bin/env bash
# Build the libFuzzer targets with clang and run each for N seconds
# (default 60) under ASan+UBSan.  See tests/fuzz/README.md.
#
#   bash tests/fuzz/run_fuzzers.sh [SECONDS] [TARGET...]
#
# Environment: CC (default clang), BUILD_DIR (default build-fuzz),
# FUZZ_JOBS (targets run at the same time, default 1).
#
# Each target runs on a copy of its seed corpus (tests/fuzz/corpus/<t>/ and
# tests/fuzz/regressions/<t>/), so runs never grow the committed corpus.
# Crash, leak, timeout and OOM inputs are copied to
# tests/fuzz/regressions/<t>/<t>-<kind>-<hash> for committing; the script
# fails if any target found one.  Per-target logs end in libFuzzer's final
# stats (stat::number_of_executed_units etc.).
set -u

seconds=${1:-60}
shift || true
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BUILD_DIR:-$root/build-fuzz}
case $build in /*) ;; *) build=$root/$build ;; esac
jobs=${FUZZ_JOBS:-1}
all_targets="fuzz_args fuzz_xjit fuzz_filter fuzz_plan fuzz_tool"
targets=${*:-$all_targets}

CC=${CC:-clang} cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCRJIT_BUILD_FUZZERS=ON -DCRJIT_BUILD_TOOLS=OFF -DCRJIT_INSTALL=OFF \
    >"$build.configure.log" 2>&1 || {
    cat "$build.configure.log"
    echo "run_fuzzers: configure failed" >&2
    exit 2
}
# shellcheck disable=SC2086
cmake --build "$build" -j "$(nproc)" --target $targets || {
    echo "run_fuzzers: build failed" >&2
    exit 2
}

work=$build/fuzz-work
mkdir -p "$work"

run_one() {
    local t=$1 dir=$work/$1
    rm -rf "$dir"
    mkdir -p "$dir/corpus" "$dir/artifacts"
    cp "$here/corpus/$t"/* "$dir/corpus/" 2>/dev/null
    find "$here/regressions/$t" -maxdepth 1 -type f ! -name '.*' \
        -exec cp {} "$dir/corpus/" \;
    # stdin from /dev/null: nothing may block on it.  A fresh TMPDIR keeps
    # the fuzz_tool fixtures apart.
    mkdir -p "$dir/tmp"
    (cd "$dir" && TMPDIR=$dir/tmp "$build/tests/fuzz/$t" \
        -max_total_time="$seconds" -timeout=5 -rss_limit_mb=512 \
        -malloc_limit_mb=64 -max_len=8192 -print_final_stats=1 \
        -dict="$here/crjit.dict" -artifact_prefix="$dir/artifacts/" \
        "$dir/corpus" </dev/null >"$dir/log" 2>&1)
    echo $? >"$dir/status"
}

if [ "$jobs" -gt 1 ]; then
    running=0
    for t in $targets; do
        run_one "$t" &
        running=$((running + 1))
        if [ "$running" -ge "$jobs" ]; then
            wait -n
            running=$((running - 1))
        fi
    done
    wait
else
    for t in $targets; do
        echo "run_fuzzers: $t for ${seconds}s"
        run_one "$t"
    done
fi

failed=0
for t in $targets; do
    dir=$work/$t
    rc=$(cat "$dir/status")
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$dir/log" | tail -1)
    corpus=$(find "$dir/corpus" -type f | wc -l)
    found=0
    for f in "$dir"/artifacts/*; do
        [ -f "$f" ] || continue
        found=1
        base=$(basename "$f")
        mkdir -p "$here/regressions/$t"
        cp "$f" "$here/regressions/$t/$t-$base"
        echo "run_fuzzers: $t: saved $here/regressions/$t/$t-$base"
    done
    printf 'run_fuzzers: %-12s exit %s, %s executions, %s, corpus %s\n' \
        "$t" "$rc" "${execs:-?}" "${cov:-cov: ?}" "$corpus"
    if [ "$rc" != 0 ] || [ "$found" != 0 ]; then
        failed=1
        echo "run_fuzzers: $t FAILED; log: $dir/log" >&2
        grep -E 'ERROR|SUMMARY|fuzz invariant|==[0-9]+==' "$dir/log" | head -20 >&2
    fi
done
exit $failed
