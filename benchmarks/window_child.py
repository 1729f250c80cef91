"""One window in its own process, for bench_ui: start-up to ready, typing, a huge paste.

Run as `python -m benchmarks.window_child KIND ...`; prints one JSON line of figures.
Every figure is taken with an event-loop latency probe running: a 5 ms timer whose
lateness is how long the GUI thread was held (the longest such gap is the "stall").
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

# Nothing here names PySide's `Qt` namespace before hostdesk's first key: building its
# enums costs ~40 ms, which hostdesk itself defers until after the first paint and key.
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from hostdesk.ui.feature_hook import keep_no_sources

# As hostdesk does from its first import of PySide6: otherwise PySide's import hook keeps
# the source of every module the harness and hostdesk's command line import from here on
# (~2 MB) in the measured process, where a host's `hostdesk` keeps none.
keep_no_sources()

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QPlainTextEdit

PROBE_MS = 5
WATCHED = ("pydantic", "httpx", "keyring", "cmarkgfm", "nh3", "platformdirs")  # loaded when ready?
KEY_EVERY_MS = 33  # a fast typist's burst: 30 characters a second


def rss_mb(field: str = "VmRSS") -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def resident_by_mapping() -> dict[str, float]:
    """Resident MB per mapped file (by its name) and for anonymous memory ("[anon]", the
    Python and Qt heaps and thread stacks): what the process's memory is made of."""
    found: dict[str, float] = {}
    name = "[anon]"
    with open("/proc/self/smaps") as smaps:
        for line in smaps:
            head = line.split(None, 5)
            if len(head) >= 5 and "-" in head[0] and not head[0].endswith(":"):
                path = head[5].strip() if len(head) > 5 else ""
                name = path.rsplit("/", 1)[-1] if path.startswith("/") else "[anon]"
            elif line.startswith("Rss:"):
                found[name] = found.get(name, 0.0) + int(line.split()[1]) / 1024
    return found


def reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")  # Linux: the peak resident size starts again from now
    except OSError:
        pass


class Probe(QObject):
    """Records the longest gap between turns of the event loop, from `arm` on."""

    def __init__(self, on_tick: Callable[[float], None] | None = None) -> None:
        super().__init__()
        self.on_tick = on_tick
        self.timer = QTimer(self)
        self.timer.setInterval(PROBE_MS)
        self.timer.timeout.connect(self._tick)
        self.longest = 0.0
        self.last = 0.0

    def arm(self) -> None:
        # A coarse timer (Qt keeps it within 5 %: a quarter of a millisecond here): a precise
        # one names the Qt namespace, whose enums PySide would build here for the window.
        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, (now - self.last) * 1000 - PROBE_MS)
        self.last = now
        if self.on_tick is not None:
            self.on_tick(now)


class Paints(QObject):
    """Calls back on each paint of the widgets it watches."""

    def __init__(self, on_paint: Callable[[QObject, float], None]) -> None:
        super().__init__()
        self.on_paint = on_paint

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.on_paint(obj, time.perf_counter())
        return False


def key(text: str) -> tuple[QKeyEvent, QKeyEvent]:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeyEvent

    code = Qt.Key.Key_Space if text == " " else Qt.Key(ord(text.upper()))
    return (
        QKeyEvent(QEvent.Type.KeyPress, code, Qt.KeyboardModifier.NoModifier, text),
        QKeyEvent(QEvent.Type.KeyRelease, code, Qt.KeyboardModifier.NoModifier, text),
    )


def press(widget: QObject, text: str) -> None:
    for event in key(text):
        QApplication.sendEvent(widget, event)


# -- spawn to ready


