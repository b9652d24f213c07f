"""The site navigation. Each context registers its entries in its ``AppConfig.ready``."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from django.urls import reverse


@dataclasses.dataclass(frozen=True)
class NavItem:
    label: Any  # a lazy translation string
    url_name: str
    order: int
    visible: Callable[[Any], bool]  # user -> bool
    description: Any = ""


_items: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _items[item.url_name] = item


def items_for(user: Any) -> list[dict[str, Any]]:
    """The entries ``user`` may open, in order, with their resolved URLs."""
    return [
        {"label": item.label, "url": reverse(item.url_name), "name": item.url_name, "description": item.description}
        for item in sorted(_items.values(), key=lambda i: i.order)
        if item.visible(user)
    ]
