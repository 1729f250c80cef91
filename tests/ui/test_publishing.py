"""Publishing from the window as a host does it: the first-time dialog with the token
checked live, an edit made on GitHub, a protected branch, a queued publish."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from hostdesk.core.model import Meeting, Section, Target
from hostdesk.publish.outbox import OutboxStore
from hostdesk.publish.publisher import pr_branch
from hostdesk.storage.drafts import DraftStore
from hostdesk.ui.tasks import TaskRunner
from hostdesk.ui.window import MainWindow
from tests.publish.fixtures import TOKEN, MemoryKeyring
from tests.publish.github_server import GitHubState

NOTES = "# Garden club\n\n## March 14, 2024\n* Host: Tomás\n* News\n  * seeds arrived\n"


def window_with_meeting(qtbot: QtBot) -> MainWindow:
    meeting = Meeting(
        series="Garden",
        date=date(2024, 3, 28),
        heading="March 28, 2024",
        hosts=["Ingrid"],
        sections=[Section(title="News", notes="* the greenhouse is up")],
    )
    DraftStore().save(meeting)
    window = MainWindow(tasks=TaskRunner(inline=True))
    qtbot.addWidget(window)
    window.open_meeting(meeting)
    return window


def point_at(window: MainWindow, github: GitHubState, **changes: object) -> Target:
    target = Target(repo="garden/notes", path="notes.md", api_url=github.base).model_copy(update=changes)
    window.set_target(target)
    return target


def test_first_publish_asks_the_target_checks_the_token_and_remembers_both(
    qtbot: QtBot, github: GitHubState, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_TOKEN")  # the host types it into the dialog
    github.add_repo("garden/notes", {"notes.md": NOTES})
    window = window_with_meeting(qtbot)
    window.publish()
    dialog = window.flow.dialog
    assert dialog is not None and dialog.isVisible()
    for field, text in (
        (dialog.repo, "garden/notes"),
        (dialog.path, "notes.md"),
        (dialog.token, TOKEN),
    ):
        field.clear()
        qtbot.keyClicks(field, text)
    dialog.api_url.setText(github.base)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "Logged in as ingrid" in dialog.check_label.text()
    assert "garden/notes: can push" in dialog.check_label.text()
    dialog.accept()
    assert window.statusBar().currentMessage().startswith("Published: ")
    assert not window.status_link.isHidden()
    assert "* the greenhouse is up" in github.text("garden/notes", "notes.md")
    assert window.target().repo == "garden/notes"  # the next publish asks nothing
    assert TOKEN in memory_keyring.items.values()


def test_the_dialog_can_publish_a_file_per_meeting_with_an_index(
    qtbot: QtBot, github: GitHubState, memory_keyring: MemoryKeyring
) -> None:
    github.add_repo("garden/notes", {"minutes/README.md": "# Minutes\n\n* [March 14, 2024](2024-03-14.md)\n"})
    window = window_with_meeting(qtbot)
    window.flow.ask_target(Target(repo="garden/notes", api_url=github.base))
    dialog = window.flow.dialog
    assert dialog is not None and not dialog.index_path.isEnabled()  # only with a file per meeting
    dialog.mode.setCurrentIndex(dialog.mode.findText("One file per meeting"))
    assert dialog.index_path.isEnabled()
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, "minutes/{date:%Y-%m-%d}.md")
    qtbot.keyClicks(dialog.index_path, "minutes/README.md")
    dialog.accept()
    assert "* the greenhouse is up" in github.text("garden/notes", "minutes/2024-03-28.md")
    assert "2024-03-28.md" in github.text("garden/notes", "minutes/README.md")
    assert window.target().mode == "per-meeting"


def test_a_wrong_token_is_said_in_the_dialog(
    qtbot: QtBot, github: GitHubState, memory_keyring: MemoryKeyring
) -> None:
    github.add_repo("garden/notes", {"notes.md": NOTES})
    window = window_with_meeting(qtbot)
    window.flow.ask_target(Target(repo="garden/notes", api_url=github.base))
    dialog = window.flow.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.token, "ghp_wrongwrongwrongwrongwrongwrongwrong0")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.check_label.text().startswith("✗ ") and "token" in dialog.check_label.text().lower()


def edited_on_github(qtbot: QtBot, github: GitHubState) -> tuple[MainWindow, Target]:
    github.add_repo("garden/notes", {"notes.md": NOTES})
    window = window_with_meeting(qtbot)
    target = point_at(window, github)
    window.publish()
    text = github.text("garden/notes", "notes.md")
    github.edit("garden/notes", "notes.md", text.replace("greenhouse is up", "greenhouse is up (photos in the wiki)"))
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)  # the editor continues the bullet
    qtbot.keyClicks(window.editor, "the pond is dug")
    window.publish()
    conflict = window.flow.conflict
    assert conflict is not None and conflict.isVisible()
    mine, theirs = (v.toPlainText().split("\n") for v in conflict.views)
    marked = [[v.document().findBlock(s.cursor.position()).text() for s in v.extraSelections()] for v in conflict.views]
    assert marked == [[x for x in mine if x not in theirs], [x for x in theirs if x not in mine]]
    assert "  * the pond is dug" in marked[0] and any("photos in the wiki" in x for x in marked[1])
    return window, target


def test_an_edit_on_github_can_be_taken_into_the_draft(qtbot: QtBot, github: GitHubState) -> None:
    window, _ = edited_on_github(qtbot, github)
    qtbot.mouseClick(window.flow.conflict.take_theirs, Qt.MouseButton.LeftButton)  # type: ignore[union-attr]
    assert "photos in the wiki" in window.editor.toPlainText()
    assert "pond" not in window.editor.toPlainText()
    window.publish()  # publishing again asks nothing more and keeps their words
    assert "photos in the wiki" in github.text("garden/notes", "notes.md")
    assert window.statusBar().currentMessage().startswith("Published: ")


@pytest.mark.parametrize("choice", ["keep_mine", "open_pull"])
def test_an_edit_on_github_can_be_overruled_or_proposed(qtbot: QtBot, github: GitHubState, choice: str) -> None:
    window, _ = edited_on_github(qtbot, github)
    qtbot.mouseClick(getattr(window.flow.conflict, choice), Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage().startswith("Published: ")
    main = github.text("garden/notes", "notes.md")
    if choice == "keep_mine":
        assert "pond is dug" in main and "photos in the wiki" not in main
    else:
        assert "photos in the wiki" in main  # untouched until the pull request is merged
        assert "pond is dug" in github.text("garden/notes", "notes.md", pr_branch(window.meeting))
        assert "/pull/" in window.statusBar().currentMessage()


def test_cancelling_the_choice_changes_nothing(qtbot: QtBot, github: GitHubState) -> None:
    window, _ = edited_on_github(qtbot, github)
    before = github.text("garden/notes", "notes.md")
    window.flow.conflict.reject()  # type: ignore[union-attr]
    assert github.text("garden/notes", "notes.md") == before
    assert "pond is dug" in window.editor.toPlainText()


def test_a_protected_branch_offers_a_pull_request(qtbot: QtBot, github: GitHubState) -> None:
    from PySide6.QtWidgets import QMessageBox

    github.add_repo("garden/notes", {"notes.md": NOTES}).protected.add("main")
    window = window_with_meeting(qtbot)
    point_at(window, github)
    window.publish()
    offer = window.flow.offer
    assert offer is not None and "protected" in offer.text()
    qtbot.mouseClick(offer.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert "/pull/" in window.statusBar().currentMessage()
    assert window.target().pull_request  # remembered for the series


def test_a_publish_that_fails_on_the_server_is_queued_and_retried(qtbot: QtBot, github: GitHubState) -> None:
    github.add_repo("garden/notes", {"notes.md": NOTES})
    window = window_with_meeting(qtbot)
    point_at(window, github)
    github.fail("PUT", "contents", 502)
    window.publish()
    message = window.statusBar().currentMessage()
    assert message.startswith("Queued: ") and "GitHub" in message
    assert OutboxStore().get(window.meeting.id) is not None
    assert not window.status_fix.isHidden() and window.status_fix.text() == "Retry now"
    qtbot.mouseClick(window.status_fix, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage().startswith("Published: ")
    assert OutboxStore().get(window.meeting.id) is None


def test_what_was_queued_goes_out_when_the_app_starts(qtbot: QtBot, github: GitHubState) -> None:
    github.add_repo("garden/notes", {"notes.md": NOTES})
    window = window_with_meeting(qtbot)
    target = point_at(window, github)
    OutboxStore(clock=lambda: 0.0).put(window.meeting.id, target, "offline", needs_host=False)
    window.close()
    again = MainWindow(tasks=TaskRunner(inline=True))
    qtbot.addWidget(again)
    again.open_meeting(DraftStore().load(window.meeting.id))
    again.flow.retry_outbox()
    assert again.statusBar().currentMessage().startswith("Published: ")
    assert "greenhouse is up" in github.text("garden/notes", "notes.md")
    assert again.meeting.published is not None


def test_a_missing_token_offers_to_set_one(qtbot: QtBot, github: GitHubState, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_TOKEN")
    github.add_repo("garden/notes", {"notes.md": NOTES})
    window = window_with_meeting(qtbot)
    point_at(window, github)
    window.publish()
    assert "No GitHub token" in window.statusBar().currentMessage()
    assert window.status_fix.text() == "Set token…"
    qtbot.mouseClick(window.status_fix, Qt.MouseButton.LeftButton)
    assert window.flow.dialog is not None and window.flow.dialog.repo.text() == "garden/notes"
    assert window.meeting.sections[0].notes == "* the greenhouse is up"  # nothing lost


def test_the_publish_button_and_the_state_beside_it(qtbot: QtBot, github: GitHubState) -> None:
    github.add_repo("garden/notes", {"notes.md": NOTES})
    window = window_with_meeting(qtbot)
    point_at(window, github)
    assert window.publish_state.text() == "not published yet"
    qtbot.mouseClick(window.publish_button, Qt.MouseButton.LeftButton)
    assert window.publish_state.text() == "✓ published"
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(window.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(window.editor, "late news")
    assert window.publish_state.text() == "✎ changed since publishing"


def test_typing_back_to_what_was_published_says_published_again(qtbot: QtBot, github: GitHubState) -> None:
    github.add_repo("garden/notes", {"notes.md": NOTES})
    window = window_with_meeting(qtbot)
    point_at(window, github)
    qtbot.mouseClick(window.publish_button, Qt.MouseButton.LeftButton)
    published = window.editor.toPlainText()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, " and more")
    assert window.publish_state.text() == "✎ changed since publishing"
    for _ in " and more":  # further keystrokes recheck a moment later, not each one at once
        qtbot.keyClick(window.editor, Qt.Key.Key_Backspace)
    assert window.editor.toPlainText() == published
    qtbot.waitUntil(lambda: window.publish_state.text() == "✓ published")


def test_a_queued_publish_is_shown_when_its_meeting_opens(qtbot: QtBot, github: GitHubState) -> None:
    github.add_repo("garden/notes", {"notes.md": NOTES})
    window = window_with_meeting(qtbot)
    target = point_at(window, github)
    OutboxStore().put(window.meeting.id, target, "GitHub could not be reached.", needs_host=False)
    window.close()  # one window per draft: the next one opens it for writing
    again = MainWindow(tasks=TaskRunner(inline=True))
    qtbot.addWidget(again)
    again.open_meeting(DraftStore().load(window.meeting.id))
    qtbot.waitUntil(lambda: again.statusBar().currentMessage() == "Queued: GitHub could not be reached.")
    qtbot.mouseClick(again.status_fix, Qt.MouseButton.LeftButton)
    assert again.statusBar().currentMessage().startswith("Published: ")


def test_without_a_network_the_publish_waits_in_the_outbox(qtbot: QtBot, github: GitHubState) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on: the connection is refused
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    window = window_with_meeting(qtbot)
    window.set_target(Target(repo="garden/notes", path="notes.md", api_url=closed))
    window.publish()
    message = window.statusBar().currentMessage()
    assert message.startswith("Offline: Could not reach 127.0.0.1:") and message.endswith("the publish is queued.")
    assert window.status_fix.text() == "Retry now"
    assert OutboxStore().get(window.meeting.id) is not None
    assert DraftStore().load(window.meeting.id).sections[0].notes == "* the greenhouse is up"
