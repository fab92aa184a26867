"""The stack explorer: every view and layer URL, htmx fragments, pros and cons, the workload count and errors."""

import re

import pytest

from app.explorer.stacks import aligned_keys, parse_workloads
from app.http.static_assets import static_url
from app.schemas import StackLayerPublic

LANGS = ("ko", "en")
VM_KEYS = ["server", "host-os", "hypervisor", "guest-os", "libraries", "app"]
CONTAINER_KEYS = ["server", "host-os", "docker-engine", "libraries", "app"]
BOTH_KEYS = ["server", "host-os", "hypervisor", "docker-engine", "guest-os", "libraries", "app"]
LAYER_NAMES = {
    ("vm", "en"): ["Server (hardware)", "Host OS", "Hypervisor", "Guest OS", "Binaries and libraries (bins/libs)", "App"],
    ("vm", "ko"): ["서버(하드웨어)", "호스트 OS", "하이퍼바이저", "게스트 OS", "라이브러리(bins/libs)", "앱"],
    ("container", "en"): ["Server (hardware)", "Host OS", "Docker Engine", "Binaries and libraries (bins/libs)",
                          "App (container)"],
    ("container", "ko"): ["서버(하드웨어)", "호스트 OS", "도커 엔진", "라이브러리(bins/libs)", "앱(컨테이너)"],
}
CONCEPTS = {("vm", "host-os"): "host-os", ("vm", "hypervisor"): "hypervisor", ("vm", "guest-os"): "guest-os",
            ("container", "host-os"): "host-os", ("container", "docker-engine"): "docker-engine",
            ("container", "app"): "container"}


def layer_names(html: str) -> list[str]:
    return re.findall(r'<span class="layer-name">(.*?)</span>', html)


def layer_item(html: str, view: str, key: str) -> str:
    """The list item that draws one layer of one stack."""
    match = re.search(rf'<li class="([^"]*)" data-layer="{key}">\s*<a class="layer-link" id="layer-{view}-{key}"[^>]*>',
                      html)
    assert match, (view, key)
    return match.group(0)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("view", ["vm", "container"])
def test_stacks_page_draws_one_stack_bottom_to_top(full_client, view, lang):
    response = full_client.get(f"/{lang}/stacks?view={view}")
    assert response.status_code == 200
    assert response.template.name == "stacks/index.html"
    assert response.context["view"] == view
    [column] = response.context["columns"]
    assert column.stack.view == view and [cell.key for cell in column.cells] == (VM_KEYS if view == "vm" else CONTAINER_KEYS)
    assert layer_names(response.text) == LAYER_NAMES[view, lang]
    assert f'<html lang="{lang}">' in response.text
    assert column.stack.title in response.text
    assert 'class="layer--absent' not in response.text


@pytest.mark.parametrize("lang", LANGS)
def test_stacks_side_by_side_aligns_layers_by_key(full_client, lang):
    response = full_client.get(f"/{lang}/stacks?view=both")
    vm, container = response.context["columns"]
    assert [cell.key for cell in vm.cells] == [cell.key for cell in container.cells] == BOTH_KEYS
    assert [cell.key for cell in vm.cells if cell.layer is None] == ["docker-engine"]
    assert [cell.key for cell in container.cells if cell.layer is None] == ["hypervisor", "guest-os"]
    assert layer_names(response.text) == LAYER_NAMES["vm", lang] + LAYER_NAMES["container", lang]
    absent = re.findall(r'<li class="layer layer--absent layer--distinct" data-layer="([\w-]+)"><span>(.*?)</span>',
                        response.text)
    expected = {"en": ["no Docker Engine", "no Hypervisor", "no Guest OS"], "ko": ["도커 엔진 없음", "하이퍼바이저 없음", "게스트 OS 없음"]}
    assert absent == list(zip(["docker-engine", "hypervisor", "guest-os"], expected[lang], strict=True))


def test_stacks_default_view_is_the_vm_stack_with_its_own_layers_marked_to_animate(full_client):
    response = full_client.get("/en/stacks")
    assert response.context["view"] == "vm" and 'aria-current="page">Stacks</a>' in response.text
    for key, distinct in (("hypervisor", True), ("guest-os", True), ("host-os", False)):
        assert ("layer--distinct" in layer_item(response.text, "vm", key)) is distinct, key


