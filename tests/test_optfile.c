/* Options-file tokenisation (semantics.md) through
 * crjit_args_load_options_file().
 *
 * The table rows are derived from the rules, not from the implementation:
 * each row names the rule it exercises and runs as its own cmocka test. */
#include "testutil.h"

#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_EXPECT 8
#define OPT_PATH "/opt/app/restore.opts"
#define OPT_ENTRY "-Xoptionsfile=" OPT_PATH

/* Text with explicit length (for texts that contain NUL bytes). */
#define TEXT(s) s, sizeof(s) - 1

typedef struct opt_case {
    const char *name;
    const char *text;
    size_t len;
    /* entries the file yields after the -Xoptionsfile= entry, NULL ended */
    const char *expect[MAX_EXPECT];
} opt_case;

static opt_case cases[] = {
    /* */
    { "A-2 empty file gives only the -Xoptionsfile= entry", TEXT(""),
      { NULL } },
    { "A-2 -Xoptionsfile= entry first, then the file's options",
      TEXT("-Da=1\n-Db=2\n"), { "-Da=1", "-Db=2", NULL } },
    { "A-2 last line without line end", TEXT("-Da=1\n-Db=2"),
      { "-Da=1", "-Db=2", NULL } },
    /* A-4.1 line ends */
    { "A-4.1 LF line ends", TEXT("-Da\n-Db\n-Dc"), { "-Da", "-Db", "-Dc",
                                                     NULL } },
    { "A-4.1 CR line ends", TEXT("-Da\r-Db\r-Dc\r"),
      { "-Da", "-Db", "-Dc", NULL } },
    { "A-4.1 CRLF line ends", TEXT("-Da\r\n-Db\r\n-Dc\r\n"),
      { "-Da", "-Db", "-Dc", NULL } },
    { "A-4.1 mixed line ends", TEXT("-Da\r\n-Db\r-Dc\n-Dd"),
      { "-Da", "-Db", "-Dc", "-Dd", NULL } },
    { "A-4.1 line end ends an option not followed by '-'",
      TEXT("-Da=x\ny\n"), { "-Da=x", "y", NULL } },
    /* comments */
    { "A-4.2 '#' first byte of a line is a comment",
      TEXT("# comment -Dx=1\n-Da=1\n#-Db=2\n"), { "-Da=1", NULL } },
    { "A-4.2 comment with CRLF and CR line ends",
      TEXT("#c1\r\n-Da\r#c2\r-Db"), { "-Da", "-Db", NULL } },
    { "A-4.2 comment as last line without line end", TEXT("-Da\n# end"),
      { "-Da", NULL } },
    { "A-4.2 '#' inside an option is literal", TEXT("-Da=#b\n-Dc=x#y\n"),
      { "-Da=#b", "-Dc=x#y", NULL } },
    { "A-4.2 '#' after leading blanks is not a comment",
      TEXT("  #-Dx=1\n\t#y\n"), { "#-Dx=1", "#y", NULL } },
    /* continuation */
    { "A-4.3 continuation (T-OFT example)",
      TEXT("-Dp=v \\\na \\\n  l3\n"), { "-Dp=val3", NULL } },
    { "A-4.3 continuation with CRLF", TEXT("-Dp=v \\\r\na \\\r\n  l3\r\n"),
      { "-Dp=val3", NULL } },
    { "A-4.3 continuation with CR", TEXT("-Dp=v \\\ra \\\r  l3\r"),
      { "-Dp=val3", NULL } },
    { "A-4.3 continuation drops tabs before backslash and on next line",
      TEXT("-Dp=a\t \t\\\n\t  b\n-Dq=1\n"), { "-Dp=ab", "-Dq=1", NULL } },
    { "A-4.3 continuation without blanks", TEXT("-Dp=a\\\nb"),
      { "-Dp=ab", NULL } },
    { "A-4.3 backslash followed by space is not a continuation",
      TEXT("-Dp=v \\ \na\n"), { "-Dp=v \\", "a", NULL } },
    { "A-4.3 backslash followed by a letter is literal",
      TEXT("-Dpath=C:\\dir\\x\n"), { "-Dpath=C:\\dir\\x", NULL } },
    { "A-4.3 backslash before a blank inside an option is literal",
      TEXT("-Dp=a\\ b\n"), { "-Dp=a\\ b", NULL } },
    { "A-4.3 backslash at end of file is literal", TEXT("-Da=1 \\"),
      { "-Da=1 \\", NULL } },
    { "A-4.3 continuation onto an empty line ends the option",
      TEXT("-Da=1 \\\n\n-Db=2\n"), { "-Da=1", "-Db=2", NULL } },
    { "A-4.3 \\\" gives a literal quote", TEXT("-Dq=\\\"x\\\"\n"),
      { "-Dq=\"x\"", NULL } },
    { "A-4.3 \\\" does not open quoting",
      TEXT("-Dq=\\\"x -Dr=1\n"), { "-Dq=\"x", "-Dr=1", NULL } },
    { "A-4.3 \\\" inside quotes is a literal quote",
      TEXT("-Dq=\"a \\\" -b\"\n"), { "-Dq=a \" -b", NULL } },
    /* quotes */
    { "A-4.4 quotes are removed", TEXT("-Dq=\"abc\"\n"), { "-Dq=abc", NULL } },
    { "A-4.4 quoted blanks before '-' do not split",
      TEXT("-Dq=\"a -b\tc\" -Dr=1\n"), { "-Dq=a -b\tc", "-Dr=1", NULL } },
    { "A-4.4 quotes toggle several times",
      TEXT("-Dq=\"a b\"c\"d -e\"\n"), { "-Dq=a bcd -e", NULL } },
    { "A-4.4 quoted trailing blank is kept", TEXT("-Dq=\"a \"\n"),
      { "-Dq=a ", NULL } },
    { "A-4.4 quoted blank then '-' after the quote closes",
      TEXT("\"-Da=x \"-Db\n"), { "-Da=x -Db", NULL } },
    { "A-4.4 quote in the middle of a name", TEXT("-D\"k\"=v\n"),
      { "-Dk=v", NULL } },
    /* splitting and trimming */
    { "A-4.5 blank followed by '-' starts a new option",
      TEXT("-Da=1 -Db=2 -Dc=3\n"), { "-Da=1", "-Db=2", "-Dc=3", NULL } },
    { "A-4.5 tab followed by '-' starts a new option",
      TEXT("-Da=1\t-Db=2\n"), { "-Da=1", "-Db=2", NULL } },
    { "A-4.5 several blanks followed by '-' start a new option",
      TEXT("-Da=1 \t  -Db=2\n"), { "-Da=1", "-Db=2", NULL } },
    { "A-4.5 blank followed by other char stays inside (-Dk=a b)",
      TEXT("-Dk=a b\n"), { "-Dk=a b", NULL } },
    { "A-4.5 tab followed by other char stays inside",
      TEXT("-Dk=a\tb\n"), { "-Dk=a\tb", NULL } },
    { "A-4.5 inner blank run is kept", TEXT("-Dk=a  \t b -Dz\n"),
      { "-Dk=a  \t b", "-Dz", NULL } },
    { "A-4.5 '-' not after a blank does not split",
      TEXT("-Dk=a-b--c\n"), { "-Dk=a-b--c", NULL } },
    { "A-4.5 leading blanks trimmed", TEXT("   -Da=1\n\t\t-Db=2\n"),
      { "-Da=1", "-Db=2", NULL } },
    { "A-4.5 trailing blanks trimmed", TEXT("-Da=1   \n-Db=2\t \t\n-Dc  "),
      { "-Da=1", "-Db=2", "-Dc", NULL } },
    { "A-4.5 trailing blanks before a new option trimmed",
      TEXT("-Dk=a b   -Dz\n"), { "-Dk=a b", "-Dz", NULL } },
    { "A-4.5 blank followed by a quote stays inside",
      TEXT("-Da=\"x\" \"-Db\"\n"), { "-Da=x -Db", NULL } },
    { "A-4.5 line not starting with '-' is one option",
      TEXT("foo bar baz\n"), { "foo bar baz", NULL } },
    /* empty lines, nested options file */
    { "A-4.6 empty lines ignored", TEXT("\n\n-Da\n\n\n-Db\n\n"),
      { "-Da", "-Db", NULL } },
    { "A-4.6 blank-only lines ignored", TEXT("   \n\t\n \t \r\n-Da\n"),
      { "-Da", NULL } },
    { "A-4.6 empty CRLF lines ignored", TEXT("\r\n\r\n-Da\r\n\r\n"),
      { "-Da", NULL } },
    { "A-4.6 nested -Xoptionsfile= is an ordinary entry",
      TEXT("-Xoptionsfile=/other.opts\n-Da\n"),
      { "-Xoptionsfile=/other.opts", "-Da", NULL } },
    /* whole-file mix */
    { "A-4 realistic file",
      TEXT("# restore options\n"
           "-Xjit:count=0 -XcompilationThreads4\n"
           "\n"
           "  -Dmsg=\"hello world\"   # not a comment\n"
           "-Dlong=a \\\n"
           "       b \\\n"
           "       c\n"
           "-XX:+IgnoreUnrecognizedRestoreOptions\r\n"),
      { "-Xjit:count=0", "-XcompilationThreads4",
        "-Dmsg=hello world   # not a comment", "-Dlong=abc",
        "-XX:+IgnoreUnrecognizedRestoreOptions", NULL } },
};

