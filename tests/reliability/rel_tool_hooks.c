/* The hooks of rel_tool_hooks.h (see there).  This file is compiled without
 * the renaming macros, so crjit_* here are the real library functions. */
#include "rel_tool_hooks_state.h"

#include <stdio.h>
#include <string.h>

rel_tool_state rel_tool;

static void violation(const char *call, const char *what)
{
    rel_tool.violations++;
    if (rel_tool.violations == 1)
        (void)snprintf(rel_tool.first_violation,
                       sizeof rel_tool.first_violation, "%s: %s", call, what);
}

/* The status rules of the fault injection (crjit.h: "CRJIT_E_NOMEM: the
 * allocator returned NULL", "CRJIT_E_HOST: a host callback reported
 * failure"): a call during which an injected allocation failure happened
 * returns CRJIT_E_NOMEM, a call during which an injected host failure
 * happened returns CRJIT_E_HOST, and neither status appears without an
 * injected failure. */
static crjit_status check(const char *call, size_t alloc_failures_before,
                          size_t host_failures_before, crjit_status st)
{
    bool alloc_failed = rel_tool.alloc.failures != alloc_failures_before;
    bool host_failed = rel_tool.host_failures != host_failures_before;

    rel_tool.calls++;
    if (st == CRJIT_E_NOMEM)
        rel_tool.nomem_reports++;
    if (st == CRJIT_E_HOST)
        rel_tool.host_reports++;
    if (alloc_failed && st != CRJIT_E_NOMEM) {
        violation(call, st == CRJIT_OK
                            ? "returned CRJIT_OK after an injected allocation "
                              "failure"
                            : "an injected allocation failure was reported "
                              "with a status other than CRJIT_E_NOMEM");
    } else if (!alloc_failed && host_failed && st != CRJIT_E_HOST) {
        violation(call, "an injected host-callback failure was not reported "
                        "as CRJIT_E_HOST");
    } else if (st == CRJIT_E_NOMEM && !alloc_failed) {
        violation(call, "CRJIT_E_NOMEM without an allocation failure");
    } else if (st == CRJIT_E_HOST && !host_failed) {
        violation(call, "CRJIT_E_HOST without a host-callback failure");
    }
    return st;
}

#define CHECKED(call, expr)                                                  \
    do {                                                                     \
        size_t a0_ = rel_tool.alloc.failures, h0_ = rel_tool.host_failures;  \
        return check(call, a0_, h0_, (expr));                                \
    } while (0)

crjit_status rel_hook_ctx_new(const crjit_config *config, crjit_ctx **out)
{
    /* The tool asks for defaults plus a policy; the test's contexts have
     * exactly that, plus the counting allocator. */
    if (config != NULL &&
        (config->allocator.alloc != NULL || config->log != NULL))
        violation("crjit_ctx_new", "the tool now configures an allocator or "
                                   "a log callback: update the hook");
    if (out == NULL)
        return CRJIT_E_INVALID_ARG;
    *out = rel_tool.ctx[config != NULL &&
                        config->policy == CRJIT_POLICY_STRICT];
    return CRJIT_OK;
}

void rel_hook_ctx_free(crjit_ctx *ctx)
{
    if (ctx != rel_tool.ctx[0] && ctx != rel_tool.ctx[1])
        crjit_ctx_free(ctx);
    /* the shared contexts outlive the run: reused by the next one */
}

crjit_status rel_hook_codecache_new(crjit_ctx *ctx, crjit_codecache **out)
{
    CHECKED("crjit_codecache_new", crjit_codecache_new(ctx, out));
}

crjit_status rel_hook_codecache_load(crjit_codecache *cache, const char *text,
                                     size_t len, size_t *error_line)
{
    CHECKED("crjit_codecache_load",
            crjit_codecache_load(cache, text, len, error_line));
}

/* FNV-1a over everything the host exposes about its bodies. */
static uint64_t mix(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211u;
    }
    return h;
}

uint64_t rel_cache_digest(const crjit_codecache *cache)
{
    uint64_t h = 1469598103934665603u;
    size_t i, n = crjit_codecache_count(cache);

    h = mix(h, &n, sizeof n);
    for (i = 0; i < n; i++) {
        const crjit_body *b = crjit_codecache_body(cache, i);
        bool inv = crjit_codecache_invalidated(cache, i);
        h = mix(h, b->class_name, b->class_len);
        h = mix(h, "|", 1);
        h = mix(h, b->method_name, b->method_len);
        h = mix(h, "|", 1);
        h = mix(h, b->descriptor, b->descriptor_len);
        h = mix(h, &b->flags, sizeof b->flags);
        h = mix(h, &inv, sizeof inv);
    }
    return h;
}

