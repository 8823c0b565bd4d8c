#!/usr/bin/env bash
# Configures (once) and builds everything into build/; extra arguments go to the build tool.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${TVMSCRIPT_BUILD_DIR:-$root/build}"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}"
fi
cmake --build "$build" "$@"
