"""The codebook of an engagement: its codes, and the tags people confirm or reject on notes.

An engagement has at most one codebook, made from scratch or copied from the shipped
Community Action Areas codebook. The tagger's suggestions are ``NoteTag`` rows with
``assigned_by="machine"``; people confirm or reject them (``user_id`` records who) or add tags
by hand (``assigned_by="person"``). The next tagging run learns from those decisions (see
:func:`.tagging.tag_notes`).
"""
import re
import unicodedata

from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models import Code, Codebook, Job, Note, NoteTag
from ...platform import audit, jobs
from .. import ServiceError, get_or_not_found
from . import bridge
from .run_scope import engagement_notes

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
TAG_VIEWS = ("suggested", "confirmed", "rejected", "all")
PAGE_SIZE = 25
TAG_JOB = "codebook.tag"  # its handler: app/services/insights/tagging.py


def codebook_for(engagement_id):
    """The engagement's codebook, or None."""
    return db.session.scalar(
        select(Codebook).where(Codebook.engagement_id == engagement_id)
        .options(selectinload(Codebook.codes)).order_by(Codebook.id).limit(1)
    )


def get_codebook(codebook_id):
    return get_or_not_found(
        Codebook, codebook_id, where=lambda codebook: codebook.engagement_id is not None)


def get_code(code_id):
    return get_or_not_found(Code, code_id)


def code_name(code, language, default_language="en"):
    """A code's name in ``language``, else the default language's, else any, else its key."""
    translations = code.translations or {}
    for lang in (language, default_language, "en", *translations):
        name = (translations.get(lang) or {}).get("name")
        if name:
            return name
    return code.key


# --- Codebooks and codes ------------------------------------------------------------------


def create_codebook(actor, engagement, name):
    name = (name or "").strip()
    if not name:
        raise ServiceError(_("Give the codebook a name."), field="name")
    if codebook_for(engagement.id) is not None:
        raise ServiceError(_("This engagement already has a codebook."))
    codebook = Codebook(engagement_id=engagement.id, name=name[:200])
    db.session.add(codebook)
    db.session.flush()
    audit.record(actor, "codebook.create", codebook)
    db.session.commit()
    return codebook


def import_shipped(actor, engagement):
    """Start from the shipped Community Action Areas codebook (refused if one exists)."""
    if codebook_for(engagement.id) is not None:
        raise ServiceError(_("This engagement already has a codebook."))
    codebook = import_shipped_codebook(actor, engagement)
    db.session.commit()
    return codebook


def import_shipped_codebook(actor, engagement):
    """Copy the shipped All Children Thrive codebook into the engagement (once), in the caller's
    transaction; the engagement's codebook if it has one already."""
    existing = db.session.scalar(select(Codebook).where(Codebook.engagement_id == engagement.id))
    if existing is not None:
        return existing
    name, codes = bridge.shipped_codebook()
    codebook = Codebook(engagement_id=engagement.id, name=name)
    codebook.codes.extend(codes)
    db.session.add(codebook)
    db.session.flush()
    audit.record(actor, "codebook.import", codebook, source=bridge.SHIPPED_CODEBOOK)
    return codebook


def _slug(text):
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")[:80]


def _clean_texts(texts, default_language):
    """``{lang: {"name", "description", "examples"}}`` from a form, trimmed, empty ones dropped."""
    translations, examples = {}, []
    for lang, values in texts.items():
        name = (values.get("name") or "").strip()[:200]
        description = (values.get("description") or "").strip()[:2000]
        if name or description:
            translations[lang] = {"name": name, "description": description}
        lines = (values.get("examples") or "").splitlines()
        examples.extend({"lang": lang, "text": line.strip()[:500]}
                        for line in lines if line.strip())
    if not (translations.get(default_language) or {}).get("name"):
        raise ServiceError(_("Give the code a name."), field="name")
    return translations, examples


