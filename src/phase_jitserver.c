/* The JITServer decision (Part E): may a compilation go remote before the
 * checkpoint and after the restore (E-6), and what the post-restore
 * processing does (E-7…E-14): enabled or not (E-8), the common options
 * (E-11…E-13), a new client UID, mode NONE for good when disabled (E-10,
 * G-19).
 *
 * The -XX JITServer options were consumed by the external-options phase
 * (DV-3); this phase only FINDs them, as the reference does.  It keeps the
 * reference's decisions, except that a bad SSL file does not stop the
 * parsing (DV-11) and nothing is dropped without a diagnostic (DV-2).  The
 * library never loads libssl: the decision says when the host must. */
#include "crjit_internal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Attempts of the UID source before the library derives one itself. */
#define UID_ATTEMPTS 64
/* -XX:+RequireJITServer's socket timeout (E-11). */
#define REQUIRE_TIMEOUT_MS 60000u

/* The options the decision reads (Part C rows 37, 38, 41-55, 66), matched
 * as the external-options phase consumed them. */
typedef struct js_option {
    const char *name;
    crjit_match match;
} js_option;

static const js_option js_options[] = {
    { "-XX:+UseJITServer", CRJIT_MATCH_EXACT },
    { "-XX:-UseJITServer", CRJIT_MATCH_EXACT },
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
    { "-XX:JITServerAOTCacheName=", CRJIT_MATCH_STARTSWITH },
};

#define JS_COUNT (sizeof js_options / sizeof js_options[0])

/* ---- small helpers ------------------------------------------------------- */

/* Rightmost match, not consumed (FIND, A-24). */
static size_t find(crjit__run *run, crjit_match kind, const char *name)
{
    return crjit_ral_find(run->ral, kind, name, 0, 0);
}

static size_t find_exact(crjit__run *run, const char *name)
{
    return find(run, CRJIT_MATCH_EXACT, name);
}

static size_t find_prefix(crjit__run *run, const char *name)
{
    return find(run, CRJIT_MATCH_STARTSWITH, name);
}

/* "a to the right of b", absent being -1 as in the reference. */
static bool wins(size_t a, size_t b)
{
    return a != CRJIT_NPOS && (b == CRJIT_NPOS || a > b);
}

static bool any_js_option(crjit__run *run)
{
    size_t r;
    for (r = 0; r < JS_COUNT; r++)
        if (find(run, js_options[r].match, js_options[r].name) != CRJIT_NPOS)
            return true;
    return false;
}

/* A note on every JITServer option present (its rightmost spelling: the
 * others are duplicates with their own diagnostic), saying why it does
 * nothing. */
static crjit_status note_each(crjit__run *run, size_t except, const char *why)
{
    size_t r;
    for (r = 0; r < JS_COUNT; r++) {
        size_t i = find(run, js_options[r].match, js_options[r].name);
        crjit_status st;
        if (i == CRJIT_NPOS || i == except)
            continue;
        st = crjit__note(run, CRJIT_SEV_NOTE, CRJIT_DIAG_NOT_APPLIED, i, 0,
                         why);
        if (st != CRJIT_OK)
            return st;
    }
    return CRJIT_OK;
}

/* Remote mode CLIENT before the restore: the bootstrap made a client and no
 * earlier restore turned it off (G-19). */
static bool client_before(const crjit_checkpoint_state *ck)
{
    return ck->jitserver_client && !ck->jitserver_mode_none;
}

/* CA after this restore: cleared at restore in non-portable mode (F-1). */
static bool checkpoint_allowed_after(const crjit_checkpoint_state *ck)
{
    return ck->criu_enabled && !ck->non_portable_mode;
}

/* E-6 before the checkpoint: CA is set whenever E (F-1), so only a client
 * with canPerform compiles remotely. */
static bool remote_before(const crjit_checkpoint_state *ck)
{
    return client_before(ck) && ck->jit_loaded && ck->jit_enabled &&
           (!ck->criu_enabled || ck->jitserver_can_perform);
}

/* ---- the client UID (E-9) ------------------------------------------------ */

/* splitmix64's finaliser: spreads a counter over all 64 bits. */
static uint64_t mix64(uint64_t x)
{
    x += UINT64_C(0x9e3779b97f4a7c15);
    x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
    return x ^ (x >> 31);
}

