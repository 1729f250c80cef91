"""The status bar's one sentence, maybe with a link and the action that fixes it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar

Fix = tuple[str, Callable[[], None]]


class StatusLine:
    """Owns the status bar's permanent parts; `show` replaces the sentence and its extras.
    `open_url` opens the link (the window checks it is a safe one)."""

    def __init__(self, bar: QStatusBar, open_url: Callable[[str], None]) -> None:
        self.bar = bar
        self.link = QLabel()
        self.link.setAccessibleName(bar.tr("Published link"))
        self.link.linkActivated.connect(open_url)
        self.fix = QPushButton()
        self.fix.setAccessibleName(bar.tr("Fix"))
        self._fix_slot: Callable[[], None] | None = None
        for part in (self.link, self.fix):
            part.hide()
            bar.addPermanentWidget(part)

    def message(self) -> str:
        return self.bar.currentMessage()

    def show(self, message: str, link: str = "", fix: Fix | None = None) -> None:
        self.bar.showMessage(message)
        self.link.setVisible(bool(link))
        if link:
            self.link.setText(f'<a href="{link}">{self.bar.tr("Open")}</a>')
            self.link.setToolTip(link)
        self.fix.setVisible(fix is not None)
        if self._fix_slot is not None:
            self.fix.clicked.disconnect(self._fix_slot)
            self._fix_slot = None
        if fix is not None:
            self.fix.setText(fix[0])
            self._fix_slot = fix[1]
            self.fix.clicked.connect(self._fix_slot)
