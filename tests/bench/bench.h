/* libcrjit benchmark suite: shared declarations (generator, baseline,
 * harness).  See RESULTS.md and ../../../shared/docs/performance.md §4. */
#ifndef CRJIT_BENCH_H
#define CRJIT_BENCH_H

#include <crjit.h>

#include <stddef.h>
#include <stdint.h>

/* ---- deterministic generator ------------------------------------------- */

typedef struct rng {
    uint64_t s;
} rng;

uint64_t rng_next(rng *r);
/* uniform in [0, n) */
size_t rng_below(rng *r, size_t n);
double rng_unit(rng *r);

/* One class of the synthetic heap: its name, and its methods
 * [first_method, first_method + method_count) in the method table. */
typedef struct gen_class {
    uint32_t name_off, name_len;
    uint32_t pkg;          /* package index */
    uint32_t pkg_len;      /* bytes of the package part incl. trailing '/' */
    uint32_t first_method, method_count;
} gen_class;

/* A loaded method as a JVM keeps it: a record per method, laid out class by
 * class; compiled methods point at their body (start PC stand-in). */
typedef struct gen_method {
    const char *name;     /* NUL-terminated, in the blob */
    const char *desc;     /* NUL-terminated, in the blob */
    uint32_t name_len, desc_len;
    uint32_t cls;
    int32_t body;         /* index in bodies[], -1 when not compiled */
} gen_method;

enum { PROFILE_UNIFORM = 0, PROFILE_ZIPF = 1 };

typedef struct gen_cc {
    char *blob;            /* every name, NUL-terminated, padded by 64 */
    size_t blob_len;
    gen_class *classes;
    size_t class_count;
    gen_method *methods;
    size_t method_count;
    crjit_body *bodies;    /* compiled bodies, in class order */
    size_t body_count;
    uint32_t *body_method; /* body -> method index */
    size_t package_count;
} gen_cc;

/* Build a code cache with `bodies` compiled bodies; each method is compiled
 * with probability `compiled_pm` / 1000; methods per class 1-20 uniform or
 * Zipf(1) over 1-50 (mean ~11). */
void gen_cc_build(gen_cc *cc, uint64_t seed, size_t bodies,
                  unsigned compiled_pm, int profile);
void gen_cc_free(gen_cc *cc);

/* Filter mixes (performance.md §4.2 FILT). */
enum {
    MIX_EXACT = 0,    /* cls.name(sig) only */
    MIX_PREFIX = 1,   /* package, class, method prefixes: 20/40/40 */
    MIX_MIXED = 2,    /* prefix + infix/suffix, '?', [..], alternatives, ^ */
    MIX_LIMIT = 3,    /* limit= prefixes plus exclude= exact (default-excl.) */
    MIX_LIMITFILE = 4 /* a limitfile of N lines */
};

typedef struct gen_filter {
    char *spec;
    size_t len;
    crjit_filter_type type;
} gen_filter;

typedef struct gen_filters {
    gen_filter *f;
    size_t count;
    size_t pattern_bytes;
    char *limitfile;       /* MIX_LIMITFILE: the file text */
    size_t limitfile_len;
} gen_filters;

/* `hit_pct`: share of filters drawn from names that exist. */
void gen_filters_build(gen_filters *fs, const gen_cc *cc, uint64_t seed,
                       int mix, size_t count, unsigned hit_pct);
void gen_filters_free(gen_filters *fs);
/* "-Xjit:exclude=...,limit=..." for the filter set (limitfile: names the
 * file "bench.limit", served by the read_file callback). */
char *gen_filters_xjit(const gen_filters *fs, size_t *len);

/* Restore argument variants (§4.2 ARGS). */
enum {
    ARGS_DPROPS = 0,  /* (i) 80% -D, 20% JIT/VM options */
    ARGS_NOJIT = 1,   /* (ii) no JIT options */
    ARGS_ALL = 2,     /* (iii) every option present, with duplicates */
    ARGS_XJIT = 3,    /* (iv) many -Xjit: fragments */
    ARGS_XJIT_MERGE = 4, /* (iv) ... with -XX:+MergeCompilerOptions */
    ARGS_LONG = 5     /* (v) a 4 KiB -Xjit: string among -D */
};

typedef struct gen_args {
    char **argv;      /* NUL-terminated strings, one blob */
    size_t *lens;
    size_t count;
    char *blob;
    size_t blob_len;
} gen_args;

void gen_args_build(gen_args *a, uint64_t seed, int variant, size_t count,
                    size_t xjit_fragments);
void gen_args_free(gen_args *a);

/* The 78 option names the reference searches at restore, and how. */
typedef struct bench_option {
    const char *name;
    crjit_match match;
} bench_option;
extern const bench_option bench_options[78];

/* ---- OJ9-faithful baseline (oj9.c) --------------------------------------- */

typedef struct oj9_filters oj9_filters;

/* Option discovery: 78 backward consuming sweeps, then -Xjit: gathering.
 * Returns a checksum. */
uint64_t oj9_find_options(char *const *argv, const size_t *lens, size_t n,
                          unsigned char *consumed);

oj9_filters *oj9_filters_parse(const gen_filters *fs);
/* Parse filters out of a merged -Xjit: option string. */
oj9_filters *oj9_filters_parse_xjit(const char *s);
void oj9_filters_free(oj9_filters *f);
size_t oj9_filters_count(const oj9_filters *f);

/* Memoized compilation lists the reference scans per excluded body. */
typedef struct oj9_lists oj9_lists;
oj9_lists *oj9_lists_new(const gen_cc *cc, size_t len, uint64_t seed);
void oj9_lists_free(oj9_lists *l);

/* The walk: every method of every class; per compiled body snprintf,
 * re-parse, lookup; per excluded body lock + three list scans.  Returns the
 * number of excluded bodies.  all: -Xnojit (every body). */
size_t oj9_walk(const gen_cc *cc, const oj9_filters *f, oj9_lists *lists,
                int all);

#endif
