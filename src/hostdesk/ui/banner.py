"""A notice across the top of the window: crash recovery, a damaged or read-only draft."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton


class Banner(QFrame):
    """A sentence across the top of the window, with up to two actions: crash recovery,
    a damaged draft. Stays until the host acts on it or closes it."""

    def __init__(self) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Notice"))
        row = QHBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.action = QPushButton()
        close = QPushButton(self.tr("Dismiss"))
        close.clicked.connect(self.hide)
        row.addWidget(QLabel("ℹ"))  # noqa: RUF001 - the information sign, meant
        row.addWidget(self.label, 1)
        row.addWidget(self.action)
        row.addWidget(close)
        self._slot: Callable[[], None] | None = None
        self.hide()

    def say(self, text: str, action: tuple[str, Callable[[], None]] | None = None) -> None:
        self.label.setText(text)
        if self._slot is not None:
            self.action.clicked.disconnect(self._slot)
            self._slot = None
        self.action.setVisible(action is not None)
        if action is not None:
            self.action.setText(action[0])
            self._slot = action[1]
            self.action.clicked.connect(self._slot)
        self.show()
