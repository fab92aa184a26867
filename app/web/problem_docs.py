"""What each problem type of the API means and what a client should do, in both languages."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ProblemDoc:
    status: int | None
    title: str
    meaning: str
    remedy: str


# Keyed by the last part of the type URI (app.http.problems.PROBLEM_TYPES); "error" is the type of any other status.
DOCS: dict[str, dict[str, ProblemDoc]] = {
    "bad-request": {
        "en": ProblemDoc(400, "Bad request",
                         "A value in the request cannot be used: it has the wrong form, holds a NUL character, is a "
                         "number beyond what can be stored, or is longer than its limit. `detail` names it.",
                         "Correct the value that `detail` names and send the request again; the same request "
                         "unchanged gets the same answer."),
        "ko": ProblemDoc(400, "잘못된 요청",
                         "요청에 쓸 수 없는 값이 있습니다. 형식이 틀렸거나, NUL 문자가 들어 있거나, 저장할 수 있는 범위를 넘는 "
                         "숫자이거나, 길이 제한보다 깁니다. 어떤 값인지는 `detail`에 적혀 있습니다.",
                         "`detail`이 가리키는 값을 고쳐 다시 보내세요. 같은 요청을 그대로 다시 보내면 같은 답을 받습니다."),
    },
    "not-found": {
        "en": ProblemDoc(404, "Not found",
                         "Nothing is at this path: no item has this slug, no scenario run has a step with this "
                         "number, or the path itself does not exist.",
                         "Find valid slugs in the lists (/api/v1/concepts, /api/v1/comparisons, /api/v1/scenarios); "
                         "a scenario's steps are numbered from 0 to its `step_count` minus one."),
        "ko": ProblemDoc(404, "찾을 수 없음",
                         "이 경로에는 아무것도 없습니다. 이 슬러그를 가진 항목이 없거나, 시나리오 실행에 이 번호의 단계가 없거나, "
                         "경로 자체가 없습니다.",
                         "올바른 슬러그는 목록(/api/v1/concepts, /api/v1/comparisons, /api/v1/scenarios)에서 찾으세요. "
                         "시나리오의 단계 번호는 0부터 `step_count`보다 하나 작은 수까지입니다."),
    },
    "method-not-allowed": {
        "en": ProblemDoc(405, "Method not allowed",
                         "The path exists, but not for this HTTP method. The `Allow` header lists the methods it "
                         "accepts.",
                         "Use a method from `Allow`. The public API only reads, except POST /api/v1/simulations, "
                         "which runs a scenario with your parameters and stores nothing."),
        "ko": ProblemDoc(405, "허용되지 않는 메서드",
                         "경로는 있지만 이 HTTP 메서드로는 쓸 수 없습니다. 받는 메서드는 `Allow` 헤더에 있습니다.",
                         "`Allow`에 있는 메서드를 쓰세요. 공개 API는 읽기만 합니다. 예외는 POST /api/v1/simulations로, "
                         "주어진 매개변수로 시나리오를 실행할 뿐 아무것도 저장하지 않습니다."),
    },
    "not-acceptable": {
        "en": ProblemDoc(406, "Not acceptable",
                         "None of the media types in the `Accept` header can be served here.",
                         "Accept application/json (errors come as application/problem+json), or send no `Accept`."),
        "ko": ProblemDoc(406, "받을 수 없는 형식",
                         "`Accept` 헤더에 적힌 형식 중 이곳에서 보낼 수 있는 것이 없습니다.",
                         "application/json을 받도록 하세요(오류는 application/problem+json). `Accept`를 빼도 됩니다."),
    },
    "content-too-large": {
        "en": ProblemDoc(413, "Content too large",
                         "The request body, or one of its fields, is larger than the server accepts; it was refused "
                         "before being read in full, and nothing was stored.",
                         "Send a smaller body. Bodies are limited to 1 MiB; content fields have their own, smaller "
                         "limits, named in the error."),
        "ko": ProblemDoc(413, "요청이 너무 큼",
                         "요청 본문이나 그 안의 필드가 서버가 받는 크기보다 큽니다. 끝까지 읽기 전에 거절했고, 아무것도 "
                         "저장하지 않았습니다.",
                         "더 작게 보내세요. 본문은 1 MiB까지이고, 콘텐츠 필드에는 오류에 적힌 더 작은 제한이 있습니다."),
    },
    "invalid-parameters": {
        "en": ProblemDoc(422, "Invalid parameters",
                         "One or more parameters are missing, of the wrong type or outside their range. "
                         "`invalid_params` lists each with the reason.",
                         "Fix each parameter in `invalid_params`; the ranges are in the OpenAPI description at "
                         "/openapi.json and on /docs."),
        "ko": ProblemDoc(422, "잘못된 매개변수",
                         "매개변수가 빠졌거나, 형식이 틀렸거나, 범위를 벗어났습니다. `invalid_params`에 각각의 이유가 "
                         "있습니다.",
                         "`invalid_params`의 매개변수를 하나씩 고치세요. 범위는 /openapi.json의 OpenAPI 설명과 "
                         "/docs에 있습니다."),
    },
    "too-many-requests": {
        "en": ProblemDoc(429, "Too many requests",
                         "Too many attempts in a short time (failed logins are throttled per account and per "
                         "address).",
                         "Wait the number of seconds in the `Retry-After` header, then try again."),
        "ko": ProblemDoc(429, "요청이 너무 많음",
                         "짧은 시간에 시도가 너무 많았습니다(실패한 로그인은 계정과 주소마다 제한합니다).",
                         "`Retry-After` 헤더의 초만큼 기다린 뒤 다시 시도하세요."),
    },
    "internal-error": {
        "en": ProblemDoc(500, "Internal error",
                         "Something went wrong on the server. A write that fails is rolled back as a whole, so "
                         "nothing is half-stored.",
                         "Try again later. If it persists, report the `X-Request-ID` of the response: the server's "
                         "log line for the request carries it."),
        "ko": ProblemDoc(500, "서버 내부 오류",
                         "서버에서 문제가 생겼습니다. 실패한 쓰기는 통째로 되돌리므로 반쯤 저장되는 일은 없습니다.",
                         "나중에 다시 시도하세요. 계속되면 응답의 `X-Request-ID`를 알려 주세요. 서버 로그의 그 요청 "
                         "줄에 같은 값이 있습니다."),
    },
    "unavailable": {
        "en": ProblemDoc(503, "Service unavailable",
                         "The database cannot be reached, or another writer held it for longer than the server "
                         "waits. Nothing was written; `/readyz` reports the same state.",
                         "Try again after the seconds in `Retry-After`; the service resumes by itself when the "
                         "database is back."),
        "ko": ProblemDoc(503, "서비스를 쓸 수 없음",
                         "데이터베이스에 닿을 수 없거나, 다른 쓰기가 서버가 기다리는 시간보다 오래 붙잡고 있었습니다. "
                         "아무것도 쓰지 않았고, `/readyz`도 같은 상태를 알립니다.",
                         "`Retry-After`의 초만큼 기다린 뒤 다시 시도하세요. 데이터베이스가 돌아오면 서비스는 스스로 "
                         "다시 시작합니다."),
    },
    "insufficient-storage": {
        "en": ProblemDoc(507, "Insufficient storage",
                         "The database has no room left for the change. Nothing was written, and reading keeps "
                         "working.",
                         "An operator has to free space (or raise the database's size limit); then save again."),
        "ko": ProblemDoc(507, "저장 공간 부족",
                         "데이터베이스에 변경을 담을 공간이 없습니다. 아무것도 쓰지 않았고, 읽기는 계속 됩니다.",
                         "운영자가 공간을 비우거나 데이터베이스 크기 제한을 늘린 뒤 다시 저장하세요."),
    },
    "error": {
        "en": ProblemDoc(None, "Error",
                         "Any other error; its `status` says which HTTP status it is.",
                         "Read `detail`; for a 4xx status change the request, for a 5xx try again later."),
        "ko": ProblemDoc(None, "오류",
                         "그 밖의 오류입니다. 어떤 HTTP 상태인지는 `status`에 있습니다.",
                         "`detail`을 읽으세요. 4xx라면 요청을 고치고, 5xx라면 나중에 다시 시도하세요."),
    },
}

PAGE = {
    "en": {"title": "API problem types", "intro": "Every error of the API is a problem document (RFC 9457, "
           "application/problem+json) whose `type` is one of the addresses below.", "means": "What it means",
           "remedy": "What to do", "status": "Status", "all": "All problem types"},
    "ko": {"title": "API 문제 유형", "intro": "API의 모든 오류는 문제 문서(RFC 9457, application/problem+json)이고, "
           "그 `type`은 아래 주소 중 하나입니다.", "means": "뜻", "remedy": "할 일", "status": "상태",
           "all": "모든 문제 유형"},
}
