"""Demo news, meetings and projects of the Södertörn collaboration, one
module per kind (demo/seed_content.py loads them). Dates are given in days
relative to today (negative: in the past); pages are matched on their slug,
so seeding again changes nothing. Every person is invented."""
