/* crjit explain: tells what a list of restore arguments would do.
 *
 * A thin client of the public API (it sees only crjit.h), so it is also an
 * integration test.  Its main routine is a function, crjit_tool_main(), so
 * tests and fuzzers can drive the argv path without a process.
 *
 * Contract: product.md §6.  Exit status: 0 accepted, 1 rejected, 2 usage
 * error, 3 internal error.  Output never depends on the locale: nothing here
 * calls setlocale, and all formatting is of bytes and integers. */
#include "crjit_tool.h"

#include <crjit.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EXIT_ACCEPTED = 0, EXIT_REJECTED = 1, EXIT_USAGE = 2, EXIT_INTERNAL = 3 };

static const char usage_text[] =
    "usage: crjit explain [OPTIONS] [--] [RESTORE-ARG...]\n"
    "       crjit cpu\n"
    "       crjit --help | --version\n"
    "\n"
    "Explains what a JVM restored from a checkpoint would do with these\n"
    "restore arguments.  Restore args come from --options-file, then\n"
    "--env-file, then the command line (the reference order).\n"
    "\n"
    "options:\n"
    "  --checkpoint STRING     pre-checkpoint JVM options, split like an\n"
    "                          options-file line; repeatable; the list starts\n"
    "                          as -XX:+EnableCRIUSupport\n"
    "  --options-file FILE     restore options from an options file\n"
    "  --env-file FILE         restore options from the\n"
    "                          OPENJ9_RESTORE_JAVA_OPTIONS= line of an env file\n"
    "  --methods FILE          the code cache at checkpoint: one body per\n"
    "                          line, class.name(descriptor) [native]\n"
    "                          [no-body-info] [aot] [on-stack] [post-restore];\n"
    "                          default: a built-in sample code cache\n"
    "  --cpu SPEC              restore host CPU: ARCH:feature,..., a named\n"
    "                          target, or native (default native)\n"
    "  --checkpoint-cpu SPEC   checkpoint host CPU, same syntax (default:\n"
    "                          --cpu)\n"
    "  --policy reference|strict   decision policy (default reference)\n"
    "  --json                  print one JSON document instead of text\n"
    "  --example               explain a built-in example restore\n"
    "  --help                  print this help and exit\n"
    "  --version               print the version and exit\n"
    "\n"
    "exit status: 0 the restore would be accepted, 1 it would be rejected,\n"
    "2 usage error, 3 internal error.\n";

typedef struct file_text {
    char *data;
    size_t len;
    bool found;
} file_text;

typedef struct options {
    const char *cpu;
    const char *checkpoint_cpu;
    const char *options_file;
    const char *env_file;
    const char *methods_file;
    const char **checkpoint;
    size_t checkpoint_count;
    const char **restore;
    size_t restore_count;
    crjit_policy policy;
    bool json;
    bool example;
} options;

/* ---- files ------------------------------------------------------------ */

/* Read a whole file, at most one byte past the library's file limit so the
 * library reports the limit itself. */
static int read_file(const char *path, file_text *out)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 4096, len = 0, max = (size_t)CRJIT_MAX_FILE_BYTES + 1;
    char *buf;

    memset(out, 0, sizeof *out);
    if (f == NULL)
        return 0;
    buf = malloc(cap);
    if (buf == NULL) {
        fclose(f);
        return -1;
    }
    for (;;) {
        size_t n;
        if (len == cap) {
            char *nb;
            if (cap >= max)
                break;
            cap = cap * 2 > max ? max : cap * 2;
            nb = realloc(buf, cap);
            if (nb == NULL) {
                free(buf);
                fclose(f);
                return -1;
            }
            buf = nb;
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        fclose(f);
        return 0;
    }
    fclose(f);
    out->data = buf;
    out->len = len;
    out->found = true;
    return 0;
}

/* ---- output: JSON ------------------------------------------------------- */

/* Length of a valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    size_t need, i;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        need = 2;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        need = 3;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        need = 4;
    else
        return 0;
    if (n < need)
        return 0;
    for (i = 1; i < need; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    if (need == 3 && s[0] == 0xe0 && s[1] < 0xa0)
        return 0;
    if (need == 3 && s[0] == 0xed && s[1] >= 0xa0)
        return 0;
    if (need == 4 && s[0] == 0xf0 && s[1] < 0x90)
        return 0;
    if (need == 4 && s[0] == 0xf4 && s[1] >= 0x90)
        return 0;
    return need;
}

/* A JSON string.  Bytes that are not valid UTF-8 are written as the code
 * point of the same value (\u00XX), so any argument prints deterministically. */
static void json_str(FILE *out, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;

    fputc('"', out);
    while (i < len) {
        unsigned char c = s[i];
        size_t n;
        if (c == '"' || c == '\\') {
            fputc('\\', out);
            fputc(c, out);
            i++;
        } else if (c < 0x20 || c == 0x7f) {
            fprintf(out, "\\u%04x", c);
            i++;
        } else if ((n = utf8_len(s + i, len - i)) != 0) {
            fwrite(s + i, 1, n, out);
            i += n;
        } else {
            fprintf(out, "\\u%04x", c);
            i++;
        }
    }
    fputc('"', out);
}

static void json_cstr(FILE *out, const char *text)
{
    if (text == NULL)
        fputs("null", out);
    else
        json_str(out, text, strlen(text));
}

static void json_index(FILE *out, size_t i)
{
    if (i == CRJIT_NPOS)
        fputs("null", out);
    else
        fprintf(out, "%zu", i);
}

/* "crjit: <before><word><after>" on err; the word is quoted by the caller's
 * text. */
static int usage_error(FILE *err, const char *before, const char *word,
                       const char *after)
{
    fprintf(err, "crjit: %s%s%s\n(see crjit --help)\n", before, word, after);
    return EXIT_USAGE;
}

/* ---- CPUs ---------------------------------------------------------------- */

