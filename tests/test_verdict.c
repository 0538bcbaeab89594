/* The VM's check of the restore arguments (semantics.md A-39…A-46), the
 * final status of every argument and the diagnostics rules (product.md
 * §6.1), the messages (§4), the strict policy (§3) and the checkpoint state
 * read from the pre-checkpoint command line (crjit_checkpoint_from_args).
 *
 * Expectations come from the rules, not from the implementation.  Every
 * table row is its own cmocka test named after the rule it exercises. */
#include "testutil.h"

#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MAXA 8
#define MAXM 3
#define MAXD 5

/* Expected status: a crjit_arg_status, or one of these. */
#define X_ANY (-1)     /* not asserted */
#define X_NOTCONS (-2) /* unrecognized or unsupported */

#define C CRJIT_ARG_CONSUMED
#define DUP CRJIT_ARG_DUPLICATE
#define UNREC CRJIT_ARG_UNRECOGNIZED
#define UNSUP CRJIT_ARG_UNSUPPORTED
#define TOL CRJIT_ARG_TOLERATED

#define ERR CRJIT_SEV_ERROR
#define WARN CRJIT_SEV_WARNING
#define NOTE CRJIT_SEV_NOTE

/* Row flags: checkpoint state and consumer table. */
#define CK_DEBUG 0x1u  /* checkpoint.debug_on_restore */
#define CK_IGNORE 0x2u /* checkpoint.ignore_unrecognized */
#define NO_VM 0x4u     /* plan with an empty VM consumer table */

#define RESTORE_FAILED \
    "The JVM could not enable all the restore options specified"
#define LOAD_FAILED "The JVM could not load the options file"

/* §4 / A-41.4 and A-40 messages, exact ids and texts. */
#define M007(arg) { "JVMJ9VM007E", "Command-line option unrecognised: " arg }
#define M265(arg)                                                            \
    { "JVMJ9VM265E", "The JVM could not enable " arg                          \
                     " in the restore option file because "                  \
                     "-XX:+DebugOnRestore wasn't enabled pre-checkpoint." }

#define D(arg, code, sev) { arg, code, (int)(sev) }

#define IGN_RESTORE_P "-XX:+IgnoreUnrecognizedRestoreOptions"
#define IGN_RESTORE_M "-XX:-IgnoreUnrecognizedRestoreOptions"
#define IGN_VM_P "-XX:+IgnoreUnrecognizedVMOptions"
#define IGN_VM_M "-XX:-IgnoreUnrecognizedVMOptions"
#define IGN_XX_P "-XX:+IgnoreUnrecognizedXXColonOptions"
#define IGN_XX_M "-XX:-IgnoreUnrecognizedXXColonOptions"

typedef struct msg_want {
    const char *id; /* NULL ends the list */
    const char *text;
} msg_want;

typedef struct diag_want {
    int arg;              /* argument index */
    crjit_diag_code code; /* 0 ends the list */
    int sev;
} diag_want;

typedef struct verdict_case {
    const char *name;
    const char *argv[MAXA + 1]; /* NULL-terminated */
    unsigned flags;
    int status[MAXA];
    bool accepted;
    msg_want msgs[MAXM]; /* the plan's messages, exactly, in order */
    diag_want diags[MAXD]; /* diagnostics that must be present */
} verdict_case;

