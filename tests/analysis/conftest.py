"""Small synthetic multilingual civic notes for the analysis tests."""

from __future__ import annotations

import itertools

import pytest

from analysis import Note

TOPICS = {
    "housing": [
        "The rent went up again and our landlord wants us out of the apartment",
        "Rent is too high, families are being evicted from their apartments",
        "We need affordable housing, the rent takes half of my pay",
        "Our landlord ignores repairs and raises the rent every year",
        "Eviction notices are everywhere, rent control would keep families housed",
    ],
    "transit": [
        "The bus comes late and the bus stop has no shelter",
        "More bus routes at night so workers can get home",
        "Bus fares are too expensive for students and seniors",
        "The bus stop near the school needs a bench and lights",
        "Buses are crowded in the morning, add more buses on route 5",
    ],
    "parks": [
        "The park playground is broken and children have nowhere to play",
        "Clean up the park, the playground has needles and trash",
        "Our kids need a safe park with a playground and trees",
        "Keep the park open late in summer, the playground is full",
        "Fix the playground swings in the park near the library",
    ],
}
SPANISH = {
    "housing": ("La renta subió otra vez y el dueño quiere desalojarnos",
                "The rent went up again and the landlord wants to evict us"),
    "transit": ("El autobús siempre llega tarde a la parada",
                "The bus always arrives late to the bus stop"),
    "parks": ("El parque no tiene juegos seguros para los niños",
              "The park has no safe playground for the children"),
}


def make_notes(repeat: int = 2) -> tuple[list[Note], dict[str, str]]:
    notes, truth = [], {}
    counter = itertools.count(1)
    for r in range(repeat):
        for topic, texts in TOPICS.items():
            for i, text in enumerate(texts):
                nid = f"n{next(counter)}"
                variant = text if r == 0 else f"{text} please"
                notes.append(Note(nid, variant, "en", meta={"table_id": f"tb{i % 3}",
                                                            "session_id": f"s{r}"}))
                truth[nid] = topic
            es, en = SPANISH[topic]
            nid = f"n{next(counter)}"
            notes.append(Note(nid, es, "es", translation=en,
                              meta={"table_id": "tb9", "session_id": f"s{r}"}))
            truth[nid] = topic
    return notes, truth


@pytest.fixture
def civic_notes():
    return make_notes()
