// The public header must compile on its own as C++11.
#include "crjit.h"

int crjit_header_compiles_cxx();
int crjit_header_compiles_cxx()
{
    crjit_config cfg = CRJIT_CONFIG_INIT;
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_checkpoint_state ck = CRJIT_CHECKPOINT_INIT;
    crjit_restore_facts facts = CRJIT_RESTORE_FACTS_INIT;
    return static_cast<int>(cfg.version + in.version + ck.version +
                            facts.version);
}
