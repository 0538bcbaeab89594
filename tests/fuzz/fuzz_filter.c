/* fuzz_filter: the filter compiler and matcher (crjit_filters_*).
 *
 * Input: NUL-separated records; the first byte of a record says what it is:
 *   'x' SPEC   add an exclude= filter      'l' SPEC   add a limit= filter
 *   'm' SIG    a method to decide: class.name(descriptor), split at the
 *              first '(' and the last '.' before it
 *   's'        seal now and decide the methods seen so far (adding more
 *              unseals the set)
 *   other      add a filter, exclude or limit by the byte's low bit
 *
 * Invariants: add returns OK or PARSE (with the error offset inside the
 * spec); crjit__filter_extent stays inside the text; an unsealed set allows
 * everything; a sealed set gives the same answer twice, the same answer as
 * the internal matcher, and the same answer as a second set built from the
 * same records; no allocation outlives the context. */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

#include "filter.h"

#define MAX_SIGS 64

static fuzz_alloc A;

typedef struct sig {
    char *buf; /* exact-size copy of the record */
    size_t cls_len, name_off, name_len, desc_off, desc_len;
} sig;

static void split_sig(sig *s, const uint8_t *p, size_t len)
{
    const uint8_t *paren = memchr(p, '(', len);
    size_t head = paren != NULL ? (size_t)(paren - p) : len, dot = head;

    s->buf = fuzz_dup(p, len);
    while (dot > 0 && p[dot - 1] != '.')
        dot--;
    /* dot is one past the last '.' before the '(' (0: none) */
    s->cls_len = dot > 0 ? dot - 1 : 0;
    s->name_off = dot;
    s->name_len = head - dot;
    s->desc_off = head;
    s->desc_len = len - head;
}

static crjit_filter_result decide(const crjit_filters *f, const sig *s)
{
    return crjit_filters_decide(f, s->buf, s->cls_len, s->buf + s->name_off,
                                s->name_len, s->buf + s->desc_off,
                                s->desc_len);
}

static void check_sealed(const crjit_filters *f, const sig *sigs, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        const sig *s = &sigs[i];
        crjit_filter_result r1 = decide(f, s), r2 = decide(f, s);
        FUZZ_CHECK(r1 <= CRJIT_FILTER_ALLOWED_IF_EXCLUDED);
        FUZZ_CHECK(r1 == r2);
        FUZZ_CHECK(r1 == crjit__filters_decide(f, s->buf, s->cls_len,
                                               s->buf + s->name_off,
                                               s->name_len,
                                               s->buf + s->desc_off,
                                               s->desc_len));
    }
}

/* Build a set from the records; returns it sealed.  The first build
 * collects the signatures and checks along the way. */
static crjit_filters *build(crjit_ctx *ctx, const uint8_t *data, size_t size,
                            sig *sigs, size_t *nsigs, bool first)
{
    crjit_filters *f = NULL;
    fuzz_in in = { data, size };
    const uint8_t *rec;
    size_t len;
    bool sealed = false;

    FUZZ_CHECK(crjit_filters_new(ctx, &f) == CRJIT_OK);
    while (fuzz_part(&in, 0, &rec, &len)) {
        uint8_t kind = len != 0 ? rec[0] : 0;
        const uint8_t *body = rec + (len != 0);
        size_t blen = len != 0 ? len - 1 : 0;

        if (kind == 'm') {
            if (first && *nsigs < MAX_SIGS) {
                split_sig(&sigs[*nsigs], body, blen);
                if (!sealed)
                    FUZZ_CHECK(decide(f, &sigs[*nsigs]) ==
                               CRJIT_FILTER_ALLOWED);
                ++*nsigs;
            }
        } else if (kind == 's') {
            FUZZ_CHECK(crjit_filters_seal(f) == CRJIT_OK);
            sealed = true;
            if (first)
                check_sealed(f, sigs, *nsigs);
        } else {
            crjit_filter_type type =
                kind == 'x'   ? CRJIT_FILTER_EXCLUDE
                : kind == 'l' ? CRJIT_FILTER_INCLUDE
                              : (crjit_filter_type)(kind & 1);
            char *spec = fuzz_dup(body, blen);
            size_t off = CRJIT_NPOS;
            crjit_status st = crjit_filters_add(f, type, spec, blen, &off);
            size_t i;
            FUZZ_CHECK(st == CRJIT_OK || st == CRJIT_E_PARSE);
            if (st == CRJIT_E_PARSE)
                FUZZ_CHECK(off <= blen);
            if (first) {
                size_t ext = crjit__filter_extent(spec, blen);
                FUZZ_CHECK(ext <= blen);
            }
            free(spec);
            if (st == CRJIT_OK)
                sealed = false;
            /* unsealed: everything is allowed */
            if (first && !sealed)
                for (i = 0; i < *nsigs; i++)
                    FUZZ_CHECK(decide(f, &sigs[i]) == CRJIT_FILTER_ALLOWED);
        }
    }
    FUZZ_CHECK(crjit_filters_seal(f) == CRJIT_OK);
    FUZZ_CHECK(crjit_filters_seal(f) == CRJIT_OK); /* sealing twice is fine */
    return f;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crjit_config cfg = CRJIT_CONFIG_INIT;
    crjit_ctx *ctx = NULL;
    crjit_filters *f1, *f2;
    sig sigs[MAX_SIGS];
    size_t nsigs = 0, i;

    if (size > 65536)
        return 0;
    memset(&A, 0, sizeof A);
    cfg.allocator = fuzz_allocator(&A);
    FUZZ_CHECK(crjit_ctx_new(&cfg, &ctx) == CRJIT_OK);

    f1 = build(ctx, data, size, sigs, &nsigs, true);
    check_sealed(f1, sigs, nsigs);
    f2 = build(ctx, data, size, sigs, &nsigs, false);
    for (i = 0; i < nsigs; i++)
        FUZZ_CHECK(decide(f1, &sigs[i]) == decide(f2, &sigs[i]));

    crjit_filters_free(f1);
    crjit_filters_free(f2);
    crjit_ctx_free(ctx);
    FUZZ_CHECK(A.live == 0);
    for (i = 0; i < nsigs; i++)
        free(sigs[i].buf);
    return 0;
}
