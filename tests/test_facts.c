/* crjit_restore_facts_from_args: the A.7 consumers as a standalone helper. */
#include "testutil.h"

#include <stdio.h>

typedef struct facts_row {
    const char *name;
    const char *argv[4];
    bool debug_on_restore;
    crjit_restore_facts want;
} facts_row;

#define F(sync, async, scc, trace, dump, dbg, dor, mt)                        \
    { CRJIT_RESTORE_FACTS_VERSION, sync, async, scc, trace, dump, dbg, dor, \
      mt, false, false, 0, false, { CRJIT_ARCH_X86_64, 0, 0 } }

static const facts_row rows[] = {
    { "empty list: defaults", { NULL }, false,
      F(false, false, false, false, false, false, false, false) },
    { "A-51 -Xrs:syncOnRestore", { "-Xrs:syncOnRestore", NULL }, false,
      F(true, false, false, false, false, false, false, false) },
    { "A-51 -Xrs:onRestore", { "-Xrs:onRestore", NULL }, false,
      F(true, true, false, false, false, false, false, false) },
    { "A-51 plain -Xrs sets nothing", { "-Xrs", NULL }, false,
      F(false, false, false, false, false, false, false, false) },
    { "A-52 disableOnRestore", { "-Xshareclasses:disableOnRestore", NULL },
      false, F(false, false, true, false, false, false, false, false) },
    { "A-53 -Xtrace without methods", { "-Xtrace:none", NULL }, false,
      F(false, false, false, true, false, true, false, false) },
    { "B-33.2 -Xtrace:methods= sets method trace",
      { "-Xtrace:methods={java/lang/*},print=mt", NULL }, false,
      F(false, false, false, true, false, true, false, true) },
    { "A-53 -Xdump", { "-Xdump:none", NULL }, false,
      F(false, false, false, false, true, true, false, false) },
    { "A-54 -XX:+DebugInterpreter", { "-XX:+DebugInterpreter", NULL }, false,
      F(false, false, false, false, false, true, false, false) },
    { "A-54 - to the right wins", { "-XX:+DebugInterpreter",
                                    "-XX:-DebugInterpreter", NULL },
      false, F(false, false, false, false, false, false, false, false) },
    { "checkpoint DebugOnRestore copied", { NULL }, true,
      F(false, false, false, false, false, false, true, false) },
};

static void facts_rows(void **state)
{
    size_t r;
    (void)state;
    for (r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        test_alloc a = { 0 };
        crjit_ctx *ctx = test_ctx(&a, CRJIT_POLICY_REFERENCE);
        crjit_args *args = test_args(ctx, rows[r].argv);
        crjit_checkpoint_state ck = CRJIT_CHECKPOINT_INIT;
        crjit_restore_facts f;
        const crjit_restore_facts *w = &rows[r].want;

        ck.debug_on_restore = rows[r].debug_on_restore;
        print_message("row: %s\n", rows[r].name);
        assert_int_equal(crjit_restore_facts_from_args(args, &ck, &f),
                         CRJIT_OK);
        assert_int_equal(f.version, CRJIT_RESTORE_FACTS_VERSION);
        assert_int_equal(f.reduced_signals_sync, w->reduced_signals_sync);
        assert_int_equal(f.reduced_signals_async, w->reduced_signals_async);
        assert_int_equal(f.scc_disabled_on_restore,
                         w->scc_disabled_on_restore);
        assert_int_equal(f.trace_requested, w->trace_requested);
        assert_int_equal(f.dump_requested, w->dump_requested);
        assert_int_equal(f.debug_interpreter, w->debug_interpreter);
        assert_int_equal(f.debug_on_restore, w->debug_on_restore);
        assert_int_equal(f.method_trace_enabled, w->method_trace_enabled);
        crjit_args_free(args);
        crjit_ctx_free(ctx);
        assert_int_equal(a.live, 0);
    }
}

static void facts_bad_parameters(void **state)
{
    test_alloc a = { 0 };
    crjit_ctx *ctx = test_ctx(&a, CRJIT_POLICY_REFERENCE);
    crjit_args *args = test_args(ctx, NULL);
    crjit_checkpoint_state ck = CRJIT_CHECKPOINT_INIT;
    crjit_restore_facts f;
    (void)state;

    assert_int_equal(crjit_restore_facts_from_args(NULL, NULL, &f),
                     CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_restore_facts_from_args(args, NULL, NULL),
                     CRJIT_E_INVALID_ARG);
    ck.version = 77;
    assert_int_equal(crjit_restore_facts_from_args(args, &ck, &f),
                     CRJIT_E_VERSION);
    assert_int_equal(crjit_restore_facts_from_args(args, NULL, &f), CRJIT_OK);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(a.live, 0);
}

/* D-5: a host can add sub-option names of its own; they are recognised and
 * handed to it, where an unknown name would stop the -Xjit: string. */
