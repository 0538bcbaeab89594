/* Env-file loading (semantics.md; product.md DV-13, DV-16) through
 * crjit_args_load_env_file().
 *
 * Table rows are derived from the rules and named after them; each row runs
 * as its own cmocka test. */
#include "testutil.h"

#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_EXPECT 8
#define KEY "OPENJ9_RESTORE_JAVA_OPTIONS="
#define TEXT(s) s, sizeof(s) - 1

typedef struct env_case {
    const char *name;
    const char *text;
    size_t len;
    const char *expect[MAX_EXPECT]; /* NULL ended */
    bool no_options;                /* expect the env-file-no-options note */
    /* DV-16: when quoted[0] is set, expect a quoted-value error on entry
     * quoted_entry whose message names every piece; else expect none. */
    size_t quoted_entry;
    const char *quoted[4];
} env_case;

static env_case cases[] = {
    /* where the key may start */
    { "A-5 key at byte 0", TEXT(KEY "-Da=1"), { "-Da=1", NULL }, false, 0,
      { NULL } },
    { "A-5 key right after LF", TEXT("FOO=bar\n" KEY "-Da=1\n"),
      { "-Da=1", NULL }, false, 0, { NULL } },
    { "A-5 key after CRLF", TEXT("FOO=bar\r\n" KEY "-Da=1\r\n"),
      { "-Da=1", NULL }, false, 0, { NULL } },
    { "A-5 key after CR only does not qualify",
      TEXT("FOO=bar\r" KEY "-Da=1\r"), { NULL }, true, 0, { NULL } },
    { "A-5 XOPENJ9_... does not qualify", TEXT("X" KEY "-Da=1\n"), { NULL },
      true, 0, { NULL } },
    { "A-5 export OPENJ9_... does not qualify",
      TEXT("export " KEY "-Da=1\n"), { NULL }, true, 0, { NULL } },
    { "A-5 leading space does not qualify", TEXT(" " KEY "-Da=1\n"),
      { NULL }, true, 0, { NULL } },
    { "A-5 leading tab does not qualify", TEXT("\t" KEY "-Da=1\n"),
      { NULL }, true, 0, { NULL } },
    { "A-5 OPENJ9_RESTORE_JAVA_OPTIONSS= does not qualify",
      TEXT("OPENJ9_RESTORE_JAVA_OPTIONSS=-Da=1\n"), { NULL }, true, 0,
      { NULL } },
    { "A-5 key without '=' does not qualify",
      TEXT("OPENJ9_RESTORE_JAVA_OPTIONS -Da=1\n"), { NULL }, true, 0,
      { NULL } },
    { "A-5 lower-case key does not qualify",
      TEXT("openj9_restore_java_options=-Da=1\n"), { NULL }, true, 0,
      { NULL } },
    { "A-5 key inside a line is skipped, later line used",
      TEXT("FOO=" KEY "-Dx=1\n" KEY "-Dy=2\n"), { "-Dy=2", NULL }, false, 0,
      { NULL } },
    { "A-5 skipped occurrences then a qualifying one",
      TEXT("X" KEY "-Dx\nexport " KEY "-Dy\n " KEY "-Dz\n" KEY "-Dw\n"),
      { "-Dw", NULL }, false, 0, { NULL } },
    { "A-5 first qualifying line wins",
      TEXT(KEY "-Dfirst=1\n" KEY "-Dsecond=2\n"), { "-Dfirst=1", NULL },
      false, 0, { NULL } },
    { "A-5 no OPENJ9 line", TEXT("FOO=bar\nBAZ=1\n"), { NULL }, true, 0,
      { NULL } },
    { "A-5 empty file", TEXT(""), { NULL }, true, 0, { NULL } },
    /* where the value ends */
    { "A-5 value ends at LF", TEXT(KEY "-Da=1\n-Db=2\n"), { "-Da=1", NULL },
      false, 0, { NULL } },
    { "A-5 value ends at CR", TEXT(KEY "-Da=1\r-Db=2\n"), { "-Da=1", NULL },
      false, 0, { NULL } },
    { "A-5 value ends at CRLF", TEXT(KEY "-Da=1 -Db=2\r\nFOO=1\r\n"),
      { "-Da=1", "-Db=2", NULL }, false, 0, { NULL } },
    { "A-5 value ends at end of file", TEXT("A=1\n" KEY "-Da=1 -Db=2"),
      { "-Da=1", "-Db=2", NULL }, false, 0, { NULL } },
    { "A-5 empty value gives no entries", TEXT(KEY "\n"), { NULL }, false, 0,
      { NULL } },
    { "A-5 quote does not continue the value past LF",
      TEXT(KEY "-Da=\"x y\n-Db=2\"\n"), { "-Da=x y", NULL }, false, 0,
      { NULL } },
    /* separators */
    { "A-6.1 space separates", TEXT(KEY "-Da=1 -Db=2 -Dc=3"),
      { "-Da=1", "-Db=2", "-Dc=3", NULL }, false, 0, { NULL } },
    { "A-6.1 space separates even before a non-'-'",
      TEXT(KEY "-Dk=a b"), { "-Dk=a", "b", NULL }, false, 0, { NULL } },
    { "A-6.1 tab does not separate", TEXT(KEY "-Da=1\t-Db=2"),
      { "-Da=1\t-Db=2", NULL }, false, 0, { NULL } },
    { "A-6.1 several spaces give no empty entries",
      TEXT(KEY "-Da=1    -Db=2   "), { "-Da=1", "-Db=2", NULL }, false, 0,
      { NULL } },
    { "A-6.2 leading spaces skipped", TEXT(KEY "    -Da=1"),
      { "-Da=1", NULL }, false, 0, { NULL } },
    { "A-6.2 a leading tab is not skipped", TEXT(KEY "\t-Da=1 -Db"),
      { "\t-Da=1", "-Db", NULL }, false, 0, { NULL } },
    { "A-6.2 only spaces give no entries", TEXT(KEY "     \n"), { NULL },
      false, 0, { NULL } },
    /* quotes */
    { "A-6.3 backslash-quote is a literal quote",
      TEXT(KEY "-Dq=\\\"x\\\""), { "-Dq=\"x\"", NULL }, false, 0, { NULL } },
    { "A-6.3 backslash-quote does not protect spaces",
      TEXT(KEY "-Dq=\\\"x y\\\""), { "-Dq=\"x", "y\"", NULL }, false, 0,
      { NULL } },
    { "A-6.3 doubled quote is a literal quote", TEXT(KEY "-Dq=\"\"x"),
      { "-Dq=\"x", NULL }, false, 0, { NULL } },
    { "A-6.3 doubled quote does not protect spaces",
      TEXT(KEY "-Dq=\"\"x y"), { "-Dq=\"x", "y", NULL }, false, 0,
      { NULL } },
    { "A-6.3 doubled quote alone is a literal quote", TEXT(KEY "-Da=\"\""),
      { "-Da=\"", NULL }, false, 0, { NULL } },
    { "A-6.3 two doubled quotes", TEXT(KEY "-Da=\"\"\"\" -Db"),
      { "-Da=\"\"", "-Db", NULL }, false, 0, { NULL } },
    { "A-6.3 backslash-quote at end of value", TEXT(KEY "-Da=\\\"\n"),
      { "-Da=\"", NULL }, false, 0, { NULL } },
    { "A-6.3 trailing backslash is literal", TEXT(KEY "-Da=x\\\n"),
      { "-Da=x\\", NULL }, false, 0, { NULL } },
    { "A-6.3 other backslashes are literal", TEXT(KEY "-Dp=C:\\dir\\x"),
      { "-Dp=C:\\dir\\x", NULL }, false, 0, { NULL } },
    { "A-6.3 quotes are removed", TEXT(KEY "-Dq=\"abc\" -Dr=1"),
      { "-Dq=abc", "-Dr=1", NULL }, false, 0, { NULL } },
    { "A-6.3 T-EVF -Dspace=\"hello world\"",
      TEXT(KEY "-Dspace=\"hello world\""), { "-Dspace=hello world", NULL },
      false, 0, { NULL } },
    { "A-6.3 quoted spaces then more options",
      TEXT(KEY "-Da=1 -Dspace=\"hello  big world\" -Db=2"),
      { "-Da=1", "-Dspace=hello  big world", "-Db=2", NULL }, false, 0,
      { NULL } },
    { "A-6.3 quoted tab kept", TEXT(KEY "-Dq=\"a\tb\""), { "-Dq=a\tb", NULL },
      false, 0, { NULL } },
    /* only the first quoted span protects */
    { "A-6.4 later quote after the span closed vanishes",
      TEXT(KEY "-Da=\"x\"y\"z"), { "-Da=xyz", NULL }, false, 0, { NULL } },
    { "A-6.4 second quoted span does not protect a space",
      TEXT(KEY "-Da=\"x y\"z\" -Db=2"), { "-Da=x yz", "-Db=2", NULL }, false,
      0, { NULL } },
    { "A-6.4 -Da=\"x y\"z\" w\" splits after the first span",
      TEXT(KEY "-Da=\"x y\"z\" w\""), { "-Da=x yz", "w", NULL }, false, 0,
      { NULL } },
    { "A-6.4 each option has its own first span",
      TEXT(KEY "-Da=\"x y\" -Db=\"u v\""), { "-Da=x y", "-Db=u v", NULL },
      false, 0, { NULL } },
    { "A-6.4 doubled quote after the span is still literal",
      TEXT(KEY "-Da=\"x\"y\"\"z"), { "-Da=xy\"z", NULL }, false, 0,
      { NULL } },
    /* */
    { "A-6.5 -Xoptionsfile= in the value is an ordinary entry",
      TEXT(KEY "-Xoptionsfile=/x.opts -Da=1"),
      { "-Xoptionsfile=/x.opts", "-Da=1", NULL }, false, 0, { NULL } },
    /* A-6.6 / DV-16 */
    { "A-6.6/DV-16 whole-value quote gives one entry and an error",
      TEXT(KEY "\"-XX:+MergeCompilerOptions -Xnojit\"\n"),
      { "-XX:+MergeCompilerOptions -Xnojit", NULL }, false, 0,
      { "-XX:+MergeCompilerOptions", "-Xnojit", NULL } },
    { "A-6.6/DV-16 quoted span gluing three options",
      TEXT(KEY "-Da=1 \"-Xjit:count=0 -Xnoaot -Dz=2\" -Db=2\n"),
      { "-Da=1", "-Xjit:count=0 -Xnoaot -Dz=2", "-Db=2", NULL }, false, 1,
      { "-Xjit:count=0", "-Xnoaot", "-Dz=2", NULL } },
    { "A-6.6/DV-16 quoted option starting mid-value gets the error",
      TEXT(KEY "-Dx=0 \"-Da=1 -Db=2\" -Dc=3"),
      { "-Dx=0", "-Da=1 -Db=2", "-Dc=3", NULL }, false, 1,
      { "-Da=1", "-Db=2", NULL } },
    { "A-6.6/DV-16 quote inside a -D value is not a whole-value quote",
      TEXT(KEY "-Dargs=\"-v -x\" -Dc=3"), { "-Dargs=-v -x", "-Dc=3", NULL },
      false, 0, { NULL } },
    { "A-6.6/DV-16 quoted value with spaces but no option is no error",
      TEXT(KEY "-Dmsg=\"a b c\""), { "-Dmsg=a b c", NULL }, false, 0,
      { NULL } },
};

