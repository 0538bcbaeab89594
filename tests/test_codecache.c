/* The reference code cache (crjit.h "Code cache host operations"): the
 * `--methods` format (product.md §6), crjit_codecache_add, the accessors,
 * the host operations, limits, and allocation failure at every allocation.
 *
 * Parsing rows are derived from the format's rules, each row its own cmocka
 * test.  Every load runs on a cache that already holds one body, so rows also
 * check that loading appends and that a failed load leaves the cache as it
 * was.  Every test ends with the counting allocator's live == 0. */
#include "testutil.h"

/* Internal accessors for the host-op counters (static inline). */
#include "../src/codecache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_EXPECT 8
#define TEXT(s) s, sizeof(s) - 1

/* The default flags, and each flag word's effect on them. */
#define DEF (CRJIT_BODY_HAS_BODY_INFO | CRJIT_BODY_PRE_CHECKPOINT)
#define NATIVE ((DEF & ~CRJIT_BODY_HAS_BODY_INFO) | CRJIT_BODY_NATIVE)
#define NO_INFO (DEF & ~CRJIT_BODY_HAS_BODY_INFO)
#define AOT (DEF | CRJIT_BODY_AOT)
#define ON_STACK (DEF | CRJIT_BODY_ON_STACK)
#define POST (DEF & ~CRJIT_BODY_PRE_CHECKPOINT)
#define ALL_FLAGS                                                            \
    (CRJIT_BODY_NATIVE | CRJIT_BODY_AOT | CRJIT_BODY_ON_STACK)

#define SENTINEL_LINE ((size_t)999999)

typedef struct exp_body {
    const char *cls;
    const char *name;
    const char *desc;
    unsigned flags;
} exp_body;

/* The body every load test finds already in the cache. */
static const exp_body pre = { "pre/Loaded", "m", "(J)V", CRJIT_BODY_AOT };

/* ---- helpers ------------------------------------------------------------ */

typedef struct fixture {
    test_alloc st;
    crjit_ctx *ctx;
    crjit_codecache *cache;
} fixture;

static crjit_body make_body(const char *cls, const char *name,
                            const char *desc, unsigned flags)
{
    crjit_body b;
    b.class_name = cls;
    b.class_len = cls != NULL ? strlen(cls) : 0;
    b.method_name = name;
    b.method_len = name != NULL ? strlen(name) : 0;
    b.descriptor = desc;
    b.descriptor_len = desc != NULL ? strlen(desc) : 0;
    b.flags = flags;
    return b;
}

static void add_exp(crjit_codecache *cache, const exp_body *e)
{
    crjit_body b = make_body(e->cls, e->name, e->desc, e->flags);
    assert_int_equal(crjit_codecache_add(cache, &b), CRJIT_OK);
}

static void fx_open(fixture *f, bool with_pre)
{
    memset(f, 0, sizeof *f);
    f->ctx = test_ctx(&f->st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_codecache_new(f->ctx, &f->cache), CRJIT_OK);
    assert_non_null(f->cache);
    if (with_pre)
        add_exp(f->cache, &pre);
}

static void fx_close(fixture *f)
{
    crjit_codecache_free(f->cache);
    crjit_ctx_free(f->ctx);
    assert_int_equal(f->st.live, 0);
}

static void assert_slice(const char *p, size_t len, const char *want)
{
    assert_int_equal(len, strlen(want));
    if (len != 0) {
        assert_non_null(p);
        assert_memory_equal(p, want, len);
    }
}

static void assert_body(const crjit_body *b, const exp_body *e)
{
    assert_non_null(b);
    assert_slice(b->class_name, b->class_len, e->cls);
    assert_slice(b->method_name, b->method_len, e->name);
    assert_slice(b->descriptor, b->descriptor_len, e->desc);
    assert_int_equal(b->flags, e->flags);
}

/* Same descriptor, pointers included: the cache's storage did not move. */
static void assert_same_body(const crjit_body *a, const crjit_body *b)
{
    assert_ptr_equal(a->class_name, b->class_name);
    assert_int_equal(a->class_len, b->class_len);
    assert_ptr_equal(a->method_name, b->method_name);
    assert_int_equal(a->method_len, b->method_len);
    assert_ptr_equal(a->descriptor, b->descriptor);
    assert_int_equal(a->descriptor_len, b->descriptor_len);
    assert_int_equal(a->flags, b->flags);
}

/* A buffer of n bytes of c (freed by the caller with free()). */
static char *filled(size_t n, char c)
{
    char *p = malloc(n != 0 ? n : 1);
    assert_non_null(p);
    memset(p, c, n);
    return p;
}

/* ---- valid `--methods` text ---------------------------------------------- */

typedef struct load_case {
    const char *name;
    const char *text;
    size_t len;
    size_t n;
    exp_body expect[MAX_EXPECT];
} load_case;

