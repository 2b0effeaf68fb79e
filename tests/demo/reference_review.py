"""A small reference review of the demo county, to prove its planted and clean projects.

It reads each finding code the simple way the demo was built for (the conventions in the
answer key), so that a planted example is found and a clean project raises nothing. It is
not the platform's review; it pins down what the demo promises.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from lingji.demo.building import Block
from lingji.demo.items import ECON_CODES, NOT_PROCURED_CODES
from lingji.demo.model import ZERO, HistoryRecord, Line, Project
from lingji.demo.policies import STANDARDS, policy_documents
from lingji.demo.registers import class_caps

YEAR = 2027
DOCS = {d.doc_no: d for d in policy_documents()}
VAGUE = ("较好", "明显", "有所", "提升", "改善", "合理")
MEASURABLE = re.compile(r"^(\d+(\.\d+)?|\d{4}年\d{1,2}月\d{1,2}日)$")
CAPS = {
    "台式计算机": 5000,
    "便携式计算机": 7000,
    "打印机": 1200,
    "复印机": 35000,
    "多功能一体机": 3000,
}
EQUIPMENT = ("计算机", "打印机", "复印机", "投影仪", "服务器", "一体机", "办公桌")
ASSET_CLASS = {"台式计算机": "desktop", "便携式计算机": "laptop", "A4黑白打印机": "printer",
               "复印机": "copier", "多功能一体机": "mfp", "投影仪": "projector"}  # fmt: skip
PROHIBITED = ("庆典", "晚会", "节庆", "论坛", "高档", "豪华", "红木")
SANGONG = ("30212", "30217", "30231", "31013")
YOUNG_FROM = dt.date(YEAR - 6, 1, 1)


@dataclass(frozen=True, slots=True)
class Hit:
    code: str
    unit: str
    project: str | None
    line: int | None = None
    excess: Decimal = ZERO


def _base(name: str) -> str:
    return name.split("（")[0]


def _standard_limit(line: Line) -> Decimal | None:
    """Built-in national limits (domain-facts 1.1-1.8) for a line, by name and category."""
    text = line.item_name + line.basis
    name = line.item_name
    if name.startswith(("会议费", "培训费")):
        for label, limit in (("一类", 760), ("二类", 650), ("三类", 550), ("四类", 550)):
            if label in text:
                return Decimal(limit)
        return Decimal(760)
    table = {"讲课费（副高": 500, "讲课费（正高": 1000, "差旅费（伙食": 100, "差旅费（市内交通": 80,
             "专家咨询费（高级": 2400, "专家咨询费（其他": 1500}  # fmt: skip
    for prefix, limit in table.items():
        if name.startswith(prefix):
            return Decimal(limit)
    for label, limit in CAPS.items():
        if label in name:
            return Decimal(limit)
    return None


def _bureau_limit(line: Line) -> Decimal | None:
    unit = line.unit.replace("（", "").replace("）", "")
    for std in STANDARDS:
        if not std.keywords or (std.econ_code and std.econ_code != line.econ_code):
            continue
        if any(k in line.item_name for k in std.keywords.split("、")):
            per = std.basis_unit.removeprefix("元/")
            if per == unit or (per == "人月" and line.persons):
                return std.limit
    return None


def _units_of(line: Line) -> int:
    factor = 1
    for measure in (line.quantity, line.persons, line.days):
        if measure is not None:
            factor *= measure
    return factor


def _line_hits(block: Block, p: Project, history_prices: dict[str, list[Decimal]]) -> list[Hit]:
    unit = block.unit(p.unit_code)
    hits = []

    def hit(code: str, line: Line, excess: Decimal | int = 0) -> None:
        hits.append(Hit(code, unit.code, p.code, line.line_no, Decimal(excess)))

    for ln in p.lines:
        price = ln.unit_price
        if price is not None and ln.amount != (price * _units_of(ln)).quantize(Decimal("0.01")):
            hit("V09", ln)
        if ln.econ_code not in ECON_CODES:
            hit("V10", ln)
        if any(e in ln.item_name for e in EQUIPMENT) and not ln.econ_code.startswith("310"):
            hit("V11", ln)
        if ln.item_name.startswith("会议费") and ln.econ_code != "30215":
            hit("V11", ln)
        if price is None:
            continue
        for limit in (_standard_limit(ln), _bureau_limit(ln)):
            if limit is not None and price > limit:
                hit("M01", ln, (price - limit) * _units_of(ln))
        past = history_prices.get(ln.kind or _base(ln.item_name), [])
        if len(past) >= 5 and price > max(past):
            hit("M02", ln)
        if ln.econ_code in ("30215", "30216") and (ln.persons or 0) > unit.staff_actual:
            hit("M05", ln)
        if ln.unit == "万元（建设投资）" and price > 1000:
            hit("T03", ln, (price - 1000) * ln.quantity)
        if ln.econ_code == "30209":
            if price > Decimal("4.50"):
                hit("T04", ln, (price - Decimal("4.50")) * ln.quantity)
            area = sum(x.quantity for x in p.lines if x.econ_code == "30209") // 12
            if area > unit.office_area:
                hit("T04", ln, (area - unit.office_area) * 12 * price)
                hit("M05", ln)
        if "编外人员劳务" in ln.item_name and ln.persons:
            if ln.persons > unit.contract_staff:
                hit("T05", ln, (ln.persons - unit.contract_staff) * ln.quantity * price)
            if price > 6000:
                hit("T05", ln, ln.persons * ln.quantity * (price - 6000))
            hits.extend(_register_hits(block, unit.code, p, ln))
        big = ln.amount >= 100000 and ln.econ_code not in NOT_PROCURED_CODES
        if ln.procurement != "是" and (ln.econ_code.startswith("310") or big):
            hit("T06", ln)
        if ln.unit == "万元（建安费）" and price > 350:
            hit("T07", ln, (price - 350) * ln.quantity)
        for key, limit in (
            ("道路清扫", "9.00"),
            ("绿化", "6.50"),
            ("路灯", "180"),
            ("公厕", "30000"),
        ):
            if key in ln.item_name and price > Decimal(limit):
                hit("T08", ln, (price - Decimal(limit)) * ln.quantity)
        if ln.econ_code.startswith("310") and _base(ln.item_name) in ASSET_CLASS:
            hits.extend(_asset_hits(block, unit.code, p, ln))
    return hits


def _asset_hits(block: Block, unit_code: str, p: Project, ln: Line) -> list[Hit]:
    unit = block.unit(unit_code)
    cls = ASSET_CLASS[_base(ln.item_name)]
    label = {"desktop": "台式计算机", "laptop": "便携式计算机", "printer": "打印机", "copier": "复印机",
             "mfp": "多功能一体机", "projector": "投影仪"}[cls]  # fmt: skip
    assets = [a for a in block.assets if a.unit_code == unit_code and a.asset_class == label]
    young = sum(1 for a in assets if a.status == "在用" and a.acquired >= YOUNG_FROM)
    hits = []
    cap = class_caps(unit.staff_actual).get(cls)
    if cap is not None and young + ln.quantity > cap:
        hits.append(Hit("X02", unit_code, p.code, ln.line_no))
    if any(a.status == "闲置" for a in assets):
        hits.append(Hit("X03", unit_code, p.code, ln.line_no))
    return hits


def _register_hits(block: Block, unit_code: str, p: Project, ln: Line) -> list[Hit]:
    staff = [x for x in block.people if x.unit_code == unit_code and x.kind == "编外"]
    active = [x for x in staff if x.status == "在职"]
    pays = {x.monthly_pay for x in active}
    if ln.persons != len(active) or pays != {ln.unit_price}:
        return [Hit("X04", unit_code, p.code, ln.line_no)]
    return []


def _project_hits(block: Block, p: Project, history: dict[str, HistoryRecord]) -> list[Hit]:
    unit = block.unit(p.unit_code)
    hits: list[str] = []
    if not (p.name and p.rationale and p.content and p.requested is not None):
        hits.append("V01")
    refs = [r for r in re.split(r"[；;、\n]", p.policy_refs) if r.strip()]
    if not refs:
        hits.append("V02")
    if any(r not in DOCS for r in refs):
        hits.append("V03")
    for r in refs:
        doc = DOCS.get(r)
        if doc and (doc.status != "有效" or (doc.expires and doc.expires < dt.date(YEAR, 1, 1))):
            hits.append("V04")
    if not p.overall_goal or not p.indicators:
        hits.append("V05")
    kinds = {(i.level1, i.level2) for i in p.indicators}
    need = [any(k[1] == w for k in kinds) for w in ("数量指标", "质量指标", "时效指标")]
    need.append(any("成本" in k[0] or "成本" in k[1] for k in kinds))
    need.append(any(k[0] == "效益指标" for k in kinds))
    need.append(any(k[0] == "满意度指标" for k in kinds))
    if p.indicators and not all(need):
        hits.append("V06")
    if any(not MEASURABLE.match(i.target_value) or any(v in i.target_value for v in VAGUE)
           for i in p.indicators):  # fmt: skip
        hits.append("V07")
    if p.lines_total != p.requested:
        hits.append("V08")
    if (
        (p.start_year or 0) > (p.end_year or 0)
        or (p.end_year or 0) < YEAR
        or (p.start_year or 0) > YEAR
    ):
        hits.append("V12")
    last = history.get(p.prev_code or "")
    if last is not None:
        rate = (last.executed or ZERO) / last.budget
        if rate < Decimal("0.6") and p.requested > last.budget * rate:
            hits.append("M03")
        if p.requested > last.budget * Decimal("1.2"):
            hits.append("M04")
        if last.eval_rating in ("中", "差") and p.requested >= last.budget:
            hits.append("X07")
    if any(w in p.name for w in PROHIBITED) or any(ln.econ_code == "31001" for ln in p.lines):
        hits.append("T02")
    if p.project_type == "信息化建设" and any(
        h.name == p.name and h.project_type == "信息化建设" for h in history.values()
    ):
        hits.append("T03")
    chain = {p.code, *(h.code for h in history.values() if h.code[6:] == p.code[6:])}
    if any(a.project_code in chain and a.rectified != "已整改" for a in block.audits):
        hits.append("X06")
    return [Hit(code, unit.code, p.code) for code in hits]


def _unit_hits(block: Block) -> list[Hit]:
    hits = []
    for unit in block.units:
        now = sum((ln.amount for p in block.projects if p.unit_code == unit.code
                   for ln in p.lines if ln.econ_code in SANGONG), ZERO)  # fmt: skip
        row = next(
            (r for r in block.sangong if r.unit_code == unit.code and r.year == YEAR - 1), None
        )
        if row and now > row.overseas + row.vehicle_purchase + row.vehicle_running + row.reception:
            last = row.overseas + row.vehicle_purchase + row.vehicle_running + row.reception
            hits.append(Hit("T01", unit.code, None, None, now - last))
        if any(a.unit_code == unit.code and a.project_code is None and a.rectified != "已整改"
               for a in block.audits):  # fmt: skip
            hits.append(Hit("X06", unit.code, None))
    per_capita = {u.code: sum((p.requested for p in block.projects if p.unit_code == u.code), ZERO)
                  / u.staff_actual for u in block.units}  # fmt: skip
    median = statistics.median(per_capita.values())
    hits += [Hit("T09", code, None) for code, v in per_capita.items() if v > 3 * median]
    seen: dict[str, str] = {}
    for person in block.people:
        paid = (person.monthly_pay or ZERO) > 0
        if paid and (
            person.status in ("死亡", "离职") or (person.status == "退休" and person.kind != "退休")
        ):
            hits.append(Hit("X05", person.unit_code, None))
        if person.id_number in seen and seen[person.id_number] != person.unit_code:
            hits.append(Hit("X05", person.unit_code, None))
        seen.setdefault(person.id_number, person.unit_code)
    return hits


def _grams(text: str) -> set[str]:
    text = re.sub(r"\d+", "#", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def similarity_pairs(block: Block) -> list[tuple[float, Project, Project]]:
    grams = {p.code: _grams(p.name + p.content) for p in block.projects}
    pairs = []
    for a, b in combinations(block.projects, 2):
        if a.unit_code != b.unit_code:
            ga, gb = grams[a.code], grams[b.code]
            pairs.append((len(ga & gb) / len(ga | gb), a, b))
    return sorted(pairs, key=lambda t: -t[0])


def review(block: Block, pairs: list[tuple[float, Project, Project]] | None = None) -> list[Hit]:
    """Every finding the reference review raises on one block."""
    history = {h.code: h for h in block.history}
    prices: dict[str, list[Decimal]] = defaultdict(list)
    for record in block.history:
        for ln in record.lines:
            if ln.unit_price is not None:
                prices[ln.kind or _base(ln.item_name)].append(ln.unit_price)
    hits = []
    for p in block.projects:
        hits += _project_hits(block, p, history) + _line_hits(block, p, prices)
    hits += _unit_hits(block)
    for score, a, b in pairs if pairs is not None else similarity_pairs(block):
        if score < 0.85:
            break
        hits += [Hit("X01", a.unit_code, a.code), Hit("X01", b.unit_code, b.code)]
    return hits


def history_samples(block: Block) -> Counter[str]:
    return Counter(_base(ln.item_name) for h in block.history for ln in h.lines)
