/* The JITServer decision (Part E): the bootstrap flags derived from the
 * pre-checkpoint command line (E.1), the 20 cells of the E.4 table and the
 * hybrid-mode columns of E-21, the common options (E-11…E-13), DV-11 and
 * the kept reference behaviours G-18…G-20. */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define CRIU "-XX:+EnableCRIUSupport"
#define PORTABLE "-XX:-CRIURestoreNonPortableMode"
#define HYBRID "-XX:+JVMPortableRestoreMode"
#define USE_P "-XX:+UseJITServer"
#define USE_M "-XX:-UseJITServer"

/* ---- fixture ------------------------------------------------------------------ */

/* In-memory files for the SSL options. */
typedef struct mem_file {
    const char *path;
    const char *text;
} mem_file;

static const mem_file files[] = {
    { "key.pem", "-----BEGIN PRIVATE KEY-----\n" },
    { "cert.pem", "-----BEGIN CERTIFICATE-----\n" },
    { "root.pem", "-----BEGIN CERTIFICATE-----\nroot\n" },
    { "empty.pem", "" },
};

static int read_mem(void *user, const char *path, size_t path_len,
                    const char **text, size_t *len)
{
    size_t i;
    (void)user;
    for (i = 0; i < ARRAY_SIZE(files); i++)
        if (strlen(files[i].path) == path_len &&
            memcmp(files[i].path, path, path_len) == 0) {
            *text = files[i].text;
            *len = strlen(files[i].text);
            return 0;
        }
    return -1;
}

/* A deterministic UID source: the listed values, then the last forever. */
typedef struct uid_seq {
    const uint64_t *values;
    size_t count;
    size_t calls;
} uid_seq;

static uint64_t next_uid(void *user)
{
    uid_seq *s = user;
    size_t i = s->calls < s->count ? s->calls : s->count - 1;
    s->calls++;
    return s->values[i];
}

static const uint64_t uid_42[] = { 42 };

typedef struct fx {
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *pre, *post;
    crjit_checkpoint_state ck;
    crjit_plan *plan;
    crjit_jitserver_decision d;
    uid_seq seq;
    bool default_random; /* NULL random_uid: the library's own source */
} fx;

static void fx_init(fx *x)
{
    memset(x, 0, sizeof *x);
    x->ctx = test_ctx(&x->st, CRJIT_POLICY_REFERENCE);
    crjit_checkpoint_init(&x->ck);
    x->seq.values = uid_42;
    x->seq.count = 1;
}

/* Derive the checkpoint state from pre (NULL: keep x->ck as set). */
static void fx_derive(fx *x, const char *const *pre)
{
    x->pre = test_args(x->ctx, pre);
    assert_int_equal(crjit_checkpoint_from_args(x->pre, &x->ck), CRJIT_OK);
}

static void fx_plan(fx *x, const char *const *post)
{
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    x->post = test_args(x->ctx, post);
    in.args = x->post;
    in.checkpoint = &x->ck;
    in.read_file = read_mem;
    if (!x->default_random) {
        in.random_uid = next_uid;
        in.random_user = &x->seq;
    }
    assert_int_equal(crjit_plan_new(x->ctx, &in, &x->plan), CRJIT_OK);
    assert_true(crjit_plan_jitserver(x->plan, &x->d));
}

/* Pre-checkpoint args, then restore args. */
static void fx_run(fx *x, const char *const *pre, const char *const *post)
{
    fx_init(x);
    fx_derive(x, pre);
    fx_plan(x, post);
}

static void fx_done(fx *x)
{
    crjit_plan_free(x->plan);
    crjit_args_free(x->post);
    crjit_args_free(x->pre);
    crjit_ctx_free(x->ctx);
    assert_int_equal(x->st.live, 0);
}

static bool has_diag(const crjit_plan *plan, crjit_diag_code code, size_t arg,
                     crjit_severity sev)
{
    size_t i;
    for (i = 0; i < crjit_plan_diag_count(plan); i++) {
        const crjit_diagnostic *d = crjit_plan_diag(plan, i);
        if (d->code == code && (arg == CRJIT_NPOS || d->arg == arg) &&
            d->severity == sev)
            return true;
    }
    return false;
}

static size_t count_diags(const crjit_plan *plan, crjit_diag_code code)
{
    size_t i, n = 0;
    for (i = 0; i < crjit_plan_diag_count(plan); i++)
        if (crjit_plan_diag(plan, i)->code == code)
            n++;
    return n;
}

static size_t count_diags_at(const crjit_plan *plan, crjit_diag_code code,
                             size_t arg)
{
    size_t i, n = 0;
    for (i = 0; i < crjit_plan_diag_count(plan); i++)
        if (crjit_plan_diag(plan, i)->code == code &&
            crjit_plan_diag(plan, i)->arg == arg)
            n++;
    return n;
}

/* Diagnostics about a restore argument (other phases may add general ones,
 * e.g. about the CPU). */
