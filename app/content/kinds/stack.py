"""Stacks: the layers of a VM or container host, bottom to top, with the pros and cons they cause."""

from sqlmodel import Session, select

from app.content import markdown
from app.content.documents import LANGS, StackDoc
from app.content.files.layouts import YamlFolder
from app.content.kinds.base import N_, PAIR, Form, Kind, Links, Search, by_lang, clear
from app.content.markdown import plain
from app.content.references import Problem, twice, unknown, unknown_one, used_twice
from app.models import (
    Concept,
    Stack,
    StackLayer,
    StackLayerText,
    StackPoint,
    StackPointLayer,
    StackPointText,
    StackText,
)


def dump(stack: Stack, links: Links) -> StackDoc:
    """The stored stack as its document."""
    texts = by_lang(stack.texts, "title", "description_markdown")
    slugs = links.keys(Concept)
    layers = tuple(
        {"key": layer.key, "concept": slugs.get(layer.concept_id), "per_workload": layer.per_workload,
         **by_lang(layer.texts, "name", "description")}
        for layer in stack.layers
    )

    def points(kind: str) -> tuple:
        return tuple(
            {"key": point.key, "layers": tuple(layer.key for layer in point.layers),
             "text": by_lang(point.texts, "text")["text"]}
            for point in stack.points if point.kind == kind
        )

    return StackDoc(
        view=stack.view, order=stack.position, title=texts["title"], description=texts["description_markdown"],
        layers=layers, pros=points("pro"), cons=points("con"),
    )


def write(session: Session, stack: Stack, doc: StackDoc, links: Links) -> None:
    """Store the stack's texts, layers and points (a point names layers of the same stack)."""
    if stack.id is not None:
        clear(session, stack, "texts", "points", "layers")
    ids = links.ids(Concept)
    stack.position = doc.order
    stack.texts = [
        StackText(lang=lang, title=getattr(doc.title, lang), description_markdown=getattr(doc.description, lang),
                  description_html=markdown.render(getattr(doc.description, lang)))
        for lang in LANGS
    ]
    layers = {
        layer.key: StackLayer(key=layer.key, position=i, per_workload=layer.per_workload,
                              concept_id=ids.get(layer.concept), texts=[
            StackLayerText(lang=lang, name=getattr(layer.name, lang), description=getattr(layer.description, lang))
            for lang in LANGS
        ])
        for i, layer in enumerate(doc.layers)
    }
    stack.layers = list(layers.values())
    session.flush()
    points = [("pro", point) for point in doc.pros] + [("con", point) for point in doc.cons]
    stack.points = [
        StackPoint(key=point.key, kind=kind, position=i,
                   texts=[StackPointText(lang=lang, text=getattr(point.text, lang)) for lang in LANGS],
                   layer_links=[StackPointLayer(layer_id=layers[key].id, position=p)
                                for p, key in enumerate(point.layers)])
        for i, (kind, point) in enumerate(points)
    ]


def references(doc: StackDoc, known) -> list[Problem]:
    """Layer keys are unique and their concepts exist; point keys are unique across pros and cons, and the
    layers a point names are this stack's."""
    layer_keys = [layer.key for layer in doc.layers]
    problems = twice("layers", layer_keys, "key")
    for index, layer in enumerate(doc.layers):
        problems += unknown_one(("layers", index, "concept"), layer.concept, known["concept"], "unknown concept {name!r}")
    seen: set[str] = set()
    for group in ("pros", "cons"):
        for index, point in enumerate(getattr(doc, group)):
            problems += unknown((group, index, "layers"), point.layers, layer_keys, "unknown layer {name!r}")
            if point.key in seen:
                problems.append(used_twice((group, index, "key"), point.key))
            seen.add(point.key)
    return problems


def _listed(session: Session, lang: str) -> list:
    from app.content import catalog  # here, not above: see the registry's note on the catalog

    return catalog.list_stacks(session, lang).data  # listed in full


def _text(session: Session, stack, lang: str) -> tuple[str, str]:
    layers = [f"{layer.name}: {layer.description}" for layer in stack.layers]
    points = [point.text for point in stack.pros + stack.cons]
    return stack.title, " ".join([plain(stack.description_html), *layers, *points])


KIND = Kind(label=N_("Stacks"),
    name="stack", plural="stacks", model=Stack, key="view", doc=StackDoc, dump=dump, write=write,
    files=YamlFolder(), references=references, search=Search(_listed, _text),
    page="/stacks?view={}", api="/api/v1/stacks/{}",
    form=Form(
        groups={
            "layers": {"key": "", "concept": "", "per_workload": False, "name": PAIR, "description": PAIR},
            "pros": {"key": "", "layers": [], "text": PAIR},
            "cons": {"key": "", "layers": [], "text": PAIR},
        },
        required=("layers",), choices=("pros.*.layers", "cons.*.layers"), optional=("layers.*.concept",),
        creatable=False,
    ),
    refers={"concept": lambda concept_id: select(Stack.view).join(StackLayer)
            .where(StackLayer.concept_id == concept_id).distinct()},
)
