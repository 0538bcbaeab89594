# Warnings for libcrjit's own targets only; never CMAKE_C_FLAGS.
function(crjit_warnings target)
  if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE
      -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
      -Wmissing-prototypes -Wcast-qual -Wwrite-strings -Wformat=2
      -Wimplicit-fallthrough -Wundef -Wvla -Wconversion -Wno-sign-conversion)
    if(CRJIT_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()
