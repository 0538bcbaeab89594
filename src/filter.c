/* Method filters (D-20…D-27): compiled once, then asked about compiled
 * bodies given as three slices (class, name, descriptor) without building
 * the "class.name(desc)" string.
 *
 * Kinds of filter, as the reference keeps them:
 *   - name filters: exact (class, name, descriptor), (name, descriptor) or
 *     (name) keys, from the non-brace forms;
 *   - regex filters: "{alt,alt|alt}" with '*', '?', '[...]', '\x' and a
 *     leading '^' that inverts the whole filter.
 * Decision order (D-24): name filters by key width, then the newest regex
 * filter that matches, then default-exclude, then ifExcluded.
 *
 * Regex alternatives are compiled by kind, so most bodies never reach the
 * general matcher: a literal alternative is a hash of the whole subject, a
 * literal followed by one trailing '*' is a hash of a subject prefix (one
 * incremental hash pass covers every prefix length in use), and only the rest
 * (inner wildcards, classes, '?', inverted filters) is matched token by
 * token, with an iterative star-backtracking loop: no recursion, no
 * allocation. */
#include "crjit_internal.h"
#include "filter.h"

#include <stdlib.h>
#include <string.h>

/* ---- the subject: class "." name descriptor, read in place ------------- */

typedef struct subject {
    const char *part[3];
    size_t len[3];
    size_t total;
} subject;

static void subject_init(subject *s, const char *cls, size_t clen,
                         const char *name, size_t nlen, const char *desc,
                         size_t dlen)
{
    s->part[0] = cls;
    s->len[0] = clen;
    s->part[1] = name;
    s->len[1] = nlen;
    s->part[2] = desc;
    s->len[2] = dlen;
    s->total = clen + 1 + nlen + dlen;
}

static unsigned char subject_at(const subject *s, size_t i)
{
    if (i < s->len[0])
        return (unsigned char)s->part[0][i];
    i -= s->len[0];
    if (i == 0)
        return '.';
    i--;
    if (i < s->len[1])
        return (unsigned char)s->part[1][i];
    return (unsigned char)s->part[2][i - s->len[1]];
}

/* ---- hashing ------------------------------------------------------------ */

/* A part hash eight bytes at a time: name keys are hashed part by part
 * (class, name, descriptor) and combined, so a body's parts are hashed once
 * and reused for every key width. */
static uint64_t part_hash(const char *p, size_t n)
{
    uint64_t h = 0x243f6a8885a308d3u ^ n;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15u;
        h ^= h >> 29;
        p += 8;
        n -= 8;
    }
    if (n > 0) {
        uint64_t w = 0;
        memcpy(&w, p, n);
        h = (h ^ w) * 0x9e3779b97f4a7c15u;
        h ^= h >> 29;
    }
    return h;
}

static uint64_t combine(uint64_t a, uint64_t b)
{
    return (a ^ (b + 0x9e3779b97f4a7c15u + (a << 6) + (a >> 2))) *
           0xbf58476d1ce4e5b9u;
}

/* ---- compiled regex alternatives --------------------------------------- */

enum { OP_LIT = 0, OP_ANY = 1, OP_STAR = 2, OP_CLASS = 3 };

typedef struct op {
    uint8_t code;
    uint8_t byte;    /* OP_LIT */
    uint32_t klass;  /* OP_CLASS: index into the class table */
} op;

typedef struct klass {
    uint8_t bits[32];
} klass;

typedef enum alt_kind { ALT_EXACT, ALT_PREFIX, ALT_GENERAL } alt_kind;

typedef struct alt {
    uint32_t filter;  /* index of the owning filter */
    uint32_t first;   /* first op */
    uint32_t count;   /* number of ops */
    uint8_t kind;     /* alt_kind */
    const char *lit;  /* ALT_EXACT / ALT_PREFIX: the literal bytes */
    size_t lit_len;
} alt;

typedef struct filter {
    uint8_t type;     /* crjit_filter_type */
    uint8_t kind;     /* filter_kind */
    bool inverted;
    bool live;        /* false once a newer same-key filter replaced it */
    uint32_t first_alt, alt_count;
    const char *key[3]; /* name filters: class, name, descriptor */
    size_t key_len[3];
    size_t arg;       /* restore argument it came from, for diagnostics */
} filter;

/* Literal alternatives ("lit" and "lit*") in a byte trie walked once along
 * the subject: each node knows the newest filter whose prefix literal ends
 * there and the newest whose exact literal ends there. */
typedef struct lnode {
    uint32_t edge;        /* first child edge */
    uint32_t nedges;
    uint32_t prefix_best; /* filter + 1, or 0 */
    uint32_t exact_best;  /* filter + 1, or 0 */
} lnode;

typedef struct ledge {
    uint32_t node;
    unsigned char byte;
} ledge;

/* Hash table of literal keys -> the newest filter holding that key.  Open
 * addressing, power-of-two size, built at seal time. */
