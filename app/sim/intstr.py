"""maxSurge / maxUnavailable values: parsing, validation and scaling exactly as Kubernetes does."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from app.sim.errors import SimulationError

# IsValidPercent in k8s.io/apimachinery/pkg/util/validation: a percent is digits then "%".
_PERCENT = re.compile(r"^[0-9]+%$")
_INTEGER = re.compile(r"^-?[0-9]+$")
# A percentage of at most 100, the most maxUnavailable may be (leading zeros allowed, as strconv.Atoi reads them).
PERCENT_UP_TO_100 = r"0*(100|[1-9]?[0-9])%"


@dataclass(frozen=True, slots=True)
class IntOrPercent:
    """An absolute number of pods, or a percentage of the desired replicas."""

    value: int
    percent: bool

    def __str__(self) -> str:
        return f"{self.value}%" if self.percent else str(self.value)


def parse(raw: object, param: str) -> IntOrPercent:
    """Read an integer or a "25%" string (query strings such as "2" count as integers)."""
    if isinstance(raw, bool):
        raise _bad_format(param, raw)
    if isinstance(raw, int):
        return IntOrPercent(raw, False)
    if isinstance(raw, str):
        text = raw.strip()
        if _PERCENT.match(text):
            return IntOrPercent(int(text[:-1]), True)
        if _INTEGER.match(text):
            return IntOrPercent(int(text), False)
    raise _bad_format(param, raw)


def _bad_format(param: str, raw: object) -> SimulationError:
    # The wording of validation.IsValidPercent (apimachinery) for a string that is not a percent.
    return SimulationError(
        param,
        f"{raw!r}: a valid percent string must be a numeric string followed by an ending '%' "
        "(e.g. '1%', or '93%'), or an integer",
        f"{raw!r}: 정수이거나 숫자 뒤에 '%'가 붙은 백분율('1%', '93%' 등)이어야 합니다",
    )


def scaled_value(v: IntOrPercent, total: int, round_up: bool) -> int:
    """GetScaledValueFromIntOrPercent: a percentage of total, rounded up (surge) or down (unavailable)."""
    if not v.percent:
        return v.value
    # intstr.go computes in float64: math.Ceil / math.Floor(float64(value) * float64(total) / 100).
    exact = float(v.value) * float(total) / 100
    return int(math.ceil(exact) if round_up else math.floor(exact))


def validate_rolling_update(max_surge: IntOrPercent, max_unavailable: IntOrPercent) -> None:
    """ValidateRollingUpdateDeployment: reject what the API server rejects, in its order."""
    # pkg/apis/apps/validation/validation.go: ValidatePositiveIntOrPercent on both fields first.
    for name, v in (("max_unavailable", max_unavailable), ("max_surge", max_surge)):
        if v.value < 0:
            raise SimulationError(
                name,
                f"Invalid value: {v}: must be greater than or equal to 0",
                f"잘못된 값 {v}: 0 이상이어야 합니다",
            )
    if max_unavailable.value == 0 and max_surge.value == 0:
        raise SimulationError(
            "max_unavailable",
            "Invalid value: 0: may not be 0 when `maxSurge` is 0",
            "잘못된 값 0: maxSurge가 0이면 maxUnavailable도 0일 수 없습니다 (둘 다 0이면 롤아웃이 한 걸음도 못 나갑니다)",
        )
    if max_unavailable.percent and max_unavailable.value > 100:
        raise SimulationError(
            "max_unavailable",
            f"Invalid value: {max_unavailable}: must not be greater than 100%",
            f"잘못된 값 {max_unavailable}: 100%를 넘을 수 없습니다",
        )
