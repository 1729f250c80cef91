"""The architecture's one rule that a reader can't see: only ui/ talks to Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "hostdesk"
LOWER = ["core", "storage", "publish"]


def test_core_storage_publish_never_import_pyside6_in_source() -> None:
    offenders = []
    for layer in LOWER:
        for path in (SRC / layer).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                offenders += [
                    f"{path.relative_to(SRC)}: {n}"
                    for n in names
                    if n.split(".")[0] in {"PySide6", "shiboken6"}
                ]
    assert offenders == []


def test_importing_every_lower_module_loads_no_qt() -> None:
    modules = [
        ".".join(("hostdesk", *p.relative_to(SRC).with_suffix("").parts))
        for layer in LOWER
        for p in (SRC / layer).rglob("*.py")
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(k for k in sys.modules if k.split('.')[0] in ('PySide6', 'shiboken6')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert len(modules) >= 8
