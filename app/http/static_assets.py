"""Static files under content-hashed names, cached for a year: `static_url('css/site.css')` in a template gives
/static/css/site.<hash>.css, and a new file gets a new name, so a browser never holds a stale one.

The plain names keep working (with the usual revalidation); a hashed name that no longer matches the file (a
page rendered before a deploy) is answered with the current file, but not marked immutable.
"""

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG

from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from app.settings import PROJECT_ROOT

STATIC_ROOT = PROJECT_ROOT / "static"
IMMUTABLE = "public, max-age=31536000, immutable"
HASH_LENGTH = 12
HASHED = re.compile(rf"(?P<stem>.+)\.(?P<hash>[0-9a-f]{{{HASH_LENGTH}}})(?P<suffix>\.[A-Za-z0-9]+)")


@lru_cache(maxsize=256)
def _digest(path: Path, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:HASH_LENGTH]


def asset_hash(name: str) -> str | None:
    """The content hash of static/<name>, or None when there is no such file (or it lies outside static/)."""
    path = STATIC_ROOT / name
    try:
        # A hashed name from the URL may hold ".." (/static/..%2fdata/explorer.<hash>.db): without this check
        # any file the process can read would be read whole and hashed, and the immutable header would tell
        # whether a guessed hash was right. Only regular files inside static/ have a hash.
        if not path.resolve().is_relative_to(STATIC_ROOT.resolve()):
            return None
        stat = path.stat()
    except (OSError, ValueError):  # ValueError: a NUL in the name
        return None
    if not S_ISREG(stat.st_mode):
        return None
    return _digest(path, stat.st_mtime_ns, stat.st_size)


def static_url(name: str) -> str:
    """The URL of static/<name> under its content-hashed name (the plain name if the file is missing)."""
    digest = asset_hash(name)
    if digest is None:
        return f"/static/{name}"
    stem, dot, suffix = name.rpartition(".")
    return f"/static/{stem}.{digest}.{suffix}" if dot else f"/static/{name}.{digest}"


class AssetFiles(StaticFiles):
    """StaticFiles that also answers content-hashed names, with a year-long immutable Cache-Control."""

    async def get_response(self, path: str, scope: Scope):
        match = HASHED.fullmatch(path)
        if match is None:
            return await super().get_response(path, scope)
        name = match["stem"] + match["suffix"]
        current = asset_hash(name)
        if current is None:
            return await super().get_response(path, scope)
        response = await super().get_response(name, scope)
        if current == match["hash"] and response.status_code in (200, 304):
            response.headers["Cache-Control"] = IMMUTABLE
        return response
