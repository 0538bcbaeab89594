/* The argument list itself: appending, accessors, the options-text helper,
 * failed-list state, and robustness on arbitrary bytes (issue "Bad input"). */
#include "testutil.h"

#include <string.h>

static void add_copies_text_and_keeps_order(void **state)
{
    test_alloc a = { 0 };
    crjit_ctx *ctx = test_ctx(&a, CRJIT_POLICY_REFERENCE);
    crjit_args *args = NULL;
    char buf[8] = "-Dk=v";
    size_t len;
    crjit_source src;
    (void)state;

    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(crjit_args_add(args, buf, 3, CRJIT_SOURCE_ENV_FILE),
                     CRJIT_OK);
    assert_int_equal(crjit_args_add_cstr(args, buf, CRJIT_SOURCE_OPTIONS_FILE),
                     CRJIT_OK);
    assert_int_equal(crjit_args_add(args, NULL, 0, CRJIT_SOURCE_COMMAND_LINE),
                     CRJIT_OK);
    memset(buf, 'x', sizeof buf); /* the list owns copies */
    assert_int_equal(crjit_args_count(args), 3);
    assert_string_equal(crjit_args_text(args, 0, &len, &src), "-Dk");
    assert_int_equal(len, 3);
    assert_int_equal(src, CRJIT_SOURCE_ENV_FILE);
    assert_string_equal(crjit_args_text(args, 1, NULL, &src), "-Dk=v");
    assert_int_equal(src, CRJIT_SOURCE_OPTIONS_FILE);
    assert_string_equal(crjit_args_text(args, 2, &len, NULL), "");
    assert_int_equal(len, 0);
    assert_null(crjit_args_text(args, 3, NULL, NULL));
    assert_false(crjit_args_load_failed(args));
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(a.live, 0);
}

static void invalid_parameters(void **state)
{
    test_alloc a = { 0 };
    crjit_ctx *ctx = test_ctx(&a, CRJIT_POLICY_REFERENCE);
    crjit_args *args = NULL;
    (void)state;

    assert_int_equal(crjit_args_new(NULL, &args), CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_args_new(ctx, NULL), CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(crjit_args_add(args, NULL, 1, CRJIT_SOURCE_COMMAND_LINE),
                     CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_args_add(args, "x", 1, (crjit_source)9),
                     CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_args_add_cstr(args, NULL, CRJIT_SOURCE_ENV_FILE),
                     CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_args_add(NULL, "x", 1, CRJIT_SOURCE_ENV_FILE),
                     CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_args_count(NULL), 0);
    assert_int_equal(crjit_args_count(args), 0);
    crjit_args_free(NULL);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(a.live, 0);
}

/* A-4 rules applied to a string with any source; a failure appends nothing
 * and does not fail the list. */
static void options_text_splits_like_an_options_file(void **state)
{
    test_alloc a = { 0 };
    crjit_ctx *ctx = test_ctx(&a, CRJIT_POLICY_REFERENCE);
    crjit_args *args = NULL;
    static const char text[] = "-Xmx1g -Dk=a b  \"-Dq=x y\"";
    static const char bad[] = "-Da -Db=\"open";
    (void)state;

    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(crjit_args_add_options_text(args, text, sizeof text - 1,
                                                 CRJIT_SOURCE_COMMAND_LINE),
                     CRJIT_OK);
    /* A-4.4/5: the blanks before the quoted '-' are followed by a quote,
     * not by '-', so they stay inside the option. */
    assert_int_equal(crjit_args_count(args), 2);
    assert_string_equal(crjit_args_text(args, 0, NULL, NULL), "-Xmx1g");
    assert_string_equal(crjit_args_text(args, 1, NULL, NULL),
                        "-Dk=a b  -Dq=x y");
    assert_int_equal(crjit_args_add_options_text(args, bad, sizeof bad - 1,
                                                 CRJIT_SOURCE_COMMAND_LINE),
                     CRJIT_E_PARSE);
    assert_int_equal(crjit_args_count(args), 2);
    assert_false(crjit_args_load_failed(args));
    assert_int_not_equal(
        test_find_args_diag(args, CRJIT_DIAG_OPTIONS_FILE_MALFORMED),
        CRJIT_NPOS);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(a.live, 0);
}

/* After a load failure the list refuses more input (nothing half-built). */
static void failed_list_refuses_more(void **state)
{
    test_alloc a = { 0 };
    crjit_ctx *ctx = test_ctx(&a, CRJIT_POLICY_REFERENCE);
    crjit_args *args = NULL;
    (void)state;

    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(crjit_args_add_cstr(args, "-Da", CRJIT_SOURCE_COMMAND_LINE),
                     CRJIT_OK);
    assert_int_equal(crjit_args_load_env_file(args, NULL, 0), CRJIT_E_LOAD);
    assert_true(crjit_args_load_failed(args));
    assert_int_equal(crjit_args_count(args), 0);
    assert_int_equal(crjit_args_add_cstr(args, "-Db", CRJIT_SOURCE_COMMAND_LINE),
                     CRJIT_E_STATE);
    assert_int_equal(crjit_args_load_env_file(args, "", 0), CRJIT_E_STATE);
    assert_int_equal(crjit_args_load_options_file(args, "p", 1, "", 0),
                     CRJIT_E_STATE);
    assert_int_equal(crjit_args_add_options_text(args, "-Dc", 3,
                                                 CRJIT_SOURCE_COMMAND_LINE),
                     CRJIT_E_STATE);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(a.live, 0);
}

/* Deterministic generator (xorshift), so failures reproduce. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static const char alphabet[] = "-XD:=\"\\ \t\n\r#{}()[],+0123456789abmgkt";

static void fill(uint64_t *seed, char *buf, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++) {
        uint64_t r = next_random(seed);
        /* Mostly option-like bytes, sometimes any byte at all. */
        if (r % 8 == 0)
            buf[i] = (char)(unsigned char)(r >> 8);
        else
            buf[i] = alphabet[(r >> 8) % (sizeof alphabet - 1)];
    }
}

