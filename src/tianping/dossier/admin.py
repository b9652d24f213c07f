from django.contrib import admin

from tianping.dossier.models import Document, DocumentVersion


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "case", "volume", "category", "source", "created_at")
    list_filter = ("volume", "category", "source")
    search_fields = ("title",)
    raw_id_fields = ("case", "uploaded_by", "current_version")


@admin.register(DocumentVersion)
class DocumentVersionAdmin(admin.ModelAdmin):
    list_display = ("document", "number", "content_type", "size", "pages", "sha256", "created_at")
    search_fields = ("sha256",)
    raw_id_fields = ("document", "uploaded_by")
    readonly_fields = ("sha256", "size", "pages", "content_type", "file")