static size_t arg_diags(const crjit_plan *plan)
{
    size_t i, n = 0;
    for (i = 0; i < crjit_plan_diag_count(plan); i++)
        if (crjit_plan_diag(plan, i)->arg != CRJIT_NPOS)
            n++;
    return n;
}

/* ---- E.4: the 5 x 4 table and E-21's hybrid columns ------------------------------- */

enum { MODE_NP, MODE_P, MODE_HYBRID, MODE_COUNT };

static const char *const mode_names[MODE_COUNT] = {
    "non-portable", "portable", "hybrid (+JVMPortableRestoreMode, E-21)"
};

typedef struct table_row {
    const char *name; /* as in the E.4 table */
    const char *pre;  /* pre-checkpoint JITServer option or NULL */
    const char *post; /* restore option or NULL */
    /* bootstrap flags (column 2): client, requested, explDisabled;
     * canPerform is requested in PRM modes (portable and hybrid) */
    bool client, requested, disabled;
    /* [mode][0 = pre, 1 = post] */
    bool remote[MODE_COUNT][2];
} table_row;

static const table_row table[] = {
    { "none / none", NULL, NULL, true, false, false,
      { { false, false }, { false, false }, { false, false } } },
    { "none / +UseJITServer", NULL, USE_P, true, false, false,
      { { false, true }, { false, true }, { false, true } } },
    { "+UseJITServer / none", USE_P, NULL, true, true, false,
      { { false, true }, { true, true }, { true, true } } },
    { "+UseJITServer / -UseJITServer", USE_P, USE_M, true, true, false,
      { { false, false }, { true, false }, { true, false } } },
    { "-UseJITServer / +UseJITServer", USE_M, USE_P, false, false, true,
      { { false, false }, { false, false }, { false, false } } },
};

#define CELLS (ARRAY_SIZE(table) * MODE_COUNT * 2)

typedef struct cell {
    const table_row *row;
    int mode;
    bool post;
    char name[96];
} cell;

static cell cells[CELLS];

static void run_cell(void **state)
{
    const cell *c = *state;
    const table_row *r = c->row;
    const char *pre[4] = { CRIU, NULL, NULL, NULL };
    const char *post[2] = { r->post, NULL };
    size_t n = 1;
    bool prm = c->mode != MODE_NP;
    fx x;

    if (c->mode == MODE_P)
        pre[n++] = PORTABLE;
    if (c->mode == MODE_HYBRID)
        pre[n++] = HYBRID;
    pre[n] = r->pre;
    fx_run(&x, pre, post);
    /* E-3: the bootstrap flags of the table's second column */
    assert_int_equal(x.ck.jitserver_client, r->client);
    assert_int_equal(x.ck.jitserver_requested, r->requested);
    assert_int_equal(x.ck.jitserver_can_perform, r->requested && prm);
    assert_int_equal(x.ck.jitserver_explicitly_disabled, r->disabled);
    assert_int_equal(x.ck.jitserver_client_uid != 0, r->client); /* E-4 */
    assert_true(x.d.processed);
    if (c->post)
        assert_int_equal(x.d.after_restore, r->remote[c->mode][1]);
    else
        assert_int_equal(x.d.before_checkpoint, r->remote[c->mode][0]);
    /* enabled rows keep client mode with a new UID; the others go NONE */
    assert_int_equal(x.d.mode_none, !x.d.enabled || !r->client);
    assert_int_equal(x.d.new_client_uid, x.d.enabled);
    assert_int_equal(x.d.client_uid, x.d.enabled ? 42u : 0u);
    /* E-20: in every mode, post-restore remote = enabled (the table rows) */
    assert_int_equal(x.d.after_restore, x.d.enabled && r->client);
    fx_done(&x);
}

/* ---- E.1: the derivation itself -------------------------------------------------- */

static void bootstrap_without_criu(void **state)
{
    static const char *const pre[] = { "-XX:-EnableCRIUSupport", NULL };
    static const char *const pre_on[] = { "-XX:-EnableCRIUSupport", USE_P,
                                          NULL };
    fx x;
    (void)state;
    /* no E: not an implicit client */
    fx_run(&x, pre, NULL);
    assert_false(x.ck.criu_enabled);
    assert_false(x.ck.jitserver_client);
    assert_false(x.ck.jitserver_requested);
    assert_false(x.ck.jitserver_explicitly_disabled);
    assert_int_equal(x.ck.jitserver_client_uid, 0);
    assert_false(x.d.before_checkpoint);
    fx_done(&x);
    /* explicit client without E: not "requested" (E-3 needs implicit) */
    fx_run(&x, pre_on, NULL);
    assert_true(x.ck.jitserver_client);
    assert_false(x.ck.jitserver_requested);
    assert_false(x.ck.jitserver_can_perform);
    assert_true(x.d.before_checkpoint); /* CA is not set without E */
    fx_done(&x);
}

