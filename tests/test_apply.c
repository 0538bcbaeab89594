/* crjit_apply over the reference code cache (semantics.md B-50…B-57,
 * product.md §2 and DV-1): what apply invalidates, forgets and purges, what
 * it reports, how it fails, and what the optional host switches receive.
 *
 * Expectations come from the rules, not from the implementation.  The call
 * counters of the reference cache are read through the static inline
 * accessors of src/codecache.h. */
#include "testutil.h"

#include "../src/codecache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MAXA 6

/* The sample code cache (as in test_plan.c):
 *   0 java/lang/String.hashCode()I   body info
 *   1 java/lang/String.length()I     body info
 *   2 java/lang/Object.hashCode()I   native: no body info (B-57.1)
 *   3 app/Main.run()V                AOT-loaded, body info
 *   4 app/Main.loop(I)V              on a thread stack (B-57.2)
 *   5 app/Util.helper()V             body info
 *   6 app/Util.cold()V               no body info */
#define METHODS                                                             \
    "java/lang/String.hashCode()I\n"                                        \
    "java/lang/String.length()I\n"                                          \
    "java/lang/Object.hashCode()I native\n"                                 \
    "app/Main.run()V aot\n"                                                 \
    "app/Main.loop(I)V on-stack\n"                                          \
    "app/Util.helper()V\n"                                                  \
    "app/Util.cold()V no-body-info\n"

#define SUFFIX ".%Y%m%d.%H%M%S.%pid"

/* ---- a host that wraps the reference cache -------------------------------- */

typedef struct whost {
    crjit_codecache *cache;
    crjit_host_ops inner;
    size_t calls;                 /* every callback */
    size_t body_count_calls, get_calls;
    size_t inv_calls, forget_calls, purge_calls;
    size_t fail_body_count, fail_get_at, fail_inv_at, fail_forget_at;
    size_t fail_purge, fail_set_compiler, fail_threads, fail_vlog;
    size_t set_compiler_calls;
    bool jit, aot;
    size_t threads_calls;
    unsigned threads;
    size_t vlog_calls;
    int vlog_action;
    char vlog_file[128];
} whost;

static int w_body_count(void *user, size_t *count)
{
    whost *h = user;
    h->calls++;
    h->body_count_calls++;
    if (h->fail_body_count)
        return -1;
    return h->inner.body_count(h->cache, count);
}

static int w_get_bodies(void *user, size_t first, crjit_body *out,
                        size_t max, size_t *got)
{
    whost *h = user;
    h->calls++;
    h->get_calls++;
    if (h->get_calls == h->fail_get_at)
        return -1;
    return h->inner.get_bodies(h->cache, first, out, max, got);
}

static int w_invalidate(void *user, size_t index)
{
    whost *h = user;
    h->calls++;
    h->inv_calls++;
    if (h->inv_calls == h->fail_inv_at)
        return 5;
    return h->inner.invalidate(h->cache, index);
}

static int w_forget(void *user, size_t index)
{
    whost *h = user;
    h->calls++;
    h->forget_calls++;
    if (h->forget_calls == h->fail_forget_at)
        return 5;
    return h->inner.forget_memoized(h->cache, index);
}

static int w_purge(void *user)
{
    whost *h = user;
    h->calls++;
    h->purge_calls++;
    if (h->fail_purge)
        return 5;
    return h->inner.purge_memoized(h->cache);
}

static int w_set_compiler(void *user, bool jit, bool aot)
{
    whost *h = user;
    h->calls++;
    h->set_compiler_calls++;
    h->jit = jit;
    h->aot = aot;
    return h->fail_set_compiler ? 1 : 0;
}

static int w_threads(void *user, unsigned count)
{
    whost *h = user;
    h->calls++;
    h->threads_calls++;
    h->threads = count;
    return h->fail_threads ? 1 : 0;
}

static int w_open_vlog(void *user, int action, const char *file)
{
    whost *h = user;
    h->calls++;
    h->vlog_calls++;
    h->vlog_action = action;
    (void)snprintf(h->vlog_file, sizeof h->vlog_file, "%s",
                   file != NULL ? file : "(null)");
    return h->fail_vlog ? 1 : 0;
}

