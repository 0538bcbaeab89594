/* Allocation bounds per plan (issue 9 item 2; engineering.md §6.1 "Chaos
 * allocator": an upper bound on allocations per API call catches accidental
 * quadratic or per-item allocation).  Counted with the counting allocator
 * around crjit_plan_new only:
 *   - bodies: the same arguments planned over 10 and over 10,000 compiled
 *     bodies (a filtered walk and a walk of everything) make exactly the
 *     same number of allocations: nothing is O(bodies);
 *   - arguments: n = 10 … 10^4 arguments of several kinds cost at most
 *     PLAN_BASE + PLAN_PER_ARG * n allocations, and building the list at most
 *     ARGS_BASE + ARGS_PER_ARG * n;
 *   - peak live allocations follow the same bound. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crjit.h"
#include "rel_alloc.h"

/* The argument texts below are printf formats taking the index. */
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif

/* Bounds (allocations).  Measured values are printed; see
 * docs/reliability.md. */
#define PLAN_BASE 64u
#define PLAN_PER_ARG_NUM 1u /* per-argument slope ≤ 1/32: only amortised */
#define PLAN_PER_ARG_DEN 32u /* array growth, never one allocation per arg */
#define ARGS_BASE 8u
#define ARGS_PER_ARG_NUM 1u
#define ARGS_PER_ARG_DEN 8u

static rel_alloc A;

static uint64_t fixed_uid(void *user)
{
    (void)user;
    return 42;
}

static crjit_codecache *make_cache(crjit_ctx *ctx, size_t n)
{
    crjit_codecache *cache = NULL;
    char cls[64], name[32];
    size_t i;

    REL_CHECK(crjit_codecache_new(ctx, &cache) == CRJIT_OK, "codecache_new");
    for (i = 0; i < n; i++) {
        crjit_body b;
        (void)snprintf(cls, sizeof cls, "com/example/pkg%zu/C%zu", i % 7, i);
        (void)snprintf(name, sizeof name, "m%zu", i);
        b.class_name = cls;
        b.class_len = strlen(cls);
        b.method_name = name;
        b.method_len = strlen(name);
        b.descriptor = "(I)V";
        b.descriptor_len = 4;
        b.flags = CRJIT_BODY_HAS_BODY_INFO | CRJIT_BODY_PRE_CHECKPOINT |
                  (i % 11 == 0 ? CRJIT_BODY_ON_STACK : 0u);
        REL_CHECK(crjit_codecache_add(cache, &b) == CRJIT_OK, "codecache_add");
    }
    return cache;
}

typedef struct counts {
    size_t plan_allocs;
    size_t plan_peak;
    size_t args_allocs;
    size_t invalidated;
} counts;

/* Plan texts[] (n_texts of them, repeated to n entries with %zu replaced by
 * the index) over cache. */
static counts plan_with(crjit_ctx *ctx, crjit_codecache *cache,
                        const char *const *texts, size_t n_texts, size_t n)
{
    crjit_args *args = NULL;
    crjit_plan *plan = NULL;
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_host_ops ops;
    counts c;
    size_t i, t0, live0;
    char buf[128];

    t0 = A.total;
    REL_CHECK(crjit_args_new(ctx, &args) == CRJIT_OK, "args_new");
    for (i = 0; i < n; i++) {
        (void)snprintf(buf, sizeof buf, texts[i % n_texts], i);
        REL_CHECK(crjit_args_add_cstr(args, buf, CRJIT_SOURCE_COMMAND_LINE) ==
                      CRJIT_OK,
                  "args_add");
    }
    c.args_allocs = A.total - t0;
    crjit_codecache_host_ops(cache, &ops);
    in.args = args;
    in.host_ops = &ops;
    in.host_user = cache;
    in.random_uid = fixed_uid;
    t0 = A.total;
    live0 = A.live;
    A.peak_live = A.live;
    REL_CHECK(crjit_plan_new(ctx, &in, &plan) == CRJIT_OK, "plan_new");
    c.plan_allocs = A.total - t0;
    c.plan_peak = A.peak_live - live0;
    crjit_plan_invalidation_counts(plan, &c.invalidated, NULL);
    crjit_plan_free(plan);
    crjit_args_free(args);
    return c;
}

