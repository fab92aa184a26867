"""The registry of content kinds, walked kind by kind: files, database, rules, admin, search and API handle each."""

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from pydantic import SecretStr
from sqlmodel import Session, select

from app.admin import auth
from app.content import editing, references, search_index
from app.content.documents import ContentTree
from app.content.files.dump import dump_tree
from app.content.files.parse import read_tree
from app.content.files.transfer import export_content, import_content
from app.content.kinds import ALL, EDITABLE, KINDS, SEARCHED, STORED
from app.i18n.catalogs import translations
from app.i18n.languages import LANGUAGES
from app.main import create_app
from app.settings import PROJECT_ROOT
from tests.admin.conftest import ADMIN, ORIGIN, PASSWORD, form_fields, log_in
from tests.conftest import TEST_CONTENT

KEYED = [kind for kind in ALL if not kind.single]
RULED = [kind for kind in ALL if kind.references]


def ids(kinds) -> list[str]:
    return [kind.name for kind in kinds]


@pytest.fixture(scope="module")
def tree() -> ContentTree:
    return read_tree(TEST_CONTENT)


@pytest.fixture
def admin(settings, monkeypatch):
    """A client logged in as an admin, on the small test content (argon2 kept cheap, as in tests/admin)."""
    monkeypatch.setattr(auth, "_hasher", PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),)))
    settings.admin_user, settings.admin_password = ADMIN, SecretStr(PASSWORD)
    with TestClient(create_app(settings)) as client:
        assert log_in(client).status_code == 303
        yield client


def test_each_kind_is_declared_once_and_the_tree_has_a_field_for_each():
    assert len({kind.name for kind in ALL}) == len({kind.plural for kind in ALL}) == len(ALL) == len(KINDS)
    assert [kind.tree_field for kind in ALL if kind.tree_field not in ContentTree.model_fields] == []
    assert set(ContentTree.model_fields) == {kind.tree_field for kind in ALL}
    assert [kind.name for kind in ALL if kind.single] == ["source"]  # the one credited post, in row 1
    for kind in KEYED:
        assert kind.key in kind.doc.model_fields and hasattr(kind.model, kind.key), kind.name


def test_each_kind_is_stored_after_the_kinds_its_items_name():
    assert sorted(ids(STORED)) == sorted(ids(ALL))
    for position, kind in enumerate(STORED):
        assert set(kind.refers) <= set(ids(STORED[:position + 1])), kind.name


@pytest.mark.parametrize("kind", ALL, ids=ids(ALL))
def test_each_kind_survives_import_and_export_unchanged(kind, engine, tree, tmp_path):
    part = getattr(tree, kind.tree_field)
    assert part, f"the test content has no {kind.plural}"
    import_content(engine, TEST_CONTENT)
    with Session(engine) as session:
        assert getattr(dump_tree(session), kind.tree_field) == part
    exported = tmp_path / "exported"
    export_content(engine, exported)
    entry = kind.files.entry(kind)
    assert (TEST_CONTENT / entry).is_dir() is kind.files.folder
    originals = sorted(_files(TEST_CONTENT / entry, TEST_CONTENT))
    assert originals and sorted(_files(exported / entry, exported)) == originals
    for relative in originals:
        assert (exported / relative).read_text(encoding="utf-8") == (TEST_CONTENT / relative).read_text(encoding="utf-8")


def _files(path: Path, root: Path) -> list[Path]:
    found = [path] if path.is_file() else sorted(path.rglob("*"))
    return [item.relative_to(root) for item in found if item.is_file()]


def _naming(kind) -> list:
    """The kinds whose items name this kind's items, directly or through others."""
    found: list = []
    for other in STORED:
        if other is not kind and other not in found and any(name in other.refers for name in [kind.name, *ids(found)]):
            found.append(other)
    return found


@pytest.mark.parametrize("kind", KEYED, ids=ids(KEYED))
def test_each_kind_without_its_files_imports_as_none_of_it(kind, engine, tree, tmp_path):
    """Removing a kind's files (and those of the kinds that name it) deletes its items and nothing else."""
    content = Path(shutil.copytree(TEST_CONTENT, tmp_path / "content"))
    import_content(engine, content)
    gone = [kind, *_naming(kind)]
    for each in gone:
        entry = content / each.files.entry(each)
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    summary = import_content(engine, content, prune=True)
    expected = [f"{k.name}:{getattr(doc, k.key)}" for k in gone for doc in getattr(tree, k.tree_field)]
    assert sorted(summary.deleted) == sorted(expected) and not summary.created and not summary.updated


@pytest.mark.parametrize("kind", RULED, ids=ids(RULED))
def test_each_kinds_reference_rules_are_the_importers_and_the_admins(kind, tree, engine):
    """With nothing known, every name an item gives is unknown: the importer and an admin save say so alike."""
    nothing = {name: set() for name in KINDS}
    broken = [doc for doc in getattr(tree, kind.tree_field) if kind.references(doc, nothing)]
    assert broken, f"no {kind.name} of the test content names another item"
    with Session(engine) as session:  # an empty database: no item exists
        for doc in broken:
            problems = kind.references(doc, nothing)
            assert all(problem.message for problem in problems)
            assert editing.check_references(session, kind, doc) == references.form_errors(problems)


