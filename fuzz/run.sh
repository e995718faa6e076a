#!/usr/bin/env bash
# Fuzzes the Tahaluf decoders with AFL++ and SharpFuzz for a bounded time, then replays the seed corpus and the
# regression inputs in-process. Usage: fuzz/run.sh [seconds-per-target] (default 20).
# Installs what is missing (afl++ from Debian, the sharpfuzz dotnet tool into fuzz/.tools), publishes
# fuzz/Tahaluf.Fuzz into fuzz/.build, instruments the Tahaluf assemblies there, runs afl-fuzz on each target,
# copies crash and hang inputs into fuzz/crashes/<target>/ and ends with "fuzz: N passed, N failed"
# (each target's fuzz run and each replay of a non-empty folder counts as one). Exits 1 on any failure.
set -uo pipefail
cd "$(dirname "$0")"
fuzz=$(pwd)
seconds=${1:-20}
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: fuzz/run.sh [seconds-per-target]" >&2
  exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# An input that makes a decoder allocate without bound shows up as an OutOfMemoryException (a crash) at 1 GiB.
export DOTNET_GCHeapHardLimit=0x40000000
passed=0
failed=0
finish() {
  echo "fuzz: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}
abort() {
  echo "fuzz/run.sh: $*" >&2
  failed=$((failed + 1))
  finish
}

if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "installing afl++ (Debian)"
  { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q afl++ >/dev/null; } \
    || abort "could not install afl++"
fi

if [ ! -x .tools/sharpfuzz ]; then
  echo "installing the sharpfuzz tool into fuzz/.tools"
  dotnet tool install --tool-path .tools SharpFuzz.CommandLine --version 2.3.0 >/dev/null \
    || abort "could not install SharpFuzz.CommandLine"
fi

publish="$fuzz/.build/publish"
echo "publishing fuzz/Tahaluf.Fuzz"
rm -rf "$publish"
mkdir -p .build
dotnet publish Tahaluf.Fuzz/Tahaluf.Fuzz.csproj -c Release -o "$publish" --nologo -v q >.build/publish.log 2>&1 \
  || { grep -E "error|failed" .build/publish.log | sort -u | head -n 20; abort "publish failed"; }

for assembly in Tahaluf.Geometry Tahaluf.Cot Tahaluf.Domain Tahaluf.Hub Tahaluf.Scenarios; do
  .tools/sharpfuzz "$publish/$assembly.dll" >/dev/null || abort "could not instrument $assembly"
done
echo "instrumented Tahaluf.Geometry, Cot, Domain, Hub and Scenarios"

harness=("dotnet" "$publish/Tahaluf.Fuzz.dll")
mapfile -t targets < <("${harness[@]}" list | cut -f1)
[ "${#targets[@]}" -gt 0 ] || abort "the harness lists no targets"

stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$2" 2>/dev/null; }

rm -rf .findings crashes
mkdir -p .findings
for target in "${targets[@]}"; do
  out=".findings/$target"
  # Running as root in a container: no CPU governor, no core_pattern to change, no free core to bind to
  # guaranteed, and the target binary is dotnet itself (the instrumentation is in the Tahaluf assemblies).
  AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 \
    AFL_NO_AFFINITY=1 AFL_FORKSRV_INIT_TMOUT=30000 AFL_SKIP_CRASHES=1 \
    timeout -k 5 $((seconds + 120)) \
    afl-fuzz -i "corpus/$target" -o "$out" -t 2000 -m none -V "$seconds" -- "${harness[@]}" "$target" \
    >"$out.log" 2>&1
  code=$?
  stats="$out/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    echo "fuzz $target: afl-fuzz did not run (exit $code); last lines of its log:"
    tail -n 15 "$out.log" | sed 's/^/    /'
    failed=$((failed + 1))
    continue
  fi

  execs=$(stat execs_done "$stats")
  rate=$(stat execs_per_sec "$stats")
  paths=$(stat corpus_count "$stats")
  shopt -s nullglob
  found=("$out"/default/crashes/id:* "$out"/default/hangs/id:*)
  shopt -u nullglob
  echo "fuzz $target: ${execs:-0} execs (${rate:-0}/s), ${paths:-?} paths, ${#found[@]} crash/hang inputs"
  if [ "${#found[@]}" -eq 0 ]; then
    passed=$((passed + 1))
    continue
  fi

  failed=$((failed + 1))
  mkdir -p "crashes/$target"
  for input in "${found[@]}"; do
    kind=crash
    [[ "$input" == */hangs/* ]] && kind=hang
    cp "$input" "crashes/$target/$kind-$(sha256sum "$input" | cut -c1-12).bin"
  done
  echo "  copied to fuzz/crashes/$target/; replaying them:"
  "${harness[@]}" replay "$target" "crashes/$target" 2>/dev/null | sed 's/^/  /'
done

for folder in corpus regressions; do
  for target in "${targets[@]}"; do
    dir="$folder/$target"
    [ -d "$dir" ] && [ -n "$(find "$dir" -type f ! -name 'README*' -print -quit)" ] || continue
    # stderr names each input before it runs: shown only when the replay died without its summary line
    # (a stack overflow or OOM kills the process), where the last name is the culprit.
    if "${harness[@]}" replay "$target" "$dir" 2>.findings/replay.err | tee .findings/replay.out; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      grep -q "inputs clean" .findings/replay.out || tail -n 20 .findings/replay.err | sed 's/^/    /'
    fi
  done
done

finish
