"""Languages: which one a request gets, and how it maps onto Babel.

Heard speaks in *app language codes* (BCP 47: ``en``, ``zh-Hans``, ``tl``, ``hmn``...).
Babel needs a CLDR locale to format dates and a catalogue folder name to find
translations. Most languages map one to one; three do not:

* Tagalog is filed by CLDR as Filipino (``fil``), so its catalogue is ``fil``;
* Simplified Chinese is ``zh_Hans``: ``zh_CN`` would not find that catalogue;
* CLDR has no Hmong at all, so Hmong pages read the ``hmn`` catalogue but format
  dates and numbers as English. README.md says so.
"""
import functools

from babel import Locale, UnknownLocaleError
from flask import current_app, g, request

from . import timezones

COOKIE = "heard_lang"
COOKIE_MAX_AGE = 365 * 24 * 3600


class CatalogueLocale(Locale):
    """A CLDR locale that looks up translations under another catalogue name."""

    def __init__(self, *args, catalogue, **kwargs):
        self.catalogue = None  # Babel's own __init__ needs the CLDR identifier from str()
        super().__init__(*args, **kwargs)
        self.catalogue = catalogue

    def __str__(self):
        return self.catalogue or super().__str__()


# app code -> (CLDR identifier used for formatting, catalogue folder, name in itself)
LANGUAGES = {
    "en": ("en", "en", "English"),
    "es": ("es", "es", "Español"),
    "zh-Hans": ("zh_Hans", "zh_Hans", "简体中文"),
    "vi": ("vi", "vi", "Tiếng Việt"),
    "tl": ("fil", "fil", "Tagalog"),
    "ru": ("ru", "ru", "Русский"),
    "ar": ("ar", "ar", "العربية"),
    "hmn": ("en", "hmn", "Hmoob"),
    "so": ("so", "so", "Soomaali"),
}

# Catalogue folders, for the build and the completeness tests.
CATALOGUES = {code: folder for code, (_cldr, folder, _name) in LANGUAGES.items()}


def babel_locale(code):
    """The Babel locale for an app language code."""
    cldr, folder, _name = LANGUAGES[code]
    locale = Locale.parse(cldr)
    return CatalogueLocale(
        locale.language, territory=locale.territory, script=locale.script, catalogue=folder
    )


def native_name(code):
    """A language's name in itself ("Español"), for one of Heard's languages; any other code
    (a note's detected language, say) as it is, "?" when there is none."""
    return LANGUAGES[code][2] if code in LANGUAGES else code or "?"


@functools.lru_cache(maxsize=256)
def text_direction(code):
    """"rtl" or "ltr": CLDR's direction for any language code (ar, fa, he, ur... are "rtl";
    ``ar-EG`` as ``ar``), "ltr" for one CLDR does not know (Hmong) or none. Pages, messages
    and report files all ask here."""
    try:
        return Locale.parse(str(code).replace("_", "-"), sep="-").text_direction
    except (ValueError, TypeError, UnknownLocaleError):
        return "ltr"


def offered():
    return current_app.config["HEARD_LANGUAGES"]


def match_tag(tag, offered_codes):
    """Map one BCP 47 tag (``zh-CN``, ``es-419``, ``fil``, ``hmn-US``) to an offered code."""
    tag = tag.strip()
    if not tag or tag == "*":
        return None
    primary = tag.split("-")[0].split("_")[0].lower()
    if primary == "hmn":
        return "hmn" if "hmn" in offered_codes else None
    try:
        wanted = Locale.parse(tag.replace("_", "-"), sep="-")
    except (ValueError, UnknownLocaleError):
        return None
    for code in offered_codes:
        cldr = LANGUAGES[code][0]
        candidate = Locale.parse(cldr)
        if candidate.language != wanted.language:
            continue
        if candidate.script and wanted.script and candidate.script != wanted.script:
            continue  # zh-TW (Hant) is not Simplified Chinese
        return code
    return None


def parse_accept_language(header):
    """Tags from an Accept-Language header, best first (stable for equal weights)."""
    weighted = []
    for index, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and quality > 0:
            weighted.append((-quality, index, tag))
    return [tag for _q, _i, tag in sorted(weighted)]


def select_language():
    """The request's language: explicit choice (cookie), then Accept-Language, then default."""
    if "heard_lang" in g:
        return g.heard_lang
    codes = offered()
    chosen = request.cookies.get(COOKIE)
    if chosen not in codes:
        chosen = None
        for tag in parse_accept_language(request.headers.get("Accept-Language")):
            chosen = match_tag(tag, codes)
            if chosen:
                break
    g.heard_lang = chosen or current_app.config["HEARD_DEFAULT_LANGUAGE"]
    return g.heard_lang


def locale_selector():
    return babel_locale(select_language())


def init_app(app):
    from .extensions import babel

    babel.init_app(
        app,
        locale_selector=locale_selector,
        timezone_selector=timezones.selector,
        default_translation_directories=app.config["TRANSLATIONS_DIR"],
    )

    @app.context_processor
    def language_context():
        code = select_language()
        return {
            "current_language": code,
            "text_dir": text_direction(code),
            "language_choices": [(c, native_name(c)) for c in offered()],
        }