static crjit_arch native_arch(void)
{
#if defined(__aarch64__)
    return CRJIT_ARCH_AARCH64;
#elif defined(__powerpc64__)
    return CRJIT_ARCH_PPC64;
#elif defined(__s390x__)
    return CRJIT_ARCH_S390X;
#else
    return CRJIT_ARCH_X86_64;
#endif
}

/* A --cpu spec: native/host, a named target, or ARCH:features.
 * Returns 1 for "unknown (cannot detect)", 0 for OK, or an exit code. */
static int resolve_cpu(crjit_ctx *ctx, const char *spec, crjit_cpu *out,
                       bool *known, FILE *err)
{
    size_t off = 0;
    *known = false;
    if (spec == NULL || strcmp(spec, "native") == 0 ||
        strcmp(spec, "host") == 0) {
        *known = crjit_cpu_detect(ctx, out) == CRJIT_OK;
        return 0;
    }
    if (crjit_cpu_parse(spec, strlen(spec), native_arch(), out, &off) !=
        CRJIT_OK) {
        const char *bad = spec + off;
        const char *end = strpbrk(bad, ",:");
        char word[64];
        size_t n = end != NULL ? (size_t)(end - bad) : strlen(bad);
        if (n >= sizeof word)
            n = sizeof word - 1;
        memcpy(word, bad, n);
        word[n] = '\0';
        return usage_error(err, "unknown CPU architecture, feature or target '",
                           word, "'");
    }
    *known = true;
    return 0;
}

static void json_features(FILE *out, const crjit_cpu *c)
{
    size_t i, n = crjit_cpu_feature_count(c->arch), k = 0;
    const char *level = crjit_cpu_level_name(c->arch, c->level);
    fputc('[', out);
    if (level != NULL) {
        json_cstr(out, level);
        k++;
    }
    for (i = 0; i < n; i++) {
        if (!(c->features & ((uint64_t)1 << i)))
            continue;
        if (k++ != 0)
            fputc(',', out);
        json_cstr(out, crjit_cpu_feature_name(c->arch, i));
    }
    fputc(']', out);
}

static void text_cpu(FILE *out, const crjit_cpu *c)
{
    char buf[512];
    crjit_cpu_format(c, buf, sizeof buf);
    fputs(buf, out);
}

/* Everything the two printers need. */
typedef struct report {
    const crjit_plan *plan;
    const crjit_args *args;
    const crjit_codecache *cache;
    const crjit_checkpoint_state *ckpt;
} report;

static const char *scope_name(crjit_invalidation s)
{
    switch (s) {
    case CRJIT_INVALIDATE_NONE: return "none";
    case CRJIT_INVALIDATE_FILTERED: return "filtered";
    case CRJIT_INVALIDATE_ALL: return "all";
    }
    return "none";
}

static const char *log_action_name(crjit_log_action a)
{
    switch (a) {
    case CRJIT_LOG_NONE: return "none";
    case CRJIT_LOG_REOPEN: return "reopen";
    case CRJIT_LOG_OPEN: return "open";
    case CRJIT_LOG_REPLACE: return "replace";
    }
    return "none";
}

/* class.name(desc) of a body, for output only. */
static void body_sig(FILE *out, const crjit_body *b, bool json)
{
    if (json) {
        size_t n = b->class_len + 1 + b->method_len + b->descriptor_len;
        char *buf = malloc(n + 1);
        if (buf == NULL) {
            fputs("null", out);
            return;
        }
        memcpy(buf, b->class_name, b->class_len);
        buf[b->class_len] = '.';
        memcpy(buf + b->class_len + 1, b->method_name, b->method_len);
        memcpy(buf + b->class_len + 1 + b->method_len, b->descriptor,
               b->descriptor_len);
        json_str(out, buf, n);
        free(buf);
        return;
    }
    fwrite(b->class_name, 1, b->class_len, out);
    fputc('.', out);
    fwrite(b->method_name, 1, b->method_len, out);
    fwrite(b->descriptor, 1, b->descriptor_len, out);
}

static const char *keep_reason(crjit_body_action a)
{
    return a == CRJIT_BODY_KEEP_ON_STACK ? "on-stack" : "no-body-info";
}

/* Bodies with a given action (invalidate, or any kept-unsafe one). */
static void json_bodies(FILE *out, const report *r, bool unsafe)
{
    size_t i, n = crjit_codecache_count(r->cache), k = 0;
    fputc('[', out);
    for (i = 0; i < n; i++) {
        const crjit_body *b = crjit_codecache_body(r->cache, i);
        crjit_body_action a = crjit_plan_body_action(r->plan, b);
        bool want = unsafe ? (a == CRJIT_BODY_KEEP_NO_BODY_INFO ||
                              a == CRJIT_BODY_KEEP_ON_STACK)
                           : a == CRJIT_BODY_INVALIDATE;
        if (!want)
            continue;
        if (k++ != 0)
            fputc(',', out);
        if (unsafe) {
            fputs("{\"method\":", out);
            body_sig(out, b, true);
            fputs(",\"reason\":", out);
            json_cstr(out, keep_reason(a));
            fputc('}', out);
        } else {
            body_sig(out, b, true);
        }
    }
    fputc(']', out);
}

/* Bodies the compilation filters in force forbid (issue: -Xjit: filters). */
static void json_forbidden(FILE *out, const report *r)
{
    const crjit_filters *f = crjit_plan_filters(r->plan);
    size_t i, n = crjit_codecache_count(r->cache), k = 0;
    fputc('[', out);
    for (i = 0; f != NULL && i < n; i++) {
        const crjit_body *b = crjit_codecache_body(r->cache, i);
        if (crjit_filters_decide(f, b->class_name, b->class_len,
                                 b->method_name, b->method_len, b->descriptor,
                                 b->descriptor_len) != CRJIT_FILTER_EXCLUDED)
            continue;
        if (k++ != 0)
            fputc(',', out);
        body_sig(out, b, true);
    }
    fputc(']', out);
}