/* ---- helpers ------------------------------------------------------------ */

static size_t count_expect(const char *const *expect, size_t max)
{
    size_t n = 0;
    while (n < max && expect[n] != NULL)
        n++;
    return n;
}

static void assert_entry(const crjit_args *args, size_t i, const char *want,
                         crjit_source want_source)
{
    size_t len = 0;
    crjit_source src = CRJIT_SOURCE_COMMAND_LINE;
    const char *t = crjit_args_text(args, i, &len, &src);

    assert_non_null(t);
    assert_string_equal(t, want);
    assert_int_equal(len, strlen(want));
    assert_int_equal(src, want_source);
}

static size_t count_diags(const crjit_args *args, crjit_diag_code code)
{
    size_t i, n = 0;
    for (i = 0; i < crjit_args_diag_count(args); i++)
        if (crjit_args_diag(args, i)->code == code)
            n++;
    return n;
}

/* Check the rows' expectations on args, whose env-file entries start at
 * index base. */
static void check_case(const env_case *c, const crjit_args *args, size_t base)
{
    size_t n = count_expect(c->expect, MAX_EXPECT), i;
    size_t q = count_expect(c->quoted, ARRAY_SIZE(c->quoted));

    assert_false(crjit_args_load_failed(args));
    assert_int_equal(crjit_args_count(args), base + n);
    for (i = 0; i < n; i++)
        assert_entry(args, base + i, c->expect[i], CRJIT_SOURCE_ENV_FILE);
    assert_null(crjit_args_text(args, base + n, NULL, NULL));

    if (c->no_options) {
        size_t d = test_find_args_diag(args, CRJIT_DIAG_ENV_FILE_NO_OPTIONS);
        assert_int_not_equal(d, CRJIT_NPOS);
        assert_int_equal(crjit_args_diag(args, d)->severity, CRJIT_SEV_NOTE);
        assert_int_equal(crjit_args_diag(args, d)->arg, CRJIT_NPOS);
    } else {
        assert_int_equal(count_diags(args, CRJIT_DIAG_ENV_FILE_NO_OPTIONS),
                         0);
    }

    if (q == 0) {
        assert_int_equal(count_diags(args, CRJIT_DIAG_QUOTED_VALUE), 0);
    } else {
        size_t d = test_find_args_diag(args, CRJIT_DIAG_QUOTED_VALUE);
        const crjit_diagnostic *diag;
        assert_int_not_equal(d, CRJIT_NPOS);
        assert_int_equal(count_diags(args, CRJIT_DIAG_QUOTED_VALUE), 1);
        diag = crjit_args_diag(args, d);
        assert_int_equal(diag->severity, CRJIT_SEV_ERROR);
        assert_int_equal(diag->arg, base + c->quoted_entry);
        assert_non_null(diag->message);
        for (i = 0; i < q; i++)
            assert_non_null(strstr(diag->message, c->quoted[i]));
    }
}

