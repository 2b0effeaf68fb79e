"""X01 重复申报：本年项目与另一个本年项目内容近乎相同，或新增项目与本单位往年已安排的项目同名。

两项比对：
- 本年项目之间（其他单位的，也包括本单位的）：比较项目名称、实施内容和明细名称（比较哪些字段见
  规则集；立项依据、总体目标多为套话，默认不比）。先去掉各自的单位名称，再统一全角半角和大小写、
  去掉标点空白，切成连续3个字的片段（字数见规则集），两个项目共有的片段占两者全部片段的比例
  （Jaccard 相似度）达到规则集阈值（默认80%）即为近乎相同。调换语序只改变句子衔接处的几个片段，
  改动个别字词只改变覆盖它的几个片段，申报金额和明细金额不参与比较，所以调序、改词、改金额的
  复制仍能识别；各单位套用同一模板的常规项目（会议费、车辆运行费）名称相近但内容各有不同，
  相似度远低于阈值。项目不逐对比较：MinHash 局部敏感哈希先找出候选对，再逐对精确计算相似度。
- 与往年：本年新增的项目（是否延续不为“是”且未填上年项目编码），名称去掉单位名称、年份和
  “项目”等字样后，与本单位“历史执行”表中往年项目名称的字符二元组相似度达到规则集阈值
  （默认85%）、期次（一期、二期等）相同的，视为再次申报已安排过的项目。历史执行表只有名称、
  没有实施内容，各单位的同类常规项目又常常同名，所以只与本单位往年的项目比较。延续项目每年沿用
  上年的名称和内容是正常的，默认不与往年比较（规则集可改）。

每个项目一条，写明最相近的项目（单位、编码、名称、年度）、相似度、两者文字的差异和两者的金额。
去掉标点后文字少于规则集字数的项目无法比较内容，记为数据缺失；报送数据没有“历史执行”表时，
与往年的比较记为数据缺失。重复申报需由单位说明、合并或撤回，本检查不给出核减额。
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lingji.domain.findings import CheckResult, Finding
from lingji.domain.formatting import yuan
from lingji.domain.similarity import (
    MASK_SLACK,
    LshSettings,
    bigram_masks,
    bigrams,
    dice,
    mask_dice,
    near_duplicates,
    normalize_all,
    sketch,
)
from lingji.domain.text_difference import TextDifference, text_difference

if TYPE_CHECKING:
    from lingji.domain.models import HistoryProject, Project
    from lingji.domain.review_context import ReviewContext

CODE = "X01"
VERSION = 1
TITLE = "重复申报"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("history",)

HISTORY_SHEET = "history"
_YEAR = re.compile(r"(?:19|20)\d{2}(?:年度|年)?")
_BRACKETED_END = re.compile(r"[（(][^（()）]*[）)]$")
#: characters of context shown around a changed word
_CONTEXT = 4
#: longest quotation of a changed passage in a message
_QUOTE = 30

FIELDS: dict[str, Callable[[Project], str | None]] = {
    "name": lambda p: p.name,
    "rationale": lambda p: p.rationale,
    "content": lambda p: p.content,
    "overall_goal": lambda p: p.overall_goal,
    # 明细名称 in line order: a repeated line adds no shingle, a moved one changes only seams
    "line_items": lambda p: "\n".join([line.item_name for line in p.lines if line.item_name]),
}


@dataclass(frozen=True, slots=True)
class _SameYear:
    other: Project
    similarity: float
    difference: TextDifference


@dataclass(frozen=True, slots=True)
class _Earlier:
    record: HistoryProject
    similarity: float


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    result = CheckResult()
    unit_names = _unit_names(ctx)
    same_year, lengths = _same_year(ctx, params)
    earlier = _earlier_years(ctx, params, unit_names, result)
    min_length = int(params["min_text_length"])
    max_listed = int(params["max_listed"])
    differences = _Differences(ctx, params, unit_names)
    for index, project in enumerate(ctx.projects):
        if lengths[index] < min_length:
            result.skips.append(
                ctx.skip(
                    CODE,
                    f"项目{_field_names(params)}去掉标点空白后只有{lengths[index]}字，"
                    f"少于规则集的{min_length}字，无法与其他项目比较内容",
                    missing=True,
                    project=project,
                )
            )
        else:
            result.checked += 1
        alike = sorted(same_year.get(index, ()), key=lambda m: (-m[1], m[0]))
        records = sorted(earlier.get(index, ()), key=lambda m: (-m.similarity, -m.record.year))
        if alike or records:
            matches = [
                _SameYear(ctx.projects[other], similarity, differences(index, other))
                for other, similarity in alike[:max_listed]
            ]
            result.findings.append(_finding(ctx, params, project, matches, len(alike), records))
    return result


# --------------------------------------------------------------------------- this year


def lsh_settings(params: Mapping[str, Any]) -> LshSettings:
    """The rule set's shingling and MinHash LSH settings."""
    return LshSettings(
        shingle_size=int(params["shingle_size"]),
        num_perm=int(params["num_perm"]),
        bands=int(params["lsh_bands"]),
        rows=int(params["lsh_rows"]),
        seed=int(params["seed"]),
        fold_digits=bool(params["fold_digits"]),
        max_bucket=int(params["lsh_max_bucket"]),
    )


