"""The review routine: the review log, the reminder ladder and daily
digests, one-click review links, snoozes and orphans, dashboards and the
quarterly report. See README, "For the strategist"."""
