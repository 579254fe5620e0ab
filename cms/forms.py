from wagtail.admin.forms import WagtailAdminPageForm


class OrganisationPageForm(WagtailAdminPageForm):
    """Fields that define the organisation's standing in the collaboration
    (kind, identifiers, membership) are read-only for its own editors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from cms.permissions import user_is_central_for

        page = self.instance
        if self.for_user is None or page.pk is None:
            return
        if user_is_central_for(self.for_user, page):
            return
        for name in page.central_only_fields:
            if name in self.fields:
                self.fields[name].disabled = True
