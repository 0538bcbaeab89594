/* Internal view of the reference code cache (codecache.c).
 *
 * The layout is here, and the accessors are static inline, because the unit
 * tests read the call counters and the shared library hides every crjit__*
 * symbol: an inline accessor works the same against the static and the
 * shared build. */
#ifndef CRJIT_CODECACHE_H
#define CRJIT_CODECACHE_H

#include "crjit_internal.h"

/* One body: the descriptor the host ops hand out (slices into the cache's
 * arena, each also NUL-terminated) and what apply did to it. */
typedef struct crjit__cc_body {
    crjit_body body;
    bool invalidated;
    size_t forgotten; /* forget_memoized calls for this body */
} crjit__cc_body;

struct crjit_codecache {
    crjit_ctx *ctx;
    crjit__cc_body *bodies;
    size_t count;
    size_t cap;
    crjit__arena names;
    /* successful host-op calls, for tests and the tool's report */
    size_t invalidations;
    size_t forgets;
    size_t purges;
};

/* Successful invalidate calls (repeats of one body included). */
static inline size_t crjit__codecache_invalidations(const crjit_codecache *c)
{
    return c->invalidations;
}

/* Successful forget_memoized calls, over all bodies. */
static inline size_t crjit__codecache_forgets(const crjit_codecache *c)
{
    return c->forgets;
}

/* forget_memoized calls for body index (0 when out of range). */
static inline size_t crjit__codecache_forgotten(const crjit_codecache *c,
                                                size_t index)
{
    return index < c->count ? c->bodies[index].forgotten : 0;
}

/* purge_memoized calls. */
static inline size_t crjit__codecache_purges(const crjit_codecache *c)
{
    return c->purges;
}

#endif /* CRJIT_CODECACHE_H */
