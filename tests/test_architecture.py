"""The house rules that keep the code easy to change (shared/design/architecture.md)."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "lingji"
#: the pure layers may import only the standard library and each other
PURE = ("domain", "intake")
FORBIDDEN = {
    "sqlalchemy", "alembic", "fastapi", "starlette", "jinja2", "openpyxl", "xlsxwriter",
    "python_calamine", "httpx", "requests", "openai", "typer", "rich", "cryptography",
}  # fmt: skip


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("layer", PURE)
def test_pure_layers_import_no_framework_or_io_library(layer):
    offenders = {
        str(path.relative_to(SRC)): sorted(_imports(path) & FORBIDDEN)
        for path in (SRC / layer).rglob("*.py")
        if _imports(path) & FORBIDDEN
    }
    assert offenders == {}


def test_only_settings_reads_the_environment():
    readers = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.name != "settings.py"
        and "os.environ" in path.read_text(encoding="utf-8")
        or "getenv" in path.read_text(encoding="utf-8")
    ]
    assert readers == []
