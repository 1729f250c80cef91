"""Preferences: when timers start, when they warn, whether they chime."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget

from hostdesk.storage.settings import Preferences


class PreferencesDialog(QDialog):
    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        form = QFormLayout(self)
        self.start_on_enter = QCheckBox(self.tr("Start a section's timer when I move into it"))
        self.start_on_enter.setChecked(prefs.start_timer_on_enter)
        warn = [*sorted(prefs.warn_at), 1.0, 1.0]
        self.first = QSpinBox(minimum=10, maximum=300, suffix=" %")
        self.first.setValue(round(warn[0] * 100))
        self.second = QSpinBox(minimum=10, maximum=300, suffix=" %")
        self.second.setValue(round(warn[1] * 100))
        self.sound = QCheckBox(self.tr("Play a soft sound at each warning"))
        self.sound.setChecked(prefs.sound)
        self.timing = QCheckBox(self.tr("Include planned against actual times in new meetings' notes"))
        self.timing.setChecked(prefs.include_timing)
        for label, widget in (
            ("", self.start_on_enter),
            (self.tr("First warning at"), self.first),
            (self.tr("Second warning at"), self.second),
            ("", self.sound),
            ("", self.timing),
        ):
            widget.setAccessibleName(label or widget.text())
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def preferences(self) -> Preferences:
        return Preferences(
            start_timer_on_enter=self.start_on_enter.isChecked(),
            warn_at=sorted({self.first.value() / 100, self.second.value() / 100}),
            sound=self.sound.isChecked(),
            include_timing=self.timing.isChecked(),
        )
