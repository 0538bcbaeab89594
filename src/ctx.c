/* Context, allocator plumbing, version and status strings. */
#include "crjit_internal.h"

#include <stdlib.h>
#include <string.h>

unsigned crjit_version_number(void)
{
    return CRJIT_VERSION_NUMBER;
}

const char *crjit_version_string(void)
{
    return CRJIT_VERSION_STRING;
}

/* Exhaustive switches without default: -Wswitch flags a code added without
 * its text. */
const char *crjit_strerror(crjit_status status)
{
    switch (status) {
    case CRJIT_OK: return "success";
    case CRJIT_E_INVALID_ARG: return "invalid argument";
    case CRJIT_E_NOMEM: return "out of memory";
    case CRJIT_E_LIMIT: return "input exceeds a documented limit";
    case CRJIT_E_PARSE: return "input could not be parsed";
    case CRJIT_E_LOAD: return "an options file or env file failed to load";
    case CRJIT_E_VERSION: return "unknown struct version";
    case CRJIT_E_STATE: return "object in the wrong state for this call";
    case CRJIT_E_HOST: return "a host callback failed";
    case CRJIT_E_REJECTED: return "the policy rejects this restore";
    }
    return "unknown status";
}

const char *crjit_status_name(crjit_status status)
{
    switch (status) {
    case CRJIT_OK: return "CRJIT_OK";
    case CRJIT_E_INVALID_ARG: return "CRJIT_E_INVALID_ARG";
    case CRJIT_E_NOMEM: return "CRJIT_E_NOMEM";
    case CRJIT_E_LIMIT: return "CRJIT_E_LIMIT";
    case CRJIT_E_PARSE: return "CRJIT_E_PARSE";
    case CRJIT_E_LOAD: return "CRJIT_E_LOAD";
    case CRJIT_E_VERSION: return "CRJIT_E_VERSION";
    case CRJIT_E_STATE: return "CRJIT_E_STATE";
    case CRJIT_E_HOST: return "CRJIT_E_HOST";
    case CRJIT_E_REJECTED: return "CRJIT_E_REJECTED";
    }
    return "CRJIT_E_UNKNOWN";
}

static void *default_alloc(void *user, size_t size)
{
    (void)user;
    return malloc(size);
}

static void default_free(void *user, void *ptr)
{
    (void)user;
    free(ptr);
}

void crjit_config_init(crjit_config *config)
{
    static const crjit_config defaults = CRJIT_CONFIG_INIT;
    if (config != NULL)
        *config = defaults;
}

crjit_status crjit_ctx_new(const crjit_config *config, crjit_ctx **out)
{
    crjit_config cfg = CRJIT_CONFIG_INIT;
    crjit_ctx *ctx;

    if (out == NULL)
        return CRJIT_E_INVALID_ARG;
    if (config != NULL) {
        if (config->version != CRJIT_CONFIG_VERSION)
            return CRJIT_E_VERSION;
        cfg = *config;
    }
    if ((cfg.allocator.alloc == NULL) != (cfg.allocator.free == NULL))
        return CRJIT_E_INVALID_ARG;
    if (cfg.policy != CRJIT_POLICY_REFERENCE &&
        cfg.policy != CRJIT_POLICY_STRICT)
        return CRJIT_E_INVALID_ARG;
    if (cfg.allocator.alloc == NULL) {
        cfg.allocator.alloc = default_alloc;
        cfg.allocator.free = default_free;
        cfg.allocator.user = NULL;
    }
    ctx = cfg.allocator.alloc(cfg.allocator.user, sizeof *ctx);
    if (ctx == NULL)
        return CRJIT_E_NOMEM;
    memset(ctx, 0, sizeof *ctx); /* no CPU detected yet, no CPUID run */
    ctx->allocator = cfg.allocator;
    ctx->log = cfg.log;
    ctx->log_user = cfg.log_user;
    ctx->policy = cfg.policy;
    if (crjit__trie_build(ctx, &ctx->names) != CRJIT_OK) {
        cfg.allocator.free(cfg.allocator.user, ctx);
        return CRJIT_E_NOMEM;
    }
    *out = ctx;
    return CRJIT_OK;
}