static const load_case load_cases[] = {
    { "empty text adds nothing", TEXT(""), 0, { { NULL, NULL, NULL, 0 } } },
    { "blank lines, blanks and comments add nothing",
      TEXT("\n  \t\n# a comment\n   # indented comment\n\r\n"), 0,
      { { NULL, NULL, NULL, 0 } } },
    { "one body: defaults are body info + pre-checkpoint",
      TEXT("java/lang/String.hashCode()I\n"), 1,
      { { "java/lang/String", "hashCode", "()I", DEF } } },
    { "last line without line end", TEXT("a/B.m()V"), 1,
      { { "a/B", "m", "()V", DEF } } },
    { "flag native: JNI thunk without body info",
      TEXT("java/lang/Object.hashCode()I native\n"), 1,
      { { "java/lang/Object", "hashCode", "()I", NATIVE } } },
    { "flag no-body-info", TEXT("a/B.m()V no-body-info\n"), 1,
      { { "a/B", "m", "()V", NO_INFO } } },
    { "flag aot", TEXT("a/B.m()V aot\n"), 1, { { "a/B", "m", "()V", AOT } } },
    { "flag on-stack", TEXT("a/B.m()V on-stack\n"), 1,
      { { "a/B", "m", "()V", ON_STACK } } },
    { "flag post-restore clears pre-checkpoint",
      TEXT("a/B.m()V post-restore\n"), 1, { { "a/B", "m", "()V", POST } } },
    { "every flag on one line, in any order",
      TEXT("a/B.m()V post-restore on-stack aot no-body-info native\n"
           "a/C.m()V native aot on-stack post-restore no-body-info\n"),
      2,
      { { "a/B", "m", "()V", ALL_FLAGS }, { "a/C", "m", "()V", ALL_FLAGS } } },
    { "a repeated flag is harmless", TEXT("a/B.m()V aot aot\n"), 1,
      { { "a/B", "m", "()V", AOT } } },
    { "tabs and runs of blanks separate tokens",
      TEXT("\t a/B.m()V \t aot\t\ton-stack  \n"), 1,
      { { "a/B", "m", "()V", AOT | CRJIT_BODY_ON_STACK } } },
    { "comment after the signature",
      TEXT("a/B.m()V # hot method\n"), 1, { { "a/B", "m", "()V", DEF } } },
    { "comment after the flags", TEXT("a/B.m()V aot # loaded\n"), 1,
      { { "a/B", "m", "()V", AOT } } },
    { "'#' right after the signature starts a comment",
      TEXT("a/B.m()V#aot\n"), 1, { { "a/B", "m", "()V", DEF } } },
    { "a commented-out body is skipped",
      TEXT("# a/B.x()V\na/B.y()V\n#a/B.z()V aot\n"), 1,
      { { "a/B", "y", "()V", DEF } } },
    { "reference parameter and return types",
      TEXT("java/util/HashMap.get(Ljava/lang/Object;)Ljava/lang/Object;\n"),
      1,
      { { "java/util/HashMap", "get", "(Ljava/lang/Object;)Ljava/lang/Object;",
          DEF } } },
    { "constructor and nested class",
      TEXT("Foo$Bar.<init>()V\nFoo.<clinit>()V\n"), 2,
      { { "Foo$Bar", "<init>", "()V", DEF },
        { "Foo", "<clinit>", "()V", DEF } } },
    { "array parameter", TEXT("a/B.main([Ljava/lang/String;)V\n"), 1,
      { { "a/B", "main", "([Ljava/lang/String;)V", DEF } } },
    { "class is the text before the last '.' ahead of '('",
      TEXT("a.b.c()V\n"), 1, { { "a.b", "c", "()V", DEF } } },
    { "dots inside the descriptor do not split",
      TEXT("a/B.m(La.b;)V\n"), 1, { { "a/B", "m", "(La.b;)V", DEF } } },
    { "descriptor without a return type is accepted",
      TEXT("a/B.m(I)\n"), 1, { { "a/B", "m", "(I)", DEF } } },
    { "CRLF line ends",
      TEXT("a/B.x()V aot\r\n# c\r\n\r\na/B.y()V\r\n"), 2,
      { { "a/B", "x", "()V", AOT }, { "a/B", "y", "()V", DEF } } },
    { "CR line ends", TEXT("a/B.x()V\ra/B.y()V native\r"), 2,
      { { "a/B", "x", "()V", DEF }, { "a/B", "y", "()V", NATIVE } } },
    { "bodies keep file order; duplicates are kept",
      TEXT("z/Z.a()V\na/A.z()V\nz/Z.a()V on-stack\n"), 3,
      { { "z/Z", "a", "()V", DEF },
        { "a/A", "z", "()V", DEF },
        { "z/Z", "a", "()V", ON_STACK } } },
};

static void run_load_case(void **state)
{
    const load_case *c = *state;
    fixture f;
    size_t line = SENTINEL_LINE, i;

    fx_open(&f, true);
    assert_int_equal(crjit_codecache_load(f.cache, c->text, c->len, &line),
                     CRJIT_OK);
    assert_int_equal(line, SENTINEL_LINE);
    assert_int_equal(crjit_codecache_count(f.cache), 1 + c->n);
    assert_body(crjit_codecache_body(f.cache, 0), &pre);
    for (i = 0; i < c->n; i++) {
        assert_body(crjit_codecache_body(f.cache, 1 + i), &c->expect[i]);
        assert_false(crjit_codecache_invalidated(f.cache, 1 + i));
    }
    assert_null(crjit_codecache_body(f.cache, 1 + c->n));
    fx_close(&f);
}

/* ---- malformed `--methods` text ------------------------------------------- */

typedef struct bad_case {
    const char *name;
    const char *text;
    size_t len;
    size_t line; /* expected *error_line */
} bad_case;