/* The default source: /dev/urandom, else the clock mixed with the old UID
 * and the attempt number, so successive attempts differ. */
static uint64_t default_uid(uint64_t old, unsigned attempt)
{
    unsigned char b[8];
    uint64_t v = 0;
    struct timespec ts;
    FILE *f = fopen("/dev/urandom", "rb");
    size_t i;

    if (f != NULL) {
        size_t got;
        setvbuf(f, NULL, _IONBF, 0);
        got = fread(b, 1, sizeof b, f);
        fclose(f);
        if (got == sizeof b) {
            for (i = 0; i < sizeof b; i++)
                v = (v << 8) | b[i];
            return v;
        }
    }
    memset(&ts, 0, sizeof ts);
    (void)timespec_get(&ts, TIME_UTC);
    return mix64((uint64_t)ts.tv_sec ^ ((uint64_t)ts.tv_nsec << 32) ^ old ^
                 ((uint64_t)attempt << 56) ^ (uint64_t)clock());
}

/* A UID that is neither 0 nor the old one.  A host source that keeps
 * repeating them is given up on after UID_ATTEMPTS calls (the reference
 * loops for ever) and the library derives one, with a warning. */
static crjit_status new_uid(crjit__run *run, uint64_t old, uint64_t *out)
{
    const crjit_plan_input *in = run->input;
    uint64_t v = 0;
    unsigned a;

    for (a = 0; a < UID_ATTEMPTS; a++) {
        v = in->random_uid != NULL ? in->random_uid(in->random_user)
                                   : default_uid(old, a);
        if (v != 0 && v != old) {
            *out = v;
            return CRJIT_OK;
        }
    }
    for (v = mix64(old ^ v); v == 0 || v == old; v = mix64(v))
        ;
    *out = v;
    return crjit__note(run, CRJIT_SEV_WARNING, CRJIT_DIAG_SETTING_IGNORED,
                       CRJIT_NPOS, 0,
                       "the host's random UID source returned 0 or the old "
                       "client UID 64 times; the library derived the new "
                       "client UID itself (E-9)");
}

/* ---- values ---------------------------------------------------------------- */

static crjit_diag_code value_code(crjit_value_status vs)
{
    switch (vs) {
    case CRJIT_VALUE_OVERFLOW: return CRJIT_DIAG_VALUE_OVERFLOW;
    case CRJIT_VALUE_OUT_OF_RANGE: return CRJIT_DIAG_VALUE_OUT_OF_RANGE;
    case CRJIT_VALUE_TRAILING: return CRJIT_DIAG_VALUE_TRAILING;
    case CRJIT_VALUE_OK:
    case CRJIT_VALUE_MISSING:
    case CRJIT_VALUE_MALFORMED:
        break;
    }
    return CRJIT_DIAG_VALUE_MALFORMED;
}

static const char *value_words(crjit_value_status vs)
{
    switch (vs) {
    case CRJIT_VALUE_OVERFLOW: return "too large for 64 bits";
    case CRJIT_VALUE_OUT_OF_RANGE: return "out of range";
    case CRJIT_VALUE_TRAILING: return "followed by extra characters";
    case CRJIT_VALUE_OK:
    case CRJIT_VALUE_MISSING:
    case CRJIT_VALUE_MALFORMED:
        break;
    }
    return "not a decimal number";
}

/* The reference drops a bad value silently; DV-2, DV-5 say why. */
static crjit_status value_diag(crjit__run *run, size_t i, size_t off,
                               crjit_value_status vs, const char *name,
                               const char *range)
{
    return CRJIT__RUN_DIAG(run, CRJIT_SEV_WARNING, value_code(vs), i, off,
                           "%s: the value is %s (%s), so the option is "
                           "ignored (E-11, DV-5)",
                           name, value_words(vs), range);
}

/* An integer option (port, timeout): 0..INT32_MAX, the reference's int. */
static crjit_status read_int(crjit__run *run, const char *name, bool *set,
                             uint32_t *out, size_t *where)
{
    size_t i = find_prefix(run, name), off = 0;
    uint64_t v = 0;
    crjit_value_status vs;

    *where = i;
    if (i == CRJIT_NPOS)
        return CRJIT_OK;
    vs = crjit_ral_int(run->ral, i, strlen(name), 0, INT32_MAX, &v, &off);
    if (vs != CRJIT_VALUE_OK)
        return value_diag(run, i, off, vs, name, "0 to 2147483647");
    *set = true;
    *out = (uint32_t)v;
    return CRJIT_OK;
}

