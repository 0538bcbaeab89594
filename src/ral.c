/* The working view of a restore argument list: consume state, the one-time
 * index, searches (A-13…A-28) and value readers (A-29…A-31, DV-5). */
#include "crjit_internal.h"

#include <string.h>

/* ---- index ----------------------------------------------------------------- */

typedef struct index_build {
    uint32_t *counts; /* per name id */
    uint32_t *post;
    uint32_t entry;
    bool fill;
} index_build;

static void on_prefix(void *user, size_t id)
{
    index_build *b = user;
    if (b->fill)
        b->post[b->counts[id]++] = b->entry;
    else
        b->counts[id]++;
}

static bool born_exempt(const crjit__entry *e)
{
    static const char enc[] = "-Xargencoding";
    static const char noconv[] = "-Xnoargsconversion";
    if (e->len >= sizeof enc - 1 && memcmp(e->text, enc, sizeof enc - 1) == 0)
        return true;
    return e->len == sizeof noconv - 1 &&
           memcmp(e->text, noconv, sizeof noconv - 1) == 0;
}

static crjit_status build_index(crjit_ral *ral)
{
    const crjit_args *args = ral->args;
    const crjit_ctx *ctx = args->ctx;
    size_t k = crjit__known_name_count(), i, total = 0;
    index_build b;

    memset(&b, 0, sizeof b);
    ral->post_off = crjit__calloc(ctx, k + 1, sizeof *ral->post_off);
    b.counts = crjit__calloc(ctx, k, sizeof *b.counts);
    if (ral->post_off == NULL || b.counts == NULL)
        goto nomem;
    for (i = 0; i < args->count; i++) {
        b.entry = (uint32_t)i;
        crjit__known_prefixes(&ctx->names, args->entries[i].text,
                              args->entries[i].len, on_prefix, &b);
    }
    for (i = 0; i < k; i++) {
        ral->post_off[i] = (uint32_t)total;
        total += b.counts[i];
        b.counts[i] = ral->post_off[i];
    }
    ral->post_off[k] = (uint32_t)total;
    ral->post = crjit__calloc(ctx, total, sizeof *ral->post);
    if (ral->post == NULL)
        goto nomem;
    b.post = ral->post;
    b.fill = true;
    for (i = 0; i < args->count; i++) {
        b.entry = (uint32_t)i;
        crjit__known_prefixes(&ctx->names, args->entries[i].text,
                              args->entries[i].len, on_prefix, &b);
    }
    crjit__free(ctx, b.counts);
    return CRJIT_OK;
nomem:
    crjit__free(ctx, b.counts);
    return CRJIT_E_NOMEM;
}

crjit_status crjit_ral_new(const crjit_args *args, crjit_ral **out)
{
    const crjit_ctx *ctx;
    crjit_ral *ral;
    size_t i, n;

    if (args == NULL || out == NULL)
        return CRJIT_E_INVALID_ARG;
    ctx = args->ctx;
    n = args->count;
    ral = crjit__calloc(ctx, 1, sizeof *ral);
    if (ral == NULL)
        return CRJIT_E_NOMEM;
    ral->args = args;
    ral->flags = crjit__calloc(ctx, n, sizeof *ral->flags);
    ral->winner = crjit__calloc(ctx, n, sizeof *ral->winner);
    if (ral->flags == NULL || ral->winner == NULL ||
        build_index(ral) != CRJIT_OK) {
        crjit_ral_free(ral);
        return CRJIT_E_NOMEM;
    }
    for (i = 0; i < n; i++)
        if (born_exempt(&args->entries[i]))
            ral->flags[i] = CRJIT__F_EXEMPT | CRJIT__F_BORN_EXEMPT;
    *out = ral;
    return CRJIT_OK;
}

void crjit_ral_free(crjit_ral *ral)
{
    const crjit_ctx *ctx;
    if (ral == NULL)
        return;
    ctx = ral->args->ctx;
    crjit__free(ctx, ral->flags);
    crjit__free(ctx, ral->winner);
    crjit__free(ctx, ral->post_off);
    crjit__free(ctx, ral->post);
    crjit__free(ctx, ral);
}

const crjit_args *crjit_ral_args(const crjit_ral *ral)
{
    return ral != NULL ? ral->args : NULL;
}

/* ---- matching ------------------------------------------------------------------ */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A-17…A-21 for entry e and name (nlen bytes). */
static bool matches(crjit_match kind, const crjit__entry *e, const char *name,
                    size_t nlen)
{
    char next;
    if (e->len < nlen || memcmp(e->text, name, nlen) != 0)
        return false;
    next = e->text[nlen]; /* the terminating NUL when e->len == nlen */
    switch (kind) {
    case CRJIT_MATCH_EXACT: return e->len == nlen;
    case CRJIT_MATCH_STARTSWITH: return true;
    case CRJIT_MATCH_EXACT_MEMORY: return is_digit(next);
    case CRJIT_MATCH_OPTIONAL_LIST: return next == '\0' || next == ':';
    case CRJIT_MATCH_OPTIONAL_LIST_EQUALS: return next == '\0' || next == '=';
    }
    return false;
}

