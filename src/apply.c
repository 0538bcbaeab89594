/* Apply: the only code that calls the host's mutating callbacks.  Planning
 * has already decided everything; apply walks the code cache once more and
 * asks the plan about each body, so the plan never stores a list per body. */
#include "filter.h"

#include <string.h>

static crjit_status failed(crjit_apply_report *r, const char *callback,
                           size_t index)
{
    r->failed_callback = callback;
    r->failed_index = index;
    return CRJIT_E_HOST;
}

typedef struct applying {
    const crjit_plan *plan;
    const crjit_host_ops *ops;
    void *user;
    crjit_apply_report *r;
    crjit__class_cache cache;
} applying;

/* Invalidate what the plan selects (B-53) and, in filtered mode, forget
 * the selected bodies in the memoized lists (B-54). */
static const char *apply_body(void *arg, size_t index, const crjit_body *b)
{
    applying *ap = arg;
    crjit_body_action a =
        crjit__plan_body_action_cached(ap->plan, b, &ap->cache);

    if (a == CRJIT_BODY_KEEP)
        return NULL;
    if (a == CRJIT_BODY_INVALIDATE) {
        if (ap->ops->invalidate(ap->user, index) != 0)
            return "invalidate";
        ap->r->invalidated++;
    } else if (a == CRJIT_BODY_KEEP_ON_STACK) {
        ap->r->kept_on_stack++;
    } else {
        ap->r->kept_no_body_info++;
    }
    if (ap->plan->invalidation == CRJIT_INVALIDATE_FILTERED &&
        ap->ops->forget_memoized != NULL &&
        ap->ops->forget_memoized(ap->user, index) != 0)
        return "forget_memoized";
    return NULL;
}

static crjit_status walk(const crjit_plan *plan, const crjit_host_ops *ops,
                         void *user, crjit_apply_report *r)
{
    applying ap;
    crjit__walk_failure why;

    if (plan->invalidation == CRJIT_INVALIDATE_NONE)
        return CRJIT_OK;
    ap.plan = plan;
    ap.ops = ops;
    ap.user = user;
    ap.r = r;
    ap.cache.valid = false;
    ap.cache.oneshot = false;
    if (crjit__walk(ops, user, apply_body, &ap, &why) != CRJIT_OK)
        return failed(r, why.callback, why.index);
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
    /* The reference switches the JIT, sets threads and opens logs before it
     * invalidates (B-18, B-31, B-32), so invalidation lines reach the new
     * log. */
    st = switches(plan, ops, user, &r);
    if (st == CRJIT_OK)
        st = walk(plan, ops, user, &r);
    if (report != NULL)
        *report = r;
    return st;
}
