/* The 81 external -X/-XX options of semantics.md Part C, each with a
 * realistic value, through whole restores (crjit_plan_new).
 *
 * libcrjit consumes every option the JIT uses, by its own syntax (DV-3),
 * where the reference consumes only the bare prefix or merely looks (C-3,
 * C-4, G-3, G-4); the three options without restore handling (rows 5, 8,
 * 20) stay unconsumed and fail the restore (G-2).  With the compiler off
 * after restore (B-21) they are still consumed and reported as not applied
 * (DV-4).  Integer rows report bad values (C-5 with DV-5).
 *
 * Each Part C row is run three ways, each its own cmocka test:
 *   default   the option alone;
 *   XX-strict after -XX:-IgnoreUnrecognizedXXColonOptions, which
 *             would expose an unconsumed -XX: option (C-4, H-12);
 *   gate      before -Xnojit -Xnoaot (B-21, DV-4). */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define IGN_XX_M "-XX:-IgnoreUnrecognizedXXColonOptions"

/* What the row does after restore (Part C "Post-restore action"). */
typedef enum kind {
    K_CI,     /* consume-and-ignore, no effect ("none") */
    K_JS,     /* CI + JITServer (Part E) or F for JITServer: used */
    K_UNSUP,  /* — : no restore handling, fails the restore (G-2) */
    K_PRINT,  /* F, B-37 */
    K_INT,    /* consume + integer (rows 18, 19, 36) */
    K_MODE,   /* P1: consumed in phase 1 (B-11) */
    K_STRING, /* -Xjit:/-Xaot: string, consumed in phase 1 (B-11) */
    K_MERGE,  /* PM: consumed in pre-processing (B-24) */
    K_IPROF   /* F, B-39 */
} kind;

typedef struct ext_row {
    int row;         /* Part C index; -1 for an extra spelling of a row */
    const char *arg; /* the restore argument, with a realistic value */
    kind k;
} ext_row;

