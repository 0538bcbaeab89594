/* The "OJ9-faithful" baseline of performance.md §4.1, written from that
 * description only (not from OpenJ9 source):
 *   - option discovery: 78 backward lookups, each a full sweep over the
 *     arguments in consume mode, then -Xjit: gathering in both modes;
 *   - filters parsed into 211 length buckets of unbalanced strcmp BSTs, a
 *     name-only BST and a linked list of backtracking globs for {...};
 *   - per compiled body: snprintf of "class.name(sig)" into char[1024],
 *     re-parse with strchr/strlen, lookup in that order (full signature,
 *     name(sig), name, then every glob in turn);
 *   - per excluded body: a lock and a removal scan over three lists;
 *   - the walk visits every loaded method, compiled or not. */
#include "bench.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- option discovery ------------------------------------------------------ */

static int opt_matches(const char *arg, const char *name, size_t nlen,
                       crjit_match kind)
{
    char next;
    if (kind == CRJIT_MATCH_EXACT)
        return strcmp(arg, name) == 0;
    if (strncmp(arg, name, nlen) != 0)
        return 0;
    next = arg[nlen];
    switch (kind) {
    case CRJIT_MATCH_STARTSWITH: return 1;
    case CRJIT_MATCH_EXACT_MEMORY: return next >= '0' && next <= '9';
    case CRJIT_MATCH_OPTIONAL_LIST: return next == '\0' || next == ':';
    case CRJIT_MATCH_OPTIONAL_LIST_EQUALS: return next == '\0' || next == '=';
    default: return 0;
    }
}

/* One FIND_AND_CONSUME: backward, the whole list, rightmost wins. */
static size_t find_consume(char *const *argv, size_t n, const char *name,
                           crjit_match kind, unsigned char *consumed)
{
    size_t nlen = strlen(name), i, win = (size_t)-1;
    for (i = n; i-- > 0;) {
        if (opt_matches(argv[i], name, nlen, kind)) {
            if (win == (size_t)-1) {
                win = i;
                consumed[i] = 1;
            } else {
                consumed[i] = 2; /* duplicate */
            }
        }
    }
    return win;
}

uint64_t oj9_find_options(char *const *argv, const size_t *lens, size_t n,
                          unsigned char *consumed)
{
    uint64_t sum = 0;
    size_t k, merge, i;
    (void)lens;
    memset(consumed, 0, n);
    for (k = 0; k < 78; k++) {
        size_t w = find_consume(argv, n, bench_options[k].name,
                                bench_options[k].match, consumed);
        sum = sum * 31 + (w == (size_t)-1 ? 0 : w + 1);
    }
    /* -Xjit: gathering: merge mode concatenates every fragment left to
     * right; otherwise the rightmost wins. */
    merge = find_consume(argv, n, "-XX:+MergeCompilerOptions",
                         CRJIT_MATCH_EXACT, consumed);
    if (merge != (size_t)-1) {
        size_t total = 1;
        char *s, *p;
        for (i = 0; i < n; i++)
            if (strncmp(argv[i], "-Xjit:", 6) == 0)
                total += strlen(argv[i] + 6) + 1;
        s = malloc(total);
        if (s == NULL)
            return sum;
        p = s;
        for (i = 0; i < n; i++) {
            if (strncmp(argv[i], "-Xjit:", 6) == 0) {
                size_t l = strlen(argv[i] + 6);
                if (p != s)
                    *p++ = ',';
                memcpy(p, argv[i] + 6, l);
                p += l;
                consumed[i] = 1;
            }
        }
        *p = '\0';
        sum += (uint64_t)(p - s);
        free(s);
    } else {
        size_t w = find_consume(argv, n, "-Xjit:", CRJIT_MATCH_STARTSWITH,
                                consumed);
        if (w != (size_t)-1)
            sum += strlen(argv[w]);
    }
    return sum;
}

/* ---- filters ------------------------------------------------------------------- */

typedef struct bst {
    char *key;
    struct bst *l, *r;
    int exclude;
} bst;

typedef struct rx {
    char *pat; /* between the braces */
    int exclude;
    int inverted;
    struct rx *next;
} rx;

struct oj9_filters {
    bst *bucket[211]; /* class.name(sig), by strlen % 211 */
    bst *names;       /* name(sig) and name */
    rx *rxs, *rx_tail;
    int default_exclude;
    size_t count;
};

static void bst_insert(bst **root, const char *key, size_t len, int exclude)
{
    bst *n = malloc(sizeof *n), **p = root;
    if (n == NULL)
        return;
    n->key = malloc(len + 1);
    if (n->key == NULL) {
        free(n);
        return;
    }
    memcpy(n->key, key, len);
    n->key[len] = '\0';
    n->l = n->r = NULL;
    n->exclude = exclude;
    while (*p != NULL) {
        int c = strcmp(n->key, (*p)->key);
        if (c == 0) { /* newer replaces older */
            (*p)->exclude = exclude;
            free(n->key);
            free(n);
            return;
        }
        p = c < 0 ? &(*p)->l : &(*p)->r;
    }
    *p = n;
}

