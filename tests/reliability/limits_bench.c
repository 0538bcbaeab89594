/* Time bounds of the documented limits (issue 9 item 4; engineering.md
 * §6.2 G5).  A benchmark, not a timed test: it checks the statuses at
 * limit-1, limit and limit+1 (a wrong status fails it), and prints the wall
 * time (best of REL_BENCH_REPEAT runs, default 3) and peak heap of planning
 * at the limit next to the bound docs/reliability.md states.  Exceeding a
 * bound prints OVER; with --enforce it also fails (exit 1).  Build Release.
 * Usage: rel_limits_bench [--enforce] [--quick] */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crjit.h"
#include "rel_alloc.h"

static rel_alloc A;
static crjit_ctx *ctx;
static int repeat = 3, over, enforce;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t fixed_uid(void *user)
{
    (void)user;
    return 7;
}

static void report(const char *what, double seconds, double bound,
                   size_t peak_bytes, size_t bound_bytes)
{
    bool bad = seconds > bound || (bound_bytes != 0 && peak_bytes > bound_bytes);
    printf("%-58s %9.3f ms (bound %7.1f ms)", what, seconds * 1e3,
           bound * 1e3);
    if (bound_bytes != 0)
        printf("  peak heap %6.1f MiB (bound %.0f MiB)",
               (double)peak_bytes / 1048576.0,
               (double)bound_bytes / 1048576.0);
    printf("%s\n", bad ? "  OVER" : "");
    if (bad)
        over++;
}

/* Plan args; returns the best time and the peak heap of planning. */
static double time_plan(const crjit_args *args, size_t *peak, bool *accepted,
                        size_t *diags)
{
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    double best = 1e30;
    int r;

    in.args = args;
    in.random_uid = fixed_uid;
    for (r = 0; r < repeat; r++) {
        crjit_plan *plan = NULL;
        size_t base = A.live_bytes;
        double t0;
        A.peak_bytes = A.live_bytes;
        t0 = now();
        REL_CHECK(crjit_plan_new(ctx, &in, &plan) == CRJIT_OK, "plan_new");
        t0 = now() - t0;
        if (t0 < best)
            best = t0;
        *peak = A.peak_bytes - base;
        *accepted = crjit_plan_accepted(plan);
        *diags = crjit_plan_diag_count(plan);
        crjit_plan_free(plan);
    }
    return best;
}

static crjit_args *new_args(void)
{
    crjit_args *args = NULL;
    REL_CHECK(crjit_args_new(ctx, &args) == CRJIT_OK, "args_new");
    return args;
}

static void expect(crjit_status got, crjit_status want, const char *what)
{
    REL_CHECK(got == want, "%s: %s, expected %s", what,
              crjit_status_name(got), crjit_status_name(want));
}

/* --- 10^6 arguments: CRJIT_MAX_ARGS ---------------------------------------- */
static void bench_args(void)
{
    crjit_args *args = new_args();
    char buf[32];
    size_t i, peak, diags;
    double t0, add_time, plan_time;
    bool accepted;

    /* "-Dp0001234=v": 12 bytes, so 2^20 of them stay under
     * CRJIT_MAX_TOTAL_BYTES. */
    t0 = now();
    for (i = 0; i < CRJIT_MAX_ARGS; i++) {
        int n = snprintf(buf, sizeof buf, "-Dp%07zu=v", i);
        expect(crjit_args_add(args, buf, (size_t)n, CRJIT_SOURCE_COMMAND_LINE),
               CRJIT_OK, i + 1 == CRJIT_MAX_ARGS ? "arg #limit" :
               i + 2 == CRJIT_MAX_ARGS ? "arg #limit-1" : "arg");
    }
    add_time = now() - t0;
    expect(crjit_args_add_cstr(args, "-Dextra=1", CRJIT_SOURCE_COMMAND_LINE),
           CRJIT_E_LIMIT, "arg #limit+1");
    REL_CHECK(crjit_args_count(args) == CRJIT_MAX_ARGS,
              "a refused argument was appended");
    plan_time = time_plan(args, &peak, &accepted, &diags);
    report("2^20 arguments (limit): building the list", add_time, 1.0, 0, 0);
    report("2^20 arguments (limit): planning", plan_time, 1.0, peak,
           64u << 20);
    crjit_args_free(args);
}

/* --- 1 MiB -Xjit: string: CRJIT_MAX_ARG_BYTES --------------------------------- */
static char *xjit_text(size_t len, const char *item)
{
    char *t = malloc(len + 1);
    size_t n = 0, il = strlen(item);

    REL_CHECK(t != NULL, "malloc");
    memcpy(t, "-Xjit:", 6);
    n = 6;
    while (n + il + 1 <= len) {
        memcpy(t + n, item, il);
        n += il;
        t[n++] = ',';
    }
    while (n < len) /* pad the last value to the exact length */
        t[n++] = '0';
    t[len] = '\0';
    return t;
}