static verdict_case cases[] = {
    /* ---- accepted and rejected ---------------------------- */
    { "A-42 empty list accepted", { NULL }, 0, { 0 }, true, { { NULL, NULL } },
      { { 0 } } },
    { "A-56 -Xint rejected (unsupported, JVMJ9VM007E)", { "-Xint", NULL }, 0,
      { UNSUP }, false, { M007("-Xint") },
      { D(0, CRJIT_DIAG_UNSUPPORTED, ERR) } },
    { "A-56 -Xmx64m rejected (T-NP Envvar test10)", { "-Xmx64m", NULL }, 0,
      { UNSUP }, false, { M007("-Xmx64m") },
      { D(0, CRJIT_DIAG_UNSUPPORTED, ERR) } },
    { "A-41.4/A-43 only the leftmost offender gets JVMJ9VM007E",
      { "-Dok=1", "-Xmx64m", "-Xint", "-Xfoo", NULL }, 0,
      { C, UNSUP, UNSUP, UNREC }, false, { M007("-Xmx64m") },
      { D(1, CRJIT_DIAG_UNSUPPORTED, ERR), D(2, CRJIT_DIAG_UNSUPPORTED, ERR),
        D(3, CRJIT_DIAG_UNRECOGNIZED, ERR) } },
    { "A-41.4 unknown -X option unrecognized", { "-Xfoo", NULL }, 0,
      { UNREC }, false, { M007("-Xfoo") },
      { D(0, CRJIT_DIAG_UNRECOGNIZED, ERR) } },
    { "A-41.4 entry not starting with '-' unrecognized", { "foo", NULL }, 0,
      { UNREC }, false, { M007("foo") },
      { D(0, CRJIT_DIAG_UNRECOGNIZED, ERR) } },
    { "A-41.4 blank entry is an offender without ignoreUnrecognized",
      { " ", NULL }, 0, { UNREC }, false, { M007(" ") },
      { D(0, CRJIT_DIAG_UNRECOGNIZED, ERR) } },
    { "A-41.4 empty entry is an offender without ignoreUnrecognized",
      { "", NULL }, 0, { UNREC }, false, { M007("") },
      { D(0, CRJIT_DIAG_UNRECOGNIZED, ERR) } },
    /* ---- A-44 / A-41.3 -XX: options ------------------------------------ */
    { "A-44 unknown -XX:Foo tolerated by default, note",
      { "-XX:Foo", NULL }, 0, { TOL }, true, { { NULL, NULL } },
      { D(0, CRJIT_DIAG_TOLERATED, NOTE) } },
    { "A-44 unknown -XX:+Flag tolerated by default",
      { "-XX:+NoSuchFlag", NULL }, 0, { TOL }, true, { { NULL, NULL } },
      { D(0, CRJIT_DIAG_TOLERATED, NOTE) } },
    { "A-44 tolerated -XX: option, then a reported -X offender",
      { "-XX:Foo", "-Xfoo", NULL }, 0, { TOL, UNREC }, false,
      { M007("-Xfoo") },
      { D(0, CRJIT_DIAG_TOLERATED, NOTE), D(1, CRJIT_DIAG_UNRECOGNIZED, ERR) } },
    { "A-41.3 -XX:-IgnoreUnrecognizedXXColonOptions: -XX:Foo unrecognized",
      { IGN_XX_M, "-XX:Foo", NULL }, 0, { C, UNREC }, false,
      { M007("-XX:Foo") }, { D(1, CRJIT_DIAG_UNRECOGNIZED, ERR) } },
    { "A-41.3 XXColon + rightmost over -: -XX:Foo tolerated",
      { IGN_XX_M, IGN_XX_P, "-XX:Foo", NULL }, 0, { C, C, TOL }, true,
      { { NULL, NULL } }, { D(2, CRJIT_DIAG_TOLERATED, NOTE) } },
    { "A-41.3 XXColon - rightmost over +: -XX:Foo unrecognized",
      { IGN_XX_P, "-XX:Foo", IGN_XX_M, NULL }, 0, { C, UNREC, C }, false,
      { M007("-XX:Foo") }, { D(1, CRJIT_DIAG_UNRECOGNIZED, ERR) } },
    { "A-41.3/A-41.4 leftmost -XX: offender reported before a later -X one",
      { IGN_XX_M, "-XX:Foo", "-Xbar", NULL }, 0, { C, UNREC, UNREC }, false,
      { M007("-XX:Foo") },
      { D(1, CRJIT_DIAG_UNRECOGNIZED, ERR),
        D(2, CRJIT_DIAG_UNRECOGNIZED, ERR) } },
    /* ---- A-41.2 -XX:+IgnoreUnrecognizedVMOptions ----------------------- */
    { "A-41.2 +IgnoreUnrecognizedVMOptions tolerates everything",
      { IGN_VM_P, "-Xint", "-Xfoo", "foo", NULL }, 0, { C, TOL, TOL, TOL },
      true, { { NULL, NULL } },
      { D(1, CRJIT_DIAG_TOLERATED, NOTE), D(2, CRJIT_DIAG_TOLERATED, NOTE),
        D(3, CRJIT_DIAG_TOLERATED, NOTE) } },
    { "A-41.2 IgnoreUnrecognizedVMOptions - rightmost over +",
      { IGN_VM_P, "-Xfoo", IGN_VM_M, NULL }, 0, { C, UNREC, C }, false,
      { M007("-Xfoo") }, { D(1, CRJIT_DIAG_UNRECOGNIZED, ERR) } },
    { "A-41.2 IgnoreUnrecognizedVMOptions + rightmost over -",
      { IGN_VM_M, IGN_VM_P, "-Xfoo", NULL }, 0, { C, C, TOL }, true,
      { { NULL, NULL } }, { D(2, CRJIT_DIAG_TOLERATED, NOTE) } },
    /* ---- A-39 / A-43 -XX:+IgnoreUnrecognizedRestoreOptions ------------- */
    { "A-43 +IgnoreUnrecognizedRestoreOptions: accepted, JVMJ9VM007E still",
      { IGN_RESTORE_P, "-Xmx64m", NULL }, 0, { C, UNSUP }, true,
      { M007("-Xmx64m") }, { D(1, CRJIT_DIAG_UNSUPPORTED, WARN) } },
    { "A-43 +IgnoreUnrecognizedRestoreOptions after an unknown option",
      { "-Xfoo", "-Xbar", IGN_RESTORE_P, NULL }, 0, { UNREC, UNREC, C }, true,
      { M007("-Xfoo") },
      { D(0, CRJIT_DIAG_UNRECOGNIZED, WARN),
        D(1, CRJIT_DIAG_UNRECOGNIZED, WARN) } },
    { "A-39 IgnoreUnrecognizedRestoreOptions - rightmost over + rejects",
      { IGN_RESTORE_P, "-Xfoo", IGN_RESTORE_M, NULL }, 0, { C, UNREC, C },
      false, { M007("-Xfoo") }, { D(1, CRJIT_DIAG_UNRECOGNIZED, ERR) } },
    { "A-39 IgnoreUnrecognizedRestoreOptions + rightmost over - accepts",
      { IGN_RESTORE_M, "-Xfoo", IGN_RESTORE_P, NULL }, 0, { C, UNREC, C },
      true, { M007("-Xfoo") }, { D(1, CRJIT_DIAG_UNRECOGNIZED, WARN) } },
    { "A-39 +IgnoreUnrecognizedRestoreOptions alone: nothing reported",
      { IGN_RESTORE_P, NULL }, 0, { C }, true, { { NULL, NULL } }, { { 0 } } },
    { "A-39/A-25 repeated +IgnoreUnrecognizedRestoreOptions: duplicate",
      { IGN_RESTORE_P, IGN_RESTORE_P, NULL }, 0, { DUP, C }, true,
      { { NULL, NULL } }, { D(0, CRJIT_DIAG_DUPLICATE, NOTE) } },
    /* ---- ignoreUnrecognized ------------------------------------- */
    { "A-41.1 checkpoint ignore_unrecognized skips blank, -X and _ entries",
      { "", "   ", "-Xfoo", "_JAVA_OPTIONS", "-Xint", "-XX:Foo", NULL },
      CK_IGNORE, { TOL, TOL, TOL, TOL, TOL, TOL }, true, { { NULL, NULL } },
      { D(0, CRJIT_DIAG_TOLERATED, NOTE), D(1, CRJIT_DIAG_TOLERATED, NOTE),
        D(2, CRJIT_DIAG_TOLERATED, NOTE), D(3, CRJIT_DIAG_TOLERATED, NOTE),
        D(4, CRJIT_DIAG_TOLERATED, NOTE) } },
    { "A-41.1 checkpoint ignore_unrecognized does not skip other entries",
      { "-Xfoo", "bar", "-Ybaz", NULL }, CK_IGNORE, { TOL, UNREC, UNREC },
      false, { M007("bar") },
      { D(0, CRJIT_DIAG_TOLERATED, NOTE), D(1, CRJIT_DIAG_UNRECOGNIZED, ERR),
        D(2, CRJIT_DIAG_UNRECOGNIZED, ERR) } },
    { "A-41.1/A-41.4 ignore_unrecognized skips -XX: even with XXColon off",
      { IGN_XX_M, "-XX:Foo", NULL }, CK_IGNORE, { C, TOL }, true,
      { { NULL, NULL } }, { D(1, CRJIT_DIAG_TOLERATED, NOTE) } },
    { "A-41.1 -XXvm:ignoreUnrecognized in the args: consumed, skips -X/_/blank",
      { "-Xfoo", "-XXvm:ignoreUnrecognized", "_x", "", " ", NULL }, 0,
      { TOL, C, TOL, TOL, TOL }, true, { { NULL, NULL } },
      { D(0, CRJIT_DIAG_TOLERATED, NOTE), D(2, CRJIT_DIAG_TOLERATED, NOTE),
        D(3, CRJIT_DIAG_TOLERATED, NOTE) } },
    { "A-41.1 -XXvm:ignoreUnrecognized does not skip other entries",
      { "-XXvm:ignoreUnrecognized", "bar", NULL }, 0, { C, UNREC }, false,
      { M007("bar") }, { D(1, CRJIT_DIAG_UNRECOGNIZED, ERR) } },
    /* ---- A-40 agents ---------------------------------------------------- */
    { "A-40 -agentlib:jdwp= without DebugOnRestore rejected (JVMJ9VM265E)",
      { "-agentlib:jdwp=transport=dt_socket,server=y,address=8000", NULL }, 0,
      { X_ANY }, false,
      { M265("-agentlib:jdwp=transport=dt_socket,server=y,address=8000") },
      { D(0, CRJIT_DIAG_JDWP_NEEDS_DEBUG, ERR) } },
    { "A-40 -agentpath: without DebugOnRestore rejected",
      { "-agentpath:/opt/lib/libagent.so=opt", NULL }, 0, { X_ANY }, false,
      { M265("-agentpath:/opt/lib/libagent.so=opt") },
      { D(0, CRJIT_DIAG_JDWP_NEEDS_DEBUG, ERR) } },
    { "A-40 -Xrunjdwp: without DebugOnRestore rejected",
      { "-Xrunjdwp:transport=dt_socket", NULL }, 0, { X_ANY }, false,
      { M265("-Xrunjdwp:transport=dt_socket") },
      { D(0, CRJIT_DIAG_JDWP_NEEDS_DEBUG, ERR) } },
    { "A-40 any -agentlib: (not only jdwp), even with +IgnoreUnrecognizedRestoreOptions",
      { IGN_RESTORE_P, "-agentlib:hprof", NULL }, 0, { C, X_ANY }, false,
      { M265("-agentlib:hprof") },
      { D(1, CRJIT_DIAG_JDWP_NEEDS_DEBUG, ERR) } },
    { "A-40 -Xrunjdwp: searched before -agentlib: before -agentpath:",
      { "-agentpath:/a.so", "-agentlib:jdwp=x", "-Xrunjdwp:y", NULL }, 0,
      { X_NOTCONS, X_NOTCONS, X_ANY }, false, { M265("-Xrunjdwp:y") },
      { D(2, CRJIT_DIAG_JDWP_NEEDS_DEBUG, ERR) } },
    { "A-40 -agentlib: searched before -agentpath:",
      { "-agentpath:/a.so", "-agentlib:jdwp=x", NULL }, 0,
      { X_NOTCONS, X_ANY }, false, { M265("-agentlib:jdwp=x") },
      { D(1, CRJIT_DIAG_JDWP_NEEDS_DEBUG, ERR) } },
    { "A-40 forward search: leftmost agent of a prefix reported",
      { "-agentlib:first", "-agentlib:second", NULL }, 0, { X_ANY, DUP },
      false, { M265("-agentlib:first") },
      { D(0, CRJIT_DIAG_JDWP_NEEDS_DEBUG, ERR) } },
    { "A-40/A-41 agent failure: the generic check does not run",
      { "-Xint", "-agentlib:jdwp=x", NULL }, 0, { UNSUP, X_ANY }, false,
      { M265("-agentlib:jdwp=x") },
      { D(1, CRJIT_DIAG_JDWP_NEEDS_DEBUG, ERR) } },
    { "A-40 with debug_on_restore the check does not consume agents",
      { "-agentlib:jdwp=transport=dt_socket", NULL }, CK_DEBUG | NO_VM,
      { UNREC }, false, { M007("-agentlib:jdwp=transport=dt_socket") },
      { D(0, CRJIT_DIAG_UNRECOGNIZED, ERR) } },
    { "A-40/A-43 debug_on_restore + IgnoreUnrecognizedRestoreOptions",
      { "-agentpath:/a.so", IGN_RESTORE_P, NULL }, CK_DEBUG | NO_VM,
      { UNREC, C }, true, { M007("-agentpath:/a.so") },
      { D(0, CRJIT_DIAG_UNRECOGNIZED, WARN) } },
    /* ---- A-25 duplicates ------------------------------------------------ */
    /* B-15/B-16: disabling the SCC at restore also disables AOT (043W). */
    { "A-25 duplicate -Xshareclasses:disableOnRestore: note, rightmost wins",
      { "-Xshareclasses:disableOnRestore", "-Xshareclasses:disableOnRestore",
        NULL },
      0, { DUP, C }, true,
      { { "JVMJITM043W", "AOT load and compilation disabled post restore." },
        { NULL, NULL } },
      { D(0, CRJIT_DIAG_DUPLICATE, NOTE) } },
    { "A-25 three duplicates: both earlier ones name the rightmost",
      { "-XX:-DebugInterpreter", "-Xsoftmx1g", "-XX:-DebugInterpreter",
        "-XX:-DebugInterpreter", NULL },
      0, { DUP, C, DUP, C }, true, { { NULL, NULL } },
      { D(0, CRJIT_DIAG_DUPLICATE, NOTE), D(2, CRJIT_DIAG_DUPLICATE, NOTE) } },
    { "A-28 repeated -D entries are all consumed, not duplicates",
      { "-Dx=1", "-Dx=2", NULL }, 0, { C, C }, true, { { NULL, NULL } },
      { { 0 } } },
    { "A-39 -Xoptionsfile= consumed", { "-Xoptionsfile=/r.opts", NULL }, 0,
      { C }, true, { { NULL, NULL } }, { { 0 } } },
};