/* ---- table rows --------------------------------------------------------- */

static void run_case(void **state)
{
    const env_case *c = *state;
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args = NULL;

    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(crjit_args_load_env_file(args, c->text, c->len),
                     CRJIT_OK);
    check_case(c, args, 0);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* The same row after an options file (A-1: options file first, env file
 * second): entry indices and diagnostic arg indices shift accordingly. */
static void run_case_after_options_file(void **state)
{
    const env_case *c = *state;
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args = NULL;

    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(crjit_args_load_options_file(args, "/o", 2,
                                                  TEXT("-Dopt=1\n")),
                     CRJIT_OK);
    assert_int_equal(crjit_args_load_env_file(args, c->text, c->len),
                     CRJIT_OK);
    assert_entry(args, 0, "-Xoptionsfile=/o", CRJIT_SOURCE_OPTIONS_FILE);
    assert_entry(args, 1, "-Dopt=1", CRJIT_SOURCE_OPTIONS_FILE);
    check_case(c, args, 2);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* ---- DV-13 ------------------------------------------------------------- */

/* DV-13: an unreadable env file is reported, drops every entry (also the
 * options file's), and a plan of the list is a rejected restore with no
 * restore args. */
static void test_unreadable(void **state)
{
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args = NULL;
    crjit_plan *plan;
    size_t d;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(crjit_args_load_options_file(
                         args, "/o", 2, TEXT("-Da=1 -Db=2\n")),
                     CRJIT_OK);
    assert_int_equal(crjit_args_count(args), 3);
    assert_int_equal(crjit_args_load_env_file(args, NULL, 0), CRJIT_E_LOAD);
    assert_true(crjit_args_load_failed(args));
    assert_int_equal(crjit_args_count(args), 0);
    assert_null(crjit_args_text(args, 0, NULL, NULL));
    d = test_find_args_diag(args, CRJIT_DIAG_ENV_FILE_UNREADABLE);
    assert_int_not_equal(d, CRJIT_NPOS);
    assert_int_equal(crjit_args_diag(args, d)->severity, CRJIT_SEV_ERROR);
    assert_string_equal(crjit_diag_code_name(CRJIT_DIAG_ENV_FILE_UNREADABLE),
                        "env-file-unreadable");

    /* the failed list takes nothing more */
    assert_int_equal(crjit_args_load_env_file(args, TEXT(KEY "-Dx=1\n")),
                     CRJIT_E_STATE);
    assert_int_equal(
        crjit_args_add_cstr(args, "-Dx=1", CRJIT_SOURCE_COMMAND_LINE),
        CRJIT_E_STATE);
    assert_int_equal(crjit_args_count(args), 0);

    plan = test_plan(ctx, args, NULL);
    assert_false(crjit_plan_accepted(plan));
    assert_non_null(crjit_plan_verdict_message(plan));
    assert_string_equal(crjit_plan_verdict_message(plan),
                        "The JVM could not load the options file");
    assert_int_equal(crjit_plan_arg_count(plan), 0);
    assert_int_not_equal(
        test_find_diag(plan, CRJIT_DIAG_ENV_FILE_UNREADABLE, CRJIT_NPOS),
        CRJIT_NPOS);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* DV-13 on an empty list. */
static void test_unreadable_empty_list(void **state)
{
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args = NULL;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(crjit_args_load_env_file(args, NULL, 0), CRJIT_E_LOAD);
    assert_true(crjit_args_load_failed(args));
    assert_int_equal(crjit_args_count(args), 0);
    assert_int_equal(count_diags(args, CRJIT_DIAG_ENV_FILE_UNREADABLE), 1);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* A-5 with no options: a note, the list stays usable and the restore is
 * accepted (A-10: an empty list is fine). */
static void test_no_options_plan(void **state)
{
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args = NULL;
    crjit_plan *plan;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(
        crjit_args_load_env_file(args, TEXT("JAVA_HOME=/jdk\nPATH=/bin\n")),
        CRJIT_OK);
    assert_false(crjit_args_load_failed(args));
    assert_int_equal(crjit_args_count(args), 0);
    assert_string_equal(crjit_diag_code_name(CRJIT_DIAG_ENV_FILE_NO_OPTIONS),
                        "env-file-no-options");
    assert_int_equal(
        crjit_args_add_cstr(args, "-Dx=1", CRJIT_SOURCE_COMMAND_LINE),
        CRJIT_OK);
    plan = test_plan(ctx, args, NULL);
    assert_true(crjit_plan_accepted(plan));
    assert_null(crjit_plan_verdict_message(plan));
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* DV-16 / A-6.6 / A-44: the glued entry is tolerated by the reference (it
 * begins with -XX:), so the restore is accepted under the reference policy
 * but the error diagnostic rejects it under the strict policy. */
static void test_quoted_value_policies(void **state)
{
    static const char text[] = KEY "\"-XX:+MergeCompilerOptions -Xnojit\"\n";
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args = NULL;
    crjit_plan *plan;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(crjit_args_load_env_file(args, text, sizeof text - 1),
                     CRJIT_OK);
    plan = test_plan(ctx, args, NULL);
    assert_true(crjit_plan_accepted(plan));
    assert_int_equal(crjit_plan_arg_count(plan), 1);
    assert_int_equal(crjit_plan_arg_status(plan, 0), CRJIT_ARG_TOLERATED);
    assert_int_not_equal(test_find_diag(plan, CRJIT_DIAG_QUOTED_VALUE, 0),
                         CRJIT_NPOS);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);

    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_STRICT);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(crjit_args_load_env_file(args, text, sizeof text - 1),
                     CRJIT_OK);
    plan = test_plan(ctx, args, NULL);
    assert_false(crjit_plan_accepted(plan));
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* A NUL byte ends the text, as in the reference's C-string read. */
static void test_nul_byte(void **state)
{
    static const char text[] = KEY "-Da=1 -Db\0=2 -Dc=3\n";
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args = NULL;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(crjit_args_load_env_file(args, text, sizeof text - 1),
                     CRJIT_OK);
    assert_int_equal(crjit_args_count(args), 2);
    assert_entry(args, 0, "-Da=1", CRJIT_SOURCE_ENV_FILE);
    assert_entry(args, 1, "-Db", CRJIT_SOURCE_ENV_FILE);
    assert_int_not_equal(test_find_args_diag(args, CRJIT_DIAG_NUL_BYTE),
                         CRJIT_NPOS);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

#define EXTRA_TESTS 5

int main(void)
{
    static struct CMUnitTest tests[2 * ARRAY_SIZE(cases) + EXTRA_TESTS];
    static char names[ARRAY_SIZE(cases)][160];
    size_t i, n = 0;

    for (i = 0; i < ARRAY_SIZE(cases); i++) {
        struct CMUnitTest t = { cases[i].name, run_case, NULL, NULL,
                                &cases[i] };
        tests[n++] = t;
    }
    for (i = 0; i < ARRAY_SIZE(cases); i++) {
        struct CMUnitTest t = { names[i], run_case_after_options_file, NULL,
                                NULL, &cases[i] };
        size_t l = strlen(cases[i].name);
        static const char suffix[] = " (after options file)";
        if (l > sizeof names[i] - sizeof suffix)
            l = sizeof names[i] - sizeof suffix;
        memcpy(names[i], cases[i].name, l);
        memcpy(names[i] + l, suffix, sizeof suffix);
        tests[n++] = t;
    }
    {
        const struct CMUnitTest extra[EXTRA_TESTS] = {
            cmocka_unit_test(test_unreadable),
            cmocka_unit_test(test_unreadable_empty_list),
            cmocka_unit_test(test_no_options_plan),
            cmocka_unit_test(test_quoted_value_policies),
            cmocka_unit_test(test_nul_byte),
        };
        for (i = 0; i < EXTRA_TESTS; i++)
            tests[n++] = extra[i];
    }
    return cmocka_run_group_tests_name("envfile", tests, NULL, NULL);
}
