"""Item classification: which economic code and which item class a 明细名称 belongs to.

Three steps, most trusted first: the code the round's 历史明细 most often gave the same name;
keyword rules (the economic items' own names, 会议费 -> 30215, and the standards' keywords);
a character n-gram naive Bayes model trained on the history names. Names repeat massively
(a million lines carry a few thousand names), so everything works on unique names, and
predictions are cached.

Item classes are the name and its shorter forms at each （ (差旅费（住宿费）（跨县协查） ->
差旅费（住宿费） -> 差旅费); learned.py backs off along them.
"""

from __future__ import annotations

import heapq
import math
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from lingji.domain.models import DetailLine, HistoryLineGroup
from lingji.domain.standards.official import OFFICIAL_STANDARDS

_BRACKETS = str.maketrans({"(": "（", ")": "）", " ": "", "　": ""})

#: economic items whose name, found in a 明细名称, gives the code (domain-facts 2.5)
ECON_NAME_RULES: tuple[tuple[str, str], ...] = (
    ("办公费", "30201"), ("印刷费", "30202"), ("咨询费", "30203"), ("手续费", "30204"),
    ("水费", "30205"), ("电费", "30206"), ("邮电费", "30207"), ("取暖费", "30208"),
    ("物业管理费", "30209"), ("差旅费", "30211"), ("因公出国", "30212"), ("租赁费", "30214"),
    ("会议费", "30215"), ("培训费", "30216"), ("公务接待费", "30217"), ("专用材料费", "30218"),
    ("劳务费", "30226"), ("委托业务费", "30227"), ("工会经费", "30228"), ("福利费", "30229"),
    ("公务用车运行维护费", "30231"), ("办公设备购置", "31002"), ("专用设备购置", "31003"),
    ("公务用车购置", "31013"),
)  # fmt: skip


def normalize_name(name: str | None) -> str:
    """One spelling per name: full-width brackets, no spaces."""
    return (name or "").strip().translate(_BRACKETS)


@lru_cache(maxsize=65536)
def class_keys(name: str) -> tuple[str, ...]:
    """The name and its shorter forms at each （, longest first."""
    text = normalize_name(name)
    keys = [text]
    cut = text.rfind("（")
    while cut > 0:
        text = text[:cut]
        keys.append(text)
        cut = text.rfind("（")
    return tuple(dict.fromkeys(keys))


def grams(text: str, longest: int = 3) -> list[str]:
    """Character 1- to `longest`-grams; Chinese item names have no word boundaries to split on."""
    return [text[i : i + n] for n in range(1, longest + 1) for i in range(len(text) - n + 1)]


class NgramIndex:
    """Known names as TF-IDF-weighted character n-gram vectors, searched by cosine similarity.

    Grams shared by many names (服务, 费) weigh little; a query's grams no known name has still
    count in its length, so a name unlike all known ones scores low against every one of them.
    """

    def __init__(self, texts: Iterable[str]) -> None:
        self.texts = sorted(set(texts))
        frequency = Counter(g for text in self.texts for g in set(grams(text)))
        size = len(self.texts)
        self._idf = {g: math.log((1 + size) / (1 + n)) + 1 for g, n in frequency.items()}
        self._rare = math.log(1 + size) + 1
        self._postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, text in enumerate(self.texts):
            for gram, weight in self._vector(text).items():
                self._postings[gram].append((i, weight))

    def _vector(self, text: str) -> dict[str, float]:
        # grams in their order in the text, not a set's: float sums in a set's order change
        # with the interpreter's hash seed, and near-ties among neighbours flip with them
        weights = {g: self._idf.get(g, self._rare) for g in dict.fromkeys(grams(text))}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {g: w / norm for g, w in weights.items()}

    def nearest(self, text: str, k: int = 1) -> list[tuple[float, str]]:
        """The k most similar known names with their cosine similarity (0 to 1), best first."""
        scores: dict[int, float] = defaultdict(float)
        for gram, weight in self._vector(text).items():
            for i, known in self._postings.get(gram, ()):
                scores[i] += weight * known
        best = heapq.nlargest(k, scores.items(), key=lambda item: (item[1], -item[0]))
        return [(min(score, 1.0), self.texts[i]) for i, score in best]


class NearestNames:
    """Label of a name by a similarity-weighted vote of the k most similar known names."""

    def __init__(self, labelled: Iterable[tuple[str, str]], k: int = 5) -> None:
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for text, label in labelled:
            votes[text][label] += 1
        self._labels = {text: c.most_common(1)[0][0] for text, c in votes.items()}
        self.index = NgramIndex(self._labels)
        self.k = k

    def predict(self, text: str) -> tuple[str, float] | None:
        """The winning label and its share of the neighbours' similarity; None if none is alike."""
        weights: dict[str, float] = defaultdict(float)
        for score, known in self.index.nearest(text, self.k):
            weights[self._labels[known]] += score
        total = sum(weights.values())
        if total <= 0:
            return None
        label, weight = max(weights.items(), key=lambda item: (item[1], item[0]))
        return label, weight / total


@dataclass(frozen=True, slots=True)
class EconGuess:
    code: str
    #: 历史明细 (same name in history), 关键词 (keyword rule) or 模型 (n-gram model)
    method: str
    confidence: float


