# Sanitizer and fuzzing builds, with clang (scripts/sanitizers.sh configures one, build-asan/):
#   TVMSCRIPT_SANITIZE  AddressSanitizer + UndefinedBehaviorSanitizer on all of our code (and the
#                       tree-sitter sources we compile); LLVM is the system's libLLVM and is not.
#   TVMSCRIPT_FUZZ      also coverage instrumentation for libFuzzer, and the fuzz/ targets linked
#                       with libFuzzer. The test binaries link without it (the coverage hooks are
#                       no-ops in the sanitizer runtime), so one build serves both.
option(TVMSCRIPT_SANITIZE "Build with ASan and UBSan (clang)" OFF)
option(TVMSCRIPT_FUZZ "Build the libFuzzer targets in fuzz/ (implies TVMSCRIPT_SANITIZE)" OFF)
if(TVMSCRIPT_FUZZ)
  set(TVMSCRIPT_SANITIZE ON)
endif()

if(TVMSCRIPT_SANITIZE)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "TVMSCRIPT_SANITIZE and TVMSCRIPT_FUZZ need clang (CXX=clang++-19 CC=clang-19)")
  endif()
  # Undefined behaviour aborts instead of printing and going on. `function` is off: it reads the
  # bytes before every function called through a pointer, and the JIT's and dlopen'ed kernels
  # are called so, without that prologue (the read can fall off a mapped page).
  add_compile_options(-fsanitize=address,undefined -fno-sanitize=function -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
  # For the code that must know (AddressSanitizer reserves terabytes of address space, and
  # roughly doubles memory use).
  add_compile_definitions(TVMSCRIPT_SANITIZE)
endif()
if(TVMSCRIPT_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

# Every executable of a sanitizer build carries its default options (cmake/SanitizerOptions.c),
# so that the tests, the binaries they start and the fuzzers behave alike however they are run.
function(tvmscript_sanitizer_defaults target)
  if(TVMSCRIPT_SANITIZE)
    target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/cmake/SanitizerOptions.c)
  endif()
endfunction()
