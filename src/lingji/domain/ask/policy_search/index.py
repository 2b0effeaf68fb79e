"""The policy and standards libraries, searchable by BM25 (bm25s) over the tokenizer's words.

A question is read into its search words (synonyms added), the documents it names and the
articles it names. A 文号 or a 《title》 written in the question ranks that document first (the
named article before its others); a document no longer in force ranks below the documents in
force unless it is named.

bm25s is numpy only. An index tokenises its passages on first use (or on `warm()`), so it can be
built eagerly and cached without paying for jieba; the service keeps one index per round.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lingji.domain.ask.policy_search.passages import (
    NUMERALS,
    Passage,
    chinese_numeral,
    library_passages,
)
from lingji.domain.ask.policy_search.tokenizer import (
    PUNCTUATION,
    PolicyTokenizer,
    default_tokenizer,
    resolve_doc_no,
)
from lingji.domain.formatting import number
from lingji.domain.models import BureauStandard, PolicyDocument
from lingji.domain.policy import extract_doc_numbers
from lingji.domain.standards.model import Standard
from lingji.domain.standards.official import OFFICIAL_STANDARDS

#: what people say in a question -> the words the documents use
SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "开会": ("会议", "会议费"),
    "出差": ("差旅", "差旅费"),
    "吃饭": ("伙食",),
    "餐费": ("伙食",),
    "伙食费": ("伙食", "伙食补助费"),
    "讲课": ("讲课费",),
    "授课费": ("讲课费",),
    "上课": ("讲课费",),
    "专家费": ("专家咨询费",),
    "咨询费": ("专家咨询费",),
    "打车": ("市内交通费",),
    "交通补助": ("市内交通费",),
    "电脑": ("计算机",),
    "笔记本": ("便携式计算机",),
    "物业费": ("物业管理费",),
    "采购限额": ("采购限额标准", "限额"),
    "运维": ("运行维护费",),
}

#: how a passage from a document that is no longer in force is ranked against the others
INVALID_PENALTY = 0.5

_QUESTION_LABEL = re.compile(
    rf"(第[{NUMERALS}\d]+条|要点[{NUMERALS}\d]+|第[{NUMERALS}\d]+部分|[（(][{NUMERALS}]+[）)])"
)
_TITLE_IN_QUESTION = re.compile(r"《([^》]{2,60})》")

_MEASURE_WORDS = {"人天": "每人每天", "人次": "每人每次", "学时": "每学时", "人月": "每人每月"}


@dataclass(frozen=True, slots=True)
class PolicyQuery:
    """A question as the index reads it."""

    text: str
    #: search words, with synonyms added
    tokens: tuple[str, ...]
    #: documents the question names (by 文号 or 《title》), as Passage.key
    named: frozenset[str]
    #: articles the question names: 第五条, 要点二
    labels: frozenset[str]
    #: 文号 and 《titles》 the question names that the library does not hold
    unknown: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Hit:
    passage: Passage
    #: the ranking score: BM25, raised for named documents, lowered for invalid ones
    score: float
    #: the share of the question's word weight (IDF) the passage holds, 0..1
    coverage: float
    #: the question names the passage's document
    named: bool = False
    #: the question names this very article (第三条 of the named document)
    article: bool = False


@dataclass(slots=True)
class _Built:
    retriever: Any
    vocabulary: dict[str, int]
    words: list[frozenset[str]]
    document_frequency: Counter[str]


class PolicyIndex:
    """The policy and standards libraries, searchable by BM25 over jieba words.

    Building only splits the passages; the words are counted on the first search (or on
    `warm()`), so an index can be built eagerly and cached without paying for jieba.
    """

    def __init__(
        self, passages: Sequence[Passage], *, tokenizer: PolicyTokenizer | None = None
    ) -> None:
        self.passages = tuple(passages)
        self.tokenizer = tokenizer or default_tokenizer()
        self._doc_nos = frozenset(p.key for p in self.passages if p.doc_no)
        self._titles: dict[str, set[str]] = {}
        for p in self.passages:
            if p.title:
                self._titles.setdefault(p.title, set()).add(p.key)
        self._built: _Built | None = None
        self._lock = threading.Lock()

    @classmethod
    def build(
        cls,
        documents: Iterable[PolicyDocument],
        standards: Iterable[Standard] = OFFICIAL_STANDARDS,
        bureau_standards: Iterable[BureauStandard] = (),
        *,
        as_of: dt.date | None = None,
        tokenizer: PolicyTokenizer | None = None,
    ) -> PolicyIndex:
        """The library's documents split into articles, plus one passage per standard.

        A bureau standard replaces the official one with the same code. `as_of`: documents
        whose expiry date is on or before it count as 失效 even if their status says 有效.
        """
        return cls(
            library_passages(documents, standards, bureau_standards, as_of), tokenizer=tokenizer
        )

    @property
    def ready(self) -> bool:
        """Whether the passages have been tokenised and indexed."""
        return self._built is not None

    def warm(self) -> PolicyIndex:
        """Tokenises every passage and builds the BM25 index now rather than on first search."""
        self._index()
        return self

    def _index(self) -> _Built:
        if self._built is None:
            with self._lock:
                if self._built is None:
                    self._built = self._build_index()
        return self._built

    def _build_index(self) -> _Built:
        import bm25s

        corpus = [self._passage_words(p) for p in self.passages]
        retriever = bm25s.BM25()
        if corpus:
            retriever.index(corpus, show_progress=False)
        words = [frozenset(c) for c in corpus]
        frequency: Counter[str] = Counter(w for ws in words for w in ws)
        return _Built(retriever, getattr(retriever, "vocab_dict", {}), words, frequency)

    def _passage_words(self, passage: Passage) -> list[str]:
        parts = [passage.title, passage.label, passage.text]
        if passage.standard is not None:
            standard = passage.standard
            parts += [*standard.keywords, standard.category_kind]
            # how documents and askers say the measure: 元/人天 is 每人每天
            parts += [said for unit, said in _MEASURE_WORDS.items() if unit in standard.basis]
        words = self.tokenizer.tokens("\n".join(p for p in parts if p), self._doc_nos)
        if passage.doc_no:
            words.append(passage.key)
        return words

    def read(self, question: str) -> PolicyQuery:
        """The words, named documents and named articles of a question."""
        text = unicodedata.normalize("NFKC", question or "").strip()
        vocabulary = self._index().vocabulary
        tokens: list[str] = []
        for word in self.tokenizer.tokens(text, self._doc_nos):
            synonyms = SYNONYMS.get(word, ())
            # a colloquial word the library never uses would only dilute the match
            if word in vocabulary or not synonyms:
                tokens.append(word)
            tokens.extend(synonyms)
        named: set[str] = set()
        unknown: list[str] = []
        for cited in extract_doc_numbers(text):
            resolved = resolve_doc_no(cited, self._doc_nos)
            if resolved in self._doc_nos:
                named.add(resolved)
            else:
                unknown.append(resolved)
        for quoted in _TITLE_IN_QUESTION.findall(text):
            keys = self._titled(quoted)
            if keys:
                named |= keys
            else:
                unknown.append(f"《{quoted}》")
        for title, keys in self._titles.items():
            if len(title) >= 6 and title in text:
                named |= keys
        labels = frozenset(_label(m) for m in _QUESTION_LABEL.findall(text))
        return PolicyQuery(
            text=text,
            # a named 文号 picks its document; as a search word it would only rank that
            # document's shortest article first
            tokens=tuple(t for t in dict.fromkeys(tokens) if t not in named),
            named=frozenset(named),
            labels=labels,
            unknown=tuple(dict.fromkeys(unknown)),
        )

    def _titled(self, quoted: str) -> set[str]:
        wanted = PUNCTUATION.sub("", quoted)
        keys: set[str] = set()
        for title, found in self._titles.items():
            plain = PUNCTUATION.sub("", title)
            if wanted == plain or (len(wanted) >= 4 and (wanted in plain or plain in wanted)):
                keys |= found
        return keys

    def search(self, question: str | PolicyQuery, k: int = 3) -> list[Hit]:
        """The k passages that best answer the question, best first (none scoring zero).

        A named document's passages come first, the named article (第三条, or the third
        article when the document numbers them 要点三) before the others; passages of
        documents no longer in force count half unless their document is named.
        """
        query = question if isinstance(question, PolicyQuery) else self.read(question)
        if not self.passages:
            return []
        built = self._index()
        ids = [built.vocabulary[t] for t in query.tokens if t in built.vocabulary]
        if ids:
            raw = [float(s) for s in built.retriever.get_scores_from_ids(ids)]
        else:
            raw = [0.0] * len(self.passages)
        lift = max(raw, default=0.0) + 1.0
        ordinals = {n for n in map(_ordinal, query.labels) if n is not None}
        ranked = []
        for i, (passage, score) in enumerate(zip(self.passages, raw, strict=True)):
            named = passage.key in query.named
            article = False
            if named:
                score += lift
                if passage.label in query.labels:
                    score, article = score + 2 * lift, True
                elif passage.standard is None and _ordinal(passage.label) in ordinals:
                    score, article = score + lift, True
            elif not passage.in_force:
                score *= INVALID_PENALTY
            if score > 0:
                ranked.append((-score, i, named, article))
        ranked.sort()
        weights = {t: self._idf(t, built) for t in query.tokens}
        total = sum(weights.values())
        hits = []
        for negative, i, named, article in ranked[:k]:
            held = sum(w for t, w in weights.items() if t in built.words[i])
            coverage = held / total if total else 0.0
            hits.append(Hit(self.passages[i], -negative, coverage, named, article))
        return hits

    def _idf(self, word: str, built: _Built) -> float:
        n, df = len(self.passages), built.document_frequency.get(word, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def article_stating(self, standard: Passage) -> Passage | None:
        """The article of a standard's own document that states most of its figures."""
        if standard.standard is None:
            return None
        marks = [m for limit in _limits(standard.standard) for m in _figure_marks(limit)]
        best, most = None, 0
        for passage in self.passages:
            if passage.standard is not None or passage.key != standard.key:
                continue
            found = sum(1 for mark in marks if mark.search(passage.text))
            if found > most:
                best, most = passage, found
        return best

    def articles(self, key: str) -> list[Passage]:
        """The articles of one document (by Passage.key), in order."""
        return [p for p in self.passages if p.key == key and p.standard is None]

    def mentioning(self, key: str) -> list[Passage]:
        """Articles in force of other documents that cite the document `key` by its 文号."""
        built = self._index()
        return [
            p
            for p, words in zip(self.passages, built.words, strict=True)
            if p.in_force and p.standard is None and p.key != key and key in words
        ]

    def suggestions(self) -> list[str]:
        """Questions this index can answer, for an honest 无法回答."""
        out = ["会议费标准是多少"]
        for passage in self.passages:
            if passage.standard is not None and "会议" not in passage.standard.name:
                out.append(f"{passage.standard.name}标准是多少")
                break
        for passage in self.passages:
            if passage.standard is None and passage.doc_no and passage.in_force:
                out.append(f"{passage.doc_no}{passage.label}")
                break
        return out


