/* Searching and consuming restore arguments (semantics.md …A-27)
 * through crjit_ral_new / crjit_ral_find / crjit_ral_consume_at /
 * crjit_ral_state, plus a plan-level duplicate check.
 *
 * Names used here are both names the library indexes (src/names.c: "-Xrs",
 * "-D", "-Xtrace", "-Xsoftmx", ...) and names it does not ("-Xjit",
 * "-XcompilationThreads", ...), which take the linear fallback; an oracle
 * written from the rules checks that both paths give the spec's answers. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- A-17…A-21 match kinds --------------------------------------------- */

typedef struct match_case {
    const char *name; /* row name: rule id and what it shows */
    crjit_match kind;
    const char *option;
    const char *entry;
    bool match;
} match_case;

static match_case match_cases[] = {
    /* A-17 EXACT */
    { "A-17 EXACT equal (indexed)", CRJIT_MATCH_EXACT,
      "-Xshareclasses:disableOnRestore", "-Xshareclasses:disableOnRestore",
      true },
    { "A-17 EXACT longer entry (indexed)", CRJIT_MATCH_EXACT,
      "-Xshareclasses:disableOnRestore", "-Xshareclasses:disableOnRestoreX",
      false },
    { "A-17 EXACT shorter entry (indexed)", CRJIT_MATCH_EXACT,
      "-Xshareclasses:disableOnRestore", "-Xshareclasses:disable", false },
    { "A-17 EXACT equal (not indexed)", CRJIT_MATCH_EXACT, "-Xnojit",
      "-Xnojit", true },
    { "A-17 EXACT longer entry (not indexed)", CRJIT_MATCH_EXACT, "-Xnojit",
      "-Xnojitx", false },
    { "A-17 EXACT -XX:+DebugInterpreter (indexed)", CRJIT_MATCH_EXACT,
      "-XX:+DebugInterpreter", "-XX:+DebugInterpreter", true },
    { "A-17 EXACT + vs - differ (indexed)", CRJIT_MATCH_EXACT,
      "-XX:+DebugInterpreter", "-XX:-DebugInterpreter", false },
    /* A-18 STARTSWITH */
    { "A-18 STARTSWITH -D prefix (indexed)", CRJIT_MATCH_STARTSWITH, "-D",
      "-Dfoo=bar", true },
    { "A-18 STARTSWITH equality included (indexed)", CRJIT_MATCH_STARTSWITH,
      "-D", "-D", true },
    { "A-18 STARTSWITH not a prefix (indexed)", CRJIT_MATCH_STARTSWITH, "-D",
      "D-foo", false },
    { "A-18 STARTSWITH -Xoptionsfile= (indexed)", CRJIT_MATCH_STARTSWITH,
      "-Xoptionsfile=", "-Xoptionsfile=/a/b", true },
    { "A-18 STARTSWITH -Xoptionsfile without = (indexed)",
      CRJIT_MATCH_STARTSWITH, "-Xoptionsfile=", "-Xoptionsfile", false },
    { "A-18 STARTSWITH prefix (not indexed)", CRJIT_MATCH_STARTSWITH,
      "-XX:JITServerAddress=", "-XX:JITServerAddress=host", true },
    { "A-18 STARTSWITH short entry (not indexed)", CRJIT_MATCH_STARTSWITH,
      "-XX:JITServerAddress=", "-XX:JITServer", false },
    { "A-18 STARTSWITH -Dfoo (not indexed, prefix of indexed -D)",
      CRJIT_MATCH_STARTSWITH, "-Dfoo", "-Dfoo=1", true },
    { "A-18 STARTSWITH -Dfoo vs -Dfo (not indexed)", CRJIT_MATCH_STARTSWITH,
      "-Dfoo", "-Dfo", false },
    /* A-19 EXACT_MEMORY */
    { "A-19 EXACT_MEMORY -XcompilationThreads4", CRJIT_MATCH_EXACT_MEMORY,
      "-XcompilationThreads", "-XcompilationThreads4", true },
    { "A-19 EXACT_MEMORY -XcompilationThreads=4", CRJIT_MATCH_EXACT_MEMORY,
      "-XcompilationThreads", "-XcompilationThreads=4", false },
    { "A-19 EXACT_MEMORY bare -XcompilationThreads",
      CRJIT_MATCH_EXACT_MEMORY, "-XcompilationThreads",
      "-XcompilationThreads", false },
    { "A-19 EXACT_MEMORY -XcompilationThreads+4", CRJIT_MATCH_EXACT_MEMORY,
      "-XcompilationThreads", "-XcompilationThreads+4", false },
    { "A-19 EXACT_MEMORY digit 0", CRJIT_MATCH_EXACT_MEMORY,
      "-XcompilationThreads", "-XcompilationThreads0x", true },
    { "A-19 EXACT_MEMORY digit 9", CRJIT_MATCH_EXACT_MEMORY,
      "-XcompilationThreads", "-XcompilationThreads9", true },
    { "A-19 EXACT_MEMORY -Xsoftmx64m (indexed)", CRJIT_MATCH_EXACT_MEMORY,
      "-Xsoftmx", "-Xsoftmx64m", true },
    { "A-19 EXACT_MEMORY -Xsoftmx=64m (indexed)", CRJIT_MATCH_EXACT_MEMORY,
      "-Xsoftmx", "-Xsoftmx=64m", false },
    { "A-19 EXACT_MEMORY bare -Xsoftmx (indexed)", CRJIT_MATCH_EXACT_MEMORY,
      "-Xsoftmx", "-Xsoftmx", false },
    { "A-19 EXACT_MEMORY -Xgcthreads4 (indexed)", CRJIT_MATCH_EXACT_MEMORY,
      "-Xgcthreads", "-Xgcthreads4", true },
    /* A-20 OPTIONAL_LIST */
    { "A-20 OPTIONAL_LIST -Xjit", CRJIT_MATCH_OPTIONAL_LIST, "-Xjit", "-Xjit",
      true },
    { "A-20 OPTIONAL_LIST -Xjit:count=0", CRJIT_MATCH_OPTIONAL_LIST, "-Xjit",
      "-Xjit:count=0", true },
    { "A-20 OPTIONAL_LIST -Xjitfoo", CRJIT_MATCH_OPTIONAL_LIST, "-Xjit",
      "-Xjitfoo", false },
    { "A-20 OPTIONAL_LIST -Xjit=x", CRJIT_MATCH_OPTIONAL_LIST, "-Xjit",
      "-Xjit=x", false },
    { "A-20 OPTIONAL_LIST -Xji", CRJIT_MATCH_OPTIONAL_LIST, "-Xjit", "-Xji",
      false },
    { "A-20 OPTIONAL_LIST -Xrs (indexed)", CRJIT_MATCH_OPTIONAL_LIST, "-Xrs",
      "-Xrs", true },
    { "A-20 OPTIONAL_LIST -Xrs:onRestore (indexed)",
      CRJIT_MATCH_OPTIONAL_LIST, "-Xrs", "-Xrs:onRestore", true },
    { "A-20 OPTIONAL_LIST -Xrsx (indexed)", CRJIT_MATCH_OPTIONAL_LIST, "-Xrs",
      "-Xrsx", false },
    { "A-20 OPTIONAL_LIST -Xtrace:none (indexed)", CRJIT_MATCH_OPTIONAL_LIST,
      "-Xtrace", "-Xtrace:none", true },
    { "A-20 OPTIONAL_LIST -Xtracefile (indexed)", CRJIT_MATCH_OPTIONAL_LIST,
      "-Xtrace", "-Xtracefile", false },
    { "A-20 OPTIONAL_LIST name ending in ':' (indexed)",
      CRJIT_MATCH_OPTIONAL_LIST, "-Xrunjdwp:", "-Xrunjdwp:", true },
    { "A-20 OPTIONAL_LIST name ending in ':' then ':'",
      CRJIT_MATCH_OPTIONAL_LIST, "-Xrunjdwp:", "-Xrunjdwp::x", true },
    { "A-20 OPTIONAL_LIST name ending in ':' then text",
      CRJIT_MATCH_OPTIONAL_LIST, "-Xrunjdwp:", "-Xrunjdwp:transport", false },
    /* A-21 OPTIONAL_LIST_EQUALS */
    { "A-21 OPTIONAL_LIST_EQUALS bare", CRJIT_MATCH_OPTIONAL_LIST_EQUALS,
      "-XX:JITServerPort", "-XX:JITServerPort", true },
    { "A-21 OPTIONAL_LIST_EQUALS with =", CRJIT_MATCH_OPTIONAL_LIST_EQUALS,
      "-XX:JITServerPort", "-XX:JITServerPort=38400", true },
    { "A-21 OPTIONAL_LIST_EQUALS with :", CRJIT_MATCH_OPTIONAL_LIST_EQUALS,
      "-XX:JITServerPort", "-XX:JITServerPort:38400", false },
    { "A-21 OPTIONAL_LIST_EQUALS longer name",
      CRJIT_MATCH_OPTIONAL_LIST_EQUALS, "-XX:JITServerPort",
      "-XX:JITServerPorts=1", false },
    { "A-21 OPTIONAL_LIST_EQUALS -Xgcthreads=4 (indexed)",
      CRJIT_MATCH_OPTIONAL_LIST_EQUALS, "-Xgcthreads", "-Xgcthreads=4", true },
    { "A-21 OPTIONAL_LIST_EQUALS -Xgcthreads:4 (indexed)",
      CRJIT_MATCH_OPTIONAL_LIST_EQUALS, "-Xgcthreads", "-Xgcthreads:4",
      false },
    /* A-16 case-sensitive, no trimming */
    { "A-16 case-sensitive EXACT (indexed)", CRJIT_MATCH_EXACT,
      "-XX:+DebugInterpreter", "-XX:+debuginterpreter", false },
    { "A-16 case-sensitive STARTSWITH (indexed)", CRJIT_MATCH_STARTSWITH,
      "-D", "-dfoo", false },
    { "A-16 case-sensitive OPTIONAL_LIST (indexed)",
      CRJIT_MATCH_OPTIONAL_LIST, "-Xrs", "-XRS", false },
    { "A-16 case-sensitive OPTIONAL_LIST (not indexed)",
      CRJIT_MATCH_OPTIONAL_LIST, "-Xjit", "-XJIT:count=0", false },
    { "A-16 no trimming (leading space)", CRJIT_MATCH_EXACT, "-Xrs", " -Xrs",
      false },
    { "A-16 no trimming (trailing space)", CRJIT_MATCH_EXACT, "-Xrs",
      "-Xrs ", false },
};

