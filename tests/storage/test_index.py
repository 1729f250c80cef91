"""The drafts index: listing and the roster without reading every draft, and never wrong."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

from hostdesk.core.model import Attendee, Meeting, Section
from hostdesk.core.roster import Roster
from hostdesk.storage.drafts import DraftStore


def meeting_on(day: date, *people: str) -> Meeting:
    return Meeting(
        series="Orchard keepers",
        date=day,
        heading=day.strftime("%B %-d, %Y"),
        hosts=["Maren Holt"],
        attendees=[Attendee(name=name, affiliation="Pear Row") for name in people],
        sections=[Section(title="Pruning", notes="* the old apple")],
    )


def saved(store: DraftStore, count: int) -> list[Meeting]:
    meetings = [meeting_on(date(2024, 1, 2) + timedelta(weeks=n), f"Keeper {n}", "Ada Brandt") for n in range(count)]
    for meeting in meetings:
        store.save(meeting)
    return meetings


def scramble_keeping_signature(path: Path) -> None:
    """Garbage of the same size and time: only a reader of the file itself could tell."""
    status = path.stat()
    path.write_bytes(b"x" * status.st_size)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))


def test_listing_reads_the_index_not_the_drafts() -> None:
    store = DraftStore()
    meetings = saved(store, 12)
    for meeting in meetings:
        scramble_keeping_signature(store.path(meeting.id))
    rows = DraftStore().summaries()  # a new process, as at start-up
    assert len(rows) == 12 and not any(r.problem for r in rows)
    assert rows[0].title == meetings[-1].title and rows[-1].date == "2024-01-02"


def test_the_roster_from_the_index_is_the_roster_from_every_draft() -> None:
    store = DraftStore()
    saved(store, 6)
    from_index = DraftStore().roster()
    from_drafts = Roster.from_meetings(store.load_all())
    assert [(p.name, p.count, p.first, p.last) for p in from_index] == [
        (p.name, p.count, p.first, p.last) for p in from_drafts
    ]
    ada = from_index.get("ada brandt")
    assert ada is not None and ada.count == 6 and not from_index.is_new("Ada Brandt", "Orchard keepers", date(2024, 3, 1))


def test_a_draft_written_behind_the_index_is_read_again_alone() -> None:
    store = DraftStore()
    first, second = saved(store, 2)
    store.summaries()
    document = json.loads(store.path(second.id).read_text(encoding="utf-8"))
    document["meeting"]["heading"] = "Harvest planning"
    document["meeting"]["attendees"].append({"name": "Olu Bakare"})
    store.path(second.id).write_text(json.dumps(document), encoding="utf-8")  # another tool
    os.utime(store.path(second.id), ns=(0, store.path(second.id).stat().st_mtime_ns + 1))
    fresh = DraftStore()
    assert [r.title for r in fresh.summaries()] == ["Harvest planning", first.title]
    assert fresh.roster().get("Olu Bakare") is not None


def test_saving_new_importing_and_deleting_keep_the_index_current() -> None:
    store = DraftStore()
    kept, gone = saved(store, 2)
    assert {d["summary"]["id"] for d in json.loads(store.index_path.read_text())["drafts"].values()} == {
        kept.id, gone.id,
    }
    store.delete(gone.id)
    assert [r.id for r in DraftStore().summaries()] == [kept.id]
    assert gone.id not in store.index_path.read_text()
    store.restore(gone.id)
    assert {r.id for r in DraftStore().summaries()} == {kept.id, gone.id}


def test_typing_notes_leaves_the_index_file_and_the_listing_stays_right() -> None:
    now = [1_700_000_000.0]
    store = DraftStore(clock=lambda: now[0])
    (meeting,) = saved(store, 1)
    before = store.index_path.stat().st_mtime_ns
    now[0] += 60
    meeting.sections[0].notes += "\n* the young pear"
    store.save(meeting)  # an autosave: nothing the list shows has changed
    assert store.index_path.stat().st_mtime_ns == before
    assert DraftStore().summaries()[0].saved_at == now[0]
    meeting.heading = "Grafting day"
    store.save(meeting)
    assert "Grafting day" in store.index_path.read_text(encoding="utf-8")


def test_a_damaged_index_is_rebuilt_from_the_drafts_and_says_so() -> None:
    store = DraftStore()
    meetings = saved(store, 3)
    store.index_path.write_text('{"version": 1, "drafts": {"half', encoding="utf-8")
    fresh = DraftStore()
    assert {r.id for r in fresh.summaries()} == {m.id for m in meetings}
    assert fresh.index_notice.startswith("The drafts index") and "rebuilt from the drafts" in fresh.index_notice
    assert json.loads(store.index_path.read_text(encoding="utf-8"))["version"] == 1  # written whole again


def test_a_missing_index_is_rebuilt_quietly() -> None:
    store = DraftStore()
    saved(store, 3)
    store.index_path.unlink()
    fresh = DraftStore()
    assert len(fresh.summaries()) == 3 and fresh.index_notice == ""
    assert store.index_path.exists()


def test_a_damaged_draft_is_listed_with_its_problem_and_nothing_else_is_lost() -> None:
    store = DraftStore()
    good, bad = saved(store, 2)
    store.path(bad.id).write_text("{ not json", encoding="utf-8")
    rows = {r.id: r for r in DraftStore().summaries()}
    assert rows[bad.id].problem.startswith("it is not valid JSON") and not rows[good.id].problem
    assert store.path(bad.id).read_text(encoding="utf-8") == "{ not json"  # listing moves nothing
    assert DraftStore().roster().get("Keeper 0") is not None


def test_an_index_written_on_one_line_is_read_as_it_is() -> None:
    store = DraftStore()
    meetings = saved(store, 3)
    one_line = json.dumps(json.loads(store.index_path.read_text(encoding="utf-8")))  # an earlier hostdesk's
    store.index_path.write_text(one_line, encoding="utf-8")
    fresh = DraftStore()
    assert {r.id for r in fresh.summaries()} == {m.id for m in meetings} and fresh.index_notice == ""
    assert fresh.roster().get("Keeper 0") is not None
