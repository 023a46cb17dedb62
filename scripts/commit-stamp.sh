#!/bin/sh
# The commit `airlock --version` names, as Swift: run before every build by the CommitStamp plugin.
#   commit-stamp.sh PACKAGE_DIR OUT_DIR     writes OUT_DIR/BuildCommit.swift (only when its text changes)
# The short commit, "-dirty" when a tracked file differs from it, or "unknown commit" outside a git work tree.
# Only a work tree whose top is the package folder counts (a source tarball unpacked inside some other repository
# is "unknown commit", not that repository's commit). git runs with --no-optional-locks: nothing is written to the
# work tree or its index.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_CEILING_DIRECTORIES
dir=$1 out=$2
mkdir -p "$out" || exit 1
id="unknown commit"
top=$(git -C "$dir" rev-parse --show-toplevel 2>/dev/null) &&
  [ "$(cd "$top" 2>/dev/null && pwd -P)" = "$(cd "$dir" && pwd -P)" ] &&
  short=$(git -C "$dir" rev-parse --short=7 --verify -q HEAD 2>/dev/null) &&
  case $short in *[!0-9a-f]*|'') false ;; *) true ;; esac && {
    id=$short
    changes=$(git -C "$dir" --no-optional-locks status --porcelain --untracked-files=no 2>/dev/null) ||
      changes=unknown
    [ -z "$changes" ] || id="$short-dirty"
  }
tmp="$out/.BuildCommit.swift.$$"
{
  echo '// Generated before each build by the CommitStamp plugin (scripts/commit-stamp.sh): do not edit.'
  echo 'enum BuildCommit {'
  echo '    /// The short commit this binary was built from, "-dirty" if the tree differed from it.'
  echo "    static let id = \"$id\""
  echo '}'
} > "$tmp" || { rm -f "$tmp"; exit 1; }
if cmp -s "$tmp" "$out/BuildCommit.swift"; then rm -f "$tmp"; else mv -f "$tmp" "$out/BuildCommit.swift"; fi