def compared_texts(ctx: ReviewContext, params: Mapping[str, Any]) -> list[str]:
    """Each project's compared fields joined, without its unit's own names (the benchmark
    indexes the same texts)."""
    unit_names = _unit_names(ctx)
    readers = [FIELDS[name] for name in params["fields"]]
    return [
        _without(
            "\n".join(text for read in readers if (text := read(p))),
            unit_names.get(p.unit_code, ()),
        )
        for p in ctx.projects
    ]


def _same_year(
    ctx: ReviewContext, params: Mapping[str, Any]
) -> tuple[dict[int, list[tuple[int, float]]], list[int]]:
    """Each project's near-identical projects of this year (index, similarity), and the
    length of each project's compared text."""
    settings = lsh_settings(params)
    texts = compared_texts(ctx, params)
    sketches = sketch(texts, settings)
    pairs = near_duplicates(
        texts,
        min_similarity=float(params["min_similarity"]),
        settings=settings,
        min_length=int(params["min_text_length"]),
        sketches=sketches,
    )
    projects = ctx.projects
    same_unit = bool(params["compare_same_unit"])
    matches: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for pair in pairs:
        if not same_unit and projects[pair.first].unit_code == projects[pair.second].unit_code:
            continue
        matches[pair.first].append((pair.second, pair.similarity))
        matches[pair.second].append((pair.first, pair.similarity))
    return matches, sketches.lengths.tolist()


class _Differences:
    """The differences between two projects' contents, worked out only for the matches a
    message names, once per pair."""

    def __init__(
        self,
        ctx: ReviewContext,
        params: Mapping[str, Any],
        unit_names: Mapping[str, tuple[str, ...]],
    ) -> None:
        self.projects = ctx.projects
        self.unit_names = unit_names
        self.fold_digits = bool(params["fold_digits"])
        self.known: dict[tuple[int, int], TextDifference] = {}

    def __call__(self, mine: int, theirs: int) -> TextDifference:
        if (theirs, mine) in self.known:
            return _mirrored(self.known[(theirs, mine)])
        if (mine, theirs) not in self.known:
            self.known[(mine, theirs)] = text_difference(
                self._shown(self.projects[mine]),
                self._shown(self.projects[theirs]),
                fold_digits=self.fold_digits,
                context=_CONTEXT,
            )
        return self.known[(mine, theirs)]

    def _shown(self, project: Project) -> str:
        """The text a reviewer is shown the differences of: the content (else the name), with
        the unit's own names blanked out, since two units' copies differ in them by nature."""
        text = project.content or project.name or ""
        for name in self.unit_names.get(project.unit_code, ()):
            text = text.replace(name, "（单位）")
        return text


def _mirrored(difference: TextDifference) -> TextDifference:
    return TextDifference(
        tuple((theirs, mine) for mine, theirs in difference.changes), difference.reordered
    )


# --------------------------------------------------------------------------- earlier years


