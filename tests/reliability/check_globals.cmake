# No writable global state in the library's objects (issue 9 item 3;
# engineering.md §6.2 G4).  Lists every data symbol of the members of the
# static library LIB with NM, and fails on any writable one: B/b (.bss),
# C (common), G/g and S/s (small data), V/v (weak objects), u (unique
# globals), and D/d unless OBJDUMP shows the symbol in a .data.rel.ro*
# section (constant tables holding pointers, which a position-independent
# build places there: written only by the dynamic linker, then read-only
# under RELRO), and any thread-local (.tbss/.tdata) object.  Symbols of
# coverage and sanitizer instrumentation (__gcov*, __asan*, ...) are skipped.
# Usage: cmake -DNM=nm -DOBJDUMP=objdump -DLIB=libcrjit.a -P check_globals.cmake
cmake_policy(VERSION 3.25)
if(NOT NM OR NOT OBJDUMP OR NOT LIB)
  message(FATAL_ERROR "usage: -DNM= -DOBJDUMP= -DLIB= -P check_globals.cmake")
endif()
execute_process(COMMAND ${NM} -A ${LIB} OUTPUT_VARIABLE nm_out
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} -A ${LIB} failed (${rc})")
endif()
execute_process(COMMAND ${OBJDUMP} -t ${LIB} OUTPUT_VARIABLE od_out
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${OBJDUMP} -t ${LIB} failed (${rc})")
endif()

# objdump -t: "In archive X:" / "member.o:     file format ..." headers, then
# "addr flags section size name" rows.  Map member:name -> section.
string(REPLACE "\n" ";" od_lines "${od_out}")
set(member "")
set(relro "")
set(tls "")
foreach(line IN LISTS od_lines)
  if(line MATCHES "^([^ :]+\\.o):[ \t]+file format")
    set(member "${CMAKE_MATCH_1}")
  elseif(line MATCHES "^[0-9a-f]+ .* (\\.[^ \t]+)[ \t]+[0-9a-f]+[ \t]+(\\.hidden |\\.protected |\\.internal )?(.+)$")
    set(section "${CMAKE_MATCH_1}")
    set(name "${CMAKE_MATCH_3}")
    if(name MATCHES "^(__gcov|__llvm_gcov|__llvm_prf|__profc_|__profd_|__asan|__ubsan|__tsan|__sancov|__odr_asan)")
      # instrumentation (see below)
    elseif(section MATCHES "^\\.data\\.rel\\.ro")
      list(APPEND relro "${member}:${name}")
    elseif(section MATCHES "^\\.t(bss|data)")
      list(APPEND tls "${member}:${name} (${section})")
    endif()
  endif()
endforeach()

string(REPLACE "\n" ";" nm_lines "${nm_out}")
set(bad "")
set(ro_count 0)
set(objects 0)
foreach(line IN LISTS nm_lines)
  # libcrjit.a:member.o:0000000000000000 d name
  if(line MATCHES "^[^:]+:([^:]+):[0-9a-f]* ([A-Za-z]) (.+)$")
    set(member "${CMAKE_MATCH_1}")
    set(type "${CMAKE_MATCH_2}")
    set(name "${CMAKE_MATCH_3}")
    if(name MATCHES "^(__gcov|__llvm_gcov|__llvm_prf|__profc_|__profd_|__asan|__ubsan|__tsan|__sancov|__odr_asan|\\.L)")
      # instrumentation of coverage and sanitizer builds, not the library's
    elseif(type MATCHES "^[BbCGgSsVvu]$")
      list(APPEND bad "${member}: ${type} ${name}")
    elseif(type MATCHES "^[Dd]$")
      if("${member}:${name}" IN_LIST relro)
        math(EXPR ro_count "${ro_count} + 1")
      else()
        list(APPEND bad "${member}: ${type} ${name}")
      endif()
    elseif(type MATCHES "^[Rr]$")
      math(EXPR objects "${objects} + 1")
    endif()
  endif()
endforeach()
list(APPEND bad ${tls})
list(LENGTH bad nbad)
message(STATUS "${LIB}: ${objects} .rodata objects, ${ro_count} D/d objects "
  "in .data.rel.ro (read-only after relocation), ${nbad} writable")
if(nbad GREATER 0)
  string(REPLACE ";" "\n  " bad_text "${bad}")
  message(FATAL_ERROR "writable global or static data in ${LIB}:\n  ${bad_text}")
endif()
