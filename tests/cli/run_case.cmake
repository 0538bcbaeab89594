# Golden test of the crjit tool.  <CASE>.args holds one argv element per
# line (the first is the command), <CASE>.out the expected stdout and
# <CASE>.rc the expected exit status.  Run from DIR so relative file names
# stay stable.  -DUPDATE=1 rewrites the expectations; WRAPPER (a list)
# runs the tool under e.g. valgrind.
file(STRINGS ${DIR}/${CASE}.args argv)
execute_process(COMMAND ${WRAPPER} ${TOOL} ${argv}
  WORKING_DIRECTORY ${DIR}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(UPDATE)
  file(WRITE ${DIR}/${CASE}.out "${out}")
  file(WRITE ${DIR}/${CASE}.rc "${rc}\n")
  return()
endif()
file(READ ${DIR}/${CASE}.out expected)
file(STRINGS ${DIR}/${CASE}.rc expected_rc)
if(NOT rc STREQUAL expected_rc)
  message(FATAL_ERROR "${CASE}: exit status ${rc}, expected ${expected_rc}\nstderr: ${err}")
endif()
if(NOT out STREQUAL expected)
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/${CASE}.actual "${out}")
  message(FATAL_ERROR "${CASE}: output differs from ${CASE}.out:\n${out}")
endif()
