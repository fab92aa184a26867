"""The stack explorer in Chromium: tabs, layers, pros and cons, the keyboard, history, the count and screenshots."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

CONTAINER_LAYERS = ["Server (hardware)", "Host OS", "Docker Engine", "Binaries and libraries (bins/libs)",
                    "App (container)"]


@pytest.fixture
def page(page: Page) -> Page:
    """A page that fails the test on any uncaught script error."""
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    yield page
    assert not errors, errors


def selected_tab(page: Page) -> str:
    return page.locator('[role="tab"][aria-selected="true"]').get_attribute("id")


def test_tabs_swap_the_stack_in_place_and_history_follows(page: Page):
    page.goto("/en/stacks")
    assert selected_tab(page) == "tab-vm"
    page.evaluate("window.stayedOnPage = true")  # an htmx swap keeps it; a full page load would not
    page.get_by_role("tab", name="Container stack").click()
    expect(page).to_have_url(re.compile(r"/stacks\?view=container$"))
    expect(page.locator("#tab-container")).to_have_attribute("aria-selected", "true")
    expect(page.locator(".stack-list .layer-name")).to_have_text(CONTAINER_LAYERS)
    expect(page).to_have_title(re.compile(r"^Container stack · "))
    # The links to "this page" outside the swapped explorer follow the new view.
    expect(page.locator("a.json-link")).to_have_attribute("href", "/api/v1/stacks/container?lang=en")
    expect(page.locator('.lang-switch a[hreflang="ko"]')).to_have_attribute("href", "/ko/stacks?view=container")
    page.get_by_role("tab", name="Side by side").click()
    expect(page).to_have_url(re.compile(r"view=both$"))
    expect(page.locator(".stack-container .layer--absent")).to_have_text(["no Hypervisor", "no Guest OS"])
    assert page.evaluate("window.stayedOnPage") is True

    page.go_back()
    expect(page).to_have_url(re.compile(r"view=container$"))
    expect(page.locator("#tab-container")).to_have_attribute("aria-selected", "true")
    expect(page.locator(".stack-list .layer-name")).to_have_text(CONTAINER_LAYERS)
    page.go_back()
    expect(page.locator("#tab-vm")).to_have_attribute("aria-selected", "true")
    page.go_forward()
    page.reload()
    expect(page.locator("#tab-container")).to_have_attribute("aria-selected", "true")


def test_side_by_side_aligns_layers_by_key(page: Page):
    page.goto("/en/stacks?view=both")

    def top(selector: str) -> float:
        return page.locator(selector).bounding_box()["y"]

    for key in ("server", "host-os", "libraries", "app"):
        assert top(f"#layer-vm-{key}") == pytest.approx(top(f"#layer-container-{key}"), abs=1), key
    for key in ("hypervisor", "guest-os"):
        assert top(f"#layer-vm-{key}") == pytest.approx(top(f'.stack-container [data-layer="{key}"]'), abs=1), key
    assert top('.stack-vm [data-layer="docker-engine"]') == pytest.approx(top("#layer-container-docker-engine"), abs=1)
    # Drawn with the hardware at the bottom.
    assert top("#layer-vm-server") > top("#layer-vm-host-os") > top("#layer-vm-app")


def test_layer_selection_explains_it_and_marks_its_pros_and_cons(page: Page):
    page.goto("/en/stacks")
    page.locator("#layer-vm-hypervisor").click()
    expect(page).to_have_url(re.compile(r"/stacks\?view=vm&layer=hypervisor$"))
    detail = page.locator("#layer-detail")
    expect(detail.locator("h2")).to_have_text("Hypervisor")
    expect(detail.get_by_role("link", name=re.compile("Read the concept"))).to_have_attribute("href", "/en/concepts/hypervisor")
    expect(page.locator("#layer-vm-hypervisor")).to_have_attribute("aria-current", "true")
    expect(page.locator(".stack-point.is-linked .point-text")).to_have_count(2)
    expect(page.locator(".stack-point.is-linked .stack-marker")).to_have_text(["◆ comes from the selected layer"] * 2)

    page.locator("#point-vm-heavy-guest-os").click()
    expect(page).to_have_url(re.compile(r"point=heavy-guest-os$"))
    expect(page.locator(".layer.is-cause")).to_have_attribute("data-layer", "guest-os")
    expect(page.locator(".layer.is-cause .stack-marker")).to_have_text("◆ cause")
    page.go_back()
    expect(page).to_have_url(re.compile(r"layer=hypervisor$"))
    page.reload()
    expect(page.locator("#layer-detail h2")).to_have_text("Hypervisor")


def test_keyboard_alone_moves_between_tabs_and_opens_one(page: Page):
    page.goto("/en/stacks")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "tab-vm":
            break
    else:
        pytest.fail("Tab never reached the selected view tab")
    assert page.locator("#tab-container").get_attribute("tabindex") == "-1"  # roving tabindex
    page.keyboard.press("ArrowRight")
    expect(page.locator("#tab-container")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"view=container$"))
    expect(page.locator("#tab-container")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#tab-container")).to_be_focused()
    page.keyboard.press("End")
    expect(page.locator("#tab-both")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#tab-vm")).to_be_focused()
    page.keyboard.press(" ")
    expect(page).to_have_url(re.compile(r"view=vm$"))
    expect(page.locator("#tab-vm")).to_have_attribute("tabindex", "0")


def test_count_form_shows_the_operating_systems_for_n_workloads(page: Page):
    page.goto("/en/stacks")
    expect(page.locator("#os-count-vm .os-total")).to_have_text("4")
    page.get_by_label("Number of workloads").fill("10")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"n=10"))
    expect(page.locator("#os-count-vm .os-total")).to_have_text("11")
    expect(page.locator("#os-count-container .os-total")).to_have_text("1")
    expect(page.locator("#layer-vm-guest-os .layer-tile")).to_have_count(10)
    page.get_by_label("Number of workloads").fill("99")
    page.get_by_label("Number of workloads").press("Enter")
    expect(page.locator("#workloads-error")).to_contain_text("Enter a whole number from 1 to 50")
    expect(page.get_by_label("Number of workloads")).to_have_value("99")
    expect(page.get_by_label("Number of workloads")).to_have_attribute("aria-invalid", "true")


def test_without_javascript_every_control_is_a_link_or_form(browser, base_url):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    try:
        page.goto("/en/stacks")
        page.get_by_role("tab", name="Container stack").click()
        expect(page).to_have_url(re.compile(r"view=container$"))
        page.locator("#layer-container-docker-engine").click()
        expect(page.locator("#layer-detail h2")).to_have_text("Docker Engine")
        page.get_by_label("Number of workloads").fill("5")
        page.get_by_role("button", name="Show").click()
        expect(page).to_have_url(re.compile(r"view=container&layer=docker-engine&n=5$"))
        expect(page.locator("#os-count-vm .os-total")).to_have_text("6")
    finally:
        context.close()


@pytest.mark.parametrize(("motion", "duration"), [("no-preference", "0.25s"), ("reduce", "0s")])
def test_layer_transition_respects_reduced_motion(page: Page, motion, duration):
    page.emulate_media(reduced_motion=motion)
    page.goto("/ko/stacks")
    style = page.locator('[data-layer="hypervisor"]').evaluate("el => getComputedStyle(el).transitionDuration")
    assert set(style.split(", ")) == {duration}


@pytest.mark.parametrize("view", ["vm", "both"])
def test_stack_page_has_no_axe_violations(page: Page, view):
    page.goto(f"/en/stacks?view={view}&layer=host-os")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("view", ["vm", "container", "both"])
def test_screenshots_of_each_view(page: Page, output_path, view, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/en/stacks?view={view}&layer=host-os")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing spills sideways
    path = Path(output_path) / f"stacks-{view}-{width}.png"
    page.screenshot(path=path, full_page=True)
    assert path.stat().st_size > 0


@pytest.mark.parametrize("view", ["vm", "both"])
def test_screenshots_in_dark_mode_and_korean(page: Page, output_path, view):
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(f"/ko/stacks?view={view}&point=heavy-guest-os")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=Path(output_path) / f"stacks-{view}-375-dark-ko.png", full_page=True)
