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
    # Word documents the system generates (judgment documents); never accepted as an upload.
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"


class ErrorCode(models.TextChoices):
    EMPTY_FILE = "empty_file", _("文件为空")
    FILE_TOO_LARGE = "file_too_large", _("文件过大")
    UNSUPPORTED_TYPE = "unsupported_type", _("文件类型不受支持")
    CORRUPT_PDF = "corrupt_pdf", _("PDF 文件已损坏")
    ENCRYPTED_PDF = "encrypted_pdf", _("PDF 文件已加密")
    CORRUPT_FILE = "corrupt_file", _("文件已损坏")


class ReadingStatus(models.TextChoices):
    """States of a reading request (网上阅卷申请); 'expired' is not a state but a granted request past its end."""

    PENDING = "pending", _("待审批")
    GRANTED = "granted", _("已准许")
    REFUSED = "refused", _("不予准许")
    REVOKED = "revoked", _("已撤销")


class ReadingPurpose(models.TextChoices):
    """What an audited read of a document was for."""

    VIEW = "view", _("在线阅读")
    DOWNLOAD = "download", _("下载")


class ReadingErrorCode(models.TextChoices):
    GRANT_REQUIRED = "reading_grant_required", _("需经法官准许方可阅卷")
    DOWNLOAD_NOT_GRANTED = "download_not_granted", _("仅准许在线阅读")
    ORIGINAL_STAFF_ONLY = "original_staff_only", _("原件仅供法院工作人员下载")
    OFD_ON_SITE = "ofd_read_on_site", _("OFD 文件请到法院现场阅卷")
    SECONDARY_NOT_GRANTABLE = "secondary_volume_not_grantable", _("副卷不得准许阅览")
    INVALID_DOCUMENTS = "invalid_documents", _("所选材料无效")