typedef struct slot {
    uint64_t hash;
    const char *key;
    size_t len;
    uint32_t filter; /* + 1; 0 = empty */
} slot;

typedef struct table {
    slot *slots;
    size_t mask;
} table;

struct crjit_filters {
    crjit_ctx *ctx;
    filter *filters;
    size_t count, cap;
    alt *alts;
    size_t alt_count, alt_cap;
    op *ops;
    size_t op_count, op_cap;
    klass *classes;
    size_t class_count, class_cap;
    crjit__arena text;
    bool default_exclude;
    bool if_excluded;
    bool sealed;
    /* built by seal */
    lnode *lnodes;          /* trie of the literal alternatives */
    size_t lnode_count;
    ledge *ledges;          /* children of each node, sorted by byte */
    uint32_t *general;      /* ALT_GENERAL alts and inverted filters' alts,
                               newest filter first */
    size_t general_count;
    table names[3];         /* name filters keyed by 1, 2 or 3 parts */
    bool have_names[3];
    /* live name filters by key, kept while adding (DV-14 in O(1)) */
    slot *dedupe;
    size_t dedupe_size;     /* power of two, or 0 */
    size_t dedupe_used;
};

/* ---- storage helpers ---------------------------------------------------- */

static crjit_status push_op(crjit_filters *f, op o)
{
    if (crjit__grow(f->ctx, (void **)&f->ops, &f->op_cap, f->op_count + 1,
                    sizeof *f->ops) != CRJIT_OK)
        return CRJIT_E_NOMEM;
    f->ops[f->op_count++] = o;
    return CRJIT_OK;
}

crjit_status crjit_filters_new(crjit_ctx *ctx, crjit_filters **out)
{
    crjit_filters *f;
    if (ctx == NULL || out == NULL)
        return CRJIT_E_INVALID_ARG;
    f = crjit__calloc(ctx, 1, sizeof *f);
    if (f == NULL)
        return CRJIT_E_NOMEM;
    f->ctx = ctx;
    *out = f;
    return CRJIT_OK;
}

static void unseal(crjit_filters *f)
{
    size_t i;
    crjit__free(f->ctx, f->lnodes);
    crjit__free(f->ctx, f->ledges);
    crjit__free(f->ctx, f->general);
    for (i = 0; i < 3; i++)
        crjit__free(f->ctx, f->names[i].slots);
    memset(f->names, 0, sizeof f->names);
    f->lnodes = NULL;
    f->ledges = NULL;
    f->lnode_count = 0;
    f->general = NULL;
    f->general_count = 0;
    f->sealed = false;
}

void crjit_filters_free(crjit_filters *f)
{
    if (f == NULL)
        return;
    unseal(f);
    crjit__free(f->ctx, f->filters);
    crjit__free(f->ctx, f->alts);
    crjit__free(f->ctx, f->ops);
    crjit__free(f->ctx, f->classes);
    crjit__free(f->ctx, f->dedupe);
    crjit__arena_free(f->ctx, &f->text);
    crjit__free(f->ctx, f);
}

/* ---- regex parsing (D-21) ------------------------------------------------ */

typedef struct rx_parse {
    crjit_filters *f;
    const char *p;    /* body, between the braces */
    size_t len;
    size_t pos;
    bool close_seen;  /* a ']' occurs somewhere after the current position */
    size_t err_at;    /* offset of a bad-regex error in the body */
    const char *err;
} rx_parse;

static bool later_bracket(const rx_parse *r, size_t from)
{
    return memchr(r->p + from, ']', r->len - from) != NULL;
}

static crjit_status parse_class(rx_parse *r)
{
    klass k;
    bool negate = false;
    size_t start = r->pos; /* at '[' */
    op o;

    memset(&k, 0, sizeof k);
    r->pos++;
    if (r->pos < r->len && r->p[r->pos] == '^') {
        negate = true;
        r->pos++;
    }
    while (r->pos < r->len && r->p[r->pos] != ']') {
        unsigned char lo = (unsigned char)r->p[r->pos], hi;
        if (lo == '\\' && r->pos + 1 < r->len)
            lo = (unsigned char)r->p[++r->pos];
        hi = lo;
        if (r->pos + 2 < r->len && r->p[r->pos + 1] == '-' &&
            r->p[r->pos + 2] != ']') {
            hi = (unsigned char)r->p[r->pos + 2];
            if (hi < lo) {
                r->err = "a character range goes backwards";
                r->err_at = r->pos;
                return CRJIT_E_PARSE;
            }
            r->pos += 2;
        }
        for (;;) {
            k.bits[lo >> 3] = (uint8_t)(k.bits[lo >> 3] | (1u << (lo & 7)));
            if (lo == hi)
                break;
            lo++;
        }
        r->pos++;
    }
    if (r->pos >= r->len) {
        r->err = "a character class is not closed";
        r->err_at = start;
        return CRJIT_E_PARSE;
    }
    r->pos++; /* ']' */
    if (negate) {
        size_t i;
        for (i = 0; i < sizeof k.bits; i++)
            k.bits[i] = (uint8_t)~k.bits[i];
    }
    if (crjit__grow(r->f->ctx, (void **)&r->f->classes, &r->f->class_cap,
                    r->f->class_count + 1, sizeof *r->f->classes) != CRJIT_OK)
        return CRJIT_E_NOMEM;
    r->f->classes[r->f->class_count] = k;
    o.code = OP_CLASS;
    o.byte = 0;
    o.klass = (uint32_t)r->f->class_count++;
    return push_op(r->f, o);
}

