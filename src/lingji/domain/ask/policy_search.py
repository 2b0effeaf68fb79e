"""Policy questions: search over the policy library and the standards library.

Each document's 正文 is split into its articles (第五条, 要点二, 一、, （一）), each official
standard and each row of the bureau's 支出标准 sheet becomes one passage, and a question is
matched against them with BM25 over jieba words. jieba runs in Lingji's own dictionary (the
domain words below are added to it, 文号 are kept whole), never the global one.

A 文号 or a 《title》 written in the question ranks that document first; a document marked
废止 or 失效 (or past its expiry date) ranks below the documents in force unless it is named,
and its passages say so. The answer quotes the passages by document and article and, where a
standard is among them, lists its figures.

Everything is local: jieba ships its dictionary in the wheel and bm25s is numpy only. jieba's
dictionary takes about a second to load, so the tokenizer is loaded once per process and an
index tokenises its passages on first use; the service keeps one index per round.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

from lingji.domain.ask.answer import Answer, AnswerKind
from lingji.domain.formatting import number
from lingji.domain.models import BureauStandard, PolicyDocument
from lingji.domain.policy import extract_doc_numbers, normalize_doc_no
from lingji.domain.standards.library import bureau_standard
from lingji.domain.standards.model import Category, Origin, Standard, Trust
from lingji.domain.standards.official import OFFICIAL_STANDARDS

#: words jieba must keep whole: expenditure items, document key terms, review vocabulary
DOMAIN_WORDS: tuple[str, ...] = (
    "会议费", "培训费", "差旅费", "伙食补助费", "伙食补助", "市内交通费", "城市间交通费",
    "住宿费", "讲课费", "授课费", "师资费", "专家咨询费", "公务接待", "公务接待费",
    "三公经费", "因公出国", "公务用车", "公务用车运行维护费", "执法执勤用车", "机要通信用车",
    "政府采购", "集中采购目录", "采购限额标准", "分散采购", "物业管理费", "物业服务",
    "综合定额", "定额标准", "支出标准", "楼堂馆所", "零基预算", "部门预算", "项目库",
    "项目支出", "绩效目标", "绩效指标", "绩效评价", "产出指标", "效益指标", "满意度指标",
    "成本指标", "执行率", "控制数", "专项资金", "政务信息化", "运行维护费", "运维费",
    "等级保护", "办公设备", "配置标准", "台式计算机", "便携式计算机", "多功能一体机",
    "编外人员", "劳务费", "校舍维修", "预算法实施条例", "政府采购法实施条例",
    "道路清扫保洁", "绿地养护", "路灯维护", "公厕保洁", "电梯维护保养", "消防设施",
    "施工图设计费", "建安工程费", "一类会议", "二类会议", "三类会议", "四类会议",
    "一类培训", "二类培训", "三类培训", "副高级", "正高级", "院士",
)  # fmt: skip

#: question words that say nothing about which passage is meant
STOP_WORDS: frozenset[str] = frozenset(
    "的 了 是 吗 呢 吧 啊 呀 么 嘛 和 与 及 或 在 有 为 对 把 被 都 也 就 还 又 请 请问 问 一下 "
    "我 我们 你 您 他 它 这 那 这个 那个 哪 哪个 哪些 什么 多少 多少钱 钱 几 怎么 怎样 怎么样 如何 "
    "为什么 是否 能否 能 可以 可 要 需要 应该 得 地 之 其 等 中 里 上 下 啥 有没有 有关 关于 相关 "
    "规定 规定的 具体 一般 目前 现在 现行 查 查询 看看 告诉 是不是 怎么办 办 搞 注意 能不能 "
    "会不会 要求 有什么".split()
)

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
#: the share of a question's word weight the best passage must hold to be an answer
MIN_COVERAGE = 0.5
#: passages quoted besides the best one must score at least this share of its score
RELATIVE_SCORE = 0.5
#: a second standard is quoted only if it holds this share of the question's word weight
STANDARD_COVERAGE = 0.75
MAX_STANDARDS = 2
INVALID_STATUSES = frozenset({"废止", "失效"})

_NUMERALS = "一二三四五六七八九十百零〇两"
_LINE_LABELS = (
    # (pattern at the start of a line, how the label is written)
    (re.compile(rf"^[ \t\u3000]*(第[{_NUMERALS}\d]+条)[ \t\u3000：:]*", re.M), "{}"),
    (re.compile(rf"^[ \t\u3000]*(要点[{_NUMERALS}\d]+)[ \t\u3000：:]*", re.M), "{}"),
    (re.compile(rf"^[ \t\u3000]*([{_NUMERALS}]+)、[ \t\u3000]*", re.M), "第{}部分"),
    (re.compile(rf"^[ \t\u3000]*[（(]([{_NUMERALS}]+)[）)][ \t\u3000]*", re.M), "（{}）"),
)
_PARTS = _LINE_LABELS[2][0]
_SUB_ITEMS = _LINE_LABELS[3][0]
_HEADING = re.compile(rf"^[ \t\u3000]*第[{_NUMERALS}\d]+[章节][^\n]*$", re.M)
_NOTE = re.compile(r"^\s*(【[^】\n]{1,12}】[^\n]*)\n?")
#: a long section of 一、 parts is split further at its （一） items
_LONG_SECTION = 400
#: a long text with no article markers is split into paragraphs
_LONG_TEXT = 500
_QUOTE_CHARS = 220

_NUMBER_PART = re.compile(r"[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d+\s*号|令第\s*\d+\s*号")
_QUESTION_LABEL = re.compile(
    rf"(第[{_NUMERALS}\d]+条|要点[{_NUMERALS}\d]+|第[{_NUMERALS}\d]+部分|[（(][{_NUMERALS}]+[）)])"
)
_TITLE_IN_QUESTION = re.compile(r"《([^》]{2,60})》")
_QUESTION_LEAD_IN = re.compile(r"^(?:请问|请|查询|查一下|查|看看|看一下|关于|文件|一下|的)+")
_PUNCTUATION = re.compile(r"[\W_]+")

_MEASURE_WORDS = {"人天": "每人每天", "人次": "每人每次", "学时": "每学时", "人月": "每人每月"}
#: characters that end the words before an issuer's abbreviation (楼堂馆所按|财行〔2016〕214号)
_ISSUER_BREAK = re.compile(r"[^按据照和与及的是在对为被由见将以了把从向于请问查看]+$")

_TRUST_TEXT = {
    Trust.OFFICIAL: "官方文件",
    Trust.SECONDARY: "转载来源，数字与官方一致，使用前请核对原文",
    Trust.WEAK: "来源质量低，仅供参考，使用前应核对原文",
    Trust.BUREAU: "本地支出标准",
}


# ---------------------------------------------------------------------------- passages


@dataclass(frozen=True, slots=True)
class Passage:
    """One article of a document, or one standard, as the answer cites it."""

    #: the document's 文号 (None for a standard whose document number is not verified)
    doc_no: str | None
    title: str | None
    #: 有效 / 失效 / 废止 as the library states it (None: not stated)
    status: str | None
    #: 第五条, 要点二, 第一部分, （三）, 全文; a standard's name
    label: str
    text: str
    #: a remark the document carries before its articles (【演示摘要】...)
    note: str = ""
    expires: dt.date | None = None
    #: the standard this passage states, for its figures
    standard: Standard | None = None
    #: False when the document is 废止 or 失效, or past its expiry date
    in_force: bool = True

    #: the document the passage belongs to: its 文号 (normalised), else its title
    key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        key = normalize_doc_no(self.doc_no) if self.doc_no else self.title or self.label
        object.__setattr__(self, "key", key)

    def document(self) -> str:
        """《中央和国家机关会议费管理办法》（财行〔2016〕214号）"""
        if self.standard is not None and self.standard.origin is Origin.BUREAU and not self.title:
            return self.standard.source_text()
        name = f"《{self.title}》" if self.title else ""
        if self.doc_no:
            return f"{name}（{self.doc_no}）" if name else self.doc_no
        return name or self.label

    def citation(self) -> str:
        """《中央和国家机关会议费管理办法》（财行〔2016〕214号）要点二"""
        if self.standard is not None:
            return f"{self.document()}“{self.standard.name}”"
        return self.document() + self.label

    def source(self) -> str:
        """财行〔2016〕214号 中央和国家机关会议费管理办法 (for Answer.sources)."""
        if self.standard is not None and self.standard.origin is Origin.BUREAU:
            base = " ".join(x for x in (self.doc_no, self.title) if x)
            return base or f"本地支出标准 {self.standard.code} {self.standard.name}"
        return " ".join(x for x in (self.doc_no, self.title) if x) or self.label

    def validity(self) -> str:
        """'' for a document in force; 已废止（2025-03-01起） otherwise."""
        if self.in_force:
            return ""
        status = (self.status or "").strip()
        when = self.expires.isoformat() if self.expires else None
        if status == "废止":
            return "已废止" + (f"（{when}起）" if when else "")
        if status == "失效":
            return "已失效" + (f"（有效期至{when}）" if when else "")
        return f"已过有效期（{when}）" if when else "已失效"


def split_articles(text: str | None) -> list[tuple[str, str]]:
    """A document's 正文 as (label, text) pairs, one per article.

    The first marker style found at line starts wins, in this order: 第X条, 要点X, 一、, （一）.
    A long 一、 part is split further at its （一） items (第二部分（三）). Chapter headings
    (第一章 总则) are dropped; text before the first article is labelled 引言. A text with no
    markers is one passage (全文), or one per paragraph (第N段) when it is long.
    """
    body = _HEADING.sub("", (text or "").strip())
    if not body:
        return []
    for pattern, label in _LINE_LABELS:
        sections = _split_at(body, pattern, label)
        if sections is None:
            continue
        if pattern is _PARTS:
            sections = [sub for section in sections for sub in _split_long_part(*section)]
        return [(name, _one_line(part)) for name, part in sections]
    paragraphs = [p.strip() for p in body.splitlines() if p.strip()]
    if len(body) <= _LONG_TEXT or len(paragraphs) == 1:
        return [("全文", _one_line(body))]
    return [(f"第{_chinese(i)}段", p) for i, p in enumerate(paragraphs, 1)]


def _split_at(body: str, pattern: re.Pattern[str], label: str) -> list[tuple[str, str]] | None:
    """(label, raw text) per marker; None when the pattern marks no line."""
    matches = list(pattern.finditer(body))
    if not matches:
        return None
    sections = []
    lead = body[: matches[0].start()].strip()
    if lead:
        sections.append(("引言", lead))
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following is not None else len(body)
        sections.append((label.format(match.group(1)), body[match.end() : end].strip()))
    return sections


def _split_long_part(label: str, text: str) -> list[tuple[str, str]]:
    if len(text) <= _LONG_SECTION or label == "引言":
        return [(label, text)]
    items = _split_at(text, _SUB_ITEMS, "（{}）")
    if items is None:
        return [(label, text)]
    return [(label if name == "引言" else label + name, part) for name, part in items]


def _one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", "", text).strip()


def _chinese(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def document_passages(doc: PolicyDocument, *, as_of: dt.date | None = None) -> list[Passage]:
    """The articles of one document, each carrying its 文号, title and status."""
    text = (doc.text or "").strip()
    note = ""
    if found := _NOTE.match(text):
        note, text = found.group(1).strip(), text[found.end() :]
    status = (doc.status or "").strip() or None
    in_force = status not in INVALID_STATUSES and not (
        as_of is not None and doc.expires is not None and doc.expires <= as_of
    )
    articles = split_articles(text) or [("全文", "")]
    return [
        Passage(
            doc_no=(doc.doc_no or "").strip() or None,
            title=(doc.title or "").strip() or None,
            status=status,
            label=label,
            text=body,
            note=note,
            expires=doc.expires,
            in_force=in_force,
        )
        for label, body in articles
    ]


def standard_passage(standard: Standard, *, title: str | None = None) -> Passage:
    """One standard: its name, figures per category with their measure, source and trust grade."""
    text = _headline(standard, separator="；")
    if standard.day_rule is not None:
        text += standard.day_rule.describe() + "。"
    if standard.note:
        text += f"说明：{standard.note}。"
    if standard.effective_from is not None:
        start = standard.effective_from
        text += f"自{start.year}年{start.month}月{start.day}日起施行。"
    text += f"可信度：{standard.trust.value}（{_TRUST_TEXT[standard.trust]}）。"
    return Passage(
        doc_no=standard.doc_no,
        title=standard.title or title,
        status=None,
        label=standard.name,
        text=text,
        standard=standard,
    )


def _passages(
    documents: Iterable[PolicyDocument],
    standards: Iterable[Standard],
    bureau_standards: Iterable[BureauStandard],
    as_of: dt.date | None,
) -> list[Passage]:
    documents = list(documents)
    by_no = {normalize_doc_no(d.doc_no): d for d in documents if d.doc_no}
    passages = [p for doc in documents for p in document_passages(doc, as_of=as_of)]
    bureau = [bureau_standard(row) for row in bureau_standards]
    replaced = {s.code for s in bureau}
    for standard in bureau:
        doc = by_no.get(normalize_doc_no(standard.doc_no)) if standard.doc_no else None
        passage = standard_passage(standard, title=doc.title if doc else None)
        if doc is not None:
            # a bureau standard is as valid as the document that sets it
            source = document_passages(doc, as_of=as_of)[0]
            passage = replace(
                passage, status=source.status, expires=source.expires, in_force=source.in_force
            )
        passages.append(passage)
    passages.extend(standard_passage(s) for s in standards if s.code not in replaced)
    return passages


# ---------------------------------------------------------------------------- tokenising


class PolicyTokenizer:
    """Chinese text -> search words: jieba's search mode in its own dictionary.

    文号 come out whole and normalised (财行〔2016〕214号), domain words whole and also as
    their parts (会议费 -> 会议, 会议费), stop words and punctuation are dropped.
    """

    def __init__(self, words: Iterable[str] = DOMAIN_WORDS) -> None:
        self.words = tuple(words)
        self._segmenter: Any = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._segmenter is not None

    def load(self) -> PolicyTokenizer:
        """Loads jieba's dictionary (about a second) and adds the domain words; idempotent."""
        if self._segmenter is None:
            with self._lock:
                if self._segmenter is None:
                    import jieba

                    jieba.setLogLevel(logging.WARNING)
                    segmenter = jieba.Tokenizer()
                    segmenter.initialize()
                    for word in self.words:
                        segmenter.add_word(word)
                    self._segmenter = segmenter
        return self

    def tokens(self, text: str | None, known_doc_nos: Collection[str] = ()) -> list[str]:
        """The search words of a text. A 文号 that ends with a known one is that one."""
        if not text:
            return []
        text = unicodedata.normalize("NFKC", text)
        out = [_resolve_doc_no(no, known_doc_nos) for no in extract_doc_numbers(text)]
        rest = text
        for doc_no in out:
            if doc_no in known_doc_nos:
                # the issuer's part (澜溪财预) would match every document of that issuer
                rest = _written(doc_no).sub(" ", rest)
        rest = _NUMBER_PART.sub(" ", rest)
        self.load()
        for word in self._segmenter.cut_for_search(rest):
            word = word.strip().lower()
            if word and word not in STOP_WORDS and not _PUNCTUATION.fullmatch(word):
                out.append(word)
        return out