static void json_suboptions(FILE *out, const crjit_plan *plan)
{
    size_t i, n = crjit_plan_suboption_count(plan);
    fputc('[', out);
    for (i = 0; i < n; i++) {
        crjit_suboption so;
        crjit_plan_suboption(plan, i, &so);
        fputs(i ? ",{\"string\":" : "{\"string\":", out);
        json_cstr(out, so.aot ? "-Xaot:" : "-Xjit:");
        fputs(",\"name\":", out);
        json_cstr(out, so.name);
        fputs(",\"value\":", out);
        json_cstr(out, so.value);
        fputs(",\"arg\":", out);
        json_index(out, so.arg);
        fprintf(out, ",\"offset\":%zu,\"effect\":", so.offset);
        json_cstr(out, so.effect);
        fprintf(out, ",\"passed_to_host\":%s}",
                so.passed_to_host ? "true" : "false");
    }
    fputc(']', out);
}

static void json_jitserver(FILE *out, const crjit_plan *plan)
{
    crjit_jitserver_decision js;
    crjit_plan_jitserver(plan, &js);
    fprintf(out,
            ",\"jitserver\":{\"before_checkpoint\":%s,\"after_restore\":%s,"
            "\"new_client_uid\":%s,\"processed\":%s,\"enabled\":%s,"
            "\"mode_none\":%s,\"ssl_needed\":%s,\"use_aot_cache\":%s,"
            "\"require_server\":%s,\"local_sync_compiles\":%s",
            js.before_checkpoint ? "true" : "false",
            js.after_restore ? "true" : "false",
            js.new_client_uid ? "true" : "false",
            js.processed ? "true" : "false", js.enabled ? "true" : "false",
            js.mode_none ? "true" : "false", js.ssl_needed ? "true" : "false",
            js.use_aot_cache ? "true" : "false",
            js.require_server ? "true" : "false",
            js.local_sync_compiles ? "true" : "false");
    fputs(",\"port\":", out);
    if (js.port_set)
        fprintf(out, "%u", (unsigned)js.port);
    else
        fputs("null", out);
    fputs(",\"timeout_ms\":", out);
    if (js.timeout_set)
        fprintf(out, "%u", (unsigned)js.timeout_ms);
    else
        fputs("null", out);
    fputs(",\"address\":", out);
    json_cstr(out, js.address);
    fputs(",\"aot_cache_name\":", out);
    json_cstr(out, js.aot_cache_name);
    fputc('}', out);
}

static void json_codegen(FILE *out, const crjit_plan *plan)
{
    crjit_codegen cg;
    crjit_plan_codegen(plan, &cg);
    if (!cg.known) {
        fputs(",\"codegen\":null", out);
        return;
    }
    fputs(",\"codegen\":{\"before_checkpoint\":{\"features\":", out);
    json_features(out, &cg.before_checkpoint);
    fputs("},\"after_restore\":{\"features\":", out);
    json_features(out, &cg.after_restore);
    fputs("},\"relocatable\":{\"features\":", out);
    json_features(out, &cg.relocatable);
    fprintf(out, "},\"checkpoint_allowed_after_restore\":%s",
            cg.checkpoint_allowed_after_restore ? "true" : "false");
    fprintf(out, ",\"cpu_check\":{\"compatible\":%s,\"missing\":",
            cg.compatible ? "true" : "false");
    json_features(out, &cg.missing);
    fputs("}}", out);
}

static void print_json(FILE *out, const report *r)
{
    const crjit_plan *plan = r->plan;
    const char *vlog = NULL;
    crjit_log_action va = crjit_plan_vlog(plan, &vlog);
    size_t i, n;

    fputs("{\"schema_version\":1,\"verdict\":{\"accepted\":", out);
    fputs(crjit_plan_accepted(plan) ? "true" : "false", out);
    fputs(",\"message\":", out);
    json_cstr(out, crjit_plan_verdict_message(plan));
    fprintf(out, "},\"jit\":{\"enabled\":%s},\"aot\":{\"enabled\":%s}",
            crjit_plan_jit_enabled(plan) ? "true" : "false",
            crjit_plan_aot_enabled(plan) ? "true" : "false");
    fputs(",\"invalidation\":{\"scope\":", out);
    json_cstr(out, scope_name(crjit_plan_invalidation(plan)));
    fputs(",\"invalidated\":", out);
    json_bodies(out, r, false);
    fputs(",\"kept_unsafe\":", out);
    json_bodies(out, r, true);
    fputs("},\"logs\":{\"vlog\":{\"action\":", out);
    json_cstr(out, log_action_name(va));
    fputs(",\"file\":", out);
    json_cstr(out, vlog);
    fprintf(out, "}},\"compilation_threads\":{\"usable\":%u}",
            crjit_plan_compilation_threads(plan));
    json_jitserver(out, plan);
    json_codegen(out, plan);
    fputs(",\"options\":{\"jit\":", out);
    json_cstr(out, crjit_plan_option_string(plan, false));
    fputs(",\"aot\":", out);
    json_cstr(out, crjit_plan_option_string(plan, true));
    fputs(",\"suboptions\":", out);
    json_suboptions(out, plan);
    fputs(",\"forbidden\":", out);
    json_forbidden(out, r);
    fputs("},\"host_actions\":[", out);
    n = crjit_plan_host_action_count(plan);
    for (i = 0; i < n; i++) {
        const char *name, *text;
        crjit_plan_host_action(plan, i, &name, &text);
        fputs(i ? ",{\"name\":" : "{\"name\":", out);
        json_cstr(out, name);
        fputs(",\"text\":", out);
        json_cstr(out, text);
        fputc('}', out);
    }
    fputs("],\"messages\":[", out);
    n = crjit_plan_message_count(plan);
    for (i = 0; i < n; i++) {
        const char *id, *text;
        crjit_plan_message(plan, i, &id, &text);
        fputs(i ? ",{\"id\":" : "{\"id\":", out);
        json_cstr(out, id);
        fputs(",\"text\":", out);
        json_cstr(out, text);
        fputc('}', out);
    }
    fputs("],\"args\":[", out);
    n = crjit_plan_arg_count(plan);
    for (i = 0; i < n; i++) {
        size_t len;
        crjit_source src;
        const char *text = crjit_args_text(r->args, i, &len, &src);
        fprintf(out, "%s{\"index\":%zu,\"text\":", i ? "," : "", i);
        json_str(out, text, len);
        fputs(",\"source\":", out);
        json_cstr(out, crjit_source_name(src));
        fputs(",\"status\":", out);
        json_cstr(out, crjit_arg_status_name(crjit_plan_arg_status(plan, i)));
        fputc('}', out);
    }
    fputs("],\"diagnostics\":[", out);
    n = crjit_plan_diag_count(plan);
    for (i = 0; i < n; i++) {
        const crjit_diagnostic *d = crjit_plan_diag(plan, i);
        fputs(i ? ",{\"severity\":" : "{\"severity\":", out);
        json_cstr(out, crjit_severity_name(d->severity));
        fputs(",\"code\":", out);
        json_cstr(out, crjit_diag_code_name(d->code));
        fputs(",\"arg\":", out);
        json_index(out, d->arg);
        fprintf(out, ",\"offset\":%zu,\"message\":", d->offset);
        json_cstr(out, d->message);
        fputc('}', out);
    }
    fputs("]}\n", out);
}

