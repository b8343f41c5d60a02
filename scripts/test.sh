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
# The content-negotiation tests run Debian's Apache (their own instance on 127.0.0.1, never the system service).
if [ ! -x /usr/sbin/apache2 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's apache2 for the content-negotiation tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq apache2 >/dev/null
  else
    echo "error: the content-negotiation tests need Debian's apache2: sudo apt-get install apache2" >&2
    exit 2
  fi
fi
# The accessibility tests inject axe-core (pinned in tests/axe-core.version) from npm into Chromium.
axe_version="$(cat tests/axe-core.version)"
if ! grep -qs "\"version\": \"$axe_version\"" .cache/axe/node_modules/axe-core/package.json; then
  echo "installing axe-core $axe_version (npm) for the accessibility tests..."
  npm install --silent --no-save --no-audit --no-fund --prefix .cache/axe "axe-core@$axe_version" >/dev/null
fi
export NO_MKDOCS_2_WARNING=1
.venv/bin/ruff check scripts tests
.venv/bin/mcg format --check
.venv/bin/python -m pytest "$@"
