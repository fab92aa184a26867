"""Path parameters the API routers share."""

from typing import Annotated

from fastapi import Path

from app.content.documents import SLUG_PATTERN

Slug = Annotated[str, Path(pattern=SLUG_PATTERN, max_length=80, description="The item's slug", examples=["docker"])]
