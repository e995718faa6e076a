#!/usr/bin/env bash
# Declarations per second and latency at rising load, per store: SQLite, PostgreSQL with one hub instance,
# PostgreSQL with two instances on one database (load split evenly between them, as a load balancer would).
# Native generators in their own processes: wrk (closed loop) for the peak, openloop.c (fixed rate, latency
# from each request's due time) for p50/p99 at 25/50/80 % of that peak. Loopback only, bounded in time.
#   benchmarks/http/stores.sh [SEED_SECONDS] [MEASURE_SECONDS] [CONFIGS]
# CONFIGS is a space-separated list of "sqlite", "pg1", "pg2" (default all three); a config may be repeated to
# interleave runs (e.g. "sqlite sqlite sqlite" for a median of three). PCTS (environment) overrides the open-loop
# steps, in per cent of the closed-loop peak (default "25 50 80").
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
seed_s=${1:-20}
measure_s=${2:-10}
configs=${3:-"sqlite pg1 pg2"}
command -v wrk >/dev/null || { apt-get update -q >/dev/null; apt-get install -y -q wrk >/dev/null; }
command -v cc >/dev/null || { apt-get update -q >/dev/null; apt-get install -y -q gcc libc6-dev >/dev/null; }
bash scripts/pg-cluster.sh install >/dev/null 2>&1
dotnet build -c Release src/Tahaluf.Cli -v q >/dev/null
work=$(mktemp -d /tmp/tahaluf-stores.XXXXXX)
cc -O2 -o "$work/openloop" benchmarks/http/openloop.c -lm
pgdir=$(mktemp -d /tmp/tahaluf-stores-pg.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bash scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true
  rm -rf "$work" "$pgdir"
}
trap cleanup EXIT
pg=$(bash scripts/pg-cluster.sh start "$pgdir" 2>/dev/null)
pg_port=$(echo "$pg" | sed -E 's/.*Port=([0-9]+).*/\1/')
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
psql_admin() { runuser -u postgres -- psql -q -h 127.0.0.1 -p "$pg_port" -d tahaluf_test -c "$1" >/dev/null 2>&1 || psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d tahaluf_test -c "$1" >/dev/null; }

start_hub() { # name port datadir [connection]
  local args=(serve --data-dir "$3" --urls "http://127.0.0.1:$2" --admin-token bench --cot none)
  [ -n "${4:-}" ] && args+=(--store postgres --connection "$4")
  dotnet src/Tahaluf.Cli/bin/Release/net10.0/tahaluf.dll "${args[@]}" > "$work/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 150); do curl -sf "http://127.0.0.1:$2/healthz" >/dev/null && return 0; sleep 0.2; done
  echo "hub $1 did not start:"; cat "$work/$1.log"; exit 1
}

wrk_rate() { echo "$1" | sed -E 's/.*= ([0-9]+)\/s.*/\1/'; }

round=0
for config in $configs; do
  # A config may be listed several times (interleaved repeats): each run gets its own data and schema.
  round=$((round + 1))
  dir="$work/$config.$round"
  mkdir -p "$dir"
  ports=("$(free_port)")
  connection=""
  case $config in
    sqlite) start_hub "$config-1" "${ports[0]}" "$dir" ;;
    pg1|pg2)
      psql_admin "CREATE SCHEMA ${config}_$round"
      connection="$pg;Search Path=${config}_$round"
      start_hub "$config-1" "${ports[0]}" "$dir" "$connection"
      if [ "$config" = pg2 ]; then
        ports+=("$(free_port)")
        start_hub "$config-2" "${ports[1]}" "$dir" "$connection"
      fi ;;
    *) echo "unknown config $config"; exit 2 ;;
  esac
  tokens=""
  for i in $(seq -w 1 20); do
    t=$(curl -sf -X PUT -H 'Authorization: Bearer bench' -H 'Content-Type: application/json' -d "{\"names\":{\"en\":\"P$i\"}}" \
      "http://127.0.0.1:${ports[0]}/api/v1/admin/partners/P$i" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
    tokens="$tokens $t"
  done
  echo "$tokens" | tr ' ' '\n' | grep -v '^$' > "$dir/tokens"
  export TAHALUF_TOKENS="$tokens"
  sleep 1 # let the second instance learn the partners
  n=${#ports[@]}
  echo "# $config: ${n} instance(s); seeding for ${seed_s} s"
  loaders=()
  for k in $(seq 0 $((n - 1))); do
    TAHALUF_PREFIX="seed$k" wrk -t1 -c$((64 / n)) -d"${seed_s}s" -s benchmarks/http/declare.lua "http://127.0.0.1:${ports[$k]}" > "$dir/seed$k.txt" &
    loaders+=($!)
  done
  wait "${loaders[@]}" || true
  cat "$dir"/seed*.txt | grep '^wrk:' || true
  stored=$(curl -sf "http://127.0.0.1:${ports[0]}/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["ledger_size"])')
  echo "# $config: stored ledger entries $stored"
  peak=0
  loaders=()
  for k in $(seq 0 $((n - 1))); do
    TAHALUF_PREFIX="peak$k" wrk -t1 -c$((64 / n)) -d"${measure_s}s" -s benchmarks/http/declare.lua "http://127.0.0.1:${ports[$k]}" > "$dir/peak$k.txt" &
    loaders+=($!)
  done
  wait "${loaders[@]}" || true
  for k in $(seq 0 $((n - 1))); do
    line=$(grep '^wrk:' "$dir/peak$k.txt" || echo "wrk: 0 requests in 1 s = 0/s")
    echo "$config instance $((k + 1)) closed loop 64/$n connections: $line"
    peak=$((peak + $(wrk_rate "$line")))
  done
  echo "# $config: peak $peak/s (sum over instances)"
  for pct in ${PCTS:-25 50 80}; do
    rate=$((peak * pct / 100))
    loaders=()
    for k in $(seq 0 $((n - 1))); do
      "$work/openloop" 127.0.0.1 "${ports[$k]}" $((rate / n)) "$measure_s" $((256 / n)) "$dir/tokens" "ol$pct-$k" > "$dir/ol$pct-$k.txt" &
      loaders+=($!)
    done
    wait "${loaders[@]}" || true
    for k in $(seq 0 $((n - 1))); do
      echo "$config $pct % of peak ($rate/s in all), instance $((k + 1)): $(cat "$dir/ol$pct-$k.txt")"
    done
  done
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait "${pids[@]}" 2>/dev/null || true
  pids=()
done
