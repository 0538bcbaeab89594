/* Edge cases of the four parsers that the rule tables of test_optfile,
 * test_envfile, test_filter and test_xjit do not reach (issue 9: the
 * parsers at 100 % branch coverage; docs/reliability.md lists what is left
 * and why).  Every case checks behaviour the rules fix:
 *   - options file (semantics.md A-4), env file (A-6, product.md DV-16);
 *   - filters (D-21…D-24, DV-14, DV-15): edge syntax, duplicate
 *     alternatives, invalid arguments, and keys whose hashes collide (the
 *     store must confirm every hash hit part by part);
 *   - the -Xjit: parser (D-5, D-22, D-27): limit-file lines, line ranges,
 *     unfinished range subsets, host names;
 *   - every allocation failure inside a parser is CRJIT_E_NOMEM, leaves the
 *     list or set unchanged and leaks nothing (engineering.md §6).
 * Uses the internal interfaces src/filter.h and src/xjit.h. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "xjit.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define TEXT(s) s, sizeof(s) - 1
#define KEY "OPENJ9_RESTORE_JAVA_OPTIONS="

/* ---- helpers ------------------------------------------------------------- */

static crjit_args *new_args(test_alloc *st, crjit_ctx **ctx)
{
    crjit_args *args = NULL;
    memset(st, 0, sizeof *st);
    *ctx = test_ctx(st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_args_new(*ctx, &args), CRJIT_OK);
    return args;
}

static void free_args(test_alloc *st, crjit_ctx *ctx, crjit_args *args)
{
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    assert_int_equal(st->live, 0);
}

static void assert_entries(const crjit_args *args, const char *const *want,
                           size_t n)
{
    size_t i, len = 0;
    assert_int_equal(crjit_args_count(args), n);
    for (i = 0; i < n; i++) {
        const char *t = crjit_args_text(args, i, &len, NULL);
        assert_non_null(t);
        assert_int_equal(len, strlen(want[i]));
        assert_memory_equal(t, want[i], len);
    }
}

static size_t count_args_diags(const crjit_args *args, crjit_diag_code code)
{
    size_t i, n = 0;
    for (i = 0; i < crjit_args_diag_count(args); i++)
        if (crjit_args_diag(args, i)->code == code)
            n++;
    return n;
}

static crjit_filter_result decide(const crjit_filters *f, const char *cls,
                                  const char *name, const char *desc)
{
    return crjit_filters_decide(f, cls, strlen(cls), name, strlen(name), desc,
                                strlen(desc));
}

/* ---- options file ----------------------------------------------------- */

/* blanks that end the text at a line start give nothing. */
static void test_a4_text_ends_in_blanks(void **state)
{
    static const char *const one[] = { "-Da=1" };
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    (void)state;

    args = new_args(&st, &ctx);
    assert_int_equal(crjit_args_add_options_text(args, TEXT("-Da=1\n \t "),
                                                 CRJIT_SOURCE_COMMAND_LINE),
                     CRJIT_OK);
    assert_entries(args, one, 1);
    assert_int_equal(crjit_args_add_options_text(args, TEXT(" \t  "),
                                                 CRJIT_SOURCE_COMMAND_LINE),
                     CRJIT_OK);
    assert_entries(args, one, 1);
    free_args(&st, ctx, args);
}

/* Runs one parser call with the k-th allocation after setup failing, for
 * every k until a run makes no failing allocation: each failing run must
 * give CRJIT_E_NOMEM and leave the list as it was (crjit.h: "CRJIT_E_NOMEM
 * nothing is appended" / "list unchanged"); the clean run gives want_ok
 * entries. */
typedef crjit_status (*args_op)(crjit_args *args, const char *text,
                                size_t len);

static crjit_status op_options_text(crjit_args *args, const char *text,
                                    size_t len)
{
    return crjit_args_add_options_text(args, text, len,
                                       CRJIT_SOURCE_COMMAND_LINE);
}

static crjit_status op_env_file(crjit_args *args, const char *text,
                                size_t len)
{
    return crjit_args_load_env_file(args, text, len);
}

static void nomem_sweep(args_op op, const char *text, size_t len,
                        size_t want_entries, int persistent)
{
    size_t k;
    for (k = 1;; k++) {
        test_alloc st;
        crjit_ctx *ctx;
        crjit_args *args = new_args(&st, &ctx);
        crjit_status s;
        size_t before = st.total;
        st.fail_at = before + k;
        st.fail_from = persistent;
        s = op(args, text, len);
        if (st.total < st.fail_at) {
            /* no allocation failed: the clean run */
            assert_int_equal(s, CRJIT_OK);
            assert_int_equal(crjit_args_count(args), want_entries);
            free_args(&st, ctx, args);
            break;
        }
        assert_int_equal(s, CRJIT_E_NOMEM);
        assert_int_equal(crjit_args_count(args), 0);
        assert_false(crjit_args_load_failed(args));
        free_args(&st, ctx, args);
        assert_true(k < 1000);
    }
}

/* the second option on a line is split off while the first is
 * stored; A-3 NUL byte warning: both allocation sites fail cleanly. */
