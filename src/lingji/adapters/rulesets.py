"""Reading rule sets from YAML: the packaged default, or a bureau's own file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml

from lingji.domain.ruleset import RuleSet
from lingji.exceptions import RuleSetInvalid


def load_ruleset(path: Path | None = None) -> RuleSet:
    """Returns the rule set in path, or the packaged default when path is None."""
    if path is None:
        text = resources.files("lingji.rulesets").joinpath("default.yaml").read_text("utf-8")
        source = "默认规则集"
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise RuleSetInvalid(f"无法读取规则集 {path}：{error.strerror}") from None
        source = str(path)
    try:
        return RuleSet.from_mapping(yaml.safe_load(text))
    except (yaml.YAMLError, KeyError, ValueError, TypeError) as error:
        raise RuleSetInvalid(f"规则集 {source} 格式有误：{error}") from None
