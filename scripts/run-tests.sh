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
#      the browser tests of the admin, with longer timeouts) one at a time, on a
#      PostgreSQL and a Redis of their own (a second scripts/with-services.sh).
#      They spend much of their time waiting for restarts, retries and
#      timeouts, and this part ends minutes before the first; their output
#      follows the first part's. When the whole suite runs, their server
#      copies the first server's migrated template instead of migrating its
#      own (SAMVERKAN_TEST_TEMPLATE_FROM, tests/db_template.py);
#   3. the tests marked `exclusive` (a timing measurement), alone.
#
# Arguments go to every part. TEST_WORKERS sets the number of workers
# (default: one per core). Fails if any part fails. Without paths among the
# arguments, parts 2 and 3 collect only the modules that write their mark
# (`pytest.mark.own_services`, `pytest.mark.exclusive`; tests/conftest.py
# refuses the mark given any other way), not the whole suite (about 6 s of
# CPU each).
set -uo pipefail
cd "$(dirname "$0")/.."
pytest=${PYTEST:-.venv/bin/pytest}
workers=${TEST_WORKERS:-auto}

# pytest's "no tests ran" (5) is not a failure: not every selection has tests
# of every part.
ok() { [[ $1 -eq 0 || $1 -eq 5 ]]; }

# The modules that write a mark, when no argument names paths (an argument
# not starting with "-" may be a path, or an option's value: then all).
modules_marked() {
  local argument
  for argument in "$@"; do [[ $argument == -* ]] || return 0; done
  grep -rlE --include='test_*.py' "mark\.$mark\b" tests | sort
}
own_modules=$(mark=own_services modules_marked "$@")
alone_modules=$(mark=exclusive modules_marked "$@")

own_log=$(mktemp)
trap 'rm -f "$own_log"; [[ -n ${own_pid:-} ]] && kill -TERM "$own_pid" 2>/dev/null' EXIT
# shellcheck disable=SC2086 # one module path per word
SAMVERKAN_TEST_TEMPLATE_FROM=${own_modules:+$DATABASE_URL} \
  scripts/with-services.sh "$pytest" -p no:cacheprovider -m "own_services" --durations=10 "$@" $own_modules >"$own_log" 2>&1 &
own_pid=$!

"$pytest" -n "$workers" --dist load -m "not exclusive and not own_services" --durations=25 "$@"
parallel=$?

wait "$own_pid"
own=$?
own_pid=""
echo "run-tests: the tests with services of their own (ran beside the parallel part):" >&2
cat "$own_log"

# shellcheck disable=SC2086
"$pytest" -m "exclusive" --durations=5 "$@" $alone_modules
alone=$?

echo "run-tests: parallel part exit $parallel, own-services part exit $own, exclusive part exit $alone" >&2
ok $parallel && ok $own && ok $alone
