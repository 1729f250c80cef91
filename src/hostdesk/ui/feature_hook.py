"""PySide6's import hook, kept from holding every module's source in memory.

Once PySide6 is imported it looks at each module imported after it for the text "PySide6"
(to apply its opt-in `from __feature__ import …` switches), reading the source with
`inspect.getsource`. That keeps every such module's lines in `linecache` for the life
of the process: 8 MB once pydantic and hostdesk's model have loaded, a tenth of the
window's resident memory. Reading the source from the module's loader gives the same
answer and keeps nothing.
"""

from __future__ import annotations

import sys
from types import ModuleType


def uses_pyside(module: ModuleType) -> bool:
    """Whether the module's source mentions PySide6, as PySide's own check answers it."""
    try:
        source = module.__spec__.loader.get_source(module.__name__)  # type: ignore[union-attr]
    except (AttributeError, ImportError, OSError, ValueError):  # no source: as inspect's errors
        return False
    return source is not None and "PySide6" in source


def keep_no_sources() -> bool:
    """Have PySide6 check imported modules with `uses_pyside`. Whether it could: a PySide6
    that no longer has the check is left as it is."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True
