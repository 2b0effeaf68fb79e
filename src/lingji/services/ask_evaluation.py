"""Measuring 智慧问数 against the gold set (tests/ask/gold.yaml) on the demo county.

Each data question's expected answer is its oracle SQL, run on the same database: written by
hand against the tables, never through the parser, so that neither can hide the other's
mistakes. A session's turns are asked in one conversation, as a person would.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from sqlalchemy import Engine

from lingji.adapters.crypto import create_key_file
from lingji.adapters.db.session import make_engine, upgrade_schema
from lingji.adapters.llm import LanguageModel
from lingji.adapters.rulesets import load_ruleset
from lingji.demo import write_demo_county
from lingji.domain.ask.evaluation import Verdict, accuracy_by_kind, judge, load_gold_cases
from lingji.services.ask import answer_question
from lingji.services.importing import import_submission
from lingji.services.review import review_round

#: who the audit trail says asked the gold questions
EVALUATOR = "eval-ask"


@dataclass(slots=True)
class EvaluationReport:
    verdicts: list[Verdict]
    #: answer time of every question, milliseconds
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def right(self) -> int:
        return sum(v.passed for v in self.verdicts)

    @property
    def accuracy(self) -> float:
        return self.right / len(self.verdicts) if self.verdicts else 0.0

    @property
    def by_kind(self) -> dict[str, tuple[int, int]]:
        return accuracy_by_kind(self.verdicts)

    def latency(self, share: float) -> float:
        """The latency below which `share` of the answers came (0.5: median, 0.95: p95)."""
        if not self.latencies_ms:
            return 0.0
        if len(self.latencies_ms) == 1:
            return self.latencies_ms[0]
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[
            round(share * 100) - 1
        ]


def prepare_demo_database(folder: Path, *, seed: int = 2027) -> Engine:
    """The demo county generated, imported and reviewed in a SQLite file under `folder`."""
    summary = write_demo_county(folder / "demo", seed=seed)
    key_file = folder / "lingji.key"
    create_key_file(key_file)
    engine = make_engine(f"sqlite:///{(folder / 'lingji.db').as_posix()}")
    upgrade_schema(engine)
    imported = import_submission(
        engine=engine, path=summary.path, region="澜溪县", key_file=key_file
    )
    review_round(engine=engine, round_id=imported.round_id, ruleset=load_ruleset())
    return engine


def evaluate_gold(
    *, engine: Engine, gold_path: Path, model: LanguageModel | None = None
) -> EvaluationReport:
    """Asks every gold question and judges each answer against its expectation."""
    cases = load_gold_cases(yaml.safe_load(gold_path.read_text(encoding="utf-8")))
    report = EvaluationReport([])
    for case in cases:
        session: str | None = None
        for number, turn in enumerate(case.turns, start=1):
            started = time.perf_counter()
            result = answer_question(
                engine=engine,
                question=turn.question,
                scope=case.scope,
                asker=EVALUATOR,
                session_id=session,
                model=model,
            )
            report.latencies_ms.append((time.perf_counter() - started) * 1000)
            session = result.session_id
            oracle = turn.expect.get("oracle_sql")
            rows = None
            if oracle:
                with engine.connect() as conn:
                    rows = [tuple(r) for r in conn.exec_driver_sql(oracle)]
            passed, reason = judge(turn.expect, result.answer, rows)
            report.verdicts.append(
                Verdict(case.id, case.kind, number, turn.question, passed, reason)
            )
    return report
