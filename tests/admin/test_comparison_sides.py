"""Adding a third side to a comparison through the admin form: every row gets a text for it, saving makes a
revision, and the page and the JSON show three sides; a side can be moved and removed with its texts."""

from sqlmodel import Session, select

from app.models import ComparisonCell, ComparisonExtraSide, Revision
from tests.admin.conftest import ORIGIN, form_fields, save

URL = "/admin/comparisons/docker-vs-kubernetes"


def _add_side(admin):
    """The form after "Add a side", with the new side and its row texts filled in."""
    assert 'name="action" value="add:more"' in admin.get(URL).text  # the button a browser presses
    added = save(admin, URL, {}, action="add:more")
    assert added.status_code == 200 and added.template.name == "admin/edit.html"
    data = added.context["data"]
    assert data["more"] == [{"concept": "", "ko": "", "en": ""}]
    assert all(row["more"] == [{"ko": "", "en": ""}] for row in data["rows"])
    fields = form_fields(added.text)
    fields.update({"more.0.concept": ["container"], "more.0.ko": ["스웜 모드"], "more.0.en": ["Swarm mode"]})
    for i in range(len(data["rows"])):
        assert f"rows.{i}.more.0.ko" in fields and f"rows.{i}.more.0.en" in fields  # a box for the new side
        fields[f"rows.{i}.more.0.ko"] = [f"스웜 {i}"]
        fields[f"rows.{i}.more.0.en"] = [f"Swarm **{i}**"]
    return added, fields


def test_a_third_side_is_added_saved_with_a_revision_and_shown(admin, app):
    added, fields = _add_side(admin)
    assert "Side 3" in added.text or "3번째 대상" in added.text
    response = admin.post(URL, data={**fields, "action": ["save"]}, headers=ORIGIN, follow_redirects=False)
    assert response.status_code == 303, response.text
    with Session(app.state.engine) as db:
        [revision] = db.exec(select(Revision)).all()
    assert (revision.kind, revision.key, revision.action) == ("comparison", "docker-vs-kubernetes", "update")
    assert "more.0.en" in revision.changed and "rows.0.more.0.en" in revision.changed
    body = admin.get("/api/v1/comparisons/docker-vs-kubernetes?lang=en").json()
    assert [side["label"] for side in body["sides"]] == ["Docker", "Kubernetes", "Swarm mode"]
    assert body["sides"][2]["concept"]["slug"] == "container"
    assert body["rows"][0]["cells"][2] == {"text": "Swarm **0**", "html": "Swarm <strong>0</strong>"}
    page = admin.get("/ko/compare/docker-vs-kubernetes")
    assert page.context["comparison"].sides[2].label == "스웜 모드"
    assert page.text.count('<th scope="col">') == 4 and 'data-label="스웜 모드">스웜 0</td>' in page.text


def test_a_new_side_left_empty_is_refused_beside_each_box_with_the_text_kept(admin, app):
    added, fields = _add_side(admin)
    fields["rows.0.more.0.en"] = [""]
    response = admin.post(URL, data={**fields, "action": ["save"]}, headers=ORIGIN)
    assert response.status_code == 422
    assert response.context["errors"]["rows.0.more.0.en"] == "required"
    assert 'id="error-rows.0.more.0.en"' in response.text
    assert response.context["data"]["more"][0]["en"] == "Swarm mode" and 'value="Swarm mode"' in response.text
    assert response.context["data"]["rows"][0]["more"][0]["ko"] == "스웜 0" and "스웜 0" in response.text
    with Session(app.state.engine) as db:
        assert db.exec(select(Revision)).all() == []


def test_a_side_moves_and_goes_with_its_texts(admin, app):
    _, fields = _add_side(admin)
    assert admin.post(URL, data={**fields, "action": ["save"]}, headers=ORIGIN,
                      follow_redirects=False).status_code == 303
    second = save(admin, URL, {}, action="add:more")
    fields = form_fields(second.text)
    rows = len(second.context["data"]["rows"])
    fields.update({"more.1.ko": ["컴포즈"], "more.1.en": ["Compose"]})
    fields.update({f"rows.{i}.more.1.{lang}": [f"C{i}"] for i in range(rows) for lang in ("ko", "en")})
    moved = admin.post(URL, data={**fields, "action": ["up:more:1"]}, headers=ORIGIN)
    data = moved.context["data"]
    assert [side["en"] for side in data["more"]] == ["Compose", "Swarm mode"]
    assert [cell["en"] for cell in data["rows"][0]["more"]] == ["C0", "Swarm **0**"]
    removed = admin.post(URL, data={**form_fields(moved.text), "action": ["remove:more:1"]}, headers=ORIGIN)
    assert [[cell["en"] for cell in row["more"]] for row in removed.context["data"]["rows"]] == [[f"C{i}"] for i in range(rows)]
    saved = admin.post(URL, data={**form_fields(removed.text), "action": ["save"]}, headers=ORIGIN,
                       follow_redirects=False)
    assert saved.status_code == 303, saved.text
    body = admin.get("/api/v1/comparisons/docker-vs-kubernetes?lang=en").json()
    assert [side["label"] for side in body["sides"]] == ["Docker", "Kubernetes", "Compose"]
    with Session(app.state.engine) as db:
        assert len(db.exec(select(ComparisonExtraSide)).all()) == 1
        assert {cell.text for cell in db.exec(select(ComparisonCell))} == {f"C{i}" for i in range(rows)}
