#!/usr/bin/env bash
# The man page of an airlock binary: swift-argument-parser's manual generator (the tool behind `swift package
# plugin generate-manual`) run over the binary, which describes its commands through --experimental-dump-help.
#   scripts/manual.sh BINARY OUTDIR      writes OUTDIR/airlock.1
# The plugin builds the tool (offline, from the package's own copy of swift-argument-parser); it is built in a
# scratch folder of its own, .build-manual, so this works while another swift command holds .build.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: scripts/manual.sh BINARY OUTDIR" >&2; exit 2; }
binary=$1 outdir=$2
here=$(cd "$(dirname "$0")/.." && pwd -P)
scratch=$here/.build-manual

if command -v swift >/dev/null 2>&1; then
  # `--help` makes the plugin build its tool and stop before building this package's products.
  (cd "$here" && swift package --scratch-path "$scratch" plugin generate-manual --help >/dev/null) ||
    { echo "manual.sh: swift package plugin generate-manual could not build the manual generator" >&2; exit 1; }
fi
tool=""
for candidate in "$scratch"/*/debug/generate-manual-tool; do
  [ -x "$candidate" ] && tool=$candidate
done
[ -n "$tool" ] || { echo "manual.sh: no manual generator in $scratch and no swift to build one" >&2; exit 1; }

# The page's date is the commit's (the same source gives the same page), else today's.
date=$(git -C "$here" log -1 --format=%cs 2>/dev/null) || date=""
[ -n "$date" ] || date=$(date -u +%Y-%m-%d)
mkdir -p "$outdir"
timeout -k 5 60 "$tool" "$binary" --date "$date" --output-directory "$outdir"
[ -s "$outdir/airlock.1" ] || { echo "manual.sh: the generator wrote no airlock.1 in $outdir" >&2; exit 1; }
