"""Signals Samverkan sends for other apps to act on."""

from django.dispatch import Signal

# Sent inside the transaction that recorded a change of public content, with
# `change`: the new ContentChange row. Receivers that start work outside the
# database should do so with transaction.on_commit().
content_changed = Signal()

# Sent by InterventionPage.save() when the save is a review (the editor ticked
# "this save is a review", or an import set the review date), with `page` and
# `previous_due`: the review date it had before. The review routine records it.
intervention_reviewed = Signal()