static bool is_sep(char c)
{
    return c == ',' || c == '|';
}

/* One alternative: ops until a separator or the end of the body. */
static crjit_status parse_alt(rx_parse *r, uint32_t filter_index)
{
    crjit_filters *f = r->f;
    alt a;
    size_t i, lits = 0;
    crjit_status st = CRJIT_OK;

    memset(&a, 0, sizeof a);
    a.filter = filter_index;
    a.first = (uint32_t)f->op_count;
    while (st == CRJIT_OK && r->pos < r->len && !is_sep(r->p[r->pos])) {
        char c = r->p[r->pos];
        op o;
        o.byte = 0;
        o.klass = 0;
        if (c == '*') {
            o.code = OP_STAR;
            r->pos++;
        } else if (c == '?') {
            o.code = OP_ANY;
            r->pos++;
        } else if (c == '[' &&
                   ((r->pos + 1 < r->len && r->p[r->pos + 1] == '^') ||
                    later_bracket(r, r->pos + 1))) {
            st = parse_class(r);
            continue;
        } else {
            if (c == '\\' && r->pos + 1 < r->len)
                c = r->p[++r->pos];
            o.code = OP_LIT;
            o.byte = (uint8_t)c;
            r->pos++;
        }
        st = push_op(f, o);
    }
    if (st != CRJIT_OK)
        return st;
    a.count = (uint32_t)(f->op_count - a.first);
    /* Classify: literal, literal + one trailing star, or general. */
    for (i = 0; i < a.count && f->ops[a.first + i].code == OP_LIT; i++)
        lits++;
    if (lits == a.count)
        a.kind = ALT_EXACT;
    else if (lits + 1 == a.count && f->ops[a.first + lits].code == OP_STAR)
        a.kind = ALT_PREFIX;
    else
        a.kind = ALT_GENERAL;
    if (a.kind != ALT_GENERAL) {
        char *lit = crjit__arena_alloc(f->ctx, &f->text, lits + 1);
        if (lit == NULL)
            return CRJIT_E_NOMEM;
        for (i = 0; i < lits; i++)
            lit[i] = (char)f->ops[a.first + i].byte;
        lit[lits] = '\0';
        a.lit = lit;
        a.lit_len = lits;
    }
    if (crjit__grow(f->ctx, (void **)&f->alts, &f->alt_cap, f->alt_count + 1,
                    sizeof *f->alts) != CRJIT_OK)
        return CRJIT_E_NOMEM;
    f->alts[f->alt_count++] = a;
    return CRJIT_OK;
}

/* Body of "{...}" (without braces) into the alternatives of filter fi. */
static crjit_status parse_regex_body(crjit_filters *f, filter *fl,
                                     uint32_t fi, const char *body,
                                     size_t len, size_t *err_at,
                                     const char **err)
{
    rx_parse r;
    crjit_status st = CRJIT_OK;

    memset(&r, 0, sizeof r);
    r.f = f;
    r.p = body;
    r.len = len;
    if (len > 0 && body[0] == '^') {
        fl->inverted = true;
        r.pos = 1;
    }
    fl->first_alt = (uint32_t)f->alt_count;
    while (st == CRJIT_OK && r.pos < r.len) {
        if (is_sep(r.p[r.pos])) {
            r.pos++; /* leading or doubled separators are ignored */
            continue;
        }
        st = parse_alt(&r, fi);
    }
    fl->alt_count = (uint32_t)(f->alt_count - fl->first_alt);
    if (st == CRJIT_OK && fl->alt_count == 0) {
        r.err = "the regular expression has no alternative";
        r.err_at = 0;
        st = CRJIT_E_PARSE;
    }
    if (st == CRJIT_E_PARSE) {
        *err_at = r.err_at;
        *err = r.err;
    }
    return st;
}

/* ---- adding filters --------------------------------------------------------- */

/* End of a "{...}" group starting at s[0] == '{': the first '}' that is not
 * escaped; CRJIT_NPOS if none. */
static size_t brace_end(const char *s, size_t len)
{
    size_t i;
    for (i = 1; i < len; i++) {
        if (s[i] == '\\') {
            i++;
            continue;
        }
        if (s[i] == '}')
            return i;
    }
    return CRJIT_NPOS;
}

