/* The VM-side consumers of restore arguments (semantics.md T-1, A-28,
 * A-49…A-56) seen through crjit_plan_new(): per-argument status
 * (product.md §6.1), restore facts and the verdict.  Plus host-supplied
 * consumer tables (crjit_plan_input.vm_consumers): replacement of the
 * reference table, failure (CRJIT_E_HOST) and stage order (T-1).
 *
 * Expectations come from the rules, not from the implementation.  Every
 * table row is its own cmocka test named after the rule it exercises. */
#include "testutil.h"

#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MAXA 8

/* Expected status: a crjit_arg_status, or one of these. */
#define X_NOTCONS (-2) /* unrecognized or unsupported: fails the restore */

/* Expected facts, as bits. */
#define F_SYNC 0x01u
#define F_ASYNC 0x02u
#define F_SCC 0x04u
#define F_TRACE 0x08u
#define F_DUMP 0x10u
#define F_DBG 0x20u

#define C CRJIT_ARG_CONSUMED
#define DUP CRJIT_ARG_DUPLICATE
#define UNREC CRJIT_ARG_UNRECOGNIZED
#define UNSUP CRJIT_ARG_UNSUPPORTED
#define TOL CRJIT_ARG_TOLERATED

static const char restore_failed[] =
    "The JVM could not enable all the restore options specified";

typedef struct vm_case {
    const char *name;
    const char *argv[MAXA + 1]; /* NULL-terminated */
    int status[MAXA];
    bool accepted;
    unsigned facts;
} vm_case;

