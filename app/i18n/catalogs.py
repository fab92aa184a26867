"""The UI's gettext catalogs: one messages.po per language, compiled when the app starts (and kept compiled on disk
for the next start)."""

import contextlib
import hashlib
import os
import stat
import tempfile
from gettext import GNUTranslations
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from app.i18n.languages import LANGUAGES

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


def catalog_path(lang: str) -> Path:
    """Where this language's catalog lives."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(lang: str) -> "Catalog":
    """This language's catalog as Babel reads it: messages, translations, flags and plural rule."""
    from babel.messages.pofile import read_po  # only to compile a catalog not kept compiled, and for the tests

    with catalog_path(lang).open("rb") as po:
        return read_po(po, locale=lang, domain=DOMAIN)


def _compile(lang: str) -> GNUTranslations:
    # The .po files are the only form kept: compiled here, they need no .mo binaries in git or in the image, nor a
    # build step that could forget them. write_mo leaves fuzzy entries out, as msgfmt does; tests/i18n/test_catalogs.py
    # allows none anyway. Reading a .po is most of a worker's cost here (~25 ms for both languages), so the compiled
    # bytes are kept on disk, keyed by the .po's own bytes: the next worker or start reads them instead.
    source = catalog_path(lang).read_bytes()
    cached = _cache_file(lang, source)
    mo = None
    if cached is not None:
        with contextlib.suppress(OSError):
            mo = cached.read_bytes()
    if mo is None:
        from babel.messages.mofile import write_mo

        buffer = BytesIO()
        write_mo(buffer, read_catalog(lang))
        mo = buffer.getvalue()
        if cached is not None:
            _write_quietly(cached, mo)
    # The compiled bytes are read by the standard library's gettext (gettext, ngettext, pgettext: all the app asks
    # of a catalog); Babel, which reads and writes the .po files, is imported only when one is compiled.
    return GNUTranslations(BytesIO(mo))


def _cache_file(lang: str, source: bytes) -> Path | None:
    """Where the compiled catalog of this .po is kept: a folder of this user's own under the temporary directory (as
    Jinja keeps compiled templates), or None when there is none that only this user can write to."""
    folder = Path(tempfile.gettempdir()) / f"explorer-catalogs-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        found = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid() or found.st_mode & 0o077:
        return None  # someone else's, or writable by others: compiled bytes from there could say anything
    return folder / f"{lang}-{hashlib.sha256(source).hexdigest()[:32]}.mo"


def _write_quietly(path: Path, data: bytes) -> None:
    """Write whole or not at all (workers starting together may write the same file); a failure only costs speed."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


TRANSLATIONS = {lang: _compile(lang) for lang in LANGUAGES}


def translations(lang: str) -> GNUTranslations:
    """The compiled catalog of this language, for Python code: gettext, ngettext, pgettext."""
    return TRANSLATIONS[lang]
