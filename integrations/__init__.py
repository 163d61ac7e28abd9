"""Clients for the outside world (Temporal, Stripe, email, SMS, search), each behind a small
interface with a local default chosen by settings."""
