"""Who may download a document. Wagtail serves every document to anyone
who has its URL unless its collection is private; minutes are published
only when approved (MeetingPage.minutes_are_public), so a document attached
as minutes is withheld from the public until a live, public meeting shows
it as approved minutes."""

from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

from cms.models import MeetingPage, MeetingStatus


def document_is_withheld(*, document, user) -> bool:
    meetings = MeetingPage.objects.filter(minutes_document=document)
    if not meetings.exists():
        return False
    shown = (
        meetings.live()
        .public()
        .filter(status=MeetingStatus.HELD, minutes_approved_on__isnull=False)
        .exists()
    )
    if shown:
        return False
    policy = policy_registry.get_by_type(get_document_model())
    return not policy.user_has_permission_for_instance(user, "change", document)
