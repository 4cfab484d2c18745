"""New notes go to the nearest reviewed theme; notes unlike every theme stay out."""
from analysis import Note, place_notes

from .conftest import TOPICS


def _members():
    return {
        "Rent and evictions": [Note(f"h{i}", t, "en") for i, t in enumerate(TOPICS["housing"])],
        "Buses": [Note(f"b{i}", t, "en") for i, t in enumerate(TOPICS["transit"])],
        "Playgrounds": [Note(f"p{i}", t, "en") for i, t in enumerate(TOPICS["parks"])],
    }


def test_new_notes_join_the_nearest_theme():
    new = [
        Note("x1", "The landlord raised our rent and we may be evicted", "en"),
        Note("x2", "Late buses at the bus stop near my work", "en"),
        Note("x3", "El parque necesita un playground seguro", "es",
             translation="The park needs a safe playground"),
    ]
    placed = place_notes(_members(), new)
    assert [theme for theme, _score in placed] == ["Rent and evictions", "Buses", "Playgrounds"]
    assert all(0.2 <= score <= 1.0 + 1e-9 for _theme, score in placed)


def test_a_note_unlike_every_theme_stays_unassigned():
    placed = place_notes(_members(), [Note("x", "Quantum chromodynamics lecture schedule", "en")],
                         min_similarity=0.2)
    assert placed[0][0] is None


def test_empty_inputs():
    assert place_notes(_members(), []) == []
    assert place_notes({"empty": []}, [("x", "rent")]) == [(None, 0.0)]
