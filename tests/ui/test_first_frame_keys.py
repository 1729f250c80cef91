"""Keys typed into the first frame when another meeting opens than the one painted. If
the host opened it, the keys are saved into the draft they were typed into. If that draft
cannot take them (the model rejects it though it glanced fine, it is gone, or it changed
on disk), what the editor held is kept in the meeting that opens, saved, and the host is
told where; a damaged draft's backup is still offered."""

from __future__ import annotations

import json
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hostdesk.core import timer
from hostdesk.core.model import Meeting
from hostdesk.storage.draft_lock import DraftLock
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.session import SessionMarker
from hostdesk.ui.window import MainWindow
from tests.ui.conftest import DeferredTasks
from tests.ui.test_features import pond_meeting
from tests.ui.test_startup import launching

PAINTED = "* the pH is fine\n* frogs spotted"  # the damaged draft's notes, painted first
KEPT_NOTES = "* two newcomers\n* the pH is fine (7.2)\n* frogs spotted"  # March's, then what May's frame held
KEPT = "The notes you typed into while “May 2, 2024” was loading are kept in “Welcome new members” here."


def damaged_open_last(damage: bool = True) -> tuple[Meeting, Meeting]:
    """March, readable; May, open last, at its second section, with a good backup, then
    (if `damage`) hand-edited on disk: its attendees written as one line of names. The
    file still reads as JSON, so the window paints it; the model refuses it."""
    store = DraftStore()
    march, may = pond_meeting(date(2024, 3, 7)), pond_meeting(date(2024, 5, 2))
    march.sections[0].notes = "* two newcomers"
    store.save(march)
    store.save(may)
    store.save(may)  # the first version is now its backup
    if damage:
        path = store.path(may.id)
        document = json.loads(path.read_text(encoding="utf-8"))
        document["meeting"]["attendees"] = "Ada, Bea"
        path.write_text(json.dumps(document), encoding="utf-8")
    marker = SessionMarker(store.root)
    marker.remember_place(may.id, 1, len("* the pH is fine"))
    marker.closed_cleanly(may.id)
    return march, may


def painted(qtbot: QtBot, deferred: DeferredTasks, typed: str = " (7.2)") -> MainWindow:
    """The window launched, May painted, `typed` typed into it before the model came."""
    window = launching(qtbot, deferred)
    qtbot.waitUntil(lambda: bool(deferred.pending))  # painted; the model loads on a worker
    assert not window.owner.is_open and window.editor.toPlainText() == PAINTED
    qtbot.keyClicks(window.editor, typed)
    return window


def test_keys_typed_into_a_damaged_draft_painted_first_are_kept_in_the_meeting_that_opens(
    qtbot: QtBot, deferred: DeferredTasks
) -> None:
    march, may = damaged_open_last()
    window = painted(qtbot, deferred)
    deferred.finish()  # the model refuses May; March opens
    assert window.meeting.id == march.id and window.current == 0
    assert window.meeting.sections[0].notes == window.editor.toPlainText() == KEPT_NOTES
    assert window.editor.textCursor().position() == len("* two newcomers\n* the pH is fine (7.2)")
    banner = window.banner.label.text()
    assert "could not be read" in banner and banner.endswith(KEPT)
    assert window.banner.action.isVisible() and window.banner.action.text() == "Restore the backup"
    assert window.windowTitle().startswith("•")  # unsaved, as any typing: the autosave keeps it
    window.clock.now += 1.2  # a pause in the typing (a FakeClock)
    window.tick()
    assert not window.windowTitle().startswith("•")
    assert DraftStore().load(march.id).sections[0].notes == KEPT_NOTES
    qtbot.keyClicks(window.editor, ", checked")  # the host types on where they were
    assert window.meeting.sections[0].notes == "* two newcomers\n* the pH is fine (7.2), checked\n* frogs spotted"
    qtbot.mouseClick(window.banner.action, Qt.MouseButton.LeftButton)  # the backup still comes back
    assert window.meeting.id == may.id and window.meeting.sections[1].notes == PAINTED
    assert DraftStore().load(march.id).sections[0].notes.endswith("(7.2), checked\n* frogs spotted")


def test_with_nothing_typed_into_it_a_damaged_draft_leaves_the_meeting_that_opens_untouched(
    qtbot: QtBot, deferred: DeferredTasks
) -> None:
    march, _may = damaged_open_last()
    window = painted(qtbot, deferred, typed="")
    deferred.finish()
    assert window.meeting.id == march.id
    assert window.meeting.sections[0].notes == window.editor.toPlainText() == "* two newcomers"
    assert "could not be read" in window.banner.label.text()
    assert "What you typed" not in window.banner.label.text() + window.statusBar().currentMessage()
    assert not window.windowTitle().startswith("•")
    assert window.banner.action.text() == "Restore the backup"
    window.close()
    assert DraftStore().load(march.id).sections[0].notes == "* two newcomers"


def test_keys_typed_into_a_draft_that_is_gone_when_the_model_comes_are_kept_too(
    qtbot: QtBot, deferred: DeferredTasks
) -> None:
    march, may = damaged_open_last(damage=False)
    window = painted(qtbot, deferred)
    DraftStore().delete(may.id)  # to the trash, from a terminal, while the model loads
    deferred.finish()
    assert window.meeting.id == march.id
    assert window.meeting.sections[0].notes == KEPT_NOTES
    assert window.banner.isVisible() and window.banner.label.text() == KEPT


