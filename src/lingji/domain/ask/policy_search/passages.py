"""What a policy question is matched against: the passages of the policy and standards libraries.

Each document's 正文 is split into its articles (第五条, 要点二, 一、, （一）), and each official
standard and each row of the bureau's 支出标准 sheet becomes one passage. A passage carries its
document's 文号, title and status: a document marked 废止 or 失效 (or past its expiry date) is no
longer in force, and its passages say so. A bureau standard replaces the official one with the
same code and is as valid as the document that sets it.

How a standard's figures are written lives here too: a standard's passage states them and the
answer repeats them (`standard_headline`, `standard_figures`, `TRUST_TEXT`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from lingji.domain.models import BureauStandard, PolicyDocument
from lingji.domain.policy import normalize_doc_no
from lingji.domain.standards.library import bureau_standard
from lingji.domain.standards.model import Origin, Standard, Trust

#: the statuses of a document that is no longer in force
INVALID_STATUSES = frozenset({"废止", "失效"})

NUMERALS = "一二三四五六七八九十百零〇两"
_LINE_LABELS = (
    # (pattern at the start of a line, how the label is written)
    (re.compile(rf"^[ \t\u3000]*(第[{NUMERALS}\d]+条)[ \t\u3000：:]*", re.M), "{}"),
    (re.compile(rf"^[ \t\u3000]*(要点[{NUMERALS}\d]+)[ \t\u3000：:]*", re.M), "{}"),
    (re.compile(rf"^[ \t\u3000]*([{NUMERALS}]+)、[ \t\u3000]*", re.M), "第{}部分"),
    (re.compile(rf"^[ \t\u3000]*[（(]([{NUMERALS}]+)[）)][ \t\u3000]*", re.M), "（{}）"),
)
_PARTS = _LINE_LABELS[2][0]
_SUB_ITEMS = _LINE_LABELS[3][0]
_HEADING = re.compile(rf"^[ \t\u3000]*第[{NUMERALS}\d]+[章节][^\n]*$", re.M)
_NOTE = re.compile(r"^\s*(【[^】\n]{1,12}】[^\n]*)\n?")
#: a long section of 一、 parts is split further at its （一） items
_LONG_SECTION = 400
#: a long text with no article markers is split into paragraphs
_LONG_TEXT = 500

TRUST_TEXT = {
    Trust.OFFICIAL: "官方文件",
    Trust.SECONDARY: "转载来源，数字与官方一致，使用前请核对原文",
    Trust.WEAK: "来源质量低，仅供参考，使用前应核对原文",
    Trust.BUREAU: "本地支出标准",
}


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
    return [(f"第{chinese_numeral(i)}段", p) for i, p in enumerate(paragraphs, 1)]


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


def chinese_numeral(n: int) -> str:
    """1 -> 一, 12 -> 十二, 25 -> 二十五 (for 1..99)."""
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
    text = standard_headline(standard, separator="；")
    if standard.day_rule is not None:
        text += standard.day_rule.describe() + "。"
    if standard.note:
        text += f"说明：{standard.note}。"
    if standard.effective_from is not None:
        start = standard.effective_from
        text += f"自{start.year}年{start.month}月{start.day}日起施行。"
    text += f"可信度：{standard.trust.value}（{TRUST_TEXT[standard.trust]}）。"
    return Passage(
        doc_no=standard.doc_no,
        title=standard.title or title,
        status=None,
        label=standard.name,
        text=text,
        standard=standard,
    )


def library_passages(
    documents: Iterable[PolicyDocument],
    standards: Iterable[Standard],
    bureau_standards: Iterable[BureauStandard],
    as_of: dt.date | None,
) -> list[Passage]:
    """Every passage of the libraries: each document's articles, each bureau standard, and
    each official standard no bureau standard replaces (by code)."""
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


def standard_headline(standard: Standard, separator: str = "，") -> str:
    """会议费综合定额：一类会议760元/人天，二类会议650元/人天，三、四类会议550元/人天。"""
    figures = separator.join(
        f"{label}{_amount(limit)}{unit}" for label, limit, unit in standard_figures(standard)
    )
    return f"{standard.name}：{figures}。"


def standard_figures(standard: Standard) -> list[tuple[str, Decimal, str]]:
    """(label, limit, unit) per category; one figure with no label for a single limit."""
    unit = standard.basis if standard.basis.startswith("元") else f"元（{standard.basis}）"
    if standard.categories:
        return [(c.label, c.limit, unit) for c in standard.categories]
    return [("", standard.limit, unit)] if standard.limit is not None else []


def _amount(limit: Decimal) -> str:
    """760 -> '760'; 4.5 -> '4.50'."""
    if limit == limit.to_integral_value():
        return f"{limit:.0f}"
    return f"{limit:.2f}"