static void bootstrap_rightmost_and_uid(void **state)
{
    static const char *const pre[] = { CRIU, USE_M, USE_P, NULL };
    static const char *const pre2[] = { CRIU, USE_P, USE_M, NULL };
    fx x;
    (void)state;
    fx_run(&x, pre, NULL);
    assert_true(x.ck.jitserver_requested);
    assert_false(x.ck.jitserver_explicitly_disabled);
    assert_int_equal(x.ck.jitserver_client_uid, 1); /* the placeholder */
    fx_done(&x);
    /* a host-set UID is kept for a client */
    fx_init(&x);
    x.ck.jitserver_client_uid = 777;
    fx_derive(&x, pre);
    assert_int_equal(x.ck.jitserver_client_uid, 777);
    fx_plan(&x, NULL);
    fx_done(&x);
    /* and cleared for a non-client (E-4) */
    fx_init(&x);
    x.ck.jitserver_client_uid = 777;
    fx_derive(&x, pre2);
    assert_false(x.ck.jitserver_client);
    assert_true(x.ck.jitserver_explicitly_disabled);
    assert_int_equal(x.ck.jitserver_client_uid, 0);
    fx_plan(&x, NULL);
    fx_done(&x);
}

static void bootstrap_ssl(void **state)
{
    static const char *const pair[] = { CRIU, "-XX:JITServerSSLKey=k.pem",
                                        "-XX:JITServerSSLCert=c.pem", NULL };
    static const char *const key_only[] = { CRIU, "-XX:JITServerSSLKey=k",
                                            NULL };
    static const char *const roots[] = { CRIU,
                                         "-XX:JITServerSSLRootCerts=r.pem",
                                         NULL };
    static const char *const off[] = { CRIU, USE_M,
                                       "-XX:JITServerSSLRootCerts=r.pem",
                                       NULL };
    fx x;
    (void)state;
    fx_run(&x, pair, NULL);
    assert_true(x.ck.jitserver_ssl);
    fx_done(&x);
    fx_run(&x, key_only, NULL);
    assert_false(x.ck.jitserver_ssl);
    fx_done(&x);
    fx_run(&x, roots, NULL);
    assert_true(x.ck.jitserver_ssl);
    fx_done(&x);
    fx_run(&x, off, NULL); /* not a client: nothing parsed */
    assert_false(x.ck.jitserver_ssl);
    fx_done(&x);
}

/* ---- E-9, E-11…E-13 ---------------------------------------------------------------- */

static const char *const pre_requested[] = { CRIU, USE_P, NULL };

static void e11_port_timeout_require(void **state)
{
    static const char *const post[] = { "-XX:JITServerPort=38400",
                                        "-XX:JITServerTimeout=5000",
                                        "-XX:+RequireJITServer", NULL };
    static const char *const post2[] = { "-XX:+RequireJITServer", NULL };
    static const char *const none[] = { NULL };
    fx x;
    (void)state;
    fx_run(&x, pre_requested, post);
    assert_true(x.d.enabled);
    assert_true(x.d.port_set);
    assert_int_equal(x.d.port, 38400);
    assert_true(x.d.require_server);
    assert_true(x.d.timeout_set);
    assert_int_equal(x.d.timeout_ms, 5000); /* the timeout overrides */
    assert_int_equal(arg_diags(x.plan), 0);
    assert_true(crjit_plan_accepted(x.plan));
    fx_done(&x);
    fx_run(&x, pre_requested, post2);
    assert_true(x.d.require_server);
    assert_int_equal(x.d.timeout_ms, 60000);
    fx_done(&x);
    fx_run(&x, pre_requested, none);
    assert_false(x.d.port_set);
    assert_false(x.d.timeout_set);
    assert_false(x.d.require_server);
    assert_null(x.d.address);
    assert_null(x.d.aot_cache_name);
    fx_done(&x);
}

static void e11_bad_integers(void **state)
{
    static const char *const post[] = { "-XX:JITServerPort=38x",
                                        "-XX:JITServerTimeout=3000000000",
                                        NULL };
    static const char *const post2[] = { "-XX:JITServerPort=70000",
                                         "-XX:JITServerTimeout=", NULL };
    fx x;
    (void)state;
    fx_run(&x, pre_requested, post);
    assert_false(x.d.port_set);
    assert_false(x.d.timeout_set);
    assert_true(has_diag(x.plan, CRJIT_DIAG_VALUE_MALFORMED, 0,
                         CRJIT_SEV_WARNING));
    assert_true(has_diag(x.plan, CRJIT_DIAG_VALUE_OUT_OF_RANGE, 1,
                         CRJIT_SEV_WARNING));
    assert_int_equal(crjit_plan_diag(x.plan, 0)->offset,
                     strlen("-XX:JITServerPort=38"));
    fx_done(&x);
    /* not a TCP port: kept as the reference does, with a warning */
    fx_run(&x, pre_requested, post2);
    assert_true(x.d.port_set);
    assert_int_equal(x.d.port, 70000);
    assert_true(has_diag(x.plan, CRJIT_DIAG_VALUE_OUT_OF_RANGE, 0,
                         CRJIT_SEV_WARNING));
    assert_false(x.d.timeout_set);
    assert_true(has_diag(x.plan, CRJIT_DIAG_VALUE_MALFORMED, 1,
                         CRJIT_SEV_WARNING));
    fx_done(&x);
}

