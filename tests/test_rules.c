/* Rules no other file names: D-7, D-8, E-1, E-5…E-7, F-5, F-6, F-9, F-10,
 * B-28, B-35/B-51.  Each test runs a whole restore through the public API. */
#include "testutil.h"

#include <string.h>

typedef struct fixture {
    test_alloc alloc;
    crjit_ctx *ctx;
    crjit_args *pre;
    crjit_args *args;
    crjit_codecache *cache;
    crjit_host_ops ops;
    crjit_checkpoint_state ck;
    crjit_restore_facts facts;
    crjit_plan *plan;
} fixture;

static const char methods[] = "a/B.m()V\n"
                              "a/B.n(I)I aot\n"
                              "c/D.run()V native\n"
                              "c/D.loop()V on-stack\n"
                              "e/F.late()V post-restore\n";

static void plan_with(fixture *f, const char *const *pre,
                      const char *const *argv)
{
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    size_t line = 0;

    memset(f, 0, sizeof *f);
    f->ctx = test_ctx(&f->alloc, CRJIT_POLICY_REFERENCE);
    f->pre = test_args(f->ctx, pre);
    f->args = test_args(f->ctx, argv);
    crjit_checkpoint_init(&f->ck);
    assert_int_equal(crjit_checkpoint_from_args(f->pre, &f->ck), CRJIT_OK);
    assert_int_equal(crjit_codecache_new(f->ctx, &f->cache), CRJIT_OK);
    assert_int_equal(crjit_codecache_load(f->cache, methods,
                                          sizeof methods - 1, &line),
                     CRJIT_OK);
    crjit_codecache_host_ops(f->cache, &f->ops);
    f->facts = (crjit_restore_facts)CRJIT_RESTORE_FACTS_INIT;
    in.args = f->args;
    in.checkpoint = &f->ck;
    in.facts = &f->facts;
    in.host_ops = &f->ops;
    in.host_user = f->cache;
    assert_int_equal(crjit_plan_new(f->ctx, &in, &f->plan), CRJIT_OK);
}

static void done(fixture *f)
{
    crjit_plan_free(f->plan);
    crjit_codecache_free(f->cache);
    crjit_args_free(f->args);
    crjit_args_free(f->pre);
    crjit_ctx_free(f->ctx);
    assert_int_equal(f->alloc.live, 0);
}

static crjit_filter_result decide(const crjit_plan *plan, const char *cls,
                                  const char *name, const char *desc)
{
    return crjit_filters_decide(crjit_plan_filters(plan), cls, strlen(cls),
                                name, strlen(name), desc, strlen(desc));
}

/* D-7: front-end options write process state whichever string carries
 * them: exclude= on -Xaot: lands in the one filter store, vlog= on -Xaot:
 * names the verbose log. */
static void d7_front_end_options_from_xaot(void **state)
{
    static const char *const argv[] = { "-Xaot:exclude={a/B.*},vlog=/v.log",
                                        NULL };
    fixture f;
    const char *file = NULL;
    (void)state;
    plan_with(&f, NULL, argv);
    assert_int_equal(decide(f.plan, "a/B", "m", "()V"), CRJIT_FILTER_EXCLUDED);
    assert_int_equal(crjit_plan_vlog(f.plan, &file), CRJIT_LOG_OPEN);
    assert_non_null(file);
    assert_true(strncmp(file, "/v.log", 6) == 0);
    done(&f);
}

/* D-8: restore-time subsets go to the host in written order (the first
 * written wins among them). */
static void d8_subsets_in_written_order(void **state)
{
    static const char *const argv[] = {
        "-Xjit:{a/*}(count=0),[2,5](count=7),{c/*}(optLevel=hot)", NULL };
    fixture f;
    crjit_suboption s[3];
    size_t i;
    (void)state;
    plan_with(&f, NULL, argv);
    assert_int_equal(crjit_plan_suboption_count(f.plan), 3);
    for (i = 0; i < 3; i++) {
        assert_true(crjit_plan_suboption(f.plan, i, &s[i]));
        assert_true(s[i].passed_to_host);
        assert_non_null(strstr(s[i].effect, "D-8"));
    }
    assert_string_equal(s[0].value, "{a/*}(count=0)");
    assert_string_equal(s[1].value, "[2,5](count=7)");
    assert_string_equal(s[2].value, "{c/*}(optLevel=hot)");
    assert_true(s[0].offset < s[1].offset && s[1].offset < s[2].offset);
    done(&f);
}

