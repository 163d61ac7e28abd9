"""Email and SMS: templates and the notifier interface every sender goes through."""
