"""Documentation kept in step with the code."""

import re
from pathlib import Path

from lingji.settings import Settings

ROOT = Path(__file__).parents[1]


def test_every_setting_is_documented_in_env_example():
    documented = set(re.findall(r"^(LINGJI_[A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    expected = {f"LINGJI_{name.upper()}" for name in Settings.model_fields}
    assert documented == expected


def test_every_contract_term_is_in_the_glossary():
    from lingji.domain.contract import SHEETS

    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    missing = [
        f"{col.header} -> {col.key}"
        for sheet in SHEETS
        for col in sheet.columns
        if f"`{col.key}`" not in glossary or col.header not in glossary
    ]
    missing += [s.name for s in SHEETS if f"`{s.key}`" not in glossary]
    assert missing == []


def test_readme_quick_start_is_the_two_make_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci
