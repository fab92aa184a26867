"""Static files: nothing outside static/ is ever served, read or hashed, whatever the path says."""

from pathlib import Path

import pytest

from app.http import static_assets

OUTSIDE = [
    "/static/../app/settings.py", "/static/..%2fapp/settings.py", "/static/%2e%2e/app/settings.py",
    "/static/%2e%2e%2fapp%2fsettings.py", "/static/css/..%2f..%2fapp%2fsettings.py", "/static//etc/passwd",
    "/static/%2Fetc%2Fpasswd", "/static/%5c..%5capp%5csettings.py", "/static/..\\app\\settings.py",
    "/static/css/%00", "/static/css/site.css%00.txt", "/static/..%252fapp/settings.py",
    "/static/" + "a" * 5000 + ".css",
    # Content-hashed names whose plain name would lie outside static/.
    "/static/..%2fapp/settings.000000000000.py", "/static/..%2fpyproject.000000000000.toml",
    "/static/css/..%2f..%2fdata/explorer.000000000000.db", "/static/%2fetc/hostname.000000000000.x",
    "/static/..%2f..%2f..%2f..%2f..%2f..%2fetc/os-release.000000000000.x",
]


@pytest.fixture
def reads(monkeypatch):
    """Every file the app reads whole (as asset hashing does), by its resolved path."""
    seen: list[Path] = []
    original = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        seen.append(path.resolve())
        return original(path)

    static_assets._digest.cache_clear()
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return seen


@pytest.mark.parametrize("path", OUTSIDE)
def test_paths_leading_out_of_static_are_404_and_read_nothing(client, reads, path):
    response = client.get("http://testserver" + path)
    assert response.status_code == 404, path
    assert "immutable" not in response.headers.get("cache-control", "")
    assert "EXPLORER_" not in response.text and "[project]" not in response.text
    static_root = static_assets.STATIC_ROOT.resolve()
    assert all(read.is_relative_to(static_root) for read in reads), reads


def test_asset_hash_knows_only_regular_files_inside_static():
    assert static_assets.asset_hash("css/site.css")
    for name in ("../app/settings.py", "../pyproject.toml", "/etc/hostname", "css", "css/../../app/main.py",
                 "css/\x00.css"):
        assert static_assets.asset_hash(name) is None, name


def test_a_stale_hash_still_serves_the_file_inside_static(client):
    response = client.get("/static/css/site.000000000000.css")
    assert response.status_code == 200
    assert "immutable" not in response.headers.get("cache-control", "")


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_static_files_cannot_be_written(client, method):
    assert client.request(method, "/static/css/site.css", content=b"x").status_code == 405
