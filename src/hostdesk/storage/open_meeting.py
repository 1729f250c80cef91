"""The open meeting's one owner: the only writer of its draft, telling listeners what
changed. Background work gets a snapshot and hands back a value the owner applies. (A draft
no window holds is written by `save_typed_into`, under its lock.)"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from hostdesk.core import timer
from hostdesk.storage.autosave import AutosavePolicy
from hostdesk.storage.draft_lock import DraftLock, Holder
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.errors import StorageError

if TYPE_CHECKING:  # the window paints before pydantic loads
    from hostdesk.core.model import Meeting, PublishRecord

Listener = Callable[[str], None]
Stamp = tuple[int, int, int]

# What a change is called when it is told: the meeting was opened, or replaced by a
# result; its notes, header, attendees, plan, timers or publish record changed; the
# host moved to another section; it was saved.
CHANGES = (
    "opened", "replaced", "notes", "header", "attendees", "plan", "timers", "published", "section", "saved",
)


class OpenMeeting:
    """Holds the meeting the host edits. Listeners get the name of each change (see
    CHANGES). Nothing else saves its draft; `save` first takes in what another process
    wrote to the file meanwhile (a publish record) instead of erasing it."""

    def __init__(self, store: DraftStore, clock: Callable[[], float]) -> None:
        self.store, self.clock = store, clock
        self.autosave = AutosavePolicy(clock)
        self._meeting: Meeting | None = None
        self._placeholder: Meeting | None = None
        self._queued: list[Callable[[], None]] = []  # timer keys pressed before a meeting was open
        self._held: Callable[[], None] | None = None  # typing an editor has yet to hand over
        self._listeners: list[Listener] = []
        self._lock: DraftLock | None = None
        self._stamp: Stamp | None = None
        self.read_only = ""  # why this window may not write the draft, or ""
        self.held_elsewhere = False  # read-only because another window holds the draft
        self.current = 0  # the section the host is in

    # -- listening

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _tell(self, change: str) -> None:
        for listener in list(self._listeners):
            listener(change)

    # -- what is open

    @property
    def is_open(self) -> bool:
        return self._meeting is not None

    @property
    def meeting(self) -> Meeting:
        self.settle()
        if self._meeting is None:
            # None open yet (a button pressed before start-up's meeting has come): an
            # empty one to read, never saved, and not held, so that meeting still opens.
            if self._placeholder is None:
                from hostdesk.core.model import Meeting

                self._placeholder = Meeting()
            return self._placeholder
        return self._meeting

    @property
    def as_is(self) -> Meeting:
        """The meeting without first taking in typing an editor holds (see `hold`): for
        what a tick or a save repaints (the clocks, the title, the publish state), which
        reading the meeting would otherwise make a read of a huge section each time."""
        return self._meeting if self._meeting is not None else self.meeting

    def open(self, meeting: Meeting, section: int = 0, keep: bool = False) -> None:
        """Hold `meeting` (its draft locked for this owner) and tell everyone. A new
        meeting is saved once touched, or at once if `keep` (the host asked for it)."""
        self.close()
        self._meeting = meeting
        self._lock = DraftLock(lock_path(self.store, meeting.id))
        try:
            holder = self._lock.acquire()
        except StorageError:
            holder = None  # a folder that takes no writes: saving will say so

        newer = self.store.read_only_reason(meeting.id)
        self.held_elsewhere = holder is not None and not newer
        self.read_only = newer or (holder_reason(holder) if holder else "")
        self._stamp = self._disk_stamp()
        self.autosave = AutosavePolicy(self.clock)
        self.current = section if 0 <= section < len(meeting.sections) else 0
        if keep:
            self.autosave.changed()
        self._tell("opened")
        queued, self._queued = self._queued, []
        for act in queued:
            act()

    def released(self) -> Meeting | None:
        """Read-only because another window held the draft: once that window has let go
        (closed, or died), the draft as it left it on disk, to open and edit here. None
        while it still holds it; cheap, so the window asks on every tick."""
        if self._meeting is None or not self.held_elsewhere or self._lock is None:
            return None
        try:
            if self._lock.acquire() is not None:
                return None
            return self.store.load(self._meeting.id)
        except StorageError:
            return None

    def close(self) -> None:
        """Save what is unsaved and let go of the draft."""
        self.settle()
        if self._meeting is None:
            return
        if self.autosave.dirty:
            self.save()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # -- changes

    def hold(self, hand_over: Callable[[], None]) -> None:
        """The notes editor has typing it has not handed over yet (reading a huge section
        whole on every keystroke would hold the window): `hand_over` hands it over with
        `edit`, and runs before anything reads (but `as_is`), edits, saves or closes the
        meeting. A view that changes notes in place must `settle` first."""
        if self._meeting is None or self.read_only:
            return
        self._held = hand_over
        self.autosave.changed()  # unsaved from this keystroke on, as if handed over

    @property
    def holding(self) -> bool:
        """Whether an editor holds typing it has not handed over (see `hold`)."""
        return self._held is not None

    def settle(self) -> None:
        """Hand over held typing now (see `hold`)."""
        held, self._held = self._held, None
        if held is not None:
            held()

    def edit(self, change: str, apply: Callable[[Meeting], object] | None = None) -> None:
        """Change the live meeting (or say it was changed in place) and tell everyone."""
        self.settle()
        if self._meeting is None or self.read_only:
            return
        if apply is not None:
            apply(self._meeting)
        self.autosave.changed()
        self._tell(change)

    def go_to(self, row: int, start_on_enter: bool = False) -> bool:
        """Move the host to another section; its timer takes over if one was running."""
        sections = self.meeting.sections
        if not 0 <= row < len(sections) or row == self.current:
            return False
        if self.autosave.dirty:
            self.save()  # at once on section switch
        running = timer.running_index(self.meeting)
        self.current = row
        self._tell("section")
        if start_on_enter and running is not None and running != row:
            self.edit("timers", lambda m: timer.run_only(m, row, self.clock(), done=running))
        return True

    def _once_open(self, act: Callable[[], None]) -> bool:
        """Whether a meeting is open; if not (Start pressed in the first frame, before
        start-up's meeting has come), `act` runs once one is."""
        if self._meeting is None:
            self._queued.append(act)
        return self._meeting is not None

    def toggle_timer(self) -> None:
        if not self._once_open(self.toggle_timer):
            return
        if self.meeting.sections:
            running = timer.running_index(self.meeting)
            row = None if running == self.current else self.current
            self.edit("timers", lambda m: timer.run_only(m, row, self.clock()))

    def next_section(self, start_on_enter: bool = True) -> None:
        """Finish the current section and start the next (if there is one)."""
        if not self._once_open(lambda: self.next_section(start_on_enter)) or not self.meeting.sections:
            return
        following = self.current + 1 if self.current + 1 < len(self.meeting.sections) else None
        self.edit("timers", lambda m: timer.run_only(m, following, self.clock(), done=self.current))
        if following is not None:
            self.go_to(following)

    # -- saving

    @property
    def touched(self) -> bool:
        """Whether there is anything to keep: a draft on disk, or edits to a new meeting
        (typing an editor holds counts: `hold` marks the autosave)."""
        return self.autosave.dirty or self._stamp is not None

    def save(self, take_typing: bool = True) -> bool:
        """Write the draft (StorageError says why not). A meeting never touched, or one
        this owner may only read, is not written; False then. `take_typing` False: the
        meeting as it is, leaving typing an editor holds (see `hold`) unsaved for the next."""
        if take_typing:
            self.settle()
        if self._meeting is None or self.read_only or not self.touched:
            return False
        self._take_in_disk()
        self.store.save(self._meeting)
        self._stamp = self._disk_stamp()
        self.autosave.saved()
        if self.holding:
            self.autosave.changed()
        self._tell("saved")
        return True

    def save_if_due(self) -> bool:
        return self.autosave.due() and self.save()

    def _disk_stamp(self) -> Stamp | None:
        try:
            st = os.stat(self.store.path(self.as_is.id))
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _take_in_disk(self) -> None:
        """Another process wrote the draft since it was read (`hostdesk publish`): keep
        the publish record it wrote, rather than erasing it with ours."""
        stamp = self._disk_stamp()
        if stamp is None or stamp == self._stamp:
            return
        try:
            disk = self.store.read_file(self.store.path(self.as_is.id))
        except (OSError, ValueError, KeyError, TypeError):
            return  # unreadable: what the host sees is what is kept (the old file is backed up)
        self._stamp = stamp
        theirs, ours = disk.published, self.as_is.published
        if theirs is not None and (ours is None or theirs.at > ours.at):
            self.as_is.published = theirs
            self._tell("published")

    # -- background work: a snapshot out, a value back

    def snapshot(self) -> Meeting:
        """A copy for work on another thread, which must never touch the live meeting."""
        return self.meeting.model_copy(deep=True)

    def apply_published(self, meeting_id: str, record: PublishRecord) -> bool:
        """A publish's record, for the meeting as it was sent; typing since then stays,
        and shows as changed since publishing."""
        self.settle()
        if self._meeting is None or self._meeting.id != meeting_id:
            return False
        self._meeting.published = record
        self.autosave.changed()
        self._tell("published")
        self.save()
        return True

    def apply_version(self, base: Meeting, version: Meeting) -> bool:
        """Another version of the meeting (theirs, from GitHub) made from `base`; what the
        host typed since `base` was taken is kept on top of it."""
        self.settle()
        if self._meeting is None or self._meeting.id != base.id or self.read_only:
            return False
        merged = keep_typing(base, self._meeting, version)
        for name in type(merged).model_fields:
            setattr(self._meeting, name, getattr(merged, name))
        self.current = min(self.current, max(len(merged.sections) - 1, 0))
        self.autosave.changed()
        self._tell("replaced")
        self.save()
        return True


def keep_typing(base: Meeting, live: Meeting, version: Meeting) -> Meeting:
    """`version` (made from `base`) with what the host changed in `live` since `base`:
    text added after the base stays after the version's text; other edits stay as typed."""
    merged = version.model_copy(deep=True)
    for name in ("heading", "date", "hosts", "attendees", "minutes", "include_timing"):
        if getattr(live, name) != getattr(base, name):
            setattr(merged, name, getattr(live, name))
    before = {s.title: s.notes for s in base.sections}
    by_title = {s.title: s for s in merged.sections}
    for section in live.sections:
        target = by_title.get(section.title)
        if target is None:
            if section.title not in before:  # a section the host added meanwhile
                merged.sections.append(section.model_copy(deep=True))
            continue
        target.timer = section.timer.model_copy()  # the clock ran on meanwhile
        old = before.get(section.title, "")
        if section.notes == old:
            continue
        if section.notes.startswith(old):
            target.notes = target.notes + section.notes[len(old) :]
        else:
            target.notes = section.notes
    return merged


def save_typed_into(store: DraftStore, meeting_id: str, row: int, was: str, notes: str) -> bool:
    """`notes` for a section of a draft no window has open (the first frame's, typed into
    before the host opened another meeting): saved into it, under its lock, if it reads,
    its section still holds `was`, and no window holds it. Whether they were saved."""
    lock = DraftLock(lock_path(store, meeting_id))
    try:
        if lock.acquire() is not None:
            return False
        meeting = store.peek(meeting_id)  # a damaged one stays where it is, for opening it to say so
        if meeting is None or not 0 <= row < len(meeting.sections) or meeting.sections[row].notes != was:
            return False  # or changed on disk since the frame was painted
        meeting.sections[row].notes = notes
        store.save(meeting)
    except StorageError:  # a folder that takes no writes
        return False
    finally:
        lock.release()
    return True


def lock_path(store: DraftStore, meeting_id: str) -> Path:
    return store.folder / f"{meeting_id}.lock"


def held_elsewhere(store: DraftStore, meeting_id: str) -> bool:
    """Whether another live window holds the draft, so that it opens read-only here."""
    holder = DraftLock(lock_path(store, meeting_id)).holder()
    return holder is not None and holder.alive()


def holder_reason(holder: Holder) -> str:
    since = datetime.fromtimestamp(holder.since).strftime("%H:%M") if holder.since else "earlier"
    return (
        f"This meeting is open in another hostdesk window (process {holder.pid}, since {since}); "
        "it opens read-only here so neither window overwrites the other. Close it there to edit here."
    )