/* Bad input: any bytes as options file, env file and arguments give a
 * result or a clear error, never a crash or a leak; every diagnostic with
 * an argument index points at an existing argument. */
static void arbitrary_bytes_never_crash_or_leak(void **state)
{
    uint64_t seed = 0x9e3779b97f4a7c15u;
    char buf[512];
    int round;
    (void)state;

    for (round = 0; round < 400; round++) {
        test_alloc a = { 0 };
        crjit_ctx *ctx = test_ctx(&a, round % 2 ? CRJIT_POLICY_STRICT
                                                : CRJIT_POLICY_REFERENCE);
        crjit_args *args = NULL;
        crjit_plan *plan;
        size_t len = (size_t)(next_random(&seed) % sizeof buf), i, n;
        crjit_status st;

        assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
        fill(&seed, buf, len);
        st = crjit_args_load_options_file(args, "f", 1, buf, len);
        assert_true(st == CRJIT_OK || st == CRJIT_E_LOAD);
        memcpy(buf, "OPENJ9_RESTORE_JAVA_OPTIONS=", 28);
        len = 28 + (size_t)(next_random(&seed) % (sizeof buf - 28));
        fill(&seed, buf + 28, len - 28);
        st = crjit_args_load_env_file(args, buf, len);
        assert_true(st == CRJIT_OK || st == CRJIT_E_STATE);
        for (i = 0; i < 4; i++) {
            len = (size_t)(next_random(&seed) % 40);
            fill(&seed, buf, len);
            st = crjit_args_add(args, buf, len, CRJIT_SOURCE_COMMAND_LINE);
            assert_true(st == CRJIT_OK || st == CRJIT_E_INVALID_ARG ||
                        st == CRJIT_E_STATE);
        }
        plan = test_plan(ctx, args, NULL);
        n = crjit_plan_diag_count(plan);
        for (i = 0; i < n; i++) {
            const crjit_diagnostic *d = crjit_plan_diag(plan, i);
            assert_non_null(d->message);
            assert_true(d->arg == CRJIT_NPOS ||
                        d->arg < crjit_plan_arg_count(plan));
        }
        assert_true(crjit_plan_accepted(plan) ==
                    (crjit_plan_verdict_message(plan) == NULL));
        crjit_plan_free(plan);
        crjit_args_free(args);
        crjit_ctx_free(ctx);
        assert_int_equal(a.live, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(add_copies_text_and_keeps_order),
        cmocka_unit_test(invalid_parameters),
        cmocka_unit_test(options_text_splits_like_an_options_file),
        cmocka_unit_test(failed_list_refuses_more),
        cmocka_unit_test(arbitrary_bytes_never_crash_or_leak),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
