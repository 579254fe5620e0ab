#!/usr/bin/env bash
# Run a command against throw-away PostgreSQL and Redis servers.
#
#   scripts/with-services.sh <command> [args...]
#
# Both servers live in a fresh temp dir, listen on free ports on 127.0.0.1 and
# are torn down (and the dir deleted) when the command ends, fails or is
# interrupted. The command sees DATABASE_URL and REDIS_URL (plus
# SAMVERKAN_PG_BINDIR, SAMVERKAN_PG_DATA and SAMVERKAN_PG_USER, for a test that
# restarts PostgreSQL) and its exit code becomes ours. Missing server packages
# are installed with apt-get (Debian).
set -euo pipefail

log() { echo "with-services: $*" >&2; }
die() { log "error: $*"; exit 1; }
[[ $# -gt 0 ]] || die "usage: $0 <command> [args...]"

SUDO=(); [[ $EUID -eq 0 ]] || SUDO=(sudo)

# apt-get install, refreshing the package lists only if the first try fails.
apt_install() {
  log "installing $*"
  local apt=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get)
  "${apt[@]}" install -y "$@" >&2 || { "${apt[@]}" update >&2 && "${apt[@]}" install -y "$@" >&2; }
}

# Newest /usr/lib/postgresql/*/bin, else `pg_config --bindir`, else PATH.
find_pg_bindir() {
  local d
  for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV); do
    [[ -x $d/initdb ]] && { echo "$d"; return; }
  done
  d=$(pg_config --bindir 2>/dev/null) && [[ -x $d/initdb ]] && { echo "$d"; return; }
  d=$(command -v initdb) && dirname "$d"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

redis_ping() {
  if command -v redis-cli >/dev/null; then
    [[ $(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null) == PONG ]]
  else  # speak the protocol by hand over bash's /dev/tcp
    (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'PING\r\n' >&3 && read -r -t 2 l <&3 && [[ $l == +PONG* ]]) 2>/dev/null
  fi
}

# initdb/postgres refuse to run as root: use the `postgres` system user then.
# (cd into the temp dir so that user is not left in an unreadable cwd.)
as_pg() {
  if [[ $EUID -eq 0 ]]; then (cd "$TMP" && runuser -u postgres -- "$@"); else "$@"; fi
}

# --- 1. make sure the servers are installed ----------------------------------
PGBIN=$(find_pg_bindir) || true
if [[ -z $PGBIN ]]; then
  apt_install postgresql
  PGBIN=$(find_pg_bindir) || die "no PostgreSQL server found even after installing"
fi
command -v redis-server >/dev/null || apt_install redis-server
command -v python3 >/dev/null || die "python3 is needed to find free ports"

# --- cleanup: always runs on exit -------------------------------------------
TMP="" CHILD="" PG_STARTED="" REDIS_PORT=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if [[ -n $CHILD ]] && kill -0 "$CHILD" 2>/dev/null; then kill -TERM "$CHILD"; wait "$CHILD"; fi
  if [[ -n $PG_STARTED ]]; then
    log "stopping PostgreSQL"
    as_pg "$PGBIN/pg_ctl" -D "$TMP/pgdata" -m fast -w stop >/dev/null 2>&1 ||
      as_pg "$PGBIN/pg_ctl" -D "$TMP/pgdata" -m immediate -w stop >/dev/null 2>&1
  fi
  if [[ -s $TMP/redis.pid ]]; then
    log "stopping Redis"
    local pid i; pid=$(<"$TMP/redis.pid")
    kill -TERM "$pid" 2>/dev/null
    for i in {1..50}; do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  elif [[ -n $REDIS_PORT ]]; then  # started but pidfile not written yet
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1
  fi
  [[ -n $TMP ]] && rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
# Before the command runs, a signal just ends the script (cleanup runs via EXIT).
trap 'exit 130' INT
trap 'exit 143' TERM

TMP=$(mktemp -d)
if [[ $EUID -eq 0 ]]; then
  id -u postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  chown postgres: "$TMP"
fi

# --- 2. PostgreSQL -----------------------------------------------------------
log "initialising PostgreSQL cluster ($PGBIN) in $TMP"
as_pg "$PGBIN/initdb" -D "$TMP/pgdata" -U postgres -E UTF8 --locale=C.UTF-8 \
  --auth-local=trust --auth-host=trust >"$TMP/initdb.log" 2>&1 || { cat "$TMP/initdb.log" >&2; die "initdb failed"; }
cat >>"$TMP/pgdata/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$TMP'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
for attempt in 1 2 3; do  # retry in case another process grabbed the port
  PGPORT=$(free_port)
  if as_pg "$PGBIN/pg_ctl" -D "$TMP/pgdata" -l "$TMP/pg.log" -o "-p $PGPORT" -w start >/dev/null; then
    PG_STARTED=1; break
  fi
  [[ $attempt -lt 3 ]] || { cat "$TMP/pg.log" >&2; die "PostgreSQL did not start"; }
done
PG=(-h 127.0.0.1 -p "$PGPORT" -U postgres)
"$PGBIN/createuser" "${PG[@]}" --superuser samverkan
"$PGBIN/createdb" "${PG[@]}" --owner samverkan samverkan

# --- 3. Redis ----------------------------------------------------------------
for attempt in 1 2 3; do
  REDIS_PORT=$(free_port)
  log "starting Redis on port $REDIS_PORT"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
    --daemonize yes --pidfile "$TMP/redis.pid" --logfile "$TMP/redis.log" --dir "$TMP"
  for i in {1..50}; do redis_ping "$REDIS_PORT" && break 2; sleep 0.1; done
  [[ $attempt -lt 3 ]] || { cat "$TMP/redis.log" >&2; die "Redis did not answer PING"; }
  kill -KILL "$(cat "$TMP/redis.pid" 2>/dev/null)" 2>/dev/null || true; rm -f "$TMP/redis.pid"  # slow starter?
done

# --- 4. run the command ------------------------------------------------------
export DATABASE_URL="postgres://samverkan@127.0.0.1:$PGPORT/samverkan"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
# For tests that stop and start this PostgreSQL (tests/integration/
# test_faults_postgres.py): its binaries, data dir and the user that runs it.
export SAMVERKAN_PG_BINDIR="$PGBIN" SAMVERKAN_PG_DATA="$TMP/pgdata"
export SAMVERKAN_PG_USER; SAMVERKAN_PG_USER=$([[ $EUID -eq 0 ]] && echo postgres || id -un)
log "DATABASE_URL=$DATABASE_URL REDIS_URL=$REDIS_URL"

# Run it in the background and `wait`, so SIGTERM reaches us at once (a
# foreground child would delay our traps until it exits). `trap -` restores
# SIGINT, which bash ignores in background jobs; `<&0` keeps stdin usable.
( trap - INT QUIT; exec "$@" ) <&0 &
CHILD=$!
# Ctrl-C in a terminal already hits the whole foreground process group, child
# included; forward SIGINT only if it was sent to this script alone.
# /proc/$$/stat fields: pid comm state ppid pgrp session tty_nr tpgid ...
forward_int() { local f; read -ra f <"/proc/$$/stat"; [[ ${f[4]} == "${f[7]}" ]] || kill -INT "$CHILD" 2>/dev/null || true; }
trap forward_int INT
trap 'kill -TERM "$CHILD" 2>/dev/null || true' TERM
set +e
while :; do
  wait "$CHILD"; rc=$?
  kill -0 "$CHILD" 2>/dev/null || break  # still alive: wait was cut short by a signal
done
CHILD=""
exit "$rc"
