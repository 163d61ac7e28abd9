"""`python -m worker`: runs Temporal workers for the chosen task queues."""
