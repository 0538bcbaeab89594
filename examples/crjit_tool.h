/* The crjit tool's main routine, as a function (tests and fuzzers call it). */
#ifndef CRJIT_TOOL_H
#define CRJIT_TOOL_H

#include <stdio.h>

/* Run the tool with argv (argv[0] is the program name).  Writes the result
 * to out and usage errors to err; returns the exit status (0 accepted,
 * 1 rejected, 2 usage error, 3 internal error). */
int crjit_tool_main(int argc, char **argv, FILE *out, FILE *err);

#endif
