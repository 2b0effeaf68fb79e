"""Near-duplicate texts among many: normalisation, character shingles, MinHash LSH.

How two similar texts differ, for a reader, is text_difference.py.

Chinese has no spaces to split words on, so a text is compared by its character shingles
(overlapping runs of `shingle_size` characters) after normalisation: NFKC (full-width letters
and digits become ASCII), lower case, only letters and digits kept (CJK characters count as
letters), every decimal digit optionally folded to 0. Two texts are as similar as the Jaccard
index of their shingle sets: reordering sentences changes only the shingles at the seams, a
changed word only the few shingles that cover it.

Finding the similar pairs among 100,000 texts without comparing 5 billion pairs: each text gets
a one-permutation MinHash signature (Li, Owen & Zhang 2012: one hash per shingle, the hash
range split into `num_perm` bins, the smallest hash in each bin kept; empty bins borrow from the
next filled bin, Shrivastava & Li 2014), computed for all texts at once with numpy. Two
signatures agree in a bin with probability equal to the texts' Jaccard index. Locality-sensitive
hashing cuts the signature into `bands` bands of `rows` bins; texts that agree on a whole band
land in the same bucket and become candidates (probability 1 − (1 − J^rows)^bands). Candidates
are then confirmed by the exact Jaccard index, so the similarity reported is never an estimate.
Everything is seeded: the same texts give the same pairs on every run and machine.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import numpy.typing as npt

_EMPTY = np.uint32(0xFFFFFFFF)
#: odd multipliers (golden ratio, splitmix64) for combining and mixing 64-bit hashes
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)
#: characters sketched per batch: small enough for the arrays to stay in the CPU cache
#: (measured: 4x faster than one pass over 100,000 texts), large enough to amortise numpy calls
_BATCH_CHARACTERS = 200_000


@dataclass(frozen=True, slots=True)
class LshSettings:
    """How texts are shingled and sketched; every value comes from the rule set."""

    shingle_size: int = 3
    #: MinHash bins per signature (a power of two)
    num_perm: int = 128
    bands: int = 16
    rows: int = 8
    seed: int = 2027
    fold_digits: bool = False
    #: in a bucket bigger than this, each text is paired with this many others only
    max_bucket: int = 100

    def __post_init__(self) -> None:
        if self.num_perm < 2 or self.num_perm & (self.num_perm - 1):
            raise ValueError(f"num_perm must be a power of two, not {self.num_perm}")
        if self.bands * self.rows > self.num_perm:
            raise ValueError(f"bands × rows ({self.bands} × {self.rows}) exceeds num_perm")
        if self.shingle_size < 1:
            raise ValueError("shingle_size must be at least 1")

    def candidate_probability(self, similarity: float) -> float:
        """Chance that two texts of this Jaccard index share a bucket in at least one band."""
        return 1 - (1 - similarity**self.rows) ** self.bands


@dataclass(frozen=True, slots=True)
class SimilarPair:
    """Two texts (by their index in the input) and their exact Jaccard index."""

    first: int
    second: int
    similarity: float


@dataclass(slots=True)
class Sketches:
    """One MinHash signature per text, and each text's length after normalisation."""

    signatures: npt.NDArray[np.uint32]
    lengths: npt.NDArray[np.int64]
    settings: LshSettings
    #: how many candidate pairs the last search produced (for the benchmark)
    candidates: int = field(default=0)


# --------------------------------------------------------------------------- normalisation


@cache
def _fold_table(fold_digits: bool) -> npt.NDArray[np.uint32]:
    """Code point -> normalised code point for the Basic Multilingual Plane; 0 drops it."""
    table = np.zeros(0x10000, dtype=np.uint32)
    for point in range(0x10000):
        char = chr(point)
        folded = unicodedata.normalize("NFKC", char).lower()
        if len(folded) != 1:
            folded = char if char.isalnum() else ""
        if folded and folded.isalnum():
            table[point] = ord("0") if fold_digits and folded.isdecimal() else ord(folded)
    return table


def _fold(points: npt.NDArray[np.uint32], fold_digits: bool) -> npt.NDArray[np.uint32]:
    """Normalised code points (0 where a character is dropped); beyond the BMP kept as is."""
    table = _fold_table(fold_digits)
    folded = table[np.minimum(points, 0xFFFF)]
    beyond = points > 0xFFFF
    if beyond.any():
        folded[beyond] = points[beyond]
    return folded


