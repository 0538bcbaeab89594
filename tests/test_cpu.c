/* Code-generation targets (issue 6): the CPU model of product.md §5 and
 * §6.1, the portable and full sets of semantics F.4 (DV-12, G-28), the gate
 * of F-4/F-7/F-14 through whole plans for the four modes of the F.1 table,
 * the issue-21371 regression (the buggy rule of F-13 lives in this file
 * only, F-15), the restore-time CPU check (product.md §5, §6.1) and host
 * detection (once per context).
 *
 * Every row is its own cmocka test named by the rule it checks.  Expected
 * feature sets are written as names from product.md §5 and turned into bits
 * through the feature table, which is itself checked against §5 first, so
 * expectations never reuse the library's own set arithmetic.  Every test ends
 * with the counting allocator's live == 0. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_ARGS 4

#define X86 CRJIT_ARCH_X86_64
#define ARM CRJIT_ARCH_AARCH64
#define PPC CRJIT_ARCH_PPC64
#define S390 CRJIT_ARCH_S390X

/* ---- feature names of product.md §5 ---------------------------------------- */

static const char x86_names[] =
    "fpu cx8 cmov mmx sse sse2 sse3 ssse3 sse4_1 sse4_2 popcnt aesni osxsave "
    "avx avx2 fma bmi2 hle rtm avx512f avx512vl avx512bw avx512dq avx512cd "
    "avx_vnni";
static const char arm_names[] = "fp asimd crc32 lse";
static const char ppc_names[] = "altivec dfp htm vsx";
/* Z: FPE plus the 18 level-gated facilities of F.4.  §5 does not spell them;
 * these are the library's lower-case spellings of F.4's names. */
static const char z_names[] =
    "dfp fpe highword tx ctx ri vector mie2 vpd vef1 gs mie3 vef2 vpde vpde2 "
    "mie4 vef3 ploext vpde3";

/* The portable sets (product.md §5 table, F.4, DV-12). */
static const char x86_portable[] =
    "fpu cx8 cmov mmx sse sse2 sse3 ssse3 sse4_1 popcnt aesni avx";
static const char arm_portable[] = "fp asimd";
static const char ppc_portable[] = "altivec dfp vsx";
static const char z_portable[] = "dfp fpe";

/* The psABI levels (product.md §5 table). */
#define V1 "fpu cx8 cmov mmx sse sse2"
#define V2 V1 " sse3 ssse3 sse4_1 sse4_2 popcnt"
#define V3 V2 " osxsave avx avx2 fma bmi2"
#define V4 V3 " avx512f avx512vl avx512bw avx512dq avx512cd"
/* F-11: an AVX-512 host whose OS enables AVX-512 state (Ice Lake server). */
#define AVX512_HOST V4 " aesni avx_vnni"
/* A Haswell-like host: AVX2 but no AVX-512. */
#define HASWELL V3 " aesni"

static const char *arch_names(crjit_arch arch)
{
    switch (arch) {
    case X86: return x86_names;
    case ARM: return arm_names;
    case PPC: return ppc_names;
    case S390: return z_names;
    }
    return "";
}

/* Bit of a feature name in the library's table, or fail the test. */
static uint64_t bit_of(crjit_arch arch, const char *w, size_t n)
{
    size_t i;
    for (i = 0; i < crjit_cpu_feature_count(arch); i++) {
        const char *name = crjit_cpu_feature_name(arch, i);
        if (name != NULL && strlen(name) == n && memcmp(name, w, n) == 0)
            return (uint64_t)1 << i;
    }
    print_error("feature '%.*s' is not in the %s table\n", (int)n, w,
                crjit_arch_name(arch));
    fail();
    return 0;
}

/* Space-separated names to a feature set. */
static uint64_t fset(crjit_arch arch, const char *names)
{
    uint64_t f = 0;
    const char *p = names;
    while (*p != '\0') {
        size_t n;
        while (*p == ' ')
            p++;
        n = strcspn(p, " ");
        if (n != 0)
            f |= bit_of(arch, p, n);
        p += n;
    }
    return f;
}

static crjit_cpu mk(crjit_arch arch, unsigned level, const char *names)
{
    crjit_cpu c;
    c.arch = arch;
    c.level = level;
    c.features = fset(arch, names);
    return c;
}

static void assert_cpu(const crjit_cpu *got, const crjit_cpu *want,
                       const char *what)
{
    if (got->arch != want->arch || got->level != want->level ||
        got->features != want->features) {
        char g[512], w[512];
        crjit_cpu_format(got, g, sizeof g);
        crjit_cpu_format(want, w, sizeof w);
        print_error("%s:\n  got  %s (level %u, %#llx)\n  want %s (level %u, "
                    "%#llx)\n",
                    what, g, got->level, (unsigned long long)got->features, w,
                    want->level, (unsigned long long)want->features);
        fail();
    }
}

static crjit_cpu parse_ok(const char *spec, crjit_arch def)
{
    crjit_cpu c;
    size_t off = 12345;
    crjit_status st = crjit_cpu_parse(spec, strlen(spec), def, &c, &off);
    if (st != CRJIT_OK) {
        print_error("parse '%s' failed: %d at %zu\n", spec, (int)st, off);
        fail();
    }
    return c;
}

/* ---- feature tables (product.md §5) ---------------------------------------- */

typedef struct table_case {
    const char *name;
    crjit_arch arch;
    const char *arch_name;
    size_t count;
    unsigned level_lo, level_hi; /* 0, 0: no levels */
    const char *level_prefix;
} table_case;

static const table_case table_cases[] = {
    { "§5 x86 feature table (25, in order)", X86, "x86", 25, 0, 0, NULL },
    { "§5 aarch64 feature table", ARM, "aarch64", 4, 0, 0, NULL },
    { "§5 POWER feature table, levels power8..power10", PPC, "ppc64", 4, 8,
      10, "power" },
    { "§5 F.4 Z feature table (19), levels z10..z17", S390, "s390x", 19, 10,
      17, "z" },
};

static void run_table_case(void **state)
{
    const table_case *c = *state;
    const char *p = arch_names(c->arch);
    size_t i = 0;
    unsigned l;

    assert_string_equal(crjit_arch_name(c->arch), c->arch_name);
    assert_int_equal(crjit_cpu_feature_count(c->arch), c->count);
    while (*p != '\0') {
        size_t n = strcspn(p, " ");
        const char *name = crjit_cpu_feature_name(c->arch, i);
        assert_non_null(name);
        if (strlen(name) != n || memcmp(name, p, n) != 0) {
            print_error("feature %zu: got %s, want %.*s\n", i, name, (int)n,
                        p);
            fail();
        }
        i++;
        p += n;
        while (*p == ' ')
            p++;
    }
    assert_int_equal(i, c->count);
    assert_null(crjit_cpu_feature_name(c->arch, c->count));
    assert_null(crjit_cpu_feature_name(c->arch, (size_t)-1));
    for (l = 0; l < 20; l++) {
        const char *ln = crjit_cpu_level_name(c->arch, l);
        if (c->level_prefix != NULL && l >= c->level_lo && l <= c->level_hi) {
            char want[16];
            snprintf(want, sizeof want, "%s%u", c->level_prefix, l);
            assert_non_null(ln);
            assert_string_equal(ln, want);
        } else {
            assert_null(ln);
        }
    }
}

/* ---- parsing (§6.1 CPU spec) ------------------------------------------------- */

typedef struct parse_case {
    const char *name;
    const char *spec;
    crjit_arch def;
    crjit_arch arch;
    unsigned level;
    const char *features;
} parse_case;

