"""Input that one database accepts and another refuses (NUL characters, integers past 2³¹-1) is never a 500."""

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from app.main import create_app
from tests.admin.conftest import ADMIN, PASSWORD, log_in

BEYOND_INT32 = str(2**31)
BEYOND_INT64 = str(2**63)
PUBLIC = [
    "/ko/concepts/%00", "/ko/concepts/docker%00", "/ko/compare/%00", "/ko/scenarios/%00", "/ko/stacks?view=%00",
    "/api/v1/concepts/%00", "/api/v1/concepts?tag=%00", "/api/v1/search?q=%00", "/ko/search?q=%00",
    f"/api/v1/concepts?offset={BEYOND_INT32}", f"/api/v1/concepts?limit={BEYOND_INT64}",
    f"/api/v1/scenarios/self-healing/steps/{BEYOND_INT32}", f"/ko/scenarios/self-healing?step={BEYOND_INT64}",
    f"/ko/concepts?page={BEYOND_INT32}", f"/ko/search?q=docker&page={BEYOND_INT64}",
]
ADMIN_PAGES = [
    f"/admin/revisions/{BEYOND_INT32}", f"/admin/revisions/{BEYOND_INT64}", "/admin/concepts/%00",
    f"/admin/concepts/docker/revisions/{BEYOND_INT32}", f"/admin/revisions?page={BEYOND_INT32}",
]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_urls_with_unstorable_values_are_client_errors(full_client, url):
    response = full_client.get(url)
    assert response.status_code < 500, (url, response.status_code)


def test_api_answers_unstorable_values_with_a_problem(full_client):
    response = full_client.get("/api/v1/concepts/docker%00")
    assert response.status_code in (400, 404, 422)
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.fixture
def admin_client(settings):
    settings.admin_user, settings.admin_password = ADMIN, SecretStr(PASSWORD)
    with TestClient(create_app(settings)) as client:
        assert log_in(client).status_code == 303
        yield client


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_urls_with_unstorable_values_are_client_errors(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code < 500, (url, response.status_code)