/* E-1…E-3, E-5: under CRIU every JVM is an implicit client, but without a
 * request it compiles nothing remotely before the checkpoint. */
static void e5_implicit_client_without_connection(void **state)
{
    fixture f;
    crjit_jitserver_decision js;
    (void)state;
    plan_with(&f, NULL, NULL);
    assert_true(f.ck.jitserver_client);
    assert_false(f.ck.jitserver_requested);
    assert_true(crjit_plan_jitserver(f.plan, &js));
    assert_false(js.before_checkpoint);
    done(&f);
}

/* E-1: the bootstrap inputs come from the pre-checkpoint command line. */
static void e1_bootstrap_inputs(void **state)
{
    static const char *const off[] = { "-XX:-UseJITServer", NULL };
    static const char *const on[] = { "-XX:+UseJITServer", NULL };
    fixture f;
    (void)state;
    plan_with(&f, off, NULL);
    assert_true(f.ck.jitserver_explicitly_disabled);
    assert_false(f.ck.jitserver_client);
    done(&f);
    plan_with(&f, on, NULL);
    assert_true(f.ck.jitserver_client);
    assert_true(f.ck.jitserver_requested);
    done(&f);
}

/* E-6, E-7: remote compilation needs the JIT on; with the JIT off after
 * restore the JITServer decision is not made (B-29). */
static void e6_e7_jit_off_no_remote(void **state)
{
    static const char *const on[] = { "-XX:+UseJITServer", NULL };
    static const char *const argv[] = { "-Xnojit", NULL };
    fixture f;
    crjit_jitserver_decision js;
    (void)state;
    plan_with(&f, on, argv);
    assert_true(crjit_plan_jitserver(f.plan, &js));
    assert_false(js.processed);
    assert_false(js.after_restore);
    done(&f);
}

/* F-5, F-6: with checkpointing the process assumes a variable heap size for
 * good, and compiles portable code before the checkpoint; after restore in
 * non-portable mode (CA cleared, PRM off) it does not. */
static void f5_f6_portable_code_flags(void **state)
{
    static const char *const portable[] = {
        "-XX:-CRIURestoreNonPortableMode", NULL };
    static const char *const no_criu[] = { "-XX:-EnableCRIUSupport", NULL };
    fixture f;
    crjit_codegen cg;
    (void)state;
    plan_with(&f, NULL, NULL);
    crjit_plan_codegen(f.plan, &cg);
    assert_true(cg.variable_heap_size);
    assert_true(cg.portable_code_before);
    assert_false(cg.portable_code_after);
    done(&f);
    plan_with(&f, portable, NULL);
    crjit_plan_codegen(f.plan, &cg);
    assert_true(cg.portable_code_before);
    assert_true(cg.portable_code_after);
    done(&f);
    plan_with(&f, no_criu, NULL);
    crjit_plan_codegen(f.plan, &cg);
    assert_false(cg.variable_heap_size);
    assert_false(cg.portable_code_before);
    done(&f);
}

/* F-9: the after-restore target comes from the restore host as given: a
 * start-up processor downgrade (disableZ15) is not re-applied. */
static void f9_no_downgrade_after_restore(void **state)
{
    crjit_cpu z15, t;
    (void)state;
    assert_int_equal(crjit_cpu_parse("z:z15,dfp,vector", 16,
                                     CRJIT_ARCH_S390X, &z15, NULL),
                     CRJIT_OK);
    t = crjit_cpu_target(&z15, NULL);
    assert_int_equal(t.level, 15);
    assert_true(t.features != 0);
}

/* F-10, G-28: the documented portable baseline is Sandy Bridge, which has
 * SSE4.2; the reference's portable set is stricter and leaves it out. */
static void f10_portable_stricter_than_sandy_bridge(void **state)
{
    crjit_cpu port = crjit_cpu_portable(CRJIT_ARCH_X86_64), sandy;
    static const char spec[] =
        "x86:fpu,cx8,cmov,mmx,sse,sse2,sse3,ssse3,sse4_1,sse4_2,popcnt,aesni,"
        "osxsave,avx";
    (void)state;
    assert_int_equal(crjit_cpu_parse(spec, sizeof spec - 1, CRJIT_ARCH_X86_64,
                                     &sandy, NULL),
                     CRJIT_OK);
    assert_int_equal(port.features & ~sandy.features, 0); /* a subset */
    assert_true(sandy.features & ~port.features);        /* strictly */
}

/* B-28: the external options are walked in table order, not argument
 * order: -Xnodfpbd (row 0) is handled before -Xcodecache32m (row 13). */
