"""The first frame is painted from a glance at the draft's file, before the model loads: it
must show exactly what the model would, and read the same fields with the same defaults."""

from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QSpinBox
from pytestqt.qtbot import QtBot

from hostdesk.core import timer
from hostdesk.core.model import Meeting, Section, SectionTimer
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.glance import Glance, GlanceSection, GlanceTimer
from hostdesk.ui.tasks import TaskRunner
from hostdesk.ui.window import MainWindow
from tests.clock import FakeClock


def visible(window: MainWindow) -> dict[str, object]:
    """Every widget's text that the first frame shows, by its place in the window."""
    shown: dict[str, object] = {"title": window.windowTitle()}
    for part in (window.header, window.agenda, window.section):
        for kind in (QLabel, QLineEdit, QAbstractButton, QPlainTextEdit, QSpinBox):
            for n, widget in enumerate(part.findChildren(kind)):
                if not widget.isVisibleTo(window):
                    continue
                text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
                if isinstance(widget, QAbstractButton) and widget.isCheckable():
                    text = (text, widget.isChecked())
                shown[f"{type(part).__name__} {kind.__name__}[{n}] {widget.accessibleName()}"] = text
    model = window.sections_model
    shown["agenda"] = [model.data(model.index(r)) for r in range(model.rowCount())]
    return shown


def test_a_glance_paints_what_the_model_paints(qtbot: QtBot) -> None:
    clock = FakeClock()
    meeting = Meeting(
        series="Pond keepers",
        date=date(2024, 5, 2),
        heading="May 2, 2024",
        hosts=["Ada", "Bo / Cy"],
        sections=[
            Section(title="Welcome", planned_minutes=5, notes="* hello"),
            Section(title="**Water** quality", planned_minutes=10, notes="* pH fine", next_time=True),
        ],
    )
    timer.run_only(meeting, 1, clock.now - 200)
    DraftStore().save(meeting)
    painted, opened = (MainWindow(clock=clock, tasks=TaskRunner(inline=True)) for _ in range(2))
    for window in (painted, opened):
        qtbot.addWidget(window)
    glance = DraftStore().glance(meeting.id)
    assert glance is not None
    painted.show_glance(glance)
    opened.open_meeting(DraftStore().load(meeting.id))
    shown = visible(painted)
    assert len(shown) > 15 and "* pH fine" in shown.values()
    assert shown == visible(opened)


def test_the_glance_reads_the_models_fields_with_the_models_defaults() -> None:
    pairs = [(Glance, Meeting), (GlanceSection, Section), (GlanceTimer, SectionTimer)]
    for glance_type, model_type in pairs:
        for field in dataclasses.fields(glance_type):
            assert field.name in model_type.model_fields, f"{glance_type.__name__}.{field.name}"
            if field.default is not dataclasses.MISSING and field.name not in ("id", "published"):
                model_default = model_type.model_fields[field.name].get_default(call_default_factory=True)
                assert field.default == model_default or (field.default == () and model_default == []), field.name
    empty = Meeting(sections=[Section(title="Only")])
    DraftStore().save(empty)
    glance = DraftStore().glance(empty.id)
    assert glance is not None and glance.sections[0] == GlanceSection(title="Only")
    assert (glance.series, glance.date, glance.heading, glance.hosts, glance.published) == ("", None, "", (), False)
