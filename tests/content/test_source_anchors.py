"""Every link in content/ that points into the source post names one of its headings, and every kubernetes.io and
docs.docker.com link is one whose page and section were checked against the documentation's own source."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
POST = ROOT.parent / "shared" / "source" / "k8s-and-docker-post.md"
URL = re.compile(r"https?://[^\s)\"'<>`\]]+")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)

# Each page and section below was found in the documentation's source (kubernetes/website, docker/docs,
# docker/cli): the page's file, and for a #fragment the heading or the {#id} that makes it. A link that is not
# here has not been checked: check it the same way, then add it.
K8S = "https://kubernetes.io/docs"
HPA = f"{K8S}/concepts/workloads/autoscaling/horizontal-pod-autoscale/"
CHECKED = {
    # kubernetes.io
    "https://kubernetes.io/blog/2022/02/17/dockershim-faq/": "blog post 'Updated: Dockershim Removal FAQ'",
    f"{K8S}/concepts/overview/": "concepts/overview/_index.md",
    f"{K8S}/concepts/overview/components/#node-components": "components.md: '## Node components'",
    f"{K8S}/concepts/overview/working-with-objects/object-management/#declarative-object-configuration":
        "object-management.md: '### Declarative object configuration'",
    f"{K8S}/concepts/architecture/self-healing/": "architecture/self-healing.md",
    f"{K8S}/concepts/architecture/cloud-controller/": "architecture/cloud-controller.md",
    f"{K8S}/concepts/containers/images/#image-pull-policy": "images.md: '### Image pull policy'",
    f"{K8S}/concepts/workloads/pods/#what-is-a-pod": "pods/_index.md: '## What is a Pod?'",
    f"{K8S}/concepts/workloads/pods/pod-lifecycle/#container-restarts":
        "pod-lifecycle.md: '## How Pods handle problems with containers {#container-restarts}'",
    f"{K8S}/concepts/workloads/controllers/replicaset/#when-to-use-a-replicaset":
        "replicaset.md: '## When to use a ReplicaSet'",
    f"{K8S}/concepts/workloads/controllers/deployment/#rolling-update-deployment":
        "deployment.md: '#### Rolling Update Deployment'",
    f"{K8S}/concepts/workloads/controllers/deployment/#rolling-back-a-deployment":
        "deployment.md: '## Rolling Back a Deployment'",
    f"{K8S}/concepts/workloads/controllers/deployment/#failed-deployment": "deployment.md: '### Failed Deployment'",
    f"{K8S}/concepts/workloads/controllers/cron-jobs/": "controllers/cron-jobs.md",
    f"{HPA}#algorithm-details": "autoscaling/horizontal-pod-autoscale.md: '### Algorithm details'",
    f"{HPA}#stabilization-window": "autoscaling/horizontal-pod-autoscale.md: '### Stabilization window'",
    f"{HPA}#default-behavior": "autoscaling/horizontal-pod-autoscale.md: '### Default behavior'",
    f"{K8S}/concepts/services-networking/service/": "services-networking/service.md",
    f"{K8S}/concepts/services-networking/endpoint-slices/": "services-networking/endpoint-slices.md",
    f"{K8S}/concepts/scheduling-eviction/taint-and-toleration/#taint-based-evictions":
        "taint-and-toleration.md: '## Taint based Evictions'",
    f"{K8S}/setup/production-environment/container-runtimes/": "production-environment/container-runtimes.md",
    # docs.docker.com
    "https://docs.docker.com/reference/cli/docker/container/run/#restart":
        "docker/cli container_run.md: '### <a name=\"restart\"></a> Restart policies (--restart)'",
    "https://docs.docker.com/get-started/docker-overview/": "get-started/docker-overview.md",
    "https://docs.docker.com/get-started/docker-concepts/the-basics/what-is-a-container/":
        "get-started/docker-concepts/the-basics/what-is-a-container.md",
    "https://docs.docker.com/get-started/docker-concepts/the-basics/what-is-an-image/":
        "get-started/docker-concepts/the-basics/what-is-an-image.md",
    "https://docs.docker.com/engine/swarm/": "manuals/engine/swarm/_index.md",
    "https://docs.docker.com/engine/swarm/#feature-highlights": "manuals/engine/swarm/_index.md: '## Feature highlights'",
    "https://docs.docker.com/engine/security/": "manuals/engine/security/_index.md",
    "https://docs.docker.com/desktop/features/wsl/": "manuals/desktop/features/wsl/_index.md",
    "https://docs.docker.com/compose/": "manuals/compose/_index.md",
    "https://docs.docker.com/compose/intro/compose-application-model/":
        "manuals/compose/intro/compose-application-model.md",
    "https://docs.docker.com/compose/intro/features-uses/#single-host-deployments":
        "manuals/compose/intro/features-uses.md: '### Single host deployments'",
    "https://docs.docker.com/compose/intro/features-uses/#key-benefits-of-docker-compose":
        "manuals/compose/intro/features-uses.md: '## Key benefits of Docker Compose'",
    "https://docs.docker.com/compose/intro/features-uses/#common-use-cases-of-docker-compose":
        "manuals/compose/intro/features-uses.md: '## Common use cases of Docker Compose'",
    "https://docs.docker.com/compose/how-tos/production/": "manuals/compose/how-tos/production.md",
    "https://docs.docker.com/compose/how-tos/production/#deploying-changes":
        "manuals/compose/how-tos/production.md: '### Deploying changes'",
    "https://docs.docker.com/compose/how-tos/networking/": "manuals/compose/how-tos/networking.md",
    "https://docs.docker.com/reference/compose-file/services/#restart": "reference/compose-file/services.md: '## restart'",
    "https://docs.docker.com/reference/compose-file/deploy/#replicas": "reference/compose-file/deploy.md: '### replicas'",
    "https://docs.docker.com/engine/swarm/how-swarm-mode-works/services/#tasks-and-scheduling":
        "manuals/engine/swarm/how-swarm-mode-works/services.md: '## Tasks and scheduling'",
    "https://docs.docker.com/engine/swarm/swarm-tutorial/scale-service/":
        "manuals/engine/swarm/swarm-tutorial/scale-service.md",
    "https://docs.docker.com/engine/swarm/swarm-tutorial/rolling-update/":
        "manuals/engine/swarm/swarm-tutorial/rolling-update.md",
    "https://docs.docker.com/engine/swarm/ingress/": "manuals/engine/swarm/ingress.md",
    "https://docs.docker.com/engine/swarm/stack-deploy/": "manuals/engine/swarm/stack-deploy.md",
    f"{K8S}/concepts/scheduling-eviction/kube-scheduler/": "scheduling-eviction/kube-scheduler.md",
    f"{K8S}/concepts/overview/components/": "overview/components.md",
    HPA: "autoscaling/horizontal-pod-autoscale.md",
}


def post_anchors(text: str) -> set[str]:
    """The anchors of the post's headings, as Markdown renderers make them: lowercased, punctuation dropped."""
    anchors = set()
    for heading in HEADING.findall(text):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        anchors.add(slug)
    return anchors


