"""Case type codes (类型代字) of the SPC case-number rules.

Source: 《最高人民法院关于人民法院案件案号的若干规定》 (法〔2015〕137号, in force 2016-01-01) and its
annex 《人民法院案件类型及其代字标准》, with the later SPC adjustments:

* 2016-07-06 《关于调整强制清算与破产案件类型划分的通知》 (in force 2016-08-01): bankruptcy and compulsory
  liquidation left the civil group; 民破 / 民算 were replaced by 清申 破申 清终 破终 清监 破监 强清 破.
  The superseded codes are deliberately not listed.
* 人身安全保护令 (Anti-Domestic-Violence Law, 2016): 民保令.

``sort`` is the four-digit item number of the standard (e.g. 0301 民事一审案件 → 301), so the table sorts in
the order of the annex. Where one code covers several items of the annex (刑核, 民特, 民催, 认港 …), the
entry carries the group name and the number of the first item.

Deliberately left out (not confirmed against the published standard): 刑教 / 刑教解 / 刑教复 / 刑教监
(安置教育) and 民保更 (人身安全保护令变更), which appear only in some court-system code lists.

The dict keys are exactly the fields of ``cases.CaseType``; ``category`` / ``instance`` /
``default_procedure`` use the values of ``cases.enums.CaseCategory`` / ``Instance`` / ``Procedure``.

Mapping conventions used below:

* 依职权 / 申请 / 抗诉 再审审查 (…监 / …申 / …抗) and the supervision reviews of special procedures
  (民特监, 民督监, 刑医监, 刑更监, 清监, 破监, 委赔监, 赔确监) → instance and procedure ``retrial_review``;
  再审 / 重审 (…再, 委赔提, 委赔再) → ``retrial``.
* Special and non-contentious proceedings (刑核, 刑没, 刑医, 刑止, 刑更, 民特, 民催, 民督, 民保令, 法赔,
  委赔, 强清, 破) → instance and procedure ``special``; 行审 / 行审复 → ``special`` with procedure
  ``non_litigation_enforcement``.
* All 执… codes are ``enforcement`` / ``enforcement`` / ``enforcement`` (执保 included: it enforces a
  preservation ruling). 财保 行保 行保复 证保 are ``preservation`` throughout.
* 司法救助 (司救…), judicial assistance with Hong Kong / Macao / Taiwan and abroad, and 司法制裁 → ``other``.
"""

from __future__ import annotations

_FIELDS = ("sort", "code", "name", "category", "instance", "default_procedure")