static void whost_init(whost *h, crjit_codecache *cache, crjit_host_ops *ops,
                       bool switches)
{
    crjit_host_ops init = CRJIT_HOST_OPS_INIT;
    memset(h, 0, sizeof *h);
    h->cache = cache;
    crjit_codecache_host_ops(cache, &h->inner);
    *ops = init;
    ops->body_count = w_body_count;
    ops->get_bodies = w_get_bodies;
    ops->invalidate = w_invalidate;
    ops->forget_memoized = w_forget;
    ops->purge_memoized = w_purge;
    if (switches) {
        ops->set_compiler = w_set_compiler;
        ops->set_compilation_threads = w_threads;
        ops->open_vlog = w_open_vlog;
    }
}

/* ---- a planned restore over the reference cache ------------------------- */

typedef struct env {
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *pre;
    crjit_args *args;
    crjit_checkpoint_state ck;
    crjit_codecache *cache;
    crjit_host_ops ops;
    crjit_plan *plan;
} env;

static crjit_codecache *new_cache(crjit_ctx *ctx, const char *text)
{
    crjit_codecache *cache = NULL;
    assert_int_equal(crjit_codecache_new(ctx, &cache), CRJIT_OK);
    assert_int_equal(crjit_codecache_load(cache, text, strlen(text), NULL),
                     CRJIT_OK);
    return cache;
}

static void env_open(env *e, const char *const *pre, const char *const *argv,
                     const char *methods)
{
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    memset(e, 0, sizeof *e);
    e->ctx = test_ctx(&e->st, CRJIT_POLICY_REFERENCE);
    crjit_checkpoint_init(&e->ck);
    if (pre != NULL && pre[0] != NULL) {
        e->pre = test_args(e->ctx, pre);
        assert_int_equal(crjit_checkpoint_from_args(e->pre, &e->ck),
                         CRJIT_OK);
    }
    e->args = test_args(e->ctx, argv);
    e->cache = new_cache(e->ctx, methods != NULL ? methods : METHODS);
    crjit_codecache_host_ops(e->cache, &e->ops);
    in.args = e->args;
    in.checkpoint = &e->ck;
    in.host_ops = &e->ops;
    in.host_user = e->cache;
    assert_int_equal(crjit_plan_new(e->ctx, &in, &e->plan), CRJIT_OK);
}

static void env_close(env *e)
{
    crjit_plan_free(e->plan);
    crjit_codecache_free(e->cache);
    crjit_args_free(e->args);
    crjit_args_free(e->pre);
    crjit_ctx_free(e->ctx);
    assert_int_equal(e->st.live, 0);
}

static void assert_untouched(const crjit_codecache *cache)
{
    size_t i;
    for (i = 0; i < crjit_codecache_count(cache); i++) {
        assert_false(crjit_codecache_invalidated(cache, i));
        assert_int_equal(crjit__codecache_forgotten(cache, i), 0);
    }
    assert_int_equal(crjit__codecache_invalidations(cache), 0);
    assert_int_equal(crjit__codecache_forgets(cache), 0);
    assert_int_equal(crjit__codecache_purges(cache), 0);
}

/* ---- table: what apply does to the cache ------------------------------- */

typedef struct apply_case {
    const char *name;
    const char *pre[MAXA + 1];
    const char *argv[MAXA + 1];
    crjit_invalidation scope;
    const char *invalidated; /* per body: 'I' invalidated, '.' not */
    const char *forgotten;   /* per body: forget_memoized calls */
    size_t purges;
    size_t inv, no_info, on_stack; /* the report */
} apply_case;

