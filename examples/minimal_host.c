/* The shortest complete embedding of libcrjit: build the restore argument
 * list the JVM received, plan, read the verdict.  Use it as a template. */
#include <crjit.h>

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    crjit_ctx *ctx = NULL;
    crjit_args *args = NULL;
    crjit_plan *plan = NULL;
    crjit_plan_input input = CRJIT_PLAN_INPUT_INIT;
    crjit_checkpoint_state checkpoint = CRJIT_CHECKPOINT_INIT;
    int i, rc = 3;

    /* NULL config: malloc/free, no log callback, reference policy. */
    if (crjit_ctx_new(NULL, &ctx) != CRJIT_OK)
        return 3;
    if (crjit_args_new(ctx, &args) != CRJIT_OK)
        goto out;
    /* A real host passes what CRIU restore gave the JVM; here: our argv. */
    for (i = 1; i < argc; i++)
        if (crjit_args_add(args, argv[i], strlen(argv[i]),
                           CRJIT_SOURCE_COMMAND_LINE) != CRJIT_OK)
            goto out;
    input.args = args;
    input.checkpoint = &checkpoint;
    if (crjit_plan_new(ctx, &input, &plan) != CRJIT_OK)
        goto out;
    printf("restore %s\n", crjit_plan_accepted(plan) ? "accepted" : "rejected");
    for (i = 0; (size_t)i < crjit_plan_diag_count(plan); i++) {
        const crjit_diagnostic *d = crjit_plan_diag(plan, (size_t)i);
        printf("%s: %s\n", crjit_severity_name(d->severity), d->message);
    }
    rc = crjit_plan_accepted(plan) ? 0 : 1;
out:
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    return rc;
}
