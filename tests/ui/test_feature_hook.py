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
def feature() -> Iterator[object]:
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        print("SKIP: this PySide6 has no per-module check to replace")
        pytest.skip("this PySide6 has no per-module check to replace")
    original = feature._mod_uses_pyside
    yield feature
    feature._mod_uses_pyside = original


def test_modules_imported_after_pyside_leave_no_source_in_memory(feature: object, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "hd_plain_module.py").write_text("ANSWER = 42\n" + "# a long module\n" * 2000, encoding="utf-8")
    (tmp_path / "hd_qt_module.py").write_text("from PySide6 import QtCore\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert keep_no_sources()
    try:
        plain = __import__("hd_plain_module")  # as an import statement does: through the hook
        __import__("hd_qt_module")
    finally:
        for name in ("hd_plain_module", "hd_qt_module"):
            sys.modules.pop(name, None)
    assert plain.ANSWER == 42
    assert not [name for name in linecache.cache if name.startswith(str(tmp_path))]
    # PySide's answer is the one its own check gives: only the module naming PySide6 uses it.
    chosen = feature.pyside_feature_dict  # type: ignore[attr-defined]
    assert chosen["hd_plain_module"] == -1 and chosen["hd_qt_module"] == 0