def _check_key(codebook, key, name, code=None):
    key = (key or "").strip().lower() or _slug(name)
    if not key:
        raise ServiceError(_("Enter a key: lower-case letters, digits, - or _."), field="key")
    if not KEY_PATTERN.match(key):
        raise ServiceError(_("A key has only lower-case letters, digits, - and _ (at most 80)."),
                           field="key")
    taken = db.session.scalar(
        select(Code.id).where(Code.codebook_id == codebook.id, Code.key == key))
    if taken is not None and (code is None or taken != code.id):
        raise ServiceError(_("Another code already has this key."), field="key")
    return key


def add_code(actor, codebook, *, key, texts, default_language):
    """Add a code. ``texts`` is ``{lang: {"name", "description", "examples"}}`` with examples
    one per line; the default language needs a name. An empty key is made from the name."""
    translations, examples = _clean_texts(texts, default_language)
    key = _check_key(codebook, key, translations[default_language]["name"])
    last = db.session.scalar(select(func.max(Code.position)).where(Code.codebook_id == codebook.id))
    code = Code(codebook_id=codebook.id, key=key, position=(last or 0) + 1,
                translations=translations, examples=examples)
    db.session.add(code)
    db.session.flush()
    audit.record(actor, "code.create", code, key=key)
    db.session.commit()
    return code


def update_code(actor, code, *, key, texts, default_language):
    translations, examples = _clean_texts(texts, default_language)
    key = _check_key(code.codebook, key, translations[default_language]["name"], code=code)
    before = code.key
    code.key, code.translations, code.examples = key, translations, examples
    audit.record(actor, "code.update", code, key=key, previous_key=before)
    db.session.commit()
    return code


def delete_code(actor, code):
    """Delete a code and every tag it had on notes."""
    tags = db.session.scalar(select(func.count(NoteTag.id)).where(NoteTag.code_id == code.id))
    audit.record(actor, "code.delete", code, key=code.key, tags=tags)
    db.session.execute(delete(NoteTag).where(NoteTag.code_id == code.id))
    db.session.delete(code)
    db.session.commit()


def code_texts(code):
    """A code as form data: ``{lang: {"name", "description", "examples"}}``."""
    out = {}
    for lang, values in (code.translations or {}).items():
        out[lang] = {"name": values.get("name", ""),
                     "description": values.get("description", ""), "examples": ""}
    for example in code.examples or []:
        entry = out.setdefault(example["lang"], {"name": "", "description": "", "examples": ""})
        entry["examples"] = "\n".join(filter(None, [entry["examples"], example["text"]]))
    return out


def code_counts(codebook):
    """``{code_id: {"suggested": n, "confirmed": n, "rejected": n}}`` over live notes."""
    counts = {code.id: {"suggested": 0, "confirmed": 0, "rejected": 0} for code in codebook.codes}
    rows = db.session.execute(
        select(NoteTag.code_id, NoteTag.confirmed, NoteTag.rejected, func.count())
        .join(Note, Note.id == NoteTag.note_id).join(Code, Code.id == NoteTag.code_id)
        .where(Code.codebook_id == codebook.id, Note.deleted_at.is_(None))
        .group_by(NoteTag.code_id, NoteTag.confirmed, NoteTag.rejected)
    ).all()
    for code_id, confirmed, rejected, n in rows:
        state = "confirmed" if confirmed else "rejected" if rejected else "suggested"
        counts[code_id][state] += n
    return counts


# --- Tags on notes ---------------------------------------------------------------------------


def _tag_state(query, view):
    if view == "suggested":
        return query.where(NoteTag.assigned_by == "machine", NoteTag.confirmed.is_(False),
                           NoteTag.rejected.is_(False))
    if view == "confirmed":
        return query.where(NoteTag.confirmed.is_(True))
    if view == "rejected":
        return query.where(NoteTag.rejected.is_(True))
    return query


