/* Final status of every argument, with at least one diagnostic for each one
 * that is not plainly consumed (product.md §6.1), and the strict policy. */
#include "crjit_internal.h"

#include <string.h>

/* Known JVM options that cannot change at restore: nothing consumes them, so
 * they fail the restore like unknown ones; the diagnostic says why. */
typedef struct unsupported {
    const char *name;
    crjit_match match; /* how the option is spelled (A-17…A-21) */
    const char *why;
} unsupported;

static const unsupported unsupported_options[] = {
    { "-Xmx", CRJIT_MATCH_EXACT_MEMORY,
      "the maximum heap size is fixed when the JVM starts" },
    { "-Xms", CRJIT_MATCH_EXACT_MEMORY,
      "the initial heap size is fixed when the JVM starts" },
    { "-Xmn", CRJIT_MATCH_EXACT_MEMORY,
      "the nursery size is fixed when the JVM starts" },
    { "-Xss", CRJIT_MATCH_EXACT_MEMORY,
      "the thread stack size is fixed when the JVM starts" },
    { "-Xint", CRJIT_MATCH_EXACT,
      "the execution mode cannot change at restore; nothing consumes -Xint "
      "(H-9)" },
    { "-Xgcpolicy:", CRJIT_MATCH_STARTSWITH, "the GC policy is fixed when the JVM starts" },
    { "-Xtune:", CRJIT_MATCH_STARTSWITH,
      "the reference has no restore-time handling for -Xtune (G-2, G-35)" },
    { "-Xlockword:", CRJIT_MATCH_STARTSWITH,
      "the reference has no restore-time handling for -Xlockword (G-2)" },
    { "-XaggressivenessLevel", CRJIT_MATCH_STARTSWITH,
      "the reference has no restore-time handling for it (G-2)" },
    { "-Xrs", CRJIT_MATCH_OPTIONAL_LIST,
      "only the rightmost of -Xrs:onRestore, -Xrs:syncOnRestore and "
      "-Xrs:asyncOnRestore is accepted at restore (A-51)" },
    { "-Xshareclasses", CRJIT_MATCH_OPTIONAL_LIST,
      "only -Xshareclasses:disableOnRestore is accepted at restore (A-52)" },
};

static bool spelled(const unsupported *u, const char *t, size_t len)
{
    size_t n = strlen(u->name);
    char next;
    if (len < n || memcmp(t, u->name, n) != 0)
        return false;
    next = len > n ? t[n] : '\0';
    switch (u->match) {
    case CRJIT_MATCH_EXACT: return len == n;
    case CRJIT_MATCH_EXACT_MEMORY: return next >= '0' && next <= '9';
    case CRJIT_MATCH_OPTIONAL_LIST: return next == '\0' || next == ':';
    case CRJIT_MATCH_OPTIONAL_LIST_EQUALS: return next == '\0' || next == '=';
    case CRJIT_MATCH_STARTSWITH: return true;
    }
    return false;
}

static const char *unsupported_why(const char *t, size_t len)
{
    size_t i;
    for (i = 0; i < sizeof unsupported_options / sizeof unsupported_options[0];
         i++)
        if (spelled(&unsupported_options[i], t, len))
            return unsupported_options[i].why;
    return NULL;
}

static crjit_status classify_duplicate(crjit__run *run, size_t i)
{
    crjit_plan *plan = run->plan;
    size_t w = run->ral->winner[i];

    plan->status[i] = CRJIT_ARG_DUPLICATE;
    plan->winner[i] = (uint32_t)w;
    if (w == 0)
        return CRJIT__RUN_DIAG(run, CRJIT_SEV_NOTE, CRJIT_DIAG_DUPLICATE, i, 0,
                               "exempt from the restore-args check");
    return CRJIT__RUN_DIAG(run, CRJIT_SEV_NOTE, CRJIT_DIAG_DUPLICATE, i, 0,
                           "superseded by #%zu, which takes effect; this "
                           "entry has no effect (A-25)",
                           w - 1);
}

