/* The JITServer decision after restore (Part E, B-29).  Not implemented
 * yet: the decision stays "not processed", and crjit explain does not
 * report it. */
#include "crjit_internal.h"

crjit_status crjit__phase_jitserver(crjit__run *run)
{
    (void)run;
    return CRJIT_OK;
}
