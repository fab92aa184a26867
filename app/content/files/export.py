"""Write a ContentTree as files, in the form the importer reads, so import → export gives the same tree."""

from pathlib import Path

from app.content.documents import ConceptDoc, ContentTree
from app.content.files import yamlfile

LANGS = ("ko", "en")


def write_tree(tree: ContentTree, root: Path) -> list[Path]:
    """Write every item of the tree under root; return the files written."""
    written: list[Path] = []

    def write(relative: str, text: str) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    write("source.yml", yamlfile.dump(tree.source.model_dump()))
    write("tags.yml", yamlfile.dump([tag.model_dump() for tag in tree.tags]))
    for concept in tree.concepts:
        for lang in LANGS:
            write(f"concepts/{concept.slug}.{lang}.md", concept_file(concept, lang))
    for comparison in tree.comparisons:
        write(f"comparisons/{comparison.slug}.yml", yamlfile.dump(comparison.model_dump(mode="json", exclude={"slug"})))
    for stack in tree.stacks:
        write(f"stacks/{stack.view}.yml", yamlfile.dump(stack.model_dump(mode="json", exclude={"view"})))
    for scenario in tree.scenarios:
        write(f"scenarios/{scenario.slug}.yml", yamlfile.dump(scenario.model_dump(mode="json", exclude={"slug"})))
    return written


def concept_file(concept: ConceptDoc, lang: str) -> str:
    """One concept in one language: YAML front matter, then the Markdown body."""
    front = {
        "title": getattr(concept.title, lang),
        "summary": getattr(concept.summary, lang),
        "order": concept.order,
        "tags": list(concept.tags),
        "related": list(concept.related),
    }
    if concept.notes:
        front["notes"] = [
            {
                "id": note.id,
                "claim": getattr(note.claim, lang),
                "text": getattr(note.text, lang) + "\n",
                "source": {"title": getattr(note.source_title, lang), "url": note.source_url},
            }
            for note in concept.notes
        ]
    return f"---\n{yamlfile.dump(front)}---\n{getattr(concept.body, lang)}\n"
