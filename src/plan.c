/* Planning: the phase table, the run loop, and the plan's accessors. */
#include "filter.h"

#include <string.h>

typedef struct phase {
    const char *name;
    crjit_status (*run)(crjit__run *run);
} phase;

/* Order follows the restore timeline (T-1): the VM's internal hooks, the
 * JIT's processing (arrives with the plan issue), the later VM steps, then
 * the VM's check of the restore arguments. */
static const phase phases[] = {
    { "vm-before-jit", crjit__phase_vm_before_jit },
    { "jit-modes", crjit__phase_jit_modes },
    { "jit-strings", crjit__phase_jit_strings },
    { "external-options", crjit__phase_external },
    { "jitserver", crjit__phase_jitserver },
    { "post-processing", crjit__phase_post },
    { "codegen", crjit__phase_codegen },
    { "vm-after-jit", crjit__phase_vm_after_jit },
    { "verdict", crjit__phase_verdict },
    { "classify", crjit__phase_classify },
    { "policy", crjit__phase_policy },
};

const char *crjit_arg_status_name(crjit_arg_status status)
{
    switch (status) {
    case CRJIT_ARG_CONSUMED: return "consumed";
    case CRJIT_ARG_DUPLICATE: return "duplicate";
    case CRJIT_ARG_UNRECOGNIZED: return "unrecognized";
    case CRJIT_ARG_UNSUPPORTED: return "unsupported";
    case CRJIT_ARG_TOLERATED: return "tolerated";
    }
    return "unknown";
}

crjit_status crjit__message_add(crjit__run *run, const char *id,
                                const char *text, size_t len)
{
    crjit_plan *plan = run->plan;
    crjit__message *m;

    if (crjit__grow(run->ctx, (void **)&plan->messages, &plan->message_cap,
                    plan->message_count + 1, sizeof *plan->messages) !=
        CRJIT_OK)
        return CRJIT_E_NOMEM;
    m = &plan->messages[plan->message_count];
    m->id = id;
    m->text = crjit__arena_strdup(run->ctx, &plan->text, text, len);
    if (m->text == NULL)
        return CRJIT_E_NOMEM;
    plan->message_count++;
    return CRJIT_OK;
}

static crjit_status check_input(const crjit_plan_input *in)
{
    if (in->version != CRJIT_PLAN_INPUT_VERSION)
        return CRJIT_E_VERSION;
    if (in->args == NULL ||
        (in->vm_consumers == NULL && in->vm_consumer_count != 0) ||
        (in->extra_suboptions == NULL && in->extra_suboption_count != 0))
        return CRJIT_E_INVALID_ARG;
    if (in->checkpoint != NULL &&
        in->checkpoint->version != CRJIT_CHECKPOINT_VERSION)
        return CRJIT_E_VERSION;
    if (in->facts != NULL && in->facts->version != CRJIT_RESTORE_FACTS_VERSION)
        return CRJIT_E_VERSION;
    if (in->host_ops != NULL &&
        (in->host_ops->version != CRJIT_HOST_OPS_VERSION ||
         in->host_ops->body_count == NULL || in->host_ops->get_bodies == NULL))
        return in->host_ops->version != CRJIT_HOST_OPS_VERSION
                   ? CRJIT_E_VERSION
                   : CRJIT_E_INVALID_ARG;
    return CRJIT_OK;
}

static crjit_status plan_alloc(crjit_ctx *ctx, size_t n, crjit_plan **out)
{
    static const crjit_restore_facts no_facts = CRJIT_RESTORE_FACTS_INIT;
    crjit_plan *plan = crjit__calloc(ctx, 1, sizeof *plan);
    size_t i;

    if (plan == NULL)
        return CRJIT_E_NOMEM;
    plan->ctx = ctx;
    plan->arg_count = n;
    for (i = 0; i < sizeof plan->origin / sizeof plan->origin[0]; i++)
        plan->origin[i] = CRJIT_NPOS;
    plan->facts = no_facts;
    plan->status = crjit__calloc(ctx, n, sizeof *plan->status);
    plan->winner = crjit__calloc(ctx, n, sizeof *plan->winner);
    if (plan->status == NULL || plan->winner == NULL) {
        crjit_plan_free(plan);
        return CRJIT_E_NOMEM;
    }
    *out = plan;
    return CRJIT_OK;
}

