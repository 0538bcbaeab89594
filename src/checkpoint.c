/* Checkpoint state and its derivation from the pre-checkpoint command line
 * (B.1 inputs, F.1 flags, T-6, the JITServer bootstrap of E.1).
 * Code-generation fields come with their own issue. */
#include "xjit.h"

#include <string.h>

void crjit_checkpoint_init(crjit_checkpoint_state *state)
{
    static const crjit_checkpoint_state defaults = CRJIT_CHECKPOINT_INIT;
    if (state != NULL)
        *state = defaults;
}

/* Indices of the rightmost + and - forms (CRJIT_NPOS when absent). */
typedef struct pair {
    size_t plus, minus;
} pair;

static pair find_pair(crjit_ral *ral, crjit_match kind, const char *on,
                      const char *off)
{
    pair p;
    p.plus = crjit_ral_find(ral, kind, on, 0, 0);
    p.minus = crjit_ral_find(ral, kind, off, 0, 0);
    return p;
}

/* "+ to the right of -", with absent = -1 as in the reference. */
static bool plus_right(pair p)
{
    return p.plus != CRJIT_NPOS && (p.minus == CRJIT_NPOS || p.plus > p.minus);
}

static bool minus_right(pair p)
{
    return p.minus != CRJIT_NPOS && (p.plus == CRJIT_NPOS || p.minus > p.plus);
}

/* Rightmost +/- pair decides; neither present keeps *value. */
static void read_switch(crjit_ral *ral, const char *on, const char *off,
                        bool *value)
{
    pair p = find_pair(ral, CRJIT_MATCH_EXACT, on, off);
    if (p.plus != CRJIT_NPOS || p.minus != CRJIT_NPOS)
        *value = plus_right(p);
}

/* F-1: E, NP, PJ. */
static void read_criu_flags(crjit_ral *ral, crjit_checkpoint_state *st)
{
    pair np;
    read_switch(ral, "-XX:+EnableCRIUSupport", "-XX:-EnableCRIUSupport",
                &st->criu_enabled);
    if (crjit_ral_find(ral, CRJIT_MATCH_STARTSWITH, "-XX:CRaCCheckpointTo=", 0,
                       0) != CRJIT_NPOS)
        st->criu_enabled = true;
    /* NP is on unless - is to the right of + (index >= comparison). */
    np = find_pair(ral, CRJIT_MATCH_EXACT, "-XX:+CRIURestoreNonPortableMode",
                   "-XX:-CRIURestoreNonPortableMode");
    st->non_portable_mode = st->criu_enabled && !minus_right(np);
    st->portable_jvm_mode =
        st->criu_enabled &&
        plus_right(find_pair(ral, CRJIT_MATCH_EXACT,
                             "-XX:+JVMPortableRestoreMode",
                             "-XX:-JVMPortableRestoreMode"));
    read_switch(ral, "-XX:+PortableSharedCache", "-XX:-PortableSharedCache",
                &st->portable_shared_cache);
    read_switch(ral, "-XX:+DebugOnRestore", "-XX:-DebugOnRestore",
                &st->debug_on_restore);
    read_switch(ral, "-XX:+PrintCodeCache", "-XX:-PrintCodeCache",
                &st->print_code_cache);
}

/* Start-up execution mode: -Xint, -Xjit/-Xnojit, -Xaot/-Xnoaot,
 * -Xshareclasses:none (T-6). */