static const bad_case bad_cases[] = {
    { "unknown flag", TEXT("a/B.m()V hot\n"), 1 },
    { "flags are case-sensitive", TEXT("a/B.m()V Native\n"), 1 },
    { "a flag needs its own token", TEXT("a/B.m()V aot,native\n"), 1 },
    { "signature without '.'", TEXT("main()V\n"), 1 },
    { "signature without '('", TEXT("a/B.m\n"), 1 },
    { "'.' only after '(' is no class", TEXT("m(La.b;)V\n"), 1 },
    { "empty class", TEXT(".m()V\n"), 1 },
    { "empty method name", TEXT("a/B.()V\n"), 1 },
    { "descriptor without ')'", TEXT("a/B.m(I\n"), 1 },
    { "')' only before '('", TEXT("a/B.m)(\n"), 1 },
    { "flag before the signature", TEXT("native a/B.m()V\n"), 1 },
    { "blank inside the signature", TEXT("a/B.m (I)V\n"), 1 },
    { "NUL byte in the signature", TEXT("a/B.m(\0)V\n"), 1 },
    { "error after good lines: its line number, nothing added",
      TEXT("a/B.x()V\n# ok\n\na/B.y()V aot\na/B.z()V bogus\na/B.w()V\n"), 5 },
    { "error on the last line without line end",
      TEXT("a/B.x()V\na/B.y"), 2 },
    { "CRLF counts as one line end",
      TEXT("a/B.x()V\r\n\r\na/B.y()V\r\nbad\r\n"), 4 },
    { "CR counts as a line end", TEXT("a/B.x()V\r\rbad\r"), 3 },
    { "the first error is reported",
      TEXT("a/B.x()V\nbad1\nbad2\n"), 2 },
};

static void run_bad_case(void **state)
{
    const bad_case *c = *state;
    fixture f;
    crjit_body before;
    size_t line = SENTINEL_LINE;

    fx_open(&f, true);
    before = *crjit_codecache_body(f.cache, 0);
    assert_int_equal(crjit_codecache_load(f.cache, c->text, c->len, &line),
                     CRJIT_E_PARSE);
    assert_int_equal(line, c->line);
    /* all-or-nothing: only the body that was there before */
    assert_int_equal(crjit_codecache_count(f.cache), 1);
    assert_same_body(crjit_codecache_body(f.cache, 0), &before);
    assert_body(&before, &pre);
    /* error_line is optional */
    assert_int_equal(crjit_codecache_load(f.cache, c->text, c->len, NULL),
                     CRJIT_E_PARSE);
    assert_int_equal(crjit_codecache_count(f.cache), 1);
    /* the cache still works */
    assert_int_equal(crjit_codecache_load(f.cache, TEXT("c/D.e()V\n"), NULL),
                     CRJIT_OK);
    assert_int_equal(crjit_codecache_count(f.cache), 2);
    fx_close(&f);
}

/* ---- crjit_codecache_add --------------------------------------------------- */

typedef struct add_case {
    const char *name;
    crjit_body body;
    crjit_status status;
} add_case;

static const add_case add_cases[] = {
    { "add: a full body", { "a/B", 3, "m", 1, "()V", 3, DEF }, CRJIT_OK },
    { "add: every known flag bit",
      { "a/B", 3, "m", 1, "()V", 3, DEF | ALL_FLAGS }, CRJIT_OK },
    { "add: empty names with NULL pointers are accepted",
      { NULL, 0, NULL, 0, NULL, 0, 0 }, CRJIT_OK },
    { "add: NULL class with length", { NULL, 1, "m", 1, "()V", 3, DEF },
      CRJIT_E_INVALID_ARG },
    { "add: NULL method with length", { "a/B", 3, NULL, 2, "()V", 3, DEF },
      CRJIT_E_INVALID_ARG },
    { "add: NULL descriptor with length", { "a/B", 3, "m", 1, NULL, 3, DEF },
      CRJIT_E_INVALID_ARG },
    { "add: unknown flag bit", { "a/B", 3, "m", 1, "()V", 3, 0x20u },
      CRJIT_E_INVALID_ARG },
};

static void run_add_case(void **state)
{
    const add_case *c = *state;
    fixture f;

    fx_open(&f, true);
    assert_int_equal(crjit_codecache_add(f.cache, &c->body), c->status);
    if (c->status == CRJIT_OK) {
        const crjit_body *b;
        assert_int_equal(crjit_codecache_count(f.cache), 2);
        b = crjit_codecache_body(f.cache, 1);
        assert_non_null(b);
        assert_int_equal(b->class_len, c->body.class_len);
        assert_int_equal(b->method_len, c->body.method_len);
        assert_int_equal(b->descriptor_len, c->body.descriptor_len);
        if (c->body.class_len != 0)
            assert_memory_equal(b->class_name, c->body.class_name,
                                c->body.class_len);
        assert_int_equal(b->flags, c->body.flags);
    } else {
        assert_int_equal(crjit_codecache_count(f.cache), 1);
    }
    fx_close(&f);
}