static void test_a4_nomem(void **state)
{
    (void)state;
    nomem_sweep(op_options_text, TEXT("-Da=1 -Db=2 -Dc=3\n-Dd=4"), 4, 0);
    nomem_sweep(op_options_text, TEXT("-Da=1 -Db=2 -Dc=3\n-Dd=4"), 4, 1);
    nomem_sweep(op_options_text, TEXT("-Da=1 -Db=2\0-Dc=3"), 2, 0);
    nomem_sweep(op_options_text, TEXT("-Da=1 -Db=2\0-Dc=3"), 2, 1);
}

/* ---- A-6 / DV-16: env file -------------------------------------------------- */

/* DV-16 with a quoted span longer than the diagnostic's split text: the
 * error still comes, names the span and starts the split. */
static void test_dv16_long_glued_value(void **state)
{
    char text[600], value[400];
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    const crjit_diagnostic *d;
    size_t n;
    (void)state;

    memset(value, 'x', sizeof value);
    memcpy(value, "-Da=", 4);
    memcpy(value + 300, " -Db=1 -Dc", 10);
    n = (size_t)snprintf(text, sizeof text, "%s\"%.*s\"\n", KEY, 310, value);
    args = new_args(&st, &ctx);
    assert_int_equal(crjit_args_load_env_file(args, text, n), CRJIT_OK);
    assert_int_equal(crjit_args_count(args), 1);
    assert_int_equal(count_args_diags(args, CRJIT_DIAG_QUOTED_VALUE), 1);
    d = crjit_args_diag(args,
                        test_find_args_diag(args, CRJIT_DIAG_QUOTED_VALUE));
    assert_int_equal(d->severity, CRJIT_SEV_ERROR);
    assert_int_equal(d->arg, 0);
    assert_non_null(strstr(d->message, "from byte 28 to byte 339"));
    assert_non_null(strstr(d->message, "'-Da=xxx"));
    /* The count covers every piece, also when the shown split is cut. */
    assert_non_null(strstr(d->message, "it would be 3 arguments"));
    free_args(&st, ctx, args);
}

/* A-6.4/DV-16: a quote that protects only a leading space before one
 * option glues nothing: one entry " -Da=1", no quoted-value error. */
static void test_dv16_single_piece(void **state)
{
    static const char *const want[] = { " -Da=1", "-Db" };
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    (void)state;

    args = new_args(&st, &ctx);
    assert_int_equal(
        crjit_args_load_env_file(args, TEXT(KEY "\" -Da=1\" -Db\n")),
        CRJIT_OK);
    assert_entries(args, want, 2);
    assert_int_equal(count_args_diags(args, CRJIT_DIAG_QUOTED_VALUE), 0);
    free_args(&st, ctx, args);
}

/* A-6.3/A-6.6/DV-16: allocation failures while storing entries, the
 * quoted-value error and the empty-argument warning. */
static void test_a6_nomem(void **state)
{
    static const char text[] = KEY "-Da=1 \"-Db -Dc\" \" -Dd=\"\"\" \"\n";
    (void)state;
    nomem_sweep(op_env_file, text, sizeof text - 1, 4, 0);
    nomem_sweep(op_env_file, text, sizeof text - 1, 4, 1);
}

/* ---- D-21…D-24: filters ------------------------------------------------------- */

typedef struct fset {
    test_alloc st;
    crjit_ctx *ctx;
    crjit_filters *f;
} fset;

static void fset_init(fset *s)
{
    memset(s, 0, sizeof *s);
    s->ctx = test_ctx(&s->st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_filters_new(s->ctx, &s->f), CRJIT_OK);
}

static void fset_done(fset *s)
{
    crjit_filters_free(s->f);
    crjit_ctx_free(s->ctx);
    assert_int_equal(s->st.live, 0);
}

static void add(fset *s, crjit_filter_type type, const char *spec)
{
    assert_int_equal(crjit_filters_add(s->f, type, spec, strlen(spec), NULL),
                     CRJIT_OK);
}

/* D-21: "[^…" opens a class even without a later ']'; a range whose upper
 * end is a backslash does not escape, so "{[^A-\\}" leaves a lone trailing
 * backslash inside the class: the class is not closed (bad regex). */
static void test_d21_class_ends_in_backslash(void **state)
{
    static const char spec[] = "{[^A-\\\\}";
    fset s;
    size_t off = 99;
    (void)state;

    fset_init(&s);
    assert_int_equal(crjit_filters_add(s.f, CRJIT_FILTER_EXCLUDE, spec,
                                       sizeof spec - 1, &off),
                     CRJIT_E_PARSE);
    assert_int_equal(off, 1); /* the '[' */
    /* The same error without an offset out-parameter. */
    assert_int_equal(crjit_filters_add(s.f, CRJIT_FILTER_EXCLUDE, spec,
                                       sizeof spec - 1, NULL),
                     CRJIT_E_PARSE);
    assert_int_equal(crjit__filters_count(s.f), 0);
    fset_done(&s);
}

