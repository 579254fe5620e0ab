"""Usage statistics of the intervention bank: reads counted on the public
site and through the delivery API, per intervention and day, and the report
that shows them."""
