"""Notifications to parties and others: SMS and e-mail channels, delivery log, retries, opt-out, rate limits."""
