"""Every claim of the source post is covered, in Korean and in English, in the pages and in the JSON.

The post is /work/shared/source/k8s-and-docker-post.md ("k8s와 docker 관계", 2022-07-04). Each entry of
CLAIMS names one claim of the post, a page and a JSON resource that state it, and short phrases, copied
exactly from content/, that must appear in both:

- in the page, compared with its visible text (tags removed, entities decoded, whitespace collapsed);
- in the JSON, compared with the response re-encoded with ``ensure_ascii=False``.

The phrases are our own words, not the post's, and never span a ``**bold**`` or link boundary, so they
read the same in Markdown, in HTML and as plain text. Straight double quotes are avoided because JSON
escapes them. A claim missing in one language would be listed with ``missing={"en": "why"}``, which turns
that case into a strict xfail; today none is missing.

Every page used must also credit the post: its title, its date and the reference the post cites.
"""

import json
from html.parser import HTMLParser
from typing import NamedTuple

import pytest

LANGS = ("ko", "en")


class Claim(NamedTuple):
    id: str
    page: str  # an HTML page, without ?lang
    api: str  # a JSON resource, without ?lang
    ko: tuple[str, ...]
    en: tuple[str, ...]
    missing: dict[str, str] = {}  # language -> what is missing there (makes that case a strict xfail)


