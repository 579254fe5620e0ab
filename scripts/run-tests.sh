#!/usr/bin/env bash
# The whole suite in three parts (run by `make test`, inside scripts/with-services.sh):
#
#   1. every test that can share the services, on every core (pytest-xdist;
#      each worker has its own test database and Redis database, see
#      config/settings/test.py). Tests are handed out one by one in
#      pytest-django's order, so on every worker the transactional tests
#      (which empty the database when they end) come after the others;
#      handing out whole modules (--dist loadfile) broke that order. Only the
#      tests over the demo data (tests/demo/seeded/, seeded once) go out as
#      one unit, first (see tests/conftest.py);
#   2. at the same time, the tests marked `own_services` (they stop and
#      restart PostgreSQL or Redis, or kill and wait on worker processes; and
#      the long browser walks, with longer timeouts) one at a time, on a
#      PostgreSQL and a Redis of their own (a second scripts/with-services.sh).
#      They spend much of their time waiting for restarts, retries and
#      timeouts, and this part ends minutes before the first; their output
#      follows the first part's;
#   3. the tests marked `exclusive` (a timing measurement), alone.
#
# Arguments go to every part. TEST_WORKERS sets the number of workers
# (default: one per core). Fails if any part fails.
set -uo pipefail
cd "$(dirname "$0")/.."
pytest=${PYTEST:-.venv/bin/pytest}
workers=${TEST_WORKERS:-auto}

# pytest's "no tests ran" (5) is not a failure: not every selection has tests
# of every part.
ok() { [[ $1 -eq 0 || $1 -eq 5 ]]; }

own_log=$(mktemp)
trap 'rm -f "$own_log"; [[ -n ${own_pid:-} ]] && kill -TERM "$own_pid" 2>/dev/null' EXIT
scripts/with-services.sh "$pytest" -p no:cacheprovider -m "own_services" --durations=10 "$@" >"$own_log" 2>&1 &
own_pid=$!

"$pytest" -n "$workers" --dist load -m "not exclusive and not own_services" --durations=25 "$@"
parallel=$?

wait "$own_pid"
own=$?
own_pid=""
echo "run-tests: the tests with services of their own (ran beside the parallel part):" >&2
cat "$own_log"

"$pytest" -m "exclusive" --durations=5 "$@"
alone=$?

echo "run-tests: parallel part exit $parallel, own-services part exit $own, exclusive part exit $alone" >&2
ok $parallel && ok $own && ok $alone
