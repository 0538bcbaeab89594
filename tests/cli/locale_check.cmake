# The tool's output must not depend on the locale: the JSON and the text of
# the built-in example are byte-identical under LC_ALL=C, tr_TR.UTF-8 (the
# dotless-i trap for case-insensitive names) and de_DE.UTF-8 (decimal
# comma), and across repeated runs.
set(outputs "")
foreach(loc C tr_TR.UTF-8 de_DE.UTF-8 C)
  foreach(mode --json "")
    execute_process(COMMAND ${CMAKE_COMMAND} -E env LC_ALL=${loc} LANG=${loc}
        ${TOOL} explain --example --cpu x86-64-v3 ${mode}
        -Xjit:EXCLUDE={java/lang/String.*},Verbose
      OUTPUT_VARIABLE out RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "LC_ALL=${loc} ${mode}: exit status ${rc}")
    endif()
    if(DEFINED first${mode})
      if(NOT out STREQUAL "${first${mode}}")
        message(FATAL_ERROR "output under LC_ALL=${loc} ${mode} differs")
      endif()
    else()
      set(first${mode} "${out}")
    endif()
  endforeach()
endforeach()