/* ---- output: text ------------------------------------------------------- */

/* Printable rendering of an argument: control bytes as \xNN. */
static void text_arg(FILE *out, const char *text, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x20 || c == 0x7f)
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
}

/* The argument that decided the verdict, for the origin column. */
static size_t verdict_origin(const crjit_plan *plan)
{
    size_t i, n = crjit_plan_diag_count(plan);
    for (i = 0; i < n; i++) {
        const crjit_diagnostic *d = crjit_plan_diag(plan, i);
        if (d->severity == CRJIT_SEV_ERROR && d->arg != CRJIT_NPOS)
            return d->arg;
    }
    return CRJIT_NPOS;
}

/* "{restore arg #i}", "{restore}" (changed by the restore, no single
 * argument), "{checkpoint}" or "{default}". */
static void origin3(FILE *out, const crjit_plan *plan, crjit_decision which,
                    bool changed_at_restore, bool from_checkpoint)
{
    size_t i = crjit_plan_origin(plan, which);
    if (i != CRJIT_NPOS)
        fprintf(out, "  {restore arg #%zu}\n", i);
    else if (changed_at_restore)
        fputs("  {restore}\n", out);
    else
        fputs(from_checkpoint ? "  {checkpoint}\n" : "  {default}\n", out);
}

static void origin(FILE *out, const crjit_plan *plan, crjit_decision which,
                   bool from_checkpoint)
{
    origin3(out, plan, which, false, from_checkpoint);
}

static void text_jitserver(FILE *out, const crjit_plan *plan)
{
    crjit_jitserver_decision js;
    crjit_plan_jitserver(plan, &js);
    fprintf(out, "jitserver.before_checkpoint = %s  {checkpoint}\n",
            js.before_checkpoint ? "true" : "false");
    fprintf(out, "jitserver.after_restore = %s  {%s}\n",
            js.after_restore ? "true" : "false",
            js.processed ? "restore" : "checkpoint");
    fprintf(out, "jitserver.new_client_uid = %s  {%s}\n",
            js.new_client_uid ? "true" : "false",
            js.processed ? "restore" : "checkpoint");
    if (js.address != NULL)
        fprintf(out, "jitserver.address = %s  {restore}\n", js.address);
    if (js.port_set)
        fprintf(out, "jitserver.port = %u  {restore}\n", (unsigned)js.port);
    if (js.ssl_needed)
        fputs("jitserver.ssl_needed = true  {restore}\n", out);
}

static void text_codegen(FILE *out, const crjit_plan *plan)
{
    crjit_codegen cg;
    crjit_plan_codegen(plan, &cg);
    if (!cg.known) {
        fputs("codegen = unknown  {no CPU given and none detected}\n", out);
        return;
    }
    fputs("codegen.before_checkpoint = ", out);
    text_cpu(out, &cg.before_checkpoint);
    fputs("  {checkpoint host}\n", out);
    fputs("codegen.after_restore = ", out);
    text_cpu(out, &cg.after_restore);
    fputs("  {restore host}\n", out);
    fputs("codegen.relocatable = ", out);
    text_cpu(out, &cg.relocatable);
    fputs("  {checkpoint host}\n", out);
    fprintf(out, "codegen.checkpoint_allowed_after_restore = %s  {checkpoint}\n",
            cg.checkpoint_allowed_after_restore ? "true" : "false");
    fprintf(out, "codegen.cpu_check.compatible = %s  {restore host}\n",
            cg.compatible ? "true" : "false");
    if (!cg.compatible) {
        fputs("codegen.cpu_check.missing = ", out);
        text_cpu(out, &cg.missing);
        fputs("  {restore host}\n", out);
    }
}

