"""seed_demo's news, meetings and projects."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from cms import selectors
from cms.models import MeetingPage, MeetingStatus, NewsPage, ProjectPage, RegionPage


def test_seed_demo_adds_news_meetings_and_projects(db):
    call_command("seed_demo", verbosity=0)
    region = RegionPage.objects.get(slug="sodertorn")
    today = timezone.localdate()

    news = selectors.news_published(region=region)
    assert 18 <= news.count() <= 25
    dates = list(news.values_list("date", flat=True))
    assert min(dates) >= today - datetime.timedelta(days=366)
    assert NewsPage.objects.filter(tags__name="språk").exists()

    upcoming = selectors.meetings_upcoming(region=region)
    assert upcoming.count() >= 8
    assert max(m.starts_at for m in upcoming).date() <= today + datetime.timedelta(
        days=186
    )
    assert upcoming.filter(status=MeetingStatus.CANCELLED).exists()
    past = list(selectors.meetings_past(region=region))
    with_minutes = [m for m in past if selectors.meeting_published_minutes(m)]
    assert len(with_minutes) >= 5
    assert any(m.minutes_text and not m.minutes_are_public for m in past)
    for meeting in MeetingPage.objects.all():
        meeting.full_clean()

    projects = ProjectPage.objects.live()
    assert projects.count() >= 4
    for project in projects:
        assert project.deadlines.exists()
        assert all(d.responsible_id for d in project.deadlines.all())
