/* Deterministic, seeded generators for the benchmark inputs: code caches
 * (class / method / descriptor shapes, compiled fraction, Zipf skew), filter
 * sets and restore argument lists.  Same seed, same bytes. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- rng: splitmix64 ------------------------------------------------------- */

uint64_t rng_next(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

size_t rng_below(rng *r, size_t n)
{
    return n == 0 ? 0 : (size_t)(rng_next(r) % n);
}

double rng_unit(rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n != 0 ? n : 1);
    if (p == NULL) {
        fprintf(stderr, "bench: out of memory\n");
        exit(2);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n != 0 ? n : 1);
    if (p == NULL) {
        fprintf(stderr, "bench: out of memory\n");
        exit(2);
    }
    return p;
}

/* ---- growable byte buffer ---------------------------------------------------- */

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void buf_reserve(buf *b, size_t more)
{
    if (b->len + more + 1 > b->cap) {
        size_t c = b->cap != 0 ? b->cap : 4096;
        while (c < b->len + more + 1)
            c *= 2;
        b->p = xrealloc(b->p, c);
        b->cap = c;
    }
}

__attribute__((noinline)) static void buf_add(buf *b, const char *s,
                                             size_t n)
{
    buf_reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void buf_str(buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

static void buf_ch(buf *b, char c)
{
    buf_add(b, &c, 1);
}

/* ---- name shapes ---------------------------------------------------------------- */

static const char *const roots[] = { "com", "org", "net", "io", "java",
                                     "javax", "jdk", "sun", "app" };
static const char *const syll[] = {
    "ac", "bal", "cor", "dex", "en", "fra", "gen", "hub", "in", "jet", "kal",
    "lo", "man", "net", "or", "pol", "qua", "ros", "ser", "tor", "ul", "vex",
    "wal", "xen", "yo", "zen", "pro", "con", "ex", "im"
};
static const char *const words[] = {
    "Order", "Service", "Impl", "Factory", "Bean", "Context", "Handler",
    "Manager", "Request", "Response", "Config", "Util", "Helper", "Cache",
    "Map", "List", "Node", "Tree", "Stream", "Reader", "Writer", "Proxy",
    "Adapter", "Builder", "Registry", "Session", "Event", "Listener", "Task",
    "Worker", "Pool", "Buffer", "Parser", "Token", "Value", "Key", "Entry"
};
static const char *const common_methods[] = {
    "<init>", "<clinit>", "hashCode", "equals", "toString", "run", "get",
    "set", "apply", "accept", "call", "close", "size", "iterator", "next",
    "hasNext", "lambda$static$0", "lambda$main$1", "valueOf", "compareTo"
};
static const char *const verbs[] = { "get", "set", "is", "create", "find",
                                     "update", "remove", "add", "process",
                                     "handle", "to", "on", "do", "check" };
static const char *const ptypes[] = {
    "I", "J", "Z", "B", "C", "D", "F", "Ljava/lang/String;",
    "Ljava/lang/Object;", "[B", "[Ljava/lang/Object;", "Ljava/util/List;",
    "Ljava/util/Map;", "Ljava/lang/Class;"
};
static const char *const rtypes[] = { "V", "V", "V", "I", "Z", "J",
                                      "Ljava/lang/String;",
                                      "Ljava/lang/Object;", "Ljava/util/List;" };

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static void add_word(buf *b, rng *r, size_t lo, size_t hi)
{
    size_t n = lo + rng_below(r, hi - lo + 1), i;
    for (i = 0; i < n; i++)
        buf_str(b, syll[rng_below(r, N_OF(syll))]);
}

static void add_class_simple(buf *b, rng *r)
{
    size_t n = 1 + rng_below(r, 3), i;
    for (i = 0; i < n; i++)
        buf_str(b, words[rng_below(r, N_OF(words))]);
    if (rng_below(r, 8) == 0) {
        char t[16];
        snprintf(t, sizeof t, "$%u", (unsigned)rng_below(r, 9) + 1);
        buf_str(b, t);
    }
}

static void add_method_name(buf *b, rng *r)
{
    if (rng_below(r, 10) < 4) {
        buf_str(b, common_methods[rng_below(r, N_OF(common_methods))]);
        return;
    }
    buf_str(b, verbs[rng_below(r, N_OF(verbs))]);
    buf_str(b, words[rng_below(r, N_OF(words))]);
    if (rng_below(r, 3) == 0)
        buf_str(b, words[rng_below(r, N_OF(words))]);
}

static void add_desc(buf *b, rng *r, const char *mname_in)
{
    size_t n, i;
    char mname[64];
    snprintf(mname, sizeof mname, "%s", mname_in);
    if (strcmp(mname, "hashCode") == 0) {
        buf_str(b, "()I");
        return;
    }
    if (strcmp(mname, "toString") == 0) {
        buf_str(b, "()Ljava/lang/String;");
        return;
    }
    if (strcmp(mname, "equals") == 0) {
        buf_str(b, "(Ljava/lang/Object;)Z");
        return;
    }
    buf_ch(b, '(');
    n = rng_below(r, 5);
    for (i = 0; i < n; i++)
        buf_str(b, ptypes[rng_below(r, N_OF(ptypes))]);
    buf_ch(b, ')');
    buf_str(b, mname[0] == '<' ? "V" : rtypes[rng_below(r, N_OF(rtypes))]);
}

/* Zipf(s=1) over 1..50: inverse CDF by linear search (cheap enough). */
static size_t zipf50(rng *r)
{
    static double cdf[50];
    static int ready;
    double u = rng_unit(r);
    size_t k;
    if (!ready) {
        double h = 0, acc = 0;
        for (k = 1; k <= 50; k++)
            h += 1.0 / (double)k;
        for (k = 1; k <= 50; k++) {
            acc += 1.0 / (double)k / h;
            cdf[k - 1] = acc;
        }
        ready = 1;
    }
    for (k = 0; k < 49; k++)
        if (u < cdf[k])
            break;
    return k + 1;
}

typedef struct mtmp {
    size_t name_off, desc_off;
    uint32_t name_len, desc_len;
    uint32_t cls;
    int32_t body;
} mtmp;

void gen_cc_build(gen_cc *cc, uint64_t seed, size_t bodies,
                  unsigned compiled_pm, int profile)
{
    rng r = { seed };
    buf blob = { NULL, 0, 0 }, pk = { NULL, 0, 0 };
    size_t *pkg_off, *pkg_len, npk, i, ccap = 1024, mcap = 4096;
    size_t nclasses = 0, nmethods = 0, nbodies = 0;
    mtmp *mt;
    gen_class *cls;

    memset(cc, 0, sizeof *cc);
    /* Packages: ~1 per 15 classes, i.e. ~1 per 150 methods. */
    npk = bodies * 1000 / (compiled_pm != 0 ? compiled_pm : 1) / 150 + 4;
    pkg_off = xmalloc(npk * sizeof *pkg_off);
    pkg_len = xmalloc(npk * sizeof *pkg_len);
    for (i = 0; i < npk; i++) {
        size_t segs = 1 + rng_below(&r, 3), s;
        pkg_off[i] = pk.len;
        buf_str(&pk, roots[rng_below(&r, N_OF(roots))]);
        for (s = 0; s < segs; s++) {
            buf_ch(&pk, '/');
            add_word(&pk, &r, 1, 3);
        }
        buf_ch(&pk, '/');
        pkg_len[i] = pk.len - pkg_off[i];
    }
    cc->package_count = npk;
    cls = xmalloc(ccap * sizeof *cls);
    mt = xmalloc(mcap * sizeof *mt);
    while (nbodies < bodies) {
        size_t m = profile == PROFILE_ZIPF ? zipf50(&r)
                                           : 1 + rng_below(&r, 20);
        size_t p = rng_below(&r, npk), k;
        gen_class *c;
        if (nclasses == ccap) {
            ccap *= 2;
            cls = xrealloc(cls, ccap * sizeof *cls);
        }
        c = &cls[nclasses];
        c->pkg = (uint32_t)p;
        c->pkg_len = (uint32_t)pkg_len[p];
        c->name_off = (uint32_t)blob.len;
        buf_add(&blob, pk.p + pkg_off[p], pkg_len[p]);
        add_class_simple(&blob, &r);
        c->name_len = (uint32_t)(blob.len - c->name_off);
        buf_ch(&blob, '\0');
        c->first_method = (uint32_t)nmethods;
        c->method_count = (uint32_t)m;
        for (k = 0; k < m; k++) {
            mtmp *t;
            if (nmethods == mcap) {
                mcap *= 2;
                mt = xrealloc(mt, mcap * sizeof *mt);
            }
            t = &mt[nmethods++];
            t->cls = (uint32_t)nclasses;
            t->name_off = blob.len;
            add_method_name(&blob, &r);
            t->name_len = (uint32_t)(blob.len - t->name_off);
            buf_ch(&blob, '\0');
            t->desc_off = blob.len;
            buf_reserve(&blob, 64); /* keeps the name in place below */
            add_desc(&blob, &r, blob.p + t->name_off);
            t->desc_len = (uint32_t)(blob.len - t->desc_off);
            buf_ch(&blob, '\0');
            t->body = -1;
            if (nbodies < bodies && rng_below(&r, 1000) < compiled_pm)
                t->body = (int32_t)nbodies++;
        }
        nclasses++;
    }
    /* Pad so floors may read 32 bytes past any name start. */
    for (i = 0; i < 64; i++)
        buf_ch(&blob, '\0');
    cc->blob = blob.p;
    cc->blob_len = blob.len;
    cc->classes = cls;
    cc->class_count = nclasses;
    cc->method_count = nmethods;
    cc->methods = xmalloc(nmethods * sizeof *cc->methods);
    cc->body_count = nbodies;
    cc->bodies = xmalloc(nbodies * sizeof *cc->bodies);
    cc->body_method = xmalloc(nbodies * sizeof *cc->body_method);
    for (i = 0; i < nmethods; i++) {
        gen_method *g = &cc->methods[i];
        const gen_class *c = &cls[mt[i].cls];
        g->name = blob.p + mt[i].name_off;
        g->desc = blob.p + mt[i].desc_off;
        g->name_len = mt[i].name_len;
        g->desc_len = mt[i].desc_len;
        g->cls = mt[i].cls;
        g->body = mt[i].body;
        if (g->body >= 0) {
            crjit_body *b = &cc->bodies[g->body];
            b->class_name = blob.p + c->name_off;
            b->class_len = c->name_len;
            b->method_name = g->name;
            b->method_len = g->name_len;
            b->descriptor = g->desc;
            b->descriptor_len = g->desc_len;
            b->flags = CRJIT_BODY_HAS_BODY_INFO | CRJIT_BODY_PRE_CHECKPOINT;
            cc->body_method[g->body] = (uint32_t)i;
        }
    }
    free(mt);
    free(pk.p);
    free(pkg_off);
    free(pkg_len);
}

void gen_cc_free(gen_cc *cc)
{
    free(cc->blob);
    free(cc->classes);
    free(cc->methods);
    free(cc->bodies);
    free(cc->body_method);
    memset(cc, 0, sizeof *cc);
}

/* ---- filters ---------------------------------------------------------------------- */

static void push_filter(gen_filters *fs, size_t *cap, buf *b,
                        crjit_filter_type type)
{
    if (fs->count == *cap) {
        *cap = *cap != 0 ? *cap * 2 : 64;
        fs->f = xrealloc(fs->f, *cap * sizeof *fs->f);
    }
    fs->f[fs->count].spec = b->p;
    fs->f[fs->count].len = b->len;
    fs->f[fs->count].type = type;
    fs->pattern_bytes += b->len;
    fs->count++;
    b->p = NULL;
    b->len = b->cap = 0;
}

static const crjit_body *pick_body(const gen_cc *cc, rng *r)
{
    return &cc->bodies[rng_below(r, cc->body_count)];
}

static void exact_spec(buf *b, const crjit_body *bd, int hit)
{
    buf_add(b, bd->class_name, bd->class_len);
    buf_ch(b, '.');
    buf_add(b, bd->method_name, bd->method_len);
    if (!hit)
        buf_str(b, "Qz");
    buf_add(b, bd->descriptor, bd->descriptor_len);
}

static size_t pkg_len_of(const crjit_body *bd)
{
    size_t i, last = 0;
    for (i = 0; i < bd->class_len; i++)
        if (bd->class_name[i] == '/')
            last = i + 1;
    return last;
}

/* Method names may hold characters that are special inside braces ('$' is
 * not; '<' is not); class names never hold '[', '*', '?', '{', ',', '|'. */
static void prefix_spec(buf *b, rng *r, const crjit_body *bd, int hit)
{
    size_t kind = rng_below(r, 10); /* 0-1 package, 2-5 class, 6-9 method */
    buf_ch(b, '{');
    if (kind < 2) {
        buf_add(b, bd->class_name, pkg_len_of(bd));
        if (!hit)
            buf_str(b, "qz/");
    } else if (kind < 6) {
        buf_add(b, bd->class_name, bd->class_len);
        if (!hit)
            buf_str(b, "Qz");
        buf_ch(b, '.');
    } else {
        size_t n = bd->method_len > 2 ? bd->method_len / 2 : bd->method_len;
        buf_add(b, bd->class_name, bd->class_len);
        if (!hit)
            buf_str(b, "Qz");
        buf_ch(b, '.');
        buf_add(b, bd->method_name, n);
    }
    buf_str(b, "*}");
}

static void general_spec(buf *b, rng *r, const crjit_body *bd, size_t which)
{
    size_t pl = pkg_len_of(bd);
    switch (which % 6) {
    case 0: /* suffix */
        buf_str(b, "{*.hashCode()I}");
        break;
    case 1: /* infix: root/ * /Cls* */
    {
        size_t i = 0;
        while (i < bd->class_len && bd->class_name[i] != '/')
            i++;
        buf_ch(b, '{');
        buf_add(b, bd->class_name, i);
        buf_str(b, "/*/");
        buf_add(b, bd->class_name + pl, bd->class_len - pl > 3 ? 3 : 1);
        buf_str(b, "*Qz*}");
        break;
    }
    case 2: /* '?' */
        buf_ch(b, '{');
        buf_add(b, bd->class_name, pl);
        buf_add(b, bd->class_name + pl, 1);
        buf_str(b, "?zz*}");
        break;
    case 3: /* class */
        buf_ch(b, '{');
        buf_add(b, bd->class_name, pl);
        buf_str(b, "[Q-Z]*.get*}");
        break;
    case 4: /* alternatives */
        buf_ch(b, '{');
        buf_add(b, bd->class_name, pl);
        buf_str(b, "Qa*,");
        buf_add(b, bd->class_name, pl);
        buf_str(b, "Qb*|*.qz*}");
        break;
    default: /* negation: everything not starting lower-case (none here) */
        buf_str(b, "{^[a-z]*}");
        break;
    }
    (void)r;
}

void gen_filters_build(gen_filters *fs, const gen_cc *cc, uint64_t seed,
                       int mix, size_t count, unsigned hit_pct)
{
    rng r = { seed ^ 0xF17E5u };
    size_t cap = 0, i, general = count / 10 != 0 ? count / 10 : 1;
    buf b = { NULL, 0, 0 }, lf = { NULL, 0, 0 };

    memset(fs, 0, sizeof *fs);
    for (i = 0; i < count; i++) {
        const crjit_body *bd = pick_body(cc, &r);
        int hit = rng_below(&r, 100) < hit_pct;
        crjit_filter_type type = CRJIT_FILTER_EXCLUDE;
        switch (mix) {
        case MIX_EXACT:
            exact_spec(&b, bd, hit);
            break;
        case MIX_PREFIX:
            prefix_spec(&b, &r, bd, hit);
            break;
        case MIX_MIXED:
            if (i % (count / general) == 0 && i / (count / general) < general)
                general_spec(&b, &r, bd, i / (count / general));
            else
                prefix_spec(&b, &r, bd, hit);
            break;
        case MIX_LIMIT:
            if (i % 10 == 0) {
                type = CRJIT_FILTER_INCLUDE;
                buf_ch(&b, '{');
                buf_add(&b, bd->class_name, pkg_len_of(bd));
                buf_str(&b, "*}");
            } else {
                exact_spec(&b, bd, hit);
            }
            break;
        default: /* MIX_LIMITFILE */
            type = CRJIT_FILTER_INCLUDE;
            exact_spec(&b, bd, hit);
            buf_str(&lf, "+ (warm) ");
            buf_add(&lf, b.p, b.len);
            buf_str(&lf, " @ 00007F3A1C0F2E40-00007F3A1C0F3010 "
                         "OrdinaryMethod - Q_SZ=0 Q_SZI=0 QW=1 bcsz=12\n");
            break;
        }
        push_filter(fs, &cap, &b, type);
    }
    if (mix == MIX_LIMITFILE) {
        fs->limitfile = lf.p;
        fs->limitfile_len = lf.len;
    }
}

void gen_filters_free(gen_filters *fs)
{
    size_t i;
    for (i = 0; i < fs->count; i++)
        free(fs->f[i].spec);
    free(fs->f);
    free(fs->limitfile);
    memset(fs, 0, sizeof *fs);
}

char *gen_filters_xjit(const gen_filters *fs, size_t *len)
{
    buf b = { NULL, 0, 0 };
    size_t i;
    buf_str(&b, "-Xjit:");
    if (fs->limitfile != NULL) {
        buf_str(&b, "limitfile=bench.limit");
    } else {
        for (i = 0; i < fs->count; i++) {
            if (i != 0)
                buf_ch(&b, ',');
            buf_str(&b, fs->f[i].type == CRJIT_FILTER_INCLUDE ? "limit="
                                                              : "exclude=");
            buf_add(&b, fs->f[i].spec, fs->f[i].len);
        }
    }
    *len = b.len;
    return b.p;
}

/* ---- restore arguments ------------------------------------------------------------- */

const bench_option bench_options[78] = {
    { "-Xnodfpbd", CRJIT_MATCH_EXACT },
    { "-Xdfpbd", CRJIT_MATCH_EXACT },
    { "-Xhysteresis", CRJIT_MATCH_EXACT },
    { "-Xnoquickstart", CRJIT_MATCH_EXACT },
    { "-Xquickstart", CRJIT_MATCH_EXACT },
    { "-Xtune:elastic", CRJIT_MATCH_STARTSWITH },
    { "-XtlhPrefetch", CRJIT_MATCH_EXACT },
    { "-XnotlhPrefetch", CRJIT_MATCH_EXACT },
    { "-Xlockword:", CRJIT_MATCH_STARTSWITH },
    { "-XlockReservation", CRJIT_MATCH_EXACT },
    { "-XjniAcc:", CRJIT_MATCH_STARTSWITH },
    { "-Xlp", CRJIT_MATCH_EXACT_MEMORY },
    { "-Xlp:codecache:", CRJIT_MATCH_STARTSWITH },
    { "-Xcodecache", CRJIT_MATCH_EXACT_MEMORY },
    { "-Xcodecachetotal", CRJIT_MATCH_EXACT_MEMORY },
    { "-XX:codecachetotal=", CRJIT_MATCH_STARTSWITH },
    { "-XX:+PrintCodeCache", CRJIT_MATCH_EXACT },
    { "-XX:-PrintCodeCache", CRJIT_MATCH_EXACT },
    { "-XsamplingExpirationTime", CRJIT_MATCH_EXACT_MEMORY },
    { "-XcompilationThreads", CRJIT_MATCH_EXACT_MEMORY },
    { "-XaggressivenessLevel", CRJIT_MATCH_EXACT_MEMORY },
    { "-Xnoclassgc", CRJIT_MATCH_EXACT },
    { "-Xjit", CRJIT_MATCH_OPTIONAL_LIST },
    { "-Xnojit", CRJIT_MATCH_OPTIONAL_LIST },
    { "-Xjit:", CRJIT_MATCH_STARTSWITH },
    { "-Xaot", CRJIT_MATCH_OPTIONAL_LIST },
    { "-Xnoaot", CRJIT_MATCH_OPTIONAL_LIST },
    { "-Xaot:", CRJIT_MATCH_STARTSWITH },
    { "-XX:deterministic=", CRJIT_MATCH_STARTSWITH },
    { "-XX:+RuntimeInstrumentation", CRJIT_MATCH_EXACT },
    { "-XX:-RuntimeInstrumentation", CRJIT_MATCH_EXACT },
    { "-XX:+PerfTool", CRJIT_MATCH_EXACT },
    { "-XX:-PerfTool", CRJIT_MATCH_EXACT },
    { "-XX:doNotProcessJitEnvVars", CRJIT_MATCH_EXACT },
    { "-XX:+MergeCompilerOptions", CRJIT_MATCH_EXACT },
    { "-XX:-MergeCompilerOptions", CRJIT_MATCH_EXACT },
    { "-XX:LateSCCDisclaimTime=", CRJIT_MATCH_STARTSWITH },
    { "-XX:+UseJITServer", CRJIT_MATCH_EXACT },
    { "-XX:-UseJITServer", CRJIT_MATCH_EXACT },
    { "-XX:+JITServerTechPreviewMessage", CRJIT_MATCH_EXACT },
    { "-XX:-JITServerTechPreviewMessage", CRJIT_MATCH_EXACT },
    { "-XX:JITServerAddress=", CRJIT_MATCH_STARTSWITH },
    { "-XX:JITServerPort=", CRJIT_MATCH_STARTSWITH },
    { "-XX:JITServerTimeout=", CRJIT_MATCH_STARTSWITH },
    { "-XX:JITServerSSLKey=", CRJIT_MATCH_STARTSWITH },
    { "-XX:JITServerSSLCert=", CRJIT_MATCH_STARTSWITH },
    { "-XX:JITServerSSLRootCerts=", CRJIT_MATCH_STARTSWITH },
    { "-XX:+JITServerUseAOTCache", CRJIT_MATCH_EXACT },
    { "-XX:-JITServerUseAOTCache", CRJIT_MATCH_EXACT },
    { "-XX:+RequireJITServer", CRJIT_MATCH_EXACT },
    { "-XX:-RequireJITServer", CRJIT_MATCH_EXACT },
    { "-XX:+JITServerLogConnections", CRJIT_MATCH_EXACT },
    { "-XX:-JITServerLogConnections", CRJIT_MATCH_EXACT },
    { "-XX:JITServerAOTmx=", CRJIT_MATCH_STARTSWITH },
    { "-XX:+JITServerLocalSyncCompiles", CRJIT_MATCH_EXACT },
    { "-XX:-JITServerLocalSyncCompiles", CRJIT_MATCH_EXACT },
    { "-XX:+JITServerMetrics", CRJIT_MATCH_EXACT },
    { "-XX:-JITServerMetrics", CRJIT_MATCH_EXACT },
    { "-XX:JITServerMetricsPort=", CRJIT_MATCH_STARTSWITH },
    { "-XX:JITServerMetricsSSLKey=", CRJIT_MATCH_STARTSWITH },
    { "-XX:JITServerMetricsSSLCert=", CRJIT_MATCH_STARTSWITH },
    { "-XX:+JITServerShareROMClasses", CRJIT_MATCH_EXACT },
    { "-XX:-JITServerShareROMClasses", CRJIT_MATCH_EXACT },
    { "-XX:+JITServerAOTCachePersistence", CRJIT_MATCH_EXACT },
    { "-XX:-JITServerAOTCachePersistence", CRJIT_MATCH_EXACT },
    { "-XX:JITServerAOTCacheDir=", CRJIT_MATCH_STARTSWITH },
    { "-XX:JITServerAOTCacheName=", CRJIT_MATCH_STARTSWITH },
    { "-XX:codecachetotalMaxRAMPercentage=", CRJIT_MATCH_STARTSWITH },
    { "-XX:+IProfileDuringStartupPhase", CRJIT_MATCH_EXACT },
    { "-XX:-IProfileDuringStartupPhase", CRJIT_MATCH_EXACT },
    { "-Xrs", CRJIT_MATCH_OPTIONAL_LIST },
    { "-Xtrace", CRJIT_MATCH_STARTSWITH },
    { "-Xdump", CRJIT_MATCH_STARTSWITH },
    { "-Xshareclasses:disableOnRestore", CRJIT_MATCH_EXACT },
    { "-XX:+DebugInterpreter", CRJIT_MATCH_EXACT },
    { "-XX:-DebugInterpreter", CRJIT_MATCH_EXACT },
    { "-XX:+IgnoreUnrecognizedRestoreOptions", CRJIT_MATCH_EXACT },
    { "-Xoptionsfile=", CRJIT_MATCH_STARTSWITH },
};

/* An instance of option o with a plausible value. */
static void option_instance(buf *b, rng *r, const bench_option *o)
{
    char t[32];
    buf_str(b, o->name);
    if (o->match == CRJIT_MATCH_EXACT_MEMORY) {
        snprintf(t, sizeof t, "%um", (unsigned)rng_below(r, 64) + 1);
        buf_str(b, t);
    } else if (o->match == CRJIT_MATCH_STARTSWITH) {
        size_t n = strlen(o->name);
        if (strcmp(o->name, "-Xjit:") == 0 || strcmp(o->name, "-Xaot:") == 0)
            buf_str(b, "count=10");
        else if (o->name[n - 1] == '=' || o->name[n - 1] == ':') {
            snprintf(t, sizeof t, "%u", (unsigned)rng_below(r, 60000) + 1);
            buf_str(b, t);
        }
    }
}

static void dprop(buf *b, rng *r)
{
    char t[32];
    size_t n = 6 + rng_below(r, 20), i;
    snprintf(t, sizeof t, "-Dapp.p%u.", (unsigned)rng_below(r, 100000));
    buf_str(b, t);
    add_word(b, r, 1, 3);
    buf_ch(b, '=');
    for (i = 0; i < n; i++)
        buf_ch(b, (char)('a' + rng_below(r, 26)));
}

static const char *const non_jit[] = {
    "-Xgcthreads4", "-Xsoftmx512m", "-Xverbosegclog:gc.log", "-Xtrace:none",
    "-Xdump:none", "-Xshareclasses:name=app"
};

void gen_args_build(gen_args *a, uint64_t seed, int variant, size_t count,
                    size_t xjit_fragments)
{
    rng r = { seed ^ 0xA465u };
    buf blob = { NULL, 0, 0 };
    size_t *off = xmalloc((count + 2) * sizeof *off), i, n = 0;
    size_t frag_every = xjit_fragments != 0 ? count / xjit_fragments : 0;

    memset(a, 0, sizeof *a);
    for (i = 0; i < count; i++) {
        off[n++] = blob.len;
        switch (variant) {
        case ARGS_DPROPS:
            if (rng_below(&r, 10) < 8)
                dprop(&blob, &r);
            else
                option_instance(&blob, &r, &bench_options[rng_below(&r, 78)]);
            break;
        case ARGS_NOJIT:
            if (rng_below(&r, 10) < 8)
                dprop(&blob, &r);
            else
                buf_str(&blob, non_jit[rng_below(&r, N_OF(non_jit))]);
            break;
        case ARGS_ALL:
            option_instance(&blob, &r, &bench_options[i % 78]);
            break;
        case ARGS_XJIT:
        case ARGS_XJIT_MERGE:
            if (variant == ARGS_XJIT_MERGE && i == 0) {
                buf_str(&blob, "-XX:+MergeCompilerOptions");
            } else if (frag_every != 0 && i % frag_every == 1 % frag_every) {
                char t[64];
                snprintf(t, sizeof t, "-Xjit:exclude={app/K%u.*}",
                         (unsigned)i);
                buf_str(&blob, t);
            } else {
                dprop(&blob, &r);
            }
            break;
        default: /* ARGS_LONG */
            if (i == count / 2) {
                buf_str(&blob, "-Xjit:");
                while (blob.len - off[n - 1] < 4096) {
                    char t[48];
                    snprintf(t, sizeof t, "exclude={app/pkg%u/C*},",
                             (unsigned)rng_below(&r, 1000));
                    buf_str(&blob, t);
                }
                buf_str(&blob, "count=10");
            } else {
                dprop(&blob, &r);
            }
            break;
        }
        buf_ch(&blob, '\0');
    }
    for (i = 0; i < 16; i++)
        buf_ch(&blob, '\0'); /* F_args reads 16 bytes of the last one */
    a->blob = blob.p;
    a->blob_len = blob.len;
    a->count = n;
    a->argv = xmalloc((n + 1) * sizeof *a->argv);
    a->lens = xmalloc((n + 1) * sizeof *a->lens);
    for (i = 0; i < n; i++) {
        a->argv[i] = blob.p + off[i];
        a->lens[i] = strlen(a->argv[i]);
    }
    a->argv[n] = NULL;
    free(off);
}

void gen_args_free(gen_args *a)
{
    free(a->argv);
    free(a->lens);
    free(a->blob);
    memset(a, 0, sizeof *a);
}
