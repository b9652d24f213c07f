"""Judgment documents from their kind's template: the kinds table, the text assembly, .docx and PDF."""

from tianping.judgments.rendering.kinds import KINDS, KindSpec, spec_for
from tianping.judgments.rendering.text import Block, DocumentData, blocks, chinese_date, full_text

__all__ = ["KINDS", "Block", "DocumentData", "KindSpec", "blocks", "chinese_date", "full_text", "spec_for"]
