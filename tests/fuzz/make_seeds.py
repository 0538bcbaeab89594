#!/usr/bin/env python3
"""Write the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/).

The seeds are committed; this script documents how they are made and
rewrites them (./make_seeds.py from any directory).  Each seed is named
seed-<nn>-<what>, so new inputs that libFuzzer finds (named by hash) never
collide with them.  Layouts are described at the top of each fuzz_*.c.
"""
import os
import shutil
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")


def write(target, seeds):
    d = os.path.join(CORPUS, target)
    if os.path.isdir(d):
        for name in os.listdir(d):
            if name.startswith("seed-"):
                os.remove(os.path.join(d, name))
    os.makedirs(d, exist_ok=True)
    for i, (what, data) in enumerate(seeds, 1):
        if isinstance(data, str):
            data = data.encode()
        with open(os.path.join(d, "seed-%02d-%s" % (i, what)), "wb") as f:
            f.write(data)


def nul(*words):
    return "\0".join(words)


def fault(k=0, persistent=False):
    return struct.pack("<I", k | (0x80000000 if persistent else 0))


# ---- fuzz_args ---------------------------------------------------------------
# [fault][flags] opts \x01 env \x01 cli (NUL-separated) \x01 checkpoint text
OPTS = ("# restore options\n"
        "-Xrs:syncOnRestore\n"
        "-Dapp.mode=restored -Dapp.greeting=\"hello world\"\n"
        "-Xjit:count=0,\\\n  exclude={java/lang/*}\n"
        "-XX:+IgnoreUnrecognizedRestoreOptions\n")
ENV = ("APP_HOME=/opt/app\n"
       "OPENJ9_RESTORE_JAVA_OPTIONS=\"-XX:+MergeCompilerOptions -Xnojit\"\n")


def args_seed(flags, opts="", env="", cli=(), cp="", k=0, persistent=False):
    body = opts + "\x01" + env + "\x01" + nul(*cli) + "\x01" + cp
    return fault(k, persistent) + bytes([flags]) + body.encode()


ARGS = [
    ("cli-only", args_seed(0x00, cli=("-Xmx64m", "-Dapp.mode=debug",
                                      "-Xtrace:none"))),
    ("opts-file", args_seed(0x01, opts=OPTS)),
    ("opts-unreadable", args_seed(0x03, cli=("-Xnojit",))),
    ("env-file", args_seed(0x04, env=ENV)),
    ("env-unreadable", args_seed(0x0c, cli=("-Xjit",))),
    ("all-sources", args_seed(0x05, opts=OPTS, env=ENV,
                              cli=("-Xjit:vlog=after.log", "-Xfoo"))),
    ("strict", args_seed(0x15, opts=OPTS, env=ENV, cli=("-Xfoo",))),
    ("cli-first", args_seed(0x25, opts=OPTS, env=ENV, cli=("-Xint",))),
    ("nul-entry", args_seed(0x40, cli=("-Xjit:count=1", "-Xnoaot"))),
    ("checkpoint", args_seed(0x80, cli=("-Xjit:exclude={app/*}",),
                             cp="-Xjit:vlog=pre.log,count=0 -Xshareclasses "
                                "-XX:+DebugOnRestore -XcompilationThreads4")),
    ("unterminated-quote", args_seed(0x01, opts="-Dx=\"never closed\n-Xjit\n")),
    ("quoted-env", args_seed(0x04, env="OPENJ9_RESTORE_JAVA_OPTIONS="
                                       "'-Xjit:count=1 -Xnoaot' -Xint\n")),
    ("env-no-options", args_seed(0x04, env="PATH=/usr/bin\nHOME=/root\n")),
    ("continuations", args_seed(0x01, opts="-Xjit:\\\n count=0,\\\r\n"
                                           " verbose={compile*}\n"
                                           "'-Dq=a b' \"-Dr=c\\\"d\"\n")),
    ("merge", args_seed(0x00, cli=("-XX:+MergeCompilerOptions",
                                   "-Xjit:count=10", "-Xjit:exclude={a/B.*}",
                                   "-Xaot:count=5", "-Xjit:"))),
    ("jitserver", args_seed(0x80, cli=("-XX:+UseJITServer",
                                       "-XX:JITServerAddress=10.0.0.1",
                                       "-XX:JITServerPort=38400",
                                       "-XX:JITServerTimeout=5000"),
                            cp="-XX:+UseJITServer -XX:+JITServerUseAOTCache")),
    ("agents", args_seed(0x80, cli=("-agentlib:jdwp=transport=dt_socket",
                                    "-Xrs:onRestore", "-XX:+DebugInterpreter"),
                         cp="-XX:+DebugOnRestore")),
    ("duplicates", args_seed(0x00, cli=("-Xmx64m", "-Xmx128m",
                                        "-XcompilationThreads2",
                                        "-XcompilationThreads3", ""))),
    ("nomem-5", args_seed(0x05, opts=OPTS, env=ENV, cli=("-Xfoo",), k=5)),
    ("nomem-40-persistent", args_seed(0x85, opts=OPTS, env=ENV,
                                      cli=("-Xjit:count=0",), cp="-Xint",
                                      k=40, persistent=True)),
    ("nomem-120", args_seed(0x01, opts=OPTS, cli=("-Xjit:vlog=x",), k=120)),
    ("vlog-rtlog", args_seed(0x80, cli=("-Xjit:vlog=new.log,rtlog=rt.log",),
                             cp="-Xjit:vlog=old.log,dontApplyLogFileNameSuffix")),
]

