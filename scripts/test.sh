#!/usr/bin/env bash
# Every test: the style lint (scripts/lint.sh), unit and integration tests (swift test), the baseline cross-check of the rules, the
# end-to-end tests of the real binary in tmux, a short run of every fuzz target, the concurrency and git
# tests under ThreadSanitizer and the whole suite under AddressSanitizer. Each phase prints its time.
set -euo pipefail
cd "$(dirname "$0")/.."

phase() {
  local name=$1 start=$SECONDS
  shift
  echo "== $name"
  "$@"
  echo "== $name: $((SECONDS - start)) s"
}

# Runs a test command; when it fails, repeats its failed expectations at the end, where a truncated log shows them.
with_summary() {
  local log status=0
  log=$(mktemp)
  "$@" 2>&1 | tee "$log" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "== failed expectations:"
    grep -aE "recorded an issue|Time limit was exceeded" "$log" | cut -c1-400 | head -40 || true
  fi
  rm -f "$log"
  return "$status"
}

phase "lint" bash scripts/lint.sh

phase "build and tests" with_summary bash -c 'swift build && swift test'

# airlock and the independent Python baseline must agree on a generated root (correctness, not speed:
# the figures are bench/run.sh's job).
baseline() (
  python3 -c 'import yaml' 2>/dev/null || pip install -q pyyaml
  SMOKE=$(mktemp -d)
  trap 'rm -rf "$SMOKE"' EXIT
  python3 bench/generate.py "$SMOKE/root" --envs 12 --services 40 --releases 150
  python3 bench/compare.py "$SMOKE/root" --airlock .build/debug/airlock --runs 1 | grep -E "same pending|pending:"
)
phase "baseline cross-check" baseline

# The release path of scripts/install.sh once (the test suite installs the debug build): a release build, the man
# page and completions into a temporary prefix, the installed binary and page found, and --uninstall emptying it.
# (A subshell: its EXIT trap removes the folder; a RETURN trap would stay set and fire in later functions.)
install_release() (
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  bash scripts/install.sh "$tmp/prefix" | tail -n 1
  [ "$("$tmp/prefix/bin/airlock" --version)" = "$(.build/debug/airlock --version)" ] ||
    { echo "install: the installed binary names another version or commit than the debug build" >&2; exit 1; }
  MANPATH="$tmp/prefix/share/man" man -w airlock
  bash -c 'source "$0" && complete -p airlock' "$tmp/prefix/share/bash-completion/completions/airlock"
  bash scripts/install.sh --uninstall "$tmp/prefix" | tail -n 1
  [ -z "$(ls -A "$tmp/prefix")" ] || { echo "install: --uninstall left files in the prefix" >&2; exit 1; }
)
phase "install (release)" install_release

phase "end to end" bash scripts/e2e.sh

# Each libFuzzer target for 30 s from its seed corpus (scripts/fuzz.sh SECONDS runs longer).
phase "fuzz" bash scripts/fuzz.sh "${AIRLOCK_FUZZ_SECONDS:-30}"

# ThreadSanitizer over the tests that run threads, processes and git concurrently; a report fails the run
# (the test process exits non-zero, and a binary the tests start exits 66, which its test notices).
# The CLITests suite is named with its target: the bare name would also match every suite of AirlockCLITests.
export TSAN_OPTIONS="halt_on_error=0 exitcode=66 second_deadlock_stack=1"
phase "thread sanitizer" with_summary bash -c 'swift build --build-tests --sanitize=thread --scratch-path .build-tsan 2>&1 \
    | grep -v "Cannot export local symbol" | tail -1 &&
  swift test --skip-build --sanitize=thread --scratch-path .build-tsan \
    --filter "GitSyncTests|WriteTests|WatcherTests|IncrementalLoadTests|FleetLoaderTests|FleetGitTests|AirlockCLITests\\.CLITests"'

# AddressSanitizer (with LeakSanitizer) over the whole suite, the binaries the tests start included; the
# runtime libraries' own leaks are listed in scripts/lsan-suppressions.txt.
# A small quarantine: the default one (256 MB of freed memory held back) would make the tests that bound a
# command's peak memory measure the sanitizer instead of airlock.
export ASAN_OPTIONS="detect_leaks=1 abort_on_error=0 quarantine_size_mb=8"
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt print_suppressions=0"
phase "address sanitizer" with_summary bash -c 'swift build --build-tests --sanitize=address --scratch-path .build-asan 2>&1 \
    | grep -v "Cannot export local symbol" | tail -1 &&
  swift test --skip-build --sanitize=address --scratch-path .build-asan'
