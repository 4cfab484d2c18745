"""Checked uploads waiting between their preview and the import (notes, action plans).

A preview is a JSON file under the instance folder, named by a random token and owned by the
user who uploaded it. ``claim`` takes it exactly once, even when two imports of the same
preview arrive at once; previews older than a day are pruned when the next one is saved. A
preview that is gone (expired, already imported, or someone else's) is refused with
:func:`expired`.
"""
import json
import os
import re
import secrets
import time

from flask import current_app
from flask_babel import gettext as _

from .errors import ServiceError

MAX_AGE = 24 * 3600
TOKEN = re.compile(r"^[0-9a-f]{32}$")


class CheckedRows:
    """What a preview of checked rows says (mixed into the notes' and plans' preview
    dataclasses, whose ``rows`` each carry a list of ``errors``)."""

    @property
    def error_count(self):
        return sum(1 for row in self.rows if row.errors)

    @property
    def ok(self):
        return bool(self.rows) and self.error_count == 0


class ImportRefused(ServiceError):
    """The whole file (or preview) is refused; nothing was stored."""


def expired():
    """The refusal for a preview that expired, was already imported, or belongs to someone else."""
    return ImportRefused(_("This import has expired or was already stored. Upload the file again."))


class Staging:
    def __init__(self, folder_name):
        self.folder_name = folder_name

    def _folder(self):
        folder = os.path.join(current_app.instance_path, self.folder_name)
        os.makedirs(folder, exist_ok=True)
        return folder

    def _path(self, token):
        if not TOKEN.match(token or ""):
            raise expired()
        return os.path.join(self._folder(), token + ".json")

    def save(self, actor, payload):
        """Keep ``payload`` (JSON-serializable) for ``actor``; returns its token."""
        self._prune()
        token = secrets.token_hex(16)
        with open(self._path(token), "w", encoding="utf-8") as handle:
            json.dump({"user_id": actor.id, **payload}, handle, ensure_ascii=False)
        return token

    def load(self, actor, token):
        """The preview, left in place (ImportRefused when it is gone)."""
        return self._read(self._path(token), actor)

    def claim(self, actor, token):
        """Load the preview and remove it, so it can be imported only once (ImportRefused when
        it is gone)."""
        path = self._path(token)
        self._read(path, actor)  # the right person, before taking the file
        claimed = path + ".taken"
        try:
            os.replace(path, claimed)  # atomic: of two imports arriving at once, one gets it
        except OSError:
            raise expired() from None
        try:
            return self._read(claimed, actor)
        finally:
            _remove(claimed)

    @staticmethod
    def _read(path, actor):
        try:
            with open(path, encoding="utf-8") as handle:
                stored = json.load(handle)
        except (OSError, ValueError):
            raise expired() from None
        if stored.get("user_id") != actor.id:
            raise expired()
        return stored

    def _prune(self):
        folder = self._folder()
        now = time.time()
        for name in os.listdir(folder):
            path = os.path.join(folder, name)
            try:
                if now - os.path.getmtime(path) > MAX_AGE:
                    os.remove(path)
            except OSError:
                pass


def _remove(path):
    try:
        os.remove(path)
    except OSError:
        pass
