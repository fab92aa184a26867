"""The gettext catalogs: complete, reviewed, up to date with the sources, and with the right plural rules."""

import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from app.i18n.catalogs import catalog_path, read_catalog, translations
from app.i18n.languages import LANGUAGES
from app.settings import PROJECT_ROOT

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
CREDIT = "This explorer is rewritten from the Korean post “%(original)s” (“%(title)s”), published on %(date)s."
# The Korean credit names the post by its own title only; English adds a translation of it.
ONE_LANGUAGE_PLACEHOLDERS = {CREDIT: {"title"}}


def messages(lang: str) -> list:
    """Every message of the catalog but its header."""
    return [message for message in read_catalog(lang) if message.id]


def key(message_id, context) -> tuple:
    """A message as gettext finds it: its context, its msgid and, for a count, its plural msgid."""
    return context, tuple(message_id) if isinstance(message_id, list | tuple) else message_id


def forms(value) -> tuple:
    return tuple(value) if isinstance(value, list | tuple) else (value,)


def source_messages() -> set[tuple]:
    """What `make messages` extracts from the sources, through the same mapping file."""
    with (PROJECT_ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    return {key(message, context)
            for _, _, message, _, context in extract_from_dir(PROJECT_ROOT, method_map, options_map)}


@pytest.fixture(scope="module")
def sources() -> set[tuple]:
    return source_messages()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_is_up_to_date_with_the_sources(lang, sources):
    held = {key(message.id, message.context) for message in messages(lang)}
    assert not sources - held, f"not in the {lang} catalog (run `make messages`, then translate): {sources - held}"
    assert not held - sources, f"in the {lang} catalog, gone from the sources (run `make messages`): {held - sources}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_translates_every_message_in_every_plural_form(lang):
    catalog = read_catalog(lang)
    for message in messages(lang):
        strings = forms(message.string)
        assert all(s.strip() for s in strings), f"{lang}: no translation of {message.id!r}"
        if message.pluralizable:
            assert len(strings) == catalog.num_plurals, f"{lang}: {message.id!r} has {len(strings)} plural forms"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_has_no_fuzzy_or_obsolete_entries(lang):
    catalog = read_catalog(lang)
    assert not catalog.fuzzy, f"{lang}: the header is marked fuzzy"
    assert [m.id for m in messages(lang) if m.fuzzy] == [], f"{lang}: fuzzy entries need a review"
    assert not catalog.obsolete, f"{lang}: obsolete entries: {list(catalog.obsolete)}"
    assert "\n#~" not in catalog_path(lang).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_placeholders_match_the_msgid(lang):
    for message in messages(lang):
        expected = set(PLACEHOLDER.findall(forms(message.id)[-1]))
        for string in forms(message.string):
            found = set(PLACEHOLDER.findall(string))
            assert found ^ expected <= ONE_LANGUAGE_PLACEHOLDERS.get(message.id, set()), (lang, message.id, string)
            # Templates always %-format a message, so a stray % would break the page that shows it.
            values = {name: 1 for name in expected}
            assert "%" not in PLACEHOLDER.sub("", string).replace("%%", ""), (lang, string)
            assert string % values


def test_catalogs_plural_rules():
    assert read_catalog("ko").plural_forms == "nplurals=1; plural=0;"
    assert read_catalog("en").plural_forms == "nplurals=2; plural=(n != 1);"
    singular, plural = "%(num)d concept", "%(num)d concepts"
    assert [translations("en").ngettext(singular, plural, n) for n in (0, 1, 2)] == [plural, singular, plural]
    assert {translations("ko").ngettext(singular, plural, n) for n in (0, 1, 2)} == {"개념 %(num)d개"}


def test_catalogs_have_the_same_messages_in_both_languages():
    ko, en = ({key(m.id, m.context) for m in messages(lang)} for lang in ("ko", "en"))
    assert ko == en


def test_catalogs_context_tells_apart_one_english_text_said_two_ways_in_korean():
    ko = translations("ko")
    assert ko.pgettext("menu", "At a glance") == "한눈에 보기" and ko.gettext("At a glance") == "한눈에 비교"
    assert ko.pgettext("breadcrumb", "All concepts") == "모든 개념" and ko.gettext("All concepts") == "모든 개념 보기"
