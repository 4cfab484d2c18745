"""Staff accounts, their roles, and which tables a notetaker covers."""
import secrets

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from .types import UTCDateTime, one_of, utcnow

ROLES = ("admin", "organizer", "notetaker", "analyst")


def new_session_token():
    return secrets.token_urlsafe(24)


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (one_of("role", ROLES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(10), default="en")
    active: Mapped[bool] = mapped_column(default=True)
    # Changed at sign-out: every cookie carrying the old token stops working.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    created_at = mapped_column(UTCDateTime, default=utcnow)
    last_seen_roster_at = mapped_column(UTCDateTime, nullable=True)

    assignments = relationship("NotetakerAssignment", back_populates="user", cascade="all, delete-orphan")

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def get_id(self):
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self):
        return self.active

    def has_role(self, *roles):
        return self.role in roles


class NotetakerAssignment(db.Model):
    __tablename__ = "notetaker_assignments"
    __table_args__ = (UniqueConstraint("user_id", "table_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("session_tables.id", ondelete="CASCADE"), index=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    user = relationship("User", back_populates="assignments")
    table = relationship("SessionTable", back_populates="assignments")