static void b28_table_order(void **state)
{
    static const char *const argv[] = { "-Xcodecache32m", "-Xnodfpbd", NULL };
    fixture f;
    size_t i, first = CRJIT_NPOS, second = CRJIT_NPOS;
    (void)state;
    plan_with(&f, NULL, argv);
    for (i = 0; i < crjit_plan_diag_count(f.plan); i++) {
        const crjit_diagnostic *d = crjit_plan_diag(f.plan, i);
        if (d->code != CRJIT_DIAG_NO_EFFECT)
            continue;
        if (d->arg == 1 && first == CRJIT_NPOS)
            first = i;
        if (d->arg == 0 && second == CRJIT_NPOS)
            second = i;
    }
    assert_true(first != CRJIT_NPOS && second != CRJIT_NPOS);
    assert_true(first < second);
    done(&f);
}

/* B-35, B-51: invalidate-all selects every compiled body; only bodies
 * without body info or on a stack are kept. */
static void b35_b51_all_selects_every_body(void **state)
{
    static const char *const argv[] = { "-Xrs:syncOnRestore", NULL };
    static const crjit_body_action want[] = {
        CRJIT_BODY_INVALIDATE, CRJIT_BODY_INVALIDATE,
        CRJIT_BODY_KEEP_NO_BODY_INFO, CRJIT_BODY_KEEP_ON_STACK,
        CRJIT_BODY_INVALIDATE };
    fixture f;
    size_t i, inv = 0, unsafe = 0;
    (void)state;
    plan_with(&f, NULL, argv);
    assert_int_equal(crjit_plan_invalidation(f.plan), CRJIT_INVALIDATE_ALL);
    for (i = 0; i < 5; i++)
        assert_int_equal(crjit_plan_body_action(
                             f.plan, crjit_codecache_body(f.cache, i)),
                         want[i]);
    crjit_plan_invalidation_counts(f.plan, &inv, &unsafe);
    assert_int_equal(inv, 3);
    assert_int_equal(unsafe, 2);
    done(&f);
}

/* D-24.7, B-57.4: with an ifExcluded(...) subset, excluded methods stay
 * compilable with that subset, so they are not invalidated. */
static void d24_7_if_excluded_keeps_bodies(void **state)
{
    static const char *const argv[] = {
        "-Xjit:exclude={a/B.*},ifExcluded(count=0)", NULL };
    fixture f;
    (void)state;
    plan_with(&f, NULL, argv);
    assert_int_equal(decide(f.plan, "a/B", "m", "()V"),
                     CRJIT_FILTER_ALLOWED_IF_EXCLUDED);
    assert_int_equal(
        crjit_plan_body_action(f.plan, crjit_codecache_body(f.cache, 0)),
        CRJIT_BODY_KEEP);
    done(&f);
}

/* B-1: the JIT's processing runs at every restore, also with no restore
 * arguments at all. */
static void b1_runs_with_empty_list(void **state)
{
    fixture f;
    (void)state;
    plan_with(&f, NULL, NULL);
    assert_true(crjit_plan_jit_processed(f.plan));
    assert_true(crjit_plan_accepted(f.plan));
    assert_true(crjit_plan_host_action_count(f.plan) >= 3);
    assert_int_equal(crjit_plan_invalidation(f.plan), CRJIT_INVALIDATE_NONE);
    done(&f);
}

/* B-3, B-46: the old vlog is reopened before the restore's options are
 * processed, so a restore-time dontApplyLogFileNameSuffix cannot drop the
 * suffix from the reopened name. */
static void b3_reopen_before_processing(void **state)
{
    static const char *const pre[] = { "-Xjit:vlog=/log/jit", NULL };
    static const char *const argv[] = { "-Xjit:dontApplyLogFileNameSuffix",
                                        NULL };
    fixture f;
    const char *file = NULL;
    (void)state;
    plan_with(&f, pre, argv);
    assert_int_equal(crjit_plan_vlog(f.plan, &file), CRJIT_LOG_REOPEN);
    assert_string_equal(file, "/log/jit.%Y%m%d.%H%M%S.%pid");
    done(&f);
}

/* B-32 (and B-18, B-31): apply opens logs and sets the switches before it
 * invalidates, so the invalidation lines reach the new log. */
typedef struct order_host {
    crjit_codecache *cache;
    crjit_host_ops inner;
    char seen[64];
    size_t n;
} order_host;

