"""How two similar texts differ, for a reader: sentences added, dropped, changed in place
(cut down to the changed words with a little context either side) and moved."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from lingji.domain.similarity import normalize

_SENTENCE_END = re.compile(r"(?<=[。；;！!？?\n])")


@dataclass(frozen=True, slots=True)
class TextDifference:
    """What tells two similar texts apart, sentence by sentence."""

    #: (this text's wording, the other's) for sentences changed in place; "" when added or dropped
    changes: tuple[tuple[str, str], ...]
    #: the shared sentences come in a different order
    reordered: bool


def sentences(text: str | None) -> list[str]:
    """The text cut after 。；！？ and line ends, without empty pieces."""
    return [s.strip() for s in _SENTENCE_END.split(text or "") if s.strip()]


def text_difference(
    a: str | None, b: str | None, *, fold_digits: bool = False, context: int = 4
) -> TextDifference:
    """Sentences of `a` and `b` matched by their normalised form; unmatched ones paired with
    their closest counterpart and cut down to the words that differ (with `context`
    characters either side)."""
    left, right = sentences(a), sentences(b)
    left_keys = [normalize(s, fold_digits=fold_digits) for s in left]
    right_keys = [normalize(s, fold_digits=fold_digits) for s in right]
    right_position: dict[str, int] = {}
    for position, key in enumerate(right_keys):
        right_position.setdefault(key, position)
    left_set = set(left_keys)
    # (position in a, position in b) of every sentence found on both sides, changed or not
    aligned = [(i, right_position[key]) for i, key in enumerate(left_keys) if key in right_position]
    unpaired = [j for j, key in enumerate(right_keys) if key not in left_set]
    changes: list[tuple[str, str]] = []
    for i, key in enumerate(left_keys):
        if key in right_position:
            continue
        ratios = {j: difflib.SequenceMatcher(None, left[i], right[j]).ratio() for j in unpaired}
        closest = max(ratios, key=lambda j: ratios[j], default=None)
        if closest is not None and ratios[closest] >= 0.5:
            unpaired.remove(closest)
            aligned.append((i, closest))
            changes.extend(_words_changed(left[i], right[closest], context))
        else:
            changes.append((left[i], ""))
    changes.extend(("", right[j]) for j in unpaired)
    in_b = [j for _, j in sorted(aligned)]
    return TextDifference(tuple(changes), in_b != sorted(in_b))


def _words_changed(a: str, b: str, context: int) -> list[tuple[str, str]]:
    """The replaced, inserted and deleted runs between two versions of a sentence, each with
    `context` unchanged characters either side so that a reader can find it."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = a[max(0, i1 - context) : i1]
        after = a[i2 : i2 + context]
        changes.append((before + a[i1:i2] + after, before + b[j1:j2] + after))
    return changes
