"""Questions: a prompt about concepts, choices that each say why they are right or wrong, and where the claim is from."""

from sqlmodel import Session, select

from app.content import markdown
from app.content.documents import LANGS, QuestionDoc
from app.content.files.layouts import YamlFolder
from app.content.kinds.base import N_, PAIR, Form, Kind, Links, Search, by_lang, clear
from app.content.markdown import plain
from app.content.references import Problem, twice, unknown
from app.models import Concept, Question, QuestionChoice, QuestionChoiceText, QuestionConcept, QuestionText


def dump(question: Question, links: Links) -> QuestionDoc:
    """The stored question as its document."""
    texts = by_lang(question.texts, "prompt", "explanation_markdown", "source_title")
    slugs = links.keys(Concept)
    return QuestionDoc(
        slug=question.slug, order=question.position,
        concepts=tuple(slugs[link.concept_id] for link in question.concept_links),
        prompt=texts["prompt"],
        choices=tuple({"key": choice.key, "text": texts_["text"], "why": texts_["why_markdown"]}
                      for choice in question.choices for texts_ in [by_lang(choice.texts, "text", "why_markdown")]),
        answer=question.answer, explanation=texts["explanation_markdown"],
        source={"anchor": question.source_anchor, "title": texts["source_title"], "url": question.source_url},
    )


def write(session: Session, question: Question, doc: QuestionDoc, links: Links) -> None:
    """Store the question's texts, choices (rendered once, here), source and concepts."""
    if question.id is not None:
        clear(session, question, "texts", "choices", "concept_links")
    ids = links.ids(Concept)
    question.position, question.answer = doc.order, doc.answer
    question.source_anchor, question.source_url = doc.source.anchor, doc.source.url
    question.texts = [
        QuestionText(lang=lang, prompt=getattr(doc.prompt, lang),
                     explanation_markdown=getattr(doc.explanation, lang),
                     explanation_html=markdown.render(getattr(doc.explanation, lang)),
                     source_title=getattr(doc.source.title, lang))
        for lang in LANGS
    ]
    question.choices = [
        QuestionChoice(key=choice.key, position=i, texts=[
            QuestionChoiceText(lang=lang, text=getattr(choice.text, lang), why_markdown=getattr(choice.why, lang),
                               why_html=markdown.render(getattr(choice.why, lang)))
            for lang in LANGS
        ])
        for i, choice in enumerate(doc.choices)
    ]
    question.concept_links = [QuestionConcept(concept_id=ids[slug], position=i) for i, slug in enumerate(doc.concepts)]


def references(doc: QuestionDoc, known) -> list[Problem]:
    """The concepts must exist, each choice has its own key, and the answer is one of them."""
    problems = unknown(("concepts",), doc.concepts, known["concept"], "unknown concept {name!r}")
    problems += twice("choices", (choice.key for choice in doc.choices), "key")
    keys = [choice.key for choice in doc.choices]
    if doc.answer not in keys:
        problems.append(Problem(("answer",), None, "answer", doc.answer,
                                f"the answer {doc.answer!r} is none of the choices' keys ({', '.join(keys)})"))
    return problems


def _listed(session: Session, lang: str) -> list:
    from app.content import catalog  # here, not above: see the registry's note on the catalog

    return catalog.list_questions(session, lang, limit=None).data


def _text(session: Session, question, lang: str) -> tuple[str, str]:
    choices = [choice.text for choice in question.choices]
    return question.prompt, " ".join([*choices, plain(question.explanation_html)])


KIND = Kind(label=N_("Questions"),
    name="question", plural="questions", model=Question, key="slug", doc=QuestionDoc, dump=dump, write=write,
    files=YamlFolder(), references=references, search=Search(_listed, _text, last=True),
    page="/questions/{}", api="/api/v1/questions/{}",
    form=Form(groups={"choices": {"key": "", "text": PAIR, "why": PAIR}}, required=("choices",),
              choices=("concepts",)),
    refers={"concept": lambda concept_id: select(Question.slug).join(QuestionConcept)
            .where(QuestionConcept.concept_id == concept_id)},
)
