/* The -Xjit:/-Xaot: option-string parser (D-4…D-9, D.3, D-22…D-27, DV-6,
 * DV-14, DV-15) and the option-string assembly from the restore arguments
 * (D-1…D-3, B-24…B-27), through the internal interface in src/xjit.h.
 *
 * Most cases are rows of tables named by the rule they check; a failing
 * row prints its rule id and input.  Every test uses the counting test
 * allocator and ends with live == 0. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xjit.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- row-aware checks ----------------------------------------------------- */

/* Row checks print the rule id and input and count the failure, so one run
 * lists every failing row; each table test ends with rows_ok(). */
static unsigned row_failures;

static void rows_ok(void)
{
    unsigned n = row_failures;
    row_failures = 0;
    if (n != 0) {
        print_error("%u row check(s) failed\n", n);
        fail();
    }
}

#define EXPECT_EQ(rule, text, got, want)                                      \
    do {                                                                      \
        unsigned long long got_ = (unsigned long long)(got);                  \
        unsigned long long want_ = (unsigned long long)(want);                \
        if (got_ != want_) {                                                  \
            print_error("[%s] \"%s\": %s is %llu, expected %llu\n", (rule),   \
                        (text), #got, got_, want_);                           \
            row_failures++;                                                   \
        }                                                                     \
    } while (0)

#define EXPECT_TRUE(rule, text, cond)                                         \
    do {                                                                      \
        if (!(cond)) {                                                        \
            print_error("[%s] \"%s\": expected %s\n", (rule), (text), #cond); \
            row_failures++;                                                   \
        }                                                                     \
    } while (0)

#define EXPECT_STR(rule, text, got, want)                                     \
    do {                                                                      \
        const char *gots_ = (got), *wants_ = (want);                          \
        if (gots_ == NULL || strcmp(gots_, wants_) != 0) {                    \
            print_error("[%s] \"%s\": %s is \"%s\", expected \"%s\"\n",       \
                        (rule), (text), #got,                                 \
                        gots_ != NULL ? gots_ : "(null)", wants_);            \
            row_failures++;                                                   \
        }                                                                     \
    } while (0)

/* ---- in-memory limit files (D-27) ------------------------------------------ */

typedef struct mem_file {
    const char *name;
    const char *text;
} mem_file;

static const mem_file mem_files[] = {
    { "lf1",
      "# a comment line\n"                       /* 1 */
      "+ (warm) java/lang/String.hashCode()I\n"  /* 2 */
      "-1 (hot) a/B.c()V\n"                      /* 3 */
      "-precompileMethod x/Y.z()V\n"             /* 4 */
      "-noprecompileMethod p/Q.r()V\n"           /* 5 */
      "#num 5\n"                                 /* 6 */
      "\n"                                       /* 7 */
      "+ k/K.k()V\n" },                          /* 8 */
    { "crlf", "+ a/A.a()V\r\n- b/B.b()V\r\n" },
    { "bad_nospace", "+ a/A.a()V\n+java/lang/X.y()V\n" },
    { "bad_digit", "+5java/lang/X.y()V\n" },
    { "bad_hot", "+ (warm)java/lang/X.y()V\n" },
    { "bad_empty", "+ \n" },
    { "bad_line2", "+ a/A.a()V\n+oops\n+ c/C.c()V\n" },
    { "empty", "" },
};

typedef struct reader {
    unsigned reads;
} reader;

static int read_mem(void *user, const char *path, size_t path_len,
                    const char **text, size_t *len)
{
    reader *r = user;
    size_t i;
    if (r != NULL)
        r->reads++;
    for (i = 0; i < ARRAY_SIZE(mem_files); i++) {
        if (strlen(mem_files[i].name) == path_len &&
            memcmp(mem_files[i].name, path, path_len) == 0) {
            *text = mem_files[i].text;
            *len = strlen(mem_files[i].text);
            return 0;
        }
    }
    return -1;
}

/* ---- fixture ----------------------------------------------------------------- */

static const char *const host_extra[] = { "hostFlag", "hostValue=" };

typedef struct fx {
    test_alloc alloc;
    crjit_ctx *ctx;
    crjit_filters *cf; /* compile filters */
    crjit_filters *lf; /* load filters */
    reader rd;
    crjit__xjit_env env;
    crjit__xjit out;
} fx;

static void fx_init(fx *f, bool in_subset)
{
    memset(f, 0, sizeof *f);
    f->ctx = test_ctx(&f->alloc, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_filters_new(f->ctx, &f->cf), CRJIT_OK);
    assert_int_equal(crjit_filters_new(f->ctx, &f->lf), CRJIT_OK);
    f->env.compile_filters = f->cf;
    f->env.load_filters = f->lf;
    f->env.read_file = read_mem;
    f->env.read_user = &f->rd;
    f->env.extra = host_extra;
    f->env.extra_count = ARRAY_SIZE(host_extra);
    f->env.in_subset = in_subset;
}

static void fx_parse_n(fx *f, const char *text, size_t len)
{
    crjit__xjit_free(f->ctx, &f->out);
    assert_int_equal(crjit__xjit_parse(f->ctx, text, len, &f->env, &f->out),
                     CRJIT_OK);
}

static void fx_parse(fx *f, const char *text)
{
    fx_parse_n(f, text, strlen(text));
}

static void fx_done(fx *f)
{
    crjit__xjit_free(f->ctx, &f->out);
    crjit_filters_free(f->cf);
    crjit_filters_free(f->lf);
    crjit_ctx_free(f->ctx);
    assert_int_equal(f->alloc.live, 0);
}

/* Seal and decide class.name desc. */
static crjit_filter_result decide(crjit_filters *filters, const char *cls,
                                  const char *name, const char *desc)
{
    assert_int_equal(crjit_filters_seal(filters), CRJIT_OK);
    return crjit_filters_decide(filters, cls, strlen(cls), name, strlen(name),
                                desc, strlen(desc));
}

/* Structural invariants of any parse result over len bytes. */
static void check_sane(const crjit__xjit *x, size_t len)
{
    size_t i, prev_end = 0;
    if (x->failed) {
        assert_non_null(x->error);
        assert_true(x->error_offset <= len);
        assert_true(x->error_token_len <= len - x->error_offset);
    } else {
        assert_null(x->error);
    }
    assert_true(x->count <= x->cap);
    for (i = 0; i < x->count; i++) {
        const crjit__xitem *it = &x->items[i];
        assert_non_null(it->name);
        assert_true(it->offset >= prev_end);
        assert_true(it->len >= 1 && it->len <= len - it->offset);
        if (it->value_len != 0) {
            assert_true(it->value_off >= it->offset);
            assert_true(it->value_off + it->value_len <= it->offset + it->len);
        }
        if (x->failed)
            assert_true(it->offset + it->len <= x->error_offset);
        prev_end = it->offset + it->len;
    }
    for (i = 0; i < x->subset_count; i++) {
        const crjit__xsubset *s = &x->subsets[i];
        assert_true(s->kind <= XS_LIMIT);
        assert_true(s->len <= len && s->offset <= len - s->len);
        assert_true(s->inner_off > s->offset);
        assert_true(s->inner_off + s->inner_len < s->offset + s->len);
        if (x->failed)
            assert_true(s->offset + s->len <= x->error_offset);
    }
    for (i = 0; i < x->replaced_count; i++)
        assert_true(x->replaced_at[i] < len);
}

/* ---- parse rows ------------------------------------------------------------------ */

typedef struct exp_item {
    const char *name; /* NULL ends the list */
    int role;
    size_t offset, len;
    size_t value_off, value_len;
    bool negated;
    uint64_t number;
} exp_item;

typedef struct parse_row {
    const char *rule;
    const char *text;
    bool failed;
    size_t error_offset; /* when failed */
    size_t count;        /* items kept */
    size_t subsets;
    exp_item items[3];   /* the first items, in order */
} parse_row;

static void check_row(const parse_row *r, bool in_subset)
{
    fx f;
    size_t i, len = strlen(r->text);
    fx_init(&f, in_subset);
    fx_parse(&f, r->text);
    check_sane(&f.out, len);
    EXPECT_EQ(r->rule, r->text, f.out.failed, r->failed);
    if (r->failed)
        EXPECT_EQ(r->rule, r->text, f.out.error_offset, r->error_offset);
    EXPECT_EQ(r->rule, r->text, f.out.count, r->count);
    EXPECT_EQ(r->rule, r->text, f.out.subset_count, r->subsets);
    for (i = 0; i < ARRAY_SIZE(r->items) && r->items[i].name != NULL &&
                i < f.out.count;
         i++) {
        const exp_item *e = &r->items[i];
        const crjit__xitem *it = &f.out.items[i];
        EXPECT_STR(r->rule, r->text, it->name, e->name);
        EXPECT_EQ(r->rule, r->text, it->role, e->role);
        EXPECT_EQ(r->rule, r->text, it->offset, e->offset);
        EXPECT_EQ(r->rule, r->text, it->len, e->len);
        EXPECT_EQ(r->rule, r->text, it->value_off, e->value_off);
        EXPECT_EQ(r->rule, r->text, it->value_len, e->value_len);
        EXPECT_EQ(r->rule, r->text, it->negated, e->negated);
        EXPECT_EQ(r->rule, r->text, it->number, e->number);
    }
    fx_done(&f);
}

#define ITEM(n, r, o, l) { n, r, o, l, 0, 0, false, 0 }
#define VITEM(n, r, o, l, vo, vl) { n, r, o, l, vo, vl, false, 0 }
#define NITEM(n, r, o, l, vo, vl, num) { n, r, o, l, vo, vl, false, num }

/* D-5 tokenisation. */
static const parse_row tokenise_rows[] = {
    { "D-5 empty string", "", false, 0, 0, 0, { ITEM(NULL, 0, 0, 0) } },
    { "D-5 comma-separated", "disableInlining,count=5,verbose", false, 0, 3, 0,
      { ITEM("disableInlining", XR_PASS, 0, 15),
        NITEM("count=", XR_COUNT, 16, 7, 22, 1, 5),
        ITEM("verbose", XR_VERBOSE, 24, 7) } },
    { "D-5 nested {}()[] in a value", "verbose={a{b}(c)[d]},count=1", false, 0,
      2, 0,
      { VITEM("verbose=", XR_VERBOSE, 0, 20, 8, 12),
        NITEM("count=", XR_COUNT, 21, 7, 27, 1, 1) } },
    { "D-5 commas inside brackets", "log=x(a,b)[c,d]{e,f},count=2", false, 0,
      2, 0,
      { VITEM("log=", XR_LOG, 0, 20, 4, 16),
        NITEM("count=", XR_COUNT, 21, 7, 27, 1, 2) } },
    { "D-5 ! negation", "!disableInlining", false, 0, 1, 0,
      { { "disableInlining", XR_PASS, 0, 16, 0, 0, true, 0 } } },
    { "D-5 ! negation after comma", "count=1,!disableTraps", false, 0, 2, 0,
      { NITEM("count=", XR_COUNT, 0, 7, 6, 1, 1),
        { "disableTraps", XR_DISABLE_TRAPS, 8, 13, 0, 0, true, 0 } } },
    { "D-5 case-insensitive COUNT=", "COUNT=5", false, 0, 1, 0,
      { NITEM("count=", XR_COUNT, 0, 7, 6, 1, 5) } },
    { "D-5 case-insensitive flag", "DISABLEINLINING", false, 0, 1, 0,
      { ITEM("disableInlining", XR_PASS, 0, 15) } },
    { "D-5 longest prefix verbose= not verbose",
      "verbose={compileStart|compileEnd}", false, 0, 1, 0,
      { VITEM("verbose=", XR_VERBOSE, 0, 33, 8, 25) } },
    { "D-5 longest prefix disableInliningOfNatives",
      "disableInliningOfNatives", false, 0, 1, 0,
      { ITEM("disableInliningOfNatives", XR_PASS, 0, 24) } },
    /* The option before a missing separator was processed (reference:
     * processOption runs, then the separator check fails). */
    { "D-5 missing separator", "verbosefoo", true, 7, 1, 0,
      { ITEM("verbose", XR_VERBOSE, 0, 7) } },
    { "D-5 missing separator after items", "count=1,disableInliningZZ", true,
      23, 2, 0, { NITEM("count=", XR_COUNT, 0, 7, 6, 1, 1),
                  ITEM("disableInlining", XR_PASS, 8, 15) } },
    { "D-5 unknown name", "exlude={a/*}", true, 0, 0, 0,
      { ITEM(NULL, 0, 0, 0) } },
    { "D-5 unknown name after items", "count=1,exlude={a/*}", true, 8, 1, 0,
      { NITEM("count=", XR_COUNT, 0, 7, 6, 1, 1) } },
    { "D-5 lone !", "!", true, 0, 0, 0, { ITEM(NULL, 0, 0, 0) } },
    { "D-5 empty token", "count=1,,count=2", true, 8, 1, 0,
      { NITEM("count=", XR_COUNT, 0, 7, 6, 1, 1) } },
    { "D-5 leading comma", ",count=1", true, 0, 0, 0, { ITEM(NULL, 0, 0, 0) } },
    { "D-5 ) at top level", "count=1)", true, 7, 1, 0,
      { NITEM("count=", XR_COUNT, 0, 7, 6, 1, 1) } },
    { "D-5 ) at top level then more", "count=1),count=2", true, 7, 1, 0,
      { NITEM("count=", XR_COUNT, 0, 7, 6, 1, 1) } },
    { "D-5 lone )", ")", true, 0, 0, 0, { ITEM(NULL, 0, 0, 0) } },
    { "D-5 trailing comma", "count=1,", false, 0, 1, 0,
      { NITEM("count=", XR_COUNT, 0, 7, 6, 1, 1) } },
    { "D-5 trailing comma after flag", "disableInlining,", false, 0, 1, 0,
      { ITEM("disableInlining", XR_PASS, 0, 15) } },
    { "D-5 unbalanced value", "verbose={a,count=1", true, 8, 0, 0,
      { ITEM(NULL, 0, 0, 0) } },
    { "D-5 front-end name", "vlog=/tmp/v.log", false, 0, 1, 0,
      { VITEM("vlog=", XR_VLOG, 0, 15, 5, 10) } },
    { "D-5 host-added names", "hostFlag,HOSTVALUE=abc,count=1", false, 0, 3,
      0,
      { ITEM("hostFlag", XR_PASS, 0, 8),
        VITEM("hostValue=", XR_PASS, 9, 13, 19, 3),
        NITEM("count=", XR_COUNT, 23, 7, 29, 1, 1) } },
    { "D-5 host-added name + junk", "hostFlagX", true, 8, 1, 0,
      { ITEM("hostFlag", XR_PASS, 0, 8) } },
    { "D-5 optLevel=<unknown level>", "optLevel=lukewarm", true, 0, 0, 0,
      { ITEM(NULL, 0, 0, 0) } },
};

static void test_tokenise_rows(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(tokenise_rows); i++)
        check_row(&tokenise_rows[i], false);
    rows_ok();
}

/* D.3 roles. */
static const parse_row role_rows[] = {
    { "D.3 count=", "count=12", false, 0, 1, 0,
      { NITEM("count=", XR_COUNT, 0, 8, 6, 2, 12) } },
    { "D.3 bcount=", "bcount=0", false, 0, 1, 0,
      { NITEM("bcount=", XR_BCOUNT, 0, 8, 7, 1, 0) } },
    { "D.3 milcount=", "milcount=7", false, 0, 1, 0,
      { NITEM("milcount=", XR_MILCOUNT, 0, 10, 9, 1, 7) } },
    { "D.3 scount=", "scount=99999999999", false, 0, 1, 0,
      { NITEM("scount=", XR_SCOUNT, 0, 18, 7, 11, 99999999999ull) } },
    { "D.3 count= max", "count=18446744073709551615", false, 0, 1, 0,
      { NITEM("count=", XR_COUNT, 0, 26, 6, 20, UINT64_MAX) } },
    { "D.3 count=abc", "count=abc", true, 6, 0, 0, { ITEM(NULL, 0, 0, 0) } },
    { "D.3 count=5x", "count=5x", true, 7, 0, 0, { ITEM(NULL, 0, 0, 0) } },
    { "D.3 count= empty", "count=", true, 6, 0, 0, { ITEM(NULL, 0, 0, 0) } },
    { "D.3 count= empty then more", "count=,disableInlining", true, 6, 0, 0,
      { ITEM(NULL, 0, 0, 0) } },
    { "D.3 bcount=-1", "bcount=-1", true, 7, 0, 0, { ITEM(NULL, 0, 0, 0) } },
    { "D.3 scount=+1", "disableInlining,scount=+1", true, 23, 1, 0,
      { ITEM("disableInlining", XR_PASS, 0, 15) } },
    { "D.3 disableAsyncCompilation", "disableAsyncCompilation", false, 0, 1,
      0, { ITEM("disableAsyncCompilation", XR_DISABLE_ASYNC, 0, 23) } },
    { "D.3 disableTraps", "disableTraps", false, 0, 1, 0,
      { ITEM("disableTraps", XR_DISABLE_TRAPS, 0, 12) } },
    { "D.3 noResumableTrapHandler", "noResumableTrapHandler", false, 0, 1, 0,
      { ITEM("noResumableTrapHandler", XR_NO_RESUMABLE_TRAP, 0, 22) } },
    { "D.3 enableCodeCacheDisclaiming", "enableCodeCacheDisclaiming", false,
      0, 1, 0,
      { ITEM("enableCodeCacheDisclaiming", XR_CODE_CACHE_DISCLAIM, 0, 26) } },
    { "D.3 dontApplyLogFileNameSuffix", "dontApplyLogFileNameSuffix", false,
      0, 1, 0,
      { ITEM("dontApplyLogFileNameSuffix", XR_NO_LOG_SUFFIX, 0, 26) } },
    { "D.3 vlog=", "vlog=v.log", false, 0, 1, 0,
      { VITEM("vlog=", XR_VLOG, 0, 10, 5, 5) } },
    { "D.3 rtlog=", "rtlog=r.log", false, 0, 1, 0,
      { VITEM("rtlog=", XR_RTLOG, 0, 11, 6, 5) } },
    { "D.3 log=", "log=l.txt", false, 0, 1, 0,
      { VITEM("log=", XR_LOG, 0, 9, 4, 5) } },
    { "D.3 verbose", "verbose", false, 0, 1, 0,
      { ITEM("verbose", XR_VERBOSE, 0, 7) } },
    { "D.3 verbose={...}", "verbose={compileStart}", false, 0, 1, 0,
      { VITEM("verbose=", XR_VERBOSE, 0, 22, 8, 14) } },
    { "D.3 optLevel=hot", "optLevel=hot", false, 0, 1, 0,
      { ITEM("optLevel=hot", XR_OPTLEVEL, 0, 12) } },
    { "D.3 optLevel=HOT (case)", "OPTLEVEL=HOT", false, 0, 1, 0,
      { ITEM("optLevel=hot", XR_OPTLEVEL, 0, 12) } },
    { "D.3 optLevel=cold/warm/veryHot", "optLevel=cold,optLevel=warm,"
      "optLevel=veryHot", false, 0, 3, 0,
      { ITEM("optLevel=cold", XR_OPTLEVEL, 0, 13),
        ITEM("optLevel=warm", XR_OPTLEVEL, 14, 13),
        ITEM("optLevel=veryHot", XR_OPTLEVEL, 28, 16) } },
    { "D.3 optLevel=scorching/noOpt", "optLevel=scorching,optLevel=noOpt",
      false, 0, 2, 0,
      { ITEM("optLevel=scorching", XR_OPTLEVEL, 0, 18),
        ITEM("optLevel=noOpt", XR_OPTLEVEL, 19, 14) } },
    { "D.3 other name: XR_PASS", "disableInlining", false, 0, 1, 0,
      { ITEM("disableInlining", XR_PASS, 0, 15) } },
    { "D.3 other name with value: XR_PASS", "bcLimit=100", false, 0, 1, 0,
      { VITEM("bcLimit=", XR_PASS, 0, 11, 8, 3) } },
    { "D.3 exclude=", "exclude={a/*}", false, 0, 1, 0,
      { VITEM("exclude=", XR_EXCLUDE, 0, 13, 8, 5) } },
    { "D.3 limit=", "limit={a/*}", false, 0, 1, 0,
      { VITEM("limit=", XR_LIMIT, 0, 11, 6, 5) } },
    { "D.3 loadExclude=", "loadExclude={a/*}", false, 0, 1, 0,
      { VITEM("loadExclude=", XR_LOAD_EXCLUDE, 0, 17, 12, 5) } },
    { "D.3 loadLimit=", "loadLimit={a/*}", false, 0, 1, 0,
      { VITEM("loadLimit=", XR_LOAD_LIMIT, 0, 15, 10, 5) } },
    { "D.3 limitfile=", "limitfile=lf1", false, 0, 1, 0,
      { VITEM("limitfile=", XR_LIMITFILE, 0, 13, 10, 3) } },
    { "D-5 limitFile= resolves to limitfile=", "limitFile=lf1", false, 0, 1,
      0, { VITEM("limitfile=", XR_LIMITFILE, 0, 13, 10, 3) } },
    { "D.3 loadLimitFile=", "loadLimitFile=lf1", false, 0, 1, 0,
      { VITEM("loadLimitFile=", XR_LOAD_LIMITFILE, 0, 17, 14, 3) } },
};

static void test_role_rows(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(role_rows); i++)
        check_row(&role_rows[i], false);
    rows_ok();
}

