#!/usr/bin/env bash
# Installs what the workspace needs on a machine with only Node.js 20 and npm: the pinned pnpm, then the
# locked dependencies. Safe to run again: each step is skipped or quick when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.4.2
export TURBO_TELEMETRY_DISABLED=1

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "Installing pnpm $PNPM_VERSION (npm i -g)..."
  if ! npm install --global --allow-scripts=pnpm "pnpm@$PNPM_VERSION" >/dev/null; then
    echo "Could not install pnpm globally. Install it yourself: npm i -g pnpm@$PNPM_VERSION" >&2
    exit 1
  fi
fi

pnpm install --frozen-lockfile
