from django.contrib import admin
from django.urls import include, path

from tianping.api import api

admin.site.site_header = "天平 · 系统管理"
admin.site.site_title = "天平"
admin.site.index_title = "系统管理"

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("tianping.accounts.urls")),
    path("courts/", include("tianping.courts.urls")),
    path("cases/", include("tianping.cases.urls")),
    path("dossier/", include("tianping.dossier.urls")),
    path("fees/", include("tianping.filing.urls")),
    path("filings/", include("tianping.filing.urls_filings")),
    path("appointments/", include("tianping.appointments.urls")),
    path("payments/", include("tianping.payments.urls")),
    path("delivery/", include("tianping.delivery.urls")),
    path("portal/", include("tianping.portal.urls")),
    path("hearings/", include("tianping.hearings.urls")),
    path("judgments/", include("tianping.judgments.urls")),
    path("open/", include("tianping.publicity.urls")),
    path("open/search/", include("tianping.search.urls")),
    path("supervision/", include("tianping.supervision.urls")),
    path("credit/", include("tianping.credit.urls")),
    path("notify/", include("tianping.notify.urls")),
    path("", include("tianping.core.urls")),
]
