"""The gettext callables templates render with, in each language, formatting and escaping as Jinja's i18n does."""

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import escape

from app.i18n.catalogs import translations
from app.i18n.languages import LANGUAGES


def _filled(context: Context, text: str, variables: dict):
    # Newstyle gettext, as jinja2.ext.i18n's: the string is always %-formatted (a literal % is written %%), and
    # under autoescaping the values are escaped. Unlike Jinja's own, the translation is escaped too: catalogs
    # hold text, not HTML, so a quote or an ampersand in one renders as it did before the catalogs.
    if context.eval_ctx.autoescape:
        return escape(text) % variables
    return text % variables


PLAIN_KEPT = 4096  # messages are the templates' own literals: far fewer than this


def template_gettext(lang: str) -> dict:
    """gettext, ngettext and pgettext in this language, for a render context; `_` calls this gettext."""
    catalog = translations(lang)
    # A message without values always renders the same (the catalogs are compiled once per process): kept, as a
    # page says some twenty of them, each otherwise looked up, escaped and %-formatted on every render.
    plain: dict[tuple[str, bool], str] = {}

    @pass_context
    def gettext(context: Context, message: str, **variables):
        if variables:
            return _filled(context, catalog.gettext(message), variables)
        key = (message, context.eval_ctx.autoescape)
        found = plain.get(key)
        if found is None:
            found = _filled(context, catalog.gettext(message), variables)
            if len(plain) < PLAIN_KEPT:
                plain[key] = found
        return found

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
