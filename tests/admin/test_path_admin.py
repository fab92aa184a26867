"""Editing the learning path in the admin: stops saved with a revision, references refused beside their field."""

from sqlmodel import Session, select

from app.models import Revision
from tests.admin.conftest import ORIGIN, csrf_token, form_fields, save

URL = "/admin/paths/first-steps"


def _revisions(app) -> list[Revision]:
    with Session(app.state.engine) as db:
        return list(db.exec(select(Revision).order_by(Revision.id)))


def test_editing_a_stop_saves_a_revision_and_shows_on_the_path_at_once(admin, app):
    response = save(admin, URL, {"stops.1.title.en": "Layer by layer", "stops.1.why.ko": "층마다 다시 봅니다."})
    assert response.status_code == 303 and response.headers["location"] == f"{URL}?saved=1"
    [revision] = _revisions(app)
    assert (revision.kind, revision.key, revision.action, revision.username) == ("path", "first-steps", "update", "alice")
    assert revision.changed == ["stops.1.title.en", "stops.1.why.ko"]
    english = admin.get("/api/v1/path?lang=en").json()
    assert english["stops"][1]["title"] == "Layer by layer"
    assert "층마다 다시 봅니다." in admin.get("/ko/path").text
    assert f"/admin/revisions/{revision.id}" in admin.get(f"{URL}/history").text


def test_stops_can_be_added_moved_and_removed_through_the_form(admin, app):
    page = admin.get(URL)
    count = len(page.context["data"]["stops"])
    added = save(admin, URL, {}, action="add:stops")
    assert len(added.context["data"]["stops"]) == count + 1
    fields = {**form_fields(added.text), "action": ["save"]}
    fields.update({f"stops.{count}.kind": ["concept"], f"stops.{count}.slug": ["docker"],
                   f"stops.{count}.title.ko": ["도커"], f"stops.{count}.title.en": ["Docker"],
                   f"stops.{count}.why.ko": ["이미지를 실행합니다."], f"stops.{count}.why.en": ["It runs images."]})
    assert admin.post(URL, data=fields, headers=ORIGIN, follow_redirects=False).status_code == 303
    moved = save(admin, URL, {}, action=f"up:stops:{count}")
    fields = {**form_fields(moved.text), "action": ["save"]}
    assert admin.post(URL, data=fields, headers=ORIGIN, follow_redirects=False).status_code == 303
    stops = admin.get("/api/v1/path?lang=en").json()["stops"]
    assert [stop["slug"] for stop in stops][count - 1:] == ["docker", "kubernetes"]
    assert stops[count - 1]["url"] == "/en/concepts/docker"


def test_a_stop_on_a_missing_concept_is_refused_beside_its_field(admin, app):
    response = save(admin, URL, {"stops.0.slug": "nowhere", "stops.0.title.en": "my unsaved title"})
    assert response.status_code == 422
    assert response.context["errors"] == {"stops.0.slug": "unknown:concept nowhere"}
    assert 'id="error-stops.0.slug"' in response.text and "concept nowhere" in response.text
    assert 'value="my unsaved title"' in response.text  # the text typed is kept
    assert _revisions(app) == []


def test_a_stop_of_a_kind_the_registry_does_not_have_is_refused(admin):
    response = save(admin, URL, {"stops.0.kind": "exercise", "stops.0.slug": "what-is-a-pod"})
    assert response.status_code == 422
    assert response.context["errors"]["stops.0.kind"].startswith("invalid:unknown kind 'exercise'")


def test_the_form_offers_each_kind_with_pages_and_their_items(admin):
    page = admin.get(URL)
    assert page.status_code == 200 and page.template.name == "admin/edit.html"
    for kind in ("concept", "comparison", "stack", "scenario", "term", "tag"):
        assert f'<option value="{kind}"' in page.text
    assert '<option value="docker-vs-kubernetes"' in page.text and '<option value="vm"' in page.text


def test_deleting_a_concept_a_stop_names_is_refused(admin):
    confirm = admin.get("/admin/concepts/container/delete")
    assert "path:first-steps" in confirm.text
    response = admin.post("/admin/concepts/container/delete",
                          data={"csrf_token": csrf_token(confirm.text), "version": "1"}, headers=ORIGIN)
    assert response.status_code == 409