/* Inside a subset (env.in_subset, the caller's step 3 of D-4). */
static const parse_row in_subset_rows[] = {
    { "D-5 subset stops at )", "count=1,disableInlining)", false, 0, 2, 0,
      { NITEM("count=", XR_COUNT, 0, 7, 6, 1, 1),
        ITEM("disableInlining", XR_PASS, 8, 15) } },
    { "D-5 front-end option rejected in subset", "count=1,exclude={a/*})",
      true, 8, 1, 0, { NITEM("count=", XR_COUNT, 0, 7, 6, 1, 1) } },
    { "D-5 not-in-subset option rejected", "dontApplyLogFileNameSuffix)",
      true, 0, 0, 0, { ITEM(NULL, 0, 0, 0) } },
    { "D-5 no nested subsets", "{a}(count=1))", true, 0, 0, 0,
      { ITEM(NULL, 0, 0, 0) } },
};

static void test_in_subset_rows(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(in_subset_rows); i++)
        check_row(&in_subset_rows[i], true);
    rows_ok();
}

/* ---- lookup and suggestions ---------------------------------------------------- */

typedef struct lookup_row {
    const char *rule;
    const char *text;
    bool front_end;
    const char *want; /* NULL: CRJIT_NPOS */
} lookup_row;

static const lookup_row lookup_rows[] = {
    { "D-5 limitFile= -> limitfile=", "limitFile=x.txt", true, "limitfile=" },
    { "D-5 COUNT=5 -> count=", "COUNT=5", false, "count=" },
    { "D-5 verbose={..} -> verbose=", "verbose={compileStart|compileEnd}",
      true, "verbose=" },
    { "D-5 verbose -> verbose", "verbose", true, "verbose" },
    { "D-5 verbosefoo -> verbose", "verbosefoo", true, "verbose" },
    { "D-5 exclude= is front-end only", "exclude={a}", false, NULL },
    { "D-5 exclude= front-end", "EXCLUDE={a}", true, "exclude=" },
    { "D-5 count= is not front-end", "count=1", true, NULL },
    { "D-5 optLevel=hot whole name", "optlevel=hot,count=1", false,
      "optLevel=hot" },
    { "D-5 empty", "", false, NULL },
    { "D-5 unknown", "exlude=", true, NULL },
};

