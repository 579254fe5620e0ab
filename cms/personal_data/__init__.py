"""Personal data of people and suggesters (GDPR): export (art. 15 and 20),
erasure (art. 17), and deletion of suggesters' data after a settable time.
Subscribers have their own, self-service, in the newsletter app."""
