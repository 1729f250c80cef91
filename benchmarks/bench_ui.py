"""The window: spawn to ready, typing at three meeting sizes, a huge paste, memory.

Runs offscreen, each window in its own process (benchmarks/window_child.py), always
alternating with a bare PySide6 window measured the same way in the same run, so that
only ratios are compared across machines. Every window figure is taken with an
event-loop latency probe running: its longest gap is the longest the GUI thread was held.
"""

from __future__ import annotations

import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, measure, notes_file, p99, report

SIZES_KB = (5, 50, 200)
KEYS = 300  # keystrokes per typing run
TYPING_RUNS = 3  # per meeting size: the p99 is over all their keys (the ninth slowest of 900),
# so one second of a busy neighbour on a shared machine does not decide it


def user_dirs(home: Path) -> dict[str, str]:
    """A host's own data and config folders, found the way a host's are (platformdirs,
    from the XDG variables), not through the HOSTDESK_HOME shortcut the tests use."""
    return {"XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}


def child(home: Path, *args: str, timeout: float = 400) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k != "HOSTDESK_HOME"}
    env.update(user_dirs(home), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.window_child", *args],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode or not lines:
        raise RuntimeError(f"{args[0]} did not finish (exit {done.returncode}): {done.stderr.strip()[-600:]}")
    figures: dict[str, Any] = json.loads(lines[-1])
    return figures


def spawn(home: Path, kind: str, *extra: str) -> dict[str, Any]:
    return child(home, kind, repr(time.time()), *extra)


# -- the drafts a host has


def make_home(home: Path) -> tuple[str, str]:
    """A host who imported their series: every meeting of the notes file is a draft, the
    largest open last; the drafts index built, as a host who has used hostdesk has it."""
    os.environ.update(user_dirs(home))
    from hostdesk.core.document import parse
    from hostdesk.core.render import render
    from hostdesk.storage.drafts import DraftStore
    from hostdesk.storage.importing import import_document
    from hostdesk.storage.session import SessionMarker

    name, text = notes_file("contributors-meeting-notes.md")
    meetings = import_document(parse(text), "Contributors")
    store = DraftStore()
    largest = max(meetings, key=lambda m: len(render(m)))
    store.summaries()
    SessionMarker(store.root).closed_cleanly(largest.id)
    return largest.id, f"{len(store.ids())} drafts from {name}; open: {largest.title}"


def sized_meeting(home: Path, base_id: str, kb: int) -> tuple[str, int]:
    """A copy of the open meeting whose busiest section is padded with earlier notes to
    `kb` KB of Markdown in all (at 200 KB: a pasted transcript); opened last."""
    os.environ.update(user_dirs(home))
    from hostdesk.core.render import render
    from hostdesk.storage.drafts import DraftStore
    from hostdesk.storage.session import SessionMarker

    store = DraftStore()
    meeting = store.load(base_id).model_copy(deep=True)
    meeting.id = f"sized{kb}"
    busiest = max(range(len(meeting.sections)), key=lambda i: len(meeting.sections[i].notes))
    filler = [m.sections[0].notes for m in (store.load(i) for i in store.ids()[:60]) if m.sections]
    notes, n = meeting.sections[busiest].notes, 0
    while len(render(meeting)) < kb * 1000:
        notes += "\n" + filler[n % len(filler)]
        meeting.sections[busiest].notes = notes
        n += 1
    store.save(meeting)
    SessionMarker(store.root).closed_cleanly(meeting.id)
    return meeting.id, busiest


# -- the figures


def med(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def line(label: str, figure: str, target: str = "") -> None:
    print(f"{label:58} {figure:34} {target}")


def open_draft(home: Path) -> tuple[Path, bytes]:
    """The file of the draft a home opens at start-up, and what it holds."""
    os.environ.update(user_dirs(home))
    from hostdesk.storage.drafts import DraftStore
    from hostdesk.storage.session import SessionMarker

    store = DraftStore()
    meeting_id = SessionMarker(store.root).last_open()
    assert meeting_id is not None, "the bench's home opens a draft at start-up"
    return store.path(meeting_id), store.path(meeting_id).read_bytes()


def startup(homes: dict[str, Path], runs: int = 11) -> None:
    kinds = [("bare", None), *((f"hostdesk, {name}", home) for name, home in homes.items())]
    found: dict[str, list[dict[str, Any]]] = {kind: [] for kind, _ in kinds}
    any_home = next(iter(homes.values()))
    drafts = {home: open_draft(home) for home in homes.values()}
    for n in range(runs + 2):  # two to warm the file cache
        for kind, home in kinds:
            if home is not None:  # the keys the run before typed and kept are taken out
                path, text = drafts[home]
                path.write_bytes(text)
            figures = spawn(any_home, "bare") if home is None else spawn(home, "ready")
            if n >= 2:
                found[kind].append(figures)
    for path, text in drafts.values():
        path.write_bytes(text)  # the typing and paste runs start from the draft as imported
    bare = med(found["bare"], "paint_ms")
    bare_rss = med(found["bare"], "rss_mb")
    line("bare PySide6 window: spawn to first paint", f"median {bare:6.1f} ms", f"({runs} runs)")
    line("bare PySide6 window: resident memory", f"{bare_rss:6.1f} MB")
    idle = [r["stall_ms"] for r in found["bare"]]
    line("bare PySide6 window: longest stall, idle 400 ms after paint",
         f"median {statistics.median(idle):6.1f} ms, max {max(idle):6.1f}", "(the machine's own noise)")
    ready = {}
    for kind, _home in kinds[1:]:
        runs_ = found[kind]
        ready[kind] = med(runs_, "editable_ms")
        line(f"{kind}: spawn to first paint", f"median {med(runs_, 'paint_ms'):6.1f} ms",
             f"x{med(runs_, 'paint_ms') / bare:.2f} bare")
        line(f"{kind}: spawn to ready (a key typed is painted in the notes)",
             f"median {ready[kind]:6.1f} ms", f"x{ready[kind] / bare:.2f} bare paint; target at most 2")
        line(f"{kind}: spawn to start-up done (the model holds the keys, its jobs have run)",
             f"median {med(runs_, 'ready_ms'):6.1f} ms", f"x{med(runs_, 'ready_ms') / bare:.2f} bare paint")
        line(f"{kind}: keys typed from the first paint, kept in the draft (all runs)",
             f"{sum(r['kept'] for r in runs_)} of {sum(r['pressed'] for r in runs_)}", "target: all")
        line(f"{kind}: longest stall, first paint to start-up done",
             f"median {med(runs_, 'stall_ms'):6.1f} ms, max {max(r['stall_ms'] for r in runs_):6.1f}",
             "target: none over 50 ms")
        at_ready = med(runs_, "editable_rss_mb")
        line(f"{kind}: resident memory, ready", f"{at_ready:6.1f} MB",
             f"x{at_ready / bare_rss:.2f} bare; target 1.5")
        rss = med(runs_, "rss_mb")
        ratio = f"x{rss / bare_rss:.2f} bare; target 1.5"
        line(f"{kind}: resident memory, start-up done", f"{rss:6.1f} MB", ratio)
    print(f"  loaded once start-up is done: {', '.join(found[kinds[1][0]][-1]['loaded'])}")
    print("  resident memory beyond the bare window's, by mapping (start-up done, last run, MB):")
    mine, theirs = found[kinds[1][0]][-1]["mappings"], found["bare"][-1]["mappings"]
    extra = sorted(((mine.get(k, 0.0) - theirs.get(k, 0.0), k) for k in {*mine, *theirs}), reverse=True)
    print("    " + ", ".join(f"{name} {mb:+.1f}" for mb, name in extra[:8]))
    few, many = list(ready.values())[:2]
    line("ready with many drafts / with few", f"x{many / few:.2f}", "target: at most 1.2")
    (few_runs, many_runs) = (found[kind] for kind, _home in kinds[1:3])
    line("start-up done, many drafts / few",
         f"x{med(many_runs, 'ready_ms') / med(few_runs, 'ready_ms'):.2f}")
    collected = [child(any_home, "collect") for _ in range(3)]
    line("a full garbage collection in a ready window",
         f"median {med(collected, 'collect_ms'):6.1f} ms",
         f"({collected[-1]['tracked']:,} objects scanned, {collected[-1]['frozen']:,} frozen at start-up)")


def index(home: Path) -> None:
    """What start-up and the roster cost with the drafts index, against reading every draft."""
    os.environ.update(user_dirs(home))
    from hostdesk.core.roster import Roster
    from hostdesk.storage.drafts import DraftStore

    count = len(DraftStore().ids())
    for label, work in (
        ("list the drafts, from the index", lambda: DraftStore().summaries()),
        ("the roster, from the index", lambda: DraftStore().roster()),
        ("the roster, reading every draft (as the window did)",
         lambda: Roster.from_meetings(DraftStore().load_all())),
    ):
        report(f"{count} drafts: {label}", measure(work, runs=5))


def profile(home: Path) -> None:
    print("  where the time goes, first paint to ready (cumulative, one run under cProfile):")
    for row in spawn(home, "ready", "profile")["profile"]:
        print("   ", row)


Runs = dict[str, list[dict[str, Any]]]  # each mode's runs' figures


def type_into(home: Path, meeting_id: str, section: int, runs: int = TYPING_RUNS) -> Runs:
    """`runs` typing runs each into a bare QPlainTextEdit and into the window, alternating,
    each from the same draft (what a run's autosave kept is put back)."""
    os.environ.update(user_dirs(home))
    from hostdesk.storage.drafts import DraftStore
    from hostdesk.storage.session import SessionMarker

    store = DraftStore()
    draft = store.path(meeting_id).read_bytes()
    found: Runs = {"bare": [], "window": []}
    for _ in range(runs):
        for mode, figures in found.items():
            store.path(meeting_id).write_bytes(draft)
            SessionMarker(store.root).closed_cleanly(meeting_id)
            figures.append(child(home, "typing", meeting_id, str(section), str(KEYS), mode))
    return found


def pooled(runs: list[dict[str, Any]], key: str) -> tuple[float, str]:
    """The p99 over every run's keys, and the range of the runs' own."""
    each = [p99(run[key]) for run in runs if run[key]]
    spread = f" (runs {min(each):.1f}-{max(each):.1f})" if len(each) > 1 else ""
    return p99([ms for run in runs for ms in run[key]]), spread


def typing(home: Path, base_id: str) -> None:
    for kb in SIZES_KB:
        meeting_id, section = sized_meeting(home, base_id, kb)
        found = type_into(home, meeting_id, section)
        bare_p99, _ = pooled(found["bare"], "editor_ms")
        line(f"{kb} KB meeting, bare QPlainTextEdit: key to painted", f"p99 {bare_p99:6.1f} ms")
        runs = found["window"]
        for run in runs:
            if len(run["preview_ms"]) < run["count"]:
                line(f"{kb} KB, window: timed out", f"{len(run['preview_ms'])} of {run['count']} keys shown")
        editor, spread = pooled(runs, "editor_ms")
        line(f"{kb} KB, window: key to character painted",
             f"p99 {editor:6.1f} ms{spread}", "target: under 16 ms")
        if any(run["preview_ms"] for run in runs):
            preview, spread = pooled(runs, "preview_ms")
            line(f"{kb} KB, window: key to preview updated",
                 f"p99 {preview:6.1f} ms{spread}", "target: 16 ms at 5 KB, 100 ms at 200 KB")
        line(f"{kb} KB, window: longest GUI-thread stall", f"{max(r['stall_ms'] for r in runs):7.1f} ms")


def transcript_meeting(home: Path, base_id: str) -> tuple[str, int]:
    """A copy of the open meeting with a 10 MB transcript pasted into its busiest section."""
    os.environ.update(user_dirs(home))
    from benchmarks.window_child import transcript
    from hostdesk.storage.drafts import DraftStore
    from hostdesk.storage.session import SessionMarker

    store = DraftStore()
    meeting = store.load(base_id).model_copy(deep=True)
    meeting.id = "transcript"
    busiest = max(range(len(meeting.sections)), key=lambda i: len(meeting.sections[i].notes))
    meeting.sections[busiest].notes += "\n" + transcript()
    store.save(meeting)
    SessionMarker(store.root).closed_cleanly(meeting.id)
    return meeting.id, busiest


def typing_after_paste(home: Path, base_id: str) -> None:
    """Typing on at the end of a section that holds a 10 MB transcript."""
    from hostdesk.ui.section_pane import HAND_OVER_LATEST_MS, HAND_OVER_PAUSE_MS

    meeting_id, section = transcript_meeting(home, base_id)
    found = type_into(home, meeting_id, section, runs=1)
    bare_p99 = p99(found["bare"][0]["editor_ms"])
    line("10 MB section, bare QPlainTextEdit: key to painted", f"p99 {bare_p99:6.1f} ms")
    figures = found["window"][0]
    line("10 MB section, window: key to character painted",
         f"p99 {p99(figures['editor_ms']):6.1f} ms (median {statistics.median(figures['editor_ms']):.1f})")
    if figures["preview_ms"]:
        line("10 MB section, window: key to preview updated",
             f"p99 {p99(figures['preview_ms']):6.1f} ms",
             f"typing handed over {HAND_OVER_PAUSE_MS} ms into a pause, or after {HAND_OVER_LATEST_MS} ms")
    line("10 MB section, window: longest GUI-thread stall", f"{figures['stall_ms']:7.1f} ms",
         "target: at most 100 ms")


def pastes(home: Path, base_id: str) -> None:
    from hostdesk.storage.drafts import DraftStore
    from hostdesk.storage.session import SessionMarker

    os.environ.update(user_dirs(home))
    store = DraftStore()
    draft = store.path(base_id).read_bytes()
    for what, label in (("transcript", "10 MB paste"), ("nested", "2,000-level nested list")):
        for mode, how in (("window", "window"),):
            store.path(base_id).write_bytes(draft)  # the paste before was autosaved
            SessionMarker(store.root).closed_cleanly(base_id)
            try:
                figures = child(home, "paste", base_id, what, mode, timeout=360)
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                line(f"{label}, {how}", f"failed: {str(exc)[:60]}")
                continue
            kept = "" if figures["notes_kept"] else "  NOTES LOST"
            line(f"{label}, {how}: longest stall",
                 f"{figures['stall_ms']:8.1f} ms (settled {figures['settled_ms'] / 1000:.1f} s)",
                 "target: at most 100 ms" + kept)
            line(f"{label}, {how}: peak memory",
                 f"{figures['peak_mb']:6.0f} MB (from {figures['rss_before_mb']:.0f} MB)")


IMPORT_COST = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
def rss():
    for l in open("/proc/self/status"):
        if l.startswith("VmRSS:"):
            return int(l.split()[1]) / 1024
from hostdesk.ui.feature_hook import keep_no_sources
keep_no_sources()  # as hostdesk does
app = QApplication([]); w = QMainWindow(); w.show(); app.processEvents()
before = rss()
for name in sys.argv[1:]:
    __import__(name)
print(rss() - before)
"""

# What a ready window has loaded beyond a bare one, a group at a time.
GROUPS = [
    ("pydantic", ["pydantic"]),
    ("hostdesk's model on pydantic", ["pydantic", "hostdesk.core.model"]),
    ("httpx", ["httpx"]),
    ("keyring", ["keyring"]),
    ("cmarkgfm + nh3 (the preview)", ["cmarkgfm", "nh3"]),
    ("hostdesk's window modules", ["hostdesk.ui.window"]),
]


def memory(home: Path) -> None:
    env = {**os.environ, **user_dirs(home), "QT_QPA_PLATFORM": "offscreen"}
    print("  what a ready window has loaded beyond a bare one (resident MB, each alone, median of 3):")
    for label, modules in GROUPS:
        costs = [
            float(subprocess.run([sys.executable, "-c", IMPORT_COST, *modules], env=env, cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout)
            for _ in range(3)
        ]
        print(f"    {label:40} +{statistics.median(costs):5.1f} MB")


def run(parts: tuple[str, ...] = ("startup", "typing", "pastes")) -> None:
    """Every part, or only those named (`python -m benchmarks.bench_ui startup`)."""
    import hostdesk

    # As installed for a host: pip writes bytecode at install time and Python on first run.
    # This machine sets PYTHONDONTWRITEBYTECODE, which would otherwise compile every hostdesk
    # module on every start (about 25 ms) and measure something no host sees.
    compileall.compile_dir(Path(hostdesk.__file__).parent, quiet=1)
    compileall.compile_dir(Path(__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        few, many = Path(folder) / "few", Path(folder) / "many"
        base_id, about = make_home(few)
        print(f"({about})")
        shutil.copytree(few, many)
        add_copies(many, 5000)
        if "startup" in parts:
            startup({"50 drafts": few, "5,000 drafts": many})
            profile(many)
            index(many)
            memory(few)
        if "typing" in parts:
            typing(few, base_id)
        if "pastes" in parts:
            pastes(few, base_id)
            typing_after_paste(few, base_id)


def add_copies(home: Path, drafts: int) -> None:
    """Copies of a home's drafts up to `drafts` in all (written as files, not saved one
    by one: no fsync each); the index brought up to date once."""
    os.environ.update(user_dirs(home))
    from hostdesk.storage.drafts import DraftStore

    store = DraftStore()
    sources = [store.path(i).read_text(encoding="utf-8") for i in store.ids()]
    for n in range(drafts - len(sources)):
        copy = json.loads(sources[n % len(sources)])
        copy["meeting"]["id"] = f"copy{n:06d}"
        store.path(f"copy{n:06d}").write_text(json.dumps(copy), encoding="utf-8")
    store.summaries()


if __name__ == "__main__":
    run(tuple(sys.argv[1:]) or ("startup", "typing", "pastes"))