def _earlier_years(
    ctx: ReviewContext,
    params: Mapping[str, Any],
    unit_names: Mapping[str, tuple[str, ...]],
    result: CheckResult,
) -> dict[int, list[_Earlier]]:
    """Each new project's like-named projects of its own unit in earlier years' 历史执行."""
    if not ctx.has_sheet(HISTORY_SHEET):
        result.skips.append(
            ctx.skip(
                CODE,
                "报送数据没有“历史执行”表，无法与往年已安排的项目比较（本年项目之间照常比较）",
                missing=True,
            )
        )
        return {}
    with_continuing = bool(params["compare_continuing_with_history"])
    # unit -> name -> its records: a continuing project's name recurs every year, compare it once
    by_unit: dict[str, dict[str, list[HistoryProject]]] = defaultdict(dict)
    for (year, _), record in ctx.history.items():
        if year < ctx.year and record.unit_code and record.name:
            by_unit[record.unit_code].setdefault(record.name, []).append(record)
    compared = [
        (index, project)
        for index, project in enumerate(ctx.projects)
        if project.name
        and project.unit_code in by_unit
        and (with_continuing or not _continuing(project))
    ]
    if not compared:
        return {}
    units = sorted({project.unit_code for _, project in compared})
    earlier = [(unit, name) for unit in units for name in by_unit[unit]]
    records = [rs for unit in units for rs in by_unit[unit].values()]
    names = _NameKeys(params, unit_names)
    own = names.keys([(p.unit_code, p.name or "") for _, p in compared])
    other = names.keys(earlier)
    # every compared project against every earlier name of its unit, shortlisted at once
    first_of: dict[str, int] = {}
    count_of: dict[str, int] = {}
    for position, (unit, _) in enumerate(earlier):
        first_of.setdefault(unit, position)
        count_of[unit] = count_of.get(unit, 0) + 1
    counts = np.array([count_of[p.unit_code] for _, p in compared])
    left = np.repeat(np.arange(len(compared)), counts)
    offsets = np.arange(len(left)) - np.repeat(np.cumsum(counts) - counts, counts)
    right = np.repeat([first_of[p.unit_code] for _, p in compared], counts) + offsets
    min_similarity = float(params["min_name_similarity"])
    shortlisted = (own.phases[left] == other.phases[right]) & (
        mask_dice(own.masks[left], other.masks[right]) >= min_similarity - MASK_SLACK
    )
    same_type = bool(params["require_same_project_type"])
    found: dict[int, list[_Earlier]] = defaultdict(list)
    for i, j in zip(left[shortlisted].tolist(), right[shortlisted].tolist(), strict=True):
        index, project = compared[i]
        likeness = dice(own.bigrams(i), other.bigrams(j))
        if likeness < min_similarity:
            continue
        found[index].extend(
            _Earlier(record, likeness)
            for record in records[j]
            if record.project_code not in (project.project_code, project.prev_project_code)
            and not (
                same_type
                and project.project_type
                and record.project_type
                and project.project_type != record.project_type
            )
        )
    return found


def _continuing(project: Project) -> bool:
    return project.continuing == "是" or bool(project.prev_project_code)


@dataclass(slots=True)
class _Names:
    """Names as compared: normalised, their phases as numbers, their bigram masks."""

    units: list[str]
    normalized: list[str]
    phases: npt.NDArray[np.int64]
    masks: npt.NDArray[np.uint64]
    keys: _NameKeys

    def bigrams(self, index: int) -> frozenset[str]:
        return bigrams(self.normalized[index]) - self.keys.unit_bigrams(self.units[index])


