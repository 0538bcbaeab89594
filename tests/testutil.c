#include "testutil.h"

#include <string.h>

static void *t_alloc(void *user, size_t size)
{
    test_alloc *s = user;
    void *p;
    s->total++;
    if (s->fail_at != 0 &&
        (s->total == s->fail_at || (s->fail_from && s->total > s->fail_at)))
        return NULL;
    p = test_malloc(size);
    if (p != NULL)
        s->live++;
    return p;
}

static void t_free(void *user, void *ptr)
{
    test_alloc *s = user;
    s->live--;
    test_free(ptr);
}

crjit_allocator test_allocator(test_alloc *state)
{
    crjit_allocator a;
    a.alloc = t_alloc;
    a.free = t_free;
    a.user = state;
    return a;
}

crjit_ctx *test_ctx(test_alloc *state, crjit_policy policy)
{
    crjit_config cfg = CRJIT_CONFIG_INIT;
    crjit_ctx *ctx = NULL;
    cfg.allocator = test_allocator(state);
    cfg.policy = policy;
    assert_int_equal(crjit_ctx_new(&cfg, &ctx), CRJIT_OK);
    return ctx;
}

crjit_args *test_args(crjit_ctx *ctx, const char *const *argv)
{
    crjit_args *args = NULL;
    size_t i;
    assert_int_equal(crjit_args_new(ctx, &args), CRJIT_OK);
    for (i = 0; argv != NULL && argv[i] != NULL; i++)
        assert_int_equal(
            crjit_args_add_cstr(args, argv[i], CRJIT_SOURCE_COMMAND_LINE),
            CRJIT_OK);
    return args;
}

crjit_plan *test_plan(crjit_ctx *ctx, const crjit_args *args,
                      const crjit_checkpoint_state *ckpt)
{
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_plan *plan = NULL;
    in.args = args;
    in.checkpoint = ckpt;
    assert_int_equal(crjit_plan_new(ctx, &in, &plan), CRJIT_OK);
    assert_non_null(plan);
    return plan;
}

size_t test_find_diag(const crjit_plan *plan, crjit_diag_code code,
                      size_t arg)
{
    size_t i;
    for (i = 0; i < crjit_plan_diag_count(plan); i++) {
        const crjit_diagnostic *d = crjit_plan_diag(plan, i);
        if (d->code == code && (arg == CRJIT_NPOS || d->arg == arg))
            return i;
    }
    return CRJIT_NPOS;
}

size_t test_find_args_diag(const crjit_args *args, crjit_diag_code code)
{
    size_t i;
    for (i = 0; i < crjit_args_diag_count(args); i++)
        if (crjit_args_diag(args, i)->code == code)
            return i;
    return CRJIT_NPOS;
}
