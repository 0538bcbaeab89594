/* Code-generation targets (Part F) and the restore-time CPU check (beyond
 * the reference, product.md §5).
 *
 * The rule (F-14, the fix of issue 21371): before the checkpoint the target
 * is host ∩ portable whenever checkpointing is enabled; the buggy rule of
 * F-13 restricted only in portable restore mode, so the default mode
 * compiled AVX-512 code into the image.  After restore the target is the
 * full host unless the JVM is in portable restore mode (F-7). */
#include "filter.h"

#include <stdio.h>

typedef struct recounting {
    crjit_plan *plan;
    crjit__class_cache cache;
} recounting;

static const char *count_action(void *arg, size_t index, const crjit_body *b)
{
    recounting *rc = arg;
    crjit_plan *plan = rc->plan;
    crjit_body_action a = crjit__plan_body_action_cached(plan, b, &rc->cache);
    (void)index;
    if (a == CRJIT_BODY_INVALIDATE)
        plan->invalidated_count++;
    else if (a != CRJIT_BODY_KEEP)
        plan->unsafe_count++;
    return NULL;
}

/* Final counts over the host, with the plan's own selection rule, so the
 * numbers always agree with crjit_plan_body_action. */
static crjit_status recount(crjit__run *run)
{
    crjit__walk_failure why;
    crjit_status st;
    recounting rc;

    if (run->input->host_ops == NULL)
        return CRJIT_OK;
    run->plan->invalidated_count = run->plan->unsafe_count = 0;
    rc.plan = run->plan;
    rc.cache.valid = false;
    rc.cache.oneshot = false;
    st = crjit__walk(run->input->host_ops, run->input->host_user,
                     count_action, &rc, &why);
    if (st != CRJIT_OK)
        return crjit__diag(run->ctx, &run->plan->diags, CRJIT_SEV_ERROR,
                           CRJIT_DIAG_HOST_FAILED, CRJIT_NPOS, 0,
                           "the host callback %s failed; no plan is made and "
                           "the host is untouched",
                           why.callback) == CRJIT_OK
                   ? CRJIT_E_HOST
                   : CRJIT_E_NOMEM;
    return CRJIT_OK;
}

static crjit_status missing_diag(crjit__run *run, const crjit_cpu *missing)
{
    char names[256];
    crjit_cpu_format(missing, names, sizeof names);
    return crjit__diag(run->ctx, &run->plan->diags, CRJIT_SEV_WARNING,
                       CRJIT_DIAG_CPU_INCOMPATIBLE, CRJIT_NPOS, 0,
                       "the restore host lacks what code compiled before the "
                       "checkpoint may use (%s); every body compiled before "
                       "the checkpoint that can be invalidated is, the rest "
                       "are kept but unsafe",
                       names);
}

static bool restore_cpu(crjit__run *run, crjit_cpu *out)
{
    const crjit_restore_facts *f = &run->plan->facts;
    if (f->restore_cpu_known) {
        *out = f->restore_cpu;
        return true;
    }
    return crjit_cpu_detect(run->ctx, out) == CRJIT_OK;
}

crjit_status crjit__phase_codegen(crjit__run *run)
{
    const crjit_checkpoint_state *ck = &run->checkpoint;
    crjit_codegen *cg = &run->plan->codegen;
    crjit_cpu host, portable;
    bool e = ck->criu_enabled;
    bool prm = e && (!ck->non_portable_mode || ck->portable_jvm_mode);

    cg->checkpoint_allowed_after_restore = e && !ck->non_portable_mode;
    /* F-6: CA ∨ PRM ∨ (relocatable ∧ PortableSharedCache); CA holds before
     * the checkpoint whenever E. */
    cg->portable_code_before = e || prm || ck->portable_shared_cache;
    cg->portable_code_after =
        cg->checkpoint_allowed_after_restore || prm || ck->portable_shared_cache;
    /* F-5 (fixed by #21394 to follow CA, not PRM): decided at start-up and
     * never revisited. */
    cg->variable_heap_size = e || ck->portable_shared_cache;
    if (!ck->checkpoint_cpu_known || !restore_cpu(run, &host))
        return crjit__note(run, CRJIT_SEV_NOTE, CRJIT_DIAG_CPU_UNKNOWN,
                           CRJIT_NPOS, 0,
                           "the checkpoint or restore host CPU is not known, "
                           "so no code-generation target is computed");
    if (host.arch != ck->checkpoint_cpu.arch)
        return crjit__note(run, CRJIT_SEV_ERROR, CRJIT_DIAG_CPU_UNKNOWN,
                           CRJIT_NPOS, 0,
                           "the checkpoint and restore hosts have different "
                           "architectures");
    portable = ck->portable_target_set ? ck->portable_target
                                       : crjit_cpu_portable(host.arch);
    cg->known = true;
    cg->before_checkpoint =
        crjit_cpu_target(&ck->checkpoint_cpu, e ? &portable : NULL);
    cg->relocatable =
        crjit_cpu_target(&ck->checkpoint_cpu,
                         e || ck->portable_shared_cache ? &portable : NULL);
    cg->after_restore = crjit_cpu_target(&host, prm ? &portable : NULL);
    cg->missing.arch = host.arch;
    cg->missing.features = cg->before_checkpoint.features & ~host.features;
    cg->missing.level = cg->before_checkpoint.level > host.level
                            ? cg->before_checkpoint.level
                            : 0;
    cg->compatible = cg->missing.features == 0 && cg->missing.level == 0;
    if (!cg->compatible) {
        crjit_status st = missing_diag(run, &cg->missing);
        if (st != CRJIT_OK)
            return st;
        run->plan->invalidation = CRJIT_INVALIDATE_ALL;
    }
    return recount(run);
}