# ---- fuzz_xjit ---------------------------------------------------------------
# [flags] option string [\0 limitfile text]
LIMITFILE = ("# a limit file\n"
             "+ (warm) java/lang/String.hashCode()I\n"
             "-1 (hot) a/B.c()V\n"
             "-precompileMethod x/Y.z()V\n"
             "#num 5\n"
             "+ k/K.k()V\n")
XJIT = [
    ("count", b"\x00count=0"),
    ("exclude", b"\x00exclude={java/lang/String.*}"),
    ("limit", b"\x00limit={com/example/*},count=100"),
    ("vlog", b"\x00vlog=/tmp/jit.log,verbose={compileStart|compileEnd}"),
    ("limitfile", b"\x00limitfile=lf\x00" + LIMITFILE.encode()),
    ("limitfile-range", b"\x00limitfile=(lf,2,4)\x00" + LIMITFILE.encode()),
    ("limitfile-unreadable", b"\x00limitfile=!missing"),
    ("subset-regex", b"\x20{java/util/*}(count=5,disableInlining)"),
    ("subset-range", b"\x20[1,3](count=2),[7](optLevel=hot)"),
    ("subset-ifexcluded", b"\x20exclude={a/*},ifExcluded(count=1)"),
    ("subset-limit", b"\x20limit={r/*}(count=1),loadLimit={q/*}"),
    ("subset-optlevel", b"\x20{x/*}{warm}(count=9)"),
    ("in-subset", b"\x01count=1,disableAsyncCompilation"),
    ("extras", b"\x02hostFlag,hostValue=42,x"),
    ("error-missing-comma", b"\x00count=1 exclude={a}"),
    ("error-unknown", b"\x00cuont=1,bogusOption"),
    ("error-paren", b"\x20{a/*}(count=1"),
    ("negated", b"\x00!disableTraps,noResumableTrapHandler"),
    ("name-filters", b"\x00exclude=a/B.c()V,exclude=a/B.c()V,exclude=c,"
                     b"exclude=d(I)V"),
    ("load-filters", b"\x00loadExclude={a/*},loadLimit={b/*},"
                     b"loadLimitFile=lf\x00+ b/B.b()V\n"),
    ("brackets", b"\x00exclude={[a-c]*.{get,set}*(*)*|^x/*}"),
    ("no-stores", b"\x1cexclude={a/*},limitfile=lf"),
    ("codecache", b"\x00enableCodeCacheDisclaiming,dontApplyLogFileNameSuffix,"
                  b"rtlog=rt.log,bcount=5,milcount=3,scount=7"),
]

