/* Reading option values (semantics.md; product.md DV-5)
 * through crjit_ral_value, crjit_ral_int and crjit_ral_memory.
 *
 * Every row names its rule and runs as its own cmocka test.  An entry is
 * built as prefix + value; the prefix length is the name_len argument, and
 * expected offsets are given relative to the start of the value. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define SENTINEL UINT64_C(0x5EEDF00DDEADBEEF)
/* "do not check the offset" */
#define ANY_OFFSET ((size_t)-1)
#define U64MAX UINT64_MAX

#define PORT "-XX:JITServerPort="
#define THREADS "-XcompilationThreads"
#define AOTMX "-XX:JITServerAOTmx="

/* ---- fixture ------------------------------------------------------------ */

typedef struct fixture {
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_ral *ral;
} fixture;

static void fx_open(fixture *f, const char *entry)
{
    const char *argv[] = { "-Xfirst", entry, NULL };
    memset(f, 0, sizeof *f);
    f->ctx = test_ctx(&f->st, CRJIT_POLICY_REFERENCE);
    f->args = test_args(f->ctx, argv);
    assert_int_equal(crjit_ral_new(f->args, &f->ral), CRJIT_OK);
}

static void fx_close(fixture *f)
{
    crjit_ral_free(f->ral);
    crjit_args_free(f->args);
    crjit_ctx_free(f->ctx);
    assert_int_equal(f->st.live, 0);
}

static void join(char *out, size_t size, const char *a, const char *b)
{
    int n = snprintf(out, size, "%s%s", a, b);
    assert_true(n >= 0 && (size_t)n < size);
}

/* ---- A-29 crjit_ral_value ------------------------------------------------ */

typedef struct value_case {
    const char *name;
    const char *entry;
    char delim;
    crjit_value_status status;
    const char *value; /* expected value when OK */
} value_case;

static value_case value_cases[] = {
    { "A-29 value after first '=' keeps later '='",
      "-XX:JITServerAddress=a=b", '=', CRJIT_VALUE_OK, "a=b" },
    { "A-29 value after first ':' keeps later ':' and '='",
      "-Xjit:verbose={a},vlog=x", ':', CRJIT_VALUE_OK, "verbose={a},vlog=x" },
    { "A-29 first delimiter anywhere, not right after the name",
      "-XX:JITServerAddress=a=b", ':', CRJIT_VALUE_OK,
      "JITServerAddress=a=b" },
    { "A-29 -Xrs:onRestore with ':'", "-Xrs:onRestore", ':', CRJIT_VALUE_OK,
      "onRestore" },
    { "A-29 list value with several ':'", "-Xjit:a:b", ':', CRJIT_VALUE_OK,
      "a:b" },
    { "A-29 empty value after delimiter", "-Dx=", '=', CRJIT_VALUE_OK, "" },
    { "A-29 delimiter at byte 0", "=abc", '=', CRJIT_VALUE_OK, "abc" },
    { "A-29 delimiter absent", "-Xfoo", '=', CRJIT_VALUE_MISSING, NULL },
    { "A-29 delimiter absent (-Xjit with ':')", "-Xjit", ':',
      CRJIT_VALUE_MISSING, NULL },
    { "A-29 empty entry", "", '=', CRJIT_VALUE_MISSING, NULL },
    { "A-29 delimiter is case-sensitive", "-Dkey=v", 'K',
      CRJIT_VALUE_MISSING, NULL },
};

static void run_value_case(void **state)
{
    const value_case *c = *state;
    const char *value = "untouched";
    const char *const untouched = value;
    size_t len = 12345;
    const char *entry;
    fixture f;

    fx_open(&f, c->entry);
    assert_int_equal(crjit_ral_value(f.ral, 1, c->delim, &value, &len),
                     c->status);
    if (c->status == CRJIT_VALUE_OK) {
        size_t elen = 0;
        entry = crjit_args_text(f.args, 1, &elen, NULL);
        assert_non_null(value);
        assert_int_equal(len, strlen(c->value));
        assert_memory_equal(value, c->value, len);
        /* it points into the list's storage, at the tail of the entry */
        assert_true(value >= entry && value + len == entry + elen);
        /* optional out-parameters */
        assert_int_equal(crjit_ral_value(f.ral, 1, c->delim, NULL, NULL),
                         CRJIT_VALUE_OK);
    } else {
        /* out-parameters are written only on success */
        assert_ptr_equal(value, untouched);
        assert_int_equal(len, 12345);
    }
    fx_close(&f);
}