static const parse_case parse_cases[] = {
    /* architecture aliases */
    { "§6.1 arch x86", "x86:fpu", ARM, X86, 0, "fpu" },
    { "§6.1 arch alias x86-64", "x86-64:fpu", ARM, X86, 0, "fpu" },
    { "§6.1 arch alias x86_64", "x86_64:sse2", ARM, X86, 0, "sse2" },
    { "§6.1 arch alias amd64", "amd64:avx", ARM, X86, 0, "avx" },
    { "§6.1 arch aarch64", "aarch64:fp", X86, ARM, 0, "fp" },
    { "§6.1 arch alias arm64", "arm64:lse", X86, ARM, 0, "lse" },
    { "§6.1 arch ppc64 (level-less: lowest level)", "ppc64:altivec", X86, PPC,
      8, "altivec" },
    { "§6.1 arch alias power", "power:power9,vsx", X86, PPC, 9, "vsx" },
    { "§6.1 arch s390x (level-less: lowest level)", "s390x:dfp", X86, S390,
      10, "dfp" },
    { "§6.1 arch alias z", "z:z13,vector", X86, S390, 13, "vector" },
    { "§6.1 arch names case-insensitive", "AMD64:FPU,Sse2", ARM, X86, 0,
      "fpu sse2" },
    { "§6.1 arch alias ARM64 upper case", "ARM64:ASIMD", X86, ARM, 0,
      "asimd" },
    { "§6.1 arch alias Power mixed case", "Power:POWER10,HTM", X86, PPC, 10,
      "htm" },
    { "§6.1 arch alias Z upper case", "Z:Z17,VPDE3", X86, S390, 17, "vpde3" },
    /* feature lists */
    { "§5 x86 all 25 features",
      "x86:fpu,cx8,cmov,mmx,sse,sse2,sse3,ssse3,sse4_1,sse4_2,popcnt,aesni,"
      "osxsave,avx,avx2,fma,bmi2,hle,rtm,avx512f,avx512vl,avx512bw,avx512dq,"
      "avx512cd,avx_vnni", ARM, X86, 0, AVX512_HOST " hle rtm" },
    { "§5 x86 list order does not matter", "x86:avx512f,fpu,avx", ARM, X86, 0,
      "fpu avx avx512f" },
    { "§5 x86 duplicate feature", "x86:avx,avx", ARM, X86, 0, "avx" },
    { "§5 x86 /proc/cpuinfo alias pni = sse3", "x86:pni", ARM, X86, 0,
      "sse3" },
    { "§5 x86 /proc/cpuinfo alias aes = aesni", "x86:aes", ARM, X86, 0,
      "aesni" },
    { "§5 x86 aliases case-insensitive", "x86:PNI,Aes,sse3", ARM, X86, 0,
      "sse3 aesni" },
    { "§5 aarch64 all features", "aarch64:fp,asimd,crc32,lse", X86, ARM, 0,
      "fp asimd crc32 lse" },
    { "§5 POWER all features", "ppc64:power10,altivec,dfp,htm,vsx", X86, PPC,
      10, "altivec dfp htm vsx" },
    { "§5 Z all features", "s390x:z17,dfp,fpe,highword,tx,ctx,ri,vector,mie2,"
      "vpd,vef1,gs,mie3,vef2,vpde,vpde2,mie4,vef3,ploext,vpde3", X86, S390,
      17, "dfp fpe highword tx ctx ri vector mie2 vpd vef1 gs mie3 vef2 vpde "
      "vpde2 mie4 vef3 ploext vpde3" },
    /* levels as first item */
    { "§5 POWER level power8", "ppc64:power8", X86, PPC, 8, "" },
    { "§5 POWER level power9", "ppc64:power9", X86, PPC, 9, "" },
    { "§5 POWER level power10", "ppc64:power10,altivec", X86, PPC, 10,
      "altivec" },
    { "§5 Z level z10", "s390x:z10", X86, S390, 10, "" },
    { "§5 Z level z11", "s390x:z11", X86, S390, 11, "" },
    { "§5 Z level z12", "s390x:z12", X86, S390, 12, "" },
    { "§5 Z level z13", "s390x:z13", X86, S390, 13, "" },
    { "§5 Z level z14", "s390x:z14,gs", X86, S390, 14, "gs" },
    { "§5 Z level z15", "s390x:z15", X86, S390, 15, "" },
    { "§5 Z level z16", "s390x:z16", X86, S390, 16, "" },
    { "§5 Z level z17", "s390x:z17", X86, S390, 17, "" },
    /* empty lists */
    { "§6.1 empty list x86:", "x86:", ARM, X86, 0, "" },
    { "§6.1 empty list aarch64:", "aarch64:", X86, ARM, 0, "" },
    /* named targets (product.md §5 table) */
    { "§5 target x86-64-v1", "x86-64-v1", ARM, X86, 0, V1 },
    { "§5 target x86-64-v2", "x86-64-v2", ARM, X86, 0, V2 },
    { "§5 target x86-64-v3", "x86-64-v3", ARM, X86, 0, V3 },
    { "§5 target x86-64-v4", "x86-64-v4", ARM, X86, 0, V4 },
    { "§5 target names case-insensitive X86-64-V3", "X86-64-V3", X86, X86, 0,
      V3 },
    { "§5 target armv8.0-a", "armv8.0-a", X86, ARM, 0, "fp asimd" },
    { "§5 target armv8.1-a", "armv8.1-a", X86, ARM, 0,
      "fp asimd crc32 lse" },
    { "§5 target ARMv8.1-A upper case", "ARMv8.1-A", X86, ARM, 0,
      "fp asimd crc32 lse" },
    { "§5 target power8", "power8", X86, PPC, 8, "altivec dfp htm vsx" },
    { "§5 target z10", "z10", X86, S390, 10, "dfp fpe" },
    { "§5 target openj9-portable x86", "openj9-portable", X86, X86, 0,
      "fpu cx8 cmov mmx sse sse2 sse3 ssse3 sse4_1 popcnt aesni avx" },
    { "§5 DV-12 target openj9-portable aarch64", "openj9-portable", ARM, ARM,
      0, "fp asimd" },
    { "§5 target openj9-portable POWER (level power8)", "openj9-portable",
      PPC, PPC, 8, "altivec dfp vsx" },
    { "§5 target openj9-portable Z (level z10)", "openj9-portable", S390,
      S390, 10, "dfp fpe" },
    { "§5 target OpenJ9-Portable mixed case", "OpenJ9-Portable", X86, X86, 0,
      "fpu cx8 cmov mmx sse sse2 sse3 ssse3 sse4_1 popcnt aesni avx" },
};

static void run_parse_case(void **state)
{
    const parse_case *c = *state;
    crjit_cpu got, want = mk(c->arch, c->level, c->features), again;
    char buf[512];
    size_t n;

    got = parse_ok(c->spec, c->def);
    assert_cpu(&got, &want, c->spec);
    /* crjit_cpu_format round-trips: format, then parse, gives the same. */
    n = crjit_cpu_format(&got, buf, sizeof buf);
    assert_int_equal(n, strlen(buf));
    assert_true(strchr(buf, ':') != NULL);
    again = parse_ok(buf, c->def == X86 ? ARM : X86);
    assert_cpu(&again, &got, buf);
}

typedef struct error_case {
    const char *name;
    const char *spec;
    crjit_arch def;
    size_t offset;
} error_case;

