"""Listening sessions: organizers set them up (``organize``); residents find them (``listing``)."""
