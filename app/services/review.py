"""Reviewing analysis runs."""
from sqlalchemy import select

from ..extensions import db
from ..models import AnalysisRun


def recent_runs(limit=20):
    return list(db.session.scalars(select(AnalysisRun).order_by(AnalysisRun.created_at.desc()).limit(limit)))