static void test_lookup_rows(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(lookup_rows); i++) {
        const lookup_row *r = &lookup_rows[i];
        size_t idx = crjit__xjit_lookup(r->text, strlen(r->text), r->front_end);
        if (r->want == NULL) {
            EXPECT_EQ(r->rule, r->text, idx, CRJIT_NPOS);
        } else {
            EXPECT_TRUE(r->rule, r->text, idx != CRJIT_NPOS);
            EXPECT_STR(r->rule, r->text, crjit__xjit_options[idx].name,
                       r->want);
        }
    }
    rows_ok();
}

/* The table: 1281 names, sorted case-insensitively. */
static int ci_compare(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = (*a >= 'A' && *a <= 'Z') ? *a + 32 : *a;
        int y = (*b >= 'A' && *b <= 'Z') ? *b + 32 : *b;
        if (x != y || x == 0)
            return x - y;
    }
}

static void test_table(void **state)
{
    size_t i;
    (void)state;
    assert_int_equal(crjit__xjit_option_count, 1281);
    for (i = 0; i < crjit__xjit_option_count; i++) {
        assert_non_null(crjit__xjit_options[i].name);
        assert_true(crjit__xjit_options[i].name[0] != '\0');
        assert_true(crjit__xjit_options[i].kind <= CRJIT__XK_OTHER);
        assert_true(crjit__xjit_options[i].source <= CRJIT__XS_J9);
        if (i > 0)
            assert_true(ci_compare(crjit__xjit_options[i - 1].name,
                                   crjit__xjit_options[i].name) <= 0);
    }
}

typedef struct suggest_row {
    const char *rule;
    const char *token;
    const char *want; /* must be among the suggestions */
} suggest_row;

static const suggest_row suggest_rows[] = {
    { "D-5 exlude= -> exclude=", "exlude=", "exclude=" },
    { "D-5 exlude -> exclude=", "exlude", "exclude=" },
    { "D-5 dissableInlining", "dissableInlining", "disableInlining" },
    { "D-5 verbos", "verbos", "verbose" },
    { "D-5 limitfle=", "limitfle=", "limitfile=" },
};

static void test_suggest_rows(void **state)
{
    size_t i, k, n;
    const char *out[4];
    (void)state;
    for (i = 0; i < ARRAY_SIZE(suggest_rows); i++) {
        const suggest_row *r = &suggest_rows[i];
        bool found = false;
        n = crjit__xjit_suggest(r->token, strlen(r->token), out, 4);
        EXPECT_TRUE(r->rule, r->token, n >= 1 && n <= 4);
        for (k = 0; k < n; k++)
            if (strcmp(out[k], r->want) == 0)
                found = true;
        EXPECT_TRUE(r->rule, r->token, found);
    }
    rows_ok();
    /* max is honoured; a hopeless token gets nothing. */
    n = crjit__xjit_suggest("exlude=", 7, out, 1);
    assert_int_equal(n, 1);
    n = crjit__xjit_suggest("exlude=", 7, out, 0);
    assert_int_equal(n, 0);
    n = crjit__xjit_suggest("qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq", 45,
                            out, 4);
    assert_int_equal(n, 0);
}

/* The unknown-name error of the parser and the suggestion for its token. */
static void test_unknown_suggests(void **state)
{
    fx f;
    const char *out[4];
    const char *text = "count=1,exlude={a/*},count=2";
    size_t n, k;
    bool found = false;
    (void)state;
    fx_init(&f, false);
    fx_parse(&f, text);
    assert_true(f.out.failed);
    assert_int_equal(f.out.error_offset, 8);
    assert_int_equal(f.out.error_token_len, 12); /* the whole token */
    n = crjit__xjit_suggest(text + f.out.error_offset, 7, out, 4);
    for (k = 0; k < n; k++)
        if (strcmp(out[k], "exclude=") == 0)
            found = true;
    assert_true(found);
    fx_done(&f);
}

/* ---- option subsets (D-5, D-26) ------------------------------------------------- */

typedef struct exp_subset {
    int kind;
    size_t offset, len, inner_off, inner_len;
} exp_subset;

typedef struct subset_row {
    const char *rule;
    const char *text;
    bool failed;
    size_t error_offset;
    size_t count;
    size_t nsub;
    exp_subset sub[2];
} subset_row;