# ---- fuzz_filter ---------------------------------------------------------------
# NUL-separated records: x SPEC | l SPEC | m SIG | s
FILTER = [
    ("exclude-brace", nul("x{java/lang/*}", "mjava/lang/String.hashCode()I",
                          "mjava/util/List.size()I")),
    ("limit-brace", nul("l{com/example/*}", "mcom/example/A.run()V",
                        "mjava/lang/Object.<init>()V")),
    ("alternatives", nul("x{a/B.get*,a/B.set*|a/C.*}", "ma/B.getX()I",
                         "ma/C.z(J)V", "ma/D.q()V")),
    ("classes", nul("x{[a-c]/*.[!x]*}", "mb/Z.y()V", "mb/Z.x()V")),
    ("inverted", nul("x{^java/*}", "mjava/lang/String.length()I",
                     "morg/x/Y.z()V")),
    ("name-forms", nul("xhashCode", "xa/B.c()V", "xequals(Ljava/lang/Object;)Z",
                       "mjava/lang/String.hashCode()I", "ma/B.c()V",
                       "mx/Y.equals(Ljava/lang/Object;)Z")),
    ("replace", nul("xa/B.c()V", "la/B.c()V", "ma/B.c()V")),
    ("escape", nul("x{a/\\{b\\}*}", "ma/{b}.c()V")),
    ("question", nul("x{a/?.c*}", "ma/B.cd()V", "ma/BB.c()V")),
    ("seal-mid", nul("x{a/*}", "ma/B.c()V", "s", "l{b/*}", "mb/C.d()V")),
    ("bad-empty", nul("x{}", "x{a/*}", "ma/X.y()V")),
    ("bad-unclosed", nul("x{a/*", "x[a-", "ma/X.y()V")),
    ("bad-range", nul("x{[z-a]}", "ma/X.y()V")),
    ("descriptor", nul("x{*(I)V}", "ma/B.c(I)V", "ma/B.c(J)V")),
    ("many", nul(*["x{p%d/*}" % i for i in range(12)],
                 "mp3/A.b()V", "mq/A.b()V")),
    ("limit-and-exclude", nul("l{app/*}", "x{app/internal/*}",
                              "mapp/internal/X.y()V", "mapp/Y.z()V",
                              "mlib/Z.q()V")),
]

# ---- fuzz_plan ---------------------------------------------------------------
METHODS = ("# class.name(descriptor) flags\n"
           "java/lang/String.hashCode()I\n"
           "java/lang/String.charAt(I)C aot\n"
           "java/lang/System.arraycopy(Ljava/lang/Object;ILjava/lang/Object;II)V native\n"
           "java/io/BufferedReader.readLine()Ljava/lang/String; on-stack\n"
           "com/example/app/Main.main([Ljava/lang/String;)V on-stack\n"
           "com/example/app/OrderService.placeOrder(Lcom/example/app/Order;)V\n"
           "com/example/app/cache/LruCache.get(Ljava/lang/Object;)Ljava/lang/Object; no-body-info\n"
           "com/example/app/RestoreHook.afterRestore()V post-restore\n")
X86_V3 = (1 << 20) - 1  # many features set


def cpu(arch=0, level=0, features=0):
    return struct.pack("<BBQ", arch, level, features)


def plan_seed(cbits=0, fbits=0, threads=(0, 0), uid=0, ck_cpu=cpu(),
              port=cpu(), procs=0, re_cpu=cpu(), vlog="", rtlog="", jit="",
              aot="", methods=METHODS, args=(), limit="", k=0,
              persistent=False):
    head = (fault(k, persistent) + struct.pack("<I", cbits) +
            bytes([threads[0], threads[1], uid]) + ck_cpu + port +
            struct.pack("<H", fbits) + bytes([procs]) + re_cpu)
    assert len(head) == 4 + 40
    body = "\x01".join([vlog, rtlog, jit, aot, methods, nul(*args), limit])
    return head + body.encode()


