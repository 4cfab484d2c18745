"""Insights from the notes: analysis runs (through the one bridge to ``analysis``), stored
note vectors, the theme board and theme pages, the codebook."""
