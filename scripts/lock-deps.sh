#!/usr/bin/env bash
# Pin every package Samverkan installs, with hashes, from pyproject.toml:
#
#   requirements.lock        the dependencies and the dev, postgres, redis and
#                            server extras (what `make demo`/`make test` install)
#   requirements-bench.lock  the same plus the bench extra (locust), for
#                            benchmarks/load.py; constrained to the first
#   requirements-runtime.lock  only what runs in production (the dependencies
#                            and the postgres, redis and server extras, no
#                            dev tools): what docker/Dockerfile installs;
#                            constrained to the first
#
# Run it (`make lock`) after changing the dependencies in pyproject.toml, and
# commit both files: pins that still fit are kept; `make lock UPGRADE=1`
# moves every pin to the newest allowed version. pip-tools runs in a
# throw-away virtualenv, so the project's own .venv is not touched.
set -euo pipefail
python=${1:-python3}
cd "$(dirname "$0")/.."

tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
"$python" -m venv "$tools"
"$tools/bin/python" -m pip install --quiet "pip-tools>=7.4"

compile() {
  # No index or find-links options in the output: those are the machine's.
  "$tools/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras \
    --no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
    ${UPGRADE:+--upgrade} "$@" pyproject.toml
}
compile --extra dev --extra postgres --extra redis --extra server \
  --output-file requirements.lock
compile --extra dev --extra postgres --extra redis --extra server --extra bench \
  --constraint requirements.lock --output-file requirements-bench.lock
compile --extra postgres --extra redis --extra server \
  --constraint requirements.lock --output-file requirements-runtime.lock
echo "lock-deps: wrote requirements.lock, requirements-bench.lock and requirements-runtime.lock" >&2