/* index out of range gives MISSING. */
static void test_value_out_of_range(void **state)
{
    const char *value = NULL;
    size_t len = 0;
    fixture f;

    (void)state;
    fx_open(&f, "-Da=b");
    assert_int_equal(crjit_ral_value(f.ral, 2, '=', &value, &len),
                     CRJIT_VALUE_MISSING);
    assert_int_equal(crjit_ral_value(f.ral, CRJIT_NPOS, '=', &value, &len),
                     CRJIT_VALUE_MISSING);
    assert_null(value);
    assert_int_equal(crjit_ral_value(NULL, 0, '=', &value, &len),
                     CRJIT_VALUE_MISSING);
    fx_close(&f);
}

/* ---- A-30 / DV-5 crjit_ral_int ------------------------------------------- */

typedef struct int_case {
    const char *name;
    const char *prefix; /* its length is name_len */
    const char *value;
    uint64_t min, max;
    crjit_value_status status;
    uint64_t expect;
    size_t offset; /* relative to the value start, or ANY_OFFSET */
} int_case;

static int_case int_cases[] = {
    { "A-30.5 plain number", PORT, "38400", 0, U64MAX, CRJIT_VALUE_OK, 38400,
      ANY_OFFSET },
    { "A-30.5 zero", PORT, "0", 0, U64MAX, CRJIT_VALUE_OK, 0, ANY_OFFSET },
    { "A-30.5 leading zeros", PORT, "007", 0, U64MAX, CRJIT_VALUE_OK, 7,
      ANY_OFFSET },
    { "A-30.5 many leading zeros", PORT, "00000000000000000000000042", 0,
      U64MAX, CRJIT_VALUE_OK, 42, ANY_OFFSET },
    { "A-30 value right after the name (-XcompilationThreads4)", THREADS,
      "4", 0, U64MAX, CRJIT_VALUE_OK, 4, ANY_OFFSET },
    { "A-30.2 2^64-1 fits", PORT, "18446744073709551615", 0, U64MAX,
      CRJIT_VALUE_OK, U64MAX, ANY_OFFSET },
    { "A-30.2/DV-5 2^64 overflows", PORT, "18446744073709551616", 0, U64MAX,
      CRJIT_VALUE_OVERFLOW, 0, ANY_OFFSET },
    { "A-30.2/DV-5 far beyond 2^64 overflows", PORT,
      "99999999999999999999999", 0, U64MAX, CRJIT_VALUE_OVERFLOW, 0,
      ANY_OFFSET },
    { "A-30.2/DV-5 overflow is not out-of-range", PORT,
      "18446744073709551616", 1, 64, CRJIT_VALUE_OVERFLOW, 0, ANY_OFFSET },
    { "A-30.2/DV-5 leading zeros do not overflow", PORT,
      "0018446744073709551615", 0, U64MAX, CRJIT_VALUE_OK, U64MAX,
      ANY_OFFSET },
    { "A-30.3 no digits", PORT, "", 0, U64MAX, CRJIT_VALUE_MALFORMED, 0, 0 },
    { "A-30.1 plus sign", PORT, "+1", 0, U64MAX, CRJIT_VALUE_MALFORMED, 0,
      0 },
    { "A-30.1 minus sign", PORT, "-1", 0, U64MAX, CRJIT_VALUE_MALFORMED, 0,
      0 },
    { "A-30.1 leading space", PORT, " 5", 0, U64MAX, CRJIT_VALUE_MALFORMED, 0,
      0 },
    { "A-30.1 letters only", PORT, "abc", 0, U64MAX, CRJIT_VALUE_MALFORMED, 0,
      0 },
    { "A-30.1/A-30.4 hex prefix", PORT, "0x10", 0, U64MAX,
      CRJIT_VALUE_MALFORMED, 0, 1 },
    { "A-30.4 trailing space", PORT, "5 ", 0, U64MAX, CRJIT_VALUE_MALFORMED,
      0, 1 },
    { "A-30.4 junk after digits", PORT, "12ab", 0, U64MAX,
      CRJIT_VALUE_MALFORMED, 0, 2 },
    { "A-30.4 decimal point", PORT, "1.5", 0, U64MAX, CRJIT_VALUE_MALFORMED,
      0, 1 },
    { "A-30.4 memory suffix is junk for an int", PORT, "4k", 0, U64MAX,
      CRJIT_VALUE_MALFORMED, 0, 1 },
    { "A-30.4 -XcompilationThreads=4 (the '=' is junk)", THREADS, "=4", 0,
      U64MAX, CRJIT_VALUE_MALFORMED, 0, 0 },
    { "A-30.4 junk is malformed even when out of range", PORT, "65x", 1, 64,
      CRJIT_VALUE_MALFORMED, 0, 2 },
    { "DV-5 below min", PORT, "0", 1, 64, CRJIT_VALUE_OUT_OF_RANGE, 0,
      ANY_OFFSET },
    { "DV-5 above max", PORT, "65", 1, 64, CRJIT_VALUE_OUT_OF_RANGE, 0,
      ANY_OFFSET },
    { "DV-5 min inclusive", PORT, "1", 1, 64, CRJIT_VALUE_OK, 1,
      ANY_OFFSET },
    { "DV-5 max inclusive", PORT, "64", 1, 64, CRJIT_VALUE_OK, 64,
      ANY_OFFSET },
    { "DV-5 leading zeros then range", PORT, "0064", 1, 64, CRJIT_VALUE_OK,
      64, ANY_OFFSET },
    { "DV-5 above 32-bit field range", THREADS, "2147483648", 0, 2147483647,
      CRJIT_VALUE_OUT_OF_RANGE, 0, ANY_OFFSET },
    { "DV-5 32-bit field maximum", THREADS, "2147483647", 0, 2147483647,
      CRJIT_VALUE_OK, 2147483647, ANY_OFFSET },
    { "DV-5 min == max", PORT, "7", 7, 7, CRJIT_VALUE_OK, 7, ANY_OFFSET },
    { "A-30 name_len 0 parses the whole entry", "", "123", 0, U64MAX,
      CRJIT_VALUE_OK, 123, ANY_OFFSET },
};