/* clang-format off */
static const ext_row rows[] = {
    { 0, "-Xnodfpbd", K_CI },
    { 1, "-Xdfpbd", K_CI },
    { 2, "-Xhysteresis", K_CI },
    { 3, "-Xnoquickstart", K_CI },
    { 4, "-Xquickstart", K_CI },
    { 5, "-Xtune:elastic", K_UNSUP },
    { 6, "-XtlhPrefetch", K_CI },
    { 7, "-XnotlhPrefetch", K_CI },
    { 8, "-Xlockword:mode=default", K_UNSUP },
    { 9, "-XlockReservation", K_CI },
    { 10, "-XjniAcc:{java/lang/String.*}", K_CI },
    { 11, "-Xlp16m", K_CI },
    { 12, "-Xlp:codecache:pagesize=1m", K_CI },
    { 13, "-Xcodecache32m", K_CI },
    { 14, "-Xcodecachetotal256m", K_CI },
    { 15, "-XX:codecachetotal=256m", K_CI },
    { 16, "-XX:+PrintCodeCache", K_PRINT },
    { 17, "-XX:-PrintCodeCache", K_PRINT },
    { 18, "-XsamplingExpirationTime600", K_INT },
    { 19, "-XcompilationThreads4", K_INT },
    { 20, "-XaggressivenessLevel3", K_UNSUP },
    { 21, "-Xnoclassgc", K_CI },
    { 22, "-Xjit", K_MODE },
    { 23, "-Xnojit", K_MODE },
    { 24, "-Xjit:count=10", K_STRING },
    { 25, "-Xaot", K_MODE },
    { 26, "-Xnoaot", K_MODE },
    { 27, "-Xaot:count=10", K_STRING },
    { 28, "-XX:deterministic=1", K_CI },
    { 29, "-XX:+RuntimeInstrumentation", K_CI },
    { 30, "-XX:-RuntimeInstrumentation", K_CI },
    { 31, "-XX:+PerfTool", K_CI },
    { 32, "-XX:-PerfTool", K_CI },
    { 33, "-XX:doNotProcessJitEnvVars", K_CI },
    { 34, "-XX:+MergeCompilerOptions", K_MERGE },
    { 35, "-XX:-MergeCompilerOptions", K_MERGE },
    { 36, "-XX:LateSCCDisclaimTime=5000", K_INT },
    { 37, "-XX:+UseJITServer", K_JS },
    { 38, "-XX:-UseJITServer", K_JS },
    { 39, "-XX:+JITServerTechPreviewMessage", K_CI },
    { 40, "-XX:-JITServerTechPreviewMessage", K_CI },
    { 41, "-XX:JITServerAddress=jitserver.example.com", K_JS },
    { 42, "-XX:JITServerPort=38400", K_JS },
    { 43, "-XX:JITServerTimeout=30000", K_JS },
    { 44, "-XX:JITServerSSLKey=/etc/jit/key.pem", K_JS },
    { 45, "-XX:JITServerSSLCert=/etc/jit/cert.pem", K_JS },
    { 46, "-XX:JITServerSSLRootCerts=/etc/jit/root.pem", K_JS },
    { 47, "-XX:+JITServerUseAOTCache", K_JS },
    { 48, "-XX:-JITServerUseAOTCache", K_JS },
    { 49, "-XX:+RequireJITServer", K_JS },
    { 50, "-XX:-RequireJITServer", K_JS },
    { 51, "-XX:+JITServerLogConnections", K_JS },
    { 52, "-XX:-JITServerLogConnections", K_JS },
    { 53, "-XX:JITServerAOTmx=300m", K_JS },
    { 54, "-XX:+JITServerLocalSyncCompiles", K_JS },
    { 55, "-XX:-JITServerLocalSyncCompiles", K_JS },
    { 56, "-XX:+JITServerMetrics", K_CI },
    { 57, "-XX:-JITServerMetrics", K_CI },
    { 58, "-XX:JITServerMetricsPort=38500", K_CI },
    { 59, "-XX:JITServerMetricsSSLKey=/etc/jit/mkey.pem", K_CI },
    { 60, "-XX:JITServerMetricsSSLCert=/etc/jit/mcert.pem", K_CI },
    { 61, "-XX:+JITServerShareROMClasses", K_CI },
    { 62, "-XX:-JITServerShareROMClasses", K_CI },
    { 63, "-XX:+JITServerAOTCachePersistence", K_CI },
    { 64, "-XX:-JITServerAOTCachePersistence", K_CI },
    { 65, "-XX:JITServerAOTCacheDir=/var/cache/jit", K_CI },
    { 66, "-XX:JITServerAOTCacheName=mycache", K_JS },
    { 67, "-XX:codecachetotalMaxRAMPercentage=25", K_CI },
    { 68, "-XX:+JITServerAOTCacheDelayMethodRelocation", K_CI },
    { 69, "-XX:-JITServerAOTCacheDelayMethodRelocation", K_CI },
    { 70, "-XX:+IProfileDuringStartupPhase", K_IPROF },
    { 71, "-XX:-IProfileDuringStartupPhase", K_IPROF },
    { 72, "-XX:+JITServerAOTCacheIgnoreLocalSCC", K_CI },
    { 73, "-XX:-JITServerAOTCacheIgnoreLocalSCC", K_CI },
    { 74, "-XX:+JITServerHealthProbes", K_CI },
    { 75, "-XX:-JITServerHealthProbes", K_CI },
    { 76, "-XX:JITServerHealthProbePort=38600", K_CI },
    { 77, "-XX:+TrackAOTDependencies", K_CI },
    { 78, "-XX:-TrackAOTDependencies", K_CI },
    { 79, "-XX:+JITServerUseProfileCache", K_CI },
    { 80, "-XX:-JITServerUseProfileCache", K_CI },
    /* other spellings the rows cover (C-2 row 11; DV-3) */
    { -1, "-Xlp", K_CI },
    { -1, "-Xlp:objectheap:pagesize=2m", K_CI },
    { -1, "-Xcodecache1g", K_CI },
    { -1, "-XjniAcc:", K_CI },
    { -1, "-Xtune:elastic,foo", K_UNSUP },
    { -1, "-XaggressivenessLevel", K_UNSUP },
};
/* clang-format on */

typedef enum mode { MODE_DEFAULT, MODE_XX_STRICT, MODE_GATE } mode;

typedef struct ext_case {
    char name[128];
    const ext_row *r;
    mode m;
} ext_case;

/* One restore: args, checkpoint (NULL: defaults), a plan. */
typedef struct run {
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *pre;
    crjit_args *args;
    crjit_checkpoint_state ck;
    crjit_plan *plan;
} run;

