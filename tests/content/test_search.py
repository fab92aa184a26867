"""Search: the index in both languages, Korean and short words, snippets, upkeep on import and edit, page and API."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select, text
from sqlmodel import Session

from app.content import editing, markdown, search, search_index
from app.content.files.parse import read_tree
from app.content.files.transfer import import_content, prepare_database
from app.content.kinds import KINDS
from app.db import make_engine
from app.models import AdminUser
from tests import machine
from tests.conftest import REAL_CONTENT


def keys(results: search.Results) -> list[tuple[str, str]]:
    return [(hit.kind, hit.key) for hit in results.hits]


@pytest.fixture
def session(full_client):
    with Session(full_client.app.state.engine) as db:
        yield db


def test_terms_are_normalised_deduplicated_and_bounded():
    decomposed = "\u1100\u1161"  # 가 as two jamo, as some keyboards send it
    assert search.terms_of(f"  {decomposed}  Docker docker\tDocker \x00x ") == ["가", "Docker", "docker", "x"]
    assert search.terms_of('"quoted"') == ["quoted"]
    assert len(search.terms_of(" ".join(f"w{i}" for i in range(20)))) == search.MAX_TERMS
    assert search.terms_of("   ") == []


def test_marked_escapes_the_text_and_marks_every_match():
    pattern = search._pattern(["os"])
    assert search.marked("<b>OS</b> & os", pattern) == "&lt;b&gt;<mark>OS</mark>&lt;/b&gt; &amp; <mark>os</mark>"


def test_snippet_is_cut_around_the_first_match():
    body = " ".join(["filler"] * 60) + " the kernel is shared " + " ".join(["tail"] * 60)
    text = search.snippet(body, search._pattern(["kernel"]))
    assert "kernel" in text and text.startswith("…") and text.endswith("…")
    assert len(text) <= search.SNIPPET_CHARS + 2


FIRST_HITS = [
    ("컨테이너", "ko", ("concept", "container")),
    ("오케스트레이션", "ko", ("concept", "orchestration")),
    ("도커", "ko", ("concept", "docker")),  # two characters: below the trigram, found with LIKE
    ("orchestration", "en", ("concept", "orchestration")),
    ("hypervisor", "en", ("concept", "hypervisor")),
    ("swarm", "ko", ("concept", "docker-swarm")),  # Docker's own orchestration, in both languages
    ("swarm", "en", ("concept", "docker-swarm")),
]


@pytest.mark.parametrize(("query", "lang", "first"), FIRST_HITS)
def test_search_finds_korean_and_english_words(session, query, lang, first):
    results = search.search(session, query, lang)
    assert keys(results)[0] == first
    assert all(query.lower() in (hit.title + " " + hit.snippet).lower() for hit in results.hits[:3])


def test_search_finds_part_of_a_korean_word_and_every_word_of_a_query(session):
    inside = keys(search.search(session, "레이션", "ko"))  # the middle of 오케스트레이션
    assert ("concept", "orchestration") in inside
    both, first, second = (search.search(session, q, "en", limit=100)
                           for q in ("container orchestration", "container", "orchestration"))
    assert both.hits and set(keys(both)) == set(keys(first)) & set(keys(second))


def test_short_latin_words_match_only_where_a_word_starts(session):
    hits = keys(search.search(session, "OS", "en", limit=100))
    assert ("concept", "host-os") in hits and ("concept", "guest-os") in hits
    for hit in search.search(session, "OS", "en", limit=100).hits:
        assert "<mark>" in hit.title_html + hit.snippet_html


@pytest.mark.parametrize("query", ['"', "*", "NEAR(a b)", "a OR b", "x:y", "%", "_", "\\", "'; DROP TABLE x; --",
                                   "^", "((", "컨테이너 \"", "a\x00b"])
def test_query_syntax_is_taken_literally(session, query):
    results = search.search(session, query, "en")
    assert results.count == len(results.hits) or results.count > len(results.hits)


def test_every_concept_is_found_by_a_word_of_its_title_and_of_its_body(full_client, session):
    from app.content import catalog

    for lang in ("ko", "en"):
        for summary in catalog.list_concepts(session, lang).data:
            concept = catalog.get_concept(session, summary.slug, lang)
            title_word = max(concept.title.split(), key=len)
            body_word = max(re.findall(r"\w+", markdown.plain(concept.body_html)), key=len)
            for word in (title_word, body_word):
                found = keys(search.search(session, word, lang, kind="concept", limit=100))
                assert ("concept", concept.slug) in found, (lang, word)


def test_kind_filter_and_paging(session):
    everything = search.search(session, "컨테이너", "ko", limit=100)
    assert set(everything.counts) == {"concept", "comparison", "stack", "scenario"}
    stacks = search.search(session, "컨테이너", "ko", kind="stack")
    assert {hit.kind for hit in stacks.hits} == {"stack"} and stacks.count == everything.counts["stack"]
    first, second = (search.search(session, "컨테이너", "ko", limit=2, offset=o) for o in (0, 2))
    assert keys(first) + keys(second) == keys(everything)[:4]


def test_an_admin_edit_is_found_at_once(session):
    kind = KINDS["concept"]
    doc, version = editing.load(session, kind, "docker")
    user = AdminUser(username="editor", password_hash="x")
    session.add(user)
    session.commit()
    changed = doc.model_copy(update={"title": doc.title.model_copy(update={"en": "Docker zebrafish"})})
    session.rollback()
    editing.save(session, kind, "docker", changed, version, user)
    assert keys(search.search(session, "zebrafish", "en")) == [("concept", "docker")]
    doc, version = editing.load(session, kind, "docker")
    editing.save(session, kind, "docker", doc.model_copy(update={"title": changed.title.model_copy(
        update={"en": "Docker"})}), version, user)
    assert search.search(session, "zebrafish", "en").count == 0


def index_rows(session) -> list[tuple]:
    columns = (search.doc.kind, search.doc.key, search.doc.lang, search.doc.position, search.doc.title,
               search.doc.body)
    return sorted(tuple(row) for row in session.execute(select(*columns)))


def rebuilt_rows(session) -> list[tuple]:
    return sorted((d.kind, d.key, d.lang, d.position, d.title, d.body)
                  for lang in search.LANGS for d in search_index.documents(session, lang))


def test_every_kind_of_edit_leaves_the_index_as_a_full_rebuild_would(session):
    """A save rebuilds only the saved item's documents: after edits, a new item, a move and a delete of each
    searched kind (and a tag, which is not searched), the index holds exactly what a full rebuild holds."""
    user = AdminUser(username="indexer", password_hash="x")
    session.add(user)
    session.commit()
    for name, key in [("concept", "docker"), ("comparison", None), ("stack", "vm"), ("scenario", None),
                      ("tag", None)]:
        kind = KINDS[name]
        if key is None:
            key = session.execute(select(getattr(kind.model, kind.key))).scalars().first()
        doc, version = editing.load(session, kind, key)
        session.rollback()
        if name == "tag":
            retitled = doc.model_copy(update={"en": f"{doc.en} platypus"})
        else:
            retitled = doc.model_copy(update={"title": doc.title.model_copy(update={"en": f"{doc.title.en} platypus"})})
        editing.save(session, kind, key, retitled, version, user)
        if name != "tag":
            assert (name, key) in keys(search.search(session, "platypus", "en"))
        if hasattr(doc, "order"):
            doc, version = editing.load(session, kind, key)
            session.rollback()
            editing.save(session, kind, key, doc.model_copy(update={"order": -1}), version, user)
        assert index_rows(session) == rebuilt_rows(session), name
        if kind.key == "slug" and name != "tag":
            copy = retitled.model_copy(update={"slug": f"{key}-copy"})
            editing.save(session, kind, None, copy, None, user)
            assert index_rows(session) == rebuilt_rows(session), name
            _, version = editing.load(session, kind, f"{key}-copy")
            session.rollback()
            editing.delete(session, kind, f"{key}-copy", version, user)
            assert index_rows(session) == rebuilt_rows(session), name
    if session.get_bind().dialect.name == "sqlite":
        # The FTS5 table agrees with its content table row for row.
        session.execute(text("INSERT INTO searchindex(searchindex, rank) VALUES ('integrity-check', 1)"))
    assert search.search(session, "platypus", "en").count == 4


def test_an_import_reindexes_and_an_old_database_is_indexed_on_start(full_client, session, tmp_path):
    import shutil

    shutil.copytree(REAL_CONTENT, tmp_path / "content")
    page = tmp_path / "content" / "concepts" / "docker.en.md"
    page.write_text(page.read_text().replace("\n---\n", "\n---\nA quokka sentence.\n", 1))
    read_tree(tmp_path / "content")  # valid
    engine = full_client.app.state.engine
    import_content(engine, tmp_path / "content")
    assert keys(search.search(session, "quokka", "en")) == [("concept", "docker")]
    session.execute(delete(search.search_document))
    session.commit()
    assert search_index.ensure_index(session) is True
    assert session.execute(select(func.count()).select_from(search.search_document)).scalar_one() > 0
    assert search_index.ensure_index(session) is False


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_api_search_in_both_languages(full_client, lang):
    word = {"ko": "오케스트레이션", "en": "orchestration"}[lang]
    response = full_client.get(f"/api/v1/search?q={word}&lang={lang}&limit=2")
    body = response.json()
    assert response.status_code == 200 and body["lang"] == lang and response.headers["content-language"] == lang
    assert body["q"] == word and body["terms"] == [word] and body["count"] >= 3 and len(body["data"]) == 2
    hit = body["data"][0]
    assert hit["key"] == "orchestration" and hit["url"] == f"/{lang}/concepts/orchestration"
    assert hit["api_url"] == f"/api/v1/concepts/orchestration?lang={lang}"
    assert "<mark>" in hit["title_html"] + hit["snippet_html"]
    assert body["links"]["next"].endswith("offset=2") and body["links"]["prev"] is None
    assert 'rel="next"' in response.headers["link"]


@pytest.mark.parametrize(("query", "param"), [("q=", "q"), ("", "q"), ("q=x&kind=page", "kind"),
                                              ("q=x&limit=101", "limit"), ("q=" + "x" * 101, "q")])
def test_api_search_rejects_bad_parameters(full_client, query, param):
    response = full_client.get(f"/api/v1/search?{query}")
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalid_params"]] == [param]


def test_search_page_groups_hits_and_keeps_the_query(full_client):
    response = full_client.get("/ko/search?q=컨테이너")
    assert response.status_code == 200 and response.template.name == "search/index.html"
    assert 'value="컨테이너"' in response.text and "<mark>컨테이너</mark>" in response.text
    headings = re.findall(r'<h2 id="search-group-(\w+)">', response.text)
    assert headings == ["concept", "comparison", "stack", "scenario", "calculator"]  # the back-off calculator's containers
    assert response.context["results"].count == len(response.context["results"].data)
    assert '<link rel="alternate" type="application/json" href="/api/v1/search?q=' in response.text
    assert 'href="/ko/search"' in response.text  # the entry in the site navigation


def test_search_page_without_a_query_or_hits(full_client):
    empty = full_client.get("/en/search")
    assert empty.status_code == 200 and "Type some words" in empty.text and "search-group" not in empty.text
    none = full_client.get("/en/search?q=qwxzv")
    assert "Nothing contains all of these words" in none.text


def test_search_page_htmx_gets_only_the_results(full_client):
    fragment = full_client.get("/en/search?q=kernel", headers={"HX-Request": "true"})
    assert fragment.template.name == "search/_results.html"
    assert fragment.text.startswith('<section id="search-results"') and "<html" not in fragment.text
    assert "HX-Request" in fragment.headers["vary"]
    for header in ("HX-Boosted", "HX-History-Restore-Request"):
        page = full_client.get("/ko/search?q=kernel", headers={"HX-Request": "true", header: "true"})
        assert page.template.name == "search/index.html"


def test_search_page_kind_filter_links(full_client):
    response = full_client.get("/ko/search?q=컨테이너&kind=stack")
    assert re.findall(r'<h2 id="search-group-(\w+)">', response.text) == ["stack"]
    assert 'name="kind" value="stack"' in response.text
    assert full_client.get("/ko/search?q=x&kind=page").status_code == 400


# PostgreSQL: the same interface, served by to_tsvector('simple') and ILIKE, on a throwaway cluster.
SAME_QUERIES = [("컨테이너", "ko"), ("오케스트레이션", "ko"), ("도커", "ko"), ("레이션", "ko"), ("쿠버네티스 도커", "ko"),
                ("orchestration", "en"), ("kernel", "en"), ("OS", "en"), ("container orchestration", "en"),
                ("rolling update", "en"), ("qwxzv", "en"), ("25%", "en")]


@pytest.fixture(scope="module")
def pg_session(request):
    """A session on PostgreSQL holding the real content: the suite's cluster, or one started here."""
    from tests.pgcluster import Cluster, PostgresUnavailable

    cluster = request.getfixturevalue("postgres")
    own = cluster is None
    if own:
        machine.require("postgresql")
        try:
            cluster = Cluster().start()
        except PostgresUnavailable as exc:
            machine.require("postgresql", f"search on PostgreSQL cannot be tested: {exc}")
    engine = make_engine(cluster.url(cluster.create("search")))
    try:
        prepare_database(engine, REAL_CONTENT)
        with Session(engine) as db:
            yield db
    finally:
        engine.dispose()
        if own:
            cluster.stop()


@pytest.mark.parametrize(("query", "lang"), SAME_QUERIES)
def test_postgresql_finds_what_sqlite_finds(pg_session, session, query, lang):
    on_postgres = search.search(pg_session, query, lang, limit=100)
    on_sqlite = search.search(session, query, lang, limit=100)
    assert set(keys(on_postgres)) == set(keys(on_sqlite))
    assert on_postgres.counts == on_sqlite.counts


@pytest.mark.parametrize(("query", "lang", "first"), FIRST_HITS)
def test_postgresql_puts_the_item_named_by_the_query_first(pg_session, query, lang, first):
    assert keys(search.search(pg_session, query, lang))[0] == first


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=40))
def test_postgresql_takes_any_query_literally(pg_session, query):
    results = search.search(pg_session, query, "en")
    assert results.count >= len(results.hits)
    pg_session.rollback()
