#!/usr/bin/env bash
# A stand-in for CD, run by airlock as the pipeline's promote hook (airlock.yaml):
#   hooks:
#     promote: [./deploy-hook.sh, "{environment}", "{version}"]
# It reads the request airlock just wrote (promotions/ENV.yaml), "deploys" it, and reports the environment's new
# state with `airlock report`, as a real CD job would once the rollout finished. The hook runs in the status
# root, after the request is recorded and the root's lock released.
#
# Environment: AIRLOCK (the airlock binary, default: airlock on PATH), DEPLOY_HEALTH (the health the new
# version comes up with, default healthy: set it to down to play a broken rollout).
set -euo pipefail

env_name=${1:?usage: deploy-hook.sh ENVIRONMENT VERSION}
version=${2:?usage: deploy-hook.sh ENVIRONMENT VERSION}
airlock=${AIRLOCK:-airlock}

# The request names what to deploy; a hook that disagrees with it deploys nothing.
requested=$(sed -n 's/^version:[[:space:]]*//p' "promotions/$env_name.yaml" | tr -d '\r"'"'" | head -n 1)
if [ "$requested" != "$version" ]; then
  echo "deploy-hook: promotions/$env_name.yaml asks for '$requested', not $version: nothing deployed" >&2
  exit 1
fi

echo "deploy-hook: deploying $version to $env_name"
# ... the real rollout goes here (kubectl, helm, ansible, a CD API call) ...
"$airlock" report "$env_name" --root . --version "$version" --health "${DEPLOY_HEALTH:-healthy}" --by cd
