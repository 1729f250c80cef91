"""Concurrent processes lose nothing: two failing a publish at the same moment both stay
queued; two importing at the same moment both succeed. `make bench` runs 200 trials."""

from __future__ import annotations

import os
from pathlib import Path

from tests.storage.trials import import_trials, publish_trials

# A few dozen real trials keep `make test` quick; HOSTDESK_TRIALS=200 runs the full count.
TRIALS = int(os.environ.get("HOSTDESK_TRIALS", "30"))


def test_two_processes_failing_a_publish_at_once_both_stay_queued(tmp_path: Path) -> None:
    outcome = publish_trials(tmp_path, TRIALS)
    print(f"publish trials: {outcome.trials}, lost entries: {outcome.lost}, {outcome.seconds:.1f} s")
    assert outcome.failed == []
    assert outcome.lost == 0


def test_two_concurrent_imports_both_succeed_and_keep_every_draft_and_series(tmp_path: Path) -> None:
    outcome = import_trials(tmp_path, TRIALS)
    print(f"import trials: {outcome.trials}, failed: {len(outcome.failed)}, lost: {outcome.lost}, "
          f"{outcome.seconds:.1f} s")
    assert outcome.failed == []
    assert outcome.lost == 0
