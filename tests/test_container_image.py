"""SLOW: build the container image from the Dockerfile with buildah, run the app from it as its non-root user.

No Docker engine is needed: buildah builds the unchanged Dockerfile on a local stand-in for python:3.11-slim
(made by ../shared/tools/python-base-image from Debian's packages) and runs the image with chroot isolation
on the host's network. Without buildah (or root) the test fails with the reason, unless EXPLORER_TEST_SKIP=image
leaves it out.
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from app.settings import PROJECT_ROOT
from tests import machine

pytestmark = pytest.mark.slow

BASE_IMAGE = "docker.io/library/python:3.11-slim"
BASE_IMAGE_TOOL = Path(os.environ.get("EXPLORER_BASE_IMAGE_TOOL",
                                      PROJECT_ROOT.parent / "shared" / "tools" / "python-base-image"))
BUILDAH = ["buildah", "--storage-driver", "vfs"]
IMAGE_UID = "10001"


def _unavailable(reason: str):
    machine.require("image", f"the container image test cannot run: {reason}")


def _buildah(*args: str, timeout: float = 120) -> str:
    result = subprocess.run([*BUILDAH, *args], capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"buildah {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _images() -> set[str]:
    return set(_buildah("images", "--all", "--quiet", "--no-trunc").split())


@pytest.fixture(scope="module")
def base_image():
    """The python:3.11-slim stand-in, built once on this machine when it is not there yet."""
    machine.require("image")
    if shutil.which("buildah") is None:
        _unavailable("buildah is not installed")
    if os.geteuid() != 0:
        _unavailable("building and running images with buildah here needs root")
    present = subprocess.run([*BUILDAH, "inspect", "--type", "image", BASE_IMAGE], capture_output=True)
    if present.returncode != 0:
        if not BASE_IMAGE_TOOL.is_file():
            _unavailable(f"{BASE_IMAGE} is not built and its builder {BASE_IMAGE_TOOL} is missing "
                         "(set EXPLORER_BASE_IMAGE_TOOL to the python-base-image script)")
        built = subprocess.run([str(BASE_IMAGE_TOOL)], capture_output=True, text=True, timeout=900)
        assert built.returncode == 0, f"{BASE_IMAGE_TOOL} failed:\n{built.stdout}\n{built.stderr}"
    return BASE_IMAGE


@pytest.fixture(scope="module")
def built(base_image):
    """Build the image from the repository as it is; yield (tag, build seconds); remove what the build made."""
    before = _images()
    tag = f"localhost/explorer-test-{secrets.token_hex(4)}"
    started = time.monotonic()
    _buildah("bud", "--isolation", "chroot", "--format", "docker", "-t", tag, str(PROJECT_ROOT), timeout=900)
    seconds = time.monotonic() - started
    try:
        yield tag, seconds
    finally:
        created = _images() - before
        if created:
            subprocess.run([*BUILDAH, "rmi", "--force", *created], capture_output=True, timeout=300)


def _config(tag: str) -> dict:
    return json.loads(_buildah("inspect", "--type", "image", tag))["Docker"]["config"]


@pytest.fixture
def container(built):
    """A working container of the built image; removed afterwards."""
    name = _buildah("from", built[0]).strip()
    try:
        yield name
    finally:
        subprocess.run([*BUILDAH, "rm", name], capture_output=True, timeout=120)


def test_dockerfile_installs_dependencies_before_copying_the_app():
    # Docker (and buildah --layers) reuse a step while the files copied before it are unchanged: only
    # pyproject.toml comes before the dependencies are installed, so editing the app keeps that layer.
    text = (PROJECT_ROOT / "Dockerfile").read_text()
    instructions = [line.split()[0] for line in text.splitlines() if line[:1].isupper()]
    copies = [line for line in text.splitlines() if line.startswith("COPY")]
    assert instructions.count("FROM") == 2  # a build stage, then a slim runtime stage
    assert copies[0] == "COPY pyproject.toml ./"
    assert text.index("pip install") < text.index("COPY --from=build /venv /venv") < text.index("COPY app ./app")


def test_image_builds_and_runs_as_non_root_with_a_healthcheck(built):
    tag, seconds = built
    print(f"image build: {seconds:.1f} s")
    config = _config(tag)
    assert config["User"].split(":")[0] == IMAGE_UID
    assert "/healthz" in " ".join(config["Healthcheck"]["Test"])
    assert "EXPLORER_ENV=prod" in config["Env"]


def test_image_holds_no_tests_git_or_database(container):
    root = Path(_buildah("mount", container).strip())
    try:
        app_dir = root / "srv"
        assert sorted(path.name for path in app_dir.iterdir()) == ["app", "content", "static", "templates"]
        assert not list(app_dir.rglob("*.db")) and not list((root / "data").iterdir())
        assert not (app_dir / "tests").exists() and not (app_dir / ".git").exists()
        assert (app_dir / "app" / "main.py").is_file()
    finally:
        _buildah("umount", container)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_pids(group: int) -> dict[int, str]:
    """The app's processes in the process group of our `buildah run` (the server and its workers)."""
    pids = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[2]) == group and "python" in cmdline.split(" ")[0]:
            pids[int(entry.name)] = cmdline
    return pids


def _uid(pid: int) -> str:
    status = Path(f"/proc/{pid}/status").read_text()
    return re.search(r"^Uid:\s+(\d+)", status, re.M).group(1)


def _get(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read().decode()


def _wait_for(url: str, server: subprocess.Popen, log: Path, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the container exited with {server.returncode}:\n{log.read_text()}"
        try:
            if _get(url)[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"the app in the container did not answer {url} within {timeout} s:\n{log.read_text()}")


def test_image_serves_the_app_as_its_user_on_a_fresh_database(built, container, tmp_path):
    port = _free_port()
    image_cmd = _config(built[0])["Cmd"]
    log = tmp_path / "container.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [*BUILDAH, "run", "--isolation", "chroot", "--env", f"PORT={port}",
             "--env", f"EXPLORER_SECRET_KEY={secrets.token_urlsafe(48)}", container, "--", *image_cmd],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/healthz", server, log)
        pids = _server_pids(server.pid)
        assert pids and {_uid(pid) for pid in pids} == {IMAGE_UID}
        assert _get(f"{base}/readyz")[0] == 200
        for lang, title in (("ko", "도커"), ("en", "Docker")):
            status, kind, body = _get(f"{base}/concepts/docker?lang={lang}")
            assert status == 200 and kind.startswith("text/html") and f'lang="{lang}"' in body and title in body
        status, kind, body = _get(f"{base}/api/v1/concepts/docker?lang=en")
        assert status == 200 and kind == "application/json" and '"slug":"docker"' in body
        # The image's own HEALTHCHECK command, run inside the container, agrees.
        healthcheck = subprocess.run(
            [*BUILDAH, "run", "--isolation", "chroot", "--env", f"PORT={port}", container, "--", "python", "-c",
             "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ['PORT'])"],
            capture_output=True, text=True, timeout=60)
        assert healthcheck.returncode == 0, healthcheck.stderr
        # Stop it as Kubernetes would: SIGTERM to the server, which finishes and exits cleanly.
        parent = next(pid for pid, cmdline in pids.items() if "app.cli serve" in cmdline)
        os.kill(parent, signal.SIGTERM)
        assert server.wait(timeout=60) == 0, log.read_text()
        assert "Finished server process" in log.read_text()
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)
