"""Every plural message reads naturally for every count in every language, rendered through the
app's own ngettext and compiled catalogues (translations/README.md, "Plural messages").

* A plural form the language uses for many numbers shows the count: "21 ребёнок" needs the
  21, so a Russian "one" form written as "один ребёнок" would be wrong for 21, 31...
* A form used for one number only may say it in words, and in Arabic the dual does: "طفلان"
  ("two children"), never "2 طفلان"; the "one" form likewise ("طفل واحد"). A label followed by
  the number ("مكتملة: 2"), worded the same for every count, is not a dual and may keep it.
* Any other placeholder is always filled in, and no number but the count appears.
"""
import gettext
import os
import re

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale, get_translations, ngettext

from app.config import ALL_LANGUAGES
from app.i18n import babel_locale

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COUNTS = (0, 1, 2, 3, 5, 11, 21, 100, 101)
FILLER = "«X»"  # what other placeholders (%(plan)s, %(label)s) are filled with: no digits
NUMBER_FILLER = 777  # what other number placeholders (%(row)d) are filled with: not a count


def _plural_messages():
    with open(os.path.join(ROOT, "translations", "messages.pot"), "rb") as handle:
        return [m.id for m in read_po(handle) if m.pluralizable]


PLURALS = _plural_messages()


def _numbers(text):
    return set(re.findall(r"\d+", text))


def _shows(text, count):
    return re.search(rf"(?<!\d){count}(?!\d)", text) is not None


@pytest.fixture
def render(app):
    """``render(code)`` -> (say(singular, plural, n), form_of(n), numbers_of_form)."""

    def in_language(code):
        context = app.test_request_context()
        context.push()
        locale = force_locale(babel_locale(code))
        locale.__enter__()
        teardown.append((locale, context))
        translations = get_translations()
        form_of = translations.plural if hasattr(translations, "plural") else gettext.c2py("n != 1")
        numbers_of_form = {}
        for n in range(1000):
            numbers_of_form.setdefault(form_of(n), set()).add(n)

        def say(singular, plural, n):
            numbers = set(re.findall(r"%\((\w+)\)d", plural)) - {"num"}
            names = set(re.findall(r"%\((\w+)\)", plural)) - {"num"} - numbers
            return ngettext(singular, plural, n, **dict.fromkeys(names, FILLER),
                            **dict.fromkeys(numbers, NUMBER_FILLER))

        return say, form_of, numbers_of_form

    teardown = []
    yield in_language
    for locale, context in reversed(teardown):
        locale.__exit__(None, None, None)
        context.pop()


def test_there_are_plural_messages_to_check():
    assert len(PLURALS) >= 40
    assert ("%(num)d child", "%(num)d children") in PLURALS


@pytest.mark.parametrize("code", ALL_LANGUAGES)
def test_every_plural_form_reads_with_its_count(render, code):
    say, form_of, numbers_of_form = render(code)
    problems = []
    for singular, plural in PLURALS:
        for n in COUNTS:
            text = say(singular, plural, n)
            shared = len(numbers_of_form[form_of(n)]) > 1
            if not text.strip():
                problems.append((n, singular, "empty"))
            if "%(" in text:
                problems.append((n, singular, f"unfilled placeholder: {text}"))
            filled = FILLER in text or str(NUMBER_FILLER) in text
            if not filled and re.search(r"%\((?!num)\w+\)", plural):
                problems.append((n, singular, f"lost a placeholder: {text}"))
            if shared and not _shows(text, n):
                problems.append((n, singular, f"form of several numbers, count missing: {text}"))
            if not _numbers(text) - {str(NUMBER_FILLER)} <= {str(n)}:
                problems.append((n, singular, f"a number that is not the count: {text}"))
    assert not problems, f"{code}: {problems[:8]}"


def test_arabic_dual_and_one_forms_carry_no_numeral(render):
    say, form_of, _numbers_of_form = render("ar")
    assert (form_of(1), form_of(2)) == (1, 2)
    digits = []
    for singular, plural in PLURALS:
        eleven = say(singular, plural, 11).replace(str(NUMBER_FILLER), "«N»")
        for n in (1, 2):
            text = say(singular, plural, n).replace(str(NUMBER_FILLER), "«N»")  # a row, not the count
            # Allowed only as a label worded the same as for 11 ("مكتملة: 2" / "مكتملة: 11").
            if re.search(r"\d", text) and re.sub(rf"(?<!\d){n}(?!\d)", "11", text) != eleven:
                digits.append((n, text))
    assert not digits, digits
    assert say("%(num)d child", "%(num)d children", 2) == "طفلان"
    assert say("%(num)d seat left", "%(num)d seats left", 2) == "بقي مقعدان"
    assert say("%(num)d child", "%(num)d children", 1) == "طفل واحد"
    assert say("%(num)d child", "%(num)d children", 3) == "3 أطفال"
    assert say("%(num)d child", "%(num)d children", 11) == "11 طفلًا"
    assert say("%(num)d child", "%(num)d children", 101) == "101 طفل"


def test_russian_uses_one_few_and_many(render):
    say, _form_of, _numbers_of_form = render("ru")
    child = ("%(num)d child", "%(num)d children")
    assert [say(*child, n) for n in (1, 21, 2, 22, 5, 11, 12, 0)] == [
        "1 ребёнок", "21 ребёнок", "2 ребёнка", "22 ребёнка",
        "5 детей", "11 детей", "12 детей", "0 детей"]