/* D-21: in "[a-]" the '-' before ']' is literal, not a range. */
static void test_d21_dash_before_close(void **state)
{
    fset s;
    (void)state;

    fset_init(&s);
    add(&s, CRJIT_FILTER_EXCLUDE, "{C.m[a-]()V}");
    assert_int_equal(crjit_filters_seal(s.f), CRJIT_OK);
    assert_int_equal(decide(s.f, "C", "ma", "()V"), CRJIT_FILTER_EXCLUDED);
    assert_int_equal(decide(s.f, "C", "m-", "()V"), CRJIT_FILTER_EXCLUDED);
    assert_int_equal(decide(s.f, "C", "mb", "()V"), CRJIT_FILTER_ALLOWED);
    assert_int_equal(decide(s.f, "C", "m]", "()V"), CRJIT_FILTER_ALLOWED);
    fset_done(&s);
}

/* D-21: an alternative written twice matches as once, for the exact and
 * the trailing-star literal forms; D-24.5 the newest filter still wins. */
static void test_d21_duplicate_alternatives(void **state)
{
    fset s;
    (void)state;

    fset_init(&s);
    add(&s, CRJIT_FILTER_EXCLUDE, "{p/A.m*,p/A.m*|p/B.x()V|p/B.x()V}");
    assert_int_equal(crjit_filters_seal(s.f), CRJIT_OK);
    assert_int_equal(decide(s.f, "p/A", "m", "()V"), CRJIT_FILTER_EXCLUDED);
    assert_int_equal(decide(s.f, "p/A", "mm", "(I)I"),
                     CRJIT_FILTER_EXCLUDED);
    assert_int_equal(decide(s.f, "p/B", "x", "()V"), CRJIT_FILTER_EXCLUDED);
    assert_int_equal(decide(s.f, "p/B", "x", "()I"), CRJIT_FILTER_ALLOWED);
    assert_int_equal(decide(s.f, "p/A", "n", "()V"), CRJIT_FILTER_ALLOWED);
    /* D-25: a newer include with the same literal decides now. */
    add(&s, CRJIT_FILTER_INCLUDE, "{p/B.x()V,p/B.x()V}");
    assert_int_equal(crjit_filters_seal(s.f), CRJIT_OK);
    assert_int_equal(decide(s.f, "p/B", "x", "()V"), CRJIT_FILTER_ALLOWED);
    /* D-23: limit= made the set default-exclude. */
    assert_int_equal(decide(s.f, "q/Q", "x", "()V"), CRJIT_FILTER_EXCLUDED);
    fset_done(&s);
}

/* crjit.h crjit_filters_add: invalid arguments and the length limit leave
 * the set unchanged. */
static void test_filters_add_arguments(void **state)
{
    fset s;
    char *big;
    (void)state;

    fset_init(&s);
    assert_int_equal(crjit_filters_add(NULL, CRJIT_FILTER_EXCLUDE, "a", 1,
                                       NULL),
                     CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_filters_add(s.f, CRJIT_FILTER_EXCLUDE, NULL, 3,
                                       NULL),
                     CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_filters_add(s.f, (crjit_filter_type)7, "a", 1,
                                       NULL),
                     CRJIT_E_INVALID_ARG);
    big = malloc(CRJIT_MAX_ARG_BYTES + 1u);
    assert_non_null(big);
    memset(big, 'a', CRJIT_MAX_ARG_BYTES + 1u);
    assert_int_equal(crjit_filters_add(s.f, CRJIT_FILTER_EXCLUDE, big,
                                       CRJIT_MAX_ARG_BYTES + 1u, NULL),
                     CRJIT_E_LIMIT);
    free(big);
    /* NULL spec with length 0 is the empty filter: a parse error. */
    assert_int_equal(crjit_filters_add(s.f, CRJIT_FILTER_EXCLUDE, NULL, 0,
                                       NULL),
                     CRJIT_E_PARSE);
    assert_int_equal(crjit__filters_count(s.f), 0);
    assert_int_equal(crjit_filters_seal(s.f), CRJIT_OK);
    assert_int_equal(decide(s.f, "a", "a", "()V"), CRJIT_FILTER_ALLOWED);
    fset_done(&s);
}

/* B-50 / D-24.1: no store, an empty store, default-exclude alone. */
static void test_d24_no_store(void **state)
{
    fset s;
    (void)state;

    assert_false(crjit__filters_active(NULL));
    assert_int_equal(crjit__filters_decide(NULL, "a", 1, "b", 1, "()V", 3),
                     CRJIT_FILTER_ALLOWED);
    fset_init(&s);
    assert_false(crjit__filters_active(s.f));
    crjit__filters_set_default_exclude(s.f);
    assert_true(crjit__filters_active(s.f));
    assert_int_equal(crjit_filters_seal(s.f), CRJIT_OK);
    assert_int_equal(decide(s.f, "a", "b", "()V"), CRJIT_FILTER_EXCLUDED);
    fset_done(&s);
}

