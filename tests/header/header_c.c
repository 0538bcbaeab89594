/* The public header must compile on its own as strict C11. */
#include "crjit.h"

int crjit_header_compiles(void);
int crjit_header_compiles(void)
{
    crjit_config cfg = CRJIT_CONFIG_INIT;
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_checkpoint_state ck = CRJIT_CHECKPOINT_INIT;
    crjit_restore_facts facts = CRJIT_RESTORE_FACTS_INIT;
    return (int)cfg.version + (int)in.version + (int)ck.version +
           (int)facts.version;
}