static const char *const filtered[] = {
    "-Xjit:exclude={com/example/pkg3/*}", "-Dx=1" };
static const char *const everything[] = { "-Xjit:exclude={*}" };
static const char *const limit[] = { "-Xjit:limit={com/example/pkg1/*|*.m7}",
                                     "-Xshareclasses:disableOnRestore" };

static const char *const kinds_props[] = { "-Dprop%zu=value" };
static const char *const kinds_unknown[] = { "-Xbogus%zu" };
static const char *const kinds_mixed[] = {
    "-Dp%zu=v", "-Xjit:count=%zu", "-XX:JITServerPort=%zu", "-Xunknown%zu",
    "-Xrs:syncOnRestore", "-Xjit:exclude={pkg%zu/*}" };

static void check_bodies(crjit_ctx *ctx, const char *what,
                         const char *const *texts, size_t n_texts)
{
    crjit_codecache *small = make_cache(ctx, 10);
    crjit_codecache *big = make_cache(ctx, 10000);
    counts s = plan_with(ctx, small, texts, n_texts, n_texts);
    counts b = plan_with(ctx, big, texts, n_texts, n_texts);

    printf("bodies  %-10s 10 bodies: %3zu allocations (peak live %3zu, "
           "%zu invalidated); 10000 bodies: %3zu (peak live %3zu, %zu "
           "invalidated)\n",
           what, s.plan_allocs, s.plan_peak, s.invalidated, b.plan_allocs,
           b.plan_peak, b.invalidated);
    REL_CHECK(b.invalidated > s.invalidated, "%s: the walk selected nothing",
              what);
    REL_CHECK(b.plan_allocs == s.plan_allocs && b.plan_peak == s.plan_peak,
              "%s: planning allocates per body (%zu vs %zu)", what,
              b.plan_allocs, s.plan_allocs);
    REL_CHECK(s.plan_allocs <= PLAN_BASE, "%s: %zu allocations > %u", what,
              s.plan_allocs, PLAN_BASE);
    crjit_codecache_free(small);
    crjit_codecache_free(big);
}

static void check_args(crjit_ctx *ctx, const char *what,
                       const char *const *texts, size_t n_texts)
{
    static const size_t ns[] = { 10, 100, 1000, 10000 };
    crjit_codecache *cache = make_cache(ctx, 100);
    size_t i;

    for (i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        size_t n = ns[i];
        counts c = plan_with(ctx, cache, texts, n_texts, n);
        size_t plan_bound = PLAN_BASE + PLAN_PER_ARG_NUM * n / PLAN_PER_ARG_DEN;
        size_t args_bound = ARGS_BASE + ARGS_PER_ARG_NUM * n / ARGS_PER_ARG_DEN;
        printf("args    %-10s n=%5zu: plan %4zu allocations (bound %4zu, "
               "peak live %4zu); list %4zu (bound %4zu)\n",
               what, n, c.plan_allocs, plan_bound, c.plan_peak, c.args_allocs,
               args_bound);
        REL_CHECK(c.plan_allocs <= plan_bound && c.plan_peak <= plan_bound,
                  "%s n=%zu: %zu plan allocations > %zu", what, n,
                  c.plan_allocs, plan_bound);
        REL_CHECK(c.args_allocs <= args_bound,
                  "%s n=%zu: %zu list allocations > %zu", what, n,
                  c.args_allocs, args_bound);
    }
    crjit_codecache_free(cache);
}

int main(void)
{
    crjit_config cfg = CRJIT_CONFIG_INIT;
    crjit_ctx *ctx = NULL;

    cfg.allocator = rel_allocator(&A);
    REL_CHECK(crjit_ctx_new(&cfg, &ctx) == CRJIT_OK, "ctx_new");
    check_bodies(ctx, "filtered", filtered, 2);
    check_bodies(ctx, "all", everything, 1);
    check_bodies(ctx, "limit", limit, 2);
    check_args(ctx, "props", kinds_props, 1);
    check_args(ctx, "unknown", kinds_unknown, 1);
    check_args(ctx, "mixed", kinds_mixed, 6);
    crjit_ctx_free(ctx);
    REL_CHECK(A.live == 0, "%zu allocations live after the context", A.live);
    printf("allocation bounds: all passed\n");
    return 0;
}
