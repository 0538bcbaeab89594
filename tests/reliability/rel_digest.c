#include "rel_digest.h"

#include <string.h>

typedef struct hasher {
    uint64_t h;
} hasher;

static void bytes(hasher *s, const void *p, size_t n)
{
    const unsigned char *b = p;
    size_t i;
    for (i = 0; i < n; i++) {
        s->h ^= b[i];
        s->h *= 1099511628211u;
    }
}

static void num(hasher *s, uint64_t v)
{
    bytes(s, &v, sizeof v);
}

static void str(hasher *s, const char *t)
{
    if (t == NULL) {
        num(s, 0xfeedu);
        return;
    }
    bytes(s, t, strlen(t) + 1);
}

static void cpu(hasher *s, const crjit_cpu *c)
{
    num(s, (uint64_t)c->arch);
    num(s, c->level);
    num(s, c->features);
}

uint64_t rel_plan_digest(const crjit_plan *plan, const crjit_codecache *cache)
{
    hasher s = { 1469598103934665603u };
    size_t i, n, a, b;
    const char *t1, *t2;
    crjit_suboption so;
    crjit_jitserver_decision js;
    crjit_codegen cg;
    const crjit_restore_facts *f;

    num(&s, crjit_plan_accepted(plan));
    str(&s, crjit_plan_verdict_message(plan));
    n = crjit_plan_arg_count(plan);
    num(&s, n);
    for (i = 0; i < n; i++) {
        num(&s, (uint64_t)crjit_plan_arg_status(plan, i));
        num(&s, crjit_plan_arg_winner(plan, i));
    }
    n = crjit_plan_message_count(plan);
    num(&s, n);
    for (i = 0; i < n; i++) {
        t1 = t2 = NULL;
        (void)crjit_plan_message(plan, i, &t1, &t2);
        str(&s, t1);
        str(&s, t2);
    }
    n = crjit_plan_diag_count(plan);
    num(&s, n);
    for (i = 0; i < n; i++) {
        const crjit_diagnostic *d = crjit_plan_diag(plan, i);
        num(&s, (uint64_t)d->severity);
        num(&s, (uint64_t)d->code);
        num(&s, d->arg);
        num(&s, d->offset);
        str(&s, d->message);
    }
    f = crjit_plan_facts(plan);
    if (f != NULL) {
        num(&s, f->reduced_signals_sync);
        num(&s, f->reduced_signals_async);
        num(&s, f->scc_disabled_on_restore);
        num(&s, f->trace_requested);
        num(&s, f->dump_requested);
        num(&s, f->debug_interpreter);
        num(&s, f->method_trace_enabled);
        num(&s, f->processor_count);
        num(&s, f->restore_cpu_known);
        cpu(&s, &f->restore_cpu);
    }
    num(&s, crjit_plan_jit_enabled(plan));
    num(&s, crjit_plan_aot_enabled(plan));
    num(&s, crjit_plan_jit_processed(plan));
    num(&s, (uint64_t)crjit_plan_invalidation(plan));
    crjit_plan_invalidation_counts(plan, &a, &b);
    num(&s, a);
    num(&s, b);
    if (cache != NULL) {
        n = crjit_codecache_count(cache);
        for (i = 0; i < n; i++)
            num(&s, (uint64_t)crjit_plan_body_action(
                        plan, crjit_codecache_body(cache, i)));
    }
    t1 = NULL;
    num(&s, (uint64_t)crjit_plan_vlog(plan, &t1));
    str(&s, t1);
    num(&s, crjit_plan_compilation_threads(plan));
    str(&s, crjit_plan_option_string(plan, false));
    str(&s, crjit_plan_option_string(plan, true));
    n = crjit_plan_suboption_count(plan);
    num(&s, n);
    for (i = 0; i < n; i++) {
        if (crjit_plan_suboption(plan, i, &so)) {
            num(&s, so.aot);
            str(&s, so.name);
            str(&s, so.value);
            num(&s, so.arg);
            num(&s, so.offset);
            str(&s, so.effect);
            num(&s, so.passed_to_host);
        }
    }
    for (i = 0; i <= (size_t)CRJIT_DECISION_THREADS; i++)
        num(&s, crjit_plan_origin(plan, (crjit_decision)i));
    if (crjit_plan_jitserver(plan, &js)) {
        num(&s, js.processed);
        num(&s, js.before_checkpoint);
        num(&s, js.after_restore);
        num(&s, js.enabled);
        num(&s, js.can_perform);
        num(&s, js.mode_none);
        num(&s, js.new_client_uid);
        num(&s, js.client_uid);
        num(&s, js.ssl_needed);
        num(&s, js.port_set);
        num(&s, js.port);
        num(&s, js.timeout_set);
        num(&s, js.timeout_ms);
        num(&s, js.require_server);
        num(&s, js.use_aot_cache);
        num(&s, js.log_connections);
        num(&s, js.aot_cache_max_set);
        num(&s, js.aot_cache_max);
        num(&s, js.local_sync_compiles);
        str(&s, js.address);
        str(&s, js.aot_cache_name);
    }
    if (crjit_plan_codegen(plan, &cg)) {
        num(&s, cg.known);
        cpu(&s, &cg.before_checkpoint);
        cpu(&s, &cg.after_restore);
        cpu(&s, &cg.relocatable);
        num(&s, cg.checkpoint_allowed_after_restore);
        num(&s, cg.portable_code_before);
        num(&s, cg.portable_code_after);
        num(&s, cg.variable_heap_size);
        num(&s, cg.compatible);
        cpu(&s, &cg.missing);
    }
    n = crjit_plan_host_action_count(plan);
    num(&s, n);
    for (i = 0; i < n; i++) {
        t1 = t2 = NULL;
        (void)crjit_plan_host_action(plan, i, &t1, &t2);
        str(&s, t1);
        str(&s, t2);
    }
    num(&s, crjit_plan_filters(plan) != NULL);
    return s.h;
}
