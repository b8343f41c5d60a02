#!/usr/bin/env bash
# Every test: lint, canonical Turtle, and the pytest suite (unit, build, browser).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-env.sh
# Install a Debian package a group of tests needs, when it is missing and we may (root with apt-get).
need_debian_package() {  # $1: file that proves it is there, $2: package, $3: which tests need it
  [ -e "$1" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's $2 for the $3 tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else
    echo "error: the $3 tests need Debian's $2: sudo apt-get install $2" >&2
    exit 2
  fi
}
# Browser tests drive Debian's Chromium (never a downloaded browser); the content-negotiation tests run their
# own Apache instance on 127.0.0.1 (never the system service).
need_debian_package /usr/bin/chromium chromium browser
need_debian_package /usr/sbin/apache2 apache2 content-negotiation
# ... and their own nginx, with the njs module the published nginx configuration needs
need_debian_package /usr/sbin/nginx nginx content-negotiation
need_debian_package /usr/lib/nginx/modules/ngx_http_js_module.so libnginx-mod-http-js content-negotiation
# The download tests load every RDF file with a third-party parser, Raptor's rapper (and owlready2, PyLD from PyPI)
need_debian_package /usr/bin/rapper raptor2-utils downloads
command -v npm >/dev/null 2>&1 || need_debian_package /usr/bin/npm npm accessibility
# The accessibility tests inject axe-core (pinned in tests/axe-core.version) from npm into Chromium.
axe_version="$(cat tests/axe-core.version)"
if ! grep -qs "\"version\": \"$axe_version\"" .cache/axe/node_modules/axe-core/package.json; then
  echo "installing axe-core $axe_version (npm) for the accessibility tests..."
  npm install --silent --no-save --no-audit --no-fund --prefix .cache/axe "axe-core@$axe_version" >/dev/null
fi
.venv/bin/ruff check scripts tests
.venv/bin/ruff format --check scripts tests
.venv/bin/mcg format --check
# Two processes, each running whole test files: much of the suite waits on Chromium, servers and subprocesses.
# Arguments go to pytest (`-n 0` runs everything in one process).
.venv/bin/python -m pytest -n 2 --dist loadfile "$@"
