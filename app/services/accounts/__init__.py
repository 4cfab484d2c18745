"""Staff accounts, and the lists administrators manage."""
