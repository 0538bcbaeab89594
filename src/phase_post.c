/* Post-processing with the gate open (B-30…B-41, B-45…B-57): compilation
 * threads, logs, the trap / method-trace / exception / FSD triggers (DV-10),
 * invalidation (DV-8), AOT.  Also the read-only walk over the host's code
 * cache that planning uses to count what apply will do. */
#include "filter.h"

#include <stdio.h>
#include <string.h>

/* ---- the walk ------------------------------------------------------------ */

static crjit_status host_failed(crjit__run *run, const char *callback)
{
    crjit_status st = crjit__diag(run->ctx, &run->plan->diags, CRJIT_SEV_ERROR,
                                  CRJIT_DIAG_HOST_FAILED, CRJIT_NPOS, 0,
                                  "the host callback %s failed; no plan is "
                                  "made and the host is untouched",
                                  callback);
    return st == CRJIT_OK ? CRJIT_E_HOST : st;
}

typedef struct counting {
    const crjit_filters *filters; /* NULL: every body */
    size_t invalidated, unsafe;
    crjit__class_cache cache;
} counting;

static const char *count_body(void *arg, size_t index, const crjit_body *b)
{
    counting *c = arg;
    (void)index;
    if (c->filters != NULL &&
        crjit__filters_decide_cached(c->filters, b, &c->cache) !=
            CRJIT_FILTER_EXCLUDED)
        return NULL;
    if (!(b->flags & CRJIT_BODY_HAS_BODY_INFO) ||
        (b->flags & CRJIT_BODY_ON_STACK))
        c->unsafe++;
    else
        c->invalidated++;
    return NULL;
}

crjit_status crjit__walk_count(crjit__run *run, bool all, size_t *invalidated,
                               size_t *unsafe)
{
    counting c;
    crjit__walk_failure why;

    *invalidated = *unsafe = 0;
    if (run->input->host_ops == NULL)
        return CRJIT_OK;
    c.filters = all ? NULL : run->plan->filters;
    c.invalidated = c.unsafe = 0;
    c.cache.valid = false;
    c.cache.oneshot = false;
    if (crjit__walk(run->input->host_ops, run->input->host_user, count_body,
                    &c, &why) != CRJIT_OK)
        return host_failed(run, why.callback);
    *invalidated = c.invalidated;
    *unsafe = c.unsafe;
    return CRJIT_OK;
}

/* ---- compilation threads (B-31) ---------------------------------------------- */

static crjit_status threads(crjit__run *run)
{
    static const char fmt[] = "Requested number of compilation threads is "
                              "over the limit of %u. Will use %u threads.";
    crjit_plan *plan = run->plan;
    unsigned allocated = run->checkpoint.threads_allocated;
    char text[sizeof fmt + 40];
    crjit_status st;

    if (run->threads_requested == 0 ||
        run->threads_requested == plan->threads_usable)
        return CRJIT_OK;
    plan->origin[CRJIT_DECISION_THREADS] = run->threads_arg;
    if (run->threads_requested <= allocated) {
        plan->threads_usable = (unsigned)run->threads_requested;
        return CRJIT_OK;
    }
    plan->threads_usable = allocated;
    (void)snprintf(text, sizeof text, fmt, allocated, allocated);
    st = crjit__message_add(run, NULL, text, strlen(text));
    if (st != CRJIT_OK)
        return st;
    return crjit__diag(run->ctx, &plan->diags, CRJIT_SEV_WARNING,
                       CRJIT_DIAG_THREADS_CAPPED, run->threads_arg, 0,
                       "only %u compilation threads were allocated when the "
                       "JVM started, so %u are used (B-31, G-33)",
                       allocated, allocated);
}

/* ---- logs (B-45…B-49) ----------------------------------------------------------- */

/* The reference's time-stamp suffix, left unexpanded so output is stable. */
static const char log_suffix[] = ".%Y%m%d.%H%M%S.%pid";

static crjit_status set_vlog(crjit__run *run, crjit_log_action action,
                             const char *base, size_t len, bool suffix)
{
    size_t sl = suffix ? sizeof log_suffix - 1 : 0;
    char *file = crjit__arena_alloc(run->ctx, &run->plan->text, len + sl + 1);
    if (file == NULL)
        return CRJIT_E_NOMEM;
    memcpy(file, base, len);
    memcpy(file + len, log_suffix, sl);
    file[len + sl] = '\0';
    run->plan->vlog_action = (uint8_t)action;
    run->plan->vlog_file = file;
    return CRJIT_OK;
}

