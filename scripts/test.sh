#!/usr/bin/env bash
# Installs what the tests need and runs the whole suite (GUI tests run offscreen).
# Extra arguments go to pytest, e.g. scripts/test.sh -k frameworks
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
if [ $# -eq 0 ]; then
  # The whole run (CI's) lints first: ruff's rules are in pyproject.toml.
  echo "ruff: checking the code"
  .venv/bin/ruff check .
  echo "mypy: checking the core's types"
  .venv/bin/mypy
fi
exec .venv/bin/python -m pytest "$@"