static void run_open(run *r, const char *const *pre, const char *const *argv)
{
    memset(r, 0, sizeof *r);
    r->ctx = test_ctx(&r->st, CRJIT_POLICY_REFERENCE);
    crjit_checkpoint_init(&r->ck);
    if (pre != NULL) {
        r->pre = test_args(r->ctx, pre);
        assert_int_equal(crjit_checkpoint_from_args(r->pre, &r->ck),
                         CRJIT_OK);
    }
    r->args = test_args(r->ctx, argv);
    r->plan = test_plan(r->ctx, r->args, &r->ck);
}

static void run_close(run *r)
{
    crjit_plan_free(r->plan);
    crjit_args_free(r->args);
    crjit_args_free(r->pre);
    crjit_ctx_free(r->ctx);
    assert_int_equal(r->st.live, 0);
}

static void dump(const crjit_plan *plan)
{
    size_t i;
    const char *v = getenv("CRJIT_TEST_VERBOSE");
    if (v == NULL || *v == '\0')
        return;
    for (i = 0; i < crjit_plan_arg_count(plan); i++)
        print_message("  arg %zu: %s\n", i,
                      crjit_arg_status_name(crjit_plan_arg_status(plan, i)));
    for (i = 0; i < crjit_plan_diag_count(plan); i++) {
        const crjit_diagnostic *d = crjit_plan_diag(plan, i);
        print_message("  diag: %s %s arg=%zu %s\n",
                      crjit_severity_name(d->severity),
                      crjit_diag_code_name(d->code), d->arg, d->message);
    }
}

static bool has_diag(const crjit_plan *plan, crjit_diag_code code,
                     size_t arg, crjit_severity sev)
{
    size_t i;
    for (i = 0; i < crjit_plan_diag_count(plan); i++) {
        const crjit_diagnostic *d = crjit_plan_diag(plan, i);
        if (d->code == code && d->arg == arg && d->severity == sev)
            return true;
    }
    return false;
}

static bool any_diag_for(const crjit_plan *plan, size_t arg)
{
    size_t i;
    for (i = 0; i < crjit_plan_diag_count(plan); i++)
        if (crjit_plan_diag(plan, i)->arg == arg)
            return true;
    return false;
}

static bool value_diag_for(const crjit_plan *plan, size_t arg)
{
    size_t i;
    for (i = 0; i < crjit_plan_diag_count(plan); i++) {
        const crjit_diagnostic *d = crjit_plan_diag(plan, i);
        if (d->arg == arg && (d->code == CRJIT_DIAG_VALUE_MALFORMED ||
                              d->code == CRJIT_DIAG_VALUE_OVERFLOW ||
                              d->code == CRJIT_DIAG_VALUE_OUT_OF_RANGE ||
                              d->code == CRJIT_DIAG_VALUE_TRAILING))
            return true;
    }
    return false;
}

/* §6.1: every argument whose status is not "consumed" has a diagnostic. */
static void check_6_1(const crjit_plan *plan)
{
    size_t i;
    for (i = 0; i < crjit_plan_arg_count(plan); i++)
        if (crjit_plan_arg_status(plan, i) != CRJIT_ARG_CONSUMED)
            assert_true(any_diag_for(plan, i));
}

static void assert_status(const crjit_plan *plan, size_t i,
                          crjit_arg_status want)
{
    assert_string_equal(crjit_arg_status_name(crjit_plan_arg_status(plan, i)),
                        crjit_arg_status_name(want));
}

