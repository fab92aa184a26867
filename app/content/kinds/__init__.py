"""The registry of content kinds: each kind is declared once, in its module here, and everything else reads it."""

from app.content import kind_names
from app.content.kinds import comparison, concept, path, question, scenario, source, stack, tag, term
from app.content.kinds.base import Kind

# A note on the catalog: the kinds' search readers import app.content.catalog when first called, not with their
# module. The catalog reads into app.schemas' shapes, and app.schemas builds the search hit's kind from this
# registry, so importing the catalog with the kinds would come back round to this registry before it is built.

# In the order a reader meets them: the admin lists them so and search groups its hits so. The source credit is a
# kind like the others to the files and the database (a layout, a reader, a writer), but has exactly one item
# (no key, row 1) and no form or search: every page shows it, and content/source.yml is where it is edited.
ALL: tuple[Kind, ...] = (source.KIND, concept.KIND, comparison.KIND, stack.KIND, scenario.KIND,
                         question.KIND, term.KIND, tag.KIND)
# The learning path comes last: its stops may name an item of any kind above that has a page of its own.
ALL += (path.build(ALL),)
KINDS: dict[str, Kind] = {kind.name: kind for kind in ALL}


def _stored_order(kinds: tuple[Kind, ...]) -> tuple[Kind, ...]:
    """The kinds with each one after the kinds its items name, so their rows exist when it is stored."""
    ordered: list[Kind] = []
    while len(ordered) < len(kinds):
        done = {kind.name for kind in ordered}
        ordered.append(next(kind for kind in kinds if kind.name not in done
                            and set(kind.refers) <= done | {kind.name}))
    return tuple(ordered)


# The order to read, store and write the content tree in.
STORED: tuple[Kind, ...] = _stored_order(ALL)

# The kinds the admin edits, in its menu's order.
EDITABLE: tuple[Kind, ...] = tuple(kind for kind in ALL if kind.form)

# The kinds search finds, in the order app.content.kind_names gives their names (which are known before this registry
# is loaded: a search hit's kind, a search's filter).
SEARCHED: tuple[Kind, ...] = tuple(KINDS[name] for name in kind_names.SEARCHED)
if {kind.name for kind in ALL if kind.search} != set(kind_names.SEARCHED):
    raise RuntimeError("app.content.kind_names.SEARCHED must name exactly the kinds that declare a search")
