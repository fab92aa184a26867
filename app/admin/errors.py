"""What an admin route raises to send a visitor elsewhere; here, apart, so that the app's handlers for them are
installed at start-up without importing the admin itself."""

from starlette.datastructures import FormData


class SessionEnded(Exception):
    """An item's form was posted after the admin's session ended: the form again, with what was typed and a login
    in its place (error: why the last try to log in there failed)."""

    def __init__(self, form: FormData, error: str | None = None, username: str = ""):
        self.form, self.error, self.username = form, error, username


class LoginRequired(Exception):
    """An anonymous visitor asked for an admin page: send them to the login form (htmx: the whole window)."""

    def __init__(self, next_url: str, htmx: bool = False):
        self.next_url = next_url
        self.htmx = htmx
