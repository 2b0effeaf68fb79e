"""The registers beside the projects: personnel, assets, audit findings, 三公 totals."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from lingji.demo.building import Block, Unit
from lingji.demo.catalog import GIVEN_CHARS, SURNAMES
from lingji.demo.items import ASSET_CLASSES, KINDS
from lingji.demo.model import (
    HISTORY_YEARS,
    ZERO,
    Asset,
    AuditFinding,
    Person,
    SangongRow,
    money,
    pick_price,
)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
#: acquired on or after this date: under the 6-year minimum life in the budget year
YOUNG_FROM = dt.date(2022, 1, 1)
OLD_UNTIL = dt.date(2020, 12, 31)

_BRANDS = {
    "desktop": ("联想启天", "华为擎云", "清华同方超翔", "长城世恒"),
    "laptop": ("联想昭阳", "华为擎云", "清华同方超锐"),
    "printer": ("奔图", "惠普", "得力", "联想"),
    "copier": ("理光", "京瓷", "柯尼卡美能达"),
    "projector": ("爱普生", "明基", "宏碁"),
    "mfp": ("奔图", "惠普", "兄弟"),
    "server": ("浪潮", "华为", "中科曙光"),
    "desk": ("钢木", "板式", "实木贴皮"),
}


def id_check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def id_number_valid(number: str) -> bool:
    return len(number) == 18 and number[:17].isdigit() and id_check_digit(number[:17]) == number[17]


class IdMaker:
    """Checksum-valid, fictional 身份证号, unique within a block (prefecture 90-99 does not exist)."""

    def __init__(self, block: int, rng: random.Random) -> None:
        self.region = f"51{90 + block // 100 % 10:02d}{block % 100:02d}"
        self.rng = rng
        self.used: set[str] = set()

    def make(self, born_from: int = 1962, born_to: int = 2001) -> str:
        while True:
            born = dt.date(born_from, 1, 1) + dt.timedelta(
                days=self.rng.randint(0, (born_to - born_from) * 365)
            )
            body = f"{self.region}{born:%Y%m%d}{self.rng.randint(1, 999):03d}"
            if body not in self.used:
                self.used.add(body)
                return body + id_check_digit(body)


def person_name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def build_people(block: Block, unit: Unit, ids: IdMaker) -> None:
    rng = block.rng
    for _ in range(unit.staff_actual):
        pay = money(rng.randint(5200, 11800))
        block.people.append(Person(ids.make(), person_name(rng), unit.code, "在编", "在职", pay))
    for _ in range(unit.contract_register):
        block.people.append(
            Person(
                ids.make(1975, 2003), person_name(rng), unit.code, "编外", "在职", unit.contract_pay
            )
        )
    for _ in range(rng.randint(0, 3)):
        # pensions are paid by the pension fund, so a retiree has no monthly pay from the unit
        block.people.append(
            Person(ids.make(1945, 1963), person_name(rng), unit.code, "退休", "退休", None)
        )


def copier_cap(staff: int) -> int:
    """100 人以内每 20 人 1 台，超出部分每 30 人 1 台 (at least one)."""
    if staff <= 100:
        return max(1, -(-staff // 20))
    return 5 + -(-(staff - 100) // 30)


def class_caps(staff: int) -> dict[str, int]:
    """Configuration caps by class (domain-facts 1.7); classes without a cap are absent."""
    return {
        "desktop": staff,
        "laptop": staff // 2,
        "printer": staff * 8 // 10,
        "copier": copier_cap(staff),
        "mfp": staff * 3 // 10,
    }


def plan_assets(unit: Unit, rng: random.Random) -> dict[str, list[int]]:
    """Young, old and idle counts per class, honouring the unit's planned purchases."""
    staff = unit.staff_actual
    caps = class_caps(staff)
    counts = {
        "desktop": [
            round(staff * rng.uniform(0.55, 0.75)),
            max(1, round(staff * rng.uniform(0.15, 0.3))),
            0,
        ],
        "laptop": [round(caps["laptop"] * rng.uniform(0.3, 0.7)), rng.randint(0, 3), 0],
        "printer": [round(staff * rng.uniform(0.2, 0.4)), rng.randint(1, 4), 0],
        "copier": [rng.randint(0, caps["copier"] - 1), rng.randint(0, 1), 0],
        "projector": [rng.randint(0, 2), rng.randint(0, 2), 0],
        "mfp": [rng.randint(0, min(2, caps["mfp"])), rng.randint(0, 1), 0],
        "server": [
            rng.randint(2, 6) if unit.system else 0,
            rng.randint(0, 2) if unit.system else 0,
            0,
        ],
        "desk": [round(staff * rng.uniform(0.3, 0.6)), round(staff * rng.uniform(0.4, 0.7)), 0],
    }
    for cls, qty in unit.purchases.items():
        young, old, _ = counts[cls]
        room = caps.get(cls, young + qty) - qty
        counts[cls] = [min(young, max(0, room)), max(old, qty), 0]
    for cls in ("printer", "projector", "desk"):
        if cls not in unit.purchases and rng.random() < 0.25:
            counts[cls][2] = rng.randint(1, 2)
    counts.update({cls: list(v) for cls, v in unit.asset_override.items()})
    return counts


