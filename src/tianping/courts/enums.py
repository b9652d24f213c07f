from django.db import models
from django.utils.translation import gettext_lazy as _


class CourtLevel(models.TextChoices):
    SUPREME = "supreme", _("最高人民法院")
    HIGH = "high", _("高级人民法院")
    INTERMEDIATE = "intermediate", _("中级人民法院")
    BASIC = "basic", _("基层人民法院")


class CourtSpecialty(models.TextChoices):
    GENERAL = "", _("普通法院")
    RAILWAY = "railway", _("铁路运输法院")
    MARITIME = "maritime", _("海事法院")
    IP = "ip", _("知识产权法院")
    FINANCIAL = "financial", _("金融法院")
    INTERNET = "internet", _("互联网法院")


class DivisionKind(models.TextChoices):
    FILING = "filing", _("立案")
    CIVIL = "civil", _("民事审判")
    CRIMINAL = "criminal", _("刑事审判")
    ADMINISTRATIVE = "administrative", _("行政审判")
    ENFORCEMENT = "enforcement", _("执行")
    TRIAL_SUPERVISION = "supervision", _("审判监督")
    TRIAL_MANAGEMENT = "management", _("审判管理")
    JUVENILE = "juvenile", _("少年家事")
    OFFICE = "office", _("综合行政")


class StaffPost(models.TextChoices):
    JUDGE = "judge", _("员额法官")
    JUDGE_ASSISTANT = "judge_assistant", _("法官助理")
    CLERK = "clerk", _("书记员")
    ENFORCEMENT_OFFICER = "enforcement_officer", _("执行员")
    BAILIFF = "bailiff", _("司法警察")
    ADMINISTRATIVE = "administrative", _("司法行政人员")


class LeadershipTitle(models.TextChoices):
    NONE = "", _("无")
    PRESIDENT = "president", _("院长")
    VICE_PRESIDENT = "vice_president", _("副院长")
    DIVISION_HEAD = "division_head", _("庭长")
    DEPUTY_DIVISION_HEAD = "deputy_division_head", _("副庭长")
