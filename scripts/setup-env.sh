#!/usr/bin/env bash
# Creates ./.venv with the pinned dependencies and the glossary package, once per change of the pins.
# Sourced by build.sh and test.sh; safe to run again (it does nothing when the pins have not changed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 \
       && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      PYTHON="$candidate"; break
    fi
  done
fi
if [ -z "$PYTHON" ]; then
  echo "error: Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)" >&2
  exit 2
fi

if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON" -m venv .venv 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
      "$PYTHON" -m venv .venv
    else
      echo "error: '$PYTHON -m venv' failed; install python3-venv" >&2
      exit 2
    fi
  fi
fi

stamp=".venv/.installed-$(cat requirements.txt pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "setting up .venv (pinned dependencies from requirements.txt)..."
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# The query page's browser code from npm, pinned by scripts/web/package-lock.json: Oxigraph's WebAssembly build and
# CodeMirror 6 with a SPARQL mode, bundled by esbuild into .cache/web/dist/, which the site build copies from
# (sparql/query_editor.py). Done again only when the pins or the bundle's entry change.
web_stamp=".cache/web/.installed-$(cat scripts/web/package.json scripts/web/package-lock.json scripts/web/editor.js \
  | sha256sum | cut -c1-16)"
if [ ! -f "$web_stamp" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "installing Debian's npm for the query page..."
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
    else
      echo "error: the site's query page needs npm: sudo apt-get install npm" >&2
      exit 2
    fi
  fi
  echo "setting up the query page's npm packages (pinned in scripts/web/package-lock.json)..."
  rm -rf .cache/web
  mkdir -p .cache/web/dist/oxigraph
  cp scripts/web/package.json scripts/web/package-lock.json scripts/web/editor.js .cache/web/
  # no install scripts: esbuild's binary comes as a package of its own, and nothing else needs one
  npm ci --silent --ignore-scripts --no-audit --no-fund --prefix .cache/web >/dev/null
  .cache/web/node_modules/.bin/esbuild .cache/web/editor.js --bundle --format=esm --minify --target=es2020 \
    --log-level=warning --outfile=.cache/web/dist/editor.js
  cp .cache/web/node_modules/oxigraph/web.js .cache/web/node_modules/oxigraph/web_bg.wasm .cache/web/dist/oxigraph/
  # the licences of what the site ships (the bundle and Oxigraph), beside them
  for package in .cache/web/node_modules/{@codemirror/*,@lezer/*,@marijn/*,codemirror-lang-sparql,crelt,style-mod,w3c-keyname,oxigraph}; do
    [ -f "$package/package.json" ] || continue
    licence="$(ls "$package" | grep -iE '^licen[cs]e' | head -1 || true)"
    {
      echo "== $(grep -m1 '"name"' "$package/package.json" | cut -d'"' -f4)" \
        "$(grep -m1 '"version"' "$package/package.json" | cut -d'"' -f4)"
      if [ -n "$licence" ]; then cat "$package/$licence"; else grep -m1 '"license"' "$package/package.json"; fi
      echo
    } >> .cache/web/dist/LICENSES.txt
  done
  touch "$web_stamp"
fi