CLAIMS = [
    # "도커와 쿠버네티스 비교 예시": one container → Docker; 100 containers at a set time → Kubernetes.
    Claim(
        "one-container-docker", "/ko/concepts/when-to-use-kubernetes", "/api/v1/concepts/when-to-use-kubernetes",
        ko=("컨테이너 하나만 띄워서 쓰면 된다", "도커면 충분합니다"),
        en=("I just need to run one container", "Docker is enough"),
    ),
    Claim(
        "hundred-containers-kubernetes", "/ko/concepts/when-to-use-kubernetes",
        "/api/v1/concepts/when-to-use-kubernetes",
        ko=("정해진 시각(예: 자정)에 컨테이너 100개가 자동으로 만들어져야 한다", "쿠버네티스가 필요한 상황입니다"),
        en=("At a set time (say, midnight) 100 containers must be created automatically",
            "That is a situation for Kubernetes"),
    ),
    Claim(
        "docker-runs-images-as-containers", "/ko/concepts/docker", "/api/v1/concepts/docker",
        ko=("이미지를 컨테이너로 띄워 실행하는 기술",),
        en=("the technology that takes an image and runs it as a container",),
    ),
    # "Kubernetes is a tool that manages Docker": stated, then corrected by a note (dockershim removal).
    Claim(
        "kubernetes-manages-docker-corrected", "/ko/concepts/kubernetes", "/api/v1/concepts/kubernetes",
        ko=("‘도커를 관리하는 도구’로 생각하면 된다", "쿠버네티스가 도커를 통해 컨테이너를 돌리지 않습니다",
            "dockershim", "컨테이너를 관리하는 도구"),
        en=("you can think of Kubernetes as a tool that manages Docker",
            "Kubernetes does not run containers through Docker", "dockershim",
            "Strictly speaking, Kubernetes is a tool that manages"),
    ),
    Claim(
        "docker-one-kubernetes-many", "/ko/compare/docker-vs-kubernetes", "/api/v1/comparisons/docker-vs-kubernetes",
        ko=("한 개의 컨테이너를 만들고 실행·관리하는 일", "여러 개의 컨테이너를 서비스 단위로 관리하는 일"),
        en=("Creating, running and managing one container", "Managing many containers, service by service"),
    ),
    # "도커란?": the platform, containers, microservices.
    Claim(
        "docker-definition", "/ko/concepts/docker", "/api/v1/concepts/docker",
        ko=("컨테이너로 가상화를 하는 오픈소스 플랫폼",),
        en=("open-source, container-based virtualization platform",),
    ),
    Claim(
        "container-definition", "/ko/concepts/container", "/api/v1/concepts/container",
        ko=("그 실행 환경을 함께 묶어 호스트 OS에서 떼어 놓은 격리 공간",),
        en=("isolates an application, and the environment it runs in, from the host operating system",),
    ),
    Claim(
        "containers-used-as-microservices", "/ko/concepts/microservice", "/api/v1/concepts/microservice",
        ko=("컨테이너가 보통 마이크로서비스로 쓰이며", "컨테이너는 흔히 마이크로서비스를 배포하는 단위로 쓰입니다"),
        en=("containers are usually used as microservices",
            "containers are commonly used as the unit for deploying microservices"),
    ),
    Claim(
        "microservice-definition", "/ko/concepts/microservice", "/api/v1/concepts/microservice",
        ko=("거대한 애플리케이션을 기능별로 나눠", "변경하고 조합할 수 있게 만든 서비스"),
        en=("split a large application by function", "services that can be changed and combined"),
    ),
    Claim(
        "microservice-fast-deployment", "/ko/concepts/microservice", "/api/v1/concepts/microservice",
        ko=("큰 애플리케이션을 서비스 단위로 잘라", "바뀐 서비스만 골라 빠르게 배포할 수 있습니다"),
        en=("a big application is cut into services", "you can deploy just the service that changed, quickly"),
    ),
    Claim(
        "microservice-changes-isolated", "/ko/concepts/microservice", "/api/v1/concepts/microservice",
        ko=("한 서비스의 변경이 분리된 다른 기능에 영향을 주지 않습니다",),
        en=("a change in one does not affect the other, separated functions",),
    ),
    # "기존의 가상머신(VM)과 컨테이너의 차이점": the VM stack, its pros and its con.
    Claim(
        "vm-stack-order", "/ko/compare/vm-vs-container", "/api/v1/stacks/vm",
        ko=("서버 → 호스트 OS → 하이퍼바이저 → VM", "게스트 OS"),
        en=("Server → Host OS → Hypervisor → VMs", "guest OS"),
    ),
    Claim(
        "vm-pro-linux-guest-on-windows", "/ko/compare/vm-vs-container", "/api/v1/stacks/vm",
        ko=("Windows 서버 위에서도 Linux VM을 돌릴 수 있습니다",),
        en=("a guest can run Linux", "Windows"),
    ),
    Claim(
        "vm-pro-breach-contained", "/ko/compare/vm-vs-container", "/api/v1/stacks/vm",
        ko=("다른 VM이나 호스트 OS까지 번지기는 훨씬 어렵습니다",),
        en=("much harder for the attack to reach the other VMs or the host OS",),
    ),
    Claim(
        "vm-con-heavy-guest-os", "/ko/compare/vm-vs-container", "/api/v1/stacks/vm",
        ko=("저마다 무거운 게스트 OS를 통째로 부팅해야 하므로", "컨테이너와 견주면 느립니다"),
        en=("boots a heavy guest OS, which makes it slower than a container",),
    ),
    # ... and the container stack, its pro and its cons.
    Claim(
        "container-stack-order", "/ko/compare/vm-vs-container", "/api/v1/stacks/container",
        ko=("서버 → 호스트 OS → 도커 엔진 → 컨테이너",),
        en=("Server → Host OS → Docker Engine → containers",),
    ),
    Claim(
        "container-pro-one-host-os-faster", "/ko/compare/vm-vs-container", "/api/v1/stacks/container",
        ko=("호스트 OS 하나를 나눠 쓰고", "저마다 OS를 따로 부팅하지 않으므로", "훨씬 빠르게"),
        en=("host OS runs", "heavy OS", "containers are much faster"),
    ),
    Claim(
        "container-con-no-linux-on-windows", "/ko/compare/vm-vs-container", "/api/v1/stacks/container",
        ko=("Windows 호스트에서는 Linux 컨테이너를 직접 돌릴 수 없습니다",),
        en=("a Windows host cannot run Linux containers directly",),
    ),
    Claim(
        "container-con-breach-endangers-host", "/ko/compare/vm-vs-container", "/api/v1/stacks/container",
        ko=("컨테이너 하나가 침해되면", "이웃 컨테이너와 호스트 OS로 번질 수 있습니다"),
        en=("If a container is breached, the other containers and the host OS can be", "at risk"),
    ),
    # "컨테이너는 독립적이고, 동적이다."
    Claim(
        "containers-scale-with-traffic", "/ko/concepts/container", "/api/v1/concepts/container",
        ko=("서로 독립적이고, 필요에 따라 늘고 주는 컨테이너", "Java 애플리케이션 같은 컨테이너를 더 띄우고"),
        en=("Containers are independent and dynamic", "Java application containers as traffic rises and falls"),
    ),
    Claim(
        "containers-no-new-environment-per-service", "/ko/concepts/container", "/api/v1/concepts/container",
        ko=("도커 덕분에 새 서비스를 만들 때마다 실행 환경을 새로 설정할 필요가 없습니다",),
        en=("Thanks to Docker, you do not have to set up a new environment every time you create a new service",),
    ),
    Claim(
        "containers-different-environments-one-server", "/ko/concepts/container", "/api/v1/concepts/container",
        ko=("한 서버 안에서 서로 다른 환경의 컨테이너를 함께 돌릴 수 있습니다",),
        en=("One server can run containers with different environments side by side",),
    ),
    Claim(
        "containers-isolated-efficient", "/ko/concepts/container", "/api/v1/concepts/container",
        ko=("컨테이너끼리는 서로 분리·독립되어 있어, 자원을 더욱 효율적으로 쓸 수 있습니다",),
        en=("Containers are separated and independent from each other, which makes them all the more efficient",),
    ),
    # "쿠버네티스란?": orchestration and the four features.
    Claim(
        "kubernetes-is-container-orchestration", "/ko/concepts/kubernetes", "/api/v1/concepts/kubernetes",
        ko=("오픈소스 컨테이너 오케스트레이션 플랫폼",),
        en=("open-source container orchestration platform",),
    ),
    Claim(
        "orchestration-definition", "/ko/concepts/orchestration", "/api/v1/concepts/orchestration",
        ko=("컨테이너도 수가 많아지면 관리와 운영이 어려워집니다", "많은 컨테이너가 어디서, 몇 개나, 어떻게 실행될지를 맡아 관리하고"),
        en=("Containers, too, become hard to manage and operate once there are many of them",
            "a system that manages and coordinates the running of many containers"),
    ),
    Claim(
        "self-healing", "/ko/concepts/self-healing", "/api/v1/concepts/self-healing",
        ko=("자가 치유(self-healing)", "컨테이너들을 지켜보다가, 하나라도 죽으면 빠르게 다시 시작시킵니다"),
        en=("Self-healing", "keeps watching the containers and quickly restarts any of them that dies"),
    ),
    Claim(
        "load-balancing-scales-with-users", "/ko/concepts/load-balancing", "/api/v1/concepts/load-balancing",
        ko=("사용자가 갑자기 늘면 쿠버네티스가 컨테이너를 자동으로 더 만들어", "수요가 줄면 다시 줄입니다"),
        en=("When traffic suddenly rises, Kubernetes automatically creates more containers",
            "removes them again when demand falls"),
    ),
    Claim(
        "zero-downtime-gradual-updates", "/ko/concepts/rolling-update", "/api/v1/concepts/rolling-update",
        ko=("무중단 배포", "점진적 업데이트로, 서비스를 멈추지 않고 애플리케이션을 업데이트합니다"),
        en=("Zero-downtime updates", "updates an application without stopping the service"),
    ),
    Claim(
        "vendor-lock-in-definition", "/ko/concepts/vendor-lock-in", "/api/v1/concepts/vendor-lock-in",
        ko=("업체마다 제품이 서로 맞지 않아 발이 묶이는 상황",),
        en=("different vendors' cloud products are incompatible with each other",),
    ),
    Claim(
        "open-source-not-tied-to-a-vendor", "/ko/concepts/vendor-lock-in", "/api/v1/concepts/vendor-lock-in",
        ko=("특정 업체에 묶이지 않고 클라우드 환경을 옮길 수 있습니다",),
        en=("move their cloud environment without being tied to a particular vendor",),
    ),
    Claim(
        "common-microservice-architecture", "/ko/concepts/vendor-lock-in", "/api/v1/concepts/vendor-lock-in",
        ko=("제공 업체가 어디든 공통된 방식으로 마이크로서비스 아키텍처를 개발할 수 있습니다",),
        en=("you can develop a common microservice architecture whichever provider you use",),
    ),
    # "요약": the three closing sentences, shown on the home page.
    Claim(
        "summary-different-situations", "/", "/api/v1/concepts/when-to-use-kubernetes",
        ko=("쓰이는 상황이 다릅니다",),
        en=("different situations",),
    ),
    Claim(
        "summary-one-container-no-kubernetes", "/", "/api/v1/concepts/when-to-use-kubernetes",
        ko=("쿠버네티스까지 꺼낼 필요는 없습니다",),
        en=("container, you do not need Kubernetes",),
    ),
    Claim(
        "summary-kubernetes-for-many-containers", "/", "/api/v1/concepts/when-to-use-kubernetes",
        ko=("쿠버네티스의 관리 기능이 빛을 발합니다",),
        en=("containers you run, the more Kubernetes pays off",),
    ),
    # The credit: the post and the reference it cites.
    Claim(
        "credit-post-and-reference", "/", "/api/v1/comparisons/docker-vs-kubernetes",
        ko=("k8s와 docker 관계", "[Kubernetes] 도커와 쿠버네티스 간단 비교"),
        en=("How k8s and Docker relate", "[Kubernetes] A quick comparison of Docker and Kubernetes"),
    ),
]