class _NameKeys:
    """Names as compared with earlier years: without the unit's names, years and noise words,
    normalised, as character bigrams less those of the unit's own name (a name often starts
    with a short form of it, 县社保中心…, that no rule strips exactly); with the phases
    (一期, 第二批) they name, which must agree."""

    def __init__(self, params: Mapping[str, Any], unit_names: Mapping[str, tuple[str, ...]]):
        noise = sorted((re.escape(str(w)) for w in params["name_noise_words"]), key=len)
        self.phase = re.compile(str(params["phase_pattern"]))
        self.drop = re.compile("|".join([_YEAR.pattern, self.phase.pattern, *reversed(noise)]))
        self.unit_names = unit_names
        self.phase_ids: dict[str, int] = {"": 0}
        units = sorted(unit_names)
        self.unit_row = {unit: row for row, unit in enumerate(units)}
        # all units' names in one pass: a bit set per name, OR-ed per unit
        variants = [names or ("",) for names in (unit_names[unit] for unit in units)]
        masks = bigram_masks(normalize_all([n for names in variants for n in names]))
        starts = np.cumsum([0, *map(len, variants)])[:-1]
        self.unit_masks = np.bitwise_or.reduceat(masks, starts, axis=0) if units else masks[:0]
        self._unit_bigrams: dict[str, frozenset[str]] = {}

    def unit_bigrams(self, unit: str) -> frozenset[str]:
        if unit not in self._unit_bigrams:
            normalized = normalize_all(self.unit_names.get(unit, ()))
            self._unit_bigrams[unit] = frozenset().union(*map(bigrams, normalized))
        return self._unit_bigrams[unit]

    def keys(self, names: Sequence[tuple[str, str]]) -> _Names:
        units = [unit for unit, _ in names]
        phases, stripped = [], []
        for unit, name in names:
            found = self.phase.findall(name)
            phase = "、".join(sorted(found)) if found else ""
            phases.append(self.phase_ids.setdefault(phase, len(self.phase_ids)))
            stripped.append(self.drop.sub("", _without(name, self.unit_names.get(unit, ()))))
        normalized = normalize_all(stripped)
        rows = np.array([self.unit_row.get(unit, -1) for unit in units], dtype=np.int64)
        own_unit = np.where((rows >= 0)[:, None], self.unit_masks[rows], np.uint64(0))
        masks = bigram_masks(normalized) & ~own_unit
        return _Names(units, normalized, np.array(phases), masks, self)


# --------------------------------------------------------------------------- the finding


def _finding(
    ctx: ReviewContext,
    params: Mapping[str, Any],
    project: Project,
    matches: list[_SameYear],
    match_count: int,
    records: list[_Earlier],
) -> Finding:
    parts = []
    if matches:
        parts.append(_same_year_text(ctx, project, matches, match_count, params))
    if records:
        parts.append(_earlier_text(ctx, project, records))
    return ctx.finding(
        CODE,
        project,
        "疑似重复申报：" + "；另".join(parts),
        evidence={
            "requested_amount": _money(project.requested_amount),
            "same_year_match_count": match_count,
            "same_year": [_same_year_evidence(ctx, m) for m in matches],
            "earlier_years": [_earlier_evidence(ctx, m) for m in records],
            "thresholds": {
                "min_similarity": params["min_similarity"],
                "min_text_length": params["min_text_length"],
                "fields": list(params["fields"]),
                "shingle_size": params["shingle_size"],
                "fold_digits": params["fold_digits"],
                "min_name_similarity": params["min_name_similarity"],
                "compare_same_unit": params["compare_same_unit"],
                "compare_continuing_with_history": params["compare_continuing_with_history"],
            },
        },
    )


def _same_year_text(
    ctx: ReviewContext,
    project: Project,
    matches: list[_SameYear],
    match_count: int,
    params: Mapping[str, Any],
) -> str:
    closest = matches[0]
    other = closest.other
    fields = _field_names(params)
    if match_count == 1:
        head = (
            f"与{_whose(ctx, project, other)}的{_label(other)}{fields}近乎相同"
            f"（相似度{_percent(closest.similarity)}）。两者"
        )
        them = "对方"
    else:
        listed = "、".join(
            f"{_whose(ctx, project, m.other)}的{_label(m.other)}（相似度{_percent(m.similarity)}）"
            for m in matches
        )
        more = f"等{match_count}个项目" if match_count > len(matches) else ""
        head = f"与{listed}{more}{fields}近乎相同。与最相近的{other.project_code}"
        them = other.project_code
    return (
        f"{head}{_difference_text(closest.difference)}；"
        f"本项目申报{yuan(project.requested_amount)}，{them}申报{yuan(other.requested_amount)}"
    )


def _earlier_text(ctx: ReviewContext, project: Project, records: list[_Earlier]) -> str:
    listed = "、".join(
        f"{m.record.year}年的{m.record.project_code}“{m.record.name}”"
        f"（预算{yuan(m.record.budget)}，{_name_likeness(project.name, m)}）"
        for m in records
    )
    return (
        f"本项目为本年新增，本单位往年已安排过{listed}，本年再次申报"
        f"{yuan(project.requested_amount)}"
    )


