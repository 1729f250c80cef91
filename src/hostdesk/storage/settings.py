"""User settings: the series with their templates and publish targets, and preferences."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from hostdesk.core.model import Target, Template
from hostdesk.storage.atomic import locked, write_atomic
from hostdesk.storage.errors import StorageError
from hostdesk.storage.paths import config_root

SETTINGS_VERSION = 1


class Preferences(BaseModel):
    start_timer_on_enter: bool = True
    warn_at: list[float] = Field(default_factory=lambda: [0.8, 1.0])
    sound: bool = False
    include_timing: bool = False


class Settings(BaseModel):
    """Never holds the token: that lives in the keyring or the environment."""

    schema_version: int = SETTINGS_VERSION
    series: dict[str, Template] = Field(default_factory=dict)
    current_series: str = ""
    preferences: Preferences = Field(default_factory=Preferences)


def builtin_templates() -> dict[str, Template]:
    """The agenda templates shipped inside the package."""
    folder = resources.files("hostdesk") / "resources" / "templates"
    found = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            template = Template.model_validate_json(entry.read_text(encoding="utf-8"))
            found[template.name] = template
    return found


class SettingsStore:
    def __init__(self, root: Path | None = None) -> None:
        self.path = (root or config_root()) / "settings.json"

    def load(self) -> Settings:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Settings()
        except OSError as exc:
            raise StorageError(f"Could not read {self.path}: {exc.strerror}.") from exc
        try:
            return Settings.model_validate(json.loads(raw))
        except (ValueError, ValidationError):
            aside = self.path.with_suffix(".damaged.json")
            self.path.replace(aside)
            raise StorageError(
                f"The settings file {self.path} could not be read; it was kept as "
                f"{aside.name} and defaults are used."
            ) from None

    def save(self, settings: Settings) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(self.path, settings.model_dump_json(indent=2).encode("utf-8"))

    def update(self, change: Callable[[Settings], object]) -> Settings:
        """Read, change and write the settings under their lock: an import or a publish
        in a terminal changing them at the same time loses nothing of either."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with locked(self.path):
            settings = self.load()
            change(settings)
            self.save(settings)
        return settings

    def set_target(self, series: str, target: Target) -> None:
        """Remember where a series publishes, creating the series if it is new."""

        def point(settings: Settings) -> None:
            settings.series.setdefault(series, Template(name=series)).target = target

        self.update(point)

    def target(self, series: str) -> Target:
        """Where a series publishes; an empty target when it has none yet."""
        template = self.load().series.get(series)
        return template.target if template and template.target else Target()

    def template(self, name: str) -> Template:
        """A series' template, or a built-in one, by name (case-insensitive)."""
        known = {**builtin_templates(), **self.load().series}
        for key, template in known.items():
            if key.casefold() == name.casefold():
                return template
        names = ", ".join(sorted(known))
        raise StorageError(f"There is no template “{name}”; known templates: {names}.")