typedef struct scan {
    crjit_ral *ral;
    crjit_match kind;
    const char *name;
    size_t nlen;
    size_t lo, hi; /* entry range [lo, hi) */
    bool forward;
    const uint32_t *post; /* candidate entries, or NULL for all */
    size_t npost;
} scan;

/* First k in post[0..n) with post[k] >= v. */
static size_t lower_bound(const uint32_t *post, size_t n, size_t v)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (post[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Restrict the candidates to the entry range, so a bounded scan costs
 * O(log matches + matches in range). */
static void clip(scan *s)
{
    if (s->post != NULL) {
        size_t b = lower_bound(s->post, s->npost, s->lo);
        size_t e = lower_bound(s->post, s->npost, s->hi);
        s->post += b;
        s->npost = e - b;
    }
}

/* i-th candidate in scan order, or CRJIT_NPOS past the end. */
static size_t candidate(const scan *s, size_t i)
{
    size_t n = s->post != NULL ? s->npost : s->hi - s->lo;
    size_t k;
    if (i >= n)
        return CRJIT_NPOS;
    k = s->forward ? i : n - 1 - i;
    return s->post != NULL ? s->post[k] : s->lo + k;
}

static bool hit(const scan *s, size_t e)
{
    return e >= s->lo && e < s->hi &&
           matches(s->kind, &s->ral->args->entries[e], s->name, s->nlen);
}

static void exempt(crjit_ral *ral, size_t e, size_t winner)
{
    ral->flags[e] = (uint8_t)((ral->flags[e] &
                               (CRJIT__F_EVER_CONSUMED | CRJIT__F_BORN_EXEMPT)) |
                              CRJIT__F_EXEMPT);
    ral->winner[e] = (uint32_t)winner + 1;
}

size_t crjit_ral_find(crjit_ral *ral, crjit_match kind, const char *name,
                      unsigned flags, size_t stop)
{
    size_t n, id, i, e, win = CRJIT_NPOS;
    scan s;

    if (ral == NULL || name == NULL || ral->args->count == 0)
        return CRJIT_NPOS;
    n = ral->args->count;
    memset(&s, 0, sizeof s);
    s.ral = ral;
    s.kind = kind;
    s.name = name;
    s.nlen = strlen(name);
    s.forward = (flags & CRJIT_FIND_FORWARD) != 0;
    s.hi = n;
    if ((flags & CRJIT_FIND_STOP) != 0) {
        if (s.forward) {
            if (stop >= n)
                return CRJIT_NPOS;
            s.lo = stop;
        } else if (stop > 0 && stop < n) {
            s.hi = stop;
        }
    }
    id = crjit__known_name_id(&ral->args->ctx->names, name, s.nlen);
    if (id != CRJIT_NPOS) {
        s.post = ral->post + ral->post_off[id];
        s.npost = ral->post_off[id + 1] - ral->post_off[id];
        clip(&s);
    }
    for (i = 0; (e = candidate(&s, i)) != CRJIT_NPOS; i++) {
        if (!hit(&s, e))
            continue;
        if (win == CRJIT_NPOS) {
            win = e;
            if ((flags & CRJIT_FIND_CONSUME) == 0)
                return win; /* FIND stops at the first hit */
            ral->flags[e] |= CRJIT__F_CONSUMED | CRJIT__F_EVER_CONSUMED;
        } else {
            exempt(ral, e, win); /* */
        }
    }
    return win;
}

void crjit_ral_consume_at(crjit_ral *ral, size_t index)
{
    if (ral == NULL || index >= ral->args->count)
        return;
    ral->flags[index] |= CRJIT__F_CONSUMED | CRJIT__F_EVER_CONSUMED;
}

crjit_entry_state crjit_ral_state(const crjit_ral *ral, size_t index)
{
    if (ral == NULL || index >= ral->args->count)
        return CRJIT_ENTRY_UNCONSUMED;
    if (ral->flags[index] & CRJIT__F_CONSUMED)
        return CRJIT_ENTRY_CONSUMED;
    if (ral->flags[index] & CRJIT__F_EXEMPT)
        return CRJIT_ENTRY_EXEMPT;
    return CRJIT_ENTRY_UNCONSUMED;
}

/* ---- values ---------------------------------------------------------------------- */

crjit_value_status crjit_ral_value(const crjit_ral *ral, size_t index,
                                   char delim, const char **value, size_t *len)
{
    const crjit__entry *e;
    const char *d;

    if (ral == NULL || index >= ral->args->count)
        return CRJIT_VALUE_MISSING;
    e = &ral->args->entries[index];
    d = memchr(e->text, delim, e->len);
    if (d == NULL)
        return CRJIT_VALUE_MISSING;
    if (value != NULL)
        *value = d + 1;
    if (len != NULL)
        *len = e->len - (size_t)(d + 1 - e->text);
    return CRJIT_VALUE_OK;
}

/* Digits at text[*pos...]: at least one; stops at the first non-digit. */
static crjit_value_status scan_digits(const char *text, size_t len,
                                      size_t *pos, uint64_t *out)
{
    uint64_t v = 0;
    size_t i = *pos;

    if (i >= len || !is_digit(text[i]))
        return CRJIT_VALUE_MALFORMED;
    for (; i < len && is_digit(text[i]); i++) {
        unsigned d = (unsigned)(text[i] - '0');
        if (v > (UINT64_MAX - d) / 10) {
            *pos = i;
            return CRJIT_VALUE_OVERFLOW;
        }
        v = v * 10 + d;
    }
    *pos = i;
    *out = v;
    return CRJIT_VALUE_OK;
}

static crjit_value_status report(crjit_value_status st, size_t at,
                                 size_t *offset)
{
    if (offset != NULL)
        *offset = at;
    return st;
}

crjit_value_status crjit_ral_int(const crjit_ral *ral, size_t index,
                                 size_t name_len, uint64_t min, uint64_t max,
                                 uint64_t *value, size_t *offset)
{
    const crjit__entry *e;
    crjit_value_status st;
    size_t pos = name_len;
    uint64_t v = 0;

    if (ral == NULL || index >= ral->args->count)
        return report(CRJIT_VALUE_MISSING, 0, offset);
    e = &ral->args->entries[index];
    st = scan_digits(e->text, e->len, &pos, &v);
    if (st != CRJIT_VALUE_OK)
        return report(st, pos, offset);
    if (pos != e->len)
        return report(CRJIT_VALUE_MALFORMED, pos, offset);
    if (v < min || v > max)
        return report(CRJIT_VALUE_OUT_OF_RANGE, name_len, offset);
    if (value != NULL)
        *value = v;
    return report(CRJIT_VALUE_OK, name_len, offset);
}

static int suffix_shift(char c)
{
    switch (c) {
    case 'k': case 'K': return 10;
    case 'm': case 'M': return 20;
    case 'g': case 'G': return 30;
    case 't': case 'T': return 40;
    default: return -1;
    }
}

crjit_value_status crjit_ral_memory(const crjit_ral *ral, size_t index,
                                    size_t name_len, uint64_t max,
                                    uint64_t *value, size_t *offset)
{
    const crjit__entry *e;
    crjit_value_status st;
    size_t pos = name_len;
    uint64_t v = 0;
    int shift;

    if (ral == NULL || index >= ral->args->count)
        return report(CRJIT_VALUE_MISSING, 0, offset);
    e = &ral->args->entries[index];
    st = scan_digits(e->text, e->len, &pos, &v);
    if (st != CRJIT_VALUE_OK)
        return report(st, pos, offset);
    if (pos == e->len) {
        /* Round up to the pointer size, down when that would overflow. */
        v = v > UINT64_MAX - 7 ? v & ~(uint64_t)7 : (v + 7) & ~(uint64_t)7;
        st = CRJIT_VALUE_OK;
    } else {
        shift = suffix_shift(e->text[pos]);
        if (shift < 0)
            return report(CRJIT_VALUE_MALFORMED, pos, offset);
        if (v > (UINT64_MAX >> shift))
            return report(CRJIT_VALUE_OVERFLOW, name_len, offset);
        v <<= shift;
        pos++;
        st = pos == e->len ? CRJIT_VALUE_OK : CRJIT_VALUE_TRAILING;
    }
    if (v > max)
        return report(CRJIT_VALUE_OUT_OF_RANGE, name_len, offset);
    if (value != NULL)
        *value = v;
    return report(st, st == CRJIT_VALUE_TRAILING ? pos : name_len, offset);
}

size_t crjit__ral_consume_all(crjit_ral *ral, crjit_match kind,
                              const char *name)
{
    size_t nlen = strlen(name), found = 0, i, n = ral->args->count;
    size_t id = crjit__known_name_id(&ral->args->ctx->names, name, nlen);

    /* One pass over the name's posting list (or the whole list). */
    if (id != CRJIT_NPOS) {
        const uint32_t *post = ral->post + ral->post_off[id];
        size_t np = ral->post_off[id + 1] - ral->post_off[id];
        for (i = 0; i < np; i++)
            if (matches(kind, &ral->args->entries[post[i]], name, nlen)) {
                crjit_ral_consume_at(ral, post[i]);
                found++;
            }
        return found;
    }
    for (i = 0; i < n; i++)
        if (matches(kind, &ral->args->entries[i], name, nlen)) {
            crjit_ral_consume_at(ral, i);
            found++;
        }
    return found;
}
