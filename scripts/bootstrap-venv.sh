#!/usr/bin/env bash
# Create the virtualenv and install Samverkan with its dev and PostgreSQL
# extras. On Debian, python3 -m venv needs the python3-venv package: install
# it when venv creation fails.
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
"$venv/bin/python" -m pip install --quiet -e ".[dev,postgres,redis,server]"
