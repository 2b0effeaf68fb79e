"""Duplicate-application benchmark (X01): time and recall of the MinHash LSH search at 100k.

    python bench/bench_duplicates.py [--scale 250] [--sizes 1000 10000 100000] [--sample 2000]

The demo county at --scale 250 (about 108,000 projects, CSV, generated once into bench/out/) is
imported once into bench/out/duplicates-<scale>.db and loaded from there. For each size, the
first n projects (whole units, in file order) with their units' history are reviewed by X01
alone; printed are the best of three wall times of the whole check and of its two halves on
the same texts (index build: MinHash signatures; query: LSH candidates, estimate and exact
Jaccard), and the peak memory the check allocates (tracemalloc, a separate run).

Recall against an exhaustive comparison, at the full size:
- uniform sample: `--sample` random projects, all their pairs compared exactly (quadratic):
  at scale 250 such a sample holds almost no near-duplicate pair, so it only shows that;
- sample with edited copies: half of `--sample` random projects, and a copy of each into
  another random unit (that unit's name put in, two sentences swapped, one to three words
  changed, none to all figures of the text changed, every amount +5%) added to the round; all
  pairs of these projects compared exactly; recall = the share of the pairs at or above the
  threshold that the LSH search over all projects reports, overall and by similarity. Also how
  many copies stay at or above the threshold with and without `fold_digits`;
- the demo's answer key: planted X01 found, clean projects flagged (with and without
  `fold_digits`).
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from bench_import import OUT, ensure_data  # noqa: E402

from lingji.adapters.crypto import create_key_file  # noqa: E402
from lingji.adapters.db import rounds  # noqa: E402
from lingji.adapters.db.loading import load_round  # noqa: E402
from lingji.adapters.db.session import make_engine, upgrade_schema  # noqa: E402
from lingji.adapters.rulesets import load_ruleset  # noqa: E402
from lingji.domain.models import BudgetRound, Project, Unit  # noqa: E402
from lingji.domain.review_context import ReviewContext, build_context  # noqa: E402
from lingji.domain.rules.crosscheck import x01_duplicate_application as x01  # noqa: E402
from lingji.domain.similarity import (  # noqa: E402
    exhaustive_near_duplicates,
    jaccard,
    near_duplicates,
    normalize_all,
    shingles,
    sketch,
)
from lingji.services.importing import import_submission  # noqa: E402

SEED = 2027


def load(scale: int) -> tuple[BudgetRound, dict[str, Any]]:
    data = ensure_data(scale, "csv")
    answer_key = json.loads((data.parent / "answer_key.json").read_text(encoding="utf-8"))
    database = OUT / f"duplicates-{scale}.db"
    engine = make_engine(f"sqlite:///{database}")
    upgrade_schema(engine)
    with engine.connect() as conn:
        stored = rounds.list_rounds(conn)
    if not stored:
        started = time.perf_counter()
        key = OUT / f"duplicates-{scale}.key"
        if not key.exists():
            create_key_file(key)
        import_submission(engine=engine, path=data, region=answer_key["county"], key_file=key)
        print(f"imported scale {scale} in {time.perf_counter() - started:.0f} s: {database}")
    started = time.perf_counter()
    with engine.connect() as conn:
        budget_round = load_round(conn, rounds.list_rounds(conn)[0].id, sheets=x01.SHEETS)
    print(
        f"loaded {len(budget_round.projects):,} projects in {time.perf_counter() - started:.0f} s"
    )
    return budget_round, answer_key


def subset(budget_round: BudgetRound, size: int) -> ReviewContext:
    projects = budget_round.projects[:size]
    units = {p.unit_code for p in projects}
    part = BudgetRound(
        year=budget_round.year,
        region=budget_round.region,
        units=[u for u in budget_round.units if u.unit_code in units],
        projects=projects,
        history=[h for h in budget_round.history if h.unit_code in units],
        sheets_present=budget_round.sheets_present,
    )
    return build_context(part, load_ruleset())


def best_of(runs: int, work: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), result


def peak_mib(work: Callable[[], Any]) -> float:
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    work()
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    return peak / 2**20


def timings(ctx: ReviewContext, params: dict[str, Any]) -> dict[str, Any]:
    settings = x01.lsh_settings(params)
    texts = x01.compared_texts(ctx, params)
    threshold = float(params["min_similarity"])
    build, sketches = best_of(3, lambda: sketch(texts, settings))
    query, pairs = best_of(
        3,
        lambda: near_duplicates(
            texts, min_similarity=threshold, settings=settings, sketches=sketches
        ),
    )
    whole, result = best_of(3, lambda: x01.check(ctx, params))
    return {
        "projects": len(ctx.projects),
        "index_s": build,
        "query_s": query,
        "check_s": whole,
        "candidates": sketches.candidates,
        "pairs": len(pairs),
        "findings": len(result.findings),
        "peak_mib": peak_mib(lambda: x01.check(ctx, params)),
    }


def _edited(source: Project, code: str, unit: Unit, old: str, rng: random.Random) -> Project:
    """Another unit's copy of a project: that unit's name put in, two sentences swapped, one to
    three words changed, none to all of the figures in the text changed, every amount +5%."""
    sentences = re.split(r"(?<=[。；])", source.content or "")
    if len(sentences) > 3:
        at = rng.randrange(len(sentences) - 2)
        sentences[at], sentences[at + 1] = sentences[at + 1], sentences[at]
    content = "".join(sentences).replace(old, unit.unit_name or "") if old else "".join(sentences)
    # how many figures change; re.sub's count 0 changes all of them
    figures = rng.choice([0, 1, 2, 4, 8, 0])
    content = re.sub(
        r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)), content, count=figures
    )
    for old_word, new_word in rng.sample(EDITS, rng.randint(1, 3)):
        content = content.replace(old_word, new_word, 1)
    twin = copy.copy(source)
    twin.project_code, twin.unit_code, twin.content = code, unit.unit_code, content
    twin.lines = [copy.copy(line) for line in source.lines]
    for line in twin.lines:
        line.project_code = code
        if line.amount is not None:
            line.amount = (line.amount * Decimal("1.05")).quantize(Decimal("0.01"))
    if twin.requested_amount is not None:
        twin.requested_amount = (twin.requested_amount * Decimal("1.05")).quantize(Decimal("0.01"))
    return twin


EDITS = [
    ("开展", "组织开展"),
    ("工作", "任务"),
    ("提高", "提升"),
    ("完成", "做好"),
    ("项目", "本项目"),
    ("年底前", "12月底前"),
    ("按照", "根据"),
]


def with_copies(budget_round: BudgetRound, count: int) -> tuple[ReviewContext, list[int]]:
    """The round plus edited copies of `count` random projects into random other units; the
    index of each source and then of each copy."""
    rng = random.Random(SEED)
    units = {u.unit_code: u for u in budget_round.units}
    picked = sorted(rng.sample(range(len(budget_round.projects)), count))
    copies = [
        _edited(
            budget_round.projects[i],
            f"COPY{n:05d}",
            rng.choice(budget_round.units),
            units[budget_round.projects[i].unit_code].unit_name or "",
            rng,
        )
        for n, i in enumerate(picked)
    ]
    total = len(budget_round.projects)
    part = BudgetRound(
        year=budget_round.year,
        region=budget_round.region,
        units=budget_round.units,
        projects=[*budget_round.projects, *copies],
        history=budget_round.history,
        sheets_present=budget_round.sheets_present,
    )
    return build_context(part, load_ruleset()), [*picked, *range(total, total + count)]


def sample_recall(ctx: ReviewContext, params: dict[str, Any], chosen: list[int]) -> dict[str, Any]:
    """The pairs the LSH search over every project reports, against all pairs of a sample
    compared exactly: recall overall and by similarity."""
    settings = x01.lsh_settings(params)
    threshold = float(params["min_similarity"])
    min_length = int(params["min_text_length"])
    texts = x01.compared_texts(ctx, params)
    started = time.perf_counter()
    found = {
        (p.first, p.second)
        for p in near_duplicates(
            texts, min_similarity=threshold, settings=settings, min_length=min_length
        )
    }
    search_s = time.perf_counter() - started
    chosen = sorted(chosen)
    started = time.perf_counter()
    truth = exhaustive_near_duplicates(
        [texts[i] for i in chosen],
        min_similarity=threshold,
        settings=settings,
        min_length=min_length,
    )
    exhaustive_s = time.perf_counter() - started
    bands: dict[str, list[int]] = {}
    for pair in truth:
        band = next(b for b in BANDS if pair.similarity >= b)
        hit = (chosen[pair.first], chosen[pair.second]) in found
        bands.setdefault(f"≥{band:.2f}", [0, 0])[0] += 1
        bands[f"≥{band:.2f}"][1] += hit
    true_pairs = len(truth)
    hits = sum(found_ for _, found_ in bands.values())
    return {
        "sample": len(chosen),
        "pairs_compared": len(chosen) * (len(chosen) - 1) // 2,
        "exhaustive_s": exhaustive_s,
        "search_s": search_s,
        "projects": len(texts),
        "true_pairs": true_pairs,
        "found": hits,
        "recall": hits / true_pairs if true_pairs else float("nan"),
        "bands": bands,
    }


BANDS = (0.95, 0.90, 0.85, 0.80, 0.0)


def robustness(ctx: ReviewContext, params: dict[str, Any], sources: list[int]) -> dict[str, Any]:
    """How many edited copies stay at or above the threshold, by the number of figures changed
    (exact similarity of each copy to its source)."""
    settings = x01.lsh_settings(params)
    texts = x01.compared_texts(ctx, params)
    half = len(sources) // 2
    normalized = normalize_all([texts[i] for i in sources], fold_digits=settings.fold_digits)
    sets = [shingles(text, settings.shingle_size) for text in normalized]
    similarity = [jaccard(sets[n], sets[n + half]) for n in range(half)]
    threshold = float(params["min_similarity"])
    return {
        "copies": half,
        "at_or_above": sum(s >= threshold for s in similarity),
        "median": statistics.median(similarity),
    }


def planted(
    budget_round: BudgetRound, answer_key: dict[str, Any], params: dict[str, Any]
) -> dict[str, Any]:
    ctx = build_context(budget_round, load_ruleset())
    result = x01.check(ctx, params)
    flagged = {f.project_code for f in result.findings}
    plants = [p for p in answer_key["planted"] if p["code"] == "X01"]
    clean = set(answer_key["clean_project_codes"])
    return {
        "planted": len(plants),
        "found": sum(1 for p in plants if p["project_code"] in flagged),
        "clean_projects": len(clean),
        "clean_flagged": len(flagged & clean),
        "findings": len(result.findings),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=250)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--sample", type=int, default=2_000)
    args = parser.parse_args()

    budget_round, answer_key = load(args.scale)
    params = dict(load_ruleset().params("X01"))
    print(
        f"X01: min_similarity {params['min_similarity']}, shingles of {params['shingle_size']}, "
        f"{params['num_perm']} bins = {params['lsh_bands']} bands × {params['lsh_rows']} rows"
    )
    for size in args.sizes:
        t = timings(subset(budget_round, size), params)
        print(
            f"{t['projects']:>7,} projects | index {t['index_s']:.2f} s | query {t['query_s']:.2f} s "
            f"({t['candidates']:,} candidates, {t['pairs']:,} pairs) | whole check {t['check_s']:.2f} s "
            f"| {t['findings']:,} findings | peak {t['peak_mib']:,.0f} MiB"
        )
    rng = random.Random(SEED)
    uniform = rng.sample(range(len(budget_round.projects)), args.sample)
    s = sample_recall(build_context(budget_round, load_ruleset()), params, uniform)
    print(
        f"uniform sample: {s['sample']:,} of {s['projects']:,} projects, {s['pairs_compared']:,} "
        f"pairs compared exactly in {s['exhaustive_s']:.1f} s: {s['true_pairs']} at or above the "
        f"threshold, found by LSH over all projects {s['found']}"
    )
    ctx, sample = with_copies(budget_round, args.sample // 2)
    s = sample_recall(ctx, params, sample)
    bands = ", ".join(f"{band} {hit}/{n}" for band, (n, hit) in sorted(s["bands"].items()))
    print(
        f"sample with edited copies: {args.sample // 2:,} random projects and a copy of each into "
        f"another unit, {s['pairs_compared']:,} pairs compared exactly in "
        f"{s['exhaustive_s']:.1f} s: {s['true_pairs']} at or above the threshold; LSH over all "
        f"{s['projects']:,} projects ({s['search_s']:.1f} s) found {s['found']}, recall "
        f"{s['recall']:.3f} (by similarity: {bands})"
    )
    for fold in (False, True):
        r = robustness(ctx, dict(params, fold_digits=fold), sample)
        print(
            f"  fold_digits {str(fold).lower()}: {r['at_or_above']} of {r['copies']} copies at or "
            f"above the threshold (median similarity {r['median']:.3f})"
        )
    for fold in (False, True):
        p = planted(budget_round, answer_key, dict(params, fold_digits=fold))
        print(
            f"answer key, fold_digits {str(fold).lower()}: {p['found']} of {p['planted']} planted "
            f"X01 found; {p['clean_flagged']} of {p['clean_projects']:,} clean projects flagged "
            f"({p['clean_flagged'] / p['clean_projects']:.3%}); {p['findings']:,} findings"
        )


if __name__ == "__main__":
    main()
