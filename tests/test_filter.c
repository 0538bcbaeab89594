/* Method filters (semantics.md D-20…D-27; product.md DV-14, DV-15) through
 * crjit_filters_new/add/seal/decide/free.
 *
 *   1. D-21 brace-form rows, each named by rule id, run once as an exclude
 *      filter and once as an include filter; bad regexes (CRJIT_E_PARSE,
 *      error offset, set unchanged).
 *   2. D-22/DV-15 non-brace forms and the D-24 decision order (with D-23
 *      default-exclude and DV-14 replacement), as small filter-set rows.
 *   3. A differential test against a deliberately simple reference written
 *      only here (own brace parser, recursive backtracking glob, own D-24
 *      decision over a list of filters), on seeded random filter sets and
 *      signatures.  CRJIT_DIFF_PAIRS overrides the number of (filter set,
 *      signature) pairs (default 1,000,000); CRJIT_DIFF_SEED the seed.
 *
 * The reference is also run over the hand-written rows of 1 and 2, so the
 * rows check the reference as well as the library. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define EXC CRJIT_FILTER_EXCLUDE
#define INC CRJIT_FILTER_INCLUDE
#define ALLOW CRJIT_FILTER_ALLOWED
#define EXCL CRJIT_FILTER_EXCLUDED

typedef struct sig {
    const char *cls;
    const char *name;
    const char *desc;
} sig;

/* Subjects used by the rows. */
#define S_STR { "java/lang/String", "hashCode", "()I" }
#define S_HM { "java/util/HashMap", "get", "(Ljava/lang/Object;)Ljava/lang/Object;" }
#define S_MAIN { "Foo", "main", "([Ljava/lang/String;)V" }
#define S_INIT { "java/lang/Object", "<init>", "()V" }

static crjit_filter_result lib_decide(const crjit_filters *f, sig s)
{
    return crjit_filters_decide(f, s.cls, strlen(s.cls), s.name,
                                strlen(s.name), s.desc, strlen(s.desc));
}

static crjit_status lib_add(crjit_filters *f, crjit_filter_type t,
                            const char *spec, size_t *off)
{
    return crjit_filters_add(f, t, spec, strlen(spec), off);
}

static const char *result_name(crjit_filter_result r)
{
    switch (r) {
    case CRJIT_FILTER_ALLOWED: return "ALLOWED";
    case CRJIT_FILTER_EXCLUDED: return "EXCLUDED";
    case CRJIT_FILTER_ALLOWED_IF_EXCLUDED: return "ALLOWED_IF_EXCLUDED";
    default: return "?";
    }
}

static const char *type_name(crjit_filter_type t)
{
    return t == INC ? "include(limit)" : "exclude";
}

/* ======================================================================== */
/* The reference: a deliberately simple reading of D-20…D-24 / DV-14/15.   */
/* ======================================================================== */

enum { R_LIT, R_ANY, R_STAR, R_CLASS };

#define REF_SPEC_MAX 256
#define REF_ALTS_MAX 16
#define REF_TOKS_MAX 256
#define REF_SUBJECT_MAX 256

typedef struct ref_tok {
    unsigned char kind;
    unsigned char ch;  /* R_LIT */
    bool neg;          /* R_CLASS: [^...] */
    uint16_t off, len; /* R_CLASS: member text inside the spec */
} ref_tok;

typedef struct ref_alt {
    size_t n;
    ref_tok t[REF_TOKS_MAX];
} ref_alt;

typedef struct ref_filter {
    crjit_filter_type type;
    int width;         /* 0: brace form; 1, 2, 3: name key parts */
    bool inverted;
    char spec[REF_SPEC_MAX];
    size_t len;
    size_t key_off[3]; /* class, name, descriptor */
    size_t key_len[3];
    size_t nalts;
    ref_alt alt[REF_ALTS_MAX];
} ref_filter;

/* What the reference parser saw in accepted filters (and rejections). */
enum {
    OPC_BRACE, OPC_COMMA, OPC_PIPE, OPC_EXTRA_SEP, OPC_INVERT, OPC_STAR,
    OPC_ANY, OPC_CLASS, OPC_NEG_CLASS, OPC_RANGE, OPC_LIT_BRACKET,
    OPC_ESCAPE, OPC_NAME1, OPC_NAME2, OPC_NAME3, OPC_INCLUDE, OPC_EXCLUDE,
    OPC_REJECTED, OPC_REPLACED, OPC_COUNT
};

static const char *const opc_names[OPC_COUNT] = {
    "brace", "',' separator", "'|' separator", "leading/duplicate separator",
    "'^' inversion", "'*'", "'?'", "[class]", "[^class]", "range a-z",
    "'[' literal ([ rule)", "'\\x' escape", "name", "name(desc)",
    "cls.name(desc)", "include", "exclude", "rejected (bad regex)",
    "DV-14 replacement"
};

/* Which D-24 step decided. */
enum {
    DP_NAME3, DP_NAME2, DP_NAME1, DP_REGEX, DP_REGEX_INVERTED,
    DP_DEFAULT_EXCLUDE, DP_DEFAULT_ALLOW, DP_COUNT
};

static const char *const dp_names[DP_COUNT] = {
    "D-24.2 cls.name(desc)", "D-24.3 name(desc)", "D-24.4 name",
    "D-24.5 regex", "D-24.5 inverted regex", "D-24.6 default-exclude",
    "D-24.6 nothing found, allowed"
};

/* Is c a member of the class text m[0..n)?  Members: a character (`\x`
 * escapes x) or a range lo-hi (a '-' that is the last member is literal). */
static bool ref_class_has(const char *m, size_t n, unsigned char c)
{
    size_t i = 0;
    while (i < n) {
        unsigned char lo = (unsigned char)m[i], hi;
        if (lo == '\\' && i + 1 < n)
            lo = (unsigned char)m[++i];
        hi = lo;
        if (i + 2 < n && m[i + 1] == '-') {
            hi = (unsigned char)m[i + 2];
            i += 2;
        }
        if (c >= lo && c <= hi)
            return true;
        i++;
    }
    return false;
}

/* Validate the ranges of a class text (D-21 / header: backwards = bad). */
static bool ref_class_ok(const char *m, size_t n, size_t *ranges)
{
    size_t i = 0;
    while (i < n) {
        unsigned char lo = (unsigned char)m[i];
        if (lo == '\\' && i + 1 < n)
            lo = (unsigned char)m[++i];
        if (i + 2 < n && m[i + 1] == '-') {
            if ((unsigned char)m[i + 2] < lo)
                return false;
            (*ranges)++;
            i += 2;
        }
        i++;
    }
    return true;
}

static bool ref_parse_brace(ref_filter *rf, size_t counts[OPC_COUNT])
{
    const char *s = rf->spec;
    size_t close = 0, i, pos, n, body;
    bool open = false;
    ref_alt *a = NULL;

    /* The closing '}' is the first one that is not escaped. */
    for (i = 1; i < rf->len && close == 0; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '}')
            close = i;
    }
    if (close == 0 || close + 1 != rf->len)
        return false;
    body = 1;
    n = close; /* body is s[body..n) */
    pos = body;
    if (pos < n && s[pos] == '^') {
        rf->inverted = true;
        counts[OPC_INVERT]++;
        pos++;
    }
    while (pos < n) {
        char c = s[pos];
        ref_tok t;
        if (c == ',' || c == '|') {
            if (open)
                counts[c == ',' ? OPC_COMMA : OPC_PIPE]++;
            else
                counts[OPC_EXTRA_SEP]++;
            open = false;
            pos++;
            continue;
        }
        if (!open) {
            if (rf->nalts == REF_ALTS_MAX)
                return false; /* beyond what the generator makes */
            a = &rf->alt[rf->nalts++];
            a->n = 0;
            open = true;
        }
        memset(&t, 0, sizeof t);
        if (c == '*') {
            t.kind = R_STAR;
            counts[OPC_STAR]++;
            pos++;
        } else if (c == '?') {
            t.kind = R_ANY;
            counts[OPC_ANY]++;
            pos++;
        } else if (c == '[' && ((pos + 1 < n && s[pos + 1] == '^') ||
                                memchr(s + pos + 1, ']', n - pos - 1))) {
            /* The '[' rule: a class iff "[^" or a ']' occurs before '}'. */
            size_t j = pos + 1, start;
            t.kind = R_CLASS;
            if (j < n && s[j] == '^') {
                t.neg = true;
                j++;
            }
            start = j;
            while (j < n && s[j] != ']')
                j += s[j] == '\\' ? 2 : 1;
            if (j >= n)
                return false; /* unterminated class */
            t.off = (uint16_t)start;
            t.len = (uint16_t)(j - start);
            if (!ref_class_ok(s + start, j - start, &counts[OPC_RANGE]))
                return false;
            counts[t.neg ? OPC_NEG_CLASS : OPC_CLASS]++;
            pos = j + 1;
        } else {
            if (c == '[')
                counts[OPC_LIT_BRACKET]++;
            if (c == '\\' && pos + 1 < n) {
                c = s[++pos];
                counts[OPC_ESCAPE]++;
            }
            t.kind = R_LIT;
            t.ch = (unsigned char)c;
            pos++;
        }
        if (a->n == REF_TOKS_MAX)
            return false;
        a->t[a->n++] = t;
    }
    if (rf->nalts == 0)
        return false; /* {} (also {,} and {^}): no alternative */
    counts[OPC_BRACE]++;
    return true;
}