static void host_suboption_names(void **state)
{
    static const char *const argv[] = { "-Xjit:count=5,myHostFlag,verbose",
                                        NULL };
    static const char *const extra[] = { "myHostFlag" };
    test_alloc a = { 0 };
    crjit_ctx *ctx = test_ctx(&a, CRJIT_POLICY_REFERENCE);
    crjit_args *args = test_args(ctx, argv);
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_plan *plan = NULL;
    crjit_suboption so;
    (void)state;

    in.args = args;
    assert_int_equal(crjit_plan_new(ctx, &in, &plan), CRJIT_OK);
    assert_int_equal(crjit_plan_suboption_count(plan), 1); /* stopped */
    assert_int_not_equal(test_find_diag(plan, CRJIT_DIAG_UNKNOWN_SUBOPTION, 0),
                         CRJIT_NPOS);
    crjit_plan_free(plan);
    in.extra_suboptions = extra;
    in.extra_suboption_count = 1;
    assert_int_equal(crjit_plan_new(ctx, &in, &plan), CRJIT_OK);
    assert_int_equal(crjit_plan_suboption_count(plan), 3);
    assert_true(crjit_plan_suboption(plan, 1, &so));
    assert_string_equal(so.name, "myHostFlag");
    assert_true(so.passed_to_host);
    assert_int_equal(so.arg, 0);
    assert_int_equal(so.offset, 14);
    assert_int_equal(test_find_diag(plan, CRJIT_DIAG_UNKNOWN_SUBOPTION, 0),
                     CRJIT_NPOS);
    crjit_plan_free(plan);
    in.extra_suboptions = NULL;
    assert_int_equal(crjit_plan_new(ctx, &in, &plan), CRJIT_E_INVALID_ARG);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(a.live, 0);
}

/* Host actions: B-23, D-9, B-39, B-41, B-70…B-73, in that order. */
typedef struct action_row {
    const char *name;
    const char *pre[3];
    const char *argv[3];
    unsigned processors;
    const char *want; /* space-separated action names, in order */
} action_row;

static const action_row action_rows[] = {
    { "B-70 B-71 B-73 always once the JIT ran", { NULL }, { NULL }, 0,
      "reset-start-time reset-cpu-utilisation "
      "swap-recheck" },
    { "B-23 processor count, D-9 late post-processing", { NULL },
      { "-Xjit:count=5", NULL }, 4,
      "processor-count late-post-processing "
      "reset-start-time reset-cpu-utilisation swap-recheck" },
    { "B-72 DebugOnRestore in non-portable mode", { "-XX:+DebugOnRestore",
                                                    NULL },
      { NULL }, 0,
      "reset-start-time reset-cpu-utilisation "
      "iprofiler-off swap-recheck" },
    { "B-72 not in portable mode (CA stays set)",
      { "-XX:+DebugOnRestore", "-XX:-CRIURestoreNonPortableMode", NULL },
      { NULL }, 0,
      "reset-start-time reset-cpu-utilisation "
      "swap-recheck" },
    { "B-41 disclaiming on before the checkpoint",
      { "-Xjit:enableCodeCacheDisclaiming", NULL }, { NULL }, 0,
      "disclaim-recheck reset-start-time "
      "reset-cpu-utilisation swap-recheck" },
    { "B-21 gate closed: only B-70…B-73", { NULL },
      { "-Xnojit", "-Xnoaot", NULL }, 4,
      "reset-start-time reset-cpu-utilisation swap-recheck" },
    { "T-6 JIT not loaded: none", { "-Xint", NULL }, { NULL }, 4, "" },
    { "B-39 the restore args decide the start-up profiling", { NULL },
      { "-XX:+IProfileDuringStartupPhase", NULL }, 0,
      "iprofiler-startup-phase reset-start-time reset-cpu-utilisation "
      "swap-recheck" },
};

static void host_actions_by_rule(void **state)
{
    size_t r;
    (void)state;
    for (r = 0; r < sizeof action_rows / sizeof action_rows[0]; r++) {
        const action_row *row = &action_rows[r];
        test_alloc a = { 0 };
        crjit_ctx *ctx = test_ctx(&a, CRJIT_POLICY_REFERENCE);
        crjit_args *pre = test_args(ctx, row->pre);
        crjit_args *args = test_args(ctx, row->argv);
        crjit_checkpoint_state ck = CRJIT_CHECKPOINT_INIT;
        crjit_restore_facts facts = CRJIT_RESTORE_FACTS_INIT;
        crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
        crjit_plan *plan = NULL;
        char got[400] = "";
        size_t i, used = 0;

        print_message("row: %s\n", row->name);
        assert_int_equal(crjit_checkpoint_from_args(pre, &ck), CRJIT_OK);
        facts.processor_count = row->processors;
        in.args = args;
        in.checkpoint = &ck;
        in.facts = &facts;
        assert_int_equal(crjit_plan_new(ctx, &in, &plan), CRJIT_OK);
        for (i = 0; i < crjit_plan_host_action_count(plan); i++) {
            const char *name = NULL, *text = NULL;
            assert_true(crjit_plan_host_action(plan, i, &name, &text));
            assert_non_null(text);
            used += (size_t)snprintf(got + used, sizeof got - used, "%s%s",
                                     i ? " " : "", name);
        }
        assert_false(crjit_plan_host_action(plan, i, NULL, NULL));
        assert_string_equal(got, row->want);
        crjit_plan_free(plan);
        crjit_args_free(args);
        crjit_args_free(pre);
        crjit_ctx_free(ctx);
        assert_int_equal(a.live, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(facts_rows),
        cmocka_unit_test(facts_bad_parameters),
        cmocka_unit_test(host_suboption_names),
        cmocka_unit_test(host_actions_by_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