def test_stacks_tabs_are_links_enhanced_by_htmx(full_client):
    text = full_client.get("/en/stacks?view=container&n=7").text
    assert '<div class="stack-tabs" role="tablist" aria-label="Stack view">' in text
    tabs = re.findall(r'<a role="tab" id="tab-(\w+)" href="([^"]+)" hx-get="([^"]+)" hx-target="#stack-explorer"\s+'
                      r'hx-swap="outerHTML swap:180ms" hx-push-url="true" aria-selected="(\w+)"', text)
    assert [(view, href, selected) for view, href, _, selected in tabs] == [
        ("vm", "/en/stacks?view=vm&amp;n=7", "false"),
        ("container", "/en/stacks?view=container&amp;n=7", "true"),
        ("both", "/en/stacks?view=both&amp;n=7", "false"),
    ]
    assert all(href == hx_get for _, href, hx_get, _ in tabs)
    assert 'aria-controls="stack-panel">Container stack</a>' in text
    assert '<div class="stack-panel" id="stack-panel" role="tabpanel" aria-labelledby="tab-container">' in text
    assert f'<script src="{static_url("js/stacks.js")}" defer></script>' in text


def test_stacks_tabs_keep_a_selection_the_other_view_also_has(full_client):
    tabs = {tab["view"]: tab["url"] for tab in full_client.get("/ko/stacks?view=both&layer=host-os").context["tabs"]}
    assert tabs == {"vm": "/ko/stacks?view=vm&layer=host-os", "container": "/ko/stacks?view=container&layer=host-os",
                    "both": "/ko/stacks?view=both&layer=host-os"}
    tabs = {tab["view"]: tab["url"] for tab in full_client.get("/ko/stacks?view=vm&point=heavy-guest-os").context["tabs"]}
    assert tabs["container"] == "/ko/stacks?view=container" and tabs["both"] == "/ko/stacks?view=both&point=heavy-guest-os"


def test_stacks_htmx_request_gets_only_the_explorer(full_client):
    response = full_client.get("/en/stacks?view=container", headers={"HX-Request": "true"})
    assert response.template.name == "stacks/_explorer.html"
    assert "<html" not in response.text and "<script" not in response.text
    title, rest = response.text.split("\n", 1)
    assert title == "<title>Container stack · The VM stack and the container stack · Docker ↔ Kubernetes Explorer</title>"
    assert rest.startswith('<div id="stack-explorer" class="stack-explorer view-container" data-json-url=')
    assert "HX-Request" in response.headers["vary"]
    assert layer_names(response.text) == LAYER_NAMES["container", "en"]


@pytest.mark.parametrize("header", ["HX-Boosted", "HX-History-Restore-Request"])
def test_stacks_boosted_or_history_restore_gets_the_full_page(full_client, header):
    response = full_client.get("/ko/stacks?view=container", headers={"HX-Request": "true", header: "true"})
    assert response.template.name == "stacks/index.html"
    assert "<html" in response.text and '<div id="stack-explorer"' in response.text
    assert "<title>" not in response.text.split("<body", 1)[1]


@pytest.mark.parametrize(("current", "changed"), [
    ("http://testserver/ko/stacks?view=vm", True), ("http://testserver/ko/stacks", True),
    ("http://testserver/ko/stacks?view=container&layer=app", False), ("http://testserver/ko/concepts", False),
    ("http://testserver/en/stacks?view=vm", False),  # another page: the page in the other language
])
def test_stacks_fragment_says_when_the_view_changed(full_client, current, changed):
    response = full_client.get("/ko/stacks?view=container", headers={"HX-Request": "true", "HX-Current-URL": current})
    assert response.context["view_changed"] is changed
    assert ("view-changed" in response.text) is changed


LAYER_URLS = ([("vm", key) for key in VM_KEYS] + [("container", key) for key in CONTAINER_KEYS]
              + [("both", key) for key in BOTH_KEYS])