/* ---- helpers ------------------------------------------------------------ */

static size_t argc_of(const char *const *argv)
{
    size_t n = 0;
    while (argv[n] != NULL)
        n++;
    return n;
}

static bool has_diag_for(const crjit_plan *plan, size_t arg)
{
    size_t i;
    for (i = 0; i < crjit_plan_diag_count(plan); i++)
        if (crjit_plan_diag(plan, i)->arg == arg)
            return true;
    return false;
}

/* product.md §6.1: every argument whose status is not "consumed" has at
 * least one diagnostic with that argument's index. */
static void assert_diag_rule(const crjit_plan *plan)
{
    size_t i;
    for (i = 0; i < crjit_plan_arg_count(plan); i++)
        if (crjit_plan_arg_status(plan, i) != CRJIT_ARG_CONSUMED &&
            !has_diag_for(plan, i))
            fail_msg("arg %zu (%s) has no diagnostic (product.md 6.1)", i,
                     crjit_arg_status_name(crjit_plan_arg_status(plan, i)));
}

static void assert_status(const crjit_plan *plan, size_t i, int want)
{
    crjit_arg_status got = crjit_plan_arg_status(plan, i);
    if (want == X_ANY)
        return;
    if (want == X_NOTCONS) {
        if (got != CRJIT_ARG_UNRECOGNIZED && got != CRJIT_ARG_UNSUPPORTED)
            fail_msg("arg %zu: status %s, want unrecognized or unsupported",
                     i, crjit_arg_status_name(got));
        return;
    }
    if ((int)got != want)
        fail_msg("arg %zu: status %s, want %s", i, crjit_arg_status_name(got),
                 crjit_arg_status_name((crjit_arg_status)want));
}

