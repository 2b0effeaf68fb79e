"""A policy question's answer: the passages that answer it, cited by document and article.

Where standards are among them, their figures head the answer and the article of each
standard's document that states them is quoted first. Passages of a document no longer in force
are marked as such; when nothing quoted is in force, the answer says so and quotes an article in
force that cites the document. A question the libraries do not answer gets an honest 无法回答
with questions the index can answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from lingji.domain.ask.answer import Answer, AnswerKind
from lingji.domain.ask.policy_search.index import Hit, PolicyIndex
from lingji.domain.ask.policy_search.passages import (
    TRUST_TEXT,
    Passage,
    standard_figures,
    standard_headline,
)
from lingji.domain.standards.model import Category, Standard, Trust

#: the share of a question's word weight the best passage must hold to be an answer
MIN_COVERAGE = 0.5
#: passages quoted besides the best one must score at least this share of its score
RELATIVE_SCORE = 0.5
#: a second standard is quoted only if it holds this share of the question's word weight
STANDARD_COVERAGE = 0.75
MAX_STANDARDS = 2
_QUOTE_CHARS = 220


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
    lines = [standard_headline(s) + _trust_remark(s) for s in standards]
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


def _trust_remark(standard: Standard) -> str:
    """Figures from a second-hand or weak source say so next to the figures."""
    if standard.trust in (Trust.OFFICIAL, Trust.BUREAU):
        return ""
    return f"（标准库可信度：{standard.trust.value}，{TRUST_TEXT[standard.trust]}）"


def _quote(passage: Passage) -> str:
    status = f"【{passage.validity()}】" if passage.validity() else ""
    if passage.standard is not None:
        standard = passage.standard
        text = (
            f"{passage.document()}（可信度：{standard.trust.value}，{TRUST_TEXT[standard.trust]}）"
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
        for label, limit, _ in standard_figures(standard)
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
