/* fuzz_plan: a whole plan with a fuzzed checkpoint state, restore facts and
 * code cache, then crjit_plan_body_action on every body and crjit_apply
 * (CRJIT_APPLY_FORCE) on a copy of the code cache.
 *
 * Input:  [4 bytes: fault injection, see fuzz_common.h]
 *         [header, 40 bytes, zero bytes meaning the defaults:]
 *           4  checkpoint flag bits, each flips a CRJIT_CHECKPOINT_INIT bool
 *              (bits 27..30: vlog, rtlog, -Xjit:, -Xaot: strings present)
 *           1  threads_allocated ^ 15    1  threads_usable ^ 7
 *           1  jitserver_client_uid
 *           10 checkpoint_cpu  (arch byte % 4, level byte, 8 feature bytes)
 *           10 portable_target (same)
 *           2  restore-fact bits, each flips a CRJIT_RESTORE_FACTS_INIT bool
 *              (bit 11: facts NULL, 12: checkpoint NULL, 13: no host ops,
 *               14: strict policy, 15: host extra sub-option names)
 *           1  processor_count
 *           10 restore_cpu (same as checkpoint_cpu)
 *         then 0x01-separated parts: vlog, rtlog, -Xjit: options, -Xaot:
 *         options, --methods text, restore args (NUL-separated), limitfile
 *         text (served for every path except one starting with '!').
 *
 * Invariants: injected allocation failures are reported; the plan checks of
 * fuzz_check_plan; crjit_plan_body_action over the bodies agrees with
 * crjit_plan_invalidation_counts, which agree with what crjit_apply reports
 * and does on a copy of the cache; apply's setters receive the plan's
 * decisions; a rejected plan is not applied without CRJIT_APPLY_FORCE; no
 * allocation outlives the context. */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

static fuzz_alloc A;

#define CALL(st, expr, name)                                                 \
    do {                                                                     \
        size_t before_ = A.failures;                                         \
        (st) = (expr);                                                       \
        fuzz_reported(&A, before_, (st), (name));                            \
    } while (0)

static uint64_t next_uid(void *user)
{
    uint64_t *n = user;
    return ++*n;
}

typedef struct lf_reader {
    const char *text;
    size_t len;
} lf_reader;

static int read_lf(void *user, const char *path, size_t path_len,
                   const char **text, size_t *len)
{
    lf_reader *r = user;
    if (path_len != 0 && path[0] == '!')
        return 1;
    *text = r->text;
    *len = r->len;
    return 0;
}

static const char *const extra[] = { "hostFlag", "hostValue=" };

static crjit_cpu read_cpu(fuzz_in *in)
{
    crjit_cpu c;
    c.arch = (crjit_arch)(fuzz_u8(in) % 4);
    c.level = fuzz_u8(in);
    c.features = fuzz_u64(in);
    return c;
}

/* ---- apply on a copy: a host that records the setters ---------------- */

typedef struct host {
    crjit_codecache *cache;
    crjit_host_ops cc; /* the cache's own operations */
    const crjit_plan *plan;
    unsigned compiler_calls, thread_calls, vlog_calls;
    size_t calls; /* every callback */
} host;

static int h_body_count(void *user, size_t *count)
{
    host *h = user;
    h->calls++;
    return h->cc.body_count(h->cache, count);
}

static int h_get_bodies(void *user, size_t first, crjit_body *out,
                        size_t max, size_t *got)
{
    host *h = user;
    h->calls++;
    return h->cc.get_bodies(h->cache, first, out, max, got);
}

static int h_invalidate(void *user, size_t index)
{
    host *h = user;
    h->calls++;
    return h->cc.invalidate(h->cache, index);
}

static int h_forget(void *user, size_t index)
{
    host *h = user;
    h->calls++;
    return h->cc.forget_memoized(h->cache, index);
}

static int h_purge(void *user)
{
    host *h = user;
    h->calls++;
    return h->cc.purge_memoized(h->cache);
}

static int h_set_compiler(void *user, bool jit, bool aot)
{
    host *h = user;
    h->calls++;
    h->compiler_calls++;
    FUZZ_CHECK(jit == crjit_plan_jit_enabled(h->plan));
    FUZZ_CHECK(aot == crjit_plan_aot_enabled(h->plan));
    return 0;
}