static void e11_ssl_pair_and_roots(void **state)
{
    static const char *const pair[] = { "-XX:JITServerSSLKey=key.pem",
                                        "-XX:JITServerSSLCert=cert.pem",
                                        NULL };
    static const char *const key_only[] = { "-XX:JITServerSSLKey=key.pem",
                                            NULL };
    static const char *const roots[] = {
        "-XX:JITServerSSLRootCerts=root.pem", NULL
    };
    static const char *const none[] = { NULL };
    fx x;
    (void)state;
    fx_run(&x, pre_requested, pair);
    assert_false(x.ck.jitserver_ssl);
    assert_true(x.d.ssl_needed);
    assert_int_equal(arg_diags(x.plan), 0);
    fx_done(&x);
    fx_run(&x, pre_requested, key_only);
    assert_false(x.d.ssl_needed);
    assert_true(has_diag(x.plan, CRJIT_DIAG_SETTING_IGNORED, 0,
                         CRJIT_SEV_WARNING));
    fx_done(&x);
    fx_run(&x, pre_requested, roots);
    assert_true(x.d.ssl_needed);
    fx_done(&x);
    /* SSL configured before the checkpoint is still needed (E-9) */
    fx_init(&x);
    x.ck.jitserver_ssl = true;
    fx_derive(&x, pre_requested);
    assert_false(x.ck.jitserver_ssl); /* derived again: none given */
    x.ck.jitserver_ssl = true;        /* as a host would set it */
    fx_plan(&x, none);
    assert_true(x.d.ssl_needed);
    fx_done(&x);
}

/* DV-11: a bad SSL file is an error diagnostic and every later option is
 * still applied (the reference stops, G-21). */
static void dv11_bad_ssl_file_parsing_continues(void **state)
{
    static const char *const post[] = {
        "-XX:JITServerSSLKey=missing.pem", "-XX:JITServerSSLCert=cert.pem",
        "-XX:JITServerSSLRootCerts=empty.pem", "-XX:+JITServerUseAOTCache",
        "-XX:+JITServerLogConnections", "-XX:JITServerAOTmx=64m", NULL
    };
    fx x;
    (void)state;
    fx_run(&x, pre_requested, post);
    assert_true(has_diag(x.plan, CRJIT_DIAG_SETTING_IGNORED, 0,
                         CRJIT_SEV_ERROR));
    assert_true(has_diag(x.plan, CRJIT_DIAG_SETTING_IGNORED, 2,
                         CRJIT_SEV_ERROR));
    assert_int_equal(crjit_plan_diag(x.plan, 0)->offset,
                     strlen("-XX:JITServerSSLKey="));
    assert_false(x.d.ssl_needed); /* neither the pair nor the roots load */
    assert_true(x.d.use_aot_cache);
    assert_true(x.d.log_connections);
    assert_true(x.d.aot_cache_max_set);
    assert_int_equal(x.d.aot_cache_max, 64u << 20);
    assert_true(x.d.new_client_uid);
    /* the reference policy keeps the restore; strict rejects it */
    assert_true(crjit_plan_accepted(x.plan));
    fx_done(&x);
}

static void dv11_strict_rejects_bad_ssl_file(void **state)
{
    static const char *const post[] = { "-XX:JITServerSSLRootCerts=nope",
                                        "-XX:+JITServerLogConnections",
                                        NULL };
    test_alloc st;
    crjit_ctx *ctx;
    crjit_args *pre, *args;
    crjit_checkpoint_state ck = CRJIT_CHECKPOINT_INIT;
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_plan *plan = NULL;
    crjit_jitserver_decision d;
    uid_seq seq = { uid_42, 1, 0 };

    (void)state;
    memset(&st, 0, sizeof st);
    ctx = test_ctx(&st, CRJIT_POLICY_STRICT);
    pre = test_args(ctx, pre_requested);
    args = test_args(ctx, post);
    assert_int_equal(crjit_checkpoint_from_args(pre, &ck), CRJIT_OK);
    in.args = args;
    in.checkpoint = &ck;
    in.read_file = read_mem;
    in.random_uid = next_uid;
    in.random_user = &seq;
    assert_int_equal(crjit_plan_new(ctx, &in, &plan), CRJIT_OK);
    assert_false(crjit_plan_accepted(plan));
    assert_true(crjit_plan_jitserver(plan, &d));
    assert_true(d.log_connections); /* parsing went on */
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_args_free(pre);
    crjit_ctx_free(ctx);
    assert_int_equal(st.live, 0);
}

static void dv11_no_read_file_callback(void **state)
{
    static const char *const post[] = {
        "-XX:JITServerSSLRootCerts=root.pem", NULL
    };
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    fx x;
    (void)state;
    fx_init(&x);
    fx_derive(&x, pre_requested);
    x.post = test_args(x.ctx, post);
    in.args = x.post;
    in.checkpoint = &x.ck;
    in.random_uid = next_uid;
    in.random_user = &x.seq;
    assert_int_equal(crjit_plan_new(x.ctx, &in, &x.plan), CRJIT_OK);
    assert_true(crjit_plan_jitserver(x.plan, &x.d));
    assert_false(x.d.ssl_needed);
    assert_true(has_diag(x.plan, CRJIT_DIAG_SETTING_IGNORED, 0,
                         CRJIT_SEV_ERROR));
    fx_done(&x);
}

