#!/bin/bash
# Extended reliability checks (issue 9 items 2-6; docs/reliability.md):
#   1. clang ASan + UBSan build of the whole suite (-fno-sanitize-recover=all)
#   2. clang TSan: the thread stress test (8 threads x 10^4 plans)
#   3. valgrind --tool=helgrind: the thread stress test (smaller counts)
#   4. gcc --coverage build of the suite, gcovr on src/ with gates
#   5. determinism: gcc vs clang Release tools, every golden input in text
#      and JSON, also with ASLR off (setarch -R) and in three locales
#   6. limits benchmark (Release): statuses at limit-1/limit/limit+1, times
# Each step prints a header and the script stops at the first failure.
# Usage: tests/reliability/run_extended.sh [step...]   (default: all steps;
# step names: asan-clang tsan helgrind coverage determinism limits)
# Environment: JOBS (default nproc), COVERAGE_LINE / COVERAGE_BRANCH (the
# gates, default the levels docs/reliability.md records).
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
jobs="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(asan-clang tsan helgrind coverage determinism limits)

# Gates at the levels the suite reaches (measured; docs/reliability.md).
COVERAGE_LINE="${COVERAGE_LINE:-97}"
COVERAGE_BRANCH="${COVERAGE_BRANCH:-91}"

need=""
command -v clang >/dev/null 2>&1 || need="$need clang libclang-rt-14-dev"
command -v valgrind >/dev/null 2>&1 || need="$need valgrind"
command -v gcovr >/dev/null 2>&1 || need="$need gcovr"
[ -f /usr/include/cmocka.h ] || need="$need libcmocka-dev"
if [ -n "$need" ]; then
    apt-get update -qq && apt-get install -y -qq $need >/dev/null
fi

header() { echo; echo "== $*"; }
t_start=$SECONDS
step_done() { echo "-- ok ($((SECONDS - t_start)) s so far)"; }

for step in "${steps[@]}"; do
case "$step" in
asan-clang)
    header "clang ASan + UBSan: the whole suite (preset asan-ubsan-clang)"
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    cmake --preset asan-ubsan-clang >/dev/null
    cmake --build build-asan-clang -j"$jobs" >/dev/null
    ctest --test-dir build-asan-clang --output-on-failure -j"$jobs"
    unset ASAN_OPTIONS UBSAN_OPTIONS
    step_done ;;
tsan)
    header "clang TSan: rel_thread_stress, 8 threads x 10^4 plans (preset tsan)"
    cmake --preset tsan >/dev/null
    cmake --build build-tsan -j"$jobs" --target rel_thread_stress >/dev/null
    TSAN_OPTIONS="halt_on_error=1:exitcode=66:second_deadlock_stack=1" \
        build-tsan/tests/reliability/rel_thread_stress
    step_done ;;
helgrind)
    header "valgrind --tool=helgrind: rel_thread_stress, 8 threads x 1000 plans"
    cmake --preset release >/dev/null
    cmake --build build-release -j"$jobs" --target rel_thread_stress >/dev/null
    REL_STRESS_PLANS=1000 valgrind --tool=helgrind --error-exitcode=1 -q \
        build-release/tests/reliability/rel_thread_stress
    step_done ;;
coverage)
    header "coverage: gcc --coverage build of the suite, gcovr on src/ (preset coverage)"
    cmake --preset coverage >/dev/null
    find build-coverage -name '*.gcda' -delete 2>/dev/null || true
    cmake --build build-coverage -j"$jobs" >/dev/null
    ctest --test-dir build-coverage -j"$jobs" --output-on-failure | tail -3
    # Every object built from src/ counts (the shipped library and the
    # static copy the internal tests link): gcovr merges them per file.
    g=(gcovr -r "$root" --object-directory build-coverage --filter 'src/'
       --exclude-unreachable-branches
       --exclude-directories "$root/build-coverage/tests/consumer"
       --exclude-directories "$root/build-coverage/CMakeFiles/[0-9]")
    echo "-- lines per file:"
    "${g[@]}" --sort-percentage --txt
    echo "-- branches per file:"
    "${g[@]}" --sort-percentage --branches --txt
    echo "-- totals, gated at line >= $COVERAGE_LINE %, branch >= $COVERAGE_BRANCH %:"
    # gcovr replaces its output file, so never name /dev/null here.
    "${g[@]}" --print-summary --txt build-coverage/coverage-summary.txt \
        --fail-under-line "$COVERAGE_LINE" --fail-under-branch "$COVERAGE_BRANCH"
    step_done ;;
determinism)
    header "determinism: gcc vs clang Release tools on every golden input (text and JSON, ASLR off, locales)"
    cmake --preset release >/dev/null
    cmake --build build-release -j"$jobs" --target crjit_cli >/dev/null
    cmake --preset clang >/dev/null
    cmake --build build-clang -j"$jobs" --target crjit_cli >/dev/null
    out="$root/build-release/determinism"
    rm -rf "$out"; mkdir -p "$out"
    locales=(C)
    for l in tr_TR.UTF-8 de_DE.UTF-8; do
        if locale -a 2>/dev/null | grep -qi "^${l%%.*}\.utf-\?8$"; then locales+=("$l"); fi
    done
    aslr_off=""
    if setarch "$(uname -m)" -R true 2>/dev/null; then aslr_off="setarch $(uname -m) -R"; fi
    n=0
    cd tests/cli
    for args in *.args; do
        c="${args%.args}"
        mapfile -t argv < <(grep -v '^$' "$args")
        jargv=("${argv[@]}")
        if [ "${argv[0]}" = explain ] && ! printf '%s\n' "${argv[@]}" | grep -qx -- --json; then
            jargv=(explain --json "${argv[@]:1}")
        fi
        for mode in text json; do
            if [ $mode = text ]; then a=("${argv[@]}"); else a=("${jargv[@]}"); fi
            rc=0; "$root/build-release/examples/crjit" "${a[@]}" >"$out/$c.$mode.gcc" 2>&1 || rc=$?
            echo "rc=$rc" >>"$out/$c.$mode.gcc"
            for l in "${locales[@]}"; do
                for who in gcc clang; do
                    rc=0; LC_ALL="$l" $aslr_off "$root/build-$([ $who = gcc ] && echo release || echo clang)/examples/crjit" \
                        "${a[@]}" >"$out/$c.$mode.$who.$l" 2>&1 || rc=$?
                    echo "rc=$rc" >>"$out/$c.$mode.$who.$l"
                    if ! cmp -s "$out/$c.$mode.gcc" "$out/$c.$mode.$who.$l"; then
                        echo "DIFFERENT: $c ($mode, $who, LC_ALL=$l${aslr_off:+, ASLR off})"
                        diff "$out/$c.$mode.gcc" "$out/$c.$mode.$who.$l" | head -20
                        exit 1
                    fi
                    n=$((n + 1))
                done
            done
        done
    done
    cd "$root"
    echo "identical: $n outputs (cases x {text,json} x {gcc,clang} x locales {${locales[*]}}${aslr_off:+, ASLR off}) equal the gcc default run"
    step_done ;;
limits)
    header "limits benchmark (Release): statuses at limit-1/limit/limit+1, times against the documented bounds"
    cmake --preset release >/dev/null
    cmake --build build-release -j"$jobs" --target rel_limits_bench >/dev/null
    build-release/tests/reliability/rel_limits_bench
    step_done ;;
*)
    echo "unknown step: $step" >&2; exit 2 ;;
esac
done
echo
echo "== extended reliability checks passed ($((SECONDS - t_start)) s)"
