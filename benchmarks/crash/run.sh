#!/usr/bin/env bash
# Crash and partner-outage harnesses (benchmarks/Tahaluf.Crash) against `tahaluf serve` processes on 127.0.0.1:
# kill -9 under write load ROUNDS times on SQLite, on PostgreSQL with one instance and with two (the leader is
# killed), the feed fan-out between two instances, then a webhook receiver outage of OUTAGE seconds under load. Starts a throwaway PostgreSQL cluster.
#   benchmarks/crash/run.sh [ROUNDS] [OUTAGE_SECONDS]     (defaults 20 and 300)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-20}
outage=${2:-300}
bash scripts/pg-cluster.sh install >/dev/null 2>&1
dotnet build -c Release src/Tahaluf.Cli -v q >/dev/null
dotnet build -c Release benchmarks/Tahaluf.Crash -v q >/dev/null
pgdir=$(mktemp -d /tmp/tahaluf-crash-pg.XXXXXX)
trap 'bash scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"' EXIT
pg=$(bash scripts/pg-cluster.sh start "$pgdir" 2>/dev/null)
crash="dotnet benchmarks/Tahaluf.Crash/bin/Release/net10.0/Tahaluf.Crash.dll"
status=0
$crash --store sqlite --rounds "$rounds" || status=1
$crash --store postgres --instances 1 --rounds "$rounds" --pg "$pg" || status=1
$crash --store postgres --instances 2 --rounds "$rounds" --pg "$pg" || status=1
$crash --store postgres --instances 2 --fanout 200 --pg "$pg" || status=1
$crash --store sqlite --outage-seconds "$outage" || status=1
exit $status
