"""Custom admin panels."""

from wagtail.admin.panels import Panel

from cms.content.completeness import intervention_completeness


class CompletenessPanel(Panel):
    """Shows the entry's completeness score and what is missing, from the
    version being edited (the latest draft), so editors see what to add."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "samverkan_cms/panels/completeness.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            result = intervention_completeness(self.instance)
            context["score"] = result.score
            context["missing"] = result.missing
            return context
