#!/usr/bin/env bash
# The main job: set up, validate the ontology, write the downloads, build the site into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-env.sh
# validate (with the query files), export to dist/, build the site; site/ and dist/ change only when all succeed
.venv/bin/mcg build --dist dist
echo "Done: the site is in site/ (open it with: .venv/bin/python -m http.server -d site 8000, then http://127.0.0.1:8000/); downloads are in dist/."