static const subset_row subset_rows[] = {
    { "D-5 {re}(...)", "{java/lang/*}(count=0)", false, 0, 0, 1,
      { { XS_REGEX, 0, 22, 14, 7 } } },
    { "D-5 {re}{level}(...)", "{re}{hot}(count=1)", false, 0, 0, 1,
      { { XS_REGEX, 0, 18, 10, 7 } } },
    { "D-5 [m](...)", "[3](count=2)", false, 0, 0, 1,
      { { XS_RANGE, 0, 12, 4, 7 } } },
    { "D-5 [m,n](...)", "[2,5](disableInlining)", false, 0, 0, 1,
      { { XS_RANGE, 0, 22, 6, 15 } } },
    { "D-5 ifExcluded(...)", "ifExcluded(count=3)", false, 0, 0, 1,
      { { XS_IF_EXCLUDED, 0, 19, 11, 7 } } },
    { "D-5 IFEXCLUDED(...) case", "IFEXCLUDED(count=3)", false, 0, 0, 1,
      { { XS_IF_EXCLUDED, 0, 19, 11, 7 } } },
    { "D-5 N(...)", "1(count=4)", false, 0, 0, 1,
      { { XS_INDEX, 0, 10, 2, 7 } } },
    { "D-26 limit={re}(...)", "limit={a/B.*}(optLevel=hot)", false, 0, 1, 1,
      { { XS_LIMIT, 0, 27, 14, 12 } } },
    { "D-5 nested brackets inside a subset",
      "{a}(verbose={x(y)},count=1),count=2", false, 0, 1, 1,
      { { XS_REGEX, 0, 27, 4, 22 } } },
    { "D-5 subsets between items",
      "count=1,{a}(count=2),[1,2](count=3),count=4", false, 0, 2, 2,
      { { XS_REGEX, 8, 12, 12, 7 }, { XS_RANGE, 21, 14, 27, 7 } } },
    { "D-5 empty subset", "{a}()", false, 0, 0, 1,
      { { XS_REGEX, 0, 5, 4, 0 } } },
    { "D-5 unclosed {re}(", "{a}(count=1", true, 3, 0, 0, { { 0, 0, 0, 0, 0 } } },
    { "D-5 unclosed [m](", "count=1,[2](count=1", true, 11, 1, 0,
      { { 0, 0, 0, 0, 0 } } },
    { "D-5 unclosed ifExcluded(", "ifExcluded(", true, 10, 0, 0,
      { { 0, 0, 0, 0, 0 } } },
    { "D-26 unclosed limit={re}(", "limit={a/*}(count=1", true, 11, 1, 0,
      { { 0, 0, 0, 0, 0 } } },
    { "D-5 [](...) is no subset", "[](count=1)", true, 0, 0, 0,
      { { 0, 0, 0, 0, 0 } } },
    { "D-5 {re} without (...)", "{a}", true, 0, 0, 0, { { 0, 0, 0, 0, 0 } } },
    { "D-5 junk after a subset", "{a}(count=1)x", true, 12, 0, 1,
      { { XS_REGEX, 0, 12, 4, 7 } } },
    { "D-5 ) after a subset", "{a}(count=1))", true, 12, 0, 1,
      { { XS_REGEX, 0, 12, 4, 7 } } },
};

static void test_subset_rows(void **state)
{
    size_t i, k;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(subset_rows); i++) {
        const subset_row *r = &subset_rows[i];
        fx f;
        fx_init(&f, false);
        fx_parse(&f, r->text);
        check_sane(&f.out, strlen(r->text));
        EXPECT_EQ(r->rule, r->text, f.out.failed, r->failed);
        if (r->failed)
            EXPECT_EQ(r->rule, r->text, f.out.error_offset, r->error_offset);
        EXPECT_EQ(r->rule, r->text, f.out.count, r->count);
        EXPECT_EQ(r->rule, r->text, f.out.subset_count, r->nsub);
        for (k = 0; k < r->nsub && k < f.out.subset_count; k++) {
            const crjit__xsubset *s = &f.out.subsets[k];
            EXPECT_EQ(r->rule, r->text, s->kind, r->sub[k].kind);
            EXPECT_EQ(r->rule, r->text, s->offset, r->sub[k].offset);
            EXPECT_EQ(r->rule, r->text, s->len, r->sub[k].len);
            EXPECT_EQ(r->rule, r->text, s->inner_off, r->sub[k].inner_off);
            EXPECT_EQ(r->rule, r->text, s->inner_len, r->sub[k].inner_len);
        }
        fx_done(&f);
    }
    rows_ok();
}

/* A subset's inner options are only collected: nothing in them applies at
 * the top level; limit={re}(...) adds its filter (D-23, D-26). */
static void test_subset_inner_not_applied(void **state)
{
    fx f;
    (void)state;
    fx_init(&f, false);
    fx_parse(&f, "{a/*}(exclude={b/*},count=9),[1](limit={c/*})");
    assert_false(f.out.failed);
    assert_int_equal(f.out.count, 0);
    assert_int_equal(f.out.subset_count, 2);
    assert_int_equal(crjit__filters_count(f.cf), 0);
    assert_int_equal(decide(f.cf, "b/B", "m", "()V"), CRJIT_FILTER_ALLOWED);
    assert_int_equal(decide(f.cf, "x/X", "m", "()V"), CRJIT_FILTER_ALLOWED);

    fx_parse(&f, "limit={a/B.*}(optLevel=hot)");
    assert_false(f.out.failed);
    assert_int_equal(f.out.count, 1);
    assert_int_equal(f.out.items[0].role, XR_LIMIT);
    assert_int_equal(f.out.items[0].value_off, 6);
    assert_int_equal(f.out.items[0].value_len, 7);
    assert_int_equal(f.out.subset_count, 1);
    assert_int_equal(f.out.subsets[0].kind, XS_LIMIT);
    assert_int_equal(decide(f.cf, "a/B", "c", "()V"), CRJIT_FILTER_ALLOWED);
    assert_int_equal(decide(f.cf, "x/Y", "z", "()V"), CRJIT_FILTER_EXCLUDED);
    fx_done(&f);
}

/* ---- D-6 / DV-6: partial application --------------------------------------------- */

static void test_partial_application(void **state)
{
    fx f;
    const char *text = "exclude={a/A.*},disableInlining,{s/*}(count=1),"
                       "loadExclude={l/*},bogus,exclude={b/B.*},count=3,"
                       "[1](count=2),loadExclude={m/*}";
    (void)state;
    fx_init(&f, false);
    fx_parse(&f, text);
    check_sane(&f.out, strlen(text));
    assert_true(f.out.failed);
    assert_int_equal(f.out.error_offset, 65); /* "bogus" */
    assert_int_equal(f.out.error_token_len, 5);
    assert_int_equal(f.out.count, 3);
    assert_string_equal(f.out.items[0].name, "exclude=");
    assert_string_equal(f.out.items[1].name, "disableInlining");
    assert_string_equal(f.out.items[2].name, "loadExclude=");
    assert_int_equal(f.out.subset_count, 1); /* collected, not applied */
    assert_int_equal(f.out.subsets[0].offset, 32);
    /* Filters before the error took effect; nothing after it did. */
    assert_int_equal(crjit__filters_count(f.cf), 1);
    assert_int_equal(crjit__filters_count(f.lf), 1);
    assert_int_equal(decide(f.cf, "a/A", "m", "()V"), CRJIT_FILTER_EXCLUDED);
    assert_int_equal(decide(f.cf, "b/B", "m", "()V"), CRJIT_FILTER_ALLOWED);
    assert_int_equal(decide(f.lf, "l/L", "m", "()V"), CRJIT_FILTER_EXCLUDED);
    assert_int_equal(decide(f.lf, "m/M", "m", "()V"), CRJIT_FILTER_ALLOWED);

    /* A bad filter stops parsing as well; the earlier filter stays. */
    fx_parse(&f, "count=4,exclude={z/*},exclude={},exclude={y/*},count=5");
    assert_true(f.out.failed);
    assert_int_equal(f.out.count, 2);
    assert_int_equal(f.out.items[0].number, 4);
    assert_int_equal(decide(f.cf, "z/Z", "m", "()V"), CRJIT_FILTER_EXCLUDED);
    assert_int_equal(decide(f.cf, "y/Y", "m", "()V"), CRJIT_FILTER_ALLOWED);
    fx_done(&f);
}

/* ---- filters: stores, default-exclude, DV-14, DV-15, bad regex ------------------ */

typedef struct decide_exp {
    int store; /* 0 compile, 1 load; -1 ends */
    const char *cls, *name, *desc;
    crjit_filter_result want;
} decide_exp;

typedef struct filter_row {
    const char *rule;
    const char *text;
    bool failed;
    size_t err_lo, err_hi; /* error offset in [lo, hi] */
    size_t count;
    size_t compile_filters, load_filters;
    size_t replaced; /* replaced_count */
    size_t replaced_at0;
    decide_exp d[5];
} filter_row;

#define ALLOW CRJIT_FILTER_ALLOWED
#define EXCL CRJIT_FILTER_EXCLUDED
#define DEND { -1, NULL, NULL, NULL, ALLOW }