/* ---- helpers ------------------------------------------------------------ */

typedef struct fixture {
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_ral *ral;
} fixture;

static void fx_open(fixture *f, const char *const *argv)
{
    memset(f, 0, sizeof *f);
    f->ctx = test_ctx(&f->st, CRJIT_POLICY_REFERENCE);
    f->args = test_args(f->ctx, argv);
    assert_int_equal(crjit_ral_new(f->args, &f->ral), CRJIT_OK);
    assert_non_null(f->ral);
    assert_ptr_equal(crjit_ral_args(f->ral), f->args);
}

static void fx_close(fixture *f)
{
    crjit_ral_free(f->ral);
    crjit_args_free(f->args);
    crjit_ctx_free(f->ctx);
    assert_int_equal(f->st.live, 0);
}

static size_t argv_count(const char *const *argv)
{
    size_t n = 0;
    while (argv[n] != NULL)
        n++;
    return n;
}

static void assert_all_unconsumed(const crjit_ral *ral, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        assert_int_equal(crjit_ral_state(ral, i), CRJIT_ENTRY_UNCONSUMED);
}

/* ---- match-kind rows ---------------------------------------------------- */

static void run_match_case(void **state)
{
    const match_case *c = *state;
    const char *one[] = { c->entry, NULL };
    const char *three[] = { "-Xfiller1", c->entry, "-Xfiller2", NULL };
    const size_t want1 = c->match ? 0 : CRJIT_NPOS;
    const size_t want3 = c->match ? 1 : CRJIT_NPOS;
    fixture f;

    fx_open(&f, one);
    assert_int_equal(crjit_ral_find(f.ral, c->kind, c->option, 0, 0), want1);
    assert_int_equal(crjit_ral_find(f.ral, c->kind, c->option,
                                    CRJIT_FIND_FORWARD, 0),
                     want1);
    assert_all_unconsumed(f.ral, 1);
    fx_close(&f);

    fx_open(&f, three);
    assert_int_equal(crjit_ral_find(f.ral, c->kind, c->option, 0, 0), want3);
    assert_int_equal(crjit_ral_find(f.ral, c->kind, c->option,
                                    CRJIT_FIND_FORWARD, 0),
                     want3);
    assert_all_unconsumed(f.ral, 3);
    /* consuming: the hit (if any) is consumed, nothing else changes */
    assert_int_equal(
        crjit_ral_find(f.ral, c->kind, c->option, CRJIT_FIND_CONSUME, 0),
        want3);
    assert_int_equal(crjit_ral_state(f.ral, 0), CRJIT_ENTRY_UNCONSUMED);
    assert_int_equal(crjit_ral_state(f.ral, 1),
                     c->match ? CRJIT_ENTRY_CONSUMED : CRJIT_ENTRY_UNCONSUMED);
    assert_int_equal(crjit_ral_state(f.ral, 2), CRJIT_ENTRY_UNCONSUMED);
    fx_close(&f);
}

