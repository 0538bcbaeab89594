# Driver of the consumer tests (cmake -P).  One STEP per ctest test:
#
#   add_subdirectory  configure, build and run PROJECT (a consumer that adds
#                     libcrjit with add_subdirectory), check its ctest list
#                     and that installing it installs nothing
#   install           cmake --install the main build into PREFIX, check the
#                     layout
#   find_package      configure, build and run PROJECT against PREFIX
#   pkg_config        compile src/consumer.c with the C compiler and
#                     `pkg-config --cflags --libs crjit` against PREFIX, run
#
# Inputs (-D): STEP, WORK (scratch dir, wiped first), PROJECT, PREFIX,
# CRJIT_SOURCE_DIR, MAIN_BUILD_DIR, GENERATOR, MAKE_PROGRAM, C_COMPILER,
# CXX_COMPILER, C_FLAGS, CXX_FLAGS, EXE_LINKER_FLAGS, SHARED_LINKER_FLAGS,
# BUILD_TYPE, SHARED (ON/OFF), VERSION, ABI_VERSION, LIBDIR, INCLUDEDIR, BINDIR, MANDIR,
# TOOLS (ON/OFF), PKG_CONFIG, WRAPPER and RUN_ARGS ("|"-separated
# lists), JOBS.
cmake_minimum_required(VERSION 3.25)