@lru_cache(maxsize=4096)
def _written(doc_no: str) -> re.Pattern[str]:
    """财行〔2016〕214号 as people write it: any brackets, spaces, 第 before the number."""
    parts = []
    for char in doc_no:
        if char == "〔":
            parts.append(r"\s*[〔\[［【(（]\s*")
        elif char == "〕":
            parts.append(r"\s*[〕\]］】)）]\s*第?\s*")
        else:
            parts.append(re.escape(char) + r"\s*")
    return re.compile("".join(parts))


def _resolve_doc_no(cited: str, known: Collection[str]) -> str:
    """'为贯彻落实国发〔2021〕5号' as read from running text -> '国发〔2021〕5号'."""
    if cited in known:
        return cited
    endings = [k for k in known if cited.endswith(k)]
    if endings:
        return max(endings, key=len)
    trimmed = _ISSUER_BREAK.search(_QUESTION_LEAD_IN.sub("", cited))
    return trimmed.group(0) if trimmed else cited


@lru_cache(maxsize=4)
def default_tokenizer(words: tuple[str, ...] = DOMAIN_WORDS) -> PolicyTokenizer:
    """One tokenizer per word list and process: jieba's dictionary is loaded once."""
    return PolicyTokenizer(words)


# ---------------------------------------------------------------------------- the index


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
        return cls(_passages(documents, standards, bureau_standards, as_of), tokenizer=tokenizer)

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
            resolved = _resolve_doc_no(cited, self._doc_nos)
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
        wanted = _PUNCTUATION.sub("", quoted)
        keys: set[str] = set()
        for title, found in self._titles.items():
            plain = _PUNCTUATION.sub("", title)
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
    text = re.sub(r"\d+", lambda m: _chinese(int(m.group(0))), text)
    return text.replace("(", "（").replace(")", "）")


