"""The first-publish dialog: where the series' notes go on GitHub."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from hostdesk.core.model import Target


class PublishDialog(QDialog):
    def __init__(self, target: Target, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Publish to GitHub"))
        form = QFormLayout(self)
        self.repo = QLineEdit(target.repo)
        self.repo.setPlaceholderText("owner/name")
        self.branch = QLineEdit(target.branch)
        self.branch.setPlaceholderText(self.tr("the default branch"))
        self.path = QLineEdit(target.path)
        self.mode = QComboBox()
        self.mode.addItems(["running", "per-meeting"])
        self.mode.setCurrentText(target.mode)
        self.pull_request = QCheckBox(self.tr("Open a pull request instead of pushing"))
        self.pull_request.setChecked(target.pull_request)
        self.api_url = QLineEdit(target.api_url)
        for label, widget in (
            (self.tr("Repository"), self.repo),
            (self.tr("Branch"), self.branch),
            (self.tr("Notes file"), self.path),
            (self.tr("Mode"), self.mode),
            ("", self.pull_request),
            (self.tr("API URL"), self.api_url),
        ):
            widget.setAccessibleName(label or self.tr("Pull request"))
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def target(self) -> Target:
        return Target(
            repo=self.repo.text().strip(),
            branch=self.branch.text().strip(),
            path=self.path.text().strip() or "README.md",
            mode=self.mode.currentText(),  # type: ignore[arg-type]
            pull_request=self.pull_request.isChecked(),
            api_url=self.api_url.text().strip() or "https://api.github.com",
        )
