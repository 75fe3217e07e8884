"""Rendered page bodies, kept per process and keyed by (pack hash, scope, role, URL): the scope
is part of every key, so a body built for one scope is never served to another. The layout
around a body (the signed-in name, the sign-out form's token, the CSP nonce) is rendered for
each request and never cached."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

Key = tuple[str, str, str, str]


class PageCache:
    """A small least-recently-used map of page bodies."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Key, str] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_build(self, key: Key, build: Callable[[], str]) -> str:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        body = build()
        if self.size > 0:
            with self._lock:
                self._items[key] = body
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return body

    def cached_keys(self) -> list[Key]:
        with self._lock:
            return list(self._items)