/* ---- a spec oracle, and a sweep comparing it with the library ----------- */

/* A-17…A-21, written from the rule text. */
static bool spec_match(crjit_match kind, const char *s, const char *n)
{
    size_t k = strlen(n);
    char next;

    if (strlen(s) < k || memcmp(s, n, k) != 0)
        return false;
    next = s[k];
    switch (kind) {
    case CRJIT_MATCH_EXACT: return next == '\0';
    case CRJIT_MATCH_STARTSWITH: return true;
    case CRJIT_MATCH_EXACT_MEMORY: return next >= '0' && next <= '9';
    case CRJIT_MATCH_OPTIONAL_LIST: return next == '\0' || next == ':';
    case CRJIT_MATCH_OPTIONAL_LIST_EQUALS: return next == '\0' || next == '=';
    }
    return false;
}

/* Oracle states: bit 1 consumed, bit 2 exempt (as the VM's flags). */
#define O_CONSUMED 1u
#define O_EXEMPT 2u

static crjit_entry_state oracle_state(unsigned f)
{
    if (f & O_CONSUMED)
        return CRJIT_ENTRY_CONSUMED;
    if (f & O_EXEMPT)
        return CRJIT_ENTRY_EXEMPT;
    return CRJIT_ENTRY_UNCONSUMED;
}

/* A-13…. */
static size_t spec_find(const char *const *argv, size_t n, unsigned *flags,
                        crjit_match kind, const char *name, unsigned how,
                        size_t stop)
{
    bool forward = (how & CRJIT_FIND_FORWARD) != 0;
    bool consume = (how & CRJIT_FIND_CONSUME) != 0;
    size_t lo = 0, hi = n, k, win = CRJIT_NPOS;

    if (name == NULL || n == 0)
        return CRJIT_NPOS;
    if (how & CRJIT_FIND_STOP) {
        if (forward) {
            if (stop >= n)
                return CRJIT_NPOS;
            lo = stop;
        } else if (stop > 0 && stop < n) {
            hi = stop;
        }
    }
    for (k = 0; k < hi - lo; k++) {
        size_t i = forward ? lo + k : hi - 1 - k;
        if (!spec_match(kind, argv[i], name))
            continue;
        if (win == CRJIT_NPOS) {
            win = i;
            if (!consume)
                return win;
            flags[i] |= O_CONSUMED;
        } else {
            flags[i] = O_EXEMPT; /* replaced */
        }
    }
    return win;
}

static bool spec_born_exempt(const char *s)
{
    return strncmp(s, "-Xargencoding", 13) == 0 ||
           strcmp(s, "-Xnoargsconversion") == 0;
}

static const char *const sweep_argv[] = {
    "-Xrs", "-Xrs:onRestore", "-Xrsx", "-Dfoo=1", "-D", "-Dfoo=2",
    "-Xtrace:none", "-Xtrace", "-XcompilationThreads4",
    "-XcompilationThreads=4", "-Xjit", "-Xjit:count=0", "-Xjitfoo",
    "-Xsoftmx64m", "-Xsoftmx", "-Xshareclasses:disableOnRestore",
    "-Xgcthreads=4", "-Xgcthreads4", "-Xoptionsfile=/a", "-Xrs:syncOnRestore",
    "-XX:JITServerAddress=a=b", "-xrs", "-DFOO", "-Xjit", "-Xoptionsfile=",
    "-Xargencoding:utf8", "-Xnoargsconversion", "", "-Xrs", "-Xgcthreads",
    "-Xshareclasses:disableOnRestore", "-Xnoargsconversionx", NULL
};

