"""The friendly error pages, in the reader's language, that every error outside the API shows."""

from starlette.requests import Request
from starlette.responses import Response

from app.http.deps import page_language
from app.web.templating import gettext_context, templates


def error_page(request: Request, status: int, message: str | None = None, headers: dict | None = None) -> Response:
    """A friendly error page in the reader's language."""
    lang = page_language(request)
    context = {**gettext_context(lang), "status": status, "message": message}
    name = "errors/404.html" if status == 404 else "errors/error.html"
    response = templates.TemplateResponse(request, name, context, status_code=status, headers=headers)
    response.headers["Content-Language"] = lang
    return response
