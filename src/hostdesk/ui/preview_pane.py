"""The preview pane: the meeting as GitHub will show it, following every change. It asks
core for the HTML through a PreviewRenderer, which renders off the GUI thread and at most
one render at a time, so typing never waits for the preview."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser

from hostdesk.storage.open_meeting import OpenMeeting
from hostdesk.ui.preview import is_safe_link

if TYPE_CHECKING:
    from hostdesk.ui.preview import PreviewRenderer

QUIET = ("opened", "section", "saved")  # nothing new to show (opening renders once the window is up)


class PreviewPane(QTextBrowser):
    """Renders the owner's meeting; links open outside, and only safe ones. `caret` gives
    the position in the notes being typed (a long section previews around it); `inline`
    renders on the calling thread (tests that read the pane right after a change)."""

    def __init__(self, owner: OpenMeeting, caret: Callable[[], int] = lambda: -1, inline: bool = False) -> None:
        super().__init__()
        self.owner = owner
        self.caret = caret
        self.inline = inline
        self._renderer: PreviewRenderer | None = None
        self.opened_links: list[str] = []
        self.setOpenLinks(False)  # links never open inside the pane
        self.anchorClicked.connect(self.open_link)
        self.setAccessibleName(self.tr("Preview"))
        owner.subscribe(self._changed)

    @property
    def renderer(self) -> PreviewRenderer:
        """Made on the first render, so the window's first paint waits for no thread pool."""
        if self._renderer is None:
            from hostdesk.ui.preview import PreviewRenderer, preview_source
            from hostdesk.ui.tasks import TaskRunner

            def source() -> str | Callable[[], str]:
                return preview_source(self.owner.meeting, self.owner.current, self.caret())

            self._renderer = PreviewRenderer(self, source, TaskRunner(inline=True) if self.inline else None)
        return self._renderer

    def _changed(self, change: str) -> None:
        if change in ("opened", "replaced"):
            self.renderer.reset()  # a render under way shows what was open before
        if change not in QUIET:
            self.show_meeting()

    def show_meeting(self) -> None:
        """Bring the pane up to date soon; cheap, so every change may call it."""
        self.renderer.request()

    def open_link(self, url: QUrl) -> None:
        text = url.toString()
        if is_safe_link(text):
            self.opened_links.append(text)
            QDesktopServices.openUrl(url)
