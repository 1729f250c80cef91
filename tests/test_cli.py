"""The headless CLI, run as a host would run it: a real process, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import DATA


def hostdesk(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOSTDESK_HOME": str(home)}
    env.pop("GITHUB_TOKEN", None)
    return subprocess.run([sys.executable, "-m", "hostdesk", *args], capture_output=True, text=True, env=env)


def test_new_list_show(hostdesk_home: Path) -> None:
    made = hostdesk(
        "new",
        "--template",
        "community sync",
        "--date",
        "2024-06-25",
        "--host",
        "Ana Núñez",
        home=hostdesk_home,
    )
    assert made.returncode == 0, made.stderr
    meeting_id = made.stdout.strip()
    listed = hostdesk("list", home=hostdesk_home)
    assert meeting_id[:8] in listed.stdout and "2024-06-25" in listed.stdout
    shown = hostdesk("show", "2024-06-25", home=hostdesk_home)
    assert shown.stdout.startswith("## June 25, 2024\n* Host: Ana Núñez\n")
    assert "* Guest presentation (show & tell)\n" in shown.stdout


def test_import_makes_one_draft_per_meeting_and_a_series(hostdesk_home: Path) -> None:
    done = hostdesk("import", str(DATA / "garden-club-notes.md"), home=hostdesk_home)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 5
    assert "February 15, 20224" in done.stdout and "not a real year" in done.stdout
    shown = hostdesk("show", lines[0].split()[0][:12], home=hostdesk_home)
    text = (DATA / "garden-club-notes.md").read_text(encoding="utf-8")
    assert shown.stdout in text
    settings = json.loads((hostdesk_home / "config" / "settings.json").read_text())
    series = settings["series"]["Riverside Garden Tooling working group"]
    assert series["agenda"][1]["title"] == "Project news"
    again = hostdesk("import", str(DATA / "garden-club-notes.md"), home=hostdesk_home)
    assert again.stdout == done.stdout  # importing twice makes no copies


def test_bad_input_gets_one_line_and_no_traceback(hostdesk_home: Path, tmp_path: Path) -> None:
    binary = tmp_path / "photo.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    done = hostdesk("import", str(binary), home=hostdesk_home)
    assert done.returncode == 1
    assert done.stderr.strip() == f"hostdesk: {binary} is not UTF-8 text (bad byte at offset 0)."
    prose = tmp_path / "shopping.md"
    prose.write_text("# Shopping\n\n* milk\n")
    done = hostdesk("import", str(prose), home=hostdesk_home)
    assert "has no meeting in it" in done.stderr and "Traceback" not in done.stderr
    done = hostdesk("show", "nope", home=hostdesk_home)
    assert done.returncode == 1 and done.stderr.startswith("hostdesk: No draft matches")
    done = hostdesk("new", "--template", "Nope", home=hostdesk_home)
    assert "There is no template “Nope”" in done.stderr


def test_damaged_settings_are_said_and_set_aside_and_the_command_goes_on(hostdesk_home: Path) -> None:
    config = hostdesk_home / "config"
    config.mkdir(parents=True)
    (config / "settings.json").write_text("{ half written", encoding="utf-8")
    done = hostdesk("new", "--date", "2024-06-25", home=hostdesk_home)
    assert done.returncode == 0, done.stderr
    assert "settings.damaged.json" in done.stderr and "defaults are used" in done.stderr
    assert (config / "settings.damaged.json").read_text(encoding="utf-8") == "{ half written"
    assert "2024-06-25" in hostdesk("list", home=hostdesk_home).stdout


def test_version() -> None:
    from hostdesk import __version__

    done = hostdesk("--version", home=Path("/nonexistent"))
    assert done.stdout.strip() == f"hostdesk {__version__}"


def test_import_dry_run_reports_and_writes_nothing(hostdesk_home: Path) -> None:
    folder = DATA / "formats" / "per-meeting" / "compact"
    dry = hostdesk("import", "--dry-run", str(folder), home=hostdesk_home)
    assert dry.returncode == 0, dry.stderr
    assert "20220426.md: 1 meeting (1 dated, 0 undated, 0 flagged), 2 people present, 1 absent" in dry.stdout
    assert "README.md: no meeting found" in dry.stdout
    assert not (hostdesk_home / "drafts").exists() or not any((hostdesk_home / "drafts").iterdir())
    done = hostdesk("import", str(folder), home=hostdesk_home)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.strip().splitlines()) == 2  # one draft id per meeting
    assert "total: 2 meetings" in done.stderr  # the report, apart from the ids scripts read
    assert len(hostdesk("list", home=hostdesk_home).stdout.strip().splitlines()) == 2


def test_import_prints_control_characters_from_headings_as_escapes(hostdesk_home: Path, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.md"
    hostile.write_text(
        "# Hostile notes\n\n## June 5, 2024 \x1b]0;pwned\x07\n\n* Agenda\n\n"
        "## February 30, 2024 \x1b[2J\n\n* More\n",
        encoding="utf-8",
    )
    dry = hostdesk("import", "--dry-run", str(hostile), home=hostdesk_home)
    assert "flagged: February 30, 2024 \\x1b[2J (February has no day 30)" in dry.stdout
    done = hostdesk("import", str(hostile), home=hostdesk_home)
    assert done.returncode == 0, done.stderr
    assert "June 5, 2024 \\x1b]0;pwned\\x07" in done.stdout  # the draft's line, escaped
    nothing = tmp_path / "nothing.md"
    nothing.write_text("# Title \x1b]0;pwned\x07\n\n* no dates here\n", encoding="utf-8")
    refused = hostdesk("import", str(nothing), home=hostdesk_home)
    assert refused.returncode != 0 and "Title \\x1b]0;pwned\\x07" in refused.stderr
    for out in (dry, done, refused):
        assert "\x1b" not in out.stdout + out.stderr and "\x07" not in out.stdout + out.stderr
