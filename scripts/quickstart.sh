#!/usr/bin/env bash
# Sets up, builds, and runs tvmscript's main job on the bundled examples.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh" --target tvmscript
cd "$root"
echo "== tvmscript check examples/"
# The examples include deliberate mistakes, so `check` exits 1 here by design.
build/tvmscript check examples/ || [ $? -eq 1 ]