/* Value after the first '=', copied into the plan. */
static crjit_status read_text(crjit__run *run, const char *name,
                              const char **out)
{
    size_t i = find_prefix(run, name), len = 0;
    const char *v = NULL;

    if (i == CRJIT_NPOS ||
        crjit_ral_value(run->ral, i, '=', &v, &len) != CRJIT_VALUE_OK)
        return CRJIT_OK;
    *out = crjit__arena_strdup(run->ctx, &run->plan->text, v, len);
    if (*out == NULL)
        return CRJIT_E_NOMEM;
    if (len != 0)
        return CRJIT_OK;
    return CRJIT__RUN_DIAG(run, CRJIT_SEV_WARNING, CRJIT_DIAG_VALUE_MALFORMED,
                           i, strlen(name),
                           "%s: the value is empty; it is set empty, as the "
                           "reference does (E-9)",
                           name);
}

/* ---- SSL files (E-11, DV-11) ---------------------------------------------- */

/* Read the file named by entry i through the host.  A file that cannot be
 * read, is empty or too large is a diagnostic; parsing goes on (DV-11,
 * where the reference stops, G-21). */
static crjit_status ssl_file(crjit__run *run, size_t i, const char *name,
                             bool *ok)
{
    const crjit_plan_input *in = run->input;
    const char *path = NULL, *text = NULL, *why = NULL;
    size_t path_len = 0, len = 0;
    char q[CRJIT__QUOTE_MAX];

    *ok = false;
    (void)crjit_ral_value(run->ral, i, '=', &path, &path_len);
    if (in->read_file == NULL ||
        in->read_file(in->read_user, path, path_len, &text, &len) != 0)
        why = "cannot be read";
    else if (len == 0 || text == NULL)
        why = "is empty";
    else if (len > CRJIT_MAX_FILE_BYTES)
        why = "is too large";
    if (why == NULL) {
        *ok = true;
        return CRJIT_OK;
    }
    crjit__quote(q, sizeof q, path, path_len);
    return CRJIT__RUN_DIAG(run, CRJIT_SEV_ERROR, CRJIT_DIAG_SETTING_IGNORED, i,
                           strlen(name),
                           "%s: the file \"%s\" %s, so it is not used; the "
                           "reference would silently skip every JITServer "
                           "option after it, libcrjit goes on (G-21, DV-11)",
                           name, q, why);
}

/* The key/cert pair: used only when both are given (E-11). */
static crjit_status ssl_pair(crjit__run *run, bool *ssl)
{
    static const char key_name[] = "-XX:JITServerSSLKey=";
    static const char cert_name[] = "-XX:JITServerSSLCert=";
    size_t key = find_prefix(run, key_name), cert = find_prefix(run, cert_name);
    bool key_ok = false, cert_ok = false;
    crjit_status st;

    if (key == CRJIT_NPOS && cert == CRJIT_NPOS)
        return CRJIT_OK;
    if (key == CRJIT_NPOS || cert == CRJIT_NPOS)
        return CRJIT__RUN_DIAG(
            run, CRJIT_SEV_WARNING, CRJIT_DIAG_SETTING_IGNORED,
            key != CRJIT_NPOS ? key : cert, 0,
            "%s is used only together with %s, which is missing; ignored "
            "(E-11)",
            key != CRJIT_NPOS ? key_name : cert_name,
            key != CRJIT_NPOS ? cert_name : key_name);
    st = ssl_file(run, key, key_name, &key_ok);
    if (st == CRJIT_OK)
        st = ssl_file(run, cert, cert_name, &cert_ok);
    if (key_ok && cert_ok)
        *ssl = true; /* appended to the kept pre-checkpoint pairs (E-14) */
    return st;
}

static crjit_status ssl_root(crjit__run *run, bool *ssl)
{
    static const char name[] = "-XX:JITServerSSLRootCerts=";
    size_t i = find_prefix(run, name);
    bool ok = false;
    crjit_status st;

    if (i == CRJIT_NPOS)
        return CRJIT_OK;
    st = ssl_file(run, i, name, &ok);
    if (ok)
        *ssl = true;
    return st;
}

