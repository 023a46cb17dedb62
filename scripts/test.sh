#!/usr/bin/env bash
# Every test: unit and integration tests (swift test), the baseline cross-check of the rules, then the
# end-to-end tests of the real binary in tmux.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
swift test

# airlock and the independent Python baseline must agree on a generated root (correctness, not speed:
# the figures are bench/run.sh's job).
python3 -c 'import yaml' 2>/dev/null || pip install -q pyyaml
SMOKE=$(mktemp -d)
trap 'rm -rf "$SMOKE"' EXIT
python3 bench/generate.py "$SMOKE/root" --envs 12 --services 40 --releases 150
python3 bench/compare.py "$SMOKE/root" --airlock .build/debug/airlock --runs 1 | grep -E "same pending|pending:"

bash scripts/e2e.sh