/* The names are copied: the caller's buffers may change or go away. */
static void test_add_copies(void **state)
{
    fixture f;
    char cls[] = "x/Y", name[] = "run", desc[] = "(I)V";
    crjit_body b = make_body(cls, name, desc, DEF);
    const crjit_body *got;
    static const exp_body want = { "x/Y", "run", "(I)V", DEF };

    (void)state;
    fx_open(&f, false);
    assert_int_equal(crjit_codecache_add(f.cache, &b), CRJIT_OK);
    memset(cls, 'Z', sizeof cls - 1);
    memset(name, 'Z', sizeof name - 1);
    memset(desc, 'Z', sizeof desc - 1);
    got = crjit_codecache_body(f.cache, 0);
    assert_body(got, &want);
    assert_ptr_not_equal(got->class_name, cls);
    assert_ptr_not_equal(got->method_name, name);
    assert_ptr_not_equal(got->descriptor, desc);
    fx_close(&f);
}

/* ---- limits --------------------------------------------------------------- */

/* A line of exactly CRJIT_MAX_ARG_BYTES bytes (line end not counted) loads;
 * one byte more is CRJIT_E_LIMIT at its line, nothing added. */
static void test_line_limit(void **state)
{
    const size_t max = CRJIT_MAX_ARG_BYTES;
    static const char head[] = "a/B.x()V\n";
    const size_t hl = sizeof head - 1;
    fixture f;
    size_t line = SENTINEL_LINE;
    char *text = filled(hl + max + 2, 'c');
    crjit_body b;

    (void)state;
    memcpy(text, head, hl);
    /* line 2: "ccc...c.m()V" of max bytes, then "\n" */
    memcpy(text + hl + max - 5, ".m()V\n", 6);
    fx_open(&f, true);
    assert_int_equal(crjit_codecache_load(f.cache, text, hl + max + 1, &line),
                     CRJIT_OK);
    assert_int_equal(line, SENTINEL_LINE);
    assert_int_equal(crjit_codecache_count(f.cache), 3);
    assert_int_equal(crjit_codecache_body(f.cache, 2)->class_len, max - 5);

    /* one more byte: "cccc...c.m()V " -- a trailing blank, max + 1 */
    memcpy(text + hl + max - 5, ".m()V \n", 7);
    assert_int_equal(crjit_codecache_load(f.cache, text, hl + max + 2, &line),
                     CRJIT_E_LIMIT);
    assert_int_equal(line, 2);
    assert_int_equal(crjit_codecache_count(f.cache), 3);

    /* a comment counts toward the line's length */
    memcpy(text + hl, "#", 1);
    assert_int_equal(crjit_codecache_load(f.cache, text, hl + max + 2, &line),
                     CRJIT_E_LIMIT);
    assert_int_equal(crjit_codecache_count(f.cache), 3);

    /* add: the three names together are bounded the same way */
    b = make_body("c", "m", "()V", DEF);
    b.class_name = text + hl + 1;
    b.class_len = max - 4;
    assert_int_equal(crjit_codecache_add(f.cache, &b), CRJIT_OK);
    b.class_len = max - 3;
    assert_int_equal(crjit_codecache_add(f.cache, &b), CRJIT_E_LIMIT);
    b.class_len = SIZE_MAX;
    assert_int_equal(crjit_codecache_add(f.cache, &b), CRJIT_E_LIMIT);
    assert_int_equal(crjit_codecache_count(f.cache), 4);
    free(text);
    fx_close(&f);
}

/* Text above CRJIT_MAX_FILE_BYTES is refused before it is read. */
static void test_file_limit(void **state)
{
    fixture f;
    size_t line = SENTINEL_LINE;
    char *text = filled((size_t)CRJIT_MAX_FILE_BYTES + 1, '\n');

    (void)state;
    fx_open(&f, true);
    assert_int_equal(crjit_codecache_load(f.cache, text,
                                          (size_t)CRJIT_MAX_FILE_BYTES + 1,
                                          &line),
                     CRJIT_E_LIMIT);
    assert_int_equal(line, SENTINEL_LINE);
    assert_int_equal(crjit_codecache_count(f.cache), 1);
    /* exactly the limit: blank lines, fine */
    assert_int_equal(crjit_codecache_load(f.cache, text,
                                          (size_t)CRJIT_MAX_FILE_BYTES, &line),
                     CRJIT_OK);
    assert_int_equal(crjit_codecache_count(f.cache), 1);
    free(text);
    fx_close(&f);
}

/* CRJIT_MAX_ARGS bodies fit; the next one, by load or add, is
 * CRJIT_E_LIMIT.  Uses the default allocator: one 1M-record block is fine,
 * but this keeps the counting allocator's bookkeeping out of it. */
