"""Domain services: every business rule, called by API routes and Temporal activities alike.

Services take an AsyncSession (and the clients they need) as arguments and never commit:
the caller owns the transaction."""
