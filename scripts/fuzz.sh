#!/usr/bin/env bash
# Builds Loam's libFuzzer targets (fuzz/) with clang, AddressSanitizer and UBSan in build-fuzz/,
# replays the inputs that once crashed them (fuzz/regressions/TARGET/), then runs each target for a
# bounded time (LOAM_FUZZ_SECONDS, default 15) from its seed corpus (fuzz/corpus/TARGET/, plus the
# test fixtures for the Drizzle readers). Fails on any crash, sanitizer report, leak, or input that
# takes longer than LOAM_FUZZ_TIMEOUT seconds (default 10). Prints executions per target.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILD=${LOAM_FUZZ_BUILD_DIR:-build-fuzz}
SECONDS_PER_TARGET=${LOAM_FUZZ_SECONDS:-15}
TIMEOUT=${LOAM_FUZZ_TIMEOUT:-10}
JOBS=${LOAM_FUZZ_JOBS:-2}

LAUNCHER=()
command -v ccache >/dev/null && LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# -O1 with line tables only: about half the build time of -O2 -g, and stacks still name file:line.
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
  -DLOAM_FUZZ=ON -DLOAM_BUILD_TESTS=OFF -DLOAM_BUILD_BENCH=OFF "${LAUNCHER[@]}" >/dev/null
cmake --build "$BUILD" --target fuzz_all -j "$(nproc)"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

targets=()
for bin in "$BUILD"/fuzz/fuzz_*; do
  [ -x "$bin" ] && targets+=("$(basename "$bin")")
done
[ ${#targets[@]} -gt 0 ] || { echo "[fuzz] no targets built in $BUILD/fuzz" >&2; exit 1; }

# Seeds: fuzz/corpus/NAME (NAME is the target without "fuzz_"); the Drizzle readers also start
# from every .ts fixture of the tests.
seeds_for() {
  local name=${1#fuzz_}
  local dir="$WORK/seeds-$name"
  mkdir -p "$dir"
  case $name in
    drizzle|drizzle_lexer) find tests/fixtures -name '*.ts' -exec cp --backup=numbered {} "$dir/" \; ;;
    drizzleconfig) find tests/fixtures -name 'drizzle.config.*' -exec cp --backup=numbered {} "$dir/" \; ;;
  esac
  [ -d "fuzz/corpus/$name" ] && cp fuzz/corpus/"$name"/* "$dir/" 2>/dev/null || true
  echo "$dir"
}

run_one() {
  local target=$1 bin="$BUILD/fuzz/$1" name=${1#fuzz_}
  local log="$WORK/$target.log" corpus="$WORK/corpus-$target" seeds
  seeds=$(seeds_for "$target")
  mkdir -p "$corpus" "$WORK/artifacts"
  # Inputs that crashed a target once run first, each on its own.
  if [ -d "fuzz/regressions/$name" ] && [ -n "$(ls -A "fuzz/regressions/$name")" ]; then
    if ! "$bin" -timeout="$TIMEOUT" -rss_limit_mb=2048 fuzz/regressions/"$name"/* >"$log.replay" 2>&1; then
      echo "FAIL $target: a regression input crashes again"; tail -n 40 "$log.replay"; return 1
    fi
  fi
  if ! "$bin" -max_total_time="$SECONDS_PER_TARGET" -timeout="$TIMEOUT" -rss_limit_mb=2048 -max_len=65536 \
       -print_final_stats=1 -artifact_prefix="$WORK/artifacts/$target-" "$corpus" "$seeds" >"$log" 2>&1; then
    echo "FAIL $target"; grep -E "ERROR|SUMMARY|Test unit written" "$log" | head -n 20; tail -n 40 "$log"
    for a in "$WORK"/artifacts/"$target"-*; do
      [ -e "$a" ] && mkdir -p "$ROOT/$BUILD/fuzz-crashes" && cp "$a" "$ROOT/$BUILD/fuzz-crashes/" \
        && echo "  input kept in $BUILD/fuzz-crashes/$(basename "$a")"
    done
    return 1
  fi
  local runs
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  echo "ok   $target: ${runs:-?} executions in ${SECONDS_PER_TARGET}s, $(ls "$corpus" | wc -l) corpus inputs"
}

failed=0
pids=()
for t in "${targets[@]}"; do
  run_one "$t" >"$WORK/$t.result" 2>&1 &
  pids+=("$!")
  if [ ${#pids[@]} -ge "$JOBS" ]; then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || failed=1; done
for t in "${targets[@]}"; do cat "$WORK/$t.result"; done
if [ $failed -ne 0 ]; then
  echo "[fuzz] a target failed (see above)" >&2
  exit 1
fi
echo "[fuzz] all ${#targets[@]} targets ran clean"