static void test_body_limit(void **state)
{
    static const char line_text[] = "a.b()V\n";
    const size_t ll = sizeof line_text - 1;
    const size_t max = CRJIT_MAX_ARGS;
    char *text = malloc((max + 1) * ll);
    crjit_ctx *ctx = NULL;
    crjit_codecache *cache = NULL;
    size_t i, line = SENTINEL_LINE;
    crjit_body b = make_body("c", "d", "()V", DEF);

    (void)state;
    assert_non_null(text);
    for (i = 0; i <= max; i++)
        memcpy(text + i * ll, line_text, ll);
    assert_int_equal(crjit_ctx_new(NULL, &ctx), CRJIT_OK);
    assert_int_equal(crjit_codecache_new(ctx, &cache), CRJIT_OK);

    /* max + 1 lines: refused at the line of the extra body */
    assert_int_equal(crjit_codecache_load(cache, text, (max + 1) * ll, &line),
                     CRJIT_E_LIMIT);
    assert_int_equal(line, max + 1);
    assert_int_equal(crjit_codecache_count(cache), 0);

    /* one body, then max lines: the last line is one too many */
    assert_int_equal(crjit_codecache_add(cache, &b), CRJIT_OK);
    assert_int_equal(crjit_codecache_load(cache, text, max * ll, &line),
                     CRJIT_E_LIMIT);
    assert_int_equal(line, max);
    assert_int_equal(crjit_codecache_count(cache), 1);

    /* max - 1 lines fill the cache exactly */
    assert_int_equal(crjit_codecache_load(cache, text, (max - 1) * ll, &line),
                     CRJIT_OK);
    assert_int_equal(crjit_codecache_count(cache), max);
    assert_int_equal(crjit_codecache_add(cache, &b), CRJIT_E_LIMIT);
    assert_int_equal(crjit_codecache_load(cache, TEXT("e.f()V\n"), &line),
                     CRJIT_E_LIMIT);
    assert_int_equal(line, 1);
    /* comments and blank lines add no body, so they still load */
    assert_int_equal(crjit_codecache_load(cache, TEXT("# e.f()V\n\n"), NULL),
                     CRJIT_OK);
    assert_int_equal(crjit_codecache_count(cache), max);
    crjit_codecache_free(cache);
    crjit_ctx_free(ctx);
    free(text);
}

/* ---- invalid parameters and accessors --------------------------------------- */

static void test_invalid_params(void **state)
{
    fixture f;
    crjit_codecache *out = NULL;
    crjit_body b = make_body("a", "b", "()V", DEF);
    crjit_host_ops ops = CRJIT_HOST_OPS_INIT;
    size_t line = SENTINEL_LINE;

    (void)state;
    fx_open(&f, true);
    assert_int_equal(crjit_codecache_new(NULL, &out), CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_codecache_new(f.ctx, NULL), CRJIT_E_INVALID_ARG);
    assert_null(out);
    crjit_codecache_free(NULL);
    assert_int_equal(crjit_codecache_add(NULL, &b), CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_codecache_add(f.cache, NULL), CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_codecache_load(NULL, TEXT("a.b()V"), &line),
                     CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_codecache_load(f.cache, NULL, 1, &line),
                     CRJIT_E_INVALID_ARG);
    assert_int_equal(line, SENTINEL_LINE);
    assert_int_equal(crjit_codecache_load(f.cache, NULL, 0, &line), CRJIT_OK);
    assert_int_equal(crjit_codecache_count(f.cache), 1);

    assert_int_equal(crjit_codecache_count(NULL), 0);
    assert_null(crjit_codecache_body(NULL, 0));
    assert_null(crjit_codecache_body(f.cache, 1));
    assert_null(crjit_codecache_body(f.cache, CRJIT_NPOS));
    assert_false(crjit_codecache_invalidated(NULL, 0));
    assert_false(crjit_codecache_invalidated(f.cache, 1));
    assert_false(crjit_codecache_invalidated(f.cache, CRJIT_NPOS));
    crjit_codecache_host_ops(f.cache, NULL); /* no-op, no crash */
    crjit_codecache_host_ops(f.cache, &ops);
    assert_int_equal(ops.version, CRJIT_HOST_OPS_VERSION);
    fx_close(&f);
}

/* ---- host operations ------------------------------------------------------- */

static const char host_text[] =
    "java/lang/String.hashCode()I\n"
    "java/lang/Object.hashCode()I native\n"
    "a/B.<init>()V aot\n"
    "a/B.run()V on-stack\n"
    "a/B.late()V post-restore\n"
    "a/C.x(I)I no-body-info\n"
    "a/C.y(J)J\n";
#define HOST_BODIES 7

static void host_fixture(fixture *f, crjit_host_ops *ops)
{
    fx_open(f, false);
    assert_int_equal(crjit_codecache_load(f->cache, host_text,
                                          sizeof host_text - 1, NULL),
                     CRJIT_OK);
    assert_int_equal(crjit_codecache_count(f->cache), HOST_BODIES);
    crjit_codecache_host_ops(f->cache, ops);
}

static void test_host_ops_filled(void **state)
{
    fixture f;
    crjit_host_ops ops;
    size_t n = 0;

    (void)state;
    memset(&ops, 0, sizeof ops);
    host_fixture(&f, &ops);
    assert_int_equal(ops.version, CRJIT_HOST_OPS_VERSION);
    assert_non_null(ops.body_count);
    assert_non_null(ops.get_bodies);
    assert_non_null(ops.invalidate);
    assert_non_null(ops.forget_memoized);
    assert_non_null(ops.purge_memoized);
    assert_int_equal(ops.body_count(f.cache, &n), 0);
    assert_int_equal(n, HOST_BODIES);
    assert_int_not_equal(ops.body_count(f.cache, NULL), 0);
    assert_int_not_equal(ops.body_count(NULL, &n), 0);
    fx_close(&f);
}

/* Enumeration in batches of every size: the bodies come out in order, equal
 * to the accessor's, with slices into the cache's own storage. */