crjit_status crjit_plan_new(crjit_ctx *ctx, const crjit_plan_input *input,
                            crjit_plan **out)
{
    crjit__run run;
    crjit_status st;
    size_t i;

    if (ctx == NULL || input == NULL || out == NULL)
        return CRJIT_E_INVALID_ARG;
    st = check_input(input);
    if (st != CRJIT_OK)
        return st;
    if (input->args->ctx != ctx)
        return CRJIT_E_INVALID_ARG;
    memset(&run, 0, sizeof run);
    run.ctx = ctx;
    run.input = input;
    crjit_checkpoint_init(&run.checkpoint);
    if (input->checkpoint != NULL)
        run.checkpoint = *input->checkpoint;
    st = plan_alloc(ctx, input->args->count, &run.plan);
    if (st != CRJIT_OK)
        return st;
    if (input->facts != NULL)
        run.plan->facts = *input->facts;
    run.plan->facts.debug_on_restore = run.checkpoint.debug_on_restore;
    run.plan->host = input->host_ops;
    run.plan->host_user = input->host_user;
    st = crjit__diag_copy(ctx, &run.plan->diags, &input->args->diags);
    if (st == CRJIT_OK)
        st = crjit_ral_new(input->args, &run.ral);
    for (i = 0; st == CRJIT_OK && i < sizeof phases / sizeof phases[0]; i++)
        st = phases[i].run(&run);
    crjit_ral_free(run.ral);
    if (st != CRJIT_OK) {
        crjit_plan_free(run.plan);
        return st;
    }
    *out = run.plan;
    return CRJIT_OK;
}

void crjit_plan_free(crjit_plan *plan)
{
    const crjit_ctx *ctx;
    if (plan == NULL)
        return;
    ctx = plan->ctx;
    crjit__free(ctx, plan->status);
    crjit__free(ctx, plan->winner);
    crjit__free(ctx, plan->messages);
    crjit__free(ctx, plan->subs);
    crjit__free(ctx, plan->actions);
    crjit_filters_free(plan->filters);
    crjit_filters_free(plan->load_filters);
    crjit__diags_free(ctx, &plan->diags);
    crjit__arena_free(ctx, &plan->text);
    crjit__free(ctx, plan);
}

bool crjit_plan_accepted(const crjit_plan *plan)
{
    return plan != NULL && plan->accepted;
}

const char *crjit_plan_verdict_message(const crjit_plan *plan)
{
    return plan != NULL ? plan->verdict_message : NULL;
}

size_t crjit_plan_arg_count(const crjit_plan *plan)
{
    return plan != NULL ? plan->arg_count : 0;
}

crjit_arg_status crjit_plan_arg_status(const crjit_plan *plan, size_t index)
{
    if (plan == NULL || index >= plan->arg_count)
        return CRJIT_ARG_UNRECOGNIZED;
    return (crjit_arg_status)plan->status[index];
}

size_t crjit_plan_arg_winner(const crjit_plan *plan, size_t index)
{
    if (plan == NULL || index >= plan->arg_count || plan->winner[index] == 0)
        return CRJIT_NPOS;
    return plan->winner[index] - 1;
}

size_t crjit_plan_message_count(const crjit_plan *plan)
{
    return plan != NULL ? plan->message_count : 0;
}

bool crjit_plan_message(const crjit_plan *plan, size_t i, const char **id,
                        const char **text)
{
    if (plan == NULL || i >= plan->message_count)
        return false;
    if (id != NULL)
        *id = plan->messages[i].id;
    if (text != NULL)
        *text = plan->messages[i].text;
    return true;
}

size_t crjit_plan_diag_count(const crjit_plan *plan)
{
    return plan != NULL ? plan->diags.count : 0;
}

const crjit_diagnostic *crjit_plan_diag(const crjit_plan *plan, size_t i)
{
    if (plan == NULL || i >= plan->diags.count)
        return NULL;
    return &plan->diags.items[i];
}

const crjit_restore_facts *crjit_plan_facts(const crjit_plan *plan)
{
    return plan != NULL ? &plan->facts : NULL;
}

/* ---- decisions ----------------------------------------------------------------- */

bool crjit_plan_jit_enabled(const crjit_plan *plan)
{
    return plan != NULL && plan->jit_enabled;
}

bool crjit_plan_aot_enabled(const crjit_plan *plan)
{
    return plan != NULL && plan->aot_enabled;
}

bool crjit_plan_jit_processed(const crjit_plan *plan)
{
    return plan != NULL && plan->jit_processed;
}