static void run_row(void **state)
{
    const ext_case *c = *state;
    const ext_row *r = c->r;
    const char *argv[4] = { NULL, NULL, NULL, NULL };
    size_t at = 0;
    run x;

    switch (c->m) {
    case MODE_DEFAULT:
        argv[0] = r->arg;
        break;
    case MODE_XX_STRICT:
        argv[0] = IGN_XX_M;
        argv[1] = r->arg;
        at = 1;
        break;
    case MODE_GATE:
        argv[0] = r->arg;
        argv[1] = "-Xnojit";
        argv[2] = "-Xnoaot";
        break;
    }
    run_open(&x, NULL, argv);
    dump(x.plan);
    check_6_1(x.plan);
    assert_true(crjit_plan_jit_processed(x.plan));

    if (r->k == K_UNSUP) {
        /* G-2: nothing consumes it, in every mode; the diagnostic says
         * why (§6.1 "unsupported") */
        assert_status(x.plan, at, CRJIT_ARG_UNSUPPORTED);
        assert_false(crjit_plan_accepted(x.plan));
        assert_true(has_diag(x.plan, CRJIT_DIAG_UNSUPPORTED, at,
                             CRJIT_SEV_ERROR));
        run_close(&x);
        return;
    }

    /* DV-3 (C-3, C-4, G-3, G-4): consumed by its own syntax */
    assert_status(x.plan, at, CRJIT_ARG_CONSUMED);
    assert_true(crjit_plan_accepted(x.plan));
    if (c->m == MODE_XX_STRICT)
        assert_status(x.plan, 0, CRJIT_ARG_CONSUMED);

    if (c->m == MODE_GATE) {
        /* DV-4: still consumed, reported as not applied */
        assert_false(crjit_plan_jit_enabled(x.plan));
        assert_false(crjit_plan_aot_enabled(x.plan));
        assert_true(has_diag(x.plan, CRJIT_DIAG_NOT_APPLIED, 0,
                             CRJIT_SEV_WARNING));
        assert_false(value_diag_for(x.plan, 0));
        if (r->k == K_INT && strncmp(r->arg, "-XcompilationThreads", 20) == 0)
            assert_int_equal(crjit_plan_compilation_threads(x.plan), 7);
        assert_int_equal(crjit_plan_arg_status(x.plan, 1),
                         CRJIT_ARG_CONSUMED);
        assert_int_equal(crjit_plan_arg_status(x.plan, 2),
                         CRJIT_ARG_CONSUMED);
        run_close(&x);
        return;
    }

    /* gate open: nothing is "not applied" */
    assert_false(has_diag(x.plan, CRJIT_DIAG_NOT_APPLIED, at,
                          CRJIT_SEV_WARNING));
    switch (r->k) {
    case K_CI:
        /* C-2 "none": accepted, no effect after restore (DV-3) */
        assert_true(has_diag(x.plan, CRJIT_DIAG_NO_EFFECT, at,
                             CRJIT_SEV_NOTE));
        assert_int_equal(crjit_plan_message_count(x.plan), 0);
        break;
    case K_INT:
        assert_false(value_diag_for(x.plan, at));
        if (r->row == 19) {
            assert_int_equal(crjit_plan_compilation_threads(x.plan), 4);
            assert_int_equal(
                crjit_plan_origin(x.plan, CRJIT_DECISION_THREADS), at);
        }
        break;
    case K_MODE:
        if (r->row == 23) {
            assert_false(crjit_plan_jit_enabled(x.plan));
        } else if (r->row == 26) {
            assert_false(crjit_plan_aot_enabled(x.plan));
        } else {
            assert_true(crjit_plan_jit_enabled(x.plan));
            assert_true(crjit_plan_aot_enabled(x.plan));
        }
        break;
    case K_STRING:
        assert_non_null(crjit_plan_option_string(x.plan, r->row == 27));
        assert_string_equal(crjit_plan_option_string(x.plan, r->row == 27),
                            "count=10");
        break;
    case K_JS:
    case K_PRINT:
    case K_MERGE:
    case K_IPROF:
    case K_UNSUP:
        assert_int_equal(crjit_plan_message_count(x.plan), 0);
        break;
    }
    run_close(&x);
}

/* ---- integer rows 18, 19, 36 (C-5 with DV-5) ----------------------------- */

typedef struct int_case {
    const char *name;
    const char *arg;
    crjit_diag_code code; /* 0: no value diagnostic */
    unsigned threads;     /* 0: not asserted */
} int_case;

