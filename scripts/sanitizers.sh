#!/usr/bin/env bash
# Builds everything with AddressSanitizer + UndefinedBehaviorSanitizer and the libFuzzer targets
# (clang 19) into build-asan/, then runs the whole test suite there. Extra arguments go to the
# build tool (e.g. -j1).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${TVMSCRIPT_ASAN_BUILD_DIR:-$root/build-asan}"
if [ ! -f "$build/build.ninja" ]; then
  # -O1 with line tables only: sanitizer reports get file:line stacks, and the build stays quick.
  # No NDEBUG: assertions are part of what the tests and the fuzzers check.
  CC=clang-19 CXX=clang++-19 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" -DTVMSCRIPT_FUZZ=ON
fi
cmake --build "$build" "$@"
start=$SECONDS
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
echo "sanitizers: the test suite took $((SECONDS - start)) s under ASan + UBSan"
