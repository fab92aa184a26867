"""Scenarios: what the simulator plays (its kind and default parameters), with texts and the concepts it shows."""

from sqlmodel import Session, select

from app.content import markdown
from app.content.documents import LANGS, PredictionDoc, ScenarioDoc
from app.content.files.layouts import YamlFolder
from app.content.kinds.base import N_, Form, Kind, Links, Search, by_lang, clear
from app.content.markdown import plain
from app.content.references import Problem, unknown
from app.models import Concept, Scenario, ScenarioConcept, ScenarioText


def dump(scenario: Scenario, links: Links) -> ScenarioDoc:
    """The stored scenario as its document."""
    texts = by_lang(scenario.texts, "title", "description_markdown")
    slugs = links.keys(Concept)
    return ScenarioDoc(
        slug=scenario.slug, order=scenario.position, kind=scenario.kind, title=texts["title"],
        description=texts["description_markdown"],
        concepts=tuple(slugs[link.concept_id] for link in scenario.concept_links), params=scenario.params,
        predictions=tuple(PredictionDoc(**item) for item in scenario.predictions or ()),
    )


def write(session: Session, scenario: Scenario, doc: ScenarioDoc, links: Links) -> None:
    """Store the scenario's texts, simulation and concepts."""
    if scenario.id is not None:
        clear(session, scenario, "texts", "concept_links")
    ids = links.ids(Concept)
    scenario.position, scenario.kind, scenario.params = doc.order, doc.kind, dict(doc.params)
    scenario.predictions = [item.model_dump() for item in doc.predictions]
    scenario.texts = [
        ScenarioText(lang=lang, title=getattr(doc.title, lang), description_markdown=getattr(doc.description, lang),
                     description_html=markdown.render(getattr(doc.description, lang)))
        for lang in LANGS
    ]
    scenario.concept_links = [ScenarioConcept(concept_id=ids[slug], position=i) for i, slug in enumerate(doc.concepts)]


def references(doc: ScenarioDoc, known) -> list[Problem]:
    """The concepts it shows must exist."""
    return unknown(("concepts",), doc.concepts, known["concept"], "unknown concept {name!r}")


def _listed(session: Session, lang: str) -> list:
    from app.content import catalog  # here, not above: see the registry's note on the catalog

    return catalog.list_scenarios(session, lang).data  # listed in full


def _text(session: Session, scenario, lang: str) -> tuple[str, str]:
    return scenario.title, plain(scenario.description_html)


KIND = Kind(label=N_("Scenarios"),
    name="scenario", plural="scenarios", model=Scenario, key="slug", doc=ScenarioDoc, dump=dump, write=write,
    files=YamlFolder(), references=references, search=Search(_listed, _text),
    page="/scenarios/{}", api="/api/v1/scenarios/{}", form=Form(groups={"predictions": {"question": "", "at": ""}}, choices=("concepts",)),
    refers={"concept": lambda concept_id: select(Scenario.slug).join(ScenarioConcept)
            .where(ScenarioConcept.concept_id == concept_id)},
)
