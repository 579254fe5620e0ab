"""Import of the intervention bank from CSV and XLSX files (docs/editors/import.md).

`run_import` reads a file, checks every row with the rules the admin applies
(the model's own `full_clean`, plus lookups of organisations, people,
categories and languages) and reports problems by row and column. With
`commit=True` and no errors it writes every row in one transaction: all or
nothing. On SQLite, where a write transaction locks the whole database (the
web process could not save anything until a long import ended), the rows
are checked outside a transaction and written in batches of
SQLITE_BATCH_ROWS, each its own transaction: an error while writing (rare:
every row was checked first) leaves the batches before it saved, and the
report says how many rows were (`saved`). Rows are matched on `external_id`:
a known id gets a new, published revision of its page, an unknown one a new
page under its organisation. A row that would change nothing (the page is
published as it stands and every column holds what the page holds) is left
alone: no new revision.

Given a `user` (the admin's import), rows may name only the organisations
the user may edit, and the revisions are theirs.

A column left out of the file leaves that field of an existing page as it
is; an empty cell clears the field (or sets its default).
"""

from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import islice

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext_lazy as _

from cms.importing import values
from cms.importing.files import (
    Deadline,
    ImportFileError,
    Table,
    cell_problem,
    column_key,
    read_table,
)
from cms.importing.lookups import ImportLookups
from cms.importing.values import REQUIRED, CellError
from cms.models import InterventionPage, OrganisationPage

__all__ = ["ImportFileError", "ImportReport", "Issue", "RowOutcome", "run_import"]

# Rows written per transaction on SQLite (see the module's docstring).
SQLITE_BATCH_ROWS = 50
REQUIRED_COLUMNS = ("external_id", "organisation")
# Columns holding a model field of the same name, with their parsers.
PLAIN_COLUMNS = {
    "title": values.text,
    "summary": values.text,
    "description": values.rich_text,
    "eligibility": values.text,
    "min_age": values.integer,
    "max_age": values.integer,
    "start_date": values.date,
    "end_date": values.date,
    "capacity": values.integer,
    "how_to_apply": values.text,
    "cost_description": values.text,
    "price_per_participant": values.decimal,
    "places_for_others": values.integer,
    "contact_email": values.text,
    "contact_phone": values.text,
}
CHOICE_COLUMNS = {
    "status": values.STATUS_WORDS,
    "establishment_programme": values.PROGRAMME_WORDS,
    "delivery_mode": values.DELIVERY_WORDS,
    "exchange_terms": values.EXCHANGE_WORDS,
}
LOOKUP_COLUMNS = (
    "category",
    "service_area",
    "languages",
    "owner_email",
    "contact_person_email",
    "last_reviewed",
)
KNOWN_COLUMNS = {*REQUIRED_COLUMNS, *PLAIN_COLUMNS, *CHOICE_COLUMNS, *LOOKUP_COLUMNS}
# Columns looked up in the row's organisation, and the columns the model's
# errors are blamed on when they could not be looked up.
ORGANISATION_COLUMNS = {
    "service_area": ("service_area",),
    "owner_email": ("owner_email",),
    "contact_person_email": ("contact_person_email", "contact_email"),
}
# The model field a column sets, where it is not the column's own name.
COLUMN_FIELDS = {
    "owner_email": "responsible_owner",
    "contact_person_email": "contact_person",
    "last_reviewed": "last_reviewed_at",
}
# The column to blame for a model field's validation error.
FIELD_COLUMNS = {
    "responsible_owner": "owner_email",
    "contact_person": "contact_person_email",
    "last_reviewed_at": "last_reviewed",
    "slug": "title",
    "draft_title": "title",
    NON_FIELD_ERRORS: "",
}


@dataclass(frozen=True)
class Issue:
    row: int  # as numbered in the spreadsheet: the header is row 1
    column: str  # as written in the file's header
    message: str
    is_error: bool = True


