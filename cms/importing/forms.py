"""The admin's upload form: the same file checks as the command line
(cms.importing.files.file_problem), before the file is stored."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cms.importing.conf import import_setting
from cms.importing.files import CSV_SUFFIXES, XLSX_SUFFIXES, file_problem
from cms.importing.selectors import import_runs_in_progress


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV or XLSX file with one intervention per row and the column "
            "names in the first row."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(CSV_SUFFIXES + XLSX_SUFFIXES)}
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_file(self):
        upload = self.cleaned_data["file"]
        problem = file_problem(name=upload.name, size=upload.size)
        if problem:
            raise forms.ValidationError(problem)
        return upload

    def clean(self):
        limit = import_setting("MAX_RUNS_IN_PROGRESS")
        if import_runs_in_progress(user=self.user).count() >= limit:
            raise forms.ValidationError(
                ngettext(
                    "You already have %(count)d import in progress; wait until "
                    "it is done or cancel it.",
                    "You already have %(count)d imports in progress; wait until "
                    "one is done or cancel it.",
                    limit,
                )
                % {"count": limit}
            )
        return super().clean()

    def content(self) -> bytes:
        return b"".join(self.cleaned_data["file"].chunks())
