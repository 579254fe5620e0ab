"""Counters per day in the cache (cms.infra.counters): several families
counted in one call, and taken back each on its own."""

from cms.infra.counters import counters_add_many, counters_take


def test_several_families_and_days_are_counted_in_one_call():
    counters_add_many(
        [
            ("test-usage", "2026-12-05", ["partner\x1fdetail", "partner\x1flist"]),
            ("test-reads", "2026-12-05", ["api\x1fsfi"]),
            ("test-reads", "2026-12-04", ["api\x1fsfi"]),
        ]
    )
    counters_add_many([("test-reads", "2026-12-05", ["api\x1fsfi"])])

    assert counters_take(prefix="test-usage", day="2026-12-05") == {
        "partner\x1fdetail": 1,
        "partner\x1flist": 1,
    }
    assert counters_take(prefix="test-reads", day="2026-12-05") == {"api\x1fsfi": 2}
    assert counters_take(prefix="test-reads", day="2026-12-04") == {"api\x1fsfi": 1}
    assert counters_take(prefix="test-reads", day="2026-12-05") == {}
