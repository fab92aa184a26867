"""The question pages and the questions at the end of a concept page: answered by a GET form, without JavaScript
or with htmx swapping the answer into its live region."""

import re
from html import unescape

import pytest

LANGS = ("ko", "en")
SLUG = "what-restarts-a-crashed-container"  # the test content's question, about kubernetes and docker
PAGE = f"/{{lang}}/questions/{SLUG}"


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.mark.parametrize("lang", LANGS)
def test_concept_page_ends_with_its_questions(client, lang):
    response = client.get(f"/{lang}/concepts/kubernetes")
    assert response.status_code == 200
    [question] = response.context["questions"]
    assert question.slug == SLUG and question.lang == lang
    text = response.text
    assert 'id="questions-heading"' in text and text.index('id="questions-heading"') > text.index('class="prose"')
    assert f'action="/{lang}/questions/{SLUG}#answer-{SLUG}"' in text and 'method="get"' in text
    assert f'hx-get="/{lang}/questions/{SLUG}"' in text and f'hx-target="#answer-{SLUG}"' in text
    for choice in question.choices:
        assert f'name="choice" value="{choice.key}" id="question-{SLUG}-{choice.key}"' in text
        assert f'<label for="question-{SLUG}-{choice.key}">{choice.text}</label>' in text
    assert f'class="question-answer" id="answer-{SLUG}"' in text
    assert question.explanation_html not in text  # nothing is revealed before a choice


def test_concept_page_without_questions_has_no_section(client):
    response = client.get("/en/concepts/container")
    assert response.status_code == 200 and response.context["questions"] == []
    assert 'id="questions-heading"' not in response.text


@pytest.mark.parametrize("lang", LANGS)
def test_question_page_before_an_answer(client, lang):
    response = client.get(PAGE.format(lang=lang))
    assert response.status_code == 200 and response.template.name == "questions/detail.html"
    question = response.context["question"]
    assert response.context["chosen"] is None
    assert f"<h1 class=\"question-prompt\" id=\"question-{SLUG}-prompt\">{question.prompt}</h1>" in response.text
    assert f'href="/api/v1/questions/{SLUG}?lang={lang}"' in response.text
    assert [c.slug for c in question.concepts] == ["kubernetes", "docker"]
    assert 'class="question-result' not in response.text


@pytest.mark.parametrize("lang", LANGS)
def test_a_right_answer_is_revealed_with_explanation_and_source(client, lang):
    response = client.get(PAGE.format(lang=lang), params={"choice": "b"})
    assert response.status_code == 200
    question = response.context["question"]
    text = _text(response.text)
    verdict = {"ko": "맞았습니다.", "en": "Right."}[lang]
    assert verdict in text and question.choices[1].text in text
    assert 'value="b" id="question-what-restarts-a-crashed-container-b" required\n               checked' in response.text
    assert question.explanation_html in response.text
    assert f'href="{question.source.url}"' in response.text and question.source.title in text
    assert question.source.section in text  # the post's section the claim is from
    assert {"ko": "쿠버네티스란?", "en": "What is Kubernetes?"}[lang] == question.source.section


@pytest.mark.parametrize("lang", LANGS)
def test_a_wrong_answer_says_why_and_shows_the_right_one(client, lang):
    response = client.get(PAGE.format(lang=lang), params={"choice": "a"})
    assert response.status_code == 200
    question = response.context["question"]
    text = _text(response.text)
    assert {"ko": "아쉽지만 틀렸습니다.", "en": "Not quite."}[lang] in text
    assert _text(question.choices[0].why_html) in text  # why the chosen misconception is wrong
    assert _text(question.choices[1].why_html) in text  # and the right answer with its reason
    assert {"ko": "정답", "en": "The right answer"}[lang] in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("value", ["z", "", "b" * 500, "<script>"])
def test_a_choice_that_is_not_an_answer_is_a_clear_error(client, lang, value):
    response = client.get(PAGE.format(lang=lang), params={"choice": value})
    assert response.status_code == 400
    assert response.template.name == "questions/detail.html" and response.context["choice_error"] is True
    message = {"ko": "이 문제의 답 가운데 하나가 아닙니다", "en": "That is not one of this question's answers"}[lang]
    assert message in _text(response.text) and 'role="alert"' in response.text
    assert "<script>" not in response.text.split("<main", 1)[1]
    assert 'class="question-result' not in response.text


def test_htmx_gets_only_the_answer_for_its_live_region(client):
    headers = {"HX-Request": "true", "HX-Target": f"answer-{SLUG}"}
    response = client.get(PAGE.format(lang="en"), params={"choice": "a"}, headers=headers)
    assert response.status_code == 200 and response.template.name == "questions/_answer.html"
    assert "<html" not in response.text and "Not quite." in response.text
    assert '<p class="question-verdict" data-announce>' in response.text  # read out by the page's live region
    assert 'hx-swap-oob' not in response.text  # the concept page's language switch stays its own
    assert "HX-Target" in response.headers["vary"]
    page = client.get(PAGE.format(lang="en"), params={"choice": "a"}, headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert page.template.name == "questions/detail.html"
    restore = client.get(PAGE.format(lang="en"), headers={**headers, "HX-History-Restore-Request": "true"})
    assert restore.template.name == "questions/detail.html"


def test_an_unknown_question_is_404(client):
    assert client.get("/en/questions/nowhere").status_code == 404
    assert client.get("/api/v1/questions/nowhere").status_code == 404


def test_question_pages_are_in_the_sitemap_with_alternates(client):
    text = client.get("/sitemap.xml").text
    for lang in LANGS:
        assert f"<loc>http://testserver/{lang}/questions/{SLUG}</loc>" in text
    assert f'hreflang="ko" href="http://testserver/ko/questions/{SLUG}"' in text
    assert f'hreflang="en" href="http://testserver/en/questions/{SLUG}"' in text