static void text_decisions(FILE *out, const report *r)
{
    const crjit_plan *plan = r->plan;
    const crjit_checkpoint_state *ck = r->ckpt;
    const char *vlog = NULL;
    crjit_log_action va = crjit_plan_vlog(plan, &vlog);
    size_t inv = 0, unsafe = 0;

    fprintf(out, "jit.enabled = %s",
            crjit_plan_jit_enabled(plan) ? "true" : "false");
    origin3(out, plan, CRJIT_DECISION_JIT,
            crjit_plan_jit_enabled(plan) != ck->jit_enabled, !ck->jit_enabled);
    fprintf(out, "aot.enabled = %s",
            crjit_plan_aot_enabled(plan) ? "true" : "false");
    origin3(out, plan, CRJIT_DECISION_AOT,
            crjit_plan_aot_enabled(plan) != ck->aot_enabled, !ck->aot_enabled);
    crjit_plan_invalidation_counts(plan, &inv, &unsafe);
    fprintf(out, "invalidation.scope = %s  {%s}\n",
            scope_name(crjit_plan_invalidation(plan)),
            crjit_plan_invalidation(plan) == CRJIT_INVALIDATE_NONE
                ? "default"
                : "restore");
    fprintf(out, "invalidation.counts = %zu invalidated, %zu kept unsafe  "
                 "{code cache}\n",
            inv, unsafe);
    fprintf(out, "logs.vlog.action = %s", log_action_name(va));
    origin(out, plan, CRJIT_DECISION_VLOG, ck->vlog != NULL);
    fprintf(out, "logs.vlog.file = %s", vlog != NULL ? vlog : "none");
    origin(out, plan, CRJIT_DECISION_VLOG, ck->vlog != NULL);
    fprintf(out, "compilation_threads.usable = %u",
            crjit_plan_compilation_threads(plan));
    origin(out, plan, CRJIT_DECISION_THREADS, ck->threads_usable != 7);
    text_jitserver(out, plan);
    text_codegen(out, plan);
}

static void text_options(FILE *out, const report *r)
{
    const crjit_plan *plan = r->plan;
    const char *s;
    size_t i, n = crjit_plan_suboption_count(plan);

    if ((s = crjit_plan_option_string(plan, true)) != NULL)
        fprintf(out, "options.aot = %s  {restore}\n", s);
    if ((s = crjit_plan_option_string(plan, false)) != NULL)
        fprintf(out, "options.jit = %s  {restore}\n", s);
    for (i = 0; i < n; i++) {
        crjit_suboption so;
        crjit_plan_suboption(plan, i, &so);
        size_t nl = strlen(so.name);
        /* "count=" + "5"; a subset's kind and its text apart */
        bool joined = nl > 0 && so.name[nl - 1] == '=';
        fprintf(out, "options.%s[%zu] = %s%s%s  {restore arg #%zu}\n",
                so.aot ? "aot" : "jit", i, so.name,
                so.value != NULL && !joined ? " " : "",
                so.value != NULL ? so.value : "", so.arg);
        fprintf(out, "    -> %s\n", so.effect);
    }
}

static void text_bodies(FILE *out, const report *r)
{
    const crjit_filters *f = crjit_plan_filters(r->plan);
    size_t i, n = crjit_codecache_count(r->cache);
    for (i = 0; i < n; i++) {
        const crjit_body *b = crjit_codecache_body(r->cache, i);
        crjit_body_action a = crjit_plan_body_action(r->plan, b);
        bool forbidden =
            f != NULL &&
            crjit_filters_decide(f, b->class_name, b->class_len,
                                 b->method_name, b->method_len, b->descriptor,
                                 b->descriptor_len) == CRJIT_FILTER_EXCLUDED;
        if (a == CRJIT_BODY_KEEP && !forbidden)
            continue;
        fputs("  ", out);
        body_sig(out, b, false);
        if (a == CRJIT_BODY_INVALIDATE)
            fputs("  invalidated", out);
        else if (a != CRJIT_BODY_KEEP)
            fprintf(out, "  kept (%s)", keep_reason(a));
        if (forbidden)
            fputs("  forbidden by the filters", out);
        fputc('\n', out);
    }
}

static void print_text(FILE *out, const report *r)
{
    const crjit_plan *plan = r->plan;
    size_t i, n, vo = verdict_origin(plan);
    const char *msg = crjit_plan_verdict_message(plan);

    if (crjit_plan_accepted(plan) || vo == CRJIT_NPOS)
        fprintf(out, "verdict.accepted = %s  {default}\n",
                crjit_plan_accepted(plan) ? "true" : "false");
    else
        fprintf(out, "verdict.accepted = false  {restore arg #%zu}\n", vo);
    fprintf(out, "verdict.message = %s  {default}\n",
            msg != NULL ? msg : "none");
    text_decisions(out, r);
    text_options(out, r);
    n = crjit_plan_arg_count(plan);
    for (i = 0; i < n; i++) {
        size_t len, w = crjit_plan_arg_winner(plan, i);
        crjit_source src;
        const char *text = crjit_args_text(r->args, i, &len, &src);
        crjit_arg_status st = crjit_plan_arg_status(plan, i);
        fprintf(out, "args[%zu] = ", i);
        text_arg(out, text, len);
        fprintf(out, "  {%s, %s", crjit_source_name(src),
                crjit_arg_status_name(st));
        if (w != CRJIT_NPOS)
            fprintf(out, ", superseded by #%zu", w);
        fputs("}\n", out);
    }
    n = crjit_plan_host_action_count(plan);
    for (i = 0; i < n; i++) {
        const char *name, *text;
        crjit_plan_host_action(plan, i, &name, &text);
        fprintf(out, "host_actions[%zu] = %s  {plan}\n    -> %s\n", i, name,
                text);
    }
    fputs("bodies:\n", out);
    text_bodies(out, r);
    n = crjit_plan_message_count(plan);
    if (n != 0)
        fputs("messages:\n", out);
    for (i = 0; i < n; i++) {
        const char *id, *text;
        crjit_plan_message(plan, i, &id, &text);
        if (id != NULL)
            fprintf(out, "  %s %s\n", id, text);
        else
            fprintf(out, "  %s\n", text);
    }
    n = crjit_plan_diag_count(plan);
    if (n != 0)
        fputs("diagnostics:\n", out);
    for (i = 0; i < n; i++) {
        const crjit_diagnostic *d = crjit_plan_diag(plan, i);
        fprintf(out, "  %s %s", crjit_severity_name(d->severity),
                crjit_diag_code_name(d->code));
        if (d->arg != CRJIT_NPOS)
            fprintf(out, " arg #%zu", d->arg);
        fprintf(out, " offset %zu: %s\n", d->offset, d->message);
    }
}

/* ---- the built-in example --------------------------------------------- */