size_t crjit__filter_extent(const char *s, size_t len)
{
    size_t i;
    if (len > 0 && s[0] == '{') {
        i = brace_end(s, len);
        return i == CRJIT_NPOS ? len : i + 1;
    }
    /* Non-brace forms end at ',', blank, newline or ')' when unbalanced. */
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (c == ',' || c == ' ' || c == '\t' || c == '\n')
            break;
    }
    return i;
}

/* Non-brace forms (D-22 with DV-15): name | name(desc) | cls.name(desc). */
static crjit_status parse_name_form(crjit_filters *f, filter *fl,
                                    const char *s, size_t len)
{
    const char *paren = memchr(s, '(', len);
    size_t head = paren != NULL ? (size_t)(paren - s) : len;
    size_t dot = CRJIT_NPOS, i;
    const char *k[3] = { "", s, "" };
    size_t kl[3] = { 0, head, 0 };

    for (i = 0; i < head; i++)
        if (s[i] == '.')
            dot = i;
    if (dot != CRJIT_NPOS) {
        k[0] = s;
        kl[0] = dot;
        k[1] = s + dot + 1;
        kl[1] = head - dot - 1;
    }
    if (paren != NULL) {
        k[2] = paren;
        kl[2] = len - head;
    }
    fl->kind = dot != CRJIT_NPOS ? FILTER_NAME3
               : paren != NULL   ? FILTER_NAME2
                                 : FILTER_NAME1;
    for (i = 0; i < 3; i++) {
        fl->key[i] = crjit__arena_strdup(f->ctx, &f->text, k[i], kl[i]);
        fl->key_len[i] = kl[i];
        if (fl->key[i] == NULL)
            return CRJIT_E_NOMEM;
    }
    return CRJIT_OK;
}

static bool same_key(const filter *a, const filter *b)
{
    size_t i;
    if (a->kind != b->kind)
        return false;
    for (i = 0; i < 3; i++)
        if (a->key_len[i] != b->key_len[i] ||
            memcmp(a->key[i], b->key[i], a->key_len[i]) != 0)
            return false;
    return true;
}

static uint64_t name_key_hash(const filter *fl, int width);

static uint64_t dedupe_hash(const filter *fl)
{
    return name_key_hash(fl, fl->kind) ^ (uint64_t)fl->kind;
}

static void dedupe_insert(slot *slots, size_t mask, uint64_t h, uint32_t fi)
{
    size_t i = (size_t)h & mask;
    while (slots[i].filter != 0)
        i = (i + 1) & mask;
    slots[i].hash = h;
    slots[i].filter = fi + 1;
}

/* Keep the table at most half full; rebuild from the live name filters. */
static crjit_status dedupe_grow(crjit_filters *f)
{
    size_t size = f->dedupe_size != 0 ? f->dedupe_size * 2 : 64, i;
    slot *slots;
    if (f->dedupe_used * 2 + 2 <= f->dedupe_size)
        return CRJIT_OK;
    slots = crjit__calloc(f->ctx, size, sizeof *slots);
    if (slots == NULL)
        return CRJIT_E_NOMEM;
    for (i = 0; i < f->dedupe_size; i++)
        if (f->dedupe[i].filter != 0)
            dedupe_insert(slots, size - 1, f->dedupe[i].hash,
                          f->dedupe[i].filter - 1);
    crjit__free(f->ctx, f->dedupe);
    f->dedupe = slots;
    f->dedupe_size = size;
    return CRJIT_OK;
}

/* Record name filter fi; *old gets the live filter with the same key that
 * it replaces, if any. */
static crjit_status dedupe_put(crjit_filters *f, size_t fi, size_t *old)
{
    const filter *fl = &f->filters[fi];
    uint64_t h = dedupe_hash(fl);
    size_t i, mask;

    if (dedupe_grow(f) != CRJIT_OK)
        return CRJIT_E_NOMEM;
    mask = f->dedupe_size - 1;
    for (i = (size_t)h & mask; f->dedupe[i].filter != 0; i = (i + 1) & mask) {
        size_t k = f->dedupe[i].filter - 1;
        if (f->dedupe[i].hash == h && same_key(&f->filters[k], fl)) {
            *old = k;
            f->dedupe[i].filter = (uint32_t)fi + 1;
            return CRJIT_OK;
        }
    }
    f->dedupe[i].hash = h;
    f->dedupe[i].filter = (uint32_t)fi + 1;
    f->dedupe_used++;
    return CRJIT_OK;
}

