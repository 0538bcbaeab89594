/* The working view of a restore argument list: consume state, the one-time
 * index, searches (A-13…A-28) and value readers (A-29…A-31, DV-5). */
#include "crjit_internal.h"

#include <string.h>

/* ---- index ----------------------------------------------------------------- */

/* The index: for every known name, the entries it is a prefix of (CSR, in
 * entry order).  One trie walk per entry finds its longest known prefix;
 * the shorter ones are that name's chain of known prefixes.  The deepest id
 * of each entry is parked in ral->winner (which must end all zero) between
 * the counting pass and the scatter pass. */
static crjit_status build_index(crjit_ral *ral)
{
    const crjit_args *args = ral->args;
    const crjit_ctx *ctx = args->ctx;
    const crjit__trie *trie = &ctx->names;
    const crjit__entry *ent = args->entries;
    size_t k = crjit__known_name_count(), n = args->count, i, id, sum = 0;
    uint32_t *off, *deep = ral->winner, *post;

    off = ral->post_off; /* zeroed, k + 1 */
    for (i = 0; i < n; i++) {
        id = crjit__longest_known_prefix(trie, ent[i].text, ent[i].len);
        deep[i] = id != CRJIT_NPOS ? (uint32_t)id + 1 : 0;
        for (; id != CRJIT_NPOS; id = crjit__known_parent(trie, id))
            off[id]++;
    }
    /* off[id] becomes the end of id's list; the scatter, run backwards,
     * moves it down to the start. */
    for (i = 0; i < k; i++) {
        sum += off[i];
        off[i] = (uint32_t)sum;
    }
    off[k] = (uint32_t)sum;
    post = ral->post = crjit__alloc(ctx, sum * sizeof *post);
    if (post == NULL)
        return CRJIT_E_NOMEM;
    for (i = n; i-- > 0;) {
        uint32_t d = deep[i];
        deep[i] = 0;
        if (d == 0)
            continue;
        for (id = d - 1; id != CRJIT_NPOS; id = crjit__known_parent(trie, id))
            post[--off[id]] = (uint32_t)i;
    }
    return CRJIT_OK;
}

/* The posting list of a known name (id from crjit__known_name_id). */
static const uint32_t *postings(const crjit_ral *ral, size_t id, size_t *n)
{
    *n = ral->post_off[id + 1] - ral->post_off[id];
    return ral->post + ral->post_off[id];
}

/* A-8: -Xargencoding... and exactly -Xnoargsconversion are born exempt.
 * Both are known names, so their entries are in the index. */
static void mark_born_exempt(crjit_ral *ral)
{
    static const char enc[] = "-Xargencoding";
    static const char noconv[] = "-Xnoargsconversion";
    const crjit__trie *trie = &ral->args->ctx->names;
    const uint32_t *post;
    size_t id, np, j;

    id = crjit__known_name_id(trie, enc, sizeof enc - 1);
    if (id != CRJIT_NPOS) {
        post = postings(ral, id, &np);
        for (j = 0; j < np; j++)
            ral->flags[post[j]] = CRJIT__F_EXEMPT | CRJIT__F_BORN_EXEMPT;
    }
    id = crjit__known_name_id(trie, noconv, sizeof noconv - 1);
    if (id != CRJIT_NPOS) {
        post = postings(ral, id, &np);
        for (j = 0; j < np; j++)
            if (ral->args->entries[post[j]].len == sizeof noconv - 1)
                ral->flags[post[j]] = CRJIT__F_EXEMPT | CRJIT__F_BORN_EXEMPT;
    }
}

crjit_status crjit_ral_new(const crjit_args *args, crjit_ral **out)
{
    const crjit_ctx *ctx;
    crjit_ral *ral;
    unsigned char *block;
    size_t n, k, head, size;

    if (args == NULL || out == NULL)
        return CRJIT_E_INVALID_ARG;
    ctx = args->ctx;
    n = args->count;
    k = crjit__known_name_count();
    /* One block: the view, post_off (k + 1), winner (n), flags (n).  The
     * view, post_off and flags start zeroed; build_index writes and then
     * clears every winner slot. */
    head = sizeof *ral + (k + 1) * sizeof(uint32_t);
    head = (head + sizeof(uint32_t) - 1) & ~(sizeof(uint32_t) - 1);
    if (n > (SIZE_MAX - head) / (sizeof(uint32_t) + 1))
        return CRJIT_E_NOMEM;
    size = head + n * sizeof(uint32_t) + n;
    block = crjit__alloc(ctx, size);
    if (block == NULL)
        return CRJIT_E_NOMEM;
    memset(block, 0, head);
    ral = (crjit_ral *)(void *)block;
    ral->args = args;
    ral->post_off = (uint32_t *)(void *)(block + sizeof *ral);
    ral->winner = (uint32_t *)(void *)(block + head);
    ral->flags = block + head + n * sizeof(uint32_t);
    memset(ral->flags, 0, n);
    if (build_index(ral) != CRJIT_OK) {
        crjit_ral_free(ral);
        return CRJIT_E_NOMEM;
    }
    mark_born_exempt(ral);
    *out = ral;
    return CRJIT_OK;
}

