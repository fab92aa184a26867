"""Editing through the forms: saving, errors beside fields, rows, revisions, restore, delete, conflicts."""

import re
import threading
import warnings

from sqlmodel import Session, select

from app.content import editing
from app.content.catalog import content_revision
from app.content.kinds import KINDS
from app.models import AdminUser, Concept, Revision
from tests.admin.conftest import ORIGIN, csrf_token, form_fields, save


def _revisions(app) -> list[Revision]:
    with Session(app.state.engine) as db:
        return list(db.exec(select(Revision).order_by(Revision.id)))


def test_saving_a_concept_shows_on_the_public_page_and_json_at_once(admin, app):
    with Session(app.state.engine) as db:
        before = content_revision(db)
    response = save(admin, "/admin/concepts/docker", {"body.en": "Docker runs **one** container well."})
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/concepts/docker?saved=1"
    assert "Docker runs <strong>one</strong> container well." in admin.get("/en/concepts/docker").text
    assert admin.get("/api/v1/concepts/docker?lang=en").json()["body_markdown"] == "Docker runs **one** container well."
    page = admin.get("/admin/concepts/docker?saved=1")
    assert "Saved." in page.text or "저장했습니다" in page.text
    with Session(app.state.engine) as db:
        assert content_revision(db) == before + 1
        assert db.exec(select(Concept).where(Concept.slug == "docker")).one().version == 2
    [revision] = _revisions(app)
    assert (revision.kind, revision.key, revision.action, revision.username) == ("concept", "docker", "update", "alice")
    assert revision.changed == ["body.en"]


def test_invalid_input_is_shown_again_with_every_value_and_errors_beside_fields(admin, app):
    response = save(admin, "/admin/concepts/docker", {"title.ko": "  ", "body.en": "my unsaved text",
                                                      "summary.en": "x" * 301})
    assert response.status_code == 422
    assert response.template.name == "admin/edit.html"
    assert "my unsaved text" in response.text
    assert re.search(r'id="field-title.ko"[^>]*aria-invalid="true"', response.text)
    assert 'id="error-title.ko"' in response.text
    assert response.context["errors"] == {"title.ko": "required", "summary.en": "too_long:300"}
    assert "300자를 넘을 수 없습니다." in response.text
    assert _revisions(app) == []


def test_a_new_concept_with_a_taken_slug_is_refused_beside_the_slug(admin):
    response = save(admin, "/admin/concepts/new", {
        "slug": "docker", "title.ko": "가", "title.en": "A", "summary.ko": "가", "summary.en": "A",
        "body.ko": "가", "body.en": "A"})
    assert response.status_code == 422
    assert response.context["errors"] == {"slug": "exists"}


def test_creating_a_concept_with_tags_and_related(admin, app):
    response = save(admin, "/admin/concepts/new", {
        "slug": "pod", "order": "5", "title.ko": "파드", "title.en": "Pod", "summary.ko": "가장 작은 단위",
        "summary.en": "The smallest unit", "body.ko": "본문", "body.en": "Body", "tags": ["docker"],
        "related": ["kubernetes", "docker"]})
    assert response.status_code == 303, response.text
    concept = admin.get("/api/v1/concepts/pod?lang=en").json()
    assert [r["slug"] for r in concept["related"]] == ["kubernetes", "docker"]
    assert _revisions(app)[-1].action == "create"


def test_unknown_references_are_errors_beside_their_field(admin):
    response = save(admin, "/admin/concepts/docker", {"related": ["nothing-here", "kubernetes", "nor-this"]})
    assert response.status_code == 422
    assert response.context["errors"] == {"related": "unknown:nothing-here, nor-this"}


def test_a_concept_related_to_itself_is_refused_beside_the_field_as_the_importer_says(admin, app):
    response = save(admin, "/admin/concepts/docker", {"related": ["kubernetes", "docker", "nothing-here"]})
    assert response.status_code == 422
    assert response.context["errors"] == {"related": "invalid:a concept cannot be related to itself"}
    assert re.search(r'<p class="field-error" id="error-related">a concept cannot be related to itself</p>',
                     response.text)
    assert _revisions(app) == []