static void run_int_case(void **state)
{
    const int_case *c = *state;
    const size_t name_len = strlen(c->prefix);
    char entry[128];
    uint64_t v = SENTINEL;
    size_t off = 777777;
    fixture f;

    join(entry, sizeof entry, c->prefix, c->value);
    fx_open(&f, entry);
    assert_int_equal(
        crjit_ral_int(f.ral, 1, name_len, c->min, c->max, &v, &off),
        c->status);
    if (c->status == CRJIT_VALUE_OK) {
        assert_int_equal(v, c->expect);
    } else {
        /* out-parameters are written only on success */
        assert_int_equal(v, SENTINEL);
        if (c->offset != ANY_OFFSET)
            assert_int_equal(off, name_len + c->offset);
        else /* the problem lies inside the value */
            assert_in_range(off, name_len, strlen(entry));
    }
    /* optional out-parameters */
    assert_int_equal(
        crjit_ral_int(f.ral, 1, name_len, c->min, c->max, NULL, NULL),
        c->status);
    fx_close(&f);
}

/* Index out of range; name_len beyond the entry (no digits). */
static void test_int_edges(void **state)
{
    uint64_t v = SENTINEL;
    fixture f;

    (void)state;
    fx_open(&f, "-Xa");
    assert_int_not_equal(crjit_ral_int(f.ral, 2, 0, 0, U64MAX, &v, NULL),
                         CRJIT_VALUE_OK);
    assert_int_not_equal(
        crjit_ral_int(f.ral, CRJIT_NPOS, 0, 0, U64MAX, &v, NULL),
        CRJIT_VALUE_OK);
    assert_int_equal(crjit_ral_int(f.ral, 1, 3, 0, U64MAX, &v, NULL),
                     CRJIT_VALUE_MALFORMED);
    assert_int_not_equal(crjit_ral_int(f.ral, 1, 10, 0, U64MAX, &v, NULL),
                         CRJIT_VALUE_OK);
    assert_int_equal(v, SENTINEL);
    fx_close(&f);
}