static const bst *bst_find(const bst *t, const char *key)
{
    while (t != NULL) {
        int c = strcmp(key, t->key);
        if (c == 0)
            return t;
        t = c < 0 ? t->l : t->r;
    }
    return NULL;
}

static void bst_free(bst *t)
{
    if (t == NULL)
        return;
    bst_free(t->l);
    bst_free(t->r);
    free(t->key);
    free(t);
}

static void add_one(oj9_filters *f, const char *spec, size_t len, int exclude)
{
    f->count++;
    if (!exclude)
        f->default_exclude = 1;
    if (len >= 2 && spec[0] == '{') {
        rx *r = malloc(sizeof *r);
        size_t body = len - 2;
        if (r == NULL)
            return;
        r->inverted = body > 0 && spec[1] == '^';
        r->pat = malloc(body + 1);
        if (r->pat == NULL) {
            free(r);
            return;
        }
        memcpy(r->pat, spec + 1 + r->inverted, body - (size_t)r->inverted);
        r->pat[body - (size_t)r->inverted] = '\0';
        r->exclude = exclude;
        r->next = NULL;
        if (f->rx_tail != NULL)
            f->rx_tail->next = r;
        else
            f->rxs = r;
        f->rx_tail = r;
        return;
    }
    {
        const char *paren = memchr(spec, '(', len);
        size_t head = paren != NULL ? (size_t)(paren - spec) : len, i;
        int dot = 0;
        for (i = 0; i < head; i++)
            if (spec[i] == '.')
                dot = 1;
        if (dot)
            bst_insert(&f->bucket[len % 211], spec, len, exclude);
        else
            bst_insert(&f->names, spec, len, exclude);
    }
}

oj9_filters *oj9_filters_parse(const gen_filters *fs)
{
    oj9_filters *f = calloc(1, sizeof *f);
    size_t i;
    if (f == NULL)
        return NULL;
    for (i = 0; i < fs->count; i++)
        add_one(f, fs->f[i].spec, fs->f[i].len,
                fs->f[i].type == CRJIT_FILTER_EXCLUDE);
    return f;
}

/* "exclude=X,limit=Y,count=10": brace groups may hold ','. */
oj9_filters *oj9_filters_parse_xjit(const char *s)
{
    oj9_filters *f = calloc(1, sizeof *f);
    if (f == NULL)
        return NULL;
    while (*s != '\0') {
        const char *e = s;
        int depth = 0;
        while (*e != '\0' && (depth > 0 || *e != ',')) {
            if (*e == '{')
                depth++;
            else if (*e == '}')
                depth--;
            e++;
        }
        if (strncmp(s, "exclude=", 8) == 0)
            add_one(f, s + 8, (size_t)(e - s - 8), 1);
        else if (strncmp(s, "limit=", 6) == 0)
            add_one(f, s + 6, (size_t)(e - s - 6), 0);
        s = *e == ',' ? e + 1 : e;
    }
    return f;
}

void oj9_filters_free(oj9_filters *f)
{
    size_t i;
    rx *r;
    if (f == NULL)
        return;
    for (i = 0; i < 211; i++)
        bst_free(f->bucket[i]);
    bst_free(f->names);
    for (r = f->rxs; r != NULL;) {
        rx *n = r->next;
        free(r->pat);
        free(r);
        r = n;
    }
    free(f);
}

size_t oj9_filters_count(const oj9_filters *f)
{
    return f->count;
}

/* Backtracking glob over one alternative [p, pe) against NUL-terminated s. */
static int glob(const char *p, const char *pe, const char *s)
{
    while (p < pe) {
        char c = *p;
        if (c == '*') {
            p++;
            if (p == pe)
                return 1;
            for (;; s++) {
                if (glob(p, pe, s))
                    return 1;
                if (*s == '\0')
                    return 0;
            }
        }
        if (*s == '\0')
            return 0;
        if (c == '?') {
            p++;
            s++;
            continue;
        }
        if (c == '[') {
            const char *q = p + 1;
            int neg = 0, in = 0;
            if (q < pe && *q == '^') {
                neg = 1;
                q++;
            }
            while (q < pe && *q != ']') {
                char lo = *q, hi = lo;
                if (q + 2 < pe && q[1] == '-' && q[2] != ']') {
                    hi = q[2];
                    q += 2;
                }
                if (*s >= lo && *s <= hi)
                    in = 1;
                q++;
            }
            if (in == neg)
                return 0;
            p = q < pe ? q + 1 : q;
            s++;
            continue;
        }
        if (c == '\\' && p + 1 < pe)
            c = *++p;
        if (c != *s)
            return 0;
        p++;
        s++;
    }
    return *s == '\0';
}