static void e12_aot_cache(void **state)
{
    static const char *const plus[] = { "-XX:+JITServerUseAOTCache", NULL };
    static const char *const minus_plus[] = { "-XX:-JITServerUseAOTCache",
                                              "-XX:+JITServerUseAOTCache",
                                              NULL };
    static const char *const plus_minus[] = { "-XX:+JITServerUseAOTCache",
                                              "-XX:-JITServerUseAOTCache",
                                              NULL };
    static const char *const pre_on[] = { CRIU, USE_P,
                                          "-XX:+JITServerUseAOTCache", NULL };
    fx x;
    (void)state;
    fx_run(&x, pre_requested, plus);
    assert_true(x.d.use_aot_cache);
    fx_done(&x);
    fx_run(&x, pre_requested, minus_plus);
    assert_true(x.d.use_aot_cache);
    fx_done(&x);
    fx_run(&x, pre_requested, plus_minus);
    assert_false(x.d.use_aot_cache);
    fx_done(&x);
    /* neither: off, even if it was on before the checkpoint (G-18) */
    fx_run(&x, pre_on, NULL);
    assert_false(x.d.use_aot_cache);
    fx_done(&x);
}

static void e11_aotmx_memory_value(void **state)
{
    static const char *const k[] = { "-XX:JITServerAOTmx=1024k", NULL };
    static const char *const bare[] = { "-XX:JITServerAOTmx=1001", NULL };
    static const char *const big[] = { "-XX:JITServerAOTmx=8g", NULL };
    static const char *const trail[] = { "-XX:JITServerAOTmx=2mb", NULL };
    static const char *const bad[] = { "-XX:JITServerAOTmx=lots", NULL };
    fx x;
    (void)state;
    fx_run(&x, pre_requested, k);
    assert_int_equal(x.d.aot_cache_max, 1u << 20);
    fx_done(&x);
    fx_run(&x, pre_requested, bare); /* rounded up to 8 */
    assert_int_equal(x.d.aot_cache_max, 1008);
    fx_done(&x);
    fx_run(&x, pre_requested, big); /* a 32-bit field (G-23, DV-5) */
    assert_false(x.d.aot_cache_max_set);
    assert_true(has_diag(x.plan, CRJIT_DIAG_VALUE_OUT_OF_RANGE, 0,
                         CRJIT_SEV_WARNING));
    fx_done(&x);
    fx_run(&x, pre_requested, trail);
    assert_true(x.d.aot_cache_max_set);
    assert_int_equal(x.d.aot_cache_max, 2u << 20);
    assert_true(has_diag(x.plan, CRJIT_DIAG_VALUE_TRAILING, 0,
                         CRJIT_SEV_WARNING));
    fx_done(&x);
    fx_run(&x, pre_requested, bad);
    assert_false(x.d.aot_cache_max_set);
    assert_true(has_diag(x.plan, CRJIT_DIAG_VALUE_MALFORMED, 0,
                         CRJIT_SEV_WARNING));
    fx_done(&x);
}

static void e13_local_sync_compiles(void **state)
{
    static const char *const minus[] = { "-XX:-JITServerLocalSyncCompiles",
                                         NULL };
    static const char *const plus[] = { "-XX:+JITServerLocalSyncCompiles",
                                        NULL };
    static const char *const pre_sync[] = { CRIU, USE_P,
                                            "-Xjit:disableAsyncCompilation",
                                            NULL };
    fx x;
    (void)state;
    fx_run(&x, pre_requested, NULL); /* default on */
    assert_true(x.d.local_sync_compiles);
    fx_done(&x);
    fx_run(&x, pre_requested, minus);
    assert_false(x.d.local_sync_compiles);
    fx_done(&x);
    /* neither, and the process is synchronous (I2): off */
    fx_run(&x, pre_sync, NULL);
    assert_false(x.ck.async_compilation);
    assert_false(x.d.local_sync_compiles);
    fx_done(&x);
    /* "+" keeps it as it is (never switched on, never off by the rule) */
    fx_run(&x, pre_sync, plus);
    assert_true(x.d.local_sync_compiles);
    fx_done(&x);
    /* neither, and FSD is on: off */
    fx_init(&x);
    fx_derive(&x, pre_requested);
    x.ck.fsd_enabled = true;
    fx_plan(&x, NULL);
    assert_false(x.d.local_sync_compiles);
    fx_done(&x);
}

