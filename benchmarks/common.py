"""Helpers shared by the benchmarks: timing, percentiles, and the notes files to use."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "flyte-community"
OWN = ROOT / "tests" / "data" / "garden-club-notes.md"


def notes_file(name: str = "contributors-meeting-notes.md") -> tuple[str, str]:
    """The corpus file if ../shared is there, else the project's own (smaller) file."""
    path = CORPUS / name
    if path.exists():
        return path.name, path.read_text(encoding="utf-8")
    print(f"(../shared is absent: using {OWN.name} instead of {name})")
    return OWN.name, OWN.read_text(encoding="utf-8")


def measure(work: Callable[[], object], runs: int = 50) -> list[float]:
    work()  # warm up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return times


def p99(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def report(name: str, times: list[float], target: str = "") -> None:
    median = statistics.median(times)
    print(f"{name:58} median {median:8.2f} ms   p99 {p99(times):8.2f} ms   {target}")
