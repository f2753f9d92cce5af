#!/usr/bin/env python3
"""Replays other ways of combining a backtest's forecasts, walk-forward, from its predictions.parquet.

Not part of dartcast: a research check. For each month, the combination is fitted by least absolute
error on the out-of-sample forecasts of the previous --lookback months only (months without one
keep dartcast's ensemble), then scored on the month. Candidates:
  * ensemble      dartcast's own ensemble, as published;
  * shrink_zero   a·ensemble, a in 0 … 1.5 (shrinks toward the zero forecast when a < 1);
  * blend_median  b·ensemble + (1 − b)·trailing median, b in 0 … 1;
  * simplex       weights (step 0.1, summing to 1) over the learned models, the trailing median and zero.

  PYTHONPATH=.deps/py:.deps/testpy python3 scripts/replay-blends.py OUT/predictions.parquet [--lookback 3]

Prints the chosen values and rMAE vs zero per month, then over all months and over the months that
had a full lookback. docs/backtests.md § Session 14 lists the runs made with it.
"""
import argparse
import itertools

import numpy as np
import pyarrow.parquet as pq

parser = argparse.ArgumentParser()
parser.add_argument("predictions", help="predictions.parquet written by dartcast backtest")
parser.add_argument("--lookback", type=int, default=3, help="months of earlier forecasts the weights are fitted on")
args = parser.parse_args()

frame = pq.read_table(args.predictions).to_pandas()
learned = [c for c in ("lightgbm_p50", "xgboost_p50", "mlp_p50") if c in frame]
needed = learned + ["ensemble_p50", "trailing_median_p50", "actual_dart"]
frame = frame.dropna(subset=needed).reset_index(drop=True)
frame["month"] = frame.operating_day.str[:7]
months = sorted(frame.month.unique())
actual = frame.actual_dart.to_numpy()
ensemble = frame.ensemble_p50.to_numpy()
median = frame.trailing_median_p50.to_numpy()
members = np.column_stack([frame[c].to_numpy() for c in learned] + [median, np.zeros(len(frame))])
member_names = [c.removesuffix("_p50") for c in learned] + ["trailing_median", "zero"]
simplex = np.array([w for w in itertools.product(np.arange(0, 1.0001, 0.1), repeat=members.shape[1])
                    if abs(sum(w) - 1) < 1e-9])
scales = np.arange(0, 1.5001, 0.05)


def mae(forecast, rows):
    return np.abs(actual[rows] - forecast[rows]).mean()


def rmae(forecast, rows):
    return mae(forecast, rows) / np.abs(actual[rows]).mean()


combined = {name: ensemble.copy() for name in ("ensemble", "shrink_zero", "blend_median", "simplex")}
for index, month in enumerate(months):
    test = (frame.month == month).to_numpy()
    fit = frame.month.isin(months[max(0, index - args.lookback):index]).to_numpy()
    if not fit.any():
        continue
    a = min(scales, key=lambda s: mae(s * ensemble, fit))
    b = min(scales[scales <= 1], key=lambda s: mae(s * ensemble + (1 - s) * median, fit))
    weights = simplex[int(np.argmin([np.abs(actual[fit] - members[fit] @ w).mean() for w in simplex]))]
    combined["shrink_zero"][test] = a * ensemble[test]
    combined["blend_median"][test] = b * ensemble[test] + (1 - b) * median[test]
    combined["simplex"][test] = members[test] @ weights
    chosen = " ".join(f"{n}={w:.1f}" for n, w in zip(member_names, weights))
    scores = " ".join(f"{n} {rmae(f, test):.3f}" for n, f in combined.items())
    print(f"{month}  a={a:.2f} b={b:.2f} simplex[{chosen}]  {scores}")

every = np.ones(len(frame), bool)
full = frame.month.isin(months[args.lookback:]).to_numpy()
for name, forecast in combined.items():
    print(f"{name:13s} all months {rmae(forecast, every):.4f}   months with {args.lookback} before {rmae(forecast, full):.4f}")