static int h_set_threads(void *user, unsigned count)
{
    host *h = user;
    h->calls++;
    h->thread_calls++;
    FUZZ_CHECK(count == crjit_plan_compilation_threads(h->plan));
    return 0;
}

static int h_open_vlog(void *user, int action, const char *file)
{
    host *h = user;
    const char *want = NULL;
    crjit_log_action a = crjit_plan_vlog(h->plan, &want);
    h->calls++;
    h->vlog_calls++;
    FUZZ_CHECK(action == (int)a && a != CRJIT_LOG_NONE);
    FUZZ_CHECK(file != NULL && want != NULL && strcmp(file, want) == 0);
    return 0;
}

static void check_apply(const crjit_plan *plan, const crjit_codecache *orig,
                        crjit_codecache *copy)
{
    host h;
    crjit_host_ops ops = CRJIT_HOST_OPS_INIT;
    crjit_apply_report r;
    size_t inv = 0, unsafe = 0, n = crjit_codecache_count(orig), i;
    size_t t_inv = 0, t_nbi = 0, t_stack = 0;
    crjit_status st;

    memset(&h, 0, sizeof h);
    h.cache = copy;
    h.plan = plan;
    crjit_codecache_host_ops(copy, &h.cc);
    ops.body_count = h_body_count;
    ops.get_bodies = h_get_bodies;
    ops.invalidate = h_invalidate;
    ops.forget_memoized = h_forget;
    ops.purge_memoized = h_purge;
    ops.set_compiler = h_set_compiler;
    ops.set_compilation_threads = h_set_threads;
    ops.open_vlog = h_open_vlog;

    /* body actions over the planning host agree with the counts */
    for (i = 0; i < n; i++) {
        crjit_body_action a =
            crjit_plan_body_action(plan, crjit_codecache_body(orig, i));
        FUZZ_CHECK(a <= CRJIT_BODY_KEEP_ON_STACK);
        t_inv += a == CRJIT_BODY_INVALIDATE;
        t_nbi += a == CRJIT_BODY_KEEP_NO_BODY_INFO;
        t_stack += a == CRJIT_BODY_KEEP_ON_STACK;
    }
    FUZZ_CHECK(crjit_plan_body_action(plan, NULL) == CRJIT_BODY_KEEP);
    crjit_plan_invalidation_counts(plan, &inv, &unsafe);
    FUZZ_CHECK(inv == t_inv);
    FUZZ_CHECK(unsafe == t_nbi + t_stack);

    /* DV-1: a rejected plan is not applied without the flag */
    if (!crjit_plan_accepted(plan)) {
        st = crjit_apply(plan, &ops, &h, 0, &r);
        FUZZ_CHECK(st == CRJIT_E_REJECTED);
        FUZZ_CHECK(h.calls == 0);
        FUZZ_CHECK(r.invalidated == 0 && r.failed_index == CRJIT_NPOS);
    }

    st = crjit_apply(plan, &ops, &h, CRJIT_APPLY_FORCE, &r);
    FUZZ_CHECK(st == CRJIT_OK);
    FUZZ_CHECK(r.failed_index == CRJIT_NPOS);
    FUZZ_CHECK(r.invalidated == inv);
    FUZZ_CHECK(r.kept_no_body_info + r.kept_on_stack == unsafe);
    FUZZ_CHECK(r.kept_no_body_info == t_nbi);
    FUZZ_CHECK(r.kept_on_stack == t_stack);
    for (i = 0; i < n; i++) {
        crjit_body_action a =
            crjit_plan_body_action(plan, crjit_codecache_body(copy, i));
        FUZZ_CHECK(crjit_codecache_invalidated(copy, i) ==
                   (a == CRJIT_BODY_INVALIDATE));
        FUZZ_CHECK(!crjit_codecache_invalidated(orig, i));
    }
    if (crjit_plan_jit_processed(plan)) {
        const char *file = NULL;
        FUZZ_CHECK(h.compiler_calls == 1 && h.thread_calls == 1);
        FUZZ_CHECK(h.vlog_calls ==
                   (crjit_plan_vlog(plan, &file) != CRJIT_LOG_NONE));
    } else {
        FUZZ_CHECK(h.compiler_calls == 0 && h.thread_calls == 0 &&
                   h.vlog_calls == 0);
    }
}

