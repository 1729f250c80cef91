"""Kill -9 a process mid-save, again and again: the draft always loads as a saved version."""

from __future__ import annotations

import multiprocessing
import random
import time
from pathlib import Path

from hostdesk.storage.atomic import clean_temp_files
from hostdesk.storage.drafts import BACKUPS, DraftStore
from tests.storage.saver import large_meeting, save_forever, version

KILLS = 200


def test_kill9_during_saves_never_leaves_a_corrupt_draft(tmp_path: Path) -> None:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.storage.saver"])
    rng = random.Random(20261126)
    base = large_meeting()
    store = DraftStore(tmp_path)
    corrupt = 0
    for _ in range(KILLS):
        ours, theirs = context.Pipe(duplex=False)
        child = context.Process(target=save_forever, args=(str(tmp_path), theirs), daemon=True)
        child.start()
        last = 0
        for _ in range(rng.randint(1, 3)):
            last = ours.recv()
        # Kill at a random point of the next save: spin, never sleep, for 0-3 ms.
        until = time.perf_counter() + rng.random() * 0.003
        while time.perf_counter() < until:
            pass
        child.kill()
        child.join()
        ours.close()
        # The draft and every backup must each be one whole saved version.
        paths = [store.path(base.id)] + [store.backup_path(base.id, k) for k in range(1, BACKUPS + 1)]
        for path in paths:
            if path.exists() or path == paths[0]:
                loaded = DraftStore(tmp_path).read_file(path)
                n = int(loaded.minutes.split()[-1])
                corrupt += not (loaded == version(base, n) and (path != paths[0] or n >= last))
    print(f"kill -9 test: {KILLS} kills, {corrupt} corrupt drafts")
    assert corrupt == 0
    # A later start sweeps the temp files kills left behind, once they are a few minutes old.
    later = time.time() + 600
    DraftStore(tmp_path).save(base)
    clean_temp_files(store.folder, now=later)
    assert not list(store.folder.glob("*.hostdesk-tmp"))
