#!/usr/bin/env bash
# Every test: lint, canonical Turtle, and the pytest suite (unit, build, browser).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-env.sh
# Browser tests drive Debian's Chromium (never a downloaded browser); install it when missing and allowed.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "error: the browser tests need Debian's chromium: sudo apt-get install chromium" >&2
    exit 2
  fi
fi
export NO_MKDOCS_2_WARNING=1
.venv/bin/ruff check scripts tests
.venv/bin/mcg format --check
.venv/bin/python -m pytest "$@"