void crjit_ctx_free(crjit_ctx *ctx)
{
    if (ctx == NULL)
        return;
    crjit__trie_free(ctx, &ctx->names);
    ctx->allocator.free(ctx->allocator.user, ctx);
}

crjit_policy crjit_ctx_policy(const crjit_ctx *ctx)
{
    return ctx != NULL ? ctx->policy : CRJIT_POLICY_REFERENCE;
}

void *crjit__alloc(const crjit_ctx *ctx, size_t size)
{
    return ctx->allocator.alloc(ctx->allocator.user, size == 0 ? 1 : size);
}

void *crjit__calloc(const crjit_ctx *ctx, size_t count, size_t size)
{
    void *p;
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    p = crjit__alloc(ctx, count * size);
    if (p != NULL)
        memset(p, 0, count * size == 0 ? 1 : count * size);
    return p;
}

void crjit__free(const crjit_ctx *ctx, void *ptr)
{
    if (ptr != NULL)
        ctx->allocator.free(ctx->allocator.user, ptr);
}

crjit_status crjit__grow(const crjit_ctx *ctx, void **items, size_t *cap,
                         size_t need, size_t elem)
{
    size_t ncap = *cap != 0 ? *cap : 8;
    void *p;

    if (need <= *cap)
        return CRJIT_OK;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return CRJIT_E_NOMEM;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / elem)
        return CRJIT_E_NOMEM;
    p = crjit__alloc(ctx, ncap * elem);
    if (p == NULL)
        return CRJIT_E_NOMEM;
    if (*items != NULL) {
        memcpy(p, *items, *cap * elem);
        crjit__free(ctx, *items);
    }
    *items = p;
    *cap = ncap;
    return CRJIT_OK;
}

/* ---- arena ------------------------------------------------------------- */

struct crjit__arena_block {
    crjit__arena_block *next;
    size_t used;
    size_t size;
    /* bytes follow */
};

#define ARENA_BLOCK 4096u

char *crjit__arena_alloc(const crjit_ctx *ctx, crjit__arena *arena,
                         size_t size)
{
    crjit__arena_block *b = arena->head;
    char *p;

    if (b == NULL || b->size - b->used < size) {
        size_t bsize = size > ARENA_BLOCK ? size : ARENA_BLOCK;
        if (bsize > SIZE_MAX - sizeof *b)
            return NULL;
        b = crjit__alloc(ctx, sizeof *b + bsize);
        if (b == NULL)
            return NULL;
        b->size = bsize;
        b->used = 0;
        /* A large one-off block goes behind the head so the head's free
         * space stays usable for small strings. */
        if (arena->head != NULL && size > ARENA_BLOCK) {
            b->next = arena->head->next;
            arena->head->next = b;
        } else {
            b->next = arena->head;
            arena->head = b;
        }
    }
    p = (char *)(b + 1) + b->used;
    b->used += size;
    return p;
}

char *crjit__arena_strdup(const crjit_ctx *ctx, crjit__arena *arena,
                          const char *text, size_t len)
{
    char *p;
    if (len == SIZE_MAX)
        return NULL;
    p = crjit__arena_alloc(ctx, arena, len + 1);
    if (p == NULL)
        return NULL;
    if (len != 0)
        memcpy(p, text, len);
    p[len] = '\0';
    return p;
}

void crjit__arena_free(const crjit_ctx *ctx, crjit__arena *arena)
{
    crjit__arena_block *b = arena->head;
    while (b != NULL) {
        crjit__arena_block *next = b->next;
        crjit__free(ctx, b);
        b = next;
    }
    arena->head = NULL;
}
