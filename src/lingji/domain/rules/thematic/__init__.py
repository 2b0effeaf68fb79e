"""专题分析 (T codes): 三公, prohibited spending, IT, property, outsourcing and staff, procurement,
design fees, urban maintenance, unit outliers."""

from lingji.domain.rules.base import Check
from lingji.domain.rules.thematic import (
    t01_sangong_growth,
    t02_prohibited_spending,
    t03_it_projects,
    t04_property_fees,
    t05_outsourcing_and_staff,
    t06_procurement_not_marked,
    t07_design_fees,
    t08_urban_maintenance,
    t09_unit_outliers,
)

CHECKS: tuple[Check, ...] = tuple(
    Check.from_module(module)
    for module in (
        t01_sangong_growth,
        t02_prohibited_spending,
        t03_it_projects,
        t04_property_fees,
        t05_outsourcing_and_staff,
        t06_procurement_not_marked,
        t07_design_fees,
        t08_urban_maintenance,
        t09_unit_outliers,
    )
)
