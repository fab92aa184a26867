"""Every cookie the app sets, by name and path: the render cache and the cache policy must agree with the admin."""

# The reader's language and colour theme. No public page reads either: the language cookie only picks where an
# address without a language redirects (and the admin's language), the theme cookie is applied in the browser
# (static/js/preferences.js writes and reads both).
LANG_COOKIE = "lang"
THEME_COOKIE = "theme"
PREFERENCE_MAX_AGE = 365 * 24 * 3600

# The admin's session. It is only sent to /admin, but a request that carries it anywhere is someone's own: it is
# never answered from the render cache nor marked for a shared cache.
SESSION_COOKIE = "explorer_admin"
ADMIN_PATH = "/admin"
# The login form's double-submit CSRF token: there is no session yet to hold it.
LOGIN_COOKIE = "explorer_login_csrf"
# The login inside a form whose session ended: its CSRF token, sent as a cookie too (double submit).
RELOGIN_COOKIE = "explorer_relogin_csrf"
