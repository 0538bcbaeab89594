/* The JIT's first phases at restore: JIT/AOT enablement (B-10…B-14), AOT
 * disable (B-15…B-17), JIT disable (B-18…B-20, DV-9), the gate (B-21, DV-4)
 * and pre-processing (B-23, B-24). */
#include "crjit_internal.h"

#include <string.h>

static const char msg_043[] = "AOT load and compilation disabled post restore.";
static const char msg_048[] =
    "AOT load and compilation disabled pre-checkpoint and post-restore.";
static const char msg_042[] = "JIT compilation disabled post restore.";
static const char msg_044[] =
    "Some or all compiled code in the code cache invalidated post restore.";

/* B-16: only the first DisableAOT of the process has any effect. */
static crjit_status disable_aot(crjit__run *run, bool pre_checkpoint)
{
    run->plan->aot_enabled = false;
    if (run->aot_disable_done)
        return CRJIT_OK;
    run->aot_disable_done = true;
    if (pre_checkpoint)
        return crjit__message_add(run, "JVMJITM048W", msg_048,
                                  sizeof msg_048 - 1);
    return crjit__message_add(run, "JVMJITM043W", msg_043, sizeof msg_043 - 1);
}

crjit_status crjit__disable_aot(crjit__run *run, bool pre_checkpoint)
{
    return disable_aot(run, pre_checkpoint);
}

/* DV-8: 044W once per restore, and only when a body was invalidated. */
crjit_status crjit__invalidate_all_now(crjit__run *run)
{
    size_t inv = 0, unsafe = 0;
    crjit_status st;

    run->invalidate_all = true;
    run->plan->all_selected = true;
    if (run->all_walk_done)
        return CRJIT_OK;
    run->all_walk_done = true;
    st = crjit__walk_count(run, true, &inv, &unsafe);
    if (st != CRJIT_OK)
        return st;
    run->plan->invalidated_count = inv;
    run->plan->unsafe_count = unsafe;
    if (inv == 0 || run->message_044)
        return CRJIT_OK;
    run->message_044 = true;
    return crjit__message_add(run, "JVMJITM044W", msg_044, sizeof msg_044 - 1);
}

/* B-11: the four consuming searches, OPTIONAL_LIST, in this order. */
typedef struct modes {
    size_t jit, nojit, aot, noaot;
} modes;

static modes find_modes(crjit_ral *ral)
{
    modes m;
    m.jit = crjit_ral_find(ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xjit",
                           CRJIT_FIND_CONSUME, 0);
    m.nojit = crjit_ral_find(ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xnojit",
                             CRJIT_FIND_CONSUME, 0);
    m.aot = crjit_ral_find(ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xaot",
                           CRJIT_FIND_CONSUME, 0);
    m.noaot = crjit_ral_find(ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xnoaot",
                             CRJIT_FIND_CONSUME, 0);
    return m;
}

/* Indices as the reference compares them: absent is -1. */
static long idx(size_t i)
{
    return i == CRJIT_NPOS ? -1L : (long)i;
}

/* B-12, B-13, B-14 */
static void enablement(crjit__run *run, modes m)
{
    crjit_plan *plan = run->plan;
    plan->jit_enabled = run->jit_pre;
    plan->aot_enabled = run->aot_pre;
    if (idx(m.jit) != idx(m.nojit)) {
        plan->jit_enabled = idx(m.jit) > idx(m.nojit);
        plan->origin[CRJIT_DECISION_JIT] =
            idx(m.jit) > idx(m.nojit) ? m.jit : m.nojit;
    }
    if (run->aot_pre) {
        plan->aot_enabled = idx(m.aot) >= idx(m.noaot);
        if (m.noaot != CRJIT_NPOS || m.aot != CRJIT_NPOS)
            plan->origin[CRJIT_DECISION_AOT] =
                idx(m.aot) >= idx(m.noaot) ? m.aot : m.noaot;
    }
    if (!plan->aot_enabled)
        run->disable_aot_post = true;
}

static crjit_status note_cannot_enable_aot(crjit__run *run, modes m)
{
    /* G-9: -Xaot cannot bring back AOT disabled before the checkpoint. */
    if (run->aot_pre || m.aot == CRJIT_NPOS || idx(m.aot) < idx(m.noaot))
        return CRJIT_OK;
    return crjit__note(run, CRJIT_SEV_WARNING, CRJIT_DIAG_SETTING_IGNORED,
                       m.aot, 0,
                       "-Xaot cannot enable AOT at restore when it was "
                       "disabled before the checkpoint (B-13, G-9)");
}