def _ordinal(label: str) -> int | None:
    """第十二条, 要点三, 第二部分, （四） -> 12, 3, 2, 4; None for 引言, 全文 and names."""
    found = re.search(rf"[{_NUMERALS}]+", label)
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


def _amount(limit: Decimal) -> str:
    """760 -> '760'; 4.5 -> '4.50'."""
    if limit == limit.to_integral_value():
        return f"{limit:.0f}"
    return f"{limit:.2f}"


# ---------------------------------------------------------------------------- answering


def answer_policy_question(
    question: str,
    index: PolicyIndex,
    *,
    max_passages: int = 3,
    min_coverage: float = MIN_COVERAGE,
) -> Answer:
    """The passages that answer a policy question, cited by document and article.

    Where standards are among them, their figures head the answer, the article of the
    standard's document that states them is quoted first, `rows` list them (one per
    category) and `value` is the best standard's figure when one figure answers (a single
    limit, the category the question names, or the standard's default category).
    """
    query = index.read(question)
    hits = index.search(query, k=max_passages + MAX_STANDARDS + 3)
    if query.unknown and not any(h.named for h in hits):
        missing = "、".join(query.unknown)
        return _unanswerable(f"政策文件库中没有找到{missing}。", index)
    if not hits or not (hits[0].named or hits[0].coverage >= min_coverage):
        return _unanswerable(
            f"政策文件库和支出标准库中没有找到与“{query.text}”相关的条文或标准。", index
        )
    cited = _cited(hits, max_passages, min_coverage)
    standards = list(
        dict.fromkeys(h.passage.standard for h in cited if h.passage.standard is not None)
    )
    quoted = _quoted(cited, index)[:max_passages]
    lines = [_headline(s) + _trust_remark(s) for s in standards]
    lines += [f"{'依据' if i == 0 else '另见'}：{_quote(p)}" for i, p in enumerate(quoted)]
    if hits[0].named and not hits[0].article:
        lines += _more_articles(quoted, index)
    if not any(p.in_force for p in quoted):
        lines.append("注意：以上文件已不再有效，仅供参考。")
        current = [p for q in quoted for p in index.mentioning(q.key)]
        lines += [f"现行规定见：{_quote(p)}" for p in dict.fromkeys(current)][:1]
    if query.unknown:
        lines.append(f"注意：政策文件库中没有找到{'、'.join(query.unknown)}。")
    lines += [f"注：{note}" for note in dict.fromkeys(p.note for p in quoted if p.note)]
    return Answer(
        answer="\n".join(lines),
        kind=AnswerKind.POLICY,
        value=_value(standards[0], query.text) if standards else None,
        rows=[row for standard in standards for row in _rows(standard)],
        sources=list(dict.fromkeys(p.source() for p in quoted)),
    )


