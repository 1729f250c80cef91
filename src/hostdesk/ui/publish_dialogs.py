"""The dialogs of publishing: where the notes go (with the token checked live), and
what to do when someone edited this meeting's notes on GitHub."""

from __future__ import annotations

import logging

from PySide6.QtGui import QColor, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from hostdesk.core.model import Target
from hostdesk.publish.client import DEFAULT_API
from hostdesk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class PublishDialog(QDialog):
    """Repository, branch, notes file, mode, and the token, checked against GitHub."""

    def __init__(self, target: Target, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.setWindowTitle(self.tr("Publish to GitHub"))
        self.setMinimumWidth(480)
        form = QFormLayout(self)
        self.repo = QLineEdit(target.repo)
        self.repo.setPlaceholderText("owner/name")
        self.branch = QLineEdit(target.branch)
        self.branch.setPlaceholderText(self.tr("the default branch"))
        self.path = QLineEdit(target.path)
        self.path.setToolTip(
            self.tr("One file per meeting may name it by date: minutes/{date:%Y-%m-%d}.md")
        )
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Add each meeting to this one notes file"), "running")
        self.mode.addItem(self.tr("One file per meeting"), "per-meeting")
        self.mode.setCurrentIndex(max(0, self.mode.findData(target.mode)))
        self.index_path = QLineEdit(target.index_path)
        self.index_path.setPlaceholderText(self.tr("optional, with one file per meeting"))
        self.index_path.setToolTip(self.tr("A file that lists the meetings, e.g. minutes/README.md"))
        self.index_path.setEnabled(target.mode == "per-meeting")
        self.mode.currentIndexChanged.connect(
            lambda: self.index_path.setEnabled(self.mode.currentData() == "per-meeting")
        )
        self.pull_request = QCheckBox(self.tr("Open a pull request instead of pushing"))
        self.pull_request.setChecked(target.pull_request)
        self.api_url = QLineEdit(target.api_url)
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("leave empty to use the stored token"))
        self.check_button = QPushButton(self.tr("Check token"))
        self.check_button.clicked.connect(self.check)
        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        for label, widget in (
            (self.tr("Repository"), self.repo),
            (self.tr("Branch"), self.branch),
            (self.tr("Notes file"), self.path),
            (self.tr("Mode"), self.mode),
            (self.tr("Index file"), self.index_path),
            ("", self.pull_request),
            (self.tr("API URL"), self.api_url),
            (self.tr("Token"), self.token),
            ("", self.check_button),
            ("", self.check_label),
        ):
            widget.setAccessibleName(label or widget.__class__.__name__)
            form.addRow(label, widget)
        self.pull_request.setAccessibleName(self.tr("Pull request"))
        self.check_button.setAccessibleName(self.tr("Check token"))
        self.check_label.setAccessibleName(self.tr("Token check result"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Publish"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def target(self) -> Target:
        return Target(
            repo=self.repo.text().strip(),
            branch=self.branch.text().strip(),
            path=self.path.text().strip() or "README.md",
            mode=self.mode.currentData(),
            index_path=self.index_path.text().strip(),
            pull_request=self.pull_request.isChecked(),
            api_url=self.api_url.text().strip() or DEFAULT_API,
        )

    def typed_token(self) -> str:
        return self.token.text().strip()

    def check(self) -> None:
        """Ask GitHub, off the GUI thread, whose token this is and whether it can push."""
        target, typed = self.target(), self.typed_token()
        self.check_label.setText(self.tr("Checking…"))

        def work() -> list[str]:
            from hostdesk.publish.secrets import Token
            from hostdesk.publish.service import check_token

            return check_token(target.api_url, [target.repo], Token(typed) if typed else None).lines()

        self.tasks.run(work, lambda lines: self.check_label.setText("\n".join(lines)), self.check_failed)

    def check_failed(self, exc: Exception) -> None:
        from hostdesk.publish.errors import PublishError
        from hostdesk.publish.secrets import shown

        if isinstance(exc, PublishError):
            self.check_label.setText("✗ " + shown(str(exc)))
        else:
            log.error("the token check failed unexpectedly", exc_info=exc)
            self.check_label.setText("✗ " + self.tr("The check failed (details are in hostdesk.log)."))


def only_in(text: str, other: str) -> list[int]:
    """Line numbers of `text` that `other` does not have, by a line diff."""
    import difflib

    matcher = difflib.SequenceMatcher(a=text.split("\n"), b=other.split("\n"), autojunk=False)
    return [i for tag, a0, a1, _, _ in matcher.get_opcodes() if tag != "equal" for i in range(a0, a1)]


def mark_lines(view: QPlainTextEdit, lines: list[int]) -> None:
    """A tinted background on the given lines (colour plus the label's words say why)."""
    marks = []
    for number in lines:
        mark = QTextEdit.ExtraSelection()
        mark.format.setBackground(QColor(242, 177, 52, 90))
        mark.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        mark.cursor = QTextCursor(view.document().findBlockByNumber(number))
        marks.append(mark)
    view.setExtraSelections(marks)


class ConflictDialog(QDialog):
    """Both versions of the meeting side by side; the host chooses which one wins."""

    KEEP_MINE, TAKE_THEIRS, PULL_REQUEST = 10, 11, 12

    def __init__(self, message: str, mine: str, theirs: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edited on GitHub"))
        self.resize(900, 520)
        grid = QGridLayout(self)
        note = QLabel(message)
        note.setWordWrap(True)
        grid.addWidget(note, 0, 0, 1, 2)
        self.views = []
        for column, (label, text, other) in enumerate(
            ((self.tr("Yours (the draft)"), mine, theirs), (self.tr("On GitHub"), theirs, mine))
        ):
            grid.addWidget(QLabel(f"<b>{label}</b> " + self.tr("(lines that differ are tinted)")), 1, column)
            view = QPlainTextEdit(text)
            view.setReadOnly(True)
            view.setAccessibleName(label)
            mark_lines(view, only_in(text, other))
            grid.addWidget(view, 2, column)
            self.views.append(view)
        buttons = QDialogButtonBox()
        self.keep_mine = buttons.addButton(self.tr("Keep mine"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.take_theirs = buttons.addButton(
            self.tr("Take theirs into the draft"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_pull = buttons.addButton(
            self.tr("Open a pull request"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        self.keep_mine.clicked.connect(lambda: self.done(self.KEEP_MINE))
        self.take_theirs.clicked.connect(lambda: self.done(self.TAKE_THEIRS))
        self.open_pull.clicked.connect(lambda: self.done(self.PULL_REQUEST))
        grid.addWidget(buttons, 3, 0, 1, 2)
