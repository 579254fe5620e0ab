"""Services queue their Celery tasks by name (cms.infra.enqueue.task):
every name the code uses is a registered task, found from a fresh import."""

import re
from pathlib import Path

import pytest

from cms.infra.enqueue import task

ROOT = Path(__file__).resolve().parents[3]
NAMED = re.compile(r'\btask\(\s*"([\w.]+)"\s*\)|_TASK = "([\w.]+)"')


def _names_in_code() -> set[str]:
    names = set()
    for app in ("cms", "delivery", "newsletter", "sync", "web"):
        for path in (ROOT / app).rglob("*.py"):
            for match in NAMED.finditer(path.read_text()):
                names.add(match[1] or match[2])
    return names


def test_the_code_queues_tasks_by_name():
    assert {
        "cms.importing.tasks.import_run_step_task",
        "newsletter.tasks.send_chunk",
        "sync.tasks.sync_target_drain",
    } <= _names_in_code()


@pytest.mark.parametrize("name", sorted(_names_in_code()))
def test_every_name_is_a_registered_task(name):
    assert task(name).name == name


def test_an_unknown_name_fails_loudly():
    with pytest.raises(Exception, match="newsletter.tasks.no_such_task"):
        task("newsletter.tasks.no_such_task")
