#!/usr/bin/env bash
# Installs what the workspace needs on a machine with only Node.js 20 and npm: the pinned pnpm, then the
# locked dependencies; with --browser, Debian's Chromium too (the browser tests drive it). Safe to run again: each
# step is skipped or quick when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.4.2

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "Installing pnpm $PNPM_VERSION (npm i -g)..."
  if ! npm install --global --allow-scripts=pnpm "pnpm@$PNPM_VERSION" >/dev/null; then
    echo "Could not install pnpm globally. Install it yourself: npm i -g pnpm@$PNPM_VERSION" >&2
    exit 1
  fi
fi

pnpm install --frozen-lockfile

if [ "${1:-}" = "--browser" ] && ! command -v "${CHROMIUM_PATH:-chromium}" >/dev/null; then
  echo "Installing Debian's chromium for the browser tests (apt-get)..."
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  if ! { $SUDO apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1 ||
    { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q --no-install-recommends chromium >/dev/null; }; }; then
    echo "Could not install chromium. Install it (apt-get install chromium) or set CHROMIUM_PATH to a Chromium." >&2
    exit 1
  fi
fi
