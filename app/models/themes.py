"""Codebooks, analysis runs, themes, and who put a note in a theme or tagged it."""
from sqlalchemy import JSON, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, one_of, utcnow

RUN_STATUSES = ("queued", "running", "done", "failed")
# What a run is doing now (AnalysisRun.stage, not constrained), in the order it does it.
RUN_STAGES = ("queued", "loading", "encoding", "themes", "tagging", "links", "saving", "done", "failed")
THEME_STATUSES = ("suggested", "accepted", "merged", "rejected")
# Who put a note in a theme or tagged it.
ASSIGNERS = ("machine", "person")


class Codebook(db.Model):
    __tablename__ = "codebooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int | None] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), nullable=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at = mapped_column(UTCDateTime, default=utcnow)

    codes = relationship("Code", back_populates="codebook", cascade="all, delete-orphan", order_by="Code.position")


class Code(db.Model):
    __tablename__ = "codes"
    __table_args__ = (UniqueConstraint("codebook_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    codebook_id: Mapped[int] = mapped_column(ForeignKey("codebooks.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # {"en": {"name": ..., "description": ...}, "es": {...}}
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    examples: Mapped[list] = mapped_column(JSON, default=list)

    codebook = relationship("Codebook", back_populates="codes")


class AnalysisRun(db.Model):
    __tablename__ = "analysis_runs"
    __table_args__ = (one_of("status", RUN_STATUSES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    codebook_id: Mapped[int | None] = mapped_column(ForeignKey("codebooks.id", ondelete="SET NULL"), nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="queued")
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    note_count: Mapped[int] = mapped_column(Integer, default=0)
    progress: Mapped[int] = mapped_column(Integer, default=0)  # percent done, for the progress bar
    stage: Mapped[str] = mapped_column(String(40), default="")  # what the run is doing now
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)
    started_at = mapped_column(UTCDateTime, nullable=True)
    finished_at = mapped_column(UTCDateTime, nullable=True)

    themes = relationship("Theme", back_populates="run", cascade="all, delete-orphan", order_by="Theme.position")


class Theme(db.Model):
    __tablename__ = "themes"
    __table_args__ = (one_of("status", THEME_STATUSES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("analysis_runs.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))  # the library's theme id, e.g. "t3"
    position: Mapped[int] = mapped_column(Integer, default=0)
    machine_label: Mapped[str] = mapped_column(String(200))
    label: Mapped[str] = mapped_column(String(200))  # what reviewers settled on
    summary: Mapped[str] = mapped_column(Text, default="")  # written by a person, never generated
    keywords: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="suggested")
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="SET NULL"), nullable=True)
    updated_at = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    run = relationship("AnalysisRun", back_populates="themes")
    assignments = relationship("NoteTheme", back_populates="theme", cascade="all, delete-orphan")


class NoteTheme(db.Model):
    __tablename__ = "note_themes"
    __table_args__ = (
        UniqueConstraint("note_id", "theme_id"),
        one_of("assigned_by", ASSIGNERS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), index=True)
    assigned_by: Mapped[str] = mapped_column(String(10))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    representative: Mapped[bool] = mapped_column(default=False)
    # Placed in an already reviewed theme set after the review began, for reviewers to check.
    is_new: Mapped[bool] = mapped_column(default=False)
    # A reviewer keeps the note out of counts, quotes and reports for this theme.
    excluded: Mapped[bool] = mapped_column(default=False)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    theme = relationship("Theme", back_populates="assignments")
    note = relationship("Note")


class NoteTag(db.Model):
    __tablename__ = "note_tags"
    __table_args__ = (
        UniqueConstraint("note_id", "code_id"),
        one_of("assigned_by", ASSIGNERS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"), index=True)
    code_id: Mapped[int] = mapped_column(ForeignKey("codes.id", ondelete="CASCADE"), index=True)
    assigned_by: Mapped[str] = mapped_column(String(10))
    confirmed: Mapped[bool] = mapped_column(default=False)
    rejected: Mapped[bool] = mapped_column(default=False)  # a person said no; the tagger learns from it
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    code = relationship("Code")
    note = relationship("Note")