static void test_get_bodies_batches(void **state)
{
    fixture f;
    crjit_host_ops ops;
    size_t batch;

    (void)state;
    host_fixture(&f, &ops);
    for (batch = 1; batch <= HOST_BODIES + 3; batch++) {
        crjit_body out[HOST_BODIES + 3];
        size_t first = 0, got = 0, calls = 0;
        do {
            size_t i;
            got = SENTINEL_LINE;
            assert_int_equal(ops.get_bodies(f.cache, first, out, batch, &got),
                             0);
            assert_true(got <= batch);
            for (i = 0; i < got; i++)
                assert_same_body(&out[i],
                                 crjit_codecache_body(f.cache, first + i));
            first += got;
            calls++;
        } while (got == batch);
        assert_int_equal(first, HOST_BODIES);
        /* a short batch only at the end: ceil(n / batch) calls, plus one
         * empty call when batch divides n */
        assert_int_equal(calls, HOST_BODIES / batch + 1);
    }
    fx_close(&f);
}

typedef struct get_case {
    const char *name;
    size_t first;
    size_t max;
    size_t got;
} get_case;

static const get_case get_cases[] = {
    { "get_bodies: first batch", 0, 3, 3 },
    { "get_bodies: middle batch", 2, 3, 3 },
    { "get_bodies: short last batch", 5, 3, 2 },
    { "get_bodies: exactly the rest", 4, 3, 3 },
    { "get_bodies: first at the end", HOST_BODIES, 3, 0 },
    { "get_bodies: first beyond the end", HOST_BODIES + 5, 3, 0 },
    { "get_bodies: first at SIZE_MAX", CRJIT_NPOS, 3, 0 },
    { "get_bodies: max 0", 0, 0, 0 },
    { "get_bodies: max larger than everything", 0, 100, HOST_BODIES },
};

static void run_get_case(void **state)
{
    const get_case *c = *state;
    fixture f;
    crjit_host_ops ops;
    crjit_body out[100];
    size_t got = SENTINEL_LINE, i;

    host_fixture(&f, &ops);
    memset(out, 0, sizeof out);
    assert_int_equal(ops.get_bodies(f.cache, c->first, out, c->max, &got), 0);
    assert_int_equal(got, c->got);
    for (i = 0; i < got; i++)
        assert_same_body(&out[i], crjit_codecache_body(f.cache, c->first + i));
    /* nothing written beyond got */
    for (i = got; i < ARRAY_SIZE(out); i++)
        assert_null(out[i].class_name);
    fx_close(&f);
}

static void test_get_bodies_bad_calls(void **state)
{
    fixture f;
    crjit_host_ops ops;
    crjit_body out[2];
    size_t got = SENTINEL_LINE;

    (void)state;
    host_fixture(&f, &ops);
    assert_int_not_equal(ops.get_bodies(f.cache, 0, NULL, 2, &got), 0);
    assert_int_not_equal(ops.get_bodies(f.cache, 0, out, 2, NULL), 0);
    assert_int_not_equal(ops.get_bodies(NULL, 0, out, 2, &got), 0);
    assert_int_equal(got, SENTINEL_LINE);
    /* NULL out is fine when nothing is asked for */
    assert_int_equal(ops.get_bodies(f.cache, 0, NULL, 0, &got), 0);
    assert_int_equal(got, 0);
    fx_close(&f);
}

/* Slices handed out stay valid and unchanged while the cache grows (the
 * contract only asks until the next request). */
static void test_get_bodies_stable(void **state)
{
    fixture f;
    crjit_host_ops ops;
    crjit_body out[HOST_BODIES];
    size_t got = 0, i;
    static const exp_body first = { "java/lang/String", "hashCode", "()I",
                                    DEF };
    static const exp_body last = { "a/C", "y", "(J)J", DEF };

    (void)state;
    host_fixture(&f, &ops);
    assert_int_equal(ops.get_bodies(f.cache, 0, out, HOST_BODIES, &got), 0);
    assert_int_equal(got, HOST_BODIES);
    for (i = 0; i < 200; i++) {
        char line[64];
        int n = snprintf(line, sizeof line, "grow/C%zu.m%zu()V aot\n", i, i);
        assert_true(n > 0 && (size_t)n < sizeof line);
        assert_int_equal(crjit_codecache_load(f.cache, line, (size_t)n, NULL),
                         CRJIT_OK);
    }
    assert_int_equal(crjit_codecache_count(f.cache), HOST_BODIES + 200);
    assert_body(&out[0], &first);
    assert_body(&out[HOST_BODIES - 1], &last);
    for (i = 0; i < HOST_BODIES; i++) {
        const crjit_body *now = crjit_codecache_body(f.cache, i);
        assert_ptr_equal(out[i].class_name, now->class_name);
        assert_ptr_equal(out[i].method_name, now->method_name);
        assert_ptr_equal(out[i].descriptor, now->descriptor);
    }
    fx_close(&f);
}

typedef struct index_case {
    const char *name;
    size_t index;
    bool ok;
} index_case;

static const index_case index_cases[] = {
    { "index: first body", 0, true },
    { "index: a middle body", 3, true },
    { "index: last body", HOST_BODIES - 1, true },
    { "index: one past the end", HOST_BODIES, false },
    { "index: far beyond the end", HOST_BODIES + 1000, false },
    { "index: CRJIT_NPOS", CRJIT_NPOS, false },
};

