#!/usr/bin/env bash
# Fails when a file of the repository cites the rules or the feed contract as files outside the
# repository. The rules are docs/rules.md and the input contract docs/feeds.md; a file that names
# the old external documents, or a path into a folder beside the checkout, points where someone who
# clones the repository cannot follow. Prints file:line: text for each offender.
#
# usage: no_external_refs.sh SOURCE_DIR
#
# Files: those git tracks plus untracked ones it does not ignore (so a new file is caught before it
# is added), when SOURCE_DIR is a git checkout; else every file under SOURCE_DIR except build*/,
# node_modules/, console/dist/ and .git/. Binary files are skipped.
set -u
root=${1:?usage: no_external_refs.sh SOURCE_DIR}
cd "$root" || exit 2

# The patterns are put together from pieces, so that this script does not match itself.
md=".md"
patterns=("RULES${md}" "FEEDS${md}" "../""shared")

list_files() {
  if command -v git >/dev/null 2>&1 && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z --cached --others --exclude-standard
  else
    find . \( -path './build*' -o -name node_modules -o -path './console/dist' -o -name .git \) \
      -prune -o -type f -print0
  fi
}

grep_args=(-n -I -s -F)
for p in "${patterns[@]}"; do grep_args+=(-e "$p"); done

# xargs runs grep on batches; -H keeps the file name when a batch holds one file.
offenders=$(list_files | xargs -0 -r grep -H "${grep_args[@]}" --)
if [[ -n "$offenders" ]]; then
  echo "These lines cite documents outside the repository; point them at docs/rules.md or"
  echo "docs/feeds.md (and the section) instead:"
  printf '%s\n' "$offenders" | sed 's|^\./||'
  exit 1
fi
echo "no file cites a document outside the repository"