class Action:
    """What the import does with a row."""

    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ERROR = "error"


@dataclass
class RowOutcome:
    """One row of the file: what it names and what the import does with it
    (`page_id` once saved)."""

    row: int
    external_id: str
    organisation: str
    title: str
    action: str = Action.ERROR
    page_id: int | None = None


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    committed: bool = False
    saved: int = 0  # rows written (on SQLite also when an error stopped it)
    issues: list[Issue] = field(default_factory=list)
    outcomes: list[RowOutcome] = field(default_factory=list)

    def error(self, row: int, column: str, message) -> None:
        self.issues.append(Issue(row, column, str(message)))

    def warning(self, row: int, column: str, message) -> None:
        self.issues.append(Issue(row, column, str(message), is_error=False))

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [issue for issue in self.issues if not issue.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


def run_import(path, *, commit: bool = False, progress=None, user=None) -> ImportReport:
    """Check the file and, if `commit` and no row has an error, write it.
    `progress(iterable, total=, desc=)` may wrap the loops (a progress bar).
    With a `user`, rows may only name organisations the user may edit.
    Raises ImportFileError if the file cannot be read at all."""
    progress = progress or (lambda items, **kwargs: items)
    deadline = Deadline()
    table = read_table(path, deadline=deadline)
    report = ImportReport(rows=len(table.rows))
    importer = _Importer(table, report, user=user)
    plans = []
    batch_rows = SQLITE_BATCH_ROWS if connection.vendor == "sqlite" else None
    try:
        with transaction.atomic() if batch_rows is None else nullcontext():
            if importer.check_headers():
                plans = importer.plan_rows(progress, deadline)
            if not (commit and report.ok):
                raise _Rollback
            _apply(
                plans,
                progress,
                report,
                batch_rows=batch_rows or len(plans),
                user=user,
            )
    except _Rollback:
        pass
    except _ApplyError as error:
        report.error(error.row, "", error.message)
        error.plan.outcome.action = Action.ERROR
    else:
        report.committed = True
    actions = [plan.outcome.action for plan in plans]
    report.created = actions.count(Action.NEW)
    report.updated = actions.count(Action.UPDATE)
    report.unchanged = actions.count(Action.UNCHANGED)
    return report


class _Rollback(Exception):
    pass


@dataclass
class _Plan:
    row: int
    page: InterventionPage
    organisation: OrganisationPage
    outcome: RowOutcome

    @property
    def is_new(self) -> bool:
        return self.outcome.action == Action.NEW


class _ApplyError(Exception):
    def __init__(self, plan: _Plan, error: Exception):
        super().__init__(plan.row, error)
        self.plan = plan
        self.row = plan.row
        self.message = "; ".join(getattr(error, "messages", [str(error)]))


def _apply(plans: list[_Plan], progress, report, *, batch_rows: int, user=None):
    """Write the plans that change something, `batch_rows` to a transaction."""
    from cms.reviews.services import review_method

    changed = [plan for plan in plans if plan.outcome.action != Action.UNCHANGED]
    rows = iter(progress(changed, total=len(changed), desc=str(_("Saving"))))
    while batch := list(islice(rows, max(1, batch_rows))):
        with transaction.atomic():
            for plan in batch:
                try:
                    with review_method("import"):  # a review date: "by import"
                        if plan.is_new:
                            plan.organisation.add_child(instance=plan.page)
                        plan.page.save_revision(user=user).publish(user=user)
                except (ValidationError, IntegrityError) as error:
                    raise _ApplyError(plan, error) from error
        report.saved += len(batch)
    for plan in plans:
        plan.outcome.page_id = plan.page.pk


def _field_values(page: InterventionPage, columns) -> dict:
    """What the columns set on the page, in a form that compares equal when
    nothing changed (related objects by primary key)."""
    found = {}
    for column in columns:
        if column in REQUIRED_COLUMNS:
            continue  # matched on, not set
        model_field = InterventionPage._meta.get_field(
            COLUMN_FIELDS.get(column, column)
        )
        if model_field.many_to_many:
            related = getattr(page, model_field.name).all()
            found[column] = sorted(item.pk for item in related)
        else:
            found[column] = model_field.value_from_object(page)
    return found


def _changes_nothing(page: InterventionPage, before: dict, after: dict) -> bool:
    """True if publishing the page with `after` would change nothing: it is
    live without unpublished changes, and every column holds its value (a
    review date earlier than the stored one is no change: the import never
    moves a review date back)."""
    if not page.live or page.has_unpublished_changes:
        return False
    stored = before.get("last_reviewed")
    if stored is not None and "last_reviewed" in after:
        new = after["last_reviewed"]
        if new is None or new < stored:
            after = {**after, "last_reviewed": stored}
    return before == after


class _Importer:
    def __init__(self, table: Table, report: ImportReport, *, user=None):
        self.table = table
        self.report = report
        self.columns = [column_key(header) for header in table.headers]
        self.header_of: dict[str, str] = {}  # column -> header as written
        self.scope = None  # the organisations rows may name (None: any)
        if user is not None:
            from cms.scoping.selectors import organisations_editable_by

            self.scope = set(
                organisations_editable_by(user=user).values_list("pk", flat=True)
            )
        self.lookups = ImportLookups(scope=self.scope)
        self.seen: dict[str, int] = {}  # external id -> row

    def check_headers(self) -> bool:
        for header, column in zip(self.table.headers, self.columns, strict=True):
            if not header:
                continue
            if column in self.header_of:
                self.report.error(1, header, _("The column appears twice."))
            elif column not in KNOWN_COLUMNS:
                self.report.warning(1, header, _("Unknown column; it is ignored."))
            self.header_of.setdefault(column, header)
        for column in REQUIRED_COLUMNS:
            if column not in self.header_of:
                self.report.error(1, column, _("The file has no such column."))
        return self.report.ok

    def plan_rows(self, progress, deadline) -> list[_Plan]:
        plans = []
        rows = progress(
            self.table.rows, total=len(self.table.rows), desc=str(_("Checking"))
        )
        width = self._width()
        for number, cells in rows:
            deadline.check()
            row = {
                column: cells[position] if position < len(cells) else None
                for position, column in enumerate(self.columns)
                if column in KNOWN_COLUMNS
            }
            outcome = RowOutcome(
                row=number,
                external_id=values.text(row.get("external_id")),
                organisation=values.text(row.get("organisation")),
                title=values.text(row.get("title")),
            )
            self.report.outcomes.append(outcome)
            if not self._cells_check(number, cells, width):
                continue
            plan = self.plan_row(number, row, outcome)
            if plan is not None:
                plans.append(plan)
        return plans

    def _width(self) -> int:
        """The columns the header names (empty headers at its end not)."""
        named = [i for i, header in enumerate(self.table.headers) if header]
        return named[-1] + 1 if named else 0

    def _cells_check(self, number: int, cells: list, width: int) -> bool:
        """A row of as many cells as the header names, each storable; else
        an error that names the row (and the cell)."""
        filled = len(cells)
        while filled > width and values.text(cells[filled - 1]) == "":
            filled -= 1  # empty cells past the last column are harmless
        if filled != width:
            self.report.error(
                number,
                "",
                _(
                    "Row %(row)s has %(cells)s cells but the header row has "
                    "%(columns)s columns."
                )
                % {"row": number, "cells": filled, "columns": width},
            )
            return False
        ok = True
        for header, cell in zip(self.table.headers, cells, strict=False):
            message = cell_problem(cell)
            if message:
                self.report.error(number, header, message)
                ok = False
        return ok

    def plan_row(self, number: int, row: dict, outcome: RowOutcome) -> _Plan | None:
        problems: dict[str, str] = {}  # column -> its first problem

        def problem(column, message):
            problems.setdefault(column, str(message))

        organisation = None
        try:
            organisation = self.lookups.organisation(row.get("organisation"))
        except CellError as error:
            problem("organisation", error)
        page = self._existing_page(number, values.text(row.get("external_id")), problem)
        is_new = page is None
        if is_new:
            page = InterventionPage(external_id=values.text(row.get("external_id")))
        elif organisation and page.get_parent().pk != organisation.pk:
            problem("organisation", self._owned_elsewhere(page))
            organisation = None
        before = {} if is_new else _field_values(page, row)
        for column, raw in row.items():
            try:
                self._set(page, column, raw, organisation)
            except CellError as error:
                problem(column, error)
        if is_new and organisation and page.title:
            page._cached_parent_obj = organisation
            page.slug = self.lookups.slug(organisation, page.title)
        # Without an organisation its people and municipalities were not looked
        # up: the model's complaints about them would only mislead.
        unchecked = set()
        if organisation is None:
            for column, blamed in ORGANISATION_COLUMNS.items():
                if values.text(row.get(column)):
                    unchecked.update(blamed)
        try:
            page.full_clean(
                exclude=["path", "depth", "numchild", "slug"] if is_new else None
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = FIELD_COLUMNS.get(name, name)
                if column not in unchecked:
                    problem(column, " ".join(messages))
        for column, message in problems.items():
            self.report.error(number, self.header_of.get(column, column), message)
        if problems:
            return None
        if is_new:
            outcome.action = Action.NEW
        elif _changes_nothing(page, before, _field_values(page, row)):
            outcome.action = Action.UNCHANGED
        else:
            outcome.action = Action.UPDATE
            if not page.live or page.has_unpublished_changes:
                self.report.warning(
                    number,
                    self.header_of["external_id"],
                    _(
                        "The page is unpublished or has unpublished changes; "
                        "the import publishes the imported version."
                    ),
                )
        outcome.title = outcome.title or page.title
        outcome.page_id = page.pk  # None for a new page until it is saved
        return _Plan(row=number, page=page, organisation=organisation, outcome=outcome)

    def _owned_elsewhere(self, page) -> str:
        """The error for an external id taken by another organisation's
        intervention (named only to a user who may edit it)."""
        owner = page.get_parent()
        if self.scope is not None and owner.pk not in self.scope:
            return str(
                _("The external id belongs to an intervention of another organisation.")
            )
        return _("The intervention with this external id belongs to %(owner)s.") % {
            "owner": owner.title
        }

    def _existing_page(self, number, external_id, problem) -> InterventionPage | None:
        if not external_id:
            problem("external_id", REQUIRED)
        elif external_id in self.seen:
            problem(
                "external_id",
                _("The same external id is on row %(row)d.")
                % {"row": self.seen[external_id]},
            )
        else:
            self.seen[external_id] = number
            return InterventionPage.objects.filter(external_id=external_id).first()
        return None

    def _set(self, page, column, raw, organisation) -> None:
        if column in PLAIN_COLUMNS:
            limit = InterventionPage._meta.get_field(column).max_length
            setattr(page, column, values.within(PLAIN_COLUMNS[column](raw), limit))
        elif column in CHOICE_COLUMNS:
            default = InterventionPage._meta.get_field(column).default
            setattr(page, column, values.choice(raw, CHOICE_COLUMNS[column], default))
        elif column == "category":
            category = self.lookups.category(raw)
            page.category_id = category.pk if category else None
        elif column == "languages":
            page.languages = self.lookups.languages(raw)
        elif column == "last_reviewed":
            page.last_reviewed_at = values.past_day_start(raw)
        elif organisation is None:
            return  # the remaining columns are looked up in the organisation
        elif column == "service_area":
            page.service_area = self.lookups.municipalities(raw, organisation)
        elif column == "owner_email":
            page.responsible_owner = self.lookups.person(raw, organisation)
        elif column == "contact_person_email":
            page.contact_person = self.lookups.person(raw, organisation)
