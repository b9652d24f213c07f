from django.urls import path

from tianping.filing import views_filings as views

app_name = "filings"

urlpatterns = [
    path("", views.filing_list, name="list"),
    path("new/", views.filing_new, name="new"),
    path("review/", views.review_queue, name="queue"),
    path("<int:filing_id>/", views.filing_detail, name="detail"),
    path("<int:filing_id>/edit/", views.filing_edit, name="edit"),
    path("<int:filing_id>/submit/", views.filing_submit, name="submit"),
    path("<int:filing_id>/withdraw/", views.filing_withdraw, name="withdraw"),
    path("<int:filing_id>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("<int:filing_id>/attachments/<int:attachment_id>/", views.attachment_download, name="attachment_download"),
    path("<int:filing_id>/attachments/<int:attachment_id>/delete/", views.attachment_delete, name="attachment_delete"),
    path("<int:filing_id>/ruling/", views.ruling_download, name="ruling"),
    path("<int:filing_id>/review/", views.review, name="review"),
]