static const char *const sweep_names[] = {
    /* indexed (src/names.c) */
    "-Xrs", "-D", "-Xtrace", "-Xsoftmx", "-Xgcthreads",
    "-Xshareclasses:disableOnRestore", "-Xoptionsfile=", "-Xargencoding",
    "-Xnoargsconversion", "-Xdump",
    /* not indexed: linear fallback */
    "-Xjit", "-XcompilationThreads", "-Xr", "-Xtra", "-Dfoo", "-X",
    "-Xrs:onRestore", "-xrs", "-XX:JITServerAddress", "-Xshareclasses",
    "-Xsoftmx6", "-Xoptionsfile", "-Xnothere", ""
};

static const crjit_match all_kinds[] = {
    CRJIT_MATCH_EXACT, CRJIT_MATCH_STARTSWITH, CRJIT_MATCH_EXACT_MEMORY,
    CRJIT_MATCH_OPTIONAL_LIST, CRJIT_MATCH_OPTIONAL_LIST_EQUALS
};

/* Every kind x name x direction x stop, FIND only: the library agrees with
 * the oracle and no state changes. */
static void test_sweep_find(void **state)
{
    const size_t n = argv_count(sweep_argv);
    unsigned oflags[64];
    crjit_entry_state before[64];
    size_t k, m, d, s, i;
    fixture f;

    (void)state;
    assert_true(n <= ARRAY_SIZE(oflags));
    fx_open(&f, sweep_argv);
    for (i = 0; i < n; i++) {
        before[i] = crjit_ral_state(f.ral, i);
        oflags[i] = spec_born_exempt(sweep_argv[i]) ? O_EXEMPT : 0;
        assert_int_equal(before[i], oracle_state(oflags[i]));
    }
    for (k = 0; k < ARRAY_SIZE(all_kinds); k++)
        for (m = 0; m < ARRAY_SIZE(sweep_names); m++)
            for (d = 0; d < 2; d++)
                for (s = 0; s <= n + 2; s++) {
                    unsigned how = d ? CRJIT_FIND_FORWARD : 0u;
                    size_t want, got;
                    if (s != 0)
                        how |= CRJIT_FIND_STOP;
                    /* s == 0: no STOP flag; otherwise stop = s - 1 */
                    want = spec_find(sweep_argv, n, oflags, all_kinds[k],
                                     sweep_names[m], how, s == 0 ? 0 : s - 1);
                    got = crjit_ral_find(f.ral, all_kinds[k], sweep_names[m],
                                         how, s == 0 ? 0 : s - 1);
                    if (got != want)
                        print_error("kind %d name \"%s\" how %u stop %zu: "
                                    "got %zu want %zu\n",
                                    (int)all_kinds[k], sweep_names[m], how,
                                    s == 0 ? (size_t)0 : s - 1, got, want);
                    assert_int_equal(got, want);
                }
    for (i = 0; i < n; i++)
        assert_int_equal(crjit_ral_state(f.ral, i), before[i]);
    fx_close(&f);
}

/* Consuming searches in sequence, each followed by a full state compare. */
static void test_sweep_consume(void **state)
{
    const size_t n = argv_count(sweep_argv);
    unsigned oflags[64];
    size_t k, m, d, s, i, step = 0;
    fixture f;

    (void)state;
    assert_true(n <= ARRAY_SIZE(oflags));
    /* a fresh view per (kind, direction, stop) so consumes interact across
     * names but stay tractable */
    for (k = 0; k < ARRAY_SIZE(all_kinds); k++)
        for (d = 0; d < 2; d++)
            for (s = 0; s <= n + 1; s += 3) {
                fx_open(&f, sweep_argv);
                for (i = 0; i < n; i++)
                    oflags[i] = spec_born_exempt(sweep_argv[i]) ? O_EXEMPT : 0;
                for (m = 0; m < ARRAY_SIZE(sweep_names); m++) {
                    unsigned how = CRJIT_FIND_CONSUME |
                                   (d ? CRJIT_FIND_FORWARD : 0u) |
                                   (s != 0 ? CRJIT_FIND_STOP : 0u);
                    size_t stop = s == 0 ? 0 : s - 1;
                    size_t want = spec_find(sweep_argv, n, oflags,
                                            all_kinds[k], sweep_names[m], how,
                                            stop);
                    size_t got = crjit_ral_find(f.ral, all_kinds[k],
                                                sweep_names[m], how, stop);
                    if (got != want)
                        print_error("step %zu kind %d name \"%s\" how %u "
                                    "stop %zu: got %zu want %zu\n",
                                    step, (int)all_kinds[k], sweep_names[m],
                                    how, stop, got, want);
                    assert_int_equal(got, want);
                    for (i = 0; i < n; i++) {
                        if (crjit_ral_state(f.ral, i) !=
                            oracle_state(oflags[i]))
                            print_error("step %zu name \"%s\": entry %zu "
                                        "\"%s\" state %d want %d\n",
                                        step, sweep_names[m], i, sweep_argv[i],
                                        (int)crjit_ral_state(f.ral, i),
                                        (int)oracle_state(oflags[i]));
                        assert_int_equal(crjit_ral_state(f.ral, i),
                                         oracle_state(oflags[i]));
                    }
                    step++;
                }
                fx_close(&f);
            }
}

/* ---- A-13 --------------------------------------------------------------- */