def ready(began: float, profile: bool) -> None:
    """`hostdesk` as a host starts it. From the first paint on, every turn of the event loop
    presses "q" into the notes. Editable is when the first of them is painted in the editor;
    ready_ms when start-up is done: the open draft holds them and every start-up job has
    run; kept, how many of the keys pressed from the first paint on it holds then."""
    import cProfile

    figures: dict[str, Any] = {}
    profiler = cProfile.Profile() if profile else None
    state: dict[str, Any] = {"pressed": 0}

    def tick(now: float) -> None:
        window = state["window"]
        owner = window.owner
        if owner.is_open and owner.meeting.sections:
            kept = owner.meeting.sections[owner.current].notes.count("q") - state["before"]
            if kept > 0 and window.turns.idle:  # and start-up's jobs have all run
                if profiler is not None:
                    profiler.disable()
                figures.update(
                    ready_ms=(time.time() - began) * 1000, stall_ms=probe.longest, rss_mb=rss_mb(),
                    mappings=resident_by_mapping(), pressed=state["pressed"], kept=kept,
                    loaded=sorted(name for name in WATCHED if name in sys.modules),
                )
                QTimer.singleShot(0, QApplication.instance().quit)
                probe.timer.stop()
                return
        # Typed through QtTest, whose key events are made in C++: building them here would
        # name the Qt namespace, whose enums PySide builds in ~40 ms, a cost of the harness's
        # own (a key from the window system needs no Python enum).
        from PySide6.QtTest import QTest

        QTest.keyClicks(window.editor, "q")  # lost while the editor is read-only, kept once it is not
        state["pressed"] += 1
        if "typed" not in state and window.editor.toPlainText().count("q") > state["before"]:
            state["typed"] = True  # its next paint shows it

    probe = Probe(tick)

    def painted(obj: QObject, _at: float) -> None:
        if obj is state.get("viewport"):
            if state.get("typed") and "editable_ms" not in figures:
                figures["editable_ms"] = (time.time() - began) * 1000
                figures["editable_rss_mb"] = rss_mb()
            return
        if "paint_ms" not in figures:
            figures["paint_ms"] = (time.time() - began) * 1000
            figures["paint_rss_mb"] = rss_mb()
            state["before"] = state["window"].editor.toPlainText().count("q")
            if profiler is not None:
                profiler.enable()
            probe.arm()

    paints = Paints(painted)
    real_exec = QApplication.exec

    def exec_watched(*_args: Any) -> int:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMainWindow):
                state["window"] = widget
                widget.installEventFilter(paints)
                state["viewport"] = widget.editor.viewport()  # held: the filter sees this very object
                state["viewport"].installEventFilter(paints)
        return real_exec()

    QApplication.exec = exec_watched  # type: ignore[method-assign]
    from hostdesk.cli import main

    sys.argv = ["hostdesk"]
    try:
        main()
    finally:
        QApplication.exec = real_exec  # type: ignore[method-assign]
    if profiler is not None:
        figures["profile"] = top_functions(profiler)
    print(json.dumps(figures), flush=True)


def top_functions(profiler: Any, count: int = int(os.environ.get("PROFILE_ROWS", "14"))) -> list[str]:
    import pstats

    stats = pstats.Stats(profiler)
    rows = []
    for (path, line, name), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append((cumulative, f"{cumulative * 1000:7.1f} ms  {name} ({path.rsplit('/', 2)[-1]}:{line})"))
    return [text for _, text in sorted(rows, reverse=True)[:count]]


def bare(began: float, idle_ms: int = 400) -> None:
    """A bare PySide6 window: spawn to first paint, its resident memory then, and the
    longest stall of an idle event loop over the next `idle_ms` (this machine's noise)."""
    app = QApplication(sys.argv)
    window = QMainWindow()
    figures: dict[str, Any] = {}
    probe = Probe()

    def idled() -> None:
        figures["stall_ms"] = probe.longest
        app.quit()

    def painted(_obj: QObject, _at: float) -> None:
        if not figures:
            figures.update(paint_ms=(time.time() - began) * 1000, rss_mb=rss_mb())
            figures["mappings"] = resident_by_mapping()
            probe.arm()
            QTimer.singleShot(idle_ms, idled)

    paints = Paints(painted)
    window.installEventFilter(paints)
    window.resize(1280, 800)
    window.show()
    app.exec()
    print(json.dumps(figures), flush=True)


# -- typing