static const int_case int_cases[] = {
    { "C-5/DV-5 -XcompilationThreads4x malformed: consumed, ignored",
      "-XcompilationThreads4x", CRJIT_DIAG_VALUE_MALFORMED, 7 },
    { "C-5/DV-5 -XcompilationThreads 2^64+ overflow reported as overflow",
      "-XcompilationThreads99999999999999999999999",
      CRJIT_DIAG_VALUE_OVERFLOW, 7 },
    { "DV-5/G-23 -XcompilationThreads4294967297 out of range, not wrapped "
      "to 1",
      "-XcompilationThreads4294967297", CRJIT_DIAG_VALUE_OUT_OF_RANGE, 7 },
    { "DV-5/G-23 -XcompilationThreads2147483648 out of range",
      "-XcompilationThreads2147483648", CRJIT_DIAG_VALUE_OUT_OF_RANGE, 7 },
    { "C-5 -XcompilationThreads0 ignored (value must be > 0)",
      "-XcompilationThreads0", CRJIT_DIAG_VALUE_OUT_OF_RANGE, 7 },
    { "C-5 -XsamplingExpirationTime0 accepted", "-XsamplingExpirationTime0",
      0, 0 },
    { "C-5/DV-5 -XsamplingExpirationTime12x malformed",
      "-XsamplingExpirationTime12x", CRJIT_DIAG_VALUE_MALFORMED, 0 },
    { "C-5/DV-5 -XsamplingExpirationTime overflow",
      "-XsamplingExpirationTime99999999999999999999999",
      CRJIT_DIAG_VALUE_OVERFLOW, 0 },
    { "DV-5/G-23 -XsamplingExpirationTime2147483648 out of range (32-bit)",
      "-XsamplingExpirationTime2147483648", CRJIT_DIAG_VALUE_OUT_OF_RANGE,
      0 },
    { "C-5/DV-5 -XX:LateSCCDisclaimTime=abc malformed",
      "-XX:LateSCCDisclaimTime=abc", CRJIT_DIAG_VALUE_MALFORMED, 0 },
    { "C-5/DV-5 -XX:LateSCCDisclaimTime= empty is malformed",
      "-XX:LateSCCDisclaimTime=", CRJIT_DIAG_VALUE_MALFORMED, 0 },
    { "A-30 -XX:LateSCCDisclaimTime=-5 has a sign: malformed",
      "-XX:LateSCCDisclaimTime=-5", CRJIT_DIAG_VALUE_MALFORMED, 0 },
    { "C-5/DV-5 -XX:LateSCCDisclaimTime= overflow",
      "-XX:LateSCCDisclaimTime=99999999999999999999999",
      CRJIT_DIAG_VALUE_OVERFLOW, 0 },
    { "DV-5/G-23 -XX:LateSCCDisclaimTime= ms to ns would overflow: out of "
      "range",
      "-XX:LateSCCDisclaimTime=10000000000000",
      CRJIT_DIAG_VALUE_OUT_OF_RANGE, 0 },
    { "C-5 -XX:LateSCCDisclaimTime=0 accepted", "-XX:LateSCCDisclaimTime=0",
      0, 0 },
};

static void run_int_case(void **state)
{
    const int_case *c = *state;
    int strict;
    for (strict = 0; strict < 2; strict++) {
        const char *argv[3] = { NULL, NULL, NULL };
        size_t at = strict ? 1 : 0;
        run x;
        if (strict) {
            argv[0] = IGN_XX_M;
            argv[1] = c->arg;
        } else {
            argv[0] = c->arg;
        }
        run_open(&x, NULL, argv);
        dump(x.plan);
        check_6_1(x.plan);
        /* C-5: consumed whatever the value; DV-5: diagnosed */
        assert_status(x.plan, at, CRJIT_ARG_CONSUMED);
        assert_true(crjit_plan_accepted(x.plan));
        if (c->code != 0)
            assert_true(has_diag(x.plan, c->code, at, CRJIT_SEV_WARNING));
        else
            assert_false(value_diag_for(x.plan, at));
        if (c->threads != 0)
            assert_int_equal(crjit_plan_compilation_threads(x.plan),
                             c->threads);
        assert_int_equal(crjit_plan_message_count(x.plan), 0);
        run_close(&x);
    }
}

/* ---- other tests -------------------------------------------------------- */

/* C-4/H-12 with DV-3: the FIND-only options are consumed, so
 * -XX:-IgnoreUnrecognizedXXColonOptions does not fail the restore. */
static void test_c4_find_only_consumed(void **state)
{
    static const char *const argv[] = {
        IGN_XX_M,
        "-XX:+UseJITServer",
        "-XX:-UseJITServer",
        "-XX:JITServerAddress=jitserver.example.com",
        "-XX:JITServerAOTCacheName=mycache",
        "-XX:+PrintCodeCache",
        "-XX:-PrintCodeCache",
        "-XX:+IProfileDuringStartupPhase",
        "-XX:-IProfileDuringStartupPhase",
        NULL
    };
    run x;
    size_t i;
    (void)state;
    run_open(&x, NULL, argv);
    dump(x.plan);
    for (i = 0; i < crjit_plan_arg_count(x.plan); i++)
        assert_status(x.plan, i, CRJIT_ARG_CONSUMED);
    assert_true(crjit_plan_accepted(x.plan));
    assert_null(crjit_plan_verdict_message(x.plan));
    assert_int_equal(crjit_plan_message_count(x.plan), 0);
    run_close(&x);
}