/* Filters and allocation failures: name forms (DV-15) and regex forms. */
static void test_filters_nomem(void **state)
{
    static const char *const specs[] = { "m", "m(I)V", "p/C.m(I)V",
                                         "{p/*.m(I)V,x*|[^a]?}" };
    size_t i, k;
    (void)state;

    for (i = 0; i < ARRAY_SIZE(specs); i++) {
        for (k = 1;; k++) {
            fset s;
            crjit_status r;
            fset_init(&s);
            s.st.fail_at = s.st.total + k;
            r = crjit_filters_add(s.f, CRJIT_FILTER_EXCLUDE, specs[i],
                                  strlen(specs[i]), NULL);
            if (r == CRJIT_OK)
                r = crjit_filters_seal(s.f);
            if (s.st.total < s.st.fail_at) {
                assert_int_equal(r, CRJIT_OK);
                fset_done(&s);
                break;
            }
            assert_int_equal(r, CRJIT_E_NOMEM);
            fset_done(&s);
        }
    }
}

/* ---- hash collisions (DV-14, D-24.2…4) ------------------------------------------
 *
 * The store finds name filters by a 64-bit hash of their key parts and must
 * confirm every hit part by part.  The part hash (filter.c part_hash) is
 * invertible over its last 8-byte word, so keys with equal hashes can be
 * built: these copies of filter.c's hash functions must follow it (if they
 * drift the keys stop colliding and the tests below still pass, only the
 * coverage of the confirming comparisons drops). */

static const uint64_t K1 = 0x9e3779b97f4a7c15u;
static const uint64_t K2 = 0xbf58476d1ce4e5b9u;

static uint64_t inv64(uint64_t k)
{
    uint64_t x = k; /* Newton: correct to 3, 6, 12, 24, 48, 96 bits */
    int i;
    for (i = 0; i < 5; i++)
        x *= 2 - k * x;
    return x;
}

static uint64_t mix(uint64_t h)
{
    h *= K1;
    return h ^ (h >> 29);
}

static uint64_t part_hash(const char *p, size_t n)
{
    uint64_t h = 0x243f6a8885a308d3u ^ n;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = mix(h ^ w);
        p += 8;
        n -= 8;
    }
    if (n > 0) {
        uint64_t w = 0;
        memcpy(&w, p, n);
        h = mix(h ^ w);
    }
    return h;
}

static uint64_t combine(uint64_t a, uint64_t b)
{
    return (a ^ (b + 0x9e3779b97f4a7c15u + (a << 6) + (a >> 2))) * K2;
}

static bool byte_ok(char c, const char *avoid)
{
    return c != '\0' && strchr(avoid, c) == NULL;
}

/* Fill out[0..16) so that part_hash(out, 16) == target: out[0..8) is the
 * prefix with bytes 4 and 5 varied (the multiply carries a change upward
 * and the shift back down, so every solved byte moves), out[8..16)
 * solved.  The solved bytes
 * avoid NUL and the characters in avoid. */
static void solve16(char out[16], const char prefix[8], uint64_t target,
                    const char *avoid)
{
    unsigned v;
    for (v = 0; v < 4096; v++) {
        uint64_t h = 0x243f6a8885a308d3u ^ 16u, w, x;
        size_t i;
        bool ok = true;
        memcpy(out, prefix, 8);
        out[5] = (char)('A' + (v % 26));
        out[4] = (char)('a' + (v / 26) % 26);
        memcpy(&w, out, 8);
        h = mix(h ^ w);
        x = target ^ (target >> 29) ^ (target >> 58); /* undo the shift */
        w = (x * inv64(K1)) ^ h;
        memcpy(out + 8, &w, 8);
        for (i = 8; i < 16; i++)
            ok = ok && byte_ok(out[i], avoid);
        if (ok && part_hash(out, 16) == target)
            return;
    }
    fail_msg("no printable collision found");
}

/* Adds spec (len bytes) and returns whether it replaced an older filter. */
static bool add_raw(fset *s, const char *spec, size_t len)
{
    crjit__filter_error e;
    assert_int_equal(crjit__filters_add(s->f, CRJIT_FILTER_EXCLUDE, spec, len,
                                        CRJIT_NPOS, &e),
                     CRJIT_OK);
    return e.replaced_any;
}

static crjit_filter_result decide_n(const crjit_filters *f, const char *cls,
                                    size_t clen, const char *name,
                                    size_t nlen, const char *desc,
                                    size_t dlen)
{
    return crjit_filters_decide(f, cls, clen, name, nlen, desc, dlen);
}

/* DV-14 replaces only a filter with the same key; D-24.4 a name filter
 * decides only its own name, whatever the hashes. */