def content_urls() -> dict[str, set[str]]:
    """Every http(s) address in content/, with the files that hold it."""
    found: dict[str, set[str]] = {}
    for path in sorted(CONTENT.rglob("*")):
        if path.is_file() and path.suffix in {".md", ".yml", ".yaml"}:
            for url in URL.findall(path.read_text(encoding="utf-8")):
                found.setdefault(url.rstrip(".,;:"), set()).add(str(path.relative_to(CONTENT)))
    return found


def links_into_the_post(urls: dict[str, set[str]], post_url: str | None) -> dict[str, str]:
    """The links whose page is the post, by their fragment."""
    if not post_url:
        return {}
    base = post_url.split("#")[0].rstrip("/")
    return {url: url.partition("#")[2] for url in urls if url.split("#")[0].rstrip("/") == base}


def test_links_into_the_post_name_its_headings():
    source = yaml.safe_load((CONTENT / "source.yml").read_text(encoding="utf-8"))
    anchors = post_anchors(POST.read_text(encoding="utf-8"))
    links = links_into_the_post(content_urls(), source.get("url"))
    assert {url: anchor for url, anchor in links.items() if anchor and anchor not in anchors} == {}


def test_the_post_anchor_check_knows_the_headings_and_refuses_others():
    anchors = post_anchors(POST.read_text(encoding="utf-8"))
    assert {"도커란", "쿠버네티스란", "기존의-가상머신vm과-컨테이너의-차이점", "요약", "reference"} <= anchors
    urls = {"https://example.org/post#요약": {"x"}, "https://example.org/post#없는-제목": {"x"}, "https://other/#a": {"y"}}
    links = links_into_the_post(urls, "https://example.org/post")
    assert {anchor for anchor in links.values() if anchor not in anchors} == {"없는-제목"}


def test_every_documentation_link_was_checked():
    docs = {url: files for url, files in content_urls().items()
            if url.startswith(("https://kubernetes.io/", "https://docs.docker.com/"))}
    assert docs, "the content cites no documentation"
    assert {url: sorted(files) for url, files in docs.items() if url not in CHECKED} == {}


def test_documentation_links_use_the_current_addresses():
    # The HPA page moved to concepts/workloads/autoscaling/; Docker Desktop's WSL page to desktop/features/wsl/.
    moved = ("/docs/tasks/run-application/horizontal-pod-autoscale/", "docs.docker.com/desktop/wsl/")
    assert [url for url in content_urls() if any(old in url for old in moved)] == []
