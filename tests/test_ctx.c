/* Context creation, configuration checks, allocator and log routing. */
#include "testutil.h"

#include <string.h>

static void null_config_uses_defaults(void **state)
{
    crjit_ctx *ctx = NULL;
    (void)state;
    assert_int_equal(crjit_ctx_new(NULL, &ctx), CRJIT_OK);
    assert_non_null(ctx);
    assert_int_equal(crjit_ctx_policy(ctx), CRJIT_POLICY_REFERENCE);
    crjit_ctx_free(ctx);
    crjit_ctx_free(NULL); /* NULL-safe */
}

static void bad_configs_are_refused(void **state)
{
    crjit_config cfg;
    crjit_ctx *ctx = NULL;
    test_alloc a = { 0 };
    (void)state;

    assert_int_equal(crjit_ctx_new(NULL, NULL), CRJIT_E_INVALID_ARG);
    crjit_config_init(&cfg);
    cfg.version = 99;
    assert_int_equal(crjit_ctx_new(&cfg, &ctx), CRJIT_E_VERSION);
    crjit_config_init(&cfg);
    cfg.allocator = test_allocator(&a);
    cfg.allocator.free = NULL; /* half an allocator */
    assert_int_equal(crjit_ctx_new(&cfg, &ctx), CRJIT_E_INVALID_ARG);
    crjit_config_init(&cfg);
    cfg.policy = (crjit_policy)7;
    assert_int_equal(crjit_ctx_new(&cfg, &ctx), CRJIT_E_INVALID_ARG);
    assert_null(ctx);
    assert_int_equal(a.total, 0);
}

static void all_memory_goes_through_the_allocator(void **state)
{
    test_alloc a = { 0 };
    crjit_ctx *ctx = test_ctx(&a, CRJIT_POLICY_STRICT);
    static const char *const argv[] = { "-Xmx1g", "-Dk=v", NULL };
    crjit_args *args;
    crjit_plan *plan;
    (void)state;

    assert_int_equal(crjit_ctx_policy(ctx), CRJIT_POLICY_STRICT);
    args = test_args(ctx, argv);
    plan = test_plan(ctx, args, NULL);
    assert_true(a.live > 0);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(a.live, 0);
}

static void allocation_failure_in_ctx_new(void **state)
{
    test_alloc a = { 0 };
    crjit_config cfg = CRJIT_CONFIG_INIT;
    crjit_ctx *ctx = NULL;
    size_t k;
    (void)state;

    cfg.allocator = test_allocator(&a);
    for (k = 1; k <= 2; k++) {
        memset(&a, 0, sizeof a);
        a.fail_at = k;
        assert_int_equal(crjit_ctx_new(&cfg, &ctx), CRJIT_E_NOMEM);
        assert_null(ctx);
        assert_int_equal(a.live, 0);
    }
}

typedef struct log_seen {
    size_t count;
    crjit_diag_code last;
} log_seen;

static void record(void *user, const crjit_diagnostic *d)
{
    log_seen *seen = user;
    seen->count++;
    seen->last = d->code;
}

static void log_callback_sees_each_diagnostic_once(void **state)
{
    test_alloc a = { 0 };
    crjit_config cfg = CRJIT_CONFIG_INIT;
    crjit_ctx *ctx = NULL;
    crjit_args *args = NULL;
    crjit_plan *plan;
    log_seen seen = { 0, (crjit_diag_code)0 };
    static const char env[] = "OPENJ9_RESTORE_JAVA_OPTIONS=-Xint\n";
    (void)state;

    cfg.allocator = test_allocator(&a);
    cfg.log = record;
    cfg.log_user = &seen;
    assert_int_equal(crjit_ctx_new(&cfg, &ctx), CRJIT_OK);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(crjit_args_load_env_file(args, env, sizeof env - 1),
                     CRJIT_OK);
    assert_int_equal(seen.count, 0);
    plan = test_plan(ctx, args, NULL);
    /* One diagnostic for -Xint; the list had none to copy. */
    assert_int_equal(seen.count, crjit_plan_diag_count(plan));
    assert_int_equal(seen.last, CRJIT_DIAG_UNSUPPORTED);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(a.live, 0);
}

static void plan_refuses_args_of_another_context(void **state)
{
    test_alloc a = { 0 }, b = { 0 };
    crjit_ctx *c1 = test_ctx(&a, CRJIT_POLICY_REFERENCE);
    crjit_ctx *c2 = test_ctx(&b, CRJIT_POLICY_REFERENCE);
    crjit_args *args = test_args(c1, NULL);
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_plan *plan = NULL;
    (void)state;

    in.args = args;
    assert_int_equal(crjit_plan_new(c2, &in, &plan), CRJIT_E_INVALID_ARG);
    in.version = 42;
    assert_int_equal(crjit_plan_new(c1, &in, &plan), CRJIT_E_VERSION);
    assert_null(plan);
    crjit_args_free(args);
    crjit_ctx_free(c1);
    crjit_ctx_free(c2);
    assert_int_equal(a.live + b.live, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(null_config_uses_defaults),
        cmocka_unit_test(bad_configs_are_refused),
        cmocka_unit_test(all_memory_goes_through_the_allocator),
        cmocka_unit_test(allocation_failure_in_ctx_new),
        cmocka_unit_test(log_callback_sees_each_diagnostic_once),
        cmocka_unit_test(plan_refuses_args_of_another_context),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