_ROWS: tuple[tuple[int, str, str, str, str, str], ...] = (
    # 一、管辖案件
    (102, "刑辖", "刑事管辖案件", "jurisdiction", "other", "other"),
    (105, "民辖", "民事管辖案件", "jurisdiction", "other", "other"),
    (109, "民辖终", "民事管辖上诉案件", "jurisdiction", "second", "second_instance"),
    (110, "民辖监", "民事管辖监督案件", "jurisdiction", "retrial_review", "retrial_review"),
    (112, "行辖", "行政管辖案件", "jurisdiction", "other", "other"),
    (114, "行辖终", "行政管辖上诉案件", "jurisdiction", "second", "second_instance"),
    (116, "赔辖", "行政赔偿管辖案件", "jurisdiction", "other", "other"),
    (119, "赔辖终", "行政赔偿管辖上诉案件", "jurisdiction", "second", "second_instance"),
    # 二、刑事案件
    (201, "刑初", "刑事一审案件", "criminal", "first", "ordinary"),
    (202, "刑终", "刑事二审案件", "criminal", "second", "second_instance"),
    (204, "刑监", "刑事依职权再审审查案件", "criminal", "retrial_review", "retrial_review"),
    (205, "刑申", "刑事申诉再审审查案件", "criminal", "retrial_review", "retrial_review"),
    (206, "刑抗", "刑事抗诉再审审查案件", "criminal", "retrial_review", "retrial_review"),
    (207, "刑再", "刑事再审案件", "criminal", "retrial", "retrial"),
    (208, "刑没", "申请没收违法所得案件", "criminal", "special", "special"),
    (209, "刑核", "刑事复核案件", "criminal", "special", "special"),
    (214, "刑医", "申请强制医疗审查案件", "criminal", "special", "special"),
    (215, "刑医解", "解除强制医疗审查案件", "criminal", "special", "special"),
    (216, "刑医复", "强制医疗复议案件", "criminal", "special", "special"),
    (217, "刑医监", "强制医疗监督案件", "criminal", "retrial_review", "retrial_review"),
    (218, "刑止", "停止执行死刑案件", "criminal", "special", "special"),
    (221, "刑止调", "停止执行死刑调查案件", "criminal", "special", "special"),
    (222, "刑止核", "停止执行死刑调查审核案件", "criminal", "special", "special"),
    (224, "刑更", "刑罚与执行变更审查案件", "criminal", "special", "special"),
    (225, "刑更监", "刑罚与执行变更监督案件", "criminal", "retrial_review", "retrial_review"),
    (226, "刑更备", "刑罚与执行变更备案案件", "criminal", "other", "other"),
    (227, "刑他", "其他刑事案件", "criminal", "other", "other"),
    # 三、民事案件
    (301, "民初", "民事一审案件", "civil", "first", "ordinary"),
    (302, "民终", "民事二审案件", "civil", "second", "second_instance"),
    (304, "民监", "民事依职权再审审查案件", "civil", "retrial_review", "retrial_review"),
    (305, "民申", "民事申请再审审查案件", "civil", "retrial_review", "retrial_review"),
    (306, "民抗", "民事抗诉再审审查案件", "civil", "retrial_review", "retrial_review"),
    (307, "民再", "民事再审案件", "civil", "retrial", "retrial"),
    (308, "民撤", "第三人撤销之诉案件", "civil", "first", "ordinary"),
    (309, "民特", "民事特别程序案件", "civil", "special", "special"),
    (323, "民特监", "民事特别程序监督案件", "civil", "retrial_review", "retrial_review"),
    (324, "民催", "催告案件", "civil", "special", "special"),
    (328, "民督", "申请支付令审查案件", "civil", "special", "special"),
    (329, "民督监", "支付令监督案件", "civil", "retrial_review", "retrial_review"),
    (330, "民他", "其他民事案件", "civil", "other", "other"),
    (332, "民保令", "人身安全保护令申请审查案件", "civil", "special", "special"),
    # 四、行政案件
    (401, "行初", "行政一审案件", "administrative", "first", "ordinary"),
    (402, "行终", "行政二审案件", "administrative", "second", "second_instance"),
    (404, "行监", "行政依职权再审审查案件", "administrative", "retrial_review", "retrial_review"),
    (405, "行申", "行政申请再审审查案件", "administrative", "retrial_review", "retrial_review"),
    (406, "行抗", "行政抗诉再审审查案件", "administrative", "retrial_review", "retrial_review"),
    (407, "行再", "行政再审案件", "administrative", "retrial", "retrial"),
    (409, "行审", "非诉行政行为申请执行审查案件", "administrative", "special", "non_litigation_enforcement"),
    (410, "行审复", "非诉行政行为申请执行审查复议案件", "administrative", "special", "non_litigation_enforcement"),
    (411, "行他", "其他行政案件", "administrative", "other", "other"),
    # 五、国家赔偿与司法救助案件
    (502, "行赔初", "行政赔偿一审案件", "compensation", "first", "ordinary"),
    (503, "行赔终", "行政赔偿二审案件", "compensation", "second", "second_instance"),
    (504, "行赔监", "行政赔偿依职权再审审查案件", "compensation", "retrial_review", "retrial_review"),
    (505, "行赔申", "行政赔偿申请再审审查案件", "compensation", "retrial_review", "retrial_review"),
    (506, "行赔抗", "行政赔偿抗诉再审审查案件", "compensation", "retrial_review", "retrial_review"),
    (507, "行赔再", "行政赔偿再审案件", "compensation", "retrial", "retrial"),
    (508, "行赔他", "其他行政赔偿案件", "compensation", "other", "other"),
    (510, "法赔", "法院作为赔偿义务机关自赔案件", "compensation", "special", "special"),
    (511, "委赔", "赔偿委员会审理赔偿案件", "compensation", "special", "special"),
    (512, "委赔监", "司法赔偿监督审查案件", "compensation", "retrial_review", "retrial_review"),
    (513, "赔确监", "赔偿确认申诉审查案件", "compensation", "retrial_review", "retrial_review"),
    (514, "委赔提", "司法赔偿监督上级法院赔偿委员会重审案件", "compensation", "retrial", "retrial"),
    (515, "委赔再", "司法赔偿监督本院赔偿委员会重审案件", "compensation", "retrial", "retrial"),
    (516, "赔他", "其他赔偿案件", "compensation", "other", "other"),
    (518, "司救刑", "刑事司法救助案件", "other", "other", "other"),
    (519, "司救民", "民事司法救助案件", "other", "other", "other"),
    (520, "司救行", "行政司法救助案件", "other", "other", "other"),
    (521, "司救赔", "国家赔偿司法救助案件", "other", "other", "other"),
    (522, "司救执", "执行司法救助案件", "other", "other", "other"),
    (523, "司救访", "涉诉信访司法救助案件", "other", "other", "other"),
    (524, "司救他", "其他司法救助案件", "other", "other", "other"),
    # 六、区际司法协助案件
    (602, "认台", "认可与执行台湾地区法院裁判、仲裁裁决审查案件", "other", "other", "other"),
    (604, "认港", "认可与执行香港特别行政区法院裁判、仲裁裁决审查案件", "other", "other", "other"),
    (606, "认澳", "认可与执行澳门特别行政区法院裁判、仲裁裁决审查案件", "other", "other", "other"),
    (608, "认复", "认可与执行审查复议案件", "other", "other", "other"),
    (609, "认他", "认可与执行审查其他案件", "other", "other", "other"),
    (611, "请台送", "请求台湾地区送达文书审查案件", "other", "other", "other"),
    (612, "请港送", "请求香港特别行政区法院送达文书审查案件", "other", "other", "other"),
    (613, "请澳送", "请求澳门特别行政区法院送达文书审查案件", "other", "other", "other"),
    (614, "台请送", "台湾地区请求送达文书案件", "other", "other", "other"),
    (616, "港请送", "香港特别行政区法院请求送达文书案件", "other", "other", "other"),
    (618, "澳请送", "澳门特别行政区法院请求送达文书案件", "other", "other", "other"),
    (621, "请台调", "请求台湾地区调查取证审查案件", "other", "other", "other"),
    (622, "请港调", "请求香港特别行政区调查取证审查案件", "other", "other", "other"),
    (623, "请澳调", "请求澳门特别行政区法院调查取证审查案件", "other", "other", "other"),
    (624, "台请调", "台湾地区请求调查取证案件", "other", "other", "other"),
    (626, "港请调", "香港特别行政区请求调查取证案件", "other", "other", "other"),
    (628, "澳请调", "澳门特别行政区法院请求调查取证案件", "other", "other", "other"),
    (631, "请移管", "接收在台湾地区被判刑人案件", "other", "other", "other"),
    (632, "助移管", "向台湾地区移管被判刑人案件", "other", "other", "other"),
    (634, "请移赃", "接收台湾地区移交罪赃案件", "other", "other", "other"),
    (635, "助移赃", "向台湾地区移交罪赃案件", "other", "other", "other"),
    # 七、国际司法协助案件
    (702, "协外认", "承认与执行外国法院裁判、仲裁裁决审查案件", "other", "other", "other"),
    (704, "协他", "承认与执行审查其他案件", "other", "other", "other"),
    (706, "协外送", "外国法院请求送达文书案件", "other", "other", "other"),
    (708, "请外送", "请求外国法院送达文书审查案件", "other", "other", "other"),
    (710, "协外调", "外国法院请求调查取证案件", "other", "other", "other"),
    (712, "请外调", "请求外国法院调查取证审查案件", "other", "other", "other"),
    (714, "请外移", "接收在外国被判刑人案件", "other", "other", "other"),
    (715, "协外移", "向外国移管被判刑人案件", "other", "other", "other"),
    (717, "请外引", "请求外国引渡案件", "other", "other", "other"),
    (718, "协外引", "协助外国引渡案件", "other", "other", "other"),
    # 八、司法制裁案件
    (802, "司惩", "司法制裁审查案件", "other", "other", "other"),
    (804, "司惩复", "司法制裁复议案件", "other", "other", "other"),
    # 九、非诉保全审查案件
    (901, "财保", "非诉财产保全审查案件", "preservation", "preservation", "preservation"),
    (902, "行保", "非诉行为保全审查案件", "preservation", "preservation", "preservation"),
    (903, "行保复", "非诉行为保全复议案件", "preservation", "preservation", "preservation"),
    (904, "证保", "非诉证据保全审查案件", "preservation", "preservation", "preservation"),
    # 十、执行类案件
    (1002, "执", "首次执行案件", "enforcement", "enforcement", "enforcement"),
    (1003, "执恢", "恢复执行案件", "enforcement", "enforcement", "enforcement"),
    (1004, "执保", "财产保全执行案件", "enforcement", "enforcement", "enforcement"),
    (1006, "执异", "执行异议案件", "enforcement", "enforcement", "enforcement"),
    (1007, "执复", "执行复议案件", "enforcement", "enforcement", "enforcement"),
    (1008, "执监", "执行监督案件", "enforcement", "enforcement", "enforcement"),
    (1009, "执协", "执行协调案件", "enforcement", "enforcement", "enforcement"),
    (1010, "执他", "其他执行案件", "enforcement", "enforcement", "enforcement"),
    # 十一、强制清算与破产案件
    (1102, "清申", "强制清算申请审查案件", "bankruptcy", "first", "special"),
    (1103, "破申", "破产申请审查案件", "bankruptcy", "first", "special"),
    (1105, "清终", "强制清算上诉案件", "bankruptcy", "second", "second_instance"),
    (1106, "破终", "破产上诉案件", "bankruptcy", "second", "second_instance"),
    (1108, "清监", "强制清算监督案件", "bankruptcy", "retrial_review", "retrial_review"),
    (1109, "破监", "破产监督案件", "bankruptcy", "retrial_review", "retrial_review"),
    (1110, "强清", "强制清算案件", "bankruptcy", "special", "special"),
    (1112, "破", "破产案件", "bankruptcy", "special", "special"),
)

CASE_TYPES: list[dict] = [dict(zip(_FIELDS, row, strict=True)) for row in _ROWS]

# One-character specialized-trial markers (专门审判代字) written between the court code and the type code,
# e.g. （2025）粤73知民初88号. Only 知 (知识产权, introduced by the SPC in 2018 for IP cases) is
# confirmed; 海 / 铁 / 金 / 互 etc. are parts of court codes or court names, not markers.
SPECIALIZED_MARKERS: list[dict] = [
    {"marker": "知", "name": "知识产权"},
]
