"""Public feeds for partner sites: news as RSS 2.0 and Atom 1.0, meetings as
iCalendar. Only live, public content appears; every feed answers conditional
GETs and is cached like the delivery API (delivery.api.conditional)."""
