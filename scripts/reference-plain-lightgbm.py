#!/usr/bin/env python3
"""A plain LightGBM reference for the hourly (and, with --dayahead, the day-ahead) product.

Not part of dartcast: a yardstick in the spirit of the issue's "plain script" (about 30 price-lag
features, one L1 LightGBM per month on all history before it, fixed rounds, no early stopping).
It follows the same known-time rules as dartcast's feature builder:
  * issues every hour at :05 for the next 24 delivery hours (lead k = 1 … 24);
  * an hour's RT is known 15 minutes after the hour ends, so at h:05 the newest known RT hour is
    the one that ended at h−1;
  * the DAM of operating day D is known from 13:30 Central on D−1;
  * --dayahead issues at 05:00 Central on D−1 for every hour of D, as dartcast's day-ahead product.

Needs pandas, numpy and lightgbm: `scripts/setup --research` installs them (pinned) into
.deps/researchpy. Reads the tidy hourly DART files of the development data:

  scripts/setup --research
  PYTHONPATH=.deps/researchpy scripts/reference-plain-lightgbm.py ../shared/data/ercot/dart_hourly_*.csv [--rounds 100] ...

and prints rMAE vs the zero forecast per month, per lead bucket and by DAM known / not known.
docs/backtests.md § What decided each modelling choice lists the runs made with it.
"""
import argparse
import time
import warnings

import lightgbm as lgb
import numpy as np
import pandas as pd

parser = argparse.ArgumentParser()
parser.add_argument("files", nargs="+", help="tidy hourly DART CSVs (timestamp_utc, settlement_point, dam_price, rtm_price)")
parser.add_argument("--rounds", type=int, default=100)
parser.add_argument("--learning-rate", type=float, default=0.05)
parser.add_argument("--issue-stride", type=int, default=3, help="train on every k-th issue hour")
parser.add_argument("--target-stride", type=int, default=1, help="train on every k-th lead, rotating with the day")
parser.add_argument("--test-stride", type=int, default=2, help="score every k-th issue hour")
parser.add_argument("--no-lags", action="store_true", help="only the newest known RT/DART hour, not 6 hourly lags")
parser.add_argument("--no-spread", action="store_true", help="DAM(target) − mean RT of 6 h instead of − newest RT")
parser.add_argument("--from-month", default="2024-10")
parser.add_argument("--months", type=int, default=12)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--max-bin", type=int, default=255)
parser.add_argument("--feature-fraction", type=float, default=0.9)
parser.add_argument("--bagging-fraction", type=float, default=0.8)
parser.add_argument("--lambda-l2", type=float, default=0.0)
parser.add_argument("--leaves", type=int, default=63)
parser.add_argument("--dayahead", action="store_true", help="issue at 05:00 Central on D−1 for every hour of D")
parser.add_argument("--point-numeric", action="store_true", help="the point as a plain number, as dartcast has it, not a category")
parser.add_argument("--no-calendar", action="store_true", help="leave out the target's weekday and month")
parser.add_argument("--no-day-stats", action="store_true", help="leave out the 24-hour RT mean and maximum and DART mean")
parser.add_argument("--same-hour-stats", action="store_true",
                    help="add the median and mean DART of the same hour 2…8 days before the target")
parser.add_argument("--residual", choices=["none", "median7"], default="none",
                    help="median7: fit the DART minus that same-hour median and add it back (needs --same-hour-stats)")
args = parser.parse_args()
if args.residual != "none" and not args.same_hour_stats:
    parser.error("--residual median7 needs --same-hour-stats")

