#!/usr/bin/env bash
# The whole test suite: unit tests, the store suite on SQLite (and on
# PostgreSQL when GOLDTHREAD_TEST_POSTGRES is set), HTTP tests, and browser
# tests in headless Chromium with axe-core.
#
# On a fresh machine it needs only Go; without Chromium or npm the browser
# tests skip and say how to enable them. Under CI=true nothing may skip.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v npm >/dev/null 2>&1; then
  if [ ! -f e2e/node_modules/axe-core/axe.min.js ]; then
    npm ci --prefix e2e --no-audit --no-fund --loglevel=error >/dev/null
  fi
else
  echo "npm not found: browser accessibility checks will skip (install Node.js and npm to run them)" >&2
fi

go vet ./...
# staticcheck, pinned: 0 findings is the bar (issue 18).
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...
# A package binary may take longer than go test's 10 minutes on a busy two-core machine.
go test -count=1 -timeout 30m "$@" ./...