static void bench_xjit(const char *what, const char *item, double bound)
{
    size_t lens[3] = { CRJIT_MAX_ARG_BYTES - 1, CRJIT_MAX_ARG_BYTES,
                       CRJIT_MAX_ARG_BYTES + 1 };
    int i;

    for (i = 0; i < 3; i++) {
        char *t = xjit_text(lens[i], item);
        crjit_args *args = new_args();
        crjit_status st = crjit_args_add(args, t, lens[i],
                                         CRJIT_SOURCE_COMMAND_LINE);
        char label[128];
        size_t peak, diags;
        bool accepted;

        expect(st, i < 2 ? CRJIT_OK : CRJIT_E_LIMIT, what);
        if (i == 1) {
            double s = time_plan(args, &peak, &accepted, &diags);
            (void)snprintf(label, sizeof label, "1 MiB -Xjit: (limit), %s",
                           what);
            report(label, s, bound, peak, 64u << 20);
        }
        crjit_args_free(args);
        free(t);
    }
}

/* --- 10^5-deep brackets -------------------------------------------------------- */
static void bench_brackets(const char *what, const char *prefix, char open,
                           char close, size_t depth)
{
    size_t pl = strlen(prefix), len = pl + depth * (close ? 2 : 1), i;
    char *t = malloc(len + 1);
    crjit_args *args = new_args();
    crjit_filters *f = NULL;
    size_t peak, diags, off = 0;
    bool accepted;
    char label[128];
    double s, t0;

    REL_CHECK(t != NULL, "malloc");
    memcpy(t, prefix, pl);
    for (i = 0; i < depth; i++)
        t[pl + i] = open;
    if (close)
        for (i = 0; i < depth; i++)
            t[pl + depth + i] = close;
    t[len] = '\0';
    expect(crjit_args_add(args, t, len, CRJIT_SOURCE_COMMAND_LINE), CRJIT_OK,
           what);
    s = time_plan(args, &peak, &accepted, &diags);
    (void)snprintf(label, sizeof label, "10^5-deep %s: planning", what);
    report(label, s, 0.010, peak, 0);
    /* the same text straight to the filter compiler (after "exclude=") */
    if (strncmp(prefix, "-Xjit:exclude=", 14) == 0) {
        REL_CHECK(crjit_filters_new(ctx, &f) == CRJIT_OK, "filters_new");
        t0 = now();
        (void)crjit_filters_add(f, CRJIT_FILTER_EXCLUDE, t + 14, len - 14,
                                &off);
        t0 = now() - t0;
        (void)snprintf(label, sizeof label, "10^5-deep %s: crjit_filters_add",
                       what);
        report(label, t0, 0.010, 0, 0);
        crjit_filters_free(f);
    }
    crjit_args_free(args);
    free(t);
}

/* --- 16 MiB in total: CRJIT_MAX_TOTAL_BYTES --------------------------------- */
static void bench_total(void)
{
    size_t n = CRJIT_MAX_ARG_BYTES, i, peak, diags;
    char *t = malloc(n + 1);
    crjit_args *args = new_args();
    bool accepted;
    double s;

    REL_CHECK(t != NULL, "malloc");
    memset(t, 'x', n);
    memcpy(t, "-Dbig=", 6);
    for (i = 0; i < CRJIT_MAX_TOTAL_BYTES / n; i++)
        expect(crjit_args_add(args, t, n, CRJIT_SOURCE_COMMAND_LINE), CRJIT_OK,
               "total bytes at the limit");
    expect(crjit_args_add(args, "-", 1, CRJIT_SOURCE_COMMAND_LINE),
           CRJIT_E_LIMIT, "total bytes limit+1");
    s = time_plan(args, &peak, &accepted, &diags);
    report("16 MiB of arguments (limit): planning", s, 1.0, peak, 64u << 20);
    crjit_args_free(args);
    free(t);
}

int main(int argc, char **argv)
{
    crjit_config cfg = CRJIT_CONFIG_INIT;
    const char *env = getenv("REL_BENCH_REPEAT");
    bool quick = false;
    int i;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--enforce") == 0)
            enforce = 1;
        else if (strcmp(argv[i], "--quick") == 0)
            quick = true;
    }
    if (env != NULL && atoi(env) > 0)
        repeat = atoi(env);
    if (quick)
        repeat = 1;
    cfg.allocator = rel_allocator(&A);
    REL_CHECK(crjit_ctx_new(&cfg, &ctx) == CRJIT_OK, "ctx_new");

    bench_brackets("'{' (unclosed exclude=)", "-Xjit:exclude=", '{', 0,
                   100000);
    bench_brackets("'{...}' (balanced exclude=)", "-Xjit:exclude=", '{', '}',
                   100000);
    bench_brackets("'[' (unclosed class)", "-Xjit:exclude=", '[', 0, 100000);
    bench_brackets("'(' (option subsets)", "-Xjit:", '(', 0, 100000);
    bench_brackets("'(...)' (balanced)", "-Xjit:", '(', ')', 100000);
    bench_xjit("known sub-options (count=1000)", "count=1000", 0.5);
    bench_xjit("one exclude= filter per item", "exclude={java/lang/*}", 0.5);
    bench_xjit("unknown sub-options", "noSuchOptionHere", 0.5);
    bench_args();
    bench_total();

    crjit_ctx_free(ctx);
    REL_CHECK(A.live == 0, "%zu allocations live", A.live);
    printf("limits: statuses at limit-1/limit/limit+1 as documented; %d "
           "bound%s exceeded\n", over, over == 1 ? "" : "s");
    return enforce && over ? 1 : 0;
}
