"""Every cookie the app sets, by name and path: the render cache and the cache policy must agree with the admin."""

# The reader's language and colour theme: the only cookies a public page reads (static/js/theme.js writes
# the theme cookie too).
LANG_COOKIE = "lang"
THEME_COOKIE = "theme"
PAGE_COOKIES = (LANG_COOKIE, THEME_COOKIE)
PREFERENCE_MAX_AGE = 365 * 24 * 3600

# The admin's session. It is only sent to /admin, but a request that carries it anywhere is someone's own: it is
# never answered from the render cache nor marked for a shared cache.
SESSION_COOKIE = "explorer_admin"
ADMIN_PATH = "/admin"
# The login form's double-submit CSRF token: there is no session yet to hold it.
LOGIN_COOKIE = "explorer_login_csrf"
