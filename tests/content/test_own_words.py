"""No sentence in content/ is a near copy of a sentence of the source post; quoted claims excepted.

Both sides are cut into sentences and normalised: Markdown, spacing and punctuation removed, Korean polite
and plain sentence endings cut off (합니다 / 한다 / 입니다 / 이다 …), Latin letters lowercased. A content
sentence is a near copy when it and a post sentence, both long enough to mean something, are more alike
than THRESHOLD (difflib's ratio); English words the post mixes in (Container, Guest OS) count as their
Korean names. A note's ``claim`` field states what the post says, so it may quote it, and so may text inside
quotation marks; the credit (source.yml) names the post by its title, and the stacks' layer chains
(Server → Host OS → …) are names, not sentences.
"""

import difflib
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
POST = ROOT.parent / "shared" / "source" / "k8s-and-docker-post.md"

THRESHOLD = 0.75
MIN_CHARS = 12  # after normalising: shorter fragments (headings like "도커란") are not sentences

QUOTED = re.compile(r"‘[^’]*’|“[^”]*”|\"[^\"]*\"|「[^」]*」")
MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|`[^`]*`|https?://\S+|[*_#>|]")
ENDING = re.compile(r"(니다|다|요)$")
PUNCT = re.compile(r"[\W_]+", re.UNICODE)
SLUG = re.compile(r"^[a-z0-9-]+$")
CREDIT = CONTENT / "source.yml"  # the credit names the post and its reference by their own titles
# The post mixes English and Korean words for the same things; our pages write them in Korean.
SAME_WORDS = {"container": "컨테이너", "guest": "게스트", "host": "호스트", "windows": "window", "docker": "도커"}
HANGUL, JONG_B, JONG_N = 0xAC00, 17, 4


def _drop_final(syllable: str, final: int) -> str:
    """A Hangul syllable without the given final consonant (립 → 리), other characters unchanged."""
    code = ord(syllable) - HANGUL
    if 0 <= code < 11172 and code % 28 == final:
        return chr(ord(syllable) - final)
    return syllable


def normalise(sentence: str) -> str:
    """A sentence without markup, spacing, punctuation or its polite or plain ending."""
    text = MARKUP.sub(lambda m: m.group(1) or " ", sentence).lower()
    for english, korean in SAME_WORDS.items():
        text = text.replace(english, korean)
    text = PUNCT.sub("", text)
    while (match := ENDING.search(text)) and len(text) > 2:
        text = text[: match.start()]
        if match.group(1) == "니다":  # 합니다 → 하, 있습니다 → 있
            text = text.removesuffix("습")
            text = text[:-1] + _drop_final(text[-1], JONG_B) if text else text
        elif match.group(1) == "다":  # 한다 → 하, 된다 → 되
            text = text[:-1] + _drop_final(text[-1], JONG_N) if text else text
    return text


def sentences(text: str) -> list[str]:
    """The sentences of a text, quotations removed."""
    text = QUOTED.sub(" ", text)
    parts = re.split(r"(?<=[.!?。])\s+|\n+|(?<=다\.)\s*|⇒", text)
    return [" ".join(part.split()) for part in parts if part and part.strip()]


def post_sentences() -> list[str]:
    """The normalised sentences of the post's body, its front matter, images and links left out."""
    body = POST.read_text(encoding="utf-8").split("---", 2)[2]
    body = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", body)
    found = [normalise(s) for s in re.split(r"\n+|(?<=다\.)\s*", body)]
    return [s for s in found if len(s) >= MIN_CHARS]


def _strings(node, skip_claims: bool):
    """Every string in a YAML tree; a note's claim, and a question's anchor (the address of one of the post's
    headings), are left out."""
    if isinstance(node, dict):
        for key, value in node.items():
            if skip_claims and key in ("claim", "anchor"):
                continue
            yield from _strings(value, skip_claims)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value, skip_claims)
    elif isinstance(node, str):
        yield node


def content_texts():
    """(file, text) for every piece of prose in content/: front matter, bodies and YAML fields."""
    for path in sorted(set(CONTENT.rglob("*")) - {CREDIT}):
        if path.suffix == ".md" and path.name != "README.md":
            _, front, body = path.read_text(encoding="utf-8").split("---", 2)
            for text in _strings(yaml.safe_load(front), skip_claims=True):
                yield path, text
            yield path, body
        elif path.suffix in {".yml", ".yaml"}:
            for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8")), skip_claims=True):
                yield path, text


def _is_prose(sentence: str) -> bool:
    """Slugs and the stacks' layer chains (Server → Host OS → …) are names, not sentences."""
    return not SLUG.match(sentence) and "→" not in sentence


def near_copies() -> list[tuple[str, str, str, float]]:
    """(file, our sentence, the post's sentence, ratio) for each near copy."""
    post = post_sentences()
    found = []
    for path, text in content_texts():
        for sentence in filter(_is_prose, sentences(text)):
            ours = normalise(sentence)
            if len(ours) < MIN_CHARS:
                continue
            for theirs in post:
                ratio = difflib.SequenceMatcher(None, ours, theirs, autojunk=False).ratio()
                if ratio > THRESHOLD:
                    found.append((str(path.relative_to(ROOT)), sentence, theirs, round(ratio, 2)))
    return found


def test_normalise_drops_spacing_punctuation_and_endings():
    assert normalise("도커는 **컨테이너 기반** 플랫폼입니다.") == normalise("도커는 컨테이너 기반 플랫폼이다")


def test_sentences_leave_out_quotations():
    assert sentences("포스트는 ‘도커를 관리하는 툴’이라고 부릅니다.") == ["포스트는 이라고 부릅니다."]


@pytest.mark.skipif(not POST.exists(), reason="the source post is not beside the project")
def test_a_copied_sentence_is_found():
    ours = normalise("VM마다 무거운 게스트 OS를 띄우기 때문에 컨테이너에 비해 속도가 느립니다.")
    assert any(difflib.SequenceMatcher(None, ours, theirs).ratio() > THRESHOLD for theirs in post_sentences())


@pytest.mark.skipif(not POST.exists(), reason="the source post is not beside the project")
def test_no_content_sentence_is_a_near_copy_of_the_post():
    copies = near_copies()
    assert not copies, "\n".join(f"{file}: {ours!r} ~ {theirs!r} ({ratio})" for file, ours, theirs, ratio in copies)