def _code_points(text: str) -> npt.NDArray[np.uint32]:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def normalize(text: str | None, *, fold_digits: bool = False) -> str:
    """The text as it is compared: NFKC, lower case, letters and digits only."""
    if not text:
        return ""
    folded = _fold(_code_points(text), fold_digits)
    return folded[folded != 0].tobytes().decode("utf-32-le", "surrogatepass")


def normalize_all(texts: Sequence[str | None], *, fold_digits: bool = False) -> list[str]:
    """`normalize` of many texts in one pass (what a Python loop would take a second for)."""
    raw = [text or "" for text in texts]
    if not raw:
        return []
    folded = _fold(_code_points("".join(raw)), fold_digits)
    owner = np.repeat(np.arange(len(raw)), [len(text) for text in raw])
    kept = folded != 0
    joined = folded[kept].tobytes().decode("utf-32-le", "surrogatepass")
    ends = np.cumsum(np.bincount(owner[kept], minlength=len(raw))).tolist()
    return [joined[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]


def shingles(normalized: str, size: int) -> frozenset[str]:
    """The set of `size`-character runs of a normalised text (the whole text if shorter)."""
    if len(normalized) <= size:
        return frozenset((normalized,)) if normalized else frozenset()
    return frozenset(normalized[i : i + size] for i in range(len(normalized) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|A ∩ B| / |A ∪ B|; 0 when both are empty."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """2|A ∩ B| / (|A| + |B|): kinder than Jaccard to short texts such as names."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


# --------------------------------------------------------------------------- MinHash LSH


def _mix(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """The splitmix64 finaliser: a fast, well-spread 64-bit hash of a 64-bit value."""
    values = values ^ (values >> np.uint64(30))
    values *= _MIX_1
    values ^= values >> np.uint64(27)
    values *= _MIX_2
    values ^= values >> np.uint64(31)
    return values


def sketch(texts: Sequence[str], settings: LshSettings) -> Sketches:
    """MinHash signatures of raw texts (normalised here), all texts at once."""
    count = len(texts)
    signatures = np.full((count, settings.num_perm), _EMPTY, dtype=np.uint32)
    lengths = np.zeros(count, dtype=np.int64)
    start = 0
    while start < count:
        stop, size = start, 0
        while stop < count and (size < _BATCH_CHARACTERS or stop == start):
            size += len(texts[stop])
            stop += 1
        _sketch_batch(texts[start:stop], settings, signatures[start:stop], lengths[start:stop])
        start = stop
    _densify(signatures)
    return Sketches(signatures, lengths, settings)


def _sketch_batch(
    texts: Sequence[str],
    settings: LshSettings,
    signatures: npt.NDArray[np.uint32],
    lengths: npt.NDArray[np.int64],
) -> None:
    raw_lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    folded = _fold(_code_points("".join(texts)), settings.fold_digits)
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), raw_lengths)
    kept = folded != 0
    points, owner = folded[kept].astype(np.uint64), owner[kept]
    lengths[:] = np.bincount(owner, minlength=len(texts))
    k = settings.shingle_size
    if len(points) < k:
        return
    # a polynomial hash of each run of k characters, kept where the run stays inside one text
    grams = np.zeros(len(points) - k + 1, dtype=np.uint64)
    for offset in range(k):
        grams *= _GOLDEN
        grams += points[offset : len(points) - k + 1 + offset]
    inside = owner[: len(grams)] == owner[k - 1 :]
    hashed = _mix(grams[inside] ^ np.uint64(settings.seed))
    rows = owner[: len(grams)][inside]
    bits = settings.num_perm.bit_length() - 1
    bins = (hashed >> np.uint64(64 - bits)).astype(np.int64) if bits else np.zeros_like(rows)
    values = (hashed & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    np.minimum.at(signatures.reshape(-1), rows * settings.num_perm + bins, values)


def _densify(signatures: npt.NDArray[np.uint32]) -> None:
    """Fills each empty bin from the next filled bin to its right (circularly), shifted by the
    distance so that a borrowed value never equals a native one (Shrivastava & Li 2014)."""
    empty = signatures == _EMPTY
    rows, columns = np.nonzero(empty)
    width = signatures.shape[1]
    for distance in range(1, width):
        if len(rows) == 0:
            break
        source = (columns + distance) % width
        native = ~empty[rows, source]
        shift = np.uint32(distance * 0x9E3779B1 % 2**32)
        signatures[rows[native], columns[native]] = signatures[rows[native], source[native]] + shift
        rows, columns = rows[~native], columns[~native]


def candidate_pairs(
    sketches: Sketches, *, eligible: npt.NDArray[np.bool_] | None = None
) -> npt.NDArray[np.int64]:
    """Index pairs (i < j) that share a bucket in at least one band, each pair once.

    Texts not `eligible` (too short, say) are left out; a text with no shingles always is.
    """
    settings = sketches.settings
    signatures = sketches.signatures
    usable = sketches.lengths > 0
    if eligible is not None:
        usable &= eligible
    members = np.flatnonzero(usable)
    found: list[npt.NDArray[np.int64]] = []
    for band in range(settings.bands):
        columns = signatures[members, band * settings.rows : (band + 1) * settings.rows]
        key = np.full(len(members), np.uint64(settings.seed + band), dtype=np.uint64)
        for column in columns.T:
            key = _mix((key * _GOLDEN) ^ column.astype(np.uint64))
        found.append(_bucket_pairs(members, key, settings.max_bucket, settings.seed + band))
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.concatenate(found)
    if len(pairs) == 0:
        return np.empty((0, 2), dtype=np.int64)
    packed = pairs[:, 0] * len(signatures) + pairs[:, 1]
    packed.sort()
    packed = packed[np.concatenate(([True], packed[1:] != packed[:-1]))]
    sketches.candidates = len(packed)
    return np.stack((packed // len(signatures), packed % len(signatures)), axis=1)


def _bucket_pairs(
    members: npt.NDArray[np.int64], key: npt.NDArray[np.uint64], max_bucket: int, salt: int
) -> npt.NDArray[np.int64]:
    """Pairs of members with equal keys: each member with the next `max_bucket` − 1 members of
    its bucket, in an order shuffled per band (so that bands pair a big bucket differently)."""
    # one sort does both: the key's top 48 bits group the bucket (two buckets merging by
    # chance only adds candidates, which are verified), the low 16 bits shuffle it
    low = np.uint64(0xFFFF)
    shuffle = _mix(members.astype(np.uint64) ^ np.uint64(salt)) & low
    order = np.argsort((key & ~low) | shuffle)
    ordered = key[order] & ~low
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    run_length = np.diff(np.concatenate((starts, [len(ordered)])))
    if len(run_length) == 0 or run_length.max() < 2:
        return np.empty((0, 2), dtype=np.int64)
    # position of each member in its run, and how many later members it is paired with
    position = np.arange(len(ordered)) - np.repeat(starts, run_length)
    after = np.minimum(np.repeat(run_length, run_length) - position - 1, max_bucket - 1)
    total = int(after.sum())
    left = np.repeat(np.arange(len(ordered)), after)
    first_of = np.repeat(np.cumsum(after) - after, after)
    right = left + 1 + (np.arange(total) - first_of)
    a, b = members[order[left]], members[order[right]]
    return np.stack((np.minimum(a, b), np.maximum(a, b)), axis=1)


def estimated_similarity(
    sketches: Sketches, pairs: npt.NDArray[np.int64], *, bins: int | None = None
) -> npt.NDArray[np.float64]:
    """The share of bins (the first `bins`, else all) on which each pair's signatures agree:
    an estimate of the Jaccard index."""
    if len(pairs) == 0:
        return np.empty(0, dtype=np.float64)
    signatures = sketches.signatures[:, :bins] if bins else sketches.signatures
    agree = np.empty(len(pairs), dtype=np.float64)
    step = 65536
    for start in range(0, len(pairs), step):
        chunk = pairs[start : start + step]
        same = signatures[chunk[:, 0]] == signatures[chunk[:, 1]]
        agree[start : start + step] = same.mean(axis=1)
    return agree


def near_duplicates(
    texts: Sequence[str],
    *,
    min_similarity: float,
    settings: LshSettings,
    min_length: int = 1,
    sketches: Sketches | None = None,
) -> list[SimilarPair]:
    """Pairs of texts whose exact Jaccard index is at least `min_similarity`, found by LSH.

    Texts shorter than `min_length` characters after normalisation are not compared. A pair
    LSH does not propose is missed (the benchmark measures how rarely); a pair reported is
    always at or above the threshold.
    """
    sketches = sketches or sketch(texts, settings)
    pairs = candidate_pairs(sketches, eligible=sketches.lengths >= max(min_length, 1))
    # the estimate from n bins errs by about sqrt(J(1 − J) / n): pairs more than four of those
    # below the threshold are dropped, first by a quarter of the bins (cheap), then by all
    for bins in (settings.num_perm // 4, settings.num_perm):
        spread = math.sqrt(min_similarity * (1 - min_similarity) / bins)
        estimate = estimated_similarity(sketches, pairs, bins=bins)
        pairs = pairs[estimate >= min_similarity - 4 * spread]
    involved = np.unique(pairs).tolist()
    normalized = normalize_all([texts[i] for i in involved], fold_digits=settings.fold_digits)
    shingled = {
        index: shingles(text, settings.shingle_size)
        for index, text in zip(involved, normalized, strict=True)
    }
    found = []
    for first, second in pairs.tolist():
        similarity = jaccard(shingled[first], shingled[second])
        if similarity >= min_similarity:
            found.append(SimilarPair(first, second, similarity))
    return found


def exhaustive_near_duplicates(
    texts: Sequence[str],
    *,
    min_similarity: float,
    settings: LshSettings,
    min_length: int = 1,
) -> list[SimilarPair]:
    """Every pair at or above `min_similarity`, by comparing all pairs: the ground truth that
    LSH is measured against (quadratic; for tests and the benchmark's sample only)."""
    sets = []
    for text in texts:
        normalized = normalize(text, fold_digits=settings.fold_digits)
        usable = len(normalized) >= max(min_length, 1)
        sets.append(shingles(normalized, settings.shingle_size) if usable else frozenset())
    found = []
    for first in range(len(sets)):
        a = sets[first]
        if not a:
            continue
        for second in range(first + 1, len(sets)):
            b = sets[second]
            # |A ∩ B| ≤ min(|A|, |B|): the size ratio alone can rule a pair out
            if b and min(len(a), len(b)) >= min_similarity * max(len(a), len(b)):
                similarity = jaccard(a, b)
                if similarity >= min_similarity:
                    found.append(SimilarPair(first, second, similarity))
    return found


# --------------------------------------------------------------------------- short texts


#: bits of a bigram mask: a name of 20 characters sets about 19 of them
MASK_BITS = 512
#: a mask Dice can fall short of the exact one when two bigrams share a bit; masks only
#: shortlist pairs for the exact comparison, so they are let through this much below it
MASK_SLACK = 0.15


def bigram_masks(normalized: Sequence[str]) -> npt.NDArray[np.uint64]:
    """Each normalised text's character bigrams as a bit set (one row of MASK_BITS bits), so
    that many pairs of short texts (names) can be compared at once."""
    words = MASK_BITS // 64
    masks = np.zeros((len(normalized), words), dtype=np.uint64)
    if not normalized:
        return masks
    points = _code_points("".join(normalized)).astype(np.uint64)
    owner = np.repeat(np.arange(len(normalized)), [len(text) for text in normalized])
    inside = owner[:-1] == owner[1:]
    bits = _mix(points[:-1] * _GOLDEN + points[1:])[inside] % np.uint64(MASK_BITS)
    np.bitwise_or.at(
        masks.reshape(-1),
        owner[:-1][inside] * words + (bits >> np.uint64(6)).astype(np.int64),
        np.uint64(1) << (bits & np.uint64(63)),
    )
    return masks


def mask_dice(a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64]) -> npt.NDArray[np.float64]:
    """Row by row, 2|A ∩ B| / (|A| + |B|) of two arrays of bigram masks (0 for empty ones)."""
    common = np.bitwise_count(a & b).sum(axis=1, dtype=np.int64)
    size = np.bitwise_count(a).sum(axis=1, dtype=np.int64) + np.bitwise_count(b).sum(
        axis=1, dtype=np.int64
    )
    return np.divide(2 * common, size, out=np.zeros(len(size)), where=size > 0)


def bigrams(normalized: str) -> frozenset[str]:
    """The set of two-character runs of a normalised text (empty below two characters)."""
    return frozenset(map(str.__add__, normalized, normalized[1:]))
