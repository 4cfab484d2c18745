"""What the city commits to and answers: resolutions and their clauses, action items, the
city's responses to themes, and the digests that tell residents."""