static crjit_status classify_unconsumed(crjit__run *run, size_t i)
{
    const crjit__entry *e = &run->input->args->entries[i];
    const char *why = crjit__skip_reason(run, e->text, e->len);
    crjit_severity sev =
        run->ignore_restore ? CRJIT_SEV_WARNING : CRJIT_SEV_ERROR;
    const char *tail =
        run->ignore_restore
            ? "; -XX:+IgnoreUnrecognizedRestoreOptions keeps the restore "
              "going (A-43)"
            : "; it fails the restore (A-42)";

    if (why != NULL) {
        run->plan->status[i] = CRJIT_ARG_TOLERATED;
        return CRJIT__RUN_DIAG(run, CRJIT_SEV_NOTE, CRJIT_DIAG_TOLERATED, i, 0,
                               "matches no restore option, but %s", why);
    }
    why = unsupported_why(e->text, e->len);
    if (why != NULL) {
        run->plan->status[i] = CRJIT_ARG_UNSUPPORTED;
        return CRJIT__RUN_DIAG(run, sev, CRJIT_DIAG_UNSUPPORTED, i, 0,
                               "not supported at restore: %s%s", why, tail);
    }
    run->plan->status[i] = CRJIT_ARG_UNRECOGNIZED;
    return CRJIT__RUN_DIAG(run, sev, CRJIT_DIAG_UNRECOGNIZED, i, 0,
                           "no consumer recognises this option%s", tail);
}

crjit_status crjit__phase_classify(crjit__run *run)
{
    const crjit_args *args = run->input->args;
    size_t i;

    for (i = 0; i < args->count; i++) {
        uint8_t f = run->ral->flags[i];
        crjit_status st = CRJIT_OK;
        if (f & (CRJIT__F_CONSUMED | CRJIT__F_EVER_CONSUMED)) {
            run->plan->status[i] = CRJIT_ARG_CONSUMED;
        } else if (f & CRJIT__F_BORN_EXEMPT) {
            run->plan->status[i] = CRJIT_ARG_TOLERATED;
            st = CRJIT__RUN_DIAG(run, CRJIT_SEV_NOTE, CRJIT_DIAG_TOLERATED, i,
                                 0,
                                 "launcher option, exempt from the "
                                 "restore-args check (A-8)");
        } else if (f & CRJIT__F_EXEMPT) {
            st = classify_duplicate(run, i);
        } else {
            st = classify_unconsumed(run, i);
        }
        if (st != CRJIT_OK)
            return st;
    }
    return CRJIT_OK;
}

/* Strict policy: any error diagnostic rejects the restore. */
crjit_status crjit__phase_policy(crjit__run *run)
{
    crjit_plan *plan = run->plan;
    size_t i;

    if (run->ctx->policy != CRJIT_POLICY_STRICT || !plan->accepted)
        return CRJIT_OK;
    if (plan->codegen.known && !plan->codegen.compatible) {
        plan->accepted = false;
        plan->verdict_message =
            "The JVM could not enable all the restore options specified";
        return CRJIT__RUN_DIAG(run, CRJIT_SEV_ERROR,
                               CRJIT_DIAG_STRICT_REJECT, CRJIT_NPOS, 0,
                               "the strict policy rejects a restore on a host "
                               "that cannot run the code compiled before the "
                               "checkpoint");
    }
    for (i = 0; i < plan->diags.count; i++) {
        const crjit_diagnostic *d = &plan->diags.items[i];
        if (d->severity != CRJIT_SEV_ERROR)
            continue;
        plan->accepted = false;
        plan->verdict_message =
            "The JVM could not enable all the restore options specified";
        return CRJIT__RUN_DIAG(run, CRJIT_SEV_ERROR,
                               CRJIT_DIAG_STRICT_REJECT, d->arg, d->offset,
                               "the strict policy rejects the restore because "
                               "of the %s diagnostic",
                               crjit_diag_code_name(d->code));
    }
    return CRJIT_OK;
}
