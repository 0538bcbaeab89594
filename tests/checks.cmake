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

# The examples run as tests: the embedding host checks its own outcome.
if(TARGET crjit_embedding_host)
  add_test(NAME example_embedding_host
    COMMAND ${CRJIT_TEST_WRAPPER} $<TARGET_FILE:crjit_embedding_host>)
  add_test(NAME example_minimal_host
    COMMAND ${CRJIT_TEST_WRAPPER} $<TARGET_FILE:crjit_minimal_host> -Dk=v
      -Xjit:count=10)
endif()