crjit_status crjit__filters_add(crjit_filters *f, crjit_filter_type type,
                                const char *spec, size_t len, size_t arg,
                                crjit__filter_error *error)
{
    filter *fl;
    uint32_t fi;
    crjit_status st;
    size_t mark_alts, mark_ops, mark_classes, i;

    memset(error, 0, sizeof *error);
    if (len == 0) {
        error->message = "the filter is empty";
        return CRJIT_E_PARSE;
    }
    if (crjit__grow(f->ctx, (void **)&f->filters, &f->cap, f->count + 1,
                    sizeof *f->filters) != CRJIT_OK)
        return CRJIT_E_NOMEM;
    mark_alts = f->alt_count;
    mark_ops = f->op_count;
    mark_classes = f->class_count;
    fi = (uint32_t)f->count;
    fl = &f->filters[fi];
    memset(fl, 0, sizeof *fl);
    fl->type = (uint8_t)type;
    fl->live = true;
    fl->arg = arg;
    if (spec[0] == '{') {
        size_t end = brace_end(spec, len);
        fl->kind = FILTER_REGEX;
        if (end == CRJIT_NPOS) {
            error->message = "the '{' of the regular expression is not closed";
            return CRJIT_E_PARSE;
        }
        if (end + 1 != len) {
            error->offset = end + 1;
            error->message = "unexpected text after the regular expression";
            return CRJIT_E_PARSE;
        }
        st = parse_regex_body(f, fl, fi, spec + 1, end - 1, &error->offset,
                              &error->message);
        error->offset += 1;
    } else {
        st = parse_name_form(f, fl, spec, len);
    }
    if (st != CRJIT_OK) {
        f->alt_count = mark_alts;
        f->op_count = mark_ops;
        f->class_count = mark_classes;
        return st;
    }
    unseal(f); /* only now: a rejected filter leaves a sealed set usable */
    /* DV-14: a newer name filter with the same key replaces the older. */
    error->replaced = CRJIT_NPOS;
    if (fl->kind != FILTER_REGEX) {
        size_t old = CRJIT_NPOS;
        st = dedupe_put(f, fi, &old);
        if (st != CRJIT_OK) {
            f->alt_count = mark_alts;
            f->op_count = mark_ops;
            f->class_count = mark_classes;
            return st;
        }
        if (old != CRJIT_NPOS) {
            f->filters[old].live = false;
            error->replaced = f->filters[old].arg;
            error->replaced_any = true;
        }
    }
    (void)i;
    f->count++;
    if (type == CRJIT_FILTER_INCLUDE)
        f->default_exclude = true; /* D-23: limit makes it default-exclude */
    return CRJIT_OK;
}

void crjit__filters_set_default_exclude(crjit_filters *f)
{
    f->default_exclude = true;
}

void crjit__filters_set_if_excluded(crjit_filters *f)
{
    f->if_excluded = true;
}

size_t crjit__filters_count(const crjit_filters *f)
{
    return f->count;
}

bool crjit__filters_active(const crjit_filters *f)
{
    return f != NULL && (f->count != 0 || f->default_exclude);
}

/* ---- sealing: build the lookup tables --------------------------------------- */

static size_t table_size(size_t n)
{
    size_t s = 8;
    while (s < n * 2)
        s *= 2;
    return s;
}

static crjit_status table_alloc(const crjit_ctx *ctx, table *t, size_t n)
{
    size_t s = table_size(n);
    t->slots = crjit__calloc(ctx, s, sizeof *t->slots);
    if (t->slots == NULL)
        return CRJIT_E_NOMEM;
    t->mask = s - 1;
    return CRJIT_OK;
}

static void table_put_unique(table *t, uint64_t h, uint32_t filter_index)
{
    size_t i = (size_t)h & t->mask;
    while (t->slots[i].filter != 0)
        i = (i + 1) & t->mask;
    t->slots[i].hash = h;
    t->slots[i].filter = filter_index + 1;
}

/* Key hash of a name filter of the given width: the name, the name and
 * descriptor, or all three parts. */
static uint64_t key_hash(uint64_t hc, uint64_t hn, uint64_t hd, int width)
{
    if (width == 1)
        return hn;
    if (width == 2)
        return combine(hn, hd);
    return combine(hc, combine(hn, hd));
}

static uint64_t name_key_hash(const filter *fl, int width)
{
    return key_hash(part_hash(fl->key[0], fl->key_len[0]),
                    part_hash(fl->key[1], fl->key_len[1]),
                    part_hash(fl->key[2], fl->key_len[2]), width);
}

static int width_of(uint8_t kind)
{
    return kind == FILTER_NAME3 ? 3 : kind == FILTER_NAME2 ? 2 : 1;
}

static crjit_status seal_names(crjit_filters *f)
{
    size_t n[3] = { 0, 0, 0 }, i;
    int w;

    for (i = 0; i < f->count; i++)
        if (f->filters[i].live && f->filters[i].kind != FILTER_REGEX)
            n[width_of(f->filters[i].kind) - 1]++;
    for (w = 0; w < 3; w++) {
        f->have_names[w] = n[w] != 0;
        if (n[w] != 0 && table_alloc(f->ctx, &f->names[w], n[w]) != CRJIT_OK)
            return CRJIT_E_NOMEM;
    }
    for (i = 0; i < f->count; i++) {
        const filter *fl = &f->filters[i];
        if (!fl->live || fl->kind == FILTER_REGEX)
            continue;
        w = width_of(fl->kind);
        /* Keys are unique (DV-14 retired older ones); a hit is confirmed
         * part by part at lookup. */
        table_put_unique(&f->names[w - 1], name_key_hash(fl, w),
                         (uint32_t)i);
    }
    return CRJIT_OK;
}