/* the rightmost spelling of a row takes effect, the others are
 * duplicates that do not fail the restore. */
static void test_duplicates(void **state)
{
    static const char *const argv[] = { "-Xcodecache16m", "-Xcodecache32m",
                                        "-Xlp", "-Xlp16m",
                                        "-XcompilationThreads3",
                                        "-XcompilationThreads5", NULL };
    run x;
    (void)state;
    run_open(&x, NULL, argv);
    dump(x.plan);
    check_6_1(x.plan);
    assert_status(x.plan, 0, CRJIT_ARG_DUPLICATE);
    assert_int_equal(crjit_plan_arg_winner(x.plan, 0), 1);
    assert_status(x.plan, 1, CRJIT_ARG_CONSUMED);
    assert_true(crjit_plan_arg_status(x.plan, 2) == CRJIT_ARG_DUPLICATE ||
                crjit_plan_arg_status(x.plan, 2) == CRJIT_ARG_CONSUMED);
    assert_status(x.plan, 3, CRJIT_ARG_CONSUMED);
    assert_status(x.plan, 4, CRJIT_ARG_DUPLICATE);
    assert_status(x.plan, 5, CRJIT_ARG_CONSUMED);
    assert_int_equal(crjit_plan_compilation_threads(x.plan), 5);
    assert_true(crjit_plan_accepted(x.plan));
    run_close(&x);
}

/* DV-4: all consumable rows at once with the gate closed: accepted. */
static void test_gate_closed_all_rows(void **state)
{
    const char *argv[ARRAY_SIZE(rows) + 3];
    size_t i, n = 0;
    run x;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(rows); i++)
        if (rows[i].k != K_UNSUP && rows[i].k != K_MODE && rows[i].row >= 0)
            argv[n++] = rows[i].arg;
    argv[n++] = "-Xnojit";
    argv[n++] = "-Xnoaot";
    argv[n] = NULL;
    run_open(&x, NULL, argv);
    dump(x.plan);
    check_6_1(x.plan);
    assert_false(crjit_plan_jit_enabled(x.plan));
    assert_false(crjit_plan_aot_enabled(x.plan));
    for (i = 0; i + 2 < n; i++) {
        assert_status(x.plan, i, CRJIT_ARG_CONSUMED);
        if (!has_diag(x.plan, CRJIT_DIAG_NOT_APPLIED, i, CRJIT_SEV_WARNING))
            fail_msg("arg %zu %s: no not-applied warning", i, argv[i]);
    }
    assert_true(crjit_plan_accepted(x.plan));
    run_close(&x);
}

/* T-6: with -Xint before the checkpoint the JIT consumes nothing: a non
 * -XX: row fails the restore, an -XX: row is only tolerated. */
static void test_t6_rows_not_consumed(void **state)
{
    static const char *const pre[] = { "-Xint", NULL };
    static const char *const argv[] = { "-XX:JITServerPort=38400",
                                        "-Xcodecache32m", NULL };
    run x;
    (void)state;
    run_open(&x, pre, argv);
    dump(x.plan);
    check_6_1(x.plan);
    assert_false(crjit_plan_jit_processed(x.plan));
    assert_status(x.plan, 0, CRJIT_ARG_TOLERATED);
    assert_status(x.plan, 1, CRJIT_ARG_UNRECOGNIZED);
    assert_false(crjit_plan_accepted(x.plan));
    run_close(&x);
}

/* Not a Part C spelling: the =-forms of the integer options (H-13). */
static void test_h13_equals_forms_rejected(void **state)
{
    static const char *const argv[] = { "-XcompilationThreads=4", NULL };
    run x;
    (void)state;
    run_open(&x, NULL, argv);
    dump(x.plan);
    check_6_1(x.plan);
    assert_true(crjit_plan_arg_status(x.plan, 0) != CRJIT_ARG_CONSUMED);
    assert_false(crjit_plan_accepted(x.plan));
    assert_int_equal(crjit_plan_compilation_threads(x.plan), 7);
    run_close(&x);
}

/* §6.1 with DV-3: row 11 has two spellings (-Xlp<size> and -Xlp:...);
 * when both are given each is consumed, and each, having no effect after
 * restore, carries a diagnostic saying so. */