/* A diagnostic with this code and argument exists, with this severity. */
static void assert_diag(const crjit_plan *plan, const diag_want *w)
{
    size_t i;
    bool code_seen = false;
    for (i = 0; i < crjit_plan_diag_count(plan); i++) {
        const crjit_diagnostic *d = crjit_plan_diag(plan, i);
        if (d->code != w->code || d->arg != (size_t)w->arg)
            continue;
        code_seen = true;
        if ((int)d->severity == w->sev)
            return;
    }
    fail_msg("no %s diagnostic %s on arg %d%s",
             crjit_severity_name((crjit_severity)w->sev),
             crjit_diag_code_name(w->code), w->arg,
             code_seen ? " (present with another severity)" : "");
}

static void assert_messages(const crjit_plan *plan, const msg_want *want)
{
    size_t n = 0, i;
    while (n < MAXM && want[n].id != NULL)
        n++;
    if (crjit_plan_message_count(plan) != n) {
        for (i = 0; i < crjit_plan_message_count(plan); i++) {
            const char *id = NULL, *text = NULL;
            (void)crjit_plan_message(plan, i, &id, &text);
            print_message("message %zu: %s %s\n", i, id, text);
        }
        fail_msg("%zu messages, want %zu", crjit_plan_message_count(plan), n);
    }
    for (i = 0; i < n; i++) {
        const char *id = NULL, *text = NULL;
        assert_true(crjit_plan_message(plan, i, &id, &text));
        assert_string_equal(id, want[i].id);
        assert_string_equal(text, want[i].text);
    }
    assert_false(crjit_plan_message(plan, n, NULL, NULL));
}

