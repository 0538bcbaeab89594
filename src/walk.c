/* The one loop over the host's compiled bodies, in batches on the stack:
 * planning counts with it and apply invalidates with it, so both see the
 * bodies the same way and neither allocates per body. */
#include "crjit_internal.h"

#define WALK_BATCH 64

static bool body_valid(const crjit_body *b)
{
    return (b->class_name != NULL || b->class_len == 0) &&
           (b->method_name != NULL || b->method_len == 0) &&
           (b->descriptor != NULL || b->descriptor_len == 0);
}

crjit_status crjit__walk(const crjit_host_ops *ops, void *user,
                         crjit__visit_fn visit, void *arg,
                         crjit__walk_failure *failure)
{
    crjit_body batch[WALK_BATCH];
    size_t count = 0, first = 0;

    failure->callback = NULL;
    failure->index = CRJIT_NPOS;
    if (ops->body_count(user, &count) != 0) {
        failure->callback = "body_count";
        return CRJIT_E_HOST;
    }
    while (first < count) {
        size_t got = 0, i;
        size_t want = count - first < WALK_BATCH ? count - first : WALK_BATCH;
        if (ops->get_bodies(user, first, batch, want, &got) != 0 || got == 0 ||
            got > want) {
            failure->callback = "get_bodies";
            failure->index = first;
            return CRJIT_E_HOST;
        }
        for (i = 0; i < got; i++) {
            const char *cb;
            if (!body_valid(&batch[i])) {
                failure->callback = "get_bodies";
                failure->index = first + i;
                return CRJIT_E_HOST;
            }
            cb = visit(arg, first + i, &batch[i]);
            if (cb != NULL) {
                failure->callback = cb;
                failure->index = first + i;
                return CRJIT_E_HOST;
            }
        }
        first += got;
    }
    return CRJIT_OK;
}