static void test_a13_null_name_empty_list(void **state)
{
    const char *argv[] = { "-Xrs", "-Xjit", NULL };
    size_t k;
    fixture f;

    (void)state;
    fx_open(&f, argv);
    for (k = 0; k < ARRAY_SIZE(all_kinds); k++) {
        assert_int_equal(crjit_ral_find(f.ral, all_kinds[k], NULL, 0, 0),
                         CRJIT_NPOS);
        assert_int_equal(crjit_ral_find(f.ral, all_kinds[k], NULL,
                                        CRJIT_FIND_FORWARD |
                                            CRJIT_FIND_CONSUME,
                                        0),
                         CRJIT_NPOS);
    }
    assert_all_unconsumed(f.ral, 2);
    fx_close(&f);

    fx_open(&f, NULL);
    for (k = 0; k < ARRAY_SIZE(all_kinds); k++) {
        assert_int_equal(crjit_ral_find(f.ral, all_kinds[k], "-Xrs", 0, 0),
                         CRJIT_NPOS);
        assert_int_equal(crjit_ral_find(f.ral, all_kinds[k], "-Xjit",
                                        CRJIT_FIND_FORWARD, 0),
                         CRJIT_NPOS);
        assert_int_equal(crjit_ral_find(f.ral, all_kinds[k], "",
                                        CRJIT_FIND_CONSUME, 0),
                         CRJIT_NPOS);
        assert_int_equal(crjit_ral_find(f.ral, all_kinds[k], "-D",
                                        CRJIT_FIND_STOP, 0),
                         CRJIT_NPOS);
    }
    /* out-of-range state queries */
    assert_int_equal(crjit_ral_state(f.ral, 0), CRJIT_ENTRY_UNCONSUMED);
    crjit_ral_consume_at(f.ral, 0); /* no effect, no crash */
    fx_close(&f);
}

/* ---- A-14 direction ------------------------------------------------------ */

typedef struct dir_case {
    const char *name;
    crjit_match kind;
    const char *option;
} dir_case;

static dir_case dir_cases[] = {
    { "A-14 rightmost/leftmost -Xrs (indexed)", CRJIT_MATCH_OPTIONAL_LIST,
      "-Xrs" },
    { "A-14 rightmost/leftmost -Xjit (not indexed)",
      CRJIT_MATCH_OPTIONAL_LIST, "-Xjit" },
};

/* Entries 1, 3 and 5 match; 0, 2, 4, 6 do not. */
static void run_dir_case(void **state)
{
    const dir_case *c = *state;
    char e1[32], e3[32], e5[32], x0[32], x2[32];
    const char *argv[8];
    fixture f;

    (void)snprintf(e1, sizeof e1, "%s:a", c->option);
    (void)snprintf(e3, sizeof e3, "%s", c->option);
    (void)snprintf(e5, sizeof e5, "%s:b", c->option);
    (void)snprintf(x0, sizeof x0, "%sx", c->option);
    (void)snprintf(x2, sizeof x2, "%s=1", c->option);
    argv[0] = x0;
    argv[1] = e1;
    argv[2] = x2;
    argv[3] = e3;
    argv[4] = "-Dother";
    argv[5] = e5;
    argv[6] = "-Xother";
    argv[7] = NULL;
    fx_open(&f, argv);
    assert_int_equal(crjit_ral_find(f.ral, c->kind, c->option, 0, 0), 5);
    assert_int_equal(
        crjit_ral_find(f.ral, c->kind, c->option, CRJIT_FIND_FORWARD, 0), 1);
    /* A-15 "find next" iteration */
    assert_int_equal(crjit_ral_find(f.ral, c->kind, c->option,
                                    CRJIT_FIND_STOP, 5),
                     3);
    assert_int_equal(crjit_ral_find(f.ral, c->kind, c->option,
                                    CRJIT_FIND_STOP, 3),
                     1);
    assert_int_equal(crjit_ral_find(f.ral, c->kind, c->option,
                                    CRJIT_FIND_STOP, 1),
                     CRJIT_NPOS);
    assert_int_equal(crjit_ral_find(f.ral, c->kind, c->option,
                                    CRJIT_FIND_FORWARD | CRJIT_FIND_STOP, 2),
                     3);
    assert_int_equal(crjit_ral_find(f.ral, c->kind, c->option,
                                    CRJIT_FIND_FORWARD | CRJIT_FIND_STOP, 4),
                     5);
    assert_int_equal(crjit_ral_find(f.ral, c->kind, c->option,
                                    CRJIT_FIND_FORWARD | CRJIT_FIND_STOP, 6),
                     CRJIT_NPOS);
    /* none of that changed any state */
    assert_all_unconsumed(f.ral, 7);
    fx_close(&f);
}

/* ---- A-15 stop indices -------------------------------------------------- */

