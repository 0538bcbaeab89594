/* Checkpoint state and its derivation from the pre-checkpoint command line.
 * The JIT's share (I1–I14, JITServer, code generation) arrives with the
 * issues that use it. */
#include "crjit_internal.h"

void crjit_checkpoint_init(crjit_checkpoint_state *state)
{
    static const crjit_checkpoint_state defaults = CRJIT_CHECKPOINT_INIT;
    if (state != NULL)
        *state = defaults;
}

/* Rightmost of a +/- pair; *value unchanged when neither is present. */
static void read_switch(crjit_ral *ral, const char *on, const char *off,
                        bool *value)
{
    size_t p = crjit_ral_find(ral, CRJIT_MATCH_EXACT, on, 0, 0);
    size_t m = crjit_ral_find(ral, CRJIT_MATCH_EXACT, off, 0, 0);
    if (p != CRJIT_NPOS || m != CRJIT_NPOS)
        *value = p != CRJIT_NPOS && (m == CRJIT_NPOS || p > m);
}

crjit_status crjit_checkpoint_from_args(const crjit_args *args,
                                        crjit_checkpoint_state *state)
{
    crjit_ral *ral;
    crjit_status st;

    if (args == NULL || state == NULL)
        return CRJIT_E_INVALID_ARG;
    if (state->version != CRJIT_CHECKPOINT_VERSION)
        return CRJIT_E_VERSION;
    st = crjit_ral_new(args, &ral);
    if (st != CRJIT_OK)
        return st;
    read_switch(ral, "-XX:+EnableCRIUSupport", "-XX:-EnableCRIUSupport",
                &state->criu_enabled);
    /* CRaC: a checkpoint directory enables checkpointing too (E). */
    if (crjit_ral_find(ral, CRJIT_MATCH_STARTSWITH, "-XX:CRaCCheckpointTo=", 0,
                       0) != CRJIT_NPOS)
        state->criu_enabled = true;
    read_switch(ral, "-XX:+DebugOnRestore", "-XX:-DebugOnRestore",
                &state->debug_on_restore);
    crjit_ral_free(ral);
    return CRJIT_OK;
}
