"""What a packager or a distribution checks: validators, the icon, one version everywhere."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest

from hostdesk import __version__

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "io.github.hostdesk.Hostdesk"
DESKTOP = ROOT / "packaging" / f"{APP_ID}.desktop"
METAINFO = ROOT / "packaging" / f"{APP_ID}.metainfo.xml"
ICON = ROOT / "src" / "hostdesk" / "resources" / "icons" / "hostdesk.svg"


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        reason = f"{name} is not installed (`make test` installs it as root: tools/system-deps.sh)"
        print(f"SKIP: {reason}")
        pytest.skip(reason)
    return found


def test_the_desktop_entry_is_valid() -> None:
    done = subprocess.run([tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout


def test_the_metainfo_is_valid() -> None:
    done = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout


def test_one_version_everywhere() -> None:
    changelog = re.search(r"^## (\S+)", (ROOT / "CHANGELOG.md").read_text(), re.MULTILINE)
    release = re.search(r'<release version="([^"]+)"', METAINFO.read_text())
    assert changelog and release
    assert version("hostdesk") == __version__ == changelog[1] == release[1]


def test_the_icon_renders(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QIcon

    pixmap = QIcon(str(ICON)).pixmap(64, 64)
    assert not pixmap.isNull()
    image = pixmap.toImage()
    assert len({image.pixelColor(x, y).name() for x in range(0, 64, 8) for y in range(0, 64, 8)}) > 2


def test_install_desktop_installs_a_valid_entry_for_the_user(tmp_path: Path) -> None:
    if not (ROOT / ".venv" / "bin" / "hostdesk").exists() and not (ROOT / "dist" / "hostdesk").exists():
        print("SKIP: no launcher yet (no .venv/bin/hostdesk nor dist/hostdesk)")
        pytest.skip("no launcher to point the entry at")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    done = subprocess.run([str(ROOT / "tools" / "install-desktop.sh")], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    entry = tmp_path / "applications" / f"{APP_ID}.desktop"
    assert (tmp_path / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").exists()
    assert (tmp_path / "metainfo" / f"{APP_ID}.metainfo.xml").exists()
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(entry)
    command = parser["Desktop Entry"]["Exec"].strip('"')
    assert Path(command).exists() and os.access(command, os.X_OK)
    subprocess.run([tool("desktop-file-validate"), str(entry)], check=True)