static void test_a15_stop(void **state)
{
    /* every entry matches STARTSWITH "-D"; n = 4 */
    const char *argv[] = { "-Da", "-Db", "-Dc", "-Dd", NULL };
    const char *names[] = { "-D", "-Dx" /* not indexed */ };
    fixture f;

    (void)state;
    fx_open(&f, argv);
    /* backward: [0, stop-1] only if 0 < stop < n, else the whole list */
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_STARTSWITH, names[0],
                                    CRJIT_FIND_STOP, 0),
                     3);
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_STARTSWITH, names[0],
                                    CRJIT_FIND_STOP, 1),
                     0);
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_STARTSWITH, names[0],
                                    CRJIT_FIND_STOP, 3),
                     2);
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_STARTSWITH, names[0],
                                    CRJIT_FIND_STOP, 4),
                     3);
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_STARTSWITH, names[0],
                                    CRJIT_FIND_STOP, 100),
                     3);
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_STARTSWITH, names[0],
                                    CRJIT_FIND_STOP, CRJIT_NPOS),
                     3);
    /* forward: [stop, n-1]; NPOS if stop >= n */
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_STARTSWITH, names[0],
                                    CRJIT_FIND_FORWARD | CRJIT_FIND_STOP, 0),
                     0);
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_STARTSWITH, names[0],
                                    CRJIT_FIND_FORWARD | CRJIT_FIND_STOP, 3),
                     3);
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_STARTSWITH, names[0],
                                    CRJIT_FIND_FORWARD | CRJIT_FIND_STOP, 4),
                     CRJIT_NPOS);
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_STARTSWITH, names[0],
                                    CRJIT_FIND_FORWARD | CRJIT_FIND_STOP,
                                    CRJIT_NPOS),
                     CRJIT_NPOS);
    /* without CRJIT_FIND_STOP the stop argument is ignored */
    assert_int_equal(
        crjit_ral_find(f.ral, CRJIT_MATCH_STARTSWITH, names[0], 0, 2), 3);
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_STARTSWITH, names[0],
                                    CRJIT_FIND_FORWARD, 2),
                     0);
    /* a name matching nothing */
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_STARTSWITH, names[1],
                                    CRJIT_FIND_STOP, 2),
                     CRJIT_NPOS);

    /* A-25 within a bounded range: only hits in the range are touched */
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_STARTSWITH, names[0],
                                    CRJIT_FIND_STOP | CRJIT_FIND_CONSUME, 3),
                     2);
    assert_int_equal(crjit_ral_state(f.ral, 0), CRJIT_ENTRY_EXEMPT);
    assert_int_equal(crjit_ral_state(f.ral, 1), CRJIT_ENTRY_EXEMPT);
    assert_int_equal(crjit_ral_state(f.ral, 2), CRJIT_ENTRY_CONSUMED);
    assert_int_equal(crjit_ral_state(f.ral, 3), CRJIT_ENTRY_UNCONSUMED);
    fx_close(&f);

    fx_open(&f, argv);
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_STARTSWITH, names[0],
                                    CRJIT_FIND_FORWARD | CRJIT_FIND_STOP |
                                        CRJIT_FIND_CONSUME,
                                    2),
                     2);
    assert_int_equal(crjit_ral_state(f.ral, 0), CRJIT_ENTRY_UNCONSUMED);
    assert_int_equal(crjit_ral_state(f.ral, 1), CRJIT_ENTRY_UNCONSUMED);
    assert_int_equal(crjit_ral_state(f.ral, 2), CRJIT_ENTRY_CONSUMED);
    assert_int_equal(crjit_ral_state(f.ral, 3), CRJIT_ENTRY_EXEMPT);
    fx_close(&f);
}

/* ---- A-24 / A-25 / A-26 ---------------------------------------------------- */

static void test_a24_find_changes_nothing(void **state)
{
    const char *argv[] = { "-Xrs:onRestore", "-Xjit:a", "-Xrs", "-Xjit",
                           NULL };
    fixture f;

    (void)state;
    fx_open(&f, argv);
    assert_int_equal(
        crjit_ral_find(f.ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xrs", 0, 0), 2);
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xjit",
                                    CRJIT_FIND_FORWARD, 0),
                     1);
    assert_all_unconsumed(f.ral, 4);
    /* repeated FIND gives the same answer */
    assert_int_equal(
        crjit_ral_find(f.ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xrs", 0, 0), 2);
    /* FIND after a consume still finds the consumed winner, and does not
     * touch the exempted duplicate */
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xjit",
                                    CRJIT_FIND_CONSUME, 0),
                     3);
    assert_int_equal(
        crjit_ral_find(f.ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xjit", 0, 0), 3);
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xjit",
                                    CRJIT_FIND_FORWARD, 0),
                     1);
    assert_int_equal(crjit_ral_state(f.ral, 1), CRJIT_ENTRY_EXEMPT);
    assert_int_equal(crjit_ral_state(f.ral, 3), CRJIT_ENTRY_CONSUMED);
    assert_int_equal(crjit_ral_state(f.ral, 0), CRJIT_ENTRY_UNCONSUMED);
    assert_int_equal(crjit_ral_state(f.ral, 2), CRJIT_ENTRY_UNCONSUMED);
    fx_close(&f);
}

typedef struct consume_case {
    const char *name;
    const char *option;
    unsigned flags;
    size_t winner;
} consume_case;

static consume_case consume_cases[] = {
    { "A-25 backward consume -D (indexed)", "-D", 0, 4 },
    { "A-25 forward consume -D (indexed)", "-D", CRJIT_FIND_FORWARD, 0 },
    { "A-25 backward consume -Dk (not indexed)", "-Dk", 0, 4 },
    { "A-25 forward consume -Dk (not indexed)", "-Dk", CRJIT_FIND_FORWARD,
      0 },
};

/* Entries 0, 2, 4 match STARTSWITH of the row's option; 1 and 3 do not. */
static void run_consume_case(void **state)
{
    const consume_case *c = *state;
    const char *argv[] = { "-Dk=1", "-Xjit", "-Dk=2", "-Xrs", "-Dk=3", NULL };
    size_t i;
    fixture f;

    fx_open(&f, argv);
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_STARTSWITH, c->option,
                                    c->flags | CRJIT_FIND_CONSUME, 0),
                     c->winner);
    for (i = 0; i < 5; i++) {
        crjit_entry_state want = CRJIT_ENTRY_UNCONSUMED;
        if (i % 2 == 0)
            want = i == c->winner ? CRJIT_ENTRY_CONSUMED : CRJIT_ENTRY_EXEMPT;
        assert_int_equal(crjit_ral_state(f.ral, i), want);
    }
    /* a second consuming search for the same name: same winner, same
     * states (A-25 is idempotent here) */
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_STARTSWITH, c->option,
                                    c->flags | CRJIT_FIND_CONSUME, 0),
                     c->winner);
    for (i = 0; i < 5; i += 2)
        assert_int_equal(crjit_ral_state(f.ral, i),
                         i == c->winner ? CRJIT_ENTRY_CONSUMED
                                        : CRJIT_ENTRY_EXEMPT);
    fx_close(&f);
}

/* a later search's duplicates have their flags *replaced*: an entry
 * consumed by an earlier search becomes exempt; A-26c: one entry is hit by
 * several searches. */