def test_adding_moving_and_removing_notes_keeps_what_was_typed(admin):
    added = save(admin, "/admin/concepts/kubernetes", {"title.en": "typed but not saved"}, action="add:notes")
    assert added.status_code == 200
    data = added.context["data"]
    assert data["title"]["en"] == "typed but not saved"
    count = len(data["notes"])
    assert data["notes"][-1]["id"] == ""
    fields = form_fields(added.text)
    fields[f"notes.{count - 1}.id"] = ["new-note"]
    fields["action"] = [f"up:notes:{count - 1}"]
    moved = admin.post("/admin/concepts/kubernetes", data=fields, headers=ORIGIN)
    assert moved.context["data"]["notes"][count - 2]["id"] == "new-note"
    fields = form_fields(moved.text)
    fields["action"] = [f"remove:notes:{count - 2}"]
    removed = admin.post("/admin/concepts/kubernetes", data=fields, headers=ORIGIN)
    assert [n["id"] for n in removed.context["data"]["notes"]] == [n["id"] for n in data["notes"][:-1]]
    assert removed.context["data"]["title"]["en"] == "typed but not saved"


def test_two_admins_editing_the_same_concept_lose_nothing(admin, second_admin, app):
    first_page = admin.get("/admin/concepts/docker")
    second_page = second_admin.get("/admin/concepts/docker")
    first = {**form_fields(first_page.text), "summary.en": ["First admin's summary"], "action": ["save"]}
    second = {**form_fields(second_page.text), "summary.en": ["Second admin's summary"], "action": ["save"]}
    assert admin.post("/admin/concepts/docker", data=first, headers=ORIGIN, follow_redirects=False).status_code == 303
    conflict = second_admin.post("/admin/concepts/docker", data=second, headers=ORIGIN)
    assert conflict.status_code == 409
    assert "Second admin&#39;s summary" in conflict.text  # their text is kept in the form
    assert conflict.context["conflict"][0].path == "summary.en"
    assert ("del", "First admin's summary") in conflict.context["conflict"][0].lines
    assert admin.get("/api/v1/concepts/docker?lang=en").json()["summary"] == "First admin's summary"
    # The form now carries the stored version: saving again after merging by hand goes through.
    again = {**form_fields(conflict.text), "action": ["save"]}
    assert second_admin.post("/admin/concepts/docker", data=again, headers=ORIGIN,
                             follow_redirects=False).status_code == 303
    assert admin.get("/api/v1/concepts/docker?lang=en").json()["summary"] == "Second admin's summary"


def test_restoring_a_revision_brings_the_text_back_as_a_new_revision(admin, app):
    original = admin.get("/api/v1/concepts/docker?lang=en").json()["title"]
    save(admin, "/admin/concepts/docker", {"title.en": "Changed once"})
    save(admin, "/admin/concepts/docker", {"title.en": "Changed twice"})
    first = _revisions(app)[0]
    preview = admin.get(f"/admin/revisions/{first.id}")
    assert preview.status_code == 200 and "Changed once" in preview.text
    token = csrf_token(preview.text)
    response = admin.post(f"/admin/revisions/{first.id}/restore", data={"csrf_token": token}, headers=ORIGIN,
                          follow_redirects=False)
    assert response.status_code == 303
    assert admin.get("/api/v1/concepts/docker?lang=en").json()["title"] == "Changed once"
    assert [r.action for r in _revisions(app)] == ["update", "update", "restore"]
    assert original != "Changed once"


