# Included by the add_subdirectory consumers: checks that adding libcrjit
# with add_subdirectory changes nothing global (engineering.md §2) and
# builds none of its tests, tools or install rules.
#
#   crjit_consumer_snapshot()          before add_subdirectory
#   crjit_consumer_check(<crjit-src>)  after it

# Variables a well-behaved subproject leaves alone, in the parent and in its
# own directories.
set(CRJIT_CONSUMER_WATCHED
  CMAKE_C_FLAGS CMAKE_C_FLAGS_DEBUG CMAKE_C_FLAGS_RELEASE
  CMAKE_C_FLAGS_RELWITHDEBINFO CMAKE_C_FLAGS_MINSIZEREL
  CMAKE_CXX_FLAGS CMAKE_CXX_FLAGS_DEBUG CMAKE_CXX_FLAGS_RELEASE
  CMAKE_CXX_FLAGS_RELWITHDEBINFO CMAKE_CXX_FLAGS_MINSIZEREL
  CMAKE_EXE_LINKER_FLAGS CMAKE_SHARED_LINKER_FLAGS CMAKE_MODULE_LINKER_FLAGS
  CMAKE_STATIC_LINKER_FLAGS
  CMAKE_C_STANDARD CMAKE_C_STANDARD_REQUIRED CMAKE_C_EXTENSIONS
  CMAKE_CXX_STANDARD CMAKE_CXX_STANDARD_REQUIRED CMAKE_CXX_EXTENSIONS
  CMAKE_POSITION_INDEPENDENT_CODE CMAKE_C_VISIBILITY_PRESET
  CMAKE_CXX_VISIBILITY_PRESET CMAKE_VISIBILITY_INLINES_HIDDEN
  CMAKE_INTERPROCEDURAL_OPTIMIZATION CMAKE_EXPORT_COMPILE_COMMANDS
  CMAKE_RUNTIME_OUTPUT_DIRECTORY CMAKE_LIBRARY_OUTPUT_DIRECTORY
  CMAKE_ARCHIVE_OUTPUT_DIRECTORY CMAKE_MODULE_PATH CMAKE_BUILD_TYPE
  BUILD_SHARED_LIBS BUILD_TESTING)

macro(crjit_consumer_snapshot)
  get_property(_crjit_before_languages GLOBAL PROPERTY ENABLED_LANGUAGES)
  foreach(v IN LISTS CRJIT_CONSUMER_WATCHED)
    if(DEFINED ${v})
      set(_crjit_before_${v} "<${${v}}>")
    else()
      set(_crjit_before_${v} "<undefined>")
    endif()
  endforeach()
endmacro()

function(_crjit_consumer_fail msg)
  message(SEND_ERROR "crjit consumer: ${msg}")
  set(_crjit_consumer_failed ON PARENT_SCOPE)
endfunction()

# Every directory of the subproject, depth first.
function(_crjit_consumer_dirs dir out)
  set(all ${dir})
  get_directory_property(subs DIRECTORY ${dir} SUBDIRECTORIES)
  foreach(s IN LISTS subs)
    _crjit_consumer_dirs(${s} more)
    list(APPEND all ${more})
  endforeach()
  set(${out} ${all} PARENT_SCOPE)
endfunction()

function(crjit_consumer_check crjit_dir)
  set(_crjit_consumer_failed OFF)

  # 1. The parent's variables (normal or cache) are unchanged.
  foreach(v IN LISTS CRJIT_CONSUMER_WATCHED)
    if(DEFINED ${v})
      set(now "<${${v}}>")
    else()
      set(now "<undefined>")
    endif()
    # Enabling C for libcrjit in a C++-only parent initialises
    # CMAKE_C_FLAGS_<CONFIG>: that is CMake's doing, not libcrjit's.
    if(v MATCHES "^CMAKE_(C|CXX)_FLAGS_" AND
       NOT CMAKE_MATCH_1 IN_LIST _crjit_before_languages AND
       _crjit_before_${v} STREQUAL "<undefined>")
      continue()
    endif()
    if(NOT now STREQUAL _crjit_before_${v})
      _crjit_consumer_fail("${v} changed in the parent: ${_crjit_before_${v}} -> ${now}")
    endif()
  endforeach()

  # 2. libcrjit's own directories did not change them either (a set() in its
  #    scope would apply to every target it adds), nor use the directory-wide
  #    commands add_definitions/add_compile_options/include_directories/
  #    link_directories/add_link_options beyond what the parent has.
  _crjit_consumer_dirs(${crjit_dir} dirs)
  foreach(prop COMPILE_OPTIONS COMPILE_DEFINITIONS INCLUDE_DIRECTORIES
               LINK_OPTIONS LINK_DIRECTORIES)
    get_directory_property(parent_value DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
      ${prop})
    foreach(d IN LISTS dirs)
      get_directory_property(value DIRECTORY ${d} ${prop})
      if(NOT "${value}" STREQUAL "${parent_value}")
        _crjit_consumer_fail("directory property ${prop} of ${d} is '${value}' (parent: '${parent_value}')")
      endif()
    endforeach()
  endforeach()
  foreach(d IN LISTS dirs)
    foreach(v IN LISTS CRJIT_CONSUMER_WATCHED)
      get_directory_property(value DIRECTORY ${d} DEFINITION ${v})
      if(DEFINED ${v} AND NOT "<${value}>" STREQUAL "<${${v}}>")
        _crjit_consumer_fail("${v} is '${value}' in ${d} (parent: '${${v}}')")
      elseif(NOT DEFINED ${v} AND NOT "${value}" STREQUAL "")
        _crjit_consumer_fail("${v} is set to '${value}' in ${d}")
      endif()
    endforeach()
  endforeach()

  # 3. Not top level: no tests, no tools, no install rules.
  foreach(opt CRJIT_BUILD_TESTS CRJIT_BUILD_TOOLS CRJIT_INSTALL)
    if(${opt})
      _crjit_consumer_fail("${opt} is ON although crjit is not top level")
    endif()
  endforeach()
  foreach(d IN LISTS dirs)
    get_directory_property(targets DIRECTORY ${d} BUILDSYSTEM_TARGETS)
    foreach(t IN LISTS targets)
      if(NOT t STREQUAL "crjit")
        _crjit_consumer_fail("target ${t} was added (in ${d}); only crjit is expected")
      endif()
    endforeach()
    get_directory_property(tests DIRECTORY ${d} TESTS)
    if(tests)
      _crjit_consumer_fail("tests were added in ${d}: ${tests}")
    endif()
  endforeach()
  if(NOT TARGET crjit::crjit)
    _crjit_consumer_fail("no target crjit::crjit")
  endif()

  if(_crjit_consumer_failed)
    message(FATAL_ERROR "crjit consumer: libcrjit is not a well-behaved subproject")
  endif()
  message(STATUS "crjit consumer: nothing global changed, no tests/tools/install rules")
endfunction()
