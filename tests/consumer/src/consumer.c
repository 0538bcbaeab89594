/* Consumer test (C11): the minimal embedding of libcrjit through whatever
 * route the enclosing project used (add_subdirectory, find_package or
 * pkg-config).  Exits 0 when everything behaved. */
#include <crjit.h>

#include <stdio.h>
#include <string.h>

int main(void)
{
    static const char *const restore[] = { "-Dk=v", "-Xjit:count=10" };
    crjit_ctx *ctx = NULL;
    crjit_args *args = NULL;
    crjit_plan *plan = NULL;
    crjit_plan_input input = CRJIT_PLAN_INPUT_INIT;
    crjit_checkpoint_state checkpoint = CRJIT_CHECKPOINT_INIT;
    size_t i;
    int rc = 1;

    /* The header and the library linked must be the same version. */
    if (strcmp(crjit_version_string(), CRJIT_VERSION_STRING) != 0 ||
        crjit_version_number() != CRJIT_VERSION_NUMBER) {
        fprintf(stderr, "header %s, library %s\n", CRJIT_VERSION_STRING,
                crjit_version_string());
        return 1;
    }
    if (crjit_ctx_new(NULL, &ctx) != CRJIT_OK)
        return 1;
    if (crjit_args_new(ctx, &args) != CRJIT_OK)
        goto out;
    for (i = 0; i < sizeof restore / sizeof restore[0]; i++)
        if (crjit_args_add_cstr(args, restore[i], CRJIT_SOURCE_COMMAND_LINE) !=
            CRJIT_OK)
            goto out;
    input.args = args;
    input.checkpoint = &checkpoint;
    if (crjit_plan_new(ctx, &input, &plan) != CRJIT_OK)
        goto out;
    if (!crjit_plan_accepted(plan)) {
        fprintf(stderr, "restore rejected\n");
        goto out;
    }
    printf("consumer (C): libcrjit %s, restore accepted\n",
           crjit_version_string());
    rc = 0;
out:
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    return rc;
}