class Typist:
    """Types `count` characters on a schedule, and times each to the editor's paint and
    to the preview's first paint that shows it."""

    def __init__(self, editor: QPlainTextEdit, preview: QObject | None, count: int) -> None:
        self.editor, self.count = editor, count
        self.sentence = "the host types on while the notes preview catches up "
        self.due: list[float] = []  # when each key was pressed
        self.sent = 0
        self.editor_ms: list[float] = []
        self.preview_ms: list[float] = []
        self.preview_version = 0  # keys the preview has been asked to show
        self.pending_paint_version = 0
        self.painted_version = 0
        self.probe = Probe(self.tick)
        self.paints = Paints(self.painted)
        self.editor_viewport = editor.viewport()  # held, so the filter sees this very object
        self.editor_viewport.installEventFilter(self.paints)
        self.preview_viewport = preview
        if preview is not None:
            preview.installEventFilter(self.paints)
        self.started = 0.0
        self.finished: Callable[[], None] = QApplication.instance().quit  # type: ignore[union-attr]

    def begin(self) -> None:
        from PySide6.QtCore import Qt

        self.started = time.perf_counter() + 0.2
        self.due = [self.started + n * KEY_EVERY_MS / 1000 for n in range(self.count)]
        # A key is pressed by a timer due when the typist presses it, as a key from the window
        # system is handled as soon as the GUI thread is free (a key due while the thread is
        # held is pressed late, and counted from when it was due). Polling for due keys at
        # the probe's ticks instead added up to 5 ms of the harness's own to every figure.
        self.keys = QTimer()
        self.keys.setSingleShot(True)
        self.keys.setTimerType(Qt.TimerType.PreciseTimer)
        self.keys.timeout.connect(self.press_due)
        self.keys.start(200)
        self.probe.arm()

    def press_due(self) -> None:
        now = time.perf_counter()
        while self.sent < self.count and self.due[self.sent] <= now:
            self.sent += 1  # first: the key's own preview request counts it
            press(self.editor, self.sentence[(self.sent - 1) % len(self.sentence)])
        if self.sent < self.count:
            self.keys.start(max(0, round((self.due[self.sent] - time.perf_counter()) * 1000)))

    def tick(self, now: float) -> None:
        caught_up = self.preview_viewport is None or self.painted_version >= self.count
        if self.sent >= self.count and len(self.editor_ms) >= self.count and caught_up:
            self.probe.timer.stop()
            QTimer.singleShot(0, self.finished)

    def painted(self, obj: QObject, at: float) -> None:
        if obj is self.editor_viewport:
            while len(self.editor_ms) < self.sent:
                self.editor_ms.append((at - self.due[len(self.editor_ms)]) * 1000)
        elif self.pending_paint_version > self.painted_version:
            for n in range(self.painted_version, self.pending_paint_version):
                self.preview_ms.append((at - self.due[n]) * 1000)
            self.painted_version = self.pending_paint_version

    def preview_set(self, version: int) -> None:
        """The preview's content now reflects the first `version` keys."""
        self.pending_paint_version = max(self.pending_paint_version, version)
        if self.preview_viewport is not None:
            self.preview_viewport.update()  # type: ignore[attr-defined]


def typing(meeting_id: str, section: int, count: int, mode: str) -> None:
    """Typing into the real MainWindow (mode "window", its preview drawn on a worker by its
    PreviewRenderer), or into a bare QPlainTextEdit holding the same notes ("bare")."""
    app = QApplication.instance() or QApplication(sys.argv)
    if mode == "bare":
        from PySide6.QtWidgets import QPlainTextEdit

        from hostdesk.storage.drafts import DraftStore

        window = QMainWindow()
        editor = QPlainTextEdit()
        editor.setPlainText(DraftStore().load(meeting_id).sections[section].notes)
        window.setCentralWidget(editor)
        window.resize(1280, 800)
        window.show()
        editor.moveCursor(editor.textCursor().MoveOperation.End)
        typist = Typist(editor, None, count)
    else:
        window = open_window()
        window.select_section(section)
        window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
        settle(window)
        typist = Typist(window.editor, window.preview.viewport(), count)
        renderer = preview_in_worker(window)
        started: list[int] = []
        real_start = renderer._start

        def start() -> None:
            started.append(typist.sent)  # a render always starts from the latest text
            real_start()

        renderer._start = start  # type: ignore[method-assign]
        renderer.shown.connect(lambda _text: typist.preview_set(started.pop(0)))
    app.processEvents()
    QTimer.singleShot(0, typist.begin)
    QTimer.singleShot(180_000, app.quit)  # a runaway run still ends, and says how far it got
    app.exec()
    print(json.dumps({"editor_ms": typist.editor_ms, "preview_ms": typist.preview_ms, "count": count,
                      "stall_ms": typist.probe.longest, "rss_mb": rss_mb()}), flush=True)
    os._exit(0)  # without saving what was typed: the next run starts from the same draft


