#!/usr/bin/env bash
# The main job: set up, validate the ontology, write the downloads.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-env.sh
.venv/bin/mcg validate
.venv/bin/mcg export --out dist
echo "Done: downloads are in dist/."
