import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from wagtail.search import index


class Person(index.Indexed, models.Model):
    """Somebody at a member or partner organisation: a group member, the
    responsible owner of an intervention, a contact. A person does not need a
    CMS account; `user` links one when they have it."""

    organisation = models.ForeignKey(
        "samverkan_cms.OrganisationPage",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_public = models.BooleanField(
        _("e-mail and phone are public"),
        default=False,
        help_text=_(
            "Show the e-mail address and phone number on the public site and "
            "to partners. Only with the person's consent. Name, title, "
            "organisation and group roles are public anyway when the person "
            "sits in a group."
        ),
    )
    uuid = models.UUIDField(
        _("stable id"), default=uuid.uuid4, editable=False, unique=True
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("CMS account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="samverkan_person",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    search_fields = [
        index.SearchField("name"),
        index.SearchField("title"),
        index.SearchField("email"),
        index.AutocompleteField("name"),
        index.FilterField("organisation"),
        # The scoped chooser searches within pk__in=(the user's scope).
        index.FilterField("id"),
    ]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "organisation",
                Lower("email"),
                condition=~models.Q(email=""),
                name="samverkan_person_unique_email_per_organisation",
                violation_error_message=_(
                    "This organisation already has a person with this e-mail."
                ),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation.title})"