def _cited(hits: list[Hit], max_passages: int, min_coverage: float) -> list[Hit]:
    """The hits worth quoting: the named article or document, else the best hit and those
    close to it (at most `max_passages` articles and `MAX_STANDARDS` standards)."""
    best = hits[0]
    if best.article:
        return [h for h in hits if h.article][:max_passages]
    if best.named:
        # the question names the document: quote it, not what else shares its words
        return [h for h in hits if h.named][:max_passages]
    cited = [best]
    standards = int(best.passage.standard is not None)
    articles = 1 - standards
    for hit in hits[1:]:
        if hit.coverage < min_coverage or hit.score < RELATIVE_SCORE * best.score:
            continue
        if hit.passage.standard is None and articles < max_passages:
            articles += 1
            cited.append(hit)
        elif hit.passage.standard is not None and standards < MAX_STANDARDS:
            # a second standard only when the question is as much about it
            if standards and hit.coverage < STANDARD_COVERAGE:
                continue
            standards += 1
            cited.append(hit)
    return cited


def _quoted(cited: list[Hit], index: PolicyIndex) -> list[Passage]:
    """What the answer quotes, in order: for each standard, the article of its document that
    states its figures (or the standard itself), then the other passages."""
    first: list[Passage] = []
    rest: list[Passage] = []
    for hit in cited:
        passage = hit.passage
        if passage.standard is None:
            rest.append(passage)
            continue
        article = index.article_stating(passage)
        first.append(article if article is not None else passage)
    quoted = list(dict.fromkeys([*first, *rest]))
    # one line per standard document: two standards of one unnumbered document cite it once
    seen: set[str] = set()
    out = []
    for passage in quoted:
        if passage.standard is not None:
            if passage.key in seen:
                continue
            seen.add(passage.key)
        out.append(passage)
    return out


