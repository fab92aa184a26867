"""Import and export of the content tree, and preparing a database on start-up."""

from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app import db
from app.content import rerender
from app.content.files.dump import dump_tree
from app.content.files.export import write_tree
from app.content.files.load import ImportSummary, load_tree
from app.content.files.parse import read_tree
from app.models import SourceCredit


def import_content(engine: Engine, root: Path, prune: bool = False) -> ImportSummary:
    """Validate the whole tree, then write it in one transaction; raise InvalidContent before any write. Items
    the tree lacks are deleted only with prune."""
    tree = read_tree(root)
    with Session(engine) as session:
        return load_tree(session, tree, prune)


def export_content(engine: Engine, root: Path) -> list[Path]:
    """Write the stored content under root as content files."""
    with Session(engine) as session:
        tree = dump_tree(session)
    if tree is None:
        raise LookupError("the database holds no content yet: import it first")
    return write_tree(tree, root)


def has_content(engine: Engine) -> bool:
    """Whether content has been imported into this database."""
    with Session(engine) as session:
        return session.get(SourceCredit, 1) is not None


def prepare_database(engine: Engine, content_dir: Path | None) -> ImportSummary | None:
    """Migrate the schema, import content_dir when the database holds no content yet, and render stored HTML
    again when another Markdown renderer made it."""
    db.migrate(engine)
    if content_dir is not None and not has_content(engine):
        summary = import_content(engine, content_dir)
        with Session(engine) as session:  # everything was rendered just now, by this renderer
            rerender.mark_current(session)
            session.commit()
        return summary
    with Session(engine) as session:
        rerender.rerender_stale(session)
    return None
