/* The CPU model (product.md §5, F.4): feature tables per architecture,
 * processor levels, named targets, spec parsing, host detection, and the
 * targets code generation may use. */
#include "crjit_internal.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#define CRJIT_X86_DETECT 1
#endif
#if defined(__aarch64__) && defined(__linux__)
#include <sys/auxv.h>
#define CRJIT_AARCH64_DETECT 1
#endif

/* ---- tables -------------------------------------------------------------- */

static const char *const x86_features[] = {
    "fpu",      "cx8",      "cmov",     "mmx",      "sse",
    "sse2",     "sse3",     "ssse3",    "sse4_1",   "sse4_2",
    "popcnt",   "aesni",    "osxsave",  "avx",      "avx2",
    "fma",      "bmi2",     "hle",      "rtm",      "avx512f",
    "avx512vl", "avx512bw", "avx512dq", "avx512cd", "avx_vnni",
};

enum {
    X_FPU, X_CX8, X_CMOV, X_MMX, X_SSE, X_SSE2, X_SSE3, X_SSSE3, X_SSE4_1,
    X_SSE4_2, X_POPCNT, X_AESNI, X_OSXSAVE, X_AVX, X_AVX2, X_FMA, X_BMI2,
    X_HLE, X_RTM, X_AVX512F, X_AVX512VL, X_AVX512BW, X_AVX512DQ, X_AVX512CD,
    X_AVX_VNNI
};

static const char *const arm_features[] = { "fp", "asimd", "crc32", "lse" };
static const char *const ppc_features[] = { "altivec", "dfp", "htm", "vsx" };

/* Z: the FPE facility and the 18 level-gated ones, each with the first
 * level that has it (F.4). */
static const char *const z_features[] = {
    "dfp",  "fpe",  "highword", "tx",    "ctx",  "ri",   "vector",
    "mie2", "vpd",  "vef1",     "gs",    "mie3", "vef2", "vpde",
    "vpde2", "mie4", "vef3",    "ploext", "vpde3",
};
static const unsigned char z_min_level[] = {
    10, 0, 11, 12, 12, 12, 13, 14, 14, 14, 14, 15, 15, 15, 16, 17, 17, 17, 17,
};

#define COUNT(a) (sizeof a / sizeof a[0])
#define BIT(i) ((uint64_t)1 << (i))

static const char *const *table(crjit_arch arch, size_t *n)
{
    switch (arch) {
    case CRJIT_ARCH_X86_64: *n = COUNT(x86_features); return x86_features;
    case CRJIT_ARCH_AARCH64: *n = COUNT(arm_features); return arm_features;
    case CRJIT_ARCH_PPC64: *n = COUNT(ppc_features); return ppc_features;
    case CRJIT_ARCH_S390X: *n = COUNT(z_features); return z_features;
    }
    *n = 0;
    return NULL;
}

static uint64_t all_bits(crjit_arch arch)
{
    size_t n;
    table(arch, &n);
    return n == 64 ? ~(uint64_t)0 : BIT(n) - 1;
}

const char *crjit_arch_name(crjit_arch arch)
{
    switch (arch) {
    case CRJIT_ARCH_X86_64: return "x86";
    case CRJIT_ARCH_AARCH64: return "aarch64";
    case CRJIT_ARCH_PPC64: return "ppc64";
    case CRJIT_ARCH_S390X: return "s390x";
    }
    return "unknown";
}

size_t crjit_cpu_feature_count(crjit_arch arch)
{
    size_t n;
    table(arch, &n);
    return n;
}

const char *crjit_cpu_feature_name(crjit_arch arch, size_t bit)
{
    size_t n;
    const char *const *t = table(arch, &n);
    return bit < n ? t[bit] : NULL;
}

static const char *const power_levels[] = { "power8", "power9", "power10" };
static const char *const z_levels[] = { "z10", "z11", "z12", "z13",
                                        "z14", "z15", "z16", "z17" };