static const char example_options_file[] =
    "# restore options shipped with the application\n"
    "-Xrs:syncOnRestore\n"
    "-Dapp.mode=restored -Dapp.greeting=hello world\n"
    "-XX:+IgnoreUnrecognizedRestoreOptions\n";
static const char example_env_file[] =
    "APP_HOME=/opt/app\n"
    "OPENJ9_RESTORE_JAVA_OPTIONS=\"-XX:+MergeCompilerOptions -Xnojit\"\n";
static const char *const example_args[] = { "-Dapp.mode=debug", "-Xmx64m",
                                            "-Xtrace:none" };

/* ---- driver ------------------------------------------------------------- */


static int push(const char ***list, size_t *count, const char *item)
{
    const char **nl = realloc((void *)*list, (*count + 1) * sizeof **list);
    if (nl == NULL)
        return -1;
    nl[(*count)++] = item;
    *list = nl;
    return 0;
}

static int parse_policy(const char *word, crjit_policy *policy)
{
    if (strcmp(word, "reference") == 0)
        *policy = CRJIT_POLICY_REFERENCE;
    else if (strcmp(word, "strict") == 0)
        *policy = CRJIT_POLICY_STRICT;
    else
        return -1;
    return 0;
}

/* Tool options start with "--"; everything else (and everything after a
 * bare "--") is a restore argument. */
static int parse_options(int argc, char **argv, options *o, FILE *err)
{
    int i;
    bool rest = false;

    for (i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes = true;
        if (rest || strncmp(a, "--", 2) != 0) {
            if (push(&o->restore, &o->restore_count, a) != 0)
                return EXIT_INTERNAL;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            rest = true;
            continue;
        }
        if (strcmp(a, "--json") == 0) {
            o->json = true;
            takes = false;
        } else if (strcmp(a, "--example") == 0) {
            o->example = true;
            takes = false;
        } else if (strcmp(a, "--checkpoint") != 0 &&
                   strcmp(a, "--options-file") != 0 &&
                   strcmp(a, "--env-file") != 0 &&
                   strcmp(a, "--methods") != 0 && strcmp(a, "--cpu") != 0 &&
                   strcmp(a, "--checkpoint-cpu") != 0 &&
                   strcmp(a, "--policy") != 0) {
            return usage_error(err, "unknown option '", a, "'");
        }
        if (!takes)
            continue;
        if (v == NULL)
            return usage_error(err, "option '", a, "' needs a value");
        i++;
        if (strcmp(a, "--checkpoint") == 0) {
            if (push(&o->checkpoint, &o->checkpoint_count, v) != 0)
                return EXIT_INTERNAL;
        } else if (strcmp(a, "--options-file") == 0) {
            o->options_file = v;
        } else if (strcmp(a, "--env-file") == 0) {
            o->env_file = v;
        } else if (strcmp(a, "--methods") == 0) {
            o->methods_file = v;
        } else if (strcmp(a, "--cpu") == 0) {
            o->cpu = v;
        } else if (strcmp(a, "--checkpoint-cpu") == 0) {
            o->checkpoint_cpu = v;
        } else if (strcmp(a, "--policy") == 0) {
            if (parse_policy(v, &o->policy) != 0)
                return usage_error(err,
                                   "--policy takes 'reference' or 'strict', "
                                   "not '",
                                   v, "'");
        }
    }
    return EXIT_ACCEPTED;
}

static int status_exit(crjit_status st)
{
    return st == CRJIT_E_NOMEM ? EXIT_INTERNAL : EXIT_USAGE;
}

/* The pre-checkpoint options: -XX:+EnableCRIUSupport, then each
 * --checkpoint string split like an options-file line (product.md §6.1).
 * The state points into *pre, which the caller frees after planning. */
static int build_checkpoint(crjit_ctx *ctx, const options *o,
                            crjit_args **pre, crjit_checkpoint_state *state,
                            FILE *err)
{
    crjit_status st = crjit_args_new(ctx, pre);
    size_t i;

    if (st == CRJIT_OK)
        st = crjit_args_add_cstr(*pre, "-XX:+EnableCRIUSupport",
                                 CRJIT_SOURCE_COMMAND_LINE);
    for (i = 0; st == CRJIT_OK && i < o->checkpoint_count; i++) {
        st = crjit_args_add_options_text(*pre, o->checkpoint[i],
                                         strlen(o->checkpoint[i]),
                                         CRJIT_SOURCE_COMMAND_LINE);
        if (st != CRJIT_OK && st != CRJIT_E_NOMEM)
            return usage_error(err, "cannot split --checkpoint '",
                               o->checkpoint[i], "' (unterminated quote?)");
    }
    crjit_checkpoint_init(state);
    if (st == CRJIT_OK)
        st = crjit_checkpoint_from_args(*pre, state);
    return st == CRJIT_OK ? EXIT_ACCEPTED : status_exit(st);
}

/* A small realistic code cache for the demo and for runs without
 * --methods: application and JDK bodies, a JNI thunk, AOT-loaded bodies,
 * one on a thread stack, one compiled after restore. */
