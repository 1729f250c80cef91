"""Run every benchmark and print its figures."""

from __future__ import annotations

import importlib
import platform
import sys

SUITES = ["bench_core", "bench_storage", "bench_publish", "bench_ui"]


def main() -> int:
    print(f"hostdesk benchmarks on {platform.machine()}, Python {platform.python_version()}")
    for suite in sys.argv[1:] or SUITES:
        try:
            module = importlib.import_module(f"benchmarks.{suite}")
        except ModuleNotFoundError as exc:
            if exc.name == f"benchmarks.{suite}":
                continue
            raise
        print(f"\n[{suite}]")
        module.run()
    return 0


sys.exit(main())
