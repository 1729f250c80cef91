"""The open meeting's owner: the one writer of its draft, what it tells its listeners, the
results of background work it applies, and the lock that keeps a second writer out."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

from hostdesk.core import timer
from hostdesk.core.model import Meeting, PublishRecord, Section
from hostdesk.storage.draft_lock import DraftLock
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.open_meeting import OpenMeeting, keep_typing, save_typed_into
from tests.clock import FakeClock


def a_meeting() -> Meeting:
    return Meeting(
        series="Garden",
        date=date(2024, 3, 28),
        heading="March 28, 2024",
        sections=[Section(title="News", notes="* seeds"), Section(title="Open mic")],
    )


def record(at: float, block: str = "## March 28, 2024\n") -> PublishRecord:
    return PublishRecord(repo="garden/notes", branch="main", path="notes.md", at=at, block=block)


def owning(meeting: Meeting, clock: FakeClock | None = None) -> tuple[OpenMeeting, list[str]]:
    owner = OpenMeeting(DraftStore(), clock or FakeClock())
    told: list[str] = []
    owner.subscribe(told.append)
    owner.open(meeting)
    return owner, told


def test_listeners_hear_each_change_and_the_draft_is_saved_when_due() -> None:
    clock = FakeClock()
    meeting = a_meeting()
    DraftStore().save(meeting)
    owner, told = owning(meeting, clock)
    owner.edit("notes", lambda m: setattr(m.sections[0], "notes", "* seeds\n* bulbs"))
    assert told == ["opened", "notes"] and not owner.save_if_due()
    clock.now += 1.5
    assert owner.save_if_due() and told[-1] == "saved"
    assert DraftStore().load(meeting.id).sections[0].notes == "* seeds\n* bulbs"


def test_a_meeting_never_touched_is_never_written() -> None:
    owner, _ = owning(a_meeting())
    assert owner.save() is False and DraftStore().ids() == []
    owner.edit("notes", lambda m: setattr(m.sections[0], "notes", "* now it counts"))
    assert owner.save() is True and DraftStore().ids() == [owner.meeting.id]


def test_a_publish_record_written_by_another_process_survives_the_next_save() -> None:
    meeting = a_meeting()
    store = DraftStore()
    store.save(meeting)
    owner, told = owning(meeting)
    outside = store.load(meeting.id)  # as `hostdesk publish` does, in another process
    outside.published = record(at=50.0)
    store.save(outside)
    owner.edit("notes", lambda m: setattr(m.sections[0], "notes", "* typed on"))
    owner.save()
    kept = store.load(meeting.id)
    assert kept.published == record(at=50.0) and kept.sections[0].notes == "* typed on"
    assert owner.meeting.published == record(at=50.0) and "published" in told


def test_a_result_is_applied_to_the_live_meeting_not_to_the_snapshot() -> None:
    meeting = a_meeting()
    DraftStore().save(meeting)
    owner, _ = owning(meeting)
    snapshot = owner.snapshot()
    owner.edit("notes", lambda m: setattr(m.sections[0], "notes", "* seeds, sown"))
    assert snapshot.sections[0].notes == "* seeds"
    assert owner.apply_published(snapshot.id, record(at=9.0))
    on_disk = DraftStore().load(meeting.id)
    assert on_disk.sections[0].notes == "* seeds, sown" and on_disk.published == record(at=9.0)
    assert not owner.apply_published("another-meeting", record(at=10.0))  # it was closed meanwhile


def test_their_version_keeps_what_was_typed_since_it_was_asked_for() -> None:
    base = a_meeting()
    theirs = base.model_copy(deep=True)
    theirs.sections[0].notes = "* seeds (from the co-op)"
    theirs.heading = "Spring planting"
    live = base.model_copy(deep=True)
    live.sections[0].notes = "* seeds\n* compost"  # typed on at the end
    live.sections[1].notes = "* who has a wheelbarrow?"
    timer.run_only(live, 1, 100.0)
    merged = keep_typing(base, live, theirs)
    assert merged.sections[0].notes == "* seeds (from the co-op)\n* compost"
    assert merged.sections[1].notes == "* who has a wheelbarrow?"
    assert merged.heading == "Spring planting"  # the host did not touch it
    assert timer.running_index(merged) == 1  # the clock ran on meanwhile


def test_a_second_owner_of_a_draft_reads_it_only_and_says_why() -> None:
    meeting = a_meeting()
    DraftStore().save(meeting)
    first, _ = owning(meeting)
    second, _ = owning(DraftStore().load(meeting.id))
    assert first.read_only == ""
    assert "open in another hostdesk window" in second.read_only
    second.edit("notes", lambda m: setattr(m.sections[0], "notes", "* lost?"))
    assert second.meeting.sections[0].notes == "* seeds" and second.save() is False
    first.close()
    third, _ = owning(DraftStore().load(meeting.id))
    assert third.read_only == ""  # closed there: free to edit here


def test_a_reader_gets_the_draft_as_the_writer_left_it_once_the_writer_lets_go() -> None:
    meeting = a_meeting()
    DraftStore().save(meeting)
    writer, _ = owning(meeting)
    reader, _ = owning(DraftStore().load(meeting.id))
    assert reader.held_elsewhere and reader.released() is None
    writer.edit("notes", lambda m: setattr(m.sections[0], "notes", "* seeds, sown"))
    writer.close()
    released = reader.released()
    assert released is not None and released.sections[0].notes == "* seeds, sown"
    reader.open(released)
    assert reader.read_only == "" and not reader.held_elsewhere
    assert owning(DraftStore().load(meeting.id))[0].held_elsewhere  # and now the reader holds it


def test_a_lock_left_by_a_crashed_process_is_recognised_as_stale(hostdesk_home: object) -> None:
    meeting = a_meeting()
    store = DraftStore()
    store.save(meeting)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock = store.folder / f"{meeting.id}.lock"
    holder = {"pid": int(gone.stdout), "host": __import__("socket").gethostname(), "owner": "x", "since": 1.0}
    lock.write_text(json.dumps(holder), encoding="utf-8")
    owner, _ = owning(meeting)
    assert owner.read_only == ""
    assert DraftLock(lock).holder() is not None and json.loads(lock.read_text())["owner"] != "x"
    owner.close()
    assert not lock.exists()


def test_a_damaged_lock_file_does_not_keep_the_draft_shut() -> None:
    meeting = a_meeting()
    store = DraftStore()
    store.save(meeting)
    (store.folder / f"{meeting.id}.lock").write_text("{half a lo", encoding="utf-8")
    owner, _ = owning(meeting)
    assert owner.read_only == ""


def test_the_session_remembers_where_the_host_was_in_each_meeting() -> None:
    from hostdesk.storage.session import SessionMarker

    marker = SessionMarker(DraftStore().root)
    marker.opened("pond")
    marker.remember_place("pond", 2, 17)
    marker.remember_place("garden", 0, 3)
    marker.closed_cleanly("pond")
    again = SessionMarker(DraftStore().root)
    assert again.place("pond") == (2, 17) and again.place("garden") == (0, 3)
    assert again.place("unknown") is None and again.last_open() == "pond" and again.crashed_draft() is None


def test_typing_for_a_draft_no_window_holds_is_saved_only_over_what_it_was_typed_into() -> None:
    store = DraftStore()
    meeting = a_meeting()
    store.save(meeting)
    assert not save_typed_into(store, meeting.id, 0, "* other", "* other, and more")  # the file moved on
    assert save_typed_into(store, meeting.id, 0, "* seeds", "* seeds, sown")
    assert store.load(meeting.id).sections[0].notes == "* seeds, sown"
    assert not save_typed_into(store, meeting.id, 5, "", "* nowhere")  # no such section
    assert not save_typed_into(store, "gone", 0, "", "* lost?")  # the caller keeps it instead
    assert not (store.folder / "gone.lock").exists() and not store.path("gone").exists()
    store.path(meeting.id).write_text('{"schema_version": 1, "meeting": {"sections": "oops"}}', encoding="utf-8")
    assert not save_typed_into(store, meeting.id, 0, "* seeds, sown", "* seeds, sown, watered")
    assert "oops" in store.path(meeting.id).read_text(encoding="utf-8")  # left for opening it to report


def test_typing_for_a_draft_another_window_holds_is_left_to_the_caller() -> None:
    store = DraftStore()
    meeting = a_meeting()
    store.save(meeting)
    other, _told = owning(meeting)  # holds the lock, as another window would
    assert not save_typed_into(store, meeting.id, 0, "* seeds", "* seeds, sown")
    assert store.load(meeting.id).sections[0].notes == "* seeds"
    other.close()
    assert save_typed_into(store, meeting.id, 0, "* seeds", "* seeds, sown")


def test_typing_held_by_an_editor_is_handed_over_before_anything_reads_or_saves() -> None:
    """An editor holding a huge section's typing (it hands it over a few times a second)
    loses none of it: the meeting is unsaved from the first held key, and the typing is
    in it for whoever reads it, and in the draft that is saved."""
    clock = FakeClock()
    meeting = a_meeting()
    DraftStore().save(meeting)
    owner, told = owning(meeting, clock)
    typed = {"notes": "* seeds"}
    handed: list[str] = []

    def hand_over() -> None:
        handed.append(typed["notes"])
        owner.edit("notes", lambda m: setattr(m.sections[0], "notes", typed["notes"]))

    typed["notes"] = "* seeds\n* bulbs"
    owner.hold(hand_over)
    assert owner.autosave.dirty and handed == []
    assert owner.meeting.sections[0].notes == "* seeds\n* bulbs" and told[-1] == "notes"
    assert handed == ["* seeds\n* bulbs"]  # once: what is handed over is no longer held

    typed["notes"] = "* seeds\n* bulbs\n* tulips"
    owner.hold(hand_over)
    clock.now += 1.5
    assert owner.save_if_due()
    assert DraftStore().load(meeting.id).sections[0].notes == "* seeds\n* bulbs\n* tulips"

    typed["notes"] += "\n* crocus"
    owner.hold(hand_over)
    owner.close()
    assert DraftStore().load(meeting.id).sections[0].notes.endswith("* crocus")


def test_a_read_only_owner_holds_no_typing() -> None:
    meeting = a_meeting()
    DraftStore().save(meeting)
    first, _ = owning(meeting)
    second, _ = owning(meeting)  # the draft is held by the first
    assert second.read_only
    handed: list[bool] = []
    second.hold(lambda: handed.append(True))
    assert not second.autosave.dirty  # nothing to save: no "unsaved" mark, no write at quit
    second.close()
    assert handed == []
    first.close()


def test_a_save_that_leaves_held_typing_keeps_it_unsaved_for_the_next() -> None:
    """The window's tick takes a huge section's typing in on one tick and saves on the
    next (each reads the whole section): typing held in between is neither saved nor
    forgotten, and the window's title keeps its unsaved mark for it."""
    meeting = a_meeting()
    DraftStore().save(meeting)
    owner, _ = owning(meeting)
    typed = {"notes": "* seeds\n* bulbs"}

    def hand_over() -> None:
        owner.edit("notes", lambda m: setattr(m.sections[0], "notes", typed["notes"]))

    owner.hold(hand_over)
    owner.settle()
    typed["notes"] += "\n* tulips"
    owner.hold(hand_over)  # the host typed on
    assert owner.save(take_typing=False)
    assert DraftStore().load(meeting.id).sections[0].notes == "* seeds\n* bulbs"
    assert owner.autosave.dirty and owner.holding
    assert owner.save()
    assert DraftStore().load(meeting.id).sections[0].notes == "* seeds\n* bulbs\n* tulips"
    assert not owner.autosave.dirty
