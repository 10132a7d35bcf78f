#!/usr/bin/env bash
# Runs clang-tidy with the repository's .clang-tidy over the C++ sources of graph/, loaders/,
# service/, tools/ and fuzz/ (and base/ once it exists), and over our headers they include. Prints
# each finding; exits 1 when there is any, 0 when the code passes.
#
#   bash scripts/tidy.sh                    # every source, with build/compile_commands.json
#   bash scripts/tidy.sh graph/paths.cc     # only these sources
#   COIGRAPH_BUILD_DIR=build-x bash scripts/tidy.sh
#
# Needs a configured build directory (CMAKE_EXPORT_COMPILE_COMMANDS is on in CMakeLists.txt);
# the generated protobuf headers are built first. clang-tidy 14 is Debian 12's `clang-tidy`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
build="${COIGRAPH_BUILD_DIR:-build}"
tidy="${CLANG_TIDY:-clang-tidy}"
folders='base|graph|loaders|service|tools|fuzz'

if ! command -v "$tidy" >/dev/null 2>&1; then
  echo "tidy: $tidy not found (Debian: apt-get install clang-tidy)" >&2
  exit 2
fi
if [ ! -f "$build/compile_commands.json" ]; then
  echo "tidy: no $build/compile_commands.json; configure first (cmake --preset ci)" >&2
  exit 2
fi
# The generated protobuf headers service/ includes (no such target when the service is off).
cmake --build "$build" --target coigraph_proto >/dev/null 2>&1 || true
root_re="$(printf '%s' "$root" | sed 's/[][\.*^$+?(){}|]/\\&/g')"

if [ $# -gt 0 ]; then
  files=()
  for f in "$@"; do files+=("$root/${f#"$root"/}"); done
else
  mapfile -t files < <(grep -oE '"file": *"[^"]+"' "$build/compile_commands.json" |
    sed -E 's/^"file": *"(.*)"$/\1/' | grep -E "^$root_re/($folders)/" | sort -u)
fi
if [ ${#files[@]} -eq 0 ]; then
  echo "tidy: no sources under $folders in $build/compile_commands.json" >&2
  exit 2
fi

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
start=$SECONDS
status=0
printf '%s\0' "${files[@]}" |
  xargs -0 -r -n 1 -P "$(nproc)" "$tidy" -p "$build" --quiet --warnings-as-errors='*' \
    --header-filter="^$root_re/($folders)/" --extra-arg=-Wno-unknown-warning-option \
    >"$out" 2>/dev/null || status=$?
findings="$(grep -E '^/.*:[0-9]+:[0-9]+: (warning|error):' "$out" | sort -u || true)"
if [ $status -ne 0 ] || [ -n "$findings" ]; then
  cat "$out"
  echo
  echo "tidy: $(printf '%s\n' "$findings" | grep -c . || true) findings in ${#files[@]} sources" \
    "($((SECONDS - start)) s):"
  printf '%s\n' "$findings" | sed "s|^$root/||"
  exit 1
fi
echo "tidy: ${#files[@]} sources pass .clang-tidy ($((SECONDS - start)) s)"
