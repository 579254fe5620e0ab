"""The public suggestion inbox of the intervention bank: a suggestion becomes
a draft below the chosen organisation and its editors hear of it by e-mail;
spam and floods save nothing."""

import datetime
import smtplib
import time

import pytest
from celery.exceptions import Retry

from django.core import mail, signing
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.urls import reverse

from cms.models import InterventionPage, OrganisationPage
from cms.suggestions import views as suggestion_views
from cms.suggestions.services import suggestion_create
from cms.suggestions.views import form_token
from cms.tasks import suggestion_notify_editors
from tests.factories import OrganisationPageFactory, UserFactory, editor_of

URL = "/forslag/"
THANKS_URL = "/forslag/tack/"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def make_member(org):
    OrganisationPage.objects.filter(pk=org.pk).update(
        member_since=datetime.date(2016, 1, 1)
    )
    org.refresh_from_db()
    return org


@pytest.fixture
def member_a(org_a):
    return make_member(org_a)


@pytest.fixture
def member_b(org_b):
    return make_member(org_b)


@pytest.fixture
def editor_b(member_b):
    return editor_of(member_b, username="editor_b")


def form_data(organisation, **overrides):
    data = {
        "organisation": organisation.pk,
        "title": "Språkcafé för föräldrar",
        "summary": "Samtal på svenska för föräldrar med små barn.",
        "eligibility": "Föräldrar med barn under sex år.",
        "description": "Varje tisdag kl. 10.\n\nPå biblioteket i <Tumba>.",
        "suggested_by_name": "Anna Andersson",
        "suggested_by_email": "anna@example.se",
        "consent": "on",
        "website": "",
        "started": form_token(now=time.time() - 10),
    }
    data.update(overrides)
    return data


def post(client, data, *, ip="192.0.2.1"):
    return client.post(URL, data, REMOTE_ADDR=ip)


def suggestions_of(org):
    return InterventionPage.objects.child_of(org)


def test_url_names():
    assert reverse("intervention_suggest") == URL
    assert reverse("intervention_suggest_thanks") == THANKS_URL


def test_get_renders_swedish_form_with_member_organisations(client, member_a, region):
    OrganisationPageFactory(parent=region, title="Nyköping kommun")  # not a member
    response = client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'lang="sv"' in content
    for swedish in (
        "Föreslå en insats",
        "Insatsens namn",
        "Vem är insatsen till för?",
        "Ditt namn",
        "Skicka förslaget",
    ):
        assert swedish in content, swedish
    assert "Suggest an intervention" not in content
    assert "Botkyrka kommun" in content
    assert "Nyköping kommun" not in content
    assert 'name="website"' in content  # the honeypot
    assert 'name="started"' in content
    assert "no-cache" in response["Cache-Control"]
    assert client.head(URL).status_code == 200


def test_valid_post_creates_draft_and_emails_that_organisations_editors(
    client, django_capture_on_commit_callbacks, member_a, editor_a, editor_b
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post(client, form_data(member_a))

    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    assert len(callbacks) == 1
    page = suggestions_of(member_a).get()
    assert page.title == "Språkcafé för föräldrar"
    assert page.live is False
    assert page.has_unpublished_changes
    assert page.category.slug == "ovrigt"
    assert page.summary == "Samtal på svenska för föräldrar med små barn."
    assert page.eligibility == "Föräldrar med barn under sex år."
    assert "<p>Varje tisdag kl. 10.</p>" in page.description
    assert "&lt;Tumba&gt;" in page.description  # the suggester's text is escaped
    # Who suggested it is kept beside the draft, not in it (cms.personal_data).
    assert "Inkommet via det öppna förslagsformuläret" in page.description
    assert "Anna" not in page.description and "anna@example.se" not in page.description
    suggester = page.suggesters.get()
    assert (suggester.name, suggester.email) == ("Anna Andersson", "anna@example.se")
    assert page.get_latest_revision() is not None
    assert not InterventionPage.objects.live().filter(pk=page.pk).exists()
    assert not suggestions_of(OrganisationPage.objects.get(slug="haninge")).exists()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.bcc == [editor_a.email]
    assert editor_b.email not in message.recipients()
    assert message.to == []
    assert editor_a.email not in message.message()["To"]
    assert message.subject == (
        "[Södertörn] Nytt förslag på insats till Botkyrka kommun: "
        "Språkcafé för föräldrar"
    )
    assert f"http://testserver/admin/pages/{page.pk}/edit/" in message.body
    assert "utkast" in message.body


def test_editor_opens_the_draft_in_the_admin(client, member_a, editor_a):
    page = suggestion_create(
        organisation=member_a,
        title="Läxhjälp",
        summary="Läxhjälp för nyanlända elever.",
        suggested_by_name="Bo",
    )
    client.force_login(editor_a)
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    assert 'value="Läxhjälp"' in response.content.decode()


def test_thanks_page_is_swedish(client, db):
    # db: the public site's layout names the region of the request's Site.
    response = client.get(THANKS_URL)
    assert response.status_code == 200
    assert "Tack för ditt förslag" in response.content.decode()


def test_email_reaches_only_active_editors_with_an_address(
    django_capture_on_commit_callbacks, member_a, editor_a
):
    editor_of(member_a, username="no_mail", email="")
    editor_of(member_a, username="gone", is_active=False)
    second = editor_of(member_a, username="second")
    with django_capture_on_commit_callbacks(execute=True):
        suggestion_create(
            organisation=member_a,
            title="Läxhjälp",
            summary="Läxhjälp för nyanlända elever.",
            suggested_by_name="Bo",
            suggested_by_email="",
        )
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].bcc) == sorted([editor_a.email, second.email])


