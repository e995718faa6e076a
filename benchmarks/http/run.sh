#!/usr/bin/env bash
# Declarations per second through HTTP with a native load generator (wrk, Debian) in its own process,
# against `tahaluf serve` (SQLite) on 127.0.0.1. Seeds stored volumes first, then measures at several
# connection counts. Bounded in time; stops the hub at the end.
#   benchmarks/http/run.sh [SEED_SECONDS] [MEASURE_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
seed_s=${1:-60}
measure_s=${2:-15}
command -v wrk >/dev/null || { apt-get update -q >/dev/null; apt-get install -y -q wrk >/dev/null; }
dotnet build -c Release src/Tahaluf.Cli -v q >/dev/null
dir=$(mktemp -d /tmp/tahaluf-http-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet src/Tahaluf.Cli/bin/Release/net10.0/tahaluf.dll serve --data-dir "$dir" --urls "http://127.0.0.1:$port" --admin-token bench --cot none > "$dir/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
tokens=""
for i in $(seq -w 1 20); do
  t=$(curl -sf -X PUT -H 'Authorization: Bearer bench' -H 'Content-Type: application/json' -d "{\"names\":{\"en\":\"P$i\"}}" "http://127.0.0.1:$port/api/v1/admin/partners/P$i" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  tokens="$tokens $t"
done
export TAHALUF_TOKENS="$tokens"
echo "# seeding for ${seed_s} s"
TAHALUF_PREFIX=seed wrk -t2 -c128 -d"${seed_s}s" -s benchmarks/http/declare.lua "http://127.0.0.1:$port" | grep '^wrk:'
stored=$(curl -sf "http://127.0.0.1:$port/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["ledger_size"])')
echo "# stored ledger entries: $stored (one per declaration; partners have no agreements, so no release notifications)"
peak=0
for c in 32 64 128 256; do
  echo "# $c connections, ${measure_s} s"
  line=$(TAHALUF_PREFIX="c$c" wrk -t2 -c$c -d"${measure_s}s" -s benchmarks/http/declare.lua "http://127.0.0.1:$port" | grep '^wrk:')
  echo "$line"
  rate=$(echo "$line" | sed -E 's/.*= ([0-9]+)\/s.*/\1/')
  [ "$rate" -gt "$peak" ] && peak=$rate
done
# Open loop: a native fixed-rate generator (openloop.c, latency from each request's due time) in its own process.
command -v cc >/dev/null || { apt-get update -q >/dev/null; apt-get install -y -q gcc libc6-dev >/dev/null; }
cc -O2 -o "$dir/openloop" benchmarks/http/openloop.c -lm
echo "$tokens" | tr ' ' '\n' | grep -v '^$' > "$dir/tokens"
for pct in 50 80 90; do
  rate=$(( peak * pct / 100 ))
  echo "# open loop at $pct % of the peak ($rate/s of $peak/s), ${measure_s} s"
  "$dir/openloop" 127.0.0.1 "$port" "$rate" "$measure_s" 256 "$dir/tokens" "ol$pct"
done
echo "# DSS shape: every declaration in one 20 x 20 km area"
TAHALUF_PREFIX=dss TAHALUF_SPREAD_KM=20 wrk -t2 -c64 -d"${measure_s}s" -s benchmarks/http/declare.lua "http://127.0.0.1:$port" | grep '^wrk:'