const char *crjit_cpu_level_name(crjit_arch arch, unsigned level)
{
    if (arch == CRJIT_ARCH_PPC64 && level >= 8 && level <= 10)
        return power_levels[level - 8];
    if (arch == CRJIT_ARCH_S390X && level >= 10 && level <= 17)
        return z_levels[level - 10];
    return NULL;
}

/* ---- the JIT's view: utilised features, gating, portability -------------- */

/* Z: a feature counts only at or above its level (F.4). */
static uint64_t z_gate(uint64_t features, unsigned level)
{
    size_t i;
    for (i = 0; i < COUNT(z_features); i++)
        if (z_min_level[i] > level)
            features &= ~BIT(i);
    return features;
}

crjit_cpu crjit_cpu_portable(crjit_arch arch)
{
    crjit_cpu c;
    c.arch = arch;
    c.level = 0;
    c.features = 0;
    switch (arch) {
    case CRJIT_ARCH_X86_64:
        c.features = BIT(X_FPU) | BIT(X_CX8) | BIT(X_CMOV) | BIT(X_MMX) |
                     BIT(X_SSE) | BIT(X_SSE2) | BIT(X_SSE3) | BIT(X_SSSE3) |
                     BIT(X_SSE4_1) | BIT(X_POPCNT) | BIT(X_AESNI) | BIT(X_AVX);
        break;
    case CRJIT_ARCH_AARCH64:
        c.features = BIT(0) | BIT(1); /* fp asimd: DV-12 */
        break;
    case CRJIT_ARCH_PPC64:
        c.level = 8;
        c.features = BIT(0) | BIT(1) | BIT(3); /* altivec dfp vsx */
        break;
    case CRJIT_ARCH_S390X:
        c.level = 10;
        c.features = BIT(0) | BIT(1); /* dfp fpe */
        break;
    }
    return c;
}

crjit_cpu crjit_cpu_target(const crjit_cpu *host, const crjit_cpu *restriction)
{
    crjit_cpu t = *host;
    t.features &= all_bits(host->arch);
    if (restriction != NULL && restriction->arch == host->arch) {
        t.features &= restriction->features;
        if (restriction->level != 0 && t.level > restriction->level)
            t.level = restriction->level;
    }
    if (t.arch == CRJIT_ARCH_S390X)
        t.features = z_gate(t.features, t.level);
    return t;
}

/* ---- parsing ---------------------------------------------------------------- */

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static bool word_is(const char *w, size_t n, const char *name)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (name[i] == '\0' || lower((unsigned char)w[i]) != (unsigned char)name[i])
            return false;
    return name[n] == '\0';
}

typedef struct arch_name {
    const char *name;
    crjit_arch arch;
} arch_name;

static const arch_name arch_names[] = {
    { "x86", CRJIT_ARCH_X86_64 },     { "x86-64", CRJIT_ARCH_X86_64 },
    { "x86_64", CRJIT_ARCH_X86_64 },  { "amd64", CRJIT_ARCH_X86_64 },
    { "aarch64", CRJIT_ARCH_AARCH64 }, { "arm64", CRJIT_ARCH_AARCH64 },
    { "ppc64", CRJIT_ARCH_PPC64 },    { "power", CRJIT_ARCH_PPC64 },
    { "s390x", CRJIT_ARCH_S390X },    { "z", CRJIT_ARCH_S390X },
};

static bool find_arch(const char *w, size_t n, crjit_arch *arch)
{
    size_t i;
    for (i = 0; i < COUNT(arch_names); i++)
        if (word_is(w, n, arch_names[i].name)) {
            *arch = arch_names[i].arch;
            return true;
        }
    return false;
}