/* Build-time trie node: children as a sibling chain, flattened later. */
typedef struct bnode {
    uint32_t child, sibling;
    uint32_t prefix_best, exact_best;
    unsigned char byte;
} bnode;

static uint32_t bchild(const bnode *b, uint32_t node, unsigned char byte)
{
    uint32_t c = b[node].child;
    while (c != 0 && b[c].byte != byte)
        c = b[c].sibling;
    return c;
}

/* Insert the literal of alternative a; node 0 is the root. */
static void binsert(bnode *b, size_t *used, const alt *a)
{
    uint32_t node = 0;
    size_t i;
    for (i = 0; i < a->lit_len; i++) {
        unsigned char c = (unsigned char)a->lit[i];
        uint32_t next = bchild(b, node, c);
        if (next == 0) {
            next = (uint32_t)(*used)++;
            b[next].byte = c;
            b[next].sibling = b[node].child;
            b[node].child = next;
        }
        node = next;
    }
    if (a->kind == ALT_PREFIX) {
        if (a->filter + 1 > b[node].prefix_best)
            b[node].prefix_best = a->filter + 1;
    } else if (a->filter + 1 > b[node].exact_best) {
        b[node].exact_best = a->filter + 1;
    }
}

static int cmp_edge(const void *x, const void *y)
{
    const ledge *a = x, *b = y;
    return (int)a->byte - (int)b->byte;
}

/* Flatten: every node's children become one sorted run of edges. */
static crjit_status flatten(crjit_filters *f, const bnode *b, size_t used)
{
    size_t i, e = 0;
    f->lnodes = crjit__calloc(f->ctx, used, sizeof *f->lnodes);
    f->ledges = crjit__calloc(f->ctx, used, sizeof *f->ledges);
    if (f->lnodes == NULL || f->ledges == NULL)
        return CRJIT_E_NOMEM;
    for (i = 0; i < used; i++) {
        uint32_t c;
        lnode *n = &f->lnodes[i];
        n->prefix_best = b[i].prefix_best;
        n->exact_best = b[i].exact_best;
        n->edge = (uint32_t)e;
        for (c = b[i].child; c != 0; c = b[c].sibling) {
            f->ledges[e].node = c;
            f->ledges[e].byte = b[c].byte;
            e++;
        }
        n->nedges = (uint32_t)e - n->edge;
        qsort(f->ledges + n->edge, n->nedges, sizeof *f->ledges, cmp_edge);
    }
    f->lnode_count = used;
    return CRJIT_OK;
}

static crjit_status seal_regex(crjit_filters *f)
{
    size_t nl = 0, ng = 0, bytes = 1, used = 1, i;
    bnode *b;
    crjit_status st;

    for (i = 0; i < f->alt_count; i++) {
        const alt *a = &f->alts[i];
        if (f->filters[a->filter].inverted || a->kind == ALT_GENERAL) {
            ng++;
        } else {
            nl++;
            bytes += a->lit_len;
        }
    }
    f->general = crjit__calloc(f->ctx, ng, sizeof *f->general);
    if (f->general == NULL)
        return CRJIT_E_NOMEM;
    /* General alternatives, newest filter first. */
    for (i = f->alt_count; i-- > 0;) {
        const alt *a = &f->alts[i];
        if (f->filters[a->filter].inverted || a->kind == ALT_GENERAL)
            f->general[f->general_count++] = (uint32_t)i;
    }
    if (nl == 0)
        return CRJIT_OK;
    b = crjit__calloc(f->ctx, bytes, sizeof *b);
    if (b == NULL)
        return CRJIT_E_NOMEM;
    for (i = 0; i < f->alt_count; i++) {
        const alt *a = &f->alts[i];
        if (!f->filters[a->filter].inverted && a->kind != ALT_GENERAL)
            binsert(b, &used, a);
    }
    st = flatten(f, b, used);
    crjit__free(f->ctx, b);
    return st;
}

crjit_status crjit_filters_seal(crjit_filters *f)
{
    crjit_status st;
    if (f == NULL)
        return CRJIT_E_INVALID_ARG;
    if (f->sealed)
        return CRJIT_OK;
    st = seal_names(f);
    if (st == CRJIT_OK)
        st = seal_regex(f);
    if (st != CRJIT_OK) {
        unseal(f);
        return st;
    }
    f->sealed = true;
    return CRJIT_OK;
}

/* ---- matching ------------------------------------------------------------------ */