static const char sample_methods[] =
    "# built-in sample code cache (crjit explain without --methods)\n"
    "java/lang/String.hashCode()I\n"
    "java/lang/String.equals(Ljava/lang/Object;)Z\n"
    "java/lang/String.charAt(I)C aot\n"
    "java/lang/String.indexOf(II)I aot\n"
    "java/lang/StringBuilder.append(Ljava/lang/String;)Ljava/lang/StringBuilder;\n"
    "java/lang/StringLatin1.inflate([BI[CII)V\n"
    "java/lang/Object.<init>()V\n"
    "java/lang/Math.max(II)I\n"
    "java/lang/Integer.valueOf(I)Ljava/lang/Integer;\n"
    "java/lang/System.arraycopy(Ljava/lang/Object;ILjava/lang/Object;II)V native\n"
    "java/lang/Thread.currentThread()Ljava/lang/Thread; native\n"
    "java/util/HashMap.hash(Ljava/lang/Object;)I\n"
    "java/util/HashMap.get(Ljava/lang/Object;)Ljava/lang/Object;\n"
    "java/util/HashMap.put(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;\n"
    "java/util/HashMap.getNode(Ljava/lang/Object;)Ljava/util/HashMap$Node; aot\n"
    "java/util/ArrayList.add(Ljava/lang/Object;)Z\n"
    "java/util/ArrayList.get(I)Ljava/lang/Object;\n"
    "java/util/ArrayList$Itr.next()Ljava/lang/Object;\n"
    "java/util/ArrayList$Itr.hasNext()Z\n"
    "java/util/concurrent/ConcurrentHashMap.get(Ljava/lang/Object;)Ljava/lang/Object;\n"
    "java/util/regex/Pattern$CharProperty.match(Ljava/util/regex/Matcher;ILjava/lang/CharSequence;)Z\n"
    "java/io/BufferedReader.readLine()Ljava/lang/String; on-stack\n"
    "com/example/app/OrderService.placeOrder(Lcom/example/app/Order;)V\n"
    "com/example/app/OrderService.validate(Lcom/example/app/Order;)Z\n"
    "com/example/app/PriceCalculator.total([Lcom/example/app/Item;)J\n"
    "com/example/app/PriceCalculator.<init>()V\n"
    "com/example/app/Main.main([Ljava/lang/String;)V on-stack\n"
    "com/example/app/cache/LruCache.get(Ljava/lang/Object;)Ljava/lang/Object; no-body-info\n"
    "com/example/app/RestoreHook.afterRestore()V post-restore\n";

static int load_methods(crjit_codecache *cache, const options *o, FILE *err)
{
    file_text f;
    crjit_status st;
    size_t line = 0;
    char num[32];

    if (o->methods_file == NULL) {
        st = crjit_codecache_load(cache, sample_methods,
                                  sizeof sample_methods - 1, &line);
        return st == CRJIT_OK ? EXIT_ACCEPTED : EXIT_INTERNAL;
    }
    if (read_file(o->methods_file, &f) != 0)
        return EXIT_INTERNAL;
    if (!f.found)
        return usage_error(err, "cannot read --methods file '",
                           o->methods_file, "'");
    st = crjit_codecache_load(cache, f.data, f.len, &line);
    free(f.data);
    if (st == CRJIT_E_NOMEM)
        return EXIT_INTERNAL;
    if (st != CRJIT_OK) {
        (void)snprintf(num, sizeof num, "%zu", line);
        return usage_error(err, "--methods file: bad line ", num,
                           " (expected class.name(descriptor) [flags])");
    }
    return EXIT_ACCEPTED;
}

/* limitfile= reads go through here; the last file read stays alive until
 * the next read or the end of the run. */
typedef struct file_reader {
    file_text last;
} file_reader;

static int read_named_file(void *user, const char *path, size_t path_len,
                           const char **text, size_t *len)
{
    file_reader *fr = user;
    char *name = malloc(path_len + 1);
    if (name == NULL)
        return -1;
    memcpy(name, path, path_len);
    name[path_len] = '\0';
    free(fr->last.data);
    fr->last.data = NULL;
    if (strlen(name) != path_len || read_file(name, &fr->last) != 0 ||
        !fr->last.found) {
        free(name);
        return -1;
    }
    free(name);
    *text = fr->last.data;
    *len = fr->last.len;
    return 0;
}

/* Load the restore arguments in the reference order.  Load failures
 * of the files are part of the explanation, not tool errors. */
static int load_restore_args(crjit_args *args, const options *o, FILE *err)
{
    crjit_status st = CRJIT_OK;
    file_text f;
    size_t i;

    if (o->example) {
        static const char path[] = "/opt/app/restore.options";
        st = crjit_args_load_options_file(args, path, sizeof path - 1,
                                          example_options_file,
                                          sizeof example_options_file - 1);
        if (st == CRJIT_OK)
            st = crjit_args_load_env_file(args, example_env_file,
                                          sizeof example_env_file - 1);
        for (i = 0; st == CRJIT_OK && i < 3; i++)
            st = crjit_args_add_cstr(args, example_args[i],
                                     CRJIT_SOURCE_COMMAND_LINE);
        return st == CRJIT_OK ? EXIT_ACCEPTED : EXIT_INTERNAL;
    }
    if (o->options_file != NULL) {
        if (read_file(o->options_file, &f) != 0)
            return EXIT_INTERNAL;
        st = crjit_args_load_options_file(args, o->options_file,
                                          strlen(o->options_file),
                                          f.found ? f.data : NULL,
                                          f.found ? f.len : 0);
        free(f.data);
        if (st == CRJIT_E_NOMEM)
            return EXIT_INTERNAL;
    }
    if (o->env_file != NULL && !crjit_args_load_failed(args)) {
        if (read_file(o->env_file, &f) != 0)
            return EXIT_INTERNAL;
        st = crjit_args_load_env_file(args, f.found ? f.data : NULL,
                                      f.found ? f.len : 0);
        free(f.data);
        if (st == CRJIT_E_NOMEM)
            return EXIT_INTERNAL;
    }
    for (i = 0; !crjit_args_load_failed(args) && i < o->restore_count; i++) {
        st = crjit_args_add_cstr(args, o->restore[i],
                                 CRJIT_SOURCE_COMMAND_LINE);
        if (st == CRJIT_E_NOMEM)
            return EXIT_INTERNAL;
        if (st != CRJIT_OK)
            return usage_error(err, "restore argument '", o->restore[i],
                               "' exceeds a documented limit");
    }
    return EXIT_ACCEPTED;
}