static bool find_level(crjit_arch arch, const char *w, size_t n,
                       unsigned *level)
{
    unsigned l;
    static const char *const z_aliases[] = { "z196", "zec12" };
    for (l = 0; l < 18; l++) {
        const char *name = crjit_cpu_level_name(arch, l);
        if (name != NULL && word_is(w, n, name)) {
            *level = l;
            return true;
        }
    }
    if (arch == CRJIT_ARCH_S390X && word_is(w, n, z_aliases[0])) {
        *level = 11;
        return true;
    }
    if (arch == CRJIT_ARCH_S390X && word_is(w, n, z_aliases[1])) {
        *level = 12;
        return true;
    }
    return false;
}

static bool find_feature(crjit_arch arch, const char *w, size_t n,
                         size_t *bit)
{
    size_t i, count;
    const char *const *t = table(arch, &count);
    if (arch == CRJIT_ARCH_X86_64 && word_is(w, n, "pni")) {
        *bit = X_SSE3;
        return true;
    }
    if (arch == CRJIT_ARCH_X86_64 && word_is(w, n, "aes")) {
        *bit = X_AESNI;
        return true;
    }
    for (i = 0; i < count; i++)
        if (word_is(w, n, t[i])) {
            *bit = i;
            return true;
        }
    return false;
}

/* x86-64 psABI levels, in our feature names. */
static uint64_t x86_level(int v)
{
    uint64_t f = BIT(X_FPU) | BIT(X_CX8) | BIT(X_CMOV) | BIT(X_MMX) |
                 BIT(X_SSE) | BIT(X_SSE2);
    if (v >= 2)
        f |= BIT(X_SSE3) | BIT(X_SSSE3) | BIT(X_SSE4_1) | BIT(X_SSE4_2) |
             BIT(X_POPCNT);
    if (v >= 3)
        f |= BIT(X_OSXSAVE) | BIT(X_AVX) | BIT(X_AVX2) | BIT(X_FMA) |
             BIT(X_BMI2);
    if (v >= 4)
        f |= BIT(X_AVX512F) | BIT(X_AVX512VL) | BIT(X_AVX512BW) |
             BIT(X_AVX512DQ) | BIT(X_AVX512CD);
    return f;
}

static bool named_target(const char *s, size_t n, crjit_arch def,
                         crjit_cpu *out)
{
    static const char *const v[] = { "x86-64-v1", "x86-64-v2", "x86-64-v3",
                                     "x86-64-v4" };
    int i;
    out->level = 0;
    if (word_is(s, n, "openj9-portable")) {
        *out = crjit_cpu_portable(def);
        return true;
    }
    for (i = 0; i < 4; i++)
        if (word_is(s, n, v[i])) {
            out->arch = CRJIT_ARCH_X86_64;
            out->features = x86_level(i + 1);
            return true;
        }
    if (word_is(s, n, "armv8.0-a") || word_is(s, n, "armv8.1-a")) {
        out->arch = CRJIT_ARCH_AARCH64;
        out->features = s[6] == '1' ? 0xfu : 0x3u;
        return true;
    }
    if (word_is(s, n, "power8")) {
        out->arch = CRJIT_ARCH_PPC64;
        out->level = 8;
        out->features = 0xfu; /* altivec dfp htm vsx */
        return true;
    }
    if (word_is(s, n, "z10")) {
        *out = crjit_cpu_portable(CRJIT_ARCH_S390X);
        return true;
    }
    return false;
}

