"""Open (Ctrl+O): the drafts, newest meeting first, and importing a notes file from disk
or from the series' repository on GitHub."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hostdesk.core.model import Target
from hostdesk.storage.drafts import DraftStore


class OpenDialog(QDialog):
    """Pick a draft; `chosen` holds its id after accept."""

    def __init__(self, store: DraftStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open a meeting"))
        self.resize(640, 460)
        self.chosen = ""
        layout = QVBoxLayout(self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by date, series or heading"))
        self.filter.setAccessibleName(self.tr("Filter drafts"))
        self.filter.textChanged.connect(self.apply_filter)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Drafts"))
        self.list.itemActivated.connect(lambda _item: self.accept())
        for summary in store.summaries():
            if summary.problem:
                text = f"⚠ {summary.id[:8]} — {self.tr('damaged')}: {summary.problem}"
            else:
                saved = datetime.fromtimestamp(summary.saved_at).strftime("%Y-%m-%d %H:%M")
                state = self.tr("published") if summary.published else self.tr("draft")
                if summary.changed_since_published:
                    state = self.tr("changed since publishing")
                text = f"{summary.title}   ·   {summary.series or '—'}   ·   {state}, saved {saved}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.import_file = QPushButton(self.tr("Import notes file…"))
        self.import_github = QPushButton(self.tr("Import from GitHub…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.import_file, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.import_github, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.filter.setFocus()

    def apply_filter(self, text: str) -> None:
        needle = text.casefold().strip()
        first_shown = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(needle) and needle not in item.text().casefold()
            item.setHidden(hidden)
            if not hidden and first_shown is None:
                first_shown = row
        if first_shown is not None:
            self.list.setCurrentRow(first_shown)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        super().accept()


class GitHubImportDialog(QDialog):
    """Where the community's notes file is on GitHub."""

    def __init__(self, target: Target, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import notes from GitHub"))
        form = QFormLayout(self)
        self.repo = QLineEdit(target.repo)
        self.repo.setPlaceholderText("owner/name")
        self.path = QLineEdit(target.path if target.repo else "")
        self.path.setPlaceholderText(self.tr("e.g. community-meeting-notes.md"))
        self.branch = QLineEdit(target.branch)
        self.branch.setPlaceholderText(self.tr("the default branch"))
        self.api_url = QLineEdit(target.api_url)
        for label, widget in (
            (self.tr("Repository"), self.repo),
            (self.tr("Notes file"), self.path),
            (self.tr("Branch"), self.branch),
            (self.tr("API URL"), self.api_url),
        ):
            widget.setAccessibleName(label)
            # Wide enough for an enterprise API URL or a nested path, read whole.
            widget.setMinimumWidth(widget.fontMetrics().horizontalAdvance("https://github.example.org/api/v3/ ") + 16)
            form.addRow(label, widget)
        # Room for the title too: a window manager cuts a long title in a narrow dialog.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(self.windowTitle()) * 2 + 160)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str, str, str]:
        from hostdesk.publish.client import DEFAULT_API

        api = self.api_url.text().strip() or DEFAULT_API
        return self.repo.text().strip(), self.path.text().strip(), self.branch.text().strip(), api
