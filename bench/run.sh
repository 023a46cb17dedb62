#!/usr/bin/env bash
# Every benchmark, with figures printed (no pass/fail timing in the tests):
#   1. the model layer on the large root (16 environments x 2,000 services, 1,000 releases):
#      full load, single-file reload, rules, frame render, peak memory;
#   2. `airlock status --json` against a plain Python + PyYAML (C loader) script on the same root,
#      side by side, with a check that both give the same pending promotions and blockers;
#   3. the running dashboard through tmux: change-on-disk to on-screen latency and idle CPU
#      (8 environments x 500 services);
#   4. the audit log's contract: status, every write, the dashboard's first frame, memory and idle CPU with
#      the log view open, with an empty and with a seeded 100 MiB audit log;
#   5. the fleet (200 pipelines x 6 environments x 50 services, 30 releases each): the model layer, `status --json`
#      on the fleet against each pipeline alone and against Python + PyYAML, the dashboard on it through tmux.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product airlock >/dev/null
swift build -c release --product AirlockBench >/dev/null
python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null || pip install -q pyyaml
ROOT=$(mktemp -d)
trap 'rm -rf "$ROOT"' EXIT
python3 bench/generate.py "$ROOT/large"
echo "== model layer (bench: AirlockBench) =="
.build/release/AirlockBench "$ROOT/large"
echo
echo "== status --json against Python + PyYAML (bench/compare.py) =="
python3 bench/compare.py "$ROOT/large"
echo
echo "== the live dashboard through tmux (bench/live.py) =="
python3 bench/live.py
echo
echo "== a long audit log (bench/audit.py) =="
python3 bench/audit.py
echo
echo "== the fleet: 200 pipelines x 6 environments x 50 services (bench/generate_fleet.py) =="
python3 bench/generate_fleet.py "$ROOT/bench-fleet"
.build/release/AirlockBench "$ROOT/bench-fleet"
echo
python3 bench/compare_fleet.py "$ROOT/bench-fleet"
echo
python3 bench/fleet.py --fleet "$ROOT/bench-fleet" || echo "(bench/fleet.py: the dashboard's fleet figures need the fleet screen)"
echo
echo "== delivery metrics on a 100,000-line audit log (bench/stats.py) =="
python3 bench/stats.py