@pytest.mark.parametrize(("view", "key"), LAYER_URLS)
def test_stacks_every_layer_url_explains_its_layer(full_client, view, key):
    response = full_client.get(f"/en/stacks?view={view}&layer={key}")
    assert response.status_code == 200
    assert response.context["layer"] == key
    chosen = [column for column in response.context["columns"] if column.selected_layer]
    assert chosen and all(column.selected_layer.key == key for column in chosen)
    for column in chosen:
        item = layer_item(response.text, column.stack.view, key)
        assert "is-selected" in item and 'aria-current="true"' in item
        assert column.selected_layer.description in response.text
    assert f'<h2 id="layer-detail-heading">{chosen[0].selected_layer.name}</h2>' in response.text
    concepts = {CONCEPTS[column.stack.view, key] for column in chosen if (column.stack.view, key) in CONCEPTS}
    assert set(re.findall(r'<a class="concept-link" href="/en/concepts/([\w-]+)">', response.text)) == concepts
    assert f'href="/en/stacks?view={view}"' in response.text  # clear the selection
    assert response.text.count("✓</span> selected") == len(chosen)


def test_stacks_page_links_every_layer(full_client):
    text = full_client.get("/ko/stacks?view=both").text
    for key in VM_KEYS:
        assert f'id="layer-vm-{key}" href="/ko/stacks?view=both&amp;layer={key}"' in text
    for key in CONTAINER_KEYS:
        assert f'id="layer-container-{key}" href="/ko/stacks?view=both&amp;layer={key}"' in text


def test_stacks_selected_layer_marks_the_pros_and_cons_it_causes(full_client):
    response = full_client.get("/en/stacks?view=vm&layer=hypervisor")
    [column] = response.context["columns"]
    assert [item.point.key for item in column.pros + column.cons if item.linked] == ["guest-os-choice", "breach-contained"]
    assert response.text.count('class="stack-point stack-point--pro is-linked"') == 2
    assert response.text.count("◆</span> comes from the selected layer") == 2
    assert 'class="stack-point stack-point--con"' in response.text
    assert "The post ties no pro or con to this layer." in full_client.get("/en/stacks?layer=server").text


@pytest.mark.parametrize(("view", "point", "causes"), [
    ("vm", "heavy-guest-os", {("vm", "guest-os")}),
    ("vm", "guest-os-choice", {("vm", "hypervisor"), ("vm", "guest-os")}),
    ("container", "no-linux-guest-on-windows", {("container", "host-os"), ("container", "docker-engine")}),
    ("both", "shared-host-os", {("container", "host-os")}),
])
def test_stacks_selected_point_marks_the_layers_that_cause_it(full_client, view, point, causes):
    response = full_client.get(f"/en/stacks?view={view}&point={point}")
    marked = {(column.stack.view, cell.key) for column in response.context["columns"] for cell in column.cells if cell.cause}
    assert marked == causes
    for stack_view, key in causes:
        assert "is-cause" in layer_item(response.text, stack_view, key)
    assert response.text.count("◆</span> cause</span>") == len(causes)
    assert re.search(rf'<li class="stack-point stack-point--\w+ is-selected">\s*<a id="point-\w+-{point}"', response.text)


def test_stacks_points_name_the_layers_they_come_from(full_client):
    text = full_client.get("/en/stacks?view=container").text
    assert "Caused by: Host OS, Docker Engine" in text
    assert '<h3 class="points-kind points-kind--pro"><span aria-hidden="true">＋</span> Pros</h3>' in text


@pytest.mark.parametrize("lang", LANGS)
def test_stacks_count_defaults_to_three_workloads(full_client, lang):
    response = full_client.get(f"/{lang}/stacks")
    counts = response.context["counts"]
    assert response.context["workloads"].count == 3
    assert (counts["vm"].total, counts["vm"].per_workload, counts["vm"].shared) == (4, 3, 1)
    assert counts["container"].total == 1
    assert 'name="n" type="text" inputmode="numeric"' in response.text and 'value="3"' in response.text
    assert 'aria-invalid' not in response.text
    assert f'<form class="count-form" method="get" action="/{lang}/stacks" novalidate' in response.text
    assert {"en": "guest OS × 3 + host OS × 1", "ko": "게스트 OS 3개 + 호스트 OS 1개"}[lang] in response.text