static const filter_row filter_rows[] = {
    { "D.3 exclude= -> compile filters", "exclude={java/lang/String.*}", false,
      0, 0, 1, 1, 0, 0, 0,
      { { 0, "java/lang/String", "hashCode", "()I", EXCL },
        { 0, "java/lang/Object", "hashCode", "()I", ALLOW },
        { 1, "java/lang/String", "hashCode", "()I", ALLOW }, DEND } },
    { "D-23 limit= -> compile filters, default-exclude", "limit={a/B.*}",
      false, 0, 0, 1, 1, 0, 0, 0,
      { { 0, "a/B", "c", "()V", ALLOW },
        { 0, "x/Y", "z", "()V", EXCL },
        { 1, "x/Y", "z", "()V", ALLOW }, DEND } },
    { "D.3 loadExclude= -> load filters", "loadExclude={a/*}", false, 0, 0, 1,
      0, 1, 0, 0,
      { { 1, "a/B", "c", "()V", EXCL },
        { 1, "b/B", "c", "()V", ALLOW },
        { 0, "a/B", "c", "()V", ALLOW }, DEND } },
    { "D.3 loadLimit= -> load filters, default-exclude", "loadLimit={a/*}",
      false, 0, 0, 1, 0, 1, 0, 0,
      { { 1, "a/B", "c", "()V", ALLOW },
        { 1, "b/B", "c", "()V", EXCL },
        { 0, "b/B", "c", "()V", ALLOW }, DEND } },
    { "D-23 exclude then limit", "exclude={a/B.c()V},limit={a/*}", false, 0,
      0, 2, 2, 0, 0, 0,
      { { 0, "a/B", "c", "()V", ALLOW }, /* newest regex first (D-24) */
        { 0, "a/B", "d", "()V", ALLOW },
        { 0, "b/B", "c", "()V", EXCL }, DEND } },
    { "DV-15 exact triple", "exclude=java/lang/String.hashCode()I,count=1",
      false, 0, 0, 2, 1, 0, 0, 0,
      { { 0, "java/lang/String", "hashCode", "()I", EXCL },
        { 0, "java/lang/String", "hashCode", "()J", ALLOW },
        { 0, "java/lang/Strin", "hashCode", "()I", ALLOW },
        { 0, "x/String", "hashCode", "()I", ALLOW },
        { 0, "java/lang/String", "hashCod", "()I", ALLOW } } },
    { "D-22 name(desc) form", "exclude=hashCode()I", false, 0, 0, 1, 1, 0, 0,
      0,
      { { 0, "java/lang/String", "hashCode", "()I", EXCL },
        { 0, "a/B", "hashCode", "()I", EXCL },
        { 0, "a/B", "hashCode", "()J", ALLOW }, DEND } },
    { "D-22 name form", "exclude=hashCode", false, 0, 0, 1, 1, 0, 0, 0,
      { { 0, "a/B", "hashCode", "()I", EXCL },
        { 0, "a/B", "hashCode", "(I)J", EXCL },
        { 0, "a/B", "equals", "()Z", ALLOW }, DEND } },
    { "DV-14 same-key name filter replaces", "exclude=a/B.c()V,limit=a/B.c()V",
      false, 0, 0, 2, 2, 0, 1, 23,
      { { 0, "a/B", "c", "()V", ALLOW }, { 0, "a/B", "d", "()V", EXCL },
        DEND } },
    { "DV-14 same-key name filter, same type", "exclude=m()V,exclude=m()V",
      false, 0, 0, 2, 2, 0, 1, 21,
      { { 0, "a/B", "m", "()V", EXCL }, DEND } },
    { "DV-14 regex filters are not replaced", "exclude={a/*},exclude={a/*}",
      false, 0, 0, 2, 2, 0, 0, 0, { { 0, "a/B", "m", "()V", EXCL }, DEND } },
    { "DV-14 different keys", "exclude=a/B.c()V,exclude=a/B.c()I", false, 0,
      0, 2, 2, 0, 0, 0, { { 0, "a/B", "c", "()I", EXCL }, DEND } },
    { "D-21 bad regex {}", "count=1,exclude={}", true, 16, 17, 1, 0, 0, 0, 0,
      { DEND } },
    { "D-21 bad regex [z-a]", "exclude={[z-a]}", true, 9, 12, 0, 0, 0, 0, 0,
      { DEND } },
    { "D-21 bad regex [^ unclosed", "exclude={a[^b}", true, 9, 11, 0, 0, 0, 0,
      0, { DEND } },
    { "D-21 unclosed {", "exclude={abc", true, 8, 8, 0, 0, 0, 0, 0,
      { DEND } },
    { "D-21 empty exclude=", "exclude=", true, 8, 8, 0, 0, 0, 0, 0, { DEND } },
    { "D-21 empty exclude= then more", "exclude=,count=1", true, 8, 8, 0, 0, 0,
      0, 0, { DEND } },
    { "D-5 text after a brace filter", "exclude={a/*}x", true, 13, 13, 1, 1,
      0, 0, 0, { { 0, "a/B", "c", "()V", EXCL }, DEND } },
    { "D-21 bad loadExclude regex", "exclude={a/*},loadExclude={}", true, 26,
      27, 1, 1, 0, 0, 0, { { 0, "a/B", "m", "()V", EXCL }, DEND } },
};

static void test_filter_rows(void **state)
{
    size_t i, k;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(filter_rows); i++) {
        const filter_row *r = &filter_rows[i];
        fx f;
        fx_init(&f, false);
        fx_parse(&f, r->text);
        check_sane(&f.out, strlen(r->text));
        EXPECT_EQ(r->rule, r->text, f.out.failed, r->failed);
        if (r->failed) {
            EXPECT_TRUE(r->rule, r->text, f.out.error_offset >= r->err_lo);
            EXPECT_TRUE(r->rule, r->text, f.out.error_offset <= r->err_hi);
        }
        EXPECT_EQ(r->rule, r->text, f.out.count, r->count);
        EXPECT_EQ(r->rule, r->text, crjit__filters_count(f.cf),
                  r->compile_filters);
        EXPECT_EQ(r->rule, r->text, crjit__filters_count(f.lf),
                  r->load_filters);
        EXPECT_EQ(r->rule, r->text, f.out.replaced_count, r->replaced);
        if (r->replaced > 0 && f.out.replaced_count > 0)
            EXPECT_EQ(r->rule, r->text, f.out.replaced_at[0], r->replaced_at0);
        for (k = 0; k < ARRAY_SIZE(r->d) && r->d[k].store >= 0; k++) {
            const decide_exp *d = &r->d[k];
            crjit_filter_result got =
                decide(d->store == 0 ? f.cf : f.lf, d->cls, d->name, d->desc);
            if (got != d->want) {
                print_error("[%s] \"%s\": %s store, %s.%s%s decided %d, "
                            "expected %d\n",
                            r->rule, r->text,
                            d->store == 0 ? "compile" : "load", d->cls,
                            d->name, d->desc, (int)got, (int)d->want);
                row_failures++;
            }
        }
        fx_done(&f);
    }
    rows_ok();
}

/* DV-15: the value is the exact triple text, and the rest still parses. */
static void test_dv15_value_extent(void **state)
{
    fx f;
    (void)state;
    fx_init(&f, false);
    fx_parse(&f, "exclude=java/lang/String.hashCode()I,disableInlining");
    assert_false(f.out.failed);
    assert_int_equal(f.out.count, 2);
    assert_int_equal(f.out.items[0].value_off, 8);
    assert_int_equal(f.out.items[0].value_len, 28);
    assert_string_equal(f.out.items[1].name, "disableInlining");
    assert_int_equal(f.out.items[1].offset, 37);
    fx_done(&f);
}

/* Without stores the filter options still parse (env stores may be NULL). */
static void test_null_stores(void **state)
{
    fx f;
    (void)state;
    fx_init(&f, false);
    f.env.compile_filters = NULL;
    f.env.load_filters = NULL;
    fx_parse(&f, "exclude={a/*},limit={b/*},loadExclude=x,limitfile=lf1,"
                 "loadLimitFile=(lf1,2,3),count=1");
    assert_false(f.out.failed);
    assert_int_equal(f.out.count, 6);
    fx_done(&f);
}

/* ---- D-27 limitfile ---------------------------------------------------------------- */

typedef struct limitfile_row {
    const char *rule;
    const char *text;
    bool use_reader;
    bool failed;
    size_t error_offset;
    size_t count;
    size_t compile_filters, load_filters;
    decide_exp d[7];
} limitfile_row;

