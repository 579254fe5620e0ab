"""Locust users for benchmarks/load.py: one user is one partner site.

Every minute a partner site makes 13 requests (PER_MINUTE below): it polls
the changes feed from its stored cursor, and refreshes what it shows with
conditional GETs (If-None-Match with the ETag it got last time): two
intervention list pages, five intervention details, a page of HSDS
services, the news and event lists, the news RSS and the events iCal feed.
Each site sends its own API key. The data to ask for comes from the JSON
file named by LOAD_FIXTURE (written by load.py).

Beside them, LOAD_PUBLIC_READERS people read the public site (web/): every
minute a reader opens the bank's listing (a municipality's, in Swedish or
Arabic), two intervention pages, the news and the meeting calendar, as a
browser does (If-None-Match with the ETag it got).
"""

import json
import os
import random

from locust import constant_pacing, task
from locust.contrib.fasthttp import FastHttpUser

FIXTURE = json.loads(open(os.environ["LOAD_FIXTURE"]).read())  # noqa: SIM115
PER_MINUTE = {
    "changes": 1,
    "intervention_list": 2,
    "intervention_detail": 5,
    "hsds_services": 1,
    "news_list": 1,
    "event_list": 1,
    "news_rss": 1,
    "events_ics": 1,
}


def conditional_get(user, url: str, name: str) -> None:
    """GET with the ETag the user got for `url` last time; 200 and 304 are
    successes."""
    headers = dict(user.headers)
    if url in user.etags:
        headers["If-None-Match"] = user.etags[url]
    with user.client.get(
        url, headers=headers, name=name, catch_response=True
    ) as response:
        if response.status_code in (200, 304):
            if response.headers.get("ETag"):
                user.etags[url] = response.headers["ETag"]
            response.success()
        else:
            response.failure(f"HTTP {response.status_code}")


PUBLIC_READERS = int(os.environ.get("LOAD_PUBLIC_READERS", "0"))
PUBLIC_PER_MINUTE = {"listing": 1, "intervention": 2, "news": 1, "meetings": 1}


# FastHttpUser (geventhttpclient) costs a fraction of the CPU per request of
# HttpUser (requests), and locust runs on the same cores as the server.
class PartnerSite(FastHttpUser):
    weight = len(FIXTURE["keys"])
    wait_time = constant_pacing(60 / sum(PER_MINUTE.values()))

    def on_start(self):
        self.number = random.randrange(len(FIXTURE["keys"]))
        self.headers = {"Authorization": f"Api-Key {FIXTURE['keys'][self.number]}"}
        self.cursor = FIXTURE["cursor"]
        self.etags = {}
        self.random = random.Random(self.number)

    def _conditional(self, url: str, name: str):
        conditional_get(self, url, name)

    @task(PER_MINUTE["changes"])
    def changes(self):
        has_more = True
        while has_more:
            with self.client.get(
                "/api/v1/changes/",
                params={"cursor": self.cursor, "limit": 500},
                headers=self.headers,
                name="/api/v1/changes/",
                catch_response=True,
            ) as response:
                if response.status_code != 200:
                    response.failure(f"HTTP {response.status_code}")
                    return
                page = response.json()
                self.cursor = page["next_cursor"] or self.cursor
                has_more = page["has_more"]

    @task(PER_MINUTE["intervention_list"])
    def intervention_list(self):
        # Half of them the whole list, half one municipality's.
        url = self.random.choice(
            [
                FIXTURE["intervention_list"],
                self.random.choice(FIXTURE["municipality_lists"]),
            ]
        )
        self._conditional(url, "/api/v1/interventions/")

    @task(PER_MINUTE["intervention_detail"])
    def intervention_detail(self):
        uuid = self.random.choice(FIXTURE["interventions"])
        self._conditional(
            f"/api/v1/interventions/{uuid}/", "/api/v1/interventions/[id]/"
        )

    @task(PER_MINUTE["hsds_services"])
    def hsds_services(self):
        url = self.random.choice(FIXTURE["hsds_pages"])
        self._conditional(url, "/api/hsds/services")

    @task(PER_MINUTE["news_list"])
    def news_list(self):
        self._conditional("/api/v1/news/", "/api/v1/news/")

    @task(PER_MINUTE["event_list"])
    def event_list(self):
        self._conditional("/api/v1/events/", "/api/v1/events/")

    @task(PER_MINUTE["news_rss"])
    def news_rss(self):
        self._conditional("/feeds/news.rss", "/feeds/news.rss")

    @task(PER_MINUTE["events_ics"])
    def events_ics(self):
        self._conditional("/feeds/events.ics", "/feeds/events.ics")


class PublicReader(FastHttpUser):
    weight = PUBLIC_READERS
    wait_time = constant_pacing(60 / sum(PUBLIC_PER_MINUTE.values()))

    def on_start(self):
        self.random = random.Random()
        self.etags = {}
        self.headers = {}

    def _page(self, url: str, name: str):
        conditional_get(self, url, name)

    @task(PUBLIC_PER_MINUTE["listing"])
    def listing(self):
        self._page(self.random.choice(FIXTURE["bank_pages"]), "/insatser/")

    @task(PUBLIC_PER_MINUTE["intervention"])
    def intervention(self):
        self._page(self.random.choice(FIXTURE["public_pages"]), "/insatser/[page]")

    @task(PUBLIC_PER_MINUTE["news"])
    def news(self):
        self._page("/nyheter/", "/nyheter/")

    @task(PUBLIC_PER_MINUTE["meetings"])
    def meetings(self):
        self._page("/moten/", "/moten/")