crjit_status crjit_cpu_parse(const char *spec, size_t len,
                             crjit_arch default_arch, crjit_cpu *out,
                             size_t *error_offset)
{
    const char *colon;
    crjit_cpu c;
    size_t pos, first_item = 1;

    if (spec == NULL || out == NULL)
        return CRJIT_E_INVALID_ARG;
    colon = memchr(spec, ':', len);
    memset(&c, 0, sizeof c);
    if (colon == NULL) {
        if (!named_target(spec, len, default_arch, &c)) {
            if (error_offset != NULL)
                *error_offset = 0;
            return CRJIT_E_PARSE;
        }
        *out = c;
        return CRJIT_OK;
    }
    if (!find_arch(spec, (size_t)(colon - spec), &c.arch)) {
        if (error_offset != NULL)
            *error_offset = 0;
        return CRJIT_E_PARSE;
    }
    pos = (size_t)(colon - spec) + 1;
    while (pos < len) {
        const char *comma = memchr(spec + pos, ',', len - pos);
        size_t end = comma != NULL ? (size_t)(comma - spec) : len, bit;
        const char *w = spec + pos;
        size_t n = end - pos;
        if (n == 0) {
            /* empty items (a trailing comma) are ignored */
        } else if (first_item && find_level(c.arch, w, n, &c.level)) {
            /* a level may lead the list on POWER and Z */
        } else if (find_feature(c.arch, w, n, &bit)) {
            c.features |= BIT(bit);
        } else {
            if (error_offset != NULL)
                *error_offset = pos;
            return CRJIT_E_PARSE;
        }
        first_item = 0;
        pos = end + 1;
    }
    /* A level-less POWER or Z spec means the lowest level we model. */
    if (c.arch == CRJIT_ARCH_PPC64 && c.level == 0)
        c.level = 8;
    if (c.arch == CRJIT_ARCH_S390X && c.level == 0)
        c.level = 10;
    *out = c;
    return CRJIT_OK;
}

size_t crjit_cpu_format(const crjit_cpu *cpu, char *buf, size_t size)
{
    size_t need = 0, i, n;
    const char *const *t;
    const char *level;
    bool first = true;

#define PUT(str)                                                              \
    do {                                                                      \
        size_t l_ = strlen(str);                                              \
        if (size != 0 && need < size - 1) {                                   \
            size_t room = size - 1 - need;                                    \
            memcpy(buf + need, str, l_ < room ? l_ : room);                   \
        }                                                                     \
        need += l_;                                                           \
    } while (0)

    if (cpu == NULL) {
        if (size != 0)
            buf[0] = '\0';
        return 0;
    }
    t = table(cpu->arch, &n);
    PUT(crjit_arch_name(cpu->arch));
    PUT(":");
    level = crjit_cpu_level_name(cpu->arch, cpu->level);
    if (level != NULL) {
        PUT(level);
        first = false;
    }
    for (i = 0; i < n; i++) {
        if (!(cpu->features & BIT(i)))
            continue;
        if (!first)
            PUT(",");
        PUT(t[i]);
        first = false;
    }
#undef PUT
    if (size != 0)
        buf[need < size ? need : size - 1] = '\0';
    return need;
}

/* ---- detection ----------------------------------------------------------------- */

#if defined(CRJIT_X86_DETECT)
static void cpuid(crjit_ctx *ctx, unsigned leaf, unsigned sub, unsigned r[4])
{
    ctx->cpuid_count++;
    __cpuid_count(leaf, sub, r[0], r[1], r[2], r[3]);
}

