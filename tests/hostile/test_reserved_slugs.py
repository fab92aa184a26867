"""Names that are the site's own addresses cannot be given to an item: a concept named "new" could never be
edited again (/admin/concepts/new is the create form)."""

import pytest
from sqlmodel import Session, select

from app.content.documents import RESERVED_SLUGS, ConceptDoc
from app.models import Concept
from tests.admin.conftest import save

CONCEPT = {"title.ko": "가", "title.en": "A", "summary.ko": "가", "summary.en": "A", "body.ko": "가", "body.en": "A"}


@pytest.mark.parametrize("slug", sorted(RESERVED_SLUGS))
def test_concept_with_a_reserved_slug_is_refused_beside_the_field(admin, app, slug):
    response = save(admin, "/admin/concepts/new", {"slug": slug, **CONCEPT})
    assert response.status_code == 422
    assert response.context["errors"] == {"slug": "reserved"}
    assert 'id="error-slug"' in response.text and "다른 이름을 고르세요" in response.text
    assert f'value="{slug}"' in response.text  # the name typed is kept to be changed
    with Session(app.state.engine) as db:
        assert db.exec(select(Concept).where(Concept.slug == slug)).first() is None


def test_reserved_words_inside_a_slug_are_allowed(admin):
    response = save(admin, "/admin/concepts/new", {"slug": "new-api", **CONCEPT})
    assert response.status_code == 303


def test_reserved_slug_in_a_content_file_is_refused():
    with pytest.raises(ValueError, match="reserved"):
        ConceptDoc(slug="new", title={"ko": "가", "en": "A"}, summary={"ko": "가", "en": "A"},
                   body={"ko": "가", "en": "A"})
