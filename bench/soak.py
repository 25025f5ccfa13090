#!/usr/bin/env python3
"""Soak: mixed traffic at half the measured peak for a long time; does anything grow?

  bench/soak.py --binary build/xinyong [--minutes 60] [--subjects 5000] [--out docs/soak]

Makes a demonstration platform in a temporary directory (`xinyong demo`), starts the server,
signs in a department's clerk and an officer, then:
  1. peak: 30 s of the mix from 8 closed-loop clients, as fast as the machine answers;
  2. soak: the same mix, open loop, at half that rate, for --minutes.
The mix, per 20 requests: 12 checks (应查必查) by the officer, 4 public subject pages,
2 public searches, 2 intakes of one record each by the clerk.
Each minute it samples the server's resident memory (VmRSS), open files (/proc/PID/fd), the
SQLite WAL and database sizes, the requests answered and their p50/p99 latency, and errors.
Writes OUT/soak.csv, OUT/soak.svg and OUT/soak.png (the SVG drawn by Chromium) and prints,
per measure, the median of the soak's last tenth against its first tenth after the first two
minutes, with "flat" when within 10%. Exit 1 when any request failed.
Python's standard library only.
"""
import argparse
import csv
import http.client
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

DEP = "11320100MB1886843H"


class Client:
    def __init__(self, port):
        self.port = port
        self.conn = None

    def call(self, method, path, body=None, token=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        for attempt in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                self.conn.request(method, path, body=data, headers=headers)
                r = self.conn.getresponse()
                text = r.read()
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return r.status, text
            except (OSError, http.client.HTTPException):
                if self.conn:
                    self.conn.close()
                self.conn = None
                if attempt:
                    return 0, b""
        return 0, b""


def start_platform(binary, subjects, work):
    data = os.path.join(work, "data")
    out = subprocess.run([binary, "init", "--data", data], check=True, capture_output=True, text=True).stdout
    password = re.search(r"Password[^:]*: *([A-Za-z0-9]+)", out).group(1)
    subprocess.run([binary, "demo", "--data", data, "--subjects", str(subjects)], check=True,
                   capture_output=True)
    # One client address sends everything: the per-address limits of the public routes (which
    # protect the platform from one abuser) are lifted (0 = no limit).
    with open(os.path.join(data, "xinyong.yaml"), "a") as f:
        f.write("public_rate_per_minute: 0\n")
    log = open(os.path.join(work, "serve.log"), "w")
    server = subprocess.Popen([binary, "serve", "--data", data, "--port", "0"], stdout=log,
                              stderr=subprocess.STDOUT)
    port = None
    for _ in range(600):
        time.sleep(0.1)
        m = re.search(r"listening on http://[0-9.]+:([0-9]+)", open(log.name).read())
        if m:
            port = int(m.group(1))
            break
    if not port:
        sys.exit("the server did not start: " + open(log.name).read()[-2000:])
    return data, server, port, password


def sign_in(port, password):
    c = Client(port)
    _, t = c.call("POST", "/api/v1/sessions", {"username": "admin", "password": password})
    admin = json.loads(t)["token"]
    c.call("POST", "/api/v1/departments", {"code": DEP, "name": "南京市市场监督管理局"}, admin)
    tokens = {}
    for name, role in (("soak_clerk", "operator"), ("soak_officer", "officer")):
        _, t = c.call("POST", "/api/v1/users", {"username": name, "role": role, "department": DEP}, admin)
        pw = json.loads(t)["password"]
        _, t = c.call("POST", "/api/v1/sessions", {"username": name, "password": pw})
        tokens[role] = json.loads(t)["token"]
    # Subjects to check and look up: the demonstration's companies.
    codes = set()
    for word in ("公司", "科技", "贸易", "建设", "商店"):
        _, t = c.call("GET", "/api/v1/search?size=50&q=" + urllib.parse.quote(word))
        codes |= {i["code"] for i in json.loads(t).get("items", []) if i.get("code")}
    codes = sorted(codes) or ["91320100748204660Q"]
    print(f"{len(codes)} subjects to check and look up", flush=True)
    if not codes:
        codes = ["91320100748204660Q"]
    return tokens, codes


class Mix:
    """One request of the mix per call; thread-safe counters of latencies and errors."""

    def __init__(self, tokens, codes):
        self.tokens, self.codes = tokens, codes
        self.lock = threading.Lock()
        self.latencies = []
        self.errors = 0
        self.failures = []
        self.serial = 0

    def next_serial(self):
        with self.lock:
            self.serial += 1
            return self.serial

    def one(self, client, i):
        k = i % 20
        code = random.choice(self.codes)
        if k < 12:
            req = ("GET", f"/api/v1/subjects/{code}/check?scenario=bidding", None, self.tokens["officer"])
        elif k < 16:
            req = ("GET", f"/api/v1/public/subjects/{code}", None, None)
        elif k < 18:
            req = ("GET", "/api/v1/search?q=" + urllib.parse.quote(random.choice(["科技", "贸易", "建设", "南京"])),
                   None, None)
        else:
            n = self.next_serial()
            row = {"CF_XDR_MC": "南京某某科技有限公司", "CF_XDR_LB": "法人及非法人组织",
                   "CF_XDR_SHXYM": "91320100748204660Q", "CF_FRDB": "张三",
                   "CF_WSH": f"宁市监罚〔2026〕S{n}号", "CF_WFXW": "虚假宣传", "CF_SY": "发布虚假广告",
                   "CF_YJ": "《中华人民共和国广告法》第五十五条", "CF_CFLB": "罚款", "CF_NR": "罚款",
                   "CF_NR_FK": 1.5, "CF_JDRQ": time.strftime("%Y-%m-%d", time.gmtime(time.time() - 5 * 86400)),
                   "CF_CFJG": "南京市市场监督管理局", "CF_CFJGDM": DEP,
                   "CF_SJLY": "南京市市场监督管理局", "CF_SJLYDM": DEP}
            req = ("POST", "/api/v1/records?item=CF", [row], self.tokens["operator"])
        t0 = time.perf_counter()
        status, body = client.call(*req)
        ms = (time.perf_counter() - t0) * 1000
        with self.lock:
            self.latencies.append(ms)
            if status != 200 and not (status == 404 and "/public/subjects/" in req[1]):
                self.errors += 1
                if len(self.failures) < 5:
                    self.failures.append(f"{status} {req[0]} {req[1]} {body[:200]!r}")

    def take(self):
        with self.lock:
            lat, err = self.latencies, self.errors
            self.latencies, self.errors = [], 0
            return lat, err


def peak(port, mix, seconds=30, clients=8):
    stop = time.time() + seconds
    done = [0] * clients

    def run(j):
        c = Client(port)
        i = j
        while time.time() < stop:
            mix.one(c, i)
            i += clients
            done[j] += 1

    threads = [threading.Thread(target=run, args=(j,)) for j in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    mix.take()
    return sum(done) / seconds


def sample(pid, data):
    rss = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) // 1024
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    size = lambda p: os.path.getsize(p) // 1024 if os.path.exists(p) else 0
    return rss, fds, size(os.path.join(data, "xinyong.db-wal")), size(os.path.join(data, "xinyong.db"))


def pct(values, q):
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def soak(port, pid, data, mix, rate, minutes, on_row):
    """Open loop: request i is due at start + i / rate, taken by one of 16 workers."""
    start = time.time()
    end = start + minutes * 60
    counter = {"i": 0}
    lock = threading.Lock()

    def worker():
        c = Client(port)
        while True:
            with lock:
                i = counter["i"]
                counter["i"] += 1
            due = start + i / rate
            if due >= end:
                return
            wait = due - time.time()
            if wait > 0:
                time.sleep(wait)
            mix.one(c, i)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(16)]
    for t in threads:
        t.start()
    for minute in range(1, minutes + 1):
        time.sleep(max(0, start + minute * 60 - time.time()))
        lat, err = mix.take()
        rss, fds, wal, db = sample(pid, data)
        on_row([minute, len(lat), round(len(lat) / 60, 1), round(pct(lat, 0.5), 2), round(pct(lat, 0.99), 2),
                err, rss, fds, wal, db])
    for t in threads:
        t.join(timeout=30)