static const limitfile_row limitfile_rows[] = {
    { "D-27 limitfile=name", "limitfile=lf1", true, false, 0, 1, 5, 0,
      { { 0, "java/lang/String", "hashCode", "()I", ALLOW },
        { 0, "a/B", "c", "()V", EXCL },
        { 0, "x/Y", "z", "()V", ALLOW },
        { 0, "p/Q", "r", "()V", EXCL },
        { 0, "k/K", "k", "()V", ALLOW },
        { 0, "o/O", "o", "()V", EXCL }, /* D-23 default-exclude */
        { 1, "o/O", "o", "()V", ALLOW } } },
    { "D-27 limitFile= (case)", "limitFile=lf1,count=2", true, false, 0, 2, 5,
      0, { { 0, "k/K", "k", "()V", ALLOW }, { 0, "o/O", "o", "()V", EXCL },
           DEND } },
    { "D-27 range (name,2,3)", "limitfile=(lf1,2,3)", true, false, 0, 1, 2, 0,
      { { 0, "java/lang/String", "hashCode", "()I", ALLOW },
        { 0, "a/B", "c", "()V", EXCL },
        { 0, "x/Y", "z", "()V", EXCL }, /* line 4: outside */
        { 0, "k/K", "k", "()V", EXCL }, /* line 8: outside */
        DEND } },
    { "D-27 range (name,4,8)", "limitfile=(lf1,4,8),disableInlining", true,
      false, 0, 2, 3, 0,
      { { 0, "java/lang/String", "hashCode", "()I", EXCL },
        { 0, "x/Y", "z", "()V", ALLOW },
        { 0, "p/Q", "r", "()V", EXCL },
        { 0, "k/K", "k", "()V", ALLOW }, DEND } },
    { "D-27 range beyond the file", "limitfile=(lf1,8,100)", true, false, 0, 1,
      1, 0, { { 0, "k/K", "k", "()V", ALLOW }, { 0, "a/B", "z", "()V", EXCL },
              DEND } },
    { "D-23 range with no filter line still default-exclude",
      "limitfile=(lf1,1,1)", true, false, 0, 1, 0, 0,
      { { 0, "a/B", "c", "()V", EXCL }, DEND } },
    { "D-23 empty file still default-exclude", "limitfile=empty", true, false,
      0, 1, 0, 0, { { 0, "a/B", "c", "()V", EXCL }, DEND } },
    { "D-27 CRLF lines", "limitfile=crlf", true, false, 0, 1, 2, 0,
      { { 0, "a/A", "a", "()V", ALLOW }, { 0, "b/B", "b", "()V", EXCL },
        DEND } },
    { "D-27 loadLimitFile= -> load filters", "loadLimitFile=lf1", true, false,
      0, 1, 0, 5,
      { { 1, "k/K", "k", "()V", ALLOW }, { 1, "o/O", "o", "()V", EXCL },
        { 0, "o/O", "o", "()V", ALLOW }, DEND } },
    { "D-27 malformed line outside the range", "limitfile=(bad_line2,1,1)",
      true, false, 0, 1, 1, 0, { { 0, "a/A", "a", "()V", ALLOW }, DEND } },
    { "D-27 unreadable file", "count=1,limitfile=nosuch,count=2", true, true,
      18, 1, 0, 0, { { 0, "o/O", "o", "()V", ALLOW }, DEND } },
    { "D-27 no reader", "limitfile=lf1", false, true, 10, 0, 0, 0,
      { { 0, "o/O", "o", "()V", ALLOW }, DEND } },
    { "D-27 malformed + line (no space)", "limitfile=bad_nospace,count=1",
      true, true, 10, 0, 1, 0, { DEND } },
    { "D-27 malformed + line (digit, no space)", "limitfile=bad_digit", true,
      true, 10, 0, 0, 0, { DEND } },
    { "D-27 malformed + line (hotness, no space)", "limitfile=bad_hot", true,
      true, 10, 0, 0, 0, { DEND } },
    { "D-27 malformed + line (no method)", "limitfile=bad_empty", true, true,
      10, 0, 0, 0, { DEND } },
    { "D-27 malformed line inside the range", "limitfile=(bad_line2,1,3)",
      true, true, 10, 0, 1, 0, { DEND } },
    { "D-27 bad range text x", "limitfile=(lf1,x,3)", true, true, 10, 0, 0, 0,
      { DEND } },
    { "D-27 bad range: one number", "limitfile=(lf1,2)", true, true, 10, 0, 0,
      0, { DEND } },
    { "D-27 bad range: no numbers", "limitfile=(lf1)", true, true, 10, 0, 0, 0,
      { DEND } },
    { "D-27 bad range: empty last", "limitfile=(lf1,2,)", true, true, 10, 0, 0,
      0, { DEND } },
    { "D-27 bad range: junk after )", "limitfile=(lf1,2,3)x", true, true, 10,
      0, 0, 0, { DEND } },
    { "D-27 bad range: negative", "limitfile=(lf1,-1,3)", true, true, 10, 0,
      0, 0, { DEND } },
};

static void test_limitfile_rows(void **state)
{
    size_t i, k;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(limitfile_rows); i++) {
        const limitfile_row *r = &limitfile_rows[i];
        fx f;
        fx_init(&f, false);
        if (!r->use_reader)
            f.env.read_file = NULL;
        fx_parse(&f, r->text);
        check_sane(&f.out, strlen(r->text));
        EXPECT_EQ(r->rule, r->text, f.out.failed, r->failed);
        if (r->failed)
            EXPECT_EQ(r->rule, r->text, f.out.error_offset, r->error_offset);
        EXPECT_EQ(r->rule, r->text, f.out.count, r->count);
        EXPECT_EQ(r->rule, r->text, crjit__filters_count(f.cf),
                  r->compile_filters);
        EXPECT_EQ(r->rule, r->text, crjit__filters_count(f.lf),
                  r->load_filters);
        for (k = 0; k < ARRAY_SIZE(r->d) && r->d[k].store >= 0; k++) {
            const decide_exp *d = &r->d[k];
            crjit_filter_result got =
                decide(d->store == 0 ? f.cf : f.lf, d->cls, d->name, d->desc);
            if (got != d->want) {
                print_error("[%s] \"%s\": %s store, %s.%s%s decided %d, "
                            "expected %d\n",
                            r->rule, r->text,
                            d->store == 0 ? "compile" : "load", d->cls,
                            d->name, d->desc, (int)got, (int)d->want);
                row_failures++;
            }
        }
        fx_done(&f);
    }
    rows_ok();
}

/* The reader is asked for exactly the file name, once per option. */
static void test_limitfile_reader_calls(void **state)
{
    fx f;
    (void)state;
    fx_init(&f, false);
    fx_parse(&f, "limitfile=(lf1,1,2),loadLimitFile=crlf");
    assert_false(f.out.failed);
    assert_int_equal(f.rd.reads, 2);
    assert_int_equal(f.out.items[0].value_off, 10);
    assert_int_equal(f.out.items[0].value_len, 9);
    assert_int_equal(crjit__filters_count(f.cf), 1);
    assert_int_equal(crjit__filters_count(f.lf), 2);
    fx_done(&f);
}

/* ---- bad input: bounded time, never a crash ------------------------------------------ */

static char *repeat(const char *head, char c, size_t n, const char *tail)
{
    size_t hl = strlen(head), tl = strlen(tail);
    char *p = malloc(hl + n + tl + 1);
    assert_non_null(p);
    memcpy(p, head, hl);
    memset(p + hl, c, n);
    memcpy(p + hl + n, tail, tl + 1);
    return p;
}

#define DEEP ((size_t)100000)

typedef struct deep_row {
    const char *rule;
    const char *head;
    char fill;
    const char *tail;
    bool any;    /* only the invariants are checked */
    bool failed;
    size_t error_offset;
    size_t count;
} deep_row;

static const deep_row deep_rows[] = {
    { "D-5 deep verbose={{{", "verbose=", '{', "", false, true, 8, 0 },
    { "D-5 deep verbose=(((", "count=1,verbose=", '(', "", false, true, 16, 1 },
    { "D-21 deep exclude={[[[", "exclude={", '[', "", false, true, 8, 0 },
    { "D-21 deep exclude={[[[}", "exclude={", '[', "}", false, false, 0, 1 },
    { "D-5 deep N(((", "count=1,1", '(', "", false, true, 9, 1 },
    { "D-5 deep {re}(((", "{a}", '(', "", false, true, 3, 0 },
    { "D-5 deep {re}{{{", "{a}", '{', "(", false, true, 0, 0 },
    { "D-26 deep limit={re}(((", "limit={a/*}", '(', "", false, true, 11, 1 },
    { "D-5 many !", "", '!', "", false, true, 0, 0 },
    { "D-5 many ,", "count=1", ',', "", false, true, 8, 1 },
    { "D-5 many )", "count=1", ')', "", false, true, 7, 1 },
    { "D-5 many ]", "verbose=", ']', "", false, false, 0, 1 },
    { "D-5 long name-like token", "", 'a', "", false, true, 0, 0 },
    { "D.3 long count value", "count=", '9', "", true, false, 0, 1 },
};

static void test_deep_rows(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(deep_rows); i++) {
        const deep_row *r = &deep_rows[i];
        char *s = repeat(r->head, r->fill, DEEP, r->tail);
        size_t len = strlen(s);
        fx f;
        fx_init(&f, false);
        fx_parse_n(&f, s, len);
        check_sane(&f.out, len);
        if (!r->any) {
            EXPECT_EQ(r->rule, r->head, f.out.failed, r->failed);
            if (r->failed)
                EXPECT_EQ(r->rule, r->head, f.out.error_offset,
                          r->error_offset);
            EXPECT_EQ(r->rule, r->head, f.out.count, r->count);
        }
        fx_done(&f);
        free(s);
    }
    rows_ok();
}

/* Balanced 10^5-deep nesting is one value. */
static void test_deep_balanced(void **state)
{
    size_t n = DEEP, len = 8 + 2 * n + 8, i;
    char *s = malloc(len + 1);
    fx f;
    (void)state;
    assert_non_null(s);
    memcpy(s, "verbose=", 8);
    for (i = 0; i < n; i++) {
        s[8 + i] = "{(["[i % 3];
        s[8 + 2 * n - 1 - i] = "})]"[i % 3];
    }
    memcpy(s + 8 + 2 * n, ",count=3", 8);
    s[len] = '\0';
    fx_init(&f, false);
    fx_parse_n(&f, s, len);
    check_sane(&f.out, len);
    assert_false(f.out.failed);
    assert_int_equal(f.out.count, 2);
    assert_int_equal(f.out.items[0].value_len, 2 * n);
    assert_int_equal(f.out.items[1].number, 3);
    /* The same as a subset's body. */
    memcpy(s, "{a}(ab=", 7);
    s[7] = '(';
    fx_parse_n(&f, s, 8 + 2 * n);
    check_sane(&f.out, 8 + 2 * n);
    fx_done(&f);
    free(s);
}

/* 1 MiB of "count=1," (D-5: the trailing comma ends the list).  Parsed
 * once: about 2 s natively, lookup is longest-prefix from 80 bytes down. */
