/**
 * @file crjit.h
 * @brief libcrjit: post-restore JIT decisions for a checkpoint/restore JVM.
 *
 * libcrjit reads the argument list a JVM receives when it is restored from a
 * CRIU (or CRaC) checkpoint, and computes what the restore changes for the
 * compiler.  This header is the whole public API and its manual.
 *
 * Shape of use:
 *
 *   1. Create a context (crjit_ctx_new) with an optional allocator, log
 *      callback and policy.
 *   2. Build the restore argument list (crjit_args_new, crjit_args_add,
 *      crjit_args_load_options_file, crjit_args_load_env_file).
 *   3. Describe the checkpoint (crjit_checkpoint_state, optionally derived from
 *      the pre-checkpoint command line with crjit_checkpoint_from_args).
 *   4. Compute a plan (crjit_plan_new).  Planning is pure: nothing in the host
 *      changes.  Read the verdict, per-argument status, messages and
 *      diagnostics through the plan accessors.
 *   5. Optionally carry the plan out through the host's operations
 *      (crjit_apply).
 *
 * Conventions that hold for every function below:
 *   - Out-parameters come last and are written only on success.  The
 *     exceptions say so: error locations (@c error_offset, @c error_line,
 *     the @c offset of crjit_ral_int) are written on failure, and
 *     crjit_apply() fills its report in any case.
 *   - Counts and indices are size_t; "no index" is CRJIT_NPOS.
 *   - Objects made by a crjit_*_new() function belong to the caller, who
 *     frees them with the matching crjit_*_free() (NULL is always a no-op),
 *     before freeing the context they were made from.
 *   - Strings returned by the library are NUL-terminated, owned by the object
 *     they were obtained from, and valid until that object is freed.
 *   - Accessors given a NULL object return a neutral value (0, NULL, false,
 *     or the value their description names) instead of crashing.
 *   - Argument text is a byte string: no locale-dependent function ever looks
 *     at it.  Option names match byte-wise and case-sensitively.
 *   - The library never prints, never exits, never aborts on bad input and
 *     never calls malloc directly: all memory comes from the context's
 *     allocator.  The only file it opens itself is /dev/urandom, for the
 *     default JITServer client UID (crjit_plan_input::random_uid).
 *
 * Threads: there is no global mutable state.  A context and every object
 * created from it must be used by one thread at a time; different contexts
 * may be used concurrently.  A finished plan is immutable: its accessors may
 * be called from several threads at once.  Callbacks (allocator, log, VM
 * consumers) run only on the thread that called into the library, and never
 * after that call returns.  Functions marked "Thread-safe" touch no object
 * state and may be called from any thread at any time.
 *
 * ABI: no ABI promise before 1.0 (the SONAME carries CRJIT_ABI_VERSION);
 * after 1.0, the same major version means ABI compatible.  Structs that the
 * host fills in start with a version field and have an INIT macro; the
 * library reads only the fields that version declares.
 */
#ifndef CRJIT_H
#define CRJIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(CRJIT_STATIC)
#define CRJIT_API
#elif defined(_WIN32)
#if defined(CRJIT_BUILDING)
#define CRJIT_API __declspec(dllexport)
#else
#define CRJIT_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define CRJIT_API __attribute__((visibility("default")))
#else
#define CRJIT_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @def CRJIT_API
 * @brief Marks the library's exported functions: visibility "default" with
 * GCC and Clang, dllexport/dllimport on Windows, nothing when
 * CRJIT_STATIC is defined (static builds; the CMake target defines it).
 */

/* ------------------------------------------------------------------------ */
/** @name Version
 *  Compile-time and link-time version numbers.
 *  @{                                                                      */
/* ------------------------------------------------------------------------ */

#define CRJIT_VERSION_MAJOR 0 /**< Major version of this header. */
#define CRJIT_VERSION_MINOR 1 /**< Minor version of this header. */
#define CRJIT_VERSION_PATCH 0 /**< Patch version of this header. */
/** Version as one number: major * 10000 + minor * 100 + patch. */
#define CRJIT_VERSION_NUMBER                                                 \
    (CRJIT_VERSION_MAJOR * 10000 + CRJIT_VERSION_MINOR * 100 +              \
     CRJIT_VERSION_PATCH)
#define CRJIT_VERSION_STRING "0.1.0" /**< "major.minor.patch" of this header. */
/** ABI generation; the shared library's SONAME is libcrjit.so.N with N this
 *  value. */
#define CRJIT_ABI_VERSION 0

/**
 * @brief Version of the library actually linked, as CRJIT_VERSION_NUMBER.
 * Compare with the macro to detect a header/library mismatch.  Thread-safe.
 * @return major * 10000 + minor * 100 + patch of the linked library.
 */
CRJIT_API unsigned crjit_version_number(void);

/**
 * @brief Version string of the linked library ("0.1.0").  Thread-safe.
 * @return a static string, never NULL.
 */
CRJIT_API const char *crjit_version_string(void);

