/* The 81 external -X/-XX options the JIT knows (Part C), walked in table
 * order.  DV-3: each is matched by its own syntax and consumed when used
 * (-Xcodecache32m, -XX:JITServerPort=38400 ...), where the reference
 * consumes only the bare prefix or merely looks.  With the gate closed
 * (DV-4) they are still consumed and reported as not applied. */
#include "crjit_internal.h"

#include <string.h>

typedef enum action {
    A_IGNORE,     /* accepted, no effect after restore (CI) */
    A_NONE,       /* nothing consumes it in the reference either (G-2) */
    A_MODE,       /* consumed in phase 1 (B-11) */
    A_MERGE,      /* consumed in pre-processing (B-24) */
    A_SAMPLING,   /* -XsamplingExpirationTime<n> */
    A_THREADS,    /* -XcompilationThreads<n> */
    A_LATE_SCC,   /* -XX:LateSCCDisclaimTime=<ms> */
    A_PRINT_CC,   /* -XX:[+|-]PrintCodeCache (B-37) */
    A_JITSERVER,  /* used by the JITServer decision (Part E) */
    A_IPROFILER   /* -XX:[+|-]IProfileDuringStartupPhase (B-39) */
} action;

typedef struct external {
    const char *name;
    crjit_match match; /* how libcrjit recognises it (DV-3) */
    uint8_t act;
} external;

/* Part C rows 0-80, in order.  Options with a value use the match that
 * takes the value: EXACT_MEMORY for -Xname<size>, STARTSWITH for names
 * ending in '=' or ':'. */