static void read_modes(crjit_ral *ral, crjit_checkpoint_state *st)
{
    bool xint = crjit_ral_find(ral, CRJIT_MATCH_EXACT, "-Xint", 0, 0) !=
                CRJIT_NPOS;
    pair jit = find_pair(ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xjit", "-Xnojit");
    pair aot = find_pair(ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xaot", "-Xnoaot");
    size_t none = crjit_ral_find(ral, CRJIT_MATCH_EXACT, "-Xshareclasses:none",
                                 0, 0);

    if (minus_right(jit))
        st->jit_enabled = false;
    if (minus_right(aot) || none != CRJIT_NPOS)
        st->aot_enabled = false;
    if (xint) {
        st->jit_enabled = false;
        st->aot_enabled = false;
    }
    st->jit_loaded = !xint && (st->jit_enabled || st->aot_enabled);
    st->aot_validation_delayed = st->aot_enabled && st->debug_on_restore;
}

/* E.1 (E-1…E-4): the JITServer client decision at bootstrap.  Under E the
 * JVM is an implicit client unless -XX:-UseJITServer wins; an explicit
 * +UseJITServer under E is "requested", and remote compilation before the
 * checkpoint is allowed only in portable restore mode (PRM, F-2).  The
 * client UID is random in the reference; the command line cannot give it,
 * so a client gets the placeholder 1 unless the state already holds a
 * nonzero UID (a host fills the real one). */
static void read_jitserver(crjit_ral *ral, crjit_checkpoint_state *st)
{
    pair p = find_pair(ral, CRJIT_MATCH_EXACT, "-XX:+UseJITServer",
                       "-XX:-UseJITServer");
    bool on = plus_right(p), off = minus_right(p);
    bool implicit = st->criu_enabled && !off;
    bool prm = st->criu_enabled &&
               (!st->non_portable_mode || st->portable_jvm_mode);
    bool pair_given =
        crjit_ral_find(ral, CRJIT_MATCH_STARTSWITH, "-XX:JITServerSSLKey=", 0,
                       0) != CRJIT_NPOS &&
        crjit_ral_find(ral, CRJIT_MATCH_STARTSWITH, "-XX:JITServerSSLCert=", 0,
                       0) != CRJIT_NPOS;
    bool roots = crjit_ral_find(ral, CRJIT_MATCH_STARTSWITH,
                                "-XX:JITServerSSLRootCerts=", 0,
                                0) != CRJIT_NPOS;

    st->jitserver_client = on || implicit;
    st->jitserver_requested = on && implicit;
    st->jitserver_can_perform = st->jitserver_requested && prm;
    st->jitserver_explicitly_disabled = !st->jitserver_client && off;
    if (!st->jitserver_client)
        st->jitserver_client_uid = 0;
    else if (st->jitserver_client_uid == 0)
        st->jitserver_client_uid = 1;
    /* E-11 at start-up: the key/cert pair counts only when both are given;
     * whether the files load is the host's to know. */
    st->jitserver_ssl = st->jitserver_client && (pair_given || roots);
}

/* -Xrs and -Xrs:sync disable traps (I4); the restore forms do not. */
static void read_xrs(crjit_ral *ral, crjit_checkpoint_state *st)
{
    const char *v;
    size_t len;
    size_t i = crjit_ral_find(ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xrs", 0, 0);
    if (i == CRJIT_NPOS)
        return;
    if (crjit_ral_value(ral, i, ':', &v, &len) != CRJIT_VALUE_OK ||
        (len == 4 && memcmp(v, "sync", 4) == 0))
        st->traps_disabled = true;
}

static void read_threads(crjit_ral *ral, crjit_checkpoint_state *st)
{
    static const char name[] = "-XcompilationThreads";
    uint64_t n;
    size_t i = crjit_ral_find(ral, CRJIT_MATCH_EXACT_MEMORY, name, 0, 0);
    st->threads_allocated = st->criu_enabled ? 15u : st->threads_allocated;
    if (i != CRJIT_NPOS &&
        crjit_ral_int(ral, i, sizeof name - 1, 1, st->threads_allocated, &n,
                      NULL) == CRJIT_VALUE_OK)
        st->threads_usable = (unsigned)n;
}

/* The rightmost -Xjit: / -Xaot: value (the start-up string, D-2). */
static void read_string(crjit_ral *ral, const char *prefix, const char **out,
                        size_t *out_len)
{
    size_t i = crjit_ral_find(ral, CRJIT_MATCH_STARTSWITH, prefix, 0, 0), len;
    const char *t;
    if (i == CRJIT_NPOS)
        return;
    t = crjit_args_text(crjit_ral_args(ral), i, &len, NULL);
    *out = t + strlen(prefix);
    *out_len = len - strlen(prefix);
}

/* What the pre-checkpoint option strings say about I2, I4, I5 and I1. */
static crjit_status read_options(const crjit_ctx *ctx, const char *text,
                                 size_t len, bool aot,
                                 crjit_checkpoint_state *st)
{
    crjit__xjit_env env;
    crjit__xjit x;
    size_t i;
    crjit_status rc;

    if (text == NULL)
        return CRJIT_OK;
    memset(&env, 0, sizeof env);
    rc = crjit__xjit_parse(ctx, text, len, &env, &x);
    if (rc != CRJIT_OK)
        return rc;
    for (i = 0; i < x.count; i++) {
        const crjit__xitem *it = &x.items[i];
        const char *v = text + it->value_off;
        switch ((crjit__xrole)it->role) {
        case XR_COUNT:
        case XR_BCOUNT:
        case XR_SCOUNT:
            if (it->number == 0 && it->value_len != 0)
                st->async_compilation = false; /* I2 */
            break;
        case XR_DISABLE_ASYNC:
            if (!aot)
                st->async_compilation = false;
            break;
        case XR_DISABLE_TRAPS:
        case XR_NO_RESUMABLE_TRAP:
            st->traps_disabled = true;
            break;
        case XR_CODE_CACHE_DISCLAIM:
            st->code_cache_disclaiming = true;
            break;
        case XR_NO_LOG_SUFFIX:
            st->no_log_suffix = true;
            break;
        case XR_VLOG:
            st->vlog = v;
            st->vlog_len = it->value_len;
            break;
        case XR_RTLOG:
            st->rtlog = v;
            st->rtlog_len = it->value_len;
            break;
        default:
            break;
        }
    }
    crjit__xjit_free(ctx, &x);
    return CRJIT_OK;
}

crjit_status crjit_checkpoint_from_args(const crjit_args *args,
                                        crjit_checkpoint_state *state)
{
    crjit_checkpoint_state st_new;
    crjit_ral *ral;
    crjit_status st;

    if (args == NULL || state == NULL)
        return CRJIT_E_INVALID_ARG;
    if (state->version != CRJIT_CHECKPOINT_VERSION)
        return CRJIT_E_VERSION;
    st = crjit_ral_new(args, &ral);
    if (st != CRJIT_OK)
        return st;
    /* Work on a copy: a failure leaves the caller's state untouched. */
    st_new = *state;
    read_criu_flags(ral, &st_new);
    read_modes(ral, &st_new);
    read_xrs(ral, &st_new);
    read_threads(ral, &st_new);
    read_jitserver(ral, &st_new);
    read_string(ral, "-Xjit:", &st_new.jit_options, &st_new.jit_options_len);
    read_string(ral, "-Xaot:", &st_new.aot_options, &st_new.aot_options_len);
    crjit_ral_free(ral);
    st = read_options(args->ctx, st_new.aot_options, st_new.aot_options_len,
                      true, &st_new);
    if (st == CRJIT_OK)
        st = read_options(args->ctx, st_new.jit_options,
                          st_new.jit_options_len, false, &st_new);
    if (st == CRJIT_OK)
        *state = st_new;
    return st;
}
