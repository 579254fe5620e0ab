"""A collected test as the suite's own collection hooks read it (node id,
fixtures, marks, module path), for testing those hooks (tests/conftest.py,
tests/shared_world.py) without running a collection."""


class FakeItem:
    def __init__(self, nodeid, fixtures=(), *, path=None, **marks):
        self.nodeid, self.fixturenames, self.path = nodeid, list(fixtures), path
        self.marks = marks

    def get_closest_marker(self, name):
        return self.marks.get(name)
