"""Questions in the admin: create, edit with the answer and choices checked beside their fields, revisions."""

from sqlmodel import Session, select

from app.models import Revision
from tests.admin.conftest import ORIGIN, csrf_token, form_fields, save
from tests.admin.test_editing import HOSTILE, _assert_inert

SLUG = "what-restarts-a-crashed-container"
NEW = {
    "slug": "docker-alone-after-a-host-dies", "order": "20", "concepts": ["docker", "kubernetes"],
    "prompt.ko": "서버가 꺼지면 도커 혼자서 컨테이너를 다른 서버로 옮길까요?",
    "prompt.en": "When a server goes down, does Docker alone move its containers to another server?",
    "choices.0.key": "yes", "choices.0.text.ko": "옮깁니다", "choices.0.text.en": "It does",
    "choices.0.why.ko": "재시작 정책은 **같은 서버**에서만 통합니다.", "choices.0.why.en": "Restart policies work on **the same server** only.",
    "choices.1.key": "no", "choices.1.text.ko": "옮기지 않습니다", "choices.1.text.en": "It does not",
    "choices.1.why.ko": "옮겨 줄 주체가 없습니다.", "choices.1.why.en": "Nothing moves them.",
    "answer": "no", "explanation.ko": "도커 엔진은 서버 한 대의 일만 합니다.",
    "explanation.en": "Docker Engine looks after one server.<script>alert(1)</script>",
    "source.anchor": "요약", "source.title.ko": "Docker 문서: 재시작 정책", "source.title.en": "Docker docs: restart policies",
    "source.url": "https://docs.docker.com/reference/cli/docker/container/run/#restart",
}


def _revisions(app) -> list[Revision]:
    with Session(app.state.engine) as db:
        return list(db.exec(select(Revision).where(Revision.kind == "question").order_by(Revision.id)))


def test_creating_a_question_with_two_answers(admin, app):
    blank = admin.get("/admin/questions/new")
    assert blank.status_code == 200 and 'name="choices.0.key"' in blank.text
    added = admin.post("/admin/questions/new", headers=ORIGIN,
                       data={**form_fields(blank.text), "action": "add:choices"})
    assert len(added.context["data"]["choices"]) == 2
    response = save(admin, "/admin/questions/new", NEW)
    assert response.status_code == 303, response.text
    page = admin.get("/en/questions/docker-alone-after-a-host-dies?choice=yes")
    assert "Restart policies work on <strong>the same server</strong> only." in page.text
    assert "<script>alert(1)</script>" not in page.text  # Markdown is sanitized like every other field
    data = admin.get("/api/v1/questions/docker-alone-after-a-host-dies?lang=ko").json()
    assert data["answer"] == "no" and data["source"]["section"] == "요약"
    assert [c["slug"] for c in data["concepts"]] == ["docker", "kubernetes"]
    assert "docker-alone-after-a-host-dies" in [q.slug for q in admin.get("/en/concepts/docker").context["questions"]]
    [revision] = _revisions(app)
    assert (revision.key, revision.action) == ("docker-alone-after-a-host-dies", "create")


def test_an_answer_that_is_no_choice_and_a_key_used_twice_are_refused_beside_their_fields(admin, app):
    response = save(admin, f"/admin/questions/{SLUG}", {"answer": "z", "choices.1.key": "a",
                                                        "prompt.en": "my unsaved prompt"})
    assert response.status_code == 422
    assert "my unsaved prompt" in response.text
    errors = response.context["errors"]
    assert errors["choices.1.key"] == "twice:a" and errors["answer"].startswith("invalid:the answer 'z'")
    unknown = save(admin, f"/admin/questions/{SLUG}", {"concepts": ["kubernetes", "nowhere"],
                                                       "source.anchor": "no-such-section"})
    assert unknown.status_code == 422 and "source.anchor" in unknown.context["errors"]
    assert _revisions(app) == []


def test_editing_a_question_makes_revisions_that_restore(admin, app):
    original = admin.get(f"/api/v1/questions/{SLUG}?lang=en").json()["prompt"]
    assert save(admin, f"/admin/questions/{SLUG}", {"prompt.en": "Changed once?"}).status_code == 303
    assert save(admin, f"/admin/questions/{SLUG}", {"prompt.en": "Changed twice?", "answer": "a"}).status_code == 303
    page = admin.get(f"/en/questions/{SLUG}?choice=a")
    assert "Changed twice?" in page.text and page.context["question"].choices[0].correct
    first, second = _revisions(app)
    assert first.changed == ["prompt.en"] and set(second.changed) == {"prompt.en", "answer"}
    history = admin.get(f"/admin/questions/{SLUG}/history")
    assert history.status_code == 200 and f"/admin/revisions/{first.id}" in history.text
    preview = admin.get(f"/admin/revisions/{first.id}")
    assert preview.status_code == 200 and "Changed once?" in preview.text
    restored = admin.post(f"/admin/revisions/{first.id}/restore", data={"csrf_token": csrf_token(preview.text)},
                          headers=ORIGIN, follow_redirects=False)
    assert restored.status_code == 303
    data = admin.get(f"/api/v1/questions/{SLUG}?lang=en").json()
    assert data["prompt"] == "Changed once?" and data["answer"] == "b" and original != "Changed once?"


def test_the_preview_renders_an_explanation_like_the_page(admin):
    page = admin.get(f"/admin/questions/{SLUG}")
    response = admin.post("/admin/preview?field=explanation.en", headers=ORIGIN,
                          data={"csrf_token": csrf_token(page.text), "explanation.en": "**bold** <img src=x onerror=1>"})
    assert response.status_code == 200 and "<strong>bold</strong>" in response.text and "<img" not in response.text


def test_hostile_markdown_in_a_question_never_reaches_its_pages_as_active_content(admin):
    assert save(admin, f"/admin/questions/{SLUG}", {"explanation.en": HOSTILE, "choices.0.why.en": HOSTILE}).status_code == 303
    for url in (f"/en/questions/{SLUG}?choice=a", "/en/concepts/kubernetes"):
        page = admin.get(url).text
        answer = page.split(f'id="answer-{SLUG}">', 1)[1].split("</article>", 1)[0]
        _assert_inert(answer)
    assert "alert(1)" in admin.get(f"/en/questions/{SLUG}?choice=a").text  # shown as text, not run
    data = admin.get(f"/api/v1/questions/{SLUG}?lang=en").json()
    _assert_inert(data["explanation_html"] + data["choices"][0]["why_html"])
