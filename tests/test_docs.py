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


def test_every_check_has_a_docstring_a_page_and_a_severity():
    from lingji.adapters.rulesets import load_ruleset
    from lingji.domain.rules import REGISTRY

    ruleset = load_ruleset()
    problems = []
    for check in REGISTRY:
        page = ROOT / "docs" / "findings" / f"{check.code}.md"
        if not check.description.startswith(check.code):
            problems.append(f"{check.code}: docstring should start with its code and title")
        if not page.exists():
            problems.append(f"{check.code}: no docs/findings/{check.code}.md")
        elif check.title not in page.read_text(encoding="utf-8"):
            problems.append(f"{check.code}: page does not name the title {check.title}")
        if check.code not in ruleset.severities:
            problems.append(f"{check.code}: no severity in the rule set")
    assert problems == []


def test_every_finding_page_belongs_to_a_registered_check():
    from lingji.domain.rules import CHECKS_BY_CODE

    pages = {p.stem for p in (ROOT / "docs" / "findings").glob("*.md")}
    assert pages - set(CHECKS_BY_CODE) == set()


def test_the_scoring_page_names_every_code_under_each_dimension_it_penalises():
    from lingji.adapters.rulesets import load_ruleset

    rows = {
        line.split("|")[1].strip(): line
        for line in (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| ")
    }
    missing = [
        f"{code} under {dimension}"
        for code, dimensions in load_ruleset().scoring["penalties"].items()
        for dimension in dimensions
        if code not in rows[dimension]
    ]
    assert missing == []


def test_the_ask_page_documents_every_view_and_column_of_the_semantic_layer():
    from lingji.domain.ask.semantic_layer import VIEWS

    page = (ROOT / "docs" / "ask.md").read_text(encoding="utf-8")
    missing = [
        f"{view.name}.{column.name}"
        for view in VIEWS
        for column in view.columns
        if f"### `{view.name}`" not in page or f"| `{column.name}` | {column.meaning} |" not in page
    ]
    assert missing == []