/* clang-format off */
static const apply_case apply_cases[] = {
    { "B-50 no restore args: no walk, nothing touched", { NULL }, { NULL },
      CRJIT_INVALIDATE_NONE, ".......", "0000000", 0, 0, 0, 0 },
    { "B-52/B-53/B-54 exclude={app/Util.*}: the selected bodies, forgotten "
      "each", { NULL }, { "-Xjit:exclude={app/Util.*}", NULL },
      CRJIT_INVALIDATE_FILTERED, ".....I.", "0000011", 0, 1, 1, 0 },
    { "B-57.1/B-54 a selected native body: kept, still forgotten",
      { NULL }, { "-Xjit:exclude={java/lang/Object.hashCode()I}", NULL },
      CRJIT_INVALIDATE_FILTERED, ".......", "0010000", 0, 0, 1, 0 },
    { "B-57.2/B-54 a selected on-stack body: kept, still forgotten",
      { NULL }, { "-Xjit:exclude={app/Main.loop(I)V}", NULL },
      CRJIT_INVALIDATE_FILTERED, ".......", "0000100", 0, 0, 0, 1 },
    { "B-53 an AOT-loaded body is invalidated", { NULL },
      { "-Xjit:exclude={app/Main.run()V}", NULL },
      CRJIT_INVALIDATE_FILTERED, "...I...", "0001000", 0, 1, 0, 0 },
    { "D.3 exclude={*}: filtered walk over every body, no purge", { NULL },
      { "-Xjit:exclude={*}", NULL }, CRJIT_INVALIDATE_FILTERED, "II.I.I.",
      "1111111", 0, 4, 2, 1 },
    { "D-23 limit={java/lang/*}: the rest is excluded", { NULL },
      { "-Xjit:limit={java/lang/*}", NULL }, CRJIT_INVALIDATE_FILTERED,
      "...I.I.", "0001111", 0, 2, 1, 1 },
    { "D-25 pre-checkpoint filters alone select", 
      { "-Xjit:exclude={app/Main.run()V}", NULL }, { NULL },
      CRJIT_INVALIDATE_FILTERED, "...I...", "0001000", 0, 1, 0, 0 },
    { "D-25 pre-checkpoint and restore filters together",
      { "-Xjit:exclude={app/Main.run()V}", NULL },
      { "-Xaot:exclude={java/lang/String.length()I}", NULL },
      CRJIT_INVALIDATE_FILTERED, ".I.I...", "0101000", 0, 2, 0, 0 },
    { "B-18/B-55 -Xnojit: invalidate all, purge once, forget none",
      { NULL }, { "-Xnojit", NULL }, CRJIT_INVALIDATE_ALL, "II.I.I.",
      "0000000", 1, 4, 2, 1 },
    { "B-19 -Xnojit -Xnoaot: invalidate all, purge once", { NULL },
      { "-Xnojit", "-Xnoaot", NULL }, CRJIT_INVALIDATE_ALL, "II.I.I.",
      "0000000", 1, 4, 2, 1 },
    { "B-33.1 -Xrs:syncOnRestore: invalidate all, purge once", { NULL },
      { "-Xrs:syncOnRestore", NULL }, CRJIT_INVALIDATE_ALL, "II.I.I.",
      "0000000", 1, 4, 2, 1 },
    { "B-33.1/B-50 a trigger and filters: all wins, one purge, no forget",
      { NULL }, { "-Xjit:disableTraps,exclude={app/Util.*}", NULL },
      CRJIT_INVALIDATE_ALL, "II.I.I.", "0000000", 1, 4, 2, 1 },
    { "DV-8/B-56 -Xnojit and filters: each body invalidated once",
      { NULL }, { "-Xnojit", "-Xaot:exclude={app/Util.*}", NULL },
      CRJIT_INVALIDATE_ALL, "II.I.I.", "0000000", 1, 4, 2, 1 },
    { "DV-9 JIT off before the checkpoint, no args: nothing", 
      { "-Xnojit", NULL }, { NULL }, CRJIT_INVALIDATE_NONE, ".......",
      "0000000", 0, 0, 0, 0 },
    { "T-6 -Xint before the checkpoint: nothing", { "-Xint", NULL },
      { "-XX:+PrintCodeCache", NULL }, CRJIT_INVALIDATE_NONE, ".......",
      "0000000", 0, 0, 0, 0 },
};
/* clang-format on */

