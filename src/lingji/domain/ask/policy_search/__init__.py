"""Policy questions: search over the policy library and the standards library.

Each document's 正文 is split into its articles, each official standard and each row of the
bureau's 支出标准 sheet becomes one passage, and a question is matched against them with BM25
over jieba words. The answer quotes the passages by document and article and, where a standard
is among them, lists its figures. Everything is local: jieba ships its dictionary in the wheel
and bm25s is numpy only.

The pieces, each in its own module:
- passages.py    what is searched: a document's articles (split_articles, document_passages)
                 and one passage per standard (standard_passage), with their validity
- tokenizer.py   Chinese text -> search words: jieba in Lingji's own dictionary, 文号 whole
- index.py       PolicyIndex: BM25 over the passages; a question's named documents and articles
- answering.py   answer_policy_question: the passages that answer a question, cited
"""

from lingji.domain.ask.policy_search.answering import answer_policy_question
from lingji.domain.ask.policy_search.index import Hit, PolicyIndex, PolicyQuery
from lingji.domain.ask.policy_search.passages import (
    Passage,
    document_passages,
    split_articles,
    standard_passage,
)
from lingji.domain.ask.policy_search.tokenizer import (
    DOMAIN_WORDS,
    PolicyTokenizer,
    default_tokenizer,
)

__all__ = [
    "DOMAIN_WORDS",
    "Hit",
    "Passage",
    "PolicyIndex",
    "PolicyQuery",
    "PolicyTokenizer",
    "answer_policy_question",
    "default_tokenizer",
    "document_passages",
    "split_articles",
    "standard_passage",
]