/* ---- A-31 crjit_ral_memory ----------------------------------------------- */

typedef struct mem_case {
    const char *name;
    const char *value; /* after AOTMX */
    uint64_t max;
    crjit_value_status status;
    uint64_t expect;
    size_t offset; /* relative to the value start, or ANY_OFFSET */
} mem_case;

#define K(x) ((uint64_t)(x) << 10)
#define M(x) ((uint64_t)(x) << 20)
#define G(x) ((uint64_t)(x) << 30)
#define T(x) ((uint64_t)(x) << 40)

static mem_case mem_cases[] = {
    /* no suffix: round up to a multiple of 8 */
    { "A-31 zero", "0", U64MAX, CRJIT_VALUE_OK, 0, ANY_OFFSET },
    { "A-31 1 rounds up to 8", "1", U64MAX, CRJIT_VALUE_OK, 8, ANY_OFFSET },
    { "A-31 7 rounds up to 8", "7", U64MAX, CRJIT_VALUE_OK, 8, ANY_OFFSET },
    { "A-31 8 stays 8", "8", U64MAX, CRJIT_VALUE_OK, 8, ANY_OFFSET },
    { "A-31 9 rounds up to 16", "9", U64MAX, CRJIT_VALUE_OK, 16, ANY_OFFSET },
    { "A-31 1001 rounds up to 1008", "1001", U64MAX, CRJIT_VALUE_OK, 1008,
      ANY_OFFSET },
    { "A-31 leading zeros", "0016", U64MAX, CRJIT_VALUE_OK, 16, ANY_OFFSET },
    { "A-31 2^64-1 rounds down", "18446744073709551615", U64MAX,
      CRJIT_VALUE_OK, UINT64_C(18446744073709551608), ANY_OFFSET },
    { "A-31 2^64-7 rounds down", "18446744073709551609", U64MAX,
      CRJIT_VALUE_OK, UINT64_C(18446744073709551608), ANY_OFFSET },
    { "A-31 2^64-8 stays", "18446744073709551608", U64MAX, CRJIT_VALUE_OK,
      UINT64_C(18446744073709551608), ANY_OFFSET },
    { "A-31 2^64-9 rounds up", "18446744073709551607", U64MAX,
      CRJIT_VALUE_OK, UINT64_C(18446744073709551608), ANY_OFFSET },
    { "A-31 2^64-16 stays", "18446744073709551600", U64MAX, CRJIT_VALUE_OK,
      UINT64_C(18446744073709551600), ANY_OFFSET },
    { "A-31/DV-5 digits overflow 64 bits", "18446744073709551616", U64MAX,
      CRJIT_VALUE_OVERFLOW, 0, ANY_OFFSET },
    /* suffixes, either case */
    { "A-31 k", "1k", U64MAX, CRJIT_VALUE_OK, K(1), ANY_OFFSET },
    { "A-31 K", "1K", U64MAX, CRJIT_VALUE_OK, K(1), ANY_OFFSET },
    { "A-31 m", "3m", U64MAX, CRJIT_VALUE_OK, M(3), ANY_OFFSET },
    { "A-31 M", "3M", U64MAX, CRJIT_VALUE_OK, M(3), ANY_OFFSET },
    { "A-31 g", "2g", U64MAX, CRJIT_VALUE_OK, G(2), ANY_OFFSET },
    { "A-31 G", "2G", U64MAX, CRJIT_VALUE_OK, G(2), ANY_OFFSET },
    { "A-31 t", "5t", U64MAX, CRJIT_VALUE_OK, T(5), ANY_OFFSET },
    { "A-31 T", "5T", U64MAX, CRJIT_VALUE_OK, T(5), ANY_OFFSET },
    { "A-31 0k", "0k", U64MAX, CRJIT_VALUE_OK, 0, ANY_OFFSET },
    { "A-31 1023k", "1023k", U64MAX, CRJIT_VALUE_OK, K(1023), ANY_OFFSET },
    { "A-31 64m", "64m", U64MAX, CRJIT_VALUE_OK, M(64), ANY_OFFSET },
    { "A-31 leading zeros with suffix", "0002g", U64MAX, CRJIT_VALUE_OK,
      G(2), ANY_OFFSET },
    /* shift overflow */
    { "A-31 largest k", "18014398509481983k", U64MAX, CRJIT_VALUE_OK,
      K(UINT64_C(18014398509481983)), ANY_OFFSET },
    { "A-31 k shift overflows", "18014398509481984k", U64MAX,
      CRJIT_VALUE_OVERFLOW, 0, ANY_OFFSET },
    { "A-31 largest m", "17592186044415M", U64MAX, CRJIT_VALUE_OK,
      M(UINT64_C(17592186044415)), ANY_OFFSET },
    { "A-31 m shift overflows", "17592186044416M", U64MAX,
      CRJIT_VALUE_OVERFLOW, 0, ANY_OFFSET },
    { "A-31 largest g", "17179869183g", U64MAX, CRJIT_VALUE_OK,
      G(UINT64_C(17179869183)), ANY_OFFSET },
    { "A-31 g shift overflows", "17179869184g", U64MAX, CRJIT_VALUE_OVERFLOW,
      0, ANY_OFFSET },
    { "A-31 largest t", "16777215t", U64MAX, CRJIT_VALUE_OK,
      T(UINT64_C(16777215)), ANY_OFFSET },
    { "A-31 t shift overflows", "16777216T", U64MAX, CRJIT_VALUE_OVERFLOW, 0,
      ANY_OFFSET },
    { "A-31 overflow is not out-of-range", "16777216t", 1024,
      CRJIT_VALUE_OVERFLOW, 0, ANY_OFFSET },
    /* malformed */
    { "A-31/A-30.3 no digits", "", U64MAX, CRJIT_VALUE_MALFORMED, 0, 0 },
    { "A-31/A-30.1 suffix without digits", "k", U64MAX,
      CRJIT_VALUE_MALFORMED, 0, 0 },
    { "A-31/A-30.1 minus sign", "-1k", U64MAX, CRJIT_VALUE_MALFORMED, 0, 0 },
    { "A-31/A-30.1 plus sign", "+1k", U64MAX, CRJIT_VALUE_MALFORMED, 0, 0 },
    { "A-31/A-30.1 leading space", " 1k", U64MAX, CRJIT_VALUE_MALFORMED, 0,
      0 },
    { "A-31 bad suffix x", "1x", U64MAX, CRJIT_VALUE_MALFORMED, 0, 1 },
    { "A-31 bad suffix b", "512b", U64MAX, CRJIT_VALUE_MALFORMED, 0, 3 },
    { "A-31 bad suffix p (no peta)", "1p", U64MAX, CRJIT_VALUE_MALFORMED, 0,
      1 },
    { "A-31 space before suffix", "1 k", U64MAX, CRJIT_VALUE_MALFORMED, 0,
      1 },
    { "A-31 decimal point", "1.5m", U64MAX, CRJIT_VALUE_MALFORMED, 0, 1 },
    /* trailing characters after a valid suffix */
    { "A-31 trailing after k", "1kb", U64MAX, CRJIT_VALUE_TRAILING, K(1), 2 },
    { "A-31 trailing after m", "64mb", U64MAX, CRJIT_VALUE_TRAILING, M(64),
      3 },
    { "A-31 trailing space", "2g ", U64MAX, CRJIT_VALUE_TRAILING, G(2), 2 },
    { "A-31 trailing digits", "2gx9", U64MAX, CRJIT_VALUE_TRAILING, G(2), 2 },
    { "A-31 doubled suffix", "1kk", U64MAX, CRJIT_VALUE_TRAILING, K(1), 2 },
    /* max check */
    { "DV-5 max inclusive", "1k", 1024, CRJIT_VALUE_OK, 1024, ANY_OFFSET },
    { "DV-5 max inclusive without suffix", "1024", 1024, CRJIT_VALUE_OK, 1024,
      ANY_OFFSET },
    { "DV-5 above max with suffix", "2k", 1024, CRJIT_VALUE_OUT_OF_RANGE, 0,
      ANY_OFFSET },
    { "DV-5 above max after rounding", "1025", 1024,
      CRJIT_VALUE_OUT_OF_RANGE, 0, ANY_OFFSET },
    { "DV-5 max 0 accepts 0", "0", 0, CRJIT_VALUE_OK, 0, ANY_OFFSET },
    { "DV-5 max 0 rejects 1k", "1k", 0, CRJIT_VALUE_OUT_OF_RANGE, 0,
      ANY_OFFSET },
};