static crjit_status logs(crjit__run *run)
{
    const crjit_checkpoint_state *ck = &run->checkpoint;
    bool pre = ck->vlog != NULL;
    bool now = run->vlog_new != NULL;
    bool suffix_now = !(ck->no_log_suffix || run->restore_no_suffix);

    if (!now) {
        if (!pre)
            return CRJIT_OK;
        /* B-46: reopened (append) before options are processed, so only
         * the pre-checkpoint suffix setting counts. */
        return set_vlog(run, CRJIT_LOG_REOPEN, ck->vlog, ck->vlog_len,
                        !ck->no_log_suffix);
    }
    run->plan->origin[CRJIT_DECISION_VLOG] = run->vlog_new_arg;
    if (!pre)
        return set_vlog(run, CRJIT_LOG_OPEN, run->vlog_new, run->vlog_new_len,
                        suffix_now);
    if (ck->vlog_len == run->vlog_new_len &&
        memcmp(ck->vlog, run->vlog_new, ck->vlog_len) == 0) {
        crjit_status st = crjit__note(
            run, CRJIT_SEV_WARNING, CRJIT_DIAG_LOG_TRUNCATED,
            run->vlog_new_arg, 0,
            "vlog= names the pre-checkpoint log again: the file reopened at "
            "restore is opened a second time with truncation, losing what "
            "was written before (B-48)");
        if (st != CRJIT_OK)
            return st;
    }
    return set_vlog(run, CRJIT_LOG_REPLACE, run->vlog_new, run->vlog_new_len,
                    suffix_now);
}

/* ---- triggers (B-33, B-34 with DV-10) -------------------------------------------- */

static void triggers(crjit__run *run)
{
    const crjit_checkpoint_state *ck = &run->checkpoint;
    const crjit_restore_facts *f = &run->plan->facts;
    bool ca_post = ck->criu_enabled && !ck->non_portable_mode;
    bool fsd_needed = f->fsd_needed && !(ca_post && ck->debug_on_restore);
    bool fire = false;

    /* DV-10: every trigger is evaluated, not only the first true one. */
    if (!ck->traps_disabled &&
        (f->reduced_signals_sync || run->restore_traps_off))
        fire = true;
    if (!ck->method_trace_enabled && f->method_trace_enabled)
        fire = true;
    if (!ck->exception_events_hooked && f->exception_events_hooked)
        fire = true;
    /* B-60: with TR_DisableFullSpeedDebug FSD is never initialised; with
     * TR_DisableFullSpeedDebugAOT it is, but AOT goes off. */
    if (fsd_needed && ck->env_disable_fsd)
        fsd_needed = false;
    if (fsd_needed && ck->env_disable_fsd_aot)
        run->disable_aot = true;
    if (fsd_needed && !ck->fsd_enabled)
        fire = true;
    if (fire) {
        run->invalidate_all = true;
        run->disable_aot = true;
    }
}

/* B-35, B-50: all, or the filtered walk when filters exist. */
static crjit_status invalidation(crjit__run *run)
{
    static const char msg_044[] = "Some or all compiled code in the code "
                                  "cache invalidated post restore.";
    crjit_plan *plan = run->plan;
    size_t inv = 0, unsafe = 0;
    crjit_status st;

    if (run->invalidate_all || run->all_walk_done) {
        plan->invalidation = CRJIT_INVALIDATE_ALL;
        return crjit__invalidate_all_now(run);
    }
    if (!crjit__filters_active(plan->filters))
        return CRJIT_OK;
    plan->invalidation = CRJIT_INVALIDATE_FILTERED;
    plan->filtered_selected = true;
    st = crjit__walk_count(run, false, &inv, &unsafe);
    if (st != CRJIT_OK)
        return st;
    plan->invalidated_count = inv;
    plan->unsafe_count = unsafe;
    if (inv == 0 || run->message_044)
        return CRJIT_OK;
    run->message_044 = true;
    return crjit__message_add(run, "JVMJITM044W", msg_044,
                              sizeof msg_044 - 1);
}

/* ---- host actions (B-23, D-9, B-39, B-41, B-70…B-73) ---------------------------- */

