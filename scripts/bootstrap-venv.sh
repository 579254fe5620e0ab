#!/usr/bin/env bash
# Create the virtualenv and install Samverkan with its dev, PostgreSQL, Redis
# and server extras, pinned by requirements.lock. On Debian, python3 -m venv
# needs the python3-venv package: install it when venv creation fails.
#
# uv installs the locked dependencies, at their versions and hashes, then
# Samverkan itself from this tree: 6 s in all where pip took 31 (measured
# 2026-12-05 on a fresh clone). pip installs only uv, pinned and hashed in
# requirements.lock, into a scratch folder; the virtualenv gets no pip of its
# own when the given Python has one (ensurepip alone took 5 s). Nothing is
# compiled up front: Python compiles what is imported when it is first
# imported, which needs bytecode writing on (the Makefile unexports
# PYTHONDONTWRITEBYTECODE).
set -euo pipefail
python=${1:-python3}
venv=${2:-.venv}

venv_options=()
"$python" -m pip --version >/dev/null 2>&1 && venv_options=(--without-pip)
if [[ ! -x $venv/bin/python ]]; then
  if ! "$python" -m venv "${venv_options[@]}" "$venv" 2>/dev/null; then
    echo "bootstrap: installing python3-venv" >&2
    sudo_cmd=(); [[ $EUID -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv >&2 \
      || { "${sudo_cmd[@]}" apt-get update >&2 && "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv >&2; }
    rm -rf "$venv"
    "$python" -m venv "${venv_options[@]}" "$venv"
  fi
fi
pip=("$python" -m pip)
[[ ${#venv_options[@]} -gt 0 ]] || pip=("$venv/bin/python" -m pip)

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
awk '/^uv==/ { found = 1 } found { print } found && !/\\$/ { exit }' requirements.lock >"$scratch/uv.txt"
grep -q '^uv==' "$scratch/uv.txt" || { echo "bootstrap: requirements.lock pins no uv: run make lock" >&2; exit 1; }
"${pip[@]}" install --quiet --root-user-action=ignore --require-hashes --no-deps --target "$scratch/uv" -r "$scratch/uv.txt"

uv() { "$scratch/uv/bin/uv" pip "$1" --quiet --python "$venv/bin/python" "${@:2}"; }
uv install --require-hashes --no-deps -r requirements.lock
uv install --no-deps -e .
uv check >&2 || {
  echo "bootstrap: pyproject.toml needs what requirements.lock does not pin: run make lock" >&2
  exit 1
}
