"""A save whose Origin names this host under the other scheme comes from another site: the whole origin counts."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.models import Concept
from tests.admin.conftest import csrf_token, form_fields, log_in


def _version(app) -> int:
    with Session(app.state.engine) as db:
        return db.exec(select(Concept).where(Concept.slug == "docker")).one().version


def _post_save(client, origin: str):
    fields = {**form_fields(client.get("/admin/concepts/docker").text), "order": "77", "action": "save"}
    return client.post("/admin/concepts/docker", data=fields, headers={"Origin": origin}, follow_redirects=False)


@pytest.mark.parametrize(("site", "origin"), [("http://testserver", "https://testserver"),
                                              ("https://testserver", "http://testserver"),
                                              ("http://testserver", "http://testserver:8080"),
                                              ("http://testserver", "ftp://testserver")])
def test_admin_save_from_another_scheme_or_port_is_refused(app, site, origin):
    with TestClient(app, base_url=site) as client:
        assert log_in(client, Origin=site).status_code == 303
        before = _version(app)
        response = _post_save(client, origin)
    assert response.status_code == 403
    assert _version(app) == before


@pytest.mark.parametrize(("site", "origin"), [("http://testserver", "http://testserver"),
                                              ("https://testserver", "https://TestServer"),
                                              ("https://testserver", "https://testserver:443")])
def test_admin_save_from_the_same_origin_is_written(app, site, origin):
    with TestClient(app, base_url=site) as client:
        assert log_in(client, Origin=site).status_code == 303
        before = _version(app)
        response = _post_save(client, origin)
    assert response.status_code == 303
    assert _version(app) == before + 1


def test_login_from_the_other_scheme_is_refused(anon):
    page = anon.get("/admin/login")
    response = anon.post("/admin/login", data={"username": "alice", "password": "correct horse battery",
                                               "csrf_token": csrf_token(page.text)},
                         headers={"Origin": "https://testserver"}, follow_redirects=False)
    assert response.status_code == 403
