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
    "  --methods FILE          the code cache at checkpoint (read and checked;\n"
    "                          not used by this version's decisions)\n"
    "  --cpu SPEC              restore host CPU (not used by this version)\n"
    "  --checkpoint-cpu SPEC   checkpoint host CPU (not used by this version)\n"
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

static void print_json(FILE *out, const crjit_plan *plan,
                       const crjit_args *args)
{
    size_t i, n;

    fputs("{\"schema_version\":1,\"verdict\":{\"accepted\":", out);
    fputs(crjit_plan_accepted(plan) ? "true" : "false", out);
    fputs(",\"message\":", out);
    json_cstr(out, crjit_plan_verdict_message(plan));
    fputs("},\"messages\":[", out);
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
        const char *text = crjit_args_text(args, i, &len, &src);
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

static void print_text(FILE *out, const crjit_plan *plan,
                       const crjit_args *args)
{
    size_t i, n, origin = verdict_origin(plan);
    const char *msg = crjit_plan_verdict_message(plan);

    if (crjit_plan_accepted(plan) || origin == CRJIT_NPOS)
        fprintf(out, "verdict.accepted = %s  {default}\n",
                crjit_plan_accepted(plan) ? "true" : "false");
    else
        fprintf(out, "verdict.accepted = false  {restore arg #%zu}\n", origin);
    fprintf(out, "verdict.message = %s  {default}\n",
            msg != NULL ? msg : "none");
    n = crjit_plan_arg_count(plan);
    for (i = 0; i < n; i++) {
        size_t len, w = crjit_plan_arg_winner(plan, i);
        crjit_source src;
        const char *text = crjit_args_text(args, i, &len, &src);
        crjit_arg_status st = crjit_plan_arg_status(plan, i);
        fprintf(out, "args[%zu] = ", i);
        text_arg(out, text, len);
        fprintf(out, "  {%s, %s", crjit_source_name(src),
                crjit_arg_status_name(st));
        if (w != CRJIT_NPOS)
            fprintf(out, ", superseded by #%zu", w);
        fputs("}\n", out);
    }
    n = crjit_plan_message_count(plan);
    if (n != 0)
        fputs("messages:\n", out);
    for (i = 0; i < n; i++) {
        const char *id, *text;
        crjit_plan_message(plan, i, &id, &text);
        fprintf(out, "  %s %s\n", id, text);
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

/* "crjit: <before><word><after>" on err; the word is quoted by the caller's
 * text. */
static int usage_error(FILE *err, const char *before, const char *word,
                       const char *after)
{
    fprintf(err, "crjit: %s%s%s\n(see crjit --help)\n", before, word, after);
    return EXIT_USAGE;
}

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

static int build_checkpoint(crjit_ctx *ctx, const options *o,
                            crjit_checkpoint_state *state, FILE *err)
{
    crjit_args *pre = NULL;
    crjit_status st = crjit_args_new(ctx, &pre);
    size_t i;

    if (st == CRJIT_OK)
        st = crjit_args_add_cstr(pre, "-XX:+EnableCRIUSupport",
                                 CRJIT_SOURCE_COMMAND_LINE);
    for (i = 0; st == CRJIT_OK && i < o->checkpoint_count; i++) {
        st = crjit_args_add_options_text(pre, o->checkpoint[i],
                                         strlen(o->checkpoint[i]),
                                         CRJIT_SOURCE_COMMAND_LINE);
        if (st != CRJIT_OK && st != CRJIT_E_NOMEM) {
            crjit_args_free(pre);
            return usage_error(err, "cannot split --checkpoint '",
                               o->checkpoint[i], "' (unterminated quote?)");
        }
    }
    crjit_checkpoint_init(state);
    if (st == CRJIT_OK)
        st = crjit_checkpoint_from_args(pre, state);
    crjit_args_free(pre);
    return st == CRJIT_OK ? EXIT_ACCEPTED : status_exit(st);
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

static int check_methods_file(const options *o, FILE *err)
{
    file_text f;
    if (o->methods_file == NULL)
        return EXIT_ACCEPTED;
    if (read_file(o->methods_file, &f) != 0)
        return EXIT_INTERNAL;
    free(f.data);
    if (!f.found)
        return usage_error(err, "cannot read --methods file '",
                           o->methods_file, "'");
    return EXIT_ACCEPTED;
}

static int explain(const options *o, FILE *out, FILE *err)
{
    crjit_config cfg = CRJIT_CONFIG_INIT;
    crjit_plan_input in = CRJIT_PLAN_INPUT_INIT;
    crjit_checkpoint_state ckpt;
    crjit_ctx *ctx = NULL;
    crjit_args *args = NULL;
    crjit_plan *plan = NULL;
    int rc;

    rc = check_methods_file(o, err);
    if (rc != EXIT_ACCEPTED)
        return rc;
    cfg.policy = o->policy;
    if (crjit_ctx_new(&cfg, &ctx) != CRJIT_OK)
        return EXIT_INTERNAL;
    rc = build_checkpoint(ctx, o, &ckpt, err);
    if (rc == EXIT_ACCEPTED)
        rc = crjit_args_new(ctx, &args) == CRJIT_OK ? EXIT_ACCEPTED
                                                    : EXIT_INTERNAL;
    if (rc == EXIT_ACCEPTED)
        rc = load_restore_args(args, o, err);
    if (rc == EXIT_ACCEPTED) {
        in.args = args;
        in.checkpoint = &ckpt;
        if (crjit_plan_new(ctx, &in, &plan) != CRJIT_OK)
            rc = EXIT_INTERNAL;
    }
    if (rc == EXIT_ACCEPTED) {
        if (o->json)
            print_json(out, plan, args);
        else
            print_text(out, plan, args);
        rc = crjit_plan_accepted(plan) ? EXIT_ACCEPTED : EXIT_REJECTED;
        if (fflush(out) != 0 || ferror(out))
            rc = EXIT_INTERNAL;
    }
    crjit_plan_free(plan);
    crjit_args_free(args);
    crjit_ctx_free(ctx);
    return rc;
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
