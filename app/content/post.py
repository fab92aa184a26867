"""The sections of the source post, by the anchor its headings get, with their titles in both languages."""

# The anchors are the ones GitHub-flavoured Markdown (Jekyll's kramdown GFM input) gives the post's "##"
# headings: lowercased, punctuation dropped, spaces as hyphens. The closing "Reference" section cites a
# page and makes no claim of its own, so questions do not name it.
SECTIONS: dict[str, dict[str, str]] = {
    "도커와-쿠버네티스-비교-예시": {"ko": "도커와 쿠버네티스 비교 예시",
                                "en": "Docker and Kubernetes compared, by example"},
    "도커란": {"ko": "도커란?", "en": "What is Docker?"},
    "기존의-가상머신vm과-컨테이너의-차이점": {"ko": "기존의 가상머신(VM)과 컨테이너의 차이점",
                                   "en": "How containers differ from classic virtual machines (VMs)"},
    "컨테이너는-독립적이고-동적이다": {"ko": "컨테이너는 독립적이고, 동적이다.",
                              "en": "Containers are independent and dynamic"},
    "쿠버네티스란": {"ko": "쿠버네티스란?", "en": "What is Kubernetes?"},
    "요약": {"ko": "요약", "en": "Summary"},
}


def section_title(anchor: str, lang: str) -> str:
    """The heading of the post's section with this anchor, in this language."""
    return SECTIONS[anchor][lang]
