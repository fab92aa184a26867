"""The UI's gettext catalogs: one messages.po per language, compiled in memory when the app starts."""

from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from app.i18n.languages import LANGUAGES

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


def catalog_path(lang: str) -> Path:
    """Where this language's catalog lives."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(lang: str) -> Catalog:
    """This language's catalog as Babel reads it: messages, translations, flags and plural rule."""
    with catalog_path(lang).open("rb") as po:
        return read_po(po, locale=lang, domain=DOMAIN)


def _compile(lang: str) -> Translations:
    # The .po files are the only form kept: compiled here, once per process and in memory (a few milliseconds),
    # they need no .mo binaries in git or in the image, nor a build step that could forget them. write_mo leaves
    # fuzzy entries out, as msgfmt does; tests/i18n/test_catalogs.py allows none anyway.
    mo = BytesIO()
    write_mo(mo, read_catalog(lang))
    mo.seek(0)
    return Translations(mo, domain=DOMAIN)


TRANSLATIONS = {lang: _compile(lang) for lang in LANGUAGES}


def translations(lang: str) -> Translations:
    """The compiled catalog of this language, for Python code: gettext, ngettext, pgettext."""
    return TRANSLATIONS[lang]