static crjit_cpu detect_x86(crjit_ctx *ctx)
{
    crjit_cpu c;
    unsigned r1[4], r7[4] = { 0, 0, 0, 0 }, r0[4];
    uint64_t f = 0, xcr0 = 0;

    c.arch = CRJIT_ARCH_X86_64;
    c.level = 0;
    cpuid(ctx, 0, 0, r0);
    cpuid(ctx, 1, 0, r1);
    if (r0[0] >= 7)
        cpuid(ctx, 7, 0, r7);
    /* leaf 1: EDX = r1[3], ECX = r1[2] */
    if (r1[3] & (1u << 0)) f |= BIT(X_FPU);
    if (r1[3] & (1u << 8)) f |= BIT(X_CX8);
    if (r1[3] & (1u << 15)) f |= BIT(X_CMOV);
    if (r1[3] & (1u << 23)) f |= BIT(X_MMX);
    if (r1[3] & (1u << 25)) f |= BIT(X_SSE);
    if (r1[3] & (1u << 26)) f |= BIT(X_SSE2);
    if (r1[2] & (1u << 0)) f |= BIT(X_SSE3);
    if (r1[2] & (1u << 9)) f |= BIT(X_SSSE3);
    if (r1[2] & (1u << 12)) f |= BIT(X_FMA);
    if (r1[2] & (1u << 19)) f |= BIT(X_SSE4_1);
    if (r1[2] & (1u << 20)) f |= BIT(X_SSE4_2);
    if (r1[2] & (1u << 23)) f |= BIT(X_POPCNT);
    if (r1[2] & (1u << 25)) f |= BIT(X_AESNI);
    if (r1[2] & (1u << 27)) f |= BIT(X_OSXSAVE);
    if (r1[2] & (1u << 28)) f |= BIT(X_AVX);
    /* leaf 7: EBX = r7[1], EAX = r7[0] (sub-leaf 1 for AVX-VNNI below) */
    if (r7[1] & (1u << 4)) f |= BIT(X_HLE);
    if (r7[1] & (1u << 5)) f |= BIT(X_AVX2);
    if (r7[1] & (1u << 8)) f |= BIT(X_BMI2);
    if (r7[1] & (1u << 11)) f |= BIT(X_RTM);
    if (r7[1] & (1u << 16)) f |= BIT(X_AVX512F);
    if (r7[1] & (1u << 17)) f |= BIT(X_AVX512DQ);
    if (r7[1] & (1u << 28)) f |= BIT(X_AVX512CD);
    if (r7[1] & (1u << 30)) f |= BIT(X_AVX512BW);
    if (r7[1] & (1u << 31)) f |= BIT(X_AVX512VL);
    if (r0[0] >= 7 && r7[0] >= 1) {
        unsigned r71[4];
        cpuid(ctx, 7, 1, r71);
        if (r71[0] & (1u << 4)) f |= BIT(X_AVX_VNNI);
    }
    /* The OS must save the vector state before AVX or AVX-512 is usable. */
    if (f & BIT(X_OSXSAVE)) {
        unsigned lo, hi;
        __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
        xcr0 = ((uint64_t)hi << 32) | lo;
    }
    if ((xcr0 & 0x6) != 0x6)
        f &= ~(BIT(X_AVX) | BIT(X_AVX2) | BIT(X_FMA) | BIT(X_AVX_VNNI));
    if ((xcr0 & 0xe6) != 0xe6)
        f &= ~(BIT(X_AVX512F) | BIT(X_AVX512VL) | BIT(X_AVX512BW) |
               BIT(X_AVX512DQ) | BIT(X_AVX512CD));
    c.features = f;
    return c;
}
#endif

#if defined(CRJIT_AARCH64_DETECT)
static crjit_cpu detect_aarch64(void)
{
    crjit_cpu c;
    unsigned long hw = getauxval(AT_HWCAP);
    c.arch = CRJIT_ARCH_AARCH64;
    c.level = 0;
    c.features = 0;
    if (hw & (1ul << 0)) c.features |= BIT(0); /* HWCAP_FP */
    if (hw & (1ul << 1)) c.features |= BIT(1); /* HWCAP_ASIMD */
    if (hw & (1ul << 7)) c.features |= BIT(2); /* HWCAP_CRC32 */
    if (hw & (1ul << 8)) c.features |= BIT(3); /* HWCAP_ATOMICS: LSE */
    return c;
}
#endif

crjit_status crjit_cpu_detect(crjit_ctx *ctx, crjit_cpu *out)
{
    if (ctx == NULL || out == NULL)
        return CRJIT_E_INVALID_ARG;
    if (!ctx->cpu_detected) {
#if defined(CRJIT_X86_DETECT)
        ctx->cpu = detect_x86(ctx);
#elif defined(CRJIT_AARCH64_DETECT)
        ctx->cpu = detect_aarch64();
#else
        return CRJIT_E_STATE;
#endif
        ctx->cpu_detected = true;
    }
    *out = ctx->cpu;
    return CRJIT_OK;
}

unsigned crjit_ctx_cpuid_count(const crjit_ctx *ctx)
{
    return ctx != NULL ? ctx->cpuid_count : 0;
}
