# cmake -DPANDOC=<pandoc> -DSOURCE=<crjit.1.md> -DPAGE=<crjit.1>
#       -DOUT=<scratch.1> -P check_man_current.cmake
# The checked-in docs/crjit.1 is what pandoc makes of docs/crjit.1.md.
# Skipped (ctest SKIP_REGULAR_EXPRESSION) when the installed pandoc is not
# the version that generated the page: other versions format differently.
file(STRINGS ${PAGE} first LIMIT_COUNT 1)
execute_process(COMMAND ${PANDOC} --version OUTPUT_VARIABLE version
  RESULT_VARIABLE rc)
string(REGEX MATCH "^pandoc[^ ]* ([0-9.]+)" _ "${version}")
set(version "${CMAKE_MATCH_1}")
if(NOT rc EQUAL 0 OR NOT first MATCHES "Pandoc ${version}$")
  message("crjit-man: skipped: pandoc ${version} did not generate ${PAGE} (${first})")
  return()
endif()
execute_process(COMMAND ${PANDOC} -s -f markdown-smart -t man ${SOURCE}
  -o ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pandoc failed on ${SOURCE}")
endif()
file(READ ${PAGE} want)
file(READ ${OUT} got)
if(NOT want STREQUAL got)
  message(FATAL_ERROR "${PAGE} is stale: regenerate it with\n"
    "  pandoc -s -f markdown-smart -t man docs/crjit.1.md -o docs/crjit.1")
endif()
message(STATUS "${PAGE} is current")