static crjit_plan *plan_row(crjit_ctx *ctx, const crjit_args *args,
                            unsigned flags)
{
    static const crjit_vm_consumer none[1] = { { "none", CRJIT_VM_BEFORE_JIT,
                                                 NULL } };
    crjit_checkpoint_state ck = CRJIT_CHECKPOINT_INIT;
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_plan *plan = NULL;

    ck.debug_on_restore = (flags & CK_DEBUG) != 0;
    ck.ignore_unrecognized = (flags & CK_IGNORE) != 0;
    in.args = args;
    in.checkpoint = &ck;
    if (flags & NO_VM) {
        in.vm_consumers = none;
        in.vm_consumer_count = 0;
    }
    assert_int_equal(crjit_plan_new(ctx, &in, &plan), CRJIT_OK);
    assert_non_null(plan);
    return plan;
}

/* ---- table rows --------------------------------------------------------- */

static void run_case(void **state)
{
    const verdict_case *c = *state;
    size_t n = argc_of(c->argv), i;
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *plan;

    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, c->argv);
    plan = plan_row(ctx, args, c->flags);

    assert_int_equal(crjit_plan_arg_count(plan), n);
    for (i = 0; i < n; i++) {
        assert_status(plan, i, c->status[i]);
        if (crjit_plan_arg_status(plan, i) == CRJIT_ARG_DUPLICATE) {
            size_t w = crjit_plan_arg_winner(plan, i);
            assert_true(w != CRJIT_NPOS && w != i && w < n);
            assert_int_equal(crjit_plan_arg_status(plan, w),
                             CRJIT_ARG_CONSUMED);
        } else {
            assert_int_equal(crjit_plan_arg_winner(plan, i), CRJIT_NPOS);
        }
    }
    assert_int_equal(crjit_plan_accepted(plan), c->accepted);
    if (c->accepted)
        assert_null(crjit_plan_verdict_message(plan));
    else
        assert_string_equal(crjit_plan_verdict_message(plan), RESTORE_FAILED);
    assert_messages(plan, c->msgs);
    for (i = 0; i < MAXD && c->diags[i].code != 0; i++)
        assert_diag(plan, &c->diags[i]);
    assert_diag_rule(plan);
    /* reference policy never adds a strict rejection */
    assert_int_equal(test_find_diag(plan, CRJIT_DIAG_STRICT_REJECT,
                                    CRJIT_NPOS),
                     CRJIT_NPOS);

    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* ---- duplicate winners named exactly ------------------------------------ */

/* every further hit names the rightmost one. */
static void test_duplicate_winner_rightmost(void **state)
{
    static const char *const argv[] = {
        "-Xshareclasses:disableOnRestore", "-Dx",
        "-Xshareclasses:disableOnRestore", "-Xsoftmx1g",
        "-Xshareclasses:disableOnRestore", NULL
    };
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *plan;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, argv);
    plan = test_plan(ctx, args, NULL);
    assert_int_equal(crjit_plan_arg_status(plan, 0), CRJIT_ARG_DUPLICATE);
    assert_int_equal(crjit_plan_arg_winner(plan, 0), 4);
    assert_int_equal(crjit_plan_arg_status(plan, 2), CRJIT_ARG_DUPLICATE);
    assert_int_equal(crjit_plan_arg_winner(plan, 2), 4);
    assert_int_equal(crjit_plan_arg_status(plan, 4), CRJIT_ARG_CONSUMED);
    assert_int_equal(crjit_plan_arg_winner(plan, 4), CRJIT_NPOS);
    assert_int_equal(crjit_plan_arg_winner(plan, 1), CRJIT_NPOS);
    assert_int_equal(crjit_plan_arg_winner(plan, 99), CRJIT_NPOS);
    assert_true(test_find_diag(plan, CRJIT_DIAG_DUPLICATE, 0) != CRJIT_NPOS);
    assert_true(test_find_diag(plan, CRJIT_DIAG_DUPLICATE, 2) != CRJIT_NPOS);
    assert_int_equal(crjit_plan_diag(plan, test_find_diag(
                                               plan, CRJIT_DIAG_DUPLICATE, 0))
                         ->severity,
                     CRJIT_SEV_NOTE);
    assert_true(crjit_plan_accepted(plan));
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* ---- load failures (A-3, DV-13, product.md §6.1) ----------------------- */

static void assert_load_rejected(crjit_ctx *ctx, const crjit_args *args,
                                 crjit_diag_code code)
{
    crjit_plan *plan = test_plan(ctx, args, NULL);
    assert_false(crjit_plan_accepted(plan));
    assert_string_equal(crjit_plan_verdict_message(plan), LOAD_FAILED);
    assert_int_equal(crjit_plan_arg_count(plan), 0);
    assert_true(test_find_diag(plan, code, CRJIT_NPOS) != CRJIT_NPOS);
    crjit_plan_free(plan);
}

static void test_malformed_options_file_rejected(void **state)
{
    static const char text[] = "-Dok=1\n-Dbad=\"open\n";
    static const char path[] = "/r.opts";
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, NULL);
    assert_int_equal(crjit_args_load_options_file(args, path, sizeof path - 1,
                                                  text, sizeof text - 1),
                     CRJIT_E_LOAD);
    assert_true(crjit_args_load_failed(args));
    assert_int_equal(crjit_args_count(args), 0);
    assert_load_rejected(ctx, args, CRJIT_DIAG_OPTIONS_FILE_MALFORMED);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