def test_stacks_count_for_n_workloads_draws_n_of_each_per_workload_layer(full_client):
    response = full_client.get("/en/stacks?view=both&n=10")
    counts = response.context["counts"]
    assert (counts["vm"].total, counts["container"].total) == (11, 1)
    assert re.search(r'<strong class="os-total">11</strong>', response.text)
    assert response.text.count('<span class="os-pip"></span>') == 12
    assert response.text.count('<span class="layer-tile">10</span>') == 5  # guest OS, libraries and app; libraries and app
    assert "Run 10 workloads as VMs and 10 guest OSes boot" in response.text
    assert 'href="/en/stacks?view=vm&amp;n=10"' in response.text
    assert 'id="layer-vm-app" href="/en/stacks?view=both&amp;layer=app&amp;n=10"' in response.text
    text = full_client.get("/ko/stacks?view=container&layer=app&n=5").text  # the form keeps the selection
    assert '<input type="hidden" name="view" value="container">' in text
    assert '<input type="hidden" name="layer" value="app">' in text and 'value="5"' in text


@pytest.mark.parametrize("value", ["0", "51", "abc", "-1", "3.5", "１", "1e3"])
@pytest.mark.parametrize("lang", LANGS)
def test_stacks_count_invalid_shows_a_message_next_to_the_field(full_client, value, lang):
    response = full_client.get("/ko/stacks", params={"n": value, "lang": lang})
    assert response.status_code == 200
    workloads = response.context["workloads"]
    assert workloads.error and workloads.count == 3 and workloads.text == value
    message = {"en": "Enter a whole number from 1 to 50. Showing the default, 3, for now.",
               "ko": "1부터 50 사이의 정수를 입력하세요. 지금은 기본값 3으로 보여 줍니다."}[lang]
    assert f'<p id="workloads-error" class="count-error" role="alert"><span aria-hidden="true">⚠</span> {message}</p>' in response.text
    assert 'aria-describedby="workloads-help workloads-error" aria-invalid="true"' in response.text
    assert f'value="{value}"' in response.text
    assert "n=" not in "".join(tab["url"] for tab in response.context["tabs"])


def test_stacks_count_escapes_what_was_typed(full_client):
    response = full_client.get("/ko/stacks", params={"n": '"><b>x'})
    assert response.status_code == 200 and 'value="&#34;&gt;&lt;b&gt;x"' in response.text


@pytest.mark.parametrize(("query", "message", "choices"), [
    ("view=kubernetes", "There is no stack view “kubernetes”.", []),
    ("view=vm&layer=docker-engine", "There is no layer “docker-engine” in the view “VM stack”.",
     [f'href="/en/stacks?view=vm&amp;layer={key}"' for key in VM_KEYS]),
    ("view=container&layer=hypervisor", "There is no layer “hypervisor” in the view “Container stack”.",
     [f'href="/en/stacks?view=container&amp;layer={key}"' for key in CONTAINER_KEYS]),
    ("view=both&layer=nope", "There is no layer “nope” in the view “Side by side”.",
     [f'href="/en/stacks?view=both&amp;layer={key}"' for key in BOTH_KEYS]),
    ("view=container&point=heavy-guest-os", "There is no pro or con “heavy-guest-os” in the view “Container stack”.",
     ['href="/en/stacks?view=container&amp;point=shared-host-os"']),
])
def test_stacks_unknown_view_layer_or_point_is_a_404_that_lists_the_choices(full_client, query, message, choices):
    response = full_client.get(f"/en/stacks?{query}")
    assert response.status_code == 404
    assert response.template.name == "stacks/missing.html"
    assert "text/html" in response.headers["content-type"]
    assert "<h1>No such stack view</h1>" in response.text and f"<p>{message}</p>" in response.text
    for view in ("vm", "container", "both"):
        assert f'<li><a href="/en/stacks?view={view}">' in response.text
    for choice in choices:
        assert choice in response.text


