"""The words of an HPA decision: what it saw, how it computed, and what limited the result."""

from __future__ import annotations

from typing import Any

from app.sim.hpa import Calculation
from app.sim.hpa_scaling import Normalized
from app.sim.text import Text, secs, tr


def _seen(hpa: Any, calc: Calculation, latest: int | None) -> Text:
    window = hpa.metrics.resolution_ms
    when = tr("", "") if latest is None else tr(
        f"{secs(latest)}초에 metrics-server가 잰 값(직전 {secs(window)}초 평균) 기준, ",
        f"in metrics-server's samples of {secs(latest)} s (each the average of the {secs(window)} s before), ")
    return tr(f"HPA: {when['ko']}계산에 들어간 파드 {calc.ready}개의 평균 CPU 사용률은 요청량의 {calc.utilization}%, 목표는 "
              f"{hpa.target}% → 비율 {calc.ratio:.2f}.",
              f"HPA: {when['en']}the {calc.ready} pods it counts average {calc.utilization}% of their CPU request, "
              f"target {hpa.target}% → ratio {calc.ratio:.2f}.")


def _filled(calc: Calculation) -> Text:
    """How pods without a usable sample were filled in (GetResourceReplicas), or nothing."""
    parts_ko, parts_en = [], []
    if calc.unready and calc.ratio > 1.0:
        parts_ko.append(f"아직 시작 중이거나 Ready가 된 뒤 측정 구간 하나가 다 차지 않은 파드 {calc.unready}개는 0%")
        parts_en.append(f"the {calc.unready} pods that are still starting, or Ready for less than one sample "
                        "window, at 0%")
    if calc.missing and calc.missing_as is not None:
        parts_ko.append(f"측정값이 아직 없는 파드 {calc.missing}개는 {calc.missing_as}%")
        parts_en.append(f"the {calc.missing} pods without a sample yet at {calc.missing_as}%")
    if not parts_ko or calc.new_ratio is None:
        return tr("", "")
    return tr(f" {', '.join(parts_ko)}로 쳐서 다시 계산합니다: 비율 {calc.new_ratio:.2f}",
              f" Recomputed with {' and '.join(parts_en)}: ratio {calc.new_ratio:.2f}")


def _step(hpa: Any, calc: Calculation, current: int) -> Text:
    filled = _filled(calc)
    if calc.new_ratio is None:
        if calc.within_tolerance:
            return tr(f" 0.9 ≤ 비율 ≤ 1.1(허용 오차 0.1, 쿠버네티스 1.33부터 양 끝 포함)이라 {current}개를 유지합니다.",
                      f" 0.9 ≤ ratio ≤ 1.1 (the 0.1 tolerance, both ends included since Kubernetes 1.33), so it keeps "
                      f"{current}.")
        formula = f"ceil({calc.ready} × {calc.utilization} / {hpa.target}) = {calc.desired}"
        return tr(f" {formula}.", f" {formula}.")
    if calc.desired == current:
        why = tr("허용 오차 안이라", "within the tolerance") if calc.within_tolerance else \
            tr("방향이 바뀌어", "the direction would reverse")
        if calc.unready:
            return tr(f"{filled['ko']} → {why['ko']} 새 파드가 준비될 때까지 {current}개를 유지합니다.",
                      f"{filled['en']}, {why['en']}, so it holds {current} while the new pods warm up.")
        return tr(f"{filled['ko']} → {why['ko']} 측정값이 생길 때까지 {current}개를 유지합니다.",
                  f"{filled['en']}, {why['en']}, so it holds {current} until they have samples.")
    formula = f"ceil({calc.counted} × {calc.new_ratio:.2f}) = {calc.desired}"
    return tr(f"{filled['ko']}, {formula}.", f"{filled['en']}, {formula}.")


def _tail(hpa: Any, calc: Calculation, norm: Normalized, current: int) -> Text:
    final = norm.replicas
    if norm.stabilized != calc.desired and final == current:
        high = hpa.behavior.window_high
        return tr(f" 하지만 지난 300초의 권고 중 가장 높은 값이 {high}개라(축소 안정화 창) {final}개를 유지합니다.",
                  f" But the highest recommendation of the last 300 s is {high} (scale-down stabilization window), "
                  f"so it keeps {final}.")
    if norm.reason == "ScaleUpLimit" and hpa.behavior.spec == "none":
        return tr(f" spec.behavior가 없는 HPA는 한 번에 max(2 × {current}, 4) = {norm.limit}개까지만 늘릴 수 있어 "
                  f"{final}개로 늘립니다.",
                  f" Without spec.behavior one sync may go no further than max(2 × {current}, 4) = {norm.limit}, so "
                  f"it scales to {final}.")
    if norm.reason == "ScaleUpLimit":
        return tr(f" 기본 확장 규칙(15초마다 +100% 또는 +4개 중 큰 쪽)이 {norm.limit}개까지만 허용해 {final}개로 늘립니다.",
                  f" The default scale-up rule (the larger of +100% or +4 pods per 15 s) allows {norm.limit}, so it "
                  f"scales to {final}.")
    if norm.reason == "TooManyReplicas":
        return tr(f" maxReplicas {hpa.max_replicas}에 막혀 {final}개입니다.",
                  f" maxReplicas caps it at {hpa.max_replicas}: {final}.")
    if norm.reason == "TooFewReplicas":
        return tr(f" minReplicas {hpa.min_replicas} 아래로는 줄이지 않아 {final}개입니다.",
                  f" It never goes below minReplicas {hpa.min_replicas}: {final}.")
    if final in (current, calc.desired):
        return tr("", "")
    return tr(f" → {final}개.", f" → {final} replicas.")


def explain(hpa: Any, calc: Calculation, norm: Normalized, current: int, latest: int | None) -> Text:
    """The sentence of one HPA decision, in both languages."""
    parts = [_seen(hpa, calc, latest), _step(hpa, calc, current), _tail(hpa, calc, norm, current)]
    return tr("".join(p["ko"] for p in parts), "".join(p["en"] for p in parts))
