#!/usr/bin/env python3
"""Replays the row-by-row median and mean of a backtest's learned families against its published ensemble.

Not part of dartcast: a research check. Given one or more backtests of the same rows (e.g. the same
settings with other `models.seed` values), prints for each run the rMAE vs zero of every family, of
the published ensemble, and of the median and mean of the families' P50 on every row; with several
runs also each family averaged over the runs (a seed bag).

  PYTHONPATH=.deps/py:.deps/testpy python3 scripts/replay-member-median.py OUT1 [OUT2 …]

docs/backtests.md § Session 19 lists the runs made with it.
"""
import sys

import numpy as np
import pyarrow.parquet as pq

FAMILIES = ("lightgbm", "xgboost", "mlp")
runs = sys.argv[1:]
if not runs:
    sys.exit(__doc__)
frames = [pq.read_table(f"{run}/predictions.parquet").to_pandas() for run in runs]
actual = frames[0]["actual_dart"].to_numpy()
known = np.isfinite(actual)
for frame, run in zip(frames, runs):
    if not np.array_equal(frame["actual_dart"].to_numpy()[known], actual[known]):
        sys.exit(f"{run}: not the same rows as {runs[0]}; compare backtests of the same product and months")
zero_mae = np.mean(np.abs(actual[known]))


def relative(p50):
    return np.mean(np.abs(actual[known] - p50[known])) / zero_mae


for frame, run in zip(frames, runs):
    members = np.stack([frame[f"{family}_p50"].to_numpy() for family in FAMILIES if f"{family}_p50" in frame], axis=1)
    scores = "  ".join(f"{family} {relative(frame[f'{family}_p50'].to_numpy()):.4f}" for family in FAMILIES if f"{family}_p50" in frame)
    print(f"{run}: {scores}  ensemble {relative(frame['ensemble_p50'].to_numpy()):.4f}  "
          f"median of families {relative(np.median(members, axis=1)):.4f}  mean of families {relative(members.mean(axis=1)):.4f}")
if len(frames) > 1:
    bags = "  ".join(f"{family} {relative(np.mean([f[f'{family}_p50'].to_numpy() for f in frames], axis=0)):.4f}"
                     for family in FAMILIES if f"{family}_p50" in frames[0])
    print(f"each family averaged over the {len(frames)} runs: {bags}")
