#!/usr/bin/env bash
# Every test: unit and integration tests (swift test), then the end-to-end tests of the real binary in tmux.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
swift test
bash scripts/e2e.sh