crjit_invalidation crjit_plan_invalidation(const crjit_plan *plan)
{
    return plan != NULL ? (crjit_invalidation)plan->invalidation
                        : CRJIT_INVALIDATE_NONE;
}

void crjit_plan_invalidation_counts(const crjit_plan *plan,
                                    size_t *invalidated, size_t *kept_unsafe)
{
    if (invalidated != NULL)
        *invalidated = plan != NULL ? plan->invalidated_count : 0;
    if (kept_unsafe != NULL)
        *kept_unsafe = plan != NULL ? plan->unsafe_count : 0;
}

crjit_body_action crjit__plan_body_action_cached(const crjit_plan *plan,
                                                const crjit_body *body,
                                                crjit__class_cache *cache)
{
    bool selected;
    if (plan == NULL || body == NULL)
        return CRJIT_BODY_KEEP;
    /* The JIT's invalidate-all, the CPU check (bodies compiled before the
     * checkpoint only), and the filtered walk. */
    selected = plan->all_selected ||
               (plan->codegen.known && !plan->codegen.compatible &&
                (body->flags & CRJIT_BODY_PRE_CHECKPOINT)) ||
               (plan->filtered_selected &&
                crjit__filters_decide_cached(plan->filters, body, cache) ==
                    CRJIT_FILTER_EXCLUDED);
    if (!selected)
        return CRJIT_BODY_KEEP;
    if (!(body->flags & CRJIT_BODY_HAS_BODY_INFO))
        return CRJIT_BODY_KEEP_NO_BODY_INFO;
    if (body->flags & CRJIT_BODY_ON_STACK)
        return CRJIT_BODY_KEEP_ON_STACK;
    return CRJIT_BODY_INVALIDATE;
}

crjit_body_action crjit_plan_body_action(const crjit_plan *plan,
                                         const crjit_body *body)
{
    crjit__class_cache one;
    one.valid = false;
    one.oneshot = true;
    return crjit__plan_body_action_cached(plan, body, &one);
}

crjit_log_action crjit_plan_vlog(const crjit_plan *plan, const char **file)
{
    if (plan == NULL) {
        if (file != NULL)
            *file = NULL;
        return CRJIT_LOG_NONE;
    }
    if (file != NULL)
        *file = plan->vlog_file;
    return (crjit_log_action)plan->vlog_action;
}

unsigned crjit_plan_compilation_threads(const crjit_plan *plan)
{
    return plan != NULL ? plan->threads_usable : 0;
}

const char *crjit_plan_option_string(const crjit_plan *plan, bool aot)
{
    return plan != NULL ? plan->option_string[aot ? 1 : 0] : NULL;
}

size_t crjit_plan_suboption_count(const crjit_plan *plan)
{
    return plan != NULL ? plan->sub_count : 0;
}

bool crjit_plan_suboption(const crjit_plan *plan, size_t i,
                          crjit_suboption *out)
{
    const crjit__suboption *s;
    if (plan == NULL || out == NULL || i >= plan->sub_count)
        return false;
    s = &plan->subs[i];
    out->aot = s->aot;
    out->name = s->name;
    out->value = s->value;
    out->arg = s->arg;
    out->offset = s->offset;
    out->effect = s->effect;
    out->passed_to_host = s->passed;
    return true;
}

const crjit_filters *crjit_plan_filters(const crjit_plan *plan)
{
    return plan != NULL ? plan->filters : NULL;
}

size_t crjit_plan_origin(const crjit_plan *plan, crjit_decision which)
{
    if (plan == NULL || (size_t)which >= 5)
        return CRJIT_NPOS;
    return plan->origin[which];
}

bool crjit_plan_jitserver(const crjit_plan *plan, crjit_jitserver_decision *out)
{
    if (plan == NULL || out == NULL)
        return false;
    *out = plan->jitserver;
    return true;
}

bool crjit_plan_codegen(const crjit_plan *plan, crjit_codegen *out)
{
    if (plan == NULL || out == NULL)
        return false;
    *out = plan->codegen;
    return true;
}

size_t crjit_plan_host_action_count(const crjit_plan *plan)
{
    return plan != NULL ? plan->action_count : 0;
}

bool crjit_plan_host_action(const crjit_plan *plan, size_t i,
                            const char **name, const char **text)
{
    if (plan == NULL || i >= plan->action_count)
        return false;
    if (name != NULL)
        *name = plan->actions[i].id;
    if (text != NULL)
        *text = plan->actions[i].text;
    return true;
}