static vm_case cases[] = {
    /* ---- A-51 -Xrs ---------------------------------------------------- */
    { "A-51 -Xrs:syncOnRestore sets sync, consumed",
      { "-Xrs:syncOnRestore", NULL }, { C }, true, F_SYNC },
    { "A-51 -Xrs:asyncOnRestore sets async, consumed",
      { "-Xrs:asyncOnRestore", NULL }, { C }, true, F_ASYNC },
    { "A-51 -Xrs:onRestore sets sync and async, consumed",
      { "-Xrs:onRestore", NULL }, { C }, true, F_SYNC | F_ASYNC },
    { "A-51 plain -Xrs unconsumed (unsupported), restore rejected",
      { "-Xrs", NULL }, { UNSUP }, false, 0 },
    { "A-51 -Xrs:sync unconsumed (unsupported), restore rejected",
      { "-Xrs:sync", NULL }, { UNSUP }, false, 0 },
    { "A-51 value must be exactly syncOnRestore (suffix)",
      { "-Xrs:syncOnRestoreX", NULL }, { UNSUP }, false, 0 },
    { "A-51 value is case-sensitive (A-16)",
      { "-Xrs:SyncOnRestore", NULL }, { UNSUP }, false, 0 },
    { "A-51 value is everything after the first ':' (A-29)",
      { "-Xrs:onRestore:x", NULL }, { UNSUP }, false, 0 },
    { "A-51 only the rightmost -Xrs is inspected (rightmost plain -Xrs)",
      { "-Xrs:onRestore", "-Xrs", NULL }, { UNSUP, UNSUP }, false, 0 },
    { "A-51 earlier duplicate -Xrs stays unconsumed, rightmost consumed",
      { "-Xrs:syncOnRestore", "-Xrs:asyncOnRestore", NULL }, { UNSUP, C },
      false, F_ASYNC },
    { "A-51 identical earlier -Xrs:onRestore stays unconsumed",
      { "-Xrs:onRestore", "-Xrs:onRestore", NULL }, { UNSUP, C }, false,
      F_SYNC | F_ASYNC },
    { "A-51 -Xrsfoo is not -Xrs (OPTIONAL_LIST); rightmost -Xrs: used",
      { "-Xrs:syncOnRestore", "-Xrsfoo", NULL }, { C, X_NOTCONS }, false,
      F_SYNC },
    /* ---- A-52 -Xshareclasses:disableOnRestore ------------------------- */
    { "A-52 -Xshareclasses:disableOnRestore consumed, fact set",
      { "-Xshareclasses:disableOnRestore", NULL }, { C }, true, F_SCC },
    { "A-52 EXACT match: case differs, not consumed",
      { "-Xshareclasses:disableonrestore", NULL }, { X_NOTCONS }, false, 0 },
    { "A-52 EXACT match: trailing text, not consumed",
      { "-Xshareclasses:disableOnRestore,x", NULL }, { X_NOTCONS }, false,
      0 },
    { "A-52/A-25 duplicate -Xshareclasses:disableOnRestore",
      { "-Xshareclasses:disableOnRestore", "-Xshareclasses:disableOnRestore",
        NULL },
      { DUP, C }, true, F_SCC },
    /* ---- A-53 -Xtrace / -Xdump ---------------------------------------- */
    { "A-53 -Xtrace:<opts> consumed, trace + debug interpreter",
      { "-Xtrace:maximal=all", NULL }, { C }, true, F_TRACE | F_DBG },
    { "A-53 bare -Xtrace consumed (OPTIONAL_LIST)", { "-Xtrace", NULL },
      { C }, true, F_TRACE | F_DBG },
    { "A-53 -Xdump:<opts> consumed, dump + debug interpreter",
      { "-Xdump:java:events=vmstop", NULL }, { C }, true, F_DUMP | F_DBG },
    { "A-53 bare -Xdump consumed", { "-Xdump", NULL }, { C }, true,
      F_DUMP | F_DBG },
    { "A-53 every -Xtrace and -Xdump entry consumed",
      { "-Xtrace:a", "-Xdump:b", "-Xtrace:c", "-Xdump", "-Xtrace", NULL },
      { C, C, C, C, C }, true, F_TRACE | F_DUMP | F_DBG },
    { "A-53 -Xtracefoo is not -Xtrace (OPTIONAL_LIST)",
      { "-Xtracefoo", NULL }, { UNREC }, false, 0 },
    { "A-53 -Xdumpfoo is not -Xdump (OPTIONAL_LIST)", { "-Xdumpfoo", NULL },
      { UNREC }, false, 0 },
    { "A-53 -Xtrace present next to -Xtracefoo",
      { "-Xtracefoo", "-Xtrace:x", NULL }, { UNREC, C }, false,
      F_TRACE | F_DBG },
    { "A-53 -Xtrace is case-sensitive (A-16)", { "-XTrace:x", NULL },
      { UNREC }, false, 0 },
    /* ---- A-54 -XX:+/-DebugInterpreter --------------------------------- */
    { "A-54 -XX:+DebugInterpreter consumed, debug interpreter",
      { "-XX:+DebugInterpreter", NULL }, { C }, true, F_DBG },
    { "A-54 -XX:-DebugInterpreter consumed, no debug interpreter",
      { "-XX:-DebugInterpreter", NULL }, { C }, true, 0 },
    { "A-54 + rightmost over - wins, both consumed",
      { "-XX:-DebugInterpreter", "-XX:+DebugInterpreter", NULL }, { C, C },
      true, F_DBG },
    { "A-54 - rightmost over + wins, both consumed",
      { "-XX:+DebugInterpreter", "-XX:-DebugInterpreter", NULL }, { C, C },
      true, 0 },
    { "A-54 + - + : rightmost + wins, earlier + duplicate",
      { "-XX:+DebugInterpreter", "-XX:-DebugInterpreter",
        "-XX:+DebugInterpreter", NULL },
      { DUP, C, C }, true, F_DBG },
    /* ---- A-55 GC options ---------------------------------------------- */
    { "A-55 -Xgcthreads4 consumed", { "-Xgcthreads4", NULL }, { C }, true,
      0 },
    { "A-55 -Xsoftmx64m consumed", { "-Xsoftmx64m", NULL }, { C }, true, 0 },
    { "A-55 -Xverbosegclog:file consumed", { "-Xverbosegclog:file", NULL },
      { C }, true, 0 },
    { "A-55 all three GC options together",
      { "-Xsoftmx1g", "-Xverbosegclog:gc.log", "-Xgcthreads2", NULL },
      { C, C, C }, true, 0 },
    { "A-55/A-25 repeated -Xsoftmx: rightmost consumed, earlier duplicate",
      { "-Xsoftmx32m", "-Xsoftmx64m", NULL }, { DUP, C }, true, 0 },
    /* ---- A-28 -D ------------------------------------------------------ */
    { "A-28 -D entry consumed", { "-Dfoo=bar", NULL }, { C }, true, 0 },
    { "A-28 every -D entry consumed, repeats with the same name too",
      { "-Dfoo=1", "-Dfoo=2", "-Dfoo=1", "-Dbar", "-D", NULL },
      { C, C, C, C, C }, true, 0 },
    { "A-28 -D entries around an offender still consumed",
      { "-Dk=1", "-Xint", "-Dk=1", NULL }, { C, UNSUP, C }, false, 0 },
    /* ---- A-49 -Xoptionsfile= ------------------------------------------ */
    { "A-49 -Xoptionsfile= consumed", { "-Xoptionsfile=/tmp/r.opts", NULL },
      { C }, true, 0 },
    { "A-49 -Xoptionsfile without '=' is not consumed (STARTSWITH '-Xoptionsfile=')",
      { "-Xoptionsfile", NULL }, { UNREC }, false, 0 },
    /* ---- all together ------------------------------------------------- */
    { "A.7 every reference consumer in one restore",
      { "-Xtrace:none", "-Xrs:onRestore", "-Xshareclasses:disableOnRestore",
        "-XX:+DebugInterpreter", "-Xsoftmx1g", "-Dk=v",
        "-Xoptionsfile=/o", NULL },
      { C, C, C, C, C, C, C }, true,
      F_SYNC | F_ASYNC | F_SCC | F_TRACE | F_DBG },
    { "A-42 empty list: no facts, accepted", { NULL }, { 0 }, true, 0 },
    { "A-56 -Xint consumed by no VM consumer", { "-Xint", NULL }, { UNSUP },
      false, 0 },
};

