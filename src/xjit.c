/* The -Xjit:/-Xaot: option-string parser (D-4, D-5, D-27).
 *
 * Sub-options are separated by ','; parsing stops at the end or at ')'.
 * A token is an option subset ({regex}(...), {regex}{level}(...), [m](...),
 * [m,n](...), ifExcluded(...), N(...)), or a name from the built-in table
 * matched by the longest case-insensitive prefix (compiler table first, then
 * the VM's), with an optional leading '!'.  Values may nest {}, () and [];
 * nesting is tracked with a counter, never by recursion, so the stack stays
 * bounded whatever the input.  The first error stops parsing: what came
 * before has taken effect (D-6); the caller reports it. */
#include "xjit.h"

#include <string.h>

#define MAX_NAME 80 /* longer than any table name */

/* ---- the name table ---------------------------------------------------- */

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* Case-insensitive compare of a (n bytes) with NUL-terminated b's first n
 * bytes, then by length. */
static int ci_cmp(const char *a, size_t n, const char *b)
{
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char x = lower((unsigned char)a[i]);
        unsigned char y = lower((unsigned char)b[i]);
        if (y == 0)
            return 1;
        if (x != y)
            return x < y ? -1 : 1;
    }
    return b[n] == '\0' ? 0 : -1;
}

/* Index of a table name equal (ignoring case) to text[0..n) from the given
 * source, or CRJIT_NPOS. */
static size_t find_exact_ci(const char *text, size_t n, bool front_end)
{
    size_t lo = 0, hi = crjit__xjit_option_count, i;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ci_cmp(text, n, crjit__xjit_options[mid].name) > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (i = lo; i < crjit__xjit_option_count &&
                 ci_cmp(text, n, crjit__xjit_options[i].name) == 0;
         i++) {
        if ((crjit__xjit_options[i].source == CRJIT__XS_J9) == front_end)
            return i;
    }
    return CRJIT_NPOS;
}

/* Length of the common case-insensitive prefix of a (n bytes) and name. */
static size_t ci_lcp(const char *a, size_t n, const char *name)
{
    size_t i = 0;
    while (i < n && name[i] != '\0' &&
           lower((unsigned char)a[i]) == lower((unsigned char)name[i]))
        i++;
    return i;
}

/* Longest table name (of the given source) that is a case-insensitive
 * prefix of text.  The largest name not above text[0..n) either is such a
 * prefix or shares only a shorter common prefix with it, which bounds the
 * next try: a few binary searches per token, not one per length. */