/* Non-brace forms (D-22 + DV-15): name | name(desc) | cls.name(desc).  The
 * class is everything before the first '.', the name runs to the first
 * '(' (D-20). */
static bool ref_parse_name(ref_filter *rf, size_t counts[OPC_COUNT])
{
    const char *s = rf->spec;
    const char *paren = memchr(s, '(', rf->len);
    size_t head = paren != NULL ? (size_t)(paren - s) : rf->len;
    const char *dot = memchr(s, '.', head);

    memset(rf->key_off, 0, sizeof rf->key_off);
    memset(rf->key_len, 0, sizeof rf->key_len);
    if (dot != NULL) {
        rf->key_len[0] = (size_t)(dot - s);
        rf->key_off[1] = rf->key_len[0] + 1;
        rf->key_len[1] = head - rf->key_off[1];
    } else {
        rf->key_len[1] = head;
    }
    if (paren != NULL) {
        rf->key_off[2] = head;
        rf->key_len[2] = rf->len - head;
    }
    rf->width = dot != NULL ? 3 : paren != NULL ? 2 : 1;
    counts[OPC_NAME1 + rf->width - 1]++;
    return true;
}

/* Parse spec into rf; false = the spec is a bad filter. */
static bool ref_parse(ref_filter *rf, crjit_filter_type type,
                      const char *spec, size_t counts[OPC_COUNT])
{
    size_t local[OPC_COUNT], i;
    bool ok;

    memset(local, 0, sizeof local);
    rf->len = strlen(spec);
    assert_true(rf->len < REF_SPEC_MAX);
    memcpy(rf->spec, spec, rf->len + 1);
    rf->type = type;
    rf->width = 0;
    rf->inverted = false;
    rf->nalts = 0;
    if (rf->len == 0)
        ok = false;
    else if (spec[0] == '{')
        ok = ref_parse_brace(rf, local);
    else
        ok = ref_parse_name(rf, local);
    if (counts != NULL) {
        if (!ok) {
            counts[OPC_REJECTED]++;
        } else {
            for (i = 0; i < OPC_COUNT; i++)
                counts[i] += local[i];
            counts[type == INC ? OPC_INCLUDE : OPC_EXCLUDE]++;
        }
    }
    return ok;
}

/* Anchored, recursive, backtracking glob of one alternative. */
static bool ref_glob(const ref_filter *rf, const ref_alt *a, size_t ti,
                     const char *s, size_t si, size_t n)
{
    const ref_tok *t;
    size_t k;
    if (ti == a->n)
        return si == n;
    t = &a->t[ti];
    switch (t->kind) {
    case R_STAR:
        for (k = si; k <= n; k++)
            if (ref_glob(rf, a, ti + 1, s, k, n))
                return true;
        return false;
    case R_ANY:
        return si < n && ref_glob(rf, a, ti + 1, s, si + 1, n);
    case R_LIT:
        return si < n && (unsigned char)s[si] == t->ch &&
               ref_glob(rf, a, ti + 1, s, si + 1, n);
    default:
        return si < n &&
               ref_class_has(rf->spec + t->off, t->len,
                             (unsigned char)s[si]) != t->neg &&
               ref_glob(rf, a, ti + 1, s, si + 1, n);
    }
}

static bool ref_regex_matches(const ref_filter *rf, const char *m, size_t n)
{
    size_t i;
    bool any = false;
    for (i = 0; i < rf->nalts && !any; i++)
        any = ref_glob(rf, &rf->alt[i], 0, m, 0, n);
    return rf->inverted ? !any : any;
}

static bool key_eq(const ref_filter *rf, int part, const char *p, size_t n)
{
    return rf->key_len[part] == n &&
           memcmp(rf->spec + rf->key_off[part], p, n) == 0;
}

static bool ref_name_hit(const ref_filter *rf, sig s)
{
    if (!key_eq(rf, 1, s.name, strlen(s.name)))
        return false;
    if (rf->width >= 2 && !key_eq(rf, 2, s.desc, strlen(s.desc)))
        return false;
    if (rf->width == 3 && !key_eq(rf, 0, s.cls, strlen(s.cls)))
        return false;
    return true;
}

/* D-24 over the accepted filters f[0..nf), oldest first.  DV-14 falls out
 * of looking at name filters newest first. */
static crjit_filter_result ref_decide(const ref_filter *const *f, size_t nf,
                                      sig s, int *path)
{
    char m[REF_SUBJECT_MAX];
    int len, w;
    size_t i;
    bool default_exclude = false;

    for (i = 0; i < nf; i++)
        if (f[i]->type == INC)
            default_exclude = true; /* D-23 */
    for (w = 3; w >= 1; w--) {
        for (i = nf; i-- > 0;) {
            if (f[i]->width == w && ref_name_hit(f[i], s)) {
                *path = DP_NAME3 + (3 - w);
                return f[i]->type == INC ? ALLOW : EXCL;
            }
        }
    }
    /* D-20: "<class>.<name><descriptor>" */
    len = snprintf(m, sizeof m, "%s.%s%s", s.cls, s.name, s.desc);
    assert_true(len > 0 && (size_t)len < sizeof m);
    for (i = nf; i-- > 0;) {
        if (f[i]->width == 0 && ref_regex_matches(f[i], m, (size_t)len)) {
            *path = f[i]->inverted ? DP_REGEX_INVERTED : DP_REGEX;
            return f[i]->type == INC ? ALLOW : EXCL;
        }
    }
    *path = default_exclude ? DP_DEFAULT_EXCLUDE : DP_DEFAULT_ALLOW;
    return default_exclude ? EXCL : ALLOW;
}

/* ======================================================================== */
/* 1. D-21 brace-form rows                                                 */
/* ======================================================================== */

typedef struct rx_case {
    const char *name;
    const char *spec;
    sig s;
    bool match;
} rx_case;

