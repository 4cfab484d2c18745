"""Notes at the tables: who covers which table, writing notes, and transcribed paper notes."""
