#ifndef CRJIT_XJIT_TABLE_H
#define CRJIT_XJIT_TABLE_H
#include <stddef.h>
typedef enum crjit__xkind { CRJIT__XK_FLAG = 0, CRJIT__XK_INT = 1, CRJIT__XK_STRING = 2, CRJIT__XK_REGEX = 3, CRJIT__XK_OTHER = 4 } crjit__xkind;
typedef enum crjit__xsource { CRJIT__XS_OMR = 0, CRJIT__XS_J9 = 1 } crjit__xsource;
#define CRJIT__XF_NOT_IN_SUBSET 1u
typedef struct crjit__xopt { const char *name; unsigned char kind; unsigned char source; unsigned char flags; } crjit__xopt;
extern const crjit__xopt crjit__xjit_options[];
extern const size_t crjit__xjit_option_count;
#endif