/* ---- the target -------------------------------------------------------- */

static const char *slice(const uint8_t *p, size_t len, bool present,
                         size_t *out_len, char **owned)
{
    *out_len = 0;
    *owned = NULL;
    if (!present)
        return NULL;
    *owned = fuzz_dup(p, len);
    *out_len = len;
    return *owned;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crjit_config cfg = CRJIT_CONFIG_INIT;
    crjit_ctx *ctx = NULL;
    crjit_args *args = NULL;
    crjit_codecache *cache = NULL, *copy = NULL;
    crjit_plan *plan = NULL;
    crjit_checkpoint_state ck;
    crjit_restore_facts facts = CRJIT_RESTORE_FACTS_INIT;
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_host_ops ops = CRJIT_HOST_OPS_INIT;
    lf_reader reader;
    fuzz_in cur;
    uint32_t cbits;
    uint16_t fbits;
    const uint8_t *part[7];
    size_t plen[7], i;
    char *owned[5] = { NULL, NULL, NULL, NULL, NULL };
    char *methods = NULL, *limit = NULL;
    crjit_status st;
    bool cache_ok = false, copy_ok = false;
    uint64_t uid = 0;

    if (size > 65536)
        return 0;
    fuzz_alloc_init(&A, &data, &size);
    cur.p = data;
    cur.n = size;

    /* checkpoint state: each bit flips one default */
    crjit_checkpoint_init(&ck);
    cbits = fuzz_u32(&cur);
    {
        bool *b[] = {
            &ck.criu_enabled, &ck.debug_on_restore, &ck.ignore_unrecognized,
            &ck.non_portable_mode, &ck.portable_jvm_mode,
            &ck.portable_shared_cache, &ck.jit_loaded, &ck.jit_enabled,
            &ck.aot_enabled, &ck.aot_validation_delayed,
            &ck.aot_disabled_earlier, &ck.async_compilation,
            &ck.traps_disabled, &ck.code_cache_disclaiming,
            &ck.method_trace_enabled, &ck.exception_events_hooked,
            &ck.fsd_enabled, &ck.print_code_cache, &ck.no_log_suffix,
            &ck.jitserver_client, &ck.jitserver_requested,
            &ck.jitserver_explicitly_disabled, &ck.jitserver_can_perform,
            &ck.jitserver_mode_none, &ck.jitserver_ssl,
            &ck.checkpoint_cpu_known, &ck.portable_target_set };
        for (i = 0; i < sizeof b / sizeof b[0]; i++)
            if (cbits & (1u << i))
                *b[i] = !*b[i];
    }
    ck.threads_allocated ^= fuzz_u8(&cur);
    ck.threads_usable ^= fuzz_u8(&cur);
    ck.jitserver_client_uid = fuzz_u8(&cur);
    ck.checkpoint_cpu = read_cpu(&cur);
    ck.portable_target = read_cpu(&cur);

    fbits = fuzz_u16(&cur);
    {
        bool *b[] = { &facts.reduced_signals_sync,
                      &facts.reduced_signals_async,
                      &facts.scc_disabled_on_restore, &facts.trace_requested,
                      &facts.dump_requested, &facts.debug_interpreter,
                      &facts.debug_on_restore, &facts.method_trace_enabled,
                      &facts.exception_events_hooked, &facts.fsd_needed,
                      &facts.restore_cpu_known };
        for (i = 0; i < sizeof b / sizeof b[0]; i++)
            if (fbits & (1u << i))
                *b[i] = !*b[i];
    }
    facts.processor_count = fuzz_u8(&cur);
    facts.restore_cpu = read_cpu(&cur);

    for (i = 0; i < 7; i++) {
        if (i < 6)
            (void)fuzz_part(&cur, 1, &part[i], &plen[i]);
        else {
            part[i] = cur.p;
            plen[i] = cur.n;
        }
    }
    ck.vlog = slice(part[0], plen[0], cbits & (1u << 27), &ck.vlog_len,
                    &owned[0]);
    ck.rtlog = slice(part[1], plen[1], cbits & (1u << 28), &ck.rtlog_len,
                     &owned[1]);
    ck.jit_options = slice(part[2], plen[2], cbits & (1u << 29),
                           &ck.jit_options_len, &owned[2]);
    ck.aot_options = slice(part[3], plen[3], cbits & (1u << 30),
                           &ck.aot_options_len, &owned[3]);
    methods = fuzz_dup(part[4], plen[4]);
    limit = fuzz_dup(part[6], plen[6]);
    reader.text = limit;
    reader.len = plen[6];

    cfg.allocator = fuzz_allocator(&A);
    cfg.policy =
        (fbits & (1u << 14)) ? CRJIT_POLICY_STRICT : CRJIT_POLICY_REFERENCE;
    CALL(st, crjit_ctx_new(&cfg, &ctx), "crjit_ctx_new");
    if (st != CRJIT_OK)
        goto out;

    /* the code cache, and an identical copy to apply to */
    CALL(st, crjit_codecache_new(ctx, &cache), "crjit_codecache_new");
    if (st == CRJIT_OK) {
        size_t line = 0;
        CALL(st, crjit_codecache_load(cache, methods, plen[4], &line),
             "crjit_codecache_load");
        FUZZ_CHECK(st == CRJIT_OK || st == CRJIT_E_PARSE ||
                   st == CRJIT_E_NOMEM);
        if (st == CRJIT_E_PARSE)
            FUZZ_CHECK(line >= 1);
        if (st != CRJIT_OK) /* all or nothing */
            FUZZ_CHECK(crjit_codecache_count(cache) == 0);
        cache_ok = true;
    }
    CALL(st, crjit_codecache_new(ctx, &copy), "crjit_codecache_new");
    if (st == CRJIT_OK) {
        CALL(st, crjit_codecache_load(copy, methods, plen[4], NULL),
             "crjit_codecache_load");
        copy_ok = cache_ok && crjit_codecache_count(copy) ==
                                  crjit_codecache_count(cache);
    }

    /* the restore arguments */
    CALL(st, crjit_args_new(ctx, &args), "crjit_args_new");
    if (st != CRJIT_OK)
        goto out;
    {
        fuzz_in a = { part[5], plen[5] };
        const uint8_t *p;
        size_t n;
        while (fuzz_part(&a, 0, &p, &n)) {
            char *text = fuzz_dup(p, n);
            CALL(st, crjit_args_add(args, text, n, CRJIT_SOURCE_COMMAND_LINE),
                 "crjit_args_add");
            FUZZ_CHECK(st == CRJIT_OK || st == CRJIT_E_NOMEM);
            free(text);
        }
    }

    in.args = args;
    in.checkpoint = (fbits & (1u << 12)) ? NULL : &ck;
    in.facts = (fbits & (1u << 11)) ? NULL : &facts;
    if (cache_ok && !(fbits & (1u << 13))) {
        crjit_codecache_host_ops(cache, &ops);
        in.host_ops = &ops;
        in.host_user = cache;
    }
    in.read_file = read_lf;
    in.read_user = &reader;
    if (fbits & (1u << 15)) {
        in.extra_suboptions = extra;
        in.extra_suboption_count = sizeof extra / sizeof extra[0];
    }
    in.random_uid = next_uid;
    in.random_user = &uid;

    CALL(st, crjit_plan_new(ctx, &in, &plan), "crjit_plan_new");
    FUZZ_CHECK(st == CRJIT_OK || st == CRJIT_E_NOMEM);
    if (st != CRJIT_OK) {
        FUZZ_CHECK(plan == NULL);
        goto out;
    }
    fuzz_check_plan(plan, args, cfg.policy);
    {
        crjit_jitserver_decision js;
        crjit_codegen cg;
        FUZZ_CHECK(crjit_plan_jitserver(plan, &js));
        FUZZ_CHECK(crjit_plan_codegen(plan, &cg));
        if (js.new_client_uid)
            FUZZ_CHECK(js.client_uid != 0);
    }
    if (in.host_ops != NULL && copy_ok)
        check_apply(plan, cache, copy);

out:
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_codecache_free(cache);
    crjit_codecache_free(copy);
    crjit_ctx_free(ctx);
    FUZZ_CHECK(A.live == 0);
    for (i = 0; i < 5; i++)
        free(owned[i]);
    free(methods);
    free(limit);
    return 0;
}