def _more_articles(quoted: list[Passage], index: PolicyIndex) -> list[str]:
    """When a named document has more articles than the answer quotes, say how to ask for them."""
    shown = set(quoted)
    rest = [p for p in index.articles(quoted[0].key) if p not in shown]
    if not rest:
        return []
    total = len(rest) + sum(1 for p in quoted if p.key == quoted[0].key)
    ask = f"{rest[0].doc_no or ''}{rest[0].label}"
    return [f"（该文件共{total}条，其余条款可指明提问，如“{ask}”。）"]


def _headline(standard: Standard, separator: str = "，") -> str:
    """会议费综合定额：一类会议760元/人天，二类会议650元/人天，三、四类会议550元/人天。"""
    figures = separator.join(
        f"{label}{_amount(limit)}{unit}" for label, limit, unit in _figures(standard)
    )
    return f"{standard.name}：{figures}。"


def _trust_remark(standard: Standard) -> str:
    """Figures from a second-hand or weak source say so next to the figures."""
    if standard.trust in (Trust.OFFICIAL, Trust.BUREAU):
        return ""
    return f"（标准库可信度：{standard.trust.value}，{_TRUST_TEXT[standard.trust]}）"


def _figures(standard: Standard) -> list[tuple[str, Decimal, str]]:
    unit = standard.basis if standard.basis.startswith("元") else f"元（{standard.basis}）"
    if standard.categories:
        return [(c.label, c.limit, unit) for c in standard.categories]
    return [("", standard.limit, unit)] if standard.limit is not None else []


