"""Import benchmark: a demo county at --scale 250 (about 100,000 projects, 1,000,000 lines).

    python bench/bench_import.py [--scale 250] [--database-url URL] [--format csv] [--parallel no]

The data is generated once into bench/out/ and reused. The import runs in a child process so
that its peak memory (max RSS) is measured alone; a large import checks in worker processes
of its own, so the memory of the whole process tree is also sampled. Prints the stages (which
overlap when a worker checks), rows per second and the import's whole time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUT = Path(__file__).parent / "out"

CHILD = """
import json, resource, sys
from pathlib import Path
from lingji.adapters.crypto import create_key_file
from lingji.adapters.db.session import make_engine, upgrade_schema
from lingji.services.importing import import_submission

path, url, key, parallel = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), sys.argv[4]
create_key_file(key)
engine = make_engine(url)
upgrade_schema(engine)
result = import_submission(
    engine=engine, path=path, region="bench", key_file=key, replace=True,
    parallel={"auto": None, "yes": True, "no": False}[parallel],
)
peak = {
    "main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "worker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}
print(json.dumps({"timings": result.timings, "counts": result.counts, "peak_mib": peak}))
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
    parser.add_argument(
        "--parallel",
        default="auto",
        choices=["auto", "yes", "no"],
        help="check in a worker process (default: by the size of the submission)",
    )
    args = parser.parse_args()

    data = ensure_data(args.scale, args.format)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        started = time.perf_counter()
        with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
            child = subprocess.Popen(
                [sys.executable, "-c", CHILD, str(data), url, f"{tmp}/bench.key", args.parallel],
                stdout=out,
                stderr=err,
                text=True,
            )
            together = 0
            while child.poll() is None:
                together = max(together, _tree_rss_kib(child.pid))
                time.sleep(0.5)  # a sample costs a few ms: keep it off the timings
            wall = time.perf_counter() - started
            out.seek(0)
            err.seek(0)
            stdout, stderr = out.read(), err.read()
    if child.returncode != 0:
        sys.exit(stderr)
    report = json.loads(stdout.strip().splitlines()[-1])
    rows = sum(report["counts"].values())
    timings = report["timings"]
    peak = report["peak_mib"]
    print(f"database: {url.split(':')[0]}  data: {data}")
    print(
        f"projects: {report['counts']['projects']:,}  detail lines: {report['counts']['detail_lines']:,}  all rows: {rows:,}"
    )
    # with a worker the stages overlap: they add up to more than the import took
    for stage in ("read_and_check", "seal", "write"):
        print(f"  {stage:<16} {timings.get(stage, 0.0):6.1f} s")
    total = timings["total"]
    print(f"import: {total:.1f} s ({rows / total:,.0f} rows/s); process wall time {wall:.1f} s")
    print(
        f"peak memory (max RSS): import process {peak['main']:,.0f} MiB, "
        f"its largest worker {peak['worker']:,.0f} MiB"
    )
    if together:
        print(f"peak memory of all its processes together (sampled): {together / 1024:,.0f} MiB")


def _tree_rss_kib(root: int) -> int:
    """The resident memory of a process and all its descendants (Linux /proc; else 0)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, grown = {root}, True
    while grown:
        grown = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grown = True
    total = 0
    for pid in tree:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


if __name__ == "__main__":
    main()
