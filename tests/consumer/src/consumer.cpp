// Consumer test (C++11): the minimal embedding of libcrjit from C++,
// through add_subdirectory or find_package.  Exits 0 when everything
// behaved.
#include <crjit.h>

#include <cstdio>
#include <cstring>
#include <memory>

namespace {

struct ctx_free {
    void operator()(crjit_ctx *c) const { crjit_ctx_free(c); }
};
struct args_free {
    void operator()(crjit_args *a) const { crjit_args_free(a); }
};
struct plan_free {
    void operator()(crjit_plan *p) const { crjit_plan_free(p); }
};

} // namespace

int main()
{
    static const char *const restore[] = { "-Dk=v", "-Xjit:count=10" };
    if (std::strcmp(crjit_version_string(), CRJIT_VERSION_STRING) != 0 ||
        crjit_version_number() != CRJIT_VERSION_NUMBER) {
        std::fprintf(stderr, "header %s, library %s\n", CRJIT_VERSION_STRING,
                     crjit_version_string());
        return 1;
    }

    crjit_ctx *raw_ctx = nullptr;
    if (crjit_ctx_new(nullptr, &raw_ctx) != CRJIT_OK)
        return 1;
    std::unique_ptr<crjit_ctx, ctx_free> ctx(raw_ctx);

    crjit_args *raw_args = nullptr;
    if (crjit_args_new(ctx.get(), &raw_args) != CRJIT_OK)
        return 1;
    std::unique_ptr<crjit_args, args_free> args(raw_args);
    for (const char *a : restore)
        if (crjit_args_add_cstr(args.get(), a, CRJIT_SOURCE_COMMAND_LINE) !=
            CRJIT_OK)
            return 1;

    crjit_plan_input input = CRJIT_PLAN_INPUT_INIT;
    crjit_checkpoint_state checkpoint = CRJIT_CHECKPOINT_INIT;
    input.args = args.get();
    input.checkpoint = &checkpoint;
    crjit_plan *raw_plan = nullptr;
    if (crjit_plan_new(ctx.get(), &input, &raw_plan) != CRJIT_OK)
        return 1;
    std::unique_ptr<crjit_plan, plan_free> plan(raw_plan);
    if (!crjit_plan_accepted(plan.get())) {
        std::fprintf(stderr, "restore rejected\n");
        return 1;
    }
    std::printf("consumer (C++): libcrjit %s, restore accepted\n",
                crjit_version_string());
    return 0;
}