frame = pd.concat([pd.read_csv(f) for f in args.files])
frame["t"] = pd.to_datetime(frame.timestamp_utc, utc=True)
frame = frame.drop_duplicates(["t", "settlement_point"])
points = sorted(frame.settlement_point.unique())
origin = frame.t.min().floor("D") - pd.Timedelta(days=10)
hour_count = int((frame.t.max() + pd.Timedelta(days=3) - origin) / pd.Timedelta(hours=1)) + 1
P = len(points)
dam = np.full((P, hour_count), np.nan)
rt = np.full((P, hour_count), np.nan)
hour_index = ((frame.t - origin) / pd.Timedelta(hours=1)).astype(int).values
point_index = frame.settlement_point.map({p: i for i, p in enumerate(points)}).values
dam[point_index, hour_index] = frame.dam_price.values
rt[point_index, hour_index] = frame.rtm_price.values
dart = dam - rt
local = pd.date_range(origin, periods=hour_count, freq="h").tz_convert("America/Chicago")
operating_day = local.normalize().tz_localize(None)
dam_published = (operating_day - pd.Timedelta(days=1) + pd.Timedelta(hours=13, minutes=30)).tz_localize(
    "America/Chicago", ambiguous=False, nonexistent="shift_forward").tz_convert("UTC")
dam_published_hour = ((dam_published - origin) / pd.Timedelta(hours=1)).values
hour_of_day, weekday, month = local.hour.values, local.day_of_week.values, local.month.values


def nan_stat(stat, series, point, newest, hours):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-missing windows are NaN, as intended
        return stat(np.stack([series[point, newest - j] for j in range(hours)]), axis=0)


def pairs(issues):
    """(issue, point, lead) of every row: leads 1…24, or with --dayahead every hour of the next operating day."""
    if not args.dayahead:
        lead = np.tile(np.repeat(np.arange(1, 25), P), len(issues))
        return np.repeat(issues, 24 * P), np.tile(np.arange(P), 24 * len(issues)), lead
    issue, point, lead = [], [], []
    for h in issues:
        next_day = np.datetime64(operating_day[h] + pd.Timedelta(days=1))
        leads = np.nonzero(operating_day.values[h + 10:h + 50] == next_day)[0] + 10
        for p in range(P):
            issue.append(np.full(len(leads), h)); point.append(np.full(len(leads), p)); lead.append(leads)
    return np.concatenate(issue), np.concatenate(point), np.concatenate(lead)


def build(issues):
    """Rows for issues at hour index h (issued at h:05, or h:00 with --dayahead), every point."""
    issue, point, lead = pairs(issues)
    target = issue + lead
    newest = issue - 2  # the newest hour whose RT is known at h:05
    f = {"point": point, "lead": lead, "hour": hour_of_day[target], "weekday": weekday[target], "month": month[target]}
    dam_known = dam_published_hour[target] <= issue + 5 / 60
    f["dam_target"] = np.where(dam_known, dam[point, target], np.nan)
    for lag in range(1 if args.no_lags else 6):
        f[f"rt_lag{lag}"] = rt[point, newest - lag]
        f[f"dart_lag{lag}"] = dart[point, newest - lag]
    f["rt_mean6"] = nan_stat(np.nanmean, rt, point, newest, 6)
    f["dam_newest"] = dam[point, newest]
    f["rt_mean24"] = nan_stat(np.nanmean, rt, point, newest, 24)
    f["rt_max24"] = nan_stat(np.nanmax, rt, point, newest, 24)
    f["dart_mean24"] = nan_stat(np.nanmean, dart, point, newest, 24)
    day_before = target - 24
    known_day_before = day_before <= newest
    f["dart_d1"] = np.where(known_day_before, dart[point, np.minimum(day_before, newest)], np.nan)
    f["rt_d1"] = np.where(known_day_before, rt[point, np.minimum(day_before, newest)], np.nan)
    f["dam_d1"] = dam[point, day_before]
    for days in (2, 3, 7):
        f[f"dart_d{days}"] = dart[point, target - 24 * days]
    f["dam_target_minus_rt"] = f["dam_target"] - (f["rt_mean6"] if args.no_spread else f["rt_lag0"])
    f["dam_target_minus_dam_d1"] = f["dam_target"] - f["dam_d1"]
    baseline = np.zeros(len(point))
    if args.same_hour_stats:  # days 2…8 before the target: known at every issue of either product
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            same_hour = np.stack([dart[point, target - 24 * days] for days in range(2, 9)])
            f["dart_same_median7"] = np.nanmedian(same_hour, axis=0)
            f["dart_same_mean7"] = np.nanmean(same_hour, axis=0)
        if args.residual == "median7":
            baseline = np.nan_to_num(f["dart_same_median7"])
    if args.no_calendar:
        del f["weekday"], f["month"]
    if args.no_day_stats:
        del f["rt_mean24"], f["rt_max24"], f["dart_mean24"]
    features = pd.DataFrame(f)
    if not args.point_numeric:
        features["point"] = features.point.astype("category")
    return features, dart[point, target], lead, dam_known, issue, baseline