static const rx_case rx_cases[] = {
    /* D-20: the subject string */
    { "D-20 subject is class.name+descriptor", "{java/util/HashMap.get(Ljava/lang/Object;)Ljava/lang/Object;}", S_HM, true },
    { "D-20 no separator between name and descriptor", "{java/util/HashMap.get.(*}", S_HM, false },
    { "D-20 class and name joined by '.'", "{java/util/HashMapget*}", S_HM, false },
    { "D-20 <init> is part of the subject", "{java/lang/Object.<init>()V}", S_INIT, true },
    { "D-20 '$' of a nested class", "{java/util/Map$Entry.*}", { "java/util/Map$Entry", "getKey", "()Ljava/lang/Object;" }, true },
    { "D-21 doc example: one method", "{test/sample/MyClass.testMethod()V}", { "test/sample/MyClass", "testMethod", "()V" }, true },
    { "D-21 doc example: any return type", "{test/sample/MyClass.testMethod()*}", { "test/sample/MyClass", "testMethod", "()Ljava/lang/String;" }, true },
    { "D-21 doc example: {*} is all methods", "{*}", S_HM, true },
    /* D-21: literals and anchoring */
    { "D-21 literal alternative matches", "{java/lang/String.hashCode()I}", S_STR, true },
    { "D-21 literal alternative differs", "{java/lang/String.hashCode()J}", S_STR, false },
    { "D-21 anchored at the start", "{lang/String.hashCode()I}", S_STR, false },
    { "D-21 anchored at the end", "{java/lang/String.hashCode()}", S_STR, false },
    { "D-21 anchored: a prefix is not a match", "{java/lang/String.hash}", S_STR, false },
    { "D-21 anchored: longer than the subject", "{java/lang/String.hashCode()II}", S_STR, false },
    { "D-21 case-sensitive literal", "{java/lang/string.hashCode()I}", S_STR, false },
    { "D-21 case-sensitive after '*'", "{*HASHCODE*}", S_STR, false },
    { "D-21 case-sensitive class", "{[J]ava*}", S_STR, false },
    /* D-21: alternatives */
    { "D-21 ',' alternative: first matches", "{java/lang/String.hashCode()I,foo}", S_STR, true },
    { "D-21 ',' alternative: second matches", "{foo,java/lang/String.hashCode()I}", S_STR, true },
    { "D-21 '|' alternative matches", "{foo|*.hashCode()I}", S_STR, true },
    { "D-21 ',' and '|' mixed", "{a|b,*hashCode*}", S_STR, true },
    { "D-21 no alternative matches", "{foo,bar|baz}", S_STR, false },
    { "D-21 each alternative anchored", "{java/lang/String,hashCode()I}", S_STR, false },
    { "D-21 leading ',' ignored", "{,*hashCode*}", S_STR, true },
    { "D-21 leading '|' ignored", "{|*hashCode*}", S_STR, true },
    { "D-21 duplicate separators ignored", "{foo,,|*hashCode*}", S_STR, true },
    { "D-21 trailing separator ignored", "{*hashCode*,}", S_STR, true },
    { "D-21 separators do not make an empty alternative", "{,,foo||}", S_STR, false },
    /* D-21: '^' */
    { "D-21 '^' inverts: matching subject excluded from filter", "{^*hashCode*}", S_STR, false },
    { "D-21 '^' inverts: other subject matches", "{^*hashCode*}", S_HM, true },
    { "D-21 '^' inverts the whole filter (one alt matches)", "{^foo,*hashCode*}", S_STR, false },
    { "D-21 '^' inverts the whole filter (no alt matches)", "{^foo,*hashCode*}", S_HM, true },
    { "D-21 '^' inverted literal", "{^a}", S_STR, true },
    { "D-21 '^' not after '{' is literal", "{a,^*}", S_STR, false },
    { "D-21 '^' not after '{' matches a '^'", "{a,^*}", { "^x", "m", "()V" }, true },
    { "D-21 '\\^' after '{' is literal", "{\\^*}", S_STR, false },
    /* D-21: '*' */
    { "D-21 '*' across '/'", "{java*String.hashCode()I}", S_STR, true },
    { "D-21 '*' across '.'", "{java/lang/String*()I}", S_STR, true },
    { "D-21 '*' across '(' and ')'", "{*Code*I}", S_STR, true },
    { "D-21 '*' across ';'", "{*Object*Object;}", S_HM, true },
    { "D-21 '*' across everything", "{java/util/HashMap.get(*}", S_HM, true },
    { "D-21 '*' matches empty at the end", "{java/lang/String.hashCode()I*}", S_STR, true },
    { "D-21 '*' matches empty at the start", "{*java/lang/String.hashCode()I}", S_STR, true },
    { "D-21 '**' is '*'", "{**}", S_STR, true },
    { "D-21 '*' backtracks", "{*a*a*a*}", { "aXa", "a", "()V" }, true },
    { "D-21 '*' backtracking fails", "{*a*a*a*a*}", { "aXa", "a", "()V" }, false },
    /* D-21: '?' */
    { "D-21 '?' one character", "{java/lang/String.hashCode()?}", S_STR, true },
    { "D-21 '?' is not zero characters", "{java/lang/String.hashCode(?)I}", S_STR, false },
    { "D-21 '?' is not two characters", "{java/lang/String.hashCode()??}", S_STR, false },
    { "D-21 '?' matches '('", "{java/lang/String.hashCode?)I}", S_STR, true },
    { "D-21 '?' matches '.'", "{java/lang/String?hashCode()I}", S_STR, true },
    /* D-21: classes */
    { "D-21 class [a-c] in range", "{java/lang/String.h[a-c]shCode()I}", S_STR, true },
    { "D-21 class [b-d] out of range", "{java/lang/String.h[b-d]shCode()I}", S_STR, false },
    { "D-21 class list", "{java/lang/String.h[xay]shCode()I}", S_STR, true },
    { "D-21 class [^a-c] excludes", "{java/lang/String.h[^a-c]shCode()I}", S_STR, false },
    { "D-21 class [^b-d] includes", "{java/lang/String.h[^b-d]shCode()I}", S_STR, true },
    { "D-21 class is exactly one character", "{java/lang/String.[g-i]Code()I}", S_STR, false },
    { "D-21 class with two ranges", "{java/lang/[A-Z0-9]tring*}", S_STR, true },
    { "D-21 range includes its low end", "{java/lang/[S-T]tring*}", S_STR, true },
    { "D-21 range includes its high end", "{java/lang/[R-S]tring*}", S_STR, true },
    { "D-21 range outside", "{java/lang/[T-Z]tring*}", S_STR, false },
    { "D-21 single-character range", "{java/lang/[S-S]tring*}", S_STR, true },
    { "D-21 class holds ';' and '/'", "{java/util/HashMap.get(Ljava[/]lang/Object[;])*}", S_HM, true },
    { "D-21 '*' '?' ',' are members inside a class", "{A.[*?,]()V}", { "A", ",", "()V" }, true },
    /* D-21: the '[' rule */
    { "D-21 '[' without later ']' is literal (main)", "{*.main([Ljava/lang/String;)V}", S_MAIN, true },
    { "D-21 '[' without later ']' is literal (prefix)", "{Foo.main([L*}", S_MAIN, true },
    { "D-21 '[' without later ']' is literal (array class)", "{[Ljava/lang/String;.clone()*}", { "[Ljava/lang/String;", "clone", "()Ljava/lang/Object;" }, true },
    { "D-21 '[' with a later ']' is a class (no match)", "{Foo.main([L]java/lang/String;)V}", S_MAIN, false },
    { "D-21 '[' with a later ']' is a class (match)", "{Foo.main([L]java/lang/String;)V}", { "Foo", "main", "(Ljava/lang/String;)V" }, true },
    { "D-21 '[' ']' in a later alternative is a class", "{Foo.main([L*,x]}", S_MAIN, false },
    { "D-21 '[' ']' in a later alternative (class of ',')", "{Foo.main([L*,x]}", { "Foo", "main", "(," }, true },
    { "D-21 '[^' is always a class", "{Foo.main([^x]Ljava/lang/String;)V}", S_MAIN, true },
    { "D-21 '[' after a closed class is literal again", "{Foo.[m]ain([L*}", S_MAIN, true },
    /* D-21: escapes */
    { "D-21 '\\*' is a literal star (no match)", "{A.b\\*()V}", { "A", "bx", "()V" }, false },
    { "D-21 '\\*' is a literal star (match)", "{A.b\\*()V}", { "A", "b*", "()V" }, true },
    { "D-21 '\\?' is a literal '?'", "{A.b\\?()V}", { "A", "bx", "()V" }, false },
    { "D-21 '\\?' matches '?'", "{A.b\\?()V}", { "A", "b?", "()V" }, true },
    { "D-21 '\\[' is literal", "{Foo.main(\\[Ljava/lang/String;)V}", S_MAIN, true },
    { "D-21 '\\[' stays literal with a later ']'", "{Foo.main(\\[Ljava/lang/String;)V,x]}", S_MAIN, true },
    { "D-21 '\\,' is not a separator", "{A.x\\,y()V}", { "A", "x,y", "()V" }, true },
    { "D-21 ',' unescaped splits", "{A.x,y()V}", { "A", "x,y", "()V" }, false },
    { "D-21 '\\|' is not a separator", "{A.x\\|y()V}", { "A", "x|y", "()V" }, true },
    { "D-21 '\\\\' is a backslash", "{A.b\\\\c()V}", { "A", "b\\c", "()V" }, true },
    { "D-21 '\\}' is a literal brace", "{A.b\\}()V}", { "A", "b}", "()V" }, true },
    { "D-21 '\\a' is 'a'", "{j\\ava/lang/String.hashCode()I}", S_STR, true },
};