static void test_dv14_colliding_names(void **state)
{
    char n16a[16], n16b[16], n16c[16];
    fset s;
    (void)state;

    /* n16a: 16 bytes with the hash of the 8-byte "shortnam"; n16b and n16c:
     * two different 16-byte names with one hash. */
    solve16(n16a, "longname", part_hash("shortnam", 8), ".(");
    memcpy(n16b, "abcdefghijklmnop", 16);
    solve16(n16c, "zyxwvuts", part_hash(n16b, 16), ".(");
    assert_memory_not_equal(n16b, n16c, 16);

    fset_init(&s);
    assert_false(add_raw(&s, "shortnam", 8));
    assert_false(add_raw(&s, n16a, 16)); /* same hash, other length */
    assert_false(add_raw(&s, n16b, 16));
    assert_false(add_raw(&s, n16c, 16)); /* same hash and length */
    assert_true(add_raw(&s, n16c, 16));  /* the same key: DV-14 */
    assert_int_equal(crjit_filters_seal(s.f), CRJIT_OK);
    assert_int_equal(decide_n(s.f, "C", 1, "shortnam", 8, "()V", 3),
                     CRJIT_FILTER_EXCLUDED);
    assert_int_equal(decide_n(s.f, "C", 1, n16a, 16, "()V", 3),
                     CRJIT_FILTER_EXCLUDED);
    assert_int_equal(decide_n(s.f, "C", 1, n16b, 16, "()V", 3),
                     CRJIT_FILTER_EXCLUDED);
    assert_int_equal(decide_n(s.f, "C", 1, n16c, 16, "()V", 3),
                     CRJIT_FILTER_EXCLUDED);
    fset_done(&s);

    /* Lookups whose hash hits a filter of another name. */
    fset_init(&s);
    assert_false(add_raw(&s, "shortnam", 8));
    assert_false(add_raw(&s, n16b, 16));
    assert_int_equal(crjit_filters_seal(s.f), CRJIT_OK);
    assert_int_equal(decide_n(s.f, "C", 1, n16a, 16, "()V", 3),
                     CRJIT_FILTER_ALLOWED);
    assert_int_equal(decide_n(s.f, "C", 1, n16c, 16, "()V", 3),
                     CRJIT_FILTER_ALLOWED);
    fset_done(&s);
}

/* DV-14: a name-only filter and a name(desc) filter whose store hashes
 * collide are different keys: neither replaces the other. */
static void test_dv14_colliding_kinds(void **state)
{
    char n16[16];
    fset s;
    uint64_t h2 = combine(part_hash("q", 1), part_hash("(x)V", 4));
    (void)state;

    /* The store keys name filters by hash ^ kind (1: name, 2: name(desc)). */
    solve16(n16, "nameonly", h2 ^ 2u ^ 1u, ".(");
    fset_init(&s);
    assert_false(add_raw(&s, "q(x)V", 5));
    assert_false(add_raw(&s, n16, 16));
    assert_int_equal(crjit_filters_seal(s.f), CRJIT_OK);
    assert_int_equal(decide_n(s.f, "C", 1, "q", 1, "(x)V", 4),
                     CRJIT_FILTER_EXCLUDED);
    assert_int_equal(decide_n(s.f, "C", 1, "q", 1, "(y)V", 4),
                     CRJIT_FILTER_ALLOWED);
    assert_int_equal(decide_n(s.f, "C", 1, n16, 16, "()I", 3),
                     CRJIT_FILTER_EXCLUDED);
    fset_done(&s);
}

/* D-24.2/D-24.3: name(desc) and cls.name(desc) filters (DV-15) decide only
 * bodies whose descriptor and class equal theirs, also when the hashes of
 * the descriptors or classes collide. */
static void test_d24_colliding_desc_and_class(void **state)
{
    char d16a[16], d16b[16], d16c[16], c16a[16], c16b[16], c16c[16];
    char spec[64];
    fset s;
    (void)state;

    /* descriptors: d16a collides with "(I)V" (other length), d16c with d16b
     * (same length). */
    solve16(d16a, "(JJJJJJJ", part_hash("(I)V", 4), "");
    memcpy(d16b, "(Ljava/lang/S;)V", 16);
    solve16(d16c, "(Ljava/z", part_hash(d16b, 16), "");
    /* classes: c16a collides with "p/C" and c16c with c16b. */
    solve16(c16a, "q/Dqqqqq", part_hash("p/C", 3), ".(");
    memcpy(c16b, "pkg/Klass1234567", 16);
    solve16(c16c, "pkg/Zzzz", part_hash(c16b, 16), ".(");

    fset_init(&s);
    add(&s, CRJIT_FILTER_EXCLUDE, "m(I)V");
    memcpy(spec, "m", 1);
    memcpy(spec + 1, d16b, 16);
    assert_false(add_raw(&s, spec, 17));
    assert_int_equal(crjit_filters_seal(s.f), CRJIT_OK);
    assert_int_equal(decide_n(s.f, "C", 1, "m", 1, "(I)V", 4),
                     CRJIT_FILTER_EXCLUDED);
    assert_int_equal(decide_n(s.f, "C", 1, "m", 1, d16b, 16),
                     CRJIT_FILTER_EXCLUDED);
    assert_int_equal(decide_n(s.f, "C", 1, "m", 1, d16a, 16),
                     CRJIT_FILTER_ALLOWED);
    assert_int_equal(decide_n(s.f, "C", 1, "m", 1, d16c, 16),
                     CRJIT_FILTER_ALLOWED);
    fset_done(&s);

    fset_init(&s);
    add(&s, CRJIT_FILTER_EXCLUDE, "p/C.m(I)V");
    memcpy(spec, c16b, 16);
    memcpy(spec + 16, ".m(I)V", 6);
    assert_false(add_raw(&s, spec, 22));
    assert_int_equal(crjit_filters_seal(s.f), CRJIT_OK);
    assert_int_equal(decide_n(s.f, "p/C", 3, "m", 1, "(I)V", 4),
                     CRJIT_FILTER_EXCLUDED);
    assert_int_equal(decide_n(s.f, c16b, 16, "m", 1, "(I)V", 4),
                     CRJIT_FILTER_EXCLUDED);
    assert_int_equal(decide_n(s.f, c16a, 16, "m", 1, "(I)V", 4),
                     CRJIT_FILTER_ALLOWED);
    assert_int_equal(decide_n(s.f, c16c, 16, "m", 1, "(I)V", 4),
                     CRJIT_FILTER_ALLOWED);
    fset_done(&s);
}

