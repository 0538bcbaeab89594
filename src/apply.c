/* Apply: the only code that calls the host's mutating callbacks.  Planning
 * has already decided everything; apply walks the code cache once more and
 * asks the plan about each body, so the plan never stores a list per body. */
#include "crjit_internal.h"

#include <string.h>

#define APPLY_BATCH 64

static crjit_status failed(crjit_apply_report *r, const char *callback,
                           size_t index)
{
    r->failed_callback = callback;
    r->failed_index = index;
    return CRJIT_E_HOST;
}

/* One batch of bodies: invalidate what the plan selects (B-53) and, in
 * filtered mode, forget the selected ones in the memoized lists (B-54). */
static crjit_status apply_batch(const crjit_plan *plan,
                                const crjit_host_ops *ops, void *user,
                                const crjit_body *batch, size_t first,
                                size_t got, crjit_apply_report *r)
{
    bool filtered = plan->invalidation == CRJIT_INVALIDATE_FILTERED;
    size_t i;

    for (i = 0; i < got; i++) {
        crjit_body_action a = crjit_plan_body_action(plan, &batch[i]);
        size_t index = first + i;
        if (a == CRJIT_BODY_KEEP)
            continue;
        if (a == CRJIT_BODY_INVALIDATE) {
            if (ops->invalidate(user, index) != 0)
                return failed(r, "invalidate", index);
            r->invalidated++;
        } else if (a == CRJIT_BODY_KEEP_ON_STACK) {
            r->kept_on_stack++;
        } else {
            r->kept_no_body_info++;
        }
        if (filtered && ops->forget_memoized != NULL &&
            ops->forget_memoized(user, index) != 0)
            return failed(r, "forget_memoized", index);
    }
    return CRJIT_OK;
}

static crjit_status walk(const crjit_plan *plan, const crjit_host_ops *ops,
                         void *user, crjit_apply_report *r)
{
    crjit_body batch[APPLY_BATCH];
    size_t count = 0, first = 0;

    if (plan->invalidation == CRJIT_INVALIDATE_NONE)
        return CRJIT_OK;
    if (ops->body_count(user, &count) != 0)
        return failed(r, "body_count", CRJIT_NPOS);
    while (first < count) {
        size_t got = 0;
        size_t want = count - first < APPLY_BATCH ? count - first : APPLY_BATCH;
        crjit_status st;
        if (ops->get_bodies(user, first, batch, want, &got) != 0 ||
            got == 0 || got > want)
            return failed(r, "get_bodies", first);
        st = apply_batch(plan, ops, user, batch, first, got, r);
        if (st != CRJIT_OK)
            return st;
        first += got;
    }
    if (plan->invalidation == CRJIT_INVALIDATE_ALL &&
        ops->purge_memoized != NULL && ops->purge_memoized(user) != 0)
        return failed(r, "purge_memoized", CRJIT_NPOS);
    return CRJIT_OK;
}

static crjit_status switches(const crjit_plan *plan, const crjit_host_ops *ops,
                             void *user, crjit_apply_report *r)
{
    if (!plan->jit_processed)
        return CRJIT_OK; /* T-6: the JIT does nothing at this restore */
    if (ops->set_compiler != NULL &&
        ops->set_compiler(user, plan->jit_enabled, plan->aot_enabled) != 0)
        return failed(r, "set_compiler", CRJIT_NPOS);
    if (ops->set_compilation_threads != NULL &&
        ops->set_compilation_threads(user, plan->threads_usable) != 0)
        return failed(r, "set_compilation_threads", CRJIT_NPOS);
    if (ops->open_vlog != NULL && plan->vlog_action != CRJIT_LOG_NONE &&
        ops->open_vlog(user, plan->vlog_action, plan->vlog_file) != 0)
        return failed(r, "open_vlog", CRJIT_NPOS);
    return CRJIT_OK;
}

crjit_status crjit_apply(const crjit_plan *plan, const crjit_host_ops *ops,
                         void *user, unsigned flags, crjit_apply_report *report)
{
    crjit_apply_report r;
    crjit_status st;

    memset(&r, 0, sizeof r);
    r.failed_index = CRJIT_NPOS;
    if (report != NULL)
        *report = r;
    if (plan == NULL || ops == NULL || (flags & ~CRJIT_APPLY_FORCE) != 0)
        return CRJIT_E_INVALID_ARG;
    if (ops->version != CRJIT_HOST_OPS_VERSION)
        return CRJIT_E_VERSION;
    if (ops->body_count == NULL || ops->get_bodies == NULL ||
        ops->invalidate == NULL)
        return CRJIT_E_INVALID_ARG;
    if (!plan->accepted && !(flags & CRJIT_APPLY_FORCE))
        return CRJIT_E_REJECTED; /* DV-1 */
    st = walk(plan, ops, user, &r);
    if (st == CRJIT_OK)
        st = switches(plan, ops, user, &r);
    if (report != NULL)
        *report = r;
    return st;
}