static void run_mem_case(void **state)
{
    const mem_case *c = *state;
    const size_t name_len = strlen(AOTMX);
    char entry[128];
    uint64_t v = SENTINEL;
    size_t off = 777777;
    fixture f;

    join(entry, sizeof entry, AOTMX, c->value);
    fx_open(&f, entry);
    assert_int_equal(crjit_ral_memory(f.ral, 1, name_len, c->max, &v, &off),
                     c->status);
    if (c->status == CRJIT_VALUE_OK || c->status == CRJIT_VALUE_TRAILING) {
        /* TRAILING: the value is still written (the reference uses it) */
        assert_int_equal(v, c->expect);
    } else {
        assert_int_equal(v, SENTINEL);
    }
    if (c->status != CRJIT_VALUE_OK) {
        if (c->offset != ANY_OFFSET)
            assert_int_equal(off, name_len + c->offset);
        else
            assert_in_range(off, name_len, strlen(entry));
    }
    assert_int_equal(crjit_ral_memory(f.ral, 1, name_len, c->max, NULL, NULL),
                     c->status);
    fx_close(&f);
}

static void test_mem_edges(void **state)
{
    uint64_t v = SENTINEL;
    fixture f;

    (void)state;
    fx_open(&f, "-Xsoftmx64m");
    assert_int_not_equal(crjit_ral_memory(f.ral, 2, 8, U64MAX, &v, NULL),
                         CRJIT_VALUE_OK);
    assert_int_not_equal(crjit_ral_memory(NULL, 1, 8, U64MAX, &v, NULL),
                         CRJIT_VALUE_OK);
    assert_int_equal(v, SENTINEL);
    /* -Xsoftmx64m: name_len of "-Xsoftmx" */
    assert_int_equal(crjit_ral_memory(f.ral, 1, 8, U64MAX, &v, NULL),
                     CRJIT_VALUE_OK);
    assert_int_equal(v, M(64));
    fx_close(&f);
}

