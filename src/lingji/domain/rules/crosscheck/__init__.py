"""跨库比对 (X codes): the project against audit findings, evaluations, assets, personnel."""

from lingji.domain.rules.base import Check
from lingji.domain.rules.crosscheck import (
    x01_duplicate_application,
    x02_equipment_beyond_configuration,
    x03_idle_assets,
    x04_personnel_amounts,
    x05_ineligible_personnel,
    x06_unrectified_audit,
    x07_poor_evaluation,
)

CHECKS: tuple[Check, ...] = tuple(
    Check.from_module(module)
    for module in (
        x01_duplicate_application,
        x02_equipment_beyond_configuration,
        x03_idle_assets,
        x04_personnel_amounts,
        x05_ineligible_personnel,
        x06_unrectified_audit,
        x07_poor_evaluation,
    )
)
