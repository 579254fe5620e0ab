"""Wagtail's admin password reset (/admin/password_reset/) without an
enumeration oracle: Django's form looks the address up and sends the mail
inside the request, so an address with an account answered later than one
without. Here the request only queues the reset after commit, for every
address alike; a task looks the address up and sends the mail (Django's own
form, tokens and Wagtail's templates). Set as
WAGTAILADMIN_USER_PASSWORD_RESET_FORM."""

from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation

from wagtail.admin.forms.auth import PasswordResetForm

from cms.infra.enqueue import enqueue_after_commit, task


class QueuedPasswordResetForm(PasswordResetForm):
    def save(
        self,
        domain_override=None,
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.html",
        use_https=False,
        token_generator=None,  # Django's default; a task cannot carry another
        from_email=None,
        request=None,
        html_email_template_name=None,
        extra_email_context=None,
    ):
        if domain_override:
            site_name = domain = domain_override
        else:
            site = get_current_site(request)
            site_name, domain = site.name, site.domain
        password_reset_queue(
            email=self.cleaned_data["email"],
            site_name=site_name,
            domain=domain,
            use_https=use_https,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
            from_email=from_email,
            extra_email_context=dict(extra_email_context or {}),
            language=translation.get_language(),
        )


def password_reset_queue(*, email: str, **mail) -> None:
    """Queue the reset mail for `email` after commit, whether or not any
    account has that address (the request learns nothing)."""
    enqueue_after_commit(
        lambda: task("cms.tasks.password_reset_send").delay(email=email, **mail),
        what="a password reset e-mail",
    )


def password_reset_send(
    *,
    email: str,
    site_name: str,
    domain: str,
    use_https: bool,
    subject_template_name: str,
    email_template_name: str,
    html_email_template_name: str | None,
    from_email: str | None,
    extra_email_context: dict,
    language: str,
) -> None:
    """Send the reset mail to every active account with a usable password
    and this address (none if there is none), as Django's form does."""
    form = DjangoPasswordResetForm({"email": email})
    if not form.is_valid():
        return
    with translation.override(language):
        form.save(
            domain_override=domain,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            use_https=use_https,
            from_email=from_email,
            html_email_template_name=html_email_template_name,
            extra_email_context={"site_name": site_name, **extra_email_context},
        )