def test_stacks_unknown_layer_is_404_in_korean_and_for_htmx(full_client):
    response = full_client.get("/ko/stacks?view=vm&layer=docker-engine", headers={"HX-Request": "true"})
    assert response.status_code == 404 and response.template.name == "stacks/missing.html"
    assert "<p>‘VM 스택’ 보기에는 ‘docker-engine’ 층이 없습니다.</p>" in response.text and "‘VM 스택’ 보기의 층" in response.text


@pytest.mark.parametrize("query", ["layer=" + "x" * 61, "point=" + "x" * 61, "view=" + "x" * 61, "n=" + "1" * 21])
def test_stacks_overlong_parameter_is_a_clear_400(full_client, query):
    response = full_client.get(f"/en/stacks?{query}")
    assert response.status_code == 400
    assert "text/html" in response.headers["content-type"]
    assert query.split("=")[0] in response.text and "at most" in response.text


@pytest.mark.parametrize(("view", "twin"), [("vm", "/api/v1/stacks/vm"), ("container", "/api/v1/stacks/container"),
                                            ("both", "/api/v1/stacks")])
def test_stacks_page_links_its_json_twin_with_the_same_layers(full_client, view, twin):
    response = full_client.get(f"/en/stacks?view={view}")
    assert f'<link rel="alternate" type="application/json" href="{twin}?lang=en">' in response.text
    assert f'class="json-link" href="{twin}?lang=en"' in response.text
    assert f'data-json-url="{twin}?lang=en"' in response.text  # the script keeps the footer link in step
    document = full_client.get(f"{twin}?lang=en").json()
    stacks = document["data"] if view == "both" else [document]
    columns = response.context["columns"]
    assert [s["view"] for s in stacks] == [column.stack.view for column in columns]
    for stack, column in zip(stacks, columns, strict=True):
        assert [layer["key"] for layer in stack["layers"]] == [layer.key for layer in column.stack.layers]
        assert [p["layers"] for p in stack["pros"] + stack["cons"]] == [p.layers for p in column.stack.pros + column.stack.cons]


def test_stacks_page_works_on_other_content(client):
    response = client.get("/en/stacks?view=both")
    assert response.status_code == 200
    vm, container = response.context["columns"]
    assert [cell.key for cell in vm.cells] == ["server", "guest-os", "docker-engine"]
    assert [cell.key for cell in container.cells if cell.layer] == ["server", "docker-engine"]
    assert client.get("/ko/stacks?view=vm&point=heavy-guests").context["columns"][0].cells[1].cause


def test_stacks_without_content_is_a_404(fresh_database):
    from fastapi.testclient import TestClient

    from app.main import create_app
    from app.settings import Settings

    with TestClient(create_app(Settings(env="dev", database_url=fresh_database(None),
                                        import_on_start=False))) as empty:
        assert empty.get("/ko/stacks").status_code == 404


def _layers(*keys: str) -> list[StackLayerPublic]:
    return [StackLayerPublic(key=key, position=i, name=key, description="", per_workload=False, concept=None, points=[])
            for i, key in enumerate(keys)]


@pytest.mark.parametrize(("left", "right", "expected"), [
    (VM_KEYS, CONTAINER_KEYS, BOTH_KEYS),
    (CONTAINER_KEYS, VM_KEYS, ["server", "host-os", "docker-engine", "hypervisor", "guest-os", "libraries", "app"]),
    (["a", "b"], ["a", "b"], ["a", "b"]),
    (["a", "b", "c"], [], ["a", "b", "c"]),
    (["a", "b"], ["b", "a"], ["a", "b"]),
])
def test_aligned_keys_puts_shared_keys_on_one_row(left, right, expected):
    assert aligned_keys(_layers(*left), _layers(*right)) == expected


@pytest.mark.parametrize(("text", "count", "error"), [
    (None, 3, False), ("", 3, False), (" 7 ", 7, False), ("1", 1, False), ("50", 50, False), ("007", 7, False),
    ("0", 3, True), ("51", 3, True), ("x", 3, True), ("٣", 3, True),
])
def test_parse_workloads_accepts_whole_numbers_from_1_to_50(text, count, error):
    workloads = parse_workloads(text)
    assert (workloads.count, workloads.error) == (count, error)