static const error_case error_cases[] = {
    { "§6.1 unknown arch", "sparc:fpu", X86, 0 },
    { "§6.1 unknown arch x86-65", "x86-65:fpu", X86, 0 },
    { "§6.1 empty arch", ":fpu", X86, 0 },
    { "§6.1 unknown x86 feature (first)", "x86:bogus", X86, 4 },
    { "§6.1 unknown x86 feature (later)", "x86:fpu,avx513f", X86, 8 },
    { "§6.1 unknown x86 feature after alias", "amd64:pni,pni2", X86, 10 },
    { "§6.1 x86 feature on aarch64", "aarch64:fp,avx", X86, 11 },
    { "§6.1 pni is x86 only", "aarch64:pni", X86, 8 },
    { "§6.1 unknown aarch64 feature", "arm64:lse,crc", X86, 10 },
    { "§6.1 unknown POWER feature", "ppc64:power9,vmx", X86, 13 },
    { "§6.1 unknown Z feature", "z:z14,vx", X86, 6 },
    { "§6.1 POWER level not first", "ppc64:vsx,power9", X86, 10 },
    { "§6.1 POWER second level", "ppc64:power9,power10", X86, 13 },
    { "§6.1 Z level not first", "s390x:dfp,z13", X86, 10 },
    { "§6.1 level on x86", "x86:power8", X86, 4 },
    { "§6.1 Z level on POWER", "ppc64:z13", X86, 6 },
    { "§6.1 POWER level on Z", "s390x:power9", X86, 6 },
    { "§6.1 POWER level out of range", "ppc64:power7", X86, 6 },
    { "§6.1 Z level out of range", "s390x:z9", X86, 6 },
    { "§5 unknown target x86-64-v5", "x86-64-v5", X86, 0 },
    { "§5 unknown target armv8.2-a", "armv8.2-a", X86, 0 },
    { "§5 power9 is not a named target", "power9", X86, 0 },
    { "§5 z13 is not a named target", "z13", X86, 0 },
    { "§5 host is not parsed (crjit_cpu_detect)", "host", X86, 0 },
    { "§5 native is not parsed (crjit_cpu_detect)", "native", X86, 0 },
    { "§6.1 empty spec", "", X86, 0 },
    { "§6.1 a feature name alone is not a target", "avx", X86, 0 },
};

static void run_error_case(void **state)
{
    const error_case *c = *state;
    crjit_cpu out;
    size_t off = 99999;
    assert_int_equal(crjit_cpu_parse(c->spec, strlen(c->spec), c->def, &out,
                                     &off),
                     CRJIT_E_PARSE);
    if (off != c->offset) {
        print_error("'%s': error offset %zu, want %zu\n", c->spec, off,
                    c->offset);
        fail();
    }
    /* the offset is optional */
    assert_int_equal(crjit_cpu_parse(c->spec, strlen(c->spec), c->def, &out,
                                     NULL),
                     CRJIT_E_PARSE);
}

/* Every feature of every architecture, alone, in lower and upper case. */
static void test_every_feature(void **state)
{
    static const crjit_arch arches[] = { X86, ARM, PPC, S390 };
    static const char *const prefix[] = { "x86", "aarch64", "ppc64", "s390x" };
    size_t a, i;
    (void)state;
    for (a = 0; a < ARRAY_SIZE(arches); a++) {
        for (i = 0; i < crjit_cpu_feature_count(arches[a]); i++) {
            const char *name = crjit_cpu_feature_name(arches[a], i);
            char spec[64], buf[64];
            crjit_cpu c;
            size_t k;
            snprintf(spec, sizeof spec, "%s:%s", prefix[a], name);
            c = parse_ok(spec, X86);
            assert_int_equal(c.arch, arches[a]);
            assert_true(c.features == (uint64_t)1 << i);
            for (k = 0; spec[k] != '\0'; k++)
                if (spec[k] >= 'a' && spec[k] <= 'z')
                    spec[k] = (char)(spec[k] - 32);
            c = parse_ok(spec, X86);
            assert_true(c.features == (uint64_t)1 << i);
            crjit_cpu_format(&c, buf, sizeof buf);
            snprintf(spec, sizeof spec, "%s:%s%s%s", prefix[a],
                     crjit_cpu_level_name(arches[a], c.level) != NULL
                         ? crjit_cpu_level_name(arches[a], c.level)
                         : "",
                     crjit_cpu_level_name(arches[a], c.level) != NULL ? ","
                                                                       : "",
                     name);
            assert_string_equal(buf, spec); /* printed lower case */
        }
    }
}

static void test_parse_invalid(void **state)
{
    crjit_cpu c;
    (void)state;
    assert_int_equal(crjit_cpu_parse(NULL, 0, X86, &c, NULL),
                     CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_cpu_parse("x86:", 4, X86, NULL, NULL),
                     CRJIT_E_INVALID_ARG);
    /* the length bounds the spec: "x86:fpu" of "x86:fpu,bogus" */
    c = parse_ok("x86:fpu", X86);
    assert_int_equal(crjit_cpu_parse("x86:fpu,bogus", 7, X86, &c, NULL),
                     CRJIT_OK);
    assert_true(c.features == fset(X86, "fpu"));
}

static void test_format(void **state)
{
    crjit_cpu c = mk(X86, 0, V2);
    char buf[128], small[4];
    const char *want = "x86:fpu,cx8,cmov,mmx,sse,sse2,sse3,ssse3,sse4_1,"
                       "sse4_2,popcnt";
    (void)state;
    assert_int_equal(crjit_cpu_format(&c, buf, sizeof buf), strlen(want));
    assert_string_equal(buf, want);
    /* like snprintf: the needed length, truncated but terminated */
    assert_int_equal(crjit_cpu_format(&c, NULL, 0), strlen(want));
    assert_int_equal(crjit_cpu_format(&c, small, sizeof small), strlen(want));
    assert_string_equal(small, "x86");
    /* the header's examples */
    c = mk(PPC, 9, "vsx");
    crjit_cpu_format(&c, buf, sizeof buf);
    assert_string_equal(buf, "ppc64:power9,vsx");
    c = mk(X86, 0, "");
    crjit_cpu_format(&c, buf, sizeof buf);
    assert_string_equal(buf, "x86:");
    c = mk(S390, 15, "dfp vector");
    crjit_cpu_format(&c, buf, sizeof buf);
    assert_string_equal(buf, "s390x:z15,dfp,vector");
    /* feature lists are printed in table order (§6.1) */
    c = parse_ok("x86:avx512f,avx,fpu,aes", X86);
    crjit_cpu_format(&c, buf, sizeof buf);
    assert_string_equal(buf, "x86:fpu,aesni,avx,avx512f");
}

/* ---- F.4: portable and full sets ----------------------------------------------- */

static void test_portable_sets(void **state)
{
    crjit_cpu p, want;
    (void)state;
    p = crjit_cpu_portable(X86);
    want = mk(X86, 0, x86_portable);
    assert_cpu(&p, &want, "F.4 x86 portable");
    /* G-28: the x86 portable set omits sse4_2 and includes avx */
    assert_true((p.features & fset(X86, "sse4_2")) == 0);
    assert_true((p.features & fset(X86, "avx")) != 0);
    assert_true((p.features & fset(X86, "osxsave avx2 fma bmi2 hle rtm "
                                         "avx512f avx512vl avx512bw avx512dq "
                                         "avx512cd avx_vnni")) == 0);
    p = crjit_cpu_portable(ARM);
    want = mk(ARM, 0, arm_portable);
    assert_cpu(&p, &want, "DV-12 aarch64 portable");
    p = crjit_cpu_portable(PPC);
    want = mk(PPC, 8, ppc_portable);
    assert_cpu(&p, &want, "F.4 POWER portable");
    p = crjit_cpu_portable(S390);
    want = mk(S390, 10, z_portable);
    assert_cpu(&p, &want, "F.4 Z portable");
}

typedef enum restr { R_NONE, R_PORTABLE, R_CUSTOM } restr;

typedef struct target_case {
    const char *name;
    crjit_arch arch;
    unsigned level;
    const char *host;
    uint64_t extra_bits; /* raw bits outside the table */
    restr r;
    unsigned r_level; /* R_CUSTOM */
    const char *r_features;
    unsigned want_level;
    const char *want;
} target_case;

#define ALL_Z                                                                \
    "dfp fpe highword tx ctx ri vector mie2 vpd vef1 gs mie3 vef2 vpde "     \
    "vpde2 mie4 vef3 ploext vpde3"

