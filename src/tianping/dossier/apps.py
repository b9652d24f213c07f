from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossierConfig(AppConfig):
    name = "tianping.dossier"
    label = "dossier"
    verbose_name = _("电子卷宗")
