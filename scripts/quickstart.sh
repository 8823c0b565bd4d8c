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
echo "== tvmscript compile examples/add_one.py (a shared library and an executable)"
mkdir -p build/examples
build/tvmscript compile examples/add_one.py --emit shared -o build/examples/add_one.so
build/tvmscript compile examples/add_one.py --emit header -o build/examples/add_one.h
build/tvmscript compile examples/add_one.py --emit exe -o build/examples/add_one
echo "== build/examples/add_one --func main (main increments A[0] through T.call_tir)"
build/examples/add_one --func main
echo "== tvmscript run examples/matmul.py"
build/tvmscript run examples/matmul.py --repeat 10 --quiet
