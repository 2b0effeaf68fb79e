"""Whose data an asker may see: every unit, or a set of unit codes (a department and the
units below it). A scoped question only ever reads those units' rows, whatever it asks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Scope:
    #: None: every unit (a bureau reviewer or leader); else only these unit codes
    unit_codes: frozenset[str] | None = None

    @property
    def is_all(self) -> bool:
        return self.unit_codes is None

    def allows(self, unit_code: str | None) -> bool:
        return self.unit_codes is None or unit_code in self.unit_codes

    def describe(self) -> str:
        """For the audit trail: 全部单位, or the codes."""
        if self.unit_codes is None:
            return "全部单位"
        return ",".join(sorted(self.unit_codes))

    @classmethod
    def of_units(cls, codes: str | None) -> Scope:
        """From the CLI's --units U1,U2 (empty or None: every unit)."""
        if not codes or not codes.strip():
            return cls()
        return cls(frozenset(c.strip() for c in codes.replace("，", ",").split(",") if c.strip()))


ALL_UNITS = Scope()