static void run_invalidate_case(void **state)
{
    const index_case *c = *state;
    fixture f;
    crjit_host_ops ops;
    size_t i;

    host_fixture(&f, &ops);
    if (c->ok) {
        assert_int_equal(ops.invalidate(f.cache, c->index), 0);
        assert_int_equal(crjit__codecache_invalidations(f.cache), 1);
        /* again: still invalidated, counted again */
        assert_int_equal(ops.invalidate(f.cache, c->index), 0);
        assert_int_equal(crjit__codecache_invalidations(f.cache), 2);
    } else {
        assert_int_not_equal(ops.invalidate(f.cache, c->index), 0);
        assert_int_equal(crjit__codecache_invalidations(f.cache), 0);
    }
    for (i = 0; i < HOST_BODIES; i++)
        assert_int_equal(crjit_codecache_invalidated(f.cache, i),
                         c->ok && i == c->index);
    /* invalidation is not a memo operation, nor a change of the body */
    assert_int_equal(crjit__codecache_forgets(f.cache), 0);
    assert_int_equal(crjit__codecache_purges(f.cache), 0);
    fx_close(&f);
}

static void run_forget_case(void **state)
{
    const index_case *c = *state;
    fixture f;
    crjit_host_ops ops;
    size_t i;

    host_fixture(&f, &ops);
    if (c->ok) {
        assert_int_equal(ops.forget_memoized(f.cache, c->index), 0);
        assert_int_equal(ops.forget_memoized(f.cache, c->index), 0);
        assert_int_equal(crjit__codecache_forgets(f.cache), 2);
    } else {
        assert_int_not_equal(ops.forget_memoized(f.cache, c->index), 0);
        assert_int_equal(crjit__codecache_forgets(f.cache), 0);
    }
    for (i = 0; i < HOST_BODIES; i++) {
        assert_int_equal(crjit__codecache_forgotten(f.cache, i),
                         c->ok && i == c->index ? 2 : 0);
        assert_false(crjit_codecache_invalidated(f.cache, i));
    }
    assert_int_equal(crjit__codecache_forgotten(f.cache, c->index),
                     c->ok ? 2 : 0);
    assert_int_equal(crjit__codecache_invalidations(f.cache), 0);
    fx_close(&f);
}

static void test_purge(void **state)
{
    fixture f;
    crjit_host_ops ops;

    (void)state;
    host_fixture(&f, &ops);
    assert_int_equal(crjit__codecache_purges(f.cache), 0);
    assert_int_equal(ops.purge_memoized(f.cache), 0);
    assert_int_equal(ops.purge_memoized(f.cache), 0);
    assert_int_equal(crjit__codecache_purges(f.cache), 2);
    assert_int_not_equal(ops.purge_memoized(NULL), 0);
    assert_int_not_equal(ops.invalidate(NULL, 0), 0);
    assert_int_not_equal(ops.forget_memoized(NULL, 0), 0);
    assert_int_equal(crjit__codecache_purges(f.cache), 2);
    assert_int_equal(crjit__codecache_invalidations(f.cache), 0);
    assert_int_equal(crjit__codecache_forgets(f.cache), 0);
    /* bodies untouched */
    assert_int_equal(crjit_codecache_count(f.cache), HOST_BODIES);
    fx_close(&f);
}

/* ---- allocation failure ------------------------------------------------------ */

/* A 20-line file: bodies with every flag, comments and blank lines.  Long
 * class names make the "long" variant's names exceed an arena block. */
static char *twenty_lines(size_t pad, size_t *len, size_t *bodies)
{
    static const char *const tails[] = {
        "", " native", " no-body-info", " aot", " on-stack", " post-restore",
        " aot on-stack # hot", " native post-restore",
    };
    size_t cap = 20 * (pad + 96), n = 0, i;
    char *text = malloc(cap);

    assert_non_null(text);
    *bodies = 0;
    for (i = 0; i < 20; i++) {
        int w;
        if (i % 7 == 3)
            w = snprintf(text + n, cap - n, "# comment %zu\n", i);
        else if (i % 9 == 4)
            w = snprintf(text + n, cap - n, "\r\n");
        else {
            w = snprintf(text + n, cap - n, "pkg/%0*zu.m%zu(I)V%s\n",
                         (int)pad, i, i, tails[i % ARRAY_SIZE(tails)]);
            ++*bodies;
        }
        assert_true(w > 0 && (size_t)w < cap - n);
        n += (size_t)w;
    }
    *len = n;
    return text;
}

typedef struct nomem_case {
    const char *name;
    size_t preload; /* bodies added before the load */
    size_t pad;     /* class-name length */
} nomem_case;

static const nomem_case nomem_cases[] = {
    { "nomem: load into an empty cache", 0, 4 },
    { "nomem: load into a cache with bodies", 3, 4 },
    { "nomem: load of names above an arena block", 3, 300 },
    { "nomem: load into a full record array", 8, 20 },
};