static void run_rx_case(void **state)
{
    const rx_case *c = *state;
    static ref_filter rf;
    const ref_filter *list[1];
    test_alloc st;
    crjit_ctx *ctx;
    crjit_filters *f;
    int path;
    int t;

    /* The reference agrees with the row (keeps the differential honest). */
    assert_true(ref_parse(&rf, EXC, c->spec, NULL));
    list[0] = &rf;
    assert_int_equal(ref_decide(list, 1, c->s, &path), c->match ? EXCL : ALLOW);

    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    for (t = 0; t < 2; t++) {
        crjit_filter_type type = t == 0 ? EXC : INC;
        size_t off = 12345;
        f = NULL;
        assert_int_equal(crjit_filters_new(ctx, &f), CRJIT_OK);
        assert_int_equal(lib_add(f, type, c->spec, &off), CRJIT_OK);
        assert_int_equal(crjit_filters_seal(f), CRJIT_OK);
        if (type == EXC)
            assert_int_equal(lib_decide(f, c->s), c->match ? EXCL : ALLOW);
        else /* D-23: unmatched is excluded by default */
            assert_int_equal(lib_decide(f, c->s), c->match ? ALLOW : EXCL);
        crjit_filters_free(f);
    }
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* Bad regexes: CRJIT_E_PARSE, an offset inside [lo, hi], set unchanged. */
typedef struct bad_case {
    const char *name;
    const char *spec;
    size_t lo, hi;
} bad_case;

static const bad_case bad_cases[] = {
    { "D-21 '{}' is a bad regex", "{}", 0, 1 },
    { "D-21 '{' not closed", "{abc", 0, 4 },
    { "D-21 '{' not closed (last '}' escaped)", "{hashCode\\}", 0, 11 },
    { "D-21 unterminated class '[^'", "{[^abc}", 1, 6 },
    { "D-21 unterminated '[^' in a later alternative", "{a,[^b}", 3, 6 },
    { "D-21 unterminated bare '[^'", "{[^}", 1, 3 },
    { "D-21 backwards range [z-a]", "{[z-a]}", 1, 5 },
    { "D-21 backwards range inside an alternative", "{x[c-a]y,z}", 2, 6 },
    { "D-21 only separators: no alternative", "{,|}", 0, 3 },
};

static const sig probe_sigs[] = {
    S_STR, S_HM, S_MAIN, S_INIT,
    { "Keep", "keepme", "()V" },
    { "z", "abc", "()V" },
};

/* A set with an exclude regex, an exclude name filter and nothing that
 * switches default-exclude on. */
static void base_set(crjit_filters *f)
{
    assert_int_equal(lib_add(f, EXC, "{*String*}", NULL), CRJIT_OK);
    assert_int_equal(lib_add(f, EXC, "main", NULL), CRJIT_OK);
}

static void run_bad_case(void **state)
{
    const bad_case *c = *state;
    static ref_filter rf;
    crjit_filter_result before[ARRAY_SIZE(probe_sigs)];
    test_alloc st;
    crjit_ctx *ctx;
    crjit_filters *f = NULL;
    size_t i, off;
    int t;

    assert_false(ref_parse(&rf, EXC, c->spec, NULL)); /* reference agrees */

    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_filters_new(ctx, &f), CRJIT_OK);
    base_set(f);
    assert_int_equal(crjit_filters_seal(f), CRJIT_OK);
    for (i = 0; i < ARRAY_SIZE(probe_sigs); i++)
        before[i] = lib_decide(f, probe_sigs[i]);
    assert_int_equal(before[0], EXCL);
    assert_int_equal(before[3], ALLOW);
    for (t = 0; t < 2; t++) {
        off = CRJIT_NPOS;
        assert_int_equal(lib_add(f, t == 0 ? EXC : INC, c->spec, &off),
                         CRJIT_E_PARSE);
        assert_in_range(off, c->lo, c->hi);
    }
    /* Unchanged: same decisions after (re)sealing, and the rejected include
     * filter did not switch default-exclude on (D-23). */
    assert_int_equal(crjit_filters_seal(f), CRJIT_OK);
    for (i = 0; i < ARRAY_SIZE(probe_sigs); i++)
        assert_int_equal(lib_decide(f, probe_sigs[i]), before[i]);
    /* Still usable: a good filter after the bad one works. */
    assert_int_equal(lib_add(f, INC, "{java/lang/Object.*}", NULL), CRJIT_OK);
    assert_int_equal(crjit_filters_seal(f), CRJIT_OK);
    assert_int_equal(lib_decide(f, probe_sigs[3]), ALLOW);
    assert_int_equal(lib_decide(f, probe_sigs[5]), EXCL);
    crjit_filters_free(f);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* Header: "CRJIT_E_PARSE … the set is unchanged".  A rejected filter must not
 * change what a sealed set answers, without calling seal again. */
static void test_bad_regex_keeps_set_sealed(void **state)
{
    test_alloc st;
    crjit_ctx *ctx;
    crjit_filters *f = NULL;
    sig hm = S_HM, str = S_STR;
    (void)state;

    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_filters_new(ctx, &f), CRJIT_OK);
    assert_int_equal(lib_add(f, EXC, "{*String*}", NULL), CRJIT_OK);
    assert_int_equal(crjit_filters_seal(f), CRJIT_OK);
    assert_int_equal(lib_decide(f, str), EXCL);
    assert_int_equal(lib_add(f, EXC, "{[^abc}", NULL), CRJIT_E_PARSE);
    assert_int_equal(lib_decide(f, str), EXCL); /* not ALLOWED-as-unsealed */
    assert_int_equal(lib_decide(f, hm), ALLOW);
    crjit_filters_free(f);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* ======================================================================== */
/* 2. D-22/DV-15 forms, D-23 default-exclude, D-24 order, DV-14            */
/* ======================================================================== */

#define MAX_ROW_FILTERS 6
#define MAX_ROW_CHECKS 5

typedef struct fdef {
    crjit_filter_type type;
    const char *spec;
} fdef;

typedef struct check {
    sig s;
    crjit_filter_result r;
} check;

typedef struct set_case {
    const char *name;
    fdef f[MAX_ROW_FILTERS]; /* oldest first, spec NULL ends */
    check c[MAX_ROW_CHECKS]; /* s.cls NULL ends */
} set_case;

#define HM_GET_OBJ "(Ljava/lang/Object;)Ljava/lang/Object;"
#define S_AL_GET { "java/util/ArrayList", "get", "(I)Ljava/lang/Object;" }
#define S_HM_GET { "java/util/HashMap", "get", HM_GET_OBJ }
#define S_TM_GET { "java/util/TreeMap", "get", HM_GET_OBJ }
#define S_HM_PUT { "java/util/HashMap", "put", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;" }
#define S_OBJ_HC { "java/lang/Object", "hashCode", "()I" }
#define S_STR_EQ { "java/lang/String", "equals", "(Ljava/lang/Object;)Z" }
#define S_STR_HC_I { "java/lang/String", "hashCode", "(I)I" }

static const set_case set_cases[] = {
    /* D-24.1 */
    { "D-24.1 empty sealed set allows", { { EXC, NULL } },
      { { S_STR, ALLOW }, { S_HM, ALLOW } } },
    /* D-22 / DV-15 forms */
    { "D-22 'name' matches any class and descriptor", { { EXC, "hashCode" } },
      { { S_STR, EXCL }, { S_OBJ_HC, EXCL }, { S_STR_HC_I, EXCL }, { S_STR_EQ, ALLOW } } },
    { "D-22 'name' is exact (no prefix)", { { EXC, "hash" } },
      { { S_STR, ALLOW } } },
    { "D-22 'name' is case-sensitive", { { EXC, "hashcode" } },
      { { S_STR, ALLOW } } },
    { "D-22 'name' matches <init>", { { EXC, "<init>" } },
      { { S_INIT, EXCL }, { S_STR, ALLOW } } },
    { "D-22 'name(desc)' matches any class", { { EXC, "get(I)Ljava/lang/Object;" } },
      { { S_AL_GET, EXCL }, { S_HM_GET, ALLOW } } },
    { "D-22 'name(desc)' with an array descriptor", { { EXC, "main([Ljava/lang/String;)V" } },
      { { S_MAIN, EXCL }, { { "Bar", "main", "([Ljava/lang/String;)V" }, EXCL }, { { "Foo", "main", "()V" }, ALLOW } } },
    { "DV-15 'cls.name(desc)' is the exact triple", { { EXC, "java/util/HashMap.get" HM_GET_OBJ } },
      { { S_HM_GET, EXCL }, { S_TM_GET, ALLOW }, { S_HM_PUT, ALLOW }, { { "java/util/HashMap", "get", "(I)Ljava/lang/Object;" }, ALLOW } } },
    { "DV-15 'cls.name(desc)' with '$' and <init>", { { EXC, "java/util/Map$Entry.<init>()V" } },
      { { { "java/util/Map$Entry", "<init>", "()V" }, EXCL }, { S_INIT, ALLOW } } },
    { "D-22 'cls.name' without descriptor never matches", { { EXC, "java/lang/String.hashCode" } },
      { { S_STR, ALLOW }, { S_STR_HC_I, ALLOW } } },
    { "D-22 name filter is not a pattern", { { EXC, "hash*" } },
      { { S_STR, ALLOW }, { { "A", "hash*", "()V" }, EXCL } } },
    /* D-23 */
    { "D-23 exclude only: unmatched allowed", { { EXC, "{*String*}" } },
      { { S_STR, EXCL }, { S_HM, ALLOW } } },
    { "D-23 include regex: unmatched excluded", { { INC, "{java/lang/String.*}" } },
      { { S_STR, ALLOW }, { S_STR_EQ, ALLOW }, { S_HM, EXCL }, { S_INIT, EXCL } } },
    { "D-23 include name: unmatched excluded", { { INC, "main" } },
      { { S_MAIN, ALLOW }, { S_STR, EXCL } } },
    { "D-23 include cls.name(desc): the rest excluded", { { INC, "java/lang/String.hashCode()I" } },
      { { S_STR, ALLOW }, { S_STR_HC_I, EXCL }, { S_OBJ_HC, EXCL } } },
    { "D-23 inverted include: default-exclude too", { { INC, "{^java/*}" } },
      { { { "com/ex/Foo", "run", "()V" }, ALLOW }, { S_STR, EXCL } } },
    { "D-23 include then exclude: default stays exclude", { { INC, "{java/*}" }, { EXC, "{*String*}" } },
      { { S_HM, ALLOW }, { S_STR, EXCL }, { S_MAIN, EXCL } } },
    /* D-24 name filters before regex filters */
    { "D-24 name filter beats a newer regex", { { EXC, "hashCode" }, { INC, "{*}" } },
      { { S_STR, EXCL }, { S_HM, ALLOW } } },
    { "D-24 name filter beats an older regex", { { INC, "{*hashCode*}" }, { EXC, "hashCode" } },
      { { S_STR, EXCL }, { S_HM, EXCL } } },
    { "D-24 name(desc) beats a newer regex", { { INC, "hashCode()I" }, { EXC, "{*}" } },
      { { S_STR, ALLOW }, { S_STR_HC_I, EXCL } } },
    { "D-24 cls.name(desc) beats a newer inverted regex", { { INC, "java/lang/String.hashCode()I" }, { EXC, "{^foo}" } },
      { { S_STR, ALLOW }, { S_OBJ_HC, EXCL } } },
    /* D-24 name filter widths */
    { "D-24.2 before D-24.3 (3-part older)", { { INC, "java/lang/String.hashCode()I" }, { EXC, "hashCode()I" } },
      { { S_STR, ALLOW }, { S_OBJ_HC, EXCL } } },
    { "D-24.2 before D-24.3 (3-part newer)", { { EXC, "hashCode()I" }, { INC, "java/lang/String.hashCode()I" } },
      { { S_STR, ALLOW }, { S_OBJ_HC, EXCL } } },
    { "D-24.3 before D-24.4 (2-part newer)", { { EXC, "hashCode" }, { INC, "hashCode()I" } },
      { { S_STR, ALLOW }, { S_OBJ_HC, ALLOW }, { S_STR_HC_I, EXCL }, { S_STR_EQ, EXCL } } },
    { "D-24.3 before D-24.4 (2-part older)", { { INC, "hashCode()I" }, { EXC, "hashCode" } },
      { { S_STR, ALLOW }, { S_STR_HC_I, EXCL } } },
    { "D-24.2 before D-24.4", { { INC, "hashCode" }, { EXC, "java/lang/Object.hashCode()I" } },
      { { S_STR, ALLOW }, { S_OBJ_HC, EXCL }, { S_HM, EXCL } } },
    { "D-24.2-4 all widths", { { EXC, "get" }, { INC, "get" HM_GET_OBJ }, { EXC, "java/util/TreeMap.get" HM_GET_OBJ }, { INC, "{*}" } },
      { { S_HM_GET, ALLOW }, { S_TM_GET, EXCL }, { S_AL_GET, EXCL }, { S_HM_PUT, ALLOW } } },
    /* D-24.5 newest matching regex decides */
    { "D-24.5 newest regex wins (include newer)", { { EXC, "{*}" }, { INC, "{java/lang/*}" } },
      { { S_STR, ALLOW }, { S_HM, EXCL } } },
    { "D-24.5 newest regex wins (exclude newer)", { { INC, "{java/lang/*}" }, { EXC, "{*}" } },
      { { S_STR, EXCL }, { S_HM, EXCL } } },
    { "D-24.5 newer non-matching regex is skipped", { { EXC, "{java/*}" }, { INC, "{com/*}" } },
      { { S_STR, EXCL }, { { "com/ex/A", "m", "()V" }, ALLOW }, { S_MAIN, EXCL } } },
    { "D-24.5 newest of three", { { INC, "{*}" }, { EXC, "{java/*}" }, { INC, "{java/lang/*}" } },
      { { S_STR, ALLOW }, { S_HM, EXCL }, { S_MAIN, ALLOW } } },
    { "D-24.5 exact literal regexes: newest wins", { { EXC, "{java/lang/String.hashCode()I}" }, { INC, "{java/lang/String.hashCode()I}" } },
      { { S_STR, ALLOW }, { S_HM, EXCL } } },
    { "D-24.5 prefix regexes: newest wins", { { INC, "{java/*}" }, { EXC, "{java/lang/*}" }, { INC, "{java/lang/String*}" } },
      { { S_STR, ALLOW }, { S_INIT, EXCL }, { S_HM, ALLOW }, { S_MAIN, EXCL } } },
    { "D-24.5 older literal loses to newer general", { { EXC, "{java/lang/String.hashCode()I}" }, { INC, "{*.hash?ode()?}" } },
      { { S_STR, ALLOW } } },
    { "D-24.5 newer literal beats older general", { { INC, "{*.hash?ode()?}" }, { EXC, "{java/lang/String.hashCode()I}" } },
      { { S_STR, EXCL }, { S_OBJ_HC, ALLOW } } },
    { "D-24.5 inverted newer regex", { { EXC, "{*}" }, { INC, "{^*String*}" } },
      { { S_STR, EXCL }, { S_HM, ALLOW } } },
    { "D-24.5 inverted older regex", { { INC, "{^*String*}" }, { EXC, "{*Map*}" } },
      { { S_HM, EXCL }, { S_INIT, ALLOW }, { S_STR, EXCL } } },
    /* DV-14 (replaces G-27) */
    { "DV-14 newer name filter replaces older (include wins)", { { EXC, "foo" }, { INC, "foo" } },
      { { { "A", "foo", "()V" }, ALLOW }, { { "A", "bar", "()V" }, EXCL } } },
    { "DV-14 newer name filter replaces older (exclude wins, default stays)", { { INC, "foo" }, { EXC, "foo" } },
      { { { "A", "foo", "()V" }, EXCL }, { { "A", "bar", "()V" }, EXCL } } },
    { "DV-14 name(desc) replaced", { { EXC, "foo()V" }, { INC, "foo()V" } },
      { { { "A", "foo", "()V" }, ALLOW } } },
    { "DV-14 cls.name(desc) replaced", { { INC, "A.foo()V" }, { EXC, "A.foo()V" } },
      { { { "A", "foo", "()V" }, EXCL }, { { "B", "foo", "()V" }, EXCL } } },
    { "DV-14 replaced twice", { { EXC, "foo" }, { INC, "foo" }, { EXC, "foo" } },
      { { { "A", "foo", "()V" }, EXCL } } },
    { "DV-14 different keys are not replaced", { { EXC, "foo()V" }, { INC, "foo(I)V" } },
      { { { "A", "foo", "()V" }, EXCL }, { { "A", "foo", "(I)V" }, ALLOW } } },
    { "DV-14 different widths are not replaced", { { EXC, "m" }, { INC, "m()V" } },
      { { { "A", "m", "()V" }, ALLOW }, { { "A", "m", "(I)V" }, EXCL } } },
    { "DV-14 regex filters are never replaced", { { EXC, "{*m*}" }, { INC, "{*m*}" }, { EXC, "{*m*}" } },
      { { { "A", "m", "()V" }, EXCL } } },
};

static void run_set_case(void **state)
{
    const set_case *c = *state;
    static ref_filter rfs[MAX_ROW_FILTERS];
    const ref_filter *list[MAX_ROW_FILTERS];
    test_alloc st;
    crjit_ctx *ctx;
    crjit_filters *f = NULL;
    size_t i, nf = 0;
    int path;

    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_filters_new(ctx, &f), CRJIT_OK);
    for (i = 0; i < MAX_ROW_FILTERS && c->f[i].spec != NULL; i++) {
        assert_int_equal(lib_add(f, c->f[i].type, c->f[i].spec, NULL),
                         CRJIT_OK);
        assert_true(ref_parse(&rfs[nf], c->f[i].type, c->f[i].spec, NULL));
        list[nf] = &rfs[nf];
        nf++;
    }
    assert_int_equal(crjit_filters_seal(f), CRJIT_OK);
    for (i = 0; i < MAX_ROW_CHECKS && c->c[i].s.cls != NULL; i++) {
        assert_int_equal(ref_decide(list, nf, c->c[i].s, &path), c->c[i].r);
        assert_int_equal(lib_decide(f, c->c[i].s), c->c[i].r);
    }
    crjit_filters_free(f);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* Unsealed sets allow everything; seal is needed again after an add. */
static void test_unsealed_allows(void **state)
{
    test_alloc st;
    crjit_ctx *ctx;
    crjit_filters *f = NULL;
    sig str = S_STR, hm = S_HM;
    (void)state;

    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_filters_new(ctx, &f), CRJIT_OK);
    assert_int_equal(lib_decide(f, str), ALLOW); /* empty, unsealed */
    assert_int_equal(lib_add(f, EXC, "{*}", NULL), CRJIT_OK);
    assert_int_equal(lib_decide(f, str), ALLOW); /* unsealed */
    assert_int_equal(crjit_filters_seal(f), CRJIT_OK);
    assert_int_equal(crjit_filters_seal(f), CRJIT_OK); /* idempotent */
    assert_int_equal(lib_decide(f, str), EXCL);
    assert_int_equal(lib_add(f, INC, "{java/util/*}", NULL), CRJIT_OK);
    assert_int_equal(lib_decide(f, str), ALLOW); /* unsealed again */
    assert_int_equal(crjit_filters_seal(f), CRJIT_OK);
    assert_int_equal(lib_decide(f, str), EXCL);
    assert_int_equal(lib_decide(f, hm), ALLOW);
    crjit_filters_free(f);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

static void test_api_arguments(void **state)
{
    test_alloc st;
    crjit_ctx *ctx;
    crjit_filters *f = NULL;
    sig str = S_STR;
    (void)state;

    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    assert_int_equal(crjit_filters_new(NULL, &f), CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_filters_new(ctx, NULL), CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_filters_new(ctx, &f), CRJIT_OK);
    assert_int_equal(crjit_filters_add(NULL, EXC, "a", 1, NULL),
                     CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_filters_add(f, EXC, NULL, 1, NULL),
                     CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_filters_add(f, (crjit_filter_type)7, "a", 1, NULL),
                     CRJIT_E_INVALID_ARG);
    assert_int_not_equal(crjit_filters_add(f, EXC, "", 0, NULL), CRJIT_OK);
    assert_int_equal(crjit_filters_seal(NULL), CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_filters_seal(f), CRJIT_OK);
    assert_int_equal(lib_decide(f, str), ALLOW);
    assert_int_equal(lib_decide(NULL, str), ALLOW);
    /* The length is honoured: bytes after len are not part of the spec. */
    assert_int_equal(crjit_filters_add(f, EXC, "{*String*}XYZ", 10, NULL),
                     CRJIT_OK);
    assert_int_equal(crjit_filters_seal(f), CRJIT_OK);
    assert_int_equal(lib_decide(f, str), EXCL);
    crjit_filters_free(NULL);
    crjit_filters_free(f);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* Allocation failures at every step: no leak, and a clean status. */
static void test_alloc_failures(void **state)
{
    size_t k;
    sig str = S_STR;
    (void)state;

    for (k = 1; k < 200; k++) {
        test_alloc st;
        crjit_ctx *ctx;
        crjit_filters *f = NULL;
        crjit_status s1, s2, s3, s4;
        size_t made;

        memset(&st, 0, sizeof st);
        ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
        made = st.total;
        st.fail_at = made + k;
        if (crjit_filters_new(ctx, &f) != CRJIT_OK) {
            crjit_ctx_free(ctx);
            assert_int_equal(st.live, 0);
            continue;
        }
        s1 = lib_add(f, EXC, "{*String*,java/[a-z]*|x}", NULL);
        s2 = lib_add(f, INC, "hashCode()I", NULL);
        s3 = lib_add(f, EXC, "{java/lang/*}", NULL);
        assert_true(s1 == CRJIT_OK || s1 == CRJIT_E_NOMEM);
        assert_true(s2 == CRJIT_OK || s2 == CRJIT_E_NOMEM);
        assert_true(s3 == CRJIT_OK || s3 == CRJIT_E_NOMEM);
        s4 = crjit_filters_seal(f);
        assert_true(s4 == CRJIT_OK || s4 == CRJIT_E_NOMEM);
        if (s1 == CRJIT_OK && s2 == CRJIT_OK && s3 == CRJIT_OK &&
            s4 == CRJIT_OK)
            assert_int_equal(lib_decide(f, str), ALLOW);
        else if (s4 != CRJIT_OK)
            assert_int_equal(lib_decide(f, str), ALLOW); /* unsealed */
        crjit_filters_free(f);
        crjit_ctx_free(ctx);
        assert_int_equal(st.live, 0);
        if (st.fail_at > st.total)
            break; /* nothing failed: every allocation was covered */
    }
}

/* ======================================================================== */
/* 3. Differential test                                                    */
/* ======================================================================== */

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t xorshift(rng *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return r->s;
}

static unsigned pick(rng *r, unsigned n)
{
    return (unsigned)((xorshift(r) >> 11) % n);
}

#define PICK(r, a) ((a)[pick((r), (unsigned)ARRAY_SIZE(a))])

static const char *const g_pkgs[] = { "java/lang/", "java/util/", "com/ex/",
                                      "" };
static const char *const g_simple[] = { "String", "HashMap", "Foo",
                                        "Map$Entry", "Foo$1", "Object",
                                        "[I" };
static const char *const g_names[] = { "hashCode", "<init>", "<clinit>",
                                       "get", "main", "run", "get$1", "a" };
static const char *const g_odd_names[] = { "b*", "c,d", "e|f", "g?h",
                                           "\\x", "^k", "z}", "x[y" };
static const char *const g_params[] = { "I", "J", "[I", "Ljava/lang/String;",
                                        "[Ljava/lang/String;",
                                        "Ljava/lang/Object;" };
static const char *const g_rets[] = { "V", "I", "Z", "Ljava/lang/Object;",
                                      "[B" };
static const char *const g_tokens[] = {
    "*", "?", "java/", "lang/", "String", "hashCode", "<init>", "(", ")",
    ")V", "[", "\\[", "[a-z]", "[^a-m]", "[A-Z]", "$", ";", "I", ".",
    "\\*", "get", "Ljava/lang/", "[I", "*;)V"
};
static const char *const g_bad[] = {
    "{}", "{,}", "{^}", "{abc", "{[^abc}", "{[z-a]}", "{a|[^b}", "{x[c-a]}",
    "{hashCode\\}", "{*String*", "{[^}", "{a,b[9-0]}"
};

#define GSIG_PIECES 12

typedef struct gsig {
    char cls[64];
    char name[16];
    char desc[96];
    const char *piece[GSIG_PIECES]; /* the pieces of class.name+desc */
    size_t npieces;
} gsig;

static void gen_sig(rng *r, gsig *g)
{
    const char *pkg = PICK(r, g_pkgs), *simple = PICK(r, g_simple);
    const char *name =
        pick(r, 4) == 0 ? PICK(r, g_odd_names) : PICK(r, g_names);
    unsigned np = pick(r, 5), i;
    const char *ret = PICK(r, g_rets);

    np = np < 2 ? 0 : np < 4 ? 1 : 2;
    g->npieces = 0;
    g->piece[g->npieces++] = pkg;
    g->piece[g->npieces++] = simple;
    g->piece[g->npieces++] = ".";
    g->piece[g->npieces++] = name;
    g->piece[g->npieces++] = "(";
    snprintf(g->cls, sizeof g->cls, "%s%s", pkg, simple);
    snprintf(g->name, sizeof g->name, "%s", name);
    strcpy(g->desc, "(");
    for (i = 0; i < np; i++) {
        const char *p = PICK(r, g_params);
        g->piece[g->npieces++] = p;
        strcat(g->desc, p);
    }
    g->piece[g->npieces++] = ")";
    g->piece[g->npieces++] = ret;
    strcat(g->desc, ")");
    strcat(g->desc, ret);
}

static sig sig_of(const gsig *g)
{
    sig s;
    s.cls = g->cls;
    s.name = g->name;
    s.desc = g->desc;
    return s;
}

/* A bounded string builder. */
typedef struct sb {
    char b[REF_SPEC_MAX];
    size_t n;
    bool full;
} sb;

static void sb_c(sb *b, char c)
{
    if (b->n + 1 >= 200) {
        b->full = true;
        return;
    }
    b->b[b->n++] = c;
    b->b[b->n] = '\0';
}

static void sb_s(sb *b, const char *s)
{
    while (*s != '\0')
        sb_c(b, *s++);
}

/* Emit c as a literal: escape what must be, sometimes escape plain
 * characters, leave '[' raw half the time (the '[' rule decides). */
static void emit_lit(rng *r, sb *b, char c)
{
    bool at_body_start = b->n == 1;
    if (strchr("*?,|\\{}]", c) != NULL || (c == '^' && at_body_start)) {
        sb_c(b, '\\');
    } else if (c == '[') {
        if (pick(r, 2) == 0)
            sb_c(b, '\\');
    } else if (c == '^') {
        if (pick(r, 2) == 0)
            sb_c(b, '\\');
    } else if (pick(r, 40) == 0) {
        sb_c(b, '\\');
    }
    sb_c(b, c);
}

static void emit_lits(rng *r, sb *b, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        emit_lit(r, b, s[i]);
}

static bool class_safe(int c)
{
    return c > 0x20 && c < 0x7f && c != ']' && c != '\\' && c != '^' &&
           c != '-';
}

/* A class that contains c (mostly), or not, or a backwards range. */
static void emit_class(rng *r, sb *b, char ch)
{
    static const char members[] = "abcLjI;/$";
    static const char *const ranges[] = { "a-f", "A-Z", "0-9", "g-z", "a-z",
                                          "K-M", "/-;" };
    int c = (unsigned char)ch, lo, hi;
    char tmp[8];
    unsigned v = pick(r, 60);

    if (!class_safe(c)) {
        sb_c(b, '?');
        return;
    }
    if (v == 0) { /* backwards: a bad regex */
        sb_s(b, "[m-c]");
        return;
    }
    switch (v % 6) {
    case 0:
        sb_c(b, '[');
        sb_c(b, (char)c);
        sb_c(b, ']');
        break;
    case 1:
        sb_c(b, '[');
        sb_c(b, members[pick(r, sizeof members - 1)]);
        sb_c(b, (char)c);
        sb_c(b, ']');
        break;
    case 2:
        lo = c - (int)pick(r, 3);
        hi = c + (int)pick(r, 3);
        if (!class_safe(lo) || !class_safe(hi)) {
            lo = c;
            hi = c;
        }
        snprintf(tmp, sizeof tmp, "[%c-%c]", lo, hi);
        sb_s(b, tmp);
        break;
    case 3:
        sb_s(b, "[^");
        sb_c(b, pick(r, 4) == 0 ? (char)c : members[pick(r, sizeof members - 1)]);
        sb_c(b, ']');
        break;
    case 4:
        sb_s(b, "[^");
        sb_s(b, PICK(r, ranges));
        sb_c(b, ']');
        break;
    default:
        sb_c(b, '[');
        sb_s(b, PICK(r, ranges));
        sb_s(b, PICK(r, ranges));
        sb_c(b, ']');
        break;
    }
}

/* One alternative derived from a signature's pieces. */
static void gen_alt_from(rng *r, sb *b, const gsig *g)
{
    size_t i, stars = 0;
    bool last_star = false;

    for (i = 0; i < g->npieces; i++) {
        const char *p = g->piece[i];
        size_t n = strlen(p), k;
        unsigned v = pick(r, 100);

        if (n == 0)
            continue;
        if (v >= 40 && v < 68 && stars < 3 && !last_star) {
            sb_c(b, '*');
            stars++;
            last_star = true;
            continue;
        }
        last_star = false;
        if (v >= 68 && v < 76) { /* one character as '?' */
            k = pick(r, (unsigned)n);
            emit_lits(r, b, p, k);
            sb_c(b, '?');
            emit_lits(r, b, p + k + 1, n - k - 1);
        } else if (v >= 76 && v < 88) { /* one character as a class */
            k = pick(r, (unsigned)n);
            emit_lits(r, b, p, k);
            emit_class(r, b, p[k]);
            emit_lits(r, b, p + k + 1, n - k - 1);
        } else if (v >= 88 && v < 92) { /* another piece: mostly a miss */
            const char *q = i <= 1   ? PICK(r, g_simple)
                            : i == 3 ? PICK(r, g_names)
                                     : PICK(r, g_params);
            emit_lits(r, b, q, strlen(q));
        } else if (v >= 92 && v < 94) {
            /* dropped */
        } else {
            emit_lits(r, b, p, n);
        }
    }
}

/* A wide alternative: a run of the signature's pieces between stars (star,
 * "hashCode(", star), so it matches many signatures. */
static void gen_alt_wide(rng *r, sb *b, const gsig *g)
{
    size_t from = pick(r, (unsigned)g->npieces), to, i;
    to = from + pick(r, 3);
    if (to >= g->npieces)
        to = g->npieces - 1;
    if (from > 0 || pick(r, 4) == 0)
        sb_c(b, '*');
    for (i = from; i <= to; i++) {
        const char *p = g->piece[i];
        size_t n = strlen(p), k;
        if (n > 0 && pick(r, 5) == 0) {
            k = pick(r, (unsigned)n);
            emit_lits(r, b, p, k);
            if (pick(r, 2) == 0)
                sb_c(b, '?');
            else
                emit_class(r, b, p[k]);
            emit_lits(r, b, p + k + 1, n - k - 1);
        } else {
            emit_lits(r, b, p, n);
        }
    }
    if (to + 1 < g->npieces || pick(r, 4) == 0)
        sb_c(b, '*');
}

static void gen_alt_tokens(rng *r, sb *b)
{
    unsigned n = 1 + pick(r, 4), i, stars = 0;
    for (i = 0; i < n; i++) {
        const char *t = PICK(r, g_tokens);
        unsigned st = (unsigned)(strchr(t, '*') != NULL && t[0] != '\\');
        if (stars + st > 3)
            continue;
        stars += st;
        sb_s(b, t);
    }
}

static char gen_sep(rng *r)
{
    return pick(r, 2) == 0 ? ',' : '|';
}

static void gen_regex(rng *r, sb *b, const gsig *tmpl, const gsig *pool,
                      size_t npool)
{
    unsigned nalts = 1 + pick(r, 3), a;

    sb_c(b, '{');
    if (pick(r, 10) == 0)
        sb_c(b, '^');
    if (pick(r, 10) == 0)
        sb_c(b, gen_sep(r));
    for (a = 0; a < nalts; a++) {
        unsigned how = pick(r, 8);
        if (a > 0) {
            sb_c(b, gen_sep(r));
            if (pick(r, 10) == 0)
                sb_c(b, gen_sep(r));
        }
        if (how == 0)
            gen_alt_tokens(r, b);
        else if (how < 4)
            gen_alt_wide(r, b, a == 0 ? tmpl : &pool[pick(r, (unsigned)npool)]);
        else
            gen_alt_from(r, b, a == 0 ? tmpl : &pool[pick(r, (unsigned)npool)]);
    }
    if (pick(r, 12) == 0)
        sb_c(b, gen_sep(r));
    sb_c(b, '}');
}

static void gen_name_form(rng *r, sb *b, const gsig *g)
{
    unsigned k = pick(r, 20);
    bool with_cls = k >= 13;        /* 13..19: cls.name(desc), 19: cls.name */
    bool with_desc = k >= 7 && k != 19; /* 7..12: name(desc) */
    const char *name = g->name;

    if (strchr(name, ',') != NULL || name[0] == '{')
        name = "get"; /* a non-brace token ends at ',' (D-22) */
    if (with_cls) {
        sb_s(b, g->cls);
        sb_c(b, '.');
    }
    sb_s(b, name);
    if (pick(r, 8) == 0)
        sb_c(b, 'x'); /* a near miss */
    if (with_desc)
        sb_s(b, g->desc);
}

static void gen_filter(rng *r, sb *b, const gsig *pool, size_t npool)
{
    gsig fresh;
    const gsig *tmpl;
    unsigned v = pick(r, 100);

    b->n = 0;
    b->b[0] = '\0';
    b->full = false;
    if (pick(r, 4) == 0) {
        gen_sig(r, &fresh);
        tmpl = &fresh;
    } else {
        tmpl = &pool[pick(r, (unsigned)npool)];
    }
    if (v < 4) {
        sb_s(b, PICK(r, g_bad));
    } else if (v < 7) { /* a good-looking regex with its '}' cut off */
        gen_regex(r, b, tmpl, pool, npool);
        if (!b->full && b->n > 0)
            b->b[--b->n] = '\0';
    } else if (v < 62) {
        gen_regex(r, b, tmpl, pool, npool);
    } else {
        gen_name_form(r, b, tmpl);
    }
    if (b->full) { /* too long: keep it small */
        b->n = 0;
        b->full = false;
        sb_s(b, "{*hashCode*}");
    }
}

#define DIFF_SIGS_PER_SET 250
#define DIFF_MAX_FILTERS 8
#define DIFF_DEFAULT_PAIRS 1000000u

typedef struct diff_filter {
    crjit_filter_type type;
    char spec[REF_SPEC_MAX];
    bool accepted;
} diff_filter;

static size_t diff_pairs(void)
{
    const char *e = getenv("CRJIT_DIFF_PAIRS");
    if (e != NULL && *e != '\0') {
        char *end = NULL;
        unsigned long v = strtoul(e, &end, 10);
        if (end != NULL && *end == '\0' && v > 0)
            return (size_t)v;
    }
    return DIFF_DEFAULT_PAIRS;
}

static uint64_t diff_seed(void)
{
    const char *e = getenv("CRJIT_DIFF_SEED");
    if (e != NULL && *e != '\0') {
        unsigned long long v = strtoull(e, NULL, 0);
        if (v != 0)
            return (uint64_t)v;
    }
    return 0x9E3779B97F4A7C15u;
}

/* Library decision over a subset of the filters (mask of indices). */
static crjit_filter_result lib_subset(crjit_ctx *ctx,
                                      const diff_filter *fs, size_t nf,
                                      unsigned mask, sig s)
{
    crjit_filters *f = NULL;
    crjit_filter_result res;
    size_t i;
    assert_int_equal(crjit_filters_new(ctx, &f), CRJIT_OK);
    for (i = 0; i < nf; i++)
        if (mask & (1u << i))
            (void)lib_add(f, fs[i].type, fs[i].spec, NULL);
    assert_int_equal(crjit_filters_seal(f), CRJIT_OK);
    res = lib_decide(f, s);
    crjit_filters_free(f);
    return res;
}

static crjit_filter_result ref_subset(const diff_filter *fs, size_t nf,
                                      unsigned mask, sig s, int *path)
{
    static ref_filter rfs[DIFF_MAX_FILTERS];
    const ref_filter *list[DIFF_MAX_FILTERS];
    size_t i, n = 0;
    for (i = 0; i < nf; i++) {
        if ((mask & (1u << i)) &&
            ref_parse(&rfs[n], fs[i].type, fs[i].spec, NULL)) {
            list[n] = &rfs[n];
            n++;
        }
    }
    return ref_decide(list, n, s, path);
}

static void print_set(const diff_filter *fs, size_t nf, unsigned mask)
{
    size_t i;
    print_error("  filters, oldest first:\n");
    for (i = 0; i < nf; i++)
        if (mask & (1u << i))
            print_error("    %-15s %-9s %s\n", type_name(fs[i].type),
                        fs[i].accepted ? "" : "(bad)", fs[i].spec);
}

/* Report a decision mismatch, with a greedily minimised filter set. */
static void report_mismatch(crjit_ctx *ctx, const diff_filter *fs, size_t nf,
                            sig s, uint64_t seed, size_t set_no)
{
    unsigned mask = (1u << nf) - 1u;
    size_t i;
    int path;
    crjit_filter_result want, got;

    want = ref_subset(fs, nf, mask, s, &path);
    got = lib_subset(ctx, fs, nf, mask, s);
    print_error("differential mismatch (seed 0x%llx, set %zu)\n",
                (unsigned long long)seed, set_no);
    print_set(fs, nf, mask);
    print_error("  signature: cls \"%s\" name \"%s\" desc \"%s\"\n"
                "  subject:   %s.%s%s\n",
                s.cls, s.name, s.desc, s.cls, s.name, s.desc);
    print_error("  expected %s (%s), library %s\n", result_name(want),
                dp_names[path], result_name(got));
    for (i = 0; i < nf; i++) {
        unsigned m = mask & ~(1u << i);
        int p2;
        if (m != mask &&
            ref_subset(fs, nf, m, s, &p2) != lib_subset(ctx, fs, nf, m, s))
            mask = m;
    }
    want = ref_subset(fs, nf, mask, s, &path);
    got = lib_subset(ctx, fs, nf, mask, s);
    print_error("minimal:\n");
    print_set(fs, nf, mask);
    print_error("  expected %s (%s), library %s\n", result_name(want),
                dp_names[path], result_name(got));
}

static void test_differential(void **state)
{
    static gsig pool[DIFF_SIGS_PER_SET];
    static diff_filter fs[DIFF_MAX_FILTERS];
    static ref_filter rfs[DIFF_MAX_FILTERS];
    const ref_filter *list[DIFF_MAX_FILTERS];
    size_t counts[OPC_COUNT], paths[DP_COUNT], results[3];
    size_t target = diff_pairs(), done = 0, set_no = 0, i, j;
    uint64_t seed = diff_seed();
    rng r;
    test_alloc st;
    crjit_ctx *ctx;
    sb b;
    (void)state;

    memset(counts, 0, sizeof counts);
    memset(paths, 0, sizeof paths);
    memset(results, 0, sizeof results);
    r.s = seed;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);

    while (done < target) {
        size_t nsig = target - done < DIFF_SIGS_PER_SET ? target - done
                                                        : DIFF_SIGS_PER_SET;
        size_t nf = 1 + pick(&r, DIFF_MAX_FILTERS), nref = 0;
        bool sealed = false, mid_sealed = false;
        crjit_filters *f = NULL;

        for (i = 0; i < nsig; i++)
            gen_sig(&r, &pool[i]);
        assert_int_equal(crjit_filters_new(ctx, &f), CRJIT_OK);
        for (j = 0; j < nf; j++) {
            size_t off = CRJIT_NPOS;
            size_t before = counts[OPC_NAME1] + counts[OPC_NAME2] +
                            counts[OPC_NAME3];
            crjit_status lst;
            bool ok;

            gen_filter(&r, &b, pool, nsig);
            fs[j].type = pick(&r, 3) == 0 ? INC : EXC;
            memcpy(fs[j].spec, b.b, b.n + 1);
            if (j > 0 && pick(&r, 6) == 0) /* same spec again: DV-14 */
                memcpy(fs[j].spec, fs[pick(&r, (unsigned)j)].spec,
                       REF_SPEC_MAX);
            ok = ref_parse(&rfs[nref], fs[j].type, fs[j].spec, counts);
            lst = lib_add(f, fs[j].type, fs[j].spec, &off);
            fs[j].accepted = lst == CRJIT_OK;
            if ((lst == CRJIT_OK) != ok ||
                (lst != CRJIT_OK && lst != CRJIT_E_PARSE)) {
                print_error("acceptance mismatch (seed 0x%llx, set %zu): "
                            "%s \"%s\": reference %s, library status %d\n",
                            (unsigned long long)seed, set_no,
                            type_name(fs[j].type), fs[j].spec,
                            ok ? "accepts" : "rejects", (int)lst);
                fail();
            }
            if (!ok) {
                assert_true(off <= strlen(fs[j].spec));
                continue;
            }
            /* DV-14: count name filters that replace an older key. */
            if (counts[OPC_NAME1] + counts[OPC_NAME2] + counts[OPC_NAME3] !=
                before) {
                const ref_filter *nw = &rfs[nref];
                for (i = 0; i < nref; i++) {
                    const ref_filter *o = &rfs[i];
                    int p;
                    bool same = o->width == nw->width;
                    for (p = 0; p < 3 && same; p++)
                        same = key_eq(o, p, nw->spec + nw->key_off[p],
                                      nw->key_len[p]);
                    if (same) {
                        counts[OPC_REPLACED]++;
                        break;
                    }
                }
            }
            list[nref] = &rfs[nref];
            nref++;
            if (sealed) { /* an add unseals: everything allowed */
                assert_int_equal(lib_decide(f, sig_of(&pool[0])), ALLOW);
                sealed = false;
            }
            if (!mid_sealed && j + 1 < nf && pick(&r, 4) == 0) {
                int path;
                assert_int_equal(crjit_filters_seal(f), CRJIT_OK);
                sealed = mid_sealed = true;
                if (lib_decide(f, sig_of(&pool[0])) !=
                    ref_decide(list, nref, sig_of(&pool[0]), &path)) {
                    crjit_filters_free(f);
                    report_mismatch(ctx, fs, j + 1, sig_of(&pool[0]), seed,
                                    set_no);
                    crjit_ctx_free(ctx);
                    fail();
                }
            }
        }
        assert_int_equal(crjit_filters_seal(f), CRJIT_OK);
        for (i = 0; i < nsig; i++) {
            sig s = sig_of(&pool[i]);
            int path = DP_DEFAULT_ALLOW;
            crjit_filter_result want = ref_decide(list, nref, s, &path);
            crjit_filter_result got = lib_decide(f, s);
            if (want != got) {
                crjit_filters_free(f);
                report_mismatch(ctx, fs, nf, s, seed, set_no);
                crjit_ctx_free(ctx);
                fail();
            }
            paths[path]++;
            results[got]++;
        }
        crjit_filters_free(f);
        done += nsig;
        set_no++;
    }
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);

    print_message("differential: %zu pairs over %zu filter sets, seed "
                  "0x%llx: %zu ALLOWED, %zu EXCLUDED\n",
                  done, set_no, (unsigned long long)seed,
                  results[ALLOW], results[EXCL]);
    for (i = 0; i < OPC_COUNT; i++)
        print_message("  operator %-30s %zu\n", opc_names[i], counts[i]);
    for (i = 0; i < DP_COUNT; i++)
        print_message("  decided by %-28s %zu\n", dp_names[i], paths[i]);
    for (i = 0; i < OPC_COUNT; i++) {
        if (counts[i] == 0)
            print_error("operator never exercised: %s\n", opc_names[i]);
        assert_true(counts[i] > 0);
    }
    for (i = 0; i < DP_COUNT; i++) {
        if (paths[i] == 0)
            print_error("decision path never taken: %s\n", dp_names[i]);
        assert_true(paths[i] > 0);
    }
    assert_true(results[ALLOW] >= done / 20);
    assert_true(results[EXCL] >= done / 20);
    assert_int_equal(results[CRJIT_FILTER_ALLOWED_IF_EXCLUDED], 0);
}

