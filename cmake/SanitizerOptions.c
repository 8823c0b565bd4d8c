// Default options of the sanitizer runtimes in a sanitizer build (TVMSCRIPT_SANITIZE), read
// before main(); ASAN_OPTIONS, UBSAN_OPTIONS and LSAN_OPTIONS in the environment still win.

// A distinctive exit code: the command-line tests accept 0 and 1 from `tvmscript check`, and a
// sanitizer report must not pass for "the file has errors".
const char *__asan_default_options(void) { return "exitcode=86:check_initialization_order=1:strict_string_checks=1"; }

const char *__ubsan_default_options(void) { return "print_stacktrace=1:halt_on_error=1:exitcode=86"; }

// No leak suppressions: the whole suite, the JIT and libLLVM included, runs clean.
const char *__lsan_default_options(void) { return "exitcode=86"; }