/* ---- the common options (E-11…E-13) ---------------------------------------- */

/* A "-" that wins cannot undo a "+" the reference may have set before the
 * checkpoint (G-18); the checkpoint state does not record it. */
static crjit_status one_way(crjit__run *run, size_t minus, const char *what)
{
    return CRJIT__RUN_DIAG(run, CRJIT_SEV_WARNING, CRJIT_DIAG_ONE_WAY, minus, 0,
                           "%s can only be turned on: the \"-\" form does "
                           "not turn off a setting made before the "
                           "checkpoint (G-18)",
                           what);
}

static crjit_status require_server(crjit__run *run, crjit_jitserver_decision *d)
{
    size_t plus = find_exact(run, "-XX:+RequireJITServer");
    size_t minus = find_exact(run, "-XX:-RequireJITServer");

    if (wins(plus, minus)) {
        d->require_server = true;
        d->timeout_set = true;
        d->timeout_ms = REQUIRE_TIMEOUT_MS;
        return CRJIT_OK;
    }
    if (minus == CRJIT_NPOS)
        return CRJIT_OK;
    return one_way(run, minus, "-XX:+RequireJITServer");
}

static crjit_status log_connections(crjit__run *run,
                                    crjit_jitserver_decision *d)
{
    size_t plus = find_exact(run, "-XX:+JITServerLogConnections");
    size_t minus = find_exact(run, "-XX:-JITServerLogConnections");

    if (wins(plus, minus)) {
        d->log_connections = true;
        return CRJIT_OK;
    }
    if (minus == CRJIT_NPOS)
        return CRJIT_OK;
    return one_way(run, minus, "-XX:+JITServerLogConnections");
}

/* E-12: only a winning "+" keeps the AOT cache; neither resets it to off. */
static void aot_cache(crjit__run *run, crjit_jitserver_decision *d)
{
    size_t plus = find_exact(run, "-XX:+JITServerUseAOTCache");
    size_t minus = find_exact(run, "-XX:-JITServerUseAOTCache");
    d->use_aot_cache = wins(plus, minus);
}

/* -XX:JITServerAOTmx=: a memory value stored in 32 bits by the reference
 * (G-23), so larger values are out of range (DV-5). */
static crjit_status aot_cache_max(crjit__run *run, crjit_jitserver_decision *d)
{
    static const char name[] = "-XX:JITServerAOTmx=";
    size_t i = find_prefix(run, name), off = 0;
    uint64_t v = 0;
    crjit_value_status vs;

    if (i == CRJIT_NPOS)
        return CRJIT_OK;
    vs = crjit_ral_memory(run->ral, i, sizeof name - 1, UINT32_MAX, &v, &off);
    if (vs == CRJIT_VALUE_OK || vs == CRJIT_VALUE_TRAILING) {
        d->aot_cache_max_set = true;
        d->aot_cache_max = v;
    }
    if (vs == CRJIT_VALUE_OK)
        return CRJIT_OK;
    if (vs == CRJIT_VALUE_TRAILING) /* used, with the VM's warning */
        return CRJIT__RUN_DIAG(run, CRJIT_SEV_WARNING,
                               CRJIT_DIAG_VALUE_TRAILING, i, off,
                               "%s: characters after the size suffix are "
                               "ignored (A-31)",
                               name);
    return value_diag(run, i, off, vs, name, "at most 4294967295 bytes");
}

/* The port is an int for the reference; warn when it cannot be a TCP
 * port, but keep it, as the reference does. */
static crjit_status port(crjit__run *run, crjit_jitserver_decision *d)
{
    size_t i;
    crjit_status st = read_int(run, "-XX:JITServerPort=", &d->port_set,
                               &d->port, &i);
    if (st != CRJIT_OK || !d->port_set || (d->port >= 1 && d->port <= 65535))
        return st;
    return CRJIT__RUN_DIAG(run, CRJIT_SEV_WARNING,
                           CRJIT_DIAG_VALUE_OUT_OF_RANGE, i,
                           sizeof "-XX:JITServerPort=" - 1,
                           "-XX:JITServerPort=: %u is not a TCP port "
                           "(1 to 65535); it is kept, as the reference does",
                           (unsigned)d->port);
}

