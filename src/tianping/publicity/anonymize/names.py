"""Pseudonyms for person names (domain.md §7): surname + 某; minority names: first character + 某;
two different people who would share a pseudonym are numbered 某1, 某2 …"""

from __future__ import annotations

from collections.abc import Iterable

COMPOUND_SURNAMES = frozenset(
    {
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "轩辕",
        "令狐",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "百里",
        "呼延",
        "澹台",
        "公冶",
        "宗政",
        "濮阳",
        "太史",
        "申屠",
        "钟离",
        "闻人",
        "赫连",
        "万俟",
        "拓跋",
        "第五",
        "东郭",
        "司空",
    }
)

# The common single-character surnames (about 99% of the population).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷"
    "晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆"
    "乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平"
    "计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公"
    "哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)


def surname_of(name: str) -> str:
    """The surname: a compound one (欧阳) whole, else the first character."""
    return name[:2] if name[:2] in COMPOUND_SURNAMES else name[:1]


def looks_like_name(text: str) -> bool:
    """Two to four Chinese characters starting with a known surname."""
    if not 2 <= len(text) <= 4 or not all("\u4e00" <= ch <= "\u9fff" for ch in text):
        return False
    return text[:2] in COMPOUND_SURNAMES or text[:1] in SURNAMES


def is_minority_name(name: str, ethnicity: str = "") -> bool:
    """A transliterated name (阿不都·热合曼) or a person recorded as of a non-Han ethnicity."""
    ethnicity = ethnicity.strip()
    return "·" in name or "•" in name or bool(ethnicity and ethnicity not in ("汉", "汉族"))


def base_pseudonym(name: str, ethnicity: str = "") -> str:
    if is_minority_name(name, ethnicity):
        return name[:1] + "某"
    return surname_of(name) + "某"


def assign_pseudonyms(people: Iterable[tuple[str, str]]) -> dict[str, str]:
    """``(name, ethnicity)`` in order of first appearance → pseudonym; names sharing a base are numbered."""
    ordered: dict[str, str] = {}
    for name, ethnicity in people:
        ordered.setdefault(name, base_pseudonym(name, ethnicity))
    by_base: dict[str, list[str]] = {}
    for name, base in ordered.items():
        by_base.setdefault(base, []).append(name)
    result: dict[str, str] = {}
    for base, names in by_base.items():
        for index, name in enumerate(names, start=1):
            result[name] = base if len(names) == 1 else f"{base}{index}"
    return result