/* B-18…B-20 with DV-9: invalidate everything only when this restore turns
 * the JIT off (it was on, or a winning -Xnojit is in the args). */
static crjit_status jit_disable(crjit__run *run, modes m)
{
    bool by_args = m.nojit != CRJIT_NPOS && idx(m.nojit) > idx(m.jit);
    crjit_status st;

    if (run->plan->jit_enabled)
        return CRJIT_OK;
    if (!run->jit_pre && !by_args)
        return crjit__note(run, CRJIT_SEV_NOTE, CRJIT_DIAG_NO_EFFECT,
                           CRJIT_NPOS, 0,
                           "the JIT was already off before the checkpoint; "
                           "unlike the reference, nothing is invalidated "
                           "again (DV-9)");
    if (by_args)
        run->plan->origin[CRJIT_DECISION_INVALIDATION] = m.nojit;
    st = crjit__invalidate_all_now(run);
    if (st != CRJIT_OK)
        return st;
    return crjit__message_add(run, "JVMJITM042W", msg_042, sizeof msg_042 - 1);
}

/* B-24: the merge flag, consumed here (not inherited, G-8); with the gate
 * closed it is still consumed (DV-4) but has nothing to merge. */
static crjit_status preprocess(crjit__run *run)
{
    size_t plus = crjit_ral_find(run->ral, CRJIT_MATCH_EXACT,
                                 "-XX:+MergeCompilerOptions",
                                 CRJIT_FIND_CONSUME, 0);
    size_t minus = crjit_ral_find(run->ral, CRJIT_MATCH_EXACT,
                                  "-XX:-MergeCompilerOptions",
                                  CRJIT_FIND_CONSUME, 0);
    run->merge = idx(plus) > idx(minus);
    if (!run->plan->gate_open) {
        size_t which[2] = { plus, minus }, k;
        for (k = 0; k < 2; k++) {
            crjit_status st;
            if (which[k] == CRJIT_NPOS)
                continue;
            st = crjit__note(run, CRJIT_SEV_WARNING, CRJIT_DIAG_NOT_APPLIED,
                             which[k], 0,
                             "not applied: the compiler is disabled after "
                             "restore; the reference would leave it "
                             "unconsumed (B-21, DV-4)");
            if (st != CRJIT_OK)
                return st;
        }
    }
    return CRJIT_OK;
}

crjit_status crjit__phase_jit_modes(crjit__run *run)
{
    crjit_plan *plan = run->plan;
    const crjit_checkpoint_state *ck = &run->checkpoint;
    crjit_status st;
    modes m;

    plan->jit_enabled = ck->jit_enabled;
    plan->aot_enabled = ck->aot_enabled && !ck->aot_disabled_earlier;
    plan->threads_usable = ck->threads_usable;
    plan->print_code_cache = ck->print_code_cache;
    plan->async_compilation = ck->async_compilation;
    if (!ck->jit_loaded || run->input->args->failed) {
        /* T-6: no JIT listener, so nothing below runs and no JIT option
         * is consumed. */
        plan->jit_processed = false;
        if (run->input->args->failed)
            return CRJIT_OK;
        return crjit__note(run, CRJIT_SEV_NOTE, CRJIT_DIAG_JIT_NOT_LOADED,
                           CRJIT_NPOS, 0,
                           "the JIT was not loaded before the checkpoint "
                           "(-Xint, or -Xnojit with -Xnoaot), so it does not "
                           "run at restore and recognises no option (T-6, "
                           "G-9)");
    }
    plan->jit_processed = true;
    run->jit_pre = ck->jit_enabled;
    /* I3, I6: SCC disabled on restore, or AOT header check delayed. */
    run->aot_pre = ck->aot_validation_delayed ||
                   (ck->aot_enabled && !ck->aot_disabled_earlier);
    run->aot_disable_done = ck->aot_disabled_earlier;
    run->disable_aot_post = run->plan->facts.scc_disabled_on_restore;
    m = find_modes(run->ral);
    enablement(run, m);
    st = note_cannot_enable_aot(run, m);
    if (st == CRJIT_OK && run->disable_aot_post)
        st = disable_aot(run, !run->aot_pre); /* B-15 */
    if (st == CRJIT_OK)
        st = jit_disable(run, m);
    if (st != CRJIT_OK)
        return st;
    /* B-21 with DV-4: a closed gate still consumes what it recognises. */
    plan->gate_open = plan->jit_enabled || plan->aot_enabled;
    run->disable_aot = run->disable_aot_post;
    return preprocess(run);
}
