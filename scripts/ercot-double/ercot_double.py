#!/usr/bin/env python3
"""ercot-double: a local test double of ERCOT's Public Reports API.

Written from ERCOT's published OpenAPI specification (pubapi-apim-api.json) and the protocol facts
on ERCOT's developer portal; it contains no ERCOT code. It serves the bundled sample files in the
API's JSON shapes so dartcast's ERCOT client can be tested without a network: token flow,
subscription key, paging, throttling (429 + Retry-After), forced and periodic 5xx, DST days and a
known-time (as-of) cut. Behaviour is deterministic given the flags and the request sequence.

Python 3 standard library only. See README.md next to this file for flags and endpoints.
Never prints or logs a subscription key, password or token value.
"""

import argparse
import csv
import functools
import glob
import gzip
import hmac
import io
import json
import math
import os
import random
import re
import secrets
import signal
import socket
import sys
import threading
import time
import zipfile
from collections import deque, namedtuple
from datetime import date, datetime, timedelta, timezone
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit
from zoneinfo import ZoneInfo

CENTRAL = ZoneInfo("America/Chicago")
API_PREFIX = "/api/public-reports"
ARCHIVE_PREFIX = "/archive/"
TOKEN_SUFFIX = "/oauth2/v2.0/token"
CONTROL_PREFIX = "/_double"
ARCHIVE_MAX_PAGE = 1000  # ERCOT: at most 1,000 archive files per request
MAX_BODY = 1 << 20

# Query or form values never echoed anywhere (request log, /_double/requests).
SECRET_NAMES = {"password", "username", "subscription-key", "client_secret", "access_token",
                "id_token", "refresh_token", "token", "code"}

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")


# ---------------------------------------------------------------------------------------------
# Time helpers. Data times are Central local (wall clock); publication instants are UTC epochs.

def utc_epoch(text):
    """'2024-06-01T05:00:00Z' -> epoch seconds."""
    return datetime.fromisoformat(text.strip().replace("Z", "+00:00")).timestamp()


def local_epoch(naive, fold=0):
    """A Central wall-clock time -> epoch; fold=1 picks the second (CST) copy of a repeated time."""
    return naive.replace(tzinfo=CENTRAL, fold=fold).timestamp()


def hour_start_epoch(day_text, hour_ending, repeated):
    """UTC start of hour ending `hour_ending` of a Central operating day.

    ERCOT numbers hours by the wall clock (HE h starts at local (h-1):00): the spring-forward
    day has no HE 3, and on the fall-back day the repeated HE 2 (DST flag set) is the second,
    CST, 01:00. This matches the timestamp_utc columns of the bundled files.
    """
    midnight = datetime.strptime(day_text, "%Y-%m-%d")
    return local_epoch(midnight + timedelta(hours=hour_ending - 1), fold=1 if repeated else 0)


def is_repeated_hour(start_epoch):
    """True when a UTC hour start falls in the second (CST) copy of the fall-back hour."""
    return datetime.fromtimestamp(start_epoch, CENTRAL).fold == 1


@functools.lru_cache(maxsize=4096)
def dam_publish_epoch(day_text):
    # DAM results for operating day D are published at 13:30 Central on D-1.
    before = datetime.strptime(day_text, "%Y-%m-%d") - timedelta(days=1)
    return local_epoch(before.replace(hour=13, minute=30))


def iso_utc(epoch):
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_as_of(text):
    """'2025-01-15T12:00:00Z' (or +00:00, or naive = UTC) -> epoch; 'none'/'' -> None."""
    if text is None or text.strip().lower() in ("", "none", "null"):
        return None
    moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


# ---------------------------------------------------------------------------------------------
# Value helpers.

def number(text):
    # float(text) keeps the CSV's numeric text exactly (28.41 stays 28.41 in JSON); blank -> null.
    text = (text or "").strip()
    return float(text) if text else None


def flag(text):
    return (text or "").strip().lower() in ("y", "yes", "true", "t", "1")


def field(name, label, data_type):
    return {"name": name, "label": label, "dataType": data_type,
            "hasRange": data_type in ("DATE", "DATETIME", "INTEGER", "LONG", "DOUBLE"),
            "sortable": True}


# One served row: `date` is deliveryDate/operatingDay, `point` the settlement point, `posted`
# the postedDatetime ('YYYY-MM-DDTHH:MM:SS'), `publish` the UTC epoch it becomes known, `values`
# the row in the report's field order.
Row = namedtuple("Row", "date point posted publish values")


