"""Import benchmark: a demo county at --scale 250 (about 100,000 projects, 1,000,000 lines).

    python bench/bench_import.py [--scale 250] [--database-url URL] [--format csv]

The data is generated once into bench/out/ and reused. The import runs in a child process so
that its peak memory (max RSS) is measured alone. Prints rows per second and per stage.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUT = Path(__file__).parent / "out"

CHILD = """
import json, sys
from pathlib import Path
from lingji.adapters.crypto import create_key_file
from lingji.adapters.db.session import make_engine, upgrade_schema
from lingji.services.importing import import_submission

path, url, key = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
create_key_file(key)
engine = make_engine(url)
upgrade_schema(engine)
result = import_submission(engine=engine, path=path, region="bench", key_file=key, replace=True)
print(json.dumps({"timings": result.timings, "counts": result.counts}))
"""


def ensure_data(scale: int, fmt: str) -> Path:
    from lingji.demo import write_demo_county

    target = OUT / f"scale-{scale}-{fmt}"
    marker = target / "done.json"
    if marker.exists():
        return Path(json.loads(marker.read_text())["path"])
    started = time.perf_counter()
    summary = write_demo_county(target, seed=2027, scale=scale, fmt=fmt)
    elapsed = time.perf_counter() - started
    marker.write_text(json.dumps({"path": str(summary.path), "seconds": elapsed}))
    print(f"generated scale {scale} ({fmt}) in {elapsed:.1f} s: {summary.path}")
    return Path(summary.path)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=250)
    parser.add_argument("--format", default="csv", choices=["csv", "xlsx"])
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file")
    args = parser.parse_args()

    data = ensure_data(args.scale, args.format)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        started = time.perf_counter()
        child = subprocess.run(
            [sys.executable, "-c", CHILD, str(data), url, f"{tmp}/bench.key"],
            capture_output=True,
            text=True,
            check=False,
        )
        wall = time.perf_counter() - started
    if child.returncode != 0:
        sys.exit(child.stderr)
    report = json.loads(child.stdout.strip().splitlines()[-1])
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rows = sum(report["counts"].values())
    busy = sum(report["timings"].values())
    print(f"database: {url.split(':')[0]}  data: {data}")
    print(
        f"projects: {report['counts']['projects']:,}  detail lines: {report['counts']['detail_lines']:,}  all rows: {rows:,}"
    )
    for stage, seconds in report["timings"].items():
        print(f"  {stage:<16} {seconds:6.1f} s")
    print(f"import: {busy:.1f} s ({rows / busy:,.0f} rows/s); process wall time {wall:.1f} s")
    print(f"peak memory (max RSS of the import process): {peak_mib:,.0f} MiB")


if __name__ == "__main__":
    main()
