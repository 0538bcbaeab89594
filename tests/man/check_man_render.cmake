# cmake -DGROFF=<groff> -DPAGE=<crjit.1> -P check_man_render.cmake
# The man page renders as a man page with every groff warning enabled
# (-ww) and none emitted.
execute_process(COMMAND ${GROFF} -man -Tutf8 -ww -z ${PAGE}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT err STREQUAL "")
  message(FATAL_ERROR "groff -man -Tutf8 -ww -z ${PAGE} (exit ${rc}):\n${err}${out}")
endif()
message(STATUS "${PAGE}: no groff warnings")