size_t crjit__xjit_lookup(const char *text, size_t len, bool front_end)
{
    size_t n = len < MAX_NAME ? len : MAX_NAME;

    while (n > 0) {
        size_t lo = 0, hi = crjit__xjit_option_count, i, nl, l;
        const char *name;
        while (lo < hi) { /* first name above text[0..n) */
            size_t mid = lo + (hi - lo) / 2;
            if (ci_cmp(text, n, crjit__xjit_options[mid].name) >= 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == 0)
            return CRJIT_NPOS;
        name = crjit__xjit_options[lo - 1].name;
        nl = strlen(name);
        l = ci_lcp(text, n, name);
        if (l == nl) {
            i = find_exact_ci(text, nl, front_end);
            if (i != CRJIT_NPOS)
                return i;
            n = nl - 1; /* only the other source has it: look shorter */
        } else {
            n = l;
        }
    }
    return CRJIT_NPOS;
}

/* Edit distance (case-insensitive), capped; two rows on the stack. */
static size_t distance(const char *a, size_t an, const char *b, size_t bn)
{
    size_t row[2][MAX_NAME + 1], i, j;
    if (an > MAX_NAME)
        an = MAX_NAME;
    if (bn > MAX_NAME)
        bn = MAX_NAME;
    for (j = 0; j <= bn; j++)
        row[0][j] = j;
    for (i = 1; i <= an; i++) {
        size_t *cur = row[i & 1], *prev = row[(i - 1) & 1];
        cur[0] = i;
        for (j = 1; j <= bn; j++) {
            size_t sub = prev[j - 1] +
                         (lower((unsigned char)a[i - 1]) !=
                          lower((unsigned char)b[j - 1]));
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
    }
    return row[an & 1][bn];
}

size_t crjit__xjit_suggest(const char *token, size_t len, const char **out,
                           size_t max)
{
    size_t best[4] = { CRJIT_NPOS, CRJIT_NPOS, CRJIT_NPOS, CRJIT_NPOS };
    size_t dist[4] = { SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX };
    size_t i, k, n = 0, limit = len / 3 + 2;

    if (max > 4)
        max = 4;
    if (len > MAX_NAME)
        len = MAX_NAME;
    for (i = 0; i < crjit__xjit_option_count; i++) {
        const char *name = crjit__xjit_options[i].name;
        size_t nl = strlen(name), d;
        /* The distance is at least the length difference: most names are
         * ruled out without the quadratic comparison. */
        if ((nl > len ? nl - len : len - nl) > limit + 1)
            continue;
        d = distance(token, len, name, nl);
        if (nl > 0 && name[nl - 1] == '=') {
            size_t d2 = distance(token, len, name, nl - 1);
            if (d2 < d)
                d = d2;
        }
        if (d > limit)
            continue;
        for (k = 0; k < max; k++) {
            if (d < dist[k]) {
                size_t m;
                for (m = max - 1; m > k; m--) {
                    dist[m] = dist[m - 1];
                    best[m] = best[m - 1];
                }
                dist[k] = d;
                best[k] = i;
                break;
            }
        }
    }
    for (k = 0; k < max && best[k] != CRJIT_NPOS; k++)
        out[n++] = crjit__xjit_options[best[k]].name;
    return n;
}

/* ---- roles (table D.3) --------------------------------------------------- */

typedef struct role_name {
    const char *name;
    crjit__xrole role;
} role_name;

static const role_name roles[] = {
    { "count=", XR_COUNT },
    { "bcount=", XR_BCOUNT },
    { "milcount=", XR_MILCOUNT },
    { "scount=", XR_SCOUNT },
    { "disableAsyncCompilation", XR_DISABLE_ASYNC },
    { "exclude=", XR_EXCLUDE },
    { "limit=", XR_LIMIT },
    { "limitfile=", XR_LIMITFILE },
    { "loadExclude=", XR_LOAD_EXCLUDE },
    { "loadLimit=", XR_LOAD_LIMIT },
    { "loadLimitFile=", XR_LOAD_LIMITFILE },
    { "verbose", XR_VERBOSE },
    { "verbose=", XR_VERBOSE },
    { "vlog=", XR_VLOG },
    { "rtlog=", XR_RTLOG },
    { "disableTraps", XR_DISABLE_TRAPS },
    { "noResumableTrapHandler", XR_NO_RESUMABLE_TRAP },
    { "enableCodeCacheDisclaiming", XR_CODE_CACHE_DISCLAIM },
    { "dontApplyLogFileNameSuffix", XR_NO_LOG_SUFFIX },
    { "log=", XR_LOG },
};

static crjit__xrole role_of(const char *name)
{
    size_t i;
    /* The table spells each level out: optLevel=warm, optLevel=hot, ... */
    if (strncmp(name, "optLevel=", 9) == 0)
        return XR_OPTLEVEL;
    for (i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (strcmp(roles[i].name, name) == 0)
            return roles[i].role;
    return XR_PASS;
}

/* ---- scanning helpers ------------------------------------------------------ */

typedef struct parser {
    const crjit_ctx *ctx;
    const char *s;
    size_t len;
    size_t pos;
    const crjit__xjit_env *env;
    crjit__xjit *out;
} parser;

static bool is_open(char c)
{
    return c == '{' || c == '(' || c == '[';
}

static bool is_close(char c)
{
    return c == '}' || c == ')' || c == ']';
}

/* Index of the bracket that closes the one at `at`, counting all three kinds
 * together; CRJIT_NPOS when unbalanced. */
static size_t balanced_end(const char *s, size_t len, size_t at)
{
    size_t depth = 0, i;
    for (i = at; i < len; i++) {
        if (is_open(s[i])) {
            depth++;
        } else if (is_close(s[i])) {
            if (--depth == 0)
                return i;
        }
    }
    return CRJIT_NPOS;
}

/* End of a generic value: the first ',' or ')' outside brackets. */
static size_t value_end(const char *s, size_t len, size_t at, bool *unbalanced)
{
    size_t depth = 0, i;
    *unbalanced = false;
    for (i = at; i < len; i++) {
        char c = s[i];
        if (depth == 0 && (c == ',' || c == ')'))
            return i;
        if (is_open(c)) {
            depth++;
        } else if (is_close(c) && depth > 0) {
            depth--;
        }
    }
    *unbalanced = depth != 0;
    return len;
}

static void fail(parser *p, size_t at, size_t token_len, const char *why)
{
    if (p->out->failed)
        return;
    p->out->failed = true;
    p->out->error_offset = at;
    p->out->error_token_len = token_len;
    p->out->error = why;
}

/* Token length for messages: up to the next ',' or ')' at this level. */
static size_t token_len_at(const parser *p, size_t at)
{
    bool unbalanced;
    return value_end(p->s, p->len, at, &unbalanced) - at;
}

/* ---- option subsets (D-5) ------------------------------------------------------ */

static bool ci_prefix(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    return len >= n && ci_cmp(s, n, word) == 0;
}

/* If a subset starts at p->pos, its kind and the offset of its '('. */
static bool subset_head(const parser *p, uint8_t *kind, size_t *paren)
{
    const char *s = p->s + p->pos;
    size_t n = p->len - p->pos, i;

    if (n == 0)
        return false;
    if (s[0] == '{') {
        i = crjit__filter_extent(s, n);
        if (i < n && s[i] == '{') /* optional {optlevel} */
            i += crjit__filter_extent(s + i, n - i);
        *kind = XS_REGEX;
    } else if (s[0] == '[') {
        for (i = 1; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == ',');)
            i++;
        if (i >= n || s[i] != ']' || i == 1)
            return false;
        i++;
        *kind = XS_RANGE;
    } else if (ci_prefix(s, n, "ifExcluded")) {
        i = 10;
        *kind = XS_IF_EXCLUDED;
    } else if (s[0] >= '0' && s[0] <= '9') {
        i = 1;
        *kind = XS_INDEX;
    } else {
        return false;
    }
    if (i >= n || s[i] != '(')
        return false;
    *paren = p->pos + i;
    return true;
}

static crjit_status add_subset(parser *p, uint8_t kind, size_t start,
                               size_t paren, size_t close)
{
    crjit__xjit *x = p->out;
    crjit__xsubset *sub;
    if (crjit__grow(p->ctx, (void **)&x->subsets, &x->subset_cap,
                    x->subset_count + 1, sizeof *x->subsets) != CRJIT_OK)
        return CRJIT_E_NOMEM;
    sub = &x->subsets[x->subset_count++];
    sub->kind = kind;
    /* D-24.7: an ifExcluded(...) set makes excluded methods compilable. */
    if (kind == XS_IF_EXCLUDED && p->env->compile_filters != NULL)
        crjit__filters_set_if_excluded(p->env->compile_filters);
    sub->offset = start;
    sub->len = close + 1 - start;
    sub->inner_off = paren + 1;
    sub->inner_len = close - paren - 1;
    return CRJIT_OK;
}

/* ---- values with post-restore meaning -------------------------------------------- */

static bool add_filter(parser *p, crjit_filters *store, crjit_filter_type type,
                       size_t off, size_t len)
{
    crjit__filter_error e;
    crjit_status st;
    if (store == NULL)
        return true;
    st = crjit__filters_add(store, type, p->s + off, len, CRJIT_NPOS, &e);
    if (st == CRJIT_E_NOMEM)
        return false;
    if (st != CRJIT_OK) {
        fail(p, off + e.offset, len - e.offset,
             e.message != NULL ? e.message : "bad filter");
        return true;
    }
    if (e.replaced_any) {
        crjit__xjit *x = p->out;
        if (crjit__grow(p->ctx, (void **)&x->replaced_at, &x->replaced_cap,
                        x->replaced_count + 1, sizeof *x->replaced_at) !=
            CRJIT_OK)
            return false;
        x->replaced_at[x->replaced_count++] = off;
    }
    return true;
}

static bool starts_with(const char *l, size_t n, const char *word)
{
    size_t k = strlen(word);
    return n > k && memcmp(l, word, k) == 0;
}

/* D-27: one line of a limit file.  Returns false on a malformed +/- line. */
static bool limitfile_line(crjit_filters *store, const char *l, size_t n,
                           bool *oom)
{
    crjit_filter_type type;
    crjit__filter_error e;
    size_t i = 1, end;

    if (starts_with(l, n, "-precompileMethod ")) {
        type = CRJIT_FILTER_INCLUDE;
        i = 18;
    } else if (starts_with(l, n, "-noprecompileMethod ")) {
        type = CRJIT_FILTER_EXCLUDE;
        i = 20;
    } else if (n > 0 && (l[0] == '+' || l[0] == '-')) {
        type = l[0] == '+' ? CRJIT_FILTER_INCLUDE : CRJIT_FILTER_EXCLUDE;
        if (i < n && l[i] >= '0' && l[i] <= '9')
            i++; /* option-set index */
        if (i >= n || l[i] != ' ')
            return false;
        i++;
        if (i < n && l[i] == '(') {
            const char *close = memchr(l + i, ')', n - i);
            if (close == NULL || (size_t)(close - l) + 1 >= n ||
                close[1] != ' ')
                return false;
            i = (size_t)(close - l) + 2;
        }
    } else {
        return true; /* comments, #num lines and the rest are skipped */
    }
    for (end = i; end < n && l[end] != ' ' && l[end] != '\t';)
        end++;
    if (end == i)
        return false;
    if (store != NULL) {
        crjit_status st =
            crjit__filters_add(store, type, l + i, end - i, CRJIT_NPOS, &e);
        if (st == CRJIT_E_NOMEM)
            *oom = true;
        else if (st != CRJIT_OK)
            return false; /* a method string that is no filter */
    }
    return true;
}

/* Digits at v[*i] up to the terminator; false when malformed. */
static bool range_number(const char *v, size_t n, size_t *i, char term,
                         size_t *out)
{
    size_t x = 0, start = *i;
    while (*i < n && v[*i] >= '0' && v[*i] <= '9') {
        size_t d = (size_t)(v[*i] - '0');
        if (x > (SIZE_MAX - d) / 10)
            return false;
        x = x * 10 + d;
        (*i)++;
    }
    if (*i == start || *i >= n || v[*i] != term)
        return false;
    (*i)++;
    *out = x;
    return true;
}

/* limitfile=<file> or limitfile=(<file>,<first>,<last>) (D-27). */
static bool limitfile(parser *p, crjit_filters *store, size_t off, size_t len)
{
    const char *v = p->s + off, *path = v, *text = NULL;
    size_t path_len = len, first = 1, last = SIZE_MAX, tlen = 0, line = 0;
    size_t pos = 0;
    bool oom = false;

    if (len >= 1 && v[0] == '(') {
        const char *comma = memchr(v, ',', len);
        size_t i;
        if (comma == NULL) {
            fail(p, off, len, "limitfile=( needs (file,first,last)");
            return true;
        }
        path = v + 1;
        path_len = (size_t)(comma - path);
        i = (size_t)(comma - v) + 1;
        if (!range_number(v, len, &i, ',', &first) ||
            !range_number(v, len, &i, ')', &last) || i != len) {
            fail(p, off, len, "bad line range in limitfile=(file,first,last)");
            return true;
        }
    }
    if (p->env->read_file == NULL ||
        p->env->read_file(p->env->read_user, path, path_len, &text, &tlen) !=
            0) {
        fail(p, off, len, "the limit file cannot be read");
        return true;
    }
    if (store != NULL)
        crjit__filters_set_default_exclude(store); /* D-23 */
    while (pos < tlen) {
        const char *nl = memchr(text + pos, '\n', tlen - pos);
        size_t end = nl != NULL ? (size_t)(nl - text) : tlen, n = end - pos;
        line++;
        if (n > 0 && text[pos + n - 1] == '\r')
            n--;
        if (line >= first && line <= last &&
            !limitfile_line(store, text + pos, n, &oom)) {
            fail(p, off, len, "malformed line in the limit file");
            return true;
        }
        if (oom)
            return false;
        pos = end + 1;
    }
    return true;
}

static bool read_count(parser *p, crjit__xitem *it)
{
    size_t i;
    uint64_t v = 0;
    if (it->value_len == 0) {
        fail(p, it->value_off, 0, "a number is expected");
        return false;
    }
    for (i = 0; i < it->value_len; i++) {
        char c = p->s[it->value_off + i];
        if (c < '0' || c > '9') {
            fail(p, it->value_off + i, it->value_len - i,
                 "a number is expected");
            return false;
        }
        if (v <= UINT64_MAX / 10)
            v = v * 10 + (uint64_t)(c - '0');
        else
            v = UINT64_MAX;
    }
    it->number = v;
    return true;
}

/* Apply what a recognised option means.  false: out of memory. */
static bool apply(parser *p, crjit__xitem *it)
{
    const crjit__xjit_env *env = p->env;
    switch ((crjit__xrole)it->role) {
    case XR_COUNT:
    case XR_BCOUNT:
    case XR_MILCOUNT:
    case XR_SCOUNT:
        read_count(p, it);
        return true;
    case XR_EXCLUDE:
        return add_filter(p, env->compile_filters, CRJIT_FILTER_EXCLUDE,
                          it->value_off, it->value_len);
    case XR_LIMIT:
        return add_filter(p, env->compile_filters, CRJIT_FILTER_INCLUDE,
                          it->value_off, it->value_len);
    case XR_LOAD_EXCLUDE:
        return add_filter(p, env->load_filters, CRJIT_FILTER_EXCLUDE,
                          it->value_off, it->value_len);
    case XR_LOAD_LIMIT:
        return add_filter(p, env->load_filters, CRJIT_FILTER_INCLUDE,
                          it->value_off, it->value_len);
    case XR_LIMITFILE:
        return limitfile(p, env->compile_filters, it->value_off,
                         it->value_len);
    case XR_LOAD_LIMITFILE:
        return limitfile(p, env->load_filters, it->value_off, it->value_len);
    default:
        return true;
    }
}

/* Where the value of a recognised option ends. */
static size_t value_extent(parser *p, crjit__xrole role, size_t at)
{
    bool unbalanced = false;
    size_t end;
    if (role == XR_EXCLUDE || role == XR_LIMIT || role == XR_LOAD_EXCLUDE ||
        role == XR_LOAD_LIMIT)
        return at + crjit__filter_extent(p->s + at, p->len - at);
    end = value_end(p->s, p->len, at, &unbalanced);
    if (unbalanced)
        fail(p, at, end - at, "unbalanced brackets in the value");
    return end;
}

static crjit_status push_item(parser *p, const crjit__xitem *it)
{
    crjit__xjit *x = p->out;
    if (crjit__grow(p->ctx, (void **)&x->items, &x->cap, x->count + 1,
                    sizeof *x->items) != CRJIT_OK)
        return CRJIT_E_NOMEM;
    x->items[x->count++] = *it;
    return CRJIT_OK;
}

/* Host-added names, longest prefix wins. */
static const char *lookup_extra(const parser *p, const char *s, size_t n)
{
    const char *best = NULL;
    size_t i, best_len = 0;
    for (i = 0; i < p->env->extra_count; i++) {
        const char *name = p->env->extra[i];
        size_t nl = name != NULL ? strlen(name) : 0;
        if (nl > best_len && nl <= n && ci_cmp(s, nl, name) == 0) {
            best = name;
            best_len = nl;
        }
    }
    return best;
}

/* One named option at p->pos.  Returns CRJIT_E_NOMEM or CRJIT_OK (errors
 * go to p->out). */
static crjit_status parse_option(parser *p)
{
    crjit__xitem it;
    size_t start = p->pos, at = p->pos, idx, nlen;
    const char *name = NULL;
    const char *extra;

    memset(&it, 0, sizeof it);
    if (p->s[at] == '!') {
        it.negated = true;
        at++;
    }
    idx = crjit__xjit_lookup(p->s + at, p->len - at, false);
    if (idx == CRJIT_NPOS)
        idx = crjit__xjit_lookup(p->s + at, p->len - at, true);
    if (idx != CRJIT_NPOS) {
        const crjit__xopt *o = &crjit__xjit_options[idx];
        name = o->name;
        it.kind = o->kind;
        it.source = o->source;
        if (p->env->in_subset &&
            (o->source == CRJIT__XS_J9 || (o->flags & CRJIT__XF_NOT_IN_SUBSET))) {
            fail(p, start, token_len_at(p, start),
                 "this option is not allowed inside an option subset");
            return CRJIT_OK;
        }
    } else if ((extra = lookup_extra(p, p->s + at, p->len - at)) != NULL) {
        name = extra;
        it.kind = CRJIT__XK_OTHER;
        it.source = CRJIT__XS_J9;
    } else {
        fail(p, start, token_len_at(p, start), "unknown sub-option");
        return CRJIT_OK;
    }
    nlen = strlen(name);
    it.name = name;
    it.role = (uint8_t)role_of(name);
    it.offset = start;
    at += nlen;
    if (nlen > 0 && name[nlen - 1] == '=') {
        size_t end = value_extent(p, (crjit__xrole)it.role, at);
        it.value_off = at;
        it.value_len = end - at;
        at = end;
    }
    it.len = at - start;
    if (p->out->failed)
        return CRJIT_OK;
    if (!apply(p, &it))
        return CRJIT_E_NOMEM;
    if (p->out->failed)
        return CRJIT_OK;
    p->pos = at;
    return push_item(p, &it);
}

/* After a token: ',' continues, ')' or the end stops (D-5). */
static bool separator(parser *p)
{
    if (p->pos >= p->len)
        return false;
    if (p->s[p->pos] == ',') {
        p->pos++;
        return true;
    }
    if (p->s[p->pos] == ')') {
        if (!p->env->in_subset)
            fail(p, p->pos, p->len - p->pos, "unexpected ')'");
        return false;
    }
    fail(p, p->pos, token_len_at(p, p->pos),
         "missing ',' after the sub-option");
    return false;
}

static crjit_status parse_list(parser *p)
{
    crjit_status st = CRJIT_OK;
    bool more = p->len > 0;

    while (st == CRJIT_OK && more && !p->out->failed) {
        uint8_t kind;
        size_t paren;
        if (p->pos >= p->len)
            break; /* a trailing ',' ends the list like the end does */
        if (p->s[p->pos] == ',' || p->s[p->pos] == ')') {
            fail(p, p->pos, 0, "empty sub-option");
            break;
        }
        if (!p->env->in_subset && subset_head(p, &kind, &paren)) {
            size_t close = balanced_end(p->s, p->len, paren);
            if (close == CRJIT_NPOS) {
                fail(p, paren, p->len - paren,
                     "the option subset's '(' is not closed");
                break;
            }
            st = add_subset(p, kind, p->pos, paren, close);
            p->pos = close + 1;
        } else {
            st = parse_option(p);
            if (st == CRJIT_OK && !p->out->failed && p->out->count > 0) {
                crjit__xitem *last = &p->out->items[p->out->count - 1];
                /* limit={re}(opts): the subset belongs to the limit filter
                 * (D-26). */
                if (last->role == XR_LIMIT && p->pos < p->len &&
                    p->s[p->pos] == '(') {
                    size_t close = balanced_end(p->s, p->len, p->pos);
                    if (close == CRJIT_NPOS) {
                        fail(p, p->pos, p->len - p->pos,
                             "the option subset's '(' is not closed");
                        break;
                    }
                    st = add_subset(p, XS_LIMIT, last->offset, p->pos, close);
                    p->pos = close + 1;
                }
            }
        }
        if (st == CRJIT_OK && !p->out->failed)
            more = separator(p);
    }
    return st;
}

crjit_status crjit__xjit_parse(const crjit_ctx *ctx, const char *text,
                               size_t len, const crjit__xjit_env *env,
                               crjit__xjit *out)
{
    parser p;
    memset(out, 0, sizeof *out);
    memset(&p, 0, sizeof p);
    p.ctx = ctx;
    p.s = text;
    p.len = len;
    p.env = env;
    p.out = out;
    return parse_list(&p);
}

void crjit__xjit_free(const crjit_ctx *ctx, crjit__xjit *x)
{
    crjit__free(ctx, x->items);
    crjit__free(ctx, x->subsets);
    crjit__free(ctx, x->replaced_at);
    memset(x, 0, sizeof *x);
}