def _keyword_rules() -> tuple[tuple[str, str], ...]:
    from_standards = [
        (keyword, s.econ_code) for s in OFFICIAL_STANDARDS if s.econ_code for keyword in s.keywords
    ]
    rules = dict(ECON_NAME_RULES) | dict(from_standards)
    # the longest keyword that matches decides: 公务用车运行维护费 before 公务用车
    return tuple(sorted(rules.items(), key=lambda kv: -len(kv[0])))


KEYWORD_RULES = _keyword_rules()


class ItemClassifier:
    """Economic code of an item name, learned from the round's history lines."""

    def __init__(self, name_codes: Iterable[tuple[str, str, int]]) -> None:
        """`name_codes`: (normalised name, economic code, line count) from history."""
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for name, code, n in name_codes:
            votes[name][code] += n
        self._known = {name: c.most_common(1)[0][0] for name, c in votes.items()}
        # the model reads heads only: bracketed qualifiers are mostly places and periods
        # (（城关镇）, （第一季度）) that say nothing of the economic code but would swamp it
        heads = {(class_keys(name)[-1], c.most_common(1)[0][0]) for name, c in votes.items()}
        self.model = NearestNames(sorted(heads))
        self._cache: dict[str, EconGuess | None] = {}

    @classmethod
    def from_lines(cls, lines: Iterable[DetailLine]) -> ItemClassifier:
        return cls._trained(Counter((ln.item_name, ln.econ_code) for ln in lines))

    @classmethod
    def from_groups(cls, groups: Iterable[HistoryLineGroup]) -> ItemClassifier:
        raw: Counter[tuple[str | None, str | None]] = Counter()
        for group in groups:
            raw[(group.item_name, group.econ_code)] += group.lines
        return cls._trained(raw)

    @classmethod
    def _trained(cls, raw: Counter[tuple[str | None, str | None]]) -> ItemClassifier:
        counted: Counter[tuple[str, str]] = Counter()
        for (name, code), n in raw.items():
            if name and code:
                counted[(normalize_name(name), code)] += n
        return cls((name, code, n) for (name, code), n in counted.items())

    @property
    def known_names(self) -> int:
        return len(self._known)

    def econ_for(self, name: str) -> EconGuess | None:
        key = normalize_name(name)
        if key not in self._cache:
            self._cache[key] = self._guess(key)
        return self._cache[key]

    def econ_code(self, name: str) -> str | None:
        guess = self.econ_for(name)
        return guess.code if guess else None

    def _guess(self, name: str) -> EconGuess | None:
        if not name:
            return None
        # the name itself, else a shorter form of it, as history coded it
        for key in class_keys(name):
            if key in self._known:
                return EconGuess(self._known[key], "历史明细", 1.0)
        for keyword, code in KEYWORD_RULES:
            if keyword in name:
                return EconGuess(code, "关键词", 1.0)
        return self._predict(name)

    def _predict(self, name: str) -> EconGuess | None:
        predicted = self.model.predict(class_keys(name)[-1])
        return EconGuess(predicted[0], "模型", predicted[1]) if predicted else None


@dataclass(frozen=True, slots=True)
class ClassifierAccuracy:
    """Held-out accuracy of the economic-code classification on history lines split by project."""

    train_projects: int
    test_projects: int
    test_lines: int
    #: all three steps (history names of the training projects, keywords, model)
    accuracy: float
    #: test lines whose name no training project used, and the accuracy on them
    unseen_lines: int
    unseen_accuracy: float | None
    #: the n-gram model alone, on every test line
    model_accuracy: float


def _in_test(project_code: str, share: Decimal) -> bool:
    # crc32, not hash(): the split must be the same in every run
    return zlib.crc32(project_code.encode("utf-8")) % 1000 < share * 1000


def held_out_accuracy(
    lines: Iterable[DetailLine], *, test_share: Decimal = Decimal("0.2")
) -> ClassifierAccuracy | None:
    """Trains on the history lines of ~80% of projects and measures on the rest's lines."""
    usable = [ln for ln in lines if ln.item_name and ln.econ_code]
    train = [ln for ln in usable if not _in_test(ln.project_code, test_share)]
    test = [ln for ln in usable if _in_test(ln.project_code, test_share)]
    if not train or not test:
        return None
    classifier = ItemClassifier.from_lines(train)
    seen = {normalize_name(ln.item_name) for ln in train}
    test_names = Counter((normalize_name(ln.item_name), ln.econ_code) for ln in test)
    right = unseen = unseen_right = model_right = 0
    for (name, code), n in test_names.items():
        hit = classifier.econ_code(name) == code
        right += hit * n
        predicted = classifier._predict(name)
        model_right += (predicted is not None and predicted.code == code) * n
        if name not in seen:
            unseen += n
            unseen_right += hit * n
    return ClassifierAccuracy(
        train_projects=len({ln.project_code for ln in train}),
        test_projects=len({ln.project_code for ln in test}),
        test_lines=len(test),
        accuracy=right / len(test),
        unseen_lines=unseen,
        unseen_accuracy=unseen_right / unseen if unseen else None,
        model_accuracy=model_right / len(test),
    )
