#!/usr/bin/env bash
# The whole suite in two parts (run by `make test`, inside scripts/with-services.sh):
#
#   1. every test that can share the services, on every core (pytest-xdist;
#      each worker has its own test database and Redis database, see
#      config/settings/test.py). Tests are handed out one by one in
#      pytest-django's order, so on every worker the transactional tests
#      (which empty the database when they end) come after the others;
#      handing out whole modules (--dist loadfile) broke that order;
#   2. the tests marked `exclusive` (they restart PostgreSQL or Redis, or
#      measure response times), alone.
#
# Arguments go to both parts. TEST_WORKERS sets the number of workers
# (default: one per core). Fails if either part fails.
set -uo pipefail
pytest=${PYTEST:-.venv/bin/pytest}
workers=${TEST_WORKERS:-auto}

"$pytest" -n "$workers" --dist load -m "not exclusive" "$@"
parallel=$?
"$pytest" -m exclusive "$@"
alone=$?
[[ $alone -eq 5 ]] && alone=0  # no exclusive test among those asked for
[[ $parallel -eq 5 ]] && parallel=0
echo "run-tests: parallel part exit $parallel, exclusive part exit $alone" >&2
[[ $parallel -eq 0 && $alone -eq 0 ]]
