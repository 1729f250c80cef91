"""The preview pane: the meeting as GitHub will show it, following every change. The
Markdown → HTML step is `to_html`, in one place here, so another renderer (off the GUI
thread) replaces `show_meeting` alone."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser

from hostdesk.storage.open_meeting import OpenMeeting
from hostdesk.ui.preview import is_safe_link, to_html

QUIET = ("opened", "section", "saved")  # nothing new to show (opening renders once the window is up)


class PreviewPane(QTextBrowser):
    """Renders the owner's meeting; links open outside, and only safe ones."""

    def __init__(self, owner: OpenMeeting) -> None:
        super().__init__()
        self.owner = owner
        self.opened_links: list[str] = []
        self.setOpenLinks(False)  # links never open inside the pane
        self.anchorClicked.connect(self.open_link)
        self.setAccessibleName(self.tr("Preview"))
        owner.subscribe(lambda change: None if change in QUIET else self.show_meeting())

    def show_meeting(self) -> None:
        from hostdesk.core.render import render

        bar = self.verticalScrollBar()
        keep = bar.value()
        self.setHtml(to_html(render(self.owner.meeting)))
        bar.setValue(keep)

    def open_link(self, url: QUrl) -> None:
        text = url.toString()
        if is_safe_link(text):
            self.opened_links.append(text)
            QDesktopServices.openUrl(url)
