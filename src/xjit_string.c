/* Building the -Xjit: / -Xaot: option string from the restore arguments
 * (D-1…D-3, B-26). */
#include "xjit.h"

#include <string.h>

static crjit_status add_segment(const crjit_ctx *ctx, crjit__xstring *s,
                                size_t *cap, size_t str_off, size_t arg,
                                size_t arg_off)
{
    if (crjit__grow(ctx, (void **)&s->segments, cap, s->segment_count + 1,
                    sizeof *s->segments) != CRJIT_OK)
        return CRJIT_E_NOMEM;
    s->segments[s->segment_count].str_off = str_off;
    s->segments[s->segment_count].arg = arg;
    s->segments[s->segment_count].arg_off = arg_off;
    s->segment_count++;
    return CRJIT_OK;
}

/* D-2: the rightmost entry only (found, not consumed: B-26). */
static crjit_status single(const crjit_ctx *ctx, crjit_ral *ral,
                           const char *prefix, crjit__xstring *out)
{
    size_t cap = 0, plen = strlen(prefix), len;
    size_t i = crjit_ral_find(ral, CRJIT_MATCH_STARTSWITH, prefix, 0, 0);
    const char *text;

    if (i == CRJIT_NPOS)
        return CRJIT_OK;
    out->present = true;
    out->entries = 1;
    text = crjit_args_text(crjit_ral_args(ral), i, &len, NULL);
    out->len = len - plen;
    out->empty = out->len == 0;
    out->text = crjit__alloc(ctx, out->len + 1);
    if (out->text == NULL)
        return CRJIT_E_NOMEM;
    memcpy(out->text, text + plen, out->len);
    out->text[out->len] = '\0';
    return add_segment(ctx, out, &cap, 0, i, plen);
}

/* D-3: every entry left to right, joined with ',' (empty values skipped),
 * each consumed directly. */
static crjit_status merged(const crjit_ctx *ctx, crjit_ral *ral,
                           const char *prefix, crjit__xstring *out)
{
    const crjit_args *args = crjit_ral_args(ral);
    size_t plen = strlen(prefix), total = 0, at = 0, cap = 0, i, len;
    const char *text;

    /* First pass: size. */
    while ((i = crjit_ral_find(ral, CRJIT_MATCH_STARTSWITH, prefix,
                               CRJIT_FIND_FORWARD | CRJIT_FIND_STOP, at)) !=
           CRJIT_NPOS) {
        crjit_args_text(args, i, &len, NULL);
        total += len - plen + 1;
        out->entries++;
        at = i + 1;
    }
    if (out->entries == 0)
        return CRJIT_OK;
    out->present = true;
    out->text = crjit__alloc(ctx, total + 1);
    if (out->text == NULL)
        return CRJIT_E_NOMEM;
    at = 0;
    while ((i = crjit_ral_find(ral, CRJIT_MATCH_STARTSWITH, prefix,
                               CRJIT_FIND_FORWARD | CRJIT_FIND_STOP, at)) !=
           CRJIT_NPOS) {
        text = crjit_args_text(args, i, &len, NULL);
        crjit_ral_consume_at(ral, i);
        at = i + 1;
        if (len == plen)
            continue;
        if (out->len != 0)
            out->text[out->len++] = ',';
        if (add_segment(ctx, out, &cap, out->len, i, plen) != CRJIT_OK)
            return CRJIT_E_NOMEM;
        memcpy(out->text + out->len, text + plen, len - plen);
        out->len += len - plen;
    }
    out->text[out->len] = '\0';
    out->empty = out->len == 0;
    return CRJIT_OK;
}

crjit_status crjit__xjit_string(const crjit_ctx *ctx, crjit_ral *ral,
                                const char *prefix, bool merge,
                                crjit__xstring *out)
{
    crjit_status st;
    memset(out, 0, sizeof *out);
    st = merge ? merged(ctx, ral, prefix, out) : single(ctx, ral, prefix, out);
    if (st != CRJIT_OK)
        crjit__xstring_free(ctx, out);
    return st;
}

void crjit__xstring_free(const crjit_ctx *ctx, crjit__xstring *s)
{
    crjit__free(ctx, s->text);
    crjit__free(ctx, s->segments);
    memset(s, 0, sizeof *s);
}

void crjit__xstring_locate(const crjit__xstring *s, size_t off, size_t *arg,
                           size_t *arg_off)
{
    size_t lo = 0, hi = s->segment_count, k;
    if (s->segment_count == 0) {
        *arg = CRJIT_NPOS;
        *arg_off = off;
        return;
    }
    /* The last segment starting at or before off (segments are ascending). */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->segments[mid].str_off <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    k = lo == 0 ? 0 : lo - 1;
    *arg = s->segments[k].arg;
    *arg_off = s->segments[k].arg_off + (off - s->segments[k].str_off);
}
