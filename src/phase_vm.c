/* Phases that run the VM-side consumers (T-1 steps 2, 5 and 6). */
#include "crjit_internal.h"

static crjit_status run_stage(crjit__run *run, crjit_vm_stage stage)
{
    const crjit_vm_consumer *list = run->input->vm_consumers;
    size_t count = run->input->vm_consumer_count, i;

    if (list == NULL)
        list = crjit_vm_consumers_reference(&count);
    for (i = 0; i < count; i++) {
        if (list[i].stage != stage || list[i].run == NULL)
            continue;
        if (list[i].run(run->input->vm_user, run->ral, &run->plan->facts) !=
            0) {
            /* No plan comes back; the log callback still hears which. */
            crjit_status st = crjit__diag(
                run->ctx, &run->plan->diags, CRJIT_SEV_ERROR,
                CRJIT_DIAG_HOST_FAILED, CRJIT_NPOS, 0,
                "the VM consumer %s failed; no plan is made",
                list[i].name != NULL ? list[i].name : "(unnamed)");
            return st == CRJIT_OK ? CRJIT_E_HOST : st;
        }
    }
    return CRJIT_OK;
}

crjit_status crjit__phase_vm_before_jit(crjit__run *run)
{
    return run_stage(run, CRJIT_VM_BEFORE_JIT);
}

crjit_status crjit__phase_vm_after_jit(crjit__run *run)
{
    return run_stage(run, CRJIT_VM_AFTER_JIT);
}