def month_start(year, month_number):
    return int((pd.Timestamp(year=year, month=month_number, day=1, tz="America/Chicago").tz_convert("UTC") - origin)
               / pd.Timedelta(hours=1))


params = dict(objective="l1", learning_rate=args.learning_rate, num_leaves=args.leaves, min_data_in_leaf=100,
              feature_fraction=args.feature_fraction, bagging_fraction=args.bagging_fraction, bagging_freq=1,
              lambda_l2=args.lambda_l2, max_bin=args.max_bin, verbose=-1, num_threads=args.threads, seed=1)
year, month_number = map(int, args.from_month.split("-"))
scored, started = [], time.time()
for _ in range(args.months):
    start = month_start(year, month_number)
    year, month_number = (year + 1, 1) if month_number == 12 else (year, month_number + 1)
    end = month_start(year, month_number)
    if args.dayahead:  # issues at 05:00; every target known by the first issue, 05:00 the day before the month
        train_issues = np.array([h for h in range(24 * 12, start - 70) if local[h].hour == 5])
        test_issues = np.array([h for h in range(start - 24, end - 24) if local[h].hour == 5])
    else:
        train_issues = np.arange(24 * 12, start - 26, args.issue_stride)  # every target known by the month's first issue
        test_issues = np.arange(start, end, args.test_stride)
    x, y, lead, _, issue, baseline = build(train_issues)
    usable = np.isfinite(y) & (((lead + issue // 24) % args.target_stride) == 0)
    booster = lgb.train(params, lgb.Dataset(x[usable], (y - baseline)[usable], categorical_feature=[] if args.point_numeric else ["point"]), args.rounds)
    x, y, lead, dam_known, _, baseline = build(test_issues)
    known = np.isfinite(y)
    predicted = booster.predict(x[known]) + baseline[known]
    part = pd.DataFrame(dict(month=str(local[start].strftime("%Y-%m")), lead=lead[known], dam_known=dam_known[known],
                             error=np.abs(predicted - y[known]), zero=np.abs(y[known])))
    scored.append(part)
    print(f"{part.month.iloc[0]} rMAE {part.error.sum() / part.zero.sum():.3f} ({known.sum()} rows, "
          f"{usable.sum()} training rows, {time.time() - started:.0f} s)", flush=True)
result = pd.concat(scored)
print(f"all rMAE {result.error.sum() / result.zero.sum():.4f}, MAE {result.error.mean():.3f}, zero MAE {result.zero.mean():.3f}")
for low, high in ((1, 2), (3, 6), (7, 12), (13, 24)) if not args.dayahead else ():
    part = result[(result.lead >= low) & (result.lead <= high)]
    print(f"  {low}–{high} h rMAE {part.error.sum() / part.zero.sum():.4f}")
for known in (True, False) if not args.dayahead else ():
    part = result[result.dam_known == known]
    print(f"  DAM {'known' if known else 'not yet known'} rMAE {part.error.sum() / part.zero.sum():.4f} ({len(part)} rows)")