static void test_one_mib(void **state)
{
    const size_t reps = 131072, unit = 8, small = 8192;
    size_t len = reps * unit, i;
    bool trailing_failed;
    char *s = malloc(len + 1);
    clock_t t0 = clock();
    fx f;
    (void)state;
    assert_non_null(s);
    for (i = 0; i < reps; i++)
        memcpy(s + i * unit, "count=1,", unit);
    s[len] = '\0';
    fx_init(&f, false);
    /* 64 KiB without the trailing comma. */
    fx_parse_n(&f, s, small * unit - 1);
    check_sane(&f.out, small * unit - 1);
    assert_false(f.out.failed);
    assert_int_equal(f.out.count, small);
    /* 1 MiB with it: every item, and no error (D-5). */
    fx_parse_n(&f, s, len);
    check_sane(&f.out, len);
    assert_int_equal(f.out.count, reps);
    for (i = 0; i < reps; i++) {
        assert_int_equal(f.out.items[i].offset, i * unit);
        assert_int_equal(f.out.items[i].value_off, i * unit + 6);
        assert_int_equal(f.out.items[i].number, 1);
    }
    trailing_failed = f.out.failed;
    if (trailing_failed)
        print_error("[D-5 trailing comma] 1 MiB string failed at %zu: %s\n",
                    f.out.error_offset, f.out.error);
    fx_done(&f);
    free(s);
    /* Generous bound (valgrind included): linear, not quadratic. */
    assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 300.0);
    assert_false(trailing_failed);
}

/* Invalid UTF-8 is bytes like any other. */
static const parse_row utf8_rows[] = {
    { "D-5 invalid UTF-8 token", "count=1,\xff\xfe,count=2", true, 8, 1, 0,
      { NITEM("count=", XR_COUNT, 0, 7, 6, 1, 1) } },
    { "D-5 truncated UTF-8 sequence", "\xc3\x28", true, 0, 0, 0,
      { ITEM(NULL, 0, 0, 0) } },
    { "D-21 invalid UTF-8 in a regex", "exclude={\xff*}", false, 0, 1, 0,
      { VITEM("exclude=", XR_EXCLUDE, 0, 12, 8, 4) } },
    { "D-5 invalid UTF-8 in a value", "verbose={\xe2\x82},log=\x80", false, 0,
      2, 0,
      { VITEM("verbose=", XR_VERBOSE, 0, 12, 8, 4),
        VITEM("log=", XR_LOG, 13, 5, 17, 1) } },
    { "D-5 non-ASCII after a name", "disableInlining\xc3\xa9", true, 15, 1,
      0, { ITEM("disableInlining", XR_PASS, 0, 15) } },
    { "D.3 non-digit byte in count=", "count=1\xd9\xa3", true, 7, 0, 0,
      { ITEM(NULL, 0, 0, 0) } },
};

static void test_utf8_rows(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(utf8_rows); i++)
        check_row(&utf8_rows[i], false);
    rows_ok();
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 32);
}

static const char *const pieces[] = {
    "count=", "bcount=", "1", "12", ",", ",", ",", "{", "}", "(", ")", "[",
    "]", "!", "exclude=", "limit=", "loadExclude=", "verbose", "verbose=",
    "ifExcluded", "limitfile=", "limitfile=(lf1,", "lf1", "crlf", "2,3)",
    "a/B.c()V", "*", "\\", "^", "|", "\xff", "\xc3\x28", "optLevel=hot",
    "disableInlining", "hostValue=", "-", "[z-a]", "{a}", "(x)", "1(", " ",
};

/* Random bytes (no NUL) and random mixes of meaningful pieces. */
static void test_random(void **state)
{
    fx f;
    char buf[4096];
    int iter;
    (void)state;
    fx_init(&f, false);
    for (iter = 0; iter < 400; iter++) {
        size_t len = 1 + rng() % (sizeof buf - 1), i;
        for (i = 0; i < len; i++)
            buf[i] = (char)(1 + rng() % 255);
        fx_parse_n(&f, buf, len);
        check_sane(&f.out, len);
        if (f.out.failed && iter < 16) { /* suggest is O(table x 80 x 80) */
            size_t n, k;
            const char *out[4];
            size_t tl = f.out.error_token_len;
            n = crjit__xjit_suggest(buf + f.out.error_offset, tl, out, 4);
            assert_true(n <= 4);
            for (k = 0; k < n; k++)
                assert_non_null(out[k]);
        }
    }
    for (iter = 0; iter < 3000; iter++) {
        size_t len = 0, n = 1 + rng() % 24, i;
        for (i = 0; i < n; i++) {
            const char *p = pieces[rng() % ARRAY_SIZE(pieces)];
            size_t pl = strlen(p);
            if (len + pl >= sizeof buf)
                break;
            memcpy(buf + len, p, pl);
            len += pl;
        }
        f.env.in_subset = (iter & 1) != 0;
        fx_parse_n(&f, buf, len);
        check_sane(&f.out, len);
        if (!f.out.failed && !f.env.in_subset)
            assert_true(f.out.count + f.out.subset_count > 0 || len == 0);
    }
    /* Every filter added along the way still seals and decides. */
    (void)decide(f.cf, "a/B", "c", "()V");
    (void)decide(f.lf, "a/B", "c", "()V");
    fx_done(&f);
}

/* Allocation failure at every allocation of a representative parse. */
static void test_parse_nomem(void **state)
{
    const char *text =
        "count=1,exclude={a/*},exclude=a/B.c()V,limit=a/B.c()V,{x}(count=2),"
        "[1](count=3),limitfile=lf1,loadLimit={q/*},limit={r/*}(count=1),"
        "disableInlining,verbose={x},vlog=v";
    test_alloc alloc;
    crjit_ctx *ctx;
    size_t k, base;
    bool done = false;
    (void)state;
    memset(&alloc, 0, sizeof alloc);
    ctx = test_ctx(&alloc, CRJIT_POLICY_REFERENCE);
    for (k = 1; !done && k < 10000; k++) {
        crjit__xjit_env env;
        crjit__xjit out;
        crjit_status st;
        memset(&env, 0, sizeof env);
        base = alloc.live;
        assert_int_equal(crjit_filters_new(ctx, &env.compile_filters),
                         CRJIT_OK);
        assert_int_equal(crjit_filters_new(ctx, &env.load_filters), CRJIT_OK);
        env.read_file = read_mem;
        alloc.fail_at = alloc.total + k;
        alloc.fail_from = 1;
        st = crjit__xjit_parse(ctx, text, strlen(text), &env, &out);
        alloc.fail_at = 0;
        assert_true(st == CRJIT_OK || st == CRJIT_E_NOMEM);
        if (st == CRJIT_OK) {
            assert_false(out.failed);
            assert_int_equal(out.count, 10);
            assert_int_equal(out.subset_count, 3);
            assert_int_equal(out.replaced_count, 1);
            done = true;
        }
        crjit__xjit_free(ctx, &out);
        crjit_filters_free(env.compile_filters);
        crjit_filters_free(env.load_filters);
        assert_int_equal(alloc.live, base);
    }
    assert_true(done);
    crjit_ctx_free(ctx);
    assert_int_equal(alloc.live, 0);
}

/* ---- option-string assembly (D-1…D-3, B-24…B-27) ---------------------------------- */

typedef struct asm_fx {
    test_alloc alloc;
    crjit_ctx *ctx;
    crjit_args *args;
    crjit_ral *ral;
    crjit__xstring s;
} asm_fx;

static void asm_init(asm_fx *a, const char *const *argv)
{
    memset(a, 0, sizeof *a);
    a->ctx = test_ctx(&a->alloc, CRJIT_POLICY_REFERENCE);
    a->args = test_args(a->ctx, argv);
    assert_int_equal(crjit_ral_new(a->args, &a->ral), CRJIT_OK);
}

static void asm_build(asm_fx *a, const char *prefix, bool merge)
{
    crjit__xstring_free(a->ctx, &a->s);
    assert_int_equal(crjit__xjit_string(a->ctx, a->ral, prefix, merge, &a->s),
                     CRJIT_OK);
}

static void asm_done(asm_fx *a)
{
    crjit__xstring_free(a->ctx, &a->s);
    crjit_ral_free(a->ral);
    crjit_args_free(a->args);
    crjit_ctx_free(a->ctx);
    assert_int_equal(a->alloc.live, 0);
}

typedef struct asm_row {
    const char *rule;
    const char *argv[8];
    const char *prefix;
    bool merge;
    bool present;
    bool empty;
    const char *text; /* NULL: no text */
    size_t entries;
    size_t segments;
    size_t seg_arg[3];
    size_t seg_off[3]; /* str_off of each segment */
    unsigned consumed; /* bit i: entry i consumed afterwards */
} asm_row;

static const asm_row asm_rows[] = {
    { "D-2 rightmost -Xjit: only, not consumed (B-26)",
      { "-Xjit:count=1", "-Xint", "-Xjit:exclude={a/*}", "-Xaot:count=2",
        "-Xjit", NULL },
      "-Xjit:", false, true, false, "exclude={a/*}", 1, 1, { 2 }, { 0 }, 0 },
    { "D-2 -Xaot: separately", { "-Xjit:count=1", "-Xaot:count=2",
                                 "-Xjit:count=3", NULL },
      "-Xaot:", false, true, false, "count=2", 1, 1, { 1 }, { 0 }, 0 },
    { "D-2 rightmost empty -Xjit: is a build failure",
      { "-Xjit:count=1", "-Xjit:", NULL },
      "-Xjit:", false, true, true, "", 1, 1, { 1 }, { 0 }, 0 },
    { "D-2 no -Xjit:", { "-Xint", "-Xjit", "-XjitX:count=1", NULL }, "-Xjit:",
      false, false, false, NULL, 0, 0, { 0 }, { 0 }, 0 },
    { "D-3 merged left to right, empty skipped, all consumed",
      { "-Xjit:count=1", "-Xjit:", "-Xint", "-Xjit:exclude={a/*}",
        "-Xaot:count=9", NULL },
      "-Xjit:", true, true, false, "count=1,exclude={a/*}", 3, 2, { 0, 3 },
      { 0, 8 }, 0x1u | 0x2u | 0x8u },
    { "D-3 merged three values",
      { "-Xjit:a", "-Xjit:b,c", "-Xjit:d", NULL },
      "-Xjit:", true, true, false, "a,b,c,d", 3, 3, { 0, 1, 2 }, { 0, 2, 6 },
      0x7u },
    { "D-3 merged, leading empty value",
      { "-Xjit:", "-Xjit:count=1", NULL },
      "-Xjit:", true, true, false, "count=1", 2, 1, { 1 }, { 0 }, 0x3u },
    { "D-3 merged, all empty is a build failure",
      { "-Xjit:", "-Xint", "-Xjit:", NULL },
      "-Xjit:", true, true, true, "", 2, 0, { 0 }, { 0 }, 0x1u | 0x4u },
    { "D-3 merged -Xaot: separately",
      { "-Xaot:x", "-Xjit:y", "-Xaot:z", NULL },
      "-Xaot:", true, true, false, "x,z", 2, 2, { 0, 2 }, { 0, 2 },
      0x1u | 0x4u },
    { "D-3 merged, none present", { "-Xint", NULL }, "-Xjit:", true, false,
      false, NULL, 0, 0, { 0 }, { 0 }, 0 },
};

