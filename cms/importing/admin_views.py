"""The admin's import of interventions: upload, the dry run's preview,
confirmation, progress and report (docs/editors/import.md). Everything works without
JavaScript: plain forms, and a progress page that reloads itself."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from wagtail.admin import messages
from wagtail.admin.menu import MenuItem

from cms.importing import services
from cms.importing.forms import ImportUploadForm
from cms.importing.selectors import (
    import_run_header_issues,
    import_run_progress,
    import_run_rows,
    import_runs_of,
    user_may_import,
)
from cms.models import ImportRowAction, ImportRunStatus

ROWS_PER_PAGE = 100
REFRESH_SECONDS = 2
RECENT_RUNS = 10

# What a row's action reads as before the import and after it.
PREVIEW_ACTIONS = {
    ImportRowAction.NEW: pgettext_lazy("import row", "New"),
    ImportRowAction.UPDATE: pgettext_lazy("import row", "Will be updated"),
    ImportRowAction.UNCHANGED: pgettext_lazy("import row", "Unchanged"),
    ImportRowAction.ERROR: pgettext_lazy("import row", "Error"),
}
REPORT_ACTIONS = {
    ImportRowAction.NEW: pgettext_lazy("import row", "Created"),
    ImportRowAction.UPDATE: pgettext_lazy("import row", "Updated"),
    ImportRowAction.UNCHANGED: pgettext_lazy("import row", "Unchanged"),
    ImportRowAction.ERROR: pgettext_lazy("import row", "Failed"),
}


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_may_import(request.user)


def _allowed(request) -> None:
    if not user_may_import(request.user):
        raise PermissionDenied


def _run_of(request, run_id):
    _allowed(request)
    return get_object_or_404(import_runs_of(user=request.user), pk=run_id)


def _header(title: str) -> dict:
    return {"page_title": title, "header_title": title, "header_icon": "upload"}


def import_upload_view(request):
    _allowed(request)
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES, user=request.user)
    else:
        form = ImportUploadForm(user=request.user)
    if form.is_bound and form.is_valid():
        run = services.import_run_create(
            user=request.user,
            name=form.cleaned_data["file"].name,
            content=form.content(),
            language=translation.get_language(),
        )
        return redirect("samverkan_import_run", run.pk)
    return TemplateResponse(
        request,
        "samverkan_cms/importing/upload.html",
        {
            "form": form,
            "runs": import_runs_of(user=request.user)[:RECENT_RUNS],
            **_header(_("Import interventions")),
        },
    )


def import_run_view(request, run_id):
    run = _run_of(request, run_id)
    if services.import_run_fail_if_stale(run=run):
        run.refresh_from_db()
    only_errors = request.GET.get("rows") == "errors"
    rows = Paginator(import_run_rows(run=run, only_errors=only_errors), ROWS_PER_PAGE)
    shown = rows.get_page(request.GET.get("p"))
    done = run.status == ImportRunStatus.DONE
    labels = REPORT_ACTIONS if done else PREVIEW_ACTIONS
    for row in shown:
        row.action_label = labels.get(row.action, "")
    return TemplateResponse(
        request,
        "samverkan_cms/importing/run.html",
        {
            "run": run,
            "statuses": ImportRunStatus,
            "progress": import_run_progress(run=run),
            "refresh_seconds": REFRESH_SECONDS if run.is_in_progress else None,
            "header_issues": import_run_header_issues(run=run),
            "rows": shown,
            "only_errors": only_errors,
            "is_report": done,
            "upload_url": reverse("samverkan_import"),
            **_header(_("Import of %(file)s") % {"file": run.file_name}),
        },
    )


@require_POST
def import_run_confirm_view(request, run_id):
    run = _run_of(request, run_id)
    if services.import_run_confirm(run=run):
        messages.success(request, _("The import has started."))
    else:
        messages.error(request, _("This file cannot be imported as it stands."))
    return redirect("samverkan_import_run", run.pk)


@require_POST
def import_run_retry_view(request, run_id):
    run = _run_of(request, run_id)
    if not services.import_run_retry(run=run):
        messages.error(request, _("This import cannot be tried again."))
    return redirect("samverkan_import_run", run.pk)


@require_POST
def import_run_cancel_view(request, run_id):
    run = _run_of(request, run_id)
    if services.import_run_cancel(run=run):
        messages.success(request, _("The import was cancelled; nothing was saved."))
    return redirect("samverkan_import")


def admin_urls():
    return [
        path("import/", import_upload_view, name="samverkan_import"),
        path("import/<int:run_id>/", import_run_view, name="samverkan_import_run"),
        path(
            "import/<int:run_id>/confirm/",
            import_run_confirm_view,
            name="samverkan_import_confirm",
        ),
        path(
            "import/<int:run_id>/retry/",
            import_run_retry_view,
            name="samverkan_import_retry",
        ),
        path(
            "import/<int:run_id>/cancel/",
            import_run_cancel_view,
            name="samverkan_import_cancel",
        ),
    ]
