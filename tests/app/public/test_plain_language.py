"""Plain language on resident pages: the English source strings residents read use short
sentences and none of the office words that make a notice hard to follow."""
import re

from browser.a11y_support import RESIDENT_SOURCES, source_messages

JARGON = [
    "utilize", "utilise", "facilitate", "stakeholder", "pursuant", "aforementioned", "engagement",
    "leverage", "commence", "endeavo(u)?r", "hereby", "herein", "whereas", "notwithstanding", "in order to",
    "prior to", "subsequent(ly)?", "constituent", "deliverable", "synergy", "ascertain", "disseminate",
    "expedite", "optimal", "paradigm", "henceforth", "thereof", "cohort", "demographic", "modality",
    "actionable", "empower", "registrant", "attendee", "mandatory", "requisite", "outreach", "initiative",
    "personal data", "data subject", "retention period", "in accordance with", "submit",
]
MAX_WORDS, MAX_AVERAGE = 20, 15


def _sentences():
    """(words, sentence, files) for every sentence of running text in resident strings."""
    for msgid, files in source_messages(*RESIDENT_SOURCES).items():
        text = re.sub(r"%\(\w+\)[sd]", "X", msgid)
        if not re.search(r"[.!?]$", text.strip()):
            continue  # labels and headings, not running text
        for sentence in re.split(r"(?<=[.!?:;])\s+", text):
            words = re.findall(r"[\w'’-]+", sentence)
            if words:
                yield len(words), sentence, sorted(files)


def test_resident_strings_are_found():
    messages = source_messages(*RESIDENT_SOURCES)
    assert "Register" in messages and "Please tell us your name." in messages
    assert len(messages) > 80


def test_sentences_are_short():
    sentences = list(_sentences())
    long = [(n, s, f) for n, s, f in sentences if n > MAX_WORDS]
    assert not long, f"sentences over {MAX_WORDS} words: {long}"
    average = sum(n for n, _s, _f in sentences) / len(sentences)
    assert average < MAX_AVERAGE, f"average sentence is {average:.1f} words"


def test_no_jargon_on_resident_pages():
    found = []
    for msgid, files in source_messages(*RESIDENT_SOURCES).items():
        for word in JARGON:
            if re.search(rf"\b{word}\b", msgid, re.IGNORECASE):
                found.append((word, msgid, sorted(files)))
    assert not found, found