static void run_apply_case(void **state)
{
    const apply_case *c = *state;
    crjit_apply_report rep;
    env e;
    size_t i, n, plan_inv = 0, plan_unsafe = 0;

    env_open(&e, c->pre, c->argv, NULL);
    assert_true(crjit_plan_accepted(e.plan));
    assert_int_equal(crjit_plan_invalidation(e.plan), c->scope);
    assert_untouched(e.cache); /* planning is pure */
    memset(&rep, 0xA5, sizeof rep);
    assert_int_equal(crjit_apply(e.plan, &e.ops, e.cache, 0, &rep), CRJIT_OK);
    n = crjit_codecache_count(e.cache);
    assert_int_equal(strlen(c->invalidated), n);
    for (i = 0; i < n; i++) {
        const crjit_body *b = crjit_codecache_body(e.cache, i);
        bool inv = crjit_codecache_invalidated(e.cache, i);
        assert_int_equal(inv, c->invalidated[i] == 'I');
        /* exactly what the plan says about the body */
        assert_int_equal(inv, crjit_plan_body_action(e.plan, b) ==
                                  CRJIT_BODY_INVALIDATE);
        assert_int_equal(crjit__codecache_forgotten(e.cache, i),
                         (size_t)(c->forgotten[i] - '0'));
    }
    assert_int_equal(crjit__codecache_purges(e.cache), c->purges);
    assert_int_equal(crjit__codecache_invalidations(e.cache), c->inv);
    assert_int_equal(rep.invalidated, c->inv);
    assert_int_equal(rep.kept_no_body_info, c->no_info);
    assert_int_equal(rep.kept_on_stack, c->on_stack);
    assert_int_equal(rep.failed_index, CRJIT_NPOS);
    assert_null(rep.failed_callback);
    /* the report agrees with the plan's counts */
    crjit_plan_invalidation_counts(e.plan, &plan_inv, &plan_unsafe);
    assert_int_equal(plan_inv, rep.invalidated);
    assert_int_equal(plan_unsafe, rep.kept_no_body_info + rep.kept_on_stack);
    env_close(&e);
}

/* ---- DV-1 ----------------------------------------------------------------- */

static void test_dv1_rejected_plan_refused(void **state)
{
    static const char *const argv[] = { "-Xnojit", "-Xfoo", NULL };
    crjit_apply_report rep;
    crjit_host_ops ops;
    whost h;
    env e;
    (void)state;
    env_open(&e, NULL, argv, NULL);
    assert_false(crjit_plan_accepted(e.plan));
    assert_int_equal(crjit_plan_invalidation(e.plan), CRJIT_INVALIDATE_ALL);
    whost_init(&h, e.cache, &ops, true);
    memset(&rep, 0xA5, sizeof rep);
    assert_int_equal(crjit_apply(e.plan, &ops, &h, 0, &rep),
                     CRJIT_E_REJECTED);
    /* nothing was called, the cache is untouched */
    assert_int_equal(h.calls, 0);
    assert_untouched(e.cache);
    assert_int_equal(rep.invalidated, 0);
    assert_int_equal(rep.kept_no_body_info, 0);
    assert_int_equal(rep.kept_on_stack, 0);
    assert_int_equal(rep.failed_index, CRJIT_NPOS);
    /* also without a report */
    assert_int_equal(crjit_apply(e.plan, &e.ops, e.cache, 0, NULL),
                     CRJIT_E_REJECTED);
    assert_untouched(e.cache);
    /* the host asks explicitly: applied */
    assert_int_equal(
        crjit_apply(e.plan, &ops, &h, CRJIT_APPLY_FORCE, &rep), CRJIT_OK);
    assert_int_equal(rep.invalidated, 4);
    assert_int_equal(rep.kept_no_body_info, 2);
    assert_int_equal(rep.kept_on_stack, 1);
    assert_int_equal(crjit__codecache_invalidations(e.cache), 4);
    assert_int_equal(crjit__codecache_purges(e.cache), 1);
    assert_int_equal(h.set_compiler_calls, 1);
    assert_false(h.jit);
    assert_true(h.aot);
    env_close(&e);
}

/* DV-1: FORCE on an accepted plan changes nothing. */
static void test_force_on_accepted(void **state)
{
    static const char *const argv[] = { "-Xjit:exclude={app/Util.*}", NULL };
    crjit_apply_report rep;
    env e;
    (void)state;
    env_open(&e, NULL, argv, NULL);
    assert_int_equal(
        crjit_apply(e.plan, &e.ops, e.cache, CRJIT_APPLY_FORCE, &rep),
        CRJIT_OK);
    assert_int_equal(rep.invalidated, 1);
    assert_true(crjit_codecache_invalidated(e.cache, 5));
    env_close(&e);
}

/* ---- failing callbacks ---------------------------------------------------- */

/* A larger cache (more than one batch) with every kind of body. */
static char *big_methods(unsigned n)
{
    size_t cap = (size_t)n * 48 + 1, len = 0;
    char *text = malloc(cap);
    unsigned i;
    assert_non_null(text);
    for (i = 0; i < n; i++) {
        const char *flag = i % 5 == 1   ? " native"
                           : i % 5 == 3 ? " on-stack"
                           : i % 7 == 0 ? " aot"
                                        : "";
        int w = snprintf(text + len, cap - len, "app/K%u.m()V%s\n", i, flag);
        assert_true(w > 0 && (size_t)w < cap - len);
        len += (size_t)w;
    }
    return text;
}

