#!/usr/bin/env bash
# Debian packages the test suite needs beyond Python, in one apt-get run:
# Chromium for the browser tests, the PostgreSQL server and Redis. (
# scripts/with-services.sh still installs a missing server itself when run on
# its own.) `make test` runs this beside lint, audit and docs: on a fresh
# machine the download and unpacking take a core for about half a minute.
set -euo pipefail
sudo_cmd=(); [[ $EUID -eq 0 ]] || sudo_cmd=(sudo)
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null ||
  missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
[[ ${#missing[@]} -eq 0 ]] && exit 0
echo "install-test-tools: installing ${missing[*]}" >&2
apt=("${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get)
"${apt[@]}" install -y "${missing[@]}" >&2 || { "${apt[@]}" update >&2 && "${apt[@]}" install -y "${missing[@]}" >&2; }
