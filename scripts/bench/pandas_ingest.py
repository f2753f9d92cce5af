#!/usr/bin/env python3
"""Baseline for scripts/bench-ingest: pandas read_csv + to_sql of the same file into a fresh
SQLite database. Prints rows/s (best of N runs) as `pandas_rows_per_s=<value>`."""
import os
import sqlite3
import sys
import tempfile
import time

import pandas as pd


def run_once(path: str, directory: str) -> tuple[int, float]:
    db_path = os.path.join(directory, f"pandas-{time.monotonic_ns()}.sqlite")
    started = time.perf_counter()
    frame = pd.read_csv(path)
    connection = sqlite3.connect(db_path)
    frame.to_sql("hourly", connection, index=False)
    connection.commit()
    connection.close()
    elapsed = time.perf_counter() - started
    os.remove(db_path)
    return len(frame), elapsed


def main() -> None:
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory(prefix="bench-pandas-") as directory:
        results = [run_once(path, directory) for _ in range(runs)]
    rows = results[0][0]
    best = min(seconds for _, seconds in results)
    print(f"pandas: {rows} rows, best of {runs}: {best:.3f} s")
    print(f"pandas_rows_per_s={rows / best:.0f}")


if __name__ == "__main__":
    main()