static void test_unreadable_env_file_rejected(void **state)
{
    static const char *const argv[] = { "-Xrs:onRestore", NULL };
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, argv);
    assert_int_equal(crjit_args_load_env_file(args, NULL, 0), CRJIT_E_LOAD);
    assert_true(crjit_args_load_failed(args));
    assert_int_equal(crjit_args_count(args), 0);
    assert_load_rejected(ctx, args, CRJIT_DIAG_ENV_FILE_UNREADABLE);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* a missing options file is a warning; the restore goes on. */
static void test_missing_options_file_accepted(void **state)
{
    static const char path[] = "/missing.opts";
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *plan;
    size_t d;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, NULL);
    assert_int_equal(crjit_args_load_options_file(args, path, sizeof path - 1,
                                                  NULL, 0),
                     CRJIT_OK);
    plan = test_plan(ctx, args, NULL);
    assert_true(crjit_plan_accepted(plan));
    assert_int_equal(crjit_plan_arg_count(plan), 1);
    assert_int_equal(crjit_plan_arg_status(plan, 0), CRJIT_ARG_CONSUMED);
    d = test_find_diag(plan, CRJIT_DIAG_OPTIONS_FILE_NOT_FOUND, CRJIT_NPOS);
    assert_true(d != CRJIT_NPOS);
    assert_int_equal(crjit_plan_diag(plan, d)->severity, CRJIT_SEV_WARNING);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* ---- strict policy (product.md §3) --------------------------------------- */

static const char quoted_env[] =
    "JAVA_HOME=/opt/java\n"
    "OPENJ9_RESTORE_JAVA_OPTIONS=\"-XX:+MergeCompilerOptions -Xnojit\"\n";

static crjit_args *quoted_env_args(crjit_ctx *ctx)
{
    crjit_args *args = test_args(ctx, NULL);
    assert_int_equal(crjit_args_load_env_file(args, quoted_env,
                                              sizeof quoted_env - 1),
                     CRJIT_OK);
    return args;
}

/* DV-16 under the reference policy: one entry, an error diagnostic, and
 * the restore is accepted. */
