"""The departmental economic classification (部门预算支出经济分类科目) as data.

Class (类, 3 digits) and item (款, 5 digits) levels of the national list that budget lines are
coded against. Each entry says where it comes from:

- ``domain-facts:P|T|J``: listed in shared/reference/domain-facts.md 2.5 with that source
  (P = 普陀区 2026 real disclosures, T = GovBudgetChecker tests, J = a public JS mapping);
- ``national``: the national 部门预算支出经济分类科目 list (the 2018 reform version, class
  and item names as the finance ministry publishes them) and not in domain-facts.

Only codes known with certainty are listed. Later additions a bureau uses (for instance
items added to 303, 313 or 399 in later years' subject lists) are added through the rule
set (``checks.V10.extra_codes``), never guessed here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EconCode:
    code: str
    name: str
    source: str

    @property
    def is_class(self) -> bool:
        """A class (类) code: the three-digit head of a group of item (款) codes."""
        return len(self.code) == 3


# code | name | source; "P", "T", "J" are domain-facts 2.5 sources, "N" the national list
_TABLE = """
301|工资福利支出|P
30101|基本工资|P
30102|津贴补贴|P
30103|奖金|J
30106|伙食补助费|N
30107|绩效工资|P
30108|机关事业单位基本养老保险缴费|P
30109|职业年金缴费|P
30110|职工基本医疗保险缴费|P
30111|公务员医疗补助缴费|N
30112|其他社会保障缴费|P
30113|住房公积金|P
30114|医疗费|N
30199|其他工资福利支出|P
302|商品和服务支出|N
30201|办公费|P
30202|印刷费|P
30203|咨询费|J
30204|手续费|P
30205|水费|P
30206|电费|P
30207|邮电费|P
30208|取暖费|J
30209|物业管理费|P
30211|差旅费|P
30212|因公出国（境）费用|T
30213|维修（护）费|P
30214|租赁费|P
30215|会议费|P
30216|培训费|P
30217|公务接待费|P
30218|专用材料费|P
30224|被装购置费|N
30225|专用燃料费|N
30226|劳务费|P
30227|委托业务费|P
30228|工会经费|P
30229|福利费|J
30231|公务用车运行维护费|P
30239|其他交通费用|P
30240|税金及附加费用|N
30299|其他商品和服务支出|P
303|对个人和家庭的补助|P
30301|离休费|N
30302|退休费|P
30303|退职（役）费|N
30304|抚恤金|N
30305|生活补助|N
30306|救济费|N
30307|医疗费补助|N
30308|助学金|N
30309|奖励金|N
30310|个人农业生产补贴|N
30399|其他对个人和家庭的补助|P
307|债务利息及费用支出|N
30701|国内债务付息|N
30702|国外债务付息|N
30703|国内债务发行费用|N
30704|国外债务发行费用|N
309|资本性支出（基本建设）|J
30901|房屋建筑物购建|N
30902|办公设备购置|N
30903|专用设备购置|N
30905|基础设施建设|N
30906|大型修缮|N
30907|信息网络及软件购置更新|N
30908|物资储备|N
30913|公务用车购置|N
30919|其他交通工具购置|N
30921|文物和陈列品购置|N
30922|无形资产购置|N
30999|其他基本建设支出|N
310|资本性支出|P
31001|房屋建筑物购建|J
31002|办公设备购置|P
31003|专用设备购置|P
31005|基础设施建设|J
31006|大型修缮|J
31007|信息网络及软件购置更新|J
31008|物资储备|J
31009|土地补偿|N
31010|安置补助|N
31011|地上附着物和青苗补偿|N
31012|拆迁补偿|N
31013|公务用车购置|T
31019|其他交通工具购置|J
31021|文物和陈列品购置|J
31022|无形资产购置|J
31099|其他资本性支出|J
311|对企业补助（基本建设）|N
31101|资本金注入|N
31199|其他对企业补助|N
312|对企业补助|N
31201|资本金注入|N
31203|政府投资基金股权投资|N
31204|费用补贴|N
31205|利息补贴|N
31299|其他对企业补助|N
313|对社会保障基金补助|N
31302|对社会保险基金补助|N
31303|补充全国社会保障基金|N
399|其他支出|N
39906|赠与|N
39907|国家赔偿费用支出|N
39908|对民间非营利组织和群众性自治组织补贴|N
39999|其他支出|N
"""

_SOURCES = {"P": "domain-facts:P", "T": "domain-facts:T", "J": "domain-facts:J", "N": "national"}


def _parse(text: str) -> dict[str, EconCode]:
    codes = {}
    for row in text.strip().splitlines():
        code, name, source = row.split("|")
        codes[code] = EconCode(code, name, _SOURCES[source])
    return codes


#: the built-in catalogue, code -> entry
BUILT_IN: Mapping[str, EconCode] = _parse(_TABLE)


def catalogue(
    extra: Mapping[str, str] | None = None, excluded: Iterable[str] = ()
) -> dict[str, EconCode]:
    """The built-in catalogue with a rule set's additions (code -> name; they also rename) and
    removals applied."""
    codes = dict(BUILT_IN)
    for code, name in (extra or {}).items():
        key = str(code).strip()
        codes[key] = EconCode(key, str(name), "rule set")
    for code in excluded:
        codes.pop(str(code).strip(), None)
    return codes


def label(code: str, codes: Mapping[str, EconCode]) -> str:
    """'30201办公费' for a known code, the bare code otherwise."""
    entry = codes.get(code)
    return f"{code}{entry.name}" if entry else code
