"""Counts of attempts for rate limits, shared by every worker and server of one database
(see app/ratelimit.py). A bucket is a keyed hash: no address, email or phone is stored."""
from sqlalchemy import BigInteger, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class RateLimitCount(db.Model):
    __tablename__ = "rate_limits"

    # "<rule>:<HMAC of what is counted>", e.g. "registration-contact:3f0c…"
    bucket: Mapped[str] = mapped_column(String(80), primary_key=True)
    hits: Mapped[int] = mapped_column(Integer)
    # When the window ends, in whole seconds since 1970 (UTC): plain integers compare the
    # same way on SQLite and PostgreSQL inside one upsert.
    expires_at: Mapped[int] = mapped_column(BigInteger, index=True)
