# Build-level checks: the public header compiles alone as C11 -pedantic and
# as C++11; the shared library exports exactly the checked-in symbol list;
# golden tests of the crjit tool.

add_library(crjit_header_c OBJECT header/header_c.c)
target_include_directories(crjit_header_c PRIVATE ${PROJECT_SOURCE_DIR}/include)
set_target_properties(crjit_header_c PROPERTIES C_STANDARD 11
  C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
target_compile_options(crjit_header_c PRIVATE -Wall -Wextra -pedantic -Werror)

include(CheckLanguage)
check_language(CXX)
if(CMAKE_CXX_COMPILER)
  enable_language(CXX)
  add_library(crjit_header_cxx OBJECT header/header_cxx.cpp)
  target_include_directories(crjit_header_cxx PRIVATE
    ${PROJECT_SOURCE_DIR}/include)
  set_target_properties(crjit_header_cxx PROPERTIES CXX_STANDARD 11
    CXX_STANDARD_REQUIRED ON CXX_EXTENSIONS OFF)
  target_compile_options(crjit_header_cxx PRIVATE -Wall -Wextra -pedantic
    -Werror)
endif()

if(BUILD_SHARED_LIBS)
  add_test(NAME exported_symbols
    COMMAND ${CMAKE_COMMAND} -DLIB=$<TARGET_FILE:crjit>
      -DEXPECTED=${CMAKE_CURRENT_SOURCE_DIR}/exports.txt
      -P ${CMAKE_CURRENT_SOURCE_DIR}/check_exports.cmake)
endif()

if(TARGET crjit_cli)
  file(GLOB CRJIT_CLI_CASES RELATIVE ${CMAKE_CURRENT_SOURCE_DIR}/cli
    ${CMAKE_CURRENT_SOURCE_DIR}/cli/*.args)
  foreach(c IN LISTS CRJIT_CLI_CASES)
    string(REGEX REPLACE "\\.args$" "" name ${c})
    add_test(NAME cli_${name}
      COMMAND ${CMAKE_COMMAND} -DTOOL=$<TARGET_FILE:crjit_cli>
        "-DWRAPPER=${CRJIT_TEST_WRAPPER}"
        -DDIR=${CMAKE_CURRENT_SOURCE_DIR}/cli -DCASE=${name}
        -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/run_case.cmake)
    set_tests_properties(cli_${name} PROPERTIES LABELS "golden")
  endforeach()
endif()

if(TARGET crjit_cli)
  add_test(NAME cli_locale_independent
    COMMAND ${CMAKE_COMMAND} -DTOOL=$<TARGET_FILE:crjit_cli>
      -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/locale_check.cmake)
endif()

# The examples run as tests: the embedding host checks its own outcome.
if(TARGET crjit_embedding_host)
  add_test(NAME example_embedding_host
    COMMAND ${CRJIT_TEST_WRAPPER} $<TARGET_FILE:crjit_embedding_host>)
  add_test(NAME example_minimal_host
    COMMAND ${CRJIT_TEST_WRAPPER} $<TARGET_FILE:crjit_minimal_host> -Dk=v
      -Xjit:count=10)
endif()

# The man page docs/crjit.1 (generated from docs/crjit.1.md with pandoc and
# checked in): renders without groff warnings, names exactly the options of
# `crjit --help` and has its usage lines, and is current with its source.
find_program(CRJIT_GROFF groff)
if(CRJIT_GROFF)
  add_test(NAME man_page_renders
    COMMAND ${CMAKE_COMMAND} -DGROFF=${CRJIT_GROFF}
      -DPAGE=${PROJECT_SOURCE_DIR}/docs/crjit.1
      -P ${CMAKE_CURRENT_SOURCE_DIR}/man/check_man_render.cmake)
  set_tests_properties(man_page_renders PROPERTIES LABELS "docs")
endif()
if(TARGET crjit_cli)
  add_test(NAME man_page_options
    COMMAND ${CMAKE_COMMAND} -DTOOL=$<TARGET_FILE:crjit_cli>
      -DPAGE=${PROJECT_SOURCE_DIR}/docs/crjit.1
      -DSOURCE=${PROJECT_SOURCE_DIR}/docs/crjit.1.md
      -P ${CMAKE_CURRENT_SOURCE_DIR}/man/check_man_options.cmake)
  set_tests_properties(man_page_options PROPERTIES LABELS "docs")
endif()
find_program(CRJIT_PANDOC pandoc)
if(CRJIT_PANDOC)
  add_test(NAME man_page_current
    COMMAND ${CMAKE_COMMAND} -DPANDOC=${CRJIT_PANDOC}
      -DSOURCE=${PROJECT_SOURCE_DIR}/docs/crjit.1.md
      -DPAGE=${PROJECT_SOURCE_DIR}/docs/crjit.1
      -DOUT=${CMAKE_CURRENT_BINARY_DIR}/crjit.1
      -P ${CMAKE_CURRENT_SOURCE_DIR}/man/check_man_current.cmake)
  set_tests_properties(man_page_current PROPERTIES LABELS "docs"
    SKIP_REGULAR_EXPRESSION "crjit-man: skipped")
endif()

# The public header is Doxygen-complete: every declaration, parameter,
# return value, struct field and enum value is documented, and doxygen
# (docs/Doxyfile.in, WARN_AS_ERROR=YES) prints no warning at all.
find_program(CRJIT_DOXYGEN doxygen)
if(CRJIT_DOXYGEN)
  set(CRJIT_DOXYGEN_OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR}/api_docs_check)
  set(CRJIT_DOXYGEN_WARN_AS_ERROR YES)
  configure_file(${PROJECT_SOURCE_DIR}/docs/Doxyfile.in
    ${CMAKE_CURRENT_BINARY_DIR}/Doxyfile.api_docs_check @ONLY)
  add_test(NAME api_docs_complete
    COMMAND ${CRJIT_DOXYGEN} ${CMAKE_CURRENT_BINARY_DIR}/Doxyfile.api_docs_check
    WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  set_tests_properties(api_docs_complete PROPERTIES LABELS "docs"
    FAIL_REGULAR_EXPRESSION "warning:|error:")
endif()