static int rx_matches(const rx *r, const char *s)
{
    const char *p = r->pat;
    int any = 0;
    while (!any) {
        const char *e = p;
        while (*e != '\0' && *e != ',' && *e != '|')
            e++;
        if (e > p)
            any = glob(p, e, s);
        if (*e == '\0')
            break;
        p = e + 1;
    }
    return r->inverted ? !any : any;
}

/* 1 excluded, 0 allowed. */
static int oj9_decide(const oj9_filters *f, const char *sig)
{
    const char *paren = strchr(sig, '('), *dot, *name, *d;
    size_t len = strlen(sig);
    const bst *hit;
    const rx *r;
    int decided = -1;
    char nm[1024];

    /* re-parse: the method name starts after the last '.' before '(' */
    dot = strchr(sig, '.');
    while (dot != NULL && (d = strchr(dot + 1, '.')) != NULL &&
           (paren == NULL || d < paren))
        dot = d;
    name = dot != NULL ? dot + 1 : sig;
    hit = bst_find(f->bucket[len % 211], sig);
    if (hit == NULL)
        hit = bst_find(f->names, name);
    if (hit == NULL && paren != NULL) {
        size_t nl = (size_t)(paren - name);
        memcpy(nm, name, nl);
        nm[nl] = '\0';
        hit = bst_find(f->names, nm);
    }
    if (hit != NULL)
        return hit->exclude;
    for (r = f->rxs; r != NULL; r = r->next)
        if (rx_matches(r, sig))
            decided = r->exclude; /* every pattern in turn; newest wins */
    if (decided >= 0)
        return decided;
    return f->default_exclude;
}

/* ---- memoized lists and the walk ------------------------------------------------- */

typedef struct lnode {
    const void *method;
    struct lnode *next;
} lnode;

struct oj9_lists {
    lnode *head[3];
    lnode *nodes;
    pthread_mutex_t lock;
};

oj9_lists *oj9_lists_new(const gen_cc *cc, size_t len, uint64_t seed)
{
    oj9_lists *l = calloc(1, sizeof *l);
    rng r = { seed ^ 0x1157u };
    size_t i, k;
    if (l == NULL)
        return NULL;
    l->nodes = calloc(3 * (len != 0 ? len : 1), sizeof *l->nodes);
    if (l->nodes == NULL) {
        free(l);
        return NULL;
    }
    pthread_mutex_init(&l->lock, NULL);
    /* Entries are methods that are not compiled (or other methods): the
     * scans run to the end every time, so repetitions stay identical. */
    for (k = 0; k < 3; k++) {
        for (i = 0; i < len; i++) {
            lnode *n = &l->nodes[k * len + i];
            const gen_method *m = &cc->methods[rng_below(&r, cc->method_count)];
            n->method = m->body < 0 ? (const void *)m : (const void *)l;
            n->next = l->head[k];
            l->head[k] = n;
        }
    }
    return l;
}

void oj9_lists_free(oj9_lists *l)
{
    if (l == NULL)
        return;
    pthread_mutex_destroy(&l->lock);
    free(l->nodes);
    free(l);
}

static size_t forget(oj9_lists *l, const void *method)
{
    size_t k, removed = 0;
    pthread_mutex_lock(&l->lock);
    for (k = 0; k < 3; k++) {
        lnode **p = &l->head[k];
        while (*p != NULL) {
            if ((*p)->method == method) {
                *p = (*p)->next;
                removed++;
            } else {
                p = &(*p)->next;
            }
        }
    }
    pthread_mutex_unlock(&l->lock);
    return removed;
}

volatile size_t oj9_sink;

size_t oj9_walk(const gen_cc *cc, const oj9_filters *f, oj9_lists *lists,
                int all)
{
    size_t c, excluded = 0, removed = 0;
    char buf[1024];

    for (c = 0; c < cc->class_count; c++) {
        const gen_class *k = &cc->classes[c];
        const char *cname = cc->blob + k->name_off;
        uint32_t m;
        for (m = 0; m < k->method_count; m++) {
            const gen_method *meth = &cc->methods[k->first_method + m];
            if (meth->body < 0)
                continue; /* not compiled: visited all the same */
            if (!all) {
                snprintf(buf, sizeof buf, "%.*s.%.*s%.*s", (int)k->name_len,
                         cname, (int)meth->name_len, meth->name,
                         (int)meth->desc_len, meth->desc);
                if (!oj9_decide(f, buf))
                    continue;
            }
            excluded++;
            if (lists != NULL)
                removed += forget(lists, meth);
        }
    }
    oj9_sink = removed;
    return excluded;
}
