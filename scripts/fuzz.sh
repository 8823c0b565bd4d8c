#!/usr/bin/env bash
# Runs each libFuzzer target (fuzz/*Fuzzer.cpp, built by scripts/sanitizers.sh) for
# TVMSCRIPT_FUZZ_SECONDS seconds (60 by default), starting from seeds generated from the test
# data and from fuzz/regressions. Any finding (a crash, a sanitizer report, an input running
# over 10 s, a leak) fails the run; the input is left in build-asan/fuzz/run/findings/TARGET/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${TVMSCRIPT_ASAN_BUILD_DIR:-$root/build-asan}"
seconds="${TVMSCRIPT_FUZZ_SECONDS:-60}"
cmake --build "$build" --target check_fuzzer server_fuzzer lowering_fuzzer
work="$build/fuzz/run"
rm -rf "$work"
python3 "$root/fuzz/seeds.py" "$work/seeds"
failed=()
for name in check server lowering; do
  dict="$root/fuzz/tvmscript.dict"
  extra=()
  if [ "$name" = server ]; then
    dict="$root/fuzz/lsp.dict"
    extra=(-close_fd_mask=2) # the server logs every malformed message to stderr
  fi
  mkdir -p "$work/corpus/$name" "$work/findings/$name" "$root/fuzz/regressions/$name"
  log="$work/$name.log"
  echo "fuzz: $name for ${seconds} s"
  if "$build/fuzz/${name}_fuzzer" "$work/corpus/$name" "$work/seeds/$name" "$root/fuzz/regressions/$name" \
       -dict="$dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -use_value_profile=1 \
       -artifact_prefix="$work/findings/$name/" -print_final_stats=1 "${extra[@]}" >"$log" 2>&1; then
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    corpus=$(find "$work/corpus/$name" -type f | wc -l)
    echo "fuzz: $name: $executions executions, no finding ($corpus new inputs in the corpus)"
  else
    tail -n 60 "$log"
    echo "fuzz: $name: FINDING (input in $work/findings/$name/)"
    failed+=("$name")
  fi
done
if ((${#failed[@]})); then
  echo "fuzz: findings in ${failed[*]}" >&2
  exit 1
fi
