"""Signals Samverkan sends for other apps to act on."""

from django.dispatch import Signal

# Sent inside the transaction that recorded a change of public content, with
# `change`: the new ContentChange row. Receivers that start work outside the
# database should do so with transaction.on_commit().
content_changed = Signal()
