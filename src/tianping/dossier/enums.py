"""Vocabulary of the electronic dossier: volumes, categories, sources, stored types, error codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Volume(models.TextChoices):
    """正卷 may be read by the parties; 副卷 holds internal deliberation material, never shown to outsiders."""

    MAIN = "main", _("正卷")
    SECONDARY = "secondary", _("副卷")


class Category(models.TextChoices):
    COMPLAINT = "complaint", _("起诉材料")
    EVIDENCE = "evidence", _("证据")
    IDENTITY = "identity", _("身份证明")
    POWER_OF_ATTORNEY = "power_of_attorney", _("授权委托书")
    DEFENCE = "defence", _("答辩材料")
    RULING = "ruling", _("裁判文书")
    RECORD = "record", _("笔录")
    SERVICE_RECEIPT = "service_receipt", _("送达回证")
    DELIBERATION = "deliberation", _("合议笔录及审理报告")
    OTHER = "other", _("其他")


class Source(models.TextChoices):
    FILING = "filing", _("立案材料")
    STAFF_UPLOAD = "staff_upload", _("工作人员上传")
    GENERATED = "generated", _("系统生成")
    PARTY_SUBMISSION = "party_submission", _("当事人提交")


class FileType(models.TextChoices):
    """The stored types, by MIME type; always sniffed from the content bytes."""

    PDF = "application/pdf", "PDF"
    PNG = "image/png", "PNG"
    JPEG = "image/jpeg", "JPEG"
    OFD = "application/ofd", "OFD"


class ErrorCode(models.TextChoices):
    EMPTY_FILE = "empty_file", _("文件为空")
    FILE_TOO_LARGE = "file_too_large", _("文件过大")
    UNSUPPORTED_TYPE = "unsupported_type", _("文件类型不受支持")
    CORRUPT_PDF = "corrupt_pdf", _("PDF 文件已损坏")
    ENCRYPTED_PDF = "encrypted_pdf", _("PDF 文件已加密")
    CORRUPT_FILE = "corrupt_file", _("文件已损坏")