def _label(text: str) -> str:
    """第5条 -> 第五条; (二) -> （二）."""
    text = re.sub(r"\d+", lambda m: chinese_numeral(int(m.group(0))), text)
    return text.replace("(", "（").replace(")", "）")


def _ordinal(label: str) -> int | None:
    """第十二条, 要点三, 第二部分, （四） -> 12, 3, 2, 4; None for 引言, 全文 and names."""
    found = re.search(rf"[{NUMERALS}]+", label)
    if found is None or not re.fullmatch(
        r"第.+[条段]|要点.+|第.+部分|（.+）", label.split("（")[0] or label
    ):
        return None
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
    text = found.group(0)
    if "百" in text:
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        return digits.get(tens, 1) * 10 + (digits.get(ones, 0) if ones else 0)
    return digits.get(text)


def _limits(standard: Standard) -> list[Decimal]:
    if standard.categories:
        return [c.limit for c in standard.categories]
    return [standard.limit] if standard.limit is not None else []


def _figure_marks(limit: Decimal) -> list[re.Pattern[str]]:
    """How a document may write a limit: 760, 4.50 or 4.5, 10万."""
    forms = {number(limit), f"{limit:.2f}" if limit != limit.to_integral_value() else ""}
    if limit >= 10000:
        forms.add(number(limit / 10000) + "万")
    return [re.compile(rf"(?<![\d.]){re.escape(f)}(?![\d.])") for f in forms if f]
