/* Force-included (-include) into a private copy of examples/crjit_explain.c
 * built for the fault-injection test only: every library call of the tool
 * that returns a status, and the calls that create the context and hand out
 * the code cache's host operations, go through rel_hook_* functions
 * (rel_tool_hooks.c), which call the real library function.  The hooks give
 * the tool a context with the test's counting, failing allocator, wrap the
 * host callbacks so the k-th one can fail, and check every status the
 * library returns.  The tool's own logic is compiled unchanged. */
#ifndef CRJIT_REL_TOOL_HOOKS_H
#define CRJIT_REL_TOOL_HOOKS_H

#define crjit_ctx_new rel_hook_ctx_new
#define crjit_ctx_free rel_hook_ctx_free
#define crjit_codecache_new rel_hook_codecache_new
#define crjit_codecache_load rel_hook_codecache_load
#define crjit_codecache_host_ops rel_hook_codecache_host_ops
#define crjit_codecache_free rel_hook_codecache_free
#define crjit_args_new rel_hook_args_new
#define crjit_args_add_cstr rel_hook_args_add_cstr
#define crjit_args_add_options_text rel_hook_args_add_options_text
#define crjit_args_load_options_file rel_hook_args_load_options_file
#define crjit_args_load_env_file rel_hook_args_load_env_file
#define crjit_checkpoint_from_args rel_hook_checkpoint_from_args
#define crjit_cpu_detect rel_hook_cpu_detect
#define crjit_plan_new rel_hook_plan_new

#endif