static const target_case target_cases[] = {
    /* x86 */
    { "F.4 x86 full = the 25 utilised features", X86, 0,
      AVX512_HOST " hle rtm", 0, R_NONE, 0, NULL, 0, AVX512_HOST " hle rtm" },
    { "F.4 x86 full drops bits outside the table", X86, 0, V4,
      (uint64_t)0xffffff << 40, R_NONE, 0, NULL, 0, V4 },
    { "F-11 x86 AVX-512 host full", X86, 0, AVX512_HOST, 0, R_NONE, 0, NULL, 0,
      AVX512_HOST },
    { "F-11 F-4 x86 AVX-512 host portable = the 12", X86, 0, AVX512_HOST, 0,
      R_PORTABLE, 0, NULL, 0, x86_portable },
    { "G-28 x86 portable on x86-64-v3: no sse4_2, avx kept", X86, 0, V3, 0,
      R_PORTABLE, 0, NULL, 0,
      "fpu cx8 cmov mmx sse sse2 sse3 ssse3 sse4_1 popcnt avx" },
    { "F.4 x86 portable = host ∩ portable (v1 host)", X86, 0, V1, 0,
      R_PORTABLE, 0, NULL, 0, V1 },
    { "F.4 x86 portable drops hle rtm avx_vnni", X86, 0, "hle rtm avx_vnni",
      0, R_PORTABLE, 0, NULL, 0, "" },
    /* AArch64 */
    { "F.4 aarch64 full = fp asimd crc32 lse", ARM, 0, "fp asimd crc32 lse",
      (uint64_t)1 << 10, R_NONE, 0, NULL, 0, "fp asimd crc32 lse" },
    { "DV-12 aarch64 portable = host ∩ {fp, asimd}", ARM, 0,
      "fp asimd crc32 lse", 0, R_PORTABLE, 0, NULL, 0, "fp asimd" },
    { "DV-12 aarch64 portable on an fp-only host", ARM, 0, "fp crc32", 0,
      R_PORTABLE, 0, NULL, 0, "fp" },
    /* POWER */
    { "F.4 POWER full: level + altivec dfp htm vsx", PPC, 10,
      "altivec dfp htm vsx", (uint64_t)1 << 20, R_NONE, 0, NULL, 10,
      "altivec dfp htm vsx" },
    { "F.4 POWER full keeps power9", PPC, 9, "altivec vsx", 0, R_NONE, 0, NULL,
      9, "altivec vsx" },
    { "F.4 POWER portable caps power10 at power8, drops htm", PPC, 10,
      "altivec dfp htm vsx", 0, R_PORTABLE, 0, NULL, 8, "altivec dfp vsx" },
    { "F.4 POWER portable on power8 drops htm", PPC, 8, "altivec dfp htm vsx",
      0, R_PORTABLE, 0, NULL, 8, "altivec dfp vsx" },
    { "F.4 POWER portable = host ∩ portable", PPC, 9, "altivec", 0,
      R_PORTABLE, 0, NULL, 8, "altivec" },
    { "§5 POWER host-chosen restriction caps at power9", PPC, 10,
      "altivec dfp htm vsx", 0, R_CUSTOM, 9, "altivec vsx", 9,
      "altivec vsx" },
    /* Z: level gating (F.4) */
    { "F.4 Z full z10: dfp fpe only", S390, 10, ALL_Z, 0, R_NONE, 0, NULL, 10,
      "dfp fpe" },
    { "F.4 Z full z11: highword needs z11 (z196)", S390, 11, ALL_Z, 0, R_NONE,
      0, NULL, 11, "dfp fpe highword" },
    { "F.4 Z full z12: tx ctx ri need z12 (zEC12)", S390, 12, ALL_Z, 0,
      R_NONE, 0, NULL, 12, "dfp fpe highword tx ctx ri" },
    { "F.4 Z full z12 reporting vector does not get it", S390, 12,
      "dfp vector", 0, R_NONE, 0, NULL, 12, "dfp" },
    { "F.4 Z full z13: vector; mie2/gs reported but gated", S390, 13,
      "dfp fpe highword tx ctx ri vector mie2 gs", 0, R_NONE, 0, NULL, 13,
      "dfp fpe highword tx ctx ri vector" },
    { "F.4 Z full z14: mie2 vpd vef1 gs", S390, 14, ALL_Z, 0, R_NONE, 0, NULL,
      14, "dfp fpe highword tx ctx ri vector mie2 vpd vef1 gs" },
    { "F.4 Z full z15: mie3 vef2 vpde", S390, 15, ALL_Z, 0, R_NONE, 0, NULL,
      15, "dfp fpe highword tx ctx ri vector mie2 vpd vef1 gs mie3 vef2 "
      "vpde" },
    { "F.4 Z full z16: vpde2", S390, 16, ALL_Z, 0, R_NONE, 0, NULL, 16,
      "dfp fpe highword tx ctx ri vector mie2 vpd vef1 gs mie3 vef2 vpde "
      "vpde2" },
    { "F.4 Z full z17: all 19", S390, 17, ALL_Z, (uint64_t)1 << 40, R_NONE, 0,
      NULL, 17, ALL_Z },
    { "F.4 Z full: only what the host reports", S390, 15, "fpe vector", 0,
      R_NONE, 0, NULL, 15, "fpe vector" },
    { "F.4 Z portable caps z15 at z10: dfp fpe", S390, 15, ALL_Z, 0,
      R_PORTABLE, 0, NULL, 10, "dfp fpe" },
    { "F.4 Z portable removes tx ctx", S390, 12, "tx ctx", 0, R_PORTABLE, 0,
      NULL, 10, "" },
    { "F.4 Z portable = host ∩ {dfp, fpe}", S390, 14, "fpe gs vector", 0,
      R_PORTABLE, 0, NULL, 10, "fpe" },
};

static void run_target_case(void **state)
{
    const target_case *c = *state;
    crjit_cpu host = mk(c->arch, c->level, c->host), r, got, want;
    host.features |= c->extra_bits;
    want = mk(c->arch, c->want_level, c->want);
    if (c->r == R_NONE) {
        got = crjit_cpu_target(&host, NULL);
    } else {
        r = c->r == R_PORTABLE ? crjit_cpu_portable(c->arch)
                               : mk(c->arch, c->r_level, c->r_features);
        got = crjit_cpu_target(&host, &r);
    }
    assert_cpu(&got, &want, c->name);
}

/* ---- whole plans: the gate for the F.1 modes ----------------------------------- */

/* The buggy rule of F-13 (commit f17d58b, #18252): restrict at bootstrap iff
 * (¬NP ∨ PJ) ∧ E.  It exists only here, as the thing the library must not do. */
static bool buggy_bootstrap_restricted(bool e, bool np, bool pj)
{
    return (!np || pj) && e;
}

/* The fixed rule of F-14 (#21394): restrict at bootstrap iff E. */
static bool fixed_bootstrap_restricted(bool e, bool np, bool pj)
{
    (void)np;
    (void)pj;
    return e;
}

typedef struct mode_case {
    const char *name;
    const char *ck[MAX_ARGS + 1];
    bool e, np, pj;
    bool prm;         /* F-2 */
    bool ca_post;     /* F.1 table */
    bool further;     /* further checkpoints (F.1 table) */
    bool reloc;       /* relocatable target portable (F-4, F-3) */
    bool f1_row;      /* one of the four modes of the F.1 table */
    bool is_default;  /* the default mode (where F-13 and F-14 differ) */
} mode_case;

static const mode_case mode_cases[] = {
    { "F-1 non-portable (default)", { "-XX:+EnableCRIUSupport", NULL }, true,
      true, false, false, false, false, true, true, true },
    { "F-1 portable (-XX:-CRIURestoreNonPortableMode)",
      { "-XX:+EnableCRIUSupport", "-XX:-CRIURestoreNonPortableMode", NULL },
      true, false, false, true, true, true, true, true, false },
    { "F-1 hybrid (-XX:+JVMPortableRestoreMode)",
      { "-XX:+EnableCRIUSupport", "-XX:+JVMPortableRestoreMode", NULL }, true,
      true, true, true, false, false, true, true, false },
    { "F-1 portable + PJ (both)",
      { "-XX:+EnableCRIUSupport", "-XX:-CRIURestoreNonPortableMode",
        "-XX:+JVMPortableRestoreMode", NULL },
      true, false, true, true, true, true, true, true, false },
    { "F-1 NP rightmost wins (default again)",
      { "-XX:+EnableCRIUSupport", "-XX:-CRIURestoreNonPortableMode",
        "-XX:+CRIURestoreNonPortableMode", NULL },
      true, true, false, false, false, false, true, false, true },
    { "F-1 PJ rightmost wins (default again)",
      { "-XX:+EnableCRIUSupport", "-XX:+JVMPortableRestoreMode",
        "-XX:-JVMPortableRestoreMode", NULL },
      true, true, false, false, false, false, true, false, true },
    { "F-1 CRaC sets E (default mode)",
      { "-XX:CRaCCheckpointTo=/tmp/cr", NULL }, true, true, false, false,
      false, false, true, false, true },
    { "F-1 E off: no restriction before checkpoint",
      { "-XX:-EnableCRIUSupport", NULL }, false, false, false, false, false,
      false, false, false, false },
    { "F-1 E off: mode flags need E",
      { "-XX:-EnableCRIUSupport", "-XX:-CRIURestoreNonPortableMode",
        "-XX:+JVMPortableRestoreMode", NULL },
      false, false, false, false, false, false, false, false, false },
    { "F-3 E off + PortableSharedCache: relocatable portable",
      { "-XX:-EnableCRIUSupport", "-XX:+PortableSharedCache", NULL }, false,
      false, false, false, false, false, true, false, false },
};

