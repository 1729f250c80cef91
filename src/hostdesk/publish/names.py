"""Names a host types or a series implies: repositories, branches, paths, slugs, index
lines. Each is checked by the rules of the thing it names before a request is sent."""

from __future__ import annotations

import hashlib
import re
import string
from datetime import date
from urllib.parse import quote

from hostdesk.publish.errors import BadTarget

# GitHub: an owner is 1-39 letters, digits or inner hyphens; a name 1-100 of [A-Za-z0-9._-].
_OWNER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?")
_NAME = re.compile(r"[A-Za-z0-9._-]{1,100}")
# git check-ref-format: no control character, space, ~ ^ : ? * [ \ anywhere.
_REF_FORBIDDEN = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]")
PATH_FIELDS = ("date", "series")


def check_repo(repo: str) -> str:
    owner, _, name = repo.partition("/")
    if not (_OWNER.fullmatch(owner) and _NAME.fullmatch(name)) or name in (".", ".."):
        raise BadTarget(f"“{repo}” is not a repository name of the form owner/name.")
    return repo


def check_branch(branch: str) -> str:
    """A branch name git accepts (`git check-ref-format --branch`); empty means the default."""
    if not branch:
        return branch
    parts = branch.split("/")
    bad = (
        _REF_FORBIDDEN.search(branch)
        or branch.startswith(("-", "/"))
        or branch.endswith(("/", "."))
        or ".." in branch
        or "@{" in branch
        or branch == "@"
        or len(branch.encode()) > 255
        or any(not p or p.startswith(".") or p.endswith(".lock") for p in parts)
    )
    if bad:
        raise BadTarget(f"“{branch}” is not a branch name git accepts; give a plain name such as notes.")
    return branch


def check_path(path: str) -> str:
    """A file inside the repository: relative, no `..`, no empty or hidden-git part."""
    parts = path.split("/")
    if (
        not path
        or "\\" in path
        or re.match(r"^[A-Za-z]:", path)
        or any(p in ("", ".", "..", ".git") for p in parts)
        or re.search(r"[\x00-\x1f\x7f]", path)
        or len(path) > 1024
    ):
        raise BadTarget(f"The path “{path}” leaves the repository; give a path inside it.")
    return path


def format_path(template: str, day: date, series: str) -> str:
    """A per-meeting path from its template, checked after formatting: only {date:…} and
    {series} may appear, so a template cannot reach another API endpoint."""
    out = []
    try:
        pieces = list(string.Formatter().parse(template))
    except ValueError:
        raise BadTarget(f"The path “{template}” has an unmatched brace; use {{date:%Y-%m-%d}}.") from None
    for literal, field, spec, conversion in pieces:
        out.append(literal)
        if field is None:
            continue
        if field not in PATH_FIELDS or conversion or "{" in (spec or "") or (spec and field != "date"):
            raise BadTarget(
                f"The path “{template}” uses “{{{field}}}”; a path may use only "
                "{date:%Y-%m-%d} and {series}."
            )
        out.append(day.strftime(spec or "%Y-%m-%d") if field == "date" else slug(series))
    return check_path("".join(out))


def slug(series: str, fallback: str = "meeting") -> str:
    """A series' name as a file or branch part; names that would reduce to the same
    slug are told apart by a short hash of the name itself."""
    base = re.sub(r"[^a-z0-9]+", "-", series.lower()).strip("-")
    if base == series:
        return base
    digest = hashlib.sha1(series.encode("utf-8")).hexdigest()[:6]
    return f"{base or fallback}-{digest}"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~&])")


def index_line(title: str, link: str) -> str:
    """`* [title](link)` with the title's Markdown escaped and the link percent-encoded."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", title)
    return f"* [{text}]({quote(link, safe='/-._~')})"