/* ---- helpers ------------------------------------------------------------ */

static size_t count_expect(const char *const *expect)
{
    size_t n = 0;
    while (n < MAX_EXPECT && expect[n] != NULL)
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

static crjit_status load(crjit_args *args, const char *text, size_t len)
{
    return crjit_args_load_options_file(args, OPT_PATH, strlen(OPT_PATH),
                                        text, len);
}

/* ---- table rows --------------------------------------------------------- */

static void run_case(void **state)
{
    const opt_case *c = *state;
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args = NULL;
    size_t n = count_expect(c->expect), i;

    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(load(args, c->text, c->len), CRJIT_OK);
    assert_false(crjit_args_load_failed(args));
    assert_int_equal(crjit_args_count(args), n + 1);
    assert_entry(args, 0, OPT_ENTRY, CRJIT_SOURCE_OPTIONS_FILE);
    for (i = 0; i < n; i++)
        assert_entry(args, i + 1, c->expect[i], CRJIT_SOURCE_OPTIONS_FILE);
    assert_null(crjit_args_text(args, n + 1, NULL, NULL));
    /* a well-formed, present file yields no error or warning */
    for (i = 0; i < crjit_args_diag_count(args); i++)
        assert_int_equal(crjit_args_diag(args, i)->severity, CRJIT_SEV_NOTE);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* ---- A-3 error handling ------------------------------------------------- */

/* a missing file adds only the -Xoptionsfile= entry and warns. */
static void test_missing_file(void **state)
{
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args = NULL;
    size_t d;
    crjit_plan *plan;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(load(args, NULL, 0), CRJIT_OK);
    assert_false(crjit_args_load_failed(args));
    assert_int_equal(crjit_args_count(args), 1);
    assert_entry(args, 0, OPT_ENTRY, CRJIT_SOURCE_OPTIONS_FILE);
    d = test_find_args_diag(args, CRJIT_DIAG_OPTIONS_FILE_NOT_FOUND);
    assert_int_not_equal(d, CRJIT_NPOS);
    assert_int_equal(crjit_args_diag(args, d)->severity, CRJIT_SEV_WARNING);
    assert_string_equal(
        crjit_diag_code_name(CRJIT_DIAG_OPTIONS_FILE_NOT_FOUND),
        "options-file-not-found");
    /* the restore goes on: the -Xoptionsfile= entry is consumed */
    plan = test_plan(ctx, args, NULL);
    assert_true(crjit_plan_accepted(plan));
    assert_null(crjit_plan_verdict_message(plan));
    assert_int_equal(crjit_plan_arg_count(plan), 1);
    assert_int_equal(crjit_plan_arg_status(plan, 0), CRJIT_ARG_CONSUMED);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* a missing path after '=' is a file that cannot be opened. */
static void test_missing_path(void **state)
{
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args = NULL;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(crjit_args_load_options_file(args, NULL, 0, NULL, 0),
                     CRJIT_OK);
    assert_false(crjit_args_load_failed(args));
    assert_int_equal(crjit_args_count(args), 1);
    assert_entry(args, 0, "-Xoptionsfile=", CRJIT_SOURCE_OPTIONS_FILE);
    assert_int_equal(count_diags(args, CRJIT_DIAG_OPTIONS_FILE_NOT_FOUND), 1);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* the options file and the list still accept more after a missing
 * file (the list is not failed). */
static void test_missing_file_then_more(void **state)
{
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args = NULL;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(load(args, NULL, 0), CRJIT_OK);
    assert_int_equal(
        crjit_args_add_cstr(args, "-Dx=1", CRJIT_SOURCE_COMMAND_LINE),
        CRJIT_OK);
    assert_int_equal(crjit_args_count(args), 2);
    assert_entry(args, 1, "-Dx=1", CRJIT_SOURCE_COMMAND_LINE);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

typedef struct bad_case {
    const char *name;
    const char *text;
    size_t len;
} bad_case;

static bad_case bad_cases[] = {
    { "A-3 unterminated quote", TEXT("-Dq=\"abc\n") },
    { "A-3 unterminated quote at end of file", TEXT("-Da=1\n-Dq=\"abc") },
    { "A-3 unterminated quote after good lines",
      TEXT("-Da=1\n-Db=2 -Dc=\"x y\"\n-Dd=\"open -De=1\n-Df=2\n") },
    { "A-3 quote does not span a line end", TEXT("-Da=\"x\ny\"\n") },
    { "A-3 unterminated quote on a continued line",
      TEXT("-Dq=\"a \\\nb\n") },
};

/* an unterminated quote fails the load: CRJIT_E_LOAD, an error
 * "options-file-malformed", the list failed with zero entries, and a plan
 * of it is rejected with "The JVM could not load the options file". */
static void run_bad_case(void **state)
{
    const bad_case *c = *state;
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args = NULL;
    crjit_plan *plan;
    size_t d;

    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    /* an entry that existed before is dropped too */
    assert_int_equal(
        crjit_args_add_cstr(args, "-Dbefore=1", CRJIT_SOURCE_COMMAND_LINE),
        CRJIT_OK);
    assert_int_equal(load(args, c->text, c->len), CRJIT_E_LOAD);
    assert_true(crjit_args_load_failed(args));
    assert_int_equal(crjit_args_count(args), 0);
    assert_null(crjit_args_text(args, 0, NULL, NULL));
    d = test_find_args_diag(args, CRJIT_DIAG_OPTIONS_FILE_MALFORMED);
    assert_int_not_equal(d, CRJIT_NPOS);
    assert_int_equal(crjit_args_diag(args, d)->severity, CRJIT_SEV_ERROR);
    assert_non_null(crjit_args_diag(args, d)->message);
    assert_int_equal(count_diags(args, CRJIT_DIAG_OPTIONS_FILE_MALFORMED), 1);
    assert_string_equal(
        crjit_diag_code_name(CRJIT_DIAG_OPTIONS_FILE_MALFORMED),
        "options-file-malformed");

    /* a failed list refuses more entries and more loads */
    assert_int_equal(
        crjit_args_add_cstr(args, "-Dafter=1", CRJIT_SOURCE_COMMAND_LINE),
        CRJIT_E_STATE);
    assert_int_equal(load(args, TEXT("-Da=1\n")), CRJIT_E_STATE);
    assert_int_equal(crjit_args_count(args), 0);

    plan = test_plan(ctx, args, NULL);
    assert_false(crjit_plan_accepted(plan));
    assert_non_null(crjit_plan_verdict_message(plan));
    assert_string_equal(crjit_plan_verdict_message(plan),
                        "The JVM could not load the options file");
    assert_int_equal(crjit_plan_arg_count(plan), 0);
    /* the list's diagnostics come first in the plan */
    assert_int_not_equal(
        test_find_diag(plan, CRJIT_DIAG_OPTIONS_FILE_MALFORMED, CRJIT_NPOS),
        CRJIT_NPOS);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* A-3 / crjit.h: a NUL byte ends the text, with a warning; CRJIT_OK. */
static void test_nul_byte(void **state)
{
    static const char text[] = "-Da=1\n-Db=2\0-Dc=3\n-Dd=4\n";
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args = NULL;
    size_t d;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(load(args, text, sizeof text - 1), CRJIT_OK);
    assert_false(crjit_args_load_failed(args));
    assert_int_equal(crjit_args_count(args), 3);
    assert_entry(args, 0, OPT_ENTRY, CRJIT_SOURCE_OPTIONS_FILE);
    assert_entry(args, 1, "-Da=1", CRJIT_SOURCE_OPTIONS_FILE);
    assert_entry(args, 2, "-Db=2", CRJIT_SOURCE_OPTIONS_FILE);
    d = test_find_args_diag(args, CRJIT_DIAG_NUL_BYTE);
    assert_int_not_equal(d, CRJIT_NPOS);
    assert_int_equal(crjit_args_diag(args, d)->severity, CRJIT_SEV_WARNING);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* A NUL inside an open quote ends the text there: the quote is then
 * unterminated. */
static void test_nul_byte_in_quote(void **state)
{
    static const char text[] = "-Da=\"x\0y\"\n";
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args = NULL;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(load(args, text, sizeof text - 1), CRJIT_E_LOAD);
    assert_true(crjit_args_load_failed(args));
    assert_int_equal(crjit_args_count(args), 0);
    assert_int_not_equal(test_find_args_diag(args, CRJIT_DIAG_NUL_BYTE),
                         CRJIT_NPOS);
    assert_int_not_equal(
        test_find_args_diag(args, CRJIT_DIAG_OPTIONS_FILE_MALFORMED),
        CRJIT_NPOS);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* entries keep source order; a second options file appends its own
 * -Xoptionsfile= entry after the first file's entries. */
static void test_two_files_in_order(void **state)
{
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args = NULL;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(crjit_args_load_options_file(args, "a", 1,
                                                  TEXT("-Da=1\n")),
                     CRJIT_OK);
    assert_int_equal(crjit_args_load_options_file(args, "b", 1,
                                                  TEXT("-Db=1 -Dc=1\n")),
                     CRJIT_OK);
    assert_int_equal(crjit_args_count(args), 5);
    assert_entry(args, 0, "-Xoptionsfile=a", CRJIT_SOURCE_OPTIONS_FILE);
    assert_entry(args, 1, "-Da=1", CRJIT_SOURCE_OPTIONS_FILE);
    assert_entry(args, 2, "-Xoptionsfile=b", CRJIT_SOURCE_OPTIONS_FILE);
    assert_entry(args, 3, "-Db=1", CRJIT_SOURCE_OPTIONS_FILE);
    assert_entry(args, 4, "-Dc=1", CRJIT_SOURCE_OPTIONS_FILE);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* a nested -Xoptionsfile= is consumed like the outer
 * one, so a plan accepts the restore. */
static void test_nested_optionsfile_plan(void **state)
{
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args = NULL;
    crjit_plan *plan;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(load(args, TEXT("-Xoptionsfile=/nested.opts\n")),
                     CRJIT_OK);
    assert_int_equal(crjit_args_count(args), 2);
    assert_entry(args, 1, "-Xoptionsfile=/nested.opts",
                 CRJIT_SOURCE_OPTIONS_FILE);
    plan = test_plan(ctx, args, NULL);
    assert_true(crjit_plan_accepted(plan));
    assert_int_equal(crjit_plan_arg_count(plan), 2);
    assert_int_not_equal(crjit_plan_arg_status(plan, 0),
                         CRJIT_ARG_UNRECOGNIZED);
    assert_int_not_equal(crjit_plan_arg_status(plan, 1),
                         CRJIT_ARG_UNRECOGNIZED);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

#define EXTRA_TESTS 7

int main(void)
{
    static struct CMUnitTest tests[ARRAY_SIZE(cases) + ARRAY_SIZE(bad_cases) +
                                   EXTRA_TESTS];
    size_t i, n = 0;

    for (i = 0; i < ARRAY_SIZE(cases); i++) {
        struct CMUnitTest t = { cases[i].name, run_case, NULL, NULL,
                                &cases[i] };
        tests[n++] = t;
    }
    for (i = 0; i < ARRAY_SIZE(bad_cases); i++) {
        struct CMUnitTest t = { bad_cases[i].name, run_bad_case, NULL, NULL,
                                &bad_cases[i] };
        tests[n++] = t;
    }
    {
        const struct CMUnitTest extra[EXTRA_TESTS] = {
            cmocka_unit_test(test_missing_file),
            cmocka_unit_test(test_missing_file_then_more),
            cmocka_unit_test(test_missing_path),
            cmocka_unit_test(test_nul_byte),
            cmocka_unit_test(test_nul_byte_in_quote),
            cmocka_unit_test(test_two_files_in_order),
            cmocka_unit_test(test_nested_optionsfile_plan),
        };
        for (i = 0; i < EXTRA_TESTS; i++)
            tests[n++] = extra[i];
    }
    return cmocka_run_group_tests_name("optfile", tests, NULL, NULL);
}
