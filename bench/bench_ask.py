"""智慧问数 benchmark: answer time per question on the demo county (target p95 < 300 ms).

    python bench/bench_ask.py [--scale 1] [--rounds 3]

Asks every gold question (tests/ask/gold.yaml) `--rounds` times in one process, after a first
question that builds the per-round caches (lexicon, policy index, jieba's dictionary), and
prints the cold start and the latency percentiles. --scale N generates a county N times the
demo's size (unit codes of the copies differ, so accuracy is only meaningful at scale 1).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from lingji.adapters.crypto import create_key_file
from lingji.adapters.db.session import make_engine, upgrade_schema
from lingji.adapters.rulesets import load_ruleset
from lingji.demo import write_demo_county
from lingji.domain.ask.evaluation import load_gold_cases
from lingji.services.ask import answer_question
from lingji.services.importing import import_submission
from lingji.services.review import review_round

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    cases = load_gold_cases(
        yaml.safe_load((ROOT / "tests/ask/gold.yaml").read_text(encoding="utf-8"))
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        summary = write_demo_county(folder / "demo", seed=2027, scale=args.scale, fmt="csv")
        create_key_file(folder / "k.key")
        engine = make_engine(f"sqlite:///{folder / 'lingji.db'}")
        upgrade_schema(engine)
        imported = import_submission(
            engine=engine, path=summary.path, region="澜溪县", key_file=folder / "k.key"
        )
        review_round(engine=engine, round_id=imported.round_id, ruleset=load_ruleset())
        started = time.perf_counter()
        answer_question(engine=engine, question="会议费标准是多少", asker="bench")
        answer_question(engine=engine, question="教育局今年申报了多少", asker="bench")
        cold = time.perf_counter() - started
        latencies = []
        for _ in range(args.rounds):
            for case in cases:
                session = None
                for turn in case.turns:
                    begun = time.perf_counter()
                    session = answer_question(
                        engine=engine,
                        question=turn.question,
                        scope=case.scope,
                        asker="bench",
                        session_id=session,
                    ).session_id
                    latencies.append((time.perf_counter() - begun) * 1000)
        engine.dispose()
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    print(
        f"scale {args.scale}: {imported.counts['projects']:,} projects | cold start (caches) {cold:.2f}s | "
        f"{len(latencies)} answers: p50 {cuts[49]:.1f} ms, p95 {cuts[94]:.1f} ms, "
        f"p99 {cuts[98]:.1f} ms, max {max(latencies):.1f} ms"
    )


if __name__ == "__main__":
    main()
