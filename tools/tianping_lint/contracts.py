"""An import-linter contract for Tianping's bounded contexts (architecture.md, convention 7).

A module of context A may import context B only through B's public modules (``services``,
``selectors``, ``enums``): never B's models, views, api or any other internal module.
"""

from __future__ import annotations

from grimp import ImportGraph
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


class ContextBoundaryContract(Contract):
    contexts = fields.ListField(subfield=fields.StringField())
    public_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        root = self.session_options["root_packages"][0]
        contexts = [str(c) for c in self.contexts]  # type: ignore[attr-defined]
        public = {str(m) for m in self.public_modules}  # type: ignore[attr-defined]
        violations = []
        for importer_context in contexts:
            importer_prefix = f"{root}.{importer_context}"
            importers = {importer_prefix} | graph.find_descendants(importer_prefix)
            for importer in sorted(importers):
                for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                    target = self._foreign_context(imported, root, contexts, importer_context)
                    if target and not self._is_public(imported, root, target, public):
                        violations.append((importer, imported))
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    @staticmethod
    def _foreign_context(module: str, root: str, contexts: list[str], own: str) -> str | None:
        parts = module.split(".")
        if len(parts) < 2 or parts[0] != root or parts[1] not in contexts or parts[1] == own:
            return None
        return parts[1]

    @staticmethod
    def _is_public(module: str, root: str, context: str, public: set[str]) -> bool:
        parts = module.split(".")
        return len(parts) >= 3 and parts[2] in public

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, imported in check.metadata["violations"]:
            output.print_error(f"{importer} imports {imported}, which is internal to its context.")
            output.new_line()
