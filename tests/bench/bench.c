/* libcrjit benchmark harness (performance.md §4).
 *
 *   crjit_bench --quick    every change: < 60 s on 2 cores
 *   crjit_bench --full     adds the 1 M-body cells and more repetitions
 *   crjit_bench --callgrind  one E2E run of the library, for callgrind.sh
 *
 * Each metric is one line:
 *   metric=<name> value=<v> unit=<u> ref=<floor or baseline> ref_value=<v>
 *   ratio=<value/ref_value> target=<text> ok=<yes|no>
 * Lines with target=none are information only (ok=yes).
 *
 * Every run measures its own floors (F_rec, F_name, F_args, F_bw) and the
 * OJ9-faithful baseline (oj9.c) on the same buffers, pinned to one CPU,
 * with a warm-up, >= 9 repetitions, median / p10 / p90. */
#define _GNU_SOURCE
#include "bench.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- options, output ----------------------------------------------------- */

static int g_full;
static int g_reps = 9;
static uint64_t g_seed = 20240611u;
static double g_min_sample_ns = 2e6; /* each sample >= 2 ms */
static unsigned g_fail;
static unsigned g_checks;
static const char *g_only; /* --only=SECTION: args walk compile match e2e */

static int section(const char *name)
{
    return g_only == NULL || strcmp(g_only, name) == 0;
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* One metric line.  cmp: 'L' value/ref <= limit, 'G' ref/value >= limit
 * (speed-up versus a baseline), 'R' ratio within [limit, limit2], 0 info. */
static void metric(const char *name, double value, const char *unit,
                   const char *ref, double ref_value, char cmp, double limit,
                   double limit2, const char *target)
{
    double ratio = ref_value != 0 ? value / ref_value : 0;
    int ok = 1;
    if (cmp == 'L')
        ok = ratio <= limit;
    else if (cmp == 'G')
        ok = value > 0 && ref_value / value >= limit;
    else if (cmp == 'R')
        ok = value >= limit && value <= limit2;
    else if (cmp == 'V')
        ok = value <= limit;
    if (cmp != 0) {
        g_checks++;
        if (!ok)
            g_fail++;
    }
    printf("metric=%s value=%.4g unit=%s ref=%s ref_value=%.4g ratio=%.4g "
           "target=%s ok=%s\n",
           name, value, unit, ref != NULL ? ref : "none", ref_value, ratio,
           target != NULL ? target : "none", ok ? "yes" : "no");
    fflush(stdout);
}

static void info(const char *name, double value, const char *unit)
{
    metric(name, value, unit, NULL, 0, 0, 0, 0, NULL);
}

/* ---- timing -------------------------------------------------------------------- */

typedef struct stats {
    double med, p10, p90;
} stats;

typedef void (*kernel_fn)(void *arg);

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* ns per call of fn(arg): one warm-up call, then the inner count that
 * makes a sample >= g_min_sample_ns, one warm-up sample, g_reps samples. */
static stats measure(kernel_fn fn, void *arg)
{
    double t0, one, samples[64];
    size_t inner, i, r;
    stats s;
    int reps = g_reps < 64 ? g_reps : 64;

    fn(arg);
    t0 = now_ns();
    fn(arg);
    one = now_ns() - t0;
    if (one < 1)
        one = 1;
    inner = (size_t)(g_min_sample_ns / one) + 1;
    for (r = 0; r <= (size_t)reps; r++) {
        t0 = now_ns();
        for (i = 0; i < inner; i++)
            fn(arg);
        if (r > 0)
            samples[r - 1] = (now_ns() - t0) / (double)inner;
    }
    qsort(samples, (size_t)reps, sizeof samples[0], cmp_double);
    s.med = samples[reps / 2];
    s.p10 = samples[(reps - 1) / 10];
    s.p90 = samples[(reps - 1) - (reps - 1) / 10];
    return s;
}

volatile uint64_t g_sink;

/* ---- counting allocator ------------------------------------------------------ */

typedef struct counter {
    size_t allocs, frees, bytes, live, peak;
} counter;

static void *count_alloc(void *user, size_t size)
{
    counter *c = user;
    size_t *p = malloc(size + 16);
    if (p == NULL)
        return NULL;
    p[0] = size;
    c->allocs++;
    c->bytes += size;
    c->live += size;
    if (c->live > c->peak)
        c->peak = c->live;
    return (char *)p + 16;
}

static void count_free(void *user, void *ptr)
{
    counter *c = user;
    size_t *p = (size_t *)(void *)((char *)ptr - 16);
    c->frees++;
    c->live -= p[0];
    free(p);
}

static counter g_count;
static crjit_ctx *g_ctx;

static crjit_ctx *new_ctx(counter *c)
{
    crjit_config cfg;
    crjit_ctx *ctx = NULL;
    crjit_config_init(&cfg);
    cfg.allocator.alloc = count_alloc;
    cfg.allocator.free = count_free;
    cfg.allocator.user = c;
    if (crjit_ctx_new(&cfg, &ctx) != CRJIT_OK) {
        fprintf(stderr, "bench: crjit_ctx_new failed\n");
        exit(2);
    }
    return ctx;
}

/* ---- the host: code cache ops over the generator's body array ------------------ */

typedef struct host {
    const gen_cc *cc;
    size_t invalidated, forgotten, purged;
    uint8_t *forgot; /* per body: forget_memoized was called */
    const char *limitfile;
    size_t limitfile_len;
} host;

static int h_count(void *user, size_t *count)
{
    const host *h = user;
    *count = h->cc != NULL ? h->cc->body_count : 0;
    return 0;
}

static int h_get(void *user, size_t first, crjit_body *out, size_t max,
                 size_t *got)
{
    const host *h = user;
    size_t n = h->cc->body_count - first;
    if (n > max)
        n = max;
    memcpy(out, h->cc->bodies + first, n * sizeof *out);
    *got = n;
    return 0;
}

static int h_invalidate(void *user, size_t index)
{
    host *h = user;
    (void)index;
    h->invalidated++;
    return 0;
}

static int h_forget(void *user, size_t index)
{
    host *h = user;
    h->forgotten++;
    if (h->forgot != NULL)
        h->forgot[index] = 1;
    return 0;
}

static int h_purge(void *user)
{
    host *h = user;
    h->purged++;
    return 0;
}

static int h_read(void *user, const char *path, size_t path_len,
                  const char **text, size_t *len)
{
    const host *h = user;
    (void)path;
    (void)path_len;
    if (h->limitfile == NULL)
        return 1;
    *text = h->limitfile;
    *len = h->limitfile_len;
    return 0;
}

static crjit_host_ops host_ops(void)
{
    crjit_host_ops ops = CRJIT_HOST_OPS_INIT;
    ops.body_count = h_count;
    ops.get_bodies = h_get;
    ops.invalidate = h_invalidate;
    ops.forget_memoized = h_forget;
    ops.purge_memoized = h_purge;
    return ops;
}

/* ---- floors ----------------------------------------------------------------------- */

typedef struct floor_arg {
    const gen_cc *cc;
    const gen_args *args;
} floor_arg;

static void k_frec(void *p)
{
    const floor_arg *a = p;
    const crjit_body *b = a->cc->bodies;
    size_t i, n = a->cc->body_count;
    uint64_t s = 0;
    for (i = 0; i < n; i++)
        s += (uint64_t)b[i].class_len;
    g_sink = s;
}

static uint64_t load8(const char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static void k_fname(void *p)
{
    const floor_arg *a = p;
    const crjit_body *b = a->cc->bodies;
    size_t i, n = a->cc->body_count;
    uint64_t s = 0;
    for (i = 0; i < n; i++) {
        const char *m = b[i].method_name;
        s += (uint64_t)b[i].class_len + load8(m) + load8(m + 8) +
             load8(m + 16) + load8(m + 24);
    }
    g_sink = s;
}

static void k_frec_methods(void *p)
{
    const floor_arg *a = p;
    const gen_method *m = a->cc->methods;
    size_t i, n = a->cc->method_count;
    uint64_t s = 0;
    for (i = 0; i < n; i++)
        s += (uint64_t)(int64_t)m[i].body;
    g_sink = s;
}

static void k_fargs(void *p)
{
    const floor_arg *a = p;
    char *const *v = a->args->argv;
    size_t i, n = a->args->count;
    uint64_t s = 0;
    for (i = 0; i < n; i++)
        s += load8(v[i]) + load8(v[i] + 8);
    g_sink = s;
}

typedef struct bw_arg {
    const uint64_t *p;
    size_t n;
} bw_arg;

static void k_bw(void *p)
{
    const bw_arg *a = p;
    uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t i;
    for (i = 0; i + 4 <= a->n; i += 4) {
        s0 += a->p[i];
        s1 += a->p[i + 1];
        s2 += a->p[i + 2];
        s3 += a->p[i + 3];
    }
    g_sink = s0 + s1 + s2 + s3;
}

static double g_bw_bytes_per_ns; /* single-core read bandwidth */

static void measure_bandwidth(void)
{
    size_t bytes = (size_t)(g_full ? 256 : 64) << 20, i;
    bw_arg a;
    uint64_t *buf = malloc(bytes);
    stats s;
    if (buf == NULL)
        return;
    for (i = 0; i < bytes / 8; i++)
        buf[i] = i;
    a.p = buf;
    a.n = bytes / 8;
    s = measure(k_bw, &a);
    g_bw_bytes_per_ns = (double)bytes / s.med;
    info("machine.read_bandwidth", g_bw_bytes_per_ns, "GB/s");
    free(buf);
}

typedef struct floors {
    double rec, name, rec_method, bw; /* ns per body / method */
} floors;

static floors measure_floors(const gen_cc *cc, const char *tag)
{
    floor_arg a = { cc, NULL };
    floors f;
    char n[128];
    size_t name_bytes = 0, i;
    f.rec = measure(k_frec, &a).med / (double)cc->body_count;
    f.name = measure(k_fname, &a).med / (double)cc->body_count;
    f.rec_method = measure(k_frec_methods, &a).med / (double)cc->method_count;
    for (i = 0; i < cc->body_count; i++)
        name_bytes += cc->bodies[i].method_len + cc->bodies[i].descriptor_len;
    /* bytes a matcher must touch: the record and the method's name and
     * descriptor (class names are shared by a class's bodies) */
    f.bw = g_bw_bytes_per_ns > 0
               ? ((double)sizeof(crjit_body) +
                  (double)name_bytes / (double)cc->body_count) /
                     g_bw_bytes_per_ns
               : 0;
    snprintf(n, sizeof n, "floor.F_rec.%s", tag);
    info(n, f.rec, "ns/body");
    snprintf(n, sizeof n, "floor.F_name.%s", tag);
    info(n, f.name, "ns/body");
    snprintf(n, sizeof n, "floor.F_rec_method.%s", tag);
    info(n, f.rec_method, "ns/method");
    snprintf(n, sizeof n, "floor.F_bw.%s", tag);
    info(n, f.bw, "ns/body");
    return f;
}

/* ---- library kernels over bodies ------------------------------------------------------ */

static crjit_filters *build_filters(crjit_ctx *ctx, const gen_filters *fs)
{
    crjit_filters *f = NULL;
    size_t i;
    if (crjit_filters_new(ctx, &f) != CRJIT_OK)
        return NULL;
    for (i = 0; i < fs->count; i++)
        (void)crjit_filters_add(f, fs->f[i].type, fs->f[i].spec, fs->f[i].len,
                                NULL);
    if (crjit_filters_seal(f) != CRJIT_OK) {
        crjit_filters_free(f);
        return NULL;
    }
    return f;
}

typedef struct lib_arg {
    const gen_cc *cc;
    const crjit_filters *filters;
    const crjit_plan *plan;
    size_t hits;
} lib_arg;

static void k_decide(void *p)
{
    lib_arg *a = p;
    const crjit_body *b = a->cc->bodies;
    size_t i, n = a->cc->body_count, hits = 0;
    for (i = 0; i < n; i++)
        hits += crjit_filters_decide(a->filters, b[i].class_name,
                                     b[i].class_len, b[i].method_name,
                                     b[i].method_len, b[i].descriptor,
                                     b[i].descriptor_len) ==
                CRJIT_FILTER_EXCLUDED;
    a->hits = hits;
}

static void k_action(void *p)
{
    lib_arg *a = p;
    const crjit_body *b = a->cc->bodies;
    size_t i, n = a->cc->body_count, hits = 0;
    for (i = 0; i < n; i++)
        hits += crjit_plan_body_action(a->plan, &b[i]) == CRJIT_BODY_INVALIDATE;
    a->hits = hits;
}

typedef struct plan_arg {
    crjit_ctx *ctx;
    crjit_args *args;
    host *h;
    crjit_host_ops ops;
    int with_host;
    size_t invalidated;
} plan_arg;

static crjit_plan *make_plan(plan_arg *a)
{
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_plan *plan = NULL;
    in.args = a->args;
    if (a->with_host) {
        in.host_ops = &a->ops;
        in.host_user = a->h;
    }
    in.read_file = h_read;
    in.read_user = a->h;
    if (crjit_plan_new(a->ctx, &in, &plan) != CRJIT_OK)
        return NULL;
    return plan;
}

static void k_plan(void *p)
{
    plan_arg *a = p;
    crjit_plan *plan = make_plan(a);
    size_t inv = 0;
    crjit_plan_invalidation_counts(plan, &inv, NULL);
    a->invalidated = inv;
    crjit_plan_free(plan);
}

static crjit_args *args_of(crjit_ctx *ctx, char *const *argv, size_t n)
{
    crjit_args *args = NULL;
    size_t i;
    if (crjit_args_new(ctx, &args) != CRJIT_OK)
        return NULL;
    for (i = 0; i < n; i++)
        (void)crjit_args_add_cstr(args, argv[i], CRJIT_SOURCE_COMMAND_LINE);
    return args;
}

/* ---- baseline kernels ------------------------------------------------------------------- */

typedef struct oj9_arg {
    const gen_cc *cc;
    const oj9_filters *f;
    oj9_lists *lists;
    int all;
    size_t excluded;
} oj9_arg;

static void k_oj9_walk(void *p)
{
    oj9_arg *a = p;
    a->excluded = oj9_walk(a->cc, a->f, a->lists, a->all);
}

/* ---- cells: CC x FILT x MATCH ------------------------------------------------------------ */

static const char *const mix_names[] = { "exact", "prefix", "mixed", "limit",
                                         "limitfile" };

typedef struct cell_result {
    double decide, action, plan_walk, oj9; /* ns per body */
    size_t lib_excluded, oj9_excluded;
    size_t walk_allocs;       /* in the decide and body_action loops */
    size_t plan_extra_allocs; /* plan over the cache minus over none */
} cell_result;

static void run_cell(const gen_cc *cc, const floors *fl, const char *cctag,
                     int mix, size_t nfilters, unsigned hit_pct, int baseline,
                     size_t list_len, cell_result *out)
{
    gen_filters fs;
    crjit_filters *filters;
    char *xjit, name[200], tgt[64];
    size_t xlen, allocs0;
    lib_arg la;
    plan_arg pa, pe;
    host h, he;
    crjit_plan *plan;
    stats s;
    double per = (double)cc->body_count;

    memset(out, 0, sizeof *out);
    gen_filters_build(&fs, cc, g_seed + nfilters * 7 + (size_t)mix, mix,
                      nfilters, hit_pct);
    filters = build_filters(g_ctx, &fs);
    xjit = gen_filters_xjit(&fs, &xlen);

    /* the decide kernel */
    memset(&la, 0, sizeof la);
    la.cc = cc;
    la.filters = filters;
    s = measure(k_decide, &la);
    out->decide = s.med / per;
    out->lib_excluded = la.hits;

    /* the plan: its counting walk, then body_action over host-laid bodies */
    memset(&h, 0, sizeof h);
    h.cc = cc;
    h.limitfile = fs.limitfile;
    h.limitfile_len = fs.limitfile_len;
    memset(&pa, 0, sizeof pa);
    pa.ctx = g_ctx;
    pa.args = args_of(g_ctx, &xjit, 1);
    pa.h = &h;
    pa.ops = host_ops();
    pa.with_host = 1;
    pe = pa;
    he = h;
    he.cc = NULL;
    pe.h = &he;
    pe.with_host = 1;
    plan = make_plan(&pa);
    la.plan = plan;
    allocs0 = g_count.allocs;
    k_action(&la);
    out->walk_allocs = g_count.allocs - allocs0;
    s = measure(k_action, &la);
    out->action = s.med / per;
    {
        double t_full = measure(k_plan, &pa).med;
        double t_empty = measure(k_plan, &pe).med;
        size_t a0, a1, a2;
        out->plan_walk = (t_full - t_empty) / per;
        a0 = g_count.allocs;
        k_plan(&pa);
        a1 = g_count.allocs;
        k_plan(&pe);
        a2 = g_count.allocs;
        out->plan_extra_allocs = (a1 - a0) - (a2 - a1);
    }
    allocs0 = g_count.allocs;
    k_decide(&la);
    out->walk_allocs += g_count.allocs - allocs0;
    crjit_plan_free(plan);

    snprintf(name, sizeof name, "walk.%s.%s.f%zu", cctag, mix_names[mix],
             nfilters);
    {
        char n2[240];
        snprintf(n2, sizeof n2, "%s.decide", name);
        metric(n2, out->decide, "ns/body", "F_name", fl->name, 0, 0, 0, NULL);
        snprintf(n2, sizeof n2, "%s.body_action", name);
        snprintf(tgt, sizeof tgt, "ratio<=%d",
                 mix == MIX_MIXED ? 5 : 3);
        metric(n2, out->action, "ns/body", "F_name", fl->name,
               (mix <= MIX_MIXED) ? 'L' : 0, mix == MIX_MIXED ? 5 : 3, 0,
               mix <= MIX_MIXED ? tgt : NULL);
        snprintf(n2, sizeof n2, "%s.body_action.p10", name);
        info(n2, s.p10 / per, "ns/body");
        snprintf(n2, sizeof n2, "%s.body_action.p90", name);
        info(n2, s.p90 / per, "ns/body");
        snprintf(n2, sizeof n2, "%s.plan_walk", name);
        metric(n2, out->plan_walk, "ns/body", "F_name", fl->name,
               (mix <= MIX_MIXED) ? 'L' : 0, mix == MIX_MIXED ? 5 : 3, 0,
               mix <= MIX_MIXED ? tgt : NULL);
        snprintf(n2, sizeof n2, "%s.plan_walk_per_method", name);
        info(n2, out->plan_walk * per / (double)cc->method_count,
             "ns/method");
        snprintf(n2, sizeof n2, "%s.excluded_pct", name);
        info(n2, 100.0 * (double)out->lib_excluded / per, "%");
        snprintf(n2, sizeof n2, "%s.walk_heap_allocs", name);
        metric(n2, (double)out->walk_allocs, "allocs", NULL, 0, 'V', 0, 0,
               "value<=0");
        snprintf(n2, sizeof n2, "%s.plan_allocs_vs_empty_cache", name);
        info(n2, (double)out->plan_extra_allocs, "allocs");
    }

    if (baseline) {
        oj9_arg oa;
        double need = nfilters <= 1 ? 10 : nfilters <= 10 ? 15
                    : nfilters <= 100 ? 50 : 300;
        char n2[240];
        memset(&oa, 0, sizeof oa);
        oa.cc = cc;
        oa.f = oj9_filters_parse(&fs);
        oa.lists = oj9_lists_new(cc, list_len, g_seed);
        s = measure(k_oj9_walk, &oa);
        out->oj9 = s.med / per;
        out->oj9_excluded = oa.excluded;
        snprintf(n2, sizeof n2, "%s.oj9", name);
        info(n2, out->oj9, "ns/body");
        snprintf(n2, sizeof n2, "%s.oj9_per_method", name);
        info(n2, s.med / (double)cc->method_count, "ns/method");
        if (mix == MIX_MIXED)
            need = nfilters >= 10 ? 5 : 0;
        snprintf(tgt, sizeof tgt, "speedup>=%g", need);
        snprintf(n2, sizeof n2, "%s.body_action_vs_oj9", name);
        metric(n2, out->action, "ns/body", "oj9", out->oj9,
               (mix <= MIX_MIXED && need > 0) ? 'G' : 0, need, 0,
               (mix <= MIX_MIXED && need > 0) ? tgt : NULL);
        snprintf(n2, sizeof n2, "%s.plan_walk_vs_oj9", name);
        metric(n2, out->plan_walk, "ns/body", "oj9", out->oj9,
               (mix <= MIX_MIXED && need > 0) ? 'G' : 0, need, 0,
               (mix <= MIX_MIXED && need > 0) ? tgt : NULL);
        if (out->oj9_excluded != out->lib_excluded) {
            snprintf(n2, sizeof n2, "%s.oj9_excluded_differs", name);
            info(n2, (double)out->oj9_excluded, "bodies");
        }
        oj9_filters_free((oj9_filters *)(uintptr_t)oa.f);
        oj9_lists_free(oa.lists);
    }
    crjit_args_free(pa.args);
    crjit_filters_free(filters);
    free(xjit);
    gen_filters_free(&fs);
}

/* ---- filter compile cost and memory ----------------------------------------------------- */

typedef struct compile_arg {
    const gen_filters *fs;
} compile_arg;

static void k_compile(void *p)
{
    compile_arg *a = p;
    crjit_filters *f = build_filters(g_ctx, a->fs);
    crjit_filters_free(f);
}

static void k_oj9_compile(void *p)
{
    compile_arg *a = p;
    oj9_filters_free(oj9_filters_parse(a->fs));
}

static long vm_kb(const char *key)
{
    FILE *fp = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    size_t kl = strlen(key);
    if (fp == NULL)
        return -1;
    while (fgets(line, sizeof line, fp) != NULL)
        if (strncmp(line, key, kl) == 0 && line[kl] == ':')
            v = strtol(line + kl + 1, NULL, 10);
    fclose(fp);
    return v;
}

/* Peak RSS delta of building the filters, in a forked child whose
 * high-water mark is reset first (clear_refs 5); -1 when unsupported. */
static double rss_delta_kib(const gen_filters *fs)
{
    int fd[2];
    pid_t pid;
    long d = -1;
    if (pipe(fd) != 0)
        return -1;
    pid = fork();
    if (pid < 0) {
        close(fd[0]);
        close(fd[1]);
        return -1;
    }
    if (pid == 0) {
        FILE *cr = fopen("/proc/self/clear_refs", "w");
        long before, after, res = -1;
        struct rusage ru;
        close(fd[0]);
        if (cr != NULL) {
            fputs("5", cr);
            if (fclose(cr) == 0) {
                crjit_filters *f;
                before = vm_kb("VmHWM");
                f = build_filters(g_ctx, fs);
                after = vm_kb("VmHWM");
                getrusage(RUSAGE_SELF, &ru);
                res = after - before;
                crjit_filters_free(f);
            }
        }
        if (write(fd[1], &res, sizeof res) != (ssize_t)sizeof res)
            _exit(1);
        _exit(0);
    }
    close(fd[1]);
    if (read(fd[0], &d, sizeof d) != (ssize_t)sizeof d)
        d = -1;
    close(fd[0]);
    waitpid(pid, NULL, 0);
    return (double)d;
}

static void run_compile(const gen_cc *cc, int mix, size_t n)
{
    gen_filters fs;
    compile_arg a;
    stats s, o;
    char name[160];
    size_t live0, peak_live;
    crjit_filters *f;

    gen_filters_build(&fs, cc, g_seed + 99 + (size_t)mix, mix, n, 50);
    a.fs = &fs;
    s = measure(k_compile, &a);
    o = measure(k_oj9_compile, &a);
    snprintf(name, sizeof name, "compile.%s.f%zu", mix_names[mix], n);
    metric(name, s.med / 1000.0 / (double)n, "us/filter", "oj9",
           o.med / 1000.0 / (double)n, 'V', 1.0, 0, "value<=1us");
    snprintf(name, sizeof name, "compile.%s.f%zu.vs_oj9", mix_names[mix], n);
    metric(name, s.med, "ns", "oj9", o.med, 'G', 1.0, 0, "speedup>=1");
    snprintf(name, sizeof name, "compile.%s.f%zu.ns_per_pattern_byte",
             mix_names[mix], n);
    info(name, s.med / (double)fs.pattern_bytes, "ns/B");
    /* memory of the sealed set */
    live0 = g_count.live;
    g_count.peak = g_count.live;
    f = build_filters(g_ctx, &fs);
    snprintf(name, sizeof name, "memory.filters.%s.f%zu", mix_names[mix], n);
    metric(name, (double)(g_count.live - live0), "B", "64B*n+pattern_bytes",
           64.0 * (double)n + (double)fs.pattern_bytes, 'L', 1.0, 0,
           "ratio<=1");
    peak_live = g_count.peak - live0;
    snprintf(name, sizeof name, "memory.filters_peak_heap.%s.f%zu",
             mix_names[mix], n);
    info(name, (double)peak_live, "B");
    crjit_filters_free(f);
    if (n >= 1000) {
        double kib = rss_delta_kib(&fs);
        snprintf(name, sizeof name, "memory.filters_rss_delta.%s.f%zu",
                 mix_names[mix], n);
        metric(name, kib, "KiB", NULL, 0, kib >= 0 ? 'V' : 0, 1024, 0,
               "value<=1024KiB");
    }
    gen_filters_free(&fs);
}

/* ---- ARGS ---------------------------------------------------------------------------------- */

typedef struct args_arg {
    const gen_args *ga;
    crjit_args *args;
    unsigned char *consumed;
    uint64_t sum;
} args_arg;

static void k_oj9_args(void *p)
{
    args_arg *a = p;
    a->sum = oj9_find_options(a->ga->argv, a->ga->lens, a->ga->count,
                              a->consumed);
}

static void k_ral(void *p)
{
    args_arg *a = p;
    crjit_ral *ral = NULL;
    size_t k;
    uint64_t sum = 0;
    if (crjit_ral_new(a->args, &ral) != CRJIT_OK)
        return;
    for (k = 0; k < 78; k++) {
        size_t w = crjit_ral_find(ral, bench_options[k].match,
                                  bench_options[k].name, CRJIT_FIND_CONSUME,
                                  0);
        sum = sum * 31 + (w == CRJIT_NPOS ? 0 : w + 1);
    }
    a->sum = sum;
    crjit_ral_free(ral);
}

static void k_args_plan(void *p)
{
    args_arg *a = p;
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_plan *plan = NULL;
    in.args = a->args;
    if (crjit_plan_new(g_ctx, &in, &plan) == CRJIT_OK)
        a->sum = crjit_plan_diag_count(plan);
    crjit_plan_free(plan);
}

static const char *const args_names[] = { "dprops", "nojit", "all", "xjit",
                                          "xjit_merge", "long" };

typedef struct args_result {
    double ral, plan, oj9, fargs; /* ns total */
} args_result;

static void run_args(int variant, size_t n, size_t frags, int checks,
                     args_result *out)
{
    gen_args ga;
    args_arg a;
    floor_arg fa;
    char name[160], n2[200];
    stats s;
    double pn;

    gen_args_build(&ga, g_seed + n, variant, n, frags);
    memset(&a, 0, sizeof a);
    a.ga = &ga;
    a.args = args_of(g_ctx, ga.argv, ga.count);
    a.consumed = malloc(ga.count + 1);
    fa.cc = NULL;
    fa.args = &ga;
    pn = (double)ga.count;
    out->fargs = measure(k_fargs, &fa).med;
    s = measure(k_ral, &a);
    out->ral = s.med;
    out->plan = measure(k_args_plan, &a).med;
    out->oj9 = measure(k_oj9_args, &a).med;
    if (frags != 0)
        snprintf(name, sizeof name, "args.%s.n%zu.frag%zu", args_names[variant],
                 n, frags);
    else
        snprintf(name, sizeof name, "args.%s.n%zu", args_names[variant], n);
    snprintf(n2, sizeof n2, "%s.F_args", name);
    info(n2, out->fargs / pn, "ns/arg");
    snprintf(n2, sizeof n2, "%s.discovery_ral", name);
    metric(n2, out->ral / pn, "ns/arg", "F_args", out->fargs / pn,
           checks && n >= 1000 ? 'L' : 0, 10, 0,
           checks && n >= 1000 ? "ratio<=10" : NULL);
    snprintf(n2, sizeof n2, "%s.discovery_plan", name);
    metric(n2, out->plan / pn, "ns/arg", "F_args", out->fargs / pn,
           checks && n >= 1000 ? 'L' : 0, 10, 0,
           checks && n >= 1000 ? "ratio<=10" : NULL);
    snprintf(n2, sizeof n2, "%s.oj9", name);
    info(n2, out->oj9 / pn, "ns/arg");
    snprintf(n2, sizeof n2, "%s.discovery_ral_vs_oj9", name);
    metric(n2, out->ral, "ns", "oj9", out->oj9, checks ? 'G' : 0,
           n >= 1000 ? 10 : 5, 0,
           checks ? (n >= 1000 ? "speedup>=10" : "speedup>=5") : NULL);
    snprintf(n2, sizeof n2, "%s.discovery_plan_vs_oj9", name);
    metric(n2, out->plan, "ns", "oj9", out->oj9, checks ? 'G' : 0,
           n >= 1000 ? 10 : 5, 0,
           checks ? (n >= 1000 ? "speedup>=10" : "speedup>=5") : NULL);
    if (n <= 10) {
        snprintf(n2, sizeof n2, "%s.plan_total", name);
        metric(n2, out->plan / 1000.0, "us", NULL, 0, checks ? 'V' : 0, 1.0,
               0, checks ? "value<=1us" : NULL);
    }
    crjit_args_free(a.args);
    free(a.consumed);
    gen_args_free(&ga);
}

/* ---- MATCH and invalidate-all ---------------------------------------------------------- */

typedef struct apply_arg {
    crjit_plan *plan;
    crjit_host_ops ops;
    host *h;
    oj9_lists *lists; /* unused by the library; the host's own lists */
} apply_arg;

static void k_apply(void *p)
{
    apply_arg *a = p;
    crjit_apply_report r;
    a->h->invalidated = 0;
    (void)crjit_apply(a->plan, &a->ops, a->h, 0, &r);
}

typedef struct cb_arg {
    host *h;
    size_t n;
    int (*cb)(void *, size_t);
} cb_arg;

static void k_callbacks(void *p)
{
    cb_arg *a = p;
    size_t i;
    for (i = 0; i < a->n; i++)
        (void)a->cb(a->h, i);
}

/* Filters that exclude about pct % of the bodies: class prefixes (for
 * small shares) or package prefixes, drawn until the share is reached. */
static char *match_xjit(const gen_cc *cc, double pct, size_t *nfilt)
{
    size_t want = (size_t)((double)cc->body_count * pct / 100.0), got = 0;
    size_t cap = 1 << 16, len, nf = 0, c;
    char *s = malloc(cap);
    uint8_t *pkg_used = calloc(cc->package_count + 1, 1);
    rng r = { g_seed ^ 0x3A7Cu };
    int by_class = pct < 1.0;

    size_t *pkg_bodies = calloc(cc->package_count + 1, sizeof *pkg_bodies);

    for (c = 0; c < cc->class_count; c++) {
        const gen_class *o = &cc->classes[c];
        size_t m;
        for (m = 0; m < o->method_count; m++)
            pkg_bodies[o->pkg] += cc->methods[o->first_method + m].body >= 0;
    }
    memcpy(s, "-Xjit:", 7);
    len = 6;
    while (got < want && nf < 100000) {
        const gen_class *k = &cc->classes[rng_below(&r, cc->class_count)];
        size_t body_in = 0, m, need;
        if (!by_class && pkg_used[k->pkg])
            continue;
        if (by_class) {
            for (m = 0; m < k->method_count; m++)
                body_in += cc->methods[k->first_method + m].body >= 0;
        } else {
            body_in = pkg_bodies[k->pkg];
            pkg_used[k->pkg] = 1;
        }
        need = len + k->name_len + 32;
        if (need >= cap) {
            cap *= 2;
            s = realloc(s, cap);
        }
        len += (size_t)sprintf(s + len, "%sexclude={%.*s%s}",
                               nf != 0 ? "," : "",
                               (int)(by_class ? k->name_len : k->pkg_len),
                               cc->blob + k->name_off, by_class ? ".*" : "*");
        got += body_in;
        nf++;
    }
    free(pkg_used);
    free(pkg_bodies);
    *nfilt = nf;
    return s;
}

static void run_match(const gen_cc *cc, const floors *fl, const char *cctag,
                      double pct, size_t list_len)
{
    char name[160], n2[220], *xjit;
    const char *argv1[1];
    size_t nf = 0;
    plan_arg pa, pe;
    host h, he;
    apply_arg aa;
    cb_arg ca;
    oj9_arg oa;
    crjit_args *args;
    double t_plan, t_apply, t_cb, t_oj9, per = (double)cc->body_count;
    int all = pct >= 100.0;

    if (all)
        xjit = strdup("-Xnojit");
    else
        xjit = match_xjit(cc, pct, &nf);
    argv1[0] = xjit;
    args = args_of(g_ctx, (char *const *)(uintptr_t)argv1, 1);
    memset(&h, 0, sizeof h);
    h.cc = cc;
    h.forgot = calloc(cc->body_count, 1);
    memset(&pa, 0, sizeof pa);
    pa.ctx = g_ctx;
    pa.args = args;
    pa.h = &h;
    pa.ops = host_ops();
    pa.with_host = 1;
    pe = pa;
    he = h;
    he.cc = NULL;
    pe.h = &he;
    t_plan = (measure(k_plan, &pa).med - measure(k_plan, &pe).med) / per;
    memset(&aa, 0, sizeof aa);
    aa.plan = make_plan(&pa);
    aa.ops = host_ops();
    aa.h = &h;
    t_apply = measure(k_apply, &aa).med / per;
    ca.h = &h;
    ca.n = cc->body_count;
    ca.cb = h_invalidate;
    t_cb = measure(k_callbacks, &ca).med / per;
    if (!all) {
        ca.cb = h_forget;
        t_cb += measure(k_callbacks, &ca).med / per;
    }
    snprintf(name, sizeof name, "match.%s.%s", cctag,
             all ? "nojit" : pct < 1 ? "p0.1" : pct < 20 ? "p10" : "p60");
    snprintf(n2, sizeof n2, "%s.filters", name);
    info(n2, (double)nf, "filters");
    {
        size_t inv = 0;
        crjit_plan_invalidation_counts(aa.plan, &inv, NULL);
        snprintf(n2, sizeof n2, "%s.excluded_pct", name);
        info(n2, 100.0 * (double)inv / per, "%");
    }
    if (all) {
        snprintf(n2, sizeof n2, "%s.plan_walk", name);
        metric(n2, t_plan, "ns/body", "1.5*F_rec", 1.5 * fl->rec, 'L', 1.0, 0,
               "ratio<=1 (<=1.5x F_rec)");
        snprintf(n2, sizeof n2, "%s.apply", name);
        metric(n2, t_apply, "ns/body", "1.5*F_rec+callback",
               1.5 * fl->rec + t_cb, 'L', 1.0, 0,
               "ratio<=1 (<=1.5x F_rec + callback)");
    } else {
        snprintf(n2, sizeof n2, "%s.plan_walk", name);
        metric(n2, t_plan, "ns/body", "F_name", fl->name, 0, 0, 0, NULL);
        snprintf(n2, sizeof n2, "%s.apply", name);
        metric(n2, t_apply, "ns/body", "F_name+callbacks", fl->name + t_cb, 0,
               0, 0, NULL);
    }
    snprintf(n2, sizeof n2, "%s.callback_cost", name);
    info(n2, t_cb, "ns/body");
    /* baseline: walk + per-excluded lock and three list scans.  Skipped
     * when it would take minutes (every body tries every glob). */
    if ((double)nf * per > 4e8) {
        snprintf(n2, sizeof n2, "%s.oj9_skipped_filters_x_bodies", name);
        info(n2, (double)nf * per, "patterns*bodies");
        crjit_plan_free(aa.plan);
        crjit_args_free(args);
        free(h.forgot);
        free(xjit);
        return;
    }
    memset(&oa, 0, sizeof oa);
    oa.cc = cc;
    oa.all = all;
    oa.f = all ? NULL : oj9_filters_parse_xjit(xjit + 6);
    oa.lists = all ? NULL : oj9_lists_new(cc, list_len, g_seed);
    t_oj9 = measure(k_oj9_walk, &oa).med / per;
    snprintf(n2, sizeof n2, "%s.oj9", name);
    info(n2, t_oj9, "ns/body");
    snprintf(n2, sizeof n2, "%s.plan_walk_plus_apply_vs_oj9", name);
    metric(n2, t_plan + t_apply, "ns/body", "oj9", t_oj9, 'G',
           all ? 1.0 : 0, 0, all ? "speedup>=1" : NULL);
    if (!all && pct > 50 && list_len >= 1000) {
        /* exclusion bookkeeping: library apply (O(1) per excluded body in
         * the library; the host batches its list pass) vs lock + scans */
        snprintf(n2, sizeof n2, "%s.exclusion_bookkeeping_L%zu", name,
                 list_len);
        metric(n2, t_apply, "ns/body", "oj9", t_oj9, 'G', 100, 0,
               "speedup>=100");
    }
    oj9_filters_free((oj9_filters *)(uintptr_t)oa.f);
    oj9_lists_free(oa.lists);
    crjit_plan_free(aa.plan);
    crjit_args_free(args);
    free(h.forgot);
    free(xjit);
}

/* ---- E2E: the typical app --------------------------------------------------------------- */

typedef struct e2e {
    gen_cc cc;
    gen_args ga;
    gen_filters fs;
    char **argv; /* 29 args + the -Xjit: filters */
    size_t argc;
    char *xjit;
    host h;
    crjit_host_ops ops;
    size_t invalidated;
} e2e;

static void e2e_build(e2e *e)
{
    size_t xl, i;
    memset(e, 0, sizeof *e);
    gen_cc_build(&e->cc, g_seed, 7000, 35, PROFILE_UNIFORM);
    gen_args_build(&e->ga, g_seed + 30, ARGS_NOJIT, 29, 0);
    gen_filters_build(&e->fs, &e->cc, g_seed + 10, MIX_PREFIX, 10, 30);
    e->xjit = gen_filters_xjit(&e->fs, &xl);
    e->argc = e->ga.count + 1;
    e->argv = malloc(e->argc * sizeof *e->argv);
    for (i = 0; i < e->ga.count; i++)
        e->argv[i] = e->ga.argv[i];
    e->argv[e->ga.count] = e->xjit;
    e->h.cc = &e->cc;
    e->ops = host_ops();
}

static void e2e_free(e2e *e)
{
    free(e->argv);
    free(e->xjit);
    gen_filters_free(&e->fs);
    gen_args_free(&e->ga);
    gen_cc_free(&e->cc);
}

/* One restore through the library: list, plan (with its counting walk),
 * apply (invalidate + forget callbacks). */
__attribute__((noinline)) void bench_e2e_lib(e2e *e);
__attribute__((noinline)) void bench_e2e_lib(e2e *e)
{
    crjit_args *args = args_of(g_ctx, e->argv, e->argc);
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_plan *plan = NULL;
    crjit_apply_report r;
    in.args = args;
    in.host_ops = &e->ops;
    in.host_user = &e->h;
    if (crjit_plan_new(g_ctx, &in, &plan) == CRJIT_OK) {
        (void)crjit_apply(plan, &e->ops, &e->h, 0, &r);
        e->invalidated = r.invalidated;
    }
    crjit_plan_free(plan);
    crjit_args_free(args);
}

__attribute__((noinline)) void bench_e2e_oj9(e2e *e, oj9_lists *lists);
__attribute__((noinline)) void bench_e2e_oj9(e2e *e, oj9_lists *lists)
{
    unsigned char consumed[64];
    oj9_filters *f;
    g_sink = oj9_find_options(e->argv, NULL, e->argc, consumed);
    f = oj9_filters_parse_xjit(e->xjit + 6);
    e->invalidated = oj9_walk(&e->cc, f, lists, 0);
    oj9_filters_free(f);
}

typedef struct e2e_arg {
    e2e *e;
    oj9_lists *lists;
} e2e_arg;

static void k_e2e_lib(void *p)
{
    e2e_arg *a = p;
    bench_e2e_lib(a->e);
}

static void k_e2e_oj9(void *p)
{
    e2e_arg *a = p;
    bench_e2e_oj9(a->e, a->lists);
}

static void run_e2e(void)
{
    e2e e;
    e2e_arg a;
    floors fl;
    floor_arg fa;
    double fargs, floor_sum, t_lib, t_oj9;
    stats s;
    size_t lib_inv, a0;
    double rss0;

    e2e_build(&e);
    fl = measure_floors(&e.cc, "e2e");
    fa.cc = &e.cc;
    fa.args = &e.ga;
    fargs = measure(k_fargs, &fa).med / (double)e.ga.count;
    floor_sum = fl.rec_method * (double)e.cc.method_count +
                fl.name * (double)e.cc.body_count + fargs * (double)e.argc;
    info("e2e.methods", (double)e.cc.method_count, "methods");
    info("e2e.bodies", (double)e.cc.body_count, "bodies");
    info("e2e.args", (double)e.argc, "args");
    a.e = &e;
    a.lists = oj9_lists_new(&e.cc, 16, g_seed);
    s = measure(k_e2e_lib, &a);
    t_lib = s.med;
    lib_inv = e.invalidated;
    s = measure(k_e2e_oj9, &a);
    t_oj9 = s.med;
    info("e2e.floor_sum", floor_sum / 1000.0, "us");
    metric("e2e.lib", t_lib / 1000.0, "us", "floor_sum", floor_sum / 1000.0,
           'L', 2.0, 0, "ratio<=2");
    metric("e2e.lib_vs_oj9", t_lib / 1000.0, "us", "oj9", t_oj9 / 1000.0, 'G',
           5.0, 0, "speedup>=5");
    info("e2e.lib_invalidated", (double)lib_inv, "bodies");
    info("e2e.oj9_invalidated", (double)e.invalidated, "bodies");
    a0 = g_count.allocs;
    bench_e2e_lib(&e);
    info("e2e.lib_heap_allocs", (double)(g_count.allocs - a0), "allocs");
    rss0 = (double)vm_kb("VmRSS");
    (void)rss0;
    oj9_lists_free(a.lists);
    e2e_free(&e);
}

/* ---- CPUID ---------------------------------------------------------------------------------- */

static void run_cpuid(void)
{
    counter c;
    crjit_ctx *ctx;
    crjit_cpu cpu;
    crjit_args *args;
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_plan *plan = NULL;
    unsigned first, total;
    memset(&c, 0, sizeof c);
    ctx = new_ctx(&c);
    (void)crjit_cpu_detect(ctx, &cpu);
    first = crjit_ctx_cpuid_count(ctx);
    (void)crjit_cpu_detect(ctx, &cpu);
    if (crjit_args_new(ctx, &args) == CRJIT_OK) {
        (void)crjit_args_add_cstr(args, "-Xjit:count=10",
                                  CRJIT_SOURCE_COMMAND_LINE);
        in.args = args;
        if (crjit_plan_new(ctx, &in, &plan) == CRJIT_OK)
            crjit_plan_free(plan);
        crjit_args_free(args);
    }
    total = crjit_ctx_cpuid_count(ctx);
    metric("cpu.cpuid_per_detection", (double)first, "cpuid", NULL, 0, 'V', 6,
           0, "value<=6");
    metric("cpu.cpuid_per_restore", (double)total, "cpuid", "one_detection",
           (double)first, 'L', 1.0, 0, "ratio<=1 (detect once)");
    crjit_ctx_free(ctx);
}

/* ---- machine ------------------------------------------------------------------------------ */

static void machine(void)
{
    FILE *fp = fopen("/proc/cpuinfo", "r");
    char line[512], model[256] = "unknown";
    int vm = 0;
    if (fp != NULL) {
        while (fgets(line, sizeof line, fp) != NULL) {
            if (strncmp(line, "model name", 10) == 0 && model[0] == 'u') {
                char *c = strchr(line, ':');
                if (c != NULL) {
                    snprintf(model, sizeof model, "%s", c + 2);
                    model[strcspn(model, "\n")] = '\0';
                }
            }
            if (strncmp(line, "flags", 5) == 0 && strstr(line, " hypervisor"))
                vm = 1;
        }
        fclose(fp);
    }
    printf("# machine: cpu=\"%s\" cores=%ld vm=%s compiler=\"%s\" "
           "libcrjit=%s\n",
           model, sysconf(_SC_NPROCESSORS_ONLN), vm ? "yes" : "no",
#ifdef __VERSION__
           __VERSION__,
#else
           "unknown",
#endif
           crjit_version_string());
}

static void pin(void)
{
    cpu_set_t set;
    int cpu, last = -1;
    if (sched_getaffinity(0, sizeof set, &set) != 0)
        return;
    for (cpu = 0; cpu < CPU_SETSIZE; cpu++)
        if (CPU_ISSET(cpu, &set))
            last = cpu;
    if (last < 0)
        return;
    CPU_ZERO(&set);
    CPU_SET(last, &set);
    if (sched_setaffinity(0, sizeof set, &set) == 0)
        printf("# pinned to cpu %d\n", last);
    else
        printf("# not pinned: %s\n", strerror(errno));
}

/* ---- main ------------------------------------------------------------------------------------ */

static void walk_grid(size_t bodies, unsigned pm, int profile,
                      const size_t *nf, size_t nnf, const int *mixes,
                      size_t nmix, int baseline_upto, int with_floors)
{
    gen_cc cc;
    floors fl;
    char tag[64];
    size_t i, j;
    cell_result r;
    double t0 = now_ns();

    gen_cc_build(&cc, g_seed, bodies, pm, profile);
    snprintf(tag, sizeof tag, "b%zu%s.c%u%s", bodies >= 1000000 ? bodies / 1000000
                                             : bodies / 1000,
             bodies >= 1000000 ? "M" : "k", pm / 10,
             profile == PROFILE_ZIPF ? ".zipf" : "");
    {
        char n[100];
        snprintf(n, sizeof n, "cc.%s.methods", tag);
        info(n, (double)cc.method_count, "methods");
        snprintf(n, sizeof n, "cc.%s.classes", tag);
        info(n, (double)cc.class_count, "classes");
    }
    fl = measure_floors(&cc, tag);
    (void)with_floors;
    for (i = 0; i < nmix; i++)
        for (j = 0; j < nnf; j++)
            run_cell(&cc, &fl, tag, mixes[i], nf[j], 10,
                     (int)nf[j] <= baseline_upto, 16, &r);
    printf("# grid %s took %.1f s\n", tag, (now_ns() - t0) / 1e9);
    gen_cc_free(&cc);
}

int main(int argc, char **argv)
{
    int quick = 1, cg = 0, i;
    double t0 = now_ns();
    static const size_t nf4[] = { 1, 10, 100, 1000 };
    static const size_t nf2[] = { 10, 1000 };
    static const int ep[] = { MIX_EXACT, MIX_PREFIX };
    static const int mixed[] = { MIX_MIXED };
    static const int lim[] = { MIX_LIMIT };
    static const size_t nf_mixed[] = { 1, 10, 100 };

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--full") == 0) {
            g_full = 1;
            quick = 0;
        } else if (strcmp(argv[i], "--quick") == 0) {
            quick = 1;
        } else if (strcmp(argv[i], "--callgrind") == 0) {
            cg = 1;
        } else if (strncmp(argv[i], "--only=", 7) == 0) {
            g_only = argv[i] + 7;
        } else if (strncmp(argv[i], "--seed=", 7) == 0) {
            g_seed = strtoull(argv[i] + 7, NULL, 10);
        } else {
            fprintf(stderr, "usage: %s [--quick|--full|--callgrind] "
                            "[--seed=N] [--only=args|walk|compile|match|e2e]\n",
                    argv[0]);
            return 2;
        }
    }
    g_ctx = new_ctx(&g_count);
    if (cg) {
        /* One E2E restore; callgrind.sh collects only inside
         * bench_e2e_lib / bench_e2e_oj9 (--toggle-collect). */
        e2e e;
        oj9_lists *lists;
        e2e_build(&e);
        bench_e2e_lib(&e);
        printf("lib_invalidated=%zu\n", e.invalidated);
        lists = oj9_lists_new(&e.cc, 16, g_seed);
        bench_e2e_oj9(&e, lists);
        printf("oj9_invalidated=%zu\n", e.invalidated);
        oj9_lists_free(lists);
        e2e_free(&e);
        crjit_ctx_free(g_ctx);
        return 0;
    }
    if (g_full) {
        g_reps = 11;
        g_min_sample_ns = 5e6;
    }
    (void)quick;
    machine();
    pin();
    printf("# mode=%s seed=%llu reps=%d\n", g_full ? "full" : "quick",
           (unsigned long long)g_seed, g_reps);
    measure_bandwidth();

    if (section("cpu"))
        run_cpuid();

    /* ARGS */
    if (section("args")) {
        args_result r1k, r100k, r;
        run_args(ARGS_DPROPS, 10, 0, 1, &r);
        run_args(ARGS_DPROPS, 1000, 0, 1, &r1k);
        run_args(ARGS_DPROPS, 100000, 0, 1, &r100k);
        metric("args.dprops.linearity_ral", r100k.ral / r1k.ral, "x", NULL, 0,
               'R', 75, 125, "75<=value<=125");
        metric("args.dprops.linearity_plan", r100k.plan / r1k.plan, "x", NULL,
               0, 'R', 75, 125, "75<=value<=125");
        run_args(ARGS_NOJIT, 1000, 0, 1, &r);
        run_args(ARGS_ALL, 1000, 0, 1, &r);
        run_args(ARGS_XJIT, 1000, 10, 0, &r);
        run_args(ARGS_XJIT, 1000, 1000, 0, &r);
        run_args(ARGS_XJIT_MERGE, 1000, 10, 0, &r);
        run_args(ARGS_XJIT_MERGE, 1000, 1000, 0, &r);
        run_args(ARGS_LONG, 1000, 0, 0, &r);
        if (g_full) {
            run_args(ARGS_NOJIT, 100000, 0, 1, &r);
            run_args(ARGS_ALL, 100000, 0, 1, &r);
        }
        printf("# args took %.1f s\n", (now_ns() - t0) / 1e9);
    }

    /* CC x FILT: 10k bodies (baseline ratios), both compiled fractions */
    if (section("walk")) {
    walk_grid(10000, 1000, PROFILE_UNIFORM, nf4, 4, ep, 2, 1000, 1);
    walk_grid(10000, 50, PROFILE_UNIFORM, nf4, 4, ep, 2, g_full ? 1000 : 100,
              1);
    walk_grid(10000, 1000, PROFILE_ZIPF, nf2, 2, ep, 1, 10, 1);
    walk_grid(10000, 1000, PROFILE_UNIFORM, nf_mixed, 3, mixed, 1, 100, 1);
    walk_grid(10000, 1000, PROFILE_UNIFORM, nf2, 2, lim, 1, 10, 1);
    /* 100k bodies: the memory-bound regime for the floor ratios */
    walk_grid(100000, 1000, PROFILE_UNIFORM, nf2, 2, ep, 2, 10, 1);
    if (g_full) {
        walk_grid(100000, 1000, PROFILE_UNIFORM, nf4, 4, ep, 2, 1000, 1);
        walk_grid(1000000, 1000, PROFILE_UNIFORM, nf2, 2, ep, 2, 10, 1);
        walk_grid(1000000, 1000, PROFILE_UNIFORM, nf_mixed, 3, mixed, 1, 0, 1);
    }
    }

    /* FILT compile cost and memory */
    if (section("compile")) {
        gen_cc cc;
        gen_cc_build(&cc, g_seed, 100000, 1000, PROFILE_UNIFORM);
        run_compile(&cc, MIX_EXACT, 1000);
        run_compile(&cc, MIX_PREFIX, 1000);
        run_compile(&cc, MIX_MIXED, 1000);
        run_compile(&cc, MIX_LIMITFILE, 10000);
        gen_cc_free(&cc);
    }
    /* limitfile of 10k lines through the plan */
    if (section("compile")) {
        gen_cc cc;
        floors fl;
        cell_result r;
        gen_cc_build(&cc, g_seed, 10000, 1000, PROFILE_UNIFORM);
        fl = measure_floors(&cc, "b10k.c100.lf");
        run_cell(&cc, &fl, "b10k.c100", MIX_LIMITFILE, 10000, 90, 1, 16, &r);
        gen_cc_free(&cc);
    }

    /* MATCH: 100k bodies, 0.1 / 10 / 60 %, and -Xnojit */
    if (section("match")) {
        gen_cc cc;
        floors fl;
        size_t n = g_full ? 1000000 : 100000;
        gen_cc_build(&cc, g_seed, n, 1000, PROFILE_UNIFORM);
        fl = measure_floors(&cc, g_full ? "b1M.c100" : "b100k.c100");
        run_match(&cc, &fl, g_full ? "b1M.c100" : "b100k.c100", 0.1, 16);
        run_match(&cc, &fl, g_full ? "b1M.c100" : "b100k.c100", 10, 16);
        run_match(&cc, &fl, g_full ? "b1M.c100" : "b100k.c100", 60, 16);
        run_match(&cc, &fl, g_full ? "b1M.c100" : "b100k.c100", 100, 16);
        gen_cc_free(&cc);
        /* exclusion bookkeeping: ~10k excluded, 1k-entry lists */
        gen_cc_build(&cc, g_seed, 16700, 1000, PROFILE_UNIFORM);
        fl = measure_floors(&cc, "b16k.c100");
        run_match(&cc, &fl, "b16k.c100", 60, 1000);
        gen_cc_free(&cc);
    }

    if (section("e2e"))
        run_e2e();

    printf("# checks=%u failed=%u total_time=%.1f s\n", g_checks, g_fail,
           (now_ns() - t0) / 1e9);
    crjit_ctx_free(g_ctx);
    return 0;
}