def test_falls_back_to_central_administrators(
    django_capture_on_commit_callbacks, member_a, central_admin
):
    editor_of(member_a, username="no_mail", email="")
    with django_capture_on_commit_callbacks(execute=True):
        page = suggestion_create(
            organisation=member_a,
            title="Läxhjälp",
            summary="Läxhjälp för nyanlända elever.",
            suggested_by_name="Bo",
            suggested_by_email="",
        )
    assert page.suggesters.get().name == "Bo" and "Bo" not in page.description
    assert len(mail.outbox) == 1
    assert mail.outbox[0].bcc == [central_admin.email]


def test_honeypot_looks_like_success_but_saves_nothing(
    client, django_capture_on_commit_callbacks, member_a, editor_a
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, form_data(member_a, website="https://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    assert not suggestions_of(member_a).exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "started",
    [
        pytest.param(lambda: form_token(now=time.time() - 1), id="too-fast"),
        pytest.param(lambda: form_token(), id="immediately"),
        pytest.param(lambda: form_token(now=time.time() - 2 * 86400), id="too-old"),
        pytest.param(lambda: form_token(now=time.time() - 10) + "x", id="tampered"),
        pytest.param(
            lambda: signing.dumps(time.time() - 10, salt="another-salt"),
            id="other-salt",
        ),
        pytest.param(lambda: "", id="missing"),
    ],
)
def test_bad_timestamp_looks_like_success_but_saves_nothing(
    client, django_capture_on_commit_callbacks, member_a, editor_a, started
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, form_data(member_a, started=started()))
    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    assert not suggestions_of(member_a).exists()
    assert mail.outbox == []


def test_signature_expired_after_a_day(
    client, monkeypatch, member_a, django_capture_on_commit_callbacks
):
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() - 86400 - 60)
    token = form_token(now=real_time() - 10)  # claims 10 s, signed over a day ago
    monkeypatch.setattr(time, "time", real_time)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, form_data(member_a, started=token))
    assert response.status_code == 302
    assert not suggestions_of(member_a).exists()


def test_form_from_get_is_accepted_after_three_seconds(
    client, monkeypatch, member_a, django_capture_on_commit_callbacks
):
    content = client.get(URL).content.decode()
    token = content.split('name="started" value="')[1].split('"')[0]
    real_time = time.time
    monkeypatch.setattr(suggestion_views.time, "time", lambda: real_time() + 4)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, form_data(member_a, started=token))
    assert response.status_code == 302
    assert suggestions_of(member_a).count() == 1


def test_sixth_suggestion_within_an_hour_is_refused(
    client, django_capture_on_commit_callbacks, member_a
):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            response = post(client, form_data(member_a, title=f"Insats {n}"))
            assert response.status_code == 302
        response = post(client, form_data(member_a, title="Insats 6"))
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600  # until the hour's window ends
    assert "Vänta en timme" in response.content.decode()
    assert suggestions_of(member_a).count() == 5
    assert not suggestions_of(member_a).filter(title="Insats 6").exists()

    # Another address is counted on its own.
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, form_data(member_a, title="Insats 7"), ip="192.0.2.2")
    assert response.status_code == 302
    assert suggestions_of(member_a).count() == 6