static void test_a25_flags_replaced(void **state)
{
    const char *argv[] = { "-Xjit:a", "-Xjit:b", "-Xjit", NULL };
    fixture f;

    (void)state;
    fx_open(&f, argv);
    crjit_ral_consume_at(f.ral, 0);
    assert_int_equal(crjit_ral_state(f.ral, 0), CRJIT_ENTRY_CONSUMED);
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_STARTSWITH, "-Xjit:",
                                    CRJIT_FIND_CONSUME, 0),
                     1);
    assert_int_equal(crjit_ral_state(f.ral, 0), CRJIT_ENTRY_EXEMPT);
    assert_int_equal(crjit_ral_state(f.ral, 1), CRJIT_ENTRY_CONSUMED);
    assert_int_equal(crjit_ral_state(f.ral, 2), CRJIT_ENTRY_UNCONSUMED);
    /* A-26c: the OPTIONAL_LIST search hits all three; rightmost wins */
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xjit",
                                    CRJIT_FIND_CONSUME, 0),
                     2);
    assert_int_equal(crjit_ral_state(f.ral, 0), CRJIT_ENTRY_EXEMPT);
    assert_int_equal(crjit_ral_state(f.ral, 1), CRJIT_ENTRY_EXEMPT);
    assert_int_equal(crjit_ral_state(f.ral, 2), CRJIT_ENTRY_CONSUMED);
    fx_close(&f);
}

/* ---- A-27 consume_at ------------------------------------------------------ */

static void test_a27_consume_at(void **state)
{
    const char *argv[] = { "-Xrs:onRestore", "-Xrs:syncOnRestore", "-Xjit",
                           NULL };
    fixture f;

    (void)state;
    fx_open(&f, argv);
    crjit_ral_consume_at(f.ral, 1);
    /* no duplicate handling: the other -Xrs stays unconsumed */
    assert_int_equal(crjit_ral_state(f.ral, 0), CRJIT_ENTRY_UNCONSUMED);
    assert_int_equal(crjit_ral_state(f.ral, 1), CRJIT_ENTRY_CONSUMED);
    assert_int_equal(crjit_ral_state(f.ral, 2), CRJIT_ENTRY_UNCONSUMED);
    /* idempotent */
    crjit_ral_consume_at(f.ral, 1);
    assert_int_equal(crjit_ral_state(f.ral, 1), CRJIT_ENTRY_CONSUMED);
    /* out of range: no effect */
    crjit_ral_consume_at(f.ral, 3);
    crjit_ral_consume_at(f.ral, CRJIT_NPOS);
    assert_int_equal(crjit_ral_state(f.ral, 3), CRJIT_ENTRY_UNCONSUMED);
    assert_int_equal(crjit_ral_state(f.ral, 0), CRJIT_ENTRY_UNCONSUMED);
    assert_int_equal(crjit_ral_state(f.ral, 2), CRJIT_ENTRY_UNCONSUMED);
    /* consume_at does not change what a search returns */
    assert_int_equal(
        crjit_ral_find(f.ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xrs", 0, 0), 1);
    crjit_ral_consume_at(f.ral, 2);
    assert_int_equal(crjit_ral_state(f.ral, 2), CRJIT_ENTRY_CONSUMED);
    /* NULL view: no crash */
    crjit_ral_consume_at(NULL, 0);
    assert_int_equal(crjit_ral_state(NULL, 0), CRJIT_ENTRY_UNCONSUMED);
    assert_int_equal(crjit_ral_find(NULL, CRJIT_MATCH_EXACT, "-Xrs", 0, 0),
                     CRJIT_NPOS);
    fx_close(&f);
}

/* ---- A-8 ------------------------------------------------------------------ */

typedef struct exempt_case {
    const char *entry;
    bool exempt;
} exempt_case;

static void test_a8_born_exempt(void **state)
{
    static const exempt_case rows[] = {
        { "-Xargencoding", true },
        { "-Xargencoding:utf8", true },
        { "-Xargencodinglatin", true },
        { "-Xnoargsconversion", true },
        { "-Xnoargsconversionx", false },
        { "-Xargencodin", false },
        { "-xargencoding", false },
        { "-XNoargsconversion", false },
        { "-Xrs", false },
        { "-Dfile.encoding=UTF-8", false },
    };
    const char *argv[ARRAY_SIZE(rows) + 1];
    size_t i;
    fixture f;

    (void)state;
    for (i = 0; i < ARRAY_SIZE(rows); i++)
        argv[i] = rows[i].entry;
    argv[ARRAY_SIZE(rows)] = NULL;
    fx_open(&f, argv);
    for (i = 0; i < ARRAY_SIZE(rows); i++)
        assert_int_equal(crjit_ral_state(f.ral, i),
                         rows[i].exempt ? CRJIT_ENTRY_EXEMPT
                                        : CRJIT_ENTRY_UNCONSUMED);
    /* a born-exempt entry can still be found, and consumed */
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_EXACT,
                                    "-Xnoargsconversion", 0, 0),
                     3);
    assert_int_equal(crjit_ral_state(f.ral, 3), CRJIT_ENTRY_EXEMPT);
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_EXACT,
                                    "-Xnoargsconversion", CRJIT_FIND_CONSUME,
                                    0),
                     3);
    assert_int_equal(crjit_ral_state(f.ral, 3), CRJIT_ENTRY_CONSUMED);
    fx_close(&f);
}

/* A-8 at plan level: born-exempt entries never fail the restore. */
static void test_a8_plan_accepts(void **state)
{
    const char *argv[] = { "-Xargencoding:utf8", "-Xnoargsconversion", NULL };
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *plan;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, argv);
    plan = test_plan(ctx, args, NULL);
    assert_true(crjit_plan_accepted(plan));
    assert_int_equal(crjit_plan_message_count(plan), 0);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* ---- views are independent ------------------------------------------------ */

