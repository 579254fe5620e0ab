"""Reporting deadlines of grant-funded projects: reminders, escalation."""
