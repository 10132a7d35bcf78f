#!/usr/bin/env bash
# The layering test fails when it should: on a small tree with one wrong-way include it exits 1
# and names the file; on the same tree without it, it exits 0.
#
# usage: layering_selftest.sh SOURCE_DIR   (the repository, for tests/repo/layering_test.sh)
set -u
check=${1:?usage: layering_selftest.sh SOURCE_DIR}/tests/repo/layering_test.sh
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree"/{base,graph,loaders,service}
printf '#pragma once\n' >"$tree/base/text.h"
printf '#pragma once\n#include "base/text.h"\n' >"$tree/graph/model.h"
printf '#pragma once\n#include "graph/model.h"\n' >"$tree/service/api.h"
printf '#include "graph/model.h"\n' >"$tree/graph/model.cc"

fail=0
if ! out=$(bash "$check" "$tree" 2>&1); then
  echo "a clean tree failed:"; echo "$out"; fail=1
fi
printf '#include "graph/model.h"\n#include "service/api.h"\n' >"$tree/graph/model.cc"
out=$(bash "$check" "$tree" 2>&1)
status=$?
if [ $status -ne 1 ] || ! grep -q 'graph/model.cc' <<<"$out"; then
  echo "graph/ including service/ was not caught (exit $status):"; echo "$out"; fail=1
fi
printf '#include "graph/model.h"\n' >"$tree/graph/model.cc"
printf '#include <grpcpp/grpcpp.h>\n' >"$tree/loaders/feed.cc"
out=$(bash "$check" "$tree" 2>&1)
status=$?
if [ $status -ne 1 ] || ! grep -q 'loaders/feed.cc' <<<"$out"; then
  echo "loaders/ including gRPC was not caught (exit $status):"; echo "$out"; fail=1
fi
[ $fail -eq 0 ] && echo "layering: the wrong-way includes were caught"
exit $fail