VLOG, RTLOG, JITS, AOTS = 1 << 27, 1 << 28, 1 << 29, 1 << 30
CPU_KNOWN = 1 << 25
RESTORE_CPU_KNOWN = 1 << 10
PLAN = [
    ("defaults", plan_seed()),
    ("xjit-exclude", plan_seed(args=("-Xjit:exclude={java/lang/*}",))),
    ("xnojit", plan_seed(args=("-Xnojit",))),
    ("reduced-signals", plan_seed(args=("-Xrs:syncOnRestore",))),
    ("facts-trace", plan_seed(fbits=0x0080 | 0x0100,
                              args=("-Xtrace:methods={app/*}",))),
    ("pre-filters", plan_seed(cbits=JITS, jit="exclude={com/example/*}",
                              args=("-Xjit:limit={java/*}",))),
    ("vlog-reopen", plan_seed(cbits=VLOG | JITS, vlog="pre.log",
                              jit="vlog=pre.log", args=("-Xjit:count=0",))),
    ("vlog-replace", plan_seed(cbits=VLOG, vlog="pre.log",
                               args=("-Xjit:vlog=post.log",))),
    ("no-suffix", plan_seed(cbits=VLOG | (1 << 18), vlog="a.log",
                            args=("-Xjit:vlog=b.log",))),
    ("limitfile", plan_seed(args=("-Xjit:limitfile=lf",),
                            limit="+ (warm) java/lang/String.hashCode()I\n")),
    ("limitfile-missing", plan_seed(args=("-Xjit:limitfile=!nope",))),
    ("cpu-incompatible", plan_seed(cbits=CPU_KNOWN, fbits=RESTORE_CPU_KNOWN,
                                   ck_cpu=cpu(0, 0, X86_V3),
                                   re_cpu=cpu(0, 0, 0x3ff))),
    ("cpu-compatible", plan_seed(cbits=CPU_KNOWN, fbits=RESTORE_CPU_KNOWN,
                                 ck_cpu=cpu(0, 0, 0x3ff),
                                 re_cpu=cpu(0, 0, X86_V3))),
    ("cpu-power", plan_seed(cbits=CPU_KNOWN | (1 << 4), fbits=RESTORE_CPU_KNOWN,
                            ck_cpu=cpu(2, 9, 0x7), re_cpu=cpu(2, 8, 0x3))),
    ("cpu-z-portable", plan_seed(cbits=CPU_KNOWN | (1 << 26),
                                 fbits=RESTORE_CPU_KNOWN,
                                 ck_cpu=cpu(3, 15, 0xff), port=cpu(3, 10, 0x3),
                                 re_cpu=cpu(3, 12, 0xff))),
    ("arch-mismatch", plan_seed(cbits=CPU_KNOWN, fbits=RESTORE_CPU_KNOWN,
                                ck_cpu=cpu(1, 0, 3), re_cpu=cpu(0, 0, 3))),
    ("jitserver", plan_seed(cbits=(1 << 19) | (1 << 20) | (1 << 22), uid=7,
                            args=("-XX:+UseJITServer",
                                  "-XX:JITServerAddress=host",
                                  "-XX:JITServerPort=1234"))),
    ("jit-not-loaded", plan_seed(cbits=1 << 6, args=("-Xjit:count=0",))),
    ("threads", plan_seed(threads=(15 ^ 4, 7 ^ 2), procs=2,
                          args=("-XcompilationThreads8",))),
    ("strict", plan_seed(fbits=1 << 14, args=("-Xfoo", "-Xjit:bogus"))),
    ("rejected", plan_seed(args=("-Xmx64m", "-Xjit:exclude={app/*}"))),
    ("no-host", plan_seed(fbits=1 << 13, args=("-Xjit:exclude={a/*}",))),
    ("extras", plan_seed(fbits=1 << 15, args=("-Xjit:hostFlag,hostValue=3",))),
    ("aot-string", plan_seed(cbits=AOTS, aot="count=0",
                             args=("-Xaot:count=1", "-Xnoaot"))),
    ("bad-methods", plan_seed(methods="java/lang/String\n",
                              args=("-Xjit:exclude={a/*}",))),
    ("nomem-3", plan_seed(args=("-Xjit:exclude={java/lang/*}",), k=3)),
    ("nomem-30-persistent", plan_seed(args=("-Xjit:exclude={java/lang/*}",
                                            "-Xrs:syncOnRestore"),
                                      k=30, persistent=True)),
    ("debug-on-restore", plan_seed(cbits=(1 << 1) | (1 << 9),
                                   args=("-XX:+DebugInterpreter",
                                         "-agentlib:jdwp=server=y"))),
]

