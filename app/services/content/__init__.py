"""What organizers and analysts write for the public, translated into every language."""
