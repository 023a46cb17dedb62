#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/Targets (with AddressSanitizer) and runs each for SECONDS (default 30),
# starting from the seed corpus in fuzz/corpus/<target>. Fails on the first crash, leak, hang or broken
# promise; the input that caused it is saved as .build-fuzz/artifacts/<target>/crash-* (replay it with
# `.build-fuzz/fuzz-<target> FILE`).
#
#   scripts/fuzz.sh                 every target, 30 s each
#   scripts/fuzz.sh 3600            every target, an hour each
#   scripts/fuzz.sh 600 release-edit yaml
#
# New inputs that reach new code are kept in .build-fuzz/corpus/<target> (not in the repository) so longer runs
# resume where the last one stopped; copy the interesting small ones to fuzz/corpus/<target> to keep them.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-30}
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  for f in fuzz/Targets/*.swift; do
    name=$(basename "$f" .swift)
    [ "$name" = Fuzz ] || TARGETS+=("$name")
  done
fi

SCRATCH=.build-fuzz
# The package's libraries, instrumented for coverage and AddressSanitizer (libyaml's C sources included).
swift build --scratch-path "$SCRATCH" --target AirlockStore \
  -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address 2>&1 | grep -E "error|warning: " || true
B="$SCRATCH/debug"
[ -f "$B/Modules/AirlockStore.swiftmodule" ] || { echo "fuzz: the instrumented build failed" >&2; exit 1; }
YAML_MODULE_MAP=$(find "$SCRATCH/checkouts/Yams/Sources/CYaml/include" -name module.modulemap | head -1)
# The objects of today's sources only (a file deleted or moved since an earlier build leaves a stale object).
OBJECTS=("$B"/Yams.build/*.o "$B"/CYaml.build/src/*.o)
for target in AirlockCore AirlockStore; do
  while IFS= read -r source; do
    OBJECTS+=("$B/$target.build/$(basename "$source").o")
  done < <(find "Sources/$target" -name '*.swift')
done

failed=()
for t in "${TARGETS[@]}"; do
  [ -f "fuzz/Targets/$t.swift" ] || { echo "fuzz: no target $t" >&2; exit 2; }
  # lld, because gold warns about every sanitizer symbol it cannot export.
  swiftc -parse-as-library -sanitize=fuzzer,address -g -use-ld=lld -I "$B/Modules" \
    -Xcc -fmodule-map-file="$YAML_MODULE_MAP" fuzz/Targets/Fuzz.swift "fuzz/Targets/$t.swift" "${OBJECTS[@]}" \
    -o "$SCRATCH/fuzz-$t" 2>&1 | grep -v "Cannot export local symbol" || true
  [ -x "$SCRATCH/fuzz-$t" ] || { echo "fuzz: $t did not build" >&2; exit 1; }
  mkdir -p "$SCRATCH/corpus/$t" "$SCRATCH/artifacts/$t"
  start=$(date +%s)
  # One worker: the machine is shared; -rss_limit_mb and -timeout turn a blow-up or a hang into a failure.
  options=(-max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
           -artifact_prefix="$SCRATCH/artifacts/$t/")
  if SWIFT_BACKTRACE=enable=no "$SCRATCH/fuzz-$t" "${options[@]}" "$SCRATCH/corpus/$t" "fuzz/corpus/$t" \
      >"$SCRATCH/fuzz-$t.log" 2>&1; then
    runs=$(grep -o "stat::number_of_executed_units: *[0-9]*" "$SCRATCH/fuzz-$t.log" | grep -o "[0-9]*$" || echo "?")
    echo "fuzz: $t clean ($runs runs in $(( $(date +%s) - start )) s)"
  else
    echo "fuzz: $t FAILED; log: $SCRATCH/fuzz-$t.log; input: $(ls "$SCRATCH/artifacts/$t" | head -1)" >&2
    grep -a -E "broken promise|ERROR: AddressSanitizer|ERROR: libFuzzer|Fatal error|SUMMARY" "$SCRATCH/fuzz-$t.log" \
      | head -5 >&2
    failed+=("$t")
  fi
done
[ ${#failed[@]} -eq 0 ] || { echo "fuzz: failed: ${failed[*]}" >&2; exit 1; }