static void note_call(order_host *h, char c)
{
    if (h->n + 1 < sizeof h->seen) {
        h->seen[h->n++] = c;
        h->seen[h->n] = '\0';
    }
}

static int oh_count(void *u, size_t *count)
{
    order_host *h = u;
    return h->inner.body_count(h->cache, count);
}

static int oh_bodies(void *u, size_t first, crjit_body *out, size_t max,
                     size_t *got)
{
    order_host *h = u;
    return h->inner.get_bodies(h->cache, first, out, max, got);
}

static int oh_invalidate(void *u, size_t index)
{
    order_host *h = u;
    note_call(h, 'i');
    return h->inner.invalidate(h->cache, index);
}

static int oh_compiler(void *u, bool jit, bool aot)
{
    (void)jit;
    (void)aot;
    note_call(u, 'c');
    return 0;
}

static int oh_vlog(void *u, int action, const char *file)
{
    (void)action;
    (void)file;
    note_call(u, 'v');
    return 0;
}

static void b32_apply_logs_before_invalidation(void **state)
{
    static const char *const argv[] = {
        "-Xjit:vlog=/log/new,exclude={a/B.*}", NULL };
    fixture f;
    order_host h;
    crjit_host_ops ops = CRJIT_HOST_OPS_INIT;
    crjit_apply_report rep;
    (void)state;
    plan_with(&f, NULL, argv);
    memset(&h, 0, sizeof h);
    h.cache = f.cache;
    h.inner = f.ops;
    ops.body_count = oh_count;
    ops.get_bodies = oh_bodies;
    ops.invalidate = oh_invalidate;
    ops.set_compiler = oh_compiler;
    ops.open_vlog = oh_vlog;
    assert_int_equal(crjit_apply(f.plan, &ops, &h, 0, &rep), CRJIT_OK);
    assert_string_equal(h.seen, "cvii");
    assert_int_equal(rep.invalidated, 2);
    done(&f);
}

/* B-60, I14: FSD needed at restore invalidates everything and turns AOT
 * off, unless TR_DisableFullSpeedDebug was set at start-up. */
static void b60_env_disables_fsd(void **state)
{
    static const int env[3] = { 0, 1, 2 };
    size_t k;
    (void)state;
    for (k = 0; k < 3; k++) {
        test_alloc a = { 0 };
        crjit_ctx *ctx = test_ctx(&a, CRJIT_POLICY_REFERENCE);
        crjit_args *args = test_args(ctx, NULL);
        crjit_checkpoint_state ck = CRJIT_CHECKPOINT_INIT;
        crjit_restore_facts facts = CRJIT_RESTORE_FACTS_INIT;
        crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
        crjit_plan *plan = NULL;

        facts.fsd_needed = true;
        ck.env_disable_fsd = env[k] == 1;
        ck.env_disable_fsd_aot = env[k] == 2;
        in.args = args;
        in.checkpoint = &ck;
        in.facts = &facts;
        assert_int_equal(crjit_plan_new(ctx, &in, &plan), CRJIT_OK);
        if (env[k] == 1) {
            assert_int_equal(crjit_plan_invalidation(plan),
                             CRJIT_INVALIDATE_NONE);
            assert_true(crjit_plan_aot_enabled(plan));
        } else {
            assert_int_equal(crjit_plan_invalidation(plan),
                             CRJIT_INVALIDATE_ALL);
            assert_false(crjit_plan_aot_enabled(plan));
        }
        crjit_plan_free(plan);
        crjit_args_free(args);
        crjit_ctx_free(ctx);
        assert_int_equal(a.live, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(d7_front_end_options_from_xaot),
        cmocka_unit_test(d8_subsets_in_written_order),
        cmocka_unit_test(e5_implicit_client_without_connection),
        cmocka_unit_test(e1_bootstrap_inputs),
        cmocka_unit_test(e6_e7_jit_off_no_remote),
        cmocka_unit_test(f5_f6_portable_code_flags),
        cmocka_unit_test(f9_no_downgrade_after_restore),
        cmocka_unit_test(f10_portable_stricter_than_sandy_bridge),
        cmocka_unit_test(b28_table_order),
        cmocka_unit_test(b35_b51_all_selects_every_body),
        cmocka_unit_test(d24_7_if_excluded_keeps_bodies),
        cmocka_unit_test(b1_runs_with_empty_list),
        cmocka_unit_test(b3_reopen_before_processing),
        cmocka_unit_test(b32_apply_logs_before_invalidation),
        cmocka_unit_test(b60_env_disables_fsd),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
