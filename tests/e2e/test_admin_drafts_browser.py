"""An admin's text survives a failed save in Chromium: kept in the browser after a 500, put back on the next visit
with a notice and a discard button; and a session that ended keeps the text in the page, with a login in it."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import ADMIN_PASSWORD, ADMIN_USER, assert_no_axe_violations, log_in

pytestmark = pytest.mark.e2e
CONCEPT = "registry"  # no other browser test edits it
TYPED = "A registry keeps images. Typed before the server failed, and not lost."


def _fail_saves_with_500(page: Page) -> None:
    def answer(route):
        if route.request.method == "POST":
            route.fulfill(status=500, content_type="text/plain", body="Internal Server Error")
        else:
            route.continue_()

    page.route(f"**/admin/concepts/{CONCEPT}", answer)


def test_a_draft_lost_to_a_500_comes_back_on_the_next_visit_and_can_be_discarded(page: Page):
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page)
    page.goto(f"/admin/concepts/{CONCEPT}?lang=en")
    body = page.locator('textarea[name="body.en"]')
    stored = body.input_value()
    _fail_saves_with_500(page)
    body.fill(TYPED)
    page.get_by_role("button", name="Save", exact=True).last.click()
    expect(page.locator("body")).to_contain_text("Internal Server Error")
    page.unroute(f"**/admin/concepts/{CONCEPT}")

    page.goto(f"/admin/concepts/{CONCEPT}?lang=en")
    notice = page.locator(".draft-notice")
    expect(notice).to_contain_text("not saved yet")
    expect(body).to_have_value(TYPED)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert_no_axe_violations(page, f"admin form with a restored draft, {scheme}")
    page.get_by_role("button", name="Discard the draft").click()
    expect(notice).to_have_count(0)
    expect(body).to_have_value(stored)
    page.reload()
    expect(page.locator(".draft-notice")).to_have_count(0)
    expect(body).to_have_value(stored)


def test_a_saved_draft_is_not_put_back(page: Page):
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page)
    page.goto(f"/admin/concepts/{CONCEPT}?lang=en")
    summary = page.locator('[name="summary.en"]')
    summary.fill("A place that keeps images, saved from the browser.")
    page.get_by_role("button", name="Save", exact=True).last.click()
    expect(page.get_by_role("status")).to_contain_text("Saved")
    page.goto(f"/admin/concepts/{CONCEPT}?lang=en")
    expect(page.locator(".draft-notice")).to_have_count(0)
    expect(summary).to_have_value("A place that keeps images, saved from the browser.")


def test_a_session_that_ended_keeps_the_text_and_logs_in_where_it_is(page: Page):
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page)
    page.goto(f"/admin/concepts/{CONCEPT}?lang=en")
    page.locator('textarea[name="body.en"]').fill("Typed while the session ran out; saved after logging in again.")
    page.context.clear_cookies()  # the session ends (as after its lifetime, or a log-out elsewhere)
    page.get_by_role("button", name="Save", exact=True).last.click()
    expect(page.locator("#relogin")).to_contain_text("Your session has ended")
    expect(page.locator('textarea[name="body.en"]')).to_have_value(
        "Typed while the session ran out; saved after logging in again.")
    page.locator("#relogin-username").fill(ADMIN_USER)
    page.locator("#relogin-password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in and save").click()
    expect(page.get_by_role("status").first).to_contain_text("Saved")
    page.goto(f"/en/concepts/{CONCEPT}")
    expect(page.locator(".prose").first).to_contain_text("saved after logging in again")