def test_deleting_asks_first_and_can_be_undone_from_the_history(admin, app):
    save(admin, "/admin/tags/new", {"slug": "spare", "ko": "여분", "en": "Spare"})
    confirm = admin.get("/admin/tags/spare/delete")
    assert confirm.status_code == 200 and confirm.template.name == "admin/delete.html"
    response = admin.post("/admin/tags/spare/delete", data=form_fields(confirm.text), headers=ORIGIN,
                          follow_redirects=False)
    assert response.status_code == 303
    assert admin.get("/admin/tags/spare").status_code == 404
    history = admin.get("/admin/tags/spare/history")
    deletion = _revisions(app)[-1]
    assert deletion.action == "delete" and f"/admin/revisions/{deletion.id}" in history.text
    admin.post(f"/admin/revisions/{deletion.id}/restore", data={"csrf_token": csrf_token(history.text)},
               headers=ORIGIN)
    assert admin.get("/admin/tags/spare").status_code == 200


def test_deleting_an_item_others_refer_to_is_refused(admin):
    confirm = admin.get("/admin/concepts/docker/delete")
    assert "comparison:docker-vs-kubernetes" in confirm.text
    response = admin.post("/admin/concepts/docker/delete",
                          data={"csrf_token": csrf_token(confirm.text), "version": "1"}, headers=ORIGIN)
    assert response.status_code == 409
    assert admin.get("/admin/concepts/docker").status_code == 200


HOSTILE = ('<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror="alert(3)"> '
           '<a href="/x" hx-get="/admin/logout" hx-trigger="load">x</a> <div onclick="alert(4)">y</div>')


def _assert_inert(html: str) -> None:
    tags = re.findall(r"<[a-zA-Z][^>]*>", html)
    assert not [tag for tag in tags if tag.startswith("<script") and "src=" not in tag]
    assert not [tag for tag in tags if re.search(r"\s(on[a-z]+|hx-[a-z]+)=", tag)]
    assert not [tag for tag in tags if re.search(r"(href|src)=\"?\s*javascript:", tag, re.I)]


def test_hostile_markdown_never_reaches_a_public_page_as_active_content(admin):
    response = save(admin, "/admin/concepts/kubernetes", {"body.en": HOSTILE, "notes.0.text.en": HOSTILE})
    assert response.status_code == 303
    page = admin.get("/en/concepts/kubernetes").text
    assert "alert(1)" in page  # shown as text, not run
    main = page.split("<main", 1)[1].split("<footer", 1)[0]
    _assert_inert(main.split('<section class="questions"', 1)[0])  # the questions' own forms use htmx
    _assert_inert(admin.get("/api/v1/concepts/kubernetes?lang=en").json()["body_html"])


def test_preview_renders_with_the_public_pipeline(admin):
    page = admin.get("/admin/concepts/docker")
    response = admin.post("/admin/preview?field=body.en", headers=ORIGIN,
                          data={"csrf_token": csrf_token(page.text), "body.en": "**bold** " + HOSTILE})
    assert response.status_code == 200
    assert "<strong>bold</strong>" in response.text
    _assert_inert(response.text)
    assert 'hx-post="/admin/preview?field=body.en"' in page.text


def test_comparison_rows_can_be_added_reordered_and_saved(admin):
    added = save(admin, "/admin/comparisons/docker-vs-kubernetes", {}, action="add:rows")
    fields = form_fields(added.text)
    last = len(added.context["data"]["rows"]) - 1
    for name, value in {"aspect.ko": "새 기준", "aspect.en": "New aspect", "left.ko": "왼", "left.en": "Left",
                        "right.ko": "오", "right.en": "Right"}.items():
        fields[f"rows.{last}.{name}"] = [value]
    fields["action"] = [f"up:rows:{last}"]
    moved = admin.post("/admin/comparisons/docker-vs-kubernetes", data=fields, headers=ORIGIN)
    fields = {**form_fields(moved.text), "action": ["save"]}
    response = admin.post("/admin/comparisons/docker-vs-kubernetes", data=fields, headers=ORIGIN,
                          follow_redirects=False)
    assert response.status_code == 303, response.text
    rows = admin.get("/api/v1/comparisons/docker-vs-kubernetes?lang=en").json()["rows"]
    assert rows[last - 1]["aspect"] == "New aspect"