def _quote(passage: Passage) -> str:
    status = f"【{passage.validity()}】" if passage.validity() else ""
    if passage.standard is not None:
        standard = passage.standard
        text = (
            f"{passage.document()}（可信度：{standard.trust.value}，{_TRUST_TEXT[standard.trust]}）"
        )
        if standard.note:
            text += f"。说明：{standard.note}"
        return status + text + "。"
    body = passage.text
    if len(body) > _QUOTE_CHARS:
        body = body[:_QUOTE_CHARS] + "……"
    if not body:
        body = "（文件库未收录正文）"
    return f"{status}{passage.citation()}：{body}"


def _rows(standard: Standard) -> list[dict[str, Any]]:
    return [
        {
            "标准": standard.name,
            "类别": label or standard.name,
            "上限": limit,
            "计量": standard.basis,
        }
        for label, limit, _ in _figures(standard)
    ]


def _value(standard: Standard, question: str) -> Decimal | None:
    if not standard.categories:
        return standard.limit
    stated = _stated_categories(standard.categories, question)
    if len(stated) == 1:
        return stated[0].limit
    if not stated and standard.default_category is not None:
        return standard.category(standard.default_category).limit
    return None


def _stated_categories(categories: Sequence[Category], question: str) -> list[Category]:
    return [c for c in categories if any(m in question for m in c.markers)]


def _unanswerable(reason: str, index: PolicyIndex) -> Answer:
    examples = "”“".join(index.suggestions())
    return Answer(
        answer=f"{reason}可以换个说法，或这样问：“{examples}”。",
        kind=AnswerKind.UNANSWERABLE,
    )
