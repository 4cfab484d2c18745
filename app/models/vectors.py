"""Stored sentence-encoder vectors of notes, computed once and shared by notes with the same text.

A row is keyed by the analysis library's ``vector_key``: a hash of the encoder's id and of the
text the encoder reads for a note (its own text, or its English translation for a language the
encoder does not cover). Notes with the same text share one row; a note whose text, translation
or language changes simply points to another key. The vector is the raw float32 output, stored
as bytes (384 floats: 1,536 bytes).
"""
from sqlalchemy import Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow


class NoteVector(db.Model):
    __tablename__ = "note_vectors"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of encoder id + text
    encoder: Mapped[str] = mapped_column(String(100), index=True)  # the library's ENCODER_ID
    dim: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, little-endian, dim values
    created_at = mapped_column(UTCDateTime, default=utcnow)
