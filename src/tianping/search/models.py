"""The search index of published judgments.

``IndexedJudgment`` is narrow: the filter, facet and display columns only, so counting and
faceting tens of thousands of matches reads small rows. ``IndexedJudgmentText`` (one to one,
primary key = the judgment's id) holds the long parts: the text (for snippets) and its
segmented form (rjieba, words joined by spaces). The full-text part lives beside them, per
database (see ``engine``):

* SQLite: the FTS5 table ``search_fts`` (unicode61 tokenizer), rowid = ``IndexedJudgment.id``;
* PostgreSQL: the generated column ``search_indexedjudgmenttext.tsv`` =
  ``to_tsvector('simple', tokens)`` with a GIN index, and ``search_indexedjudgmenttext.rank_tsv``,
  the compact vector relevance is computed on (see ``engine.PostgresTsvectorBackend``).

They are created by migrations 0001/0002 for their own vendor only.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tianping.core.models import BaseModel


class FacetGroup(models.Model):
    """One combination of facet values (court, kind, year, cause, category) with their labels.
    Every index row points at its combination, so the five facets and the count of a matched
    set are one ``GROUP BY facet_group_id`` over a covering index, not five columns per row."""

    court_id = models.BigIntegerField(_("法院"))
    court_name = models.CharField(_("法院名称"), max_length=60)
    document_kind = models.CharField(_("文书种类"), max_length=32)
    judgment_year = models.PositiveSmallIntegerField(_("年份"))
    cause_id = models.BigIntegerField(_("案由"), null=True)
    cause_name = models.CharField(_("案由名称"), max_length=100, blank=True)
    case_category = models.CharField(_("案件类别"), max_length=16)

    class Meta:
        verbose_name = _("检索分面组合")
        verbose_name_plural = _("检索分面组合")

    def __str__(self) -> str:
        return f"{self.court_name} {self.document_kind} {self.judgment_year} {self.cause_name}"


class IndexedJudgment(BaseModel):
    publication_id = models.BigIntegerField(_("公开文书"), unique=True)
    title = models.CharField(_("标题"), max_length=200)
    case_number = models.CharField(_("案号"), max_length=64)
    case_number_norm = models.CharField(max_length=64, db_index=True, editable=False)
    court_id = models.BigIntegerField(_("法院"))
    court_name = models.CharField(_("法院名称"), max_length=60)
    court_path = models.CharField(max_length=255, db_index=True)
    court_level = models.CharField(_("审级"), max_length=16, db_index=True)
    region_code = models.CharField(_("行政区划代码"), max_length=6, db_index=True)
    region_name = models.CharField(_("行政区划"), max_length=40)
    case_category = models.CharField(_("案件类别"), max_length=16, db_index=True)
    case_type_code = models.CharField(_("案件类型"), max_length=16, db_index=True)
    cause_id = models.BigIntegerField(_("案由"), null=True, db_index=True)
    cause_name = models.CharField(_("案由名称"), max_length=100, blank=True)
    document_kind = models.CharField(_("文书种类"), max_length=32, db_index=True)
    procedure = models.CharField(_("审判程序"), max_length=32, db_index=True)
    judgment_date = models.DateField(_("裁判日期"), db_index=True)
    judgment_year = models.PositiveSmallIntegerField(_("年份"), db_index=True)
    published_at = models.DateTimeField(_("公开时间"))
    facet_group = models.ForeignKey(
        FacetGroup, on_delete=models.PROTECT, null=True, db_index=False, related_name="+", editable=False
    )

    class Meta:
        ordering = ["-judgment_date", "-id"]
        indexes = [models.Index(fields=["id", "facet_group"], name="search_ij_id_facet_group")]  # covering
        verbose_name = _("检索索引")
        verbose_name_plural = _("检索索引")

    def __str__(self) -> str:
        return f"{self.case_number} {self.title}"


class IndexedJudgmentText(models.Model):
    """The long parts of one index entry, apart so that ``IndexedJudgment`` stays narrow."""

    judgment = models.OneToOneField(
        IndexedJudgment, on_delete=models.CASCADE, primary_key=True, related_name="body", verbose_name=_("检索索引")
    )
    text = models.TextField(_("正文"))
    tokens = models.TextField(editable=False)
    # a copy of judgment.facet_group_id: PostgreSQL groups the matched rows of this table by it
    # in the statement that ranks them, without joining the narrow table (engine)
    facet_group_id = models.BigIntegerField(null=True, editable=False)

    class Meta:
        verbose_name = _("检索索引正文")
        verbose_name_plural = _("检索索引正文")

    def __str__(self) -> str:
        return str(self.judgment_id)
