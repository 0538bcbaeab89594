/* fuzz_tool: the crjit tool's argv path, through crjit_tool_main().
 *
 * Input: NUL-separated words; "crjit" is prepended as argv[0], so a seed
 * reads like a command line: "explain\0--json\0-Xnojit".
 *
 * The tool reads the files its options name.  The first call creates a
 * fresh temporary directory holding a few small fixture files (restore.opts,
 * restore.env, methods.txt, limit.txt, bad-methods.txt) that seeds name by
 * relative path; each call runs the tool in that directory and then returns
 * to the caller's directory (libFuzzer's relative paths keep working); inputs that mention /dev, /proc, /sys, /run
 * or /tmp are skipped so a run never blocks on a device or a FIFO.  Output
 * goes to /dev/null, opened once (to stderr with CRJIT_FUZZ_TOOL_ECHO set).
 *
 * Invariant: no crash, leak or sanitizer report, and an exit status in
 * 0..3. */
#define _XOPEN_SOURCE 700

#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "crjit_tool.h"

#define MAX_WORDS 256

static FILE *sink;
static int fixture_fd = -1;
static char prog[] = "crjit";
static char fixture_dir[64];

static const char *const fixtures[][2] = {
    { "restore.opts",
      "# restore options\n"
      "-Xrs:syncOnRestore\n"
      "-Dapp.mode=\"restored twice\" -Xjit:count=0,\\\n"
      "  exclude={java/lang/*}\n"
      "-XX:+IgnoreUnrecognizedRestoreOptions\n" },
    { "restore.env",
      "APP_HOME=/opt/app\n"
      "OPENJ9_RESTORE_JAVA_OPTIONS=\"-XX:+MergeCompilerOptions -Xnojit\"\n" },
    { "methods.txt",
      "# class.name(descriptor) flags\n"
      "java/lang/String.hashCode()I\n"
      "java/lang/Object.hashCode()I native\n"
      "a/B.main([Ljava/lang/String;)V aot on-stack\n"
      "a/B.c()V no-body-info\n"
      "a/B.d()V post-restore\n" },
    { "limit.txt",
      "# limit file\n"
      "+ (warm) java/lang/String.hashCode()I\n"
      "-1 (hot) a/B.c()V\n" },
    { "bad-methods.txt", "java/lang/String\n" },
};

static void remove_fixtures(void)
{
    size_t i;
    /* Close the output sink too, so leak checkers see nothing left. */
    if (sink != NULL && sink != stderr) {
        (void)fclose(sink);
        sink = NULL;
    }
    if (fixture_dir[0] == '\0')
        return;
    for (i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
        char path[128];
        (void)snprintf(path, sizeof path, "%s/%s", fixture_dir,
                       fixtures[i][0]);
        (void)unlink(path);
    }
    (void)rmdir(fixture_dir);
}

static void setup(void)
{
    size_t i;
    const char *tmp = getenv("TMPDIR");

    if (sink != NULL)
        return;
    /* CRJIT_FUZZ_TOOL_ECHO=1 shows the tool's output (for reproducing) */
    if (getenv("CRJIT_FUZZ_TOOL_ECHO") != NULL)
        sink = stderr;
    else
        sink = fopen("/dev/null", "w");
    FUZZ_CHECK(sink != NULL);
    if (tmp == NULL || tmp[0] == '\0' || strlen(tmp) > 40)
        tmp = "/tmp";
    (void)snprintf(fixture_dir, sizeof fixture_dir, "%s/crjit-fuzz-XXXXXX",
                   tmp);
    FUZZ_CHECK(mkdtemp(fixture_dir) != NULL);
    fixture_fd = open(fixture_dir, O_RDONLY | O_DIRECTORY);
    FUZZ_CHECK(fixture_fd >= 0);
    for (i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
        char path[128];
        FILE *f;
        (void)snprintf(path, sizeof path, "%s/%s", fixture_dir,
                       fixtures[i][0]);
        f = fopen(path, "wb");
        FUZZ_CHECK(f != NULL);
        FUZZ_CHECK(fputs(fixtures[i][1], f) >= 0);
        FUZZ_CHECK(fclose(f) == 0);
    }
    (void)atexit(remove_fixtures);
}

static bool contains(const uint8_t *data, size_t size, const char *word)
{
    size_t n = strlen(word), i;
    for (i = 0; i + n <= size; i++)
        if (memcmp(data + i, word, n) == 0)
            return true;
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const unsafe[] = { "/dev", "/proc", "/sys", "/run",
                                          "/tmp" };
    char *argv[MAX_WORDS + 2];
    char *buf;
    int argc = 0, rc, here;
    size_t i, start = 0;

    if (size > 16384)
        return 0;
    for (i = 0; i < sizeof unsafe / sizeof unsafe[0]; i++)
        if (contains(data, size, unsafe[i]))
            return 0;
    setup();

    /* exact-size copy with a NUL after each word */
    buf = malloc(size + 1);
    FUZZ_CHECK(buf != NULL);
    if (size != 0)
        memcpy(buf, data, size);
    buf[size] = '\0';
    argv[argc++] = prog;
    if (size != 0) {
        for (i = 0; i <= size && argc <= MAX_WORDS; i++) {
            if (i == size || buf[i] == '\0') {
                argv[argc++] = buf + start;
                start = i + 1;
            }
        }
    }
    argv[argc] = NULL;
    here = open(".", O_RDONLY | O_DIRECTORY);
    FUZZ_CHECK(here >= 0);
    FUZZ_CHECK(fchdir(fixture_fd) == 0);
    rc = crjit_tool_main(argc, argv, sink, sink);
    FUZZ_CHECK(fchdir(here) == 0);
    FUZZ_CHECK(close(here) == 0);
    if (sink == stderr)
        fprintf(stderr, "[exit status %d]\n", rc);
    FUZZ_CHECK(rc >= 0 && rc <= 3);
    clearerr(sink);
    free(buf);
    return 0;
}