def _date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _old_status(draw: float, cls: str) -> str:
    """Items past their minimum life: mostly still in use, some awaiting disposal or lent out."""
    if draw < 0.1:
        return "待处置"
    if cls == "desk" and draw < 0.15:
        return "出租出借"
    return "在用"


def build_assets(block: Block, unit: Unit, counts: dict[str, list[int]]) -> None:
    rng = block.rng
    serial = 0

    def add(cls: str, acquired: dt.date, status: str) -> None:
        nonlocal serial
        serial += 1
        kind = KINDS[cls]
        value = pick_price(rng, kind.history_band, kind.step)
        name = f"{rng.choice(_BRANDS[cls])}{ASSET_CLASSES[cls]}"
        block.assets.append(
            Asset(
                f"ZC{unit.code}{serial:05d}",
                unit.code,
                name,
                ASSET_CLASSES[cls],
                acquired,
                value,
                status,
            )
        )

    for cls, (young, old, idle) in counts.items():
        for _ in range(young):
            add(cls, _date_between(rng, YOUNG_FROM, dt.date(2026, 9, 30)), "在用")
        for _ in range(old):
            add(
                cls,
                _date_between(rng, dt.date(2013, 1, 1), OLD_UNTIL),
                _old_status(rng.random(), cls),
            )
        for _ in range(idle):
            add(cls, _date_between(rng, dt.date(2016, 1, 1), dt.date(2024, 6, 30)), "闲置")
    for _ in range(unit.vehicles):
        serial += 1
        acquired = _date_between(rng, dt.date(2015, 1, 1), dt.date(2025, 6, 30))
        value = money(rng.randint(110, 180) * 1000)
        block.assets.append(
            Asset(
                f"ZC{unit.code}{serial:05d}",
                unit.code,
                "比亚迪新能源轿车",
                "公务用车",
                acquired,
                value,
                "在用",
            )
        )


_ISSUES = (
    ("预算执行", "预算执行进度偏慢，年底集中支出"),
    ("政府采购", "部分货物未按规定执行政府采购程序"),
    ("资产管理", "固定资产账实不符，未及时办理报废处置"),
    ("票据管理", "部分报销凭证附件不完整"),
    ("绩效管理", "绩效目标设置不够细化，自评结果偏高"),
)


def build_audits(block: Block, unit: Unit) -> None:
    """Past findings, all rectified: the clean state of X06."""
    rng = block.rng
    if rng.random() >= 0.3:
        return
    own = [h for h in block.history if h.unit_code == unit.code]
    record = rng.choice(own) if own and rng.random() < 0.5 else None
    issue, text = rng.choice(_ISSUES)
    year = record.year if record else rng.choice(HISTORY_YEARS)
    amount = money(rng.randint(50, 3000) * 100)
    block.audits.append(
        AuditFinding(
            year, unit.code, record.code if record else None, issue, text, amount, "已整改"
        )
    )


def sangong_totals(block: Block, unit_code: str, year: int) -> tuple[Decimal, Decimal]:
    """Vehicle running (30231) and reception (30217) in the unit's history lines of a year."""
    running = reception = ZERO
    for record in block.history:
        if record.unit_code != unit_code or record.year != year:
            continue
        for line in record.lines:
            if line.econ_code == "30231":
                running += line.amount
            elif line.econ_code == "30217":
                reception += line.amount
    return running, reception


def build_sangong(block: Block, unit: Unit) -> None:
    """Final-account totals: the history lines plus what basic expenditure paid."""
    if unit.vehicles == 0:
        return
    rng = block.rng
    for year in HISTORY_YEARS:
        running, reception = sangong_totals(block, unit.code, year)
        if running == ZERO and reception == ZERO:
            continue
        running += money(rng.randint(0, 40) * 100)
        reception += money(rng.randint(0, 20) * 100)
        block.sangong.append(SangongRow(year, unit.code, ZERO, ZERO, running, reception))
