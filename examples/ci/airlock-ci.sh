#!/usr/bin/env bash
# The airlock steps of a CI pipeline: the GitHub Actions and GitLab CI examples call these lines, and
# airlock's own tests run them against a temporary root, so what the examples show is what is tested.
#
#   airlock-ci.sh release VERSION [NOTES]   CI cut a release: create releases/VERSION.yaml
#   airlock-ci.sh deployed ENV VERSION      CD put VERSION on ENV and it answers: report it (version, health)
#   airlock-ci.sh promote VERSION ENV       ask for VERSION in ENV (the rules decide; exit 1 when refused)
#   airlock-ci.sh gate VERSION ENV          block until ENV runs VERSION healthy (exit 0), it cannot arrive
#                                           any more or stays down (exit 1), or the time is up (exit 124)
#
# Environment: AIRLOCK_ROOT (the status root), AIRLOCK_USER (whom the audit log names, e.g. ci),
# AIRLOCK (the airlock binary, default: airlock on PATH), AIRLOCK_WAIT_TIMEOUT (default 20m),
# AIRLOCK_FAIL_AFTER (how long the new version may report down before the gate fails, default 2m),
# AIRLOCK_REASON (recorded with a promotion, default: promoted by CI).
set -euo pipefail

airlock=${AIRLOCK:-airlock}
step=${1:-}
case "$step" in
  release)
    "$airlock" release "$2" --notes "${3:-}"
    ;;
  deployed)
    "$airlock" report "$2" --version "$3" --health healthy
    ;;
  promote)
    "$airlock" promote "$2" --to "$3" --yes --reason "${AIRLOCK_REASON:-promoted by CI}"
    ;;
  gate)
    "$airlock" wait "$2" --env "$3" --healthy \
      --timeout "${AIRLOCK_WAIT_TIMEOUT:-20m}" --fail-after "${AIRLOCK_FAIL_AFTER:-2m}"
    ;;
  *)
    echo "usage: airlock-ci.sh release VERSION [NOTES] | deployed ENV VERSION | promote VERSION ENV | gate VERSION ENV" >&2
    exit 2
    ;;
esac