static bool host_call_fails(void)
{
    rel_tool.host_calls++;
    if (rel_tool.host_fail_at != 0 &&
        rel_tool.host_calls == rel_tool.host_fail_at) {
        rel_tool.host_failures++;
        return true;
    }
    return false;
}

static int wrap_body_count(void *user, size_t *count)
{
    if (host_call_fails())
        return -1;
    return rel_tool.real_ops.body_count(user, count);
}

static int wrap_get_bodies(void *user, size_t first, crjit_body *out,
                           size_t max, size_t *got)
{
    if (host_call_fails())
        return -1;
    return rel_tool.real_ops.get_bodies(user, first, out, max, got);
}

void rel_hook_codecache_host_ops(crjit_codecache *cache, crjit_host_ops *ops)
{
    crjit_codecache_host_ops(cache, ops);
    rel_tool.real_ops = *ops;
    ops->body_count = wrap_body_count;
    ops->get_bodies = wrap_get_bodies;
    rel_tool.cache_snapshot = true;
    rel_tool.cache_digest = rel_cache_digest(cache);
}

void rel_hook_codecache_free(crjit_codecache *cache)
{
    if (cache != NULL && rel_tool.cache_snapshot &&
        rel_cache_digest(cache) != rel_tool.cache_digest)
        violation("crjit_plan_new", "planning changed the host's code cache");
    rel_tool.cache_snapshot = false;
    crjit_codecache_free(cache);
}

crjit_status rel_hook_args_new(crjit_ctx *ctx, crjit_args **out)
{
    CHECKED("crjit_args_new", crjit_args_new(ctx, out));
}

crjit_status rel_hook_args_add_cstr(crjit_args *args, const char *text,
                                    crjit_source source)
{
    CHECKED("crjit_args_add_cstr", crjit_args_add_cstr(args, text, source));
}

crjit_status rel_hook_args_add_options_text(crjit_args *args,
                                            const char *text, size_t len,
                                            crjit_source source)
{
    CHECKED("crjit_args_add_options_text",
            crjit_args_add_options_text(args, text, len, source));
}

crjit_status rel_hook_args_load_options_file(crjit_args *args,
                                             const char *path,
                                             size_t path_len,
                                             const char *text, size_t len)
{
    CHECKED("crjit_args_load_options_file",
            crjit_args_load_options_file(args, path, path_len, text, len));
}

crjit_status rel_hook_args_load_env_file(crjit_args *args, const char *text,
                                         size_t len)
{
    CHECKED("crjit_args_load_env_file",
            crjit_args_load_env_file(args, text, len));
}

crjit_status rel_hook_checkpoint_from_args(const crjit_args *args,
                                           crjit_checkpoint_state *state)
{
    CHECKED("crjit_checkpoint_from_args",
            crjit_checkpoint_from_args(args, state));
}

crjit_status rel_hook_cpu_detect(crjit_ctx *ctx, crjit_cpu *out)
{
    size_t a0 = rel_tool.alloc.failures, h0 = rel_tool.host_failures;
    crjit_status st = crjit_cpu_detect(ctx, out);
    /* CRJIT_E_STATE (no detection on this architecture) is a normal
     * answer the tool handles. */
    return st == CRJIT_E_STATE ? st : check("crjit_cpu_detect", a0, h0, st);
}

crjit_status rel_hook_plan_new(crjit_ctx *ctx, const crjit_plan_input *input,
                               crjit_plan **out)
{
    size_t a0 = rel_tool.alloc.failures, h0 = rel_tool.host_failures;
    crjit_status st;

    *out = (crjit_plan *)&rel_tool; /* must stay as is on failure */
    st = crjit_plan_new(ctx, input, out);
    if (st != CRJIT_OK) {
        if (*out != (crjit_plan *)&rel_tool)
            violation("crjit_plan_new", "wrote its out-parameter on failure");
        *out = NULL;
    }
    rel_tool.plan_status = st;
    return check("crjit_plan_new", a0, h0, st);
}