/* E-11 in the reference's order; every step runs (DV-11). */
static crjit_status common_options(crjit__run *run, crjit_jitserver_decision *d,
                                   bool *ssl)
{
    size_t where;
    crjit_status st = port(run, d);

    if (st == CRJIT_OK)
        st = require_server(run, d);
    if (st == CRJIT_OK)
        st = read_int(run, "-XX:JITServerTimeout=", &d->timeout_set,
                      &d->timeout_ms, &where);
    if (st == CRJIT_OK)
        st = ssl_pair(run, ssl);
    if (st == CRJIT_OK)
        st = ssl_root(run, ssl);
    if (st != CRJIT_OK)
        return st;
    aot_cache(run, d);
    st = log_connections(run, d);
    if (st == CRJIT_OK)
        st = aot_cache_max(run, d);
    return st;
}

/* E-13: local synchronous compiles are on unless "-" wins, or neither is
 * given and the process compiles synchronously or needs FSD.  Never
 * switched on here. */
static void local_sync(crjit__run *run, crjit_jitserver_decision *d)
{
    size_t plus = find_exact(run, "-XX:+JITServerLocalSyncCompiles");
    size_t minus = find_exact(run, "-XX:-JITServerLocalSyncCompiles");
    const crjit_checkpoint_state *ck = &run->checkpoint;

    d->local_sync_compiles = true;
    if (wins(minus, plus))
        d->local_sync_compiles = false;
    else if (plus == CRJIT_NPOS && minus == CRJIT_NPOS &&
             (!ck->async_compilation || ck->fsd_enabled))
        d->local_sync_compiles = false;
}

/* ---- the three outcomes ------------------------------------------------------ */

/* B-29, G-20: the JIT is off after restore, so nothing changes. */
static crjit_status skip(crjit__run *run, crjit_jitserver_decision *d)
{
    const crjit_checkpoint_state *ck = &run->checkpoint;
    crjit_status st = CRJIT_OK;

    d->processed = false;
    d->client_uid = ck->jitserver_client_uid;
    d->mode_none = !client_before(ck);
    if (run->plan->gate_open) /* closed: the external phase said so (DV-4) */
        st = note_each(run, CRJIT_NPOS,
                       "not applied: the JIT is off after restore, so the "
                       "JITServer options are not processed (B-29, G-20)");
    if (st != CRJIT_OK || !client_before(ck) ||
        !(ck->jitserver_requested || ck->jitserver_can_perform))
        return st;
    return crjit__note(run, CRJIT_SEV_NOTE, CRJIT_DIAG_NOT_APPLIED, CRJIT_NPOS,
                       0,
                       "the JIT is off after restore, so the JITServer state "
                       "(client mode, UIDs, remote compilation allowed) stays "
                       "as it was before the checkpoint (B-29, G-20)");
}

/* E-10: not enabled.  Mode NONE is for good (G-19).  That can only matter
 * when further checkpoints are possible (portable mode: a later restore may
 * want JITServer back), so warn then, if the user asked for JITServer in
 * any form.  A JVM that never mentioned JITServer leaves its implicit
 * client mode silently; a later +UseJITServer is told why it has no
 * effect (enable()). */
static crjit_status disable(crjit__run *run, crjit_jitserver_decision *d,
                            size_t plus, size_t minus)
{
    const crjit_checkpoint_state *ck = &run->checkpoint;
    bool later = checkpoint_allowed_after(ck);
    bool asked = minus != CRJIT_NPOS || ck->jitserver_requested ||
                 ck->jitserver_can_perform || any_js_option(run);
    bool refused = wins(plus, minus) && ck->jitserver_explicitly_disabled;
    /* The entry that already has its diagnostic, or decided the outcome. */
    size_t decider = refused ? plus : wins(minus, plus) ? minus : CRJIT_NPOS;
    crjit_status st = CRJIT_OK;

    d->mode_none = true;
    d->client_uid = 0;
    if (refused)
        st = crjit__note(run, CRJIT_SEV_WARNING, CRJIT_DIAG_SETTING_IGNORED,
                         plus, 0,
                         "-XX:+UseJITServer has no effect: -XX:-UseJITServer "
                         "before the checkpoint disabled JITServer for the "
                         "life of the process (E-3, E-8)");
    if (st == CRJIT_OK)
        st = note_each(run, decider,
                       "not applied: JITServer is not enabled after this "
                       "restore (E-8); it needs -XX:+UseJITServer at restore, "
                       "or before the checkpoint");
    if (st != CRJIT_OK || !client_before(ck) || !later || !asked)
        return st;
    return crjit__note(
        run, CRJIT_SEV_WARNING, CRJIT_DIAG_ONE_WAY,
        wins(minus, plus) ? minus : CRJIT_NPOS, 0,
        "JITServer is not enabled after this restore, so the JVM leaves "
        "JITServer client mode for good: a later restore cannot bring it "
        "back, even with -XX:+UseJITServer (E-10, G-19)");
}

