#!/usr/bin/env bash
# Runs every test of the named packages alone, one process each, and
# counts those that fail alone (a test that passes only after another has
# run leans on that other test's leftovers). With --subtests, every subtest
# is also run alone (`-run '^TestX$/^Sub$'`), which takes much longer.
#
#   scripts/each-test-alone.sh [--subtests] ./internal/store/ [./internal/web/ ...]
#
# Environment passes through, so GOLDTHREAD_TEST_POSTGRES runs the store
# tests on PostgreSQL too. Exit 1 when any test fails alone.
set -uo pipefail
cd "$(dirname "$0")/.."

subtests=false
if [ "${1:-}" = "--subtests" ]; then subtests=true; shift; fi
[ $# -gt 0 ] || { echo "usage: $0 [--subtests] PACKAGE..." >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
total=0 failed=0
: > "$work/failed"

# anchored turns TestX/Sub name into -run's anchored form ^TestX$/^Sub$.
anchored() { local IFS=/ out=() part; for part in $1; do out+=("^$(printf '%s' "$part" | sed 's/[][().*+?{}|^$\\]/\\&/g')\$"); done; printf '%s' "${out[*]}"; }

for pkg in "$@"; do
  bin="$work/$(basename "$pkg").test"
  go test -c -o "$bin" "$pkg" || { echo "$pkg: does not build" >&2; exit 1; }
  [ -x "$bin" ] || continue # no test files
  dir=$(go list -f '{{.Dir}}' "$pkg")
  names=$(cd "$dir" && "$bin" -test.list '^Test' | grep '^Test')
  if $subtests; then
    # The subtests each top-level test runs, read from one verbose run.
    names=$(cd "$dir" && "$bin" -test.run '^Test' -test.v -test.count=1 2>/dev/null |
      sed -n 's/^=== RUN   //p' | sort -u)
  fi
  for name in $names; do
    total=$((total + 1))
    if ! (cd "$dir" && "$bin" -test.run "$(anchored "$name")" -test.count=1 > "$work/out" 2>&1); then
      failed=$((failed + 1))
      echo "$pkg $name" >> "$work/failed"
      echo "FAIL alone: $pkg $name" >&2
      tail -n 15 "$work/out" | sed 's/^/    /' >&2
    fi
  done
done

echo "$total tests run alone, $failed failed alone"
[ "$failed" -eq 0 ]
