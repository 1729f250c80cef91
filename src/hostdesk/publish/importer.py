"""Starting from the notes a community already keeps on GitHub: one running file, or a
folder with a file per meeting (`--path FOLDER/`)."""

from __future__ import annotations

from hostdesk.core.document import NotesDocument, parse
from hostdesk.core.model import Target
from hostdesk.publish.client import DEFAULT_API, GitHubClient, no_token
from hostdesk.publish.errors import NotFound
from hostdesk.publish.hosting import Deadline
from hostdesk.publish.publisher import check_target
from hostdesk.publish.service import PUBLISH_DEADLINE
from hostdesk.publish.tokens import find_token
from hostdesk.storage.drafts import DraftStore
from hostdesk.storage.importing import Imported, import_notes, notes_of, text_notes
from hostdesk.storage.settings import SettingsStore


def fetch_notes(repo: str, path: str | None, branch: str, api_url: str) -> tuple[str, Target]:
    """The notes file's text, and the target that publishes back into it."""
    if not path:
        raise NotFound("Give the notes file's path in the repository with --path.")
    target = Target(repo=repo, path=path, branch=branch, api_url=api_url)
    check_target(target)
    token, _ = find_token(api_url)
    if token is None:
        raise no_token()
    with GitHubClient(token, api_url, deadline=Deadline(PUBLISH_DEADLINE)) as client:
        remote = client.read_file(repo, path, branch)
    if remote is None:
        raise NotFound(f"{repo}/{path} was not found: check the path, or whether this token can see it.")
    return remote.text, target


def is_folder(path: str | None) -> bool:
    """`--path minutes/` names a folder of per-meeting files; the repository's root is `/`."""
    return bool(path) and str(path).endswith("/")


def fetch_folder(
    repo: str, folder: str, branch: str, api_url: str
) -> tuple[list[tuple[str, NotesDocument]], Target]:
    """Every Markdown file under the folder, parsed (named from the folder down, so that
    the series' file-naming pattern is learned), and the per-meeting target publishing
    into it, with its index when the folder has a README that holds no meeting."""
    folder = folder.lstrip("/")
    target = Target(repo=repo, path=folder, branch=branch, api_url=api_url, mode="per-meeting")
    check_target(target)
    token, _ = find_token(api_url)
    if token is None:
        raise no_token()
    docs: list[tuple[str, NotesDocument]] = []
    with GitHubClient(token, api_url, deadline=Deadline(PUBLISH_DEADLINE)) as client:
        for path in sorted(p for p in client.list_files(repo, folder, branch) if p.lower().endswith(".md")):
            remote = client.read_file(repo, path, branch)
            if remote is not None:
                docs.append((path[len(folder) :], parse(remote.text, path[len(folder) :])))
    if not docs:
        raise NotFound(f"There is no Markdown file under {folder or 'the root'} of {repo} (on this branch).")
    index = next((name for name, doc in docs if name == "README.md" and not doc.blocks), "")
    return docs, target.model_copy(update={"index_path": folder + index if index else ""})


def import_from_github(
    repo: str,
    path: str | None,
    branch: str = "",
    api_url: str = DEFAULT_API,
    series: str = "",
    store: DraftStore | None = None,
    settings: SettingsStore | None = None,
) -> Imported:
    """Drafts from the notes file a community keeps on GitHub, which becomes the series'
    publish target, with the report of what was read."""
    settings = settings or SettingsStore()
    if is_folder(path):
        docs, target = fetch_folder(repo, str(path), branch, api_url)
        return import_fetched_folder(docs, target, series, store, settings)
    text, target = fetch_notes(repo, path, branch, api_url)
    imported = import_notes(text_notes(text, f"{repo}/{path}"), repo, series, store, settings)
    settings.set_target(imported.series, target)
    return imported


def import_fetched_folder(
    docs: list[tuple[str, NotesDocument]],
    target: Target,
    series: str = "",
    store: DraftStore | None = None,
    settings: SettingsStore | None = None,
) -> Imported:
    """Drafts of a fetched folder's meetings, as one series that publishes back into it."""
    settings = settings or SettingsStore()
    imported = import_notes(notes_of(docs), target.repo, series, store, settings, folder=True)
    settings.set_target(imported.series, target)
    return imported