#define EXTRA_TESTS 3

int main(void)
{
    static struct CMUnitTest tests[ARRAY_SIZE(value_cases) +
                                   ARRAY_SIZE(int_cases) +
                                   ARRAY_SIZE(mem_cases) + EXTRA_TESTS];
    size_t i, n = 0;

    for (i = 0; i < ARRAY_SIZE(value_cases); i++) {
        struct CMUnitTest t = { value_cases[i].name, run_value_case, NULL,
                                NULL, &value_cases[i] };
        tests[n++] = t;
    }
    for (i = 0; i < ARRAY_SIZE(int_cases); i++) {
        struct CMUnitTest t = { int_cases[i].name, run_int_case, NULL, NULL,
                                &int_cases[i] };
        tests[n++] = t;
    }
    for (i = 0; i < ARRAY_SIZE(mem_cases); i++) {
        struct CMUnitTest t = { mem_cases[i].name, run_mem_case, NULL, NULL,
                                &mem_cases[i] };
        tests[n++] = t;
    }
    {
        const struct CMUnitTest extra[EXTRA_TESTS] = {
            cmocka_unit_test(test_value_out_of_range),
            cmocka_unit_test(test_int_edges),
            cmocka_unit_test(test_mem_edges),
        };
        for (i = 0; i < EXTRA_TESTS; i++)
            tests[n++] = extra[i];
    }
    return cmocka_run_group_tests_name("values", tests, NULL, NULL);
}
