/* Entry point of the crjit command. */
#include "crjit_tool.h"

int main(int argc, char **argv)
{
    return crjit_tool_main(argc, argv, stdout, stderr);
}
