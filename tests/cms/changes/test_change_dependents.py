"""Objects that pages show (contact people, categories, languages,
organisations): editing them records an update of every live page whose
public representation changed, and nothing when it did not."""

from django.urls import reverse

from cms.models import ChangeAction, ContentChange, InterventionCategory, Language
from tests.factories import (
    InterventionPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    PersonFactory,
    publish,
)


def changes_of(page):
    return list(
        ContentChange.objects.filter(page_id=page.pk)
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_renaming_a_contact_person_updates_the_live_interventions_showing_them(
    org_a,
):
    person = PersonFactory(organisation=org_a, name="Anna Berg")
    live = publish(InterventionPageFactory(parent=org_a, contact_person=person))
    draft = InterventionPageFactory(parent=org_a, contact_person=person, live=False)
    other = publish(InterventionPageFactory(parent=org_a))

    person.name = "Anna Lind"
    person.save()

    assert changes_of(live) == [ChangeAction.CREATED, ChangeAction.UPDATED]
    assert changes_of(draft) == []
    assert changes_of(other) == [ChangeAction.CREATED]


def test_saving_an_object_without_a_visible_change_records_nothing(org_a):
    person = PersonFactory(organisation=org_a)
    page = publish(InterventionPageFactory(parent=org_a, contact_person=person))

    person.save()  # nothing the API shows changed
    publish(org_a)  # the same title

    assert changes_of(page) == [ChangeAction.CREATED]


def test_the_feed_shows_the_new_name_with_the_update(client, org_a):
    person = PersonFactory(organisation=org_a, name="Anna Berg")
    page = publish(InterventionPageFactory(parent=org_a, contact_person=person))
    person.name = "Anna Lind"
    person.save()

    feed = client.get(reverse("api-v1:changes")).json()
    (item,) = [i for i in feed["items"] if i["id"] == str(page.uuid)]
    assert item["version"] == 2
    detail = client.get(item["url"]).json()
    assert detail["contact"]["name"] == "Anna Lind"


def test_deleting_a_contact_person_updates_the_interventions_that_showed_them(
    org_a,
):
    person = PersonFactory(organisation=org_a)
    page = publish(InterventionPageFactory(parent=org_a, contact_person=person))

    person.delete()

    assert changes_of(page) == [ChangeAction.CREATED, ChangeAction.UPDATED]


def test_renaming_a_category_or_language_updates_its_interventions(org_a):
    category = InterventionCategory.objects.get(slug="sfi")
    language = Language.objects.first()
    page = InterventionPageFactory(parent=org_a, category=category)
    page.languages.add(language)
    publish(page)

    category.name = "Svenska för invandrare (SFI)"
    category.save()
    language.native_name += " "
    language.save()

    assert changes_of(page) == [
        ChangeAction.CREATED,
        ChangeAction.UPDATED,
        ChangeAction.UPDATED,
    ]


def test_renaming_an_organisation_updates_its_pages_and_what_it_provides(region, org_a):
    publish(org_a)
    own = publish(InterventionPageFactory(parent=org_a))
    news = publish(NewsPageFactory(parent=org_a))
    elsewhere = OrganisationPageFactory(parent=region)
    provided = publish(InterventionPageFactory(parent=elsewhere, provider=org_a))
    served = InterventionPageFactory(parent=elsewhere)
    served.service_area.add(org_a)
    served = publish(served)
    unrelated = publish(InterventionPageFactory(parent=elsewhere))

    org_a.title = "Nytt namn kommun"
    publish(org_a)

    for page in (own, news, provided, served):
        assert changes_of(page) == [ChangeAction.CREATED, ChangeAction.UPDATED]
    assert changes_of(unrelated) == [ChangeAction.CREATED]