static void e9_address_and_cache_name(void **state)
{
    static const char *const post[] = { "-XX:JITServerAddress=a=b",
                                        "-XX:JITServerAOTCacheName=mycache",
                                        "-XX:JITServerAddress=server.local",
                                        NULL };
    static const char *const empty[] = { "-XX:JITServerAddress=", NULL };
    fx x;
    (void)state;
    fx_run(&x, pre_requested, post);
    assert_string_equal(x.d.address, "server.local"); /* rightmost */
    assert_string_equal(x.d.aot_cache_name, "mycache");
    fx_done(&x);
    {
        static const char *const first[] = { "-XX:JITServerAddress=a=b",
                                             NULL };
        fx_run(&x, pre_requested, first); /* text after the first '=' */
        assert_string_equal(x.d.address, "a=b");
        fx_done(&x);
    }
    fx_run(&x, pre_requested, empty);
    assert_string_equal(x.d.address, "");
    assert_true(has_diag(x.plan, CRJIT_DIAG_VALUE_MALFORMED, 0,
                         CRJIT_SEV_WARNING));
    fx_done(&x);
}

/* E-9: the new client UID differs from the old one and from 0. */
static void e9_new_client_uid(void **state)
{
    static const uint64_t seq[] = { 1, 0, 0x5eed };
    fx x;
    (void)state;
    fx_init(&x);
    fx_derive(&x, pre_requested);
    assert_int_equal(x.ck.jitserver_client_uid, 1);
    x.seq.values = seq;
    x.seq.count = ARRAY_SIZE(seq);
    fx_plan(&x, NULL);
    assert_true(x.d.new_client_uid);
    assert_int_equal(x.d.client_uid, 0x5eed);
    assert_int_equal(x.seq.calls, 3);
    fx_done(&x);
}

static void e9_stuck_uid_source(void **state)
{
    static const uint64_t stuck[] = { 1 };
    fx x;
    (void)state;
    fx_init(&x);
    fx_derive(&x, pre_requested);
    x.seq.values = stuck;
    x.seq.count = 1;
    fx_plan(&x, NULL);
    assert_int_equal(x.seq.calls, 64);
    assert_true(x.d.client_uid != 0 && x.d.client_uid != 1);
    assert_true(has_diag(x.plan, CRJIT_DIAG_SETTING_IGNORED, CRJIT_NPOS,
                         CRJIT_SEV_WARNING));
    fx_done(&x);
}

static void e9_default_uid_source(void **state)
{
    fx x;
    (void)state;
    fx_init(&x);
    fx_derive(&x, pre_requested);
    x.default_random = true;
    fx_plan(&x, NULL);
    assert_true(x.d.new_client_uid);
    assert_true(x.d.client_uid != 0 && x.d.client_uid != 1);
    fx_done(&x);
}

/* ---- not enabled, G-18…G-20 ------------------------------------------------------- */

static void e10_not_enabled_options_not_applied(void **state)
{
    static const char *const pre[] = { CRIU, NULL };
    static const char *const post[] = { "-XX:JITServerPort=38400",
                                        "-XX:JITServerAddress=h", NULL };
    fx x;
    (void)state;
    fx_run(&x, pre, post);
    assert_true(x.d.processed);
    assert_false(x.d.enabled);
    assert_true(x.d.mode_none);
    assert_false(x.d.port_set);
    assert_null(x.d.address);
    assert_int_equal(x.d.client_uid, 0);
    assert_false(x.d.new_client_uid);
    assert_true(has_diag(x.plan, CRJIT_DIAG_NOT_APPLIED, 0, CRJIT_SEV_NOTE));
    assert_true(has_diag(x.plan, CRJIT_DIAG_NOT_APPLIED, 1, CRJIT_SEV_NOTE));
    /* non-portable: no later restore, so G-19 is not worth a warning */
    assert_int_equal(count_diags(x.plan, CRJIT_DIAG_ONE_WAY), 0);
    /* consumed (DV-3), so the restore is accepted */
    assert_int_equal(crjit_plan_arg_status(x.plan, 0), CRJIT_ARG_CONSUMED);
    assert_true(crjit_plan_accepted(x.plan));
    fx_done(&x);
}

/* A JVM that never mentioned JITServer leaves implicit client mode without
 * a word (the common case). */
static void e10_silent_without_intent(void **state)
{
    static const char *const pre[] = { CRIU, PORTABLE, NULL };
    fx x;
    (void)state;
    fx_run(&x, pre, NULL);
    assert_true(x.d.mode_none);
    assert_int_equal(count_diags(x.plan, CRJIT_DIAG_ONE_WAY), 0);
    assert_int_equal(count_diags(x.plan, CRJIT_DIAG_NOT_APPLIED), 0);
    fx_done(&x);
}

static void g18_one_way_options(void **state)
{
    static const char *const post[] = { "-XX:+RequireJITServer",
                                        "-XX:-RequireJITServer",
                                        "-XX:+JITServerLogConnections",
                                        "-XX:-JITServerLogConnections",
                                        NULL };
    fx x;
    (void)state;
    fx_run(&x, pre_requested, post);
    assert_false(x.d.require_server);
    assert_false(x.d.log_connections);
    assert_true(has_diag(x.plan, CRJIT_DIAG_ONE_WAY, 1, CRJIT_SEV_WARNING));
    assert_true(has_diag(x.plan, CRJIT_DIAG_ONE_WAY, 3, CRJIT_SEV_WARNING));
    fx_done(&x);
}

