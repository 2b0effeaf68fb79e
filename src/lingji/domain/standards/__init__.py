"""The expenditure-standard library (支出标准库): official standards as data, the bureau's own
standards, item classification and the unit-cost ranges learned from history (docs/standards.md).
"""