static void run_nomem_case(void **state)
{
    const nomem_case *c = *state;
    size_t len, bodies, k;
    char *text = twenty_lines(c->pad, &len, &bodies);
    bool finished = false;

    for (k = 1; !finished; k++) {
        fixture f;
        crjit_body before[8];
        size_t i, line = SENTINEL_LINE;
        crjit_status st;

        assert_true(k < 100);
        fx_open(&f, false);
        for (i = 0; i < c->preload; i++) {
            exp_body e = { "pre/P", "m", "()V", DEF };
            add_exp(f.cache, &e);
            before[i] = *crjit_codecache_body(f.cache, i);
        }
        f.st.fail_at = f.st.total + k;
        st = crjit_codecache_load(f.cache, text, len, &line);
        finished = f.st.total < f.st.fail_at; /* no allocation failed */
        assert_int_equal(line, SENTINEL_LINE);
        if (st == CRJIT_OK) {
            assert_int_equal(crjit_codecache_count(f.cache),
                             c->preload + bodies);
            assert_int_equal(crjit_codecache_body(f.cache, c->preload)->flags,
                             DEF);
        } else {
            assert_int_equal(st, CRJIT_E_NOMEM);
            assert_false(finished);
            assert_int_equal(crjit_codecache_count(f.cache), c->preload);
            assert_null(crjit_codecache_body(f.cache, c->preload));
        }
        for (i = 0; i < c->preload; i++)
            assert_same_body(crjit_codecache_body(f.cache, i), &before[i]);
        /* after a failure the cache works once memory is back */
        f.st.fail_at = 0;
        if (st != CRJIT_OK) {
            assert_int_equal(crjit_codecache_load(f.cache, text, len, NULL),
                             CRJIT_OK);
            assert_int_equal(crjit_codecache_count(f.cache),
                             c->preload + bodies);
        }
        fx_close(&f);
    }
    free(text);
}

/* Every allocation of new + add + load + host ops fails once in turn. */
static void test_nomem_whole_run(void **state)
{
    size_t len, bodies, k;
    char *text = twenty_lines(10, &len, &bodies);
    bool finished = false;

    (void)state;
    for (k = 1; !finished; k++) {
        test_alloc st;
        crjit_ctx *ctx;
        crjit_codecache *cache = NULL;
        crjit_body b = make_body("x/Y", "z", "()V", DEF);
        crjit_status s;
        size_t expect = 0;

        assert_true(k < 100);
        memset(&st, 0, sizeof st);
        ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
        st.fail_at = st.total + k;
        s = crjit_codecache_new(ctx, &cache);
        if (s == CRJIT_OK) {
            s = crjit_codecache_add(cache, &b);
            assert_true(s == CRJIT_OK || s == CRJIT_E_NOMEM);
            if (s == CRJIT_OK)
                expect++;
            assert_int_equal(crjit_codecache_count(cache), expect);
            s = crjit_codecache_load(cache, text, len, NULL);
            assert_true(s == CRJIT_OK || s == CRJIT_E_NOMEM);
            if (s == CRJIT_OK)
                expect += bodies;
            assert_int_equal(crjit_codecache_count(cache), expect);
        } else {
            assert_int_equal(s, CRJIT_E_NOMEM);
            assert_null(cache);
        }
        finished = st.total < st.fail_at;
        if (finished)
            assert_int_equal(expect, 1 + bodies);
        crjit_codecache_free(cache);
        crjit_ctx_free(ctx);
        assert_int_equal(st.live, 0);
    }
    free(text);
}

/* ---- main ------------------------------------------------------------------ */

#define EXTRA_TESTS 11

int main(void)
{
    static struct CMUnitTest
        tests[ARRAY_SIZE(load_cases) + ARRAY_SIZE(bad_cases) +
              ARRAY_SIZE(add_cases) + ARRAY_SIZE(get_cases) +
              2 * ARRAY_SIZE(index_cases) + ARRAY_SIZE(nomem_cases) +
              EXTRA_TESTS];
    size_t i, n = 0;

#define ADD_ROWS(table, fn)                                                  \
    for (i = 0; i < ARRAY_SIZE(table); i++) {                                \
        struct CMUnitTest t = { table[i].name, fn, NULL, NULL,               \
                                (void *)(uintptr_t)&table[i] };              \
        tests[n++] = t;                                                      \
    }
    ADD_ROWS(load_cases, run_load_case)
    ADD_ROWS(bad_cases, run_bad_case)
    ADD_ROWS(add_cases, run_add_case)
    ADD_ROWS(get_cases, run_get_case)
    ADD_ROWS(nomem_cases, run_nomem_case)
#undef ADD_ROWS
    for (i = 0; i < ARRAY_SIZE(index_cases); i++) {
        static char names[2 * ARRAY_SIZE(index_cases)][64];
        struct CMUnitTest t = { NULL, run_invalidate_case, NULL, NULL,
                                (void *)(uintptr_t)&index_cases[i] };
        snprintf(names[2 * i], sizeof names[0], "invalidate %s",
                 index_cases[i].name);
        snprintf(names[2 * i + 1], sizeof names[0], "forget_memoized %s",
                 index_cases[i].name);
        t.name = names[2 * i];
        tests[n++] = t;
        t.name = names[2 * i + 1];
        t.test_func = run_forget_case;
        tests[n++] = t;
    }
    {
        const struct CMUnitTest extra[EXTRA_TESTS] = {
            cmocka_unit_test(test_add_copies),
            cmocka_unit_test(test_line_limit),
            cmocka_unit_test(test_file_limit),
            cmocka_unit_test(test_body_limit),
            cmocka_unit_test(test_invalid_params),
            cmocka_unit_test(test_host_ops_filled),
            cmocka_unit_test(test_get_bodies_batches),
            cmocka_unit_test(test_get_bodies_bad_calls),
            cmocka_unit_test(test_get_bodies_stable),
            cmocka_unit_test(test_purge),
            cmocka_unit_test(test_nomem_whole_run),
        };
        for (i = 0; i < EXTRA_TESTS; i++)
            tests[n++] = extra[i];
    }
    return cmocka_run_group_tests_name("codecache", tests, NULL, NULL);
}
