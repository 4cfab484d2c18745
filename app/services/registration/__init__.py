"""Residents registering, and what organizers do with registrations (roster, check-in,
erasure of personal data)."""