/* Invalidate fails at the k-th call, for every k: CRJIT_E_HOST naming the
 * callback and the body; the bodies before it stay invalidated, the later
 * ones are untouched, the switches are not called. */
static void check_invalidate_fails_every_k(const char *const *argv,
                                           const char *methods)
{
    env e;
    size_t n, selected = 0, i, k;
    size_t *order;
    env_open(&e, NULL, argv, methods);
    n = crjit_codecache_count(e.cache);
    order = malloc((n + 1) * sizeof *order);
    assert_non_null(order);
    for (i = 0; i < n; i++)
        if (crjit_plan_body_action(e.plan, crjit_codecache_body(e.cache, i)) ==
            CRJIT_BODY_INVALIDATE)
            order[selected++] = i;
    assert_true(selected > 0);
    for (k = 1; k <= selected + 1; k++) {
        crjit_codecache *cache = new_cache(e.ctx, methods);
        crjit_host_ops ops;
        crjit_apply_report rep;
        crjit_status st;
        whost h;
        whost_init(&h, cache, &ops, true);
        h.fail_inv_at = k;
        st = crjit_apply(e.plan, &ops, &h, 0, &rep);
        if (k > selected) {
            assert_int_equal(st, CRJIT_OK);
            assert_int_equal(rep.invalidated, selected);
            assert_int_equal(h.set_compiler_calls, 1);
        } else {
            assert_int_equal(st, CRJIT_E_HOST);
            assert_non_null(rep.failed_callback);
            assert_string_equal(rep.failed_callback, "invalidate");
            assert_int_equal(rep.failed_index, order[k - 1]);
            assert_int_equal(rep.invalidated, k - 1);
            for (i = 0; i < selected; i++)
                assert_int_equal(crjit_codecache_invalidated(cache, order[i]),
                                 i < k - 1);
            assert_int_equal(crjit__codecache_invalidations(cache), k - 1);
            assert_int_equal(crjit__codecache_purges(cache), 0);
            /* B-18/B-31/B-32: the switches and logs come before the walk,
             * so they were set when invalidation failed. */
            assert_int_equal(h.set_compiler_calls, 1);
            assert_true(h.threads_calls <= 1 && h.vlog_calls <= 1);
        }
        crjit_codecache_free(cache);
    }
    free(order);
    env_close(&e);
}

static void test_invalidate_fails_every_k(void **state)
{
    static const char *const all[] = { "-Xnojit", NULL };
    static const char *const filtered[] = { "-Xjit:exclude={*}", NULL };
    static const char *const some[] = { "-Xjit:exclude={app/K1*}", NULL };
    char *big = big_methods(150);
    (void)state;
    check_invalidate_fails_every_k(all, METHODS);
    check_invalidate_fails_every_k(filtered, METHODS);
    check_invalidate_fails_every_k(all, big);
    check_invalidate_fails_every_k(filtered, big);
    check_invalidate_fails_every_k(some, big);
    free(big);
}

typedef enum failing {
    FAIL_BODY_COUNT,
    FAIL_GET_FIRST,
    FAIL_GET_SECOND,
    FAIL_FORGET,
    FAIL_PURGE,
    FAIL_SET_COMPILER,
    FAIL_THREADS,
    FAIL_VLOG
} failing;

typedef struct fail_case {
    const char *name;
    const char *argv[MAXA + 1];
    failing what;
    const char *callback;
    int index; /* -1: CRJIT_NPOS; -2: not asserted */
} fail_case;