/* The class-level cache of a walk (filter.h) must never change a
 * decision: one cache across two sets, classes of equal length, an empty
 * class and a class longer than the cache's copy. */
static void test_d24_class_cache(void **state)
{
    static const char *const specs[] = { "p/C.m(I)V", "{p/C.*}", "{*.x()V}",
                                         "{p/D.y*}" };
    char longc[CRJIT__CLASS_CACHE_MAX + 40];
    const char *classes[6];
    size_t clen[6], i, j;
    fset a, b;
    crjit__class_cache cache;
    (void)state;

    memset(longc, 'L', sizeof longc);
    memcpy(longc + sizeof longc - 3, "p/C", 3);
    classes[0] = "p/C";
    classes[1] = "p/D";
    classes[2] = "";
    classes[3] = longc;
    classes[4] = "p/C";
    classes[5] = longc;
    for (i = 0; i < 6; i++)
        clen[i] = i == 3 || i == 5 ? sizeof longc : strlen(classes[i]);
    fset_init(&a);
    fset_init(&b);
    for (i = 0; i < ARRAY_SIZE(specs); i++)
        add(&a, CRJIT_FILTER_EXCLUDE, specs[i]);
    add(&b, CRJIT_FILTER_EXCLUDE, "{p/D.*}");
    assert_int_equal(crjit_filters_seal(a.f), CRJIT_OK);
    assert_int_equal(crjit_filters_seal(b.f), CRJIT_OK);
    memset(&cache, 0, sizeof cache);
    for (j = 0; j < 2; j++) {
        for (i = 0; i < 6; i++) {
            static const char *const names[] = { "m", "x", "y" };
            size_t n;
            for (n = 0; n < ARRAY_SIZE(names); n++) {
                /* first pass: one set, consecutive classes of equal
                 * length; second pass: the sets alternate */
                const crjit_filters *f =
                    j == 0 || (i + n) % 2 != 0 ? a.f : b.f;
                crjit_body body;
                memset(&body, 0, sizeof body);
                body.class_name = classes[i];
                body.class_len = clen[i];
                body.method_name = names[n];
                body.method_len = 1;
                body.descriptor = n == 0 ? "(I)V" : "()V";
                body.descriptor_len = n == 0 ? 4 : 3;
                assert_int_equal(
                    crjit__filters_decide_cached(f, &body, &cache),
                    crjit__filters_decide(f, classes[i], clen[i], names[n], 1,
                                          body.descriptor,
                                          body.descriptor_len));
            }
        }
    }
    fset_done(&b);
    fset_done(&a);
}

/* ---- D-5, D-22, D-27: the -Xjit: parser ------------------------------------------ */

typedef struct limit_file {
    const char *name;
    const char *text;
} limit_file;

static const limit_file files[] = {
    { "plus_only", "+" },
    { "unclosed_hot", "+ (warm" },
    { "hot_at_end", "+ (warm)" },
    { "hot_no_space", "+ (warm)x/Y.z()V" },
    { "bad_filter", "+ {x/Y.z()V" },
    { "blank_ends", "+ a/A.a()V trailing words\n+ b/B.b()V\tmore\n" },
    { "no_newline", "- c/C.c()V\n+ d/D.d()V" },
};

static int read_limit(void *user, const char *path, size_t path_len,
                      const char **text, size_t *len)
{
    size_t i;
    (void)user;
    for (i = 0; i < ARRAY_SIZE(files); i++) {
        if (strlen(files[i].name) == path_len &&
            memcmp(files[i].name, path, path_len) == 0) {
            *text = files[i].text;
            *len = strlen(files[i].text);
            return 0;
        }
    }
    return -1;
}

typedef struct xfx {
    test_alloc st;
    crjit_ctx *ctx;
    crjit_filters *cf;
    crjit__xjit_env env;
    crjit__xjit out;
} xfx;

static void xfx_init(xfx *x)
{
    memset(x, 0, sizeof *x);
    x->ctx = test_ctx(&x->st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_filters_new(x->ctx, &x->cf), CRJIT_OK);
    x->env.compile_filters = x->cf;
    x->env.read_file = read_limit;
}

static crjit_status xparse(xfx *x, const char *s)
{
    return crjit__xjit_parse(x->ctx, s, strlen(s), &x->env, &x->out);
}

static void xfx_done(xfx *x)
{
    crjit__xjit_free(x->ctx, &x->out);
    crjit_filters_free(x->cf);
    crjit_ctx_free(x->ctx);
    assert_int_equal(x->st.live, 0);
}