static crjit_status action(crjit__run *run, const char *name,
                           const char *text)
{
    crjit_plan *plan = run->plan;
    if (crjit__grow(run->ctx, (void **)&plan->actions, &plan->action_cap,
                    plan->action_count + 1, sizeof *plan->actions) != CRJIT_OK)
        return CRJIT_E_NOMEM;
    plan->actions[plan->action_count].id = name;
    plan->actions[plan->action_count].text = text;
    plan->action_count++;
    return CRJIT_OK;
}

/* B-39: the restore args decide when one of the pair is present; else the
 * SCC's state decides, which only the host knows. */
static const char *iprofiler_text(crjit__run *run)
{
    size_t p = crjit_ral_find(run->ral, CRJIT_MATCH_EXACT,
                              "-XX:+IProfileDuringStartupPhase", 0, 0);
    size_t m = crjit_ral_find(run->ral, CRJIT_MATCH_EXACT,
                              "-XX:-IProfileDuringStartupPhase", 0, 0);
    if (p != CRJIT_NPOS && (m == CRJIT_NPOS || p > m))
        return "profile during the start-up phase: the restore arguments ask "
               "for it (B-39)";
    if (m != CRJIT_NPOS)
        return "no profiling during the start-up phase: the restore "
               "arguments say so (B-39)";
    if (run->disable_aot || run->checkpoint.persist_iprofile_disabled ||
        !run->checkpoint.scc_caches_nonboot || !run->checkpoint.scc_warm)
        return NULL; /* unchanged */
    return "no profiling during the start-up phase: the shared class cache "
           "is warm, caches non-bootstrap classes and persists profiles "
           "(B-39)";
}

static crjit_status host_actions(crjit__run *run)
{
    const crjit_checkpoint_state *ck = &run->checkpoint;
    bool ca_post = ck->criu_enabled && !ck->non_portable_mode;
    bool gate = run->plan->gate_open;
    const char *ip = gate ? iprofiler_text(run) : NULL;
    crjit_status st = CRJIT_OK;

    /* B-23…B-41 run only with the gate open (B-21); B-70…B-73 follow the
     * JIT's option processing whatever it decided (T-3). */
    if (gate && run->plan->facts.processor_count != 0)
        st = action(run, "processor-count",
                    "use the processors now visible for the compiler's "
                    "heuristics (B-23)");
    if (st == CRJIT_OK && (run->plan->option_string[0] != NULL ||
                           run->plan->option_string[1] != NULL))
        st = action(run, "late-post-processing",
                    "re-derive the option values that depend on the "
                    "processor count, as after a new option string (D-9)");
    if (st == CRJIT_OK && ip != NULL)
        st = action(run, "iprofiler-startup-phase", ip);
    if (st == CRJIT_OK && gate && ck->code_cache_disclaiming)
        st = action(run, "disclaim-recheck",
                    "re-check on this host whether memory disclaiming can "
                    "stay on (B-41)");
    if (st == CRJIT_OK)
        st = action(run, "reset-start-time",
                    "elapsed time continues from the checkpoint: the "
                    "downtime is not counted (B-70)");
    if (st == CRJIT_OK)
        st = action(run, "reset-cpu-utilisation",
                    "restart CPU-utilisation tracking (B-71)");
    if (st == CRJIT_OK && ck->debug_on_restore && !ca_post)
        st = action(run, "iprofiler-off",
                    "turn interpreter profiling off during the start-up "
                    "phase, overriding -XX:+IProfileDuringStartupPhase "
                    "(B-72, G-34)");
    if (st == CRJIT_OK)
        st = action(run, "swap-recheck",
                    "re-check whether the restore host has swap (B-73)");
    return st;
}

crjit_status crjit__phase_post(crjit__run *run)
{
    crjit_plan *plan = run->plan;
    crjit_status st;

    if (!plan->jit_processed)
        return CRJIT_OK;
    if (run->all_walk_done)
        plan->invalidation = CRJIT_INVALIDATE_ALL;
    if (!plan->gate_open) {
        st = logs(run); /* B-46 reopening happens before the JIT runs */
        return st == CRJIT_OK ? host_actions(run) : st;
    }
    st = threads(run);
    if (st == CRJIT_OK)
        st = logs(run);
    if (st != CRJIT_OK)
        return st;
    triggers(run);
    st = invalidation(run);
    if (st == CRJIT_OK && run->disable_aot)
        st = crjit__disable_aot(run, false); /* B-36 */
    if (st == CRJIT_OK)
        st = host_actions(run);
    return st;
}
