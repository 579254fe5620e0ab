#!/usr/bin/env bash
# Debian packages the test suite needs beyond Python: Chromium for the browser tests. PostgreSQL and Redis are
# installed by scripts/with-services.sh.
set -euo pipefail
sudo_cmd=(); [[ $EUID -eq 0 ]] || sudo_cmd=(sudo)
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ ${#missing[@]} -eq 0 ]] && exit 0
echo "install-test-tools: installing ${missing[*]}" >&2
apt=("${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get)
"${apt[@]}" install -y "${missing[@]}" >&2 || { "${apt[@]}" update >&2 && "${apt[@]}" install -y "${missing[@]}" >&2; }