def test_the_reference_rules_keep_the_importers_messages(tree):
    concept = KINDS["concept"]
    doc = tree.concepts[0].model_copy(update={"related": (tree.concepts[0].slug, "nowhere"), "tags": ("nope",)})
    messages = [p.message for p in concept.references(doc, {"tag": set(), "concept": {tree.concepts[0].slug}})]
    assert messages == ["unknown tag 'nope' (see tags.yml)", "a concept cannot be related to itself",
                        "unknown concept 'nowhere'"]


@pytest.mark.parametrize("kind", EDITABLE, ids=ids(EDITABLE))
def test_each_edited_kind_has_its_admin_pages(kind, admin, tree):
    dashboard = admin.get("/admin")
    assert f'href="/admin/{kind.plural}"' in dashboard.text
    assert dashboard.context["counts"][kind.plural] == len(getattr(tree, kind.tree_field))
    listed = admin.get(f"/admin/{kind.plural}")
    assert listed.status_code == 200 and listed.template.name == "admin/list.html"
    assert [key for key, _ in listed.context["entries"]] == [getattr(doc, kind.key) for doc in getattr(tree, kind.tree_field)]
    assert (f'href="/admin/{kind.plural}/new"' in listed.text) is kind.form.creatable
    key = listed.context["entries"][0][0]
    page = admin.get(f"/admin/{kind.plural}/{key}")
    assert page.status_code == 200 and page.template.name == "admin/edit.html"
    assert page.context["kind"] is kind and page.context["data"][kind.key] == key
    unchanged = admin.post(f"/admin/{kind.plural}/{key}", data={**form_fields(page.text), "action": ["save"]},
                           headers=ORIGIN, follow_redirects=False)
    assert unchanged.status_code == 303, unchanged.text  # the form reads back into the same document
    if kind.form.creatable:
        assert admin.get(f"/admin/{kind.plural}/new").status_code == 200
    for group in kind.form.groups:
        added = admin.post(f"/admin/{kind.plural}/{key}", headers=ORIGIN,
                           data={**form_fields(page.text), "action": [f"add:{group}"]})
        assert len(added.context["data"][group]) == len(page.context["data"].get(group, [])) + 1, group
    assert (PROJECT_ROOT / "templates" / "admin" / "forms" / f"{kind.name}.html").is_file()
    assert_named_in_both_languages(kind)


def assert_named_in_both_languages(kind) -> None:
    """The admin's menu and the search filters name the kind by its label, which both catalogs translate."""
    assert kind.label and translations("en").gettext(kind.label) == kind.label
    assert translations("ko").gettext(kind.label) != kind.label, kind.label


@pytest.mark.parametrize("kind", SEARCHED, ids=ids(SEARCHED))
def test_each_searched_kind_is_indexed_and_found_with_links_that_answer(kind, client, tree):
    keys = [getattr(doc, kind.key) for doc in getattr(tree, kind.tree_field)]
    with Session(client.app.state.engine) as session:
        for lang in LANGUAGES:
            documents = [d for d in search_index.documents(session, lang) if d.kind == kind.name]
            assert [d.key for d in documents] == keys and all(d.title and d.body for d in documents)
            title = documents[0].title
    found = client.get("/api/v1/search", params={"q": title, "kind": kind.name, "lang": "en", "limit": 100})
    assert found.status_code == 200, found.text
    [hit] = [hit for hit in found.json()["data"] if hit["key"] == keys[0]]
    assert hit["kind"] == kind.name
    assert client.get(hit["url"]).status_code == 200
    assert client.get(hit["api_url"]).status_code == 200
    page = client.get("/search", params={"q": title, "kind": kind.name, "lang": "en"})
    assert page.status_code == 200 and page.context["kind"] == kind.name
    assert_named_in_both_languages(kind)


def test_search_filters_and_hits_allow_exactly_the_searched_kinds(client):
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    # The calculators are searched too, though they are not content.
    assert schemas["SearchHitPublic"]["properties"]["kind"]["enum"] == [*ids(SEARCHED), "calculator"]
    assert client.get("/api/v1/search", params={"q": "docker", "kind": "calculator"}).status_code == 200
    assert client.get("/search", params={"q": "docker", "kind": "calculator"}).status_code == 200
    for kind in ALL:
        api = client.get("/api/v1/search", params={"q": "docker", "kind": kind.name})
        page = client.get("/search", params={"q": "docker", "kind": kind.name})
        assert (api.status_code, page.status_code) == ((200, 200) if kind in SEARCHED else (422, 400)), kind.name


@pytest.mark.parametrize("kind", [k for k in KEYED if any(k.name in other.refers for other in ALL)],
                         ids=lambda kind: kind.name)
def test_each_named_kind_knows_who_names_its_items(kind, client):
    with Session(client.app.state.engine) as session:
        rows = session.exec(select(kind.model)).all()
        users = {getattr(row, kind.key): editing.referenced_by(session, kind, row) for row in rows}
    assert any(users.values()), f"no {kind.name} of the test content is named by another item"
    for user in (user for found in users.values() for user in found):
        assert user.split(":")[0] in ids(ALL)
