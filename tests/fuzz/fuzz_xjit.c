/* fuzz_xjit: one -Xjit: option string through the internal parser
 * crjit__xjit_parse, with filter stores and a limitfile reader.
 *
 * Input:  [1 byte: flags] option string [NUL limitfile text]
 * Flags:  0x01 parse as a subset's inner options (in_subset)
 *         0x02 host extra sub-option names    0x04 no compile-filter store
 *         0x08 no load-filter store           0x10 no limitfile reader
 *         0x20 parse every subset's inner options too
 * The reader serves the limitfile text for every path except one that
 * starts with '!' (unreadable).
 *
 * Invariants: the parse succeeds (no allocation fails here); the error
 * offset and every item, value, subset and replacement offset lie inside
 * the string; the filter stores seal and answer the same twice; no
 * allocation outlives the context. */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

#include "xjit.h"

static fuzz_alloc A;

typedef struct lf_reader {
    const char *text;
    size_t len;
    unsigned reads;
} lf_reader;

static int read_lf(void *user, const char *path, size_t path_len,
                   const char **text, size_t *len)
{
    lf_reader *r = user;
    FUZZ_CHECK(path != NULL || path_len == 0);
    r->reads++;
    if (path_len != 0 && path[0] == '!')
        return 1;
    *text = r->text;
    *len = r->len;
    return 0;
}

static const char *const extra[] = { "hostFlag", "hostValue=", "x" };

/* A few signatures to ask the filter stores about. */
static const char *const sigs[][3] = {
    { "java/lang/String", "hashCode", "()I" },
    { "a/B", "c", "()V" },
    { "com/example/app/Main", "main", "([Ljava/lang/String;)V" },
    { "", "", "" },
};

static void check_filters(const crjit_filters *f)
{
    size_t i;
    if (f == NULL)
        return;
    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        const char *c = sigs[i][0], *n = sigs[i][1], *d = sigs[i][2];
        crjit_filter_result r1 = crjit_filters_decide(
            f, c, strlen(c), n, strlen(n), d, strlen(d));
        crjit_filter_result r2 = crjit_filters_decide(
            f, c, strlen(c), n, strlen(n), d, strlen(d));
        FUZZ_CHECK(r1 == r2);
        FUZZ_CHECK(r1 <= CRJIT_FILTER_ALLOWED_IF_EXCLUDED);
    }
}

static void check_result(const crjit__xjit *x, size_t len)
{
    size_t i;

    if (x->failed) {
        FUZZ_CHECK(x->error_offset <= len);
        FUZZ_CHECK(x->error_token_len <= len - x->error_offset);
        FUZZ_CHECK(x->error != NULL);
    }
    FUZZ_CHECK(x->count <= x->cap || x->items == NULL);
    for (i = 0; i < x->count; i++) {
        const crjit__xitem *it = &x->items[i];
        FUZZ_CHECK(it->name != NULL);
        FUZZ_CHECK(it->offset <= len && it->len <= len - it->offset);
        if (it->value_len != 0) {
            FUZZ_CHECK(it->value_off >= it->offset);
            FUZZ_CHECK(it->value_off <= len &&
                       it->value_len <= len - it->value_off);
            FUZZ_CHECK(it->value_off + it->value_len <= it->offset + it->len);
        }
    }
    for (i = 0; i < x->subset_count; i++) {
        const crjit__xsubset *s = &x->subsets[i];
        FUZZ_CHECK(s->kind <= XS_LIMIT);
        FUZZ_CHECK(s->offset <= len && s->len <= len - s->offset);
        FUZZ_CHECK(s->inner_off <= len && s->inner_len <= len - s->inner_off);
        FUZZ_CHECK(s->inner_off >= s->offset &&
                   s->inner_off + s->inner_len <= s->offset + s->len);
    }
    for (i = 0; i < x->replaced_count; i++)
        FUZZ_CHECK(x->replaced_at[i] <= len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crjit_config cfg = CRJIT_CONFIG_INIT;
    crjit_ctx *ctx = NULL;
    crjit_filters *cf = NULL, *lf = NULL;
    crjit__xjit_env env;
    crjit__xjit x;
    lf_reader reader;
    const uint8_t *opt, *nul;
    size_t opt_len, i;
    char *text, *limit;
    uint8_t flags;

    if (size > 65536 || size == 0)
        return 0;
    memset(&A, 0, sizeof A);
    flags = data[0];
    data++;
    size--;
    nul = memchr(data, 0, size);
    opt = data;
    opt_len = nul != NULL ? (size_t)(nul - data) : size;
    text = fuzz_dup(opt, opt_len);
    limit = nul != NULL ? fuzz_dup(nul + 1, size - opt_len - 1)
                        : fuzz_dup(data, 0);
    memset(&reader, 0, sizeof reader);
    reader.text = limit;
    reader.len = nul != NULL ? size - opt_len - 1 : 0;

    cfg.allocator = fuzz_allocator(&A);
    FUZZ_CHECK(crjit_ctx_new(&cfg, &ctx) == CRJIT_OK);
    if (!(flags & 0x04))
        FUZZ_CHECK(crjit_filters_new(ctx, &cf) == CRJIT_OK);
    if (!(flags & 0x08))
        FUZZ_CHECK(crjit_filters_new(ctx, &lf) == CRJIT_OK);

    memset(&env, 0, sizeof env);
    env.compile_filters = cf;
    env.load_filters = lf;
    env.read_file = (flags & 0x10) ? NULL : read_lf;
    env.read_user = &reader;
    if (flags & 0x02) {
        env.extra = extra;
        env.extra_count = sizeof extra / sizeof extra[0];
    }
    env.in_subset = (flags & 0x01) != 0;

    FUZZ_CHECK(crjit__xjit_parse(ctx, text, opt_len, &env, &x) == CRJIT_OK);
    check_result(&x, opt_len);

    /* The inner options of each subset, as the planner parses them. */
    if ((flags & 0x20) && !env.in_subset) {
        crjit__xjit_env inner_env = env;
        inner_env.in_subset = true;
        for (i = 0; i < x.subset_count; i++) {
            const crjit__xsubset *s = &x.subsets[i];
            crjit__xjit y;
            FUZZ_CHECK(crjit__xjit_parse(ctx, text + s->inner_off,
                                         s->inner_len, &inner_env,
                                         &y) == CRJIT_OK);
            check_result(&y, s->inner_len);
            crjit__xjit_free(ctx, &y);
        }
    }

    if (cf != NULL) {
        FUZZ_CHECK(crjit_filters_seal(cf) == CRJIT_OK);
        check_filters(cf);
    }
    if (lf != NULL) {
        FUZZ_CHECK(crjit_filters_seal(lf) == CRJIT_OK);
        check_filters(lf);
    }

    crjit__xjit_free(ctx, &x);
    FUZZ_CHECK(x.items == NULL && x.count == 0);
    crjit_filters_free(cf);
    crjit_filters_free(lf);
    crjit_ctx_free(ctx);
    FUZZ_CHECK(A.live == 0);
    free(text);
    free(limit);
    return 0;
}
