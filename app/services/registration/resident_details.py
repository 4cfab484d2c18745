"""A resident's details, cleaned and checked: the same for a new registration
(registrations.register) and for a change (registrations.update_details)."""
import re
import unicodedata

from flask_babel import gettext as _

from ...models import ACCESS_NEEDS, HEARD_FROM
from .. import ServiceError

AGE_BANDS = (("0-2", 0, 2), ("3-5", 3, 5), ("6-12", 6, 12), ("13-17", 13, 17))
MAX_CHILDREN = 12

# Invisible characters that reorder or hide text (RTL override U+202E and friends).
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"))


def clean_text(value, multiline=False):
    """Drop NUL and other control characters and bidi overrides; trim. Letters of every
    script, emoji and punctuation stay as typed."""
    if value is None:
        return ""
    value = str(value).translate(_BIDI_CONTROLS)
    kept = []
    for char in value.replace("\r\n", "\n").replace("\r", "\n"):
        if char == "\n" and multiline:
            kept.append(char)
        elif char == "\t":
            kept.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cs"):
            continue
        else:
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).strip()


def email_key(email):
    return email.strip().casefold() if email else None


def phone_key(phone):
    digits = re.sub(r"\D", "", phone or "")
    return digits or None


def age_band(age):
    for name, low, high in AGE_BANDS:
        if low <= age <= high:
            return name
    return "18+"


def validate_details(data, session):
    """Clean and check the resident's details for ``session``; returns a dict of column values."""
    values = details(data)
    interpretation = values["interpretation_language"]
    if interpretation and interpretation not in (session.interpretation_languages or []):
        raise ServiceError(_("Interpretation in this language is not offered at this session."),
                           "interpretation_language")
    return values


def details(data):
    """:func:`validate_details` but for the interpreter, which the session must offer."""
    name = clean_text(data.get("name"))[:200]
    email = clean_text(data.get("email")) or None
    phone = clean_text(data.get("phone")) or None
    if not name:
        raise ServiceError(_("Please tell us your name."), "name")
    if not email and not phone:
        raise ServiceError(_("Please give an email address or a phone number, so we can reach you."), "email")
    if email and (len(email) > 254 or not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email)):
        raise ServiceError(_("Please check this email address."), "email")
    if phone and (len(phone) > 40 or not 7 <= len(phone_key(phone) or "") <= 15):
        raise ServiceError(_("Please check this phone number."), "phone")
    ages = [int(a) for a in data.get("children_ages") or []]
    count = int(data.get("children_count") or 0)
    childcare = bool(data.get("childcare_needed"))
    if childcare:
        count = max(count, len(ages))
        if count < 1:
            raise ServiceError(_("How many children need childcare?"), "children_count")
    else:
        count, ages = 0, []
    if count > MAX_CHILDREN or any(not 0 <= a <= 17 for a in ages):
        raise ServiceError(_("Please check the children's number and ages."), "children_count")
    interpretation = data.get("interpretation_language") or None
    needs = [n for n in ACCESS_NEEDS if n in (data.get("access_needs") or [])]
    heard_from = data.get("heard_from") or ""
    return dict(
        name=name, email=email, phone=phone, email_key=email_key(email), phone_key=phone_key(phone),
        preferred_language=data.get("preferred_language") or "en",
        interpretation_language=interpretation, childcare_needed=childcare, children_count=count,
        children_ages=sorted(ages), access_needs=needs,
        access_other=clean_text(data.get("access_other"), multiline=True)[:500],
        dietary=clean_text(data.get("dietary"), multiline=True)[:500],
        heard_from=heard_from if heard_from in ("", *HEARD_FROM) else "other",
        consent_followup=bool(data.get("consent_followup")),
    )
