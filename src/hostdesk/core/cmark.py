"""GitHub's parser, cmark-gfm, called so that each rendering frees what it allocated.

The `cmarkgfm` wheel's own helpers never free the parsed tree nor the returned HTML
buffer: about 7 KB lost per render of a 1 KB meeting, so a preview that follows every
keystroke grew by ~20 MB an hour of typing (the soak test found it). Its low-level
functions are used here instead, and the two frees its FFI does not expose are reached
through ctypes: `cmark_node_free`, exported by the same library, and the C library's `free`
for the buffer, which cmark's default allocator took from it.
"""

from __future__ import annotations

import ctypes
import functools
import sys
from collections.abc import Callable, Iterable
from typing import Any


@functools.cache
def _frees() -> tuple[Callable[[int], None], Callable[[int], None]] | None:
    """(free a node tree, free a buffer), or None where they cannot be reached safely."""
    if sys.platform == "win32":  # the wheel's C runtime is not ours to call free in
        return None
    from cmarkgfm import _cmark

    try:
        node_free = ctypes.CDLL(_cmark.__file__).cmark_node_free
        libc_free = ctypes.CDLL(None).free
    except (OSError, AttributeError):
        return None
    for function in (node_free, libc_free):
        function.argtypes, function.restype = [ctypes.c_void_p], None
    return node_free, libc_free


def render_html(text: str, options: int, extensions: Iterable[str]) -> str:
    """HTML for the Markdown, with the named syntax extensions attached."""
    from cmarkgfm import _cmark, cmark

    lib, ffi = _cmark.lib, _cmark.ffi
    cmark.core_extensions_ensure_registered()
    frees = _frees()

    def address(pointer: Any) -> int:
        return int(ffi.cast("uintptr_t", pointer))

    parser = lib.cmark_parser_new(options)
    try:
        for name in extensions:
            extension = cmark.find_syntax_extension(name)
            if extension is None:
                raise ValueError(f"cmark-gfm has no extension named {name}")
            lib.cmark_parser_attach_syntax_extension(parser, extension)
        data = text.encode("utf-8")
        lib.cmark_parser_feed(parser, data, len(data))
        root = lib.cmark_parser_finish(parser)
        try:
            raw = lib.cmark_render_html(root, options, lib.cmark_parser_get_syntax_extensions(parser))
            try:
                return str(ffi.string(raw).decode("utf-8"))
            finally:
                if frees is not None:
                    frees[1](address(raw))
        finally:
            if frees is not None:
                frees[0](address(root))
    finally:
        lib.cmark_parser_free(parser)