def test_forwarded_for_header_is_not_trusted(client, member_a):
    for n in range(6):
        response = client.post(
            URL,
            form_data(member_a, title=f"Insats {n}"),
            REMOTE_ADDR="192.0.2.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    assert response.status_code == 429


def test_behind_the_trusted_proxy_each_visitor_has_a_limit(client, member_a, settings):
    """Behind SAMVERKAN_TRUSTED_PROXY_COUNT proxies the address the proxy saw
    counts (the one client_ip of the project); a forged X-Forwarded-For
    entry to the left of it changes nothing."""
    settings.SAMVERKAN_TRUSTED_PROXY_COUNT = 1

    def via_proxy(visitor, forged=""):
        forwarded = f"{forged}, {visitor}" if forged else visitor
        return client.post(
            URL,
            form_data(member_a),
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    for n in range(5):
        assert via_proxy("198.51.100.7", forged=f"203.0.113.{n}").status_code == 302
    assert via_proxy("198.51.100.7", forged="203.0.113.99").status_code == 429
    assert via_proxy("198.51.100.8").status_code == 302  # another visitor


def test_ipv6_clients_are_counted_by_their_64_network(client, member_a):
    for n in range(5):
        response = post(client, form_data(member_a), ip=f"2001:db8:1:2::{n + 1}")
        assert response.status_code == 302
    assert post(client, form_data(member_a), ip="2001:db8:1:2::99").status_code == 429
    assert post(client, form_data(member_a), ip="2001:db8:1:3::1").status_code == 302


def test_spam_counts_towards_the_limit(client, member_a):
    for _n in range(5):
        post(client, form_data(member_a, website="spam"))
    assert post(client, form_data(member_a)).status_code == 429


def test_missing_title_shows_swedish_errors_and_saves_nothing(
    client, django_capture_on_commit_callbacks, member_a
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, form_data(member_a, title="", consent=""))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Formuläret innehåller fel" in content
    assert "Det här fältet är obligatoriskt" in content  # Django's, via Wagtail
    assert 'aria-invalid="true"' in content
    assert not suggestions_of(member_a).exists()
    assert mail.outbox == []
    # A form to correct does not use up the limit.
    for n in range(5):
        assert post(client, form_data(member_a, title=f"Insats {n}")).status_code == 302


def test_organisation_must_be_a_current_member(client, region):
    former = OrganisationPageFactory(
        parent=region,
        member_since=datetime.date(2016, 1, 1),
        member_until=datetime.date(2020, 1, 1),
    )
    response = post(client, form_data(former))
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not suggestions_of(former).exists()


def test_task_retries_when_the_mail_server_fails(monkeypatch, member_a, editor_a):
    page = suggestion_create(
        organisation=member_a,
        title="Läxhjälp",
        summary="Läxhjälp för nyanlända elever.",
        suggested_by_name="Bo",
    )  # no on_commit here: the task is run by hand below

    def failing_send(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(EmailMessage, "send", failing_send)
    # Eager tasks raise Retry where a worker would schedule the next attempt.
    with pytest.raises(Retry) as retry:
        suggestion_notify_editors.apply(args=(page.pk,))
    assert isinstance(retry.value.exc, smtplib.SMTPServerDisconnected)
    with pytest.raises(smtplib.SMTPServerDisconnected):  # the fifth retry failed
        suggestion_notify_editors.apply(args=(page.pk,), retries=5)

    def unreachable(self, *args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr(EmailMessage, "send", unreachable)
    with pytest.raises(Retry):
        suggestion_notify_editors.apply(args=(page.pk,))
    assert mail.outbox == []


def test_task_ignores_a_deleted_page(db):
    assert suggestion_notify_editors.delay(999999).get() == 0


def test_non_member_user_without_group_is_not_notified(
    django_capture_on_commit_callbacks, member_a, editor_a
):
    UserFactory(username="outsider")
    with django_capture_on_commit_callbacks(execute=True):
        suggestion_create(
            organisation=member_a,
            title="Läxhjälp",
            summary="Läxhjälp för nyanlända elever.",
            suggested_by_name="Bo",
        )
    assert mail.outbox[0].bcc == [editor_a.email]