static int explain(const options *o, FILE *out, FILE *err)
{
    crjit_config cfg = CRJIT_CONFIG_INIT;
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_checkpoint_state ckpt;
    crjit_restore_facts facts = CRJIT_RESTORE_FACTS_INIT;
    crjit_host_ops ops;
    crjit_ctx *ctx = NULL;
    crjit_args *args = NULL, *pre = NULL;
    crjit_codecache *cache = NULL;
    crjit_plan *plan = NULL;
    file_reader reader;
    report r;
    int rc;

    memset(&reader, 0, sizeof reader);
    cfg.policy = o->policy;
    if (crjit_ctx_new(&cfg, &ctx) != CRJIT_OK)
        return EXIT_INTERNAL;
    rc = crjit_codecache_new(ctx, &cache) == CRJIT_OK ? EXIT_ACCEPTED
                                                       : EXIT_INTERNAL;
    if (rc == EXIT_ACCEPTED)
        rc = load_methods(cache, o, err);
    if (rc == EXIT_ACCEPTED)
        rc = build_checkpoint(ctx, o, &pre, &ckpt, err);
    if (rc == EXIT_ACCEPTED)
        rc = resolve_cpu(ctx, o->cpu, &facts.restore_cpu,
                         &facts.restore_cpu_known, err);
    if (rc == EXIT_ACCEPTED)
        rc = resolve_cpu(ctx, o->checkpoint_cpu != NULL ? o->checkpoint_cpu
                                                        : o->cpu,
                         &ckpt.checkpoint_cpu, &ckpt.checkpoint_cpu_known,
                         err);
    if (rc == EXIT_ACCEPTED && facts.restore_cpu_known &&
        ckpt.checkpoint_cpu_known &&
        facts.restore_cpu.arch != ckpt.checkpoint_cpu.arch)
        rc = usage_error(err, "--checkpoint-cpu and --cpu name different "
                              "architectures (",
                         crjit_arch_name(ckpt.checkpoint_cpu.arch), ")");
    if (rc == EXIT_ACCEPTED)
        rc = crjit_args_new(ctx, &args) == CRJIT_OK ? EXIT_ACCEPTED
                                                    : EXIT_INTERNAL;
    if (rc == EXIT_ACCEPTED)
        rc = load_restore_args(args, o, err);
    if (rc == EXIT_ACCEPTED) {
        crjit_codecache_host_ops(cache, &ops);
        in.args = args;
        in.checkpoint = &ckpt;
        in.facts = &facts;
        in.host_ops = &ops;
        in.host_user = cache;
        in.read_file = read_named_file;
        in.read_user = &reader;
        if (crjit_plan_new(ctx, &in, &plan) != CRJIT_OK)
            rc = EXIT_INTERNAL;
    }
    if (rc == EXIT_ACCEPTED) {
        r.plan = plan;
        r.args = args;
        r.cache = cache;
        r.ckpt = &ckpt;
        if (o->json)
            print_json(out, &r);
        else
            print_text(out, &r);
        rc = crjit_plan_accepted(plan) ? EXIT_ACCEPTED : EXIT_REJECTED;
        if (fflush(out) != 0 || ferror(out))
            rc = EXIT_INTERNAL;
    }
    free(reader.last.data);
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_args_free(pre);
    crjit_codecache_free(cache);
    crjit_ctx_free(ctx);
    return rc;
}

/* crjit cpu: the detected host and the named targets. */
static int cpu_command(FILE *out, FILE *err)
{
    static const char *const targets[] = {
        "openj9-portable", "x86-64-v1", "x86-64-v2", "x86-64-v3", "x86-64-v4",
        "armv8.0-a",       "armv8.1-a", "power8",    "z10" };
    crjit_ctx *ctx = NULL;
    crjit_cpu c;
    size_t i;

    if (crjit_ctx_new(NULL, &ctx) != CRJIT_OK)
        return EXIT_INTERNAL;
    if (crjit_cpu_detect(ctx, &c) == CRJIT_OK) {
        fputs("host = ", out);
        text_cpu(out, &c);
        fputs("\nhost.target = ", out);
        c = crjit_cpu_target(&c, NULL);
        text_cpu(out, &c);
        fputc('\n', out);
    } else {
        fputs("host = unknown (not detectable on this architecture)\n", out);
    }
    crjit_ctx_free(ctx);
    for (i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        if (crjit_cpu_parse(targets[i], strlen(targets[i]), native_arch(), &c,
                            NULL) != CRJIT_OK) {
            fprintf(err, "crjit: internal error parsing %s\n", targets[i]);
            return EXIT_INTERNAL;
        }
        fprintf(out, "target %s = ", targets[i]);
        text_cpu(out, &c);
        fputc('\n', out);
    }
    return EXIT_ACCEPTED;
}

int crjit_tool_main(int argc, char **argv, FILE *out, FILE *err)
{
    options o;
    int rc;

    if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
        fputs(usage_text, out);
        return EXIT_ACCEPTED;
    }
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        fprintf(out, "crjit %s (libcrjit %s, ABI %d)\n", CRJIT_VERSION_STRING,
                crjit_version_string(), CRJIT_ABI_VERSION);
        return EXIT_ACCEPTED;
    }
    if (argc >= 2 && strcmp(argv[1], "cpu") == 0)
        return cpu_command(out, err);
    if (argc < 2 || strcmp(argv[1], "explain") != 0)
        return usage_error(err, "expected the command 'explain'", "", "");
    memset(&o, 0, sizeof o);
    o.policy = CRJIT_POLICY_REFERENCE;
    for (rc = 2; rc < argc; rc++) {
        if (strcmp(argv[rc], "--") == 0)
            break;
        if (strcmp(argv[rc], "--help") == 0) {
            fputs(usage_text, out);
            return EXIT_ACCEPTED;
        }
        if (strcmp(argv[rc], "--version") == 0) {
            fprintf(out, "crjit %s (libcrjit %s, ABI %d)\n",
                    CRJIT_VERSION_STRING, crjit_version_string(),
                    CRJIT_ABI_VERSION);
            return EXIT_ACCEPTED;
        }
    }
    rc = parse_options(argc, argv, &o, err);
    if (rc == EXIT_ACCEPTED)
        rc = explain(&o, out, err);
    free((void *)o.checkpoint);
    free((void *)o.restore);
    return rc;
}