/* G-19: disabling in portable mode sets mode NONE for good, with a
 * warning; a later restore with +UseJITServer cannot bring it back. */
static void g19_mode_none_permanent(void **state)
{
    static const char *const pre[] = { CRIU, PORTABLE, USE_P, NULL };
    static const char *const off[] = { USE_M, NULL };
    static const char *const on[] = { USE_P, NULL };
    fx x;
    (void)state;
    fx_run(&x, pre, off);
    assert_false(x.d.enabled);
    assert_true(x.d.mode_none);
    assert_false(x.d.after_restore);
    assert_true(has_diag(x.plan, CRJIT_DIAG_ONE_WAY, 0, CRJIT_SEV_WARNING));
    fx_done(&x);
    /* the next restore of the same process */
    fx_init(&x);
    fx_derive(&x, pre);
    x.ck.jitserver_mode_none = true;
    x.ck.jitserver_can_perform = false;
    x.ck.jitserver_client_uid = 0;
    fx_plan(&x, on);
    assert_true(x.d.enabled);
    assert_true(x.d.mode_none);
    assert_false(x.d.after_restore);
    assert_false(x.d.before_checkpoint);
    assert_true(has_diag(x.plan, CRJIT_DIAG_SETTING_IGNORED, 0,
                         CRJIT_SEV_WARNING));
    fx_done(&x);
}

static void e8_explicitly_disabled_at_bootstrap(void **state)
{
    static const char *const pre[] = { CRIU, USE_M, NULL };
    static const char *const post[] = { USE_P, NULL };
    fx x;
    (void)state;
    fx_run(&x, pre, post);
    assert_false(x.d.enabled);
    assert_true(has_diag(x.plan, CRJIT_DIAG_SETTING_IGNORED, 0,
                         CRJIT_SEV_WARNING));
    /* one diagnostic for the refused option, not a second "not applied" */
    assert_int_equal(count_diags_at(x.plan, CRJIT_DIAG_NOT_APPLIED, 0), 0);
    fx_done(&x);
}

/* G-20, B-29: JIT off after restore (AOT on): nothing changes. */
static void g20_jit_off_skips(void **state)
{
    static const char *const pre[] = { CRIU, PORTABLE, USE_P, NULL };
    static const char *const post[] = { "-Xnojit", USE_M,
                                        "-XX:JITServerPort=1", NULL };
    fx x;
    (void)state;
    fx_run(&x, pre, post);
    assert_false(crjit_plan_jit_enabled(x.plan));
    assert_true(crjit_plan_aot_enabled(x.plan));
    assert_false(x.d.processed);
    assert_false(x.d.enabled);
    assert_false(x.d.mode_none);     /* left as it was */
    assert_int_equal(x.d.client_uid, 1); /* the old UID */
    assert_false(x.d.new_client_uid);
    assert_false(x.d.port_set);
    assert_true(x.d.before_checkpoint);
    assert_false(x.d.after_restore); /* the JIT is off */
    assert_true(has_diag(x.plan, CRJIT_DIAG_NOT_APPLIED, 1, CRJIT_SEV_NOTE));
    assert_true(has_diag(x.plan, CRJIT_DIAG_NOT_APPLIED, 2, CRJIT_SEV_NOTE));
    assert_true(has_diag(x.plan, CRJIT_DIAG_NOT_APPLIED, CRJIT_NPOS,
                         CRJIT_SEV_NOTE));
    assert_int_equal(x.seq.calls, 0);
    fx_done(&x);
}

/* T-6: the JIT never ran: not processed, nothing consumed. */
static void t6_jit_not_loaded(void **state)
{
    static const char *const pre[] = { CRIU, "-Xint", NULL };
    static const char *const post[] = { USE_P, NULL };
    fx x;
    (void)state;
    fx_run(&x, pre, post);
    assert_false(x.d.processed);
    assert_false(x.d.before_checkpoint);
    assert_false(x.d.after_restore);
    assert_int_equal(x.seq.calls, 0);
    fx_done(&x);
}

/* DV-4: with JIT and AOT off the external phase already says "not
 * applied"; no second note. */
static void dv4_gate_closed_one_note(void **state)
{
    static const char *const post[] = { "-Xnojit", "-Xnoaot",
                                        "-XX:JITServerPort=1", NULL };
    fx x;
    (void)state;
    fx_run(&x, pre_requested, post);
    assert_false(x.d.processed);
    assert_int_equal(count_diags_at(x.plan, CRJIT_DIAG_NOT_APPLIED, 2), 1);
    assert_true(has_diag(x.plan, CRJIT_DIAG_NOT_APPLIED, 2,
                         CRJIT_SEV_WARNING));
    fx_done(&x);
}

