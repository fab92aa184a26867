"""Checks across files: every slug and key that one item names must exist."""

from app.content.documents import ContentTree
from app.content.errors import ContentError
from app.content.files.yamlfile import Located


def check_references(tree: ContentTree, origins: dict[tuple[str, str], Located]) -> list[ContentError]:
    """Every tag, concept and layer that an item refers to must exist, and keys must be unique."""
    errors: list[ContentError] = []
    tags = {tag.slug for tag in tree.tags}
    concepts = {concept.slug for concept in tree.concepts}

    def missing(kind: str, slug: str, location: tuple, message: str) -> None:
        errors.append(origins[(kind, slug)].error(location, message))

    for concept in tree.concepts:
        for index, tag in enumerate(concept.tags):
            if tag not in tags:
                missing("concepts", concept.slug, ("tags", index), f"unknown tag {tag!r} (see tags.yml)")
        for index, related in enumerate(concept.related):
            if related == concept.slug:
                missing("concepts", concept.slug, ("related", index), "a concept cannot be related to itself")
            elif related not in concepts:
                missing("concepts", concept.slug, ("related", index), f"unknown concept {related!r}")
        _check_unique(errors, origins[("concepts", concept.slug)], "notes", [n.id for n in concept.notes], "id")

    for comparison in tree.comparisons:
        for side in ("left", "right"):
            slug = getattr(comparison, side).concept
            if slug is not None and slug not in concepts:
                missing("comparisons", comparison.slug, (side, "concept"), f"unknown concept {slug!r}")

    for stack in tree.stacks:
        origin = origins[("stacks", stack.view)]
        layer_keys = [layer.key for layer in stack.layers]
        _check_unique(errors, origin, "layers", layer_keys, "key")
        for index, layer in enumerate(stack.layers):
            if layer.concept is not None and layer.concept not in concepts:
                errors.append(origin.error(("layers", index, "concept"), f"unknown concept {layer.concept!r}"))
        seen_points: set[str] = set()
        for kind in ("pros", "cons"):
            for index, point in enumerate(getattr(stack, kind)):
                if point.key in seen_points:
                    errors.append(origin.error((kind, index, "key"), f"key {point.key!r} is used twice"))
                seen_points.add(point.key)
                for position, layer in enumerate(point.layers):
                    if layer not in layer_keys:
                        errors.append(origin.error((kind, index, "layers", position), f"unknown layer {layer!r}"))

    for scenario in tree.scenarios:
        for index, slug in enumerate(scenario.concepts):
            if slug not in concepts:
                missing("scenarios", scenario.slug, ("concepts", index), f"unknown concept {slug!r}")
    return errors


def _check_unique(errors: list, origin: Located, field: str, keys: list[str], name: str) -> None:
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key in seen:
            errors.append(origin.error((field, index, name), f"{name} {key!r} is used twice"))
        seen.add(key)