static void test_assembly_rows(void **state)
{
    size_t i, k;
    (void)state;
    for (i = 0; i < ARRAY_SIZE(asm_rows); i++) {
        const asm_row *r = &asm_rows[i];
        const char *t = r->argv[0] != NULL ? r->argv[0] : "";
        asm_fx a;
        size_t n = 0;
        asm_init(&a, r->argv);
        while (r->argv[n] != NULL)
            n++;
        asm_build(&a, r->prefix, r->merge);
        EXPECT_EQ(r->rule, t, a.s.present, r->present);
        EXPECT_EQ(r->rule, t, a.s.empty, r->empty);
        EXPECT_EQ(r->rule, t, a.s.entries, r->entries);
        if (r->text == NULL) {
            EXPECT_TRUE(r->rule, t, a.s.text == NULL || a.s.len == 0);
        } else {
            EXPECT_STR(r->rule, t, a.s.text, r->text);
            EXPECT_EQ(r->rule, t, a.s.len, strlen(r->text));
        }
        EXPECT_EQ(r->rule, t, a.s.segment_count, r->segments);
        for (k = 0; k < r->segments && k < a.s.segment_count; k++) {
            EXPECT_EQ(r->rule, t, a.s.segments[k].arg, r->seg_arg[k]);
            EXPECT_EQ(r->rule, t, a.s.segments[k].str_off, r->seg_off[k]);
            EXPECT_EQ(r->rule, t, a.s.segments[k].arg_off, 6);
        }
        for (k = 0; k < n; k++) {
            crjit_entry_state st = crjit_ral_state(a.ral, k);
            bool want = (r->consumed >> k) & 1u;
            if (want)
                EXPECT_EQ(r->rule, r->argv[k], st, CRJIT_ENTRY_CONSUMED);
            else
                EXPECT_EQ(r->rule, r->argv[k], st, CRJIT_ENTRY_UNCONSUMED);
        }
        asm_done(&a);
    }
    rows_ok();
}

/* Offsets in the merged string map back to (argument, offset). */
static void test_assembly_locate(void **state)
{
    static const char *const argv[] = { "-Xint", "-Xjit:count=1", "-Xjit:",
                                        "-Xjit:exclude={a/*},bogus",
                                        "-Xjit:verbose", NULL };
    asm_fx a;
    size_t arg, off;
    fx f;
    (void)state;
    asm_init(&a, argv);
    /* Non-merged: one segment, offsets shift by the prefix. */
    asm_build(&a, "-Xjit:", false);
    assert_string_equal(a.s.text, "verbose");
    crjit__xstring_locate(&a.s, 3, &arg, &off);
    assert_int_equal(arg, 4);
    assert_int_equal(off, 9);

    asm_build(&a, "-Xjit:", true);
    assert_string_equal(a.s.text, "count=1,exclude={a/*},bogus,verbose");
    crjit__xstring_locate(&a.s, 0, &arg, &off);
    assert_int_equal(arg, 1);
    assert_int_equal(off, 6);
    crjit__xstring_locate(&a.s, 6, &arg, &off); /* the '1' */
    assert_int_equal(arg, 1);
    assert_int_equal(off, 12);
    crjit__xstring_locate(&a.s, 8, &arg, &off); /* "exclude=" */
    assert_int_equal(arg, 3);
    assert_int_equal(off, 6);
    crjit__xstring_locate(&a.s, 28, &arg, &off); /* "verbose" */
    assert_int_equal(arg, 4);
    assert_int_equal(off, 6);

    /* A parse error maps back to its argument (DV-6 diagnostics). */
    fx_init(&f, false);
    fx_parse_n(&f, a.s.text, a.s.len);
    assert_true(f.out.failed);
    assert_int_equal(f.out.error_offset, 22);
    assert_int_equal(f.out.count, 2);
    crjit__xstring_locate(&a.s, f.out.error_offset, &arg, &off);
    assert_int_equal(arg, 3);
    assert_int_equal(off, 20);
    {
        size_t tl;
        const char *t = crjit_args_text(crjit_ral_args(a.ral), arg, &tl, NULL);
        assert_true(off + 5 <= tl);
        assert_memory_equal(t + off, "bogus", 5);
    }
    fx_done(&f);
    asm_done(&a);

    /* No segments: no argument. */
    {
        crjit__xstring none;
        memset(&none, 0, sizeof none);
        crjit__xstring_locate(&none, 5, &arg, &off);
        assert_int_equal(arg, CRJIT_NPOS);
        assert_int_equal(off, 5);
    }
}

/* B-27: the rightmost -Xjit: is used even left of a later -Xnojit/-Xjit. */
static void test_assembly_rightmost(void **state)
{
    static const char *const argv[] = { "-Xjit:count=1", "-Xjit:count=2",
                                        "-Xnojit", "-Xjit", NULL };
    asm_fx a;
    (void)state;
    asm_init(&a, argv);
    asm_build(&a, "-Xjit:", false);
    assert_true(a.s.present);
    assert_string_equal(a.s.text, "count=2");
    assert_int_equal(a.s.segments[0].arg, 1);
    assert_int_equal(crjit_ral_state(a.ral, 0), CRJIT_ENTRY_UNCONSUMED);
    assert_int_equal(crjit_ral_state(a.ral, 1), CRJIT_ENTRY_UNCONSUMED);
    /* D-3: merging includes entries before -Xnojit. */
    asm_build(&a, "-Xjit:", true);
    assert_string_equal(a.s.text, "count=1,count=2");
    assert_int_equal(crjit_ral_state(a.ral, 0), CRJIT_ENTRY_CONSUMED);
    assert_int_equal(crjit_ral_state(a.ral, 1), CRJIT_ENTRY_CONSUMED);
    assert_int_equal(crjit_ral_state(a.ral, 2), CRJIT_ENTRY_UNCONSUMED);
    assert_int_equal(crjit_ral_state(a.ral, 3), CRJIT_ENTRY_UNCONSUMED);
    asm_done(&a);
}

/* Allocation failure while assembling frees everything. */
static void test_assembly_nomem(void **state)
{
    static const char *const argv[] = { "-Xjit:count=1", "-Xjit:b",
                                        "-Xjit:c", "-Xjit:d", "-Xjit:e",
                                        NULL };
    asm_fx a;
    size_t k, base;
    int merge;
    (void)state;
    asm_init(&a, argv);
    for (merge = 0; merge < 2; merge++) {
        bool done = false;
        for (k = 1; !done && k < 1000; k++) {
            crjit_status st;
            base = a.alloc.live;
            a.alloc.fail_at = a.alloc.total + k;
            a.alloc.fail_from = 1;
            st = crjit__xjit_string(a.ctx, a.ral, "-Xjit:", merge != 0, &a.s);
            a.alloc.fail_at = 0;
            assert_true(st == CRJIT_OK || st == CRJIT_E_NOMEM);
            if (st == CRJIT_OK) {
                assert_string_equal(a.s.text, merge ? "count=1,b,c,d,e" : "e");
                done = true;
            } else {
                assert_null(a.s.text);
                assert_int_equal(a.alloc.live, base);
            }
            crjit__xstring_free(a.ctx, &a.s);
            assert_int_equal(a.alloc.live, base);
        }
        assert_true(done);
    }
    asm_done(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokenise_rows),
        cmocka_unit_test(test_role_rows),
        cmocka_unit_test(test_in_subset_rows),
        cmocka_unit_test(test_lookup_rows),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_suggest_rows),
        cmocka_unit_test(test_unknown_suggests),
        cmocka_unit_test(test_subset_rows),
        cmocka_unit_test(test_subset_inner_not_applied),
        cmocka_unit_test(test_partial_application),
        cmocka_unit_test(test_filter_rows),
        cmocka_unit_test(test_dv15_value_extent),
        cmocka_unit_test(test_null_stores),
        cmocka_unit_test(test_limitfile_rows),
        cmocka_unit_test(test_limitfile_reader_calls),
        cmocka_unit_test(test_deep_rows),
        cmocka_unit_test(test_deep_balanced),
        cmocka_unit_test(test_one_mib),
        cmocka_unit_test(test_utf8_rows),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_parse_nomem),
        cmocka_unit_test(test_assembly_rows),
        cmocka_unit_test(test_assembly_locate),
        cmocka_unit_test(test_assembly_rightmost),
        cmocka_unit_test(test_assembly_nomem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
