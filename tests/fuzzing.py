"""Helpers shared by the fuzz tests."""

from __future__ import annotations

from typing import Any


def places(node: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a tree of dicts and lists: where a mutation can land."""
    found: list[tuple[Any, Any]] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, dict):
            found += [(n, k) for k in n]
            stack += list(n.values())
        elif isinstance(n, list):
            found += [(n, i) for i in range(len(n))]
            stack += n
    return found