def settle(window: Any, limit: float = 10.0) -> None:
    """Until the window's start-up jobs have all run and its preview is drawn: typing is
    timed in an open meeting (start-up's own stalls are what `ready` times)."""
    app = QApplication.instance()
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline and not (window.turns.idle and not window.preview.renderer.busy):
        app.processEvents()  # type: ignore[union-attr]
        time.sleep(0.005)  # (the workers' turn)


def open_window() -> Any:
    """The real MainWindow on the draft open last, with its preview tab in front."""
    from hostdesk.storage.drafts import DraftStore
    from hostdesk.ui.window import MainWindow

    window = MainWindow(store=DraftStore())
    window.start()
    window.show()
    window.tabs.setCurrentWidget(window.preview)
    return window


def preview_in_worker(window: Any) -> Any:
    """The window's own PreviewRenderer: its preview renders on a worker."""
    return window.preview.renderer


def collect() -> None:
    """How long a full garbage collection holds a ready window (the collector runs one now
    and then all meeting long): the open draft up, its start-up jobs done."""
    import gc

    app = QApplication.instance() or QApplication(sys.argv)
    figures: dict[str, Any] = {}

    def measure() -> None:
        started = time.perf_counter()
        gc.collect()
        figures.update(collect_ms=(time.perf_counter() - started) * 1000, tracked=len(gc.get_objects()),
                       frozen=gc.get_freeze_count())
        app.quit()

    window = open_window()
    QTimer.singleShot(1500, measure)
    app.exec()
    window.close()
    print(json.dumps(figures), flush=True)


# -- a huge paste


def transcript(size: int = 10_000_000) -> str:
    """A pasted recording's transcript, `size` characters of it."""
    line = "Speaker 2 (00:14:07): and then we looked at the flaky test again, see https://example.org/x\n"
    return line * (size // len(line))


def paste(meeting_id: str, what: str, mode: str) -> None:
    """Paste `what` (a 10 MB transcript or a 2,000-level nested list) into the open
    section; the longest stall until the preview has caught up, and the peak memory."""
    app = QApplication.instance() or QApplication(sys.argv)
    if what == "transcript":
        payload = transcript()
    else:
        payload = "".join("  " * n + "* deeper\n" for n in range(2000))
    window = open_window()
    app.processEvents()
    done: dict[str, Any] = {}

    def shown(*_args: object) -> None:  # the latest preview: a paste may come in slices
        done["at"] = time.perf_counter()

    preview_in_worker(window).shown.connect(shown)
    probe = Probe()
    before = rss_mb()

    def go() -> None:
        reset_peak()
        done.clear()
        probe.arm()
        done["began"] = time.perf_counter()
        window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
        QApplication.clipboard().setText(payload)
        window.editor.paste()  # Ctrl+V

    def settled() -> None:
        """The paste all in, highlighted, and the preview half a second quiet."""
        editor = window.editor
        busy = getattr(editor, "pasting", False) or getattr(editor.highlighter, "pending", False)
        if "at" in done and not busy and time.perf_counter() - done["at"] > 0.5:
            app.quit()

    watch = QTimer()
    watch.timeout.connect(settled)
    watch.start(50)
    QTimer.singleShot(300, go)
    QTimer.singleShot(300_000, app.quit)
    app.exec()
    print(json.dumps({
        "stall_ms": probe.longest,
        "settled_ms": (done.get("at", time.perf_counter()) - done.get("began", 0.0)) * 1000,
        "rss_before_mb": before, "peak_mb": rss_mb("VmHWM"),
        "notes_kept": len(window.meeting.sections[window.current].notes) >= len(payload),
    }), flush=True)
    os._exit(0)  # without saving the paste: the next run starts from the same draft


def main() -> None:
    kind, *args = sys.argv[1:]
    if kind == "ready":
        ready(float(args[0]), profile=len(args) > 1 and args[1] == "profile")
    elif kind == "bare":
        bare(float(args[0]))
    elif kind == "typing":
        typing(args[0], int(args[1]), int(args[2]), args[3])
    elif kind == "collect":
        collect()
    elif kind == "paste":
        paste(args[0], args[1], args[2])


if __name__ == "__main__":
    main()
