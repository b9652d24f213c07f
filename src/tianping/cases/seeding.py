"""Load the type codes and the causes of action from ``cases/data`` (used by a data migration)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tianping.cases.data import case_types, causes
from tianping.cases.enums import CaseCategory

CAUSE_TREES = (
    (CaseCategory.CIVIL, "CIVIL_CAUSES"),
    (CaseCategory.CRIMINAL, "CRIMINAL_CHARGES"),
    (CaseCategory.ADMINISTRATIVE, "ADMINISTRATIVE_CAUSES"),
)


def seed_case_types(case_type_model: Any) -> int:
    existing = set(case_type_model.objects.values_list("code", flat=True))
    rows = [case_type_model(**entry) for entry in case_types.CASE_TYPES if entry["code"] not in existing]
    case_type_model.objects.bulk_create(rows)
    return len(rows)


def seed_causes(cause_model: Any) -> int:
    """Insert every tree level by level (parents first); existing codes are left alone."""
    added = 0
    for category, attribute in CAUSE_TREES:
        tree = getattr(causes, attribute, [])
        existing = {c.code: c for c in cause_model.objects.filter(category=category)}
        added += _insert_level(cause_model, category, tree, None, 1, "", existing)
    return added


def _insert_level(
    model: Any,
    category: str,
    nodes: Iterable[dict[str, Any]],
    parent: Any,
    level: int,
    path: str,
    existing: dict[str, Any],
) -> int:
    added = 0
    for sort, node in enumerate(nodes):
        path_name = f"{path} / {node['name']}" if path else node["name"]
        cause = existing.get(node["code"])
        if cause is None:
            cause = model.objects.create(
                category=category, code=node["code"], name=node["name"], parent=parent, level=level,
                path_name=path_name[:300], sort=sort,
            )  # fmt: skip
            added += 1
        added += _insert_level(model, category, node.get("children", []), cause, level + 1, path_name, existing)
    return added