static void test_views_independent(void **state)
{
    const char *argv[] = { "-Xrs", "-Xrs", NULL };
    fixture f;
    crjit_ral *other = NULL;

    (void)state;
    fx_open(&f, argv);
    assert_int_equal(crjit_ral_new(f.args, &other), CRJIT_OK);
    assert_int_equal(crjit_ral_find(f.ral, CRJIT_MATCH_EXACT, "-Xrs",
                                    CRJIT_FIND_CONSUME, 0),
                     1);
    assert_int_equal(crjit_ral_state(f.ral, 0), CRJIT_ENTRY_EXEMPT);
    assert_int_equal(crjit_ral_state(f.ral, 1), CRJIT_ENTRY_CONSUMED);
    assert_int_equal(crjit_ral_state(other, 0), CRJIT_ENTRY_UNCONSUMED);
    assert_int_equal(crjit_ral_state(other, 1), CRJIT_ENTRY_UNCONSUMED);
    crjit_ral_free(other);
    crjit_ral_free(NULL);
    assert_int_equal(crjit_ral_new(NULL, &other), CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_ral_new(f.args, NULL), CRJIT_E_INVALID_ARG);
    fx_close(&f);
}

/* ---- plan-level duplicates (A-25, A-26a; product.md §6.1) ----------------- */

static void test_plan_duplicates(void **state)
{
    const char *argv[] = { "-Xshareclasses:disableOnRestore", "-Dx=1",
                           "-Xshareclasses:disableOnRestore", NULL };
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *plan;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, argv);
    plan = test_plan(ctx, args, NULL);
    assert_true(crjit_plan_accepted(plan));
    assert_int_equal(crjit_plan_arg_count(plan), 3);
    assert_int_equal(crjit_plan_arg_status(plan, 2), CRJIT_ARG_CONSUMED);
    assert_int_equal(crjit_plan_arg_winner(plan, 2), CRJIT_NPOS);
    assert_int_equal(crjit_plan_arg_status(plan, 0), CRJIT_ARG_DUPLICATE);
    assert_int_equal(crjit_plan_arg_winner(plan, 0), 2);
    assert_int_equal(crjit_plan_arg_status(plan, 1), CRJIT_ARG_CONSUMED);
    assert_int_equal(crjit_plan_arg_winner(plan, 1), CRJIT_NPOS);
    /* §6.1: every non-consumed argument has a diagnostic */
    assert_int_not_equal(test_find_diag(plan, CRJIT_DIAG_DUPLICATE, 0),
                         CRJIT_NPOS);
    assert_true(crjit_plan_facts(plan)->scc_disabled_on_restore);
    assert_string_equal(crjit_arg_status_name(CRJIT_ARG_DUPLICATE),
                        "duplicate");
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* Three duplicates of -XX:+DebugInterpreter: all lose to the rightmost. */
static void test_plan_three_duplicates(void **state)
{
    const char *argv[] = { "-XX:+DebugInterpreter", "-XX:+DebugInterpreter",
                           "-XX:+DebugInterpreter", NULL };
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_plan *plan;

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    args = test_args(ctx, argv);
    plan = test_plan(ctx, args, NULL);
    assert_true(crjit_plan_accepted(plan));
    assert_int_equal(crjit_plan_arg_status(plan, 2), CRJIT_ARG_CONSUMED);
    assert_int_equal(crjit_plan_arg_status(plan, 0), CRJIT_ARG_DUPLICATE);
    assert_int_equal(crjit_plan_arg_status(plan, 1), CRJIT_ARG_DUPLICATE);
    assert_int_equal(crjit_plan_arg_winner(plan, 0), 2);
    assert_int_equal(crjit_plan_arg_winner(plan, 1), 2);
    assert_int_equal(crjit_plan_arg_winner(plan, 2), CRJIT_NPOS);
    assert_int_equal(crjit_plan_arg_winner(plan, 3), CRJIT_NPOS);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

#define EXTRA_TESTS 12

int main(void)
{
    static struct CMUnitTest tests[ARRAY_SIZE(match_cases) +
                                   ARRAY_SIZE(dir_cases) +
                                   ARRAY_SIZE(consume_cases) + EXTRA_TESTS];
    size_t i, n = 0;

    for (i = 0; i < ARRAY_SIZE(match_cases); i++) {
        struct CMUnitTest t = { match_cases[i].name, run_match_case, NULL,
                                NULL, &match_cases[i] };
        tests[n++] = t;
    }
    for (i = 0; i < ARRAY_SIZE(dir_cases); i++) {
        struct CMUnitTest t = { dir_cases[i].name, run_dir_case, NULL, NULL,
                                &dir_cases[i] };
        tests[n++] = t;
    }
    for (i = 0; i < ARRAY_SIZE(consume_cases); i++) {
        struct CMUnitTest t = { consume_cases[i].name, run_consume_case, NULL,
                                NULL, &consume_cases[i] };
        tests[n++] = t;
    }
    {
        const struct CMUnitTest extra[EXTRA_TESTS] = {
            cmocka_unit_test(test_sweep_find),
            cmocka_unit_test(test_sweep_consume),
            cmocka_unit_test(test_a13_null_name_empty_list),
            cmocka_unit_test(test_a15_stop),
            cmocka_unit_test(test_a24_find_changes_nothing),
            cmocka_unit_test(test_a25_flags_replaced),
            cmocka_unit_test(test_a27_consume_at),
            cmocka_unit_test(test_a8_born_exempt),
            cmocka_unit_test(test_a8_plan_accepts),
            cmocka_unit_test(test_views_independent),
            cmocka_unit_test(test_plan_duplicates),
            cmocka_unit_test(test_plan_three_duplicates),
        };
        for (i = 0; i < EXTRA_TESTS; i++)
            tests[n++] = extra[i];
    }
    return cmocka_run_group_tests_name("find", tests, NULL, NULL);
}
