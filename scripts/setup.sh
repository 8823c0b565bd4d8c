#!/usr/bin/env bash
# Installs what tvmscript needs to build and test on Debian bookworm, skipping what is present:
# the Debian packages below, then the tree-sitter sources pinned by deps/package-lock.json.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  cmake ninja-build ccache g++ pkg-config
  llvm-19-dev liblld-19-dev lld-19 libzstd-dev zlib1g-dev libedit-dev libffi-dev libxml2-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev libgtest-dev libgmock-dev
  nodejs npm python3 python3-numpy neovim
  clang-19 libclang-rt-19-dev  # the ASan + UBSan build and libFuzzer (scripts/sanitizers.sh, fuzz.sh)
  libopenblas0                 # bench/kernel_bench times cblas_sgemm beside the scheduled matmuls
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm may come from outside Debian (a newer Node install): a working `npm` is enough.
if command -v npm >/dev/null; then
  missing=("${missing[@]/npm}"); missing=("${missing[@]/nodejs}")
fi
read -ra missing <<<"${missing[*]}"
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages pinned by a committed lockfile, installed when missing or older than the lockfile
# (--ignore-scripts: nothing here needs an install script, and tree-sitter's would build an addon).
npm_ci() {
  local dir="$1" stamp="$1/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ]; then
    echo "setup: installing npm packages in ${dir#$root/}" >&2
    (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
}
npm_ci "$root/deps"             # the tree-sitter runtime and Python grammar sources
npm_ci "$root/editors/vscode"   # the VS Code extension's client library and build tools