/* Every allocation failure leaves nothing behind. */
static void oom_everywhere(void **state)
{
    static const char *const post[] = { "-XX:JITServerAddress=h",
                                        "-XX:JITServerAOTCacheName=n",
                                        "-XX:JITServerSSLKey=missing.pem",
                                        "-XX:JITServerSSLCert=cert.pem",
                                        NULL };
    size_t k;
    (void)state;
    for (k = 1;; k++) {
        fx x;
        crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
        crjit_status st;
        fx_init(&x);
        fx_derive(&x, pre_requested);
        x.post = test_args(x.ctx, post);
        in.args = x.post;
        in.checkpoint = &x.ck;
        in.read_file = read_mem;
        in.random_uid = next_uid;
        in.random_user = &x.seq;
        x.st.fail_at = x.st.total + k;
        st = crjit_plan_new(x.ctx, &in, &x.plan);
        x.st.fail_at = 0;
        if (st == CRJIT_OK) {
            assert_true(crjit_plan_jitserver(x.plan, &x.d));
            assert_string_equal(x.d.address, "h");
            fx_done(&x);
            break;
        }
        assert_int_equal(st, CRJIT_E_NOMEM);
        assert_null(x.plan);
        fx_done(&x);
    }
    assert_true(k > 1);
}

static void null_parameters(void **state)
{
    crjit_jitserver_decision d;
    fx x;
    (void)state;
    assert_false(crjit_plan_jitserver(NULL, &d));
    fx_run(&x, pre_requested, NULL);
    assert_false(crjit_plan_jitserver(x.plan, NULL));
    fx_done(&x);
}

#define NAMED(name, fn) { name, fn, NULL, NULL, NULL }

int main(void)
{
    static const struct CMUnitTest extra[] = {
        NAMED("E-2 no E: no implicit client; explicit is not requested",
              bootstrap_without_criu),
        NAMED("E-3 rightmost UseJITServer wins; E-4 client UID placeholder",
              bootstrap_rightmost_and_uid),
        NAMED("E.1 SSL configured before the checkpoint",
              bootstrap_ssl),
        NAMED("E-11 port, timeout, +RequireJITServer",
              e11_port_timeout_require),
        NAMED("E-11 DV-5 bad port and timeout values", e11_bad_integers),
        NAMED("E-11 SSL key/cert pair and root certs; E-9 SSL needed",
              e11_ssl_pair_and_roots),
        NAMED("DV-11 a bad SSL file: diagnostic, later options applied",
              dv11_bad_ssl_file_parsing_continues),
        NAMED("DV-11 the strict policy rejects a bad SSL file",
              dv11_strict_rejects_bad_ssl_file),
        NAMED("DV-11 no read_file callback: SSL files unreadable",
              dv11_no_read_file_callback),
        NAMED("E-12 JITServerUseAOTCache, neither means off", e12_aot_cache),
        NAMED("E-11 JITServerAOTmx= memory value", e11_aotmx_memory_value),
        NAMED("E-13 local synchronous compiles", e13_local_sync_compiles),
        NAMED("E-9 address and AOT cache name after the first '='",
              e9_address_and_cache_name),
        NAMED("E-9 new client UID differs from the old one and 0",
              e9_new_client_uid),
        NAMED("E-9 a stuck UID source is given up on", e9_stuck_uid_source),
        NAMED("E-9 the library's own UID source", e9_default_uid_source),
        NAMED("E-10 not enabled: JITServer options not applied",
              e10_not_enabled_options_not_applied),
        NAMED("E-10 implicit client left silently", e10_silent_without_intent),
        NAMED("G-18 -RequireJITServer / -JITServerLogConnections cannot clear",
              g18_one_way_options),
        NAMED("G-19 mode NONE is permanent", g19_mode_none_permanent),
        NAMED("E-8 -UseJITServer before the checkpoint wins for good",
              e8_explicitly_disabled_at_bootstrap),
        NAMED("G-20 JIT off after restore: JITServer processing skipped",
              g20_jit_off_skips),
        NAMED("T-6 JIT not loaded: not processed", t6_jit_not_loaded),
        NAMED("DV-4 gate closed: one not-applied note",
              dv4_gate_closed_one_note),
        NAMED("allocation failures leave nothing behind", oom_everywhere),
        NAMED("crjit_plan_jitserver NULL parameters", null_parameters),
    };
    static struct CMUnitTest tests[CELLS + ARRAY_SIZE(extra)];
    size_t r, m, n = 0, i;

    /* Cells in the table's order: each row, then its mode columns. */
    for (r = 0; r < ARRAY_SIZE(table); r++)
        for (m = 0; m < MODE_COUNT; m++) {
            int col;
            for (col = 0; col < 2; col++) {
                cell *c = &cells[n];
                struct CMUnitTest t = { NULL, run_cell, NULL, NULL, NULL };
                c->row = &table[r];
                c->mode = (int)m;
                c->post = col == 1;
                snprintf(c->name, sizeof c->name, "%s, %s, %s", table[r].name,
                         mode_names[m], col == 1 ? "post" : "pre");
                t.name = c->name;
                t.initial_state = c;
                tests[n++] = t;
            }
        }
    for (i = 0; i < ARRAY_SIZE(extra); i++)
        tests[n++] = extra[i];
    return _cmocka_run_group_tests("jitserver", tests, n, NULL, NULL);
}
