#!/usr/bin/env bash
# Entrypoint of the Samverkan image. The first argument names the process:
#
#   web      wait for the database, migrate, then serve with gunicorn
#   worker   Celery worker
#   beat     Celery beat (periodic tasks, e.g. the worker heartbeat)
#   migrate  wait for the database, then migrate and exit
#   seed     load the demo data (manage.py seed_demo)
#   *        any other command is run as given (e.g. `python manage.py shell`)
#
# ENTRYPOINT_DRY_RUN=1 prints the command instead of running it ("exec: ...")
# and skips waiting for the database and migrating ("skip: ..."), so tests can
# check the dispatch without Docker, PostgreSQL or Redis.
set -euo pipefail

DRY_RUN="${ENTRYPOINT_DRY_RUN:-0}"

run_exec() {
    if [[ "$DRY_RUN" == "1" ]]; then
        printf 'exec:'
        printf ' %q' "$@"
        printf '\n'
        exit 0
    fi
    exec "$@"
}

wait_for_db() {
    if [[ "$DRY_RUN" == "1" ]]; then
        echo "skip: wait_for_db"
        return
    fi
    # Retries for DB_WAIT_TIMEOUT seconds (default 60), then gives up.
    python -c '
import os, sys, time

import django

django.setup()
from django.db import connection
from django.db.utils import OperationalError

deadline = time.monotonic() + float(os.environ.get("DB_WAIT_TIMEOUT", "60"))
while True:
    try:
        connection.ensure_connection()
        break
    except OperationalError as error:
        if time.monotonic() >= deadline:
            print(f"wait_for_db: database unavailable: {error}", file=sys.stderr)
            sys.exit(1)
        print("wait_for_db: database not ready, retrying", file=sys.stderr)
        time.sleep(2)
print("wait_for_db: database ready", file=sys.stderr)
'
}

migrate() {
    if [[ "$DRY_RUN" == "1" ]]; then
        echo "skip: migrate"
        return
    fi
    python manage.py migrate --noinput
}

command="${1:-web}"
if [[ $# -gt 0 ]]; then
    shift
fi

case "$command" in
    web)
        wait_for_db
        migrate
        run_exec gunicorn config.wsgi:application \
            --bind "0.0.0.0:${PORT:-8000}" \
            --workers "${WEB_CONCURRENCY:-3}" \
            --access-logfile - \
            "$@"
        ;;
    worker)
        run_exec celery -A config worker \
            --loglevel=INFO \
            "--concurrency=${CELERY_CONCURRENCY:-4}" \
            "$@"
        ;;
    beat)
        run_exec celery -A config beat \
            --loglevel=INFO \
            --schedule=/tmp/celerybeat-schedule \
            "$@"
        ;;
    migrate)
        wait_for_db
        run_exec python manage.py migrate --noinput "$@"
        ;;
    seed)
        wait_for_db
        # The demo app (its commands) is installed for this command only.
        export SAMVERKAN_DEMO_APP=1
        run_exec python manage.py seed_demo "$@"
        ;;
    *)
        run_exec "$command" "$@"
        ;;
esac