def test_keys_typed_first_go_to_the_clipboard_when_the_meeting_that_opens_is_read_only(
    qtbot: QtBot, deferred: DeferredTasks
) -> None:
    march, _may = damaged_open_last()
    store = DraftStore()
    other = DraftLock(store.folder / f"{march.id}.lock")
    assert other.acquire() is None  # another window holds March
    try:
        window = painted(qtbot, deferred)
        deferred.finish()
        assert window.meeting.id == march.id and window.editor.isReadOnly()
        assert QApplication.clipboard().text() == "* the pH is fine (7.2)\n* frogs spotted"
        assert "on the clipboard" in window.banner.label.text()
        assert "could not be read" in window.banner.label.text()
    finally:
        other.release()


def test_the_clipboard_sentence_comes_after_why_the_meeting_that_opens_is_read_only(
    qtbot: QtBot, deferred: DeferredTasks
) -> None:
    march, may = damaged_open_last(damage=False)
    store = DraftStore()
    other = DraftLock(store.folder / f"{march.id}.lock")
    assert other.acquire() is None  # another window holds March
    try:
        window = painted(qtbot, deferred)
        store.delete(may.id)  # May goes while the model loads; March opens, read-only
        deferred.finish()
        banner = window.banner.label.text()
        assert banner.startswith("This meeting is open in another hostdesk window")
        assert banner.endswith("they are on the clipboard.")
    finally:
        other.release()


def test_keys_typed_first_stay_in_their_draft_when_the_host_opens_another_before_the_model_came(
    qtbot: QtBot, deferred: DeferredTasks
) -> None:
    march, may = damaged_open_last(damage=False)
    window = painted(qtbot, deferred)
    window.files.open_draft(march.id)  # chosen in the Open dialog before start-up's worker is done
    deferred.finish()  # start-up's meeting is left alone: the host has one open
    assert window.meeting.id == march.id
    assert window.meeting.sections[0].notes == window.editor.toPlainText() == "* two newcomers"
    assert DraftStore().load(may.id).sections[1].notes == "* the pH is fine (7.2)\n* frogs spotted"
    assert window.banner.label.text() == "What you typed into “May 2, 2024” while it was loading is saved there."
    assert not (DraftStore().folder / f"{may.id}.lock").exists()  # let go of once saved into
    assert SessionMarker(DraftStore().root).last_open() == march.id  # a crash brings back March
    window.close()
    assert DraftStore().load(march.id).sections[0].notes == "* two newcomers"  # no copy of May's notes


def test_keys_typed_first_are_kept_here_when_their_draft_changed_on_disk_before_the_host_opened_another(
    qtbot: QtBot, deferred: DeferredTasks
) -> None:
    march, may = damaged_open_last(damage=False)
    window = painted(qtbot, deferred)
    store = DraftStore()
    changed = store.load(may.id)
    changed.sections[1].notes = "* the pH is fine\n* frogs spotted\n* a heron"  # a sync tool, say
    store.save(changed)
    window.files.open_draft(march.id)
    deferred.finish()
    assert window.meeting.sections[0].notes == KEPT_NOTES  # not written over what the file holds now
    assert window.banner.label.text() == KEPT
    assert store.load(may.id).sections[1].notes.endswith("* a heron")


def test_timer_buttons_pressed_before_the_model_came_act_once_it_has_keeping_the_typing(
    qtbot: QtBot, deferred: DeferredTasks
) -> None:
    _march, may = damaged_open_last(damage=False)
    window = painted(qtbot, deferred)
    qtbot.mouseClick(window.agenda.start_button, Qt.MouseButton.LeftButton)  # in the first frame
    qtbot.mouseClick(window.agenda.next_button, Qt.MouseButton.LeftButton)
    assert not window.owner.is_open  # an empty stand-in was not taken for start-up's meeting
    deferred.finish()
    assert window.meeting.id == may.id
    assert window.current == 2 and timer.running_index(window.meeting) == 2  # Start, then Next
    assert timer.elapsed(window.meeting.sections[1], window.clock()) == 0  # started and finished at once
    assert window.meeting.sections[1].notes == "* the pH is fine (7.2)\n* frogs spotted"
    window.close()
    assert DraftStore().load(may.id).sections[1].notes == "* the pH is fine (7.2)\n* frogs spotted"


def test_a_damaged_draft_typed_into_stays_in_place_when_the_host_opens_another_before_it_is_read(
    qtbot: QtBot, deferred: DeferredTasks
) -> None:
    march, may = damaged_open_last()
    window = painted(qtbot, deferred)
    window.files.open_draft(march.id)  # before start-up's worker has read May
    deferred.finish()
    assert window.meeting.id == march.id
    assert window.meeting.sections[0].notes == KEPT_NOTES  # May could not take the typing
    assert window.banner.label.text() == KEPT
    assert DraftStore().path(may.id).exists()  # not set aside unseen: opening it says what is wrong


def test_a_damaged_draft_read_at_start_up_is_reported_when_the_host_opened_another_meanwhile(
    qtbot: QtBot, deferred: DeferredTasks
) -> None:
    march, _may = damaged_open_last()
    window = painted(qtbot, deferred)
    work, done, _failed = deferred.pending.pop(0)
    found = work()  # the worker reads May: damaged, set aside
    window.files.open_draft(march.id)  # the host opens March before that result arrives
    done(found)
    assert window.meeting.id == march.id
    assert window.meeting.sections[0].notes == KEPT_NOTES
    banner = window.banner.label.text()
    assert "could not be read" in banner and banner.endswith(KEPT)
    assert window.banner.action.text() == "Restore the backup"
