"""Demo county generation benchmark: --scale 250 as CSV (about 10,000 units, 100,000 projects).

    python bench/bench_demo_generate.py [--scale 250] [--format csv] [--keep]

Writes into a temporary folder (bench/out/generate-<scale> with --keep), then prints the wall
time, the rows per sheet and per second, and the peak memory of the parent and of the
worker processes that render the blocks.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from lingji.demo import write_demo_county

OUT = Path(__file__).parent / "out"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=250)
    parser.add_argument("--format", default="csv", choices=["csv", "xlsx"])
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--keep", action="store_true", help="keep the output in bench/out/")
    args = parser.parse_args()

    target = OUT / f"generate-{args.scale}-{args.format}" if args.keep else Path(tempfile.mkdtemp())
    try:
        started = time.perf_counter()
        summary = write_demo_county(target, seed=args.seed, scale=args.scale, fmt=args.format)
        elapsed = time.perf_counter() - started
        size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    finally:
        if not args.keep:
            shutil.rmtree(target, ignore_errors=True)
    rows = sum(summary.counts.values())
    print(f"scale {args.scale} ({args.format}), seed {args.seed}, {os.cpu_count()} CPUs")
    for sheet, count in summary.counts.items():
        print(f"  {sheet:<6} {count:>10,}")
    print(
        f"rows: {rows:,} in {elapsed:.1f} s ({rows / elapsed:,.0f} rows/s), {size / 2**20:,.0f} MiB written"
    )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory (max RSS): parent {own:,.0f} MiB, largest worker {workers:,.0f} MiB")


if __name__ == "__main__":
    main()
