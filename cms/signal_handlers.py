"""Signal receivers: each only calls a service."""

from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.api.versioning import content_version_bump


def _bump(sender, **kwargs):
    content_version_bump()


def connect() -> None:
    from wagtail.models import Page

    from cms.models import CollaborationGroup, InterventionCategory, Language, Person

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_bump, dispatch_uid=f"samverkan-api-version-{id(signal)}")
    post_delete.connect(
        _bump, sender=Page, dispatch_uid="samverkan-api-version-page-delete"
    )
    for model in (CollaborationGroup, InterventionCategory, Language, Person):
        for signal in (post_save, post_delete):
            signal.connect(
                _bump,
                sender=model,
                dispatch_uid=f"samverkan-api-version-{model.__name__}-{id(signal)}",
            )