/* clang-format off */
static const fail_case fail_cases[] = {
    { "crjit_apply body_count fails: CRJIT_E_HOST \"body_count\"",
      { "-Xnojit", NULL }, FAIL_BODY_COUNT, "body_count", -1 },
    { "crjit_apply get_bodies fails at once: CRJIT_E_HOST \"get_bodies\"",
      { "-Xnojit", NULL }, FAIL_GET_FIRST, "get_bodies", -2 },
    { "crjit_apply get_bodies fails on a later batch: \"get_bodies\"",
      { "-Xjit:exclude={*}", NULL }, FAIL_GET_SECOND, "get_bodies", -2 },
    { "B-54 forget_memoized fails: CRJIT_E_HOST \"forget_memoized\"",
      { "-Xjit:exclude={app/K2*}", NULL }, FAIL_FORGET, "forget_memoized",
      2 },
    { "B-55 purge_memoized fails: CRJIT_E_HOST \"purge_memoized\"",
      { "-Xnojit", NULL }, FAIL_PURGE, "purge_memoized", -1 },
    { "set_compiler fails: CRJIT_E_HOST \"set_compiler\"",
      { "-Xnojit", NULL }, FAIL_SET_COMPILER, "set_compiler", -1 },
    { "set_compilation_threads fails: \"set_compilation_threads\"",
      { "-XcompilationThreads4", NULL }, FAIL_THREADS,
      "set_compilation_threads", -1 },
    { "open_vlog fails: CRJIT_E_HOST \"open_vlog\"",
      { "-Xjit:vlog=v.log", NULL }, FAIL_VLOG, "open_vlog", -1 },
};
/* clang-format on */

static void run_fail_case(void **state)
{
    const fail_case *c = *state;
    char *big = big_methods(150);
    crjit_apply_report rep;
    crjit_host_ops ops;
    whost h;
    env e;

    env_open(&e, NULL, c->argv, big);
    whost_init(&h, e.cache, &ops, true);
    switch (c->what) {
    case FAIL_BODY_COUNT: h.fail_body_count = 1; break;
    case FAIL_GET_FIRST: h.fail_get_at = 1; break;
    case FAIL_GET_SECOND: h.fail_get_at = 2; break;
    case FAIL_FORGET: h.fail_forget_at = 1; break;
    case FAIL_PURGE: h.fail_purge = 1; break;
    case FAIL_SET_COMPILER: h.fail_set_compiler = 1; break;
    case FAIL_THREADS: h.fail_threads = 1; break;
    case FAIL_VLOG: h.fail_vlog = 1; break;
    }
    memset(&rep, 0, sizeof rep);
    assert_int_equal(crjit_apply(e.plan, &ops, &h, 0, &rep), CRJIT_E_HOST);
    assert_non_null(rep.failed_callback);
    assert_string_equal(rep.failed_callback, c->callback);
    if (c->index == -1)
        assert_int_equal(rep.failed_index, CRJIT_NPOS);
    else if (c->index >= 0)
        assert_int_equal(rep.failed_index, (size_t)c->index);
    if (c->what == FAIL_BODY_COUNT || c->what == FAIL_GET_FIRST)
        assert_untouched(e.cache);
    if (c->what == FAIL_GET_SECOND)
        assert_true(rep.invalidated > 0); /* the first batch went through */
    env_close(&e);
    free(big);
}

/* ---- optional switches -------------------------------------------------- */

typedef struct switch_case {
    const char *name;
    const char *pre[MAXA + 1];
    const char *argv[MAXA + 1];
    bool jit, aot;
    unsigned threads;
    int vlog; /* -1: open_vlog not asserted */
    const char *file;
} switch_case;

/* clang-format off */
static const switch_case switch_cases[] = {
    { "set_compiler receives JIT on, AOT on (B-10)", { NULL }, { NULL },
      true, true, 7, -1, NULL },
    { "set_compiler receives JIT off (B-18)", { NULL }, { "-Xnojit", NULL },
      false, true, 7, -1, NULL },
    { "set_compiler receives AOT off (B-15)", { NULL },
      { "-Xshareclasses:disableOnRestore", NULL }, true, false, 7, -1, NULL },
    { "set_compiler receives both off (B-19); threads unchanged (B-21)",
      { NULL }, { "-Xnojit", "-Xnoaot", "-XcompilationThreads4", NULL },
      false, false, 7, -1, NULL },
    { "set_compiler receives AOT off after a trigger (B-33/B-36)", { NULL },
      { "-Xrs:syncOnRestore", NULL }, true, false, 7, -1, NULL },
    { "set_compilation_threads receives 4 (B-31)", { NULL },
      { "-XcompilationThreads4", NULL }, true, true, 4, -1, NULL },
    { "set_compilation_threads receives the cap 15 (B-31)", { NULL },
      { "-XcompilationThreads99", NULL }, true, true, 15, -1, NULL },
    { "open_vlog receives OPEN and the suffixed name (B-47)", { NULL },
      { "-Xjit:vlog=v.log", NULL }, true, true, 7, CRJIT_LOG_OPEN,
      "v.log" SUFFIX },
    { "open_vlog receives REOPEN for the pre-checkpoint vlog (B-46)",
      { "-Xjit:vlog=pre.log", NULL }, { NULL }, true, true, 7,
      CRJIT_LOG_REOPEN, "pre.log" SUFFIX },
    { "open_vlog receives REPLACE without suffix (B-47)",
      { "-Xjit:vlog=pre.log", NULL },
      { "-Xjit:dontApplyLogFileNameSuffix,vlog=new.log", NULL }, true, true,
      7, CRJIT_LOG_REPLACE, "new.log" },
};
/* clang-format on */