# ---- fuzz_tool ---------------------------------------------------------------
TOOL = [
    ("help", "--help"),
    ("version", "--version"),
    ("cpu", "cpu"),
    ("explain-empty", "explain"),
    ("explain-json-nojit", nul("explain", "--json", "-Xnojit")),
    ("example", nul("explain", "--example")),
    ("example-json", nul("explain", "--example", "--json")),
    ("options-file", nul("explain", "--options-file", "restore.opts",
                         "-Xjit:count=0")),
    ("env-file", nul("explain", "--env-file", "restore.env", "--json")),
    ("missing-file", nul("explain", "--options-file", "nope.opts")),
    ("methods", nul("explain", "--methods", "methods.txt",
                    "-Xjit:exclude={java/lang/*}")),
    ("bad-methods", nul("explain", "--methods", "bad-methods.txt")),
    ("limitfile", nul("explain", "--json", "-Xjit:limitfile=limit.txt")),
    ("checkpoint", nul("explain", "--checkpoint",
                       "-Xjit:vlog=pre.log -XX:+DebugOnRestore",
                       "-Xjit:vlog=post.log")),
    ("checkpoint-quote", nul("explain", "--checkpoint", "\"-Dx=unclosed")),
    ("cpu-spec", nul("explain", "--cpu", "x86-64-v2", "--checkpoint-cpu",
                     "x86-64-v4")),
    ("cpu-arch-mismatch", nul("explain", "--cpu", "aarch64:fp,asimd",
                              "--checkpoint-cpu", "x86-64-v2")),
    ("cpu-bad", nul("explain", "--cpu", "x86:nosuchfeature")),
    ("policy-strict", nul("explain", "--policy", "strict", "-Xfoo")),
    ("policy-bad", nul("explain", "--policy", "lenient")),
    ("unknown-option", nul("explain", "--frobnicate")),
    ("missing-value", nul("explain", "--methods")),
    ("double-dash", nul("explain", "--", "--json", "-Xint")),
    ("no-command", nul("explian", "-Xint")),
    ("jitserver", nul("explain", "--json", "-XX:+UseJITServer",
                      "-XX:JITServerAddress=10.1.1.1", "-Xrs:syncOnRestore")),
    ("everything", nul("explain", "--options-file", "restore.opts",
                       "--env-file", "restore.env", "--methods",
                       "methods.txt", "--cpu", "x86-64-v3", "--json",
                       "-Xmx64m", "-Xjit:vlog=a.log,exclude={a/B.*}")),
]


def main():
    write("fuzz_args", ARGS)
    write("fuzz_xjit", XJIT)
    write("fuzz_filter", FILTER)
    write("fuzz_plan", PLAN)
    write("fuzz_tool", TOOL)
    for t in ("fuzz_args", "fuzz_xjit", "fuzz_filter", "fuzz_plan",
              "fuzz_tool"):
        d = os.path.join(HERE, "regressions", t)
        os.makedirs(d, exist_ok=True)
        open(os.path.join(d, ".gitkeep"), "a").close()
        print("%s: %d seeds" % (t, len([n for n in os.listdir(
            os.path.join(CORPUS, t)) if n.startswith("seed-")])))


if __name__ == "__main__":
    main()
