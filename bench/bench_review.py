"""Review benchmark: import a demo county at several scales, then time the review per stage.

    python bench/bench_review.py [--scales 3 25 250]

Scale 3 ≈ 1,000 projects, 25 ≈ 10,000, 250 ≈ 100,000 (CSV, generated once into bench/out/).
Each review runs in a child process so its peak memory (max RSS) is its own.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_import import ensure_data  # noqa: E402

CHILD = """
import json, resource, sys, time
from pathlib import Path
from lingji.adapters.crypto import create_key_file
from lingji.adapters.db.session import make_engine, upgrade_schema
from lingji.adapters.rulesets import load_ruleset
from lingji.adapters.report.files import write_review_files
from lingji.services.importing import import_submission
from lingji.services.review import review_round

path, url, key, out, phase = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]), sys.argv[5]
engine = make_engine(url)
if phase == "import":
    create_key_file(key)
    upgrade_schema(engine)
    started = time.perf_counter()
    result = import_submission(engine=engine, path=path, region="bench", key_file=key)
    print(json.dumps({"import": time.perf_counter() - started, "round_id": result.round_id,
                      "projects": result.counts["projects"], "lines": result.counts["detail_lines"]}))
else:
    started = time.perf_counter()
    report = review_round(engine=engine, round_id=int(phase), ruleset=load_ruleset())
    t = dict(report.timings)
    begin = time.perf_counter()
    write_review_files(report, out)
    t["write_files"] = time.perf_counter() - begin
    t["total"] = time.perf_counter() - started
    t["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t["slowest_checks"] = sorted(report.check_timings.items(), key=lambda kv: -kv[1])[:5]
    print(json.dumps(t))
"""


def _child(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--scales", type=int, nargs="+", default=[3, 25, 250])
    args = parser.parse_args()
    for scale in args.scales:
        data = ensure_data(scale, "csv")
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.db"
            imported = _child(str(data), url, f"{tmp}/k.key", tmp, "import")
            started = time.perf_counter()
            timings = _child(
                str(data), url, f"{tmp}/k.key", f"{tmp}/out", str(imported["round_id"])
            )
            wall = time.perf_counter() - started
        peak = timings.pop("peak_mib")
        slowest = timings.pop("slowest_checks")
        stages = "  ".join(f"{k} {v:.1f}s" for k, v in timings.items())
        ratio = timings["total"] / imported["import"]
        print(
            f"scale {scale}: {imported['projects']:,} projects, {imported['lines']:,} lines | "
            f"import {imported['import']:.1f}s | review {stages} | wall {wall:.1f}s | "
            f"review/import {ratio:.2f} | review peak RSS {peak:,.0f} MiB\n"
            f"  slowest checks: " + ", ".join(f"{code} {s:.1f}s" for code, s in slowest)
        )


if __name__ == "__main__":
    main()
