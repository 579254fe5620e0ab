"""The cases of the permission matrix: every page action on every content
type it applies to, and the positive controls."""

from tests.cms.scoping.permission_matrix import (
    CONTENT_TYPES,
)
from tests.cms.scoping.permission_matrix_pages import (
    PAGE_ACTIONS,
)
from tests.cms.scoping.permission_matrix_translations import (
    TRANSLATION_ACTIONS,
)

ALL_PAGE_ACTIONS = [*PAGE_ACTIONS, *TRANSLATION_ACTIONS]

PAGE_CASES = [
    (content_type, action)
    for content_type in CONTENT_TYPES
    for action in ALL_PAGE_ACTIONS
    if action.applies(content_type)
]

# The positive controls: every typed-form action on every type, the others
# on the first type they apply to.
CONTROL_CASES = [
    (content_type, action)
    for content_type, action in PAGE_CASES
    if action.typed_form
    or content_type == next(t for t in CONTENT_TYPES if action.applies(t))
]

# Holes found by the matrix that Samverkan cannot close cheaply: each such
# case is a strict xfail, so it fails (and the line goes) the day it is fixed.
KNOWN_HOLES = {}

# Controls that cannot succeed (by content or snippet type and action name).
CONTROL_SKIPS = {}
