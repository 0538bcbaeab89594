/* The reference VM's own consumers of restore arguments (A-49…A-56, T-1).
 * They use only the public search API, exactly as a host's replacement
 * would. */
#include "crjit_internal.h"

#include <string.h>

/* Mark every entry that matches (name, kind) consumed: used by components
 * that process all of their options, not just the rightmost one. */
static size_t consume_all(crjit_ral *ral, crjit_match kind, const char *name)
{
    return crjit__ral_consume_all(ral, kind, name);
}

/* B-33.2: -Xtrace:methods=... turns the VM's method-trace flag on. */
static bool traces_methods(crjit_ral *ral)
{
    const crjit_args *args = crjit_ral_args(ral);
    size_t at = 0, i, len;
    while ((i = crjit_ral_find(ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xtrace",
                               CRJIT_FIND_FORWARD | CRJIT_FIND_STOP, at)) !=
           CRJIT_NPOS) {
        const char *t = crjit_args_text(args, i, &len, NULL);
        size_t k;
        for (k = 0; k + 8 <= len; k++)
            if (memcmp(t + k, "methods=", 8) == 0)
                return true;
        at = i + 1;
    }
    return false;
}

static int trace_and_dump(void *user, crjit_ral *ral,
                          crjit_restore_facts *facts)
{
    (void)user;
    if (traces_methods(ral))
        facts->method_trace_enabled = true;
    if (consume_all(ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xtrace") != 0) {
        facts->trace_requested = true;
        facts->debug_interpreter = true;
    }
    if (consume_all(ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xdump") != 0) {
        facts->dump_requested = true;
        facts->debug_interpreter = true;
    }
    return 0;
}

/* only the rightmost -Xrs entry is looked at; it is consumed only when
 * its value is one of the three restore forms.  Plain -Xrs, -Xrs:sync and
 * the rest stay unconsumed (and fail the restore). */
static int reduced_signals(void *user, crjit_ral *ral,
                           crjit_restore_facts *facts)
{
    const char *value;
    size_t len;
    size_t i = crjit_ral_find(ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xrs", 0, 0);

    (void)user;
    if (i == CRJIT_NPOS ||
        crjit_ral_value(ral, i, ':', &value, &len) != CRJIT_VALUE_OK)
        return 0;
    if (len == 13 && memcmp(value, "syncOnRestore", 13) == 0) {
        facts->reduced_signals_sync = true;
    } else if (len == 14 && memcmp(value, "asyncOnRestore", 14) == 0) {
        facts->reduced_signals_async = true;
    } else if (len == 9 && memcmp(value, "onRestore", 9) == 0) {
        facts->reduced_signals_sync = true;
        facts->reduced_signals_async = true;
    } else {
        return 0;
    }
    crjit_ral_consume_at(ral, i);
    return 0;
}

/* */
static int shared_classes(void *user, crjit_ral *ral,
                          crjit_restore_facts *facts)
{
    (void)user;
    if (crjit_ral_find(ral, CRJIT_MATCH_EXACT,
                       "-Xshareclasses:disableOnRestore", CRJIT_FIND_CONSUME,
                       0) != CRJIT_NPOS)
        facts->scc_disabled_on_restore = true;
    return 0;
}

/* T-1 step 4: with -XX:+DebugOnRestore before the checkpoint, the JVMTI
 * restore hook loads every agent option of the list (so the check of A-40
 * never sees them). */
static int debug_agents(void *user, crjit_ral *ral, crjit_restore_facts *facts)
{
    (void)user;
    if (!facts->debug_on_restore)
        return 0;
    consume_all(ral, CRJIT_MATCH_STARTSWITH, "-agentlib:");
    consume_all(ral, CRJIT_MATCH_STARTSWITH, "-agentpath:");
    consume_all(ral, CRJIT_MATCH_STARTSWITH, "-Xrunjdwp:");
    return 0;
}

/* each sign consumed (rightmost); + to the right of - turns the debug
 * interpreter on. */
static int debug_interpreter(void *user, crjit_ral *ral,
                             crjit_restore_facts *facts)
{
    size_t on = crjit_ral_find(ral, CRJIT_MATCH_EXACT, "-XX:+DebugInterpreter",
                               CRJIT_FIND_CONSUME, 0);
    size_t off = crjit_ral_find(ral, CRJIT_MATCH_EXACT,
                                "-XX:-DebugInterpreter", CRJIT_FIND_CONSUME, 0);
    (void)user;
    if (on != CRJIT_NPOS && (off == CRJIT_NPOS || on > off))
        facts->debug_interpreter = true;
    return 0;
}

/* GC re-initialisation takes the GC options the user docs list as
 * restore-supported (C-6): -Xgcthreads<n>, -Xsoftmx<size>,
 * -Xverbosegclog[:...].  Their values are the GC's business. */
static int gc_options(void *user, crjit_ral *ral, crjit_restore_facts *facts)
{
    (void)user;
    (void)facts;
    crjit_ral_find(ral, CRJIT_MATCH_EXACT_MEMORY, "-Xgcthreads",
                   CRJIT_FIND_CONSUME, 0);
    crjit_ral_find(ral, CRJIT_MATCH_EXACT_MEMORY, "-Xsoftmx",
                   CRJIT_FIND_CONSUME, 0);
    crjit_ral_find(ral, CRJIT_MATCH_OPTIONAL_LIST, "-Xverbosegclog",
                   CRJIT_FIND_CONSUME, 0);
    return 0;
}

/* every -D entry is a system property; all of them are consumed. */
static int system_properties(void *user, crjit_ral *ral,
                             crjit_restore_facts *facts)
{
    (void)user;
    (void)facts;
    consume_all(ral, CRJIT_MATCH_STARTSWITH, "-D");
    return 0;
}

static const crjit_vm_consumer reference_consumers[] = {
    { "trace-and-dump", CRJIT_VM_BEFORE_JIT, trace_and_dump },
    { "reduced-signals", CRJIT_VM_BEFORE_JIT, reduced_signals },
    { "shared-classes", CRJIT_VM_BEFORE_JIT, shared_classes },
    { "debug-agents", CRJIT_VM_BEFORE_JIT, debug_agents },
    { "debug-interpreter", CRJIT_VM_AFTER_JIT, debug_interpreter },
    { "gc-options", CRJIT_VM_AFTER_JIT, gc_options },
    { "system-properties", CRJIT_VM_AFTER_JIT, system_properties },
};

const crjit_vm_consumer *crjit_vm_consumers_reference(size_t *count)
{
    if (count != NULL)
        *count = sizeof reference_consumers / sizeof reference_consumers[0];
    return reference_consumers;
}

crjit_status crjit_restore_facts_from_args(const crjit_args *args,
                                           const crjit_checkpoint_state *ck,
                                           crjit_restore_facts *facts)
{
    static const crjit_restore_facts init = CRJIT_RESTORE_FACTS_INIT;
    const crjit_vm_consumer *list;
    crjit_restore_facts f;
    crjit_ral *ral = NULL;
    crjit_status st;
    size_t n, i;

    if (args == NULL || facts == NULL)
        return CRJIT_E_INVALID_ARG;
    if (ck != NULL && ck->version != CRJIT_CHECKPOINT_VERSION)
        return CRJIT_E_VERSION;
    st = crjit_ral_new(args, &ral);
    if (st != CRJIT_OK)
        return st;
    f = init;
    f.debug_on_restore = ck != NULL && ck->debug_on_restore;
    list = crjit_vm_consumers_reference(&n);
    for (i = 0; i < n; i++)
        (void)list[i].run(NULL, ral, &f); /* the reference ones never fail */
    crjit_ral_free(ral);
    *facts = f;
    return CRJIT_OK;
}
