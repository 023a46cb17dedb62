#!/usr/bin/env bash
# Style: swift format's strict lint over every Swift file (configuration: .swift-format), and no line past
# 120 columns (the formatter leaves long string literals alone). Generated files opt out with
# `// swift-format-ignore-file`. `swift format -i -r Sources Tests` fixes most findings.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find Package.swift Plugins Sources Tests fuzz -name '*.swift' -not -path '*/.build*' | sort)
swift format lint --strict --parallel "${files[@]}"
long=0
for f in "${files[@]}"; do
  grep -q '^// swift-format-ignore-file' "$f" && continue
  if awk -v f="$f" 'length > 120 { printf "%s:%d: line is %d columns (at most 120)\n", f, FNR, length; bad=1 }
      END { exit bad }' "$f"; then :; else long=1; fi
done
[ "$long" -eq 0 ] || { echo "lint: lines past 120 columns"; exit 1; }
echo "lint: ${#files[@]} files clean"
