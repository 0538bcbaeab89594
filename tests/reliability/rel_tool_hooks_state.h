/* State shared by the fault-injection test and its tool hooks. */
#ifndef CRJIT_REL_TOOL_HOOKS_STATE_H
#define CRJIT_REL_TOOL_HOOKS_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "crjit.h"
#include "rel_alloc.h"

typedef struct rel_tool_state {
    rel_alloc alloc;        /* the contexts' allocator */
    crjit_ctx *ctx[2];      /* the tool's context per policy (shared) */
    size_t host_calls;      /* body_count + get_bodies calls */
    size_t host_fail_at;    /* 1-based host call to fail; 0: none */
    size_t host_failures;   /* injected host failures */
    size_t calls;           /* checked library calls */
    size_t nomem_reports;   /* calls that returned CRJIT_E_NOMEM */
    size_t host_reports;    /* calls that returned CRJIT_E_HOST */
    crjit_status plan_status; /* last crjit_plan_new status */
    size_t violations;
    char first_violation[256];
    crjit_host_ops real_ops;
    bool cache_snapshot;
    uint64_t cache_digest;
} rel_tool_state;

extern rel_tool_state rel_tool;

uint64_t rel_cache_digest(const crjit_codecache *cache);

/* The hooks (rel_tool_hooks.h renames the tool's calls to these). */
crjit_status rel_hook_ctx_new(const crjit_config *config, crjit_ctx **out);
void rel_hook_ctx_free(crjit_ctx *ctx);
crjit_status rel_hook_codecache_new(crjit_ctx *ctx, crjit_codecache **out);
crjit_status rel_hook_codecache_load(crjit_codecache *cache, const char *text,
                                     size_t len, size_t *error_line);
void rel_hook_codecache_host_ops(crjit_codecache *cache, crjit_host_ops *ops);
void rel_hook_codecache_free(crjit_codecache *cache);
crjit_status rel_hook_args_new(crjit_ctx *ctx, crjit_args **out);
crjit_status rel_hook_args_add_cstr(crjit_args *args, const char *text,
                                    crjit_source source);
crjit_status rel_hook_args_add_options_text(crjit_args *args,
                                            const char *text, size_t len,
                                            crjit_source source);
crjit_status rel_hook_args_load_options_file(crjit_args *args,
                                             const char *path,
                                             size_t path_len,
                                             const char *text, size_t len);
crjit_status rel_hook_args_load_env_file(crjit_args *args, const char *text,
                                         size_t len);
crjit_status rel_hook_checkpoint_from_args(const crjit_args *args,
                                           crjit_checkpoint_state *state);
crjit_status rel_hook_cpu_detect(crjit_ctx *ctx, crjit_cpu *out);
crjit_status rel_hook_plan_new(crjit_ctx *ctx, const crjit_plan_input *input,
                               crjit_plan **out);

#endif