CASES = [
    pytest.param(
        claim, lang, id=f"{claim.id}-{lang}",
        marks=[pytest.mark.xfail(strict=True, reason=claim.missing[lang])] if lang in claim.missing else [],
    )
    for claim in CLAIMS
    for lang in LANGS
]

PAGES = sorted({claim.page for claim in CLAIMS})

# How each language credits the post (source.yml, and the date as the page formats it).
CREDIT = {
    "ko": {"title": "k8s와 docker 관계", "date": "2022년 7월 4일", "reference": "[Kubernetes] 도커와 쿠버네티스 간단 비교"},
    "en": {"title": "How k8s and Docker relate", "date": "July 4, 2022",
           "reference": "[Kubernetes] A quick comparison of Docker and Kubernetes"},
}
REFERENCE_URL = "https://wooono.tistory.com/109"


class _TextExtractor(HTMLParser):
    """The visible text of a page: inline tags vanish, block tags separate words, scripts are skipped."""

    INLINE = {"a", "abbr", "b", "code", "em", "i", "kbd", "mark", "q", "small", "span", "strong", "sub", "sup", "time"}
    HIDDEN = {"script", "style", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)  # decodes entities, as html.unescape would
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self._boundary(tag)
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag):
        self._boundary(tag)
        self.hidden -= tag in self.HIDDEN

    def _boundary(self, tag):
        if tag not in self.INLINE:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def page_text(markup: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(markup)
    extractor.close()
    return " ".join("".join(extractor.parts).split())


def json_text(response) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


def get(client, path: str, lang: str):
    response = client.get(path, params={"lang": lang})
    assert response.status_code == 200, f"{path}?lang={lang}: {response.status_code}"
    return response


@pytest.mark.parametrize(("claim", "lang"), CASES)
def test_claim_is_in_page_and_json(full_client, claim, lang):
    phrases = getattr(claim, lang)
    text = page_text(get(full_client, claim.page, lang).text)
    data = json_text(get(full_client, claim.api, lang))
    missing_in_page = [phrase for phrase in phrases if phrase not in text]
    missing_in_json = [phrase for phrase in phrases if phrase not in data]
    assert not missing_in_page, f"{claim.page}?lang={lang} lacks {missing_in_page}"
    assert not missing_in_json, f"{claim.api}?lang={lang} lacks {missing_in_json}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_page_credits_the_post(full_client, page, lang):
    response = get(full_client, page, lang)
    text = page_text(response.text)
    credit = CREDIT[lang]
    assert credit["title"] in text
    assert credit["date"] in text
    assert credit["reference"] in text
    assert f'href="{REFERENCE_URL}"' in response.text


@pytest.mark.parametrize("lang", LANGS)
def test_json_credits_the_post(full_client, lang):
    apis = sorted({claim.api for claim in CLAIMS})
    for api in apis:
        source = get(full_client, api, lang).json()["source"]
        assert source["title"] == CREDIT[lang]["title"], api
        assert source["date"] == "2022-07-04", api
        assert source["reference_title"] == CREDIT[lang]["reference"], api
        assert source["reference_url"] == REFERENCE_URL, api


def test_english_pages_name_the_post_by_its_own_title(full_client):
    for page in PAGES:
        assert CREDIT["ko"]["title"] in page_text(get(full_client, page, "en").text), page


# The post's two stacks, bottom to top, as the stack JSON orders its layers.
STACK_ORDER = {
    "vm": ["server", "host-os", "hypervisor", "guest-os"],
    "container": ["server", "host-os", "docker-engine"],
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("view", sorted(STACK_ORDER))
def test_stack_layers_follow_the_post(full_client, view, lang):
    layers = get(full_client, f"/api/v1/stacks/{view}", lang).json()["layers"]
    keys = [layer["key"] for layer in layers]
    assert [key for key in keys if key in STACK_ORDER[view]] == STACK_ORDER[view]
    guest_os = [layer for layer in layers if layer["key"] == "guest-os"]
    if view == "vm":  # one guest OS per VM
        assert guest_os and guest_os[0]["per_workload"] is True
    else:  # no OS per container
        assert not guest_os