/* Restore hosts the mode rows run against. */
typedef struct restore_host {
    const char *label;
    const char *features;
} restore_host;

static const restore_host restore_hosts[] = {
    { "same AVX-512 host", AVX512_HOST },
    { "restore on a Haswell host", HASWELL },
};

typedef struct mode_run {
    const mode_case *mode;
    const restore_host *rhost;
    char name[160];
} mode_run;

static mode_run mode_runs[ARRAY_SIZE(mode_cases) * ARRAY_SIZE(restore_hosts)];

typedef struct planned {
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *ck_args;
    crjit_args *args;
    crjit_checkpoint_state ck;
    crjit_restore_facts facts;
    crjit_plan *plan;
    crjit_codegen cg;
} planned;

static void make_ckpt(planned *p, const char *const *ck_argv)
{
    crjit_checkpoint_init(&p->ck);
    p->ck_args = test_args(p->ctx, ck_argv);
    assert_int_equal(crjit_checkpoint_from_args(p->ck_args, &p->ck), CRJIT_OK);
}

static void plan_it(planned *p, const crjit_host_ops *ops, void *user)
{
    static const char *const none[] = { NULL };
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    p->args = test_args(p->ctx, none);
    in.args = p->args;
    in.checkpoint = &p->ck;
    in.facts = &p->facts;
    in.host_ops = ops;
    in.host_user = user;
    assert_int_equal(crjit_plan_new(p->ctx, &in, &p->plan), CRJIT_OK);
    assert_true(crjit_plan_codegen(p->plan, &p->cg));
}

static void done(planned *p)
{
    crjit_plan_free(p->plan);
    crjit_args_free(p->args);
    crjit_args_free(p->ck_args);
    crjit_ctx_free(p->ctx);
    assert_int_equal(p->st.live, 0);
}

/* Plan a restore of @p ck_argv from @p ck_cpu onto @p r_cpu. */
static void plan_mode(planned *p, const char *const *ck_argv,
                      const crjit_cpu *ck_cpu, const crjit_cpu *r_cpu)
{
    static const crjit_restore_facts init = CRJIT_RESTORE_FACTS_INIT;
    memset(p, 0, sizeof *p);
    p->ctx = test_ctx(&p->st, CRJIT_POLICY_REFERENCE);
    make_ckpt(p, ck_argv);
    p->ck.checkpoint_cpu_known = true;
    p->ck.checkpoint_cpu = *ck_cpu;
    p->facts = init;
    p->facts.restore_cpu_known = true;
    p->facts.restore_cpu = *r_cpu;
    plan_it(p, NULL, NULL);
}

static void run_mode_case(void **state)
{
    const mode_run *m = *state;
    const mode_case *c = m->mode;
    crjit_cpu host = mk(X86, 0, AVX512_HOST);
    crjit_cpu rhost = mk(X86, 0, m->rhost->features);
    uint64_t p12 = fset(X86, x86_portable);
    crjit_cpu want;
    planned p;

    plan_mode(&p, c->ck, &host, &rhost);
    /* F-1: the flags as the bootstrap reads them */
    assert_int_equal(p.ck.criu_enabled, c->e);
    assert_int_equal(p.ck.non_portable_mode, c->np);
    assert_int_equal(p.ck.portable_jvm_mode, c->pj);
    assert_true(p.cg.known);
    /* F-4, F-14: before the checkpoint host ∩ portable whenever E */
    want = host;
    if (c->e)
        want.features &= p12;
    assert_cpu(&p.cg.before_checkpoint, &want, "before_checkpoint (F-4 F-14)");
    if (c->e)
        assert_true((p.cg.before_checkpoint.features &
                     fset(X86, "avx512f")) == 0);
    /* F-7, F-8: the full restore host only when not in portable restore
     * mode; otherwise restore host ∩ portable (§5 "host" is the restore
     * host after the checkpoint) */
    want = rhost;
    if (c->prm)
        want.features &= p12;
    assert_cpu(&p.cg.after_restore, &want, "after_restore (F-7 F-8)");
    /* F-4, F-3, F-7: the relocatable target stays portable */
    want = host;
    if (c->reloc)
        want.features &= p12;
    assert_cpu(&p.cg.relocatable, &want, "relocatable (F-4 F-3 F-7)");
    /* F.1 table: CA after restore, i.e. further checkpoints */
    assert_int_equal(p.cg.checkpoint_allowed_after_restore, c->ca_post);
    assert_int_equal(p.cg.checkpoint_allowed_after_restore, c->further);
    /* the CPU check: what the pre-checkpoint target has and the restore
     * host lacks */
    want.arch = X86;
    want.level = 0;
    want.features = p.cg.before_checkpoint.features & ~rhost.features;
    assert_cpu(&p.cg.missing, &want, "missing");
    assert_int_equal(p.cg.compatible, want.features == 0);
    if (c->e)
        assert_true(p.cg.compatible); /* portable code runs on Haswell */
    else
        assert_int_equal(p.cg.compatible, rhost.features == host.features);
    done(&p);
}

/* ---- the 21371 regression (F-12…F-16) ---------------------------------------- */

static void test_f15_bootstrap_restricted(void **state)
{
    (void)state;
    /* F-15: bootstrapRestricted(E=1, NP=1, PJ=0) */
    assert_false(buggy_bootstrap_restricted(true, true, false));
    assert_true(fixed_bootstrap_restricted(true, true, false));
    /* both agree elsewhere in the F.1 table */
    assert_true(buggy_bootstrap_restricted(true, false, false));
    assert_true(buggy_bootstrap_restricted(true, true, true));
    assert_true(buggy_bootstrap_restricted(true, false, true));
    assert_false(buggy_bootstrap_restricted(false, true, false));
    assert_false(fixed_bootstrap_restricted(false, true, false));
}

