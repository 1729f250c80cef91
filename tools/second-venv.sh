#!/usr/bin/env bash
# A second virtual environment on a newer Python (3.13 or 3.12, from the system or pyenv),
# so `make test` runs the soak test on two Pythons: 3.11, whose None is reference-counted,
# and a newer one. Where neither is found it says so and the soak test skips that run.
set -euo pipefail
venv=$1
candidates=(python3.13 python3.12)
root=${PYENV_ROOT:-$HOME/.pyenv}
for v in 3.13 3.12; do
  for p in "$root"/versions/"$v".*/bin/python"$v"; do [ -x "$p" ] && candidates+=("$p"); done
done
for python in "${candidates[@]}"; do
  if "$python" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
    echo "Second Python for the soak test: $("$python" --version) ($python)"
    "$python" -m venv "$venv"
    "$venv/bin/pip" install -q --upgrade pip
    "$venv/bin/pip" install -q -e .
    exit 0
  fi
done
echo "No Python 3.12 or newer found; the soak test runs on $(python3 --version 2>&1) only."