def read_csv_files(data_dir, pattern):
    """Yields (path, line number, record dict) for every gzip CSV matching pattern, in name order."""
    for path in sorted(glob.glob(os.path.join(data_dir, pattern))):
        with gzip.open(path, "rt", newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            for record in reader:
                yield path, reader.line_num, record


def load_rows(data_dir, pattern, convert):
    """Applies convert(record) to every record; names the file and line when a row is bad."""
    rows = []
    for path, line, record in read_csv_files(data_dir, pattern):
        try:
            row = convert(record)
        except (KeyError, ValueError, TypeError) as error:
            raise ValueError(f"{os.path.basename(path)} line {line}: {error!r}") from None
        if row is not None:
            rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------
# Reports: file column -> API field mapping. Rows are sorted once, chronologically.

def load_dam(data_dir):
    def convert(rec):
        day, hour = rec["deliveryDate"].strip(), int(rec["hourEnding"].split(":")[0])
        dst, point = flag(rec["DSTFlag"]), rec["settlementPoint"].strip()
        return Row(day, point, None, dam_publish_epoch(day),
                   [day, f"{hour:02d}:00", point, number(rec["settlementPointPrice"]), dst])
    rows = load_rows(data_dir, "native/np4-190-cd_api_*.csv.gz", convert)
    # The export is in no particular order; the repeated (DSTFlag true) HE 2 sorts after the first.
    rows.sort(key=lambda r: (r.date, int(r.values[1][:2]), r.values[4], r.point))
    return rows


def point_type(name):
    return "HU" if name.startswith("HB_") else "LZ" if name.startswith("LZ_") else "RN"


def load_rt(data_dir):
    def convert(rec):
        day, hour, interval = rec["delivery_date"].strip(), int(rec["hour_ending"]), int(rec["interval"])
        dst, point = flag(rec["dst_flag"]), rec["settlement_point"].strip()
        start_text = (rec.get("interval_start_utc") or "").strip()
        start = (utc_epoch(start_text) if start_text
                 else hour_start_epoch(day, hour, dst) + (interval - 1) * 900)
        # Known 5 minutes after the 15-minute interval ends.
        return Row(day, point, None, start + 900 + 300,
                   [day, hour, interval, point, point_type(point), number(rec["rtm_price"]), dst])
    rows = load_rows(data_dir, "rtm_spp_15min_*.csv.gz", convert)
    rows.sort(key=lambda r: (r.date, r.values[1], r.values[6], r.values[2], r.point))
    return rows


def load_wind_solar(kind):
    """Wind (NP4-732-CD) or solar (NP4-745-CD) day-ahead forecasts from the tidy forecast file."""
    forecast = "stwpf" if kind == "wind" else "stppf"

    def load(data_dir):
        seen = set()

        def convert(rec):
            posted_text = (rec.get(f"{kind}_dayahead_posted_local") or "").strip()
            day, hour = rec["delivery_date"].strip(), int(rec["hour_ending"])
            stamp = (rec.get("timestamp_utc") or "").strip()
            # The file has no DST flag: the CST copy of the fall-back hour is the repeated one.
            if stamp:
                dst = is_repeated_hour(utc_epoch(stamp))
            else:
                dst = (day, hour) in seen
                seen.add((day, hour))
            if not posted_text:
                return None  # no posting for this kind: the API would have no row
            posted = posted_text.replace(" ", "T")
            publish = local_epoch(datetime.strptime(posted, "%Y-%m-%dT%H:%M:%S"))
            values = [posted, day, hour, None,
                      number(rec.get(f"{kind}_cophsl_dayahead_mw")),
                      number(rec.get(f"{kind}_{forecast}_dayahead_mw")), None, dst]
            return Row(day, None, posted, publish, values)
        rows = load_rows(data_dir, "wind_solar_forecasts_hourly_*.csv.gz", convert)
        rows.sort(key=lambda r: (r.date, r.values[2], r.values[7], r.posted))
        return rows
    return load


LOAD_ZONES = ["COAST", "EAST", "FWEST", "NORTH", "NCENT", "SOUTH", "SCENT", "WEST", "ERCOT"]


def load_actual(data_dir):
    def convert(rec):
        day, hour, dst = rec["delivery_date"].strip(), int(rec["hour_ending"]), flag(rec["dst_flag"])
        stamp = (rec.get("timestamp_utc") or "").strip()
        start = utc_epoch(stamp) if stamp else hour_start_epoch(day, hour, dst)
        # Known one hour after the hour ends.
        return Row(day, None, None, start + 3600 + 3600,
                   [day, f"{hour:02d}:00"] + [number(rec.get(zone)) for zone in LOAD_ZONES] + [dst])
    rows = load_rows(data_dir, "load_actual_hourly_by_weatherzone_*.csv.gz", convert)
    rows.sort(key=lambda r: (r.date, int(r.values[1][:2]), r.values[11]))
    return rows


LOAD_FORECAST_NUMBERS = ["coast", "east", "farWest", "north", "northCentral", "southCentral",
                         "southern", "west", "systemTotal"]


def load_forecast(data_dir):
    # No bundled file. A load_forecast_*.csv.gz, if given, is read in the API's own column names.
    def convert(rec):
        posted = rec["postedDatetime"].strip().replace(" ", "T")
        day, hour = rec["deliveryDate"].strip(), int(rec["hourEnding"].split(":")[0])
        values = ([posted, day, f"{hour:02d}:00"] + [number(rec.get(n)) for n in LOAD_FORECAST_NUMBERS]
                  + [rec.get("model", "").strip(), flag(rec.get("inUseFlag")), flag(rec.get("DSTFlag"))])
        publish = local_epoch(datetime.strptime(posted, "%Y-%m-%dT%H:%M:%S"))
        return Row(day, None, posted, publish, values)
    rows = load_rows(data_dir, "load_forecast_*.csv.gz", convert)
    rows.sort(key=lambda r: (r.date, int(r.values[2][:2]), r.values[14], r.values[12], r.posted))
    return rows


Report = namedtuple("Report", "emil name display description frequency fields filters loader")

DATE_FILTERS = ("deliveryDateFrom", "deliveryDateTo")
POSTED_FILTERS = ("postedDatetimeFrom", "postedDatetimeTo")

REPORTS = {
    "/np4-190-cd/dam_stlmnt_pnt_prices": Report(
        "NP4-190-CD", "dam_stlmnt_pnt_prices", "DAM Settlement Point Prices",
        "The Settlement Point Prices for all Resource Nodes, Load Zones, and Trading Hubs from "
        "the Day-Ahead Market.", "Daily",
        [field("deliveryDate", "Delivery Date", "DATE"),
         field("hourEnding", "Hour Ending", "VARCHAR"),
         field("settlementPoint", "Settlement Point", "VARCHAR"),
         field("settlementPointPrice", "Settlement Point Price", "DOUBLE"),
         field("DSTFlag", "DST Flag", "BOOLEAN")],
        DATE_FILTERS + ("settlementPoint",), load_dam),
    "/np6-905-cd/spp_node_zone_hub": Report(
        "NP6-905-CD", "spp_node_zone_hub",
        "Settlement Point Prices at Resource Nodes, Hubs and Load Zones",
        "Settlement Point Price for each Settlement Point, produced from SCED LMPs every 15 "
        "minutes.", "Every 15 minutes",
        [field("deliveryDate", "Delivery Date", "DATE"),
         field("deliveryHour", "Delivery Hour", "INTEGER"),
         field("deliveryInterval", "Delivery Interval", "INTEGER"),
         field("settlementPoint", "Settlement Point Name", "VARCHAR"),
         field("settlementPointType", "Settlement Point Type", "VARCHAR"),
         field("settlementPointPrice", "Settlement Point Price", "DOUBLE"),
         field("DSTFlag", "DST Flag", "BOOLEAN")],
        DATE_FILTERS + ("settlementPoint",), load_rt),
    "/np4-732-cd/wpp_hrly_avrg_actl_fcast": Report(
        "NP4-732-CD", "wpp_hrly_avrg_actl_fcast",
        "Wind Power Production - Hourly Averaged Actual and Forecasted Values",
        "Hourly averaged actual and forecasted wind power production (system-wide fields only "
        "in this double).", "Hourly",
        [field("postedDatetime", "Posted Datetime", "DATETIME"),
         field("deliveryDate", "Delivery Date", "DATE"),
         field("hourEnding", "Hour Ending", "INTEGER"),
         field("actualSystemWide", "Actual System Wide", "DOUBLE"),
         field("COPHSLSystemWide", "COP HSL System Wide", "DOUBLE"),
         field("STWPFSystemWide", "STWPF System Wide", "DOUBLE"),
         field("WGRPPSystemWide", "WGRPP System Wide", "DOUBLE"),
         field("DSTFlag", "DST Flag", "BOOLEAN")],
        DATE_FILTERS + POSTED_FILTERS, load_wind_solar("wind")),
    "/np4-745-cd/spp_hrly_actual_fcast_geo": Report(
        "NP4-745-CD", "spp_hrly_actual_fcast_geo",
        "Solar Power Production - Hourly Averaged Actual and Forecasted Values by Geographical "
        "Region",
        "Hourly averaged actual and forecasted solar power production (system-wide fields only "
        "in this double).", "Hourly",
        [field("postedDatetime", "Posted Datetime", "DATETIME"),
         field("deliveryDate", "Delivery Date", "DATE"),
         field("hourEnding", "Hour Ending", "INTEGER"),
         field("genSystemWide", "Generation System Wide", "DOUBLE"),
         field("COPHSLSystemWide", "COP HSL System Wide", "DOUBLE"),
         field("STPPFSystemWide", "STPPF System Wide", "DOUBLE"),
         field("PVGRPPSystemWide", "PVGRPP System Wide", "DOUBLE"),
         field("DSTFlag", "DST Flag", "BOOLEAN")],
        DATE_FILTERS + POSTED_FILTERS, load_wind_solar("solar")),
    "/np6-345-cd/act_sys_load_by_wzn": Report(
        "NP6-345-CD", "act_sys_load_by_wzn", "Actual System Load by Weather Zone",
        "Hourly actual system load by weather zone.", "Hourly",
        [field("operatingDay", "Operating Day", "DATE"),
         field("hourEnding", "Hour Ending", "VARCHAR"),
         field("coast", "Coast", "DOUBLE"), field("east", "East", "DOUBLE"),
         field("farWest", "Far West", "DOUBLE"), field("north", "North", "DOUBLE"),
         field("northC", "North Central", "DOUBLE"), field("southern", "Southern", "DOUBLE"),
         field("southC", "South Central", "DOUBLE"), field("west", "West", "DOUBLE"),
         field("total", "Total", "DOUBLE"), field("DSTFlag", "DST Flag", "BOOLEAN")],
        ("operatingDayFrom", "operatingDayTo"), load_actual),
    "/np3-565-cd/lf_by_model_weather_zone": Report(
        "NP3-565-CD", "lf_by_model_weather_zone",
        "Seven-Day Load Forecast by Model and Weather Zone",
        "Hourly seven-day load forecasts by model and weather zone.", "Hourly",
        [field("postedDatetime", "Posted Datetime", "DATETIME"),
         field("deliveryDate", "Delivery Date", "DATE"),
         field("hourEnding", "Hour Ending", "VARCHAR")]
        + [field(n, n[0].upper() + n[1:], "DOUBLE") for n in LOAD_FORECAST_NUMBERS]
        + [field("model", "Model", "VARCHAR"), field("inUseFlag", "In Use Flag", "BOOLEAN"),
           field("DSTFlag", "DST Flag", "BOOLEAN")],
        DATE_FILTERS + POSTED_FILTERS, load_forecast),
}

PAGING_PARAMS = {"page", "size", "sort", "dir"}

# Filter parameter -> (Row attribute, value format, bound).
FILTERS = {
    "deliveryDateFrom": ("date", "date", "from"), "deliveryDateTo": ("date", "date", "to"),
    "operatingDayFrom": ("date", "date", "from"), "operatingDayTo": ("date", "date", "to"),
    "postedDatetimeFrom": ("posted", "datetime", "from"), "postedDatetimeTo": ("posted", "datetime", "to"),
    "settlementPoint": ("point", "text", "eq"),
}


# ---------------------------------------------------------------------------------------------
# Archive (historic files): NP6-905-CD monthly MIS-layout files in native/.

Doc = namedtuple("Doc", "doc_id friendly_name post_local publish path member")

PRODUCTS = {report.emil.lower(): report for report in REPORTS.values()}
ARCHIVE_SOURCES = {
    # emilId -> (file glob with a YYYY-MM month at the end, MIS file stem, report type id)
    "np6-905-cd": ("native/np6-905-cd_*_*.csv.gz", "SPPHLZNP6905", 12301),
}
MONTH_RE = re.compile(r"_(\d{4})-(\d{2})\.csv\.gz$")


def load_archive(data_dir, emil):
    source = ARCHIVE_SOURCES.get(emil)
    if source is None:
        return []
    pattern, stem, type_id = source
    docs = []
    for path in sorted(glob.glob(os.path.join(data_dir, pattern))):
        match = MONTH_RE.search(path)
        if not match:
            continue
        year, month = int(match.group(1)), int(match.group(2))
        # A month's file is posted at 00:05 Central on the first day of the following month.
        post = datetime(year + month // 12, month % 12 + 1, 1, 0, 5)
        member = (f"cdr.{type_id:08d}.0000000000000000.{post:%Y%m%d}.000000."
                  f"{stem}_{year:04d}{month:02d}.csv")
        docs.append(Doc(year * 100 + month, f"{stem}_{year:04d}{month:02d}_csv",
                        post.strftime("%Y-%m-%dT%H:%M:%S"), local_epoch(post), path, member))
    docs.sort(key=lambda d: (d.post_local, d.doc_id))
    return docs


def build_zip(doc):
    """One CSV (the gunzipped file) in a zip with a fixed timestamp, so bytes are reproducible."""
    with gzip.open(doc.path, "rb") as handle:
        content = handle.read()
    post = datetime.strptime(doc.post_local, "%Y-%m-%dT%H:%M:%S")
    info = zipfile.ZipInfo(doc.member, date_time=post.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(info, content)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Server state: data caches, tokens, rate window, scripted failures, request log.

class ApiError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()           # guards everything below except the data caches
        self.tokens = {}                       # token -> expiry (epoch)
        self.issued = []                       # every token handed out (for leak tests)
        self.window = deque()                  # monotonic times of accepted API requests
        self.accepted = 0                      # accepted API requests so far (for --fail-every)
        self.fail_next = deque()               # statuses for the next accepted requests
        self.throttle_next = deque()           # Retry-After values for the next API requests
        self.rng = random.Random(args.seed)    # --fail-rate draws: deterministic per --seed
        self.as_of = parse_as_of(args.as_of)
        self.log = []
        self.log_file = open(args.request_log, "a", encoding="utf-8") if args.request_log else None
        self.data = {}                         # cache key -> rows / docs / zip bytes
        self.data_locks = {}
        self.data_locks_guard = threading.Lock()

    # Data is loaded lazily, once per cache key; concurrent first requests wait for one load.
    def cached(self, key, load):
        with self.data_locks_guard:
            lock = self.data_locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self.data:
                self.data[key] = load()
            return self.data[key]

    def rows(self, path):
        return self.cached(("report", path), lambda: REPORTS[path].loader(self.args.data_dir))

    def docs(self, emil):
        return self.cached(("archive", emil), lambda: load_archive(self.args.data_dir, emil))

    def zip_bytes(self, doc):
        return self.cached(("zip", doc.path), lambda: build_zip(doc))

    def warm(self):
        for path in REPORTS:
            try:
                self.rows(path)
            except Exception:  # noqa: BLE001 - a bad file is reported when a request asks for it
                pass
        for emil in ARCHIVE_SOURCES:
            try:
                self.docs(emil)
            except Exception:  # noqa: BLE001
                pass

    def issue_token(self):
        token = secrets.token_urlsafe(32)
        with self.lock:
            now = time.time()
            self.tokens = {t: exp for t, exp in self.tokens.items() if exp > now}
            self.tokens[token] = now + self.args.token_seconds
            self.issued.append(token)
        return token

    def token_valid(self, token):
        with self.lock:
            expiry = self.tokens.get(token)
        return expiry is not None and time.time() < expiry

    def admit(self):
        """Steps c-d for a request that passed the key and token checks: None means serve it."""
        with self.lock:
            if self.throttle_next:
                retry = self.throttle_next.popleft()
                return throttled(retry)
            now = time.monotonic()
            limit, span = self.args.rate_limit, self.args.rate_window
            while self.window and self.window[0] <= now - span:
                self.window.popleft()
            if limit > 0 and len(self.window) >= limit:
                return throttled(max(1, math.ceil(self.window[0] + span - now)))
            self.window.append(now)
            self.accepted += 1
            if self.fail_next:
                return failure(self.fail_next.popleft())
            if self.args.fail_every > 0 and self.accepted % self.args.fail_every == 0:
                return failure(503)
            if self.args.fail_rate > 0 and self.rng.random() < self.args.fail_rate:
                return failure(503)
        # Outside the lock: a slow server (tests that kill a fetch mid-way need time to do it).
        if self.args.latency_ms > 0:
            time.sleep(self.args.latency_ms / 1000)
        return None

    def record(self, entry):
        with self.lock:
            self.log.append(entry)
            if self.log_file:
                self.log_file.write(json.dumps(entry) + "\n")
                self.log_file.flush()


# ---------------------------------------------------------------------------------------------
# Responses.

Response = namedtuple("Response", "status body content_type headers")


def json_response(status, payload, headers=None):
    body = json.dumps(payload, separators=(",", ":")).encode("utf-8")
    return Response(status, body, "application/json", headers or {})


def error(status, message):
    return json_response(status, {"statusCode": status, "message": message})


def failure(status):
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    return error(status, phrase)


def throttled(retry_after):
    return json_response(429, {"error_key": "throttled", "error_message": "Too Many Requests"},
                         {"Retry-After": str(int(retry_after))})


NOT_FOUND = (404, "Resource not found")
MISSING_KEY = ("Access denied due to missing subscription key. Make sure to include subscription "
               "key when making requests to an API.")
INVALID_KEY = ("Access denied due to invalid subscription key. Make sure to provide a valid key "
               "for an active subscription.")
INVALID_GRANT = {"error": "invalid_grant",
                 "error_description": "AADB2C90225: The username or password provided in the "
                                      "request are invalid."}


def positive_int(params, name, default):
    text = params.get(name)
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        raise ApiError(400, f"Invalid value for {name}: expected a positive integer") from None
    if value < 1:
        raise ApiError(400, f"Invalid value for {name}: expected a positive integer")
    return value


def checked_bound(name, text, kind):
    """Validates a date / datetime filter value; returns it for string comparison."""
    try:
        if kind == "date":
            if not DATE_RE.match(text):
                raise ValueError
            datetime.strptime(text, "%Y-%m-%d")
        elif kind == "datetime":
            if not DATETIME_RE.match(text):
                raise ValueError
            datetime.strptime(text, "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        expected = "YYYY-MM-DD" if kind == "date" else "YYYY-MM-DDTHH:MM:SS"
        raise ApiError(400, f"Invalid value for {name}: expected {expected}") from None
    return text


def page_links(base_url, path, params, page, total_pages):
    def url(number):
        return f"{base_url}{path}?{urlencode({**params, 'page': str(number)})}"
    self_url = f"{base_url}{path}" + (f"?{urlencode(params)}" if params else "")
    return {"self": self_url,
            "next": url(page + 1) if page < total_pages else None,
            "prev": url(page - 1) if page > 1 else None}


def report_page(state, path, params, base_url):
    report = REPORTS[path]
    for name in params:
        if name not in PAGING_PARAMS and name not in report.filters:
            raise ApiError(400, f"Unknown parameter: {name}")
    page = positive_int(params, "page", 1)
    size = min(positive_int(params, "size", state.args.max_page_size), state.args.max_page_size)
    names = [f["name"] for f in report.fields]
    sort = params.get("sort")
    if sort is not None and sort not in names:
        raise ApiError(400, f"Invalid value for sort: {sort} is not a field of this report")
    direction = params.get("dir", "asc").lower()
    if direction not in ("asc", "desc"):
        raise ApiError(400, "Invalid value for dir: expected asc or desc")

    checks = []
    for name in report.filters:
        if name in params:
            attribute, kind, bound = FILTERS[name]
            checks.append((attribute, bound, checked_bound(name, params[name], kind)))
    with state.lock:
        as_of = state.as_of

    def keep(row):
        if as_of is not None and row.publish > as_of:
            return False
        for attribute, bound, value in checks:
            have = getattr(row, attribute)
            if have is None or (bound == "from" and have < value) or (bound == "to" and have > value) \
                    or (bound == "eq" and have != value):
                return False
        return True

    selected = [row for row in state.rows(path) if keep(row)]
    if sort is not None:
        index = names.index(sort)
        # Stable: ties keep the default chronological order; nulls sort first ascending.
        selected.sort(key=lambda r: (r.values[index] is not None,
                                     r.values[index] if r.values[index] is not None else 0),
                      reverse=direction == "desc")
    total = len(selected)
    total_pages = math.ceil(total / size) if total else 0
    chunk = selected[(page - 1) * size: page * size]
    return json_response(200, {
        "_meta": {"totalRecords": total, "pageSize": size, "totalPages": total_pages,
                  "currentPage": page, "query": dict(params)},
        "report": {"reportEMILId": report.emil, "reportName": report.name,
                   "reportDisplayName": report.display, "reportDescription": report.description,
                   "publishFrequency": report.frequency},
        "fields": report.fields,
        "data": [row.values for row in chunk],
        "links": page_links(base_url, API_PREFIX + path, params, page, total_pages),
    })


ARCHIVE_PARAMS = {"postDatetimeFrom", "postDatetimeTo", "page", "size", "download"}


def archive_response(state, emil, params, base_url):
    for name in params:
        if name not in ARCHIVE_PARAMS:
            raise ApiError(400, f"Unknown parameter: {name}")
    with state.lock:
        as_of = state.as_of
    docs = [d for d in state.docs(emil) if as_of is None or d.publish <= as_of]
    path = f"{API_PREFIX}{ARCHIVE_PREFIX}{emil}"

    if "download" in params:
        try:
            doc_id = int(params["download"])
        except ValueError:
            raise ApiError(400, "Invalid value for download: expected a docId") from None
        for doc in docs:
            if doc.doc_id == doc_id:
                name = doc.member[:-4] + ".zip"
                return Response(200, state.zip_bytes(doc), "application/zip",
                                {"Content-Disposition": f'attachment; filename="{name}"'})
        raise ApiError(*NOT_FOUND)

    page = positive_int(params, "page", 1)
    size = min(positive_int(params, "size", ARCHIVE_MAX_PAGE), ARCHIVE_MAX_PAGE)
    low = params.get("postDatetimeFrom")
    high = params.get("postDatetimeTo")
    low = checked_bound("postDatetimeFrom", low, "datetime") if low is not None else None
    high = checked_bound("postDatetimeTo", high, "datetime") if high is not None else None
    docs = [d for d in docs if (low is None or d.post_local >= low) and (high is None or d.post_local <= high)]
    total = len(docs)
    total_pages = math.ceil(total / size) if total else 0
    links = page_links(base_url, path, params, page, total_pages)
    report = PRODUCTS.get(emil)
    source = ARCHIVE_SOURCES.get(emil)
    return json_response(200, {
        "_meta": {"totalRecords": total, "pageSize": size, "totalPages": total_pages,
                  "currentPage": page, "query": dict(params)},
        "product": {"emilId": emil.upper(), "name": report.display if report else None,
                    "description": report.description if report else None,
                    "status": "ACTIVE" if report else None,
                    "reportTypeId": source[2] if source else None,
                    "generationFrequency": report.frequency if report else None,
                    "fileType": "csv" if source else None},
        "archives": [{"docId": d.doc_id, "friendlyName": d.friendly_name, "postDatetime": d.post_local,
                      "_links": {"endpoint": {"href": f"{base_url}{path}?download={d.doc_id}"}}}
                     for d in docs[(page - 1) * size: page * size]],
        "_links": {name: ({"href": href} if href else None) for name, href in links.items()},
    })


# ---------------------------------------------------------------------------------------------
# HTTP handler.

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"   # keep-alive, like the real gateway; every answer has a length
    server_version = "ercot-double"
    sys_version = ""
    state = None                    # set in main()

    def log_message(self, *args):   # silent: the request line may carry credentials
        pass

    def do_GET(self):
        self.dispatch("GET")

    def do_POST(self):
        self.dispatch("POST")

    def do_PUT(self):
        self.dispatch("PUT")

    def do_DELETE(self):
        self.dispatch("DELETE")

    def do_PATCH(self):
        self.dispatch("PATCH")

    def do_HEAD(self):
        self.dispatch("HEAD")

    def do_OPTIONS(self):
        self.dispatch("OPTIONS")

    def read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                parts.append(self.rfile.read(size))
                self.rfile.readline()
                if sum(map(len, parts)) > MAX_BODY:
                    raise ApiError(413, "Request body too large")
            return b"".join(parts)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            raise ApiError(413, "Request body too large")
        return self.rfile.read(length) if length else b""

    def base_url(self):
        host = self.headers.get("Host")
        if not host:
            address, port = self.server.server_address[:2]
            host = f"[{address}]:{port}" if ":" in address else f"{address}:{port}"
        return f"http://{host}"

    def dispatch(self, method):
        split = urlsplit(self.path)
        path = split.path
        params = dict(parse_qsl(split.query, keep_blank_values=True))
        try:
            body = self.read_body()
        except (ApiError, ValueError) as problem:
            status = problem.status if isinstance(problem, ApiError) else 400
            self.close_connection = True
            self.send(error(status, "Malformed request body"), method)
            return
        if path == CONTROL_PREFIX or path.startswith(CONTROL_PREFIX + "/"):
            self.send(self.control(method, path, params), method)  # control calls are not logged
            return
        logged_params = params
        try:
            if path.endswith(TOKEN_SUFFIX):
                form = {**params, **dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))}
                logged_params = form
                response = self.token(form) if method == "POST" else self.not_allowed("POST")
            elif path == API_PREFIX or path.startswith(API_PREFIX + "/"):
                response = self.api(method, path[len(API_PREFIX):].rstrip("/").lower(), params)
            else:
                response = error(*NOT_FOUND)
        except ApiError as problem:
            response = error(problem.status, problem.message)
        except Exception as problem:  # noqa: BLE001 - answer 500 rather than drop the connection
            sys.stderr.write(f"ercot-double: internal error on {method} {path}: "
                             f"{type(problem).__name__}: {problem}\n")
            response = error(500, f"Test double failed: {type(problem).__name__}: {problem}")
        authorization = self.headers.get("Authorization") or ""
        self.state.record({
            "method": method, "path": path,
            "query": {k: ("<redacted>" if k.lower() in SECRET_NAMES else v) for k, v in logged_params.items()},
            "status": response.status,
            "hadSubscriptionKey": bool(self.headers.get("Ocp-Apim-Subscription-Key")),
            "hadBearer": authorization[:7].lower() == "bearer " and bool(authorization[7:].strip()),
            "at": time.time(),
        })
        self.send(response, method)

    def send(self, response, method):
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            for name, value in response.headers.items():
                self.send_header(name, value)
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if method != "HEAD":
                self.wfile.write(response.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client went away (e.g. killed mid-fetch)

    @staticmethod
    def not_allowed(allowed):
        response = error(405, "Method not allowed")
        return response._replace(headers={"Allow": allowed})

    def token(self, form):
        state, args = self.state, self.state.args
        grant = form.get("grant_type", "")
        if grant != "password":
            return json_response(400, {"error": "unsupported_grant_type",
                                       "error_description": "AADB2C90086: The supplied grant_type "
                                                            "is not supported."})
        username_ok = hmac.compare_digest(form.get("username", "").encode(), args.username.encode())
        password_ok = hmac.compare_digest(form.get("password", "").encode(), args.password.encode())
        if not (username_ok and password_ok):
            return json_response(400, INVALID_GRANT)
        token = state.issue_token()
        return json_response(200, {"access_token": token, "token_type": "Bearer",
                                   "expires_in": str(args.token_seconds), "id_token": token})

    def api(self, method, sub, params):
        is_archive = sub.startswith(ARCHIVE_PREFIX) and "/" not in sub[len(ARCHIVE_PREFIX):] \
            and len(sub) > len(ARCHIVE_PREFIX)
        if sub not in REPORTS and not is_archive:
            return error(*NOT_FOUND)
        if method != "GET":
            return self.not_allowed("GET")
        # a. subscription key
        key = self.headers.get("Ocp-Apim-Subscription-Key")
        if not key:
            return error(401, MISSING_KEY)
        if not hmac.compare_digest(key.encode(), self.state.args.subscription_key.encode()):
            return error(401, INVALID_KEY)
        # b. bearer token
        authorization = (self.headers.get("Authorization") or "").strip()
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not self.state.token_valid(token.strip()):
            return error(401, "Invalid or expired token")
        # c-d. rate limit and scripted failures
        gate = self.state.admit()
        if gate is not None:
            return gate
        # e. the answer
        if is_archive:
            return archive_response(self.state, sub[len(ARCHIVE_PREFIX):], params, self.base_url())
        return report_page(self.state, sub, params, self.base_url())

    def control(self, method, path, params):
        state = self.state
        name = path[len(CONTROL_PREFIX):].rstrip("/")
        routes = {"/as-of": ("GET", "POST"), "/fail-next": ("POST",), "/throttle-next": ("POST",),
                  "/requests": ("GET",), "/reset-log": ("POST",), "/reset": ("POST",),
                  "/issued-tokens": ("GET",)}
        if name not in routes:
            return error(*NOT_FOUND)
        if method not in routes[name]:
            return self.not_allowed(", ".join(routes[name]))
        try:
            if name == "/as-of":
                if method == "POST":
                    if "t" not in params:
                        raise ApiError(400, "Missing parameter: t")
                    try:
                        moment = parse_as_of(params["t"])
                    except ValueError:
                        raise ApiError(400, "Invalid value for t: expected ISO 8601 UTC or none") from None
                    with state.lock:
                        state.as_of = moment
                with state.lock:
                    moment = state.as_of
                return json_response(200, {"asOf": iso_utc(moment) if moment is not None else None})
            if name == "/fail-next":
                count = positive_int(params, "count", 1)
                status = positive_int(params, "status", 503)
                if not 400 <= status <= 599:
                    raise ApiError(400, "Invalid value for status: expected 400-599")
                with state.lock:
                    state.fail_next.extend([status] * count)
                    pending = list(state.fail_next)
                return json_response(200, {"failNext": pending})
            if name == "/throttle-next":
                if "retryAfter" not in params:
                    raise ApiError(400, "Missing parameter: retryAfter")
                try:
                    retry = int(params["retryAfter"])
                except ValueError:
                    raise ApiError(400, "Invalid value for retryAfter: expected whole seconds") from None
                if retry < 0:
                    raise ApiError(400, "Invalid value for retryAfter: expected whole seconds")
                count = positive_int(params, "count", 1)
                with state.lock:
                    state.throttle_next.extend([retry] * count)
                    pending = list(state.throttle_next)
                return json_response(200, {"throttleNext": pending})
            if name == "/requests":
                with state.lock:
                    entries = list(state.log)
                return json_response(200, entries)
            if name == "/issued-tokens":
                # Test-only: lets a leak test grep outputs for every token the client was given.
                with state.lock:
                    issued = list(state.issued)
                return json_response(200, issued)
            if name == "/reset-log":
                with state.lock:
                    state.log.clear()
                return json_response(200, {"cleared": True})
            # /reset: a fresh rate window and no scripted failures (tokens, as-of, log kept).
            with state.lock:
                state.window.clear()
                state.fail_next.clear()
                state.throttle_next.clear()
                state.accepted = 0
                state.rng = random.Random(state.args.seed)
            return json_response(200, {"reset": True})
        except ApiError as problem:
            return error(problem.status, problem.message)


# ---------------------------------------------------------------------------------------------
# Entry point.

class Server(ThreadingHTTPServer):
    daemon_threads = True  # a client that vanishes mid-response never keeps the process alive

    def handle_error(self, request, client_address):
        # A client killed mid-request is expected in these tests; anything else is printed.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Local test double of ERCOT's Public Reports API.")
    parser.add_argument("--data-dir", required=True, help="folder laid out like data/sample/")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--port-file", help="write the bound port here (atomically)")
    parser.add_argument("--subscription-key", default="test-subscription-key")
    parser.add_argument("--username", default="trader@example.com")
    parser.add_argument("--password", default="test-password")
    parser.add_argument("--rate-limit", type=int, default=30, help="accepted requests per window; 0 = off")
    parser.add_argument("--rate-window", type=float, default=60.0, help="sliding window, seconds")
    parser.add_argument("--fail-every", type=int, default=0, help="N>0: every Nth accepted request -> 503")
    parser.add_argument("--fail-rate", type=float, default=0.0,
                        help="probability of 503 per accepted request (seeded, deterministic)")
    parser.add_argument("--seed", type=int, default=0, help="seed for --fail-rate")
    parser.add_argument("--token-seconds", type=int, default=3600)
    parser.add_argument("--max-page-size", type=int, default=50000)
    parser.add_argument("--as-of", help="ISO UTC instant: serve only rows published by then")
    parser.add_argument("--request-log", help="append one JSON line per request here")
    parser.add_argument("--latency-ms", type=int, default=0, help="wait this long before answering each accepted API request")
    parser.add_argument("--no-warm", action="store_true", help="do not pre-load data after start")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.data_dir):
        parser.error(f"--data-dir is not a directory: {args.data_dir}")
    if args.max_page_size < 1:
        parser.error("--max-page-size must be at least 1")
    if args.rate_limit < 0 or args.rate_window <= 0 or args.fail_every < 0 or args.token_seconds < 0:
        parser.error("--rate-limit, --fail-every and --token-seconds must be >= 0; --rate-window > 0")
    if not 0.0 <= args.fail_rate <= 1.0:
        parser.error("--fail-rate must be between 0 and 1")
    try:
        parse_as_of(args.as_of)
    except ValueError:
        parser.error("--as-of must be an ISO 8601 instant, e.g. 2025-01-15T12:00:00Z")
    return args


def write_port_file(path, port):
    # Write then rename, so a reader never sees a partial number.
    temporary = f"{path}.tmp.{os.getpid()}"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(f"{port}\n")
    os.replace(temporary, path)


def main(argv=None):
    args = parse_args(argv)
    state = State(args)
    Handler.state = state
    if ":" in args.host:
        Server.address_family = socket.AF_INET6
    server = Server((args.host, args.port), Handler)

    # shutdown() waits for serve_forever to return, so it must run off the main thread; raising
    # from the handler instead could land inside a request and be swallowed by socketserver.
    def stop(signum, frame):
        threading.Thread(target=server.shutdown, daemon=True).start()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    host, port = server.server_address[:2]
    if args.port_file:
        write_port_file(args.port_file, port)
    shown = f"[{host}]" if ":" in host else host
    print(f"ercot-double listening on http://{shown}:{port}", flush=True)
    if not args.no_warm:
        threading.Thread(target=state.warm, name="warm", daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        if state.log_file:
            state.log_file.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