static void test_dv16_reference_accepts(void **state)
{
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *plan;
    size_t d;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = quoted_env_args(ctx);
    assert_int_equal(crjit_args_count(args), 1);
    assert_string_equal(crjit_args_text(args, 0, NULL, NULL),
                        "-XX:+MergeCompilerOptions -Xnojit");
    plan = test_plan(ctx, args, NULL);
    d = test_find_diag(plan, CRJIT_DIAG_QUOTED_VALUE, 0);
    assert_true(d != CRJIT_NPOS);
    assert_int_equal(crjit_plan_diag(plan, d)->severity, CRJIT_SEV_ERROR);
    assert_int_equal(crjit_plan_arg_status(plan, 0), CRJIT_ARG_TOLERATED);
    assert_true(crjit_plan_accepted(plan));
    assert_null(crjit_plan_verdict_message(plan));
    assert_int_equal(test_find_diag(plan, CRJIT_DIAG_STRICT_REJECT,
                                    CRJIT_NPOS),
                     CRJIT_NPOS);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* §3: the same list under the strict policy is rejected because of the
 * error diagnostic. */
static void test_dv16_strict_rejects(void **state)
{
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *plan;
    size_t d;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_STRICT);
    assert_int_equal(crjit_ctx_policy(ctx), CRJIT_POLICY_STRICT);
    args = quoted_env_args(ctx);
    plan = test_plan(ctx, args, NULL);
    assert_false(crjit_plan_accepted(plan));
    assert_non_null(crjit_plan_verdict_message(plan));
    d = test_find_diag(plan, CRJIT_DIAG_STRICT_REJECT, CRJIT_NPOS);
    assert_true(d != CRJIT_NPOS);
    assert_int_equal(crjit_plan_diag(plan, d)->severity, CRJIT_SEV_ERROR);
    assert_string_equal(crjit_diag_code_name(CRJIT_DIAG_STRICT_REJECT),
                        "rejected-by-strict-policy");
    assert_diag_rule(plan);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

static bool any_error(const crjit_plan *plan)
{
    size_t i;
    for (i = 0; i < crjit_plan_diag_count(plan); i++)
        if (crjit_plan_diag(plan, i)->severity == CRJIT_SEV_ERROR)
            return true;
    return false;
}

/* §3: warnings and notes alone never reject under strict. */
static void test_strict_warnings_notes_accept(void **state)
{
    static const char path[] = "/missing.opts";
    static const char *const more[] = {
        "-XX:Foo", "-Xshareclasses:disableOnRestore",
        "-Xshareclasses:disableOnRestore", "-Dk=v", NULL
    };
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *plan;
    size_t i;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_STRICT);
    args = test_args(ctx, NULL);
    assert_int_equal(crjit_args_load_options_file(args, path, sizeof path - 1,
                                                  NULL, 0),
                     CRJIT_OK);
    for (i = 0; more[i] != NULL; i++)
        assert_int_equal(crjit_args_add_cstr(args, more[i],
                                             CRJIT_SOURCE_COMMAND_LINE),
                         CRJIT_OK);
    plan = test_plan(ctx, args, NULL);
    /* preconditions: a warning, notes, no error */
    assert_true(test_find_diag(plan, CRJIT_DIAG_OPTIONS_FILE_NOT_FOUND,
                               CRJIT_NPOS) != CRJIT_NPOS);
    assert_true(test_find_diag(plan, CRJIT_DIAG_TOLERATED, 1) != CRJIT_NPOS);
    assert_true(test_find_diag(plan, CRJIT_DIAG_DUPLICATE, 2) != CRJIT_NPOS);
    assert_false(any_error(plan));
    assert_true(crjit_plan_accepted(plan));
    assert_null(crjit_plan_verdict_message(plan));
    assert_int_equal(test_find_diag(plan, CRJIT_DIAG_STRICT_REJECT,
                                    CRJIT_NPOS),
                     CRJIT_NPOS);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* §3 + A-43: under +IgnoreUnrecognizedRestoreOptions the offender's
 * diagnostic is a warning, so strict accepts like reference does. */
static void test_strict_ignore_restore_warning_accepts(void **state)
{
    static const char *const argv[] = { IGN_RESTORE_P, "-Xmx64m", NULL };
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *plan;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_STRICT);
    args = test_args(ctx, argv);
    plan = test_plan(ctx, args, NULL);
    assert_false(any_error(plan));
    assert_true(crjit_plan_accepted(plan));
    assert_int_equal(crjit_plan_message_count(plan), 1);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* §3: strict is "as reference" first: a rejected restore stays rejected
 * with the reference message. */
static void test_strict_keeps_reference_rejection(void **state)
{
    static const char *const argv[] = { "-Xint", NULL };
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *plan;
    const char *id = NULL, *text = NULL;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_STRICT);
    args = test_args(ctx, argv);
    plan = test_plan(ctx, args, NULL);
    assert_false(crjit_plan_accepted(plan));
    assert_string_equal(crjit_plan_verdict_message(plan), RESTORE_FAILED);
    assert_true(crjit_plan_message(plan, 0, &id, &text));
    assert_string_equal(id, "JVMJ9VM007E");
    assert_string_equal(text, "Command-line option unrecognised: -Xint");
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* ---- crjit_checkpoint_from_args ------------------------------------------ */

typedef struct ck_case {
    const char *name;
    const char *argv[MAXA + 1];
    bool in_criu, in_debug, in_ignore;
    bool criu, debug, ignore;
} ck_case;

#define CRIU_P "-XX:+EnableCRIUSupport"
#define CRIU_M "-XX:-EnableCRIUSupport"
#define DOR_P "-XX:+DebugOnRestore"
#define DOR_M "-XX:-DebugOnRestore"

static ck_case ck_cases[] = {
    { "E/A-40/A-9 empty command line keeps every field (defaults)",
      { NULL }, true, false, false, true, false, false },
    { "E/A-40/A-9 empty command line keeps every field (non-defaults)",
      { NULL }, false, true, true, false, true, true },
    { "E -XX:-EnableCRIUSupport disables", { CRIU_M, NULL }, true, false,
      false, false, false, false },
    { "E -XX:+EnableCRIUSupport enables", { CRIU_P, NULL }, false, false,
      false, true, false, false },
    { "E EnableCRIUSupport - then +: + rightmost wins", { CRIU_M, CRIU_P, NULL },
      false, false, false, true, false, false },
    { "E EnableCRIUSupport + then -: - rightmost wins", { CRIU_P, CRIU_M, NULL },
      true, false, false, false, false, false },
    { "E EnableCRIUSupport + - + - +: rightmost wins",
      { CRIU_P, CRIU_M, CRIU_P, CRIU_M, CRIU_P, NULL }, false, false, false,
      true, false, false },
    { "E -XX:CRaCCheckpointTo=dir enables",
      { "-XX:CRaCCheckpointTo=/tmp/cr", NULL }, false, false, false, true,
      false, false },
    { "E CRaCCheckpointTo= enables even after -XX:-EnableCRIUSupport",
      { CRIU_M, "-XX:CRaCCheckpointTo=/tmp/cr", NULL }, true, false, false,
      true, false, false },
    { "E EnableCRIUSupport is an exact option (A-16, A-17)",
      { "-XX:+EnableCRIUSupportX", "-XX:+enablecriusupport", NULL }, false,
      false, false, false, false, false },
    { "A-40 -XX:+DebugOnRestore sets debug_on_restore", { DOR_P, NULL }, true,
      false, false, true, true, false },
    { "A-40 DebugOnRestore + then -: - rightmost wins", { DOR_P, DOR_M, NULL },
      true, false, false, true, false, false },
    { "A-40 DebugOnRestore - then +: + rightmost wins", { DOR_M, DOR_P, NULL },
      true, false, false, true, true, false },
    { "A-40 -XX:-DebugOnRestore clears a preset value", { DOR_M, NULL }, true,
      true, false, true, false, false },
    { "A-9 unmentioned ignore_unrecognized keeps its value",
      { DOR_P, CRIU_M, "-Xmx1g", NULL }, true, false, true, false, true,
      true },
    { "E/A-40 mixed command line, each switch rightmost",
      { CRIU_P, DOR_P, "-Xint", CRIU_M, "-Dx=1", DOR_M, DOR_P, NULL }, true,
      false, false, false, true, false },
};

static void run_ck_case(void **state)
{
    const ck_case *c = *state;
    crjit_checkpoint_state ck;
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;

    memset(&st, 0, sizeof st);
    crjit_checkpoint_init(&ck);
    assert_int_equal(ck.version, CRJIT_CHECKPOINT_VERSION);
    ck.criu_enabled = c->in_criu;
    ck.debug_on_restore = c->in_debug;
    ck.ignore_unrecognized = c->in_ignore;
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, c->argv);
    assert_int_equal(crjit_checkpoint_from_args(args, &ck), CRJIT_OK);
    assert_int_equal(ck.version, CRJIT_CHECKPOINT_VERSION);
    assert_int_equal(ck.criu_enabled, c->criu);
    assert_int_equal(ck.debug_on_restore, c->debug);
    assert_int_equal(ck.ignore_unrecognized, c->ignore);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

static void test_checkpoint_defaults(void **state)
{
    const crjit_checkpoint_state init = CRJIT_CHECKPOINT_INIT;
    crjit_checkpoint_state ck;

    (void)state;
    memset(&ck, 0xff, sizeof ck);
    crjit_checkpoint_init(&ck);
    assert_int_equal(ck.version, CRJIT_CHECKPOINT_VERSION);
    assert_true(ck.criu_enabled);
    assert_false(ck.debug_on_restore);
    assert_false(ck.ignore_unrecognized);
    assert_int_equal(init.version, ck.version);
    assert_int_equal(init.criu_enabled, ck.criu_enabled);
    crjit_checkpoint_init(NULL); /* no-op */
}

static void test_checkpoint_bad_version(void **state)
{
    static const char *const argv[] = { CRIU_M, DOR_P, NULL };
    crjit_checkpoint_state ck = CRJIT_CHECKPOINT_INIT;
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, argv);
    ck.version = CRJIT_CHECKPOINT_VERSION + 1;
    assert_int_equal(crjit_checkpoint_from_args(args, &ck), CRJIT_E_VERSION);
    /* nothing written */
    assert_true(ck.criu_enabled);
    assert_false(ck.debug_on_restore);
    ck.version = 0;
    assert_int_equal(crjit_checkpoint_from_args(args, &ck), CRJIT_E_VERSION);
    ck.version = CRJIT_CHECKPOINT_VERSION;
    assert_int_equal(crjit_checkpoint_from_args(NULL, &ck),
                     CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_checkpoint_from_args(args, NULL),
                     CRJIT_E_INVALID_ARG);
    assert_true(ck.criu_enabled);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* The derived state feeds planning: -XX:+DebugOnRestore before the
 * checkpoint means A-40 does not fire at restore, and the reference agent
 * loader (T-1 step 4) takes the agent. */
static void test_checkpoint_feeds_plan(void **state)
{
    static const char *const pre[] = { "-XX:+EnableCRIUSupport", DOR_P,
                                       NULL };
    static const char *const post[] = { "-agentlib:jdwp=transport=x", NULL };
    crjit_checkpoint_state ck = CRJIT_CHECKPOINT_INIT;
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *pre_args, *post_args;
    crjit_plan *plan;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    pre_args = test_args(ctx, pre);
    post_args = test_args(ctx, post);
    assert_int_equal(crjit_checkpoint_from_args(pre_args, &ck), CRJIT_OK);
    assert_true(ck.debug_on_restore);
    plan = test_plan(ctx, post_args, &ck);
    assert_int_equal(test_find_diag(plan, CRJIT_DIAG_JDWP_NEEDS_DEBUG,
                                    CRJIT_NPOS),
                     CRJIT_NPOS);
    /* T-1 step 4: the agent loader takes it (crjit.h reference table) */
    assert_int_equal(crjit_plan_arg_status(plan, 0), CRJIT_ARG_CONSUMED);
    assert_true(crjit_plan_accepted(plan));
    crjit_plan_free(plan);
    crjit_args_free(pre_args);
    crjit_args_free(post_args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

#define NAMED(name, fn) { name, fn, NULL, NULL, NULL }
#define EXTRA_TESTS 12

int main(void)
{
    static struct CMUnitTest tests[ARRAY_SIZE(cases) + ARRAY_SIZE(ck_cases) +
                                   EXTRA_TESTS];
    size_t i, n = 0;

    for (i = 0; i < ARRAY_SIZE(cases); i++) {
        struct CMUnitTest t = { cases[i].name, run_case, NULL, NULL,
                                &cases[i] };
        tests[n++] = t;
    }
    for (i = 0; i < ARRAY_SIZE(ck_cases); i++) {
        struct CMUnitTest t = { ck_cases[i].name, run_ck_case, NULL, NULL,
                                &ck_cases[i] };
        tests[n++] = t;
    }
    {
        const struct CMUnitTest extra[EXTRA_TESTS] = {
            NAMED("A-25 duplicate winner is the rightmost match",
                  test_duplicate_winner_rightmost),
            NAMED("A-3/6.1 malformed options file: rejected, no args",
                  test_malformed_options_file_rejected),
            NAMED("DV-13/6.1 unreadable env file: rejected, no args",
                  test_unreadable_env_file_rejected),
            NAMED("A-3 missing options file: warning, accepted",
                  test_missing_options_file_accepted),
            NAMED("DV-16/A-44 quoted env value: error, reference accepts",
                  test_dv16_reference_accepts),
            NAMED("DV-16/3 quoted env value: strict policy rejects",
                  test_dv16_strict_rejects),
            NAMED("3 strict: warnings and notes alone accept",
                  test_strict_warnings_notes_accept),
            NAMED("3/A-43 strict: IgnoreUnrecognizedRestoreOptions warning accepts",
                  test_strict_ignore_restore_warning_accepts),
            NAMED("3/A-42 strict keeps a reference rejection",
                  test_strict_keeps_reference_rejection),
            NAMED("crjit_checkpoint_init defaults (CRJIT_CHECKPOINT_INIT)",
                  test_checkpoint_defaults),
            NAMED("crjit_checkpoint_from_args wrong version: CRJIT_E_VERSION",
                  test_checkpoint_bad_version),
            NAMED("A-40 checkpoint state from args feeds the plan",
                  test_checkpoint_feeds_plan),
        };
        for (i = 0; i < EXTRA_TESTS; i++)
            tests[n++] = extra[i];
    }
    return cmocka_run_group_tests_name("verdict", tests, NULL, NULL);
}
