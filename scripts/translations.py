"""Catalogue upkeep: ``update`` merges translations/messages.pot into every catalogue;
``compile`` writes the .mo files (build output, never committed).

Like ``pybabel update`` and ``pybabel compile``, with one fix: for a language CLDR lacks
(Hmong), Babel drops the catalogue's own Plural-Forms header, and gettext then falls back
to English plural rules. Here the header is kept.
"""
import pathlib
import sys

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = pathlib.Path(__file__).resolve().parent.parent / "translations"


class KeepPluralForms(Catalog):
    @property
    def mime_headers(self):
        headers = Catalog.mime_headers.fget(self)
        if not any(name == "Plural-Forms" for name, _value in headers):
            headers.insert(-3, ("Plural-Forms", self.plural_forms))
        return headers

    @mime_headers.setter
    def mime_headers(self, headers):
        Catalog.mime_headers.fset(self, headers)


def load(po_path):
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    catalog.__class__ = KeepPluralForms
    return catalog


def update():
    with (ROOT / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    for po_path in sorted(ROOT.glob("*/LC_MESSAGES/messages.po")):
        catalog = load(po_path)
        catalog.update(template, no_fuzzy_matching=True)
        with po_path.open("wb") as handle:
            write_po(handle, catalog, ignore_obsolete=True, omit_header=False, width=76)
        print(f"updated {po_path}")
    return 0


def compile_all():
    failed = False
    for po_path in sorted(ROOT.glob("*/LC_MESSAGES/messages.po")):
        catalog = load(po_path)
        errors = list(catalog.check())
        for message, problems in errors:
            for problem in problems:
                print(f"{po_path}: {message.id!r}: {problem}", file=sys.stderr)
                failed = True
        translated = sum(1 for m in catalog if m.id and m.string and (not isinstance(m.string, tuple) or all(m.string)))
        total = sum(1 for m in catalog if m.id)
        with po_path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog)
        print(f"{po_path.parent.parent.name:8} {translated}/{total} messages translated")
    return 1 if failed else 0


if __name__ == "__main__":
    commands = {"update": update, "compile": compile_all}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit("usage: python scripts/translations.py update|compile")
    sys.exit(commands[sys.argv[1]]())
