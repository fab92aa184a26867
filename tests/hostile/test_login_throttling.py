"""One client guessing an admin's password is slowed down; the admin logging in from elsewhere is not."""

from fastapi.testclient import TestClient

from tests.admin.conftest import log_in


def test_login_throttling_of_one_client_leaves_the_admin_elsewhere_free(app):
    with TestClient(app, client=("203.0.113.9", 50000)) as guesser:
        statuses = [log_in(guesser, password=f"wrong {i}").status_code for i in range(5)]
        assert statuses[-1] == 429
        assert log_in(guesser).status_code == 429  # the guesser waits, even with the right password
    with TestClient(app, client=("198.51.100.4", 50000)) as real_admin:
        assert log_in(real_admin).status_code == 303
        assert real_admin.get("/admin", follow_redirects=False).status_code == 200
