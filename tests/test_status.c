/* Status codes, names and version (the foundation's contract). */
#include "testutil.h"

#include <string.h>

typedef struct status_row {
    crjit_status status;
    const char *name;
} status_row;

static const status_row statuses[] = {
    { CRJIT_OK, "CRJIT_OK" },
    { CRJIT_E_INVALID_ARG, "CRJIT_E_INVALID_ARG" },
    { CRJIT_E_NOMEM, "CRJIT_E_NOMEM" },
    { CRJIT_E_LIMIT, "CRJIT_E_LIMIT" },
    { CRJIT_E_PARSE, "CRJIT_E_PARSE" },
    { CRJIT_E_LOAD, "CRJIT_E_LOAD" },
    { CRJIT_E_VERSION, "CRJIT_E_VERSION" },
    { CRJIT_E_STATE, "CRJIT_E_STATE" },
    { CRJIT_E_HOST, "CRJIT_E_HOST" },
    { CRJIT_E_REJECTED, "CRJIT_E_REJECTED" },
};

static void status_values_are_explicit_and_append_only(void **state)
{
    size_t i;
    (void)state;
    /* Values are part of the ABI: they must never change. */
    for (i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
        assert_int_equal((int)statuses[i].status, (int)i);
}

static void every_status_has_name_and_message(void **state)
{
    size_t i, j;
    (void)state;
    for (i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
        const char *msg = crjit_strerror(statuses[i].status);
        assert_string_equal(crjit_status_name(statuses[i].status),
                            statuses[i].name);
        assert_non_null(msg);
        assert_string_not_equal(msg, "unknown status");
        for (j = 0; j < i; j++)
            assert_string_not_equal(msg, crjit_strerror(statuses[j].status));
    }
}

static void unknown_status_is_never_null(void **state)
{
    (void)state;
    assert_string_equal(crjit_strerror((crjit_status)999), "unknown status");
    assert_string_equal(crjit_status_name((crjit_status)999),
                        "CRJIT_E_UNKNOWN");
    assert_string_equal(crjit_strerror((crjit_status)-1), "unknown status");
}

static void version_matches_header(void **state)
{
    (void)state;
    assert_int_equal(crjit_version_number(), CRJIT_VERSION_NUMBER);
    assert_string_equal(crjit_version_string(), CRJIT_VERSION_STRING);
}

static void names_of_small_enums(void **state)
{
    (void)state;
    assert_string_equal(crjit_severity_name(CRJIT_SEV_ERROR), "error");
    assert_string_equal(crjit_severity_name(CRJIT_SEV_WARNING), "warning");
    assert_string_equal(crjit_severity_name(CRJIT_SEV_NOTE), "note");
    assert_string_equal(crjit_severity_name((crjit_severity)9), "unknown");
    assert_string_equal(crjit_source_name(CRJIT_SOURCE_ENV_FILE), "env-file");
    assert_string_equal(crjit_source_name(CRJIT_SOURCE_OPTIONS_FILE),
                        "options-file");
    assert_string_equal(crjit_source_name(CRJIT_SOURCE_COMMAND_LINE),
                        "command-line");
    assert_string_equal(crjit_arg_status_name(CRJIT_ARG_TOLERATED),
                        "tolerated");
    assert_string_equal(crjit_arg_status_name((crjit_arg_status)77),
                        "unknown");
    assert_string_equal(crjit_diag_code_name((crjit_diag_code)0), "unknown");
}

/* the match kinds keep the reference's numeric codes, so a host that
 * logs them can compare with the VM's own traces. */
static void match_kinds_keep_reference_codes_A_23(void **state)
{
    (void)state;
    assert_int_equal(CRJIT_MATCH_EXACT, 1);
    assert_int_equal(CRJIT_MATCH_STARTSWITH, 2);
    assert_int_equal(CRJIT_MATCH_EXACT_MEMORY, 3);
    assert_int_equal(CRJIT_MATCH_OPTIONAL_LIST, 4);
    assert_int_equal(CRJIT_MATCH_OPTIONAL_LIST_EQUALS, 5);
}

/* A-35 / DV-5: where the reference stores a value above 2^31-1 into a
 * 32-bit field and wraps (4294967297 -> 1), the range check refuses it. */
static void values_above_int32_are_out_of_range_A_35_DV_5(void **state)
{
    test_alloc a = { 0 };
    crjit_ctx *ctx = test_ctx(&a, CRJIT_POLICY_REFERENCE);
    static const char *const argv[] = { "-XcompilationThreads4294967297",
                                        "-XcompilationThreads2147483647",
                                        NULL };
    crjit_args *args = test_args(ctx, argv);
    crjit_ral *ral = NULL;
    uint64_t v = 0;
    size_t n = strlen("-XcompilationThreads");
    (void)state;

    assert_int_equal(crjit_ral_new(args, &ral), CRJIT_OK);
    assert_int_equal(crjit_ral_int(ral, 0, n, 0, INT32_MAX, &v, NULL),
                     CRJIT_VALUE_OUT_OF_RANGE);
    assert_int_equal(v, 0);
    assert_int_equal(crjit_ral_int(ral, 1, n, 0, INT32_MAX, &v, NULL),
                     CRJIT_VALUE_OK);
    assert_int_equal(v, INT32_MAX);
    crjit_ral_free(ral);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(a.live, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(status_values_are_explicit_and_append_only),
        cmocka_unit_test(every_status_has_name_and_message),
        cmocka_unit_test(unknown_status_is_never_null),
        cmocka_unit_test(version_matches_header),
        cmocka_unit_test(names_of_small_enums),
        cmocka_unit_test(match_kinds_keep_reference_codes_A_23),
        cmocka_unit_test(values_above_int32_are_out_of_range_A_35_DV_5),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