# WRAPPER and RUN_ARGS arrive "|"-separated (add_test splits at ";").
string(REPLACE "|" ";" WRAPPER "${WRAPPER}")
string(REPLACE "|" ";" RUN_ARGS "${RUN_ARGS}")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc
    OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(REPLACE ";" " " shown "${ARGN}")
  if(NOT rc EQUAL 0)
    message("${out}${err}")
    message(FATAL_ERROR "failed (${rc}): ${shown}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

if(STEP STREQUAL "add_subdirectory")
  # -Werror applies to the consumer and to libcrjit's sources alike.
  string(APPEND C_FLAGS " -Wall -Wextra -Werror")
  string(APPEND CXX_FLAGS " -Wall -Wextra -Werror")
endif()

# The compilers and flags of the main build, so a sanitizer build links.
set(common_args -G "${GENERATOR}" "-DCMAKE_C_COMPILER=${C_COMPILER}"
  "-DCMAKE_C_FLAGS=${C_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${EXE_LINKER_FLAGS}"
  "-DCMAKE_SHARED_LINKER_FLAGS=${SHARED_LINKER_FLAGS}"
  "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}" "-DBUILD_SHARED_LIBS=${SHARED}"
  -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON
  -DCMAKE_FIND_PACKAGE_NO_SYSTEM_PACKAGE_REGISTRY=ON)
if(MAKE_PROGRAM)
  list(APPEND common_args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(CXX_COMPILER)
  list(APPEND common_args "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
    "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}")
endif()
if(NOT JOBS)
  set(JOBS 2)
endif()

function(configure_build_project)
  file(REMOVE_RECURSE ${WORK})
  run(${CMAKE_COMMAND} -S ${PROJECT} -B ${WORK}/build ${common_args} ${ARGN})
  run(${CMAKE_COMMAND} --build ${WORK}/build --parallel ${JOBS})
endfunction()

# The executables a consumer project built (no dot in the name: not a
# directory like consumer_c.dir or a file like cmake_install.cmake).
function(built_executables out)
  file(GLOB candidates ${WORK}/build/consumer_* ${WORK}/build/minimal_host)
  set(exes "")
  foreach(f IN LISTS candidates)
    get_filename_component(name ${f} NAME)
    if(NOT IS_DIRECTORY ${f} AND NOT name MATCHES "\\.")
      list(APPEND exes ${f})
    endif()
  endforeach()
  if(NOT exes)
    message(FATAL_ERROR "no consumer executable in ${WORK}/build")
  endif()
  set(${out} ${exes} PARENT_SCOPE)
endfunction()

function(run_binary exe)
  if(NOT EXISTS ${exe})
    message(FATAL_ERROR "not built: ${exe}")
  endif()
  run(${CMAKE_COMMAND} -E env ${RUN_ENV} ${WRAPPER} ${exe} ${RUN_ARGS})
  message(STATUS "${exe}: ${run_output}")
endfunction()

if(STEP STREQUAL "add_subdirectory")
  configure_build_project("-DCRJIT_SOURCE_DIR=${CRJIT_SOURCE_DIR}")
  built_executables(exes)
  foreach(exe IN LISTS exes)
    run_binary(${exe})
  endforeach()
  # The parent has exactly its own test; libcrjit contributed none.
  run(${CMAKE_CTEST_COMMAND} --test-dir ${WORK}/build -N)
  if(NOT run_output MATCHES "Total Tests: 1\n")
    message(FATAL_ERROR "expected only the consumer's test:\n${run_output}")
  endif()
  # Not top level: libcrjit installs nothing (CRJIT_INSTALL OFF).
  run(${CMAKE_COMMAND} --install ${WORK}/build --prefix ${WORK}/prefix)
  file(GLOB_RECURSE installed ${WORK}/prefix/*)
  if(installed)
    message(FATAL_ERROR "installing the consumer installed: ${installed}")
  endif()

elseif(STEP STREQUAL "install")
  file(REMOVE_RECURSE ${PREFIX})
  run(${CMAKE_COMMAND} --install ${MAIN_BUILD_DIR} --prefix ${PREFIX})
  set(expected
    ${INCLUDEDIR}/crjit.h
    ${LIBDIR}/cmake/crjit/crjitConfig.cmake
    ${LIBDIR}/cmake/crjit/crjitConfigVersion.cmake
    ${LIBDIR}/cmake/crjit/crjitTargets.cmake
    ${LIBDIR}/pkgconfig/crjit.pc)
  if(SHARED)
    list(APPEND expected ${LIBDIR}/libcrjit.so ${LIBDIR}/libcrjit.so.${VERSION}
      ${LIBDIR}/libcrjit.so.${ABI_VERSION})
  else()
    list(APPEND expected ${LIBDIR}/libcrjit.a)
  endif()
  if(TOOLS)
    list(APPEND expected ${BINDIR}/crjit ${MANDIR}/man1/crjit.1)
  endif()
  foreach(f IN LISTS expected)
    if(NOT EXISTS ${PREFIX}/${f})
      message(FATAL_ERROR "not installed: ${PREFIX}/${f}")
    endif()
  endforeach()
  # No test or internal artefacts.
  file(GLOB_RECURSE all RELATIVE ${PREFIX} ${PREFIX}/*)
  foreach(f IN LISTS all)
    if(f MATCHES "test|internal|cmocka")
      message(FATAL_ERROR "unexpected file installed: ${f}")
    endif()
  endforeach()
  if(TOOLS)
    # Installed binaries carry no run path.
    list(APPEND RUN_ENV "LD_LIBRARY_PATH=${PREFIX}/${LIBDIR}")
    run(${CMAKE_COMMAND} -E env ${RUN_ENV} ${PREFIX}/${BINDIR}/crjit --version)
    if(NOT run_output MATCHES "^crjit ${VERSION} ")
      message(FATAL_ERROR "installed crjit --version: ${run_output}")
    endif()
  endif()
  list(LENGTH all n)
  message(STATUS "installed ${n} files into ${PREFIX}")

elseif(STEP STREQUAL "find_package")
  string(REPLACE "." ";" v "${VERSION}")
  list(GET v 0 major)
  list(GET v 1 minor)
  configure_build_project("-DCMAKE_PREFIX_PATH=${PREFIX}"
    "-DCRJIT_PREFIX=${PREFIX}" "-DCRJIT_EXPECTED_VERSION=${VERSION}"
    "-DCRJIT_EXPECTED_VERSION_MAJOR=${major}"
    "-DCRJIT_EXPECTED_VERSION_MINOR=${minor}"
    "-DCRJIT_EXAMPLES_DIR=${CRJIT_SOURCE_DIR}/examples")
  built_executables(exes)
  foreach(exe IN LISTS exes)
    run_binary(${exe})
  endforeach()

elseif(STEP STREQUAL "pkg_config")
  file(REMOVE_RECURSE ${WORK})
  file(MAKE_DIRECTORY ${WORK})
  # Only the temporary prefix: never a system crjit.pc.
  set(pc_env "PKG_CONFIG_PATH=${PREFIX}/${LIBDIR}/pkgconfig"
    "PKG_CONFIG_LIBDIR=${PREFIX}/${LIBDIR}/pkgconfig")
  run(${CMAKE_COMMAND} -E env ${pc_env} ${PKG_CONFIG} --modversion crjit)
  string(STRIP "${run_output}" modversion)
  if(NOT modversion STREQUAL VERSION)
    message(FATAL_ERROR "pkg-config --modversion crjit: '${modversion}', expected ${VERSION}")
  endif()
  run(${CMAKE_COMMAND} -E env ${pc_env} ${PKG_CONFIG} --cflags --libs crjit)
  string(STRIP "${run_output}" pc_flags)
  message(STATUS "pkg-config --cflags --libs crjit: ${pc_flags}")
  separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
  separate_arguments(cflags UNIX_COMMAND "${C_FLAGS}")
  separate_arguments(ldflags UNIX_COMMAND "${EXE_LINKER_FLAGS}")
  run(${C_COMPILER} ${cflags} -std=c11 -Wall -Wextra -Werror -pedantic
    ${CMAKE_CURRENT_LIST_DIR}/src/consumer.c ${pc_flags} ${ldflags}
    -o ${WORK}/consumer_pkg_config)
  # pkg-config gives no run path: a shared libcrjit is found through
  # LD_LIBRARY_PATH, as a user of a non-system prefix would do.
  list(APPEND RUN_ENV "LD_LIBRARY_PATH=${PREFIX}/${LIBDIR}")
  run_binary(${WORK}/consumer_pkg_config)

else()
  message(FATAL_ERROR "unknown STEP '${STEP}'")
endif()
