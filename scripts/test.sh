#!/usr/bin/env bash
# Sets up, builds, and runs every test: the suite (build/), the same suite under ASan + UBSan
# (build-asan/), then each fuzz target for TVMSCRIPT_FUZZ_SECONDS seconds (60 by default).
# Extra arguments go to the build tool (e.g. -j1).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
stage() { echo "== test.sh: $1 ($((SECONDS - start)) s so far)"; }
start=$SECONDS
stage "build"
"$root/scripts/build.sh" "$@"
stage "test suite"
ctest --test-dir "${TVMSCRIPT_BUILD_DIR:-$root/build}" --output-on-failure -j "$(nproc)"
stage "sanitizer build and test suite"
"$root/scripts/sanitizers.sh" "$@"
stage "fuzzing"
"$root/scripts/fuzz.sh"
stage "done"
