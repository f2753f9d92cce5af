"""Paced HTTP load generator for scripts/bench-api.

usage: paced-load.py BASE_URL PATH RATE SECONDS

Opens 4 keep-alive connections (http.client), each in its own thread sending RATE/4 requests
per second on a fixed schedule for SECONDS seconds. Latency is measured from each request's
scheduled time to the end of its response, so a slow response delays the next request of that
connection and counts against it (no coordinated omission). Prints the achieved rate, errors
and p50/p90/p99/max in milliseconds. Bounded: stops after SECONDS and RATE*SECONDS requests.
"""
import http.client
import sys
import threading
import time
import urllib.parse

base, path, rate, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
url = urllib.parse.urlparse(base)
assert url.hostname in ("127.0.0.1", "localhost", "::1"), "loopback only"
connections = 4
interval = connections / rate
latencies, errors, lock = [], [0], threading.Lock()


def worker(offset):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    start = time.perf_counter() + offset
    for n in range(int(rate * seconds / connections)):
        scheduled = start + n * interval
        delay = scheduled - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            ok = response.status == 200
        except OSError:
            ok = False
            conn.close()
            conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        elapsed = time.perf_counter() - scheduled
        with lock:
            latencies.append(elapsed * 1000)
            if not ok:
                errors[0] += 1
    conn.close()


began = time.perf_counter()
threads = [threading.Thread(target=worker, args=(i * interval / connections,)) for i in range(connections)]
for t in threads:
    t.start()
for t in threads:
    t.join()
took = time.perf_counter() - began
latencies.sort()


def pct(p):
    return latencies[min(len(latencies) - 1, max(0, int(round(p / 100 * len(latencies))) - 1))]


print(f"{len(latencies)} requests in {took:.1f} s ({len(latencies) / took:.0f}/s target {rate:.0f}/s), {errors[0]} errors")
print(f"latency ms: p50 {pct(50):.2f}  p90 {pct(90):.2f}  p99 {pct(99):.2f}  max {latencies[-1]:.2f}")
