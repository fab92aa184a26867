"""An admin in Chromium: log in, edit a concept with the live preview, save, see the public page, restore a revision."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import assert_no_axe_violations, log_in, screenshot

pytestmark = pytest.mark.e2e
CONCEPT = "image"  # not one the page-type tests look at, so their screenshots show the imported text


def save_body(page: Page, text: str) -> None:
    """Type a new English body, wait for its preview, and save."""
    body = page.locator('textarea[name="body.en"]')
    body.fill(text)
    preview = page.locator("#preview-body-en")
    expect(preview.locator("strong")).to_have_text([re.search(r"\*\*(.+?)\*\*", text).group(1)])
    page.get_by_role("button", name="Save", exact=True).last.click()
    expect(page.get_by_role("status")).to_contain_text("Saved")


def public_emphasis(page: Page) -> str:
    page.goto(f"/en/concepts/{CONCEPT}")
    return page.locator(".prose strong").first.inner_text()


def test_admin_edits_with_preview_saves_and_restores_a_revision(page: Page):
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page)

    page.goto(f"/admin/concepts/{CONCEPT}?lang=en")
    expect(page.locator("h1")).to_contain_text(CONCEPT)
    save_body(page, "An image is **the first edit**, typed in the browser.")
    assert public_emphasis(page) == "the first edit"

    page.goto(f"/admin/concepts/{CONCEPT}?lang=en")
    save_body(page, "An image is **the second edit**, typed in the browser.")
    assert public_emphasis(page) == "the second edit"

    page.goto(f"/admin/concepts/{CONCEPT}?lang=en")
    page.get_by_role("link", name="History").click()
    expect(page.locator("h1")).to_have_text(f"History of {CONCEPT}")
    rows = page.locator("table.revisions tbody tr")
    expect(rows).to_have_count(2)  # newest first: the second edit, then the first
    rows.nth(1).get_by_role("link").click()
    expect(page.locator(".snapshot")).to_contain_text("the first edit")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert_no_axe_violations(page, f"admin revision page, {scheme}")
        screenshot(page, f"admin-revision-1280-{scheme}")
    page.emulate_media(color_scheme="light")
    page.get_by_role("button", name="Restore this record").click()
    expect(page.get_by_role("status")).to_contain_text("Saved")
    assert public_emphasis(page) == "the first edit"

    page.goto(f"/admin/concepts/{CONCEPT}/history?lang=en")
    expect(page.locator("table.revisions tbody tr").first).to_contain_text("Restored")
    assert problems == []