COLUMNS = ["minute", "requests", "per_second", "p50_ms", "p99_ms", "errors", "rss_mib", "open_files",
           "wal_kib", "db_kib"]


def svg(rows, rate, out):
    panels = [("rss_mib", "resident memory (MiB)"), ("open_files", "open files"),
              ("wal_kib", "SQLite WAL (KiB)"), ("p99_ms", "p99 latency (ms)")]
    w, h, pad = 560, 220, 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * w}" height="{2 * h + 40}" '
             f'font-family="sans-serif" font-size="12"><rect width="100%" height="100%" fill="#fff"/>',
             f'<text x="10" y="22" font-size="15">Soak: mixed traffic at {rate:.0f} requests/s '
             f'(half the measured peak), {len(rows)} minutes, sampled each minute</text>']
    for n, (key, title) in enumerate(panels):
        ox, oy = (n % 2) * w, 40 + (n // 2) * h
        col = COLUMNS.index(key)
        ys = [r[col] for r in rows]
        top = max(ys) * 1.15 or 1
        pts = " ".join(f"{ox + pad + (r[0] - 1) * (w - 2 * pad) / max(1, len(rows) - 1):.1f},"
                       f"{oy + h - pad - y * (h - 2 * pad) / top:.1f}" for r, y in zip(rows, ys))
        parts.append(f'<text x="{ox + pad}" y="{oy + 18}">{title}</text>')
        parts.append(f'<line x1="{ox + pad}" y1="{oy + h - pad}" x2="{ox + w - pad}" y2="{oy + h - pad}" stroke="#999"/>')
        parts.append(f'<line x1="{ox + pad}" y1="{oy + pad}" x2="{ox + pad}" y2="{oy + h - pad}" stroke="#999"/>')
        parts.append(f'<text x="{ox + 4}" y="{oy + pad + 4}">{top:.0f}</text><text x="{ox + 4}" y="{oy + h - pad}">0</text>')
        parts.append(f'<text x="{ox + w - pad - 40}" y="{oy + h - pad + 16}">minute {len(rows)}</text>')
        parts.append(f'<polyline fill="none" stroke="#c0392b" stroke-width="2" points="{pts}"/>')
    parts.append("</svg>")
    with open(out, "w") as f:
        f.write("\n".join(parts))


def verdict(rows):
    body = rows[2:] if len(rows) > 4 else rows
    tenth = max(1, len(body) // 10)
    lines = []
    for key in ("rss_mib", "open_files", "wal_kib", "p99_ms"):
        col = COLUMNS.index(key)
        first = statistics.median(r[col] for r in body[:tenth])
        last = statistics.median(r[col] for r in body[-tenth:])
        change = (last - first) / first if first else 0.0
        lines.append(f"{key}: first {first} last {last} ({change:+.1%}) "
                     f"{'flat' if abs(change) <= 0.10 else 'NOT flat'}")
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True)
    ap.add_argument("--minutes", type=int, default=60)
    ap.add_argument("--subjects", type=int, default=5000)
    ap.add_argument("--out", default="docs/soak")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="xinyong-soak-")
    data, server, port, password = start_platform(os.path.abspath(args.binary), args.subjects, work)
    try:
        tokens, codes = sign_in(port, password)
        mix = Mix(tokens, codes)
        top = peak(port, mix)
        rate = top / 2
        print(f"peak: {top:.1f} requests/s from 8 closed-loop clients; soak at {rate:.1f}/s "
              f"for {args.minutes} min", flush=True)
        rows = []
        path = os.path.join(args.out, "soak.csv")
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(COLUMNS)

            def on_row(row):
                rows.append(row)
                w.writerow(row)
                f.flush()
                print(" ".join(f"{k}={v}" for k, v in zip(COLUMNS, row)), flush=True)

            soak(port, server.pid, data, mix, rate, args.minutes, on_row)
        svg(rows, rate, os.path.join(args.out, "soak.svg"))
        chromium = shutil.which("chromium")
        if chromium:
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                            f"--screenshot={os.path.abspath(os.path.join(args.out, 'soak.png'))}",
                            "--window-size=1120,480", "file://" + os.path.abspath(os.path.join(args.out, "soak.svg"))],
                           capture_output=True, timeout=60)
        for line in verdict(rows):
            print(line)
        errors = sum(r[COLUMNS.index("errors")] for r in rows)
        print(f"errors: {errors}" + (f" e.g. {mix.failures}" if mix.failures else ""))
        return 1 if errors else 0
    finally:
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