void crjit_ral_free(crjit_ral *ral)
{
    const crjit_ctx *ctx;
    if (ral == NULL)
        return;
    ctx = ral->args->ctx;
    crjit__free(ctx, ral->post);
    crjit__free(ctx, ral); /* with flags, winner and post_off */
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

/* matches() for an entry known to start with the name (from its posting
 * list): only the byte after the name, or the length, decides. */
static bool matches_after(crjit_match kind, const crjit__entry *e,
                          size_t nlen)
{
    char next = e->text[nlen]; /* the terminating NUL when e->len == nlen */
    switch (kind) {
    case CRJIT_MATCH_EXACT: return e->len == nlen;
    case CRJIT_MATCH_STARTSWITH: return true;
    case CRJIT_MATCH_EXACT_MEMORY: return is_digit(next);
    case CRJIT_MATCH_OPTIONAL_LIST: return next == '\0' || next == ':';
    case CRJIT_MATCH_OPTIONAL_LIST_EQUALS: return next == '\0' || next == '=';
    }
    return false;
}

/* A-17…A-21 for entry e and name (nlen bytes). */
static bool matches(crjit_match kind, const crjit__entry *e, const char *name,
                    size_t nlen)
{
    return e->len >= nlen && memcmp(e->text, name, nlen) == 0 &&
           matches_after(kind, e, nlen);
}

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

static void exempt(crjit_ral *ral, size_t e, size_t winner)
{
    ral->flags[e] = (uint8_t)((ral->flags[e] &
                               (CRJIT__F_EVER_CONSUMED | CRJIT__F_BORN_EXEMPT)) |
                              CRJIT__F_EXEMPT);
    ral->winner[e] = (uint32_t)winner + 1;
}

/* One search's state: the first hit wins; with CONSUME the winner is
 * consumed and every later hit is exempted as its duplicate. */
typedef struct finder {
    crjit_ral *ral;
    size_t win;
    bool consume;
} finder;

/* Record hit e; false when the search is over (FIND without CONSUME). */
static bool take(finder *f, size_t e)
{
    if (f->win == CRJIT_NPOS) {
        f->win = e;
        if (!f->consume)
            return false;
        f->ral->flags[e] |= CRJIT__F_CONSUMED | CRJIT__F_EVER_CONSUMED;
    } else {
        exempt(f->ral, e, f->win);
    }
    return true;
}

size_t crjit_ral_find(crjit_ral *ral, crjit_match kind, const char *name,
                      unsigned flags, size_t stop)
{
    const crjit__entry *ent;
    size_t n, nlen, id, lo = 0, hi, j;
    bool forward;
    finder f;

    if (ral == NULL || name == NULL || ral->args->count == 0)
        return CRJIT_NPOS;
    n = ral->args->count;
    ent = ral->args->entries;
    forward = (flags & CRJIT_FIND_FORWARD) != 0;
    hi = n;
    if ((flags & CRJIT_FIND_STOP) != 0) {
        if (forward) {
            if (stop >= n)
                return CRJIT_NPOS;
            lo = stop;
        } else if (stop > 0 && stop < n) {
            hi = stop;
        }
    }
    f.ral = ral;
    f.win = CRJIT_NPOS;
    f.consume = (flags & CRJIT_FIND_CONSUME) != 0;
    id = crjit__known_name_lookup(&ral->args->ctx->names, name, &nlen);
    if (id != CRJIT_NPOS) {
        /* Candidates: the name's posting list, clipped to [lo, hi).  Each
         * one starts with the name already. */
        size_t np, b, e;
        const uint32_t *post = postings(ral, id, &np);
        b = lo == 0 ? 0 : lower_bound(post, np, lo);
        e = hi == n ? np : lower_bound(post, np, hi);
        if (forward) {
            for (j = b; j < e; j++)
                if (matches_after(kind, &ent[post[j]], nlen) &&
                    !take(&f, post[j]))
                    break;
        } else {
            for (j = e; j-- > b;)
                if (matches_after(kind, &ent[post[j]], nlen) &&
                    !take(&f, post[j]))
                    break;
        }
        return f.win;
    }
    if (forward) {
        for (j = lo; j < hi; j++)
            if (matches(kind, &ent[j], name, nlen) && !take(&f, j))
                break;
    } else {
        for (j = hi; j-- > lo;)
            if (matches(kind, &ent[j], name, nlen) && !take(&f, j))
                break;
    }
    return f.win;
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
    size_t nlen, found = 0, i, n = ral->args->count;
    size_t id = crjit__known_name_lookup(&ral->args->ctx->names, name, &nlen);
    const crjit__entry *ent = ral->args->entries;

    /* One pass over the name's posting list (or the whole list). */
    if (id != CRJIT_NPOS) {
        size_t np;
        const uint32_t *post = postings(ral, id, &np);
        for (i = 0; i < np; i++)
            if (matches_after(kind, &ent[post[i]], nlen)) {
                ral->flags[post[i]] |= CRJIT__F_CONSUMED |
                                       CRJIT__F_EVER_CONSUMED;
                found++;
            }
        return found;
    }
    for (i = 0; i < n; i++)
        if (matches(kind, &ent[i], name, nlen)) {
            crjit_ral_consume_at(ral, i);
            found++;
        }
    return found;
}