static bool class_has(const klass *k, unsigned char c)
{
    return (k->bits[c >> 3] >> (c & 7)) & 1u;
}

static bool op_matches(const crjit_filters *f, const op *o, unsigned char c)
{
    switch (o->code) {
    case OP_LIT: return o->byte == c;
    case OP_ANY: return true;
    case OP_CLASS: return class_has(&f->classes[o->klass], c);
    default: return false;
    }
}

/* Anchored glob match of one alternative against the subject: iterative,
 * remembering only the last star (enough for '*', '?', classes and
 * literals), O(ops x length) at worst. */
static bool alt_matches(const crjit_filters *f, const alt *a,
                        const subject *s)
{
    const op *ops = f->ops + a->first;
    size_t n = a->count, pi = 0, si = 0;
    size_t star = CRJIT_NPOS, star_si = 0;

    while (si < s->total) {
        if (pi < n && ops[pi].code == OP_STAR) {
            star = pi++;
            star_si = si;
        } else if (pi < n && op_matches(f, &ops[pi], subject_at(s, si))) {
            pi++;
            si++;
        } else if (star != CRJIT_NPOS) {
            pi = star + 1;
            si = ++star_si;
        } else {
            return false;
        }
    }
    while (pi < n && ops[pi].code == OP_STAR)
        pi++;
    return pi == n;
}

static bool filter_matches(const crjit_filters *f, uint32_t fi,
                           const subject *s)
{
    const filter *fl = &f->filters[fi];
    uint32_t i;
    bool any = false;
    for (i = 0; i < fl->alt_count && !any; i++)
        any = alt_matches(f, &f->alts[fl->first_alt + i], s);
    return fl->inverted ? !any : any;
}