static void run_switch_case(void **state)
{
    const switch_case *c = *state;
    crjit_apply_report rep;
    crjit_host_ops ops;
    const char *file = NULL;
    whost h;
    env e;

    env_open(&e, c->pre, c->argv, NULL);
    assert_true(crjit_plan_accepted(e.plan));
    whost_init(&h, e.cache, &ops, true);
    assert_int_equal(crjit_apply(e.plan, &ops, &h, 0, &rep), CRJIT_OK);
    /* the plan's decisions ... */
    assert_int_equal(h.set_compiler_calls, 1);
    assert_int_equal(h.jit, crjit_plan_jit_enabled(e.plan));
    assert_int_equal(h.aot, crjit_plan_aot_enabled(e.plan));
    assert_int_equal(h.threads_calls, 1);
    assert_int_equal(h.threads, crjit_plan_compilation_threads(e.plan));
    /* ... which are the rules' */
    assert_int_equal(h.jit, c->jit);
    assert_int_equal(h.aot, c->aot);
    assert_int_equal(h.threads, c->threads);
    if (c->vlog >= 0) {
        int action = (int)crjit_plan_vlog(e.plan, &file);
        assert_int_equal(h.vlog_calls, 1);
        assert_int_equal(h.vlog_action, action);
        assert_int_equal(h.vlog_action, c->vlog);
        assert_non_null(file);
        assert_string_equal(h.vlog_file, file);
        assert_string_equal(h.vlog_file, c->file);
    }
    env_close(&e);
}

/* Without the optional callbacks apply still works (B-54 and B-55 are
 * optional for the host). */
static void test_optional_callbacks_absent(void **state)
{
    static const char *const filtered[] = {
        "-Xjit:exclude={app/Util.*},vlog=x.log", NULL
    };
    static const char *const all[] = { "-Xnojit", NULL };
    crjit_apply_report rep;
    crjit_host_ops ops;
    env e;
    (void)state;
    env_open(&e, NULL, filtered, NULL);
    ops = e.ops;
    ops.forget_memoized = NULL;
    ops.purge_memoized = NULL;
    assert_int_equal(crjit_apply(e.plan, &ops, e.cache, 0, &rep), CRJIT_OK);
    assert_int_equal(rep.invalidated, 1);
    assert_true(crjit_codecache_invalidated(e.cache, 5));
    assert_int_equal(crjit__codecache_forgets(e.cache), 0);
    env_close(&e);
    env_open(&e, NULL, all, NULL);
    ops = e.ops;
    ops.forget_memoized = NULL;
    ops.purge_memoized = NULL;
    assert_int_equal(crjit_apply(e.plan, &ops, e.cache, 0, NULL), CRJIT_OK);
    assert_int_equal(crjit__codecache_invalidations(e.cache), 4);
    assert_int_equal(crjit__codecache_purges(e.cache), 0);
    env_close(&e);
}

/* ---- invalid arguments ---------------------------------------------------- */