/* ======================================================================== */

int main(void)
{
    static struct CMUnitTest tests[ARRAY_SIZE(rx_cases) +
                                   ARRAY_SIZE(bad_cases) +
                                   ARRAY_SIZE(set_cases) + 8];
    size_t i, n = 0;

    for (i = 0; i < ARRAY_SIZE(rx_cases); i++) {
        struct CMUnitTest t = { rx_cases[i].name, run_rx_case, NULL, NULL,
                                NULL };
        t.initial_state = (void *)(uintptr_t)&rx_cases[i];
        tests[n++] = t;
    }
    for (i = 0; i < ARRAY_SIZE(bad_cases); i++) {
        struct CMUnitTest t = { bad_cases[i].name, run_bad_case, NULL, NULL,
                                NULL };
        t.initial_state = (void *)(uintptr_t)&bad_cases[i];
        tests[n++] = t;
    }
    for (i = 0; i < ARRAY_SIZE(set_cases); i++) {
        struct CMUnitTest t = { set_cases[i].name, run_set_case, NULL, NULL,
                                NULL };
        t.initial_state = (void *)(uintptr_t)&set_cases[i];
        tests[n++] = t;
    }
    {
        const struct CMUnitTest extra[] = {
            cmocka_unit_test(test_bad_regex_keeps_set_sealed),
            cmocka_unit_test(test_unsealed_allows),
            cmocka_unit_test(test_api_arguments),
            cmocka_unit_test(test_alloc_failures),
            cmocka_unit_test(test_differential),
        };
        for (i = 0; i < ARRAY_SIZE(extra); i++)
            tests[n++] = extra[i];
    }
    return _cmocka_run_group_tests("filter", tests, n, NULL, NULL);
}