static void test_xlp_spellings_each_diagnosed(void **state)
{
    static const char *const argv[] = { "-Xlp16m",
                                        "-Xlp:objectheap:pagesize=2m", NULL };
    run x;
    size_t i;
    (void)state;
    run_open(&x, NULL, argv);
    dump(x.plan);
    for (i = 0; i < 2; i++) {
        assert_status(x.plan, i, CRJIT_ARG_CONSUMED);
        if (!has_diag(x.plan, CRJIT_DIAG_NO_EFFECT, i, CRJIT_SEV_NOTE))
            fail_msg("arg %zu %s: no no-effect diagnostic", i, argv[i]);
    }
    assert_true(crjit_plan_accepted(x.plan));
    run_close(&x);
}

/* Every Part C row index appears exactly once in the table above. */
static void test_table_covers_81_rows(void **state)
{
    bool seen[81];
    size_t i;
    (void)state;
    memset(seen, 0, sizeof seen);
    for (i = 0; i < ARRAY_SIZE(rows); i++) {
        if (rows[i].row < 0)
            continue;
        assert_true(rows[i].row < 81);
        assert_false(seen[rows[i].row]);
        seen[rows[i].row] = true;
    }
    for (i = 0; i < 81; i++)
        assert_true(seen[i]);
}

#define NAMED(name, fn) { name, fn, NULL, NULL, NULL }
#define EXTRA_TESTS 7

static ext_case ext_cases[ARRAY_SIZE(rows) * 3];

static void name_case(ext_case *c, const ext_row *r, mode m)
{
    static const char *const suffix[] = {
        "", " [-XX:-IgnoreUnrecognizedXXColonOptions, C-4/H-12]",
        " [gate closed, DV-4]" };
    const char *rule = r->k == K_UNSUP ? "G-2" : "DV-3";
    if (r->row >= 0)
        (void)snprintf(c->name, sizeof c->name, "C row %d %s %s%s", r->row,
                       rule, r->arg, suffix[m]);
    else
        (void)snprintf(c->name, sizeof c->name, "C extra %s %s%s", rule,
                       r->arg, suffix[m]);
    c->r = r;
    c->m = m;
}

int main(void)
{
    static struct CMUnitTest tests[ARRAY_SIZE(rows) * 3 +
                                   ARRAY_SIZE(int_cases) + EXTRA_TESTS];
    size_t i, n = 0, nc = 0;

    for (i = 0; i < ARRAY_SIZE(rows); i++) {
        int m;
        for (m = MODE_DEFAULT; m <= MODE_GATE; m++) {
            ext_case *c = &ext_cases[nc];
            /* -Xjit/-Xaot open the gate; -Xnojit/-Xnoaot close it */
            if (m == MODE_GATE && rows[i].k == K_MODE)
                continue;
            name_case(c, &rows[i], (mode)m);
            nc++;
            {
                struct CMUnitTest t = { c->name, run_row, NULL, NULL, c };
                tests[n++] = t;
            }
        }
    }
    for (i = 0; i < ARRAY_SIZE(int_cases); i++) {
        struct CMUnitTest t = { int_cases[i].name, run_int_case, NULL, NULL,
                                (void *)(uintptr_t)&int_cases[i] };
        tests[n++] = t;
    }
    {
        const struct CMUnitTest extra[EXTRA_TESTS] = {
            NAMED("C-4/H-12/DV-3 FIND-only options consumed under "
                  "-XX:-IgnoreUnrecognizedXXColonOptions",
                  test_c4_find_only_consumed),
            NAMED("A-25 duplicates of Part C rows", test_duplicates),
            NAMED("DV-4 every consumable row at once with the gate closed",
                  test_gate_closed_all_rows),
            NAMED("T-6 -Xint before: Part C rows not consumed",
                  test_t6_rows_not_consumed),
            NAMED("H-13 -XcompilationThreads=4 is not a Part C spelling",
                  test_h13_equals_forms_rejected),
            NAMED("C-1 the table covers rows 0-80 once",
                  test_table_covers_81_rows),
            NAMED("6.1/DV-3 -Xlp16m and -Xlp:objectheap:... each consumed "
                  "and diagnosed",
                  test_xlp_spellings_each_diagnosed),
        };
        for (i = 0; i < EXTRA_TESTS; i++)
            tests[n++] = extra[i];
    }
    return _cmocka_run_group_tests("external", tests, n, NULL, NULL);
}