static void run_regression_case(void **state)
{
    const mode_case *c = *state;
    crjit_cpu host = mk(X86, 0, AVX512_HOST);
    crjit_cpu no512 = mk(X86, 0, HASWELL);
    crjit_cpu portable = crjit_cpu_portable(X86), buggy, fixed;
    uint64_t avx512f = fset(X86, "avx512f");
    uint64_t avx512 = fset(X86, "avx512f avx512vl avx512bw avx512dq "
                                "avx512cd");
    planned p;

    /* F-15's scenario: restore on a host without AVX-512 */
    plan_mode(&p, c->ck, &host, &no512);
    buggy = crjit_cpu_target(&host, buggy_bootstrap_restricted(
                                        p.ck.criu_enabled,
                                        p.ck.non_portable_mode,
                                        p.ck.portable_jvm_mode)
                                        ? &portable
                                        : NULL);
    fixed = crjit_cpu_target(&host, fixed_bootstrap_restricted(
                                        p.ck.criu_enabled,
                                        p.ck.non_portable_mode,
                                        p.ck.portable_jvm_mode)
                                        ? &portable
                                        : NULL);
    /* the library follows the fixed rule (F-14) */
    assert_cpu(&p.cg.before_checkpoint, &fixed, "library = F-14 rule");
    if (p.ck.criu_enabled)
        assert_true((p.cg.before_checkpoint.features & avx512) == 0);
    if (c->is_default) {
        /* F-13: the buggy rule put AVX-512 into the checkpoint image ... */
        assert_true((buggy.features & avx512f) != 0);
        assert_true((buggy.features & avx512) == avx512);
        assert_true(buggy.features != p.cg.before_checkpoint.features);
        /* ... which the restore host lacks (SIGILL in String.hashCode()) */
        assert_true((buggy.features & ~no512.features & avx512f) != 0);
    } else {
        /* F-15: with -XX:-CRIURestoreNonPortableMode or
         * -XX:+JVMPortableRestoreMode both rules restrict */
        assert_cpu(&p.cg.before_checkpoint, &buggy, "buggy = fixed (F-15)");
    }
    /* F-15 fixed: no crash after restore; new compiles may use AVX-512
     * only if the restore host has it.  (Without E nothing is restricted
     * and nothing is checkpointed: both rules agree.) */
    assert_int_equal(p.cg.compatible, p.ck.criu_enabled);
    assert_true((p.cg.after_restore.features & avx512f) == 0);
    done(&p);
}

/* ---- the restore-time check (product.md §5, §6.1) ------------------------------- */

static const char cache_text[] =
    "a/Pre.jit()V\n"
    "a/Pre.aot()V aot\n"
    "a/Pre.thunk()V native\n"
    "a/Pre.noinfo()V no-body-info\n"
    "a/Pre.stack()V on-stack\n"
    "a/Post.jit()V post-restore\n"
    "a/Post.aot()V post-restore aot\n"
    "a/Post.stack()V post-restore on-stack\n"
    "a/Post.thunk()V post-restore native\n";

/* The action of each body above when the check fails. */
static const crjit_body_action incompatible_actions[] = {
    CRJIT_BODY_INVALIDATE,        CRJIT_BODY_INVALIDATE,
    CRJIT_BODY_KEEP_NO_BODY_INFO, CRJIT_BODY_KEEP_NO_BODY_INFO,
    CRJIT_BODY_KEEP_ON_STACK,     CRJIT_BODY_KEEP,
    CRJIT_BODY_KEEP,              CRJIT_BODY_KEEP,
    CRJIT_BODY_KEEP,
};

typedef struct check_case {
    const char *name;
    crjit_arch arch;
    const char *ck[MAX_ARGS + 1];
    crjit_policy policy;
    const char *ck_cpu;
    const char *r_cpu;
    const char *portable_target; /* host-chosen, or NULL */
    bool compatible;
    unsigned missing_level;
    const char *missing; /* in table order */
} check_case;

#define CRIU { "-XX:+EnableCRIUSupport", NULL }
#define NO_CRIU { "-XX:-EnableCRIUSupport", NULL }
#define REF CRJIT_POLICY_REFERENCE
#define STRICT CRJIT_POLICY_STRICT

static const check_case check_cases[] = {
    { "§5 check compatible: same host", X86, CRIU, REF, "x86-64-v4",
      "x86-64-v4", NULL, true, 0, "" },
    { "§5 check compatible: v4 to v3 (portable avoids AVX-512)", X86, CRIU,
      REF, "x86-64-v4", "x86-64-v3", NULL, true, 0, "" },
    { "§5 check compatible under strict policy", X86, CRIU, STRICT,
      "x86:" AVX512_HOST, "x86:" HASWELL, NULL, true, 0, "" },
    { "§5 §6.1 check incompatible: v4 to v2 misses avx", X86, CRIU, REF,
      "x86-64-v4", "x86-64-v2", NULL, false, 0, "avx" },
    { "§5 check incompatible, strict policy rejects", X86, CRIU, STRICT,
      "x86-64-v4", "x86-64-v2", NULL, false, 0, "avx" },
    { "§6.1 check missing in table order: v4 to v1", X86, CRIU, REF,
      "x86-64-v4", "x86-64-v1", NULL, false, 0,
      "sse3 ssse3 sse4_1 popcnt avx" },
    { "§5 check incompatible: aesni host to v3", X86, CRIU, REF,
      "x86:" AVX512_HOST, "x86-64-v3", NULL, false, 0, "aesni" },
    { "§5 F-1 E off: full v4 code to v3 misses AVX-512", X86, NO_CRIU, REF,
      "x86-64-v4", "x86-64-v3", NULL, false, 0,
      "avx512f avx512vl avx512bw avx512dq avx512cd" },
    { "DV-12 check aarch64 armv8.1-a to armv8.0-a compatible", ARM, CRIU, REF,
      "armv8.1-a", "armv8.0-a", NULL, true, 0, "" },
    { "§5 check aarch64 E off: armv8.1-a to armv8.0-a misses crc32 lse", ARM,
      NO_CRIU, REF, "armv8.1-a", "armv8.0-a", NULL, false, 0, "crc32 lse" },
    { "F.4 check POWER power10 to power8 without htm compatible", PPC, CRIU,
      REF, "ppc64:power10,altivec,dfp,htm,vsx", "ppc64:power8,altivec,dfp,vsx",
      NULL, true, 0, "" },
    { "§5 check POWER host-chosen power9 target to power8: level", PPC, CRIU,
      REF, "ppc64:power10,altivec,dfp,htm,vsx", "ppc64:power8,altivec,dfp,vsx",
      "ppc64:power9,altivec,dfp,vsx", false, 9, "" },
    { "§5 check POWER level too low, strict rejects", PPC, CRIU, STRICT,
      "ppc64:power10,altivec,dfp,htm,vsx", "ppc64:power8,altivec,dfp,vsx",
      "ppc64:power9,altivec,dfp,vsx", false, 9, "" },
    { "§5 check POWER E off: power9 to power8 misses level and htm", PPC,
      NO_CRIU, REF, "ppc64:power9,altivec,dfp,htm,vsx",
      "ppc64:power8,altivec,dfp,vsx", NULL, false, 9, "htm" },
    { "F.4 check Z z15 to z10 compatible (portable)", S390, CRIU, REF,
      "s390x:z15," ALL_Z, "z10", NULL, true, 0, "" },
    { "§5 check Z E off: z15 to z14 misses level and mie3 vef2 vpde", S390,
      NO_CRIU, REF, "s390x:z15," ALL_Z,
      "s390x:z14,dfp,fpe,highword,tx,ctx,ri,vector,mie2,vpd,vef1,gs", NULL,
      false, 15, "mie3 vef2 vpde" },
};

/* A list of names with spaces to a spec with commas. */
static crjit_cpu spec_cpu(const char *spec, crjit_arch def)
{
    char buf[512];
    size_t i;
    snprintf(buf, sizeof buf, "%s", spec);
    for (i = 0; buf[i] != '\0'; i++)
        if (buf[i] == ' ')
            buf[i] = ',';
    return parse_ok(buf, def);
}

