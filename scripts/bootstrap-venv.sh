#!/usr/bin/env bash
# Create the virtualenv and install Samverkan with its dev, PostgreSQL, Redis
# and server extras, pinned by requirements.lock. On Debian, python3 -m venv
# needs the python3-venv package: install it when venv creation fails.
set -euo pipefail
python=${1:-python3}
venv=${2:-.venv}

if [[ ! -x $venv/bin/python ]]; then
  if ! "$python" -m venv "$venv" 2>/dev/null; then
    echo "bootstrap: installing python3-venv" >&2
    sudo_cmd=(); [[ $EUID -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv >&2 \
      || { "${sudo_cmd[@]}" apt-get update >&2 && "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv >&2; }
    rm -rf "$venv"
    "$python" -m venv "$venv"
  fi
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
# Every dependency at the version and hash pinned in requirements.lock
# (scripts/lock-deps.sh makes it from pyproject.toml), then Samverkan itself
# from this tree. --no-compile: Python compiles what is imported when it is
# first imported, instead of pip compiling every installed module up front
# (20 of the 45 seconds of a fresh install, measured 2026-12-05). That needs
# bytecode writing on: the Makefile unexports PYTHONDONTWRITEBYTECODE.
"$venv/bin/python" -m pip install --quiet --no-compile --require-hashes --no-deps -r requirements.lock
"$venv/bin/python" -m pip install --quiet --no-compile --no-deps -e .
"$venv/bin/python" -m pip check >&2 || {
  echo "bootstrap: pyproject.toml needs what requirements.lock does not pin: run make lock" >&2
  exit 1
}