static const external table[] = {
    { "-Xnodfpbd", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-Xdfpbd", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-Xhysteresis", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-Xnoquickstart", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-Xquickstart", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-Xtune:elastic", CRJIT_MATCH_STARTSWITH, A_NONE },
    { "-XtlhPrefetch", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XnotlhPrefetch", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-Xlockword:", CRJIT_MATCH_STARTSWITH, A_NONE },
    { "-XlockReservation", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XjniAcc:", CRJIT_MATCH_STARTSWITH, A_IGNORE },
    { "-Xlp", CRJIT_MATCH_EXACT_MEMORY, A_IGNORE },
    { "-Xlp:codecache:", CRJIT_MATCH_STARTSWITH, A_IGNORE },
    { "-Xcodecache", CRJIT_MATCH_EXACT_MEMORY, A_IGNORE },
    { "-Xcodecachetotal", CRJIT_MATCH_EXACT_MEMORY, A_IGNORE },
    { "-XX:codecachetotal=", CRJIT_MATCH_STARTSWITH, A_IGNORE },
    { "-XX:+PrintCodeCache", CRJIT_MATCH_EXACT, A_PRINT_CC },
    { "-XX:-PrintCodeCache", CRJIT_MATCH_EXACT, A_PRINT_CC },
    { "-XsamplingExpirationTime", CRJIT_MATCH_EXACT_MEMORY, A_SAMPLING },
    { "-XcompilationThreads", CRJIT_MATCH_EXACT_MEMORY, A_THREADS },
    { "-XaggressivenessLevel", CRJIT_MATCH_EXACT_MEMORY, A_NONE },
    { "-Xnoclassgc", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-Xjit", CRJIT_MATCH_OPTIONAL_LIST, A_MODE },
    { "-Xnojit", CRJIT_MATCH_OPTIONAL_LIST, A_MODE },
    { "-Xjit:", CRJIT_MATCH_STARTSWITH, A_MODE },
    { "-Xaot", CRJIT_MATCH_OPTIONAL_LIST, A_MODE },
    { "-Xnoaot", CRJIT_MATCH_OPTIONAL_LIST, A_MODE },
    { "-Xaot:", CRJIT_MATCH_STARTSWITH, A_MODE },
    { "-XX:deterministic=", CRJIT_MATCH_STARTSWITH, A_IGNORE },
    { "-XX:+RuntimeInstrumentation", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:-RuntimeInstrumentation", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:+PerfTool", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:-PerfTool", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:doNotProcessJitEnvVars", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:+MergeCompilerOptions", CRJIT_MATCH_EXACT, A_MERGE },
    { "-XX:-MergeCompilerOptions", CRJIT_MATCH_EXACT, A_MERGE },
    { "-XX:LateSCCDisclaimTime=", CRJIT_MATCH_STARTSWITH, A_LATE_SCC },
    { "-XX:+UseJITServer", CRJIT_MATCH_EXACT, A_JITSERVER },
    { "-XX:-UseJITServer", CRJIT_MATCH_EXACT, A_JITSERVER },
    { "-XX:+JITServerTechPreviewMessage", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:-JITServerTechPreviewMessage", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:JITServerAddress=", CRJIT_MATCH_STARTSWITH, A_JITSERVER },
    { "-XX:JITServerPort=", CRJIT_MATCH_STARTSWITH, A_JITSERVER },
    { "-XX:JITServerTimeout=", CRJIT_MATCH_STARTSWITH, A_JITSERVER },
    { "-XX:JITServerSSLKey=", CRJIT_MATCH_STARTSWITH, A_JITSERVER },
    { "-XX:JITServerSSLCert=", CRJIT_MATCH_STARTSWITH, A_JITSERVER },
    { "-XX:JITServerSSLRootCerts=", CRJIT_MATCH_STARTSWITH, A_JITSERVER },
    { "-XX:+JITServerUseAOTCache", CRJIT_MATCH_EXACT, A_JITSERVER },
    { "-XX:-JITServerUseAOTCache", CRJIT_MATCH_EXACT, A_JITSERVER },
    { "-XX:+RequireJITServer", CRJIT_MATCH_EXACT, A_JITSERVER },
    { "-XX:-RequireJITServer", CRJIT_MATCH_EXACT, A_JITSERVER },
    { "-XX:+JITServerLogConnections", CRJIT_MATCH_EXACT, A_JITSERVER },
    { "-XX:-JITServerLogConnections", CRJIT_MATCH_EXACT, A_JITSERVER },
    { "-XX:JITServerAOTmx=", CRJIT_MATCH_STARTSWITH, A_JITSERVER },
    { "-XX:+JITServerLocalSyncCompiles", CRJIT_MATCH_EXACT, A_JITSERVER },
    { "-XX:-JITServerLocalSyncCompiles", CRJIT_MATCH_EXACT, A_JITSERVER },
    { "-XX:+JITServerMetrics", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:-JITServerMetrics", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:JITServerMetricsPort=", CRJIT_MATCH_STARTSWITH, A_IGNORE },
    { "-XX:JITServerMetricsSSLKey=", CRJIT_MATCH_STARTSWITH, A_IGNORE },
    { "-XX:JITServerMetricsSSLCert=", CRJIT_MATCH_STARTSWITH, A_IGNORE },
    { "-XX:+JITServerShareROMClasses", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:-JITServerShareROMClasses", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:+JITServerAOTCachePersistence", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:-JITServerAOTCachePersistence", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:JITServerAOTCacheDir=", CRJIT_MATCH_STARTSWITH, A_IGNORE },
    { "-XX:JITServerAOTCacheName=", CRJIT_MATCH_STARTSWITH, A_JITSERVER },
    { "-XX:codecachetotalMaxRAMPercentage=", CRJIT_MATCH_STARTSWITH,
      A_IGNORE },
    { "-XX:+JITServerAOTCacheDelayMethodRelocation", CRJIT_MATCH_EXACT,
      A_IGNORE },
    { "-XX:-JITServerAOTCacheDelayMethodRelocation", CRJIT_MATCH_EXACT,
      A_IGNORE },
    { "-XX:+IProfileDuringStartupPhase", CRJIT_MATCH_EXACT, A_IPROFILER },
    { "-XX:-IProfileDuringStartupPhase", CRJIT_MATCH_EXACT, A_IPROFILER },
    { "-XX:+JITServerAOTCacheIgnoreLocalSCC", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:-JITServerAOTCacheIgnoreLocalSCC", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:+JITServerHealthProbes", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:-JITServerHealthProbes", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:JITServerHealthProbePort=", CRJIT_MATCH_STARTSWITH, A_IGNORE },
    { "-XX:+TrackAOTDependencies", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:-TrackAOTDependencies", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:+JITServerUseProfileCache", CRJIT_MATCH_EXACT, A_IGNORE },
    { "-XX:-JITServerUseProfileCache", CRJIT_MATCH_EXACT, A_IGNORE },
};

#define TABLE_SIZE (sizeof table / sizeof table[0])

size_t crjit__external_count(void)
{
    return TABLE_SIZE;
}

const char *crjit__external_name(size_t i)
{
    return i < TABLE_SIZE ? table[i].name : NULL;
}

/* Consume every spelling of row r: its rightmost match wins and the rest
 * become duplicates.  -Xlp has two spellings, -Xlp<size> and
 * -Xlp[:...], each with its own winner; *second gets the other one. */
static size_t consume_row(crjit__run *run, const external *r, size_t *second)
{
    size_t i = crjit_ral_find(run->ral, r->match, r->name, CRJIT_FIND_CONSUME,
                              0);
    *second = CRJIT_NPOS;
    if (strcmp(r->name, "-Xlp") == 0) {
        size_t j = crjit_ral_find(run->ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xlp",
                                  CRJIT_FIND_CONSUME, 0);
        if (i == CRJIT_NPOS)
            i = j;
        else
            *second = j;
    }
    return i;
}

static crjit_status int_diag(crjit__run *run, size_t i, crjit_value_status vs,
                             size_t off, const char *what)
{
    crjit_diag_code code = vs == CRJIT_VALUE_OVERFLOW ? CRJIT_DIAG_VALUE_OVERFLOW
                           : vs == CRJIT_VALUE_OUT_OF_RANGE
                               ? CRJIT_DIAG_VALUE_OUT_OF_RANGE
                               : CRJIT_DIAG_VALUE_MALFORMED;
    return crjit__diag(run->ctx, &run->plan->diags, CRJIT_SEV_WARNING, code, i,
                       off,
                       "%s: the value is %s, so the option is ignored (C-5, "
                       "DV-5)",
                       what,
                       vs == CRJIT_VALUE_OVERFLOW ? "too large for 64 bits"
                       : vs == CRJIT_VALUE_OUT_OF_RANGE
                           ? "out of range"
                           : "not a decimal number");
}

/* Rows 18, 19, 36: an integer right after the name. */
static crjit_status read_int(crjit__run *run, const external *r, size_t i)
{
    uint64_t v = 0, lo = 0, hi = INT32_MAX;
    size_t off = 0;
    crjit_value_status vs;
    const char *what = r->name;

    if (r->act == A_THREADS)
        lo = 1; /* C-5: 0 is ignored */
    if (r->act == A_LATE_SCC)
        hi = INT64_MAX / 1000000; /* ms to ns must not overflow (G-23) */
    vs = crjit_ral_int(run->ral, i, strlen(r->name), lo, hi, &v, &off);
    if (vs != CRJIT_VALUE_OK)
        return int_diag(run, i, vs, off, what);
    if (r->act == A_THREADS) {
        run->threads_requested = v;
        run->threads_arg = i;
    }
    return CRJIT_OK;
}

static crjit_status apply_row(crjit__run *run, const external *r, size_t i)
{
    switch ((action)r->act) {
    case A_IGNORE:
        return crjit__note(run, CRJIT_SEV_NOTE, CRJIT_DIAG_NO_EFFECT, i, 0,
                           "accepted; it has no effect after restore (C-2; "
                           "consumed with its value, DV-3)");
    case A_SAMPLING:
    case A_THREADS:
    case A_LATE_SCC:
        return read_int(run, r, i);
    case A_JITSERVER: /* the JITServer phase reads it and says what it did */
    case A_IPROFILER:
    case A_PRINT_CC:
    case A_NONE:
    case A_MODE:
    case A_MERGE:
        break;
    }
    return CRJIT_OK;
}

/* B-37: + to the right of - turns it on; it is never turned off. */
static crjit_status print_code_cache(crjit__run *run, size_t plus,
                                     size_t minus)
{
    if (plus != CRJIT_NPOS && (minus == CRJIT_NPOS || plus > minus)) {
        run->plan->print_code_cache = true;
        return CRJIT_OK;
    }
    if (minus != CRJIT_NPOS && run->checkpoint.print_code_cache)
        return crjit__note(run, CRJIT_SEV_WARNING, CRJIT_DIAG_ONE_WAY, minus,
                           0,
                           "-XX:-PrintCodeCache cannot turn off printing "
                           "enabled before the checkpoint (B-37, G-18)");
    return CRJIT_OK;
}

crjit_status crjit__phase_external(crjit__run *run)
{
    size_t r, print[2] = { CRJIT_NPOS, CRJIT_NPOS };

    if (!run->plan->jit_processed)
        return CRJIT_OK;
    for (r = 0; r < TABLE_SIZE; r++) {
        const external *row = &table[r];
        size_t hit[2], k;
        if (row->act == A_NONE || row->act == A_MODE || row->act == A_MERGE)
            continue; /* never consumed here (G-2), or already (B-11, B-24) */
        hit[0] = consume_row(run, row, &hit[1]);
        for (k = 0; k < 2; k++) {
            crjit_status st;
            size_t i = hit[k];
            if (i == CRJIT_NPOS)
                continue;
            if (row->act == A_PRINT_CC)
                print[row->name[4] == '+' ? 0 : 1] = i;
            if (!run->plan->gate_open)
                st = crjit__note(run, CRJIT_SEV_WARNING,
                                 CRJIT_DIAG_NOT_APPLIED, i, 0,
                                 "not applied: the compiler is disabled "
                                 "after restore; the reference would leave "
                                 "it unconsumed (B-21, DV-4)");
            else
                st = apply_row(run, row, i);
            if (st != CRJIT_OK)
                return st;
        }
    }
    if (!run->plan->gate_open)
        return CRJIT_OK;
    return print_code_cache(run, print[0], print[1]);
}
