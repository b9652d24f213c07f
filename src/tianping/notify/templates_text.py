"""The texts of notifications. SMS must stay short (one or two 70-character segments).

A *mandatory* template (e.g. service of documents) is sent even to an address that opted
out; everything else respects the opt-out."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.utils.translation import gettext_lazy as _

from tianping.core.errors import ValidationFailed


@dataclasses.dataclass(frozen=True)
class NotificationTemplate:
    key: str
    sms: str
    email_subject: str
    email_body: str
    mandatory: bool = False

    def render(self, context: dict[str, Any]) -> tuple[str, str, str]:
        """(sms text, e-mail subject, e-mail body)."""
        try:
            return (
                self.sms.format(**context),
                self.email_subject.format(**context),
                self.email_body.format(**context),
            )
        except KeyError as exc:
            raise ValidationFailed(
                "通知模板缺少参数", code="template_context_missing", details={"template": self.key, "missing": str(exc)}
            ) from exc


TEMPLATES: dict[str, NotificationTemplate] = {
    t.key: t
    for t in [
        NotificationTemplate(
            key="case_registered",
            sms="【{court}】您的案件已立案，案号{number}，查询码{query_code}。可凭查询码及身份证号后六位查询案件进度。",
            email_subject="【{court}】案件立案通知：{number}",
            email_body=(
                "{name}：\n\n"
                "您好！{court}已对您参与的案件予以立案。\n\n"
                "案号：{number}\n"
                "查询码：{query_code}\n\n"
                "您可凭查询码及身份证号码后六位，通过诉讼服务平台或12368诉讼服务热线查询案件进度。\n"
                "请妥善保管查询码，不要告知他人。\n\n"
                "{court}\n"
                "（本邮件由系统自动发送，请勿直接回复。）\n"
            ),
        ),
        NotificationTemplate(
            key="dossier_reading_decided",
            sms="【{court}】您在案件{number}中的网上阅卷申请{decision}。请登录诉讼服务平台查看。",
            email_subject="【{court}】网上阅卷申请结果：{number}",
            email_body=(
                "{name}：\n\n"
                "您在案件{number}中提交的网上阅卷申请{decision}。\n\n"
                "请登录诉讼服务平台，在案件页面的“电子卷宗”部分查看并阅卷。"
                "阅卷副本均带有阅卷人水印，请勿擅自传播。\n\n"
                "{court}\n"
                "（本邮件由系统自动发送，请勿直接回复。）\n"
            ),
        ),
        # 12368 / key case events (notify context)
        NotificationTemplate(
            key="case_closed",
            sms="【{court}】您参与的案件{number}已于{closed_on}结案。如需了解详情，可凭查询码拨打12368或登录诉讼服务平台查询。",
            email_subject="【{court}】案件结案通知：{number}",
            email_body=(
                "{name}：\n\n您好！您参与的案件{number}已于{closed_on}结案。\n\n"
                "您可凭查询码及身份证号码后六位，通过诉讼服务平台或12368诉讼服务热线查询详情。\n\n"
                "{court}\n（本邮件由系统自动发送，请勿直接回复。）\n"
            ),
        ),
        NotificationTemplate(
            key="hearing_scheduled",
            sms="【{court}】案件{number}定于{when}在{place}开庭，请准时到庭。如有疑问请拨打12368。",
            email_subject="【{court}】开庭通知：{number}",
            email_body=(
                "{name}：\n\n您好！您参与的案件{number}定于{when}在{place}开庭审理，请准时到庭。\n\n"
                "如有疑问，请拨打12368诉讼服务热线。\n\n{court}\n（本邮件由系统自动发送，请勿直接回复。）\n"
            ),
        ),
        NotificationTemplate(
            key="voice_message_reply",
            sms="【{court}】您于{left_on}通过12368的留言已处理：{reply}",
            email_subject="【{court}】12368留言答复",
            email_body="您于{left_on}通过12368的留言已处理：\n\n{reply}\n\n{court}\n",
        ),
        # Online hearings (hearings context): the personal join link of one participant.
        NotificationTemplate(
            key="hearing_join_link",
            sms="【{court}】案件{number}定于{when}在线开庭，请凭本人链接入庭：{link}（链接仅限本人使用，请勿转发）",
            email_subject="【{court}】在线开庭入庭链接：{number}",
            email_body=(
                "{name}：\n\n您好！案件{number}定于{when}在线开庭。请在开庭前30分钟内通过以下个人链接入庭，"
                "入庭时需核验身份：\n\n{link}\n\n链接仅限本人使用，请勿转发；新链接发出后旧链接即失效。\n\n"
                "{court}\n（本邮件由系统自动发送，请勿直接回复。）\n"
            ),
        ),
        NotificationTemplate(
            key="transcript_to_sign",
            sms="【{court}】案件{number}{when}庭审笔录（第{version}版）已提交核对，请通过入庭链接中的“核对庭审笔录”或登录诉讼服务平台核对并签名。",
            email_subject="【{court}】庭审笔录待核对签名：{number}",
            email_body=(
                "{name}：\n\n您好！案件{number}于{when}的庭审笔录（第{version}版）已提交核对。"
                "请通过入庭链接中的“核对庭审笔录”，或登录诉讼服务平台，在庭审页面核对并签名。\n\n"
                "{court}\n（本邮件由系统自动发送，请勿直接回复。）\n"
            ),
        ),
        # Electronic service (delivery context): mandatory, sent even to an opted-out address.
        NotificationTemplate(
            key="document_served",
            sms="【{court}】案件{number}有{count}份法律文书已于{served_at}电子送达，请登录诉讼服务平台“我的送达”查阅。",
            email_subject="【{court}】法律文书送达通知：{number}",
            email_body=(
                "{name}：\n\n您好！根据您确认的送达地址，{court}已于{served_at}向您的诉讼服务平台送达收件箱"
                "电子送达案件{number}的法律文书：\n\n{titles}\n\n"
                "文书到达收件箱之时即为送达时间。请登录诉讼服务平台“我的送达”查阅。\n\n"
                "{court}\n（本邮件由系统自动发送，请勿直接回复。）\n"
            ),
            mandatory=True,
        ),
        # Online filing (filing context): the filer learns of a supplement request or a refusal.
        NotificationTemplate(
            key="filing_decided",
            sms="【{court}】您的网上立案申请（收件编号{receipt}）{outcome}。请登录诉讼服务平台“我的立案”查看。",
            email_subject="【{court}】网上立案审查结果：{receipt}",
            email_body=(
                "{name}：\n\n您好！您向{court}提交的网上立案申请（收件编号{receipt}）{outcome}。\n\n"
                "请登录诉讼服务平台“我的立案”查看详情。\n\n"
                "{court}\n（本邮件由系统自动发送，请勿直接回复。）\n"
            ),
        ),
        # Payments (payments context): a reminder before the payment deadline, a notice after it.
        NotificationTemplate(
            key="payment_due",
            sms="【{court}】您的{purpose}{amount}元（缴费单{number}）须于{due_date}前缴纳，请登录诉讼服务平台“我的缴费”办理。",
            email_subject="【{court}】缴费提醒：{number}",
            email_body=(
                "{name}：\n\n您好！{court}向您开具的{purpose}（{description}）{amount}元，缴费单号{number}，"
                "缴费期限为{due_date}。\n\n请登录诉讼服务平台“我的缴费”在线缴纳，或到诉讼服务中心窗口缴纳。"
                "确有困难的，可在期限内申请缓交、减交或免交。\n\n{court}\n（本邮件由系统自动发送，请勿直接回复。）\n"
            ),
        ),
        NotificationTemplate(
            key="payment_overdue",
            sms="【{court}】您的{purpose}{amount}元（缴费单{number}）已过缴费期限{due_date}仍未缴纳，请尽快缴纳或与法院联系。",
            email_subject="【{court}】逾期未缴费通知：{number}",
            email_body=(
                "{name}：\n\n您好！{court}向您开具的{purpose}（{description}）{amount}元，缴费单号{number}，"
                "已超过缴费期限{due_date}仍未缴纳。\n\n逾期不缴纳诉讼费用的，可能产生相应的法律后果。"
                "请尽快登录诉讼服务平台“我的缴费”缴纳，或与法院联系。\n\n{court}\n（本邮件由系统自动发送，请勿直接回复。）\n"
            ),
        ),
    ]
}


def template_get(key: str) -> NotificationTemplate:
    try:
        return TEMPLATES[key]
    except KeyError as exc:
        raise ValidationFailed("未知的通知模板", code="unknown_template", details={"template": key}) from exc


# What each template is called on staff pages (the delivery log shows these, not the keys).
TEMPLATE_LABELS: dict[str, Any] = {
    "case_registered": _("立案通知"),
    "dossier_reading_decided": _("阅卷申请审批结果"),
    "case_closed": _("结案通知"),
    "hearing_scheduled": _("开庭通知"),
    "hearing_join_link": _("在线开庭入庭链接"),
    "transcript_to_sign": _("庭审笔录待签名"),
    "voice_message_reply": _("12368 留言答复"),
    "document_served": _("电子送达提醒"),
    "filing_decided": _("立案审查结果"),
    "payment_due": _("缴费提醒"),
    "payment_overdue": _("逾期缴费通知"),
}


def template_label(key: str) -> str:
    return str(TEMPLATE_LABELS.get(key, key))
