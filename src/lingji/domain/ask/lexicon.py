"""The words of one round: units and their short names, project types, economic codes,
project names and years, on top of the fixed vocabulary; plus Chinese numerals.

Built once per round (build_lexicon) and kept by the caller; scanning a question is a
longest-match walk over a dict of surfaces, a few microseconds a question.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from lingji.domain.ask.vocabulary import ABBREVIATIONS, VOCABULARY, Kind

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
#: a run of Chinese numeral characters
NUMERAL = re.compile("[零〇○一二两三四五六七八九十百千万亿]+")
_LEVELS = ("县", "区", "市", "旗", "州", "省")


def normalize(text: str) -> str:
    """Half-width letters, digits and brackets (NFKC), upper-case letters, no spaces or end
    punctuation."""
    text = unicodedata.normalize("NFKC", text).upper()
    # 其它 is 其他 (and its 它 is no pronoun)
    text = re.sub(r"\s+", "", text).replace("其它", "其他")
    return text.strip("?？。.!！~～ ")


def chinese_number(text: str) -> int | None:
    """一 -> 1, 两 -> 2, 十二 -> 12, 二十 -> 20, 一百零五 -> 105, 三万 -> 30000; digit by digit
    when there is no 十/百/千 (二〇二六 -> 2026). None if it is not a numeral."""
    if not text or any(c not in _DIGITS and c not in _UNITS for c in text):
        return None
    if all(c in _DIGITS for c in text):
        return int("".join(str(_DIGITS[c]) for c in text))
    total, section, digit = 0, 0, None
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
            continue
        unit = _UNITS[char]
        if unit >= 10_000:
            section = (section + (digit or 0)) * unit
            total, section = total + section, 0
        else:
            section += (1 if digit is None else digit) * unit
        digit = None
    return total + section + (digit or 0)


@dataclass(frozen=True, slots=True)
class Term:
    kind: Kind
    value: str


@dataclass(frozen=True, slots=True)
class Match:
    """A recognised word of a question: where it is and what it may mean."""

    start: int
    end: int
    surface: str
    terms: tuple[Term, ...]

    def of(self, kind: Kind) -> list[str]:
        return [t.value for t in self.terms if t.kind is kind]


@dataclass(frozen=True, slots=True)
class UnitName:
    code: str
    name: str
    parent_code: str | None = None


@dataclass(frozen=True)
class Lexicon:
    """Everything the parser knows about a round."""

    region: str
    budget_year: int
    #: years of the history sheets (execution, 三公), oldest first
    history_years: tuple[int, ...]
    units: Mapping[str, UnitName]
    econ_names: Mapping[str, str]
    project_names: Mapping[str, str]
    #: project code -> unit code
    project_units: Mapping[str, str]
    project_types: tuple[str, ...]
    finding_titles: Mapping[str, str]
    #: surface -> meanings
    terms: Mapping[str, tuple[Term, ...]]
    _max_len: int = field(default=1, repr=False)

    @property
    def newest_history_year(self) -> int:
        return self.history_years[-1] if self.history_years else self.budget_year - 1

    def departments(self) -> set[str]:
        """Codes of units that others report to."""
        return {u.parent_code for u in self.units.values() if u.parent_code}

    def unit_name(self, code: str) -> str:
        unit = self.units.get(code)
        return unit.name if unit else code

    def econ_label(self, code: str) -> str:
        name = self.econ_names.get(code)
        return f"{code} {name}" if name else code

    def scan(self, text: str) -> list[Match]:
        """The longest known word at each place, left to right, without overlaps."""
        matches, i, n = [], 0, len(text)
        terms, longest = self.terms, self._max_len
        while i < n:
            for length in range(min(longest, n - i), 0, -1):
                found = terms.get(text[i : i + length])
                if found:
                    matches.append(Match(i, i + length, text[i : i + length], found))
                    i += length
                    break
            else:
                i += 1
        return matches

    def projects_named(self, fragment: str) -> list[str]:
        """Codes of projects whose name holds this fragment."""
        if len(fragment) < 2:
            return []
        return [code for code, name in self.project_names.items() if fragment in name]


def unit_aliases(name: str, region: str) -> set[str]:
    """澜溪县教育局 in 澜溪县 -> 澜溪县教育局, 县教育局, 教育局, 澜溪教育局, and the usual short
    forms (卫健局 for 卫生健康局); 上海市普陀区图书馆（…少年儿童图书馆） in 普陀区 -> 图书馆,
    区图书馆, 普陀区图书馆 ... and the name in brackets the same way."""
    name = normalize(name)
    aliases = {name}
    bracketed = re.fullmatch(r"(.+?)\((.+)\)", name)
    if bracketed:
        aliases |= unit_aliases(bracketed.group(1), region)
        aliases |= unit_aliases(bracketed.group(2), region)
        return aliases
    region = normalize(region)
    level = region[-1] if region and region[-1] in _LEVELS else ""
    core = region[:-1] if level else region
    rest = name
    for prefix in (region, core):
        if prefix and prefix in name:
            # a higher level may come first: 上海市普陀区城市管理行政执法局
            rest = name[name.index(prefix) + len(prefix) :]
            break
    if rest.startswith(level) and level:
        rest = rest[1:]
    rests = {rest}
    if rest.startswith("人民政府") and len(rest) > 6:
        rests.add(rest[4:])  # 人民政府万里街道办事处 -> 万里街道办事处
    for long, shorts in ABBREVIATIONS.items():
        for known in list(rests):
            if long in known:
                rests.update(known.replace(long, short) for short in shorts)
    for short in rests:
        if len(short) < 2:
            continue
        aliases.update({short, level + short, core + short} if level else {short, core + short})
    return {a for a in aliases if len(a) >= 2}


def _department_aliases(aliases: Iterable[str]) -> set[str]:
    """教育局 -> 教育局系统, 教育系统, 教育局及下属单位 ..."""
    out = set()
    for alias in aliases:
        stem = alias[:-1] if alias[-1] in "局委办" and len(alias) > 2 else alias
        out.update({alias + "系统", stem + "系统", alias + "及下属单位", alias + "及所属单位"})
        out.update(
            {alias + "及其下属单位", alias + "及下属", alias + "下属单位", alias + "所属单位"}
        )
        out.update({alias + "及二级单位", alias + "本级及下属单位"})
    return out


def _econ_aliases(name: str) -> set[str]:
    name = normalize(name)
    plain = re.sub(r"\(.*?\)", "", name)
    aliases = {name, plain}
    if plain.endswith("费用"):
        aliases.add(plain[:-1])
    return {a for a in aliases if len(a) >= 2}


def build_lexicon(
    *,
    region: str,
    budget_year: int,
    history_years: Iterable[int],
    units: Iterable[UnitName],
    econ_names: Mapping[str, str],
    projects: Iterable[tuple[str, str, str]],
    project_types: Iterable[str],
    finding_titles: Mapping[str, str],
) -> Lexicon:
    """The vocabulary of a round; the fixed words win where a round's word has the same form.

    projects: (project code, name, unit code) of the budget year."""
    projects = list(projects)
    table: dict[str, list[Term]] = {}

    def add(surface: str, term: Term) -> None:
        meanings = table.setdefault(normalize(surface), [])
        if term not in meanings:
            meanings.append(term)

    units = list(units)
    by_alias: dict[str, set[str]] = {}
    for unit in units:
        for alias in unit_aliases(unit.name, region):
            by_alias.setdefault(alias, set()).add(unit.code)
    parents = {u.parent_code for u in units if u.parent_code}
    for alias, codes in by_alias.items():
        if len(codes) == 1:  # an alias two units share names neither
            (code,) = codes
            add(alias, Term(Kind.UNIT, code))
            if code in parents:
                for dept in _department_aliases([alias]):
                    add(dept, Term(Kind.DEPARTMENT, code))
    types = tuple(dict.fromkeys(t for t in project_types if t))
    for kind in types:
        surfaces = {kind + "类", kind + "项目", kind + "类项目", kind + "类型"}
        if kind != "其他":
            surfaces.add(kind)
        for surface in surfaces:
            add(surface, Term(Kind.PROJECT_TYPE, kind))
    # 信息化项目: every type whose name begins so (信息化建设, 信息化运维)
    for stem in sorted({a[:n] for a in types for n in range(3, len(a))}):
        sharing = [t for t in types if t.startswith(stem)]
        if stem not in table:
            for surface in (stem, stem + "类", stem + "项目", stem + "类项目"):
                for kind in sharing:
                    add(surface, Term(Kind.PROJECT_TYPE, kind))
    for code, name in econ_names.items():
        if len(code) == 5:
            add(code, Term(Kind.ECON, code))
        for alias in _econ_aliases(name):
            add(alias, Term(Kind.ECON, code))
    for code, title in finding_titles.items():
        add(code, Term(Kind.FINDING, code))
        add(title, Term(Kind.FINDING, code))
    for code, name, _ in projects:
        add(code, Term(Kind.PROJECT, code))
        add(name, Term(Kind.PROJECT, code))
    # the fixed vocabulary comes last and first in each list of meanings
    for words, kind, value in VOCABULARY:
        for surface in words.split():
            key = normalize(surface)
            fixed = Term(kind, value)
            table[key] = [fixed, *(t for t in table.get(key, []) if t != fixed)]
    terms = {surface: tuple(meanings) for surface, meanings in table.items()}
    return Lexicon(
        region=region,
        budget_year=budget_year,
        history_years=tuple(sorted(set(history_years))),
        units={u.code: u for u in units},
        econ_names=dict(econ_names),
        project_names={code: normalize(name) for code, name, _ in projects},
        project_units={code: unit for code, _, unit in projects},
        project_types=types,
        finding_titles=dict(finding_titles),
        terms=terms,
        _max_len=max(map(len, terms), default=1),
    )
