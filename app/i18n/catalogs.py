"""The UI's gettext catalogs (one messages.po per language) and the gettext callables templates render with."""

from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import escape

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


def _filled(context: Context, text: str, variables: dict):
    # Newstyle gettext, as jinja2.ext.i18n's: the string is always %-formatted (a literal % is written %%), and
    # under autoescaping the values are escaped. Unlike Jinja's own, the translation is escaped too: catalogs
    # hold text, not HTML, so a quote or an ampersand in one renders as it did before the catalogs.
    if context.eval_ctx.autoescape:
        return escape(text) % variables
    return text % variables


def template_gettext(lang: str) -> dict:
    """gettext, ngettext and pgettext in this language, for a render context; `_` calls this gettext."""
    catalog = translations(lang)

    @pass_context
    def gettext(context: Context, message: str, **variables):
        return _filled(context, catalog.gettext(message), variables)

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, num: int, **variables):
        variables.setdefault("num", num)
        return _filled(context, catalog.ngettext(singular, plural, num), variables)

    @pass_context
    def pgettext(context: Context, msgctxt: str, message: str, **variables):
        return _filled(context, catalog.pgettext(msgctxt, message), variables)

    return {"gettext": gettext, "ngettext": ngettext, "pgettext": pgettext}


# Built once: each render context gets its language's callables, so concurrent requests never share a language.
TEMPLATE_GETTEXT = {lang: template_gettext(lang) for lang in LANGUAGES}
