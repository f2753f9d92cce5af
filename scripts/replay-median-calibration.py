#!/usr/bin/env python3
"""Where a backtest's sign accuracy goes, and whether recalibrating its P50 would help, from predictions.parquet.

Not part of dartcast: a research check. For one model it prints
  * how often the P50 says "positive", and what share of the rows it calls non-positive are positive;
  * a walk-forward recalibration: for each month, a monotone map from P50 to the median DART, fitted
    on the previous --lookback months' out-of-sample rows only (--bins quantile bins of P50, the
    median DART in each, pooled adjacent violators to keep it increasing, linear in between and a
    constant shift beyond), applied to the month; months without earlier ones keep the P50.

  PYTHONPATH=.deps/py:.deps/testpy python3 scripts/replay-median-calibration.py OUT/predictions.parquet \
      [--model lightgbm] [--lookback 3] [--bins 20]

docs/backtests.md § Session 18 lists the runs made with it.
"""
import argparse

import numpy as np
import pyarrow.parquet as pq

parser = argparse.ArgumentParser()
parser.add_argument("predictions", help="predictions.parquet written by dartcast backtest")
parser.add_argument("--model", default="lightgbm")
parser.add_argument("--lookback", type=int, default=3, help="months of earlier forecasts the map is fitted on")
parser.add_argument("--bins", type=int, default=20)
args = parser.parse_args()

column = f"{args.model}_p50"
frame = pq.read_table(args.predictions).to_pandas().dropna(subset=[column, "actual_dart"]).reset_index(drop=True)
frame["month"] = frame.operating_day.str[:7]
actual = frame.actual_dart.to_numpy()
forecast = frame[column].to_numpy()


def increasing(values, weights):
    """Pooled adjacent violators: the weighted least-squares increasing fit of values."""
    blocks = []  # [mean, weight, count]
    for value, weight in zip(values, weights):
        blocks.append([value, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            right, left = blocks.pop(), blocks.pop()
            total = left[1] + right[1]
            blocks.append([(left[0] * left[1] + right[0] * right[1]) / total, total, left[2] + right[2]])
    return np.concatenate([np.full(count, mean) for mean, _, count in blocks])


def median_map(p50, dart):
    edges = np.quantile(p50, np.linspace(0, 1, args.bins + 1))
    bin_of = np.clip(np.searchsorted(edges, p50, side="right") - 1, 0, args.bins - 1)
    centres, medians, counts = [], [], []
    for b in range(args.bins):
        rows = bin_of == b
        if rows.any():
            centres.append(np.median(p50[rows])); medians.append(np.median(dart[rows])); counts.append(rows.sum())
    centres = np.array(centres)
    return centres, increasing(medians, counts) - centres


def sign_hits(p50, rows):
    return ((actual[rows] > 0) == (p50[rows] > 0)).mean()


every = np.ones(len(frame), dtype=bool)
non_positive = forecast <= 0
print(f"{args.model}: P50 > 0 on {np.mean(forecast > 0):.1%} of rows; of the {non_positive.sum()} rows it calls "
      f"non-positive, {np.mean(actual[non_positive] > 0):.1%} are positive")
calibrated = forecast.copy()
months = sorted(frame.month.unique())
for index, month in enumerate(months):
    test = (frame.month == month).to_numpy()
    fit = frame.month.isin(months[max(0, index - args.lookback):index]).to_numpy()
    if fit.any():
        centres, shifts = median_map(forecast[fit], actual[fit])
        calibrated[test] = forecast[test] + np.interp(forecast[test], centres, shifts)
    zero = np.abs(actual[test]).mean()
    print(f"{month}  rMAE {np.abs(actual[test] - forecast[test]).mean() / zero:.4f} → "
          f"{np.abs(actual[test] - calibrated[test]).mean() / zero:.4f}   sign {sign_hits(forecast, test):.3f} → "
          f"{sign_hits(calibrated, test):.3f}   majority {max(np.mean(actual[test] > 0), np.mean(actual[test] <= 0)):.3f}")
zero = np.abs(actual).mean()
print(f"all    rMAE {np.abs(actual - forecast).mean() / zero:.4f} → {np.abs(actual - calibrated).mean() / zero:.4f}   "
      f"sign {sign_hits(forecast, every):.4f} → {sign_hits(calibrated, every):.4f}   majority {np.mean(actual > 0):.4f}")