/* D-27: a malformed '+'/'-' line stops parsing with the option. */
static void test_d27_malformed_lines(void **state)
{
    static const char *const bad[] = {
        "limitfile=plus_only",    /* no space after '+' */
        "limitfile=unclosed_hot", /* "(hotness" not closed */
        "limitfile=hot_at_end",   /* no method after "(warm)" */
        "limitfile=hot_no_space", /* no space after "(warm)" */
        "limitfile=bad_filter",   /* a method string that is no filter */
    };
    size_t i;
    (void)state;

    for (i = 0; i < ARRAY_SIZE(bad); i++) {
        xfx x;
        xfx_init(&x);
        assert_int_equal(xparse(&x, bad[i]), CRJIT_OK);
        assert_true(x.out.failed);
        assert_int_equal(x.out.error_offset, strlen("limitfile="));
        assert_string_equal(x.out.error, "malformed line in the limit file");
        assert_int_equal(x.out.count, 0);
        xfx_done(&x);
    }
}

/* D-27: the method string ends at a blank; the last line needs no line
 * end; limitfile= makes the store default-exclude (D-23). */
static void test_d27_method_string_ends(void **state)
{
    xfx x;
    (void)state;

    xfx_init(&x);
    assert_int_equal(
        xparse(&x, "limitfile=blank_ends,limitfile=no_newline,count=5"),
        CRJIT_OK);
    assert_false(x.out.failed);
    assert_int_equal(x.out.count, 3);
    assert_int_equal(x.out.items[2].number, 5);
    assert_int_equal(crjit__filters_count(x.cf), 4);
    assert_int_equal(crjit_filters_seal(x.cf), CRJIT_OK);
    assert_int_equal(decide(x.cf, "a/A", "a", "()V"), CRJIT_FILTER_ALLOWED);
    assert_int_equal(decide(x.cf, "b/B", "b", "()V"), CRJIT_FILTER_ALLOWED);
    assert_int_equal(decide(x.cf, "c/C", "c", "()V"), CRJIT_FILTER_EXCLUDED);
    assert_int_equal(decide(x.cf, "d/D", "d", "()V"), CRJIT_FILTER_ALLOWED);
    assert_int_equal(decide(x.cf, "e/E", "e", "()V"), CRJIT_FILTER_EXCLUDED);
    xfx_done(&x);
}

/* D-27: limitfile=(file,first,last) with a number beyond size_t, a
 * missing number or text after the ')' is a bad range; parsing stops
 * there.  (A range cut short, "(file,12", is an unbalanced value: D-5.) */
static void test_d27_bad_ranges(void **state)
{
    static const char *const bad[] = {
        "limitfile=(no_newline,1,99999999999999999999999999)",
        "limitfile=(no_newline,x,2)",
        "limitfile=(no_newline,1,2)3",
    };
    size_t i;
    (void)state;

    for (i = 0; i < ARRAY_SIZE(bad); i++) {
        xfx x;
        xfx_init(&x);
        assert_int_equal(xparse(&x, bad[i]), CRJIT_OK);
        assert_true(x.out.failed);
        assert_string_equal(x.out.error,
                            "bad line range in limitfile=(file,first,last)");
        assert_int_equal(crjit__filters_count(x.cf), 0);
        xfx_done(&x);
    }
}

/* D-22: a non-brace filter ends at a tab or a newline; what follows is
 * then a missing separator (D-5), and the filter before it has taken
 * effect (D-6). */
static void test_d22_token_ends_at_tab_newline(void **state)
{
    static const char *const in[] = { "exclude=foo\tcount=1",
                                      "exclude=foo\ncount=1" };
    size_t i;
    (void)state;

    for (i = 0; i < ARRAY_SIZE(in); i++) {
        xfx x;
        xfx_init(&x);
        assert_int_equal(xparse(&x, in[i]), CRJIT_OK);
        assert_true(x.out.failed);
        assert_int_equal(x.out.error_offset, 11);
        assert_string_equal(x.out.error, "missing ',' after the sub-option");
        assert_int_equal(x.out.count, 1);
        assert_int_equal(crjit__filters_count(x.cf), 1);
        xfx_done(&x);
    }
}

/* D-5: "[m" or "[m,n" cut off by the end is no option subset; as a name
 * it is unknown and parsing stops there. */
static void test_d5_unfinished_range(void **state)
{
    static const char *const in[] = { "count=1,[12", "count=1,[1,2" };
    size_t i;
    (void)state;

    for (i = 0; i < ARRAY_SIZE(in); i++) {
        xfx x;
        xfx_init(&x);
        assert_int_equal(xparse(&x, in[i]), CRJIT_OK);
        assert_true(x.out.failed);
        assert_int_equal(x.out.error_offset, 8);
        assert_string_equal(x.out.error, "unknown sub-option");
        assert_int_equal(x.out.subset_count, 0);
        assert_int_equal(x.out.count, 1);
        xfx_done(&x);
    }
}

/* D-5 / D-24.7: ifExcluded(...) is recorded as a subset; with no compile
 * filter store (xjit.h: may be NULL) there is nothing to mark. */