def _difference_text(difference: TextDifference) -> str:
    parts = ["语序不同"] if difference.reordered else []
    for mine, theirs in difference.changes[:3]:
        if mine and theirs:
            parts.append(f"本项目“{_clip(mine)}”，对方为“{_clip(theirs)}”")
        elif mine:
            parts.append(f"本项目多出“{_clip(mine)}”")
        else:
            parts.append(f"对方多出“{_clip(theirs)}”")
    if len(difference.changes) > 3:
        parts.append(f"共{len(difference.changes)}处文字不同")
    if not parts:
        return "实施内容文字相同"
    return "实施内容的差异仅在：" + "，".join(parts)


def _same_year_evidence(ctx: ReviewContext, match: _SameYear) -> dict[str, Any]:
    other = match.other
    return {
        "project_code": other.project_code,
        "unit_code": other.unit_code,
        "unit_name": _unit_name(ctx, other.unit_code),
        "name": other.name,
        "year": other.year,
        "requested_amount": _money(other.requested_amount),
        "similarity": round(match.similarity, 4),
        "reordered": match.difference.reordered,
        "differences": [list(change) for change in match.difference.changes[:10]],
    }


def _earlier_evidence(ctx: ReviewContext, match: _Earlier) -> dict[str, Any]:
    record = match.record
    return {
        "year": record.year,
        "project_code": record.project_code,
        "unit_code": record.unit_code,
        "unit_name": _unit_name(ctx, record.unit_code),
        "name": record.name,
        "project_type": record.project_type,
        "budget": _money(record.budget),
        "name_similarity": round(match.similarity, 4),
    }


# --------------------------------------------------------------------------- helpers


def _unit_names(ctx: ReviewContext) -> dict[str, tuple[str, ...]]:
    """The names a unit goes by in its texts, longest first: the full name, without a closing
    remark in brackets (县教育局（县语委）), the part after the region's name, and that part
    after the region's last character (澜溪县教育局 -> 教育局, 县教育局; 上海市普陀区城市管理
    行政执法局 -> 城市管理行政执法局, 区城市管理行政执法局)."""
    region = ctx.round.region or ""
    names: dict[str, tuple[str, ...]] = {}
    for code, unit in ctx.units.items():
        full = unit.unit_name or ""
        variants = {full, _BRACKETED_END.sub("", full)}
        if region:
            shorts = {n.split(region, 1)[1] for n in variants if region in n}
            variants |= shorts | {region[-1] + short for short in shorts}
        names[code] = tuple(sorted((n for n in variants if len(n) >= 2), key=len, reverse=True))
    return names


def _without(text: str, names: tuple[str, ...]) -> str:
    for name in names:
        text = text.replace(name, "")
    return text


def _field_names(params: Mapping[str, Any]) -> str:
    labels = {
        "name": "名称",
        "rationale": "立项依据",
        "content": "实施内容",
        "overall_goal": "总体目标",
        "line_items": "明细名称",
    }
    names = [labels[field] for field in params["fields"]]
    return "、".join(names[:-1]) + ("和" if len(names) > 1 else "") + names[-1]


def _whose(ctx: ReviewContext, project: Project, other: Project) -> str:
    if other.unit_code == project.unit_code:
        return "本单位"
    return f"{_unit_name(ctx, other.unit_code) or '单位'}（{other.unit_code}）"


def _unit_name(ctx: ReviewContext, unit_code: str | None) -> str | None:
    unit = ctx.units.get(unit_code or "")
    return unit.unit_name if unit else None


def _label(other: Project) -> str:
    return f"{other.project_code}“{other.name or '（无名称）'}”"


def _percent(similarity: float) -> str:
    return f"{similarity * 100:.1f}%"


def _name_likeness(name: str | None, match: _Earlier) -> str:
    if name == match.record.name:
        return "名称相同"
    if match.similarity >= 1:
        return "名称除单位名称、年份和“项目”等字样外相同"
    return f"名称相近，相似度{_percent(match.similarity)}"


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE else text[: _QUOTE - 1] + "…"


def _money(amount: Any) -> str | None:
    return None if amount is None else str(amount)
