/* The VM's check of the restore arguments (A-39…A-46), the final status of
 * every argument (product.md §6.1) and the strict policy. */
#include "crjit_internal.h"

#include <string.h>

static const char restore_failed[] =
    "The JVM could not enable all the restore options specified";
static const char load_failed[] = "The JVM could not load the options file";

/* Rightmost of a +/- pair (both consumed): true when + wins. */
static bool plus_wins(crjit_ral *ral, const char *plus, const char *minus)
{
    size_t p = crjit_ral_find(ral, CRJIT_MATCH_EXACT, plus, CRJIT_FIND_CONSUME,
                              0);
    size_t m = crjit_ral_find(ral, CRJIT_MATCH_EXACT, minus,
                              CRJIT_FIND_CONSUME, 0);
    return p != CRJIT_NPOS && (m == CRJIT_NPOS || p > m);
}

/* agents need -XX:+DebugOnRestore before the checkpoint. */
static crjit_status check_agents(crjit__run *run)
{
    static const char *const prefixes[] = { "-Xrunjdwp:", "-agentlib:",
                                            "-agentpath:" };
    static const char head[] = "The JVM could not enable ";
    static const char tail[] = " in the restore option file because "
                               "-XX:+DebugOnRestore wasn't enabled "
                               "pre-checkpoint.";
    char q[CRJIT__QUOTE_MAX + 8];
    const char *arg;
    char *msg;
    size_t i, at = CRJIT_NPOS, len, hl = sizeof head - 1, tl = sizeof tail - 1;
    crjit_status st;

    if (run->checkpoint.debug_on_restore)
        return CRJIT_OK;
    for (i = 0; i < 3 && at == CRJIT_NPOS; i++)
        at = crjit_ral_find(run->ral, CRJIT_MATCH_STARTSWITH, prefixes[i],
                            CRJIT_FIND_FORWARD | CRJIT_FIND_CONSUME, 0);
    if (at == CRJIT_NPOS)
        return CRJIT_OK;
    run->agent_found = true;
    arg = crjit_args_text(run->input->args, at, &len, NULL);
    crjit__quote(q, sizeof q, arg, len);
    st = CRJIT__RUN_DIAG(run, CRJIT_SEV_ERROR, CRJIT_DIAG_JDWP_NEEDS_DEBUG, at,
                         0,
                         "agent option %s fails the restore because "
                         "-XX:+DebugOnRestore was not enabled before the "
                         "checkpoint (A-40); no ignore flag changes that",
                         q);
    if (st != CRJIT_OK)
        return st;
    /* The VM prints the whole entry, as for JVMJ9VM007E. */
    msg = crjit__alloc(run->ctx, hl + len + tl + 1);
    if (msg == NULL)
        return CRJIT_E_NOMEM;
    memcpy(msg, head, hl);
    memcpy(msg + hl, arg, len);
    memcpy(msg + hl + len, tail, tl);
    st = crjit__message_add(run, "JVMJ9VM" CRJIT__JDWP_MSG_NUMBER "E", msg,
                            hl + len + tl);
    crjit__free(run->ctx, msg);
    return st;
}

static bool is_blank_text(const char *t, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if (t[i] != ' ' && t[i] != '\t')
            return false;
    return true;
}

static bool starts(const char *t, size_t len, const char *p)
{
    size_t n = strlen(p);
    return len >= n && memcmp(t, p, n) == 0;
}

/* why an unconsumed entry is skipped by the check, or NULL. */
const char *crjit__skip_reason(const crjit__run *run, const char *t,
                               size_t len)
{
    if (run->ignore_unrecognized &&
        (is_blank_text(t, len) || starts(t, len, "-X") || starts(t, len, "_")))
        return "the start-up ignoreUnrecognized setting or "
               "-XXvm:ignoreUnrecognized skips it (A-41)";
    if (run->ignore_xx && starts(t, len, "-XX:"))
        return "unknown -XX: options are tolerated unless "
               "-XX:-IgnoreUnrecognizedXXColonOptions is given (A-44)";
    if (run->ignore_top_level)
        return "-XX:+IgnoreUnrecognizedVMOptions skips it (A-41)";
    return NULL;
}

/* JVMJ9VM007E carries the whole entry, as the VM prints it. */
static crjit_status report_offender(crjit__run *run, const crjit__entry *e)
{
    static const char head[] = "Command-line option unrecognised: ";
    const size_t hl = sizeof head - 1;
    crjit_status st;
    char *msg = crjit__alloc(run->ctx, hl + e->len + 1);

    if (msg == NULL)
        return CRJIT_E_NOMEM;
    memcpy(msg, head, hl);
    memcpy(msg + hl, e->text, e->len);
    st = crjit__message_add(run, "JVMJ9VM007E", msg, hl + e->len);
    crjit__free(run->ctx, msg);
    return st;
}

crjit_status crjit__phase_verdict(crjit__run *run)
{
    crjit_ral *ral = run->ral;
    const crjit_args *args = run->input->args;
    size_t i;

    if (args->failed) {
        run->plan->accepted = false;
        run->plan->verdict_message = load_failed;
        return CRJIT_OK;
    }
    /* */
    crjit_ral_find(ral, CRJIT_MATCH_STARTSWITH, "-Xoptionsfile=",
                   CRJIT_FIND_CONSUME, 0);
    run->ignore_restore =
        plus_wins(ral, "-XX:+IgnoreUnrecognizedRestoreOptions",
                  "-XX:-IgnoreUnrecognizedRestoreOptions");
    if (check_agents(run) != CRJIT_OK)
        return CRJIT_E_NOMEM;
    /* –3 */
    run->ignore_unrecognized =
        run->checkpoint.ignore_unrecognized ||
        crjit_ral_find(ral, CRJIT_MATCH_EXACT, "-XXvm:ignoreUnrecognized",
                       CRJIT_FIND_CONSUME, 0) != CRJIT_NPOS;
    run->ignore_top_level = plus_wins(ral, "-XX:+IgnoreUnrecognizedVMOptions",
                                      "-XX:-IgnoreUnrecognizedVMOptions");
    run->ignore_xx = !plus_wins(ral, "-XX:-IgnoreUnrecognizedXXColonOptions",
                                "-XX:+IgnoreUnrecognizedXXColonOptions");
    run->plan->accepted = !run->agent_found;
    if (run->agent_found) {
        run->plan->verdict_message = restore_failed; /* */
        return CRJIT_OK;
    }
    /* only the first offender is reported. */
    run->check_ran = true;
    for (i = 0; i < args->count; i++) {
        const crjit__entry *e = &args->entries[i];
        if (ral->flags[i] & (CRJIT__F_CONSUMED | CRJIT__F_EXEMPT))
            continue;
        if (crjit__skip_reason(run, e->text, e->len) != NULL)
            continue;
        if (report_offender(run, e) != CRJIT_OK)
            return CRJIT_E_NOMEM;
        if (!run->ignore_restore)
            run->plan->accepted = false; /* */
        break;
    }
    if (!run->plan->accepted)
        run->plan->verdict_message = restore_failed;
    return CRJIT_OK;
}
