#!/usr/bin/env bash
# Runs every test suite of Tahaluf on a fresh Debian machine with only the .NET SDK, Node and Python.
# Installs what is missing (PostgreSQL + PostGIS from Debian's packages), starts a throwaway PostgreSQL
# cluster, builds once, runs each test project, and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
artifacts="$root/test-artifacts"
rm -rf "$artifacts" && mkdir -p "$artifacts"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\n== %s\n' "$*"; }

log "installing what is missing"
if ! bash scripts/pg-cluster.sh install; then
  echo "test.sh: could not install PostgreSQL/PostGIS" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing Chromium (Debian) for the page tests"
  if ! { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }; then
    echo "test.sh: could not install Chromium" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

log "starting a throwaway PostgreSQL cluster"
pgdir=$(mktemp -d /tmp/tahaluf-pg.XXXXXX)
cleanup() { bash scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap cleanup EXIT
if ! TAHALUF_TEST_PG=$(bash scripts/pg-cluster.sh start "$pgdir"); then
  echo "test.sh: could not start PostgreSQL" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
export TAHALUF_TEST_PG

log "building"
dotnet build Tahaluf.slnx -c Release > "$artifacts/build.log" 2>&1
build=$?
grep -E "error|Warn|Elapsed" "$artifacts/build.log" | tail -20
if [ $build -ne 0 ]; then
  echo "test.sh: the build failed (see test-artifacts/build.log)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  log "testing $name"
  if ! dotnet test "$project" -c Release --no-build --blame-hang-timeout 10m \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
      --results-directory "$artifacts"; then
    status=1
  fi
  if [ ! -f "$artifacts/$name.trx" ]; then
    echo "test.sh: $name produced no results (crashed?)" >&2
    echo "crashed $name" >> "$artifacts/crashed.txt"
    status=1
  fi
done

# The API suite once more with every hub on PostgreSQL (a fresh schema per hub in the throwaway cluster).
log "testing Tahaluf.Server.Tests on PostgreSQL"
if ! TAHALUF_TEST_STORE=postgres dotnet test tests/Tahaluf.Server.Tests/Tahaluf.Server.Tests.csproj -c Release --no-build --blame-hang-timeout 10m \
    --logger "trx;LogFileName=Tahaluf.Server.Tests.postgres.trx" --logger "console;verbosity=minimal" \
    --results-directory "$artifacts"; then
  status=1
fi
if [ ! -f "$artifacts/Tahaluf.Server.Tests.postgres.trx" ]; then
  echo "crashed Tahaluf.Server.Tests.postgres" >> "$artifacts/crashed.txt"
  status=1
fi

# Node suites (node:test): run each, keep its pass/fail counts for the totals.
node_suite() {
  local name=$1 dir=$2
  log "testing $name (node)"
  if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error && npm test) > "$artifacts/$name.log" 2>&1; then
    status=1
  fi
  tail -n 40 "$artifacts/$name.log"
  local pass fail
  pass=$(grep -aE '^(# |ℹ )pass [0-9]+' "$artifacts/$name.log" | tail -n 1 | grep -oE '[0-9]+$')
  fail=$(grep -aE '^(# |ℹ )fail [0-9]+' "$artifacts/$name.log" | tail -n 1 | grep -oE '[0-9]+$')
  if [ -z "$pass" ] || [ -z "$fail" ]; then
    echo "test.sh: $name printed no test summary" >&2
    pass=${pass:-0}; fail=$(( ${fail:-0} + 1 )); status=1
  fi
  echo "$name $pass $fail" >> "$artifacts/node-counts.txt"
}
for suite in tests/page tests/cot-interop; do
  [ -f "$suite/package.json" ] && node_suite "$(basename "$suite")" "$suite"
done

# A bounded fuzzing run (AFL++ over the SharpFuzz-instrumented decoders) and the replay of the corpus and
# of every input that once crashed; each target's run and each replay count as one test.
log "fuzzing (fuzz/run.sh, 20 s per target)"
bash fuzz/run.sh 20 > "$artifacts/fuzz.log" 2>&1
fuzz_rc=$?
tail -n 25 "$artifacts/fuzz.log"
fuzz_line=$(grep -aE '^fuzz: [0-9]+ passed, [0-9]+ failed' "$artifacts/fuzz.log" | tail -n 1)
if [ -z "$fuzz_line" ]; then
  echo "test.sh: fuzz/run.sh printed no summary" >&2
  echo "fuzz 0 1" >> "$artifacts/node-counts.txt"
  status=1
else
  echo "fuzz $(echo "$fuzz_line" | sed -E 's/^fuzz: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/')" >> "$artifacts/node-counts.txt"
  [ $fuzz_rc -ne 0 ] && status=1
fi

log "totals"
python3 - "$artifacts" <<'PY'
import glob, os, sys, xml.etree.ElementTree as ET
art = sys.argv[1]
ns = {'t': 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010'}
passed = failed = skipped = 0
for f in sorted(glob.glob(os.path.join(art, '*.trx'))):
    root = ET.parse(f).getroot()
    c = root.find('.//t:Counters', ns)
    p, fl = int(c.get('passed', 0)), int(c.get('failed', 0)) + int(c.get('error', 0)) + int(c.get('timeout', 0)) + int(c.get('aborted', 0))
    n = int(c.get('total', 0)) - int(c.get('executed', 0))
    # A run that did not complete (the test host crashed or hung) counts as a failure even when every test it
    # reported passed: the tests it never reached are not in the counters.
    outcome = root.find('.//t:ResultSummary', ns).get('outcome', '')
    note = ''
    if outcome != 'Completed' and fl == 0:
        fl, note = 1, f" (the run ended {outcome or 'without an outcome'}: see the log above)"
    print(f"{os.path.basename(f)[:-4]}: {p} passed, {fl} failed, {n} not executed{note}")
    passed += p; failed += fl; skipped += n
node = os.path.join(art, 'node-counts.txt')
if os.path.exists(node):
    for line in open(node):
        name, p, fl = line.split()
        print(f"{name}: {p} passed, {fl} failed")
        passed += int(p); failed += int(fl)
crashed = os.path.join(art, 'crashed.txt')
if os.path.exists(crashed):
    failed += len(open(crashed).read().split('\n')) - 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
sys.exit(1 if failed or passed == 0 else 0)
PY
py=$?
[ $py -ne 0 ] && status=1
exit $status