/* E-9: enabled.  The remote mode itself is not changed here, so a JVM that
 * left client mode earlier stays out of it (G-19). */
static crjit_status enable(crjit__run *run, crjit_jitserver_decision *d,
                           size_t plus)
{
    const crjit_checkpoint_state *ck = &run->checkpoint;
    bool ssl = ck->jitserver_ssl;
    crjit_status st = common_options(run, d, &ssl);

    if (st != CRJIT_OK)
        return st;
    local_sync(run, d);
    st = read_text(run, "-XX:JITServerAddress=", &d->address);
    if (st == CRJIT_OK)
        st = read_text(run, "-XX:JITServerAOTCacheName=", &d->aot_cache_name);
    if (st == CRJIT_OK)
        st = new_uid(run, ck->jitserver_client_uid, &d->client_uid);
    if (st != CRJIT_OK)
        return st;
    d->new_client_uid = true;
    d->ssl_needed = ssl; /* DV-11: the host loads libssl, not the library */
    d->mode_none = !client_before(ck);
    if (client_before(ck))
        return CRJIT_OK;
    return crjit__note(run, CRJIT_SEV_WARNING, CRJIT_DIAG_SETTING_IGNORED, plus,
                       0,
                       ck->jitserver_mode_none
                           ? "JITServer is enabled, but an earlier restore "
                             "turned JITServer client mode off for good, so "
                             "no compilation goes remote (E-9, G-19)"
                           : "JITServer is enabled, but the JVM was not a "
                             "JITServer client before the checkpoint, so no "
                             "compilation goes remote (E-3, E-9)");
}

/* E-6 after restore: CA after restore is E and not NP (F-1). */
static bool remote_after(const crjit__run *run, const crjit_jitserver_decision *d,
                         bool can_perform)
{
    return !d->mode_none && run->plan->jit_enabled &&
           (!checkpoint_allowed_after(&run->checkpoint) || can_perform);
}

crjit_status crjit__phase_jitserver(crjit__run *run)
{
    const crjit_checkpoint_state *ck = &run->checkpoint;
    crjit_jitserver_decision *d = &run->plan->jitserver;
    size_t plus, minus;
    bool can_perform = ck->jitserver_can_perform;
    crjit_status st;

    memset(d, 0, sizeof *d);
    d->can_perform = can_perform;
    d->before_checkpoint = remote_before(ck);
    if (!run->plan->jit_processed || !run->plan->jit_enabled) {
        if (!run->plan->jit_processed) {
            d->client_uid = ck->jitserver_client_uid;
            d->mode_none = !client_before(ck);
            return CRJIT_OK; /* T-6: the jit-not-loaded note says it all */
        }
        st = skip(run, d);
        d->after_restore = remote_after(run, d, can_perform);
        return st;
    }
    d->processed = true;
    plus = find_exact(run, "-XX:+UseJITServer");
    minus = find_exact(run, "-XX:-UseJITServer");
    /* E-8; both absent is the only way R+ = R-. */
    d->enabled = (wins(plus, minus) && !ck->jitserver_explicitly_disabled) ||
                 (plus == CRJIT_NPOS && minus == CRJIT_NPOS &&
                  ck->jitserver_requested);
    can_perform = d->enabled;
    d->can_perform = can_perform;
    st = d->enabled ? enable(run, d, plus) : disable(run, d, plus, minus);
    d->after_restore = remote_after(run, d, can_perform);
    return st;
}
