#!/usr/bin/env bash
# Measures how much the database grows per call, for each kind of call the audit log records
# (docs/service.md, "Audit log size"): coigraphd on examples/demo with a fresh database, N calls
# of one kind over the HTTP API (curl, one connection), a clean stop, then the file's growth
# over a start and stop without calls, divided by N.
#
#   bash scripts/audit_growth.sh            # N=2000
#   N=500 bash scripts/audit_growth.sh
#
# Needs build/bin/coigraphd (cmake --build build --target coigraphd), curl and sqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${N:-2000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "hr_system hr-gateway $(printf %s tok-hr | sha256sum | cut -d' ' -f1)" >"$work/tokens"

# Starts coigraphd on $work/db, runs "$@" with $url set, stops it cleanly.
run() {
  build/bin/coigraphd --feeds examples/demo --db "$work/db" --listen 127.0.0.1:0 \
    --http 127.0.0.1:0 --console '' --tokens "$work/tokens" >"$work/out" 2>"$work/err" &
  local pid=$!
  for _ in $(seq 600); do grep -q '^console on' "$work/out" 2>/dev/null && break; sleep 0.1; done
  url="$(sed -n 's/^console on \(.*\)\/$/\1/p' "$work/out")"
  "$@"
  kill -TERM "$pid"
  wait "$pid"
}

# $n POSTs of the body in file $1 with token $2 (may be empty) to CheckHire, on one connection
# from source address $3 (default 127.0.0.1).
calls() {
  local auth=()
  [ -n "$2" ] && auth=(-H "Authorization: Bearer $2")
  local urls=()
  for _ in $(seq "$n"); do urls+=("$url/coigraph.v1.Coigraph/CheckHire"); done
  curl -s --interface "${3:-127.0.0.1}" -H 'Content-Type: application/json' "${auth[@]}" \
    --data-binary "@$1" "${urls[@]}" >/dev/null
}
# The same without a token, spread over $n / 20 source addresses (127.0.0.2, ...) so that every
# call is within its address's burst and recorded: the size of an anonymous record.
anonymous_spread() {
  local total=$n
  n=20
  for i in $(seq $((total / 20))); do calls "$1" "" "127.0.$((i / 250)).$((i % 250 + 2))"; done
  n=$total
}
nothing() { :; }
size() { stat -c %s "$work/db"; }

hire='"candidateIin":"720518301212","positionId":"AKM-02","date":"2020-01-15"'
echo "{$hire,\"purpose\":\"hiring order 17/2020, department of education\"}" >"$work/ok.json"
echo "{\"candidateIin\":\"720518301213\",\"positionId\":\"AKM-02\",\"date\":\"2020-01-15\",\"purpose\":\"hiring order 17/2020\"}" >"$work/field.json"
{ printf '{%s,"purpose":"' "$hire"; head -c 1000000 /dev/zero | tr '\0' p; printf '"}'; } >"$work/big.json"

printf '%-48s %10s %12s %8s\n' "kind of call (CheckHire over HTTP, N=$n)" "bytes/call" "bytes/record" "records"
measure() {
  local label="$1"
  shift
  rm -f "$work/db" "$work/db-wal" "$work/db-shm" "$work/db.head"
  run nothing
  local before after records
  before="$(size)"
  run "$@"
  after="$(size)"
  records="$(sqlite3 "$work/db" 'SELECT count(*) FROM audit_log')"
  printf '%-48s %10s %12s %8s\n' "$label" "$(( (after - before) / n ))" \
    "$(( (after - before) / (records > 0 ? records : 1) ))" "$records"
}
measure "authorised, answered" calls "$work/ok.json" tok-hr
measure "refused for a field (bad IIN)" calls "$work/field.json" tok-hr
measure "no valid token, N/20 addresses x 20" anonymous_spread "$work/ok.json"
measure "no valid token, all from one address" calls "$work/ok.json" ""
measure "1 MB purpose, valid token (refused)" calls "$work/big.json" tok-hr
measure "1 MB purpose, no token, one address" calls "$work/big.json" ""
