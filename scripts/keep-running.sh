#!/usr/bin/env bash
# Run a command, and run it again whenever it exits, until this script is
# told to stop (SIGTERM or SIGINT, which it passes on to the command).
#
#   scripts/keep-running.sh <command> [args...]
#
# `make demo` runs its Celery worker and beat through this under honcho,
# which has no restart of its own (it stops everything when one process
# ends): a worker that dies comes back by itself. Waits 1 s before the first
# restart, doubling up to 30 s while the command keeps dying within a
# minute (KEEP_RUNNING_DELAY, whole seconds, sets the first wait).
set -u

[[ $# -gt 0 ]] || { echo "usage: $0 <command> [args...]" >&2; exit 2; }

first_delay=${KEEP_RUNNING_DELAY:-1}
delay=$first_delay
child=""
stopping=""

stop() {
  stopping=1
  if [[ -n $child ]]; then kill -TERM "$child" 2>/dev/null; fi
}
trap stop TERM INT

while :; do
  started=$SECONDS
  # A background job ignores SIGINT unless told otherwise (Ctrl-C in a
  # terminal reaches the whole process group, the command included).
  (trap - INT QUIT; exec "$@") &
  child=$!
  # `wait` returns early when a signal arrives: wait until the child is gone.
  while :; do
    wait "$child"
    rc=$?
    kill -0 "$child" 2>/dev/null || break
  done
  child=""
  [[ -z $stopping ]] || exit "$rc"
  if ((SECONDS - started >= 60)); then delay=$first_delay; fi
  echo "keep-running: '$1' exited with status $rc; starting it again in ${delay}s" >&2
  sleep "$delay" &
  child=$!
  wait "$child" 2>/dev/null
  child=""
  [[ -z $stopping ]] || exit 0
  delay=$((delay * 2 > 30 ? 30 : delay * 2))
done
