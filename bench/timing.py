"""Small timing helpers: medians and percentiles, because these machines are noisy."""

import statistics
import time
from collections.abc import Callable


def timings_ms(action: Callable[[], object], repeat: int) -> list[float]:
    found = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        found.append((time.perf_counter() - start) * 1000)
    return found


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER BUDGET"