static void test_invalid_arguments(void **state)
{
    static const char *const argv[] = { "-Xnojit", NULL };
    crjit_apply_report rep;
    crjit_host_ops ops;
    env e;
    (void)state;
    env_open(&e, NULL, argv, NULL);

    memset(&rep, 0xA5, sizeof rep);
    assert_int_equal(crjit_apply(NULL, &e.ops, e.cache, 0, &rep),
                     CRJIT_E_INVALID_ARG);
    assert_int_equal(rep.failed_index, CRJIT_NPOS); /* filled on failure */
    assert_int_equal(rep.invalidated, 0);
    assert_int_equal(crjit_apply(NULL, NULL, NULL, 0, NULL),
                     CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_apply(e.plan, NULL, e.cache, 0, &rep),
                     CRJIT_E_INVALID_ARG);
    /* unknown flags */
    assert_int_equal(crjit_apply(e.plan, &e.ops, e.cache, 0x2u, &rep),
                     CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_apply(e.plan, &e.ops, e.cache, 0x80000000u, &rep),
                     CRJIT_E_INVALID_ARG);
    /* wrong version */
    ops = e.ops;
    ops.version = CRJIT_HOST_OPS_VERSION + 1;
    assert_int_equal(crjit_apply(e.plan, &ops, e.cache, 0, &rep),
                     CRJIT_E_VERSION);
    ops.version = 0;
    assert_int_equal(crjit_apply(e.plan, &ops, e.cache, 0, &rep),
                     CRJIT_E_VERSION);
    /* required callbacks missing */
    ops = e.ops;
    ops.invalidate = NULL;
    assert_int_equal(crjit_apply(e.plan, &ops, e.cache, 0, &rep),
                     CRJIT_E_INVALID_ARG);
    ops = e.ops;
    ops.body_count = NULL;
    assert_int_equal(crjit_apply(e.plan, &ops, e.cache, 0, &rep),
                     CRJIT_E_INVALID_ARG);
    ops = e.ops;
    ops.get_bodies = NULL;
    assert_int_equal(crjit_apply(e.plan, &ops, e.cache, 0, &rep),
                     CRJIT_E_INVALID_ARG);
    /* none of that touched the cache */
    assert_untouched(e.cache);
    /* and the right call still works */
    assert_int_equal(crjit_apply(e.plan, &e.ops, e.cache, 0, NULL), CRJIT_OK);
    assert_int_equal(crjit__codecache_invalidations(e.cache), 4);
    env_close(&e);
}

/* The reference cache's ops take the cache as their user pointer
 * (crjit_codecache_host_ops); a NULL user is a host failure, reported as
 * such, with nothing changed. */
static void test_reference_ops_need_user(void **state)
{
    static const char *const argv[] = { "-Xnojit", NULL };
    crjit_apply_report rep;
    env e;
    (void)state;
    env_open(&e, NULL, argv, NULL);
    assert_int_equal(crjit_apply(e.plan, &e.ops, NULL, 0, &rep),
                     CRJIT_E_HOST);
    assert_non_null(rep.failed_callback);
    assert_string_equal(rep.failed_callback, "body_count");
    assert_untouched(e.cache);
    env_close(&e);
}

#define NAMED(name, fn) { name, fn, NULL, NULL, NULL }
#define EXTRA_TESTS 6
#define CASE(arr, i, fn)                                                     \
    { arr[i].name, fn, NULL, NULL, (void *)(uintptr_t)&arr[i] }

int main(void)
{
    static struct CMUnitTest tests[ARRAY_SIZE(apply_cases) +
                                   ARRAY_SIZE(fail_cases) +
                                   ARRAY_SIZE(switch_cases) + EXTRA_TESTS];
    size_t i, n = 0;

    for (i = 0; i < ARRAY_SIZE(apply_cases); i++) {
        struct CMUnitTest t = CASE(apply_cases, i, run_apply_case);
        tests[n++] = t;
    }
    for (i = 0; i < ARRAY_SIZE(fail_cases); i++) {
        struct CMUnitTest t = CASE(fail_cases, i, run_fail_case);
        tests[n++] = t;
    }
    for (i = 0; i < ARRAY_SIZE(switch_cases); i++) {
        struct CMUnitTest t = CASE(switch_cases, i, run_switch_case);
        tests[n++] = t;
    }
    {
        const struct CMUnitTest extra[EXTRA_TESTS] = {
            NAMED("DV-1 a rejected plan is refused, nothing called; FORCE "
                  "applies it",
                  test_dv1_rejected_plan_refused),
            NAMED("DV-1 FORCE on an accepted plan", test_force_on_accepted),
            NAMED("B-53 invalidate fails at the k-th call, every k: "
                  "CRJIT_E_HOST, failed_callback, failed_index",
                  test_invalidate_fails_every_k),
            NAMED("B-54/B-55 forget/purge callbacks are optional",
                  test_optional_callbacks_absent),
            NAMED("crjit_apply NULL and invalid arguments",
                  test_invalid_arguments),
            NAMED("crjit_codecache_host_ops callbacks need the cache as user",
                  test_reference_ops_need_user),
        };
        for (i = 0; i < EXTRA_TESTS; i++)
            tests[n++] = extra[i];
    }
    return cmocka_run_group_tests_name("apply", tests, NULL, NULL);
}