static void run_check_case(void **state)
{
    const check_case *c = *state;
    static const crjit_restore_facts init = CRJIT_RESTORE_FACTS_INIT;
    crjit_cpu ck_cpu = spec_cpu(c->ck_cpu, c->arch);
    crjit_cpu r_cpu = spec_cpu(c->r_cpu, c->arch);
    crjit_cpu want = mk(c->arch, c->missing_level, c->missing);
    crjit_codecache *cache = NULL;
    crjit_host_ops ops;
    crjit_apply_report rep;
    size_t inv = 99, unsafe = 99, i, d, line = 0;
    planned p;

    memset(&p, 0, sizeof p);
    p.ctx = test_ctx(&p.st, c->policy);
    make_ckpt(&p, c->ck);
    p.ck.checkpoint_cpu_known = true;
    p.ck.checkpoint_cpu = ck_cpu;
    if (c->portable_target != NULL) {
        p.ck.portable_target_set = true;
        p.ck.portable_target = spec_cpu(c->portable_target, c->arch);
    }
    p.facts = init;
    p.facts.restore_cpu_known = true;
    p.facts.restore_cpu = r_cpu;
    assert_int_equal(crjit_codecache_new(p.ctx, &cache), CRJIT_OK);
    assert_int_equal(crjit_codecache_load(cache, cache_text,
                                          sizeof cache_text - 1, &line),
                     CRJIT_OK);
    assert_int_equal(crjit_codecache_count(cache),
                     ARRAY_SIZE(incompatible_actions));
    crjit_codecache_host_ops(cache, &ops);
    plan_it(&p, &ops, cache);

    assert_true(p.cg.known);
    assert_int_equal(p.cg.compatible, c->compatible);
    assert_cpu(&p.cg.missing, &want, "missing (§6.1)");
    d = test_find_diag(p.plan, CRJIT_DIAG_CPU_INCOMPATIBLE, CRJIT_NPOS);
    crjit_plan_invalidation_counts(p.plan, &inv, &unsafe);
    for (i = 0; i < crjit_codecache_count(cache); i++) {
        crjit_body_action a =
            crjit_plan_body_action(p.plan, crjit_codecache_body(cache, i));
        crjit_body_action w = c->compatible ? CRJIT_BODY_KEEP
                                            : incompatible_actions[i];
        if (a != w) {
            print_error("body %zu: action %d, want %d\n", i, (int)a, (int)w);
            fail();
        }
    }
    if (c->compatible) {
        /* compatible hosts change nothing */
        assert_int_equal(d, CRJIT_NPOS);
        assert_int_equal(crjit_plan_invalidation(p.plan),
                         CRJIT_INVALIDATE_NONE);
        assert_int_equal(inv, 0);
        assert_int_equal(unsafe, 0);
        assert_true(crjit_plan_accepted(p.plan));
        assert_int_equal(test_find_diag(p.plan, CRJIT_DIAG_STRICT_REJECT,
                                        CRJIT_NPOS),
                         CRJIT_NPOS);
    } else {
        const crjit_diagnostic *diag;
        char names[256];
        assert_int_not_equal(d, CRJIT_NPOS);
        diag = crjit_plan_diag(p.plan, d);
        assert_int_equal(diag->severity, CRJIT_SEV_WARNING);
        assert_string_equal(crjit_diag_code_name(diag->code),
                            "cpu-incompatible");
        assert_int_equal(diag->arg, CRJIT_NPOS);
        if (want.features != 0) {
            /* the warning names the missing features */
            crjit_cpu_format(&want, names, sizeof names);
            assert_non_null(strstr(diag->message, strchr(names, ':') + 1));
        }
        assert_int_equal(crjit_plan_invalidation(p.plan),
                         CRJIT_INVALIDATE_ALL);
        assert_int_equal(inv, 2);
        assert_int_equal(unsafe, 3);
        /* reference policy: stays accepted; strict: rejected */
        assert_int_equal(crjit_plan_accepted(p.plan), c->policy == REF);
        assert_int_equal(test_find_diag(p.plan, CRJIT_DIAG_STRICT_REJECT,
                                        CRJIT_NPOS) != CRJIT_NPOS,
                         c->policy == STRICT);
    }
    if (!crjit_plan_accepted(p.plan)) {
        /* DV-1: apply refuses the rejected plan unless forced */
        assert_int_equal(crjit_apply(p.plan, &ops, cache, 0, &rep),
                         CRJIT_E_REJECTED);
        assert_int_equal(rep.invalidated, 0);
        for (i = 0; i < crjit_codecache_count(cache); i++)
            assert_false(crjit_codecache_invalidated(cache, i));
        assert_int_equal(crjit_apply(p.plan, &ops, cache, CRJIT_APPLY_FORCE,
                                     &rep),
                         CRJIT_OK);
    } else {
        assert_int_equal(crjit_apply(p.plan, &ops, cache, 0, &rep), CRJIT_OK);
    }
    assert_int_equal(rep.failed_index, CRJIT_NPOS);
    assert_int_equal(rep.invalidated, c->compatible ? 0 : 2);
    assert_int_equal(rep.kept_no_body_info, c->compatible ? 0 : 2);
    assert_int_equal(rep.kept_on_stack, c->compatible ? 0 : 1);
    for (i = 0; i < crjit_codecache_count(cache); i++)
        assert_int_equal(crjit_codecache_invalidated(cache, i),
                         !c->compatible &&
                             incompatible_actions[i] == CRJIT_BODY_INVALIDATE);
    crjit_codecache_free(cache);
    done(&p);
}

/* Body flags straight into crjit_plan_body_action (no code cache). */
static void test_body_action_flags(void **state)
{
    static const struct {
        unsigned flags;
        crjit_body_action want;
    } rows[] = {
        { CRJIT_BODY_HAS_BODY_INFO | CRJIT_BODY_PRE_CHECKPOINT,
          CRJIT_BODY_INVALIDATE },
        { CRJIT_BODY_HAS_BODY_INFO | CRJIT_BODY_PRE_CHECKPOINT |
              CRJIT_BODY_AOT,
          CRJIT_BODY_INVALIDATE },
        { CRJIT_BODY_NATIVE | CRJIT_BODY_PRE_CHECKPOINT,
          CRJIT_BODY_KEEP_NO_BODY_INFO },
        { CRJIT_BODY_PRE_CHECKPOINT, CRJIT_BODY_KEEP_NO_BODY_INFO },
        { CRJIT_BODY_HAS_BODY_INFO | CRJIT_BODY_ON_STACK |
              CRJIT_BODY_PRE_CHECKPOINT,
          CRJIT_BODY_KEEP_ON_STACK },
        { CRJIT_BODY_HAS_BODY_INFO, CRJIT_BODY_KEEP },
        { CRJIT_BODY_HAS_BODY_INFO | CRJIT_BODY_AOT, CRJIT_BODY_KEEP },
        { CRJIT_BODY_NATIVE, CRJIT_BODY_KEEP },
        { CRJIT_BODY_HAS_BODY_INFO | CRJIT_BODY_ON_STACK, CRJIT_BODY_KEEP },
    };
    static const char *const ck[] = { "-XX:+EnableCRIUSupport", NULL };
    crjit_cpu v4 = mk(X86, 0, V4), v2 = mk(X86, 0, V2);
    planned p;
    size_t i;
    (void)state;
    plan_mode(&p, ck, &v4, &v2);
    assert_false(p.cg.compatible);
    for (i = 0; i < ARRAY_SIZE(rows); i++) {
        crjit_body b;
        memset(&b, 0, sizeof b);
        b.class_name = "a/B";
        b.class_len = 3;
        b.method_name = "m";
        b.method_len = 1;
        b.descriptor = "()V";
        b.descriptor_len = 3;
        b.flags = rows[i].flags;
        assert_int_equal(crjit_plan_body_action(p.plan, &b), rows[i].want);
    }
    done(&p);
}

/* No checkpoint CPU: nothing is computed, nothing is invalidated. */
static void test_unknown_checkpoint_cpu(void **state)
{
    static const char *const ck[] = { "-XX:+EnableCRIUSupport", NULL };
    crjit_cpu v4 = mk(X86, 0, V4), v2 = mk(X86, 0, V2);
    planned p;
    (void)state;
    plan_mode(&p, ck, &v4, &v2);
    crjit_plan_free(p.plan);
    crjit_args_free(p.args);
    p.ck.checkpoint_cpu_known = false;
    plan_it(&p, NULL, NULL);
    assert_false(p.cg.known);
    assert_int_not_equal(
        test_find_diag(p.plan, CRJIT_DIAG_CPU_UNKNOWN, CRJIT_NPOS),
        CRJIT_NPOS);
    assert_int_equal(test_find_diag(p.plan, CRJIT_DIAG_CPU_INCOMPATIBLE,
                                    CRJIT_NPOS),
                     CRJIT_NPOS);
    assert_int_equal(crjit_plan_invalidation(p.plan), CRJIT_INVALIDATE_NONE);
    assert_true(crjit_plan_accepted(p.plan));
    done(&p);
}