/* D-24 step 5: index + 1 of the newest regex filter that matches, or 0. */
static uint32_t lchild(const crjit_filters *f, const lnode *n,
                       unsigned char c)
{
    const ledge *e = f->ledges + n->edge;
    uint32_t lo = 0, hi = n->nedges;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (e[mid].byte < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n->nedges && e[lo].byte == c ? e[lo].node : 0;
}

/* Walk the literal trie over one segment from node *n, raising *best with
 * every prefix literal passed; false when no literal continues. */
static bool walk_segment(const crjit_filters *f, uint32_t *n, uint32_t *best,
                         const char *p, size_t len)
{
    size_t j;
    for (j = 0; j < len; j++) {
        uint32_t c = lchild(f, &f->lnodes[*n], (unsigned char)p[j]);
        if (c == 0)
            return false;
        *n = c;
        if (f->lnodes[c].prefix_best > *best)
            *best = f->lnodes[c].prefix_best;
    }
    return true;
}

/* The class-level part of the literal walk: the class and the '.'. */
static void class_walk(const crjit_filters *f, const char *cls, size_t clen,
                       crjit__class_cache *c)
{
    c->node = 0;
    c->best = f->lnodes[0].prefix_best;
    c->dead = !walk_segment(f, &c->node, &c->best, cls, clen) ||
              !walk_segment(f, &c->node, &c->best, ".", 1);
}

/* The rest: name and descriptor, then the exact literal at the end. */
static uint32_t method_walk(const crjit_filters *f, const subject *s,
                            const crjit__class_cache *c)
{
    uint32_t n = c->node, best = c->best;
    if (c->dead || !walk_segment(f, &n, &best, s->part[1], s->len[1]) ||
        !walk_segment(f, &n, &best, s->part[2], s->len[2]))
        return best;
    return f->lnodes[n].exact_best > best ? f->lnodes[n].exact_best : best;
}

/* D-24 step 5: index + 1 of the newest regex filter that matches, or 0.
 * The class-level walk comes from the cache. */
static uint32_t newest_regex(const crjit_filters *f, const subject *s,
                             const crjit__class_cache *c)
{
    uint32_t best = 0;
    size_t gi;

    if (f->lnode_count != 0)
        best = method_walk(f, s, c);
    /* General alternatives newest first: stop once older than best. */
    for (gi = 0; gi < f->general_count; gi++) {
        const alt *a = &f->alts[f->general[gi]];
        if (a->filter + 1 <= best)
            break;
        if (f->filters[a->filter].inverted) {
            if (filter_matches(f, a->filter, s))
                best = a->filter + 1;
        } else if (alt_matches(f, a, s)) {
            best = a->filter + 1;
        }
    }
    return best;
}

static bool name_filter_hit(const filter *fl, const subject *s, int width)
{
    if (fl->key_len[1] != s->len[1] ||
        memcmp(fl->key[1], s->part[1], s->len[1]) != 0)
        return false;
    if (width >= 2 && (fl->key_len[2] != s->len[2] ||
                       memcmp(fl->key[2], s->part[2], s->len[2]) != 0))
        return false;
    if (width == 3 && (fl->key_len[0] != s->len[0] ||
                       memcmp(fl->key[0], s->part[0], s->len[0]) != 0))
        return false;
    return true;
}

/* D-24 steps 2-4: index + 1 of the name filter that decides, or 0.  The
 * body's parts are hashed once, and the class only when 3-part keys exist. */
static uint32_t name_lookup(const crjit_filters *f, const subject *s,
                            uint64_t hc)
{
    uint64_t hn, hd;
    int w;

    if (!f->have_names[0] && !f->have_names[1] && !f->have_names[2])
        return 0;
    hn = part_hash(s->part[1], s->len[1]);
    hd = part_hash(s->part[2], s->len[2]);
    for (w = 3; w >= 1; w--) {
        const table *t = &f->names[w - 1];
        uint64_t h;
        size_t i;
        if (!f->have_names[w - 1])
            continue;
        h = key_hash(hc, hn, hd, w);
        for (i = (size_t)h & t->mask; t->slots[i].filter != 0;
             i = (i + 1) & t->mask) {
            const filter *fl = &f->filters[t->slots[i].filter - 1];
            if (t->slots[i].hash == h && name_filter_hit(fl, s, w))
                return t->slots[i].filter;
        }
    }
    return 0;
}

/* Refresh the class-level cache unless the body has the class of the
 * previous one (same bytes: hosts need not share the storage). */
static void class_level(const crjit_filters *f, const char *cls, size_t clen,
                        crjit__class_cache *c)
{
    if (c->valid && c->filters == f && c->clen == clen &&
        (clen == 0 || memcmp(c->cls, cls, clen) == 0))
        return;
    /* Only classes that fit the copy are remembered; a one-shot decision
     * remembers nothing. */
    c->valid = !c->oneshot && clen <= sizeof c->cls;
    c->filters = f;
    if (c->valid && clen != 0)
        memcpy(c->cls, cls, clen);
    c->clen = clen;
    c->hc = f->have_names[2] ? part_hash(cls, clen) : 0;
    if (f->lnode_count != 0)
        class_walk(f, cls, clen, c);
}

crjit_filter_result crjit__filters_decide_cached(const crjit_filters *f,
                                                 const crjit_body *b,
                                                 crjit__class_cache *c)
{
    subject s;
    uint32_t hit;
    bool excluded;

    if (f == NULL || (f->count == 0 && !f->default_exclude))
        return CRJIT_FILTER_ALLOWED; /* D-24.1 */
    subject_init(&s, b->class_name, b->class_len, b->method_name,
                 b->method_len, b->descriptor, b->descriptor_len);
    class_level(f, b->class_name, b->class_len, c);
    hit = name_lookup(f, &s, c->hc);
    if (hit == 0)
        hit = newest_regex(f, &s, c);
    if (hit != 0)
        excluded = f->filters[hit - 1].type == CRJIT_FILTER_EXCLUDE;
    else
        excluded = f->default_exclude;
    if (excluded && f->if_excluded)
        return CRJIT_FILTER_ALLOWED_IF_EXCLUDED; /* D-24.7 */
    return excluded ? CRJIT_FILTER_EXCLUDED : CRJIT_FILTER_ALLOWED;
}

crjit_filter_result crjit__filters_decide(const crjit_filters *f,
                                         const char *cls, size_t clen,
                                         const char *name, size_t nlen,
                                         const char *desc, size_t dlen)
{
    crjit__class_cache c;
    crjit_body b;
    c.valid = false;
    c.oneshot = true;
    b.class_name = cls;
    b.class_len = clen;
    b.method_name = name;
    b.method_len = nlen;
    b.descriptor = desc;
    b.descriptor_len = dlen;
    b.flags = 0;
    return crjit__filters_decide_cached(f, &b, &c);
}

/* ---- public entry points ----------------------------------------------------- */

crjit_status crjit_filters_add(crjit_filters *f, crjit_filter_type type,
                               const char *spec, size_t len,
                               size_t *error_offset)
{
    crjit__filter_error e;
    crjit_status st;
    if (f == NULL || (spec == NULL && len != 0) ||
        (type != CRJIT_FILTER_EXCLUDE && type != CRJIT_FILTER_INCLUDE))
        return CRJIT_E_INVALID_ARG;
    if (len > CRJIT_MAX_ARG_BYTES)
        return CRJIT_E_LIMIT;
    st = crjit__filters_add(f, type, spec != NULL ? spec : "", len,
                            CRJIT_NPOS, &e);
    if (st == CRJIT_E_PARSE && error_offset != NULL)
        *error_offset = e.offset;
    return st;
}

crjit_filter_result crjit_filters_decide(const crjit_filters *f,
                                         const char *cls, size_t clen,
                                         const char *name, size_t nlen,
                                         const char *desc, size_t dlen)
{
    if (f == NULL || !f->sealed)
        return CRJIT_FILTER_ALLOWED;
    return crjit__filters_decide(f, cls, clen, name, nlen, desc, dlen);
}
