#!/usr/bin/env bash
# Fails when an #include crosses coigraph's layers the wrong way: a lower folder including a
# higher one, or a folder below service/ including gRPC or protobuf. Prints file:line, the
# include and the rule it breaks. The layers are described in README.md ("Layout").
#
# usage: layering_test.sh SOURCE_DIR
#
# The rules, bottom up: a file under FOLDER may include only what its row names.
#   a folder name  our own headers under that folder ("graph/model.h")
#   proto          the generated API code of proto/: coigraph/v1/..., any *.pb.h
#   rpc            the gRPC and protobuf libraries: grpcpp/, grpc/, grpc++/, google/protobuf/
#   *              anything
# Other libraries (absl/, boost/, the standard library...) are not ruled here. A folder that does
# not exist (yet) is simply empty. An include of ours whose top-level folder has no row is an
# error, so that a new folder gets its row.
RULES='
  base      base
  graph     base graph
  loaders   base graph loaders
  service   base graph loaders service proto rpc
  fuzz      base graph loaders service proto rpc fuzz
  tools     *
  bench     *
  tests     *
'
# fuzz/ holds the fuzz targets (docs/fuzzing.md): they drive loaders/ and service/ as a test does,
# but build into libFuzzer binaries, so they include no test and no tool.
#
# Files: the C++ sources and headers (.h .hh .hpp .cc .cpp .inc) under the folders of RULES,
# those git tracks plus untracked ones it does not ignore when SOURCE_DIR is a git checkout, else
# every such file. An include is ours when its path starts with a folder of RULES or names a file
# of the repository, relative to the root or to the including file.
set -u
root=${1:?usage: layering_test.sh SOURCE_DIR}
cd "$root" || exit 2

list_files() {
  if command -v git >/dev/null 2>&1 && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files --cached --others --exclude-standard
  else
    find . \( -path './build*' -o -name node_modules -o -name .git \) -prune -o -type f -print |
      sed 's|^\./||'
  fi
}

repo_files=$(list_files | sort -u)
folders=$(printf '%s\n' "$RULES" | awk 'NF { printf "%s%s", sep, $1; sep = "|" }')
mapfile -t sources < <(printf '%s\n' "$repo_files" |
  grep -E "^($folders)/.*\.(h|hh|hpp|cc|cpp|inc)$")
if [[ ${#sources[@]} -eq 0 ]]; then
  echo "layering: no C++ files under the folders of the rules in $root" >&2
  exit 2
fi

# The first input is the list of the repository's files; then the sources.
report=$(printf '%s\n' "$repo_files" | awk -v rules="$RULES" '
  function normalize(path,    n, parts, out, i, k, s) {
    n = split(path, parts, "/"); k = 0
    for (i = 1; i <= n; i++) {
      if (parts[i] == "" || parts[i] == ".") continue
      if (parts[i] == "..") { if (k > 0) k--; continue }
      out[++k] = parts[i]
    }
    s = ""
    for (i = 1; i <= k; i++) s = s (i > 1 ? "/" : "") out[i]
    return s
  }
  function top(path) { sub(/\/.*/, "", path); return path }
  function may(folder, what,    n, names, i) {
    n = split(allow[folder], names, " ")
    for (i = 1; i <= n; i++) if (names[i] == what || names[i] == "*") return 1
    return 0
  }
  function describe(folder,    n, names, i, s) {
    n = split(allow[folder], names, " "); s = ""
    for (i = 1; i <= n; i++)
      s = s (i > 1 ? ", " : "") (names[i] == "proto" ? "generated protos" : \
          names[i] == "rpc" ? "gRPC/protobuf" : names[i] == "*" ? "anything" : names[i] "/")
    return s
  }
  BEGIN {
    n = split(rules, lines, "\n")
    for (i = 1; i <= n; i++) {
      if (split(lines[i], f, " ") == 0) continue
      row = f[1]; allow[row] = ""
      for (j = 2; f[j] != ""; j++) allow[row] = allow[row] (j > 2 ? " " : "") f[j]
      known[row] = 1
    }
  }
  FILENAME == "-" { exists[$0] = 1; next }
  FNR == 1 { here = FILENAME; dir = here; sub(/\/[^\/]*$/, "", dir); layer = top(here) }
  /^[ \t]*#[ \t]*include[ \t]*[<"]/ {
    line = $0
    sub(/^[ \t]*#[ \t]*include[ \t]*/, "", line)
    quoted = substr(line, 1, 1) == "\""
    close_char = quoted ? "\"" : ">"
    path = substr(line, 2); end = index(path, close_char)
    if (end == 0) next
    path = substr(path, 1, end - 1)
    text = quoted ? "\"" path "\"" : "<" path ">"

    what = ""
    if (path ~ /\.pb\.h$/ || path ~ /^coigraph\/v1\//) what = "proto"
    else if (path ~ /^(grpcpp|grpc|grpc\+\+|google\/protobuf)\//) what = "rpc"
    else if (quoted) {
      relative = normalize(dir "/" path)
      if (path !~ /^\.\.?\// && (top(path) in known || path in exists)) what = top(path)
      else if (relative in exists) what = top(relative)
    }
    if (what == "") next

    if (what != "proto" && what != "rpc" && !(what in known)) {
      printf "%s:%d: #include %s: %s/ has no row in the rules of tests/repo/layering_test.sh\n",
             here, FNR, text, what
      next
    }
    if (may(layer, what)) next
    if (what == "proto" || what == "rpc")
      printf "%s:%d: #include %s: %s/ may not include gRPC, protobuf or the generated protos " \
             "(only service/ and tools/ may, and tests/, bench/); %s/ may include %s\n",
             here, FNR, text, layer, layer, describe(layer)
    else
      printf "%s:%d: #include %s: %s/ may not include %s/; %s/ may include %s\n",
             here, FNR, text, layer, what, layer, describe(layer)
  }
' - "${sources[@]}")
status=$?
if [[ $status -ne 0 ]]; then
  echo "layering: awk failed ($status)" >&2
  exit 2
fi
if [[ -n "$report" ]]; then
  echo "These includes cross the layers the wrong way (the rules are at the top of"
  echo "tests/repo/layering_test.sh, the layers in README.md, \"Layout\"):"
  printf '%s\n' "$report"
  exit 1
fi
echo "layering: ${#sources[@]} files, every include goes down the layers"
