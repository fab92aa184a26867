"""The API reference at /docs, rendered by Swagger UI from the app's own static files (no CDN)."""

import re

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html

from app.http.security import script_hash_policy

SWAGGER_UI = "swagger-ui-5.35.0"
router = APIRouter(include_in_schema=False)


@router.get("/docs")
def show_api_docs(request: Request):
    """The API reference, rendered by Swagger UI from our own static files."""
    app = request.app
    page = get_swagger_ui_html(
        openapi_url=app.openapi_url, title=f"{app.title} · API",
        swagger_js_url=f"/static/vendor/{SWAGGER_UI}/swagger-ui-bundle.js",
        swagger_css_url=f"/static/vendor/{SWAGGER_UI}/swagger-ui.css",
        swagger_favicon_url="/static/img/favicon.svg",
    )
    # Swagger UI starts from an inline script: allow exactly that script by its hash.
    inline = re.findall(r"<script>(.*?)</script>", page.body.decode(), re.S)
    page.headers["Content-Security-Policy"] = script_hash_policy(*inline)
    return page