def tagged_notes(codebook, *, view="suggested", code_id=None, page=1):
    """One page of notes for review: ``(notes, tags by note id, total notes)``.

    ``view`` is suggested, confirmed, rejected (notes with such a tag, of ``code_id`` if given)
    or all (every note of the engagement). Each note's tags are all its tags in the codebook."""
    view = view if view in TAG_VIEWS else "suggested"
    live = {n.id for n in engagement_notes(codebook.engagement_id)}
    if view == "all" and not code_id:
        ids = sorted(live)
    else:
        query = _tag_state(
            select(NoteTag.note_id, func.max(NoteTag.score)).join(Code, Code.id == NoteTag.code_id)
            .where(Code.codebook_id == codebook.id), view)
        if code_id:
            query = query.where(NoteTag.code_id == code_id)
        rows = db.session.execute(query.group_by(NoteTag.note_id)).all()
        # Highest score first, so the surest suggestions are reviewed first.
        rows = sorted(rows, key=lambda r: (-(r[1] or 0), r[0]))
        ids = [note_id for note_id, _score in rows if note_id in live]
    total = len(ids)
    page_ids = ids[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    notes = {n.id: n for n in db.session.scalars(
        select(Note).where(Note.id.in_(page_ids))
        .options(selectinload(Note.table), selectinload(Note.prompt)))}
    tags = {}
    for tag in db.session.scalars(
        select(NoteTag).join(Code, Code.id == NoteTag.code_id)
        .where(Code.codebook_id == codebook.id, NoteTag.note_id.in_(page_ids))
        .options(selectinload(NoteTag.code)).order_by(NoteTag.id)
    ):
        tags.setdefault(tag.note_id, []).append(tag)
    for note_tags in tags.values():
        note_tags.sort(key=lambda t: -(t.score or 0))
    return [notes[i] for i in page_ids if i in notes], tags, total


def _tag_in(codebook, tag_id):
    tag = db.session.get(NoteTag, tag_id) if tag_id else None
    if tag is None or tag.code.codebook_id != codebook.id:
        raise ServiceError(_("That tag no longer exists."))
    return tag


def decide_tag(actor, codebook, tag_id, decision):
    """A person confirms or rejects a tag; either can be changed later."""
    if decision not in ("confirm", "reject"):
        raise ServiceError(_("Choose confirm or reject."))
    tag = _tag_in(codebook, tag_id)
    tag.confirmed, tag.rejected = decision == "confirm", decision == "reject"
    tag.user_id = actor.id
    audit.record(actor, "tag." + decision, tag, note_id=tag.note_id, code=tag.code.key,
                 assigned_by=tag.assigned_by)
    db.session.commit()
    return tag


def add_tag(actor, codebook, note_id, code_id):
    """A person tags a note by hand; a suggestion or a rejection of that code becomes confirmed."""
    code = db.session.get(Code, code_id) if code_id else None
    if code is None or code.codebook_id != codebook.id:
        raise ServiceError(_("Choose a code."), field="code")
    live = {n.id for n in engagement_notes(codebook.engagement_id)}
    if note_id not in live:
        raise ServiceError(_("That note no longer exists."))
    tag = db.session.scalar(
        select(NoteTag).where(NoteTag.note_id == note_id, NoteTag.code_id == code.id))
    if tag is None:
        tag = NoteTag(note_id=note_id, code_id=code.id, assigned_by="person")
        db.session.add(tag)
    tag.confirmed, tag.rejected, tag.user_id = True, False, actor.id
    db.session.flush()
    audit.record(actor, "tag.add", tag, note_id=note_id, code=code.key)
    db.session.commit()
    return tag


# --- Tagging runs ----------------------------------------------------------------------------


def _tagging_jobs(engagement_id):
    recent = db.session.scalars(
        select(Job).where(Job.name == TAG_JOB).order_by(Job.id.desc()).limit(50))
    return [job for job in recent if (job.payload or {}).get("engagement_id") == engagement_id]


def tagging_status(engagement_id):
    """The latest tagging job's status (queued, running, done, failed) or None."""
    found = _tagging_jobs(engagement_id)
    return found[0].status if found else None


def suggest_tags(actor, codebook):
    """Queue a tagging run over the engagement's notes (the job queue runs it)."""
    if not codebook.codes:
        raise ServiceError(_("Add at least one code first."))
    if tagging_status(codebook.engagement_id) in ("queued", "running"):
        raise ServiceError(_("Heard is already suggesting tags. Reload the page in a moment."))
    jobs.enqueue(TAG_JOB, {"engagement_id": codebook.engagement_id, "user_id": actor.id},
                 max_attempts=2)
    audit.record(actor, "codebook.suggest", codebook)
    db.session.commit()
    jobs.kick()
