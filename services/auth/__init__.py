"""Authentication: credentials, sessions, tokens, two-factor, password and contact recovery."""
