#!/usr/bin/env bash
# Every test: lint, canonical Turtle, and the pytest suite (unit, build, browser, endpoint).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-env.sh
.venv/bin/ruff check scripts tests
.venv/bin/mcg format --check
.venv/bin/python -m pytest "$@"
