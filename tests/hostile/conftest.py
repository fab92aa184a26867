"""Fixtures for hostile input: one app per module on its own copy of the real content, and hypothesis settings."""

import shutil

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from app.main import create_app
from app.settings import Settings

# The admin fixtures (an app with a first admin, anonymous and logged-in clients, quick argon2) serve here too.
from tests.admin.conftest import _quick_password_hashing, admin, admin_settings, anon, app, second_admin  # noqa: F401
from tests.conftest import REAL_CONTENT

# Few examples, always the same ones, and no shrinking (each try is an HTTP request; the failing input is reported
# as drawn). Applied per test with hostile(n): loading a profile would change every other module's tests too.
_PROFILE = settings(max_examples=6, deadline=None, derandomize=True, database=None,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def hostile(max_examples: int) -> settings:
    """The settings of a hostile-input property: this many examples, derandomized, not shrunk."""
    return settings(_PROFILE, max_examples=max_examples)

# Text as attackers send it: control characters, NUL, bidi overrides, combining marks, any plane but surrogates.
HOSTILE_TEXTS = [
    "", " ", "\x00", "a\x00b", "\r\n", "\t", "\x1b[31m", "\u202eevil\u202c", "\u2066x\u2069", "e" + "\u0301" * 50,
    "\ufeff", "\uffff", "\U0010ffff", "𝕏" * 30, "%00", "%ff", "../../etc/passwd", "<script>alert(1)</script>",
    "' OR 1=1 --", "${7*7}{{7*7}}", "-1", "0", "1e400", "nan", "inf", "-0", "0x10", "１２", str(2**31), str(2**63),
    str(10**40), "W" * 300,
]
text_values = st.one_of(
    st.sampled_from(HOSTILE_TEXTS),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
# A parameter is sent once, twice or three times (FastAPI takes the last; pages must not trip over the rest).
repeated_values = st.lists(text_values, min_size=1, max_size=3)


def app_on_copy(tmp_path_factory, full_template, postgres, name: str, **overrides):
    """An app on its own copy of the real content (module-scoped callers only write in their own copy)."""
    if postgres is not None:
        url = postgres.url(postgres.create(name, full_template))
    else:
        database = tmp_path_factory.mktemp(name) / "explorer.db"
        shutil.copyfile(full_template, database)
        url = f"sqlite:///{database}"
    return create_app(Settings(env="dev", database_url=url, content_dir=REAL_CONTENT, **overrides))


@pytest.fixture(scope="module")
def shared_client(tmp_path_factory, full_template, postgres):
    """A client on a module-wide app holding the real content: for tests that only read."""
    with TestClient(app_on_copy(tmp_path_factory, full_template, postgres, "hostile")) as client:
        yield client


_REFLECTED: dict = {}
CHANGING_TABLES = {"adminsession", "loginattempt", "alembic_version"}


def content_snapshot(engine) -> dict[str, list]:
    """Every row of every content table (sessions and login attempts left out): equal before and after means
    nothing was written, not even half of a save."""
    from sqlalchemy import MetaData, select

    metadata = _REFLECTED.get(engine.url)
    if metadata is None:
        metadata = _REFLECTED[engine.url] = MetaData()
        metadata.reflect(engine)
    with engine.connect() as connection:
        return {table.name: sorted(map(repr, connection.execute(select(table)).all()))
                for table in metadata.sorted_tables if table.name not in CHANGING_TABLES}