def test_stack_layers_and_points_round_trip_through_the_form(admin, app):
    response = save(admin, "/admin/stacks/vm", {"title.en": "VM stack, edited"})
    assert response.status_code == 303, response.text
    assert _revisions(app)[-1].changed == ["title.en"]


def test_scenario_parameters_must_be_a_json_object(admin):
    response = save(admin, "/admin/scenarios/self-healing", {"params": "{not json"})
    assert response.status_code == 422
    assert response.context["errors"]["params"].startswith("json:")
    assert "{not json" in response.text
    response = save(admin, "/admin/scenarios/self-healing", {"params": '{"replicas": 5}'})
    assert response.status_code == 303


def test_concurrent_saves_wait_for_each_other_instead_of_failing(anon, app):
    with Session(app.state.engine) as db:
        user = db.exec(select(AdminUser)).one()
        db.expunge(user)
    kind = KINDS["tag"]
    outcomes = []

    def edit(label: str) -> None:
        with Session(app.state.engine) as db:
            doc, version = editing.load(db, kind, "docker")
            db.rollback()
            try:
                editing.save(db, kind, "docker", doc.model_copy(update={"en": label}), version, user)
                outcomes.append("saved")
            except editing.Conflict:
                outcomes.append("conflict")

    threads = [threading.Thread(target=edit, args=(f"Docker {i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 4 and "saved" in outcomes
    assert set(outcomes) <= {"saved", "conflict"}


def test_export_writes_the_edited_content_as_files(admin, admin_settings, tmp_path):
    admin_settings.content_dir = tmp_path / "exported"
    save(admin, "/admin/concepts/docker", {"title.en": "Docker, exported"})
    page = admin.get("/admin")
    response = admin.post("/admin/export", data={"csrf_token": csrf_token(page.text)}, headers=ORIGIN)
    assert response.status_code == 200
    assert "title: Docker, exported" in (tmp_path / "exported" / "concepts" / "docker.en.md").read_text()


def test_the_migrations_describe_exactly_the_models(engine):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    def modelled(obj, name, type_, reflected, compare_to) -> bool:
        # Tables that exist only in migrations (such as full-text search indexes) have no model to match.
        if type_ == "table" and reflected and compare_to is None:
            return False
        # A model object made on one database only (.ddl_if(dialect=...)) is expected on that database only.
        condition = getattr(obj, "_ddl_if", None)
        return condition is None or condition._should_execute(None, obj, connection)

    with engine.connect() as connection, warnings.catch_warnings():
        # Alembic cannot compare expression indexes on SQLite and says so; this one is PostgreSQL's only.
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression-based index "
                                "'ix_searchdocument_fts'; dialect 'sqlite'", UserWarning)
        context = MigrationContext.configure(connection, opts={"include_object": modelled})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_scenario_predictions_refuse_an_unknown_question_or_selector_beside_the_field(admin):
    response = save(admin, "/admin/scenarios/self-healing", {"predictions.0.question": "guess-anything",
                                                               "predictions.0.at": "event:host_failed"})
    assert response.status_code == 422
    assert response.context["errors"]["predictions.0.question"].startswith("prediction_question:")
    assert "없는 질문 유형입니다." in response.text and 'value="guess-anything"' in response.text
    response = save(admin, "/admin/scenarios/self-healing", {"predictions.0.question": "eviction-time",
                                                               "predictions.0.at": "event:pod_ready"})
    assert response.status_code == 422
    assert "이 질문은 그 단계에서 물을 수 없습니다." in response.text
    assert 'aria-describedby="error-predictions.0.at"' in response.text
    response = save(admin, "/admin/scenarios/self-healing", {
        "predictions.0.question": "eviction-time", "predictions.0.at": "decision:taint-eviction-controller/evicted"})
    assert response.status_code == 303
    form = admin.get("/admin/scenarios/self-healing").text
    assert 'value="decision:taint-eviction-controller/evicted"' in form and "예측 질문 추가" in form
