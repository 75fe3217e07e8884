"""JSON with each Decimal written as the number it is, never through float (docs/pack.md).

A pack with every area's figures is megabytes over 67 files, so the encoder is orjson (Rust):
a Decimal goes in as a ready-made JSON fragment. The text is exactly what the standard library
writes with ``separators=(",", ":")`` and its default ``ensure_ascii``: one line, no spaces,
every character outside printable ASCII as a ``\\u`` escape. Anything orjson refuses (an integer
beyond 64 bits, a key that is not text, a lone surrogate) is written by the standard library's
encoder, the same text more slowly.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import orjson

_MARK = "\u0000D:"
_MARKED = re.compile('"\\\\u0000D:([-0-9.Ee+]+)"')
#: what json.dumps(ensure_ascii=True) escapes that orjson writes as UTF-8 (DEL and beyond);
#: control characters and quotes orjson already escapes the same way
_NOT_ASCII = re.compile("[^\\x00-\\x7e]")


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


class _Fragments:
    """Each Decimal's JSON text, worked out once per value: a pack's 67 files repeat the
    nation's figures, so most Decimals are seen many times. Equal non-zero Decimals write
    alike (``1.50`` and ``1.5``); zero is not cached, since ``-0`` and ``0`` are equal but
    written differently."""

    def __init__(self) -> None:
        self._seen: dict[Decimal, orjson.Fragment] = {}

    def __call__(self, value: Any) -> orjson.Fragment:
        if not isinstance(value, Decimal):
            raise TypeError(f"{type(value).__name__} is not JSON serialisable")
        if not value:
            return orjson.Fragment(_number(value))
        fragment = self._seen.get(value)
        if fragment is None:
            fragment = self._seen[value] = orjson.Fragment(_number(value))
        return fragment


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # beyond the basic plane: a UTF-16 surrogate pair, as json writes it
    return f"\\u{0xD800 | (code >> 10):04x}\\u{0xDC00 | (code & 0x3FF):04x}"


def _marked(value: Any) -> str:
    if isinstance(value, Decimal):
        return _MARK + _number(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _dumps_stdlib(data: Any) -> str:
    text = json.dumps(data, default=_marked, separators=(",", ":"))
    return _MARKED.sub(lambda m: m.group(1), text)


class ExactWriter:
    """``dumps_exact`` for many documents that share numbers (a pack and its area files)."""

    def __init__(self) -> None:
        self._fragments = _Fragments()
        self._shared: dict[tuple[str, ...], orjson.Fragment] = {}

    def shared(self, key: tuple[str, ...], build: Callable[[], Any]) -> orjson.Fragment:
        """A part many documents hold alike, as its JSON text, built and encoded the first
        time ``key`` is asked for: the documents embed the text as it is."""
        if key not in self._shared:
            self._shared[key] = orjson.Fragment(self.dumps(build()))
        return self._shared[key]

    def dumps(self, data: Any) -> str:
        """``data`` as one line of JSON, Decimals as exact numbers (``Decimal("290897.90")`` is
        written ``290897.9``); ``jq .`` or ``python -m json.tool`` lays it out for reading."""
        try:
            text = orjson.dumps(data, default=self._fragments).decode("utf-8")
        except orjson.JSONEncodeError:
            return _dumps_stdlib(data)
        return text if text.isascii() and "\x7f" not in text else _NOT_ASCII.sub(_escape, text)


def dumps_exact(data: Any) -> str:
    """``data`` as one line of JSON, Decimals as exact numbers (``Decimal("290897.90")`` is
    written ``290897.9``); ``jq .`` or ``python -m json.tool`` lays it out for reading."""
    return ExactWriter().dumps(data)


__all__ = ["ExactWriter", "dumps_exact"]