/* Checkpoint and restore hosts of different architectures. */
static void test_arch_mismatch(void **state)
{
    static const char *const ck[] = { "-XX:+EnableCRIUSupport", NULL };
    crjit_cpu x = mk(X86, 0, V4), a = mk(ARM, 0, arm_names);
    planned p;
    (void)state;
    plan_mode(&p, ck, &x, &a);
    assert_false(p.cg.known);
    assert_int_not_equal(
        test_find_diag(p.plan, CRJIT_DIAG_CPU_UNKNOWN, CRJIT_NPOS),
        CRJIT_NPOS);
    done(&p);
}

/* ---- detection ------------------------------------------------------------------- */

#if defined(__x86_64__)
static void check_detected(const crjit_cpu *c)
{
    uint64_t avx512 = fset(X86, "avx512f avx512vl avx512bw avx512dq "
                                "avx512cd");
    uint64_t avx = fset(X86, "avx"), osx = fset(X86, "osxsave");
    crjit_cpu t;
    assert_int_equal(c->arch, X86);
    assert_int_equal(c->level, 0);
    assert_true((c->features & fset(X86, "fpu sse2")) == fset(X86, "fpu sse2"));
    /* OS-state rule (XCR0): AVX-512 only together with AVX, AVX only with
     * OSXSAVE */
    if (c->features & avx512)
        assert_true((c->features & avx) != 0);
    if (c->features & fset(X86, "avx avx2 fma avx_vnni"))
        assert_true((c->features & osx) != 0);
    if (c->features & fset(X86, "avx2 fma avx_vnni"))
        assert_true((c->features & avx) != 0);
    /* nothing outside the table */
    t = crjit_cpu_target(c, NULL);
    assert_cpu(&t, c, "detected cpu within the table");
}
#endif

static void test_detect(void **state)
{
    test_alloc st = { 0, 0, 0, 0 };
    crjit_ctx *ctx = test_ctx(&st, CRJIT_POLICY_REFERENCE);
    crjit_cpu c, again;
    crjit_status s;
    (void)state;
    assert_int_equal(crjit_ctx_cpuid_count(ctx), 0);
    assert_int_equal(crjit_ctx_cpuid_count(NULL), 0);
    assert_int_equal(crjit_cpu_detect(NULL, &c), CRJIT_E_INVALID_ARG);
    assert_int_equal(crjit_cpu_detect(ctx, NULL), CRJIT_E_INVALID_ARG);
    s = crjit_cpu_detect(ctx, &c);
#if defined(__x86_64__)
    {
        unsigned n;
        char buf[512];
        assert_int_equal(s, CRJIT_OK);
        check_detected(&c);
        n = crjit_ctx_cpuid_count(ctx);
        assert_true(n >= 1 && n <= 6);
        assert_int_equal(crjit_cpu_detect(ctx, &again), CRJIT_OK);
        assert_int_equal(crjit_ctx_cpuid_count(ctx), n);
        assert_cpu(&again, &c, "second detection");
        crjit_cpu_format(&c, buf, sizeof buf);
        print_message("detected %s (%u CPUID)\n", buf, n);
    }
#else
    (void)again;
    assert_true(s == CRJIT_OK || s == CRJIT_E_STATE);
#endif
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

/* Planning detects the restore host when the facts do not carry it, once
 * per context: two plans and a detection after them run CPUID only during
 * the first detection. */
static void test_detect_once_per_context(void **state)
{
#if defined(__x86_64__)
    static const char *const ck[] = { "-XX:+EnableCRIUSupport", NULL };
    static const crjit_restore_facts init = CRJIT_RESTORE_FACTS_INIT;
    crjit_cpu host = mk(X86, 0, x86_portable), c;
    unsigned n;
    planned p;
    int k;
    (void)state;
    memset(&p, 0, sizeof p);
    p.ctx = test_ctx(&p.st, CRJIT_POLICY_REFERENCE);
    make_ckpt(&p, ck);
    p.ck.checkpoint_cpu_known = true;
    p.facts = init; /* restore_cpu_known false: the planner detects */
    assert_int_equal(crjit_ctx_cpuid_count(p.ctx), 0);
    for (k = 0; k < 2; k++) {
        p.ck.checkpoint_cpu = host;
        plan_it(&p, NULL, NULL);
        n = crjit_ctx_cpuid_count(p.ctx);
        assert_true(n >= 1 && n <= 6);
        assert_true(p.cg.known);
        assert_int_equal(crjit_cpu_detect(p.ctx, &c), CRJIT_OK);
        check_detected(&c);
        if (k == 0)
            host = c;
        else
            assert_true(p.cg.compatible); /* checkpointed on this host */
        assert_int_equal(crjit_ctx_cpuid_count(p.ctx), n);
        crjit_plan_free(p.plan);
        crjit_args_free(p.args);
        p.plan = NULL;
        p.args = NULL;
    }
    assert_int_equal(crjit_ctx_cpuid_count(p.ctx), n);
    done(&p);
#else
    (void)state;
    skip();
#endif
}

/* ---- main -------------------------------------------------------------------------- */

#define EXTRA_TESTS 10

int main(void)
{
    static struct CMUnitTest
        tests[ARRAY_SIZE(table_cases) + ARRAY_SIZE(parse_cases) +
              ARRAY_SIZE(error_cases) + ARRAY_SIZE(target_cases) +
              ARRAY_SIZE(mode_runs) + ARRAY_SIZE(mode_cases) +
              ARRAY_SIZE(check_cases) + EXTRA_TESTS];
    static char reg_names[ARRAY_SIZE(mode_cases)][160];
    size_t i, j, n = 0;

#define ADD_ROWS(table, fn)                                                  \
    for (i = 0; i < ARRAY_SIZE(table); i++) {                                \
        struct CMUnitTest t = { table[i].name, fn, NULL, NULL,               \
                                (void *)(uintptr_t)&table[i] };              \
        tests[n++] = t;                                                      \
    }
    ADD_ROWS(table_cases, run_table_case)
    ADD_ROWS(parse_cases, run_parse_case)
    ADD_ROWS(error_cases, run_error_case)
    ADD_ROWS(target_cases, run_target_case)
    for (i = 0; i < ARRAY_SIZE(mode_cases); i++)
        for (j = 0; j < ARRAY_SIZE(restore_hosts); j++) {
            mode_run *m = &mode_runs[i * ARRAY_SIZE(restore_hosts) + j];
            struct CMUnitTest t = { m->name, run_mode_case, NULL, NULL, m };
            m->mode = &mode_cases[i];
            m->rhost = &restore_hosts[j];
            snprintf(m->name, sizeof m->name, "%s, %s: F-4 F-7 F-8 F-14",
                     mode_cases[i].name, restore_hosts[j].label);
            tests[n++] = t;
        }
    for (i = 0; i < ARRAY_SIZE(mode_cases); i++) {
        struct CMUnitTest t = { reg_names[i], run_regression_case, NULL, NULL,
                                (void *)(uintptr_t)&mode_cases[i] };
        snprintf(reg_names[i], sizeof reg_names[0],
                 "21371 regression F-13 vs F-14 (F-15): %s",
                 mode_cases[i].name);
        tests[n++] = t;
    }
    ADD_ROWS(check_cases, run_check_case)
#undef ADD_ROWS
    {
        const struct CMUnitTest extra[EXTRA_TESTS] = {
            cmocka_unit_test(test_every_feature),
            cmocka_unit_test(test_parse_invalid),
            cmocka_unit_test(test_format),
            cmocka_unit_test(test_portable_sets),
            cmocka_unit_test(test_f15_bootstrap_restricted),
            cmocka_unit_test(test_body_action_flags),
            cmocka_unit_test(test_unknown_checkpoint_cpu),
            cmocka_unit_test(test_arch_mismatch),
            cmocka_unit_test(test_detect),
            cmocka_unit_test(test_detect_once_per_context),
        };
        for (i = 0; i < EXTRA_TESTS; i++)
            tests[n++] = extra[i];
    }
    return cmocka_run_group_tests_name("cpu", tests, NULL, NULL);
}