/* ---- helpers ------------------------------------------------------------ */

static size_t argc_of(const char *const *argv)
{
    size_t n = 0;
    while (argv[n] != NULL)
        n++;
    return n;
}

static unsigned facts_bits(const crjit_restore_facts *f)
{
    unsigned b = 0;
    if (f->reduced_signals_sync)
        b |= F_SYNC;
    if (f->reduced_signals_async)
        b |= F_ASYNC;
    if (f->scc_disabled_on_restore)
        b |= F_SCC;
    if (f->trace_requested)
        b |= F_TRACE;
    if (f->dump_requested)
        b |= F_DUMP;
    if (f->debug_interpreter)
        b |= F_DBG;
    return b;
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
 * least one diagnostic about it. */
static void assert_diag_rule(const crjit_plan *plan)
{
    size_t i;
    for (i = 0; i < crjit_plan_arg_count(plan); i++)
        if (crjit_plan_arg_status(plan, i) != CRJIT_ARG_CONSUMED)
            assert_true(has_diag_for(plan, i));
}

static void assert_status(const crjit_plan *plan, size_t i, int want)
{
    crjit_arg_status got = crjit_plan_arg_status(plan, i);
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

static void assert_verdict(const crjit_plan *plan, bool accepted)
{
    assert_int_equal(crjit_plan_accepted(plan), accepted);
    if (accepted)
        assert_null(crjit_plan_verdict_message(plan));
    else
        assert_string_equal(crjit_plan_verdict_message(plan), restore_failed);
}

/* ---- table rows --------------------------------------------------------- */

static void run_case(void **state)
{
    const vm_case *c = *state;
    size_t n = argc_of(c->argv), i;
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *plan;
    const crjit_restore_facts *f;

    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, c->argv);
    plan = test_plan(ctx, args, NULL);

    assert_int_equal(crjit_plan_arg_count(plan), n);
    for (i = 0; i < n; i++) {
        assert_status(plan, i, c->status[i]);
        /* a duplicate names its winner, the rightmost match */
        if (crjit_plan_arg_status(plan, i) == CRJIT_ARG_DUPLICATE) {
            size_t w = crjit_plan_arg_winner(plan, i);
            assert_true(w != CRJIT_NPOS && w > i && w < n);
            assert_int_equal(crjit_plan_arg_status(plan, w),
                             CRJIT_ARG_CONSUMED);
        } else {
            assert_int_equal(crjit_plan_arg_winner(plan, i), CRJIT_NPOS);
        }
    }
    f = crjit_plan_facts(plan);
    assert_non_null(f);
    assert_int_equal(f->version, CRJIT_RESTORE_FACTS_VERSION);
    assert_int_equal(facts_bits(f), c->facts);
    assert_verdict(plan, c->accepted);
    assert_diag_rule(plan);

    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* ---- the reference table itself ------------------------------------------ */

/* crjit.h: the reference consumers in the VM's order; T-1 step 2 (internal
 * restore hooks: -Xtrace, -Xrs, -Xdump, -Xshareclasses) and step 4 (the
 * JVMTI agent loader under -XX:+DebugOnRestore) run before the JIT, steps 5
 * and 6 (-XX:±DebugInterpreter, GC, -D) after it. */
static void test_reference_table(void **state)
{
    size_t count = 0, i;
    const crjit_vm_consumer *t = crjit_vm_consumers_reference(&count);
    /* trace/dump, -Xrs, -Xshareclasses (step 2), agent loader (step 4,
     * "preparing for restore", before the JIT listener), then
     * DebugInterpreter, GC (step 5), -D (step 6) */
    static const crjit_vm_stage want[] = {
        CRJIT_VM_BEFORE_JIT, CRJIT_VM_BEFORE_JIT, CRJIT_VM_BEFORE_JIT,
        CRJIT_VM_BEFORE_JIT, CRJIT_VM_AFTER_JIT,  CRJIT_VM_AFTER_JIT,
        CRJIT_VM_AFTER_JIT,
    };

    (void)state;
    assert_non_null(t);
    assert_int_equal(count, ARRAY_SIZE(want));
    for (i = 0; i < count; i++) {
        assert_non_null(t[i].name);
        assert_non_null(t[i].run);
        assert_int_equal(t[i].stage, want[i]);
    }
    /* static storage: the same table every time */
    assert_ptr_equal(crjit_vm_consumers_reference(NULL), t);
}

/* ---- host consumer tables -------------------------------------------------- */

typedef struct recorder {
    char order[16];
    size_t n;
    void *expect_user;
    bool bad_user;
    bool bad_facts;
    crjit_entry_state seen_xfoo; /* state of -Xfoo seen by an AFTER_JIT */
} recorder;

static void record(void *user, char tag, const crjit_restore_facts *facts)
{
    recorder *r = user;
    if (r->expect_user != user)
        r->bad_user = true;
    if (facts == NULL || facts->version != CRJIT_RESTORE_FACTS_VERSION)
        r->bad_facts = true;
    if (r->n + 1 < sizeof r->order)
        r->order[r->n++] = tag;
    r->order[r->n] = '\0';
}

/* Consumes the rightmost "-Xfoo" (EXACT) and reports it as a trace fact. */
static int consume_xfoo(void *user, crjit_ral *ral,
                        crjit_restore_facts *facts)
{
    record(user, 'f', facts);
    if (crjit_ral_find(ral, CRJIT_MATCH_EXACT, "-Xfoo", CRJIT_FIND_CONSUME,
                       0) != CRJIT_NPOS)
        facts->trace_requested = true;
    return 0;
}

static int fail_consumer(void *user, crjit_ral *ral,
                         crjit_restore_facts *facts)
{
    (void)ral;
    record(user, 'x', facts);
    return -1;
}

static int tag_a(void *user, crjit_ral *ral, crjit_restore_facts *facts)
{
    (void)ral;
    record(user, 'a', facts);
    return 0;
}

static int tag_b(void *user, crjit_ral *ral, crjit_restore_facts *facts)
{
    (void)ral;
    record(user, 'b', facts);
    return 0;
}

static int tag_c(void *user, crjit_ral *ral, crjit_restore_facts *facts)
{
    (void)ral;
    record(user, 'c', facts);
    return 0;
}

static int tag_d(void *user, crjit_ral *ral, crjit_restore_facts *facts)
{
    (void)ral;
    record(user, 'd', facts);
    return 0;
}

/* AFTER_JIT: sees what BEFORE_JIT consumers consumed. */
static int look_xfoo(void *user, crjit_ral *ral, crjit_restore_facts *facts)
{
    recorder *r = user;
    size_t i = crjit_ral_find(ral, CRJIT_MATCH_EXACT, "-Xfoo", 0, 0);
    record(user, 'l', facts);
    r->seen_xfoo = crjit_ral_state(ral, i);
    return 0;
}

static crjit_status plan_with(crjit_ctx *ctx, const crjit_args *args,
                              const crjit_vm_consumer *table, size_t count,
                              void *user, crjit_plan **out)
{
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    in.args = args;
    in.vm_consumers = table;
    in.vm_consumer_count = count;
    in.vm_user = user;
    return crjit_plan_new(ctx, &in, out);
}

/* A host table replaces the reference one: -Xfoo is consumed by the host
 * consumer; the reference's -Xrs and -D consumers do not run. */
static void test_host_table_replaces_reference(void **state)
{
    static const char *const argv[] = { "-Xfoo", "-Xrs:onRestore", "-Dk=v",
                                         "-Xfoo", NULL };
    static const crjit_vm_consumer table[] = {
        { "xfoo", CRJIT_VM_BEFORE_JIT, consume_xfoo },
    };
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *plan = NULL;
    recorder r;

    (void)state;
    memset(&st, 0, sizeof st);
    memset(&r, 0, sizeof r);
    r.expect_user = &r;
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, argv);
    assert_int_equal(plan_with(ctx, args, table, 1, &r, &plan), CRJIT_OK);
    assert_non_null(plan);
    assert_string_equal(r.order, "f");
    assert_false(r.bad_user);
    assert_false(r.bad_facts);
    /* rightmost -Xfoo consumed, the earlier one its duplicate */
    assert_int_equal(crjit_plan_arg_status(plan, 0), CRJIT_ARG_DUPLICATE);
    assert_int_equal(crjit_plan_arg_winner(plan, 0), 3);
    assert_int_equal(crjit_plan_arg_status(plan, 3), CRJIT_ARG_CONSUMED);
    /* nobody consumed these */
    assert_true(crjit_plan_arg_status(plan, 1) != CRJIT_ARG_CONSUMED);
    assert_true(crjit_plan_arg_status(plan, 2) != CRJIT_ARG_CONSUMED);
    assert_true(crjit_plan_facts(plan)->trace_requested);
    assert_false(crjit_plan_facts(plan)->reduced_signals_sync);
    assert_false(crjit_plan_facts(plan)->reduced_signals_async);
    assert_false(crjit_plan_accepted(plan));
    assert_diag_rule(plan);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* A host table may extend the reference table: copy it and add one. */
static void test_host_table_extends_reference(void **state)
{
    static const char *const argv[] = { "-Xfoo", "-Xrs:syncOnRestore",
                                        "-Dk=v", NULL };
    crjit_vm_consumer table[16];
    size_t n = 0;
    const crjit_vm_consumer *ref = crjit_vm_consumers_reference(&n);
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *plan = NULL;
    recorder r;
    size_t i;

    (void)state;
    assert_true(n + 1 <= ARRAY_SIZE(table));
    for (i = 0; i < n; i++)
        table[i] = ref[i];
    table[n].name = "xfoo";
    table[n].stage = CRJIT_VM_AFTER_JIT;
    table[n].run = consume_xfoo;
    memset(&st, 0, sizeof st);
    memset(&r, 0, sizeof r);
    r.expect_user = &r;
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, argv);
    assert_int_equal(plan_with(ctx, args, table, n + 1, &r, &plan), CRJIT_OK);
    for (i = 0; i < 3; i++)
        assert_int_equal(crjit_plan_arg_status(plan, i), CRJIT_ARG_CONSUMED);
    assert_true(crjit_plan_facts(plan)->reduced_signals_sync);
    assert_true(crjit_plan_facts(plan)->trace_requested);
    assert_true(crjit_plan_accepted(plan));
    assert_null(crjit_plan_verdict_message(plan));
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* A non-NULL table with no entries runs no consumer at all. */
static void test_host_table_empty(void **state)
{
    static const char *const argv[] = { "-Dk=v", "-Xtrace:x", NULL };
    static const crjit_vm_consumer table[] = {
        { "never", CRJIT_VM_BEFORE_JIT, fail_consumer },
    };
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *plan = NULL;
    recorder r;

    (void)state;
    memset(&st, 0, sizeof st);
    memset(&r, 0, sizeof r);
    r.expect_user = &r;
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, argv);
    assert_int_equal(plan_with(ctx, args, table, 0, &r, &plan), CRJIT_OK);
    assert_int_equal(r.n, 0);
    assert_true(crjit_plan_arg_status(plan, 0) != CRJIT_ARG_CONSUMED);
    assert_true(crjit_plan_arg_status(plan, 1) != CRJIT_ARG_CONSUMED);
    assert_int_equal(facts_bits(crjit_plan_facts(plan)), 0);
    assert_false(crjit_plan_accepted(plan));
    assert_diag_rule(plan);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* A consumer that returns nonzero: CRJIT_E_HOST, no plan, nothing leaks. */
static void run_failing_table(const crjit_vm_consumer *table, size_t count,
                              const char *want_order)
{
    static const char *const argv[] = { "-Xfoo", "-Dk=v", "-Xint", NULL };
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *plan = NULL;
    recorder r;

    memset(&st, 0, sizeof st);
    memset(&r, 0, sizeof r);
    r.expect_user = &r;
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, argv);
    assert_int_equal(plan_with(ctx, args, table, count, &r, &plan),
                     CRJIT_E_HOST);
    assert_null(plan);
    assert_string_equal(r.order, want_order);
    /* the list is untouched and can still be planned */
    assert_int_equal(crjit_args_count(args), 3);
    plan = test_plan(ctx, args, NULL);
    assert_false(crjit_plan_accepted(plan));
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

static void test_host_consumer_fails_before_jit(void **state)
{
    static const crjit_vm_consumer table[] = {
        { "xfoo", CRJIT_VM_BEFORE_JIT, consume_xfoo },
        { "boom", CRJIT_VM_BEFORE_JIT, fail_consumer },
        { "after", CRJIT_VM_AFTER_JIT, tag_a },
    };
    (void)state;
    /* planning stops at the failing consumer */
    run_failing_table(table, ARRAY_SIZE(table), "fx");
}

static void test_host_consumer_fails_after_jit(void **state)
{
    static const crjit_vm_consumer table[] = {
        { "boom", CRJIT_VM_AFTER_JIT, fail_consumer },
        { "xfoo", CRJIT_VM_BEFORE_JIT, consume_xfoo },
    };
    (void)state;
    run_failing_table(table, ARRAY_SIZE(table), "fx");
}

/* T-1: BEFORE_JIT consumers (step 2) run before AFTER_JIT ones (steps 5,
 * 6); within a stage, in table order. */
static void test_stage_order(void **state)
{
    static const char *const argv[] = { "-Xfoo", NULL };
    static const crjit_vm_consumer table[] = {
        { "a", CRJIT_VM_AFTER_JIT, tag_a },
        { "b", CRJIT_VM_BEFORE_JIT, tag_b },
        { "look", CRJIT_VM_AFTER_JIT, look_xfoo },
        { "c", CRJIT_VM_AFTER_JIT, tag_c },
        { "xfoo", CRJIT_VM_BEFORE_JIT, consume_xfoo },
        { "d", CRJIT_VM_BEFORE_JIT, tag_d },
    };
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *plan = NULL;
    recorder r;

    (void)state;
    memset(&st, 0, sizeof st);
    memset(&r, 0, sizeof r);
    r.expect_user = &r;
    r.seen_xfoo = CRJIT_ENTRY_UNCONSUMED;
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, argv);
    assert_int_equal(plan_with(ctx, args, table, ARRAY_SIZE(table), &r, &plan),
                     CRJIT_OK);
    assert_string_equal(r.order, "bfdalc");
    assert_false(r.bad_user);
    assert_false(r.bad_facts);
    /* the AFTER_JIT consumer saw the BEFORE_JIT consumer's work */
    assert_int_equal(r.seen_xfoo, CRJIT_ENTRY_CONSUMED);
    assert_int_equal(crjit_plan_arg_status(plan, 0), CRJIT_ARG_CONSUMED);
    assert_true(crjit_plan_accepted(plan));
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* Planning is pure (crjit.h): one list planned twice gives the same
 * result; consume state lives in the plan's own view. */
static void test_plan_twice_same_result(void **state)
{
    static const char *const argv[] = { "-Xrs:onRestore", "-Dk=v",
                                        "-Xtrace:x", "-Xint", NULL };
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *p1, *p2;
    size_t i;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, argv);
    p1 = test_plan(ctx, args, NULL);
    p2 = test_plan(ctx, args, NULL);
    for (i = 0; i < 4; i++)
        assert_int_equal(crjit_plan_arg_status(p1, i),
                         crjit_plan_arg_status(p2, i));
    assert_int_equal(facts_bits(crjit_plan_facts(p1)),
                     facts_bits(crjit_plan_facts(p2)));
    assert_int_equal(crjit_plan_accepted(p1), crjit_plan_accepted(p2));
    crjit_plan_free(p1);
    crjit_plan_free(p2);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* the -Xoptionsfile= entry that loading a file adds is consumed
 * and the file's options are consumed by their consumers. */
static void test_options_file_entry_consumed(void **state)
{
    static const char text[] = "-Xrs:asyncOnRestore\n-Dk=v\n";
    static const char path[] = "/opt/r.opts";
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args = NULL;
    crjit_plan *plan;
    size_t i;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    assert_int_equal(crjit_args_load_options_file(args, path,
                                                  sizeof path - 1, text,
                                                  sizeof text - 1),
                     CRJIT_OK);
    assert_int_equal(crjit_args_count(args), 3);
    plan = test_plan(ctx, args, NULL);
    for (i = 0; i < 3; i++)
        assert_int_equal(crjit_plan_arg_status(plan, i), CRJIT_ARG_CONSUMED);
    assert_true(crjit_plan_facts(plan)->reduced_signals_async);
    assert_false(crjit_plan_facts(plan)->reduced_signals_sync);
    assert_true(crjit_plan_accepted(plan));
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* T-1 step 4: under -XX:+DebugOnRestore the JVMTI restore hook loads the
 * -agentlib:/-agentpath:/-Xrunjdwp: agents of the list (so A-40 never
 * fires); without it the loader does nothing and A-40 rejects. */
static void run_agents(bool debug_on_restore)
{
    static const char *const argv[] = { "-agentlib:jdwp=transport=dt_socket",
                                        "-agentpath:/opt/a.so",
                                        "-Xrunjdwp:server=y",
                                        "-agentlib:other", NULL };
    crjit_checkpoint_state ck = CRJIT_CHECKPOINT_INIT;
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *plan;
    size_t i;

    memset(&st, 0, sizeof st);
    ck.debug_on_restore = debug_on_restore;
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, argv);
    plan = test_plan(ctx, args, &ck);
    assert_int_equal(crjit_plan_facts(plan)->debug_on_restore,
                     debug_on_restore);
    if (debug_on_restore) {
        for (i = 0; i < 4; i++)
            assert_int_equal(crjit_plan_arg_status(plan, i),
                             CRJIT_ARG_CONSUMED);
        assert_true(crjit_plan_accepted(plan));
        assert_int_equal(test_find_diag(plan, CRJIT_DIAG_JDWP_NEEDS_DEBUG,
                                        CRJIT_NPOS),
                         CRJIT_NPOS);
    } else {
        assert_false(crjit_plan_accepted(plan));
        /* A-40: -Xrunjdwp: is searched first */
        assert_true(test_find_diag(plan, CRJIT_DIAG_JDWP_NEEDS_DEBUG, 2) !=
                    CRJIT_NPOS);
    }
    assert_diag_rule(plan);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

static void test_agent_loader_with_debug(void **state)
{
    (void)state;
    run_agents(true);
}

static void test_agent_loader_without_debug(void **state)
{
    (void)state;
    run_agents(false);
}

#define EXTRA_TESTS 11
#define NAMED(name, fn) { name, fn, NULL, NULL, NULL }

int main(void)
{
    static struct CMUnitTest tests[ARRAY_SIZE(cases) + EXTRA_TESTS];
    size_t i, n = 0;

    for (i = 0; i < ARRAY_SIZE(cases); i++) {
        struct CMUnitTest t = { cases[i].name, run_case, NULL, NULL,
                                &cases[i] };
        tests[n++] = t;
    }
    {
        const struct CMUnitTest extra[EXTRA_TESTS] = {
            NAMED("A.7 reference consumer table: order and stages (T-1)",
                  test_reference_table),
            NAMED("A.7 host table replaces the reference consumers",
                  test_host_table_replaces_reference),
            NAMED("A.7 host table extends the reference consumers",
                  test_host_table_extends_reference),
            NAMED("A.7 empty host table runs no consumer",
                  test_host_table_empty),
            NAMED("A.7 failing BEFORE_JIT consumer: CRJIT_E_HOST, no leak",
                  test_host_consumer_fails_before_jit),
            NAMED("A.7 failing AFTER_JIT consumer: CRJIT_E_HOST, no leak",
                  test_host_consumer_fails_after_jit),
            NAMED("T-1 BEFORE_JIT consumers run before AFTER_JIT ones",
                  test_stage_order),
            NAMED("A.7 planning is pure: same list planned twice",
                  test_plan_twice_same_result),
            NAMED("A-2/A-49 loaded -Xoptionsfile= entry consumed",
                  test_options_file_entry_consumed),
            NAMED("T-1 step 4 agent loader consumes agents under DebugOnRestore",
                  test_agent_loader_with_debug),
            NAMED("T-1 step 4/A-40 no DebugOnRestore: agents not loaded",
                  test_agent_loader_without_debug),
        };
        for (i = 0; i < EXTRA_TESTS; i++)
            tests[n++] = extra[i];
    }
    return cmocka_run_group_tests_name("vm", tests, NULL, NULL);
}
