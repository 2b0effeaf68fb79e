"""Chinese text -> search words: jieba's search mode, 文号 kept whole.

jieba runs in Lingji's own dictionary (the domain words below are added to it), never the
global one. A 文号 comes out whole and normalised, and one read from running text is resolved
to the library's own (为贯彻落实国发〔2021〕5号 -> 国发〔2021〕5号).

Everything is local: jieba ships its dictionary in the wheel. The dictionary takes about a
second to load, so a tokenizer loads it on first use and `default_tokenizer` keeps one per
process.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Collection, Iterable
from functools import lru_cache
from typing import Any

from lingji.domain.policy import extract_doc_numbers

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

_NUMBER_PART = re.compile(r"[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d+\s*号|令第\s*\d+\s*号")
_QUESTION_LEAD_IN = re.compile(r"^(?:请问|请|查询|查一下|查|看看|看一下|关于|文件|一下|的)+")
PUNCTUATION = re.compile(r"[\W_]+")
#: characters that end the words before an issuer's abbreviation (楼堂馆所按|财行〔2016〕214号)
_ISSUER_BREAK = re.compile(r"[^按据照和与及的是在对为被由见将以了把从向于请问查看]+$")


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
        out = [resolve_doc_no(no, known_doc_nos) for no in extract_doc_numbers(text)]
        rest = text
        for doc_no in out:
            if doc_no in known_doc_nos:
                # the issuer's part (澜溪财预) would match every document of that issuer
                rest = _written(doc_no).sub(" ", rest)
        rest = _NUMBER_PART.sub(" ", rest)
        self.load()
        for word in self._segmenter.cut_for_search(rest):
            word = word.strip().lower()
            if word and word not in STOP_WORDS and not PUNCTUATION.fullmatch(word):
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


def resolve_doc_no(cited: str, known: Collection[str]) -> str:
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
