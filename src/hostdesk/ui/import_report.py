"""The import report in the window: what an import found and what it left unread.

A view over core.report, saying what `hostdesk import` prints: the summary line first,
then each file's counts and what to check. Text quoted from a file (headings, unread
lines) is shown with its control characters as visible escapes, never acted on.
"""

from __future__ import annotations

from html import escape
from pathlib import PurePosixPath

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from hostdesk.core.report import FileReport, details, file_summary, summary
from hostdesk.publish.secrets import escaped

# Kinds of detail a host should look at; the rest (the style learned) is for information.
_CHECK = ("flagged", "left unread, looks like a date")


def shown(text: str) -> str:
    """File text made safe for rich text: escapes visible, markup inert."""
    return escape(escaped(text))


def report_html(reports: list[FileReport]) -> str:
    parts = []
    for f in reports:
        # One file is named by the title; a folder's files by their path in it.
        name = PurePosixPath(f.name).name if len(reports) == 1 else f.name
        parts.append(f"<p><b>{shown(name)}</b>: {shown(file_summary(f))}</p>")
        items = []
        for kind, text in details(f):
            mark = "⚠ " if kind in _CHECK else ""
            items.append(f"<li>{mark}<i>{shown(kind)}</i>: {shown(text)}</li>")
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
    return "".join(parts)


class ImportReportDialog(QDialog):
    """The report of one import: `headline` (the summary line) above `details` (each
    file's findings), sized to what it holds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Import report"))
        layout = QVBoxLayout(self)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName(self.tr("Import summary"))
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setAccessibleName(self.tr("Import details"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.headline)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def show_report(self, reports: list[FileReport], source: str) -> None:
        self.setWindowTitle(self.tr("Import report: %s") % escaped(source))
        line = summary(reports)
        self.headline.setText(f"<b>{shown(line[:1].upper() + line[1:])}</b>")
        self.details.setHtml(report_html(reports))
        self._fit()
        self.show()  # not modal: the host may read it beside the meeting
        self.raise_()

    def _fit(self) -> None:
        """As wide as a line of the report reads comfortably, as tall as what it holds,
        within the window (longer reports scroll)."""
        width = self.fontMetrics().horizontalAdvance("m") * 80
        document = self.details.document()
        document.setTextWidth(width - 2 * self.details.frameWidth() - 8)
        around = self.sizeHint().height() - self.details.sizeHint().height()
        wanted = around + int(document.size().height()) + 2 * self.details.frameWidth() + 8
        parent = self.parentWidget()
        room = int(parent.height() * 0.8) if parent is not None else 600
        self.resize(width, min(wanted, room))