static void test_d5_if_excluded_without_store(void **state)
{
    xfx x;
    (void)state;

    xfx_init(&x);
    x.env.compile_filters = NULL;
    assert_int_equal(xparse(&x, "ifExcluded(count=0),count=2"), CRJIT_OK);
    assert_false(x.out.failed);
    assert_int_equal(x.out.subset_count, 1);
    assert_int_equal(x.out.subsets[0].kind, XS_IF_EXCLUDED);
    assert_int_equal(x.out.subsets[0].inner_off, 11);
    assert_int_equal(x.out.subsets[0].inner_len, 7);
    assert_int_equal(x.out.count, 1);
    xfx_done(&x);
}

/* crjit.h extra_suboptions: host names are matched after the table; a
 * NULL entry in the host's array matches nothing. */
static void test_d5_host_names_with_null(void **state)
{
    static const char *const extra[] = { NULL, "hostFlag" };
    xfx x;
    (void)state;

    xfx_init(&x);
    x.env.extra = extra;
    x.env.extra_count = ARRAY_SIZE(extra);
    assert_int_equal(xparse(&x, "hostFlag,count=3"), CRJIT_OK);
    assert_false(x.out.failed);
    assert_int_equal(x.out.count, 2);
    assert_string_equal(x.out.items[0].name, "hostFlag");
    assert_int_equal(x.out.items[0].source, CRJIT__XS_J9);
    xfx_done(&x);
}

/* D-5: the compiler table and the front-end table are searched apart: the
 * last compiler-table name is found only in the compiler table. */
static void test_d5_table_lookup_by_source(void **state)
{
    const char *last = crjit__xjit_options[crjit__xjit_option_count - 1].name;
    bool fe = crjit__xjit_options[crjit__xjit_option_count - 1].source ==
              CRJIT__XS_J9;
    size_t i;
    (void)state;

    i = crjit__xjit_lookup(last, strlen(last), fe);
    assert_int_equal(i, crjit__xjit_option_count - 1);
    i = crjit__xjit_lookup(last, strlen(last), !fe);
    assert_true(i == CRJIT_NPOS ||
                crjit__xjit_options[i].source == (fe ? CRJIT__XS_OMR
                                                     : CRJIT__XS_J9));
    assert_true(i == CRJIT_NPOS ||
                strlen(crjit__xjit_options[i].name) < strlen(last));
}

/* The unknown-option suggestions (phase_xjit.c, B-15) give at most four
 * names, closest first, whatever the caller asks for. */
static void test_suggest_at_most_four(void **state)
{
    const char *out[8];
    size_t n;
    (void)state;

    n = crjit__xjit_suggest("coutn=", 6, out, 8);
    assert_true(n >= 1 && n <= 4);
    assert_string_equal(out[0], "count=");
}

/* Allocation failures inside the option-string parser: filters, limit-file
 * lines, items, subsets, DV-14 replacements. */
static void test_xjit_nomem(void **state)
{
    static const char *const in[] = {
        "limitfile=no_newline,count=1",
        "exclude=m(I)V,exclude=m(I)V,limit={a*}(count=1),1(count=2)",
    };
    size_t i, k;
    (void)state;

    for (i = 0; i < ARRAY_SIZE(in); i++) {
        for (k = 1;; k++) {
            xfx x;
            crjit_status r;
            xfx_init(&x);
            x.st.fail_at = x.st.total + k;
            r = xparse(&x, in[i]);
            if (x.st.total < x.st.fail_at) {
                assert_int_equal(r, CRJIT_OK);
                assert_false(x.out.failed);
                xfx_done(&x);
                break;
            }
            assert_int_equal(r, CRJIT_E_NOMEM);
            xfx_done(&x);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a4_text_ends_in_blanks),
        cmocka_unit_test(test_a4_nomem),
        cmocka_unit_test(test_dv16_long_glued_value),
        cmocka_unit_test(test_dv16_single_piece),
        cmocka_unit_test(test_a6_nomem),
        cmocka_unit_test(test_d21_class_ends_in_backslash),
        cmocka_unit_test(test_d21_dash_before_close),
        cmocka_unit_test(test_d21_duplicate_alternatives),
        cmocka_unit_test(test_filters_add_arguments),
        cmocka_unit_test(test_d24_no_store),
        cmocka_unit_test(test_filters_nomem),
        cmocka_unit_test(test_dv14_colliding_names),
        cmocka_unit_test(test_dv14_colliding_kinds),
        cmocka_unit_test(test_d24_colliding_desc_and_class),
        cmocka_unit_test(test_d24_class_cache),
        cmocka_unit_test(test_d27_malformed_lines),
        cmocka_unit_test(test_d27_method_string_ends),
        cmocka_unit_test(test_d27_bad_ranges),
        cmocka_unit_test(test_d22_token_ends_at_tab_newline),
        cmocka_unit_test(test_d5_unfinished_range),
        cmocka_unit_test(test_d5_if_excluded_without_store),
        cmocka_unit_test(test_d5_host_names_with_null),
        cmocka_unit_test(test_d5_table_lookup_by_source),
        cmocka_unit_test(test_suggest_at_most_four),
        cmocka_unit_test(test_xjit_nomem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
