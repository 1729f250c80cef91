"""PySide6's import hook keeps no module's source in memory (8 MB at start-up before)."""

from __future__ import annotations

import linecache
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtCore  # noqa: F401 - installs PySide's import hook

from hostdesk.ui.feature_hook import keep_no_sources


@pytest.fixture
def hook() -> Iterator[None]:
    """hostdesk's hook for the test, PySide's own check back after it (if it has one)."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    keep_no_sources()
    yield
    if original is not None:
        feature._mod_uses_pyside = original  # type: ignore[union-attr]


@pytest.mark.usefixtures("hook")
def test_modules_imported_after_pyside_leave_no_source_in_memory(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # Whatever this PySide does on each import (a later one may check differently, or not
    # at all), a module's source must not stay in memory: this fails if it comes back.
    (tmp_path / "hd_plain_module.py").write_text("ANSWER = 42\n" + "# a long module\n" * 2000, encoding="utf-8")
    (tmp_path / "hd_qt_module.py").write_text("from PySide6 import QtCore\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        plain = __import__("hd_plain_module")  # as an import statement does: through the hook
        __import__("hd_qt_module")
    finally:
        for name in ("hd_plain_module", "hd_qt_module"):
            sys.modules.pop(name, None)
    assert plain.ANSWER == 42
    assert not [name for name in linecache.cache if name.startswith(str(tmp_path))]
    chosen = getattr(sys.modules.get("shibokensupport.feature"), "pyside_feature_dict", None)
    if chosen is not None:  # PySide's answer is its own check's: only the module naming PySide6
        assert chosen["hd_plain_module"] == -1 and chosen["hd_qt_module"] == 0