/** "No index": returned by searches that find nothing. */
#define CRJIT_NPOS ((size_t)-1)

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Status codes
 *  The result of every fallible call, and its names.
 *  @{                                                                      */
/* ------------------------------------------------------------------------ */

/**
 * @brief Result of every fallible call.  Append-only: values are never
 * renumbered or reused.
 */
typedef enum crjit_status {
    CRJIT_OK = 0,            /**< success */
    CRJIT_E_INVALID_ARG = 1, /**< a NULL or malformed parameter */
    CRJIT_E_NOMEM = 2,       /**< the allocator returned NULL */
    CRJIT_E_LIMIT = 3,       /**< an input exceeds a documented limit */
    CRJIT_E_PARSE = 4,       /**< input text could not be parsed */
    CRJIT_E_LOAD = 5,        /**< an options file or env file failed to load */
    CRJIT_E_VERSION = 6,     /**< a struct carries an unknown version */
    CRJIT_E_STATE = 7,       /**< the object is in the wrong state for this */
    CRJIT_E_HOST = 8,        /**< a host callback reported failure */
    CRJIT_E_REJECTED = 9     /**< the policy rejects this restore */
} crjit_status;

/**
 * @brief Human-readable description of a status.  Thread-safe.
 * @param status any value, known or not.
 * @return a static string, never NULL; an unknown value gives
 *         "unknown status".
 */
CRJIT_API const char *crjit_strerror(crjit_status status);

/**
 * @brief Symbolic name of a status ("CRJIT_E_NOMEM").  Thread-safe.
 * @param status any value, known or not.
 * @return a static string, never NULL; an unknown value gives
 *         "CRJIT_E_UNKNOWN".
 */
CRJIT_API const char *crjit_status_name(crjit_status status);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Limits
 *  Inputs beyond them give CRJIT_E_LIMIT and a "limit-exceeded"
 *  diagnostic.
 *  @{                                                                      */
/* ------------------------------------------------------------------------ */

#define CRJIT_MAX_ARGS 1048576u              /**< entries in one list */
#define CRJIT_MAX_ARG_BYTES 1048576u         /**< bytes in one entry */
#define CRJIT_MAX_TOTAL_BYTES 16777216u      /**< bytes of all entries */
#define CRJIT_MAX_FILE_BYTES 16777216u       /**< bytes of one file's text */

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Diagnostics
 *  What the library reports about its input, with stable codes.
 *  @{                                                                      */
/* ------------------------------------------------------------------------ */

/** @brief How serious a diagnostic is. */
typedef enum crjit_severity {
    CRJIT_SEV_NOTE = 0,    /**< information; nothing is wrong */
    CRJIT_SEV_WARNING = 1, /**< suspicious input the restore survives */
    CRJIT_SEV_ERROR = 2    /**< an error (rejects the restore under
                                CRJIT_POLICY_STRICT) */
} crjit_severity;

/**
 * @brief Stable diagnostic codes.  Append-only; crjit_diag_code_name() gives
 * the lower-case identifier used in the tool's output and docs/errors.md.
 */
typedef enum crjit_diag_code {
    CRJIT_DIAG_NUL_BYTE = 1,              /**< "nul-byte" */
    CRJIT_DIAG_LIMIT_EXCEEDED = 2,        /**< "limit-exceeded" */
    CRJIT_DIAG_OPTIONS_FILE_NOT_FOUND = 3, /**< "options-file-not-found" */
    CRJIT_DIAG_OPTIONS_FILE_MALFORMED = 4, /**< "options-file-malformed" */
    CRJIT_DIAG_ENV_FILE_UNREADABLE = 5,   /**< "env-file-unreadable" */
    CRJIT_DIAG_ENV_FILE_NO_OPTIONS = 6,   /**< "env-file-no-options" */
    CRJIT_DIAG_QUOTED_VALUE = 7,          /**< "quoted-value" (DV-16) */
    CRJIT_DIAG_UNRECOGNIZED = 8,          /**< "unrecognized-option" */
    CRJIT_DIAG_UNSUPPORTED = 9,           /**< "unsupported-option" */
    CRJIT_DIAG_TOLERATED = 10,            /**< "tolerated-option" */
    CRJIT_DIAG_DUPLICATE = 11,            /**< "duplicate-option" */
    CRJIT_DIAG_VALUE_MALFORMED = 12,      /**< "value-malformed" */
    CRJIT_DIAG_VALUE_OVERFLOW = 13,       /**< "value-overflow" */
    CRJIT_DIAG_VALUE_OUT_OF_RANGE = 14,   /**< "value-out-of-range" */
    CRJIT_DIAG_VALUE_TRAILING = 15,       /**< "value-trailing-characters" */
    CRJIT_DIAG_JDWP_NEEDS_DEBUG = 16,     /**< "agent-needs-debug-on-restore" */
    CRJIT_DIAG_RESTORE_ARGS_LOST = 17,    /**< "restore-args-not-loaded" */
    CRJIT_DIAG_IGNORED_BY_FLAG = 18,      /**< "ignored-unrecognized" */
    CRJIT_DIAG_EMPTY_ARG = 19,            /**< "empty-argument" */
    CRJIT_DIAG_STRICT_REJECT = 20,        /**< "rejected-by-strict-policy" */
    CRJIT_DIAG_NOT_APPLIED = 21,          /**< "not-applied" (DV-4) */
    CRJIT_DIAG_NO_EFFECT = 22,            /**< "no-effect-after-restore" */
    CRJIT_DIAG_OPTION_STRING_ERROR = 23,  /**< "option-string-error" (DV-6) */
    CRJIT_DIAG_UNKNOWN_SUBOPTION = 24,    /**< "unknown-suboption" */
    CRJIT_DIAG_FILTER_REPLACED = 25,      /**< "filter-replaced" (DV-14) */
    CRJIT_DIAG_SEVERAL_STRINGS = 26,      /**< "several-option-strings" */
    CRJIT_DIAG_EMPTY_STRING = 27,         /**< "empty-option-string" (D-2) */
    CRJIT_DIAG_THREADS_CAPPED = 28,       /**< "threads-capped" (B-31) */
    CRJIT_DIAG_LOG_TRUNCATED = 29,        /**< "log-truncated" (B-48) */
    CRJIT_DIAG_SETTING_IGNORED = 30,      /**< "setting-ignored" */
    CRJIT_DIAG_HOST_FAILED = 31,          /**< "host-callback-failed" */
    CRJIT_DIAG_JIT_NOT_LOADED = 32,       /**< "jit-not-loaded" (T-6) */
    CRJIT_DIAG_ONE_WAY = 33,              /**< "one-way-option" (G-18) */
    CRJIT_DIAG_SUBSET_ERROR = 34,         /**< "option-subset-error" */
    CRJIT_DIAG_CPU_INCOMPATIBLE = 35,     /**< "cpu-incompatible" */
    CRJIT_DIAG_CPU_UNKNOWN = 36           /**< "cpu-unknown" */
} crjit_diag_code;

/**
 * @brief One diagnostic.  Owned by the object it was read from (or, in a log
 * callback, valid only during the callback).
 *
 * @c arg is the index in the restore argument list the diagnostic is about,
 * or CRJIT_NPOS when it concerns no single argument (a file, the checkpoint
 * options).  @c offset is a byte offset inside that argument's text (0 when
 * the whole argument is meant); for file diagnostics without an argument it
 * is a byte offset inside the file.
 */
typedef struct crjit_diagnostic {
    crjit_severity severity; /**< how serious it is */
    crjit_diag_code code;    /**< what it is about (stable) */
    size_t arg;              /**< restore argument index, or CRJIT_NPOS */
    size_t offset;           /**< byte offset in the argument or file */
    const char *message; /**< NUL-terminated, never NULL; at most 511 bytes */
} crjit_diagnostic;

/**
 * @brief Name of a severity.  Thread-safe.
 * @param severity any value.
 * @return "error", "warning" or "note" ("unknown" for a value outside the
 *         enumeration); static, never NULL.
 */
CRJIT_API const char *crjit_severity_name(crjit_severity severity);

/**
 * @brief Stable identifier of a code ("unrecognized-option").  Thread-safe.
 * @param code any value.
 * @return a static string, never NULL; an unknown code gives "unknown".
 */
CRJIT_API const char *crjit_diag_code_name(crjit_diag_code code);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Context
 *  Allocator, log callback and policy shared by every object.
 *  @{                                                                      */
/* ------------------------------------------------------------------------ */

/**
 * @brief Host allocator.  @c alloc returns memory aligned for any object or
 * NULL; @c free accepts what @c alloc returned (never NULL).  Both receive
 * @c user first.  Called only from the thread using the context.
 */
typedef struct crjit_allocator {
    /** Allocate @c size bytes (never 0), or return NULL. */
    void *(*alloc)(void *user, size_t size);
    /** Release a block @c alloc returned; @c ptr is never NULL. */
    void (*free)(void *user, void *ptr);
    void *user; /**< passed unchanged as the first argument of both */
} crjit_allocator;

/**
 * @brief Log callback: receives every diagnostic once, as it is produced,
 * before the call that produced it returns (also diagnostics of a call that
 * then fails, such as "host-callback-failed").  The diagnostic is valid only
 * during the callback.  Must not call back into the library with the same
 * context.
 * @param user the config's @c log_user.
 * @param diag the diagnostic, never NULL.
 */
typedef void (*crjit_log_fn)(void *user, const crjit_diagnostic *diag);

/** @brief Decision policy (product.md §3). */
typedef enum crjit_policy {
    /** Reference decisions, with the documented deviations. */
    CRJIT_POLICY_REFERENCE = 0,
    /** As reference, but every error diagnostic rejects the restore. */
    CRJIT_POLICY_STRICT = 1
} crjit_policy;

/** Version of crjit_config this header declares. */
#define CRJIT_CONFIG_VERSION 1

/** @brief Context configuration.  Initialise with CRJIT_CONFIG_INIT. */
typedef struct crjit_config {
    unsigned version;          /**< CRJIT_CONFIG_VERSION */
    crjit_allocator allocator; /**< all NULL: the C library's malloc/free */
    crjit_log_fn log;          /**< optional */
    void *log_user;            /**< passed to @c log */
    crjit_policy policy;       /**< default CRJIT_POLICY_REFERENCE */
} crjit_config;

/** Initialiser of crjit_config: current version, malloc/free, no log,
 *  CRJIT_POLICY_REFERENCE. */
#define CRJIT_CONFIG_INIT                                                     \
    { CRJIT_CONFIG_VERSION, { NULL, NULL, NULL }, NULL, NULL,                 \
      CRJIT_POLICY_REFERENCE }

/**
 * @brief Fill @p config with the defaults of CRJIT_CONFIG_INIT.
 * Thread-safe on memory the caller owns.
 * @param config the struct to fill; NULL is a no-op.
 */
CRJIT_API void crjit_config_init(crjit_config *config);

/** Opaque context: allocator, log callback, policy.  One thread at a time. */
typedef struct crjit_ctx crjit_ctx;

/**
 * @brief Create a context.
 * @param config NULL for defaults; copied, so it need not outlive the call.
 *        Its allocator must set both functions or neither.
 * @param[out] out receives the context, owned by the caller; free it with
 *        crjit_ctx_free() after every object made from it.
 * @retval CRJIT_OK
 * @retval CRJIT_E_INVALID_ARG @p out NULL, half an allocator, unknown policy
 * @retval CRJIT_E_VERSION @p config->version is not one this library knows
 *         (checked first)
 * @retval CRJIT_E_NOMEM
 */
CRJIT_API crjit_status crjit_ctx_new(const crjit_config *config,
                                     crjit_ctx **out);

/**
 * @brief Free a context.  NULL is a no-op.  Every object created from the
 * context (argument lists, views, filter sets, code caches, plans) must have
 * been freed before.
 * @param ctx the context, or NULL.
 */
CRJIT_API void crjit_ctx_free(crjit_ctx *ctx);

/**
 * @brief The policy the context was created with.
 * @param ctx the context.
 * @return its policy; CRJIT_POLICY_REFERENCE when @p ctx is NULL.
 */
CRJIT_API crjit_policy crjit_ctx_policy(const crjit_ctx *ctx);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Restore argument list (semantics Part A)
 *  The ordered list of restore arguments and its loaders.
 *  @{                                                                      */
/* ------------------------------------------------------------------------ */

/** @brief Where an entry came from. */
typedef enum crjit_source {
    CRJIT_SOURCE_COMMAND_LINE = 0, /**< given directly (restore command) */
    CRJIT_SOURCE_OPTIONS_FILE = 1, /**< from an -Xoptionsfile= file */
    CRJIT_SOURCE_ENV_FILE = 2      /**< from the env file's
                                        OPENJ9_RESTORE_JAVA_OPTIONS= */
} crjit_source;

/**
 * @brief Name of a source.  Thread-safe.
 * @param source any value.
 * @return "command-line", "options-file" or "env-file" ("unknown" outside
 *         the enumeration); static, never NULL.
 */
CRJIT_API const char *crjit_source_name(crjit_source source);

/**
 * Opaque ordered list of restore arguments (the RAL).  Entries are appended
 * and never change afterwards; the list carries the diagnostics its loaders
 * produced.  Consume state lives elsewhere (crjit_ral), so one list can be
 * planned many times.
 */
typedef struct crjit_args crjit_args;

/**
 * @brief Create an empty list bound to @p ctx (it uses its allocator and
 * log callback).
 * @param ctx the context; must outlive the list.
 * @param[out] out receives the list, owned by the caller; free it with
 *        crjit_args_free().
 * @retval CRJIT_OK
 * @retval CRJIT_E_INVALID_ARG @p ctx or @p out NULL
 * @retval CRJIT_E_NOMEM
 */
CRJIT_API crjit_status crjit_args_new(crjit_ctx *ctx, crjit_args **out);

/**
 * @brief Free a list and the strings and diagnostics it owns.  No view
 * (crjit_ral) of it may still exist.
 * @param args the list, or NULL (no-op).
 */
CRJIT_API void crjit_args_free(crjit_args *args);

/**
 * @brief Append one entry.  The bytes are copied.
 * @param args the list.
 * @param text the entry, @p len bytes (need not be NUL-terminated); may be
 *        NULL when @p len is 0 (an empty entry).
 * @param len length of @p text in bytes.
 * @param source where the entry came from.
 * @retval CRJIT_OK
 * @retval CRJIT_E_INVALID_ARG @p args NULL, NULL text with len > 0, bad
 *         source, or text containing a NUL byte (a "nul-byte" diagnostic
 *         gives the offset; nothing is appended)
 * @retval CRJIT_E_LIMIT beyond CRJIT_MAX_ARGS, CRJIT_MAX_ARG_BYTES or
 *         CRJIT_MAX_TOTAL_BYTES ("limit-exceeded"; nothing is appended)
 * @retval CRJIT_E_STATE a load failure already marked the list failed
 * @retval CRJIT_E_NOMEM nothing is appended
 */
CRJIT_API crjit_status crjit_args_add(crjit_args *args, const char *text,
                                      size_t len, crjit_source source);

/**
 * @brief crjit_args_add() for a NUL-terminated string.
 * @param args the list.
 * @param text the entry; must not be NULL.
 * @param source where the entry came from.
 * @return as crjit_args_add(); CRJIT_E_INVALID_ARG when @p text is NULL.
 */
CRJIT_API crjit_status crjit_args_add_cstr(crjit_args *args, const char *text,
                                           crjit_source source);

/**
 * @brief Append an options file as the VM does (A-2…A-4).
 *
 * First appends the entry "-Xoptionsfile=<path>", then the file's options,
 * tokenised by the options-file rules.  The library does not open the file:
 * the host passes its bytes, which are copied.
 *
 * @param args the list.
 * @param path the path text for the -Xoptionsfile= entry (@p path_len
 *        bytes, no NUL byte, at most CRJIT_MAX_ARG_BYTES); NULL only with
 *        @p path_len 0.
 * @param path_len length of @p path in bytes.
 * @param text the file contents, or NULL when the file could not be opened:
 *        then only the -Xoptionsfile= entry is appended and a warning
 *        "options-file-not-found" is recorded (A-3; the restore goes on).
 *        A NUL byte in the text ends it (as in the reference, which reads a
 *        C string), with a "nul-byte" warning.
 * @param len length of @p text in bytes (0 when @p text is NULL).
 * @retval CRJIT_OK
 * @retval CRJIT_E_LOAD a token ends inside an unterminated quote: the
 *         list is marked failed, all its entries are dropped, and a plan of
 *         it is a rejected restore ("options-file-malformed")
 * @retval CRJIT_E_LIMIT the text or its entries exceed a limit
 *         ("limit-exceeded"); the list is marked failed as for CRJIT_E_LOAD
 * @retval CRJIT_E_INVALID_ARG @p args NULL, NULL @p path or @p text with a
 *         nonzero length, a NUL byte in @p path or @p path_len above
 *         CRJIT_MAX_ARG_BYTES (list unchanged)
 * @retval CRJIT_E_STATE the list is already marked failed (list unchanged)
 * @retval CRJIT_E_NOMEM list unchanged
 */
CRJIT_API crjit_status crjit_args_load_options_file(crjit_args *args,
                                                    const char *path,
                                                    size_t path_len,
                                                    const char *text,
                                                    size_t len);

/**
 * @brief Append the options of @p text, split by the options-file rules
 * with the given source.  Unlike crjit_args_load_options_file() no
 * -Xoptionsfile= entry is added and a failure does not mark the list failed.
 * Useful for a command line given as one string (the tool's --checkpoint).
 * @param args the list.
 * @param text the options (copied); NULL only with @p len 0.
 * @param len length of @p text in bytes, at most CRJIT_MAX_FILE_BYTES.
 * @param source recorded for every appended entry.
 * @retval CRJIT_OK
 * @retval CRJIT_E_PARSE an unterminated quote ("options-file-malformed");
 *         nothing is appended
 * @retval CRJIT_E_LIMIT a limit is exceeded ("limit-exceeded"); nothing is
 *         appended
 * @retval CRJIT_E_INVALID_ARG @p args NULL, NULL @p text with @p len > 0,
 *         or a bad source
 * @retval CRJIT_E_STATE the list is already marked failed
 * @retval CRJIT_E_NOMEM nothing is appended
 */
CRJIT_API crjit_status crjit_args_add_options_text(crjit_args *args,
                                                   const char *text,
                                                   size_t len,
                                                   crjit_source source);

/**
 * @brief Append the restore options of an env file.
 *
 * Finds the first line that starts with "OPENJ9_RESTORE_JAVA_OPTIONS=" and
 * tokenises its value by the env-file rules.  No such line: nothing is
 * appended and a note "env-file-no-options" is recorded.  A value whose
 * quotes turn several options into one entry gets an error "quoted-value"
 * naming the span and the intended split (DV-16).  A NUL byte ends the text,
 * with a "nul-byte" warning.
 *
 * @param args the list.
 * @param text the file contents (copied as needed), or NULL when the file
 *        could not be read.
 * @param len length of @p text in bytes (0 when @p text is NULL).
 * @retval CRJIT_OK
 * @retval CRJIT_E_LOAD @p text is NULL: the list is marked failed, all its
 *         entries are dropped and an error "env-file-unreadable" is recorded
 *         (DV-13: reported, and no earlier list is ever reused)
 * @retval CRJIT_E_LIMIT as for crjit_args_load_options_file()
 * @retval CRJIT_E_INVALID_ARG @p args NULL, or NULL @p text with @p len > 0
 * @retval CRJIT_E_STATE the list is already marked failed (list unchanged)
 * @retval CRJIT_E_NOMEM list unchanged
 */
CRJIT_API crjit_status crjit_args_load_env_file(crjit_args *args,
                                                const char *text, size_t len);

/**
 * @brief Number of entries.
 * @param args the list.
 * @return the count; 0 when @p args is NULL or a load failure emptied it.
 */
CRJIT_API size_t crjit_args_count(const crjit_args *args);

/**
 * @brief Entry @p index: its text and optionally its length and source.
 * @param args the list.
 * @param index 0-based entry index.
 * @param[out] len optional (may be NULL): receives the length in bytes.
 * @param[out] source optional (may be NULL): receives the source.
 * @return the text (NUL-terminated, owned by the list, valid until it is
 *         freed), or NULL when @p index is out of range.
 */
CRJIT_API const char *crjit_args_text(const crjit_args *args, size_t index,
                                      size_t *len, crjit_source *source);

/**
 * @brief Whether a load failure has marked the list failed.
 * @param args the list.
 * @return true once crjit_args_load_options_file() or
 *         crjit_args_load_env_file() returned CRJIT_E_LOAD or CRJIT_E_LIMIT
 *         and so marked it; false otherwise or when @p args is NULL.
 */
CRJIT_API bool crjit_args_load_failed(const crjit_args *args);

/**
 * @brief Number of diagnostics recorded while the list was built.
 * @param args the list.
 * @return the count; 0 when @p args is NULL.
 */
CRJIT_API size_t crjit_args_diag_count(const crjit_args *args);
/**
 * @brief Diagnostic @p i of the list, in the order recorded.
 * @param args the list.
 * @param i 0-based index, below crjit_args_diag_count().
 * @return the diagnostic (owned by the list; valid until the list is freed
 *         or grows), or NULL when out of range.
 */
CRJIT_API const crjit_diagnostic *crjit_args_diag(const crjit_args *args,
                                                  size_t i);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Searching and consuming (A-13…A-34)
 *  A working view of a list with per-entry consume state.
 *  @{                                                                      */
/* ------------------------------------------------------------------------ */

/**
 * A working view of a list: the list plus the consume state of each entry.
 * Planning uses one internally; VM consumers receive it; hosts and tests
 * may create their own.  Searches on it are O(matches) after a one-time
 * index of the list.
 */
typedef struct crjit_ral crjit_ral;

/** @brief How an entry S matches an option name N (A-17…A-21). */
typedef enum crjit_match {
    CRJIT_MATCH_EXACT = 1,             /**< S == N */
    CRJIT_MATCH_STARTSWITH = 2,        /**< S begins with N */
    CRJIT_MATCH_EXACT_MEMORY = 3,      /**< S = N digit ... */
    CRJIT_MATCH_OPTIONAL_LIST = 4,     /**< S == N or S = N ":" ... */
    CRJIT_MATCH_OPTIONAL_LIST_EQUALS = 5 /**< S == N or S = N "=" ... */
} crjit_match;

/** Search flags for crjit_ral_find(). */
#define CRJIT_FIND_FORWARD 0x1u /**< scan from the left: leftmost wins */
#define CRJIT_FIND_CONSUME 0x2u /**< consume the hit; exempt other hits */
#define CRJIT_FIND_STOP 0x4u    /**< bound the scan with @c stop (A-15) */

/**
 * @brief Create a view of @p args with every entry unconsumed (entries
 * "-Xargencoding..." and "-Xnoargsconversion" start exempt, A-8).
 * @param args the list; it must outlive the view and must not grow while
 *        the view exists.
 * @param[out] out receives the view, owned by the caller; free it with
 *        crjit_ral_free().
 * @retval CRJIT_OK
 * @retval CRJIT_E_INVALID_ARG @p args or @p out NULL
 * @retval CRJIT_E_NOMEM
 */
CRJIT_API crjit_status crjit_ral_new(const crjit_args *args, crjit_ral **out);

/**
 * @brief Free a view (the list is not touched).
 * @param ral the view, or NULL (no-op).
 */
CRJIT_API void crjit_ral_free(crjit_ral *ral);

/**
 * @brief The list this view is over.
 * @param ral the view.
 * @return the list (not owned by the view), or NULL when @p ral is NULL.
 */
CRJIT_API const crjit_args *crjit_ral_args(const crjit_ral *ral);

/**
 * @brief Search for option @p name (A-13…A-25).
 *
 * Backward by default (rightmost match wins); CRJIT_FIND_FORWARD scans from
 * the left.  With CRJIT_FIND_STOP a backward scan covers [0, stop-1] only if
 * 0 < stop < count (else the whole list), a forward scan covers
 * [stop, count-1] (nothing when stop >= count).  Without
 * CRJIT_FIND_CONSUME the search stops at the first hit and changes nothing
 * .  With CRJIT_FIND_CONSUME the whole range is scanned: the winning
 * entry is marked consumed and every other match is exempted as a duplicate
 * of it.
 *
 * @param ral the view.
 * @param kind how an entry must match @p name.
 * @param name the option name, NUL-terminated.
 * @param flags CRJIT_FIND_* bits.
 * @param stop the bound for CRJIT_FIND_STOP; ignored without it.
 * @return the index of the winning entry, or CRJIT_NPOS (also when @p ral or
 *         @p name is NULL or the list is empty, A-13).
 */
CRJIT_API size_t crjit_ral_find(crjit_ral *ral, crjit_match kind,
                                const char *name, unsigned flags, size_t stop);

/**
 * @brief Mark entry @p index consumed directly, without duplicate handling
 * (A-27).
 * @param ral the view; NULL is a no-op.
 * @param index 0-based entry index; out of range: no effect.
 */
CRJIT_API void crjit_ral_consume_at(crjit_ral *ral, size_t index);

/** @brief Consume state of one entry. */
typedef enum crjit_entry_state {
    CRJIT_ENTRY_UNCONSUMED = 0, /**< must still be recognised */
    CRJIT_ENTRY_CONSUMED = 1,   /**< recognised */
    CRJIT_ENTRY_EXEMPT = 2      /**< a duplicate, or exempt from creation */
} crjit_entry_state;

/**
 * @brief State of one entry.
 * @param ral the view.
 * @param index 0-based entry index.
 * @return the state (consumed wins over exempt); CRJIT_ENTRY_UNCONSUMED
 *         when @p ral is NULL or @p index is out of range.
 */
CRJIT_API crjit_entry_state crjit_ral_state(const crjit_ral *ral,
                                            size_t index);

/** @brief Outcome of reading a value out of an entry. */
typedef enum crjit_value_status {
    CRJIT_VALUE_OK = 0,           /**< the value was read */
    CRJIT_VALUE_MISSING = 1,      /**< delimiter absent, index out of range */
    CRJIT_VALUE_MALFORMED = 2,    /**< no digits, or junk after them */
    CRJIT_VALUE_OVERFLOW = 3,     /**< does not fit 64 bits (DV-5) */
    CRJIT_VALUE_OUT_OF_RANGE = 4, /**< outside [min, max] (DV-5) */
    CRJIT_VALUE_TRAILING = 5      /**< memory value OK, junk after suffix */
} crjit_value_status;

/**
 * @brief The value after the first @p delim anywhere in entry @p index
 * (A-29).
 * @param ral the view.
 * @param index 0-based entry index.
 * @param delim the delimiter byte (':' or '=').
 * @param[out] value optional: receives a pointer into the list's storage
 *        (valid while the list lives); it runs to the end of the entry,
 *        so it is NUL-terminated.
 * @param[out] len optional: receives the value's length (possibly 0).
 * @retval CRJIT_VALUE_OK
 * @retval CRJIT_VALUE_MISSING @p delim does not occur, @p ral is NULL or
 *         @p index is out of range
 */
CRJIT_API crjit_value_status crjit_ral_value(const crjit_ral *ral,
                                             size_t index, char delim,
                                             const char **value, size_t *len);

/**
 * @brief Decimal integer starting at byte @p name_len of entry @p index
 * digits only, no sign, nothing after them.  Unlike the reference,
 * overflow is reported as overflow and a range check applies (DV-5).
 * @param ral the view.
 * @param index 0-based entry index.
 * @param name_len where the digits start (the option name's length).
 * @param min smallest accepted value.
 * @param max largest accepted value.
 * @param[out] value optional: receives the value, on CRJIT_VALUE_OK only.
 * @param[out] offset optional: always written: the byte offset of the
 *        problem (the first non-digit, the digit that overflows, or
 *        @p name_len for a missing or out-of-range number); @p name_len on
 *        success, 0 for CRJIT_VALUE_MISSING.
 * @retval CRJIT_VALUE_OK
 * @retval CRJIT_VALUE_MISSING @p ral NULL or @p index out of range
 * @retval CRJIT_VALUE_MALFORMED no digit at @p name_len, or a non-digit
 *         after the digits
 * @retval CRJIT_VALUE_OVERFLOW the digits do not fit 64 bits
 * @retval CRJIT_VALUE_OUT_OF_RANGE outside [@p min, @p max]
 */
CRJIT_API crjit_value_status crjit_ral_int(const crjit_ral *ral, size_t index,
                                           size_t name_len, uint64_t min,
                                           uint64_t max, uint64_t *value,
                                           size_t *offset);

/**
 * @brief Memory value starting at byte @p name_len: digits, then an
 * optional k/m/g/t suffix (either case, powers of 1024).  Without a suffix
 * the value is rounded up to a multiple of 8 (down when that would
 * overflow).  Characters after a suffix give CRJIT_VALUE_TRAILING with the
 * value still written (the reference warns and uses it).
 * @param ral the view.
 * @param index 0-based entry index.
 * @param name_len where the digits start (the option name's length).
 * @param max largest accepted value in bytes (after the suffix and
 *        rounding).
 * @param[out] value optional: receives the value in bytes on
 *        CRJIT_VALUE_OK and CRJIT_VALUE_TRAILING.
 * @param[out] offset optional: always written, as for crjit_ral_int(); for
 *        CRJIT_VALUE_TRAILING the offset of the first byte after the suffix.
 * @retval CRJIT_VALUE_OK
 * @retval CRJIT_VALUE_TRAILING value written, junk after the suffix
 * @retval CRJIT_VALUE_MISSING @p ral NULL or @p index out of range
 * @retval CRJIT_VALUE_MALFORMED no digit, or an unknown suffix
 * @retval CRJIT_VALUE_OVERFLOW the value does not fit 64 bits
 * @retval CRJIT_VALUE_OUT_OF_RANGE above @p max
 */
CRJIT_API crjit_value_status crjit_ral_memory(const crjit_ral *ral,
                                              size_t index, size_t name_len,
                                              uint64_t max, uint64_t *value,
                                              size_t *offset);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Method filters (D-20…D-27)
 *  Compiled exclude=/limit= filters and the per-method decision.
 *  @{                                                                      */
/* ------------------------------------------------------------------------ */

/**
 * A compiled set of compilation filters, as `exclude=`, `limit=` and
 * `limitfile=` build them.  Build with crjit_filters_add(), then
 * crjit_filters_seal(); a sealed set answers crjit_filters_decide() without
 * allocating and may be read from several threads at once.
 */
typedef struct crjit_filters crjit_filters;

/** @brief What a filter does to the methods it matches. */
typedef enum crjit_filter_type {
    CRJIT_FILTER_EXCLUDE = 0, /**< exclude=: never compile */
    CRJIT_FILTER_INCLUDE = 1  /**< limit=: compile; the rest is excluded */
} crjit_filter_type;

/** @brief The decision for one method (D-24). */
typedef enum crjit_filter_result {
    CRJIT_FILTER_ALLOWED = 0,  /**< may be compiled */
    CRJIT_FILTER_EXCLUDED = 1, /**< must not be compiled */
    /** excluded, but an ifExcluded(...) option set makes it compilable
     *  (only in a plan's filters: crjit_filters_add() cannot set it) */
    CRJIT_FILTER_ALLOWED_IF_EXCLUDED = 2
} crjit_filter_result;

/**
 * @brief Create an empty filter set bound to @p ctx.
 * @param ctx the context; must outlive the set.
 * @param[out] out receives the set, owned by the caller; free it with
 *        crjit_filters_free().
 * @retval CRJIT_OK
 * @retval CRJIT_E_INVALID_ARG @p ctx or @p out NULL
 * @retval CRJIT_E_NOMEM
 */
CRJIT_API crjit_status crjit_filters_new(crjit_ctx *ctx, crjit_filters **out);

/**
 * @brief Free a filter set.  No thread may still be deciding with it.
 * @param filters the set, or NULL (no-op).
 */
CRJIT_API void crjit_filters_free(crjit_filters *filters);

/**
 * @brief Add one filter, newest last (newer regex filters win, D-24/D-25).
 *
 * @p spec is a brace form `{alt,alt|alt}` (with `*`, `?`, `[...]`, `\x`,
 * a leading `^` inverting the whole filter) or a non-brace form `name`,
 * `name(desc)`, `cls.name(desc)` (DV-15).  An INCLUDE filter makes the set
 * default-exclude (D-23).  A name filter whose key is already present
 * replaces the older one (DV-14).  A successful add unseals the set; a
 * failed one leaves it as it was, sealed or not.
 * @param filters the set.
 * @param type exclude or include.
 * @param spec the filter text, @p len bytes (copied as needed); NULL only
 *        with @p len 0.
 * @param len length of @p spec in bytes.
 * @param[out] error_offset optional: on CRJIT_E_PARSE, receives the byte
 *        offset of the syntax error in @p spec.
 * @retval CRJIT_OK
 * @retval CRJIT_E_PARSE a bad filter (empty, `{}`, unclosed `{` or class,
 *         text after the closing `}`, a backwards range such as `[z-a]`);
 *         the set is unchanged
 * @retval CRJIT_E_LIMIT @p len above CRJIT_MAX_ARG_BYTES (a filter set
 *         keeps no diagnostics; the status is the whole report)
 * @retval CRJIT_E_INVALID_ARG @p filters NULL, NULL @p spec with @p len > 0,
 *         or an unknown @p type (the set is unchanged)
 * @retval CRJIT_E_NOMEM the set is unchanged
 */
CRJIT_API crjit_status crjit_filters_add(crjit_filters *filters,
                                         crjit_filter_type type,
                                         const char *spec, size_t len,
                                         size_t *error_offset);

/**
 * @brief Build the lookup structures.  Call once after the last add;
 * sealing a sealed set does nothing.
 * @param filters the set.
 * @retval CRJIT_OK
 * @retval CRJIT_E_INVALID_ARG @p filters NULL
 * @retval CRJIT_E_NOMEM the set stays unsealed
 */
CRJIT_API crjit_status crjit_filters_seal(crjit_filters *filters);

/**
 * @brief Decide one method, given as its class internal name
 * (`java/lang/String`), method name and descriptor (`(I)V`); the bytes are
 * read in place, nothing is allocated.  A NULL, empty or unsealed set allows
 * everything.  Thread-safe on a sealed set.
 * @param filters the set.
 * @param cls class internal name, @p cls_len bytes.
 * @param cls_len length of @p cls.
 * @param name method name, @p name_len bytes.
 * @param name_len length of @p name.
 * @param desc JVM method descriptor, @p desc_len bytes.
 * @param desc_len length of @p desc.
 * @return the decision for the method.
 */
CRJIT_API crjit_filter_result crjit_filters_decide(
    const crjit_filters *filters, const char *cls, size_t cls_len,
    const char *name, size_t name_len, const char *desc, size_t desc_len);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Code cache host operations
 *  How the library sees and changes the host's compiled bodies.
 *  @{                                                                      */
/* ------------------------------------------------------------------------ */

/** Flags of a compiled body (product.md §2). */
#define CRJIT_BODY_HAS_BODY_INFO 0x01u /**< persistent body info: can be
                                            invalidated (B-53) */
#define CRJIT_BODY_NATIVE 0x02u        /**< a JNI thunk */
#define CRJIT_BODY_AOT 0x04u           /**< loaded from the AOT cache */
#define CRJIT_BODY_ON_STACK 0x08u      /**< an activation is on a thread
                                            stack (keeps running, B-57) */
#define CRJIT_BODY_PRE_CHECKPOINT 0x10u /**< compiled before the checkpoint */

/**
 * @brief One compiled body, as the host describes it.  The three names are
 * byte slices in the host's memory (not NUL-terminated): the class's
 * internal name (`java/lang/String`), the method name (`hashCode`,
 * `<init>`) and the JVM descriptor (`()I`).  They must stay valid and
 * unchanged until the host is next asked for bodies.  A NULL name is
 * allowed only with length 0.
 */
typedef struct crjit_body {
    const char *class_name;  /**< class internal name */
    size_t class_len;        /**< bytes in @c class_name */
    const char *method_name; /**< method name */
    size_t method_len;       /**< bytes in @c method_name */
    const char *descriptor;  /**< JVM method descriptor */
    size_t descriptor_len;   /**< bytes in @c descriptor */
    unsigned flags; /**< CRJIT_BODY_* */
} crjit_body;

/** Version of crjit_host_ops this header declares. */
#define CRJIT_HOST_OPS_VERSION 1

/**
 * @brief The code cache, seen through the host.  Every callback takes the
 * host's user pointer first and returns 0 on success; any other value makes
 * the calling function fail with CRJIT_E_HOST, naming the callback (in a
 * "host-callback-failed" diagnostic sent to the log callback when planning,
 * in the crjit_apply_report when applying).  Bodies are identified by their
 * index in the host's enumeration order, which must not change between
 * planning and applying.
 *
 * Planning calls only the read callbacks (body_count, get_bodies) and never
 * changes the host.  Applying calls invalidate and the optional setters.
 * Callbacks run on the calling thread only, never after the call returns,
 * and must not call back into the library with the same context.
 */
typedef struct crjit_host_ops {
    unsigned version; /**< CRJIT_HOST_OPS_VERSION */
    /** Required: number of compiled bodies. */
    int (*body_count)(void *user, size_t *count);
    /** Required: describe bodies first .. first+max-1 into out[]; set *got
     *  to how many were written (less than max only at the end; 0 or more
     *  than max counts as a failure). */
    int (*get_bodies)(void *user, size_t first, crjit_body *out, size_t max,
                      size_t *got);
    /** Invalidate body @p index (B-53).  Called by apply only; required
     *  there. */
    int (*invalidate)(void *user, size_t index);
    /** Optional (may be NULL): remove body @p index from the memoized
     *  compilation lists (B-54).  Called by apply only, for every selected
     *  body when the invalidation is CRJIT_INVALIDATE_FILTERED. */
    int (*forget_memoized)(void *user, size_t index);
    /** Optional (may be NULL): purge the memoized lists and revert
     *  proactively compiled JNI natives (B-55).  Called by apply only, once,
     *  after the walk when the invalidation is CRJIT_INVALIDATE_ALL. */
    int (*purge_memoized)(void *user);
    /** Optional: switch the JIT and AOT on or off (B-12…B-18, B-36).
     *  Called by apply only. */
    int (*set_compiler)(void *user, bool jit, bool aot);
    /** Optional: use this many compilation threads (B-31).  Called by
     *  apply only. */
    int (*set_compilation_threads)(void *user, unsigned count);
    /** Optional: carry out the vlog action (a crjit_log_action, never
     *  CRJIT_LOG_NONE; B-46…B-48) for file; the name may end in the
     *  unexpanded time-stamp pattern (see crjit_plan_vlog).  Called by
     *  apply only. */
    int (*open_vlog)(void *user, int action, const char *file);
} crjit_host_ops;

/** Initialiser of crjit_host_ops: current version, every callback NULL. */
#define CRJIT_HOST_OPS_INIT                                                   \
    { CRJIT_HOST_OPS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL }

/**
 * A reference in-memory code cache that implements crjit_host_ops: used by
 * the tool, the tests, the examples and the benchmarks.
 */
typedef struct crjit_codecache crjit_codecache;

/**
 * @brief Create an empty code cache bound to @p ctx.
 * @param ctx the context; must outlive the cache.
 * @param[out] out receives the cache, owned by the caller; free it with
 *        crjit_codecache_free().
 * @retval CRJIT_OK
 * @retval CRJIT_E_INVALID_ARG @p ctx or @p out NULL
 * @retval CRJIT_E_NOMEM
 */
CRJIT_API crjit_status crjit_codecache_new(crjit_ctx *ctx,
                                           crjit_codecache **out);

/**
 * @brief Free a code cache and the names it owns.
 * @param cache the cache, or NULL (no-op).
 */
CRJIT_API void crjit_codecache_free(crjit_codecache *cache);

/**
 * @brief Append a body.  The names are copied.
 * @param cache the cache.
 * @param body the body to copy.
 * @retval CRJIT_OK
 * @retval CRJIT_E_INVALID_ARG @p cache or @p body NULL, a NULL name with a
 *         nonzero length, or unknown flags
 * @retval CRJIT_E_LIMIT the three names together exceed CRJIT_MAX_ARG_BYTES,
 *         or the cache already holds CRJIT_MAX_ARGS bodies
 * @retval CRJIT_E_NOMEM nothing is added
 */
CRJIT_API crjit_status crjit_codecache_add(crjit_codecache *cache,
                                           const crjit_body *body);

/**
 * @brief Append the bodies of a `--methods` file (product.md §6): one body
 * per line, `class.name(descriptor)` then optional flags `native`,
 * `no-body-info`, `aot`, `on-stack`, `post-restore`; `#` starts a comment;
 * blank lines are ignored.  Bodies have body info and are compiled before
 * the checkpoint unless a flag says otherwise (`native` implies no body
 * info).
 * @param cache the cache.
 * @param text the file contents, @p len bytes (names are copied); NULL only
 *        with @p len 0.
 * @param len length of @p text, at most CRJIT_MAX_FILE_BYTES.
 * @param[out] error_line optional: on CRJIT_E_PARSE, and on CRJIT_E_LIMIT
 *        caused by one line, receives that 1-based line number.
 * @retval CRJIT_OK
 * @retval CRJIT_E_PARSE a malformed line; nothing from the text is added
 * @retval CRJIT_E_INVALID_ARG @p cache NULL, or NULL @p text with
 *         @p len > 0
 * @retval CRJIT_E_LIMIT the text, a line or the body count exceeds a limit;
 *         nothing is added
 * @retval CRJIT_E_NOMEM nothing is added
 */
CRJIT_API crjit_status crjit_codecache_load(crjit_codecache *cache,
                                            const char *text, size_t len,
                                            size_t *error_line);

/**
 * @brief Number of bodies.
 * @param cache the cache.
 * @return the count; 0 when @p cache is NULL.
 */
CRJIT_API size_t crjit_codecache_count(const crjit_codecache *cache);

/**
 * @brief Body @p index.
 * @param cache the cache.
 * @param index 0-based body index.
 * @return the body (its names NUL-terminated slices owned by the cache,
 *         valid until it is freed or grows), or NULL when out of range.
 */
CRJIT_API const crjit_body *crjit_codecache_body(const crjit_codecache *cache,
                                                 size_t index);

/**
 * @brief Whether apply invalidated body @p index through this cache's
 * operations.
 * @param cache the cache.
 * @param index 0-based body index.
 * @return true once invalidated; false otherwise or when out of range.
 */
CRJIT_API bool crjit_codecache_invalidated(const crjit_codecache *cache,
                                           size_t index);

/**
 * @brief Host operations backed by @p cache: fills every field of @p ops
 * (body_count, get_bodies, invalidate, forget_memoized, purge_memoized; the
 * three setters NULL).  The user pointer to pass with them (to
 * crjit_plan_input::host_user or crjit_apply()) is @p cache itself.
 * @param cache the cache the operations will be used with.
 * @param[out] ops the struct to fill; NULL is a no-op.
 */
CRJIT_API void crjit_codecache_host_ops(crjit_codecache *cache,
                                        crjit_host_ops *ops);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name CPU model and code-generation targets
 *  Architectures, feature sets and targets (product.md §5, Part F).
 *  @{                                                                      */
/* ------------------------------------------------------------------------ */

/** @brief Architectures. */
typedef enum crjit_arch {
    CRJIT_ARCH_X86_64 = 0,  /**< x86-64 */
    CRJIT_ARCH_AARCH64 = 1, /**< 64-bit Arm */
    CRJIT_ARCH_PPC64 = 2,   /**< 64-bit POWER */
    CRJIT_ARCH_S390X = 3    /**< IBM Z */
} crjit_arch;

/**
 * @brief A CPU as code generation sees it: an architecture, a processor
 * level (POWER: 8…10 for power8…power10; Z: 10…17 for z10…z17; 0
 * elsewhere) and a feature set.  Bit i of @c features is feature i of the
 * architecture's table (crjit_cpu_feature_name), in the order of
 * product.md §5.  A plain value: copy it freely.
 */
typedef struct crjit_cpu {
    crjit_arch arch;   /**< the architecture */
    unsigned level;    /**< processor level, 0 where there are none */
    uint64_t features; /**< bit i: feature i of the architecture's table */
} crjit_cpu;

/**
 * @brief Name of an architecture.  Thread-safe.
 * @param arch any value.
 * @return "x86", "aarch64", "ppc64" or "s390x" ("unknown" outside the
 *         enumeration); static, never NULL.
 */
CRJIT_API const char *crjit_arch_name(crjit_arch arch);

/**
 * @brief Number of features in the architecture's table.  Thread-safe.
 * @param arch the architecture.
 * @return the count (at most 64); 0 for an unknown architecture.
 */
CRJIT_API size_t crjit_cpu_feature_count(crjit_arch arch);

/**
 * @brief Name of one feature.  Thread-safe.
 * @param arch the architecture.
 * @param bit the feature's bit, below crjit_cpu_feature_count().
 * @return the static lower-case name ("avx512f"), or NULL when @p bit is
 *         out of range.
 */
CRJIT_API const char *crjit_cpu_feature_name(crjit_arch arch, size_t bit);

/**
 * @brief Name of a processor level ("power9", "z15").  Thread-safe.
 * @param arch the architecture.
 * @param level the level.
 * @return a static string, or NULL when the architecture has no levels or
 *         @p level is out of range.
 */
CRJIT_API const char *crjit_cpu_level_name(crjit_arch arch, unsigned level);

/**
 * @brief Parse a CPU spec: `ARCH:feature,feature,...` (ARCH `x86`,
 * `x86-64`, `x86_64`, `amd64`, `aarch64`, `arm64`, `ppc64`, `power`,
 * `s390x`, `z`; on POWER and Z the first item may be a level, else the
 * lowest level is assumed; empty items are ignored), or a named
 * target (`openj9-portable`, `x86-64-v1`…`x86-64-v4`, `armv8.0-a`,
 * `armv8.1-a`, `power8`, `z10`) meaning a host with exactly its features.
 * Names are case-insensitive (ASCII only); `pni` and `aes` are accepted for
 * `sse3` and `aesni`.  `openj9-portable` takes the architecture of
 * @p default_arch.  `host`/`native` are not parsed here: use
 * crjit_cpu_detect().  Thread-safe.
 * @param spec the text, @p len bytes (need not be NUL-terminated); not
 *        NULL.
 * @param len length of @p spec.
 * @param default_arch architecture for `openj9-portable`.
 * @param[out] out receives the CPU.
 * @param[out] error_offset optional: on CRJIT_E_PARSE, receives the byte
 *        offset of the offending word.
 * @retval CRJIT_OK
 * @retval CRJIT_E_PARSE unknown architecture, feature, level or target
 * @retval CRJIT_E_INVALID_ARG @p spec or @p out NULL
 */
CRJIT_API crjit_status crjit_cpu_parse(const char *spec, size_t len,
                                       crjit_arch default_arch,
                                       crjit_cpu *out, size_t *error_offset);

/**
 * @brief The CPU the library runs on: x86-64 through CPUID and XGETBV (AVX
 * and AVX-512 only when the OS saves their state), AArch64 through the
 * auxiliary vector.  Detected once per context and cached, so a restore
 * costs at most one detection (CPUID traps in a VM).  One thread per
 * context (the cache lives in @p ctx).
 * @param ctx the context that caches the result.
 * @param[out] out receives the CPU.
 * @retval CRJIT_OK
 * @retval CRJIT_E_INVALID_ARG @p ctx or @p out NULL
 * @retval CRJIT_E_STATE this architecture cannot be detected by the
 *         library: the host passes the CPU in
 */
CRJIT_API crjit_status crjit_cpu_detect(crjit_ctx *ctx, crjit_cpu *out);

/**
 * @brief How many CPUID instructions this context has executed; for
 * benchmarks and tests of the once-per-context rule.
 * @param ctx the context.
 * @return the count; 0 off x86-64 or when @p ctx is NULL.
 */
CRJIT_API unsigned crjit_ctx_cpuid_count(const crjit_ctx *ctx);

/**
 * @brief The portable restriction of @p arch (F.4, DV-12): the set that
 * code generation may use while checkpoints are allowed.  x86: fpu cx8 cmov
 * mmx sse sse2 sse3 ssse3 sse4_1 popcnt aesni avx; AArch64: fp asimd;
 * POWER: level power8, altivec dfp vsx; Z: level z10, dfp fpe.
 * Thread-safe.
 * @param arch the architecture.
 * @return the restriction; an unknown architecture gives no features.
 */
CRJIT_API crjit_cpu crjit_cpu_portable(crjit_arch arch);

/**
 * @brief What code generation may use on @p host: the features the JIT
 * uses (F.4), with level gating on Z; restricted to @p restriction (its
 * features, and its level as a cap) when @p restriction is not NULL and of
 * the same architecture.  Thread-safe.
 * @param host the CPU to compile for; must not be NULL.
 * @param restriction optional restriction (e.g. crjit_cpu_portable()).
 * @return the target.
 */
CRJIT_API crjit_cpu crjit_cpu_target(const crjit_cpu *host,
                                     const crjit_cpu *restriction);

/**
 * @brief Write @p cpu as a spec ("x86:fpu,cx8,...", "ppc64:power9,vsx")
 * that crjit_cpu_parse() reads back.  Thread-safe.
 * @param cpu the CPU; NULL writes "" and returns 0.
 * @param[out] buf receives the text, truncated to @p size - 1 bytes and
 *        always NUL-terminated when @p size > 0; may be NULL when @p size
 *        is 0.
 * @param size bytes available at @p buf.
 * @return the length the full text needs, without the NUL (like snprintf).
 */
CRJIT_API size_t crjit_cpu_format(const crjit_cpu *cpu, char *buf,
                                  size_t size);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Checkpoint state
 *  What the runtime knew when the checkpoint was taken.
 *  @{                                                                      */
/* ------------------------------------------------------------------------ */

/** Version of crjit_checkpoint_state this header declares. */
#define CRJIT_CHECKPOINT_VERSION 1

/**
 * @brief What the runtime knew at checkpoint (inputs I1–I14 of semantics
 * B.1 and the flags of F.1).  Initialise with CRJIT_CHECKPOINT_INIT: a JVM
 * started with -XX:+EnableCRIUSupport only, JIT and AOT on, asynchronous
 * compilation, 15 compilation threads allocated and 7 usable, an implicit
 * JITServer client without a UID.  Strings are byte slices owned by the
 * host (for crjit_checkpoint_from_args: by the argument list) and must
 * outlive every plan made from the state.
 */
typedef struct crjit_checkpoint_state {
    unsigned version;          /**< CRJIT_CHECKPOINT_VERSION */
    bool criu_enabled;         /**< E: -XX:+EnableCRIUSupport or CRaC */
    bool debug_on_restore;     /**< -XX:+DebugOnRestore (A-40) */
    bool ignore_unrecognized;  /**< start-up ignoreUnrecognized flag (A-9) */
    /* F.1 */
    bool non_portable_mode;    /**< NP: -XX:+CRIURestoreNonPortableMode
                                    (the default) */
    bool portable_jvm_mode;    /**< PJ: -XX:+JVMPortableRestoreMode */
    bool portable_shared_cache; /**< -XX:+PortableSharedCache (F-3) */
    /* The compiler at checkpoint */
    bool jit_loaded;   /**< the JIT library was loaded and bootstrapped: not
                            with -Xint or -Xnojit -Xnoaot (T-6) */
    bool jit_enabled;  /**< I7 */
    bool aot_enabled;  /**< I6: a usable shared class cache with AOT */
    bool aot_validation_delayed; /**< AOT header check delayed by
                                      -XX:+DebugOnRestore (I6, B-36) */
    bool aot_disabled_earlier; /**< an earlier restore of this process
                                    already disabled AOT (B-16 one-shot) */
    bool async_compilation; /**< I2 */
    bool traps_disabled;    /**< I4: -Xrs, -Xrs:sync, disableTraps,
                                 noResumableTrapHandler */
    bool code_cache_disclaiming; /**< I5 */
    bool method_trace_enabled;   /**< I8 (cached event states): method
                                      trace was on */
    bool exception_events_hooked; /**< I8: exception events were hooked */
    bool fsd_enabled;            /**< I8: full-speed debug was on */
    bool print_code_cache;       /**< -XX:+PrintCodeCache (B-37) */
    bool no_log_suffix;          /**< dontApplyLogFileNameSuffix (B-46) */
    /** I1: pre-checkpoint vlog file name (NULL: none). */
    const char *vlog;
    size_t vlog_len;   /**< bytes in @c vlog */
    const char *rtlog; /**< I1: pre-checkpoint rtlog file name, or NULL */
    size_t rtlog_len;  /**< bytes in @c rtlog */
    /** I11: the pre-checkpoint -Xjit: string (after the colon) or NULL;
     *  its filters (exclude=, limit=, limitfile=) and those of the -Xaot:
     *  string stay in force (D-25). */
    const char *jit_options;
    size_t jit_options_len;  /**< bytes in @c jit_options */
    const char *aot_options; /**< I11: the -Xaot: string (after the colon),
                                  or NULL */
    size_t aot_options_len;  /**< bytes in @c aot_options */
    /** I12: compilation threads allocated at bootstrap (15 under CRIU) and
     *  usable before the checkpoint. */
    unsigned threads_allocated;
    unsigned threads_usable; /**< I12: threads usable before the
                                  checkpoint (at most @c threads_allocated) */
    /* JITServer at bootstrap (E.1, I9) */
    bool jitserver_client;      /**< remote mode CLIENT (explicit or implicit) */
    bool jitserver_requested;   /**< requestedAtBootstrap (E-3) */
    bool jitserver_explicitly_disabled; /**< -XX:-UseJITServer won (E-3) */
    bool jitserver_can_perform; /**< canPerformRemoteCompilationInCRIUMode */
    bool jitserver_mode_none;   /**< an earlier restore set the remote mode
                                     to NONE for good (E-10, G-19) */
    bool jitserver_ssl;         /**< SSL keys/certs configured at start-up */
    uint64_t jitserver_client_uid; /**< 0: none (E-4) */
    /* Code generation (Part F) */
    bool checkpoint_cpu_known;  /**< checkpoint_cpu is set */
    crjit_cpu checkpoint_cpu;   /**< the host the JVM ran on before the
                                     checkpoint (as crjit_cpu_detect) */
    bool portable_target_set;   /**< the host chose its own portable target */
    crjit_cpu portable_target;  /**< ...that one (default: crjit_cpu_portable) */
    /* I13: the shared class cache, as the host sees it (B-39). */
    bool scc_warm;                  /**< the cache is "warm" */
    bool scc_caches_nonboot;        /**< it caches non-bootstrap classes */
    bool persist_iprofile_disabled; /**< disablePersistIProfile is set */
    /* I14: environment variables read at start-up (B-60). */
    bool env_disable_fsd;     /**< TR_DisableFullSpeedDebug is set */
    bool env_disable_fsd_aot; /**< TR_DisableFullSpeedDebugAOT is set */
} crjit_checkpoint_state;

/** Initialiser of crjit_checkpoint_state with the defaults described
 *  there. */
#define CRJIT_CHECKPOINT_INIT                                                 \
    { CRJIT_CHECKPOINT_VERSION, true, false, false, true, false, false,     \
      true, true, true, false, false, true, false, false, false, false,      \
      false, false, false, NULL, 0, NULL, 0, NULL, 0, NULL, 0, 15, 7,        \
      true, false, false, false, false, false, 0, false,                     \
      { CRJIT_ARCH_X86_64, 0, 0 }, false, { CRJIT_ARCH_X86_64, 0, 0 },       \
      false, false, false, false, false }

/**
 * @brief Fill @p state with the defaults of CRJIT_CHECKPOINT_INIT.
 * Thread-safe on memory the caller owns.
 * @param state the struct to fill; NULL is a no-op.
 */
CRJIT_API void crjit_checkpoint_init(crjit_checkpoint_state *state);

/**
 * @brief Derive the checkpoint state from the pre-checkpoint command line,
 * the way the reference bootstrap reads it (rightmost option wins):
 * -XX:[+|-]EnableCRIUSupport, -XX:CRaCCheckpointTo=,
 * -XX:[+|-]CRIURestoreNonPortableMode, -XX:[+|-]JVMPortableRestoreMode,
 * -XX:[+|-]PortableSharedCache, -Xint, -Xjit/-Xnojit, -Xaot/-Xnoaot,
 * -Xshareclasses:none, -XX:[+|-]DebugOnRestore, -Xrs, -Xrs:sync,
 * -XcompilationThreads<n>, -XX:[+|-]PrintCodeCache, and the -Xjit:/-Xaot:
 * strings (count=0, disableAsyncCompilation, disableTraps,
 * noResumableTrapHandler, enableCodeCacheDisclaiming,
 * dontApplyLogFileNameSuffix, vlog=, rtlog=), and for JITServer (E.1)
 * -XX:[+|-]UseJITServer and the SSL key/cert/root-certs options.  A
 * JITServer client gets the placeholder UID 1 unless the state already holds
 * one: a host fills the real UID.  String fields point into @p args, which
 * must outlive the state.
 *
 * Fields the command line does not mention keep their value, except those
 * derived from other fields, which are always recomputed:
 * non_portable_mode, portable_jvm_mode, jit_loaded, aot_validation_delayed,
 * the jitserver_* flags (not jitserver_mode_none), and threads_allocated
 * (15 under CRIU).
 * @param args the pre-checkpoint command line.
 * @param[in,out] state must be initialised (its version is honoured);
 *        updated in place.
 * @retval CRJIT_OK
 * @retval CRJIT_E_INVALID_ARG @p args or @p state NULL
 * @retval CRJIT_E_VERSION @p state->version is unknown (state untouched)
 * @retval CRJIT_E_NOMEM (the state may be partly updated)
 */
CRJIT_API crjit_status crjit_checkpoint_from_args(const crjit_args *args,
                                                  crjit_checkpoint_state *state);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Restore facts and VM consumers (A.7)
 *  What the VM side does with the restore arguments.
 *  @{                                                                      */
/* ------------------------------------------------------------------------ */

/** Version of crjit_restore_facts this header declares. */
#define CRJIT_RESTORE_FACTS_VERSION 1

/**
 * @brief What the VM side did at restore that the JIT reads.  Filled by the
 * VM consumers during planning; readable from the plan.
 */
typedef struct crjit_restore_facts {
    unsigned version;            /**< CRJIT_RESTORE_FACTS_VERSION */
    bool reduced_signals_sync;   /**< -Xrs:syncOnRestore / onRestore */
    bool reduced_signals_async;  /**< -Xrs:asyncOnRestore / onRestore */
    bool scc_disabled_on_restore; /**< -Xshareclasses:disableOnRestore */
    bool trace_requested;        /**< an -Xtrace option is present */
    bool dump_requested;         /**< an -Xdump option is present */
    bool debug_interpreter;      /**< transition to the debug interpreter */
    /** -XX:+DebugOnRestore was given before the checkpoint: set by the
     *  planner from the checkpoint state before any consumer runs; the
     *  agent loader (T-1 step 4) only runs when it is true. */
    bool debug_on_restore;
    /** The VM's method-trace flag is set (e.g. -Xtrace:methods=..., B-33.2).
     *  The trace consumer sets it for -Xtrace options naming methods=. */
    bool method_trace_enabled;
    /** Exception catch/throw events hooked or reserved (B-33.3); host. */
    bool exception_events_hooked;
    /** Full-speed debug needed (B-60); host. */
    bool fsd_needed;
    /** Processors visible to the restored JVM (B-23); 0 = unknown. */
    unsigned processor_count;
    /** The restore host's CPU; when not known the planner detects it
     *  (crjit_cpu_detect) where it can. */
    bool restore_cpu_known;
    crjit_cpu restore_cpu; /**< the restore host's CPU, when
                                @c restore_cpu_known */
} crjit_restore_facts;

/** Initialiser of crjit_restore_facts: current version, nothing known. */
#define CRJIT_RESTORE_FACTS_INIT                                              \
    { CRJIT_RESTORE_FACTS_VERSION, false, false, false, false, false, false, \
      false, false, false, false, 0, false, { CRJIT_ARCH_X86_64, 0, 0 } }

/**
 * @brief Derive restore facts from the restore arguments with the reference
 * VM consumers (A.7): -Xrs:*OnRestore, -Xshareclasses:disableOnRestore,
 * -Xtrace (method trace for -Xtrace:...methods=...), -Xdump,
 * -XX:[+|-]DebugInterpreter.  Facts only the live VM knows (exception
 * hooks, FSD, processor count, the restore CPU) keep the defaults of
 * CRJIT_RESTORE_FACTS_INIT.  @p args is not changed.
 * @param args the restore arguments.
 * @param checkpoint optional: its debug_on_restore is copied.
 * @param[out] facts overwritten as a whole (including its version).
 * @retval CRJIT_OK
 * @retval CRJIT_E_INVALID_ARG @p args or @p facts NULL
 * @retval CRJIT_E_VERSION @p checkpoint has an unknown version
 * @retval CRJIT_E_NOMEM
 */
CRJIT_API crjit_status crjit_restore_facts_from_args(
    const crjit_args *args, const crjit_checkpoint_state *checkpoint,
    crjit_restore_facts *facts);

/** @brief When a VM consumer runs relative to the JIT's processing (T-1). */
typedef enum crjit_vm_stage {
    CRJIT_VM_BEFORE_JIT = 0, /**< internal restore hooks (T-1 step 2) */
    CRJIT_VM_AFTER_JIT = 1   /**< later VM steps (T-1 steps 5 and 6) */
} crjit_vm_stage;

/**
 * @brief One VM-side consumer of restore arguments.  It searches and consumes
 * entries of @p ral and records what it did in @p facts.  Return 0 on
 * success; anything else makes planning fail with CRJIT_E_HOST.
 */
typedef struct crjit_vm_consumer {
    const char *name; /**< for diagnostics and traces */
    crjit_vm_stage stage; /**< when it runs */
    /** The consumer: search and consume in @c ral with the crjit_ral_*
     *  functions, record results in @c facts; return 0 on success.  A NULL
     *  @c run is skipped. */
    int (*run)(void *user, crjit_ral *ral, crjit_restore_facts *facts);
} crjit_vm_consumer;

/**
 * @brief The reference VM consumers (A-49…A-56), in the order the VM runs
 * them: -Xtrace/-Xdump presence, -Xrs:*OnRestore,
 * -Xshareclasses:disableOnRestore, the agent loader under -XX:+DebugOnRestore
 * (T-1 step 4), -XX:[+|-]DebugInterpreter, the GC options
 * the user docs list as restore-supported, -D properties.  The verdict's own
 * steps (-Xoptionsfile=, ignore flags, agents) are not consumers.
 * Thread-safe.
 * @param[out] count optional: receives the number of entries.
 * @return a static, read-only array; its consumers ignore @c user.
 */
CRJIT_API const crjit_vm_consumer *crjit_vm_consumers_reference(size_t *count);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Plan
 *  Computing a restore's decisions and reading them back.  A
 *  finished plan is immutable: every accessor below is a read and may be
 *  called from several threads at once.
 *  @{                                                                      */
/* ------------------------------------------------------------------------ */

/** Version of crjit_plan_input this header declares. */
#define CRJIT_PLAN_INPUT_VERSION 1

/** @brief Everything a plan is computed from.  Init with
 *  CRJIT_PLAN_INPUT_INIT.  Only read, and only during crjit_plan_new(),
 *  except as noted. */
typedef struct crjit_plan_input {
    unsigned version;                       /**< CRJIT_PLAN_INPUT_VERSION */
    const crjit_args *args;                 /**< required; made from the
                                                 planning context */
    const crjit_checkpoint_state *checkpoint; /**< NULL: defaults */
    /** VM consumers to run; NULL: crjit_vm_consumers_reference(). */
    const crjit_vm_consumer *vm_consumers;
    size_t vm_consumer_count; /**< entries in @c vm_consumers (0 when it is
                                   NULL) */
    void *vm_user; /**< passed to each consumer */
    /** The host's live restore facts, before the consumers add theirs;
     *  NULL: CRJIT_RESTORE_FACTS_INIT. */
    const crjit_restore_facts *facts;
    /** The code cache; NULL: no compiled bodies.  Planning reads it only
     *  (body_count and get_bodies are required). */
    const crjit_host_ops *host_ops;
    void *host_user; /**< passed to the @c host_ops callbacks */
    /** Reads a file named in a restore option (limitfile=, the JITServer
     *  SSL key, certificate and root-certificate files); the path is
     *  path_len bytes, not necessarily NUL-terminated.  Returns 0 and
     *  sets text/len (owned by the host, valid until the next call), or
     *  nonzero when unreadable (a diagnostic, not a failure).  NULL: such
     *  files are unreadable. */
    int (*read_file)(void *user, const char *path, size_t path_len,
                     const char **text, size_t *len);
    void *read_user; /**< passed to @c read_file */
    /** Extra -Xjit:/-Xaot: sub-option names the host's compiler accepts,
     *  beyond the built-in table (e.g. "myFlag", "myValue="); matched by
     *  the longest case-insensitive prefix after the built-in table, and
     *  handed to the host.  The strings must outlive the plan: a processed
     *  sub-option's name (crjit_suboption::name) points to them. */
    const char *const *extra_suboptions;
    size_t extra_suboption_count; /**< entries in @c extra_suboptions */
    /** Source of the new JITServer client UID (E-9); called until the
     *  value differs from the old UID and is not 0, at most 64 times
     *  (then the library derives one and warns).  NULL: the library
     *  reads /dev/urandom (falling back to a mix of the clock and the old
     *  UID).  Tests pass a deterministic source. */
    uint64_t (*random_uid)(void *user);
    void *random_user; /**< passed to @c random_uid */
} crjit_plan_input;

/** Initialiser of crjit_plan_input: current version, everything NULL or
 *  0 (set @c args before planning). */
#define CRJIT_PLAN_INPUT_INIT                                                 \
    { CRJIT_PLAN_INPUT_VERSION, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, \
      NULL, NULL, NULL, 0, NULL, NULL }

/** Opaque, immutable result of planning one restore. */
typedef struct crjit_plan crjit_plan;

/**
 * @brief Plan one restore.  Pure: @p input is only read and the host is
 * only asked for its bodies.  A rejected restore is still a plan (see
 * crjit_plan_accepted).  One thread per context.
 * @param ctx the context; the plan uses its allocator, log and policy, and
 *        may detect and cache the CPU in it.
 * @param input what to plan; the strings it points to must outlive the
 *        plan only where noted in crjit_plan_input.
 * @param[out] out receives the plan, owned by the caller; free it with
 *        crjit_plan_free().
 * @retval CRJIT_OK
 * @retval CRJIT_E_INVALID_ARG a NULL parameter, @p input->args NULL or
 *         made from another context, a NULL array with a nonzero count, or
 *         host_ops without body_count or get_bodies
 * @retval CRJIT_E_VERSION an unknown version in @p input, its checkpoint,
 *         facts or host_ops
 * @retval CRJIT_E_HOST a VM consumer or a host_ops callback failed, or
 *         get_bodies described a body badly (a "host-callback-failed"
 *         diagnostic reaches the log callback; nothing is returned)
 * @retval CRJIT_E_NOMEM nothing is returned
 */
CRJIT_API crjit_status crjit_plan_new(crjit_ctx *ctx,
                                      const crjit_plan_input *input,
                                      crjit_plan **out);

/**
 * @brief Free a plan and everything it owns.  No thread may still read it.
 * @param plan the plan, or NULL (no-op).
 */
CRJIT_API void crjit_plan_free(crjit_plan *plan);

/**
 * @brief Would the VM accept the restore, after the policy?
 * @param plan the plan.
 * @return true when accepted; false when rejected or @p plan is NULL.
 */
CRJIT_API bool crjit_plan_accepted(const crjit_plan *plan);

/**
 * @brief The restore exception's message when rejected.
 * @param plan the plan.
 * @return a static string ("The JVM could not load the options file", ...)
 *         when rejected, else NULL.
 */
CRJIT_API const char *crjit_plan_verdict_message(const crjit_plan *plan);

/** @brief Final status of an argument (product.md §6.1). */
typedef enum crjit_arg_status {
    CRJIT_ARG_CONSUMED = 0,     /**< recognised and used */
    CRJIT_ARG_DUPLICATE = 1,    /**< overridden by another entry (see
                                     crjit_plan_arg_winner) */
    CRJIT_ARG_UNRECOGNIZED = 2, /**< nothing recognised it */
    CRJIT_ARG_UNSUPPORTED = 3,  /**< recognised, but not supported at
                                     restore */
    CRJIT_ARG_TOLERATED = 4     /**< not processed, but accepted at
                                     restore */
} crjit_arg_status;

/**
 * @brief Name of an argument status.  Thread-safe.
 * @param status any value.
 * @return "consumed", "duplicate", "unrecognized", "unsupported",
 *         "tolerated" ("unknown" outside the enumeration); static, never
 *         NULL.
 */
CRJIT_API const char *crjit_arg_status_name(crjit_arg_status status);

/**
 * @brief Number of restore arguments the plan saw.
 * @param plan the plan.
 * @return crjit_args_count() of the planned list; 0 when @p plan is NULL.
 */
CRJIT_API size_t crjit_plan_arg_count(const crjit_plan *plan);

/**
 * @brief Status of one argument.
 * @param plan the plan.
 * @param index 0-based argument index.
 * @return its status; CRJIT_ARG_UNRECOGNIZED when @p plan is NULL or
 *         @p index is out of range.
 */
CRJIT_API crjit_arg_status crjit_plan_arg_status(const crjit_plan *plan,
                                                 size_t index);

/**
 * @brief The entry a duplicate lost to.
 * @param plan the plan.
 * @param index 0-based argument index.
 * @return for a duplicate, the index of the entry that won; else (and out
 *         of range) CRJIT_NPOS.
 */
CRJIT_API size_t crjit_plan_arg_winner(const crjit_plan *plan, size_t index);

/**
 * @brief Number of user-visible messages, in emission order (B.15).
 * @param plan the plan.
 * @return the count; 0 when @p plan is NULL.
 */
CRJIT_API size_t crjit_plan_message_count(const crjit_plan *plan);

/**
 * @brief Message @p i: its id ("JVMJ9VM007E") and full text.
 * @param plan the plan.
 * @param i 0-based index, below crjit_plan_message_count().
 * @param[out] id optional: receives the static id, or NULL for the
 *        reference's one message without an id (B-31's thread limit).
 * @param[out] text optional: receives the text, owned by the plan.
 * @retval true written
 * @retval false @p plan NULL or @p i out of range (outputs untouched).
 */
CRJIT_API bool crjit_plan_message(const crjit_plan *plan, size_t i,
                                  const char **id, const char **text);

/**
 * @brief Number of diagnostics of the plan: the list's own first, then
 * planning's.
 * @param plan the plan.
 * @return the count; 0 when @p plan is NULL.
 */
CRJIT_API size_t crjit_plan_diag_count(const crjit_plan *plan);
/**
 * @brief Diagnostic @p i of the plan.
 * @param plan the plan.
 * @param i 0-based index, below crjit_plan_diag_count().
 * @return the diagnostic, owned by the plan, or NULL when out of range.
 */
CRJIT_API const crjit_diagnostic *crjit_plan_diag(const crjit_plan *plan,
                                                  size_t i);

/**
 * @brief The restore facts the VM consumers produced.
 * @param plan the plan.
 * @return the facts, owned by the plan; NULL when @p plan is NULL.
 */
CRJIT_API const crjit_restore_facts *crjit_plan_facts(const crjit_plan *plan);

/**
 * @brief JIT on after restore (B-12, B-18).
 * @param plan the plan.
 * @return true when the JIT is on; false when off or @p plan is NULL.
 */
CRJIT_API bool crjit_plan_jit_enabled(const crjit_plan *plan);
/**
 * @brief AOT on after restore (B-13…B-16, B-36).
 * @param plan the plan.
 * @return true when AOT is on; false when off or @p plan is NULL.
 */
CRJIT_API bool crjit_plan_aot_enabled(const crjit_plan *plan);
/**
 * @brief Whether the JIT sees the restore arguments at all.
 * @param plan the plan.
 * @return false when the JIT never sees them because it was not loaded
 *         before the checkpoint (-Xint, -Xnojit -Xnoaot; T-6), when the
 *         list failed to load, or when @p plan is NULL; else true.
 */
CRJIT_API bool crjit_plan_jit_processed(const crjit_plan *plan);

/** @brief What the invalidation walk covers (B-50). */
typedef enum crjit_invalidation {
    CRJIT_INVALIDATE_NONE = 0,     /**< no walk */
    CRJIT_INVALIDATE_FILTERED = 1, /**< bodies the filters now forbid */
    CRJIT_INVALIDATE_ALL = 2       /**< every compiled body (with an
                                        incompatible restore CPU alone:
                                        every body compiled before the
                                        checkpoint), then the B-55 purge */
} crjit_invalidation;

/**
 * @brief What the invalidation walk covers.  Ask crjit_plan_body_action()
 * for the decision on one body.
 * @param plan the plan.
 * @return the walk; CRJIT_INVALIDATE_NONE when @p plan is NULL.
 */
CRJIT_API crjit_invalidation crjit_plan_invalidation(const crjit_plan *plan);

/**
 * @brief Bodies the plan invalidates, and bodies it selected but cannot
 * invalidate (no body info, or on a stack), over the host's code cache at
 * planning time.
 * @param plan the plan; NULL gives 0 and 0.
 * @param[out] invalidated optional: receives the first count.
 * @param[out] kept_unsafe optional: receives the second count.
 */
CRJIT_API void crjit_plan_invalidation_counts(const crjit_plan *plan,
                                              size_t *invalidated,
                                              size_t *kept_unsafe);

/** @brief What the plan does to one body. */
typedef enum crjit_body_action {
    CRJIT_BODY_KEEP = 0,              /**< not selected */
    CRJIT_BODY_INVALIDATE = 1,        /**< selected and invalidated */
    CRJIT_BODY_KEEP_NO_BODY_INFO = 2, /**< selected; cannot be invalidated */
    CRJIT_BODY_KEEP_ON_STACK = 3      /**< selected; its activation runs on */
} crjit_body_action;

/**
 * @brief Ask the plan about one body (no allocation; thread-safe).  A host
 * or tool lists the invalidated bodies by asking for each of its bodies, in
 * its own order, instead of the plan storing a list per body.
 * @param plan the plan.
 * @param body the body, as the host describes it; read only during the
 *        call.
 * @return the action; CRJIT_BODY_KEEP when either pointer is NULL.
 */
CRJIT_API crjit_body_action crjit_plan_body_action(const crjit_plan *plan,
                                                   const crjit_body *body);

/** @brief What happens to the verbose log at restore (B-45…B-49). */
typedef enum crjit_log_action {
    CRJIT_LOG_NONE = 0,   /**< no vlog before or after */
    CRJIT_LOG_REOPEN = 1, /**< the pre-checkpoint vlog, reopened (append) */
    CRJIT_LOG_OPEN = 2,   /**< a restore-time vlog=, opened (truncate) */
    CRJIT_LOG_REPLACE = 3 /**< a restore-time vlog= replaces the old one */
} crjit_log_action;

/**
 * @brief The vlog action and the file name it opens.  Where the reference
 * appends its time-stamp suffix, the name ends in the unexpanded pattern
 * `.%Y%m%d.%H%M%S.%pid` (B-46): the host expands it when it opens the file.
 * @param plan the plan.
 * @param[out] file optional: receives the name (owned by the plan), or
 *        NULL with CRJIT_LOG_NONE; written also when @p plan is NULL.
 * @return the action; CRJIT_LOG_NONE when @p plan is NULL.
 */
CRJIT_API crjit_log_action crjit_plan_vlog(const crjit_plan *plan,
                                           const char **file);

/**
 * @brief Compilation threads usable after restore (B-31).
 * @param plan the plan.
 * @return the number; 0 when @p plan is NULL.
 */
CRJIT_API unsigned crjit_plan_compilation_threads(const crjit_plan *plan);

/**
 * @brief The restore-time option string that was processed (merged per
 * D-3).
 * @param plan the plan.
 * @param aot false for -Xjit:, true for -Xaot:.
 * @return the string, owned by the plan, or NULL when none was processed.
 */
CRJIT_API const char *crjit_plan_option_string(const crjit_plan *plan,
                                               bool aot);

/** @brief One processed sub-option of the restore-time strings. */
typedef struct crjit_suboption {
    bool aot;             /**< from -Xaot: (else -Xjit:) */
    const char *name;     /**< the option's name as the table spells it
                               (static; for a host extra, the host's
                               string); "option subset" or "limit= option
                               subset" for a subset */
    const char *value;    /**< its value (owned by the plan), or NULL */
    size_t arg;           /**< restore argument it came from */
    size_t offset;        /**< byte offset inside that argument */
    const char *effect;   /**< what it does after restore (static) */
    bool passed_to_host;  /**< no meaning of its own: for the host to apply */
} crjit_suboption;

/**
 * @brief Number of processed sub-options, in processing order (AOT string
 * first, B-25).
 * @param plan the plan.
 * @return the count; 0 when @p plan is NULL.
 */
CRJIT_API size_t crjit_plan_suboption_count(const crjit_plan *plan);
/**
 * @brief Sub-option @p i.
 * @param plan the plan.
 * @param i 0-based index, below crjit_plan_suboption_count().
 * @param[out] out receives the sub-option; its strings stay valid while the
 *        plan lives (for a host extra name: while the host's string does).
 * @retval true written
 * @retval false a NULL pointer or @p i out of range (@p out untouched)
 */
CRJIT_API bool crjit_plan_suboption(const crjit_plan *plan, size_t i,
                                    crjit_suboption *out);

/** @brief Decisions whose origin can be asked for. */
typedef enum crjit_decision {
    CRJIT_DECISION_JIT = 0,          /**< crjit_plan_jit_enabled() */
    CRJIT_DECISION_AOT = 1,          /**< crjit_plan_aot_enabled() */
    CRJIT_DECISION_INVALIDATION = 2, /**< crjit_plan_invalidation() */
    CRJIT_DECISION_VLOG = 3,         /**< crjit_plan_vlog() */
    CRJIT_DECISION_THREADS = 4       /**< crjit_plan_compilation_threads() */
} crjit_decision;

/**
 * @brief Where a decision came from.
 * @param plan the plan.
 * @param which the decision.
 * @return the restore argument that decided @p which, or CRJIT_NPOS when
 *         the value comes from the checkpoint state or the defaults (also
 *         for a NULL plan or an unknown @p which).
 */
CRJIT_API size_t crjit_plan_origin(const crjit_plan *plan,
                                   crjit_decision which);

/** @brief The JITServer decision (Part E). */
typedef struct crjit_jitserver_decision {
    bool processed;         /**< false: skipped because the JIT is off after
                                 restore (B-29, G-20), or not loaded */
    bool before_checkpoint; /**< a compilation may go remote before the
                                 checkpoint (E-6 with CA set) */
    bool after_restore;     /**< ... after restore (E-6 with CA after
                                 restore, the new canPerform and mode) */
    bool enabled;           /**< E-8 */
    bool can_perform;       /**< canPerformRemoteCompilationInCRIUMode after
                                 restore: carry it into the next checkpoint
                                 state (E-9, E-10) */
    bool mode_none;         /**< remote mode NONE from now on (E-10, G-19) */
    bool new_client_uid;    /**< a new client UID was generated (E-9) */
    uint64_t client_uid;    /**< the client UID after restore (0: none) */
    bool ssl_needed;        /**< the host must set up SSL (E-9, DV-11) */
    bool port_set;          /**< -XX:JITServerPort= applied */
    uint32_t port;          /**< the port, when @c port_set */
    bool timeout_set;       /**< socket timeout applied (ms) */
    uint32_t timeout_ms;    /**< the timeout in ms, when @c timeout_set */
    bool require_server;    /**< -XX:+RequireJITServer (one-way, G-18) */
    bool use_aot_cache;     /**< E-12 */
    bool log_connections;   /**< -XX:+JITServerLogConnections (one-way) */
    bool aot_cache_max_set; /**< -XX:JITServerAOTmx= applied */
    uint64_t aot_cache_max; /**< the AOT cache size in bytes, when
                                 @c aot_cache_max_set */
    bool local_sync_compiles; /**< E-13 */
    const char *address;    /**< -XX:JITServerAddress= value, or NULL */
    const char *aot_cache_name; /**< -XX:JITServerAOTCacheName=, or NULL */
} crjit_jitserver_decision;

/**
 * @brief The plan's JITServer decision.
 * @param plan the plan.
 * @param[out] out receives the decision; its strings are owned by the plan.
 * @retval true written
 * @retval false @p plan or @p out is NULL
 */
CRJIT_API bool crjit_plan_jitserver(const crjit_plan *plan,
                                    crjit_jitserver_decision *out);

/** @brief Code-generation targets and the restore-time CPU check. */
typedef struct crjit_codegen {
    bool known;               /**< both CPUs known: the fields below hold */
    crjit_cpu before_checkpoint; /**< target before the checkpoint (F-4,
                                      F-14: restricted whenever E) */
    crjit_cpu after_restore;  /**< target after restore (F-7) */
    crjit_cpu relocatable;    /**< AOT target: portable whenever E */
    bool checkpoint_allowed_after_restore; /**< CA after restore (F-1) */
    bool portable_code_before; /**< "compile portable code" before the
                                    checkpoint: CA ∨ PRM ∨ PortableSharedCache
                                    for AOT (F-6) */
    bool portable_code_after;  /**< ... after restore (F-6) */
    bool variable_heap_size;   /**< code assumes no fixed heap size for the
                                    whole process (F-5): set at start-up when
                                    checkpointing or PortableSharedCache */
    bool compatible;          /**< the restore host has every feature (and
                                   the level) the pre-checkpoint target had */
    crjit_cpu missing;        /**< what it lacks: features, and the level
                                   when the host's is lower (else 0) */
} crjit_codegen;

/**
 * @brief The plan's code-generation decision.  The four flags hold even
 * when @c known is false.
 * @param plan the plan.
 * @param[out] out receives the decision.
 * @retval true written
 * @retval false a pointer is NULL
 */
CRJIT_API bool crjit_plan_codegen(const crjit_plan *plan, crjit_codegen *out);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Apply
 *  Carrying a plan out through the host's operations.
 *  @{                                                                      */
/* ------------------------------------------------------------------------ */

/** Apply a plan whose verdict rejected the restore (DV-1: the reference
 *  applies JIT changes before the VM's check; libcrjit does not unless asked). */
#define CRJIT_APPLY_FORCE 0x1u

/** @brief What apply did. */
typedef struct crjit_apply_report {
    size_t invalidated;       /**< bodies invalidated */
    size_t kept_no_body_info; /**< selected, kept: no body info (B-57.1) */
    size_t kept_on_stack;     /**< selected, kept: on a thread stack */
    size_t failed_index;      /**< body whose callback failed, or NPOS */
    const char *failed_callback; /**< static name of the callback that
                                      failed ("invalidate", ...), or NULL */
} crjit_apply_report;

/**
 * @brief Carry a plan out through the host operations, in the reference's
 * order: the optional set_compiler, set_compilation_threads and open_vlog
 * callbacks (B-18, B-31, B-32; skipped when the JIT did not process the
 * restore, T-6, and open_vlog also with CRJIT_LOG_NONE), then invalidate the
 * selected bodies (B-53), forget them in the memoized lists (B-54) or purge
 * the lists (B-55).  No walk happens with CRJIT_INVALIDATE_NONE.  The same
 * host (same body order) as at planning is expected.  Nothing is allocated.
 * @param plan the plan.
 * @param ops the host operations; body_count, get_bodies and invalidate
 *        are required.
 * @param user passed as the first argument of every callback.
 * @param flags 0 or CRJIT_APPLY_FORCE.
 * @param[out] report optional: filled in, also on failure (zero counts and
 *        failed_index CRJIT_NPOS when nothing ran).
 * @retval CRJIT_OK
 * @retval CRJIT_E_REJECTED the plan's verdict rejected the restore and
 *         @p flags lacks CRJIT_APPLY_FORCE: nothing was called (DV-1)
 * @retval CRJIT_E_HOST a callback failed, or get_bodies described a body
 *         badly; bodies invalidated before it stay invalidated (the report
 *         says how far it got)
 * @retval CRJIT_E_INVALID_ARG @p plan or @p ops NULL, unknown @p flags, or
 *         a required callback missing
 * @retval CRJIT_E_VERSION @p ops has an unknown version
 *
 * Thread rules: as for the plan's context; callbacks run on this thread.
 */
CRJIT_API crjit_status crjit_apply(const crjit_plan *plan,
                                   const crjit_host_ops *ops, void *user,
                                   unsigned flags,
                                   crjit_apply_report *report);

/**
 * @brief Number of things the host does after the plan's own decisions, in
 * order, each with the reference rule that asks for it: "processor-count"
 * (B-23), "late-post-processing" (D-9), "iprofiler-startup-phase" (B-39),
 * "disclaim-recheck" (B-41), "reset-start-time" (B-70),
 * "reset-cpu-utilisation" (B-71), "iprofiler-off" (B-72), "swap-recheck"
 * (B-73).  Only the ones this restore needs are listed.
 * @param plan the plan.
 * @return the count; 0 when @p plan is NULL.
 */
CRJIT_API size_t crjit_plan_host_action_count(const crjit_plan *plan);
/**
 * @brief Host action @p i.
 * @param plan the plan.
 * @param i 0-based index, below crjit_plan_host_action_count().
 * @param[out] name optional: receives its stable name (static).
 * @param[out] text optional: receives a sentence saying what to do and why
 *        (static or owned by the plan).
 * @retval true written
 * @retval false @p plan NULL or @p i out of range (outputs untouched)
 */
CRJIT_API bool crjit_plan_host_action(const crjit_plan *plan, size_t i,
                                      const char **name, const char **text);

/**
 * @brief The compilation filters in force after restore (pre-checkpoint
 * and restore-time, D-25), sealed.
 * @param plan the plan.
 * @return the filters, owned by the plan (decide with them from several
 *         threads at once if needed), or NULL when the JIT did not run.
 */
CRJIT_API const crjit_filters *crjit_plan_filters(const crjit_plan *plan);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* CRJIT_H */
